"""Days told from publication: "yesterday", "this morning", "overnight", a weekday ("on Friday", "last
Tuesday", "the following Monday"), weekdays as a habit ("on Fridays"), a part of a weekday."""
from __future__ import annotations

import datetime as dt
import re

from .calendar import Point
from .grammar import Candidate, Rules, vocab
from .resolve import Normaliser
from .values import part_of_day

RULES = Rules()  # in order of precedence (`Grammar`)
rule = RULES.rule


@rule("relday", "DATE", triggers="today yesterday tomorrow tonight", pattern=(
    r"\b(?:(?i:early|late|mid)[\s-]*(?P<pod2>(?i:morning|afternoon|evening))\s+)?(?P<w>"
    r"(?i:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|today|yesterday|tomorrow|tonight))"
    r"(?:['’]s)?(?:\s+{POD})?"
))
def _relday(norm, m, c):
    if not norm.dct:
        return None
    w = re.sub(r"\s+", " ", m.group("w").lower())
    offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1,
              "the day before yesterday": -2, "the day after tomorrow": 2}[w]
    pod = part_of_day(m.group("pod") or m.group("pod2")) or ("NI" if w == "tonight" else "")
    return Point("day", norm.dct + dt.timedelta(days=offset), "T" + pod if pod else "")


@rule("this_pod", "TIME", triggers="PODS", pattern=(
    r"\b(?P<rel>(?i:this|last|early\s+this|late\s+this|earlier\s+this|later\s+this))\s+{POD}"
))
def _this_pod(norm, m, c):
    if not norm.dct:
        return None
    rel = m.group("rel").lower().split()[-1]
    pod = part_of_day(m.group("pod"))
    back = rel == "last" and pod in ("NI", "EV")
    if rel == "last" and not back:
        return None  # "last morning" is not a day's part
    return Point("day", norm.dct - dt.timedelta(days=1 if back else 0), "T" + pod)


@rule("overnight", "TIME", triggers="overnight", pattern=r"\b(?i:overnight)\b")
def _overnight(norm, m, c):
    """The night before the day the story tells of ("closed lower Friday ... overnight losses in
    New York"), or before publication."""
    if not norm.dct:
        return None
    day = norm.dct
    if norm.last_day and 0 <= (norm.dct - norm.last_day.day).days < 7:
        day = norm.last_day.day
    return Point("day", day - dt.timedelta(days=1), "TNI")


@rule("weekday", "DATE", triggers="WEEKDAYS", pattern=(
    r"\b(?:(?P<rel>(?i:the\s+previous|the\s+preceding|the\s+following|last|next|this|this\s+coming|"
    r"this\s+past|coming|past|early|late))\s+)?{WD}(?!\s+{HOLIDAY_NAMES}\b)(?:['’]s)?(?:\s+{POD})?"
))
def _weekday(norm, m, c):
    return _weekday_pod(norm, m, c, m.group("rel")) or norm.undated(m)


@rule("weekday_set", "SET", triggers="WEEKDAYS WEEKDAYS_PLURAL", pattern=r"\b{WDS}")
def _weekday_set(norm, m, c):
    pod = part_of_day(m.group("pod") or m.group("pod2"))
    return f"XXXX-WXX-{vocab()['weekdays'][m.group('wd')]}" + ("T" + pod if pod else "")


@rule("pod_of_wd", "TIME", triggers="WEEKDAYS", pattern=(
    r"\b(?:(?i:early|late)\s+)?{POD}\s+(?i:of|on)\s+{WD}(?:\s*,\s*{MON}\s+{DAY}(?:\s*,\s*{YEAR})?)?"
))
def _pod_of_wd(norm, m, c):
    if m.group("mon"):  # "the night of Friday, Oct. 23": the date settles the day
        p = norm.date(m, c)
        pod = part_of_day(m.group("pod"))
        return (Point("day", p.day, "T" + pod) if p and pod else p) or norm.undated(m)
    return _weekday_pod(norm, m, c, None) or norm.undated(m)


def _weekday_pod(norm: Normaliser, m: re.Match, c: Candidate, rel: str | None) -> Point | None:
    p = norm.weekday(vocab()["weekdays"][m.group("wd")], rel, c)
    pod = part_of_day(m.group("pod"))
    return Point("day", p.day, "T" + pod) if p and pod else p
