"""Sentences cut at paragraph breaks, quotations paired per paragraph, and a char → token index.

The small parser often runs a sentence across a paragraph break (a quote paragraph glued to the
next one) and attaches a quote to a verb two paragraphs away. News paragraphs never share a
sentence, so every later step works inside these units and clips dependency subtrees to them.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from spacy.tokens import Doc

OPENERS = {"“", "«", "„"}
CLOSERS = {"”", "»"}
STRAIGHT = '"'
_TRAILING = ",;:"


@dataclass(slots=True)
class Unit:
    """A sentence inside one paragraph: tokens ``[start, end)`` and chars ``[cs, ce)`` (trimmed)."""

    index: int
    start: int
    end: int
    cs: int
    ce: int
    para: int


@dataclass(slots=True)
class Quote:
    """A quotation: ``open`` is the opening mark's offset, ``inner`` the trimmed quoted text."""

    open: int
    close: int  # offset of the closing mark, or the paragraph end when the quote runs on
    inner: tuple[int, int]
    closed: bool


@dataclass(slots=True)
class Layout:
    units: list[Unit]
    quotes: list[Quote]
    token_unit: list[int]  # token index -> unit index (-1 for whitespace between units)
    token_quote: list[int]  # token index -> quote index, -1 outside quotes (marks themselves: -1)
    starts: list[int]  # token start offsets, for bisect

    def token_at(self, char: int) -> int:
        """Index of the token that contains or follows ``char``."""
        i = bisect.bisect_right(self.starts, char) - 1
        return max(i, 0)


def layout(doc: Doc, text: str) -> Layout:
    starts = [t.idx for t in doc]
    units: list[Unit] = []
    token_unit = [-1] * len(doc)
    para = 0
    for sent in doc.sents:  # read once: Doc.sents is recomputed on every access
        begin = sent.start
        for tok in sent:
            if tok.is_space and "\n" in tok.text:
                _add_unit(units, token_unit, doc, begin, tok.i, para)
                begin = tok.i + 1
                para += 1
        _add_unit(units, token_unit, doc, begin, sent.end, para)
    quotes = find_quotes(text)
    token_quote = [-1] * len(doc)
    for qi, q in enumerate(quotes):
        lo = bisect.bisect_left(starts, q.inner[0])
        hi = bisect.bisect_left(starts, q.inner[1])
        for i in range(lo, hi):
            token_quote[i] = qi
    return Layout(units, quotes, token_unit, token_quote, starts)


def _add_unit(units: list[Unit], token_unit: list[int], doc: Doc, start: int, end: int, para: int) -> None:
    while start < end and doc[start].is_space:
        start += 1
    while end > start and doc[end - 1].is_space:
        end -= 1
    if start >= end:
        return
    index = len(units)
    units.append(Unit(index, start, end, doc[start].idx, doc[end - 1].idx + len(doc[end - 1]), para))
    for i in range(start, end):
        token_unit[i] = index


def find_quotes(text: str) -> list[Quote]:
    """Pair quotation marks paragraph by paragraph; an unclosed quote runs to its paragraph's end.

    Straight marks open after a space, a paragraph start or an opening bracket and close
    otherwise; single quotes are ignored (they are apostrophes far more often than quotes).
    """
    quotes: list[Quote] = []
    pos = 0
    for para in text.split("\n"):
        para = para.replace("''", '"\x00')  # ''quoted'' (two apostrophes) is a straight quote; same length
        opened: int | None = None
        for i, ch in enumerate(para):
            if ch not in OPENERS and ch not in CLOSERS and ch != STRAIGHT:
                continue
            if ch == STRAIGHT:
                is_open = opened is None and (i == 0 or para[i - 1] in " \t([{—–-/")
                is_close = opened is not None
            else:
                is_open = ch in OPENERS
                is_close = ch in CLOSERS and opened is not None
            if is_close:
                _add_quote(quotes, text, pos + opened, pos + i, True)  # type: ignore[operator]
                opened = None
            elif is_open:
                opened = i
        if opened is not None:
            _add_quote(quotes, text, pos + opened, pos + len(para), False)
        pos += len(para) + 1
    return quotes


def _add_quote(quotes: list[Quote], text: str, open_: int, close: int, closed: bool) -> None:
    s, e = open_ + 1, close
    while s < e and (text[s].isspace() or text[s] == "'"):
        s += 1
    if close < len(text) and text[close] == "'" and e > s and text[e - 1] == "'":
        e -= 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in _TRAILING):
        e -= 1
    if e > s and text[e - 1] == "." and text[max(s, e - 3):e] != "...":
        e -= 1
    if e > s:
        quotes.append(Quote(open_, close, (s, e), closed))


def trim(text: str, s: int, e: int) -> tuple[int, int]:
    """Offsets without surrounding spaces, quotation marks, commas, a leading "that" or final period."""
    while True:
        old = (s, e)
        while s < e and (text[s].isspace() or text[s] in "“”\"«»„,;:—–-"):
            s += 1
        if text[s:s + 5].lower() == "that ":
            s += 5
        while e > s and (text[e - 1].isspace() or text[e - 1] in "“”\"«»,;:—–-"):
            e -= 1
        if e > s and text[e - 1] == "." and text[max(s, e - 3):e] != "...":
            e -= 1
        if (s, e) == old:
            return s, e
