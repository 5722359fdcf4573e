"""``eventwire bench PATH``: speed and memory of the pipeline, against spaCy alone on the same texts."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import click
from rich import box
from rich.console import Console
from rich.table import Table

from ..defaults import DEFAULT_BATCH
from .errors import exits

if TYPE_CHECKING:
    from .. import bench


def _int_list(value: str, option: str) -> tuple[int, ...]:
    try:
        numbers = tuple(int(v) for v in value.split(",") if v.strip())
    except ValueError:
        raise click.BadParameter(f"expected comma-separated integers, got {value!r}", param_hint=option) from None
    if not numbers or min(numbers) < 1:
        raise click.BadParameter("expected positive integers, e.g. 1,2", param_hint=option)
    return numbers


@click.command("bench")
@click.argument("path", type=click.Path())
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Use only the first N stories.")
@click.option("--workers", default="1,2", show_default=True, help="Worker counts to run (n_process), comma-separated.")
@click.option("--batch-size", type=click.IntRange(min=1), default=DEFAULT_BATCH, show_default=True)
@click.option("--repeat", type=click.IntRange(min=1), default=1, show_default=True,
              help="Alternate spaCy-only and 1-worker pipeline passes N times; the fastest of each is kept.")
@click.option("--rss-at", default="", help="Also report 1-worker peak memory at these story counts, e.g. 1000,6000.")
@click.option("--max-chars", type=click.IntRange(min=1000), default=None, metavar="N",
              help="Cut stories longer than N characters, as extract --max-chars does (default: never).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@exits()
def bench_command(path: str, limit: int | None, workers: str, batch_size: int, repeat: int, rss_at: str,
                  fmt: str, max_chars: int | None = None) -> None:
    """Measure stories/s, words/s, peak memory and time per stage; compare with spaCy alone.

    The figure to watch is the ratio pipeline ÷ spaCy-only (target ≤ 1.3): what our stages add on top
    of the parse we cannot avoid. Method and today's figures: docs/performance.md.

    Example:

        eventwire bench ../shared/corpus/reuters-21578/articles.jsonl --limit 1000

        eventwire bench stories.jsonl --workers 1 --format json --rss-at 1000,6000
    """
    counts = _int_list(workers, "--workers")
    sizes = _int_list(rss_at, "--rss-at") if rss_at.strip() else ()
    with _status() as say:
        from .. import bench  # spaCy loads only when the command runs

        result = bench.run(path, limit=limit, workers=counts, batch_size=batch_size, repeat=repeat,
                           rss_at=sizes, progress=say, max_chars=max_chars)
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        return
    _print_tables(result)


@contextmanager
def _status() -> Iterator[Callable[[str], None]]:
    """A live phase line on stderr, only when stderr is a terminal (pipes and logs stay clean)."""
    console = Console(stderr=True)
    if not console.is_terminal:
        yield lambda _msg: None
        return
    with console.status("bench: starting") as status:
        yield lambda msg: status.update(f"bench: {msg}")


def _print_tables(r: bench.BenchResult) -> None:
    console = Console()
    head = Table(title=f"bench: {r.stories} stories, {r.words:,} words ({r.path})", box=box.SIMPLE_HEAD)
    head.add_column("figure")
    head.add_column("value", justify="right")
    head.add_column("note")
    head.add_row("pipeline ÷ spaCy-only (wall)", f"{r.ratio:.2f}", "target ≤ 1.3; 1 process, same texts and batch")
    head.add_row("pipeline ÷ spaCy-only (CPU)", f"{r.cpu_ratio:.2f}", "user+sys time: less sensitive to a busy machine")
    per_cpu = r.to_dict()
    head.add_row("spaCy alone", f"{r.spacy_words_per_second:,.0f} words/s",
                 f"{r.spacy_seconds:.1f} s; {per_cpu['spacy_words_per_cpu_second']:,.0f} words per CPU-second")
    head.add_row("pipeline, 1 process", f"{r.words_per_second:,.0f} words/s",
                 f"{per_cpu['pipeline_words_per_cpu_second']:,.0f} words per CPU-second; target ≥ 3,000 per core")
    head.add_row("load", f"{sum(r.load_seconds.values()):.1f} s",
                 ", ".join(f"{k} {v:.1f} s" for k, v in r.load_seconds.items()) + " (excluded)")
    load = r.machine.get("loadavg_at_start"), r.machine.get("loadavg_1_5_15")
    head.add_row("machine", f"{r.machine.get('cores')} cores", f"load average start {load[0]}, end {load[1]}")
    console.print(head)

    runs = Table(title="Full pipeline (extract_many + to_json), each in a fresh process", box=box.SIMPLE_HEAD)
    # peak RSS / PSS summed over the process tree; "main" is the main process alone (VmHWM)
    for col in ("W", "s", "stories/s", "words/s", "per core", "RSS", "PSS", "main", "fail"):
        runs.add_column(col, justify="right")
    for w in r.runs:
        runs.add_row(str(w.workers), f"{w.seconds:.1f}", f"{w.stories_per_second:.1f}", f"{w.words_per_second:,.0f}",
                     f"{w.words_per_second_per_core:,.0f}", f"{w.peak_rss_tree_mb:,.0f} MB",
                     f"{w.peak_pss_tree_mb:,.0f} MB", f"{w.peak_rss_main_mb:,.0f} MB", str(w.failures))
    console.print(runs)

    stages = Table(title="Time per stage (1 process, instrumented pass)", box=box.SIMPLE_HEAD)
    for col in ("stage", "seconds", "share"):
        stages.add_column(col, justify="right" if col != "stage" else "left")
    for name, share in sorted(r.stage_shares.items(), key=lambda kv: -kv[1]):
        stages.add_row(name, f"{r.stage_seconds[name]:.2f}", f"{share:.1%}")
    console.print(stages)
    if r.rss_at:
        sizes = Table(title="Peak RSS (1 process) by input size", box=box.SIMPLE_HEAD)
        sizes.add_column("stories", justify="right")
        sizes.add_column("peak RSS tree", justify="right")
        for n, mb in r.rss_at.items():
            sizes.add_row(str(n), f"{mb:,.0f} MB")
        console.print(sizes)
