"""Record shards and ``eventwire load``: one fixed schema, failures as rows, each document stored once."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from click.testing import CliRunner

from eventwire import extract_many, shards
from eventwire.cli import main
from eventwire.errors import Failure, Input
from eventwire.store import Store

STORIES = [
    {"id": "w1", "text": "The trade minister visited Vienna on Monday to sign a grain agreement.",
     "published": "2025-12-08"},
    {"id": "w2", "text": "Police arrested two protesters in Lisbon on Tuesday, officials said.",
     "published": "2025-12-09"},
]


def _rows() -> list[shards.ShardRow]:
    recs = [r for r in extract_many(STORIES) if not isinstance(r, Failure)]
    rows = [shards.ShardRow("in.jsonl", i + 1, r.document.id, rec=r) for i, r in enumerate(recs)]
    bad = Input.NOT_JSON.failure(origin="in.jsonl:3", line=3, error="Expecting value", at="")
    return [*rows, shards.ShardRow("in.jsonl", 3, failure=bad)]


def test_shards_have_one_fixed_schema_and_a_failure_is_a_row(tmp_path: Path) -> None:
    table = shards.rows_table(_rows())
    assert table.schema == shards.schema() == shards.rows_table([]).schema
    bad = table.to_pylist()[2]
    assert bad["record"] is None and bad["error"]["code"] == "EW-I05" and bad["line"] == 3
    good = table.to_pylist()[0]
    assert json.loads(good["record"])["document"]["id"] == "w1" and good["error"] is None


def test_load_stores_each_document_once_from_duplicated_shards(tmp_path: Path) -> None:
    folder = tmp_path / "shards"
    folder.mkdir()
    table = shards.rows_table(_rows())
    pq.write_table(table, folder / "a.parquet")
    pq.write_table(table, folder / "b.parquet")          # at-least-once: the same rows delivered twice
    db = tmp_path / "news.db"
    first = shards.load(folder, db)
    assert (first.stored, first.repeated, first.failed) == (2, 3, 1)
    with Store(db) as store:
        assert store.ids() == {"w1", "w2"}
        assert len(store.failures()) == 1                   # the bad line filed once
        recs = {i: store.record(i) for i in store.ids()}
        events = store.sql("SELECT count(*) AS n FROM story_members")[0]["n"]
    again = shards.load(folder, db)                           # a rerun changes nothing
    assert (again.stored, again.skipped) == (0, 2)
    with Store(db) as store:
        assert {i: store.record(i) for i in store.ids()} == recs
        assert len(store.failures()) == 1
        assert store.sql("SELECT count(*) AS n FROM story_members")[0]["n"] == events


def test_load_command_reports_and_exits_1_on_failed_rows(tmp_path: Path) -> None:
    pq.write_table(shards.rows_table(_rows()), tmp_path / "s.parquet")
    result = CliRunner().invoke(main, ["load", str(tmp_path / "s.parquet"), "--db", str(tmp_path / "n.db")])
    assert result.exit_code == 1, result.output
    assert "2 stored" in result.output and "EW-I05" in result.output


def test_load_prefers_the_newest_job_for_one_input_line(tmp_path: Path) -> None:
    rows = _rows()[:1]
    old = shards.rows_table(rows).to_pylist()
    for r in old:                                     # the same line, extracted by an older eventwire
        rec = json.loads(r["record"])
        rec["producer"]["eventwire"] = "0.0.1"
        r["record"], r["producer"] = json.dumps(rec), json.dumps(rec["producer"], sort_keys=True)
    first, second = tmp_path / "s" / "job-20250101T000000Z", tmp_path / "s" / "job-20260101T000000Z"
    first.mkdir(parents=True)
    second.mkdir()
    pq.write_table(pa.Table.from_pylist(old, schema=shards.schema()), first / "x.parquet")
    pq.write_table(shards.rows_table(rows), second / "y.parquet")
    db = tmp_path / "n.db"
    summary = shards.load(tmp_path / "s", db)
    assert (summary.stored, summary.repeated) == (1, 1)
    with Store(db) as store:
        assert store.record("w1")["producer"]["eventwire"] != "0.0.1"
