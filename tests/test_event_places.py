"""Where an event is, as an analyst reads it: the finest place its sentence names, a headline's place
yielding to the story's, and a country named as whose forces they are not where. Texts invented."""
from __future__ import annotations


def test_a_headline_event_takes_the_place_the_story_gives(extract):
    rec = extract("Bomb kills four near Kirkuk market; police detain two suspects\n\n"
                  "KIRKUK, March 13 (Harbor Wire) - A roadside bomb exploded beside a market in the northern Iraqi "
                  "city of Kirkuk on Tuesday, killing four civilians, police said.\n\n"
                  "He said officers had detained two suspects in the Hawija district the following day.",
                  published="2019-03-13")
    [arrest] = [e for e in rec.events if e.sub_event_type == "Arrests"]
    assert rec.text[arrest.location.text_start:arrest.location.text_end] == "Hawija"
    assert any(p.start == arrest.location.text_start for p in rec.places)


def test_a_country_whose_forces_they_are_is_not_where(extract):
    rec = extract("On 3 May 2020, the military forces of Armenia fired on the positions of the military forces of "
                  "Azerbaijan near Terter, Tartar.", published="2020-05-04")
    [ev] = rec.events
    assert rec.text[ev.location.text_start:ev.location.text_end] == "Terter"
    assert ev.location.precision == "town" and ev.location.country == "Azerbaijan"


def test_a_later_sentence_takes_the_town_not_its_province(extract):
    rec = extract("On 3 May 2020, in Jussara, Goias, military police seized 2 tonnes of smuggled cigarettes. "
                  "2 people were arrested.", published="2020-05-04")
    assert rec.events
    for ev in rec.events:
        assert rec.text[ev.location.text_start:ev.location.text_end] == "Jussara"


def test_a_bracket_after_a_country_gives_the_villages_units(extract):
    rec = extract("On 3 June 2021, militiamen shelled farms near Al Qurshiyah village in western Yemen (Hays, Al "
                  "Hudaydah), wounding two farmers.", published="2021-06-04")
    [ev] = rec.events
    assert ev.location.precision != "country" and ev.location.country == "Yemen"
    assert rec.text[ev.location.text_start:ev.location.text_end] == "Hays"


def test_a_district_is_where_not_the_province_holding_it(extract):
    rec = extract("On 8 July 2021, Taliban fighters attacked a police checkpoint in Andar district in Ghazni, "
                  "wounding three policemen.", published="2021-07-09")
    [ev] = rec.events
    assert rec.text[ev.location.text_start:ev.location.text_end].startswith("Andar")


def test_where_the_source_sits_is_not_where_the_act_was(extract):
    rec = extract("Gunmen attacked an army checkpoint in northern Mali on Monday, officials in Gao said.",
                  published="2019-03-12")
    [ev] = rec.events
    assert rec.text[ev.location.text_start:ev.location.text_end] == "Mali"
