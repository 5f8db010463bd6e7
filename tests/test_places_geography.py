"""Places on real-looking reports: the report's geography first, names within the units that hold them,
and lower-case text. Every text here is invented."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from dateline.facets.places import places as places_facet
from dateline.facets.places.candidates import candidates
from dateline.facets.places.geography import wire_dateline


@pytest.fixture(scope="module")
def extract(facet_input):
    return lambda text: SimpleNamespace(places=places_facet.FACET.extract(facet_input(text)))


def _at(record, text):
    found = [p for p in record.places if p.text == text]
    assert found, f"{text!r} not among {[p.text for p in record.places]}"
    return found[0]


def test_a_state_after_a_town_is_the_state_and_holds_the_town(extract):
    rec = extract("Farmers blocked a highway near Hermosillo, Sonora, on Tuesday.")
    assert _at(rec, "Sonora").feature == "admin1"
    town = _at(rec, "Hermosillo")
    assert town.feature == "city" and town.country == "Mexico" and town.admin1 == "Sonora"


def test_a_list_of_towns_is_not_a_town_and_its_province(extract):
    rec = extract("Bombs went off in Mosul, Baghdad and Basra on Monday.")
    assert all(_at(rec, n).feature == "city" for n in ("Mosul", "Baghdad", "Basra"))


def test_a_village_the_gazetteer_lacks_sits_at_its_district(extract):
    rec = extract("Gunmen burned a granary in Qwertzbury (Kaduna North, Kaduna) on Friday.")
    village = _at(rec, "Qwertzbury")
    assert village.country == "Nigeria" and village.admin1 == "Kaduna"
    assert village.feature == "admin2" and village.lat is not None and village.geonameid is None


def test_a_town_in_a_bracketed_district_is_found_within_it(extract):
    rec = extract("Soldiers clashed with rebels in Musawa (Musawa, Katsina) on Sunday.")
    town = _at(rec, "Musawa")
    assert town.country == "Nigeria" and town.admin1 == "Katsina"


def test_the_wire_dateline_decides_between_namesakes(extract):
    rec = extract("KYIV (Reuters) - A Ukrainian activist was beaten in Odessa on Sunday, police said.")
    assert _at(rec, "Odessa").country == "Ukraine"


def test_a_unit_named_nowhere_in_the_report_places_nothing_abroad(extract):
    rec = extract("Maoist rebels attacked Zorblat village (Bara district), Nepal police said on Monday.")
    assert all(p.country in (None, "Nepal") for p in rec.places)


def test_dateline_forms():
    assert wire_dateline("KABUL (Reuters) - Gunmen attacked a bus.")[2].country == "AF"
    assert wire_dateline("MOSUL, Iraq - A bomb exploded.")[2].country == "IQ"
    assert wire_dateline("this story is from may 2, 2003 ahmedabad: the police said.")[2].country == "IN"
    assert wire_dateline("Gunmen attacked a bus in the north on Monday, officials said.") is None


def test_lower_case_reports_have_towns_but_not_common_words(extract):
    text = ("this story is from may 2, 2003 ahmedabad: the police arrested six men in vadodara on friday "
            "after a clash near the bus station. the post office and the market stayed closed, and the "
            "police said more arrests would follow in the coming days across the state.")
    rec = extract(text)
    names = {p.text: p for p in rec.places}
    assert names["vadodara"].country == "India" and names["ahmedabad"].country == "India"
    assert "police" not in names and "post" not in names


def test_an_area_of_a_district_is_read_inside_its_province(extract):
    rec = extract("Militants raided a checkpoint in Qarabagh area of Zendajan district, Herat, on Sunday.")
    town = _at(rec, "Qarabagh")
    assert (town.country, town.admin1, town.basis) == ("Afghanistan", "Herat", "qualifier")
    assert _at(rec, "Herat").feature == "admin1"


def test_a_town_of_a_county_is_in_that_county_not_a_namesake_of_it(extract):
    rec = extract("Farmers protested in Aiud of the Alba county on Monday.")
    assert (_at(rec, "Aiud").country, _at(rec, "Alba").country) == ("Romania", "Romania")
    assert _at(rec, "Aiud").admin2 is not None


def test_a_village_the_gazetteer_lacks_is_put_at_its_unit_and_says_so(extract):
    rec = extract("Gunmen shot a shopkeeper in Tal Zorbek village in Raqqa province.")
    village = _at(rec, "Tal Zorbek")
    assert (village.country, village.feature, village.basis) == ("Syria", "admin1", "enclosing-unit")
    assert village.lat is not None


def test_a_state_known_only_from_the_registries_still_qualifies_its_town(extract):
    rec = extract("Women staged a sit-in at Dunda (Uttarakhand) on Friday.")
    assert all(p.country == "India" for p in rec.places)


def test_a_district_spelling_guessed_loosely_is_not_a_district_abroad():
    assert not [e for e in candidates("Saladin", (), None) if e.feature == "admin2"]


def test_a_town_and_its_country_read_as_one_name_are_two(extract):
    rec = extract("On Monday, residents banged pots in Nis, Serbia, against the curfew.")
    assert (_at(rec, "Nis").country, _at(rec, "Serbia").feature) == ("Serbia", "country")


def test_a_state_the_ner_cut_in_two_is_one_state(extract):
    rec = extract("On Monday, in Mexicali, Baja California, nurses marched for masks.")
    assert _at(rec, "Baja California").feature == "admin1"
    assert _at(rec, "Mexicali").country == "Mexico"


def test_a_country_that_modifies_a_noun_does_not_move_a_town_there(extract):
    rec = extract("Shops closed in Sidon on Tuesday as the US dollar rose again.")
    assert _at(rec, "Sidon").country == "Lebanon"


def test_an_english_name_of_a_big_city_is_that_city_in_a_report_on_its_country(extract):
    rec = extract("Ukrainian veterans marched in Odessa on Sunday; in Odessa the police watched.")
    assert _at(rec, "Odessa").country == "Ukraine"


def test_a_bracketed_unit_keeps_a_town_out_of_its_namesakes_countries(extract):
    rec = extract("On Monday, soldiers clashed with militants near Boni (Mopti).")
    assert _at(rec, "Boni").country == "Mali" and _at(rec, "Boni").basis in ("qualifier", "enclosing-unit")
