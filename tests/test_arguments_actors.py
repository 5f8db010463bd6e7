"""Who did it: claims of responsibility, named groups over classes, state forces by their act, a protest's
sides (invented reports, run through the whole pipeline)."""
from __future__ import annotations

from dateline.facets.arguments.actors import protest_sides
from dateline.lexicon.actors import load_actors
from dateline.record import Actor


def _violent(record):
    return [e for e in record.events if e.event_type in ("Battles", "Explosions/Remote violence",
                                                         "Violence against civilians")]


def test_a_claim_of_responsibility_names_actor1_with_its_span(extract):
    text = ("A roadside bomb killed four soldiers near Kidal on Monday. "
            "Ansar Dine claimed responsibility for the attack in a statement.")
    record = extract(text, published="2021-05-04")
    (ev,) = _violent(record)[:1]
    assert ev.actor1.name == "Ansar Dine"
    assert record.text[ev.actor1.start:ev.actor1.end] == "Ansar Dine"


def test_a_denial_names_no_one(extract):
    text = ("A roadside bomb killed four soldiers near Kidal on Monday. "
            "Ansar Dine denied responsibility for the attack.")
    (ev,) = _violent(extract(text, published="2021-05-04"))[:1]
    assert ev.actor1 is None or ev.actor1.name != "Ansar Dine"


def test_a_named_group_in_the_by_phrase_wins_over_an_unidentified_group(extract):
    text = "Three police officers were ambushed by a band of fighters from the Shining Path near Ayacucho on Friday."
    (ev,) = _violent(extract(text, published="2021-05-04"))[:1]
    assert ev.actor1.name == "Shining Path"


def test_an_owner_wins_over_its_unit_and_a_named_army_is_no_state():
    book = load_actors()
    assert book.normalise("the UVF's east Belfast brigade", "brigade", "United Kingdom").name.startswith("UVF")
    assert book.normalise("the Kosovo Liberation Army", "Army", "Serbia").inter == 2
    assert book.normalise("the Serbian army", "army", "Serbia").name == "Military Forces of Serbia"


def test_the_authorities_arresting_are_police_and_protesters_are_actor1(extract):
    record = extract("Colombian authorities arrested five men in Cali on Tuesday.", published="2021-05-05")
    arrests = [e for e in record.events if e.sub_event_type == "Arrests"]
    assert arrests and arrests[0].actor1.name == "Police Forces of Colombia"
    police = book_actor("Police Forces of Egypt", 1)
    crowd = book_actor("Protesters (Egypt)", 6)

    class Protest:
        event_type, sub_event_type = "Protests", "Protest with intervention"

    assert protest_sides(load_actors(), Protest, police, crowd, "Egypt") == (crowd, police)
    alone = protest_sides(load_actors(), Protest, police, None, "Egypt")
    assert alone[0].name == "Protesters (Egypt)" and alone[1] is police


def book_actor(name, inter):
    return Actor(name, inter, None, None, None)


def test_arrests_by_no_one_named_are_the_police_and_an_act_names_its_agent(extract):
    record = extract("About 25 men have been arrested in Kano since Monday.", published="2021-05-05")
    arrests = [e for e in record.events if e.sub_event_type == "Arrests"]
    assert arrests and arrests[0].actor1.name.startswith("Police Forces")
    record = extract("A trader was killed in police firing in Kano on Monday.", published="2021-05-05")
    assert any(e.actor1 is not None and e.actor1.name.startswith("Police Forces") for e in record.events)


def test_the_firing_a_death_happened_in_names_its_agent_when_parsed_as_a_gerund(extract):
    # lower-cased archive text parses "firing" as a verb: its modifier still names who fired
    record = extract("officials said that 12 persons have been killed in police firing.", published="2002-03-05")
    assert any(e.actor1 is not None and e.actor1.name.startswith("Police Forces") for e in record.events)


def test_who_fired_the_shots_someone_died_in_is_the_agent_not_the_dead(extract):
    record = extract("officials said 40 persons have died in police firing since friday.", published="2002-03-05")
    assert any(e.actor1 is not None and e.actor1.name.startswith("Police Forces") for e in record.events)
    record = extract("one person killed in police firing in the old city on friday.", published="2002-03-05")
    assert any(e.actor1 is not None and e.actor1.name.startswith("Police Forces") for e in record.events)


def test_a_passive_act_in_a_while_clause_borrows_no_agent_from_the_main_clause(extract):
    record = extract("officials said 30 people have died in police firing while over 800 have been arrested in the "
                     "state.", published="2002-03-05")
    arrests = [e for e in record.events if e.sub_event_type == "Arrests"]
    assert arrests and arrests[0].actor1.name.startswith("Police Forces")
