"""A story's text cut into segments for highlighting: plain pieces and marked pieces that nest.

Why a tree built here rather than markup built in the template: spans of a record overlap (an actor
"U.S. and Iraqi officials" holds another, "Iraqi officials"; a quote holds names and dates; a quote may
run across the end of an event's sentence). HTML elements must nest, so a span that crosses the end of
an enclosing one is split at that end into pieces, each of which nests; every piece keeps the whole span
(``span``) so the page still knows what it belongs to. No character is lost or doubled: the plain texts
of the leaves, in order, are exactly the story's text (``flatten(segments) == text``; tested). The
template renders each piece's text through autoescaping, never as markup.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

#: Span kinds from the outermost to the innermost when two cover the same characters.
KINDS = ("sentence", "quote", "actor", "place", "time", "trigger")
#: Kinds whose first piece carries an HTML ``id`` (the record's id), so ``#A1``, ``#E1`` are anchors.
ANCHORED = ("quote", "actor", "place", "time", "trigger")


@dataclass(frozen=True, slots=True)
class Span:
    """Characters ``[start, end)`` of the text that are of ``kind`` for the record items ``ids``."""

    start: int
    end: int
    kind: str
    ids: tuple[str, ...]


@dataclass(slots=True)
class _Node:
    start: int
    end: int
    span: Span | None
    children: list[_Node] = field(default_factory=list)


def merge(spans: Iterable[tuple[int | None, int | None, str, str]], length: int) -> list[Span]:
    """``(start, end, kind, id)`` tuples as spans: invalid or empty ones dropped, ends clipped to the
    text, and spans of one kind over the same characters merged into one with every id (two events
    with one sentence are one sentence element that belongs to both)."""
    merged: dict[tuple[int, int, str], list[str]] = {}
    for start, end, kind, item in spans:
        if start is None or end is None or kind not in KINDS:
            continue
        start, end = max(0, int(start)), min(length, int(end))
        if start >= end:
            continue
        ids = merged.setdefault((start, end, kind), [])
        if item not in ids:
            ids.append(item)
    return [Span(s, e, k, tuple(ids)) for (s, e, k), ids in merged.items()]


def build(text: str, spans: Iterable[Span]) -> list[dict[str, Any]]:
    """The segments of ``text`` under ``spans``: ``{"text"}`` for plain text, and for a marked piece
    ``{"kind", "ids", "start", "end", "span", "anchor", "segments"}`` (``start``/``end`` the piece,
    ``span`` the whole span it is part of, ``anchor`` the id it is the first place of, or null)."""
    root = _Node(0, len(text), None)
    rank = {k: i for i, k in enumerate(KINDS)}
    heap = [(s.start, -s.end, rank[s.kind], n, s) for n, s in enumerate(spans)]
    heapq.heapify(heap)
    counter = len(heap)
    stack = [root]
    while heap:
        start, neg_end, order, _, span = heapq.heappop(heap)
        end = -neg_end
        while len(stack) > 1 and stack[-1].end <= start:
            stack.pop()
        top = stack[-1]
        if end > top.end:  # crosses the end of the enclosing piece: split there, the rest comes later
            heapq.heappush(heap, (top.end, -end, order, counter, span))
            counter += 1
            end = top.end
        node = _Node(start, end, span)
        top.children.append(node)
        stack.append(node)
    anchored: set[str] = set()
    return _segments(text, root, anchored)


def _segments(text: str, node: _Node, anchored: set[str]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    at = node.start
    for child in node.children:
        if child.start > at:
            out.append({"text": text[at:child.start]})
        span = child.span
        assert span is not None
        anchor = None
        if span.kind in ANCHORED:
            anchor = next((i for i in span.ids if i not in anchored), None)
            if anchor is not None:
                anchored.add(anchor)
        out.append({"kind": span.kind, "ids": list(span.ids), "start": child.start, "end": child.end,
                    "span": [span.start, span.end], "anchor": anchor,
                    "segments": _segments(text, child, anchored)})
        at = child.end
    if at < node.end:
        out.append({"text": text[at:node.end]})
    return out


def flatten(segments: list[dict[str, Any]]) -> str:
    """The text the segments show, in order (equal to the story's text)."""
    return "".join(s["text"] if "text" in s else flatten(s["segments"]) for s in segments)


def pieces(segments: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every marked piece, in document order (outer before inner)."""
    found: list[dict[str, Any]] = []
    for s in segments:
        if "kind" in s:
            found.append(s)
            found += pieces(s["segments"])
    return found
