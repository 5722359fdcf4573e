"""`eventwire extract` from the command line: formats, dates, stdin and bad input without tracebacks."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventwire.cli import main

STORY = "Officials from Chile met Peruvian envoys in Lima on Tuesday to discuss trade.\n"


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def write(path: Path, data: str | bytes) -> Path:
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


def test_cli_extract_txt_header_date_and_signoff(runner: CliRunner, tmp_path: Path) -> None:
    story = write(tmp_path / "s.txt", " date 2025-12-06 " + STORY + "\nAFP\n")
    result = runner.invoke(main, ["extract", str(story)])
    assert result.exit_code == 0, result.output
    rec = json.loads(result.stdout)
    assert rec["document"]["published"] == "2025-12-06"
    assert rec["document"]["source"] == "AFP"
    assert rec["document"]["text"].startswith("Officials from Chile")
    assert {t["text"]: t["value"] for t in rec["times"]}["Tuesday"] == "2025-12-02"


def test_cli_date_option_wins_over_header(runner: CliRunner, tmp_path: Path) -> None:
    story = write(tmp_path / "s.txt", "date 2025-12-06 " + STORY)
    result = runner.invoke(main, ["extract", str(story), "--date", "2025-12-13"])
    rec = json.loads(result.stdout)
    assert rec["document"]["published"] == "2025-12-13"
    assert {t["text"]: t["value"] for t in rec["times"]}["Tuesday"] == "2025-12-09"


def test_cli_json_array_for_several_and_jsonl_lines(runner: CliRunner, tmp_path: Path) -> None:
    lines = [json.dumps({"id": f"s{n}", "title": "t", "published": "2025-03-10 21:53:04Z", "text": STORY})
             for n in range(3)]
    archive = write(tmp_path / "a.jsonl", "\n".join(lines) + "\n")
    as_json = json.loads(runner.invoke(main, ["extract", str(archive)]).stdout)
    assert [r["document"]["id"] for r in as_json] == ["s0", "s1", "s2"]
    assert as_json[0]["document"]["published_at"] == "2025-03-10T21:53:04Z"
    out = runner.invoke(main, ["extract", str(archive), "--format", "jsonl"]).stdout.splitlines()
    assert [json.loads(line)["document"]["id"] for line in out] == ["s0", "s1", "s2"]


def test_cli_reads_gzipped_jsonl(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "g1", "text": STORY}) + "\n")
    result = runner.invoke(main, ["extract", str(path), "--format", "jsonl"])
    assert json.loads(result.stdout)["document"]["id"] == "g1"


def test_cli_table_shows_each_section(runner: CliRunner, tmp_path: Path) -> None:
    story = write(tmp_path / "s.txt", STORY)
    result = runner.invoke(main, ["extract", str(story), "--format", "table", "--date", "2025-12-06"])
    assert result.exit_code == 0
    for heading in ("Actors", "Places", "Times", "Lima", "2025-12-02"):
        assert heading in result.stdout


def test_cli_reads_stdin(runner: CliRunner) -> None:
    result = runner.invoke(main, ["extract", "-", "--date", "2025-12-06"], input=STORY)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["document"]["published"] == "2025-12-06"


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("empty.txt", ""),
        ("blank.txt", "  \n\t\n"),
        ("binary.txt", b"\x00\x01\x02\xff\xfe" * 200),
    ],
)
def test_cli_unusable_input_is_one_line_and_nonzero(runner: CliRunner, tmp_path: Path, name: str,
                                                    data: str | bytes) -> None:
    path = write(tmp_path / name, data)
    result = runner.invoke(main, ["extract", str(path)])
    assert result.exit_code != 0
    assert "Traceback" not in result.output + result.stderr
    assert name in result.stderr
    assert result.stdout == ""


def test_cli_missing_file(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["extract", str(tmp_path / "nope.txt")])
    assert result.exit_code != 0
    assert "nope.txt" in result.stderr and "Traceback" not in result.stderr


def test_cli_cp1252_text_is_read_with_a_warning(runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path / "old.txt", "Caf\xe9 owners in Lima protested on Tuesday.\n".encode("cp1252"))
    result = runner.invoke(main, ["extract", str(path), "--date", "2025-12-06"])
    assert result.exit_code == 0
    rec = json.loads(result.stdout)
    assert "Café" in rec["document"]["text"]
    assert rec["warnings"]


def test_cli_bad_jsonl_line_is_reported_and_the_rest_come_out(runner: CliRunner, tmp_path: Path) -> None:
    lines = [json.dumps({"id": "ok1", "text": STORY}), "{not json", json.dumps({"id": "no-text"}),
             json.dumps({"id": "ok2", "text": STORY})]
    path = write(tmp_path / "mixed.jsonl", "\n".join(lines) + "\n")
    result = runner.invoke(main, ["extract", str(path), "--format", "jsonl"])
    assert result.exit_code == 1
    ids = [json.loads(line)["document"]["id"] for line in result.stdout.splitlines()]
    assert ids == ["ok1", "ok2"]
    assert "mixed.jsonl:2" in result.stderr and "mixed.jsonl:3" in result.stderr


def test_cli_bad_date_option_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path / "s.txt", STORY)
    result = runner.invoke(main, ["extract", str(path), "--date", "06/12/2025"])
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.stderr


def test_cli_unknown_model_is_a_clear_error(runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path / "s.txt", STORY)
    result = runner.invoke(main, ["extract", str(path), "--model", "no_such_model"])
    assert result.exit_code != 0
    assert "no_such_model" in result.stderr and "Traceback" not in result.stderr


def test_cli_extract_explain_prints_evidence_and_keeps_the_record(tmp_path: Path) -> None:
    story = tmp_path / "s.txt"
    story.write_text("Volodymyr Kovalchuk, the deputy mayor, said the road near Tavildara was closed.\n",
                     encoding="utf-8")
    plain = CliRunner().invoke(main, ["extract", str(story), "--date", "2025-01-01"])
    explained = CliRunner().invoke(main, ["extract", str(story), "--date", "2025-01-01", "--explain"])
    assert plain.exit_code == explained.exit_code == 0
    assert json.loads(explained.stdout) == json.loads(plain.stdout)
    assert "Volodymyr Kovalchuk\tperson\tNER label ORG; for person: given name" in explained.stderr
