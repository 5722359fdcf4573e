"""The public API is what docs/api.md says: each documented module's ``__all__`` lists exactly its names."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

API = Path(__file__).resolve().parents[1] / "docs" / "api.md"


def _documented() -> dict[str, set[str]]:
    sections: dict[str, set[str]] = {}
    current: str | None = None
    for line in API.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"^## `([\w.]+)`", line)
        if heading:
            current = heading.group(1)
            sections[current] = set()
        elif current and line.startswith("- "):
            head = line[2:].split(" — ")[0]
            sections[current].update(re.findall(r"`(\w+)`", head))
    return sections


DOCUMENTED = _documented()


def test_api_doc_is_read():
    assert {"eventwire", "eventwire.stages", "eventwire.pipeline"} <= set(DOCUMENTED)
    assert "extract" in DOCUMENTED["eventwire"] and "process_batch" in DOCUMENTED["eventwire.pipeline"]


@pytest.mark.parametrize("module", sorted(DOCUMENTED))
def test_api_all_is_exactly_the_documented_names(module):
    mod = importlib.import_module(module)
    assert set(mod.__all__) == DOCUMENTED[module]
    for name in mod.__all__:
        assert getattr(mod, name) is not None
