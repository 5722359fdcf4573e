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
from .spans import SpanIndex


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
    _places_: SpanIndex[tuple[int, int, str]] | None = None
    _times_: tuple[tuple[int, int], SpanIndex[record.Time]] | None = None
    _last_mentions_: tuple[int, dict[str, tuple[int, list[int]]]] | None = None

    def _index(self) -> None:
        key = (id(self.actors), id(self.places))
        if key != self._indexed:
            self._actor_spans_ = sorted((s, e, a.id) for a in self.actors for s, e in a.mentions)
            self._place_spans_ = sorted((s, e, p.id) for p in self.places for s, e in p.mentions)
            self._starts_ = [s for s, _, _ in self._actor_spans_]
            self._places_ = SpanIndex(self._place_spans_, lambda p: (p[0], p[1]))
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
        """The first place (in span order) with a mention overlapping ``[start, end)``."""
        self._index()
        assert self._places_ is not None
        found = self._places_.overlapping(start, end)
        return found[0][2] if found else None

    def times_in(self, start: int, end: int) -> list[record.Time]:
        """Time expressions inside ``[start, end)``, in ``times`` order."""
        return self._time_index().inside(start, end)

    def time_at(self, start: int, end: int) -> record.Time | None:
        """The first time expression (in ``times`` order) overlapping ``[start, end)``."""
        found = self._time_index().overlapping(start, end)
        return found[0] if found else None

    def _time_index(self) -> SpanIndex[record.Time]:
        key = (id(self.times), len(self.times))
        if self._times_ is None or self._times_[0] != key:
            self._times_ = (key, SpanIndex(self.times, lambda t: (t.span[0], t.span[1])))
        return self._times_[1]

    def last_mention_before(self, actor: record.Actor, before: int) -> int:
        """The start of ``actor``'s last mention starting before ``before`` (-1 if none): a binary
        search, where scanning every mention of every actor per pronoun was quadratic."""
        if self._last_mentions_ is None or self._last_mentions_[0] != id(self.actors):
            self._last_mentions_ = (id(self.actors), {})
        known = self._last_mentions_[1].get(actor.id)
        if known is None or known[0] != len(actor.mentions):
            known = self._last_mentions_[1][actor.id] = (len(actor.mentions), sorted(s for s, _ in actor.mentions))
        starts = known[1]
        i = bisect.bisect_left(starts, before)
        return starts[i - 1] if i else -1


def _chars(span: Span | Token) -> tuple[int, int]:
    if isinstance(span, Token):
        sub = list(span.subtree)
        return sub[0].idx, sub[-1].idx + len(sub[-1])
    return span.start_char, span.end_char
