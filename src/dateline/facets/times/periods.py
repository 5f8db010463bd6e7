"""Weeks, months, quarters and years counted from publication or from the story's last point: quarters
and halves ("the third quarter", "the year-ago quarter"), "last week", "the following day", "that
morning", "three years ago", "two days later", "a year earlier", "year-end".

A financial report names the quarter it is about and then compares it with others ("a year earlier"):
those comparison points (`comparison=` on their rules) are not remembered as the story's last point.
"""
from __future__ import annotations

import datetime as dt
import re

from .calendar import Point, at, coarser, shift
from .grammar import Candidate, Rules, vocab
from .resolve import Normaliser
from .values import duration, matched_amount, number, ordinal, part_of_day, unit_gran

# "a year earlier" compares with the quarter named within this many characters before it
REPORT_REACH = 400

RULES = Rules()  # in order of precedence (`Grammar`)
rule = RULES.rule


def _against_another(m: re.Match) -> bool:
    """"the previous quarter", "the year-ago quarter": a quarter compared with, not the one under report."""
    return re.sub(r"\s", "", (m.group("rel") or "").lower()) in ("previous", "prior", "year-ago", "year-earlier")


def _a_year_back(m: re.Match) -> bool:
    """"a year earlier", "two years before": the comparison point of a report."""
    return m.group("dir").lower() in ("earlier", "before") and m.group("unit").lower() == "year"


@rule("quarter", "DATE", triggers="quarter half", pattern=(
    r"\b(?:(?P<pre>(?i:this|last|next)\s+(?i:year)|(?:1[5-9]|20)\d\d)\s?['’]s\s+)?(?:(?i:the)\s+)?(?:"
    r"(?P<pre2>(?:1[5-9]|20)\d\d)\s+)?(?:(?i:fiscal|calendar)[\s-]+)?{ORD}[\s-]+(?:(?i:fiscal)[\s-]+)?"
    r"(?P<qh>(?i:quarter|half))\b(?:\s+(?i:of)\s+(?:(?:(?i:fiscal)\s+)?{YEAR}|(?P<ofrel>(?i:last|next|"
    r"this))\s+(?i:year)\b))?"
))
def _quarter(norm, m, c):
    n = ordinal(m.group("ord"))
    half = m.group("qh").lower() == "half"
    if not n or n > (2 if half else 4):
        return None
    owner = m.group("pre") or m.group("pre2") or (m.group("ofrel") and m.group("ofrel") + " year")
    year = int(m.group("year")) if m.group("year") else _owner_year(norm, owner)
    if year is None:
        return None
    gran = "half" if half else "quarter"
    first = dt.date(year, (n - 1) * (6 if half else 3) + 1, 1)
    if not (m.group("year") or owner) and norm.dct and first > norm.dct \
            and norm.direction(c) != "future":
        first = first.replace(year=year - 1)  # results "for the fourth quarter" told in January
    return Point(gran, first)


@rule("the_quarter", "DATE", comparison=_against_another, triggers="quarter period", pattern=(
    r"\b(?i:the)\s+(?P<rel>(?i:latest|current|same|recent|previous|prior|year\s?-\s?ago|"
    r"year\s?-\s?earlier|comparable|fiscal|just-ended|just\s+ended)\s+)?(?i:quarter|(?<=latest\s)period)\b"
))
def _the_quarter(norm, m, c):
    rel = re.sub(r"\s", "", (m.group("rel") or "").lower())
    if rel == "current":
        return at("quarter", norm.dct) if norm.dct else None
    q = _last_quarter(norm)
    if q is None:
        return None
    if rel in ("previous", "prior"):
        return shift(q, "quarter", -1)
    if rel in ("year-ago", "year-earlier"):
        return shift(q, "year", -1)
    return q


@rule("rel_unit", "DATE", triggers="UNITS weekend", pattern=(
    r"\b(?P<rel>(?i:this\s+past|this\s+coming|earlier\s+this|later\s+this|early\s+this|late\s+this|"
    r"early\s+next|late\s+next|early\s+last|late\s+last|the\s+past|the\s+last|the\s+previous|"
    r"the\s+preceding|the\s+current|the\s+coming|the\s+following|the\s+next|this|last|next))\s+(?P<unit>"
    r"(?i:weekend|week|month|year|quarter|decade|century))(?![\w-])(?!\s+(?i:old|ago))"
))
def _rel_unit(norm, m, c):
    rel = re.sub(r"\s+", " ", m.group("rel").lower())
    unit = m.group("unit").lower()
    if unit == "weekend":
        return _weekend(norm, rel, c)
    step = _rel_step(rel)
    if rel in ("the following", "the next", "the preceding"):
        ref = norm.ref()  # "the following week": from the story's last point
        assert step is not None  # each of these words names a direction
        return shift(at(unit, ref.day), unit, step) if ref else None
    if step is None or not norm.dct:
        return None
    return shift(at(unit, norm.dct), unit, step)


@rule("the_year", "DATE", triggers="year", pattern=(
    r"\b(?i:the)\s+(?:(?i:full|current|fiscal|calendar)\s+){{0,2}}(?i:year)\b(?![\s-]+(?i:ended|ending|"
    r"earlier|ago|before|after|old|later|of|in|that|when|to)\b|-)"
))
def _the_year(norm, m, c):
    return at("year", norm.dct) if norm.dct else None  # "sales for the year": the current one


@rule("year_period", "DATE", comparison=True, triggers="#", pattern=r"\b(?i:the)\s+{YEAR}\s+(?i:period|quarter)\b")
def _year_period(norm, m, c):
    """"the 1988 period": the period under report (the last quarter told), in that year."""
    year = int(m.group("year"))
    if norm.last_quarter:
        return Point("quarter", norm.last_quarter.day.replace(year=year))
    return Point("year", dt.date(year, 1, 1))


@rule("the_weekend", "DATE", triggers="weekend", pattern=r"\b(?P<rel>(?i:the))\s+(?P<unit>(?i:weekend))\b")
def _the_weekend(norm, m, c):
    return _weekend(norm, "the", c)


@rule("period_edge", "DATE", triggers="UNITS", pattern=(
    r"\b(?:(?i:the\s+(?:end|beginning|start|middle)\s+of|(?:earlier|later)\s+in)\s+)(?i:the|this)\s+"
    r"(?P<unit>(?i:week|month|year))\b"
))
def _period_edge(norm, m, c):
    if not norm.dct:
        return None
    return at(m.group("unit").lower(), norm.dct)


@rule("rel_season", "DATE", triggers="SEASONS", pattern=(
    r"\b(?P<rel>(?i:this\s+past|this\s+coming|this|last|next|the|early\s+this|late\s+this|early\s+last|"
    r"late\s+last|the\s+early|the\s+late))\s+{SEASON}(?![\w-])(?!\s+(?i:of))"
))
def _rel_season(norm, m, c):
    if not norm.dct:
        return None
    rel = re.sub(r"\s+", " ", m.group("rel").lower()).split()
    code = vocab()["seasons"][m.group("season").lower()]
    y = norm.dct.year
    starts = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
    started = starts[code] <= norm.dct.month
    if rel[-1] == "last":
        y -= 1
    elif rel[-1] == "next":
        y += 0 if not started else 1
    elif rel[-1] == "past":
        y -= 0 if started else 1
    return Point("season", dt.date(y, 1, 1), code)


@rule("anchor_day", "DATE", triggers="UNITS PODS", pattern=(
    r"\b(?P<rel>(?i:the\s+following|the\s+next|the\s+previous|the\s+preceding))\s+(?P<unit>(?i:day|"
    r"morning|afternoon|evening|night))\b|\b(?i:the)\s+(?P<unit2>(?i:day|night|week|month|year))\s+"
    r"(?P<dir2>(?i:before|after))(?=\s*[,.;:)]|\s+(?i:that|this))"
))
def _anchor_day(norm, m, c):
    word = (m.group("rel") or m.group("dir2") or "").lower()
    step = -1 if any(w in word for w in ("previous", "preceding", "before")) else 1
    unit = (m.group("unit2") or "day").lower()
    if unit in ("week", "month", "year"):  # "the week before": from the story's last point
        ref = norm.ref()
        return shift(at(unit, ref.day), unit, step) if ref else None
    ref = norm.ref_day()
    if ref is None:
        return None
    pod = part_of_day(m.group("unit") or m.group("unit2"))
    return Point("day", ref.day + dt.timedelta(days=step), "T" + pod if pod else "")


@rule("that_day", "DATE", triggers="UNITS PODS", pattern=(
    r"\b(?:(?P<edge>(?i:earlier|later|early|late))\s+(?:(?i:in|on)\s+)?)?(?i:that|the\s+same|"
    r"that\s+same)\s+(?P<unit>(?i:day|morning|afternoon|evening|night|week|month|year))\b"
))
def _that_day(norm, m, c):
    unit = m.group("unit").lower()
    pod = part_of_day(unit)
    if unit in ("day", "morning", "afternoon", "evening", "night"):
        ref = norm.last_day
        return Point("day", ref.day, "T" + pod if pod else "") if ref else None
    ref = norm.last
    if ref is None or ref.gran not in ("day", "week", "month", "quarter", "year"):
        return None
    return at(unit, ref.day)


@rule("ago", "DATE", comparison=True, triggers="ago", pattern=(
    r"(?:\b(?P<mod>(?i:nearly|almost|about|some|roughly|more\s+than|less\s+than|around|just|"
    r"only))\s+)?\b{NUM}[\s-]+{UNIT}(?:\s+(?i:or\s+so))?\s+(?i:ago)\b"
))
def _ago(norm, m, c):
    n = number(m.group("num"))
    unit = unit_gran(m.group("unit"))
    if n is None:
        return "PAST_REF"
    if not norm.dct or n != int(n):
        return None
    mult = vocab()["units"][m.group("unit").lower()][1]
    if unit in ("second", "minute", "hour"):
        return at("day", norm.dct)
    period = _report_period(norm, c)
    if unit == "year" and period:
        return shift(period, "year", -int(n) * mult)
    if unit == "year" and n * mult == 1 and norm.last and norm.last.gran == "month" and norm.last.day <= norm.dct:
        return shift(norm.last, "year", -int(n) * mult)
    return shift(at(unit, norm.dct), unit, -int(n) * mult)


@rule("shift", "DATE", comparison=_a_year_back, triggers="UNITS", pattern=(
    r"\b{NUM}[\s-]+{UNIT}(?P<half>\s+(?i:and\s+a\s+half))?\s+(?P<dir>(?i:later|earlier|afterwards?|before|"
    r"after))(?:(?:(?<=later)|(?<=earlier))(?!\s+(?i:than)\b)|(?=\s*[,.;:)]|\s+(?i:that|this|then|when|in|"
    r"on|at)\b))"
))
def _shift(norm, m, c):
    n = matched_amount(m)
    ref = norm.ref()
    unit = unit_gran(m.group("unit"))
    if n is None or unit in ("second", "minute", "hour"):
        return duration(n, m.group("unit"))  # "a few days later", "an hour later": a length
    if ref is None or n != int(n):
        return None
    mult = vocab()["units"][m.group("unit").lower()][1]
    step = -1 if m.group("dir").lower() in ("earlier", "before") else 1
    if unit == "year" and _report_period(norm, c):
        ref = _report_period(norm, c)
    gran = ref.gran if ref.gran in ("day", "week", "month", "quarter", "year") else "year"
    if not (unit == "year" and gran in ("quarter", "month")):  # "a year earlier" keeps the quarter
        gran = coarser(gran, unit)
    return shift(at(gran, ref.day), unit, step * int(n) * mult)


@rule("year_ago", "DATE", comparison=True, triggers="year", pattern=(
    r"\b(?:(?i:the)\s+)?(?i:year\s?-\s?(?:earlier|ago)|year\s+earlier|prior\s?-\s?year|"
    r"previous\s?-\s?year)(?:\s+(?P<unit>(?i:quarter|period|month|week|level|levels)))?\b"
))
def _year_ago(norm, m, c):
    ref = _report_period(norm, c) or \
        (norm.last if norm.last and norm.last.gran in ("quarter", "month", "year", "half") else None)
    if ref is None:
        if not norm.dct:
            return None
        ref = at("year", norm.dct)
    return shift(ref, "year", -1)


@rule("quarter_year_ago", "DATE", comparison=True, triggers="quarter period", pattern=(
    r"\b(?i:the)\s+(?:(?i:same)\s+)?(?i:quarter|period)\s+(?i:a|one)\s+(?i:year)\s+(?i:ago|earlier|"
    r"before)\b"
))
def _quarter_year_ago(norm, m, c):
    q = _report_period(norm, c) or _last_quarter(norm)
    return shift(q, "year", -1) if q else None


@rule("year_end", "DATE", triggers="year", pattern=(
    r"\b(?:(?P<since>(?i:since))\s+)?(?P<x>(?i:year[\s-]end|year['’]s\s+end))\b(?=\s*[,.;:)]|\s+(?i:and|"
    r"or|to|when|at|in|as|but|if)\b)"
))
def _year_end(norm, m, c):
    """"by year-end": the end of this year, TimeML's year with mod END; "since year-end": last year's."""
    if not norm.dct:
        return None
    return Point("year", dt.date(norm.dct.year - (1 if m.group("since") else 0), 1, 1))


@rule("year_ended", "DURATION", triggers="year", pattern=(
    r"\b(?P<x>(?:(?i:the|its|their)\s+)?(?:(?i:fiscal)\s+)?(?i:year))\s+(?i:ended|ending)\b"
))
def _year_ended(norm, m, c):
    return "P1Y"  # "the year ended Sept. 30": an accounting year, a length ending on that date


def _owner_year(norm: Normaliser, pre: str | None) -> int | None:
    """The year of "last year's third quarter", "1990's first half"; else publication's."""
    if pre and pre[:1].isdigit():
        return int(pre)
    if not norm.dct:
        return None
    step = {"last": -1, "next": 1}.get((pre or "").split()[0].lower() if pre else "", 0)
    return norm.dct.year + step


def _report_period(norm: Normaliser, c: Candidate) -> Point | None:
    """The quarter a report has just named, for "a year earlier" a few lines on."""
    if norm.last_quarter and c.start - norm.last_quarter_at <= REPORT_REACH:
        return norm.last_quarter
    return None


def _last_quarter(norm: Normaliser) -> Point | None:
    if norm.last_quarter and (not norm.dct or shift(norm.last_quarter, "quarter", 1).day <= norm.dct):
        return norm.last_quarter  # "the quarter" of a report is one that has ended
    if not norm.dct:
        return None
    return shift(at("quarter", norm.dct), "quarter", -1)


def _weekend(norm: Normaliser, rel: str, c: Candidate) -> Point | None:
    if not norm.dct:
        return None
    wd = norm.dct.isoweekday()
    this_week = at("weekend", norm.dct)
    if rel in ("last", "this past", "the past", "the last", "the previous"):
        back = True
    elif rel in ("next", "this coming", "the coming"):
        back = False
    else:
        back = norm.direction(c) != "future"
    if back:
        return this_week if wd >= 6 else shift(this_week, "week", -1)
    return this_week if wd < 7 else shift(this_week, "week", 1)


def _rel_step(rel: str) -> int | None:
    last = rel.split()[-1]
    if last in ("last", "past", "previous", "preceding"):
        return -1
    if last in ("next", "coming", "following"):
        return 1
    if last in ("this", "current"):
        return 0
    return None
