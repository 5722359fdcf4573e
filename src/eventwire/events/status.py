"""Auxiliary status of an event (PLOVER): negated > hypothetical > future > historical > reported."""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Token

from .. import record
from ..lexicon import subset
from ..story import Story

# resources/en/modals.tsv (status column) and events/prepositions.tsv
_MODALS_HYPOTHETICAL = frozenset(subset("modals.tsv", "status", "hypothetical"))
_FUTURE_MARKERS = frozenset(subset("modals.tsv", "status", "future"))
_HISTORICAL_DAYS = 30  # an event that ended more than this long before publication is history
_NEGATING_PREPS = frozenset(subset("events/prepositions.tsv", "role", "negating"))


def status(story: Story, tok: Token, time: record.Time | None) -> str:
    verb = tok if tok.pos_ in {"VERB", "AUX"} else _governing_verb(tok)
    chain = [verb] if verb is not None else []
    if verb is not None and verb.dep_ in {"xcomp", "ccomp"} and verb.head.pos_ in {"VERB", "AUX"}:
        chain.append(verb.head)
    children = [c for v in chain for c in v.children]
    if any(c.dep_ == "neg" for c in children) or any(c.dep_ == "neg" for c in tok.children):
        return "negated"
    if tok.dep_ == "pobj" and tok.head.lower_ in _NEGATING_PREPS:
        return "negated"  # "came away without a deal"
    if any(c.lower_ in _MODALS_HYPOTHETICAL and c.dep_ == "aux" for c in children) or any(
            c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in children):
        return "hypothetical"
    if any(c.lower_ in _FUTURE_MARKERS and c.dep_ == "aux" for c in children) or _future_time(story, time):
        return "future"
    if _historical(story, time):
        return "historical"
    return "reported"


def _governing_verb(tok: Token) -> Token | None:
    head = tok.head
    for _ in range(3):
        if head.pos_ in {"VERB", "AUX"}:
            return head
        if head.head is head:
            break
        head = head.head
    return None


def _interval_end(value: str) -> dt.date | None:
    """Last day a TIMEX3 date value covers (year, month or day precision), else None."""
    try:
        if len(value) == 4 and value.isdigit():
            return dt.date(int(value), 12, 31)
        if len(value) == 7 and value[4] == "-" and value[5:].isdigit():
            y, m = int(value[:4]), int(value[5:])
            return (dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1))
        if len(value) >= 10:
            return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
    return None


def _historical(story: Story, time: record.Time | None) -> bool:
    if time is None or story.published is None:
        return False
    end = _interval_end(time.value)
    return end is not None and (story.published - end).days > _HISTORICAL_DAYS


def _future_time(story: Story, time: record.Time | None) -> bool:
    if time is None or story.published is None or len(time.value) < 10:
        return False
    try:
        return dt.date.fromisoformat(time.value[:10]) > story.published
    except ValueError:
        return False

