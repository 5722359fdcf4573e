"""``eventwire query | statements | sql | export``: thin commands over ``eventwire.store.Store`` and ``export``.

Every failure the user can cause (no store file, a bad date, a write in ``sql``) prints one line
and exits 1, a store that cannot be opened exits 2 (``exits``, ``docs/errors.md``); the output formats
are ``table`` for people, ``json`` (an array of row objects) and ``csv`` (a header line, then rows)
for programs.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click

from ..errors import Store as Codes
from ..export import FORMATS, export
from ..store import Store
from ..store.queries import EVENT_FIELDS, STATEMENT_FIELDS
from ..store.queries import sql as run_sql
from .errors import exits
from .layout import LAYOUT, Column, show

FORMAT = click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
                       show_default=True, help="table for reading, json (array of objects) or csv for programs.")
DB = click.option("--db", "db", required=True, type=click.Path(dir_okay=False, path_type=Path),
                   help="The store file (SQLite) written by 'eventwire ingest'.")
_LIMIT = click.option("--limit", type=click.IntRange(min=1), default=None, help="At most N rows.")
SINCE = click.option("--since", help="On or after this date (YYYY, YYYY-MM or YYYY-MM-DD; coarse dates overlap).")
UNTIL = click.option("--until", help="On or before this date (the whole month/year for YYYY-MM/YYYY).")

_EVENT_COLUMNS = ("when", "type", "mode", "actors", "recipients", "place", "killed", "sentence", "ref")
_STATEMENT_COLUMNS = ("when", "speaker", "direct", "channel", "content", "ref")
_IDENT = frozenset({"ref", "doc_id", "event_id", "statement_id", "id"})  # shown whole, never wrapped


def event_filters(command: Callable[..., Any]) -> Callable[..., Any]:
    """``Store.events``' filters as options, one definition for every command that filters events."""
    options = (
        click.option("--type", "type_", metavar="TYPE", help="PLOVER event type: ASSAULT, CONSULT, PROTEST, …"),
        click.option("--actor", help="A participant's name or alias (case-insensitive substring)."),
        click.option("--country", metavar="ISO3|NAME", help="A participant's or the place's country: UKR or Ukraine."),
        SINCE,
        UNTIL,
        click.option("--place", help="The event place's name or admin1 (substring)."),
        click.option("--text", metavar="WORDS", help="Every word in the evidence sentence (full-text search)."),
    )
    for option in reversed(options):
        command = option(command)
    return command


def require(db: Path) -> Path:
    """``db`` itself, or the one-line "no store" error naming the command that creates one."""
    if not db.is_file():
        raise Codes.NO_STORE_CLI.error(path=db)
    return db


def open_readonly(db: Path) -> Store:
    return Store(require(db), readonly=True)


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


def emit(rows: list[dict[str, Any]], fmt: str, columns: Sequence[str] | None = None,
         fields: Sequence[str] = (), layout: str = "auto") -> None:
    """Print ``rows`` in ``fmt``; ``columns`` picks the table's columns, ``fields`` the csv header of no rows,
    ``layout`` how a table is laid out (``layout.show``: ids whole, words unbroken, vertical when narrow)."""
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
        return
    names = list(rows[0]) if rows else list(fields)
    if fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(names)
        for row in rows:
            writer.writerow([cell(row.get(n)) for n in names])
        return
    shown = list(columns or names)
    heads = [Column(n or "(no name)", ident=n in _IDENT, ratio=4 if n in ("sentence", "content") else 1)
             for n in shown]
    show(heads, [[cell(_display(row, n)) for n in shown] for row in rows], layout, f"{len(rows)} row(s)")


def _display(row: dict[str, Any], name: str) -> Any:
    """Table-only columns: ``when`` (own date, else publication day), ``ref`` (doc id and row id)."""
    if name == "when":
        return row.get("date") or (f"{row.get('published')} (pub.)" if row.get("published") else None)
    if name == "ref":
        return f"{row.get('doc_id')}/{row.get('event_id') or row.get('statement_id')}"
    if name == "killed":
        return row.get("fatalities")
    return row.get(name)


@click.command("query")
@DB
@event_filters
@click.option("--sort", type=click.Choice(["date", "-date", "published"]), default="date", show_default=True,
              help="date: oldest event first; -date: newest first; published: by publication.")
@FORMAT
@LAYOUT
@_LIMIT
@exits()
def query_command(db: Path, type_: str | None, actor: str | None, country: str | None, since: str | None,
                  until: str | None, place: str | None, text: str | None, sort: str, fmt: str, layout: str,
                  limit: int | None) -> None:
    """Find events in a store; each row carries its evidence sentence and document.

    Example: eventwire query --db news.db --type ASSAULT --country UKR --since 2025-12 --format csv
    """
    with open_readonly(db) as store:
        rows = store.events(type=type_, actor=actor, country=country, since=since, until=until, place=place,
                            text=text, limit=limit, sort=sort)
    emit(rows, fmt, _EVENT_COLUMNS if fmt == "table" else None, EVENT_FIELDS, layout)


@click.command("statements")
@DB
@click.option("--speaker", help="The speaker's name or alias, or the words naming them (substring).")
@click.option("--country", metavar="ISO3", help="The speaker's country.")
@SINCE
@UNTIL
@click.option("--text", metavar="WORDS", help="Every word in what was said (full-text search).")
@FORMAT
@LAYOUT
@_LIMIT
@exits()
def statements_command(db: Path, speaker: str | None, country: str | None, since: str | None, until: str | None,
                       text: str | None, fmt: str, layout: str, limit: int | None) -> None:
    """Find who said what in a store, with the sentence that carries each statement.

    Example: eventwire statements --db news.db --speaker Zelensky --text ceasefire --format json
    """
    with open_readonly(db) as store:
        rows = store.statements(speaker=speaker, country=country, since=since, until=until, text=text, limit=limit)
    emit(rows, fmt, _STATEMENT_COLUMNS if fmt == "table" else None, STATEMENT_FIELDS, layout)


@click.command("sql")
@DB
@click.argument("query")
@FORMAT
@LAYOUT
@exits()
def sql_command(db: Path, query: str, fmt: str, layout: str) -> None:
    """Run one read-only SQL statement on a store (writes are refused by SQLite itself).

    Example: eventwire sql --db news.db "SELECT type, count(*) AS n FROM events GROUP BY type ORDER BY n DESC"
    """
    emit(run_sql(require(db), query), fmt, layout=layout)


@click.command("export")
@DB
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True,
              help="jsonl: one record per line; csv/parquet: one file per table; acled: ACLED-style event CSV; "
                   "plover: one PLOVER event per line.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True, help="Output folder.")
@click.option("--lenient", is_flag=True,
              help="acled: keep story events not dated to a month or not located to a town or region, flagged "
                   "in tags (left out by default).")
@event_filters
@exits()
def export_command(db: Path, fmt: str, out: Path, lenient: bool, type_: str | None, actor: str | None,
                   country: str | None, since: str | None, until: str | None, place: str | None,
                   text: str | None) -> None:
    """Write a store out for other tools, streaming rows so memory stays flat.

    The event filters are query's: acled and plover keep the matching events, jsonl the records of the
    documents that hold one; csv and parquet are whole tables and refuse them.

    Example: eventwire export --db news.db --format parquet --out exports/

    Example: eventwire export --db news.db --format acled --out exports/ --country Ukraine --since 2022-03
    """
    written = export(require(db), fmt, out, type=type_, actor=actor, country=country, since=since, until=until,
                     place=place, text=text, lenient=lenient)
    for name, count in written.items():
        click.echo(f"{out / name}\t{count} rows", err=True)
