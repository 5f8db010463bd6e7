"""The record `dateline extract` prints (see CONTRACT.md): plain dataclasses, one per facet.

Every `start`/`end` is a Python str index into `Record.text`.
"""
from __future__ import annotations

import types
import typing
from dataclasses import asdict, dataclass, field, fields, is_dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

T = TypeVar("T", bound="DataclassInstance")


@dataclass
class Article:
    title: str | None = None
    author: str | None = None
    published: str | None = None  # YYYY-MM-DD
    outlet: str | None = None
    url: str | None = None


@dataclass
class Entity:
    text: str
    start: int
    end: int
    label: str
    canonical: str
    title: str | None = None  # a title or role before a person's name: "Cameraman", "Rear Admiral"


@dataclass
class Time:
    text: str
    start: int
    end: int
    type: str  # DATE | TIME | DURATION | SET
    value: str  # TIMEX3 value


@dataclass
class Place:
    text: str
    start: int
    end: int
    name: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    feature: str  # country | admin1 | city | district | facility | region | water | ...
    admin2: str | None = None  # the district (GeoNames second-level unit) that holds it, when known
    basis: str | None = None  # what decided the reading: qualifier | enclosing-unit | dateline | ...


@dataclass
class Quantity:
    text: str
    start: int
    end: int
    value: float | None
    unit: str | None  # what it counts: "dead", "jobs", "USD", "percent", ...
    kind: str  # fatalities | injuries | people | money | percent | count | ...
    bound: str = "exact"  # exact | lower | upper | approximate


@dataclass
class Speaker:
    name: str
    text: str
    start: int
    end: int
    role: str | None = None


@dataclass
class Quote:
    text: str
    start: int
    end: int
    direct: bool
    cue: str | None
    medium: str | None = None
    date: str | None = None
    speaker: Speaker | None = None


@dataclass
class Evidence:
    start: int
    end: int
    text: str


@dataclass
class EventDate:
    start: str
    end: str
    precision: str  # day | week | month | year | range | publication (fallback)
    text: str | None = None
    text_start: int | None = None
    text_end: int | None = None


@dataclass
class EventLocation:
    name: str
    admin1: str | None
    country: str | None
    lat: float | None
    lon: float | None
    precision: str  # town | district | region | country
    text_start: int | None = None
    text_end: int | None = None


@dataclass
class Actor:
    name: str
    inter: int | None
    text: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass
class Fatalities:
    count: int | None
    text: str
    start: int | None = None
    end: int | None = None


@dataclass
class Event:
    id: str
    event_type: str
    sub_event_type: str
    modality: str  # occurred | planned | threatened | negated | hypothetical
    evidence: list[Evidence]
    confidence: float
    plover: dict[str, Any] | None = None  # {type, mode}
    cameo: str | None = None
    date: EventDate | None = None
    location: EventLocation | None = None
    actor1: Actor | None = None
    actor2: Actor | None = None
    fatalities: Fatalities | None = None
    trigger: Evidence | None = None
    mentions: list[int] = field(default_factory=list)  # indexes into Record.mentions: what the event rests on


@dataclass
class Mention:
    """One report of an act, coded or not: its ACLED sub-type, the trigger it rests on, whether the report
    tells it as news (`occurred`) or otherwise, and the event it belongs to (None when it is not news)."""

    event_type: str
    sub_event_type: str
    start: int
    end: int
    text: str
    factuality: str  # occurred | background | generic | negated | denied | planned | threatened | hypothetical
    event: str | None = None


@dataclass
class Record:
    id: str
    article: Article
    text: str
    entities: list[Entity] = field(default_factory=list)
    times: list[Time] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Record:
        """The record of `to_dict` (or of its JSON) back as dataclasses; unknown keys are ignored."""
        return from_dict(cls, data)


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def from_dict(cls: type[T], data: dict[str, Any]) -> T:
    """Any of the record's dataclasses from its dict form, nested dataclasses rebuilt."""
    hints = _hints(cls)
    return cls(**{f.name: _value(hints[f.name], data[f.name]) for f in fields(cls) if f.name in data})


def _value(hint: Any, value: Any) -> Any:
    """`value` as the annotated type: dataclasses rebuilt, lists and optionals unwrapped."""
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(hint) if a is not type(None)]
        return _value(inner[0], value) if len(inner) == 1 else value
    if origin is list:
        (item,) = typing.get_args(hint)
        return [_value(item, v) for v in value]
    if isinstance(hint, type) and is_dataclass(hint) and isinstance(value, dict):
        return from_dict(hint, value)
    return value
