"""Figures of a story event: values by source and attribution, low/high, and when they are contested."""

from __future__ import annotations

from typing import Any

import pytest

from eventwire.stories.figures import FigureSource, bounds, figures


def _dead(doc: str, value: int, qualifier: str | None = None, source: str | None = None,
          published: str = "2025-03-04", by: str | None = None) -> FigureSource:
    return FigureSource(doc, source or f"Outlet {doc}", published, {"value": value, "qualifier": qualifier},
                        attributed_to=by)


def _only(members: list[FigureSource]) -> dict[str, Any]:
    out = figures(members)
    assert len(out) == 1
    return out[0]


@pytest.mark.parametrize(("a", "b", "contested"), [
    ((10, "at least"), (12, None), False),
    ((100, "about"), (98, None), False),
    ((157, None), (314, None), True),
    ((12, None), (15, None), True),
    ((10, "up to"), (12, None), True),
    ((100, "hundreds"), (350, None), False),
    ((100, "hundreds"), (40, None), True),
    ((50, "nearly"), (48, None), False),
    ((50, "more than"), (30, None), True),
])
def test_values_contested_only_beyond_their_qualifiers(a: tuple[int, str | None], b: tuple[int, str | None],
                                                       contested: bool) -> None:
    f = _only([_dead("d1", *a), _dead("d2", *b)])
    assert f["contested"] is contested


def test_a_total_of_another_documents_parts_is_not_a_dispute() -> None:
    parts = [FigureSource("d1", "Outlet A", "2025-03-04", {"value": 157, "qualifier": None}),
             FigureSource("d1", "Outlet A", "2025-03-04", {"value": 157, "qualifier": None}, attributed_to="Mayor")]
    f = _only([*parts, _dead("d2", 314)])
    assert f["contested"] is False
    assert _only([*parts, _dead("d2", 400)])["contested"] is True


def test_one_document_never_disputes_itself() -> None:
    assert _only([_dead("d1", 10), _dead("d1", 12, published="2025-03-04")])["contested"] is False


def test_values_keep_source_attribution_and_order_with_low_high() -> None:
    f = _only([_dead("d2", 14, source="Outlet B", published="2025-03-05", by="Health Ministry"),
               _dead("d1", 10, "at least", source="Outlet A", published="2025-03-04")])
    assert f["field"] == "fatalities"
    assert f["values"] == [
        {"value": 10, "qualifier": "at least", "document": "d1", "source": "Outlet A", "attributed_to": None},
        {"value": 14, "qualifier": None, "document": "d2", "source": "Outlet B", "attributed_to": "Health Ministry"},
    ]
    assert (f["low"], f["high"]) == (10, 14)


def test_quantities_are_grouped_by_unit_and_fatalities_come_first() -> None:
    drones = {"value": 40, "qualifier": "more than", "unit": "Drones", "text": "more than 40 drones"}
    members = [
        FigureSource("d1", "Outlet A", "2025-03-04", {"value": 3, "qualifier": None}, [drones]),
        FigureSource("d2", "Outlet B", "2025-03-04", None,
                     [{"value": 45, "qualifier": None, "unit": "drones", "text": "45 drones"},
                      {"value": 2, "qualifier": None, "unit": "missiles", "text": "two missiles"}]),
    ]
    out = figures(members)
    assert [f["field"] for f in out] == ["fatalities", "quantity:drones", "quantity:missiles"]
    assert out[1]["contested"] is False and (out[1]["low"], out[1]["high"]) == (40, 45)


def test_between_reads_its_upper_bound_from_the_text() -> None:
    assert bounds(10, "between", "between 10 and 15 people") == (10, 15)
    f = _only([FigureSource("d1", "A", None, None, [{"value": 10, "qualifier": "between", "unit": "people",
                                                       "text": "between 10 and 15 people"}]),
               FigureSource("d2", "B", None, None, [{"value": 20, "qualifier": None, "unit": "people",
                                                       "text": "20 people"}])])
    assert f["contested"] is True


def test_no_counts_no_figures() -> None:
    assert figures([FigureSource("d1", "A")]) == []
