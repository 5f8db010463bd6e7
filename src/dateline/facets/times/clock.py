"""Clock times ("3 p.m.", "4 in the morning", "0900 GMT Friday", "at 19:00", "noon"), on the day they
name or, failing one, the day the story has reached."""
from __future__ import annotations

import datetime as dt
import re

from .calendar import Point
from .grammar import Candidate, Rules, vocab
from .resolve import Normaliser

RULES = Rules()  # in order of precedence (`Grammar`)
rule = RULES.rule


@rule("clock", "TIME", triggers="#", pattern=(
    r"(?<![\w.:])(?P<h>[012]?\d)(?::(?P<min>[0-5]\d))?\s*(?P<ap>(?i:a\.m\.|p\.m\.|am\b|pm\b))(?:\s+"
    r"(?P<tz>[A-Z]{{2,4}}\b|(?i:local\s+time|GMT)))?(?:\s*,?\s+(?:(?i:on|this|last)\s+)?(?:{WD}|(?P<w>"
    r"(?i:today|yesterday|tomorrow|tonight))|{MON}\s+{DAY}))?"
))
def _clock(norm, m, c):
    h = int(m.group("h"))
    ap = m.group("ap").lower().replace(".", "")
    if h > 12 or h == 0:
        return None
    h = h % 12 + (12 if ap == "pm" else 0)
    base = _clock_day(norm, m, c)
    return Point("day", base.day, f"T{h:02d}:{m.group('min') or '00'}") if base else None


@rule("clock_pod", "TIME", triggers="PODS", pattern=(
    r"(?<![\w.:$£€-])(?P<h>1[0-2]|0?[1-9])(?::(?P<min>[0-5]\d))?\s+(?:(?i:o['’]clock)\s+)?(?i:in\s+the\s+"
    r"(?P<pod>morning|afternoon|evening)|at\s+(?P<night>night)){DAY_AFTER}"
))
def _clock_pod(norm, m, c):
    """"4 in the morning", "8 o'clock in the evening", "11 at night"."""
    h = int(m.group("h"))
    later = m.group("night") and h > 5 or (m.group("pod") or "").lower() in ("afternoon", "evening")
    base = _clock_day(norm, m, c)
    return Point("day", base.day, f"T{h % 12 + (12 if later else 0):02d}:{m.group('min') or '00'}") if base else None


@rule("clock_zone", "TIME", triggers="gmt utc local hours hrs", pattern=(
    r"(?<![\w.:$£€-])(?P<h>[01]\d|2[0-3]|\d(?=:)):?(?P<min>[0-5]\d)\s*(?P<tz>GMT|UTC|(?i:local\s+time|"
    r"hours|hrs)\b){DAY_AFTER}"
))
def _clock_zone(norm, m, c):
    """"at 1600 GMT", "0900 GMT Friday". In brackets it repeats the local time told before it
    ("10:35 a.m. (0735 GMT)") and is no expression of its own."""
    if m.string[max(0, c.start - 1):c.start] == "(":
        return None
    return _clock24(norm, m, c)


@rule("clock24", "TIME", triggers="#", pattern=(
    r"\b(?i:at|by|until|till|from|before|after|since|to)\s+(?P<x>(?P<h>0\d|1[3-9]|2[0-3]):(?P<min>[0-5]\d)"
    r"(?![\d:.,]\d|\w){DAY_AFTER})"
))
def _clock24(norm, m, c):
    """"at 19:00", "by 21:30 on Friday": a 24-hour clock, known as one by its hour."""
    base = _clock_day(norm, m, c)
    return Point("day", base.day, f"T{int(m.group('h')):02d}:{m.group('min')}") if base else None


@rule("noon", "TIME", triggers="noon midday midnight", pattern=(
    r"(?<!high\s)(?<!High\s)\b(?P<n>(?i:noon|midday|midnight))(?:\s*,?\s+(?:(?i:on)\s+)?(?:{WD}|(?P<w>"
    r"(?i:today|yesterday|tomorrow))))?"
))
def _noon(norm, m, c):
    base = _clock_day(norm, m, c)
    hour = "24:00" if m.group("n").lower() == "midnight" else "12:00"
    return Point("day", base.day, "T" + hour) if base else None


def _clock_day(norm: Normaliser, m: re.Match, c: Candidate) -> Point | None:
    """The day a clock time names after it ("0900 GMT Friday"), else the day the story has reached."""
    if m.group("wd"):
        return norm.weekday(vocab()["weekdays"][m.group("wd")], None, c)
    if m.groupdict().get("mon"):
        return norm.date(m, c)
    if m.group("w") and norm.dct:
        offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[m.group("w").lower()]
        return Point("day", norm.dct + dt.timedelta(days=offset))
    return norm.ref_day()
