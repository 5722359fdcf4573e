"""The parsed story as the later stages see it: the Doc plus the records found so far, indexed.

Statements and events both need to ask "which actor is this token?", "which time expression is
in this clause?", "which place?". The answers are computed once here from the record's own spans,
so every stage links to the same ids.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from . import record
from .ingest.dateline import Dateline
from .mentions import Mention


@dataclass(slots=True)
class Story:
    """The shared state the stages read and fill, in pipeline order (``stages.DEFAULT_STAGES``).

    The pipeline sets ``doc``, ``text``, ``published`` and ``dateline``; each stage assigns the fields it declares
    (``mentions`` … ``events``). The span indexes behind ``actor_at`` and ``place_at`` are built on
    first use after ``actors``/``places`` are assigned, and rebuilt if a stage replaces those lists.
    """

    doc: Doc
    text: str
    published: dt.date | None
    dateline: Dateline | None = None  # the story's dateline with its span in ``text`` (``ingest.dateline``)
    mentions: list[Mention] = field(default_factory=list)
    actors: list[record.Actor] = field(default_factory=list)
    places: list[record.Place] = field(default_factory=list)
    times: list[record.Time] = field(default_factory=list)
    statements: list[record.Statement] = field(default_factory=list)
    events: list[record.Event] = field(default_factory=list)
    _indexed: tuple[int, int] = (0, 0)
    _actor_spans_: list[tuple[int, int, str]] = field(default_factory=list)
    _place_spans_: list[tuple[int, int, str]] = field(default_factory=list)
    _starts_: list[int] = field(default_factory=list)

    def _index(self) -> None:
        key = (id(self.actors), id(self.places))
        if key != self._indexed:
            self._actor_spans_ = sorted((s, e, a.id) for a in self.actors for s, e in a.mentions)
            self._place_spans_ = sorted((s, e, p.id) for p in self.places for s, e in p.mentions)
            self._starts_ = [s for s, _, _ in self._actor_spans_]
            self._indexed = key

    @property
    def _actor_spans(self) -> list[tuple[int, int, str]]:
        self._index()
        return self._actor_spans_

    @property
    def _place_spans(self) -> list[tuple[int, int, str]]:
        self._index()
        return self._place_spans_

    @property
    def _starts(self) -> list[int]:
        self._index()
        return self._starts_

    # --- actors ---------------------------------------------------------------------------------
    def actor_at(self, start: int, end: int) -> str | None:
        """The actor with a mention overlapping ``[start, end)`` (the longest, if several)."""
        best: tuple[int, str] | None = None
        i = bisect.bisect_right(self._starts, end) - 1
        while i >= 0 and self._actor_spans[i][0] > start - 200:
            s, e, aid = self._actor_spans[i]
            if s < end and start < e and (best is None or e - s > best[0]):
                best = (e - s, aid)
            i -= 1
        return best[1] if best else None

    def actor_of_token(self, tok: Token) -> str | None:
        return self.actor_at(tok.idx, tok.idx + len(tok))

    def actors_at(self, start: int, end: int) -> list[str]:
        """Every actor with a mention overlapping ``[start, end)``: "Ukrainian and US officials"
        is one phrase and two groups."""
        found: list[str] = []
        i = bisect.bisect_right(self._starts, end) - 1
        while i >= 0 and self._actor_spans[i][0] > start - 200:
            s, e, aid = self._actor_spans[i]
            if s < end and start < e and aid not in found:
                found.append(aid)
            i -= 1
        return sorted(found, key=lambda aid: int(aid[1:]))

    def actors_in(self, span: Span | Token) -> list[str]:
        """Actor ids mentioned inside a span or a token's subtree, in text order, once each."""
        start, end = _chars(span)
        found: list[str] = []
        for s, e, aid in self._actor_spans:
            if s >= start and e <= end and aid not in found:
                found.append(aid)
        return found

    def actor(self, actor_id: str) -> record.Actor:
        return self.actors[int(actor_id[1:]) - 1]

    # --- places and times -------------------------------------------------------------------------
    def place_at(self, start: int, end: int) -> str | None:
        for s, e, pid in self._place_spans:
            if s < end and start < e:
                return pid
        return None

    def times_in(self, start: int, end: int) -> list[record.Time]:
        return [t for t in self.times if t.span[0] >= start and t.span[1] <= end]

    def time_at(self, start: int, end: int) -> record.Time | None:
        return next((t for t in self.times if t.span[0] < end and start < t.span[1]), None)


def _chars(span: Span | Token) -> tuple[int, int]:
    if isinstance(span, Token):
        sub = list(span.subtree)
        return sub[0].idx, sub[-1].idx + len(sub[-1])
    return span.start_char, span.end_char
