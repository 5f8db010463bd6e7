"""Dates the words name: a day of a month ("March 4, 2009", "the 15th"), a week of one, a month ("May
2008", "last March"), a year, a spoken year, a decade, a century, a season of a year, a holiday.

A month or month-day written without its year takes the one the tense points to (`Normaliser.pick`).
"""
from __future__ import annotations

import datetime as dt
import re

from .calendar import Point, add_months, at, easter, nth_weekday
from .grammar import Candidate, Rules, vocab
from .resolve import Normaliser
from .values import month_number, number, ordinal

RULES = Rules()  # in order of precedence (`Grammar`)
rule = RULES.rule


@rule("iso_date", "DATE", triggers="#", pattern=r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b")
def _iso_date(norm, m, c):
    return norm.date(m, c)


@rule("date_mdy", "DATE", triggers="MONTHS", pattern=r"\b(?:{WD}\s*,?\s+)?{MON}\s+{DAY}(?:(?:\s*,\s*|\s+){YEAR})?")
def _date_mdy(norm, m, c):
    return norm.date(m, c) or norm.undated(m)


@rule("date_dmy", "DATE", triggers="MONTHS", pattern=(
    r"\b(?:{WD}\s*,?\s+)?(?:(?i:the)\s+)?{DAY}(?:\s+(?i:of))?\s+{MON}(?:\s*,?\s+{YEAR})?"
))
def _date_dmy(norm, m, c):
    return norm.date(m, c) or norm.undated(m)


@rule("day_of_month", "DATE", triggers="#", pattern=(
    r"\b(?i:on|since|until|till|by|from|before|after|for)\s+(?P<x>(?i:the)\s+(?P<day>[0-3]?\d)(?:st|nd|rd|"
    r"th))(?=\s*[,.;:)]|\s+(?i:and|or|to|when|at|in)\b)"
))
def _day_of_month(norm, m, c):
    """"on the 15th": a day of the month the story is in, else of publication's month or the one
    before or after it, as the tense says."""
    day = int(m.group("day"))
    if norm.last and norm.last.gran in ("day", "month"):
        months = [norm.last.day]
    elif norm.dct:
        months = [add_months(norm.dct, k) for k in (-1, 0, 1)]
    else:
        return None
    cands = []
    for d in months:
        try:
            cands.append(d.replace(day=day))
        except ValueError:
            continue
    if not cands:
        return None
    return Point("day", cands[0] if len(cands) == 1 else norm.pick(cands, norm.direction(c)))


@rule("second_day", "DATE", triggers="MONTHS", pattern=(
    r"\b{MON}\s+[0-3]?\d(?:st|nd|rd|th)?\s*(?:(?i:and|or|to|through)\s+|[-–]\s*)(?P<x>{DAY})"
    r"(?:\s*,?\s+{YEAR})?"
))
def _second_day(norm, m, c):
    return norm.date(m, c) or norm.undated(m)  # the "25" of "April 24 and 25"


@rule("week_of", "DATE", triggers="MONTHS", pattern=(
    r"\b(?i:the)\s+(?i:week)\s+(?i:of)\s+{MON}\s+{DAY}(?:\s*,?\s+{YEAR})?"
))
def _week_of(norm, m, c):
    p = norm.date(m, c)
    return at("week", p.day) if p else norm.undated(m)


@rule("week_of_month", "DATE", triggers="MONTHS", pattern=(
    r"\b(?:(?i:the)\s+)?(?:{ORD}|(?P<last>(?i:last|final)))\s+(?i:week)\s+(?i:of)\s+{MONFULL}"
    r"(?:\s*,?\s+{YEAR})?"
))
def _week_of_month(norm, m, c):
    """"the first week of July": the ISO week holding that week's middle day; "the last week"
    the one holding the day four days before the month's last."""
    month = month_number(m.group("mon"))
    n = None if m.group("last") else ordinal(m.group("ord"))
    if n is not None and not 1 <= n <= 5:
        return None
    day = 4 + 7 * (n - 1) if n and n < 5 else 25
    year = int(m.group("year")) if m.group("year") else norm.year_for(month, day, norm.direction(c))
    if year is None:
        return None
    middle = dt.date(year, month, day) if day < 25 else \
        add_months(dt.date(year, month, 1), 1) - dt.timedelta(days=4)
    return at("week", middle)


@rule("month_year", "DATE", triggers="MONTHS", pattern=r"\b(?:(?i:{EDGE})[\s-]+)?{MON}\s*,?\s+(?:(?i:of)\s+)?{YEAR}")
def _month_year(norm, m, c):
    return Point("month", dt.date(int(m.group("year")), month_number(m.group("mon")), 1))


@rule("month_pre", "DATE", triggers="MONTHS", pattern=(
    r"\b(?i:in|since|by|until|till|through|during|from|to|before|after|of|and|or|between|for)\s+(?P<x>(?:"
    r"(?i:{EDGE})[\s-]+)?{MONFULL})"
))
def _month_pre(norm, m, c):
    return _month(norm, month_number(m.group("mon")), None, c) or norm.undated(m)


@rule("month_rel_year", "DATE", triggers="MONTHS", pattern=r"\b{MONFULL}\s+(?P<rel>(?i:last|next|this))\s+(?i:year)\b")
def _month_rel_year(norm, m, c):
    if not norm.dct:
        return None
    step = {"last": -1, "next": 1, "this": 0}[m.group("rel").lower()]
    return Point("month", dt.date(norm.dct.year + step, month_number(m.group("mon")), 1))


@rule("month_det", "DATE", triggers="MONTHS", pattern=r"\b(?i:the|a|an)\s+(?P<x>{MONFULL})(?=\s+[a-z])")
def _month_det(norm, m, c):
    return _month(norm, month_number(m.group("mon")), None, c) or norm.undated(m)


@rule("month_mod", "DATE", triggers="MONTHS", pattern=(
    r"\b(?P<rel>(?i:last|next|this|this\s+past|this\s+coming|early|late|mid|the\s+end\s+of|"
    r"the\s+beginning\s+of|the\s+middle\s+of))[\s-]+{MONFULL}"
))
def _month_mod(norm, m, c):
    return _month(norm, month_number(m.group("mon")), m.group("rel"), c) or norm.undated(m)


@rule("year", "DATE", triggers="#", pattern=(
    r"(?<![\w$£€.,/-])(?:(?P<mod>(?i:fiscal|calendar|(?:{EDGE})|the\s+year|the\s+(?:spring|summer|fall|"
    r"autumn|winter)\s+of))[\s-]+)?{YEAR}(?!'?s\b|\s*(?:%|percent))"
))
def _year(norm, m, c):
    half = re.search(r"(first|second|last|latter)\s+half", (m.group("mod") or "").lower())
    if half:  # "the second half of 2008", "the last half of 2008"
        return Point("half", dt.date(int(m.group("year")), 1 if half.group(1) == "first" else 7, 1))
    return Point("year", dt.date(int(m.group("year")), 1, 1))


@rule("spoken_year", "DATE", triggers="nineteen twenty thousand", pattern=(
    r"\b(?:(?i:the\s+year)\s+|{MONFULL}\s+|(?:(?i:the)\s+)?{SEASON}\s+(?i:of)\s+)?(?P<sy>(?i:nineteen|"
    r"twenty)[\s-]+(?i:{TEENS}|{TENS}(?:[\s-]+{ONES})?|oh[\s-]+{ONES})|(?i:two\s+thousand)(?:[\s-]+(?:"
    r"(?i:and\s+)?{ONES}))?)\b"
))
def _spoken_year(norm, m, c):
    words = re.split(r"[\s-]+", m.group("sy").lower())
    if words[:2] == ["two", "thousand"]:
        rest = [w for w in words[2:] if w != "and"]
        year = Point("year", dt.date(2000 + int(number(" ".join(rest)) or 0), 1, 1))
    else:
        century = 19 if words[0] == "nineteen" else 20
        tail = [w for w in words[1:] if w != "oh"]
        if len(tail) < 2:
            n = number(" ".join(tail))
        else:  # "eighty-four": the pattern admits only number words here
            tens, ones = number(tail[0]), number(tail[1])
            assert tens is not None and ones is not None
            n = tens + ones
        if n is None or n >= 100:
            return None
        year = Point("year", dt.date(century * 100 + int(n), 1, 1))
    return _within(year, m)


@rule("decade", "DATE", triggers="#", pattern=(
    r"(?:\b(?i:the)\s+)?(?:(?i:early|late|mid)[\s-]+)?(?:\b(?P<cent>1[5-9]|20)(?P<dec>\d)0|['’]"
    r"(?P<dec2>\d)0)(?:'?s)\b"
))
def _decade(norm, m, c):
    if m.group("cent"):
        return m.group("cent") + m.group("dec")
    return ("19" if int(m.group("dec2")) >= 3 else "20") + m.group("dec2")


@rule("century", "DATE", triggers="century", pattern=r"\b(?:(?i:the)\s+)?{ORD}[\s-]+(?i:century)\b")
def _century(norm, m, c):
    n = ordinal(m.group("ord"))
    return f"{n - 1:02d}" if n and n > 1 else None


@rule("season_year", "DATE", triggers="SEASONS", pattern=(
    r"\b(?:(?i:the)\s+)?(?:(?i:early|late)\s+)?{SEASON}\s+(?:(?i:of)\s+)?{YEAR}"
))
def _season_year(norm, m, c):
    code = vocab()["seasons"][m.group("season").lower()]
    return Point("season", dt.date(int(m.group("year")), 1, 1), code)


@rule("holiday", "DATE", triggers="HOLIDAYS", pattern=(
    r"\b(?P<hol>{HOLIDAYS})(?![\w'’-])(?!\s+{HOLIDAY_NAMES}\b)(?:\s*,?\s+{YEAR})?"
))
def _holiday(norm, m, c):
    when = _lookup(vocab()["holidays"], m.group("hol"))
    if m.group("year"):
        return Point("day", _holiday_date(when, int(m.group("year"))))
    if not norm.dct:
        return None
    cands = [_holiday_date(when, y) for y in (norm.dct.year - 1, norm.dct.year, norm.dct.year + 1)]
    return Point("day", norm.pick(cands, norm.direction(c)))


def _month(norm: Normaliser, month: int, rel: str | None, c: Candidate) -> Point | None:
    if not norm.dct:
        return None
    words = (rel or "").lower().split()
    this = dt.date(norm.dct.year, month, 1)
    if words and words[-1] in ("last", "past"):
        y = norm.dct.year if month < norm.dct.month else norm.dct.year - 1
    elif words and words[-1] in ("next", "coming"):
        y = norm.dct.year if month > norm.dct.month else norm.dct.year + 1
    elif words == ["this"]:
        y = norm.dct.year
    else:
        said = norm.direction(c)  # "prices are up in March": a present tense names no coming month
        year = norm.year_for(month, 15, None if said == "present" else said)
        assert year is not None  # every month has a 15th, and there is a publication date
        return Point("month", dt.date(year, month, 1))
    return Point("month", this.replace(year=y))


def _within(year: Point, m: re.Match) -> Point:
    """The month or season a year is told with ("January nineteen ninety-seven")."""
    g = m.groupdict()
    if g.get("mon"):
        return Point("month", year.day.replace(month=month_number(g["mon"])))
    if g.get("season"):
        return Point("season", year.day, vocab()["seasons"][g["season"].lower()])
    return year


def _lookup(table: dict, key: str) -> str:
    k = re.sub(r"\s+", " ", key).replace("’", "'")
    return table.get(k) or next(v for n, v in table.items() if n.lower() == k.lower())


def _holiday_date(when: str, year: int) -> dt.date:
    if when.startswith("easter"):
        return easter(year) + dt.timedelta(days=int(when[6:] or 0))
    month, rest = when.split("-", 1)
    if "-" not in rest:
        return dt.date(year, int(month), int(rest))
    weekday, nth = rest.split("-", 1)
    return nth_weekday(year, int(month), int(weekday), int(nth))
