"""The `eventwire/1` record: typed dataclasses that serialise to the documented JSON contract.

Every stage returns plain values; only the pipeline assembles them into these types, so the
contract (``docs/schema.md``, ``schema/eventwire-1.json``) is written down in exactly one place.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any, Literal, TypeVar, get_args

from .errors import Extraction

SCHEMA = "eventwire/1"

Span = tuple[int, int]
ActorKind = Literal["person", "organization", "country", "group"]
PlaceKind = Literal["country", "admin1", "city", "site", "region", "water", "other"]
TimeKind = Literal["date", "time", "duration", "set"]
ACTOR_KINDS: tuple[ActorKind, ...] = get_args(ActorKind)
PLACE_KINDS: tuple[PlaceKind, ...] = get_args(PlaceKind)
TIME_KINDS: tuple[TimeKind, ...] = get_args(TimeKind)
_L = TypeVar("_L", bound=str)


def narrow(value: str, allowed: tuple[_L, ...], field: str) -> _L:
    """``value`` as one of the record's ``Literal`` values, checked: stages read kinds from resource files
    and indexes as plain strings, and the record must never carry one outside its schema."""
    for option in allowed:
        if option == value:
            return option
    raise Extraction.OUT_OF_SCHEMA.error(field=field, value=value, allowed=", ".join(allowed))


@dataclass(slots=True)
class Producer:
    eventwire: str
    model: str
    gazetteer: str
    stages: list[str] = field(default_factory=list)  # versioned stage names, in pipeline order


@dataclass(slots=True)
class Dateline:
    """The dateline opening the story ("GENEVA, March 3 (Reuters) -"): as written, and its place
    title-cased ("Geneva"; null when the dateline names two places, "ISLAMABAD/KABUL")."""

    text: str
    place: str | None


@dataclass(slots=True)
class Document:
    id: str
    content_hash: str
    title: str | None
    source: str | None
    url: str | None
    published: str | None
    published_at: str | None
    language: str
    text: str
    byline: str | None = None  # "Jane Doe and John Roe": the page's author, a JSONL author key or a "By" line
    dateline: Dateline | None = None


@dataclass(slots=True)
class Role:
    text: str
    span: Span


@dataclass(slots=True)
class Evidence:
    """One candidate considered for an actor's country or sector; ``chosen`` marks the winner."""

    field: str  # "country" | "sector"
    value: str
    source: str  # role|apposition|possessive|frame|kinship|employer|demonym|metonymy|kb|corpus
    span: Span | None
    chosen: bool


@dataclass(slots=True)
class Actor:
    id: str
    name: str
    kind: ActorKind
    aliases: list[str] = field(default_factory=list)
    country: str | None = None
    sector: str | None = None
    roles: list[Role] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(slots=True)
class Place:
    id: str
    name: str
    kind: PlaceKind
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    mentions: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class Time:
    id: str
    text: str
    value: str
    kind: TimeKind
    precision: str | None
    mod: str | None
    span: Span


@dataclass(slots=True)
class Cue:
    text: str
    span: Span


@dataclass(slots=True)
class Statement:
    """Who said what: ``span`` covers the content only (no quotation marks, no leading "that")."""

    id: str
    speaker: str | None  # actor id
    speaker_text: str | None
    speaker_span: Span | None
    cue: Cue | None
    content: str
    span: Span
    direct: bool
    channel: str | None
    time: str | None  # time id
    date: str | None  # TIMEX3 value of when it was said
    sentence: Span


@dataclass(slots=True)
class Quantity:
    value: float | int
    qualifier: str | None
    unit: str
    text: str


@dataclass(slots=True)
class Fatalities:
    value: float | int
    qualifier: str | None


@dataclass(slots=True)
class Trigger:
    text: str
    span: Span


@dataclass(slots=True)
class Event:
    """One real event of the story in PLOVER terms, with every mention that refers to it."""

    id: str
    type: str
    mode: str | None
    contexts: list[str]
    actors: list[str]  # actor ids
    recipients: list[str]  # actor ids
    time: str | None  # time id
    date: str | None  # TIMEX3 value
    place: str | None  # place id
    quantities: list[Quantity]
    objects: list[str]
    fatalities: Fatalities | None
    status: str  # reported | historical | future | hypothetical | negated
    claimed_by: str | None  # statement id
    mentions: list[Span]
    trigger: Trigger
    sentence: Span
    confidence: float | None
    # where the date and the place were found: "clause" (the event's own clause, or another mention's)
    # or "none"; "discourse", "dateline", "published" are reserved for fallbacks recorded as such
    date_source: str = "none"
    place_source: str = "none"


@dataclass(slots=True)
class Warning:
    code: str
    message: str


@dataclass(slots=True)
class Record:
    producer: Producer
    document: Document
    actors: list[Actor] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    times: list[Time] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict with the key order of the schema (spans become lists)."""
        return {"schema": SCHEMA, **_plain(self)}

    def to_json(self, indent: int | None = None) -> str:
        """Deterministic JSON: the same input gives byte-identical output."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)


def _plain(value: Any) -> Any:
    """``dataclasses.asdict`` with tuples turned into lists, in one pass: the record's leaves are
    JSON scalars, so asdict's deep copy of each one bought nothing but time (to_json ~25 % faster)."""
    names = _FIELDS.get(type(value))
    if names is None and is_dataclass(value) and not isinstance(value, type):
        names = _FIELDS[type(value)] = tuple(f.name for f in fields(value))
    if names is not None:
        return {name: _plain(getattr(value, name)) for name in names}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


_FIELDS: dict[type, tuple[str, ...]] = {}
