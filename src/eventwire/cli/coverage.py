"""``eventwire coverage``: how many persons have a country, events an actor, a date, a place; statements a speaker.

Why a command: every figure of the actors issue (and the next) is this command's output, so anyone can
reproduce it from the same records. It reads *records* — what ``eventwire extract --format jsonl``
writes, or a store — never raw stories: counting extraction output requires the extraction first.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click
from rich import box
from rich.table import Table

from ..coverage import LABELS, coverage
from ..errors import EventwireError
from ..store import Store
from .render import console_out


def _records_in(path: Path) -> Iterator[dict[str, Any]]:
    """Records of one JSONL file (one per line) or JSON file (a record or an array), checked one by one."""
    if not path.is_file():
        raise click.ClickException(f"no such file: {path}")
    with path.open(encoding="utf-8") as fh:
        first = fh.read(1)
        fh.seek(0)
        if first == "[" or path.suffix == ".json":
            try:
                data = json.load(fh)
            except json.JSONDecodeError as exc:
                raise click.ClickException(f"{path}: not JSON ({exc.msg}, line {exc.lineno})") from None
            for n, rec in enumerate(data if isinstance(data, list) else [data], 1):
                yield _checked(rec, f"{path} item {n}")
            return
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise click.ClickException(f"{path} line {n}: not JSON ({exc.msg})") from None
            yield _checked(rec, f"{path} line {n}")


def _checked(rec: Any, where: str) -> dict[str, Any]:
    if not isinstance(rec, dict) or not str(rec.get("schema", "")).startswith("eventwire/"):
        raise click.ClickException(
            f"{where} is not an eventwire record (raw stories? run 'eventwire extract --format jsonl' first, "
            f"or use --db)")
    return rec


def _store_records(db: Path) -> Iterator[dict[str, Any]]:
    if not db.is_file():
        raise click.ClickException(f"no store at {db}: create one with 'eventwire ingest … --db {db}'")
    try:
        with Store(db, readonly=True) as store:
            yield from store.records()
    except EventwireError as exc:
        raise click.ClickException(str(exc)) from None


@click.command("coverage")
@click.argument("paths", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Read the records of this store (SQLite, written by 'eventwire ingest') instead of files.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help="table for reading, json (stable keys: documents, then hits/total/share per figure).")
def coverage_command(paths: tuple[Path, ...], db: Path | None, fmt: str) -> None:
    """Share of persons with a country, events with an actor / a date from the text / a place, and
    statements with a speaker, over eventwire records.

    PATHS are record files as 'eventwire extract --format jsonl' (or --format json) writes them; raw
    stories are not accepted: extract them first, or point --db at a store.

    Example: eventwire coverage voa.jsonl gn.jsonl --format json
    """
    if bool(paths) == bool(db):
        raise click.ClickException("give record files (PATH…) or --db FILE, not both and not neither")

    def records() -> Iterator[dict[str, Any]]:
        if db is not None:
            yield from _store_records(db)
        for path in paths:
            yield from _records_in(path)

    try:
        cov = coverage(records())
    except OSError as exc:
        raise click.ClickException(str(exc)) from None
    if fmt == "json":
        click.echo(json.dumps(cov.as_dict(), indent=2))
        return
    table = Table(box=box.SIMPLE_HEAD, title=f"coverage over {cov.documents} record(s)")
    for name, justify in (("figure", "left"), ("share", "right"), ("hits", "right"), ("total", "right")):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for key, fig in cov.figures().items():
        share = "—" if fig.share is None else f"{fig.share:.1%}"
        table.add_row(LABELS[key], share, str(fig.hits), str(fig.total))
    console_out.print(table)
