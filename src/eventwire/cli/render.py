"""Human-readable rendering of records with rich: every row shows the text it rests on."""

from __future__ import annotations

import os

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..record import Record


def _make_console() -> Console:
    """A terminal keeps its width; a pipe or file gets $COLUMNS or 160 so tables stay readable."""
    probe = Console()
    if probe.is_terminal:
        return probe
    columns = os.environ.get("COLUMNS", "")
    return Console(width=int(columns) if columns.isdigit() else 160)


_console = _make_console()


def _evidence(text: str, span: tuple[int, int] | list[int], width: int = 24) -> str:
    """The mention with a little context, on one line."""
    start, end = span
    left = text[max(0, start - width) : start].split("\n")[-1]
    right = text[end : end + width].split("\n")[0]
    return f"…{escape(left)}[bold]{escape(text[start:end])}[/bold]{escape(right)}…".replace("\n", " ")


def print_table(rec: Record, console: Console | None = None) -> None:
    """Print one record as a document header and one table per kind of field."""
    console = console or _console
    doc = rec.document
    console.rule(f"[bold]{doc.title or doc.id}")
    console.print(f"id {doc.id} · published {doc.published or '—'} · source {doc.source or '—'} · "
                  f"language {doc.language} · {len(doc.text):,} chars")
    text = doc.text

    actors = Table(title="Actors", box=box.SIMPLE_HEAD, show_lines=False)
    for col in ("id", "name", "kind", "country", "sector", "roles", "aliases", "n", "first mention"):
        actors.add_column(col, overflow="fold")
    for a in rec.actors:
        actors.add_row(a.id, a.name, a.kind, a.country or "—", a.sector or "—",
                       escape("; ".join(r.text for r in a.roles)), escape("; ".join(a.aliases)), str(len(a.mentions)),
                       _evidence(text, a.mentions[0]))
    console.print(actors)

    places = Table(title="Places", box=box.SIMPLE_HEAD)
    for col in ("id", "name", "kind", "country", "admin1", "lat", "lon", "n", "first mention"):
        places.add_column(col, overflow="fold")
    for p in rec.places:
        places.add_row(p.id, p.name, p.kind, p.country or "—", p.admin1 or "—",
                       "—" if p.lat is None else f"{p.lat:.3f}", "—" if p.lon is None else f"{p.lon:.3f}",
                       str(len(p.mentions)), _evidence(text, p.mentions[0]))
    console.print(places)

    times = Table(title="Times", box=box.SIMPLE_HEAD)
    for col in ("id", "text", "value", "kind", "precision", "mod", "context"):
        times.add_column(col, overflow="fold")
    for t in rec.times:
        times.add_row(t.id, escape(t.text), t.value, t.kind, t.precision or "—", t.mod or "—", _evidence(text, t.span))
    console.print(times)

    for w in rec.warnings:
        console.print(f"[yellow]warning {w.code}[/yellow]: {w.message}")
