"""``eventwire ingest`` / ``eventwire.loader.ingest``: every story stored or filed, reruns skip, kills resume."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventwire import extract
from eventwire import loader as loader_mod
from eventwire.cli.ingest_command import ingest_command
from eventwire.loader import DUPLICATE_CODE, expected_producer, ingest
from eventwire.record import Producer
from eventwire.store import Store

CITIES = ["Paris", "Berlin", "Madrid", "Lisbon", "Vienna", "Warsaw", "Prague", "Dublin"]


def story(i: int, **extra: object) -> dict[str, object]:
    city = CITIES[i % len(CITIES)]
    text = (f"The trade minister visited {city} on Monday to sign agreement number {i}. "
            f"Officials said the talks in {city} would continue next week.")
    return {"id": f"s{i}", "text": text, "published": "2025-12-08", **extra}


def write_jsonl(path: Path, items: list[object]) -> Path:
    path.write_text("\n".join(i if isinstance(i, str) else json.dumps(i) for i in items) + "\n", encoding="utf-8")
    return path


def stored(db: Path) -> dict[str, dict[str, object]]:
    with Store(db) as store:
        return {doc_id: store.record(doc_id) for doc_id in store.ids()}


def failures(db: Path) -> list[dict[str, object]]:
    with Store(db) as store:
        return store.failures()


def test_ingest_stores_every_story_then_a_rerun_skips_them(tmp_path: Path) -> None:
    corpus = write_jsonl(tmp_path / "c.jsonl", [story(i) for i in range(5)])
    db = tmp_path / "news.db"
    first = ingest([corpus], db, batch_size=2)
    assert (first.stored, first.skipped, first.failed, first.seen) == (5, 0, 0, 5)
    assert set(stored(db)) == {f"s{i}" for i in range(5)}
    again = ingest([corpus], db, batch_size=2)
    assert (again.stored, again.skipped, again.failed) == (0, 5, 0)
    redo = ingest([corpus], db, batch_size=2, reprocess=True)
    assert (redo.stored, redo.skipped) == (5, 0)
    assert len(stored(db)) == 5


def test_ingest_redoes_stories_of_another_producer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = write_jsonl(tmp_path / "c.jsonl", [story(i) for i in range(3)])
    db = tmp_path / "news.db"
    ingest([corpus], db)
    monkeypatch.setattr(loader_mod, "expected_producer", lambda: Producer("0.0.1", "old model", "old gaz"))
    assert ingest([corpus], db).stored == 3


def test_expected_producer_is_the_one_the_pipeline_writes() -> None:
    rec = extract("The minister spoke in Paris on Monday.", published="2025-12-08")
    assert expected_producer() == rec.producer


def test_ingest_files_every_bad_input_and_stores_the_rest(tmp_path: Path) -> None:
    changed = dict(story(1), text="A different story: the mayor of Lyon resigned on Friday.")
    corpus = write_jsonl(tmp_path / "c.jsonl", [
        story(0), story(1), "{broken json", {"id": "empty", "text": "   "}, changed, story(2), story(2),
    ])
    db = tmp_path / "news.db"
    summary = ingest([corpus, tmp_path / "missing.jsonl"], db, batch_size=2)
    assert set(stored(db)) == {"s0", "s1", "s2"}
    assert stored(db)["s1"]["document"]["text"].startswith("The trade minister")   # the first is kept
    filed = {(Path(str(f["origin"])).name, f["line"], f["code"]) for f in failures(db)}
    assert filed == {("c.jsonl", 3, "EW-I05"), ("c.jsonl", 4, "EW-I06"), ("c.jsonl", 5, DUPLICATE_CODE),
                     ("missing.jsonl", None, "EW-I01")}
    assert (summary.stored, summary.failed, summary.repeated, summary.seen) == (3, 4, 1, 8)
    assert summary.by_code[DUPLICATE_CODE] == 1
    # A rerun meets the same bad inputs but does not file them twice.
    rerun = ingest([corpus, tmp_path / "missing.jsonl"], db, batch_size=2)
    assert (rerun.stored, rerun.skipped, rerun.failed) == (0, 3, 4)
    assert len(failures(db)) == 4


def test_ingest_skips_id_less_stories_on_a_rerun(tmp_path: Path) -> None:
    folder = tmp_path / "stories"
    folder.mkdir()
    (folder / "a.txt").write_text("date 2025-12-08\nThe minister arrived in Rome on Sunday.\n", encoding="utf-8")
    (folder / "b.txt").write_text("Farmers protested in Brussels on Tuesday.\n", encoding="utf-8")
    db = tmp_path / "news.db"
    assert ingest([folder], db).stored == 2
    again = ingest([folder], db)
    assert (again.stored, again.skipped) == (0, 2)


def test_ingest_with_two_workers_stores_the_same_records(tmp_path: Path) -> None:
    corpus = write_jsonl(tmp_path / "c.jsonl", [story(i) for i in range(9)] + ["[1]"])
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    ingest([corpus], one, batch_size=2)
    summary = ingest([corpus], two, workers=2, batch_size=2)
    assert (summary.stored, summary.failed) == (9, 1)
    assert stored(one) == stored(two)


def test_cli_ingest_reports_and_exits_1_when_inputs_failed(tmp_path: Path) -> None:
    corpus = write_jsonl(tmp_path / "c.jsonl", [story(0), "{broken"])
    result = CliRunner().invoke(ingest_command, [str(corpus), "--db", str(tmp_path / "news.db")])
    assert result.exit_code == 1
    assert "1 stored" in result.output and "EW-I05" in result.output
    again = CliRunner().invoke(ingest_command, [str(corpus), "--db", str(tmp_path / "news.db")])
    assert "0 stored, 1 skipped" in again.output


def test_cli_ingest_missing_db_folder_is_one_line(tmp_path: Path) -> None:
    corpus = write_jsonl(tmp_path / "c.jsonl", [story(0)])
    result = CliRunner().invoke(ingest_command, [str(corpus), "--db", str(tmp_path / "no" / "news.db")])
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0 and "does not exist" in result.output
    assert "Traceback" not in result.output


_KILLABLE = """
import sys
from eventwire.loader import ingest
ingest([sys.argv[1]], sys.argv[2], batch_size=4)
"""


def test_ingest_killed_mid_run_resumes_to_the_clean_result(tmp_path: Path) -> None:
    total = 40
    corpus = write_jsonl(tmp_path / "c.jsonl", [story(i) for i in range(total)])
    killed, clean = tmp_path / "killed.db", tmp_path / "clean.db"
    proc = subprocess.Popen([sys.executable, "-c", _KILLABLE, str(corpus), str(killed)])
    try:
        count = 0
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            count = _count(killed)
            if count >= 4:
                break
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait()
    assert 4 <= _count(killed) < total, "the run was not caught mid-way; make the corpus larger"
    with Store(killed) as st:  # the story events of what was committed are whole
        assert st.check_stories() == []
    resumed = ingest([corpus], killed, batch_size=4)
    assert resumed.skipped >= 4 and resumed.stored + resumed.skipped == total
    ingest([corpus], clean, batch_size=4)
    after_kill, reference = stored(killed), stored(clean)
    assert set(after_kill) == set(reference) == {f"s{i}" for i in range(total)}
    assert after_kill == reference
    with closing(sqlite3.connect(killed)) as conn:
        assert conn.execute("SELECT count(*), count(DISTINCT id) FROM documents").fetchone() == (total, total)
    groups = "SELECT group_concat(doc_id || '/' || event) FROM story_members GROUP BY story ORDER BY 1"
    with Store(killed) as st, Store(clean) as ref:
        assert st.check_stories() == []
        assert st.sql(groups) == ref.sql(groups)


def _count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with closing(sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True, timeout=1)) as conn:
            return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.Error:   # not created yet, or the schema is still being written
        return 0


def test_cli_ingest_prints_progress_lines_without_a_terminal(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    monkeypatch.setattr(importlib.import_module("eventwire.cli.ingest_command"), "PROGRESS_EVERY", 0.0)
    corpus = write_jsonl(tmp_path / "c.jsonl", [story(0), story(1)])
    result = CliRunner().invoke(ingest_command, [str(corpus), "--db", str(tmp_path / "news.db")])
    assert result.exit_code == 0
    lines = [line for line in result.output.splitlines() if line.startswith("eventwire ingest: ") and "/2 inp" in line]
    assert lines and "2/2 inputs, 2 stored" in lines[-1]


def test_building_the_place_index_is_announced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               caplog: pytest.LogCaptureFixture) -> None:
    from eventwire import gazetteer

    monkeypatch.setenv("EVENTWIRE_CACHE", str(tmp_path))
    monkeypatch.setattr(gazetteer, "PREBUILT", tmp_path / "none.xz")  # stale or missing shipped index: a build
    monkeypatch.setattr(gazetteer, "build_index", lambda: {"version": gazetteer.index_version()})
    with caplog.at_level("INFO", logger="eventwire"):
        gazetteer.load_index()
    assert any("building the place index" in r.getMessage() for r in caplog.records)
    caplog.clear()
    with caplog.at_level("INFO", logger="eventwire"):
        gazetteer.load_index()  # cached now: nothing to say
    assert not caplog.records
