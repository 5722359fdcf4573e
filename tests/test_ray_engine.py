"""``ingest --engine ray`` on a local Ray with 2 CPUs: the same records as the local engine, a failing story
as a row, duplicated shards loaded once, a rerun that skips what is done. Skipped without the extra."""

from __future__ import annotations

import gzip
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from eventwire import shards
from eventwire.engines import ingest
from eventwire.ray_engine import actor_cpus, input_files

ray = pytest.importorskip("ray", reason="the [ray] extra is not installed (pip install -e '.[ray]')")

LINES = [
    json.dumps({"id": "r1", "text": "The trade minister visited Vienna on Monday to sign a grain agreement. "
                "“We agreed on prices,” the minister said.", "published": "2025-12-08"}),
    json.dumps({"id": "r2", "text": "Police arrested two protesters in Lisbon on Tuesday, officials said.",
                "published": "2025-12-09"}),
    "{not json",
    json.dumps({"text": "Rebels fired 12 shells at the town of Kassala on Wednesday, the army said.",
                "published": "2025-12-10"}),                                            # no id: the pipeline's
    json.dumps({"id": "r4", "text": "   "}),                                            # empty text: a failure
    json.dumps({"id": "r5", "text": "Der Minister besuchte am Montag Wien, um ein Abkommen zu unterzeichnen."}),
]


@pytest.fixture(scope="module")
def local_ray() -> Iterator[None]:
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    yield
    ray.shutdown()


def _records(db: Path) -> dict[str, dict[str, object]]:
    out = {}
    with sqlite3.connect(db) as conn:
        for doc_id, rec in conn.execute("SELECT id, record FROM documents"):
            data = json.loads(rec)
            data.pop("producer")
            out[doc_id] = data
    return out


def _failures(db: Path) -> list[tuple[str, int | None, str]]:
    with sqlite3.connect(db) as conn:
        return sorted(conn.execute("SELECT origin, line, code FROM failures"))


@pytest.fixture(scope="module")
def runs(local_ray: None, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("ray")
    corpus = folder / "in"                                  # a folder of a .jsonl and a .jsonl.gz file
    corpus.mkdir()
    (corpus / "c.jsonl").write_text("\n".join(LINES[:4]) + "\n", encoding="utf-8")
    (corpus / "d.jsonl.gz").write_bytes(gzip.compress(("\n".join(LINES[4:]) + "\n").encode("utf-8")))
    ingest([corpus], folder / "local.db", batch_size=2)
    summary = ingest([corpus], folder / "ray.db", workers=2, batch_size=2, engine="ray")
    assert (summary.stored, summary.failed) == (4, 2)
    return {"corpus": corpus, "local": folder / "local.db", "ray": folder / "ray.db",
            "shards": folder / "ray.db.shards"}


def test_ray_records_equal_local_records(runs: dict[str, Path]) -> None:
    ray_recs, local_recs = _records(runs["ray"]), _records(runs["local"])
    assert len(ray_recs) == 4 and ray_recs == local_recs
    assert _failures(runs["ray"]) == _failures(runs["local"])
    assert [c for *_, c in _failures(runs["ray"])] == ["EW-I05", "EW-I06"]


def test_ray_shards_hold_one_row_per_input_story_failures_included(runs: dict[str, Path]) -> None:
    rows = [r for f in shards.shard_files(runs["shards"]) for r in pq.read_table(f).to_pylist()]
    assert len(rows) == 6
    assert sum(r["error"] is not None for r in rows) == 2
    assert all(set(r) == set(shards.COLUMNS) for r in rows)


def test_ray_rerun_skips_done_documents_and_extracts_a_new_one(runs: dict[str, Path], tmp_path: Path) -> None:
    before = len(shards.shard_files(runs["shards"]))
    again = ingest([runs["corpus"]], runs["ray"], workers=2, batch_size=2, engine="ray")
    assert again.stored == 0 and again.skipped == 4          # nothing new extracted, nothing restored
    new = shards.shard_files(runs["shards"])[before:] if len(shards.shard_files(runs["shards"])) > before else []
    extracted = sum(pq.read_table(f).num_rows - pq.read_table(f)["record"].null_count for f in new)
    assert extracted == 0                                      # the two failing lines are retried; no record


def test_actor_cpus_leave_one_cpu_for_the_reader() -> None:
    assert actor_cpus(2, 2) == 0.5
    assert actor_cpus(64, 32) == 1.0


def test_input_files_expand_globs_and_folders(tmp_path: Path) -> None:
    for name in ("b.jsonl", "a.jsonl.gz", "notes.txt"):
        (tmp_path / name).write_text("{}\n")
    assert input_files([str(tmp_path)]) == [str(tmp_path / "a.jsonl.gz"), str(tmp_path / "b.jsonl")]
    assert input_files([str(tmp_path / "*.jsonl")]) == [str(tmp_path / "b.jsonl")]
