"""Events as an ACLED coder reads a conflict note: fire exchanged at positions is a battle, heavy weapons
alone strike from afar, a foiled assault was fought off, groups of villagers brawl as a mob, posture
nouns that arrive or take place are moves, arrest words in other senses arrest no one, and a protest is
not broken up by the arrest it protests.

Every text here is invented.
"""
from __future__ import annotations

import pytest

from dateline.facets import events
from dateline.io.documents import Document
from dateline.record import Article
from dateline.run.pipeline import extract_one


@pytest.fixture
def first_sub(facet_input):
    """The sub-type of the events facet's first reading of a text, or None."""

    def go(text: str) -> str | None:
        evs = events.FACET.extract(facet_input(text)).events
        return evs[0].sub_event_type if evs else None

    return go


def record(text: str, published: str = "2021-06-12"):
    return extract_one(Document("t", text, Article(published=published), "t"))


@pytest.mark.parametrize("text, sub", [
    # small arms fired at positions: the two sides face each other
    ("On 3 June, northern forces fired small arms at the positions of the border militia near Orlo.", "Armed clash"),
    ("Army units fired with unspecified weapons on the positions of the rebels near Kesta.", "Armed clash"),
    # mortars with small arms, or fire both ways, are a battle; mortars alone strike from afar
    ("Rebels fired mortars and small arms at army positions near Vardo.", "Armed clash"),
    ("Monitors recorded 40 explosions from army weapons in both directions of the front line near Pelko.",
     "Armed clash"),
    ("Rebels fired mortars at army positions near Vardo.", "Shelling/artillery/missile attack"),
    ("Rebels fired heavy machine guns at army positions near Vardo.", "Shelling/artillery/missile attack"),
    ("Clashes took place between the army and rebels near Sorna, amid army shelling on the area.", "Armed clash"),
    # explosions told as coming from weapons, not from a device
    ("Monitors recorded 12 explosions involving unknown weapons near Pelko.", "Shelling/artillery/missile attack"),
    ("An explosion ripped through a market in Pelko, killing three.", "Remote explosive/landmine/IED"),
    # an assault foiled is fought off; a bomb foiled is disrupted
    ("Government forces thwarted an attack of the rebels on the Dama front.", "Armed clash"),
    ("Police thwarted a bomb attack on the station in Dama.", "Disrupted weapons use"),
    # villagers or families fighting with no armed force or gun are a mob
    ("Two groups clashed over a land dispute in Tarsi village, injuring five.", "Mob violence"),
    ("Two groups of gunmen clashed in the market of Tarsi.", "Armed clash"),
    # a gang that fights the police is a battle, whatever the crime
    ("A drug trafficker was killed after exchanging fire with police in the Vila Nova district.", "Armed clash"),
    # the deaths of a police firing, in lower-case archive text
    ("two persons were killed in police firing near the station on monday.", "Attack"),
    # an attack that kills is the attack, the houses it burned part of it; burning alone is destruction
    ("Gunmen attacked the village of Tarsi, killed nine herders and burned houses.", "Attack"),
    ("Gunmen burned houses in the village of Tarsi.", "Looting/property destruction"),
    # a body found is an attack on a civilian
    ("A man was found dead in the Colonia Verde district of Tolan.", "Attack"),
    # posture nouns that arrive or take place
    ("Rebel reinforcements arrived at the Kafr front on Sunday.", "Change to group/activity"),
    ("A joint patrol by Turkish and Russian forces took place on the highway.", "Change to group/activity"),
])
def test_conflict_notes(first_sub, text, sub):
    assert first_sub(text) == sub


@pytest.mark.parametrize("text", [
    "The company fired its manager on Monday.",
    "The patrol took a photograph of the bridge.",
    # arrest words in their other senses, in lower-case archive text
    "he told the minister about the steps taken in the wake of the march.",
    "his arrest warrant was signed at noon.",
    "the letter apprehended that the volunteers would form groups.",
    "party workers are apprehending a complete alienation of their supporters.",
])
def test_no_event(first_sub, text):
    assert first_sub(text) is None


def test_a_suspected_group_still_did_it(first_sub):
    """'suspected militants killed ...': the participle describes the killers; it does not attribute the act."""
    assert first_sub("On 9 June, suspected militants killed nine civilians in the village of Tasa.") == "Attack"


def test_a_protest_against_an_arrest_is_not_broken_up_by_it():
    rec = record("Journalists protested in Kora against the arrest of their editor and demanded his release. "
                 "He was arrested on Monday in connection with a tax case.")
    assert [e.sub_event_type for e in rec.events][0] == "Peaceful protest"


def test_a_protest_that_calls_for_a_removal_is_peaceful():
    rec = record("Traders protested in Kora against new taxes and called on the governor to remove them.")
    assert rec.events[0].sub_event_type == "Peaceful protest"


def test_a_protest_broken_up_by_arrests_is_an_intervention():
    rec = record("Students marched in the capital on Sunday. Police arrested ten of them.")
    assert rec.events[0].sub_event_type == "Protest with intervention"


def test_a_day_is_no_toll():
    """'Around 9 June, a man was found dead': the day before the victim counts nobody."""
    rec = record("Around 9 June 2021, a man was found dead in the Colonia Verde district of Tolan.")
    assert rec.events[0].fatalities is not None and rec.events[0].fatalities.count == 1
