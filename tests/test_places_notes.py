"""Places in analysts' notes: a bracket's units rule out a namesake abroad, a small town after "near" or "in"
that the NER took for a group or a people is a place, a quarter named before its name ("Colonia X") is in the
note's town, a state written with a particle is whole, a district is not a namesake village's. Texts
invented."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from dateline.facets.places import places as places_facet


@pytest.fixture(scope="module")
def places_of(facet_input):
    return lambda text: SimpleNamespace(places=places_facet.FACET.extract(facet_input(text)))


def only(rec, text):
    """The one place read from `text`; fails when it is read twice or not at all."""
    [place] = [p for p in rec.places if p.text == text]
    return place


def test_a_bracketed_village_read_as_a_namesake_abroad_is_placed_in_its_units(extract):
    rec = extract("On 3 June 2021, soldiers clashed with gunmen in Parisu (Bama LGA, Borno).", published="2021-06-04")
    [ev] = rec.events
    assert ev.location.country == "Nigeria"


def test_a_small_town_after_near_is_a_place(places_of):
    rec = places_of("On 3 June 2021, shelling was heard near Opytne.")
    town = only(rec, "Opytne")
    assert town.country == "Ukraine" and town.feature == "city"


def test_a_province_the_ner_read_as_a_people_is_a_place(places_of):
    rec = places_of("On 3 June 2021, Taliban fighters attacked a checkpoint in Herat province.")
    herat = only(rec, "Herat")
    assert herat.country == "Afghanistan" and herat.feature == "admin1"


def test_a_nationality_is_no_place(places_of):
    rec = places_of("On 3 June 2021, Afghan forces attacked a checkpoint in Herat.")
    assert not any(p.text == "Afghan" for p in rec.places)


def test_a_colonia_is_a_quarter_of_the_notes_town(places_of):
    rec = places_of("On 3 June 2021, in Acapulco, Guerrero, a man was shot dead in Colonia Independencia.")
    quarter = only(rec, "Colonia Independencia")
    town = only(rec, "Acapulco")
    assert quarter.admin1 == town.admin1 and (quarter.lat, quarter.lon) == (town.lat, town.lon)


def test_a_state_with_a_particle_qualifies_whole(places_of):
    rec = places_of("On 3 June 2021, in Ponta Pora, Mato Grosso do Sul, police seized a truck loaded with cigarettes.")
    town = only(rec, "Ponta Pora")
    assert town.feature == "city" and town.admin1 == "Mato Grosso do Sul"


def test_a_town_cut_short_before_a_particle_is_not_taken(places_of):
    rec = places_of("On 3 June 2021, locals protested in Bom Jesus do Galho against the closure of the clinic.")
    assert not any(p.text == "Bom Jesus" for p in rec.places)


def test_a_district_is_not_a_small_namesake_in_another_province(places_of):
    rec = places_of("On 3 June 2021, fishermen demonstrated in Cavite against the rise in fuel prices.")
    cavite = only(rec, "Cavite")
    assert cavite.feature == "admin2" and cavite.admin1.startswith("Calabarzon")


def test_a_mission_says_where_its_front_is(places_of):
    rec = places_of("On 3 June 2021, the OSCE SMM recorded five explosions near Vesele.")
    village = only(rec, "Vesele")
    assert village.country == "Ukraine" and village.admin1 == "Donetska oblast"


def test_a_facility_the_gazetteer_lacks_is_at_the_town_it_is_named_after(places_of):
    rec = places_of("On 3 June 2021, heavy machine-gun fire was heard near Donetsk Airport.")
    airport = only(rec, "Donetsk Airport")
    assert airport.country == "Ukraine" and airport.lat is not None and abs(airport.lat - 48.0) < 0.2


def test_a_street_named_after_another_city_is_not_that_city(places_of):
    rec = places_of("On 3 June 2021, shells fell on houses in Sanaa Street in the east of Hodeidah city.")
    assert not any(p.text.startswith("Sanaa") and p.name == "Sanaa" for p in rec.places)


def test_a_colonia_cut_off_its_name_is_not_cologne(places_of):
    rec = places_of("On 3 June 2021, in Cardenas, Tabasco, a taxi driver was shot dead in Colonia Las Tinas.")
    assert not any(p.country == "Germany" for p in rec.places)


def test_a_hyphenated_city_cut_by_the_ner_is_whole(places_of):
    rec = places_of("On 3 June 2021, nurses protested in Ivano-Frankivsk over unpaid wages.")
    city = only(rec, "Ivano-Frankivsk")
    assert city.country == "Ukraine" and city.feature == "city"


def test_hama_is_its_own_governorate_not_homs(places_of):
    rec = places_of("On 3 June 2021, regime forces shelled farmland in Hama countryside.")
    hama = only(rec, "Hama")
    assert hama.country == "Syria" and hama.admin1 == "Hama" and hama.lat > 34.9


def test_a_hyphenated_governorate_keeps_its_article(places_of):
    rec = places_of("On 3 June 2021, a farmer was shot dead in Ara in As-Sweida while he was harvesting.")
    assert any(p.text == "As-Sweida" and p.country == "Syria" for p in rec.places)
    assert all(p.country in (None, "Syria") for p in rec.places)


def test_a_town_held_by_its_state_beats_a_namesake_near_a_hamlet_named_like_the_state(places_of):
    rec = places_of("On 3 June 2021, in Lazaro Cardenas, Michoacan, dock workers protested over unpaid wages.")
    assert {p.admin1 for p in rec.places} == {"Michoacan de Ocampo"}

