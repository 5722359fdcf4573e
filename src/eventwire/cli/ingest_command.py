"""``eventwire ingest``: a corpus into a SQLite store, resumable and idempotent (``eventwire.loader``)."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from ..defaults import DEFAULT_BATCH
from .errors import exits

if TYPE_CHECKING:
    from ..loader import IngestSummary

_stderr = Console(stderr=True)


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", required=True, metavar="FILE", help="SQLite store to write (created if absent).")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes; each loads the model once (about 2 s and a few hundred MB).")
@click.option("--reprocess", is_flag=True, help="Extract stories again even when already stored.")
@click.option("--batch-size", type=click.IntRange(min=1), default=DEFAULT_BATCH, show_default=True,
              help="Stories per extraction batch and per commit; a kill loses at most one batch.")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="local: worker processes here; ray: actors on a Ray cluster (pip install 'eventwire[ray]'), "
                   "--workers of them, writing Parquet shards that are then loaded (docs/cluster.md).")
@click.option("--address", default=None, metavar="ADDR",
              help="Ray cluster to join (auto, ray://head:10001); default: start a local Ray.")
@click.option("--shards", default=None, metavar="DIR",
              help="With --engine ray: the Parquet shard folder (default: <db>.shards).")
@click.option("--max-chars", type=click.IntRange(min=1000), default=None, metavar="N",
              help="Cut a story longer than N characters at the last paragraph or sentence boundary before N "
                   "(a warning on the record says so). Default: never cut; cost is linear in length.")
@exits(interrupted="interrupted; committed batches are kept — run the same command again to resume",
       unexpected_hint=" (committed batches are kept; rerun to resume)")
def ingest_command(paths: tuple[str, ...], db: str, workers: int, reprocess: bool, batch_size: int, engine: str,
                   address: str | None, shards: str | None, max_chars: int | None = None) -> None:
    """Extract stories into a SQLite store; a rerun skips what is already stored.

    PATH is a .txt, .html, .jsonl or .jsonl.gz file or a folder of them (read recursively).
    Stories are committed in batches, so an interrupted run (Ctrl-C, kill -9) resumes where it
    stopped when run again. Inputs that cannot be stored (unreadable files, broken JSONL lines,
    empty texts, repeated ids with different content) are listed in the store's failures table.
    Exit status: 0 all stored or skipped, 1 some inputs failed, 2 the run could not start or stopped
    (the store cannot be opened, an unexpected error; see docs/errors.md), 130 interrupted.

    Example:

        eventwire ingest corpus/ --db news.db --workers 2

        eventwire ingest more.jsonl --db news.db --reprocess

        eventwire ingest 'archive/*.jsonl.gz' --engine ray --address auto --workers 64 --db news.db
    """
    with _bar() as show:
        from ..engines import ingest  # spaCy loads only when the command runs

        summary = ingest(paths, db, workers=workers, reprocess=reprocess, batch_size=batch_size, progress=show,
                         engine=engine, address=address, shards=shards, max_chars=max_chars)
    _report(summary, "ingest")


@click.command("load")
@click.argument("shards")
@click.option("--db", required=True, metavar="FILE", help="SQLite store to write (created if absent).")
@click.option("--reprocess", is_flag=True, help="Replace documents already stored by the same producer.")
@click.option("--batch-size", type=click.IntRange(min=1), default=DEFAULT_BATCH, show_default=True,
              help="Rows per commit; a kill loses at most one batch.")
@exits(interrupted="interrupted; committed batches are kept — run the same command again to resume",
       unexpected_hint=" (committed batches are kept; rerun to resume)")
def load_command(shards: str, db: str, reprocess: bool, batch_size: int) -> None:
    """Load Parquet record shards (from `ingest --engine ray`) into a SQLite store; idempotent.

    SHARDS is a shard folder or one .parquet file. Each document is stored once by id and producer,
    however many shards hold it (Ray delivers at least once); story events are clustered as in ingest.
    Exit status as for ingest.

    Example:

        eventwire load news.db.shards --db news.db
    """
    with _bar() as show:
        from ..shards import load

        summary = load(shards, db, reprocess=reprocess, batch_size=batch_size, progress=show)
    _report(summary, "load")


def _report(summary: IngestSummary, command: str) -> None:
    for line in summary_lines(summary, command):
        click.echo(line, err=True)
    if summary.failed:
        sys.exit(1)


def summary_lines(s: IngestSummary, command: str = "ingest") -> list[str]:
    """The closing report: what was stored, skipped and failed (by code), and how fast."""
    lines = [f"eventwire {command}: {s.stored:,} stored, {s.skipped:,} skipped (already stored), "
             f"{s.repeated:,} identical repeats, {s.failed:,} failed — {s.seen:,} inputs in {s.elapsed:.1f} s "
             f"({s.rate:.1f}/s, {s.extracted_rate:.1f} extracted/s)"]
    for code, n in s.by_code.most_common():
        lines.append(f"  failed {code}: {n:,} (e.g. {s.reasons.get(code, '')})")
    if s.failed:
        lines.append("  details: SELECT origin, line, code, reason FROM failures")
    return lines


#: Seconds between progress lines when stderr is a file or a pipe (a log, a CI job, ``nohup``).
PROGRESS_EVERY = 30.0


def progress_line(s: IngestSummary) -> str:
    """One line of progress for a log: where the run is, how fast, what failed."""
    of = f"/{s.total:,}" if s.total else ""
    return (f"eventwire ingest: {s.seen:,}{of} inputs, {s.stored:,} stored, {s.skipped:,} skipped, "
            f"{s.failed:,} failed, {s.rate:.1f}/s, {s.elapsed:.0f} s")


@contextmanager
def _bar() -> Iterator[Callable[[IngestSummary], None] | None]:
    """A live bar on an interactive stderr (a spinner when the total is unknown); otherwise one line
    every ``PROGRESS_EVERY`` seconds, so a long run in a log or a pipe still shows it is alive."""
    if not _stderr.is_terminal:
        last = time.monotonic()

        def line(s: IngestSummary) -> None:
            nonlocal last
            now = time.monotonic()
            if now - last >= PROGRESS_EVERY:
                last = now
                click.echo(progress_line(s), err=True)

        yield line
        return
    columns = (SpinnerColumn(), TextColumn("ingesting"), BarColumn(), TaskProgressColumn(),
               TextColumn("{task.completed:,.0f}/{task.fields[of]}"), TextColumn("{task.fields[rate]:.1f}/s"),
               TextColumn("stored {task.fields[stored]:,} skipped {task.fields[skipped]:,} "
                          "failed {task.fields[failed]:,}"),
               TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn())
    with Progress(*columns, console=_stderr, transient=True) as progress:
        task: TaskID | None = None

        def show(s: IngestSummary) -> None:
            nonlocal task
            if task is None:
                task = progress.add_task("ingest", total=s.total, of=f"{s.total:,}" if s.total else "?",
                                         rate=0.0, stored=0, skipped=0, failed=0)
            progress.update(task, completed=s.seen, rate=s.rate, stored=s.stored, skipped=s.skipped,
                            failed=s.failed)

        yield show
