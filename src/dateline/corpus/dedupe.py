"""One event, many reports: deciding when two reports describe the same event, and what the event is.

Two reports are the same event when they share the ACLED sub-type and the modality, their dates overlap
(give or take DATE_SLACK_DAYS: outlets date by publication day, local time or "yesterday"), they name
the same place (points within MATCH_KM, or the same place name in the same country and province) and
their actors do not contradict each other. A cluster is a connected group of such reports; its fatalities follow
ACLED's conservative rule (the lowest figure any source gives), and every source's figure is kept.

Reports are flat dicts with the columns of the store's `events` table (see store.event_row).
"""
from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

MATCH_KM = 10.0  # a geocoder puts a town at its centre; reports naming a district land a few km off
DATE_SLACK_DAYS = 1
MAX_SPAN_DAYS = 31  # a report dated only to the year (or a long range) is too vague to be matched
EARTH_KM = 6371.0
NON_STATE_ARMED = {2, 3, 4}  # rebels, political and identity militias: who an "unidentified group" may be
CROWDS = {5, 6, 7}  # rioters, protesters, civilians: named by description, so names vary freely
_WORD = re.compile(r"[^\W_]+")
_GEO_RANK = {"town": 0, "district": 1, "region": 2, "country": 3}
_DAY = dt.timedelta(days=1)


# ---------------------------------------------------------------- dates

def _bounds(value: str) -> tuple[dt.date, dt.date] | None:
    """First and last day a TIMEX-style value covers: 2008-04-03, 2008-W14, 2008-04, 2008."""
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}.*", value):
            day = dt.date.fromisoformat(value[:10])
            return day, day
        if m := re.fullmatch(r"(\d{4})-W(\d{2})", value):
            monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return monday, monday + 6 * _DAY
        if m := re.fullmatch(r"(\d{4})-(\d{2})", value):
            first = dt.date(int(m[1]), int(m[2]), 1)
            return first, (first + 32 * _DAY).replace(day=1) - _DAY
        if re.fullmatch(r"\d{4}", value):
            return dt.date(int(value), 1, 1), dt.date(int(value), 12, 31)
    except ValueError:
        return None
    return None


def date_bounds(start: str | None, end: str | None) -> tuple[str | None, str | None]:
    """An event's date as the full days it may cover (ISO strings), or (None, None) if unreadable."""
    first = _bounds(start) if start else None
    last = _bounds(end) if end else first
    if first is None:
        return None, None
    last = last or first
    return first[0].isoformat(), max(first[1], last[1]).isoformat()


def date_window(start: str, end: str | None, slack: int = DATE_SLACK_DAYS) -> tuple[str, str]:
    """The days another report's date must touch to be the same event."""
    lo = dt.date.fromisoformat(start) - slack * _DAY
    hi = dt.date.fromisoformat(end or start) + slack * _DAY
    return lo.isoformat(), hi.isoformat()


def earliest_start(lo: str) -> str:
    """The earliest start a matchable report touching `lo` can have (its span is at most MAX_SPAN_DAYS)."""
    return (dt.date.fromisoformat(lo) - MAX_SPAN_DAYS * _DAY).isoformat()


def _date_span(r: Mapping) -> int:
    return (dt.date.fromisoformat(r["date_end"]) - dt.date.fromisoformat(r["date_start"])).days


def matchable(r: Mapping) -> bool:
    return bool(r["date_start"]) and _date_span(r) <= MAX_SPAN_DAYS


def _dates_overlap(a: Mapping, b: Mapping) -> bool:
    if not (matchable(a) and matchable(b)):
        return False
    lo, hi = date_window(a["date_start"], a["date_end"])
    return b["date_start"] <= hi and b["date_end"] >= lo


# ---------------------------------------------------------------- places

def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(math.sqrt(min(1.0, h)))


def _norm(name: str | None) -> str:
    if not name:
        return ""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return " ".join(_WORD.findall(plain.casefold()))


def _whole_country(r: Mapping) -> bool:
    """A whole country is no place: two events "in Iraq" on one day are not thereby one event."""
    return r["geo_precision"] == "country" or (bool(r["country"]) and _norm(r["location"]) == _norm(r["country"]))


def same_place(a: Mapping, b: Mapping, km: float = MATCH_KM) -> bool:
    if _differ(a["country"], b["country"]):
        return False
    points = (a["lat"], a["lon"], b["lat"], b["lon"])
    if None not in points and km_between(*points) <= km:
        return True
    if _whole_country(a) or _whole_country(b) or _differ(a["admin1"], b["admin1"]):
        return False
    name = _norm(a["location"])
    return bool(name) and name == _norm(b["location"])


def _differ(x: str | None, y: str | None) -> bool:
    """Both known and not the same (two Springfields in two states are two places)."""
    return bool(x) and bool(y) and _norm(x) != _norm(y)


# ---------------------------------------------------------------- actors

def _actor_compatible(name_a: str | None, inter_a: int | None, name_b: str | None, inter_b: int | None) -> bool:
    """Two reports' actor in one role may be the same: unknown, one name inside the other, or generic."""
    if not name_a or not name_b:
        return True
    words_a, words_b = set(_norm(name_a).split()), set(_norm(name_b).split())
    if words_a <= words_b or words_b <= words_a:
        return True
    if inter_a and inter_a == inter_b and inter_a in CROWDS:
        return True
    return _may_be(name_a, inter_b) or _may_be(name_b, inter_a)


def _may_be(unidentified: str, inter: int | None) -> bool:
    """An unidentified armed group may be any non-state armed group, never the state or a crowd."""
    return _unidentified(unidentified) and inter in NON_STATE_ARMED | {None}


def _unidentified(name: str) -> bool:
    return _norm(name).startswith("unidentified")


def _actors_compatible(a: Mapping, b: Mapping) -> bool:
    straight = (_actor_compatible(a["actor1"], a["inter1"], b["actor1"], b["inter1"])
                and _actor_compatible(a["actor2"], a["inter2"], b["actor2"], b["inter2"]))
    if straight or a["event_type"] != "Battles":
        return straight
    # in a battle either side may be named first
    return (_actor_compatible(a["actor1"], a["inter1"], b["actor2"], b["inter2"])
            and _actor_compatible(a["actor2"], a["inter2"], b["actor1"], b["inter1"]))


# ---------------------------------------------------------------- the decision

def same_event(a: Mapping, b: Mapping, km: float = MATCH_KM) -> bool:
    return (a["sub_event_type"] == b["sub_event_type"] and a["modality"] == b["modality"]
            and _dates_overlap(a, b) and same_place(a, b, km) and _actors_compatible(a, b))


# ---------------------------------------------------------------- the event of a cluster

def fatalities(reports: Sequence[Mapping]) -> dict[str, Any] | None:
    """ACLED's conservative rule: the lowest figure any source gives; each source's figure is kept."""
    figures = [{"event": r["id"], "article_id": r["article_id"], "doc_id": r.get("doc_id"),
                "outlet": r.get("outlet"), "published": r.get("published"),
                "count": r["fatalities"], "text": r["fatalities_text"]}
               for r in reports if r["fatalities"] is not None]
    if not figures:
        return None
    lowest = min(figures, key=lambda f: f["count"])
    return {"count": lowest["count"], "text": lowest["text"],
            "disagree": len({f["count"] for f in figures}) > 1, "reports": figures}


def _named_actors(r: Mapping) -> int:
    return sum(1 for k in ("actor1", "actor2") if r[k] and not _unidentified(r[k]))


def summarize(cluster_id: int, reports: Sequence[Mapping]) -> dict[str, Any]:
    """One event from its reports: each field from the report most precise about it."""
    first = reports[0]
    dated = [r for r in reports if r["date_start"]]
    placed = [r for r in reports if r["location"] or r["lat"] is not None]
    when = min(dated, key=_date_span) if dated else None
    where = min(placed, key=lambda r: (_GEO_RANK.get(r["geo_precision"], 4), r["lat"] is None)) if placed else None
    who = max(reports, key=_named_actors)
    return {
        "id": cluster_id,
        "event_type": first["event_type"], "sub_event_type": first["sub_event_type"],
        "modality": first["modality"],
        "date": {"start": when["date_start"], "end": when["date_end"], "precision": when["date_precision"]}
                if when else None,
        "location": {"name": where["location"], "admin1": where["admin1"], "country": where["country"],
                     "lat": where["lat"], "lon": where["lon"], "precision": where["geo_precision"]}
                    if where else None,
        "actor1": {"name": who["actor1"], "inter": who["inter1"]} if who["actor1"] else None,
        "actor2": {"name": who["actor2"], "inter": who["inter2"]} if who["actor2"] else None,
        "fatalities": fatalities(reports),
        "sources": list(dict.fromkeys(r.get("outlet") or r.get("doc_id") or "?" for r in reports)),
        "notes": first["evidence"],
        "reports": [{k: v for k, v in r.items() if k != "cluster_id"} for r in reports],
    }
