"""Normalisation of matched time expressions to TIMEX3 values: the state a text builds up as it is read
(the discourse anchor) and the dispatch of each candidate to the rule that matched it.

Absolute expressions stand alone; deictic ones ("yesterday", "last week", "on Friday") count from the
publication date; anaphoric ones ("the following day", "two days later", "a year earlier") count from
the last point the text resolved. Weekdays, bare months and month-days take the direction of their
verb's tense (`tense(start, end)` gives "past", "present", "future", "either" or None). The rules
themselves, each beside its pattern, are in the family modules (`dates`, `days`, `clock`, `periods`,
`durations`); the methods here are what several of them share.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from .calendar import Point, at, weekday_near
from .grammar import Candidate, vocab
from .values import month_number, part_of_day

# a bare month or month-day follows the tense only while that keeps it within a year of publication
TENSE_REACH_DAYS = 366
# ...but a date this close to publication the other way wins over one more than twice as far
NEAR_DAYS = 31
# a story that has just told of a day this many days before publication is narrating the past week
NARRATIVE_GAP = 4


class Normaliser:
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
        out = c.rule.resolve(self, c.match, c)
        if out is None:
            return None
        if isinstance(out, Point):
            if not c.rule.comparison(c.match):
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

    def direction(self, c: Candidate) -> str | None:
        return self.tense(c.start, c.end)

    def ref(self) -> Point | None:
        return self.last or (at("day", self.dct) if self.dct else None)

    def ref_day(self) -> Point | None:
        return self.last_day or (at("day", self.dct) if self.dct else None)

    # ------------------------------------------------------------------ choosing a year
    def year_for(self, month: int, day: int, direction: str | None, weekday: int | None = None) -> int | None:
        """The year of a month-day written without one (see `pick`); a weekday written with it
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
        return self.pick(cands, direction).year if cands else None

    def pick(self, cands: list[dt.date], direction: str | None) -> dt.date:
        """The candidate nearest publication in the tense's direction, unless the nearest of all is
        within a month and the tense's choice months away (a past-tense report of a coming date)."""
        dct = self.dct
        assert dct is not None, "candidates are only weighed against a publication date"

        def dist(d: dt.date) -> int:
            return abs((d - dct).days)

        nearest = min(cands, key=dist)
        if direction == "past":
            ok = [d for d in cands if d <= dct and dist(d) <= TENSE_REACH_DAYS]
            chosen = max(ok) if ok else nearest
        elif direction in ("future", "either", "present"):  # "takes effect Jan. 1", "by Aug. 1"
            ok = [d for d in cands if d >= dct and dist(d) <= TENSE_REACH_DAYS]
            chosen = min(ok) if ok else nearest
        else:
            return nearest
        return nearest if dist(nearest) <= NEAR_DAYS < dist(chosen) / 2 else chosen

    # ------------------------------------------------------------------ days
    def date(self, m: re.Match, c: Candidate) -> Point | None:
        """The day of a match holding a month (`mon` or `mnum`) and a `day`, and maybe a `year` or a `wd`."""
        g = m.groupdict()
        month = int(g["mnum"]) if g.get("mnum") else month_number(g["mon"])
        day = int(g["day"])
        weekday = vocab()["weekdays"][g["wd"]] if g.get("wd") else None
        year = int(g["year"]) if g.get("year") else self.year_for(month, day, self.direction(c), weekday)
        if year is None:
            return None
        try:
            return Point("day", dt.date(year, month, day))
        except ValueError:
            return None

    def weekday(self, wd: int, rel: str | None, c: Candidate) -> Point | None:
        if not self.dct:
            return None
        words = (rel or "").lower().split()
        if words and words[0] == "the":  # "the previous Friday": from the day the story has reached
            ref = self.ref_day()
            assert ref is not None  # there is a publication date to fall back on
            return Point("day", weekday_near(ref.day, wd, "next" if words[-1] == "following" else "last"))
        if words and words[-1] in ("last", "past"):
            return Point("day", weekday_near(self.dct, wd, "last"))
        if words and words[-1] in ("next", "coming"):
            return Point("day", weekday_near(self.dct, wd, "next" if words == ["next"] else "future"))
        said = self.direction(c)
        # news mostly reports the past week, but a present tense schedules ("voters go to the polls
        # on Sunday"); a deadline ("until Tuesday") takes the nearer one
        direction = "future" if said in ("future", "present") else "nearest" if said == "either" else "past"
        if direction == "past" and wd == self.dct.isoweekday() and self._narrative_before(c):
            assert self.last_day is not None  # the story has reached a day (`_narrative_before`)
            return Point("day", weekday_near(self.last_day.day, wd, "last"))
        return Point("day", weekday_near(self.dct, wd, direction))

    def _narrative_before(self, c: Candidate) -> bool:
        """True when the story has moved back into the past week, so that a past "on Friday" written
        on a Friday means a week ago rather than today."""
        if not self.last_day or not self.dct:
            return False
        gap = (self.dct - self.last_day.day).days
        return NARRATIVE_GAP <= gap < 7 and "\n" not in c.match.string[self.last_day_at:c.start]

    def undated(self, m: re.Match) -> str | None:
        """With no publication date, what the words alone say: "XXXX-04-09", "XXXX-WXX-3", "XXXX-05"."""
        if self.dct:
            return None
        g = m.groupdict()
        pod = part_of_day(g.get("pod"))
        if g.get("mon") and g.get("day"):
            return f"XXXX-{month_number(g['mon']):02d}-{int(g['day']):02d}"
        if g.get("wd"):
            return f"XXXX-WXX-{vocab()['weekdays'][g['wd']]}" + ("T" + pod if pod else "")
        if g.get("mon"):
            return f"XXXX-{month_number(g['mon']):02d}"
        return None
