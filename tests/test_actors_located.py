"""A bare institution noun placed "in X" takes X's country when the body is local (actors._located_in)."""

from __future__ import annotations

import eventwire


def country_of(text: str, name: str) -> str | None:
    rec = eventwire.extract(text, published="2025-12-06")
    return next(a.country for a in rec.actors if a.name == name)


def test_located_rebels_and_police_take_the_country_they_are_in() -> None:
    assert country_of("Rebels in Chad rejected the offer on Monday.", "Rebels") == "TCD"
    assert country_of("Police in Nairobi arrested 20 protesters on Monday.", "Police") == "KEN"


def test_located_troops_are_not_given_the_country_they_are_in() -> None:
    rec = eventwire.extract("Troops in Chad shelled a village on Monday.", published="2025-12-06")
    assert all(a.country != "TCD" for a in rec.actors if a.kind == "group")
