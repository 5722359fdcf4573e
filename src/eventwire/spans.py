"""Which items of a list lie inside, overlap or contain a character (or token) range, without a scan.

A stage that asks "which time is in this clause?" once per event, over a list that grows with the
story, costs length × length: a pasted 1 M-character dump took minutes. ``SpanIndex`` answers each
question in O(log n + k) and returns the items **in list order**, exactly what the scan it replaces
returned, so records do not change.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

__all__ = ["SpanIndex"]

T = TypeVar("T")


class SpanIndex(Generic[T]):
    """``items`` with a half-open ``(start, end)`` span each; queries return items in list order.

    Items are ordered by start; the longest span bounds how far before a range an overlapping or
    containing item can start.
    """

    def __init__(self, items: Sequence[T], span: Callable[[T], tuple[int, int]]) -> None:
        self.items = items
        self._spans = [span(x) for x in items]
        self._order = sorted(range(len(items)), key=lambda i: self._spans[i][0])
        self._starts = [self._spans[i][0] for i in self._order]
        self._longest = max((e - s for s, e in self._spans), default=0)

    def inside(self, start: int, end: int) -> list[T]:
        """Items with ``start <= s`` and ``e <= end``."""
        lo, hi = bisect.bisect_left(self._starts, start), bisect.bisect_right(self._starts, end)
        return self._pick(i for i in self._order[lo:hi] if self._spans[i][1] <= end)

    def overlapping(self, start: int, end: int) -> list[T]:
        """Items with ``s < end`` and ``start < e``."""
        lo = bisect.bisect_right(self._starts, start - self._longest)
        hi = bisect.bisect_left(self._starts, end)
        return self._pick(i for i in self._order[lo:hi] if start < self._spans[i][1])

    def containing(self, start: int, end: int) -> list[T]:
        """Items with ``s <= start`` and ``end <= e``."""
        lo = bisect.bisect_left(self._starts, end - self._longest)
        hi = bisect.bisect_right(self._starts, start)
        return self._pick(i for i in self._order[lo:hi] if end <= self._spans[i][1])

    def _pick(self, indices: object) -> list[T]:
        return [self.items[i] for i in sorted(indices)]  # type: ignore[call-overload]
