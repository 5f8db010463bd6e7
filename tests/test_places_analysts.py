"""Places as analysts write them and as the entities see them: an outlet is not a place, a town the NER took
for a person is listed as a place, "Town, State" the NER missed, a neighbourhood in its town, no small
namesake abroad. Texts invented."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from dateline.facets.places import places as places_facet


@pytest.fixture(scope="module")
def places_of(facet_input):
    return lambda text: SimpleNamespace(places=places_facet.FACET.extract(facet_input(text)))


def test_an_outlet_is_not_a_place(places_of):
    rec = places_of("MOSUL, May 2 (Harbor Wire) - A bomb exploded at a market in Mosul on Wednesday. A police "
                    "officer told the Harbor Wire that a suspect was arrested.")
    assert not any("Harbor" in p.text for p in rec.places)
    assert any(p.text == "Mosul" and p.country == "Iraq" for p in rec.places)


def test_an_outlet_is_an_organisation_and_a_town_read_as_a_person_is_a_place(extract):
    rec = extract("MOSUL, May 2 (Harbor Wire) - Soldiers clashed with militants near the town of Tuz Khurmatu on "
                  "Monday, and two gunmen were killed near the village of Bashir, an officer told the Harbor Wire.",
                  published="2019-05-03")
    labels = {e.text: e.label for e in rec.entities}
    assert labels.get("Harbor Wire") not in ("GPE", "LOC")
    assert labels.get("Bashir") in (None, "GPE")


def test_a_neighbourhood_is_in_the_reports_town_not_a_namesake_far_away(places_of):
    rec = places_of("On 5 May 2020, in Fortaleza, Ceara, a woman was shot dead in Bom Jardim neighborhood by "
                    "three armed men.")
    [quarter] = [p for p in rec.places if p.text == "Bom Jardim"]
    [town] = [p for p in rec.places if p.text == "Fortaleza"]
    assert quarter.admin1 == "Ceara" and (quarter.lat, quarter.lon) == (town.lat, town.lon)


def test_a_report_placed_by_its_units_puts_no_small_town_abroad(places_of):
    rec = places_of("On 12 June 2021, a roadside bomb went off near the Jaru crossroads in Mhemideh in Deir-ez-Zor.")
    assert all(p.country in (None, "Syria") for p in rec.places)  # Jaru is a town in Brazil only


def test_a_town_and_its_state_the_ner_missed_are_places(places_of):
    rec = places_of("On 2 June 2021, in Tecpan de Galeana, Guerrero, a group of traders blocked the highway.")
    town = next(p for p in rec.places if p.text == "Tecpan de Galeana")
    assert (town.country, town.admin1, town.basis) == ("Mexico", "Guerrero", "qualifier")


def test_a_chinese_province_is_the_province(places_of):
    rec = places_of("Officials in the central province of Hunan reported a new case of bird flu on Monday.")
    [hunan] = [p for p in rec.places if p.text == "Hunan"]
    assert hunan.feature == "admin1" and hunan.country == "China" and abs(hunan.lat - 27.6) < 1.0


def test_a_town_of_a_named_state_is_placed_there_not_at_a_namesake_abroad(places_of):
    rec = places_of("On 4 March 2021, in Rio Claro, Lara state, residents protested over gas shortages.")
    town = next(p for p in rec.places if p.text == "Rio Claro")
    assert town.country == "Venezuela" and town.basis == "enclosing-unit"


def test_a_neighbourhood_of_a_town_is_in_that_town(places_of):
    rec = places_of("On 9 June 2021, residents of Yenimahalle neighborhood of Talas, Kayseri marched against a "
                    "quarry, then drove to Istanbul.")
    quarter = next(p for p in rec.places if p.text.startswith("Yenimahalle"))
    assert quarter.country == "Turkey" and abs(quarter.lat - 38.69) < 0.5 and abs(quarter.lon - 35.55) < 0.5
