from dateline.io import byline


def _place(text):
    found = byline.dateline_place(text)
    return text[found[0]:found[1]] if found else None


def test_archive_head_dates_the_story_and_names_its_lower_case_dateline():
    text = "This story is from June 4, 2003 surat: two men were held by the police on tuesday."
    assert byline.parse_head(text).published == "2003-06-04"
    assert _place(text) == "surat"
    assert _place("This story is from June 4, 2003\n\nrajkot: a mob burnt a bus.") == "rajkot"


def test_wire_datelines_name_their_place_and_page_furniture_does_not():
    assert _place("Storm in the hills\n\nMOPTI, June 3 (Reuters) - A bus was attacked.") == "MOPTI"
    assert _place("KANO (AP) — Gunmen attacked a market.") == "KANO"
    assert _place("Update: the story below was changed.") is None
