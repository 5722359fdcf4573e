"""Record shards: what a cluster job writes (Parquet, one fixed schema) and the one writer that loads them.

Why shards and one writer: SQLite has one writer at a time, so a cluster's actors never touch the store;
each writes Parquet files of rows — one per input story — and ``load`` upserts them into the store,
through the same bookkeeping as a local ``ingest`` (``loader.Run``: ``Store.add``, so identities,
syndicated copies and story-event clustering run as they do locally; failures filed in the same table).

Why one fixed Arrow schema: every shard has the same columns and types whatever its rows hold (all
failures, no rows), so DuckDB or pyarrow read a folder of shards as one table. A story that fails is a row
with ``error`` set and ``record`` null — never a dropped block.

Why ``load`` is idempotent: Ray delivers at least once (a restarted actor redoes its batch), so the same
story may be in two shards. A row whose document id is already stored by the same producer, or already
met in this load, is skipped; a failure already filed (same path, line, code) is not filed again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import record
from .defaults import DEFAULT_BATCH
from .errors import Failure, Input
from .loader import DUPLICATE_CODE, IngestSummary, Run, expected_producer, open_store

__all__ = ["Row", "ShardRow", "job_folder", "load", "rows_table", "schema", "shard_files", "stored_ids"]

#: Columns of a shard, in order.
COLUMNS = ("doc_id", "path", "line", "producer", "record", "error")


def schema() -> Any:
    """The one Arrow schema of every shard (``error`` is a struct of the failure's code and reason)."""
    import pyarrow as pa

    error = pa.struct([("code", pa.string()), ("reason", pa.string())])
    return pa.schema([pa.field("doc_id", pa.string()), pa.field("path", pa.string()), pa.field("line", pa.int64()),
                      pa.field("producer", pa.string()), pa.field("record", pa.string()),
                      pa.field("error", error)])


@dataclass(slots=True)
class ShardRow:
    """One input story's outcome: its record, or its failure (``code``, ``reason``)."""

    path: str
    line: int | None
    doc_id: str | None = None
    rec: record.Record | None = None
    failure: Failure | None = None


Row = dict[str, Any]


def rows_table(rows: Iterable[ShardRow]) -> Any:
    """A ``pyarrow.Table`` of ``rows`` in the shard schema (an empty table when there are none)."""
    import pyarrow as pa

    cols: dict[str, list[Any]] = {name: [] for name in COLUMNS}
    for r in rows:
        data = r.rec.to_dict() if r.rec is not None else None
        cols["doc_id"].append(r.doc_id)
        cols["path"].append(r.path)
        cols["line"].append(r.line)
        cols["producer"].append(json.dumps(data["producer"], sort_keys=True) if data else None)
        cols["record"].append(json.dumps(data, ensure_ascii=False) if data else None)
        cols["error"].append({"code": r.failure.code, "reason": r.failure.reason} if r.failure else None)
    return pa.Table.from_pydict(cols, schema=schema())


def shard_files(shards: str | Path) -> list[Path]:
    """The Parquet files of a shard folder (or the one file given), sorted by name."""
    path = Path(shards)
    if path.is_file():
        return [path]
    return sorted(p for p in path.rglob("*.parquet") if not p.name.startswith("."))


def _rows(shards: str | Path) -> Iterator[Row]:
    """Every row of every shard, in input order (path, then line) — the order a local ingest stores
    them in, so incremental story-event clustering meets the documents in the same order. One input
    line written by several jobs (a rerun after an upgrade, ``--reprocess``) comes newest job first
    (jobs write to folders named by their start time, ``job_folder``), so its newest record wins."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    files = shard_files(shards)
    if not files:
        return
    tables = []
    for f in files:
        table = pq.read_table(f, schema=schema())
        tables.append(table.append_column("job", pa.array([f.parent.name] * table.num_rows, pa.string())))
    table = pa.concat_tables(tables).sort_by([("path", "ascending"), ("line", "ascending"), ("job", "descending")])
    for batch in table.to_batches(max_chunksize=1000):
        yield from batch.to_pylist()


def job_folder(shards: str | Path) -> Path:
    """A new job's folder inside the shard folder, named so that later jobs sort after earlier ones."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    return Path(shards) / f"job-{stamp}"


def stored_ids(shards: str | Path) -> dict[str, str]:
    """Document id → producer JSON of every record already in the shards (what a rerun skips)."""
    import pyarrow.parquet as pq

    found: dict[str, str] = {}
    for f in shard_files(shards):
        table = pq.read_table(f, columns=["doc_id", "producer"], schema=schema())   # no record text read
        for doc_id, producer in zip(table["doc_id"].to_pylist(), table["producer"].to_pylist(), strict=True):
            if doc_id is not None and producer is not None:     # a failure row has no producer
                found[doc_id] = producer
    return found


def load(shards: str | Path, db: str | Path, reprocess: bool = False, batch_size: int = DEFAULT_BATCH,
         progress: Callable[[IngestSummary], None] | None = None) -> IngestSummary:
    """Upsert every row of ``shards`` into the store ``db``; return what happened.

    Idempotent: loading the same shards twice, or shards holding the same story twice, stores each
    document once (by id and producer). ``reprocess=True`` replaces documents already stored.

    Example::

        >>> s = load("news.db.shards", "news.db")
        >>> s.stored, s.skipped, s.failed
    """
    started = time.perf_counter()
    summary = IngestSummary()
    store = open_store(db)
    run = Run(store, summary, expected_producer(), reprocess, batch_size, progress, started)
    filed: set[tuple[str, int | None, str]] = set()   # failures met in this load (few; not yet committed)
    try:
        for row in _rows(shards):
            _file(run, row, filed)
        run.flush()
    finally:
        run.close()
        store.close()
        summary.elapsed = time.perf_counter() - started
    return summary


def _file(run: Run, row: Row, filed: set[tuple[str, int | None, str]]) -> None:
    path, line = row["path"], row["line"]
    error = row["error"]
    if error is not None:
        if (path, line, error["code"]) in filed:   # the same failing row delivered twice
            run.summary.seen += 1
            run.summary.repeated += 1
            return
        filed.add((path, line, error["code"]))
        run.fail(path, line, error["reason"], error["code"])
        return
    doc_id = row["doc_id"]
    where = f"{path}:{line}" if line is not None else path
    producer = json.loads(row["producer"])
    fingerprint = hashlib.sha256(row["record"].encode("utf-8")).hexdigest()
    first = run.seen.first(doc_id)
    if first is not None:
        if first[0] != fingerprint and first[1] != where:  # one id, two different stories: keep the first
            run.fail(path, line, Input.DUPLICATE_ID.text(id=doc_id, first=first[1]), DUPLICATE_CODE)
            return
        run.summary.seen += 1
        run.summary.repeated += 1              # delivered twice (at-least-once), or an identical repeat
        return
    run.seen.add(doc_id, fingerprint, where)
    if not run.reprocess and run.store.has(doc_id, producer):
        run.summary.seen += 1
        run.summary.skipped += 1
        return
    run.store_record(json.loads(row["record"]), where)
