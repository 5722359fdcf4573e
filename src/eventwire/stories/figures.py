"""Figures of a story event: every count its members give (placeholder until the figures module lands)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class FigureSource:
    document: str
    source: str
    published: str | None
    fatalities: dict[str, Any] | None = None
    quantities: list[dict[str, Any]] = field(default_factory=list)
    attributed_to: str | None = None


def build_figures(sources: list[FigureSource]) -> list[dict[str, Any]]:
    return []
