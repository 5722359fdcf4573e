"""A speaker who goes on keeps the channel named for what they said just before (statements/carry.py)."""

from __future__ import annotations

import eventwire


def _channels(text: str) -> list[tuple[str, str | None]]:
    rec = eventwire.extract(text, published="2025-01-01")
    return [(s.content, s.channel) for s in rec.statements]


def test_added_and_a_following_quote_keep_the_channel() -> None:
    got = _channels("Foreign Minister Jane Roe wrote on X that the talks had failed. "
                    "She added that a new round would start in May. “We will not give up,” she wrote.")
    assert [c for _, c in got] == ["X", "X", "X"]


def test_a_new_saying_verb_or_a_later_paragraph_starts_afresh() -> None:
    got = dict(_channels("Foreign Minister Jane Roe wrote on X that the talks had failed. "
                         "Roe said the war would end soon. The harbour reopened in May. Farmers planted wheat. "
                         "Prices fell in June. Roe added that a new round would start."))
    assert got["the war would end soon"] is None  # "said" names no continuation
    assert got["a new round would start"] is None  # three sentences on: she may have spoken elsewhere
