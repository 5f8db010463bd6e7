"""Normalisation of matched time expressions to TIMEX3 values.

Absolute expressions stand alone; deictic ones ("yesterday", "last week", "on Friday") count from the
publication date; anaphoric ones ("the following day", "two days later", "a year earlier") count from
the last point the text resolved. Weekdays, bare months and month-days take the direction of their
verb's tense (`tense(start, end)` gives "past", "present", "future", "either" or None).
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Callable

from .calendar import Point, add_months, at, coarser, easter, nth_weekday, shift, weekday_near
from .grammar import Candidate, vocab

# a bare month or month-day follows the tense only while that keeps it within a year of publication
TENSE_REACH_DAYS = 366
# ...but a date this close to publication the other way wins over one more than twice as far
NEAR_DAYS = 31
# "a year earlier" compares with the quarter named within this many characters before it
REPORT_REACH = 400
# a story that has just told of a day this many days before publication is narrating the past week
NARRATIVE_GAP = 4


def _month_number(word: str) -> int:
    return vocab()["months"][word.rstrip(".")]


def number(word: str) -> float | None:
    """The value of a number word or numeral ("2 1/2", "one and a half"); None for vague ones."""
    w = re.sub(r"\s+", " ", word.lower())
    half = re.fullmatch(r"(.+?)(?: and a half| 1/2|½)", w)
    if half:
        whole = number(half.group(1))
        return None if whole is None else whole + 0.5
    if re.fullmatch(r"[\d.,]+", w):
        try:
            return float(w.replace(",", ""))
        except ValueError:
            return None
    nums = vocab()["numbers"]
    if w in nums:
        return float(nums[w])
    parts = re.split(r"[\s-]", w)
    if len(parts) == 2 and parts[0] in nums and parts[1] in nums:
        return float(nums[parts[0]] + nums[parts[1]])
    return None


# a fraction of a unit is written in the next smaller one: 2.5 years -> P2Y6M, 5.5 hours -> PT5H30M
SMALLER = {("Y", False): ("M", 12, False), ("W", False): ("D", 7, False), ("D", False): ("H", 24, True),
           ("H", True): ("M", 60, True), ("M", True): ("S", 60, True)}


def duration(n: float | None, unit: str) -> str:
    """TIMEX3 duration: P6D, PT3H, P20Y, P2Y6M; X for an unknown number (PXY)."""
    letter, mult, clock = vocab()["units"][unit.lower()]
    if n is None:
        letter = {10: "DE", 100: "CE"}.get(mult, letter)
        return f"PTX{letter}" if clock else f"PX{letter}"
    n *= mult
    whole, frac = int(n), n - int(n)
    part = f"{whole}{letter}" if whole else ""
    if frac and (letter, clock) in SMALLER:
        small, per, small_clock = SMALLER[(letter, clock)]
        rest = f"{round(frac * per)}{small}"
        if small_clock and not clock:
            return f"P{part}T{rest}"
        return f"PT{part}{rest}" if clock else f"P{part}{rest}"
    amount = f"{n:g}"
    return f"PT{amount}{letter}" if clock else f"P{amount}{letter}"


def _unit_gran(unit: str) -> str:
    return {"decade": "year", "century": "year", "fortnight": "week", "night": "day"}.get(unit.lower(), unit.lower())


class Resolver:
    def __init__(self, dct: dt.date | None, tense: Callable[[int, int], str | None]):
        self.dct = dct
        self.tense = tense
        self.last: Point | None = None  # the last point resolved, for anaphora
        self.last_quarter: Point | None = None  # the period a financial report is about
        self.last_quarter_at = 0
        self.last_day: Point | None = None
        self.last_day_at = 0  # where the text reached last_day

    # ------------------------------------------------------------------ entry
    def resolve(self, c: Candidate) -> tuple[str, str] | None:
        """(type, value) of a candidate, or None when it is not a time expression after all."""
        handler = getattr(self, "rule_" + c.rule.name)
        out = handler(c.match, c)
        if out is None:
            return None
        if isinstance(out, Point):
            if not _comparison(c):
                self._remember(out, c)
            value = out.value()
            return ("TIME" if "T" in value else "DATE"), value
        if c.rule.type == "DATE" and re.match(r"PT?[\dX]", out):
            return "DURATION", out
        if re.match(r"[X\d]{4}-.*T", out) and c.rule.type != "SET":
            return "TIME", out
        return c.rule.type, out

    def _remember(self, p: Point, c: Candidate) -> None:
        self.last = p
        if p.gran == "quarter":
            self.last_quarter, self.last_quarter_at = p, c.start
        if p.gran == "day":
            self.last_day = p
            self.last_day_at = c.start

    def _dir(self, c: Candidate) -> str | None:
        return self.tense(c.start, c.end)

    def _ref(self) -> Point | None:
        return self.last or (at("day", self.dct) if self.dct else None)

    def _ref_day(self) -> Point | None:
        return self.last_day or (at("day", self.dct) if self.dct else None)

    # ------------------------------------------------------------------ choosing a year
    def _year_for(self, month: int, day: int, direction: str | None, weekday: int | None = None) -> int | None:
        """The year of a month-day written without one (see `_pick`); a weekday written with it
        ("Saturday, April 25") settles the year where it can."""
        if not self.dct:
            return None
        cands = []
        for y in (self.dct.year - 1, self.dct.year, self.dct.year + 1):
            try:
                cands.append(dt.date(y, month, day))
            except ValueError:
                continue
        if weekday:
            cands = [d for d in cands if d.isoweekday() == weekday] or cands
        return self._pick(cands, direction).year if cands else None

    def _pick(self, cands: list[dt.date], direction: str | None) -> dt.date:
        """The candidate nearest publication in the tense's direction, unless the nearest of all is
        within a month and the tense's choice months away (a past-tense report of a coming date)."""
        dist = lambda d: abs((d - self.dct).days)
        nearest = min(cands, key=dist)
        if direction == "past":
            ok = [d for d in cands if d <= self.dct and dist(d) <= TENSE_REACH_DAYS]
            chosen = max(ok) if ok else nearest
        elif direction in ("future", "either", "present"):  # "takes effect Jan. 1", "by Aug. 1"
            ok = [d for d in cands if d >= self.dct and dist(d) <= TENSE_REACH_DAYS]
            chosen = min(ok) if ok else nearest
        else:
            return nearest
        return nearest if dist(nearest) <= NEAR_DAYS < dist(chosen) / 2 else chosen

    def _day(self, m: re.Match, c: Candidate) -> Point | None:
        g = m.groupdict()
        month = int(g["mnum"]) if g.get("mnum") else _month_number(g["mon"])
        day = int(g["day"])
        weekday = vocab()["weekdays"][g["wd"]] if g.get("wd") else None
        year = int(g["year"]) if g.get("year") else self._year_for(month, day, self._dir(c), weekday)
        if year is None:
            return None
        try:
            return Point("day", dt.date(year, month, day))
        except ValueError:
            return None

    def _weekday(self, wd: int, rel: str | None, c: Candidate) -> Point | None:
        if not self.dct:
            return None
        rel = (rel or "").lower().split()
        if rel and rel[0] == "the":  # "the previous Friday": from the day the story has reached
            ref = self._ref_day()
            return Point("day", weekday_near(ref.day, wd, "next" if rel[-1] == "following" else "last"))
        if rel and rel[-1] in ("last", "past"):
            return Point("day", weekday_near(self.dct, wd, "last"))
        if rel and rel[-1] in ("next", "coming"):
            return Point("day", weekday_near(self.dct, wd, "next" if rel == ["next"] else "future"))
        said = self._dir(c)
        # news mostly reports the past week, but a present tense schedules ("voters go to the polls
        # on Sunday"); a deadline ("until Tuesday") takes the nearer one
        direction = "future" if said in ("future", "present") else "nearest" if said == "either" else "past"
        if direction == "past" and wd == self.dct.isoweekday() and self._narrative_before(c):
            return Point("day", weekday_near(self.last_day.day, wd, "last"))
        return Point("day", weekday_near(self.dct, wd, direction))

    def _narrative_before(self, c: Candidate) -> bool:
        """True when the story has moved back into the past week, so that a past "on Friday" written
        on a Friday means a week ago rather than today."""
        if not self.last_day or not self.dct:
            return False
        gap = (self.dct - self.last_day.day).days
        return NARRATIVE_GAP <= gap < 7 and "\n" not in c.match.string[self.last_day_at:c.start]

    # ------------------------------------------------------------------ rules
    def _undated(self, m: re.Match) -> str | None:
        """With no publication date, what the words alone say: "XXXX-04-09", "XXXX-WXX-3", "XXXX-05"."""
        if self.dct:
            return None
        g = m.groupdict()
        pod = _pod(g.get("pod"))
        if g.get("mon") and g.get("day"):
            return f"XXXX-{_month_number(g['mon']):02d}-{int(g['day']):02d}"
        if g.get("wd"):
            return f"XXXX-WXX-{vocab()['weekdays'][g['wd']]}" + ("T" + pod if pod else "")
        if g.get("mon"):
            return f"XXXX-{_month_number(g['mon']):02d}"
        return None

    def rule_iso_date(self, m, c):
        return self._day(m, c)

    def rule_date_mdy(self, m, c):
        return self._day(m, c) or self._undated(m)

    def rule_date_dmy(self, m, c):
        return self._day(m, c) or self._undated(m)

    def rule_day_of_month(self, m, c):
        """"on the 15th": a day of the month the story is in, else of publication's month or the one
        before or after it, as the tense says."""
        day = int(m.group("day"))
        if self.last and self.last.gran in ("day", "month"):
            months = [self.last.day]
        elif self.dct:
            months = [add_months(self.dct, k) for k in (-1, 0, 1)]
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
        return Point("day", cands[0] if len(cands) == 1 else self._pick(cands, self._dir(c)))

    def rule_second_day(self, m, c):
        return self._day(m, c) or self._undated(m)  # the "25" of "April 24 and 25"

    def rule_week_of(self, m, c):
        p = self._day(m, c)
        return at("week", p.day) if p else self._undated(m)

    def rule_week_of_month(self, m, c):
        """"the first week of July": the ISO week holding that week's middle day; "the last week"
        the one holding the day four days before the month's last."""
        month = _month_number(m.group("mon"))
        n = None if m.group("last") else _ordinal(m.group("ord"))
        if n is not None and not 1 <= n <= 5:
            return None
        day = 4 + 7 * (n - 1) if n and n < 5 else 25
        year = int(m.group("year")) if m.group("year") else self._year_for(month, day, self._dir(c))
        if year is None:
            return None
        middle = dt.date(year, month, day) if day < 25 else \
            add_months(dt.date(year, month, 1), 1) - dt.timedelta(days=4)
        return at("week", middle)

    def rule_month_year(self, m, c):
        return Point("month", dt.date(int(m.group("year")), _month_number(m.group("mon")), 1))

    def _month(self, month: int, rel: str | None, c: Candidate) -> Point | None:
        if not self.dct:
            return None
        rel = (rel or "").lower().split()
        this = dt.date(self.dct.year, month, 1)
        if rel and rel[-1] in ("last", "past"):
            y = self.dct.year if month < self.dct.month else self.dct.year - 1
        elif rel and rel[-1] in ("next", "coming"):
            y = self.dct.year if month > self.dct.month else self.dct.year + 1
        elif rel == ["this"]:
            y = self.dct.year
        else:
            said = self._dir(c)  # "prices are up in March": a present tense names no coming month
            y = self._year_for(month, 15, None if said == "present" else said)
            return Point("month", dt.date(y, month, 1))
        return Point("month", this.replace(year=y))

    def rule_month_pre(self, m, c):
        return self._month(_month_number(m.group("mon")), None, c) or self._undated(m)

    def rule_month_rel_year(self, m, c):
        if not self.dct:
            return None
        step = {"last": -1, "next": 1, "this": 0}[m.group("rel").lower()]
        return Point("month", dt.date(self.dct.year + step, _month_number(m.group("mon")), 1))

    def rule_month_mod(self, m, c):
        return self._month(_month_number(m.group("mon")), m.group("rel"), c) or self._undated(m)

    def rule_year(self, m, c):
        half = re.search(r"(first|second|last|latter)\s+half", (m.group("mod") or "").lower())
        if half:  # "the second half of 2008", "the last half of 2008"
            return Point("half", dt.date(int(m.group("year")), 1 if half.group(1) == "first" else 7, 1))
        return Point("year", dt.date(int(m.group("year")), 1, 1))

    def rule_spoken_year(self, m, c):
        words = re.split(r"[\s-]+", m.group("sy").lower())
        if words[:2] == ["two", "thousand"]:
            rest = [w for w in words[2:] if w != "and"]
            year = Point("year", dt.date(2000 + int(number(" ".join(rest)) or 0), 1, 1))
        else:
            century = 19 if words[0] == "nineteen" else 20
            tail = [w for w in words[1:] if w != "oh"]
            n = number(" ".join(tail)) if len(tail) < 2 else number(tail[0]) + number(tail[1])
            if n is None or n >= 100:
                return None
            year = Point("year", dt.date(century * 100 + int(n), 1, 1))
        return _within(year, m)

    def rule_period_edge(self, m, c):
        if not self.dct:
            return None
        return at(m.group("unit").lower(), self.dct)

    def rule_month_det(self, m, c):
        return self._month(_month_number(m.group("mon")), None, c) or self._undated(m)

    def rule_decade(self, m, c):
        if m.group("cent"):
            return m.group("cent") + m.group("dec")
        return ("19" if int(m.group("dec2")) >= 3 else "20") + m.group("dec2")

    def rule_century(self, m, c):
        n = _ordinal(m.group("ord"))
        return f"{n - 1:02d}" if n and n > 1 else None

    def rule_season_year(self, m, c):
        code = vocab()["seasons"][m.group("season").lower()]
        return Point("season", dt.date(int(m.group("year")), 1, 1), code)

    def rule_holiday(self, m, c):
        rule = _lookup(vocab()["holidays"], m.group("hol"))
        if m.group("year"):
            return Point("day", _holiday_date(rule, int(m.group("year"))))
        if not self.dct:
            return None
        cands = [_holiday_date(rule, y) for y in (self.dct.year - 1, self.dct.year, self.dct.year + 1)]
        return Point("day", self._pick(cands, self._dir(c)))

    def rule_relday(self, m, c):
        if not self.dct:
            return None
        w = re.sub(r"\s+", " ", m.group("w").lower())
        offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1,
                  "the day before yesterday": -2, "the day after tomorrow": 2}[w]
        pod = _pod(m.group("pod") or m.group("pod2")) or ("NI" if w == "tonight" else "")
        return Point("day", self.dct + dt.timedelta(days=offset), "T" + pod if pod else "")

    def rule_this_pod(self, m, c):
        if not self.dct:
            return None
        rel = m.group("rel").lower().split()[-1]
        pod = _pod(m.group("pod"))
        back = rel == "last" and pod in ("NI", "EV")
        if rel == "last" and not back:
            return None  # "last morning" is not a day's part
        return Point("day", self.dct - dt.timedelta(days=1 if back else 0), "T" + pod)

    def rule_overnight(self, m, c):
        """The night before the day the story tells of ("closed lower Friday ... overnight losses in
        New York"), or before publication."""
        if not self.dct:
            return None
        day = self.dct
        if self.last_day and 0 <= (self.dct - self.last_day.day).days < 7:
            day = self.last_day.day
        return Point("day", day - dt.timedelta(days=1), "TNI")

    def _weekday_pod(self, m, c, rel):
        p = self._weekday(vocab()["weekdays"][m.group("wd")], rel, c)
        pod = _pod(m.group("pod"))
        return Point("day", p.day, "T" + pod) if p and pod else p

    def rule_weekday(self, m, c):
        return self._weekday_pod(m, c, m.group("rel")) or self._undated(m)

    def rule_weekday_set(self, m, c):
        pod = _pod(m.group("pod") or m.group("pod2"))
        return f"XXXX-WXX-{vocab()['weekdays'][m.group('wd')]}" + ("T" + pod if pod else "")

    def rule_pod_of_wd(self, m, c):
        if m.group("mon"):  # "the night of Friday, Oct. 23": the date settles the day
            p = self._day(m, c)
            pod = _pod(m.group("pod"))
            return (Point("day", p.day, "T" + pod) if p and pod else p) or self._undated(m)
        return self._weekday_pod(m, c, None) or self._undated(m)

    def rule_clock(self, m, c):
        h = int(m.group("h"))
        ap = m.group("ap").lower().replace(".", "")
        if h > 12 or h == 0:
            return None
        h = h % 12 + (12 if ap == "pm" else 0)
        base = self._clock_day(m, c)
        return Point("day", base.day, f"T{h:02d}:{m.group('min') or '00'}") if base else None

    def rule_clock_pod(self, m, c):
        """"4 in the morning", "8 o'clock in the evening", "11 at night"."""
        h = int(m.group("h"))
        later = m.group("night") and h > 5 or (m.group("pod") or "").lower() in ("afternoon", "evening")
        base = self._clock_day(m, c)
        return Point("day", base.day, f"T{h % 12 + (12 if later else 0):02d}:{m.group('min') or '00'}") if base else None

    def rule_clock_zone(self, m, c):
        """"at 1600 GMT", "0900 GMT Friday". In brackets it repeats the local time told before it
        ("10:35 a.m. (0735 GMT)") and is no expression of its own."""
        if m.string[max(0, c.start - 1):c.start] == "(":
            return None
        return self.rule_clock24(m, c)

    def rule_clock24(self, m, c):
        """"at 19:00", "by 21:30 on Friday": a 24-hour clock, known as one by its hour."""
        base = self._clock_day(m, c)
        return Point("day", base.day, f"T{int(m.group('h')):02d}:{m.group('min')}") if base else None

    def rule_noon(self, m, c):
        base = self._clock_day(m, c)
        hour = "24:00" if m.group("n").lower() == "midnight" else "12:00"
        return Point("day", base.day, "T" + hour) if base else None

    def _clock_day(self, m, c) -> Point | None:
        if m.group("wd"):
            return self._weekday(vocab()["weekdays"][m.group("wd")], None, c)
        if m.groupdict().get("mon"):
            return self._day(m, c)
        if m.group("w") and self.dct:
            offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[m.group("w").lower()]
            return Point("day", self.dct + dt.timedelta(days=offset))
        return self._ref_day()

    def rule_quarter(self, m, c):
        n = _ordinal(m.group("ord"))
        half = m.group("qh").lower() == "half"
        if not n or n > (2 if half else 4):
            return None
        owner = m.group("pre") or m.group("pre2") or (m.group("ofrel") and m.group("ofrel") + " year")
        year = int(m.group("year")) if m.group("year") else self._owner_year(owner)
        if year is None:
            return None
        gran = "half" if half else "quarter"
        first = dt.date(year, (n - 1) * (6 if half else 3) + 1, 1)
        if not (m.group("year") or owner) and self.dct and first > self.dct \
                and self._dir(c) != "future":
            first = first.replace(year=year - 1)  # results "for the fourth quarter" told in January
        return Point(gran, first)

    def _owner_year(self, pre: str | None) -> int | None:
        """The year of "last year's third quarter", "1990's first half"; else publication's."""
        if pre and pre[:1].isdigit():
            return int(pre)
        if not self.dct:
            return None
        step = {"last": -1, "next": 1}.get((pre or "").split()[0].lower() if pre else "", 0)
        return self.dct.year + step

    def _report_period(self, c: Candidate) -> Point | None:
        """The quarter a report has just named, for "a year earlier" a few lines on."""
        if self.last_quarter and c.start - self.last_quarter_at <= REPORT_REACH:
            return self.last_quarter
        return None

    def _last_quarter(self) -> Point | None:
        if self.last_quarter and (not self.dct or shift(self.last_quarter, "quarter", 1).day <= self.dct):
            return self.last_quarter  # "the quarter" of a report is one that has ended
        if not self.dct:
            return None
        return shift(at("quarter", self.dct), "quarter", -1)

    def rule_the_quarter(self, m, c):
        rel = re.sub(r"\s", "", (m.group("rel") or "").lower())
        if rel == "current":
            return at("quarter", self.dct) if self.dct else None
        q = self._last_quarter()
        if q is None:
            return None
        if rel in ("previous", "prior"):
            return shift(q, "quarter", -1)
        if rel in ("year-ago", "year-earlier"):
            return shift(q, "year", -1)
        return q

    def rule_rel_unit(self, m, c):
        rel = re.sub(r"\s+", " ", m.group("rel").lower())
        unit = m.group("unit").lower()
        if unit == "weekend":
            return self._weekend(rel, c)
        step = _rel_step(rel)
        if rel in ("the following", "the next", "the preceding"):
            ref = self._ref()  # "the following week": from the story's last point
            return shift(at(unit, ref.day), unit, step) if ref else None
        if step is None or not self.dct:
            return None
        return shift(at(unit, self.dct), unit, step)

    def rule_the_year(self, m, c):
        return at("year", self.dct) if self.dct else None  # "sales for the year": the current one

    def rule_year_period(self, m, c):
        """"the 1988 period": the period under report (the last quarter told), in that year."""
        year = int(m.group("year"))
        if self.last_quarter:
            return Point("quarter", self.last_quarter.day.replace(year=year))
        return Point("year", dt.date(year, 1, 1))

    def rule_the_weekend(self, m, c):
        return self._weekend("the", c)

    def _weekend(self, rel: str, c: Candidate) -> Point | None:
        if not self.dct:
            return None
        wd = self.dct.isoweekday()
        this_week = at("weekend", self.dct)
        if rel in ("last", "this past", "the past", "the last", "the previous"):
            back = True
        elif rel in ("next", "this coming", "the coming"):
            back = False
        else:
            back = self._dir(c) != "future"
        if back:
            return this_week if wd >= 6 else shift(this_week, "week", -1)
        return this_week if wd < 7 else shift(this_week, "week", 1)

    def rule_rel_season(self, m, c):
        if not self.dct:
            return None
        rel = re.sub(r"\s+", " ", m.group("rel").lower()).split()
        code = vocab()["seasons"][m.group("season").lower()]
        y = self.dct.year
        starts = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
        started = starts[code] <= self.dct.month
        if rel[-1] == "last":
            y -= 1
        elif rel[-1] == "next":
            y += 0 if not started else 1
        elif rel[-1] == "past":
            y -= 0 if started else 1
        return Point("season", dt.date(y, 1, 1), code)

    def rule_anchor_day(self, m, c):
        word = (m.group("rel") or m.group("dir2") or "").lower()
        step = -1 if any(w in word for w in ("previous", "preceding", "before")) else 1
        unit = (m.group("unit2") or "day").lower()
        if unit in ("week", "month", "year"):  # "the week before": from the story's last point
            ref = self._ref()
            return shift(at(unit, ref.day), unit, step) if ref else None
        ref = self._ref_day()
        if ref is None:
            return None
        pod = _pod(m.group("unit") or m.group("unit2"))
        return Point("day", ref.day + dt.timedelta(days=step), "T" + pod if pod else "")

    def rule_that_day(self, m, c):
        unit = m.group("unit").lower()
        pod = _pod(unit)
        if unit in ("day", "morning", "afternoon", "evening", "night"):
            ref = self.last_day
            return Point("day", ref.day, "T" + pod if pod else "") if ref else None
        ref = self.last
        if ref is None or ref.gran not in ("day", "week", "month", "quarter", "year"):
            return None
        return at(unit, ref.day)

    def rule_ago(self, m, c):
        n = number(m.group("num"))
        unit = _unit_gran(m.group("unit"))
        if n is None:
            return "PAST_REF"
        if not self.dct or n != int(n):
            return None
        mult = vocab()["units"][m.group("unit").lower()][1]
        if unit in ("second", "minute", "hour"):
            return at("day", self.dct)
        period = self._report_period(c)
        if unit == "year" and period:
            return shift(period, "year", -int(n) * mult)
        if unit == "year" and n * mult == 1 and self.last and self.last.gran == "month" and self.last.day <= self.dct:
            return shift(self.last, "year", -int(n) * mult)
        return shift(at(unit, self.dct), unit, -int(n) * mult)

    def rule_shift(self, m, c):
        n = _amount(m)
        ref = self._ref()
        unit = _unit_gran(m.group("unit"))
        if n is None or unit in ("second", "minute", "hour"):
            return duration(n, m.group("unit"))  # "a few days later", "an hour later": a length
        if ref is None or n != int(n):
            return None
        mult = vocab()["units"][m.group("unit").lower()][1]
        step = -1 if m.group("dir").lower() in ("earlier", "before") else 1
        if unit == "year" and self._report_period(c):
            ref = self._report_period(c)
        gran = ref.gran if ref.gran in ("day", "week", "month", "quarter", "year") else "year"
        if not (unit == "year" and gran in ("quarter", "month")):  # "a year earlier" keeps the quarter
            gran = coarser(gran, unit)
        return shift(at(gran, ref.day), unit, step * int(n) * mult)

    def rule_year_ago(self, m, c):
        ref = self._report_period(c) or \
            (self.last if self.last and self.last.gran in ("quarter", "month", "year", "half") else None)
        if ref is None:
            if not self.dct:
                return None
            ref = at("year", self.dct)
        return shift(ref, "year", -1)

    def rule_quarter_year_ago(self, m, c):
        q = self._report_period(c) or self._last_quarter()
        return shift(q, "year", -1) if q else None

    def rule_year_end(self, m, c):
        """"by year-end": the end of this year, TimeML's year with mod END; "since year-end": last year's."""
        if not self.dct:
            return None
        return Point("year", dt.date(self.dct.year - (1 if m.group("since") else 0), 1, 1))

    def rule_year_ended(self, m, c):
        return "P1Y"  # "the year ended Sept. 30": an accounting year, a length ending on that date

    def rule_set_word(self, m, c):
        return vocab()["sets"][m.group("w").lower()]

    def rule_set_every(self, m, c):
        if m.group("wd"):
            return f"XXXX-WXX-{vocab()['weekdays'][m.group('wd')]}"
        n = number(m.group("num")) if m.group("num") else 1
        return duration(n, m.group("unit"))

    def rule_set_per(self, m, c):
        return duration(1, m.group("unit"))

    def rule_duration(self, m, c):
        if m.group("age") is not None:
            return None
        num = m.group("num").lower()
        unit = m.group("unit").lower()
        if num in ("a", "an") and unit in ("second", "minute") and not m.group("plural"):
            return None  # "a second attack", "a minute's silence"
        if unit == "quarter" and ("-" in m.group(0) or re.match(r"\s+of\b", m.string[m.end():m.end() + 4])):
            return None  # "three-quarters of its food" is a share, not a time
        return duration(_amount(m), unit)

    def rule_bare_units(self, m, c):
        return duration(None, m.group("unit").lower().rstrip("s").replace("centurie", "century"))

    def rule_vague(self, m, c):
        word = re.sub(r"\s+", " ", m.group("v").lower())
        if word == "current":
            after = m.string[m.end():m.end() + 20].split()
            if after and after[0].lower().strip(".,") in vocab()["not_after_current"]:
                return None
        for value, words in vocab()["vague"].items():
            if word in words:
                return value
        return None


def _within(year: Point, m: re.Match) -> Point:
    """The month or season a year is told with ("January nineteen ninety-seven")."""
    g = m.groupdict()
    if g.get("mon"):
        return Point("month", year.day.replace(month=_month_number(g["mon"])))
    if g.get("season"):
        return Point("season", year.day, vocab()["seasons"][g["season"].lower()])
    return year


def _amount(m: re.Match) -> float | None:
    """The number of units matched, with a trailing "and a half" ("a minute and a half")."""
    n = number(m.group("num"))
    return n + 0.5 if n is not None and m.group("half") else n


def _comparison(c: Candidate) -> bool:
    """True for the comparison point of a report ("a year earlier", "the year-ago quarter", "the 1988
    period"), from which later anaphora ("the quarter") do not count."""
    name = c.rule.name
    if name in ("ago", "year_ago", "year_period", "quarter_year_ago"):
        return True
    if name == "the_quarter":
        return re.sub(r"\s", "", (c.match.group("rel") or "").lower()) in ("previous", "prior", "year-ago", "year-earlier")
    return name == "shift" and c.match.group("dir").lower() in ("earlier", "before") \
        and c.match.group("unit").lower() == "year"


def _ordinal(word: str) -> int | None:
    w = word.lower()
    if w[:-2].isdigit():
        return int(w[:-2])
    return vocab()["ordinals"].get(w)


def _pod(word: str | None) -> str:
    return vocab()["parts_of_day"].get((word or "").lower(), "")


def _lookup(table: dict, key: str) -> str:
    k = re.sub(r"\s+", " ", key).replace("’", "'")
    return table.get(k) or next(v for n, v in table.items() if n.lower() == k.lower())


def _holiday_date(rule: str, year: int) -> dt.date:
    if rule.startswith("easter"):
        return easter(year) + dt.timedelta(days=int(rule[6:] or 0))
    month, rest = rule.split("-", 1)
    if "-" not in rest:
        return dt.date(year, int(month), int(rest))
    weekday, nth = rest.split("-", 1)
    return nth_weekday(year, int(month), int(weekday), int(nth))


def _rel_step(rel: str) -> int | None:
    last = rel.split()[-1]
    if last in ("last", "past", "previous", "preceding"):
        return -1
    if last in ("next", "coming", "following"):
        return 1
    if last in ("this", "current"):
        return 0
    return None


