"""Calendar arithmetic on TIMEX3 points: a point is a granularity and the first day of its period."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

GRANS = ["day", "week", "month", "quarter", "year", "decade", "century"]


@dataclass(frozen=True)
class Point:
    gran: str  # day | week | weekend | month | quarter | half | season | year | decade | century
    day: dt.date  # first day of the period (for seasons: a day inside it)
    suffix: str = ""  # "TNI", "T10:00", a season code, ...

    def value(self) -> str:
        d = self.day
        if self.gran == "day":
            return d.isoformat() + self.suffix
        if self.gran in ("week", "weekend"):
            y, w, _ = d.isocalendar()
            return f"{y}-W{w:02d}" + ("-WE" if self.gran == "weekend" else "")
        if self.gran == "month":
            return f"{d.year}-{d.month:02d}"
        if self.gran == "quarter":
            return f"{d.year}-Q{(d.month - 1) // 3 + 1}"
        if self.gran == "half":
            return f"{d.year}-H{(d.month - 1) // 6 + 1}"
        if self.gran == "season":
            return f"{d.year}-{self.suffix}"
        if self.gran == "decade":
            return str(d.year)[:3]
        if self.gran == "century":
            return str(d.year)[:2]
        return str(d.year)


def add_months(d: dt.date, n: int) -> dt.date:
    m = d.month - 1 + n
    y = d.year + m // 12
    return dt.date(y, m % 12 + 1, 1)


def start_of(gran: str, d: dt.date) -> dt.date:
    if gran in ("week", "weekend"):
        return d - dt.timedelta(days=d.weekday())
    if gran == "month":
        return d.replace(day=1)
    if gran == "quarter":
        return dt.date(d.year, (d.month - 1) // 3 * 3 + 1, 1)
    if gran == "half":
        return dt.date(d.year, (d.month - 1) // 6 * 6 + 1, 1)
    if gran == "year":
        return dt.date(d.year, 1, 1)
    if gran == "decade":
        return dt.date(d.year // 10 * 10, 1, 1)
    if gran == "century":
        return dt.date(d.year // 100 * 100, 1, 1)
    return d


def shift(p: Point, unit: str, n: int) -> Point:
    """`p` moved by n units (day, week, month, quarter, year); its granularity stays."""
    d = p.day
    if unit == "day":
        d = d + dt.timedelta(days=n)
    elif unit == "week":
        d = d + dt.timedelta(weeks=n)
    elif unit in ("month", "quarter", "year", "half", "decade", "century"):
        months = {"month": 1, "quarter": 3, "half": 6, "year": 12, "decade": 120, "century": 1200}[unit]
        day = min(d.day, 28) if p.gran == "day" else 1
        d = add_months(d, n * months).replace(day=day)
    return Point(p.gran, start_of(p.gran, d) if p.gran != "day" else d, p.suffix)


def at(gran: str, d: dt.date, suffix: str = "") -> Point:
    return Point(gran, start_of(gran, d), suffix)


def coarser(a: str, b: str) -> str:
    order = {g: i for i, g in enumerate(GRANS)}
    return a if order.get(a, 0) >= order.get(b, 0) else b


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.date:
    """The nth (1-based; -1 = last) ISO weekday of a month."""
    if nth > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))
    last = add_months(dt.date(year, month, 1), 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)


def easter(year: int) -> dt.date:
    """Gregorian Easter Sunday (anonymous algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month = (h + l - 7 * m + 114) // 31
    return dt.date(year, month, (h + l - 7 * m + 114) % 31 + 1)


def weekday_near(ref: dt.date, weekday: int, direction: str) -> dt.date:
    """The ISO weekday nearest `ref` looking back ("past"), forward ("future", "next"), or strictly
    back ("last"); "next" is strictly forward. `ref` itself counts for past and future."""
    back = (ref.isoweekday() - weekday) % 7
    fwd = (weekday - ref.isoweekday()) % 7
    if direction == "past":
        return ref - dt.timedelta(days=back)
    if direction == "last":
        return ref - dt.timedelta(days=back or 7)
    if direction == "next":
        return ref + dt.timedelta(days=fwd or 7)
    if direction == "future":
        return ref + dt.timedelta(days=fwd)
    return ref - dt.timedelta(days=back) if back <= fwd else ref + dt.timedelta(days=fwd)
