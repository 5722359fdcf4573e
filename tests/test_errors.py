"""The error table: defined once, documented exactly, used everywhere, and raising what it says."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest
from click.testing import CliRunner

import eventwire
from eventwire.cli import main
from eventwire.errors import (
    CODES,
    GROUPS,
    Code,
    EventwireError,
    Failure,
    Input,
    InputError,
    Message,
    Store,
    StoreError,
    Warn,
    exit_status,
)

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "eventwire"
DOC_ROW = re.compile(r"^\| (EW-[0-9A-Z]+) \| (.+) \| (.+) \| (\d+|—) \|$")


def _table_codes() -> list[tuple[str, Code]]:
    return [(group.title, v) for group in GROUPS for v in vars(group).values() if isinstance(v, Code)]


def _messages() -> list[tuple[str, Message]]:
    return [(name, v) for group in GROUPS for name, v in vars(group).items() if isinstance(v, Message)]


def _documented() -> list[tuple[str, str, str, str]]:
    """``(section title, code, meaning, exit)`` for every code row of docs/errors.md's code tables."""
    rows, section = [], ""
    for line in (ROOT / "docs" / "errors.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            section = line[3:]
        elif m := DOC_ROW.match(line):
            rows.append((section, m[1], m[2].replace("\\|", "|"), m[4]))
    return rows


def test_errors_doc_lists_exactly_the_table_in_its_groups() -> None:
    documented = _documented()
    expected = [(title, c.code, c.meaning, "—" if c.kind is None else str(c.exit)) for title, c in _table_codes()]
    assert [(s, c) for s, c, _, _ in documented] == [(s, c) for s, c, _, _ in expected]
    assert documented == expected


def test_errors_every_code_is_unique_and_means_one_thing() -> None:
    codes = [c for _, c in _table_codes()]
    assert len({c.code for c in codes}) == len(codes) == len(CODES)
    assert len({c.meaning for c in codes}) == len(codes)
    assert all(re.fullmatch(r"EW-(000|[IRMSDEXBWPV]\d\d)", c.code) for c in codes)
    # a group's codes carry its letter, and warnings raise nothing
    for title, c in _table_codes():
        assert (c.kind is None) == c.code.startswith("EW-W"), c.code
        assert c.code == "EW-000" or f"EW-{c.code[3]}" in title, (c.code, title)


def test_errors_every_message_belongs_to_a_table_code_and_formats() -> None:
    for name, message in _messages():
        assert CODES[message.code] is message.entry, name
        fields = {f for _, f, _, _ in string.Formatter().parse(message.template) if f}
        text = message.text(**{f: 7 for f in fields})
        assert "\n" not in text and "{" not in text.replace('{"text"', ""), name


def _string_constants(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)]


def test_errors_no_code_literal_outside_the_table() -> None:
    found = []
    for path in sorted(SRC.rglob("*.py")):
        if path.parent.name == "errors" and path.parent.parent == SRC:
            continue
        for lineno, value in _string_constants(path):
            if re.search(r"\bEW-[0-9A-Z]{3}\b", value):
                found.append(f"{path.relative_to(ROOT)}:{lineno}: {value[:60]!r}")
    assert found == []


def test_errors_raising_through_the_table_gives_code_and_message() -> None:
    with pytest.raises(StoreError) as caught:
        raise Store.BAD_DATE.error(name="since", value="last week")
    assert caught.value.code == "EW-S11"
    assert str(caught.value) == "EW-S11: --since 'last week' is not a date: use YYYY, YYYY-MM or YYYY-MM-DD"
    assert isinstance(caught.value, EventwireError) and exit_status(caught.value) == 1
    assert exit_status(Input.MISSING_PATH.error()) == 1
    assert exit_status(Store.NOT_A_STORE.error(path="x", error="y")) == 2
    with pytest.raises(TypeError):
        Warn.UNDATED_TIMES.error()


def test_errors_failure_and_warning_through_the_table() -> None:
    failure = Input.NOT_JSON.failure(origin="a.jsonl:3", line=3, error="Expecting value", at=" at column 1")
    assert failure == Failure(origin="a.jsonl:3", reason="not valid JSON (Expecting value at column 1); each line "
                              "must be one JSON object", code="EW-I05", line=3)
    assert Warn.LONG_STORY.warning(chars=120000, chunks=3) == (
        "EW-W30", "long story (120,000 characters): parsed in 3 paragraph-sized chunks")


def test_errors_one_failure_type_everywhere() -> None:
    from eventwire import ingest, pipeline

    assert eventwire.Failure is pipeline.Failure is ingest.Failure is Failure
    assert not hasattr(ingest, "ReadFailure")


def test_errors_store_error_is_one_class_in_the_tree() -> None:
    import eventwire.store

    assert eventwire.store.StoreError is StoreError and issubclass(StoreError, EventwireError)


def test_errors_pipeline_split_codes() -> None:
    from eventwire.pipeline import _as_raw, _prepare

    outcomes = [_as_raw({"id": "x"}), _as_raw(42), _prepare("Advertisement\n", True, None)]  # type: ignore[arg-type]
    assert [(type(o).__name__, getattr(o, "code", None)) for o in outcomes] == [
        ("Failure", "EW-I06"), ("Failure", "EW-I14"), ("Failure", "EW-I12")]
    with pytest.raises(InputError) as caught:
        eventwire.extract("Officials met.", published="not a date")
    assert caught.value.code == "EW-I15"


def test_errors_cli_maps_codes_to_exit_status_in_one_line(tmp_path: Path) -> None:
    runner = CliRunner()
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not sqlite " * 200)
    opened = runner.invoke(main, ["statements", "--db", str(junk)])
    assert opened.exit_code == 2 and opened.output.startswith("Error: EW-S03: ")
    empty = tmp_path / "empty"
    empty.mkdir()
    bad_gold = runner.invoke(main, ["eval", "times", str(empty)])
    assert bad_gold.exit_code == 1 and bad_gold.output.strip() == f"Error: EW-I23: {empty}: no .tml files found"
    for result in (opened, bad_gold):
        assert len(result.output.strip().splitlines()) == 1 and "Traceback" not in result.output
