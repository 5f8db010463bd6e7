"""Places: toponyms found with offsets and put on the map from the offline gazetteer."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from dateline.facets.places import places as places_facet
from dateline.facets.places.candidates import candidates
from dateline.lexicon import gazetteer


@pytest.fixture(scope="module")
def extract(facet_input):
    """Only the places facet over a parsed text: these tests must not depend on the other facets."""
    return lambda text: SimpleNamespace(places=places_facet.FACET.extract(facet_input(text)))


def _places(record, text):
    return {p.text: p for p in record.places if p.text == text}


def test_keys_ignore_article_apostrophes_and_transliteration():
    assert gazetteer.key("Al-Basrah") == gazetteer.key("Basrah")
    assert gazetteer.loose_key("Ma'qil") == gazetteer.loose_key("Maakal")
    assert gazetteer.loose_key("Hayyaniya") == gazetteer.loose_key("Hayaniyah")


def test_offsets_point_into_the_text(extract):
    text = "Gunmen attacked a checkpoint in Mosul on Monday, police in Baghdad said."
    rec = extract(text)
    assert rec.places
    for p in rec.places:
        assert text[p.start:p.end] == p.text


def test_article_country_decides_between_namesakes(extract):
    text = ("Iraqi troops clashed with militiamen in Basra on Tuesday. Residents of Basra said "
            "fighting also spread to the southern city of Najaf, 160 km south of Baghdad.")
    rec = extract(text)
    najaf = _places(rec, "Najaf")["Najaf"]
    assert najaf.country == "Iraq" and abs(najaf.lat - 32.0) < 0.5
    basra = _places(rec, "Basra")["Basra"]
    assert basra.feature == "city" and abs(basra.lon - 47.8) < 0.3


def test_state_after_comma_picks_the_town(extract):
    rec = extract("The mayor of Springfield, Illinois, said the flood had passed.")
    town = _places(rec, "Springfield")["Springfield"]
    assert town.admin1 == "Illinois" and abs(town.lon - (-89.6)) < 0.5


def test_state_abbreviation_after_comma(extract):
    rec = extract("Police in Athens, Ga., arrested two men after the fire.")
    town = _places(rec, "Athens")["Athens"]
    assert town.country == "United States" and town.admin1 == "Georgia"


def test_adjectives_and_institutions_are_not_places(extract):
    rec = extract("An Iraqi official met American diplomats at the Pentagon in Washington.")
    texts = {p.text for p in rec.places}
    assert "Iraqi" not in texts and "American" not in texts and "Pentagon" not in texts
    assert "Washington" in texts


def test_unknown_district_sits_in_the_article_city(extract):
    text = ("Clashes continued in Basra on Friday. Soldiers searched homes in the district of "
            "Zawiyat Tarmeen, witnesses in Basra said.")
    rec = extract(text)
    district = [p for p in rec.places if "Tarmeen" in p.text]
    assert district and district[0].feature == "district"
    assert abs(district[0].lat - 30.5) < 0.2


def test_supplement_knows_districts_the_packages_lack(extract):
    rec = extract("US troops sealed off Shula and Sadr City in Baghdad on Sunday.")
    shula = _places(rec, "Shula")["Shula"]
    assert shula.feature == "district" and abs(shula.lat - 33.38) < 0.1


def test_country_by_everyday_name(extract):
    rec = extract("Officials in Britain and the U.S. condemned the attack in Kabul.")
    places = {p.text: p for p in rec.places}
    assert places["Britain"].feature == "country" and places["Britain"].country == "United Kingdom"
    assert places["Kabul"].country == "Afghanistan"


def test_county_has_its_own_point(extract):
    rec = extract("Deputies of the Hall County Sheriff's Office searched a farm near Gainesville on Tuesday.")
    county = _places(rec, "Hall County")["Hall County"]
    assert county.admin1 == "Georgia" and abs(county.lat - 34.3) < 0.3


def test_names_near_each_other_pick_the_local_namesake(extract):
    text = ("A Lebanon man was arrested on Friday. Deputies took him to the Boone County jail, and his truck "
            "was found in Zionsville, police in Lebanon said.")
    rec = extract(text)
    lebanon = [p for p in rec.places if p.text == "Lebanon"]
    assert lebanon and all(p.admin1 == "Indiana" for p in lebanon)


def test_famous_country_stays_a_country_without_local_context(extract):
    rec = extract("Israeli jets struck targets in southern Lebanon on Sunday, officials in Beirut said.")
    assert _places(rec, "Lebanon")["Lebanon"].feature == "country"


def test_state_name_means_the_state(extract):
    rec = extract("Health officials reported new flu cases in California and Oklahoma this week.")
    places = {p.text: p for p in rec.places}
    assert places["California"].feature == "admin1" and places["Oklahoma"].feature == "admin1"


def test_capital_of_the_story_country(extract):
    rec = extract("Farmers from Ohio and Texas drove to Washington on Monday to lobby Congress.")
    washington = _places(rec, "Washington")["Washington"]
    assert abs(washington.lat - 38.9) < 0.2 and abs(washington.lon - (-77.0)) < 0.2


def test_bare_name_takes_the_sense_of_its_qualified_mention(extract):
    text = ("The singer arrived in Athens, Greece, on Monday after a tour of Texas and Georgia. "
            "Fans waited for her at the airport in Athens.")
    rec = extract(text)
    athens = [p for p in rec.places if p.text == "Athens"]
    assert len(athens) == 2 and all(p.country == "Greece" for p in athens)


def test_county_outside_the_us(extract):
    rec = extract("Floods closed roads across Suffolk and Norfolk, the Environment Agency in England said.")
    places = {p.text: p for p in rec.places}
    assert places["Suffolk"].country == "United Kingdom" and places["Norfolk"].country == "United Kingdom"


def test_place_inside_an_organisation_keeps_its_direction_word(extract):
    rec = extract("The West Virginia Division of Highways closed the bridge on Monday.")
    assert "West Virginia" in {p.text for p in rec.places}


def test_loose_spelling_needs_the_big_city_own_name():
    assert not any(e.name == "Moscow" for e in candidates("Muskoka", (), None))
    assert any(e.name == "Mauritius" for e in candidates("Mauritious", (), None))


def test_list_of_states_is_not_town_and_state(extract):
    rec = extract("Cases were found in Georgia, Oklahoma, Pennsylvania and Wisconsin, the agency said.")
    places = {p.text: p for p in rec.places}
    assert all(places[s].feature == "admin1" for s in ("Oklahoma", "Pennsylvania", "Wisconsin"))


def test_acronym_is_not_a_town_of_that_name(extract):
    rec = extract("EU ministers met in Brussels on Monday.")
    assert all(p.name != "Eu" for p in rec.places)


def test_towns_outside_the_us_carry_their_province(extract):
    record = extract("Gunmen attacked a checkpoint near Mosul, and a bomb hit a market in Maiduguri.")
    assert _places(record, "Mosul")["Mosul"].admin1 == "Nineveh"
    assert _places(record, "Maiduguri")["Maiduguri"].admin1 == "Borno"


def test_an_unknown_district_takes_the_country_of_its_town(extract):
    record = extract("A bomb exploded in the Zaytun district of Kirkuk, police in Kirkuk said.")
    district = next(p for p in record.places if p.feature == "district")
    assert district.country == "Iraq" and district.lat is not None
