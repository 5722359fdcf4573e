"""The working form of one event while the story is read: every mention found so far, with the
parties and attributes each step has filled. ``events.find_events`` makes one per trigger, merges the
drafts of one real event, then turns each into a ``record.Event``."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from .. import record
from .lexicon import TriggerSense

__all__ = ["Draft"]


@dataclass(slots=True)
class Draft:
    sense: TriggerSense
    trigger: Token
    trigger_span: tuple[int, int]
    sentence: tuple[int, int]
    actors: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    time: record.Time | None = None
    place: str | None = None
    quantities: list[record.Quantity] = field(default_factory=list)
    objects: list[str] = field(default_factory=list)
    fatalities: record.Fatalities | None = None
    mode: str | None = None
    contexts: list[str] = field(default_factory=list)
    status: str = "reported"
    claimed_by: str | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)  # trigger heads of every mention
    bare: bool = False  # "the talks": a mention that names no party, date or place of its own
    date_source: str = "none"
    place_source: str = "none"
    published_date: str | None = None  # the date_source "published" fallback: a date with no time id
