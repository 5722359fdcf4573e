"""Span matching and P/R/F1 arithmetic of the eval scorers, on hand-counted cases."""

from __future__ import annotations

from eventwire.eval.spans import Tally, match_relaxed, match_strict, overlap, prf, ratio


def test_eval_spans_overlap_counts_shared_characters() -> None:
    assert overlap((0, 5), (3, 8)) == 2
    assert overlap((0, 5), (5, 8)) == 0  # touching is not overlapping (end-exclusive)
    assert overlap((2, 4), (0, 10)) == 2


def test_eval_spans_strict_pairs_identical_spans_once() -> None:
    assert match_strict([(0, 5), (6, 9), (0, 5)], [(0, 5), (6, 8)]) == [(0, 0)]


def test_eval_spans_relaxed_is_one_to_one() -> None:
    # one gold span split in two by the system: one true positive, one false positive
    assert match_relaxed([(0, 10)], [(0, 4), (5, 10)]) == [(0, 1)]  # the larger overlap wins


def test_eval_spans_relaxed_prefers_the_exact_pair() -> None:
    assert match_relaxed([(0, 5), (3, 9)], [(3, 9)]) == [(1, 0)]
    assert match_relaxed([(0, 5), (10, 20)], [(0, 5), (12, 14), (30, 31)]) == [(0, 0), (1, 1)]


def test_eval_spans_prf_arithmetic() -> None:
    assert prf(1, 2, 4) == {"p": 0.5, "r": 0.25, "f1": 0.333, "tp": 1, "system": 2, "gold": 4}
    assert prf(0, 0, 0)["f1"] == 0.0
    assert ratio(1, 3) == 0.333
    assert ratio(1, 0) == 0.0


def test_eval_spans_tally_sums_over_documents() -> None:
    tally = Tally()
    tally.add(1, 1, 2)
    tally.add(2, 3, 2)
    assert tally.prf() == prf(3, 4, 4)
