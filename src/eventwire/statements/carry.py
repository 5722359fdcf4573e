"""What a statement keeps from the one before it: the channel of a speaker who goes on.

A reporter names the channel once ("Doe wrote on X that …") and then continues ("She added that …",
"“…,” she wrote", a quote-only sentence): the later statements were made on the same channel. Carried
only to a statement of the same speaker that has no channel of its own, whose cue is a continuation
verb (``statements/continuation_verbs.txt``) or a bare quotation, and that begins in the same or the next
sentence after the one it continues: further away, the speaker may have spoken again elsewhere.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc

from .. import record
from ..lexicon import read_words

__all__ = ["carry_channels"]

MAX_SENTENCES = 1  # sentences between the end of one statement and the start of the next that continues it


@cache
def continuation_verbs() -> frozenset[str]:
    return read_words("statements/continuation_verbs.txt")


def _sentence_index(doc: Doc) -> list[int]:
    """The start character of each sentence, in order."""
    return [s.start_char for s in doc.sents]


def _sentence_of(starts: list[int], char: int) -> int:
    lo, hi = 0, len(starts)
    while lo < hi:  # the last sentence starting at or before ``char``
        mid = (lo + hi) // 2
        if starts[mid] <= char:
            lo = mid + 1
        else:
            hi = mid
    return lo - 1


def _continues(doc: Doc, st: record.Statement) -> bool:
    if st.cue is None:
        return True
    span = doc.char_span(st.cue.span[0], st.cue.span[1], alignment_mode="expand")
    return span is not None and span.root.lemma_.lower() in continuation_verbs()


def carry_channels(doc: Doc, statements: list[record.Statement]) -> None:
    """Fill ``channel`` of continuing statements in place (statements in text order)."""
    starts = _sentence_index(doc)
    last: dict[str, record.Statement] = {}
    for st in statements:
        if st.speaker is None:
            continue
        prev = last.get(st.speaker)
        if (st.channel is None and prev is not None and prev.channel is not None and _continues(doc, st)
                and 0 <= _sentence_of(starts, st.sentence[0]) - _sentence_of(starts, prev.sentence[1] - 1)
                <= MAX_SENTENCES):
            st.channel = prev.channel
        last[st.speaker] = st
