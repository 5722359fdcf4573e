"""CLI ≡ API: a command's options are named as the parameters of the Python function it calls.

The few deliberate differences are listed here, each with its reason; a new option that matches no
parameter (or a renamed parameter) fails the test until it is named alike or listed.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import pytest

from eventwire import bench, engines, export, shards
from eventwire import eval as evaluation
from eventwire.cli import main
from eventwire.pipeline import extract_many
from eventwire.store import Store
from eventwire.store.queries import sql
from eventwire.web.serve import serve

# Options that only shape the command's output, not the call.
CLI_ONLY = {"fmt", "explain", "layout"}  # display options: how the output is printed, not what is read
# command -> (the function it calls, {CLI parameter: Python parameter} for the deliberate aliases)
COMMANDS: dict[str, tuple[Callable[..., Any], dict[str, str]]] = {
    "extract": (extract_many, {"paths": "stories",      # files are read into stories first
                               "workers": "n_process",  # the multiprocessing/spaCy name
                               "raw": "clean"}),        # a flag reads better than --no-clean
    "ingest": (engines.ingest, {}),
    "load": (shards.load, {}),
    "bench": (bench.run, {}),
    "eval": (evaluation.run, {"task": "name"}),
    "query": (Store.events, {"db": "self", "type_": "type"}),   # `type` is a Python builtin
    "statements": (Store.statements, {"db": "self"}),
    "sql": (sql, {"db": "path"}),
    "export": (export.export, {"type_": "type"}),
    "cluster": (Store.cluster, {"db": "self"}),
    "stories": (Store.stories, {"db": "self", "type_": "type"}),
    "story": (Store.story, {"db": "self"}),
    "serve": (serve, {}),
}


def test_cli_names_every_command_is_listed():
    assert set(main.commands) <= set(COMMANDS) | {"coverage"}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_cli_names_options_match_python_parameters(command):
    func, aliases = COMMANDS[command]
    parameters = set(inspect.signature(func).parameters)
    for param in main.commands[command].params:
        if param.name in CLI_ONLY:
            continue
        python_name = aliases.get(param.name, param.name)
        assert python_name in parameters, (
            f"`eventwire {command}` option {param.opts} is {param.name!r}, but {func.__qualname__} has no "
            f"parameter {python_name!r}: name them alike, or list the alias in this test with its reason")


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_cli_names_aliases_are_still_needed(command):
    func, aliases = COMMANDS[command]
    cli_names = {p.name for p in main.commands[command].params}
    parameters = set(inspect.signature(func).parameters)
    for cli_name, python_name in aliases.items():
        assert cli_name in cli_names and python_name in parameters
        assert cli_name not in parameters, f"{cli_name!r} now matches a parameter: drop the alias"
