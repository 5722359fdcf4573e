"""How much of what a reader wants the records hold: the figures ``eventwire coverage`` reports.

Why a pure function over record dicts: the same figures must come from a JSONL file, a store or a
test's hand-made records, and a large store must be counted in one pass with flat memory, so the
input is any iterable and nothing is kept but counters.

The figures (issue 9, section 0):

* persons with a country — actors of kind ``person`` whose ``country`` is set;
* events with at least one actor — ``actors`` non-empty (recipients do not count);
* events dated from the text — ``date_source`` in ``clause``/``discourse`` when an event has that key,
  else any non-null ``date``;
* events placed — ``place_source`` in ``clause``/``discourse`` when an event has that key, else any
  non-null ``place``;
* statements with a speaker — ``speaker`` set.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

FROM_TEXT = frozenset({"clause", "discourse"})


@dataclass
class Figure:
    """``hits`` of ``total`` and their share (None when there is nothing to count)."""

    hits: int = 0
    total: int = 0

    @property
    def share(self) -> float | None:
        """hits / total, rounded to 4 places; None for an empty total."""
        return round(self.hits / self.total, 4) if self.total else None

    def add(self, hit: bool) -> None:
        """Count one item, a hit or not."""
        self.total += 1
        self.hits += bool(hit)

    def as_dict(self) -> dict[str, Any]:
        """Stable keys for JSON output: ``hits``, ``total``, ``share``."""
        return {"hits": self.hits, "total": self.total, "share": self.share}


@dataclass
class Coverage:
    """The figures over a set of records; ``documents`` counts the records read."""

    documents: int = 0
    persons_with_country: Figure = field(default_factory=Figure)
    events_with_actor: Figure = field(default_factory=Figure)
    events_dated: Figure = field(default_factory=Figure)
    events_placed: Figure = field(default_factory=Figure)
    statements_with_speaker: Figure = field(default_factory=Figure)

    def figures(self) -> dict[str, Figure]:
        """Every figure by its stable name, in report order."""
        return {name: getattr(self, name) for name in FIGURES}

    def as_dict(self) -> dict[str, Any]:
        """The JSON form: ``{"documents": n, "<figure>": {"hits", "total", "share"}, …}``."""
        return {"documents": self.documents, **{k: f.as_dict() for k, f in self.figures().items()}}


FIGURES = ("persons_with_country", "events_with_actor", "events_dated", "events_placed", "statements_with_speaker")
LABELS = {
    "persons_with_country": "persons with a country",
    "events_with_actor": "events with ≥ 1 actor",
    "events_dated": "events dated from the text",
    "events_placed": "events placed",
    "statements_with_speaker": "statements with a speaker",
}


def _from_text(event: Mapping[str, Any], source_key: str, value_key: str) -> bool:
    if source_key in event:
        return event.get(source_key) in FROM_TEXT
    return event.get(value_key) is not None


def add_record(cov: Coverage, record: Mapping[str, Any]) -> None:
    """Count one record (an ``eventwire/1`` dict) into ``cov``."""
    cov.documents += 1
    for actor in record.get("actors") or ():
        if actor.get("kind") == "person":
            cov.persons_with_country.add(bool(actor.get("country")))
    for event in record.get("events") or ():
        cov.events_with_actor.add(bool(event.get("actors")))
        cov.events_dated.add(_from_text(event, "date_source", "date"))
        cov.events_placed.add(_from_text(event, "place_source", "place"))
    for statement in record.get("statements") or ():
        cov.statements_with_speaker.add(statement.get("speaker") is not None)


def coverage(records: Iterable[Mapping[str, Any]]) -> Coverage:
    """The figures over ``records``, read once (a generator over a large store keeps memory flat)."""
    cov = Coverage()
    for record in records:
        add_record(cov, record)
    return cov
