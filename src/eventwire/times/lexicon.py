"""Load and check the temporal resources under ``resources/<lang>/times/``.

Every vocabulary item and every detection rule lives in a TSV file there, HeidelTime-style, so adding a word
("Thurs.", "fortnightly") needs no code change. Each file starts with a ``# FORMAT:`` line naming its
columns; ``# EXAMPLE:`` lines give test sentences that ``tests/test_times_resources.py`` runs. Files are read
once per process and checked on load: a malformed line raises :class:`~eventwire.errors.ResourceError`
naming the file and line, because a silently skipped rule is far harder to find than a crash at import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from ..lexicon import Example as ResourceExample
from ..lexicon import bad_example, bad_pattern, invalid, label_of, read_file
from ..regexfirst import guarded

_MODS = {
    "START", "MID", "END", "APPROX", "LESS_THAN", "MORE_THAN", "EQUAL_OR_LESS", "EQUAL_OR_MORE",
    "BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER",
}
_UNITS = {"Y", "M", "W", "D", "H", "MIN", "S", "DE", "CE", "Q"}
_KINDS = {"date", "time", "duration", "set"}
_PLACEHOLDER = re.compile(r"%([A-Z]+)")
_TZ = r"(?-i:EST|EDT|CST|CDT|MST|MDT|PST|PDT|GMT|UTC|BST|CET|CEST|ET|PT|Z)"


@dataclass(frozen=True, slots=True)
class Example:
    """One ``# EXAMPLE:`` line: ``sentence | expression | value [| mod=X] [| published=YYYY-MM-DD|none]``."""

    source: str  # "file:line", shown in test ids
    sentence: str
    expression: str  # "-" = the sentence must yield no temporal expression
    value: str
    mod: str | None
    published: str | None  # ISO date or None; the default is 2025-12-06 (a Saturday)


@dataclass(frozen=True, slots=True)
class Rule:
    """A detection rule: ``kind`` is the default kind, ``normaliser`` names a function in normalize.py."""

    name: str
    kind: str
    normaliser: str
    pattern: re.Pattern[str]
    source: str


@dataclass(slots=True)
class Lexicon:
    """All temporal resources of one language, parsed and checked."""

    months: dict[str, int] = field(default_factory=dict)
    weekdays: dict[str, int] = field(default_factory=dict)
    seasons: dict[str, str] = field(default_factory=dict)
    numbers: dict[str, str] = field(default_factory=dict)  # word -> "12" or "X"
    units: dict[str, str] = field(default_factory=dict)
    parts: dict[str, str] = field(default_factory=dict)
    modifiers: dict[str, str] = field(default_factory=dict)
    refs: dict[str, tuple[str, str]] = field(default_factory=dict)  # surface -> (kind, value)
    non_year_words: frozenset[str] = frozenset()
    rules: list[Rule] = field(default_factory=list)
    examples: list[Example] = field(default_factory=list)


def folder_of(lang: str) -> Path:
    return Path(str(resources.files("eventwire"))) / "resources" / lang / "times"


def _rows(path: Path, examples: list[Example]) -> list[tuple[int, list[str]]]:
    """Data rows of a resource with their line numbers, read by the one reader (eventwire.lexicon)."""
    table = read_file(path)
    examples.extend(_example(e) for e in table.examples)
    return [(number, list(row)) for number, row in zip(table.lines, table.rows, strict=True)]


def _example(example: ResourceExample) -> Example:
    parts = list(example.fields)
    if len(parts) < 3:
        raise bad_example(example.where, f"an EXAMPLE needs 'sentence | expression | value', got {example.text!r}")
    mod: str | None = None
    published: str | None = "2025-12-06"
    for extra in parts[3:]:
        key, _, val = extra.partition("=")
        if key == "mod" and val in _MODS:
            mod = val
        elif key == "published" and (val == "none" or re.fullmatch(r"\d{4}-\d\d-\d\d", val)):
            published = None if val == "none" else val
        else:
            raise bad_example(example.where, f"unknown EXAMPLE field {extra!r}")
    return Example(example.where.rsplit("/", 1)[-1], parts[0], parts[1], parts[2], mod, published)


def _check(ok: bool, path: Path, number: int, message: str) -> None:
    if not ok:
        raise invalid(f"{label_of(path)}:{number}", message)


def _alternation(surfaces: list[str], *, case_sensitive: bool) -> str:
    """A regex alternation, longest first so "Sept." beats "Sep."; case-sensitive items also match UPPER."""
    forms: set[str] = set()
    for surface in surfaces:
        forms.add(surface)
        if case_sensitive:
            forms.add(surface.upper())
    parts = [re.escape(f).replace(r"\ ", r"\s+") + (r"(?!\w)" if f[-1].isalnum() else "")
             for f in sorted(forms, key=lambda f: (-len(f), f))]
    body = "|".join(parts)
    return f"(?-i:{body})" if case_sensitive else f"(?:{body})"


def _number_pattern(numbers: dict[str, str]) -> str:
    tens = [w for w, v in numbers.items() if v.isdigit() and int(v) % 10 == 0 and 20 <= int(v) <= 90]
    ones = [w for w, v in numbers.items() if v.isdigit() and 1 <= int(v) <= 9 and " " not in w and len(w) > 2]
    compound = f"(?:{'|'.join(tens)})[- ](?:{'|'.join(ones)})"
    words = _alternation(list(numbers), case_sensitive=False)
    return rf"(?:\d+(?:\.\d+)?(?!\w)|{compound}(?!\w)|{words})"


def _pieces(lex: Lexicon) -> dict[str, str]:
    full_weekdays = [w for w in lex.weekdays if not w.endswith(".")]
    return {
        "MONTH": _alternation(list(lex.months), case_sensitive=True),
        "WEEKDAY": _alternation(list(lex.weekdays), case_sensitive=True),
        "WEEKDAYS": _alternation([w + "s" for w in full_weekdays], case_sensitive=True),
        "SEASON": _alternation(list(lex.seasons), case_sensitive=False),
        "PART": _alternation(list(lex.parts), case_sensitive=False),
        "NUM": _number_pattern(lex.numbers),
        "UNIT": _alternation(list(lex.units), case_sensitive=False),
        "REF": _alternation(list(lex.refs), case_sensitive=False),
        "YEAR": r"(?:1\d{3}|20\d{2})",
        "DAY": r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?",
        "TZ": _TZ,
    }


def _load_rules(path: Path, lex: Lexicon, known_normalisers: frozenset[str]) -> None:
    pieces = _pieces(lex)
    seen: set[str] = set()
    for number, (name, kind, normaliser, raw) in _rows(path, lex.examples):
        _check(name not in seen, path, number, f"duplicate rule name {name!r}")
        _check(kind in _KINDS, path, number, f"rule {name!r}: kind {kind!r} is not one of {sorted(_KINDS)}")
        _check(normaliser in known_normalisers, path, number,
               f"rule {name!r}: unknown normaliser {normaliser!r}; known: {sorted(known_normalisers)}")
        missing = [p for p in _PLACEHOLDER.findall(raw) if p not in pieces]
        _check(not missing, path, number, f"rule {name!r}: undefined piece(s) {missing}")
        expanded = _PLACEHOLDER.sub(lambda m: pieces[m.group(1)], raw)
        try:
            pattern = guarded(expanded, re.IGNORECASE)  # same matches, fewer positions tried
        except re.error as exc:
            raise bad_pattern(f"{label_of(path)}:{number}", f"rule {name!r}", exc) from exc
        seen.add(name)
        lex.rules.append(Rule(name, kind, normaliser, pattern, f"{path.name}:{number}"))


def load_lexicon(folder: Path, known_normalisers: frozenset[str]) -> Lexicon:
    """Parse every resource file in ``folder`` (uncached; see :func:`lexicon` for the shared instance)."""
    lex = Lexicon()
    ex = lex.examples

    def rows(name: str) -> list[tuple[int, list[str]]]:
        return _rows(folder / name, ex)

    for n, (surface, month) in rows("months.tsv"):
        _check(month.isdigit() and 1 <= int(month) <= 12, folder / "months.tsv", n, f"bad month {month!r}")
        lex.months[surface] = int(month)
    for n, (surface, day) in rows("weekdays.tsv"):
        _check(day.isdigit() and 1 <= int(day) <= 7, folder / "weekdays.tsv", n, f"bad weekday {day!r}")
        lex.weekdays[surface] = int(day)
    for n, (surface, code) in rows("seasons.tsv"):
        _check(code in {"SP", "SU", "FA", "WI"}, folder / "seasons.tsv", n, f"bad season code {code!r}")
        lex.seasons[surface.lower()] = code
    for n, (word, value) in rows("numbers.tsv"):
        _check(value == "X" or value.isdigit(), folder / "numbers.tsv", n, f"bad number {value!r}")
        lex.numbers[word.lower()] = value
    for n, (surface, unit) in rows("units.tsv"):
        _check(unit in _UNITS, folder / "units.tsv", n, f"bad unit {unit!r}; use one of {sorted(_UNITS)}")
        lex.units[surface.lower()] = unit
    for n, (surface, code) in rows("parts_of_day.tsv"):
        _check(bool(re.fullmatch(r"MO|AF|EV|NI|DT|\d\d:\d\d", code)), folder / "parts_of_day.tsv", n,
               f"bad part-of-day code {code!r}")
        lex.parts[surface.lower()] = code
    for n, (surface, mod) in rows("modifiers.tsv"):
        _check(mod in _MODS, folder / "modifiers.tsv", n, f"bad mod {mod!r}; use one of {sorted(_MODS)}")
        lex.modifiers[surface.lower()] = mod
    for n, (surface, kind, value) in rows("refs.tsv"):
        _check(kind in {"date", "set"}, folder / "refs.tsv", n, f"bad kind {kind!r}")
        lex.refs[surface.lower()] = (kind, value)
    lex.non_year_words = frozenset(w.lower() for _, (w,) in rows("non_times.tsv"))
    _load_rules(folder / "rules.tsv", lex, known_normalisers)
    return lex
