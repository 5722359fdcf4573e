"""Structural contracts of the package, read from the source's syntax trees (not grepped):

* no module uses another module's ``_private`` name;
* no import cycle between modules (imports under ``if TYPE_CHECKING:`` are for the type checker only);
* no module over 500 lines;
* resource files are parsed by one reader (``eventwire/lexicon.py``).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "eventwire"
MAX_LINES = 500


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _is_package(name: str) -> bool:
    return MODULES[name].name == "__init__.py"


def _absolute(module: str, level: int, target: str | None) -> str:
    """The absolute module name of ``from <level dots><target> import …`` written in ``module``."""
    if level == 0:
        return target or ""
    base = module.split(".")
    if not _is_package(module):
        base = base[:-1]
    base = base[: len(base) - (level - 1)]
    return ".".join(base + ([target] if target else []))


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    """ids of the import nodes inside ``if TYPE_CHECKING:`` blocks."""
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for sub in node.body:
                for inner in ast.walk(sub):
                    skip.add(id(inner))
    return skip


def _imports(name: str) -> Iterator[tuple[str, list[str], int]]:
    """(imported module, names taken from it, line) for every runtime import in module ``name``."""
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    skip = _type_checking_nodes(tree)
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, [], node.lineno
        elif isinstance(node, ast.ImportFrom):
            target = _absolute(name, node.level, node.module)
            yield target, [a.name for a in node.names], node.lineno


def _internal_edges(name: str) -> set[str]:
    """Modules of eventwire that ``name`` imports at run time (``from . import x`` counts as module x)."""
    edges = set()
    for target, names, _ in _imports(name):
        for candidate in [f"{target}.{n}" for n in names] + [target]:
            if candidate in MODULES and candidate != name:
                edges.add(candidate)
                break
    # a submodule importing its own package only runs the package's __init__ first: not a dependency
    return {e for e in edges if not name.startswith(e + ".")}


def _private(n: str) -> bool:
    return n.startswith("_") and not n.startswith("__")


def test_architecture_no_module_uses_another_modules_private_names():
    offences = []
    for name in MODULES:
        tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
        aliases: dict[str, str] = {}
        for target, names, line in _imports(name):
            for n in names:
                if _private(n) and target != name:
                    offences.append(f"{name}:{line} imports {target}.{n}")
                if f"{target}.{n}" in MODULES:
                    aliases[n] = f"{target}.{n}"
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name in MODULES:
                        aliases[alias.asname or alias.name] = alias.name
            elif isinstance(node, ast.ImportFrom):
                for alias in node.names:
                    full = f"{_absolute(name, node.level, node.module)}.{alias.name}"
                    if full in MODULES:
                        aliases[alias.asname or alias.name] = full
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                    and node.value.id in aliases and _private(node.attr) and aliases[node.value.id] != name):
                offences.append(f"{name}:{node.lineno} uses {aliases[node.value.id]}.{node.attr}")
    assert offences == []


def test_architecture_no_import_cycles():
    graph = {name: _internal_edges(name) for name in MODULES}
    cycles: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append([*stack[stack.index(nxt):], nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name)
    assert cycles == []


@pytest.mark.parametrize("name", sorted(MODULES))
def test_architecture_module_size(name):
    lines = MODULES[name].read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{name} has {lines} lines: split it by job (limit {MAX_LINES})"


def test_architecture_the_checks_see_the_package():
    """Guard against the checks above passing on nothing."""
    assert "eventwire.pipeline" in MODULES and "eventwire.times.normalize" in MODULES
    assert "eventwire.story" in _internal_edges("eventwire.pipeline")
    assert "eventwire.ingest" in _internal_edges("eventwire.pipeline")


# Modules that may name the package's resource folder, and why: everything else reads resources through
# the one reader (eventwire/lexicon.py).
RESOURCE_PATH_ALLOWED = {
    "eventwire.lexicon": "the one reader",
    "eventwire.stages": "hashes a stage's resource files to pin them to its version (reads bytes, parses nothing)",
    "eventwire.gazetteer": "hashes the place files into the index cache key (reads bytes, parses nothing)",
    "eventwire.times.lexicon": "names the times folder; its files are parsed by lexicon.read_file",
}
# Modules that parse tab-separated text that is not a package resource: external gold files.
TAB_SPLIT_ALLOWED = {"eventwire.lexicon", "eventwire.eval.statements"}


def _string_constants(tree: ast.AST) -> Iterator[ast.Constant]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node


def test_architecture_one_resource_reader():
    offences = []
    for name, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if name not in RESOURCE_PATH_ALLOWED and any(c.value == "resources" for c in _string_constants(tree)):
            offences.append(f"{name} builds a path into resources/: read it with eventwire.lexicon")
        for node in ast.walk(tree):
            if (name not in TAB_SPLIT_ALLOWED and isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute) and node.func.attr == "split"
                    and node.args and isinstance(node.args[0], ast.Constant) and node.args[0].value == "\t"):
                offences.append(f"{name}:{node.lineno} splits on tabs: a second TSV reader")
    assert offences == []
    assert set(RESOURCE_PATH_ALLOWED) <= set(MODULES)
    reader = ast.parse(MODULES["eventwire.lexicon"].read_text(encoding="utf-8"))
    assert any(c.value == "resources" for c in _string_constants(reader)), "the detector sees nothing"
