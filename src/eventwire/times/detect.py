"""Find where temporal expressions are: rule matches over the text, checked against the spaCy tokens.

Matching is regex-only and needs no Doc (:func:`candidates`), so rules can be tried on plain strings. The
Doc is used afterwards, to drop readings the syntax rules out (:func:`plausible`): "May" the modal verb or
the surname, "2231" after "Resolution", "1500 troops". Overlaps are settled greedily by :func:`select`:
longest match first, then the rule listed first, skipping a candidate whose normalisation fails so a
shorter reading underneath it still gets its chance.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

from spacy.tokens import Doc

from ..lexicon import subset
from .lexicon import Lexicon, Rule

T = TypeVar("T")

# Word lists from resources/en/times/cues.tsv (see the comments there).
_AMBIGUOUS_MONTHS = frozenset(subset("times/cues.tsv", "role", "ambiguous_month"))  # "may", "march"
_NAME_LABELS = {"PERSON", "ORG", "GPE", "FAC", "PRODUCT", "WORK_OF_ART", "NORP", "LOC"}
_QUANTITY_LABELS = {"MONEY", "PERCENT", "QUANTITY"}
# Which modifiers may qualify which kind: "over" qualifies a length ("over two years"), never a date
# ("over the weekend"); "late" narrows a date, never a length.
_DATE_MODS = {"START", "MID", "END"}
_NAMEABLE_RULES = {"date_month", "date_weekday", "date_season"}
_COUNT_WORDS = frozenset(subset("times/cues.tsv", "role", "count"))
_DATE_APPROX_WORDS = frozenset(subset("times/cues.tsv", "role", "approx"))


@dataclass(frozen=True, slots=True)
class Candidate:
    """One rule match: character offsets into the text, the rule, and its named groups."""

    start: int
    end: int
    rule: Rule
    order: int  # the rule's position in rules.tsv, for tie-breaking
    groups: dict[str, str | None]


def candidates(text: str, lex: Lexicon) -> list[Candidate]:
    """Every match of every rule, best first (longest, then earliest rule)."""
    found: list[Candidate] = []
    for order, rule in enumerate(lex.rules):
        for m in rule.pattern.finditer(text):
            start, end = m.span()
            while end > start and text[end - 1].isspace():
                end -= 1
            if end > start:
                found.append(Candidate(start, end, rule, order, m.groupdict()))
    found.sort(key=lambda c: (-(c.end - c.start), c.order, c.start))
    return found


def select(
    found: Iterable[Candidate], accept: Callable[[Candidate], T | None]
) -> list[tuple[Candidate, T]]:
    """Greedy non-overlapping choice; ``accept`` returns None to reject a candidate (the next one tries).

    Taken intervals never overlap, so a new candidate only has to be checked against its two
    neighbours in start order: linear-logarithmic, where checking every taken one was quadratic
    on long stories."""
    taken: list[tuple[Candidate, T]] = []
    starts: list[int] = []
    ends: list[int] = []
    for cand in found:
        i = bisect.bisect_left(starts, cand.start)
        if (i > 0 and ends[i - 1] > cand.start) or (i < len(starts) and starts[i] < cand.end):
            continue
        result = accept(cand)
        if result is not None:
            taken.append((cand, result))
            starts.insert(i, cand.start)
            ends.insert(i, cand.end)
    taken.sort(key=lambda pair: pair[0].start)
    return taken


def _tokens(doc: Doc, start: int, end: int) -> list:
    span = doc.char_span(start, end, alignment_mode="expand")
    return list(span) if span is not None else []


def plausible(doc: Doc, cand: Candidate, lex: Lexicon) -> bool:
    """False when the tokens show the match is not a temporal expression."""
    toks = _tokens(doc, cand.start, cand.end)
    if not toks:
        return False
    name = cand.rule.name
    if name in _NAMEABLE_RULES and any(t.ent_type_ in _NAME_LABELS for t in toks):
        return False  # "Theresa May", "Friday Mosque"
    if name == "date_month":
        word = (cand.groups.get("month") or "").lower()
        if word in _AMBIGUOUS_MONTHS and not cand.groups.get("rel") and toks[0].tag_ != "NNP":
            return False
        prev = doc[toks[0].i - 1] if toks[0].i > 0 else None
        name_before = prev is not None and prev.pos_ == "PROPN" and prev.is_title and bool(prev.whitespace_)
        if name_before and prev is not None and prev.ent_type_ != "DATE":
            return False  # a surname: "Theresa May", "Jane April"
    if name == "date_year":
        year_tok = toks[-1]
        prev = doc[toks[0].i - 1] if toks[0].i > 0 else None
        if prev is not None and prev.lower_ in lex.non_year_words:
            return False
        if year_tok.ent_type_ in _QUANTITY_LABELS:
            return False
        if year_tok.dep_ in ("nummod", "quantmod") and year_tok.head.tag_ == "NNS":
            return False  # "1500 troops"
        if prev is not None and prev.lower_ in _COUNT_WORDS:
            return False  # a count: "some 1500", "more than 2000"
    bare_unit = (cand.groups.get("unit") or "").lower() in ("minutes", "hours")
    # "the minutes of the meeting", "opening hours"
    return not (name == "duration_vague" and not cand.groups.get("dir") and bare_unit)


@lru_cache(maxsize=4)
def _modifier_pattern(items: tuple[tuple[str, str], ...]) -> re.Pattern[str]:
    words = sorted((w for w, _ in items), key=len, reverse=True)
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    return re.compile(rf"(?:(?<=\W)|^)(?P<the>the\s+)?(?P<mod>{body})(?:\s+|(?<=-))$", re.IGNORECASE)


def attach_modifier(text: str, start: int, kind: str, lex: Lexicon) -> tuple[int, str | None]:
    """Extend ``start`` over a modifier right before it ("late Monday", "nearly four-year"); return its mod.

    A span that starts with "the" takes none: in "over the past decade", "over" is a preposition.
    """
    if text[start : start + 4].lower() == "the ":
        return start, None
    before = text[max(0, start - 40) : start]
    m = _modifier_pattern(tuple(lex.modifiers.items())).search(before)
    if m is None:
        return start, None
    word = re.sub(r"\s+", " ", m.group("mod").lower())
    mod = lex.modifiers[word]
    if kind in ("date", "time"):
        if not (mod in _DATE_MODS or word in _DATE_APPROX_WORDS):
            return start, None
    elif kind == "duration":
        if mod in _DATE_MODS:
            return start, None
    else:
        return start, None
    cut = m.start("mod")
    if m.group("the") and mod in _DATE_MODS and not word.startswith("the "):
        cut = m.start("the")
    return max(0, start - 40) + cut, mod
