"""Time expressions: found with offsets, typed, and resolved against publication and discourse."""
from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from dateline.facets import times
from dateline.facets.times.calendar import Point, easter, shift, weekday_near
from dateline.facets.times.values import duration, number


@pytest.fixture(scope="module")
def timex(facet_input):
    """timex(text, published) -> ({expression text: (type, value)}, the facet's output) from the times facet alone."""

    def run(text: str, published: str | None = "2011-06-17"):
        found = times.FACET.extract(facet_input(text, dt.date.fromisoformat(published) if published else None))
        for t in found:
            assert text[t.start:t.end] == t.text
        return {t.text: (t.type, t.value) for t in found}, SimpleNamespace(found=found)

    return run


# 2011-06-17 is a Friday (ISO week 24)
def test_deictic_days_count_from_publication(timex):
    got, _ = timex("The governor resigned yesterday and his deputy will be sworn in tomorrow.")
    assert got["yesterday"] == ("DATE", "2011-06-16")
    assert got["tomorrow"] == ("DATE", "2011-06-18")


def test_weekday_follows_the_tense_of_its_verb(timex):
    _, ctx = timex("Rebels shelled the port on Tuesday. The envoy will testify on Tuesday before the council.")
    assert [t.value for t in ctx.found] == ["2011-06-14", "2011-06-21"]  # shelled: back; will testify: on


def test_same_weekday_as_publication_is_that_day(timex):
    got, _ = timex("Police said Friday that two men were arrested.")
    assert got["Friday"] == ("DATE", "2011-06-17")


def test_weeks_months_years_and_seasons(timex):
    got, _ = timex("Talks failed last week, resume next week and may end this month. "
                   "Prices rose last year and were flat last summer.")
    assert got["last week"] == ("DATE", "2011-W23")
    assert got["next week"] == ("DATE", "2011-W25")
    assert got["this month"] == ("DATE", "2011-06")
    assert got["last year"] == ("DATE", "2010")
    assert got["last summer"] == ("DATE", "2010-SU")


def test_part_of_day_is_appended(timex):
    got, _ = timex("Gunmen attacked a checkpoint on Wednesday night, officials said.")
    assert got["Wednesday night"] == ("TIME", "2011-06-15TNI")


def test_following_day_counts_from_the_last_date_told(timex):
    got, _ = timex("The army entered the town on May 2 and the militia withdrew the following day. "
                   "Three days later, the roads reopened.")
    assert got["May 2"] == ("DATE", "2011-05-02")
    assert got["the following day"] == ("DATE", "2011-05-03")
    assert got["Three days later"] == ("DATE", "2011-05-06")


def test_a_shift_needs_no_punctuation_after_it_but_is_not_a_comparison(timex):
    got, _ = timex("The dam was finished in 2003. A decade later it burst, two days later than feared.")
    assert got["A decade later"] == ("DATE", "2013")
    assert "two days later" not in got


def test_bare_month_day_takes_the_nearest_year_in_the_tense(timex):
    got, _ = timex("The vote was held on Dec. 28. A second round will be held on Jan. 9.",
                   published="2012-01-04")
    assert got["Dec. 28"] == ("DATE", "2011-12-28")
    assert got["Jan. 9"] == ("DATE", "2012-01-09")


def test_durations_sets_and_vague_expressions(timex):
    got, _ = timex("The siege lasted six days and 2 1/2 years of talks followed. Patrols run daily "
                   "and inspectors visit every week. The mayor is now in hiding and recently fled.")
    assert got["six days"] == ("DURATION", "P6D")
    assert got["2 1/2 years"] == ("DURATION", "P2Y6M")
    assert got["daily"] == ("SET", "P1D")
    assert got["every week"] == ("SET", "P1W")
    assert got["now"] == ("DATE", "PRESENT_REF")
    assert got["recently"] == ("DATE", "PAST_REF")


def test_absolute_dates_and_clock_times(timex):
    got, _ = timex("The accord of 14 March 1998 expired in the 1990s. Voting will close at 6 p.m. on Sunday.")
    assert got["14 March 1998"] == ("DATE", "1998-03-14")
    assert got["the 1990s"] == ("DATE", "199")
    assert got["6 p.m. on Sunday"] == ("TIME", "2011-06-19T18:00")


def test_counts_and_names_are_not_times(timex):
    got, _ = timex("About 1500 troops and USA Today reporters arrived; the rebels hold 2000 square miles.")
    assert got == {}


def test_the_week_before_counts_from_the_story(timex):
    got, _ = timex("Troops left the city on March 3, 2010. The week before, the talks had collapsed.")
    assert got["The week before"] == ("DATE", "2010-W08")


def test_holiday_and_weekday_inside_a_name_are_not_times(timex):
    got, _ = timex("Rioters invoked the Good Friday Agreement before Christmas Day.", published="2019-03-15")
    assert got == {"Christmas Day": ("DATE", "2018-12-25")}


def test_a_year_earlier_keeps_the_quarter_of_its_anchor(timex):
    got, _ = timex("Profit in the third quarter rose to $5 million from $4 million a year earlier.",
                   published="2011-11-02")
    assert got["the third quarter"] == ("DATE", "2011-Q3")
    assert got["a year earlier"] == ("DATE", "2010-Q3")


def test_a_bare_day_of_the_month_stays_in_the_story_month(timex):
    got, _ = timex("Troops entered the city on May 3; by the 9th, they had left.")
    assert got["the 9th"] == ("DATE", "2011-05-09")
    got, _ = timex("Fighting erupted on the 15th.")
    assert got["the 15th"] == ("DATE", "2011-06-15")
    got, _ = timex("Elections will be held on the 2nd.")
    assert got["the 2nd"] == ("DATE", "2011-07-02")


def test_the_quarter_a_year_ago_is_one_expression(timex):
    got, _ = timex("Sales rose in the second quarter. For the quarter a year ago, the firm lost money.",
                   published="2011-08-02")
    assert got == {"the second quarter": ("DATE", "2011-Q2"), "the quarter a year ago": ("DATE", "2010-Q2")}


def test_half_of_a_named_year(timex):
    got, _ = timex("Exports fell in the first half of 2009 and recovered in early 2010.")
    assert got["the first half of 2009"] == ("DATE", "2009-H1")
    assert got["early 2010"] == ("DATE", "2010")


def test_a_past_quarter_not_yet_begun_this_year_is_last_years(timex):
    got, _ = timex("The company posted a loss for the fourth quarter.", published="2012-01-26")
    assert got["the fourth quarter"] == ("DATE", "2011-Q4")


def test_dateline_sets_the_missing_publication_date(extract):
    record = extract("BAGHDAD, April 3 (Reuters) - A bomb exploded in 2009 near the market yesterday.")
    assert record.article.published == "2009-04-03"
    got = {t.text: (t.type, t.value) for t in record.times}
    assert got["yesterday"] == ("DATE", "2009-04-02")
    assert got["April 3"] == ("DATE", "2009-04-03")


def test_without_any_date_the_words_alone_are_kept(timex):
    got, _ = timex("Protesters marched on Friday night and will return on April 9 and in May.", published=None)
    assert got["Friday night"] == ("TIME", "XXXX-WXX-5TNI")
    assert got["April 9"] == ("DATE", "XXXX-04-09")
    assert got["May"] == ("DATE", "XXXX-05")


def test_given_publication_date_is_kept(extract):
    record = extract("CAIRO, May 9 (Reuters) - Crowds gathered today.", published="2011-05-10")
    assert record.article.published == "2011-05-10"


def test_through_the_whole_pipeline(extract):
    record = extract("KABUL, March 3 (AP) - A roadside bomb killed four soldiers on Tuesday.", published="2010-03-04")
    assert [(t.text, t.value) for t in record.times if t.text == "Tuesday"] == [("Tuesday", "2010-03-02")]


# 2011-06-20 is a Monday
def test_a_deadline_in_the_past_perfect_has_gone_by(timex):
    got, _ = timex("The offer had been scheduled to expire at midnight Friday. A new one is scheduled "
                   "to expire on Thursday.", published="2011-06-20")
    assert got["midnight Friday"] == ("TIME", "2011-06-17T24:00")
    assert got["Thursday"] == ("DATE", "2011-06-23")


def test_a_present_tense_schedules_but_a_report_does_not(timex):
    got, _ = timex("Voters go to the polls on Sunday.", published="2011-06-20")
    assert got["Sunday"] == ("DATE", "2011-06-26")
    got, _ = timex("The ministry says Saturday that the bridge is safe.", published="2011-06-20")
    assert got["Saturday"] == ("DATE", "2011-06-18")


def test_a_possessive_weekday_is_not_led_by_the_clause(timex):
    got, _ = timex("Lawyers will seek ways to get around Thursday's ruling.", published="2011-06-20")
    assert got["Thursday's"] == ("DATE", "2011-06-16")


def test_the_previous_weekday_counts_from_the_story(timex):
    got, _ = timex("The index closed at 812 on Friday, down 3% from the previous Friday.", published="2011-06-20")
    assert got["Friday"] == ("DATE", "2011-06-17")
    assert got["the previous Friday"] == ("DATE", "2011-06-10")


def test_part_of_a_weekday_with_its_date(timex):
    got, _ = timex("The judge was shot on the night of Friday, June 10, at his home.", published="2011-06-20")
    assert got["night of Friday, June 10"] == ("TIME", "2011-06-10TNI")


def test_the_second_day_of_a_range_is_its_own_date(timex):
    got, _ = timex("Leaders will meet in Rome on July 24 and 25, the ministry said.")
    assert got["July 24"] == ("DATE", "2011-07-24")
    assert got["25"] == ("DATE", "2011-07-25")


def test_plural_weekdays_recur(timex):
    got, _ = timex("The market is closed on Sundays and flights leave on Tuesday nights.")
    assert got["Sundays"] == ("SET", "XXXX-WXX-7")
    assert got["Tuesday nights"] == ("SET", "XXXX-WXX-2TNI")


def test_the_week_of_a_date(timex):
    got, _ = timex("A hearing may be held the week of July 4, the lawyer said.", published="2011-06-20")
    assert got["the week of July 4"] == ("DATE", "2011-W27")


def test_years_ago_count_whole_years_after_a_month(timex):
    got, _ = timex("In May, veterans of the party that seized power 41 years ago met in the capital.")
    assert got["41 years ago"] == ("DATE", "1970")


def test_tokenised_text_with_split_hyphens_and_possessives(timex):
    got, _ = timex("Profit rose from the year - ago quarter . This year 's third quarter was better .",
                   published="2011-11-02")
    assert got["This year 's third quarter"] == ("DATE", "2011-Q3")
    assert got["the year - ago quarter"] == ("DATE", "2010-Q3")


@pytest.mark.parametrize("words, unit, value", [
    ("six", "day", "P6D"), ("5 1/2", "hour", "PT5H30M"), ("half an", "hour", "PT30M"),
    ("two", "decade", "P20Y"), ("several", "year", "PXY"), ("twenty-four", "hour", "PT24H"),
])
def test_duration_values(words, unit, value):
    assert duration(number(words), unit) == value


def test_calendar_helpers():
    friday = dt.date(2011, 6, 17)
    assert weekday_near(friday, 2, "past") == dt.date(2011, 6, 14)
    assert weekday_near(friday, 5, "past") == friday
    assert weekday_near(friday, 5, "last") == dt.date(2011, 6, 10)
    assert weekday_near(friday, 1, "future") == dt.date(2011, 6, 20)
    assert easter(2011) == dt.date(2011, 4, 24)
    assert shift(Point("quarter", dt.date(2011, 7, 1)), "year", -1).value() == "2010-Q3"
    assert shift(Point("month", dt.date(2011, 1, 1)), "month", -1).value() == "2010-12"


# ---- the clause a weekday or month-day sits in (2011-06-17 is a Friday)
def test_an_infinitive_keeps_its_own_time_unless_the_verb_above_is_future(timex):
    got, _ = timex("The minister traveled to Cairo to meet the president on Tuesday.")
    assert got["Tuesday"] == ("DATE", "2011-06-14")
    got, _ = timex("The minister will travel to Cairo to sign the accord on Tuesday.")
    assert got["Tuesday"] == ("DATE", "2011-06-21")
    got, _ = timex("The committee summoned the banker to testify on July 2.")
    assert got["July 2"] == ("DATE", "2011-07-02")  # a summons looks ahead: not last year's July


def test_scheduling_verbs_look_ahead_only_at_a_time_told_after_them(timex):
    got, _ = timex("Protesters planned a march on Saturday.")
    assert got["Saturday"] == ("DATE", "2011-06-18")
    got, _ = timex("On Monday, the council planned to vote on the budget.")
    assert got["Monday"] == ("DATE", "2011-06-13")
    got, _ = timex("The vote was postponed until Monday.")
    assert got["Monday"] == ("DATE", "2011-06-20")
    got, _ = timex("The index is near the record high set on Aug. 6.")
    assert got["Aug. 6"] == ("DATE", "2010-08-06")


def test_could_not_and_base_form_pasts_point_back(timex):
    got, _ = timex("The envoy could not be reached for comment on Wednesday.")
    assert got["Wednesday"] == ("DATE", "2011-06-15")
    got, _ = timex("Neither man could be located on Wednesday.")
    assert got["Wednesday"] == ("DATE", "2011-06-15")
    got, _ = timex("A vote could come as early as Wednesday.")
    assert got["Wednesday"] == ("DATE", "2011-06-22")
    got, _ = timex("Heavy rain hurt the harvest on Tuesday, officials said.")
    assert got["Tuesday"] == ("DATE", "2011-06-14")


def test_overnight_is_the_night_before_the_day_told(timex):
    got, _ = timex("Shares slid on Wednesday. Overnight losses in Tokyo weighed on the market, and the "
                   "index ended 2% below the previous Wednesday.")
    assert got["Overnight"] == ("TIME", "2011-06-14TNI")
    assert got["the previous Wednesday"] == ("DATE", "2011-06-08")
    got, _ = timex("Jets struck the port overnight, residents said.")
    assert got["overnight"] == ("TIME", "2011-06-16TNI")


def test_spoken_years_with_a_month_or_season(timex):
    got, _ = timex("Floods hit in January nineteen ninety-seven, after a dry winter of nineteen ninety-four.")
    assert got["January nineteen ninety-seven"] == ("DATE", "1997-01")
    assert got["winter of nineteen ninety-four"] == ("DATE", "1994-WI")


def test_year_end_and_the_latest_period_of_a_report(timex):
    got, _ = timex("Profit rose in the third quarter. Sales in the latest period were flat, and the merger "
                   "should close by year-end.", published="2011-10-27")
    assert got["the latest period"] == ("DATE", "2011-Q3")
    assert got["year-end"] == ("DATE", "2011")
    got, _ = timex("The index has fallen 4% since year-end.", published="2011-10-27")
    assert got["year-end"] == ("DATE", "2010")
    got, _ = timex("Year-end bonuses were cut.", published="2011-10-27")
    assert "Year-end" not in got


def test_24_hour_clock_times_are_not_years(timex):
    got, _ = timex("Polls close at 19:00. Troops crossed at 0900 GMT Thursday, and a curfew starts at 2000 GMT.")
    assert got["19:00"] == ("TIME", "2011-06-17T19:00")
    assert got["0900 GMT Thursday"] == ("TIME", "2011-06-16T09:00")
    assert got["2000 GMT"] == ("TIME", "2011-06-16T20:00")  # the day the story has reached
    got, _ = timex("The index closed at 812 on Friday. The talks resume at 3:15 on Monday.")
    assert got["Friday"] == ("DATE", "2011-06-17") and got["Monday"][0] == "DATE"
    got, _ = timex("The blast came at 10:35 a.m. (1535 GMT). Since 1945 the town has grown, and 1500 people "
                   "live there.")
    assert set(got) == {"10:35 a.m.", "1945"}


def test_a_present_tense_schedules_a_day_but_since_looks_back(timex):
    got, _ = timex("The law takes effect Jan. 1. Shares are up 5% since Feb. 2, and exports were flat but are "
                   "up in February.",
                   published="2013-03-21")
    assert got["Jan. 1"] == ("DATE", "2014-01-01")
    assert got["Feb. 2"] == ("DATE", "2013-02-02")
    assert got["February"] == ("DATE", "2013-02")  # a present tense names no month to come


def test_half_or_quarter_of_a_relative_year(timex):
    got, _ = timex("Results should improve in the first half of next year after a weak fourth quarter of "
                   "last year.", published="2013-03-21")
    assert got["the first half of next year"] == ("DATE", "2014-H1")
    assert got["fourth quarter of last year"] == ("DATE", "2012-Q4")


def test_words_before_a_date_can_settle_its_direction(timex):
    got, _ = timex("Troops deployed ahead of Tuesday's vote, the first since Wednesday's riots. Traders "
                   "squared positions ahead of the weekend.", published="2011-06-20")
    assert got["Tuesday's"] == ("DATE", "2011-06-21")
    assert got["Wednesday's"] == ("DATE", "2011-06-15")
    assert got["the weekend"] == ("DATE", "2011-W25-WE")


def test_clock_hours_told_with_a_part_of_day(timex):
    got, _ = timex("The convoy will leave at 4 in the morning on Monday and return at 8 o'clock in the "
                   "evening. The blast came at 11 at night.")
    assert got["4 in the morning on Monday"] == ("TIME", "2011-06-20T04:00")
    assert got["8 o'clock in the evening"] == ("TIME", "2011-06-20T20:00")
    assert got["11 at night"][1].endswith("T23:00")


def test_a_week_of_a_month(timex):
    got, _ = timex("Talks are planned for the first week of July. The third week of January 2010 was cold.")
    assert got["the first week of July"] == ("DATE", "2011-W27")
    assert got["The third week of January 2010"] == ("DATE", "2010-W03")


def test_a_lower_cased_document_keeps_its_weekdays_and_dates(timex):
    got, _ = timex("police said a mob burned two shops on friday night. the curfew imposed on march 14 "
                   "was lifted on sunday, and officials may review it.", published="2011-03-16")
    assert got["friday night"] == ("TIME", "2011-03-11TNI")
    assert got["march 14"] == ("DATE", "2011-03-14")
    assert got["sunday"] == ("DATE", "2011-03-13")
    assert "may" not in got


def test_a_strength_is_no_year(timex):
    got, _ = timex("A 2000-strong mob gathered outside the station while a 1500 strong crowd waited.")
    assert not any(t == ("DATE", "2000") or t == ("DATE", "1500") for t in got.values())
