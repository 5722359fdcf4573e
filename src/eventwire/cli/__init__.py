"""The ``eventwire`` command line: thin commands over the Python API (``eventwire.extract_many`` …)."""

from __future__ import annotations

import logging

import click

from .. import __version__
from .bench import bench_command
from .coverage import coverage_command
from .eval import eval_command
from .extract import extract_command
from .ingest_command import ingest_command, load_command
from .serve_command import serve_command
from .store_commands import export_command, query_command, sql_command, statements_command
from .story_commands import cluster_command, stories_command, story_command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="eventwire")
def main() -> None:
    """eventwire: news stories in, structured and sourced event data out."""
    _say_slow_steps()


def _say_slow_steps() -> None:
    """One stderr line for each slow first step (loading the model, building the place index once), so a
    first run never sits silent; the library only logs them, the command line shows them."""
    logger = logging.getLogger("eventwire")
    if not any(isinstance(h, _StderrLine) for h in logger.handlers):
        logger.addHandler(_StderrLine())
    logger.setLevel(logging.INFO)


class _StderrLine(logging.Handler):
    """``eventwire: <message>`` on whatever stderr is current (click's, so a test runner's too)."""

    def emit(self, record: logging.LogRecord) -> None:
        click.echo(f"eventwire: {record.getMessage()}", err=True)


main.add_command(extract_command)
main.add_command(eval_command)
main.add_command(bench_command)
main.add_command(coverage_command)
for _command in (ingest_command, load_command, query_command, statements_command, sql_command, export_command,
                 cluster_command, stories_command, story_command, serve_command):
    main.add_command(_command)
