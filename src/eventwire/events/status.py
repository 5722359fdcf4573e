"""Auxiliary status of an event (PLOVER): negated > hypothetical > future > historical > reported."""

from __future__ import annotations

from spacy.tokens import Token

from .. import record, timex
from ..lexicon import subset
from ..story import Story
from ..syntax import governing_verb, has_modal, modal_scope, negated

# resources/en/modals.tsv (status column) and events/prepositions.tsv
_MODALS_HYPOTHETICAL = frozenset(subset("modals.tsv", "status", "hypothetical"))
_FUTURE_MARKERS = frozenset(subset("modals.tsv", "status", "future"))
_HISTORICAL_DAYS = 30  # an event that ended more than this long before publication is history
_NEGATING_PREPS = frozenset(subset("events/prepositions.tsv", "role", "negating"))
# Only values of these precisions are judged historical: weeks, quarters, seasons, decades and centuries
# never were (an event "in the 1990s" stays "reported").
_HISTORY_PRECISIONS = {"day", "month", "year"}


def status(story: Story, tok: Token, time: record.Time | None) -> str:
    verb = governing_verb(tok, steps=4, include_self=True)
    chain = modal_scope(verb) if verb is not None else []
    if negated(*chain, tok):
        return "negated"
    if tok.dep_ == "pobj" and tok.head.lower_ in _NEGATING_PREPS:
        return "negated"  # "came away without a deal"
    if has_modal(chain, _MODALS_HYPOTHETICAL) or any(
            c.dep_ == "mark" and c.lower_ in {"if", "unless"} for v in chain for c in v.children):
        return "hypothetical"
    if has_modal(chain, _FUTURE_MARKERS) or _future_time(story, time):
        return "future"
    if _historical(story, time):
        return "historical"
    return "reported"


def _historical(story: Story, time: record.Time | None) -> bool:
    if time is None or story.published is None:
        return False
    span = timex.interval(time.value)
    return span is not None and span.precision in _HISTORY_PRECISIONS and (
        story.published - span.last).days > _HISTORICAL_DAYS


def _future_time(story: Story, time: record.Time | None) -> bool:
    if time is None or story.published is None:
        return False
    span = timex.interval(time.value)
    return span is not None and span.precision == "day" and span.first > story.published

