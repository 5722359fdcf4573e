"""``eventwire eval TASK PATH``: our figure beside the published reference, one command each."""

from __future__ import annotations

import json

import click
from rich import box
from rich.console import Console
from rich.table import Table

from .. import eval as evaluation
from .errors import exits


@click.command("eval")
@click.argument("task", type=click.Choice(evaluation.tasks()))
@click.argument("path", type=click.Path(exists=True))
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--limit", type=int, default=None, help="Score only the first N documents.")
@click.option("--topics", default=None, help="coref only: the ECB+ topics to score, e.g. 2,5,12 (default: all found).")
@exits()
def eval_command(task: str, path: str, fmt: str, limit: int | None, topics: str | None) -> None:
    """Score eventwire against a human-annotated gold set.

    Example:

        eventwire eval times ../shared/eval/tempeval3/TimeBank

        eventwire eval places ../shared/eval/geoparsing/lgl.xml --format json

        eventwire eval coref ../shared/eval/ecbplus --topics 2,5,12,18,21,23,34,35
    """
    result = evaluation.run(task, path, limit, topics)
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        return
    console = Console()
    table = Table(title=f"{task}: {result.dataset}", box=box.SIMPLE_HEAD)
    table.add_column("metric")
    table.add_column("eventwire", justify="right")
    for name, value in _flatten(result.metrics):
        table.add_row(name, f"{value:.3f}" if isinstance(value, float) else str(value))
    console.print(table)
    if result.references:
        refs = Table(title="Published reference figures (other systems, other sets)", box=box.SIMPLE_HEAD)
        for col in ("system", "metric", "value", "measured on"):
            refs.add_column(col)
        for r in result.references:
            refs.add_row(r.system, r.metric, f"{r.value:.3f}", r.dataset)
        console.print(refs)
    if result.baselines:
        base = Table(title="Baselines (same data, same scorer)", box=box.SIMPLE_HEAD)
        base.add_column("metric")
        base.add_column("value", justify="right")
        for name, value in _flatten(result.baselines):
            base.add_row(name, f"{value:.3f}" if isinstance(value, float) else str(value))
        console.print(base)
    for note in result.notes:
        console.print(f"[dim]{note}[/dim]")


def _flatten(metrics: dict, prefix: str = "") -> list[tuple[str, object]]:
    rows: list[tuple[str, object]] = []
    for key, value in metrics.items():
        if isinstance(value, dict):
            rows.extend(_flatten(value, f"{prefix}{key}."))
        else:
            rows.append((f"{prefix}{key}", value))
    return rows
