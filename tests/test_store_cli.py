"""``eventwire query | statements | sql | export`` on a small store: output shapes and one-line errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

import eventwire
from eventwire.cli.store_commands import export_command, query_command, sql_command, statements_command
from eventwire.store import Store
from eventwire.store.queries import EVENT_FIELDS, STATEMENT_FIELDS

TEXTS = [
    ("Russian forces attacked Kyiv with drones on Tuesday, killing 5 people, Ukrainian officials said.", "2025-12-06"),
    ("Thousands of students protested in Nairobi on Friday against tax increases.", "2025-10-04"),
]
CLI = click.Group(commands=[query_command, statements_command, sql_command, export_command])


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "news.db"
    with Store(path) as store:
        for text, published in TEXTS:
            store.add(eventwire.extract(text, published=published))
    return path


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(CLI, list(args))
    return result.exit_code, result.output


def test_store_cli_query_json_is_array_of_objects(db: Path) -> None:
    code, out = _run("query", "--db", str(db), "--type", "ASSAULT", "--format", "json")
    rows = json.loads(out)
    assert code == 0 and isinstance(rows, list) and len(rows) == 1
    assert tuple(rows[0]) == EVENT_FIELDS
    assert rows[0]["actors"] == ["Russian forces"] and rows[0]["sentence"].startswith("Russian forces attacked")


def test_store_cli_query_csv_header_then_rows(db: Path) -> None:
    code, out = _run("query", "--db", str(db), "--format", "csv", "--since", "2025-10", "--until", "2025-10")
    rows = list(csv.reader(io.StringIO(out)))
    assert code == 0 and tuple(rows[0]) == EVENT_FIELDS
    assert [r[2] for r in rows[1:]] == ["PROTEST"]
    code, out = _run("query", "--db", str(db), "--format", "csv", "--type", "AID")
    assert out.strip() == ",".join(EVENT_FIELDS)  # no rows: still the header


def test_store_cli_query_table_and_filters(db: Path) -> None:
    code, out = _run("query", "--db", str(db), "--actor", "russian", "--text", "drones", "--limit", "5")
    assert code == 0 and "ASSAULT" in out and "1 row(s)" in out


def test_store_cli_statements_shapes(db: Path) -> None:
    code, out = _run("statements", "--db", str(db), "--country", "UKR", "--format", "json")
    rows = json.loads(out)
    assert code == 0 and tuple(rows[0]) == STATEMENT_FIELDS and rows[0]["speaker"] == "Ukrainian officials"
    code, out = _run("statements", "--db", str(db), "--format", "csv")
    assert out.splitlines()[0] == ",".join(STATEMENT_FIELDS)


def test_store_cli_sql_formats_and_refuses_writes(db: Path) -> None:
    code, out = _run("sql", "--db", str(db), "SELECT type FROM events ORDER BY type", "--format", "csv")
    assert code == 0 and out.splitlines() == ["type", "ASSAULT", "PROTEST"]
    code, out = _run("sql", "--db", str(db), "DELETE FROM events")
    assert code == 1 and "read-only" in out and "Traceback" not in out and len(out.strip().splitlines()) == 1


@pytest.mark.parametrize("command", ["query", "statements", "sql", "export"])
def test_store_cli_missing_db_is_one_line_error(tmp_path: Path, command: str) -> None:
    extra = {"sql": ["SELECT 1"], "export": ["--format", "jsonl", "--out", str(tmp_path / "o")]}.get(command, [])
    code, out = _run(command, "--db", str(tmp_path / "none.db"), *extra)
    assert code == 1 and out.strip().splitlines() == [f"Error: EW-S01: no store at {tmp_path / 'none.db'}: create "
                                                      f"one with 'eventwire ingest … --db {tmp_path / 'none.db'}'"]


def test_store_cli_file_that_is_not_a_store_exits_2(tmp_path: Path) -> None:
    junk = tmp_path / "notes.db"
    junk.write_text("not a database, just notes\n" * 100)
    code, out = _run("query", "--db", str(junk))
    assert code == 2 and out.startswith("Error: EW-S03: ") and len(out.strip().splitlines()) == 1


def test_store_cli_bad_date_is_one_line_error(db: Path) -> None:
    code, out = _run("query", "--db", str(db), "--since", "last week")
    assert code == 1 and "not a date" in out and len(out.strip().splitlines()) == 1


def test_store_cli_commands_document_an_example() -> None:
    for command in (query_command, statements_command, sql_command, export_command):
        assert "Example: eventwire " + command.name in (command.help or "")


def test_store_cli_export_writes_files(db: Path, tmp_path: Path) -> None:
    code, _ = _run("export", "--db", str(db), "--format", "jsonl", "--out", str(tmp_path))
    assert code == 0 and len((tmp_path / "records.jsonl").read_text(encoding="utf-8").splitlines()) == 2


@pytest.mark.parametrize(("args", "code"), [
    (("--type", "BOMBING"), "EW-S15"),
    (("--country", "Freedonia"), "EW-S16"),
    (("--since", "2025-04", "--until", "2025-03"), "EW-S17"),
])
def test_store_cli_query_refuses_filters_that_can_match_nothing(db: Path, args: tuple[str, ...], code: str) -> None:
    status, output = _run("query", "--db", str(db), *args)
    assert status == 1 and code in output and "Traceback" not in output
    if code == "EW-S15":
        assert "ASSAULT" in output and "PROTEST" in output  # the 16 types are listed


def test_store_cli_query_accepts_country_names_and_sorts(db: Path) -> None:
    by_name = json.loads(_run("query", "--db", str(db), "--country", "Kenya", "--format", "json")[1])
    by_code = json.loads(_run("query", "--db", str(db), "--country", "ken", "--format", "json")[1])
    assert by_name == by_code and by_name and all(r["place_country"] == "KEN" or r["place"] for r in by_name)
    assert _run("query", "--db", str(db), "--type", "assault", "--format", "json")[0] == 0
    oldest = json.loads(_run("query", "--db", str(db), "--format", "json")[1])
    newest = json.loads(_run("query", "--db", str(db), "--sort", "-date", "--format", "json")[1])
    assert oldest[0]["date_start"] <= oldest[-1]["date_start"]
    assert newest[0]["date_start"] >= newest[-1]["date_start"] and newest[0]["date_start"] > oldest[0]["date_start"]
