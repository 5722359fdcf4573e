"""``eventwire cluster | stories | story``: story events across documents, over ``Store.cluster/stories/story``.

``stories --format table`` is a dated timeline (date, type, who → whom, where, how many, sources);
``json`` prints the story-event objects other tools read (docs/stories.md), ``csv`` one flat row each.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

from ..store import Store
from .errors import exits
from .layout import LAYOUT, Column, make_console, show
from .store_commands import DB, SINCE, UNTIL, emit, open_readonly, require

_stderr = Console(stderr=True)
CSV_FIELDS = ("id", "type", "mode", "status", "date_start", "date_end", "place", "place_country", "actors",
              "recipients", "first_reported", "last_reported", "num_mentions", "num_documents", "num_sources",
              "sources", "figures")


def _names(people: list[dict[str, Any]]) -> str:
    return "; ".join(p["name"] for p in people)


def figure_text(figures: list[dict[str, Any]]) -> str:
    """``killed 10–12 (contested)``: one phrase per figure, for tables."""
    parts = []
    for f in figures:
        field = "killed" if f["field"] == "fatalities" else f["field"].removeprefix("quantity:")
        low, high = f.get("low"), f.get("high")
        value = _num(low) if low == high else f"{_num(low)}–{_num(high)}"
        parts.append(f"{field} {value}" + (" (contested)" if f.get("contested") else ""))
    return "; ".join(parts)


def _num(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _flat(story: dict[str, Any]) -> dict[str, Any]:
    place = story.get("place") or {}
    return {"id": story["id"], "type": story["type"], "mode": story["mode"], "status": story["status"],
            "date_start": story["date_start"], "date_end": story["date_end"], "place": place.get("name"),
            "place_country": place.get("country"), "actors": _names(story["actors"]),
            "recipients": _names(story["recipients"]), "first_reported": story["first_reported"],
            "last_reported": story["last_reported"], "num_mentions": story["num_mentions"],
            "num_documents": story["num_documents"], "num_sources": story["num_sources"],
            "sources": "; ".join(story["sources"]), "figures": figure_text(story["figures"])}


def _when(story: dict[str, Any]) -> str:
    start, end = story.get("date_start") or "", story.get("date_end") or ""
    return str(start) if start == end else f"{start} – {end}"


_TIMELINE = (Column("date"), Column("type"), Column("who → whom", ratio=3), Column("where", ratio=2),
             Column("how many", ratio=2), Column("sources", ratio=2), Column("reports"), Column("id", ident=True))


def _timeline(stories: list[dict[str, Any]], layout: str) -> None:
    rows = []
    for s in stories:
        who = _names(s["actors"]) or "—"
        whom = _names(s["recipients"])
        rows.append([_when(s), f"{s['type'] or '—'}" + (f"/{s['mode']}" if s["mode"] else ""),
                     who + (f" → {whom}" if whom else ""), (s.get("place") or {}).get("name") or "",
                     figure_text(s["figures"]), ", ".join(s["sources"]), str(s["num_documents"]), s["id"]])
    show(_TIMELINE, rows, layout, f"{len(stories)} story event(s)")


@click.command("stories")
@DB
@click.option("--type", "type_", metavar="TYPE", help="PLOVER event type: ASSAULT, CONSULT, …")
@click.option("--country", metavar="ISO3", help="A participant's country or the place's country.")
@click.option("--actor", help="A participant's name (case-insensitive substring).")
@click.option("--place", help="The place's name (substring).")
@SINCE
@UNTIL
@click.option("--min-documents", type=click.IntRange(min=1), default=None, metavar="N",
              help="Only story events reported by at least N texts.")
@click.option("--min-sources", type=click.IntRange(min=1), default=None, metavar="N",
              help="Only story events reported by at least N outlets (syndicated copies count once).")
@click.option("--limit", type=click.IntRange(min=0), default=100, show_default=True, help="At most N; 0 = all.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True,
              help="table: a dated timeline; json: an array of story-event objects; csv: one row each.")
@LAYOUT
@exits()
def stories_command(db: Path, type_: str | None, country: str | None, actor: str | None, place: str | None,
                    since: str | None, until: str | None, min_documents: int | None, min_sources: int | None,
                    limit: int, fmt: str, layout: str) -> None:
    """List story events: one real-world event per row, however many reports carried it.

    Example: eventwire stories --db news.db --type ASSAULT --country UKR --since 2022-04-01 --until 2022-04-07

    Example: eventwire stories --db news.db --min-sources 2 --format json
    """
    with open_readonly(db) as store:
        found = store.stories(type=type_, country=country, actor=actor, place=place, since=since, until=until,
                              min_documents=min_documents, min_sources=min_sources, limit=limit or None)
    if fmt == "json":
        click.echo(json.dumps(found, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        emit([_flat(s) for s in found], "csv", fields=CSV_FIELDS)
    else:
        _timeline(found, layout)


@click.command("story")
@DB
@click.argument("sid", metavar="SID")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@LAYOUT
@exits()
def story_command(db: Path, sid: str, fmt: str, layout: str) -> None:
    """Show one story event: every report (outlet, date, sentence) and every figure, by source.

    Example: eventwire story --db news.db S4e3f990c191c --format json
    """
    with open_readonly(db) as store:
        found = store.story(sid)
    if fmt == "json":
        click.echo(json.dumps(found, ensure_ascii=False, indent=2))
        return
    _show(found, layout)


_REPORTS = (Column("published"), Column("source"), Column("document/event", ident=True), Column("sentence", ratio=5))
_FIGURES = (Column("field"), Column("value"), Column("qualifier"), Column("source"), Column("attributed to"),
            Column("document", ident=True))


def _show(s: dict[str, Any], layout: str) -> None:
    console_out = make_console()
    place = s.get("place") or {}
    note = f" (merged from {s['merged_from']})" if s.get("merged_from") else ""
    console_out.rule(f"[bold]{escape(s['id'])}{escape(note)} · {escape(s['type'] or '—')} · {escape(_when(s))}")
    who, whom = _names(s["actors"]) or "—", _names(s["recipients"]) or "—"
    console_out.print(escape(f"who {who} → whom {whom} · where {place.get('name') or '—'} "
                             f"({place.get('country') or '—'}) · status {s['status']}"))
    console_out.print(escape(f"{s['num_mentions']} mention(s) in {s['num_documents']} document(s) from "
                             f"{s['num_sources']} source(s): {', '.join(s['sources'])}; first reported "
                             f"{s['first_reported']}, last {s['last_reported']}"))
    show(_REPORTS, [[str(m["published"] or ""), m["source"], f"{m['document']}/{m['event']}",
                     (m["sentence"] or "").replace("\n", " ")] for m in s["mentions"]], layout, title="reports")
    if s["figures"]:
        show(_FIGURES, [[f["field"] + (" (contested)" if f.get("contested") else ""), _num(v["value"]),
                         v.get("qualifier") or "", v["source"], v.get("attributed_to") or "", v["document"]]
                        for f in s["figures"] for v in f["values"]], layout, title="figures")


@click.command("cluster")
@DB
@SINCE
@UNTIL
@exits(interrupted="interrupted; nothing was changed (the re-clustering is one transaction)")
def cluster_command(db: Path, since: str | None, until: str | None) -> None:
    """Re-cluster the story events of a window from scratch (ingest already clusters as it stores).

    Use it after changing the weights, or to rebuild clusters grown by many incremental merges.
    Ids of story events that disappear are logged as merged into their successor.

    Example: eventwire cluster --db news.db --since 2022-03-01 --until 2022-03-31
    """
    with Store(require(db)) as store, _bar() as show:
        summary = store.cluster(since=since, until=until, progress=show)
    click.echo(f"eventwire cluster: {summary.mentions:,} event mentions into {summary.stories:,} story events "
               f"({summary.merged:,} merges, {summary.renamed:,} earlier ids logged as merged) in "
               f"{summary.elapsed:.1f} s ({summary.rate:,.0f} mentions/s)", err=True)


@contextmanager
def _bar() -> Iterator[Callable[[int, int], None] | None]:
    if not _stderr.is_terminal:
        yield None
        return
    with Progress(TextColumn("clustering"), BarColumn(), TaskProgressColumn(), TimeElapsedColumn(),
                  console=_stderr, transient=True) as progress:
        task = progress.add_task("cluster", total=None)

        def show(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        yield show
