"""Temporal expressions, HeidelTime-style: rules and vocabulary in ``resources/<lang>/times/``.

The work is split in three so each part can change alone:

* :mod:`.detect` finds candidate spans with the rules in ``rules.tsv`` and drops those the tokens rule out;
* :mod:`.tense` reads the tense of the governing verb ("met on Tuesday" vs "will travel on Wednesday");
* :mod:`.normalize` turns each span into a TIMEX3 value against the publication date (:mod:`.anchor`).

Example::

    >>> from eventwire.nlp import load
    >>> doc = load()("The ministers met on Tuesday.")
    >>> [(t.text, t.value) for t in find_times(doc, datetime.date(2025, 12, 6))]
    [('Tuesday', '2025-12-02')]

See docs/times.md for the value conventions (underspecified values when ``published`` is None, precision).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from .. import record
from ..stages import register
from ..syntax import doc_text
from . import detect
from .lexicon import Lexicon, folder_of, load_lexicon
from .normalize import NORMALISERS, Context, Norm
from .tense import direction

if TYPE_CHECKING:
    from ..story import Story

__all__ = ["TimeMention", "find_times", "lexicon"]


@lru_cache(maxsize=4)
def lexicon(lang: str = "en") -> Lexicon:
    """The time resources of ``lang``, loaded once per process and checked against the normalisers:
    a rule naming a normaliser that does not exist fails here, at load, with its file and line."""
    return load_lexicon(folder_of(lang), frozenset(NORMALISERS))


@dataclass(frozen=True, slots=True)
class TimeMention:
    """One temporal expression, its evidence span and its TIMEX3 reading.

    ``precision`` is the calendar granularity of ``value``: "day", "week", "month", "season", "quarter",
    "half", "year", "decade" or "century". Clock and part-of-day times ("3 p.m. Friday", "this morning") have
    precision "day" (the day they fall on); durations, sets and PRESENT_REF/PAST_REF/FUTURE_REF have None.
    """

    start: int
    end: int
    text: str
    value: str
    kind: str  # "date" | "time" | "duration" | "set"
    precision: str | None
    mod: str | None


def _sentence(doc: Doc, start: int) -> str:
    """The sentence holding ``start`` and the one before it (a genre cue like "quarter" may sit there)."""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    if span is None or not doc.has_annotation("DEP"):
        return doc_text(doc)[max(0, start - 300) : start + 200]
    sent = span.sent
    first = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    return doc[first : sent.end].text


def find_times(doc: Doc, published: datetime.date | None, *, lang: str = "en") -> list[TimeMention]:
    """Every temporal expression of the doc, in text order, normalised against the publication date.

    With ``published`` None the system clock is never consulted: relative expressions keep ``X``
    placeholders ("Tuesday" -> "XXXX-WXX-2", "last month" -> "XXXX-XX"); absolute ones resolve fully.
    """
    lex = lexicon(lang)
    text = doc_text(doc)

    def accept(cand: detect.Candidate) -> Norm | None:
        if not detect.plausible(doc, cand, lex):
            return None
        ctx = Context(
            groups=cand.groups,
            text=text[cand.start : cand.end],
            before=text[max(0, cand.start - 30) : cand.start],
            after=text[cand.end : cand.end + 30],
            sentence=_sentence(doc, cand.start),
            kind=cand.rule.kind,
            anchor=published,
            direction=direction(doc, cand.start, cand.end),
            lex=lex,
        )
        return NORMALISERS[cand.rule.normaliser](ctx)

    mentions: list[TimeMention] = []
    for cand, norm in detect.select(detect.candidates(text, lex), accept):
        start, mod = detect.attach_modifier(text, cand.start, norm.kind, lex)
        if mentions and start < mentions[-1].end:
            start, mod = cand.start, None
        mentions.append(
            TimeMention(cand.start if start is None else start, cand.end, text[start : cand.end], norm.value,
                        norm.kind, norm.precision, mod or norm.mod)
        )
    return mentions


@register("eventwire.times.v2", requires=("doc", "published"), assigns=("times",),
          resources=("times", "modals.tsv", "speech_verbs.tsv"), resources_hash="22f224800e7b")
def times_stage(story: Story) -> None:
    """Every date and time of the story as a TIMEX3 value against its publication date, ids ``T1…``."""
    story.times = [
        record.Time(f"T{n}", t.text, t.value, record.narrow(t.kind, record.TIME_KINDS, "time kind"), t.precision,
                    t.mod, (t.start, t.end))
        for n, t in enumerate(find_times(story.doc, story.published), 1)
    ]
