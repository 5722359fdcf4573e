"""Evidence for a person's affiliation: the candidates every producer adds, their strengths, and the
gazetteer look-ups the producers share (``affiliation`` decides; ``frames`` reads sides and teams)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .gazetteer import get_gazetteer
from .roles import RoleSpan

# Strengths: how specific a kind of evidence is. The nearest of the strongest wins.
ROLE, EMPLOYER, FRAME, POSSESSOR, HINT, KB = 5, 4, 3, 3, 2, 1


@dataclass(slots=True)
class Candidate:
    """One piece of evidence for a person's country or sector."""

    field: str  # "country" | "sector"
    value: str
    source: str
    span: tuple[int, int] | None
    strength: int
    distance: int = 0  # characters between the evidence and the nearest mention of the person
    chosen: bool = False


@dataclass(slots=True)
class Person:
    """What the decision needs of one person actor; ``country``, ``sector``, ``evidence`` are its output."""

    key: str
    name: str
    mentions: list[tuple[int, int]]
    roles: list[RoleSpan]
    possessors: list[str] = field(default_factory=list)  # keys of the people their roles name
    evidence: list[Candidate] = field(default_factory=list)  # given in: sectors of the roles
    country: str | None = None
    sector: str | None = None


def gap(span: tuple[int, int], p: Person) -> int:
    """Characters between ``span`` and the nearest mention of ``p`` (0 when they overlap)."""
    return min((max(0, span[0] - e, s - span[1]) for s, e in p.mentions), default=0)


def region_country(name: str, *, dominance: int = 10) -> str | None:
    """The country of a region or town the gazetteer knows, when one country clearly owns the name.

    "Punjab" (Pakistan and India, both large) gives nothing; "Donetsk" (a city of 900,000 in Ukraine,
    50,000 in Russia) gives Ukraine: the best-known entry must be ``dominance`` times larger than the
    best entry of any other country."""
    entries = sorted((e for e in get_gazetteer().lookup(name) if e.kind in {"admin1", "city"} and e.country),
                     key=lambda e: -e.population)
    if not entries:
        return None
    top = entries[0]
    rival = max((e.population for e in entries if e.country != top.country), default=0)
    return top.country if top.population >= dominance * max(rival, 1) or rival == 0 else None


def state_word(word: str) -> str | None:
    gaz = get_gazetteer()
    entry = gaz.country(word)
    return (entry.country if entry else None) or gaz.capital_of(word) or gaz.demonym(word)
