"""Figures of a story event: every count its members give, by source and attribution, and whether
the sources disagree.

Why intervals: a qualifier says how far a value may be from the truth ("at least 10" is 10 or more,
"about 100" is roughly 90–110, "hundreds" is 100–999), so two values agree when the ranges they
allow overlap and disagree ("contested") when no number could satisfy both: "at least 10" and "12"
agree, "about 100" and "98" agree, "157" and "314" do not. Two exceptions keep honest reporting from
looking like a dispute: a document never disputes itself (its values are parts, or an update it
states), and a value that equals the sum of one document's parts ("200 soldiers and 114 civilians"
beside "314 in all") agrees with each part. Qualifiers are those the pipeline emits
(``resources/en/quantities/qualifiers.tsv`` and ``vague.tsv``); an unknown one is read as exact.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

#: "about" and its synonyms: the share a rounded value may be off by.
ABOUT = 0.1
#: "nearly"/"almost": how far below the value the truth may be.
NEARLY = 0.1
_ABOVE = frozenset({"at least", "more than", "over"})
_BELOW = frozenset({"up to", "less than"})
_NEARLY = frozenset({"nearly", "almost"})
_ABOUT = frozenset({"about", "some"})
#: Vague plurals ("dozens", "thousands"): value is the round number, the truth below ten times it.
_VAGUE = frozenset({"dozens", "scores", "hundreds", "thousands", "tens of thousands", "hundreds of thousands",
                    "millions", "tens of millions", "hundreds of millions", "billions"})
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


@dataclass(frozen=True, slots=True)
class FigureSource:
    """One member event as figures need it, filled by the store from its rows.

    ``fatalities`` is the event's ``{"value", "qualifier"}`` (or ``None``), ``quantities`` its list of
    ``{"value", "qualifier", "unit", "text"}``; ``attributed_to`` the name of the speaker of the
    statement in the event's ``claimed_by`` (``None`` when the report states it in its own voice).
    """

    document: str
    source: str
    published: str | None = None
    fatalities: Mapping[str, Any] | None = None
    quantities: Sequence[Mapping[str, Any]] = field(default_factory=tuple)
    attributed_to: str | None = None


@dataclass(frozen=True, slots=True)
class _Value:
    value: float
    qualifier: str | None
    document: str
    source: str
    published: str | None
    attributed_to: str | None
    text: str | None = None


def bounds(value: float, qualifier: str | None, text: str | None = None) -> tuple[float, float]:
    """The range of true counts a value with this qualifier allows (closed; ``inf`` when unbounded)."""
    if qualifier in _ABOVE:
        return value, math.inf
    if qualifier in _BELOW:
        return 0.0, value
    if qualifier in _NEARLY:
        return value * (1 - NEARLY), value
    if qualifier in _ABOUT:
        return value * (1 - ABOUT), value * (1 + ABOUT)
    if qualifier in _VAGUE:
        return value, value * 10 - 1
    if qualifier == "between":
        numbers = [float(n.replace(",", "")) for n in _NUMBER.findall(text or "")]
        return value, max([value, *numbers]) if len(numbers) >= 2 else math.inf
    return value, value


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _agree(a: _Value, b: _Value, totals: Mapping[str, float]) -> bool:
    """Whether two values of one field can both be right (see the module docstring)."""
    if a.document == b.document:
        return True
    ba, bb = bounds(a.value, a.qualifier, a.text), bounds(b.value, b.qualifier, b.text)
    if _overlap(ba, bb):
        return True
    # one of them is the stated total of the other's document's parts
    for part, whole in ((a, bb), (b, ba)):
        total = totals.get(part.document)
        if total is not None and _overlap((total, total), whole):
            return True
    return False


def _field(kind: str, unit: str | None) -> str:
    return "fatalities" if kind == "fatalities" else "quantity:" + " ".join((unit or "").casefold().split())


def _collect(members: Iterable[FigureSource]) -> dict[str, list[_Value]]:
    fields: dict[str, list[_Value]] = defaultdict(list)
    seen: set[tuple[str, float, str | None, str, str | None]] = set()

    def put(name: str, raw: Mapping[str, Any], m: FigureSource) -> None:
        value = raw.get("value")
        if not isinstance(value, int | float) or isinstance(value, bool):
            return
        key = (name, float(value), raw.get("qualifier"), m.document, m.attributed_to)
        if key in seen:  # one document giving one value in two member events counts once
            return
        seen.add(key)
        fields[name].append(_Value(float(value), raw.get("qualifier"), m.document, m.source, m.published,
                                   m.attributed_to, raw.get("text")))

    for m in members:
        if m.fatalities:
            put("fatalities", m.fatalities, m)
        for q in m.quantities:
            if q.get("unit"):
                put(_field("quantity", str(q["unit"])), q, m)
    return fields


def _totals(values: Sequence[_Value]) -> dict[str, float]:
    """Per document with two exact values or more, their sum (what a total elsewhere may state)."""
    parts: dict[str, list[float]] = defaultdict(list)
    for v in values:
        if v.qualifier is None:
            parts[v.document].append(v.value)
    return {doc: sum(vs) for doc, vs in parts.items() if len(vs) >= 2}


def contested(values: Sequence[_Value]) -> bool:
    """Whether two values of one field from different documents cannot both be right."""
    totals = _totals(values)
    return any(not _agree(a, b, totals) for i, a in enumerate(values) for b in values[i + 1:])


def _number(value: float) -> int | float:
    return int(value) if value == int(value) else value


def figures(members: Iterable[FigureSource]) -> list[dict[str, Any]]:
    """The story event's ``figures``: one entry per field (fatalities first, then quantity units by how
    many values they have), values in publication order, ``low``/``high`` the smallest and largest value."""
    fields = sorted(_collect(members).items(), key=lambda f: (f[0] != "fatalities", -len(f[1]), f[0]))
    out = []
    for name, values in fields:
        values.sort(key=lambda v: (v.published is None, v.published or "", v.document))
        out.append({
            "field": name,
            "values": [{"value": _number(v.value), "qualifier": v.qualifier, "document": v.document,
                        "source": v.source, "attributed_to": v.attributed_to} for v in values],
            "low": _number(min(v.value for v in values)),
            "high": _number(max(v.value for v in values)),
            "contested": contested(values),
        })
    return out
