from dateline.io import byline


def test_archive_head_dates_the_story():
    text = "This story is from June 4, 2003 surat: two men were held by the police on tuesday."
    assert byline.parse_head(text).published == "2003-06-04"
