"""``eventwire eval``: score eventwire against public gold sets with the project's own scorers.

Each task module (``times``, ``places``, ``statements``, ``events``, ``entities``) registers one
function with :func:`task`; it reads a file or folder in its benchmark's format and returns an
:class:`EvalResult`. The CLI (``eventwire eval TASK PATH``) and Python callers both go through
:func:`run`, so a figure in docs/accuracy.md is always one command away.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Eval, Input


@dataclass(frozen=True, slots=True)
class Reference:
    """A published figure to show beside ours, labelled with the set it was measured on."""

    system: str
    metric: str
    value: float
    dataset: str


@dataclass(slots=True)
class EvalResult:
    task: str
    dataset: str  # what was read, e.g. "TimeBank (dev), 183 docs"
    metrics: dict[str, Any]  # flat or one level deep: {"value_f1": 0.80, "span_strict": {"p":…}}
    references: list[Reference] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # Simple systems scored the same way on the same data (coref: {"lemma": {...}, "one_a_day": {...}}).
    baselines: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        out = {"task": self.task, "dataset": self.dataset, "metrics": self.metrics,
               "references": [asdict(r) for r in self.references], "notes": self.notes}
        if self.baselines is not None:
            out["baselines"] = self.baselines
        return out


Runner = Callable[..., EvalResult]  # (path, limit, **options of _OPTIONS) -> EvalResult
_TASKS: dict[str, str] = {  # task -> module that registers it (imported on demand: no cost at start)
    "times": "times",
    "places": "places",
    "statements": "statements",
    "events": "events",
    "entities": "entities",
    "coref": "coref",
}
#: Task → the options beyond (path, limit) its runner takes; other tasks refuse them.
_OPTIONS: dict[str, frozenset[str]] = {"coref": frozenset({"topics"})}
_REGISTRY: dict[str, Runner] = {}


def task(name: str) -> Callable[[Runner], Runner]:
    """Register ``fn(path, limit) -> EvalResult`` as the scorer of ``name``."""

    def deco(fn: Runner) -> Runner:
        _REGISTRY[name] = fn
        return fn

    return deco


def tasks() -> list[str]:
    return list(_TASKS)


def run(name: str, path: str | Path, limit: int | None = None, topics: str | None = None) -> EvalResult:
    """Score task ``name`` on the gold file or folder at ``path`` (first ``limit`` documents).

    ``topics`` ("2,5,12") restricts the ``coref`` task to those ECB+ topics; other tasks refuse it.

    Example::

        >>> eventwire.eval.run("times", "../shared/eval/tempeval3/TimeBank").metrics["value_f1"]
    """
    if name not in _TASKS:
        raise Eval.UNKNOWN_TASK.error(name=name, choices=", ".join(_TASKS))
    path = Path(path)
    if not path.exists():
        raise Input.MISSING_PATH_PREFIXED.error(path=path)
    if name not in _REGISTRY:
        try:
            importlib.import_module(f".{_TASKS[name]}", __name__)
        except ModuleNotFoundError as exc:
            raise Eval.TASK_UNAVAILABLE.error(name=name) from exc
    options = {k: v for k, v in (("topics", topics),) if v is not None}
    for option in options:
        if option not in _OPTIONS.get(name, frozenset()):
            owner = next(t for t, opts in _OPTIONS.items() if option in opts)
            raise Eval.OPTION_NOT_FOR_TASK.error(option=option, owner=owner, name=name)
    return _REGISTRY[name](path, limit, **options)
