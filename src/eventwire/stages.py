"""The stages of the pipeline: what each one needs from the shared ``Story``, what it writes there.

A stage is a function ``run(story) -> None`` registered under a versioned name
(``eventwire.times.v2``) with the ``Story`` fields it ``requires`` and ``assigns``, in the manner
of spaCy's ``Language.factory(..., requires=, assigns=)``. The default pipeline is one ordered list
of names, :data:`DEFAULT_STAGES`; ``pipeline``, ``bench`` (per-stage timing) and the tests all
iterate that one list, so a stage added here is run, timed and checked everywhere at once.

Add or replace a stage without touching ``pipeline.py``::

    >>> from eventwire import stages
    >>> @stages.register("mylab.flags.v1", requires=("events",), assigns=("events",))
    ... def flag_events(story):
    ...     ...
    >>> eventwire.extract_many(texts, stages=stages.with_stage("mylab.flags.v1", after="eventwire.events.v3"))

Registration must survive ``spawn``: a worker process starts from a fresh interpreter, so a stage
name it does not know is looked up through the module that registered it (recorded with the
name), which is imported there and registers it again.

Versions are bumped by hand when a stage's output can change. ``resources`` names the resource
files or folders (under ``resources/<lang>/``) the stage reads, and ``resources_hash`` pins their
content to the version: a test fails when those files change and the version does not.
"""

from __future__ import annotations

import hashlib
import importlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from importlib import resources as _pkg_resources
from importlib.resources.abc import Traversable
from typing import TYPE_CHECKING

from .errors import Pipeline, PipelineError

if TYPE_CHECKING:
    from .story import Story

__all__ = [
    "DEFAULT_STAGES",
    "PROVIDED",
    "STORY_FIELDS",
    "PipelineError",
    "Stage",
    "check",
    "get",
    "register",
    "registered",
    "resolve",
    "resources_hash",
    "with_stage",
    "without_stage",
]

#: ``Story`` fields a stage may require or assign.
STORY_FIELDS = ("doc", "text", "published", "dateline", "mentions", "actors", "places", "times", "statements", "events")
#: What the pipeline itself sets before the first stage runs (the parsed ``Doc``, its text and date).
PROVIDED = ("doc", "text", "published", "dateline")

#: The default pipeline, in order.
DEFAULT_STAGES: tuple[str, ...] = (
    "eventwire.mentions.v3",
    "eventwire.actors.v3",
    "eventwire.places.v3",
    "eventwire.times.v2",
    "eventwire.statements.v3",
    "eventwire.events.v3",
)

# Where each built-in stage is registered, so that looking one up imports only what it needs.
_BUILTIN_MODULES = {
    "eventwire.mentions.v3": "eventwire.mentions",
    "eventwire.actors.v3": "eventwire.actors",
    "eventwire.places.v3": "eventwire.places",
    "eventwire.times.v2": "eventwire.times",
    "eventwire.statements.v3": "eventwire.statements",
    "eventwire.events.v3": "eventwire.events",
}


@dataclass(frozen=True, slots=True)
class Stage:
    """One registered stage. ``module`` is where it was registered (re-imported in spawned workers)."""

    name: str
    run: Callable[[Story], None]
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    module: str
    resources: tuple[str, ...] = ()
    resources_hash: str | None = None

    @property
    def short(self) -> str:
        """``times`` for ``eventwire.times.v2``: the column name ``bench`` reports it under."""
        parts = self.name.split(".")
        return parts[-2] if len(parts) >= 2 else self.name


_REGISTRY: dict[str, Stage] = {}


def register(name: str, *, requires: Sequence[str], assigns: Sequence[str], resources: Sequence[str] = (),
             resources_hash: str | None = None) -> Callable[[Callable[[Story], None]], Callable[[Story], None]]:
    """Register ``run(story)`` under ``name``; returns the function unchanged (a decorator).

    Registering a name again replaces the earlier stage: that is how a stage is swapped out.
    """
    _check_name(name)
    for f in (*requires, *assigns):
        if f not in STORY_FIELDS:
            raise Pipeline.BAD_FIELD.error(name=name, field=f, fields=", ".join(STORY_FIELDS))

    def decorate(run: Callable[[Story], None]) -> Callable[[Story], None]:
        _REGISTRY[name] = Stage(name, run, tuple(requires), tuple(assigns), run.__module__,
                                tuple(resources), resources_hash)
        return run

    return decorate


def get(name: str, module: str | None = None) -> Stage:
    """The stage registered as ``name``, importing the module that registers it when needed."""
    if name not in _REGISTRY:
        where = module or _BUILTIN_MODULES.get(name)
        if where is not None:
            importlib.import_module(where)
    try:
        return _REGISTRY[name]
    except KeyError:
        known = ", ".join(sorted(set(_REGISTRY) | set(_BUILTIN_MODULES)))
        raise Pipeline.UNKNOWN.error(name=name, known=known) from None


def registered() -> list[str]:
    """Every stage name known in this process (built-ins included, imported or not)."""
    return sorted(set(_REGISTRY) | set(_BUILTIN_MODULES))


def resolve(names: Iterable[str] = DEFAULT_STAGES, modules: dict[str, str] | None = None) -> list[Stage]:
    """The stages called ``names``, in that order, checked with :func:`check`."""
    found = [get(n, (modules or {}).get(n)) for n in names]
    check(found)
    return found


def check(stages: Sequence[Stage]) -> None:
    """Refuse a pipeline where a stage requires a field that neither the pipeline nor an earlier stage
    sets, as spaCy's ``analyze_pipes`` does — one error naming the stage and the field."""
    available = set(PROVIDED)
    seen: set[str] = set()
    for stage in stages:
        if stage.name in seen:
            raise Pipeline.TWICE.error(name=stage.name)
        seen.add(stage.name)
        missing = [f for f in stage.requires if f not in available]
        if missing:
            providers = [s.name for s in map(get, registered()) if set(missing) & set(s.assigns)]  # error path only
            hint = f"; put it after {' or '.join(providers)}" if providers else ""
            raise Pipeline.UNMET.error(name=stage.name, missing=", ".join(repr(m) for m in missing), hint=hint)
        available.update(stage.assigns)


def with_stage(name: str, *, after: str | None = None, before: str | None = None,
               base: Sequence[str] = DEFAULT_STAGES) -> tuple[str, ...]:
    """``base`` with ``name`` inserted after (or before) another stage, or appended."""
    names = [n for n in base if n != name]
    anchor = after or before
    if anchor is None:
        return (*names, name)
    if anchor not in names:
        raise Pipeline.NOT_IN_PIPELINE.error(name=name, anchor=anchor, names=", ".join(names))
    i = names.index(anchor) + (1 if after else 0)
    return (*names[:i], name, *names[i:])


def without_stage(name: str, base: Sequence[str] = DEFAULT_STAGES) -> tuple[str, ...]:
    """``base`` without ``name`` (``check`` then says which later stage needed it)."""
    return tuple(n for n in base if n != name)


def resources_hash(paths: Sequence[str], lang: str = "en") -> str:
    """A short hash of the resource files under ``resources/<lang>/`` named by ``paths`` (files or
    folders, recursively), by relative path and content: what pins a stage's knowledge to its version."""
    root = _pkg_resources.files("eventwire").joinpath("resources", lang)
    h = hashlib.sha256()
    for rel in sorted(paths):
        ref = root.joinpath(*rel.split("/"))
        files = sorted(_walk(ref, rel)) if ref.is_dir() else [(rel, ref)]
        for relpath, file in files:
            h.update(relpath.encode("utf-8") + b"\0" + file.read_bytes() + b"\0")
    return h.hexdigest()[:12]


def _walk(ref: Traversable, rel: str) -> Iterable[tuple[str, Traversable]]:
    for child in ref.iterdir():
        sub = f"{rel.rstrip('/')}/{child.name}"
        if child.is_dir():
            yield from _walk(child, sub)
        elif child.name.endswith((".tsv", ".txt", ".yaml")):
            yield sub, child


def _check_name(name: str) -> None:
    parts = name.split(".")
    if len(parts) < 3 or not parts[-1].startswith("v") or not parts[-1][1:].isdigit():
        raise Pipeline.UNVERSIONED.error(name=name)
