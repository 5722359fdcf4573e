"""Small span-scoring helpers shared by the eval tasks: matching gold to system spans, P/R/F1.

Every task compares *spans* (``(start, end)``, end-exclusive offsets into the same text) and then
looks at the attributes of the matched pairs (a TIMEX3 value, a toponym's coordinates, a speaker).
The matching rules are written once here so that "strict" and "relaxed" mean the same thing in
every figure of docs/accuracy.md:

* **strict**: the offsets are identical;
* **relaxed**: the spans share at least one character, and each gold span is paired with at most
  one system span and vice versa (one-to-one), so a system that splits "March 7, 2009" into two
  expressions gets one true positive and one false positive, not two true positives.

Example::

    >>> gold, system = [(0, 5), (10, 20)], [(0, 5), (12, 14), (30, 31)]
    >>> match_relaxed(gold, system)
    [(0, 0), (1, 1)]
    >>> prf(2, len(system), len(gold))
    {'p': 0.667, 'r': 1.0, 'f1': 0.8, 'tp': 2, 'system': 3, 'gold': 2}
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

Span = tuple[int, int]
Pair = tuple[int, int]  # (index into gold, index into system)

DIGITS = 3  # figures are reported to three decimals; more digits only suggest false precision


def overlap(a: Span, b: Span) -> int:
    """Number of characters two spans share (0 when they are disjoint or merely touch)."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match_strict(gold: Sequence[Span], system: Sequence[Span]) -> list[Pair]:
    """One-to-one pairs of identical spans, sorted by gold index (duplicates pair up once each)."""
    free: dict[Span, list[int]] = {}
    for j, s in enumerate(system):
        free.setdefault(tuple(s), []).append(j)  # type: ignore[arg-type]
    pairs = []
    for i, g in enumerate(gold):
        left = free.get(tuple(g))  # type: ignore[arg-type]
        if left:
            pairs.append((i, left.pop(0)))
    return pairs


def match_relaxed(gold: Sequence[Span], system: Sequence[Span]) -> list[Pair]:
    """One-to-one pairs of overlapping spans, sorted by gold index.

    Greedy on the best pairs first: identical spans, then the largest shared length, then the
    smallest combined length difference, then text order. Greedy is enough here because spans of
    one kind rarely overlap more than one counterpart; when they do (one system span covering two
    gold ones) only one pair can count, whichever rule picks it.
    """
    candidates = []
    for i, g in enumerate(gold):
        for j, s in enumerate(system):
            shared = overlap(g, s)
            if shared > 0:
                exact = tuple(g) == tuple(s)
                slack = abs(g[0] - s[0]) + abs(g[1] - s[1])
                candidates.append((not exact, -shared, slack, i, j))
    candidates.sort()
    used_g: set[int] = set()
    used_s: set[int] = set()
    pairs = []
    for *_, i, j in candidates:
        if i not in used_g and j not in used_s:
            used_g.add(i)
            used_s.add(j)
            pairs.append((i, j))
    return sorted(pairs)


def ratio(num: float, den: float) -> float:
    """``num / den`` rounded for reporting, 0.0 when there is nothing to divide (no gold, no output)."""
    return round(num / den, DIGITS) if den else 0.0


def prf(tp: int, n_system: int, n_gold: int) -> dict[str, float | int]:
    """Precision, recall and F1 with the counts they come from (so a reader can recompute them).

    ``tp`` may differ between P and R in some definitions; this one uses the same ``tp`` for both,
    which is right whenever matching is one-to-one.
    """
    p = tp / n_system if n_system else 0.0
    r = tp / n_gold if n_gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, DIGITS), "r": round(r, DIGITS), "f1": round(f1, DIGITS),
            "tp": tp, "system": n_system, "gold": n_gold}


@dataclass(slots=True)
class Tally:
    """Running counts over documents: micro-averaged P/R/F1 sum these, never per-document scores."""

    tp: int = 0
    system: int = 0
    gold: int = 0

    def add(self, tp: int, n_system: int, n_gold: int) -> None:
        self.tp += tp
        self.system += n_system
        self.gold += n_gold

    def prf(self) -> dict[str, float | int]:
        return prf(self.tp, self.system, self.gold)
