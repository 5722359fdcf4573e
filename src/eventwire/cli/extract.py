"""``eventwire extract``: stories in, ``eventwire/1`` records out (JSON, JSONL or a readable table)."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING

import click

from ..defaults import DEFAULT_BATCH, DEFAULT_MODEL
from ..record import Record
from .errors import exits
from .progress import story_progress

if TYPE_CHECKING:
    from ..ingest import RawStory
from .layout import LAYOUT
from .render import explain_mentions, print_table


def _date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date: use YYYY-MM-DD") from None


@click.command("extract")
@click.argument("paths", nargs=-1, required=True)
@click.option("--date", "published", callback=_date, metavar="YYYY-MM-DD",
              help="Publication date; wins over a file's own date header or JSONL 'published'.")
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "table"]), default="json", show_default=True)
@click.option("--model", default=DEFAULT_MODEL, show_default=True, help="Installed spaCy English pipeline to use.")
@click.option("--raw", is_flag=True,
              help="Keep the text exactly as given (no header, sign-off or boilerplate removal).")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes, each loading the model once (records keep input order).")
@click.option("--batch-size", type=click.IntRange(min=1), default=DEFAULT_BATCH, show_default=True,
              help="Stories per spaCy batch.")
@click.option("--max-chars", type=click.IntRange(min=1000), default=None, metavar="N",
              help="Cut a story longer than N characters at the last paragraph or sentence boundary before N "
                   "(a warning on the record says so). Default: never cut; cost is linear in length.")
@click.option("--stage", "stages", multiple=True, metavar="NAME",
              help="Run these registered stages, in this order, instead of the default pipeline "
                   "(repeat the option; see docs/architecture.md).")
@click.option("--explain", is_flag=True,
              help="Also print, on standard error, each name's type and the evidence for and against it "
                   "(the records are unchanged).")
@LAYOUT
@exits()
def extract_command(paths: tuple[str, ...], published: dt.date | None, fmt: str, model: str, raw: bool,
                    workers: int, batch_size: int, stages: tuple[str, ...], explain: bool = False,
                    layout: str = "auto", max_chars: int | None = None) -> None:
    """Extract actors, places, dates, statements and PLOVER events from news stories.

    PATH is a .txt, .html, .jsonl or .jsonl.gz file, a folder of them, or - for standard input.

    Example:

        eventwire extract story.txt --format table

        cat stories.jsonl | eventwire extract - --format jsonl --date 2025-12-06

        eventwire extract archive.jsonl --format jsonl --workers 2 > records.jsonl

    Exit status: 0 every story extracted, 1 some input failed (each on one line), 2 the command
    could not run (see docs/errors.md).
    """
    from ..errors import Failure
    from ..ingest import read_paths  # imported here: spaCy loads only when a command needs it
    from ..pipeline import extract_many

    failures = 0

    def stories() -> Iterator[RawStory]:
        nonlocal failures
        for item in read_paths(paths):
            if isinstance(item, Failure):
                failures += 1
                _complain(item.origin, item.reason)
            else:
                yield item

    written = 0
    pending: Record | None = None
    with story_progress() as progress:
        for result in extract_many(stories(), clean=not raw, model=model, published=published, n_process=workers,
                                   batch_size=batch_size, stages=stages or None, max_chars=max_chars):
            progress.advance(failed=isinstance(result, Failure))
            if isinstance(result, Failure):
                failures += 1
                _complain(result.origin, result.reason)
                continue
            written += 1
            if explain:
                explain_mentions(result, model)
            pending = _emit(result, fmt, written, pending, layout)
    if fmt == "json":
        if pending is not None:
            click.echo(pending.to_json(indent=2))
        elif written > 1:
            click.echo("]")
    if failures:
        click.echo(f"eventwire: {failures} input(s) failed, {written} stor{'y' if written == 1 else 'ies'} "
                   "extracted", err=True)
        sys.exit(1)


def _emit(result: Record, fmt: str, written: int, pending: Record | None, layout: str) -> Record | None:
    """Write one record; JSON holds back the first so one story prints as an object, several as an array."""
    if fmt == "table":
        print_table(result, layout=layout)
    elif fmt == "jsonl":
        click.echo(result.to_json())
    elif written == 1:
        return result
    else:
        if pending is not None:
            click.echo("[\n" + pending.to_json(indent=2))
        click.echo(",\n" + result.to_json(indent=2))
    return None


def _complain(origin: str, reason: str) -> None:
    click.echo(f"eventwire: {origin}: {reason}", err=True)
