"""The one reader of the TSV/TXT resources under ``resources/<lang>/``: read once, checked on load.

Linguistic knowledge lives in those files, not in code; this module is the only place that parses
them, so a malformed file always fails the same way: a ``ResourceError`` naming
``resources/<lang>/<file>:<line>`` and what is wrong. The grammar (see docs/resources.md):

- ``#`` lines and blank lines are comments;
- exactly one ``# FORMAT:`` line, before the first data line, names the tab-separated columns:
  ``# FORMAT: surface<TAB>kind:date|set<TAB>value``. A column is ``name[?][:type] [(note)]``:
  ``?`` marks an optional column (may be empty, or left off at the end of a line), ``type`` is
  ``str`` (the default), ``int``, ``float``, ``regex`` (compiled on load) or an enumeration
  ``a|b|c``; the note in brackets is free text for the reader;
- ``# EXAMPLE:`` lines are collected (``Table.examples``) and run as tests by
  ``tests/test_resource_examples.py`` and ``tests/test_times_resources.py``.

Every cell is stripped; missing optional trailing cells read as ``""``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from .errors import EventwireError, Resource

LANG = "en"
TYPES = ("str", "int", "float", "regex")
_COLUMN = re.compile(r"(?P<name>[A-Za-z][\w-]*)(?P<optional>\?)?(?::(?P<type>[^\s(]+))?(?:\s+\((?P<note>.*)\))?")
_CHOICE = re.compile(r"[\w*.-]+")
_INT = re.compile(r"-?\d+")


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a FORMAT line."""

    name: str
    type: str  # one of TYPES, or "enum" with ``choices``
    optional: bool
    choices: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True, slots=True)
class Example:
    """One ``# EXAMPLE:`` line: ``where`` is ``resources/<lang>/<file>:<line>``."""

    where: str
    text: str

    @property
    def fields(self) -> tuple[str, ...]:
        """The ``|``-separated parts of the example, stripped."""
        return tuple(part.strip() for part in self.text.split("|"))


@dataclass(frozen=True, slots=True)
class Table:
    """A parsed resource file: its columns, its data rows (with line numbers) and its examples."""

    label: str  # "resources/<lang>/<relpath>"
    columns: tuple[Column, ...]
    rows: tuple[tuple[str, ...], ...]
    lines: tuple[int, ...]  # the line number of each row
    examples: tuple[Example, ...]

    def where(self, index: int) -> str:
        """``resources/<lang>/<file>:<line>`` of row ``index``, for error messages."""
        return f"{self.label}:{self.lines[index]}"

    def numbered(self) -> list[tuple[str, tuple[str, ...]]]:
        """``(where, row)`` pairs, for callers that check values themselves (see :func:`invalid`)."""
        return [(self.where(i), row) for i, row in enumerate(self.rows)]


def invalid(where: str, message: str) -> EventwireError:
    """The error for a value a resource's own loader rejects (unknown kind, duplicate, bad range)."""
    return Resource.VALUE.error(where=where, problem=message)


def bad_pattern(where: str, what: str, exc: re.error) -> EventwireError:
    """The error for a regular expression in a resource that does not compile (``what``: "rule 'x'")."""
    return Resource.REGEX.error(where=where, what=what, error=exc)


def bad_example(where: str, message: str) -> EventwireError:
    """The error for an ``# EXAMPLE:`` line its checker cannot read."""
    return Resource.EXAMPLE.error(where=where, problem=message)


def resource_path(relpath: str, lang: str = LANG) -> Path:
    """The file ``resources/<lang>/<relpath>`` of the installed package."""
    return Path(str(resources.files("eventwire"))).joinpath("resources", lang, *relpath.split("/"))


def resource_text(relpath: str, lang: str = LANG) -> str:
    """The text of ``resources/<lang>/<relpath>`` from the installed package."""
    return _text(resource_path(relpath, lang), f"resources/{lang}/{relpath}")


def _text(path: Path, label: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (FileNotFoundError, IsADirectoryError, UnicodeDecodeError) as exc:
        raise Resource.MISSING.error(where=label, error=exc) from exc


def label_of(path: Path) -> str:
    """``resources/<lang>/<relpath>`` for a packaged file, else the path itself (an edited copy)."""
    root = Path(str(resources.files("eventwire"))) / "resources"
    try:
        return "resources/" + path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _column(spec: str, where: str) -> Column:
    spec = spec.strip()
    m = _COLUMN.fullmatch(spec)
    if m is None:
        raise Resource.HEADER.error(where=where, problem=f"bad FORMAT column {spec!r}; write name[?][:type] [(note)]")
    kind = m["type"] or "str"
    choices: tuple[str, ...] = ()
    if "|" in kind:
        choices = tuple(kind.split("|"))
        if not all(_CHOICE.fullmatch(c) for c in choices):
            raise Resource.HEADER.error(where=where, problem=f"bad enumeration {kind!r} in FORMAT column {spec!r}")
        kind = "enum"
    elif kind not in TYPES:
        raise Resource.HEADER.error(where=where, problem=f"unknown type {kind!r} in FORMAT column {spec!r}; "
                                    f"use one of {', '.join(TYPES)} or a|b|c")
    return Column(m["name"], kind, bool(m["optional"]), choices, m["note"] or "")


def _cell_error(column: Column, cell: str) -> str | None:
    """What is wrong with ``cell`` for ``column``, or None."""
    if not cell:
        return None if column.optional else f"column {column.name!r} is empty"
    if column.type == "int" and not _INT.fullmatch(cell):
        return f"column {column.name!r} must be an integer, got {cell!r}"
    if column.type == "float":
        try:
            float(cell)
        except ValueError:
            return f"column {column.name!r} must be a number, got {cell!r}"
    if column.type == "enum" and cell not in column.choices:
        return f"column {column.name!r} must be one of {'|'.join(column.choices)}, got {cell!r}"
    if column.type == "regex":
        try:
            re.compile(cell)
        except re.error as exc:
            return f"column {column.name!r} is not a valid regular expression ({exc}): {cell!r}"
    return None


def parse(text: str, label: str) -> Table:
    """Parse the text of a resource file; ``label`` names it in errors (``resources/en/x.tsv``)."""
    columns: tuple[Column, ...] | None = None
    rows: list[tuple[str, ...]] = []
    lines: list[int] = []
    examples: list[Example] = []
    for number, line in enumerate(text.splitlines(), 1):
        where = f"{label}:{number}"
        if not line.strip():
            continue
        if line.startswith("#"):
            body = line[1:].strip()
            if body.startswith("FORMAT:"):
                if columns is not None:
                    raise Resource.HEADER.error(where=where, problem="a second '# FORMAT:' line")
                columns = tuple(_column(spec, where) for spec in body[len("FORMAT:"):].split("<TAB>"))
            elif body.startswith("EXAMPLE:"):
                example = body[len("EXAMPLE:"):].strip()
                if not example:
                    raise Resource.EXAMPLE.error(where=where, problem="an empty '# EXAMPLE:' line")
                examples.append(Example(where, example))
            continue
        if columns is None:
            raise Resource.HEADER.error(where=where, problem="data before the '# FORMAT:' header line; add one")
        cells = [c.strip() for c in line.split("\t")]
        if not (_min_width(columns) <= len(cells) <= len(columns)):
            raise Resource.COLUMNS.error(where=where, expected=_width_text(columns),
                                         names="<TAB>".join(c.name for c in columns), got=len(cells), raw=line)
        cells += [""] * (len(columns) - len(cells))
        for column, cell in zip(columns, cells, strict=True):
            problem = _cell_error(column, cell)
            if problem:
                raise Resource.CELL.error(where=where, problem=problem)
        rows.append(tuple(cells))
        lines.append(number)
    if columns is None:
        raise Resource.HEADER.error(where=label, problem="no '# FORMAT:' header line; add one")
    return Table(label, columns, tuple(rows), tuple(lines), tuple(examples))


def _min_width(columns: tuple[Column, ...]) -> int:
    """Lines may leave off optional columns at the end."""
    width = len(columns)
    while width and columns[width - 1].optional:
        width -= 1
    return width


def _width_text(columns: tuple[Column, ...]) -> str:
    low = _min_width(columns)
    return str(low) if low == len(columns) else f"{low}-{len(columns)}"


def read_file(path: Path) -> Table:
    """Parse one resource file (uncached; tests use it on edited copies)."""
    label = label_of(path)
    return parse(_text(path, label), label)


@cache
def read_table(relpath: str, lang: str = LANG) -> Table:
    """The parsed ``resources/<lang>/<relpath>``, read once per process."""
    return read_file(resource_path(relpath, lang))


def read_tsv(relpath: str, lang: str = LANG) -> tuple[tuple[str, ...], ...]:
    """The data rows of a resource, one tuple per line, as many cells as its FORMAT names."""
    return read_table(relpath, lang).rows


@cache
def read_words(relpath: str, lang: str = LANG) -> frozenset[str]:
    """The first column of a resource, lower-cased: a one-word-or-phrase-per-line list."""
    return frozenset(row[0].lower() for row in read_tsv(relpath, lang))


def subset(relpath: str, column: str, value: str = "yes", lang: str = LANG) -> tuple[str, ...]:
    """The first column, as written and in file order, of the rows whose ``column`` is ``value``:
    a named subset of one list (``subset("modals.tsv", "status", "future")``)."""
    table = read_table(relpath, lang)
    names = [c.name for c in table.columns]
    if column not in names:
        raise Resource.HEADER.error(where=table.label, problem=f"no column {column!r} (columns: {', '.join(names)})")
    i = names.index(column)
    return tuple(row[0] for row in table.rows if row[i] == value)


def setting(name: str, lang: str = LANG) -> int:
    """An integer from ``resources/<lang>/settings.tsv``."""
    table = read_table("settings.tsv", lang)
    for row in table.rows:
        if row[0] == name:
            return int(row[1])
    raise Resource.VALUE.error(where=table.label, problem=f"no setting {name!r}")


def all_resources(lang: str = LANG) -> list[str]:
    """Every resource file of ``lang``, as relpaths (``times/months.tsv``), sorted."""
    root = resource_path("", lang)
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.suffix in {".tsv", ".txt"})
