"""Tables that fit the terminal without losing anything, and a vertical layout for narrow ones.

rich left alone shrinks every column evenly when a table is wider than the terminal, so names break
mid-word and the last column (the ``ref`` a reader needs to find the row again) is cut to a few
letters. Here the widths are computed before rich sees the table: an id column is never narrower
than its longest id (and never wraps), a text column never narrower than its longest word (capped, so
one URL cannot claim the screen), and only the slack above those floors is taken from the widest
columns. When even the floors do not fit, ``--layout auto`` prints the rows vertically (one block per
row, ``field: value`` lines, as ``psql \\x``), and ``--layout table`` prints the table wider than the
terminal rather than cut it.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass

import click
from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

LAYOUTS = ("auto", "table", "vertical")
NARROW = 100  # below this many columns ``auto`` prints vertically: a 6-9 column table cannot be read there
_WORD_CAP = 24  # a longer word (a URL) may fold rather than widen its column further
_PAD = 2  # rich's default cell padding (0, 1): one space either side
_OVERHEAD = 2  # box.SIMPLE_HEAD with edges: one character at each end

LAYOUT = click.option(
    "--layout", type=click.Choice(LAYOUTS), default="auto", show_default=True,
    help="For --format table: table (one row a line), vertical (one block a row, 'field: value' lines, "
         f"nothing cut at any width), auto (vertical below {NARROW} columns or when the table cannot fit).")


@dataclass(frozen=True)
class Column:
    """A column to show: ``header`` names it (never empty); an ``ident`` column holds ids, never wrapped."""

    header: str
    ident: bool = False
    ratio: int = 1  # share of the spare width a text column may grow into (the sentence gets more)


def make_console() -> Console:
    """A terminal keeps its width; a pipe or file gets $COLUMNS or 160 (read now, so tests can set it)."""
    probe = Console()
    if probe.is_terminal:
        return probe
    columns = os.environ.get("COLUMNS", "")
    return Console(width=int(columns) if columns.isdigit() else 160)


def _longest_word(text: str) -> int:
    return max((cell_len(w) for w in text.split()), default=0)


def _longest_line(text: str) -> int:
    return max((cell_len(line) for line in text.splitlines()), default=0)


def fit(columns: Sequence[Column], rows: Sequence[Sequence[str]], width: int) -> list[int] | None:
    """Each column's content width so the table fits ``width``, or None when the floors alone do not.

    Floors: an id column its longest cell, a text column its longest word (at most ``_WORD_CAP``) and
    the longest word of its header. The excess over ``width`` is taken one cell at a time from the
    column with the most room above its floor relative to its ratio, so the long sentence gives first.
    """
    floors, wants = _bounds(columns, rows)
    room = width - _OVERHEAD - (_PAD + 1) * len(columns) + 1
    if sum(floors) > room:
        return None
    widths = list(wants)
    excess = sum(widths) - room
    while excess > 0:
        i = max(range(len(widths)), key=lambda k: (widths[k] - floors[k]) / columns[k].ratio)
        step = min(excess, max(1, (widths[i] - floors[i]) // 4))
        widths[i] -= step
        excess -= step
    return widths


def _bounds(columns: Sequence[Column], rows: Sequence[Sequence[str]]) -> tuple[list[int], list[int]]:
    """Each column's floor (see ``fit``) and the width it wants (its longest line)."""
    cells = [[row[i] for row in rows] for i in range(len(columns))]
    floors: list[int] = []
    wants: list[int] = []
    for col, values in zip(columns, cells, strict=True):
        head = _longest_word(col.header)
        if col.ident:
            floor = max([head, *(_longest_line(v) for v in values)])
        else:
            floor = max([head, *(min(_longest_word(v), _WORD_CAP) for v in values)])
        floors.append(max(floor, 1))
        wants.append(max([floors[-1], _longest_line(col.header), *(_longest_line(v) for v in values)]))
    return floors, wants


def needed_width(widths: Sequence[int]) -> int:
    """The terminal width a table of these content widths takes (inverse of ``fit``'s ``room``)."""
    return sum(widths) + _OVERHEAD + (_PAD + 1) * len(widths) - 1


def show(columns: Sequence[Column], rows: Sequence[Sequence[str]], layout: str, footer: str = "",
         title: str | None = None, console: Console | None = None, markup: bool = False) -> None:
    """Print ``rows`` under ``columns`` in ``layout``; ``footer`` (a count) follows either way.

    Cells are plain text, or rich markup when ``markup`` (extract's bold mentions): widths are measured
    on the text the reader sees. ``console`` defaults to the terminal's (``make_console``).
    """
    console = console or make_console()
    plain = [[Text.from_markup(v).plain if markup else v for v in row] for row in rows]
    widths = fit(columns, plain, console.width)
    vertical = layout == "vertical" or (layout == "auto" and (console.width < NARROW or widths is None))
    if vertical:
        _vertical(columns, plain, title, console)
    else:
        shown = console
        if widths is None:  # --layout table asked for and too narrow: just wider than the terminal, never cut
            least = needed_width(_bounds(columns, plain)[0])
            widths = fit(columns, plain, least) or []
            shown = Console(width=least, file=console.file, force_terminal=console.is_terminal)
        shown.print(_table(columns, rows if markup else [[escape(v) for v in row] for row in rows], widths, title))
    if footer:
        console.print(footer)


def _table(columns: Sequence[Column], rows: Sequence[Sequence[str]], widths: Sequence[int],
           title: str | None) -> Table:
    table = Table(box=box.SIMPLE_HEAD, title=title)
    for col, w in zip(columns, widths, strict=True):
        table.add_column(col.header, width=w, no_wrap=col.ident, overflow="fold")
    for row in rows:
        table.add_row(*row)
    return table


def _vertical(columns: Sequence[Column], rows: Sequence[Sequence[str]], title: str | None, console: Console) -> None:
    """``-[ 1 ]----`` then one ``field | value`` line per column, values whole (the terminal wraps them)."""
    pad = max((cell_len(c.header) for c in columns), default=0)

    def line(text: str) -> None:
        console.print(text, markup=False, highlight=False, emoji=False, soft_wrap=True)

    if title:
        line(title)
    for n, row in enumerate(rows, 1):
        line(f"-[ {n} ]" + "-" * max(0, pad - 3))
        for col, value in zip(columns, row, strict=True):
            text = " ".join(value.splitlines())
            line(f"{col.header}{' ' * (pad - cell_len(col.header))} | {text}".rstrip())
