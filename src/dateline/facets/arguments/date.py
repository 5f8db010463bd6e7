"""When an event happened: the time attached to its trigger's clause, else its sentence's; a time of
another clause dates another event, so the paragraph's running date comes first, then one told just after.
Undated events take the publication date. A date that hangs on another clause of the event's sentence
(mostly the report's) is told apart, for merging to override it."""
from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Token

from ...record import EventDate, Time
from .anchoring import is_attached, paragraph_before, pick, targets_of, untriggered_neighbours
from .document import DocView


def _interval(value: str, published: dt.date | None) -> tuple[dt.date, dt.date, str] | None:
    """A TIMEX3 value as (start, end, precision); durations end at the publication date."""
    value = value or ""
    try:
        if re.match(r"\d{4}-\d\d-\d\d", value):
            d = dt.date.fromisoformat(value[:10])
            return d, d, "day"
        m = re.match(r"(\d{4})-W(\d\d)", value)
        if m:
            start = dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
            return start, start + dt.timedelta(days=6), "week"
        m = re.match(r"(\d{4})-(\d\d)$", value)
        if m:
            start = dt.date(int(m.group(1)), int(m.group(2)), 1)
            nxt = dt.date(start.year + start.month // 12, start.month % 12 + 1, 1)
            return start, nxt - dt.timedelta(days=1), "month"
        m = re.match(r"(\d{4})$", value)
        if m:
            return dt.date(int(value), 1, 1), dt.date(int(value), 12, 31), "year"
        m = re.match(r"P(\d+)([DW])$", value)
        if m and published is not None:
            days = int(m.group(1)) * (7 if m.group(2) == "W" else 1)
            return published - dt.timedelta(days=days), published - dt.timedelta(days=1), "range"
    except ValueError:
        return None
    return None


def date_of(view: DocView, anchor: Token, triggers: frozenset[int]) -> EventDate | None:
    """The date of the event read from `anchor`; `triggers`: the sentences that hold an event."""
    def usable(t: Time) -> bool:
        return t.type != "SET" and _interval(t.value, view.published) is not None

    here = [t for t in view.times.get(view.sentence(anchor.idx), []) if usable(t)]
    best = pick(here, view, anchor, lambda t: t.type == "DURATION")
    if best is None or not _attached_time(view, best, anchor):
        # a time of another clause ("after MPs travelled on Friday") dates another event: the
        # paragraph's running date comes first, then one told just after ("... officials said on
        # Tuesday. The attack took place on Monday.")
        before = paragraph_before(view.times, view, anchor, lambda t: usable(t) and t.type != "DURATION")
        after = [t for i in sorted(untriggered_neighbours(view, triggers, view.sentence(anchor.idx)))
                 if i > view.sentence(anchor.idx) for t in view.times.get(i, []) if usable(t) and t.type == "DATE"]
        best = before[-1] if before else after[0] if after else best
    if best is not None:
        start, end, precision = _interval(best.value, view.published)
        return EventDate(start.isoformat(), end.isoformat(), precision, best.text, best.start, best.end)
    if view.published is not None:
        day = view.published.isoformat()
        return EventDate(day, day, "publication")
    return None


def _attached_time(view: DocView, time: Time, anchor: Token) -> bool:
    tok = view.token(time.start, time.end)
    return tok is not None and is_attached(tok, anchor, targets_of(anchor))


def is_reported(view: DocView, date: EventDate | None, anchor: Token) -> bool:
    """A date of the event's sentence that hangs on another clause, mostly the report's ("officials said
    on Tuesday"): a later mention that dates the event itself overrides it."""
    if date is None or date.text_start is None or view.sentence(date.text_start) != view.sentence(anchor.idx):
        return False
    tok = view.token(date.text_start, date.text_end)
    return tok is not None and not is_attached(tok, anchor, targets_of(anchor))
