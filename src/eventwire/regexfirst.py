"""Speed up "many alternatives, tried at every position" regexes without changing what they match.

Python's ``re`` tries every branch of a pattern at every position of the text. For the times rules
and the statement channels (dozens of word alternations, often behind a look-behind or an optional
prefix) almost every position fails, but only after all branches were tried. ``guarded`` puts a
look-ahead for the characters a match can start with in front of the pattern, so those positions
fail after one character-class test. The class is computed from the parsed pattern and is a
superset of the true first characters (when in doubt it gives up and returns the pattern
unchanged), so the matches are exactly the same: a match can only start where the class holds.
"""

from __future__ import annotations

import re
import warnings
from typing import Any

with warnings.catch_warnings():  # re's own parser, so the reading is exact; the old names are deprecated
    warnings.simplefilter("ignore", DeprecationWarning)
    import sre_constants as _c
    import sre_parse as _p

__all__ = ["guarded"]

_CATEGORY = {
    _c.CATEGORY_DIGIT: r"\d", _c.CATEGORY_NOT_DIGIT: r"\D", _c.CATEGORY_SPACE: r"\s",
    _c.CATEGORY_NOT_SPACE: r"\S", _c.CATEGORY_WORD: r"\w", _c.CATEGORY_NOT_WORD: r"\W",
}


class _GiveUp(Exception):
    """The pattern holds a construct whose first characters are not worked out: no guard."""


def guarded(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)`` with a first-character look-ahead when one can be derived.

    Example::

        >>> guarded(r"(?<!\\w)(?:today|tomorrow)", re.I).pattern
        '(?=[t])(?<!\\\\w)(?:today|tomorrow)'
    """
    try:
        parsed = _p.parse(pattern, flags)
        firsts, nullable = _seq(parsed, bool(flags & re.IGNORECASE))
    except _GiveUp:
        return re.compile(pattern, flags)
    if nullable or not firsts or parsed.state.flags & ~flags & ~re.UNICODE:  # "(?i)…": flags the guard lacks
        return re.compile(pattern, flags)
    # Compiled with the pattern's flags, the guard folds case exactly as a literal of the pattern would;
    # a "(?-i:…)" part is matched case-sensitively, which the case-folding guard still admits.
    cls = "".join(sorted(re.escape(f) if len(f) == 1 else f for f in firsts))
    return re.compile(f"(?=[{cls}]){pattern}", flags)


def _seq(items: Any, icase: bool) -> tuple[set[str], bool]:
    """First characters of a sequence of parsed items, and whether it can match the empty string."""
    out: set[str] = set()
    for op, av in items:
        firsts, nullable = _item(op, av, icase)
        out |= firsts
        if not nullable:
            return out, False
    return out, True


def _item(op: Any, av: Any, icase: bool) -> tuple[set[str], bool]:
    if op is _c.LITERAL:
        return {chr(av)}, False
    if op is _c.IN:
        return _charset(av), False
    if op is _c.SUBPATTERN:
        if av[1] & re.IGNORECASE and not icase:  # "(?i:…)" inside a case-sensitive pattern
            raise _GiveUp(op)
        return _seq(av[-1], icase)
    if op is _c.BRANCH:
        out: set[str] = set()
        nullable = False
        for alt in av[1]:
            firsts, null = _seq(alt, icase)
            out |= firsts
            nullable = nullable or null
        return out, nullable
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        low, _, body = av
        firsts, null = _seq(body, icase)
        return firsts, null or low == 0
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):  # zero width: the next item decides
        return set(), True
    raise _GiveUp(op)


def _charset(items: Any) -> set[str]:
    out: set[str] = set()
    for op, av in items:
        if op is _c.LITERAL:
            out.add(chr(av))
        elif op is _c.RANGE:
            lo, hi = av
            out.add(f"{re.escape(chr(lo))}-{re.escape(chr(hi))}")
        elif op is _c.CATEGORY and av in _CATEGORY:
            out.add(_CATEGORY[av])
        else:  # NEGATE, NOT_LITERAL, …: not worth the care
            raise _GiveUp(op)
    return out
