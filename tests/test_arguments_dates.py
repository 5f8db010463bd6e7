"""When: an event's date comes from its own clause; years that name things date nothing (invented reports)."""
from __future__ import annotations


def _dates(extract, text, published="2021-05-07"):  # a Friday
    return [(e.sub_event_type, e.date.start, e.date.precision) for e in extract(text, published=published).events]


def test_a_time_of_the_previous_sentence_is_not_borrowed(extract):
    text = ("In April, the United Nations said the war had displaced thousands.\n\n"
            "Gunmen killed four traders in Mopti, a local official told reporters.")
    dated = _dates(extract, text)
    assert dated and all(start != "2021-04-01" for _, start, _ in dated if _ != "Peaceful protest")


def test_a_strength_or_a_thing_named_by_a_year_dates_nothing(extract):
    for text in ("A 2000-strong mob burnt shops in Mopti.", "Rioters burnt shops in Mopti near the 2011 memorial."):
        dated = _dates(extract, text)
        assert dated and all(precision != "year" for _, _, precision in dated)
