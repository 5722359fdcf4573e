"""``eventwire coverage``: exact counts on hand-made records, the date/place source rule, the CLI's inputs
and its one-line errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import eventwire
from eventwire.cli import main
from eventwire.coverage import FIGURES, coverage
from eventwire.store import Store


def _rec(doc_id: str, actors: list[dict[str, Any]], events: list[dict[str, Any]],
         statements: list[dict[str, Any]]) -> dict[str, Any]:
    return {"schema": "eventwire/1", "document": {"id": doc_id}, "actors": actors, "events": events,
            "statements": statements, "places": [], "times": []}


RECORDS = [
    _rec("d1",
         [{"id": "A1", "kind": "person", "country": "UKR"}, {"id": "A2", "kind": "person", "country": None},
          {"id": "A3", "kind": "group", "country": "RUS"}],
         [{"id": "E1", "actors": ["A1"], "date": "2025-03-01", "place": "P1"},
          {"id": "E2", "actors": [], "recipients": ["A1"], "date": None, "place": None}],
         [{"id": "S1", "speaker": "A1"}, {"id": "S2", "speaker": None}]),
    _rec("d2",
         [{"id": "A1", "kind": "person", "country": "FRA"}],
         [{"id": "E1", "actors": ["A1"], "date": "2025-03-02", "date_source": "publication",
           "place": "P1", "place_source": "clause"},
          {"id": "E2", "actors": ["A1"], "date": "2025-03-02", "date_source": "discourse", "place": None,
           "place_source": None}],
         []),
]


def test_coverage_counts_hand_made_records_exactly() -> None:
    cov = coverage(iter(RECORDS))
    assert cov.documents == 2
    got = {k: (f.hits, f.total) for k, f in cov.figures().items()}
    assert got == {
        "persons_with_country": (2, 3),       # groups are not persons
        "events_with_actor": (3, 4),          # a recipient alone is no actor
        "events_dated": (2, 4),               # date_source "publication" is not from the text
        "events_placed": (2, 4),              # place_source "clause" is; a null place is not
        "statements_with_speaker": (1, 2),
    }
    assert cov.persons_with_country.share == round(2 / 3, 4)


def test_coverage_of_nothing_has_no_shares() -> None:
    cov = coverage([])
    assert cov.documents == 0 and all(f.share is None for f in cov.figures().values())
    assert list(cov.as_dict()) == ["documents", *FIGURES]


def _write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_coverage_cli_json_over_several_files(tmp_path: Path) -> None:
    a = _write_jsonl(tmp_path / "a.jsonl", RECORDS[:1])
    b = tmp_path / "b.json"
    b.write_text(json.dumps(RECORDS[1]), encoding="utf-8")
    result = CliRunner().invoke(main, ["coverage", str(a), str(b), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["documents"] == 2
    assert data["persons_with_country"] == {"hits": 2, "total": 3, "share": 0.6667}


def test_coverage_cli_table(tmp_path: Path) -> None:
    a = _write_jsonl(tmp_path / "a.jsonl", RECORDS)
    result = CliRunner().invoke(main, ["coverage", str(a)])
    assert result.exit_code == 0, result.output
    assert "persons with a country" in result.output and "66.7%" in result.output


@pytest.mark.parametrize("content, message", [
    ('{"id": "1", "text": "Raw story text."}\n', "not an eventwire record"),
    ("not json at all\n", "not JSON"),
])
def test_coverage_cli_bad_input_is_one_line_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "stories.jsonl"
    path.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(main, ["coverage", str(path)])
    assert result.exit_code == 1 and message in result.output
    assert "Traceback" not in result.output and result.output.strip().count("\n") == 0


def test_coverage_cli_needs_files_or_a_store(tmp_path: Path) -> None:
    for args in ([], ["--db", str(tmp_path / "missing.db")]):
        result = CliRunner().invoke(main, ["coverage", *args])
        assert result.exit_code == 1 and "Traceback" not in result.output


def test_coverage_cli_reads_a_store_like_its_records(tmp_path: Path) -> None:
    rec = eventwire.extract("Prime Minister Edda Halvorsk of Norway met protesters in Bergen on Monday, "
                            "her office said.", published="2025-11-03")
    db = tmp_path / "news.db"
    with Store(db) as store:
        store.add(rec)
        assert [r["document"]["id"] for r in store.records()] == [rec.document.id]
    from_store = CliRunner().invoke(main, ["coverage", "--db", str(db), "--format", "json"])
    from_file = CliRunner().invoke(main, ["coverage", str(_write_jsonl(tmp_path / "r.jsonl", [rec.to_dict()])),
                                          "--format", "json"])
    assert from_store.exit_code == 0, from_store.output
    assert json.loads(from_store.output) == json.loads(from_file.output)
    assert json.loads(from_store.output)["documents"] == 1
