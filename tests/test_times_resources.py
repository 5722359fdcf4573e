"""The temporal resources: their EXAMPLE lines run as tests, and malformed lines fail loudly on load."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from spacy.language import Language

from eventwire.errors import ResourceError
from eventwire.times import find_times, lexicon
from eventwire.times.lexicon import Example, load_lexicon
from eventwire.times.normalize import NORMALISERS

EXAMPLES = lexicon().examples
FOLDER = Path(__file__).resolve().parents[1] / "src" / "eventwire" / "resources" / "en" / "times"


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.source for e in EXAMPLES])
def test_resource_example_normalises_as_documented(nlp: Language, example: Example) -> None:
    published = dt.date.fromisoformat(example.published) if example.published else None
    found = find_times(nlp(example.sentence), published)
    if example.expression == "-":
        assert found == [], f"expected no temporal expression, got {[m.text for m in found]}"
        return
    got = {m.text: (m.value, m.mod) for m in found}
    assert example.expression in got, f"{example.expression!r} not found in {sorted(got)}"
    assert got[example.expression] == (example.value, example.mod)


def test_resources_every_rule_has_an_example() -> None:
    assert len(EXAMPLES) >= len(lexicon().rules)


@pytest.fixture
def resource_copy(tmp_path: Path) -> Path:
    target = tmp_path / "times"
    shutil.copytree(FOLDER, target)
    return target


def _append(path: Path, line: str) -> int:
    text = path.read_text(encoding="utf-8")
    path.write_text(text + line + "\n", encoding="utf-8")
    return len((text + line).splitlines())


@pytest.mark.parametrize(
    ("file", "line", "message"),
    [
        ("months.tsv", "Smarch\t13", "bad month"),
        ("weekdays.tsv", "Funday", "tab-separated"),
        ("units.tsv", "fortnight\tF", "bad unit"),
        ("modifiers.tsv", "roughly\tSORTOF", "bad mod"),
        ("rules.tsv", "broken\tdate\tcalendar\t(?P<year>%YEAR", "not a valid regex"),
        ("rules.tsv", "odd\tdate\tcalendar\t%NOPE", "undefined piece"),
        ("rules.tsv", "date_year\tdate\tcalendar\t%YEAR", "duplicate rule name"),
        ("rules.tsv", "odd\tdate\tguess\t%YEAR", "unknown normaliser"),
        ("rules.tsv", "# EXAMPLE: no pipes here", "EXAMPLE"),
    ],
)
def test_load_lexicon_malformed_line_names_file_and_line(resource_copy: Path, file: str, line: str,
                                                         message: str) -> None:
    number = _append(resource_copy / file, line)
    with pytest.raises(ResourceError) as info:
        load_lexicon(resource_copy, frozenset(NORMALISERS))
    assert f"{file}:{number}" in str(info.value)
    assert message in str(info.value)


def test_load_lexicon_missing_file_raises(resource_copy: Path) -> None:
    (resource_copy / "seasons.tsv").unlink()
    with pytest.raises(ResourceError, match=r"seasons\.tsv"):
        load_lexicon(resource_copy, frozenset(NORMALISERS))
