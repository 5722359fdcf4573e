"""``eventwire ingest --engine ray``: extract a JSONL corpus on a Ray cluster, then load it with one writer.

The job: Ray Data reads the input files as raw bytes and splits them into lines (``_lines``: split on
``\\n`` only, the way the local reader iterates a file, with line numbers); an actor pool
(``_Extractor``) parses each line with eventwire's own JSONL parser (``ingest.parse_jsonl_line``), skips
documents already done, and runs the one batch function (``pipeline.process_batch``, after
``pipeline.init_worker`` loaded the model and place index once per actor); the rows are written as
Parquet shards of one fixed schema (``shards.schema``); then ``shards.load`` upserts them into SQLite.

Why not ``ray.data.read_text``: it decodes a whole file as UTF-8 (one bad byte fails the file, where the
local reader falls back per line with a warning), splits with ``str.splitlines`` (a raw U+2028 or
U+0085 inside a JSON string cuts a story in two) and drops line numbers (the failures table wants them).
Reading bytes and splitting on ``\\n`` gives the local engine's lines exactly. Nor ``read_json``: it fails
a whole block on one bad line and retypes fields.

Why fractional CPUs: Ray Data's read task needs a CPU of its own; actors holding every CPU make it wait
forever without an error (ray-project/ray#44687), so the actors share what is left after one CPU.
Rules and figures: ``docs/cluster.md``.
"""

from __future__ import annotations

import dataclasses
import glob
import json
import logging
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import shards as shards_mod
from .defaults import DEFAULT_BATCH
from .errors import Failure, Input
from .ingest import RawStory, parse_jsonl_line
from .ingest.readers import kind_of
from .loader import IngestSummary, expected_producer
from .pipeline import Options, init_worker, prepare, process_batch

__all__ = ["actor_cpus", "ingest_ray", "input_files"]

_BOM = b"\xef\xbb\xbf"
_log = logging.getLogger("eventwire")


def input_files(paths: list[str]) -> list[str]:
    """The JSONL files to read: globs expanded, folders walked (``*.jsonl``, ``*.jsonl.gz``, sorted);
    a URI (``s3://…``) is passed to Ray as it is. A missing local path raises ``Input.MISSING_PATH_NAMED``."""
    files: list[str] = []
    for raw in paths:
        if "://" in raw:
            files.append(raw)
            continue
        matches = sorted(glob.glob(raw)) if glob.has_magic(raw) else [raw]
        if not matches or not all(os.path.exists(m) for m in matches):
            raise Input.MISSING_PATH_NAMED.error(path=raw)
        for m in matches:
            if os.path.isdir(m):
                for root, dirs, names in os.walk(m):
                    dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                    files.extend(str(Path(root, n)) for n in sorted(names)
                                 if not n.startswith(".") and kind_of(Path(n)) in ("jsonl", "jsonl.gz"))
            else:
                files.append(m)
    return files


def actor_cpus(total_cpus: float, actors: int) -> float:
    """CPUs per actor: what is left after one CPU for the read task, shared, at most 1 (0.5 for 2 actors
    on a 2-CPU machine)."""
    return max(0.1, min(1.0, (total_cpus - 1) / max(1, actors)))


def _lines(row: dict[str, Any], names: dict[str, str]) -> list[dict[str, Any]]:
    """A file's bytes → one row per non-blank line (path as the user gave it, line number, raw bytes);
    an empty or all-blank file → one row without bytes (it becomes that file's failure)."""
    data: bytes = row["bytes"]
    path = names.get(row["path"], row["path"])
    out: list[dict[str, Any]] = []
    lineno = 0
    for lineno, raw in enumerate(data.split(b"\n"), start=1):
        if lineno == 1:
            raw = raw.removeprefix(_BOM)
        if raw.strip():
            out.append({"path": path, "line": lineno, "raw": raw + b"\n"})
    if not out:
        out.append({"path": path, "line": 0 if not data else -1, "raw": None})
    return out


class _Extractor:
    """One actor: the model and place index loaded once, then ``process_batch`` on each batch of lines."""

    def __init__(self, options: Options, done: frozenset[str]) -> None:
        init_worker(options)
        self.options, self.done = options, done

    def __call__(self, batch: Any) -> Any:
        rows: list[shards_mod.ShardRow] = []
        todo: list[tuple[shards_mod.ShardRow, RawStory]] = []
        for item in batch.to_pylist():
            path, line, raw = item["path"], item["line"], item["raw"]
            if raw is None:
                fail = Input.EMPTY_FILE if line == 0 else Input.BLANK_LINES_FILE
                rows.append(shards_mod.ShardRow(path, None, failure=fail.failure(origin=path)))
                continue
            story = parse_jsonl_line(raw, f"{path}:{line}", line)
            if isinstance(story, Failure):
                rows.append(shards_mod.ShardRow(path, line, failure=story))
                continue
            doc_id = story.id
            if doc_id is None:   # the pipeline's own id, as the local loader computes it
                prep = prepare(dataclasses.replace(story), max_chars=self.options.max_chars)
                if isinstance(prep, Failure):
                    rows.append(shards_mod.ShardRow(path, line, failure=prep))
                    continue
                doc_id = prep.document.id
            if doc_id in self.done:
                continue
            row = shards_mod.ShardRow(path, line, doc_id)
            rows.append(row)
            todo.append((row, story))
        results = process_batch([s for _, s in todo], self.options) if todo else []
        for (row, _), result in zip(todo, results, strict=True):
            if isinstance(result, Failure):
                row.failure = result
            else:
                row.rec, row.doc_id = result, result.document.id
        return shards_mod.rows_table(rows)


def _done_ids(db: str | Path, shard_dir: Path, options: Options) -> frozenset[str]:
    """Documents a rerun skips: stored, or already in the shards, by the producer this run would be."""
    producer = dataclasses.asdict(expected_producer(options=options))
    keys = ("eventwire", "model", "gazetteer")

    def same(text: str | None) -> bool:
        stored = json.loads(text) if text else {}
        return all(stored.get(k) == producer.get(k) for k in keys)

    done: set[str] = set()
    if shard_dir.exists():
        done = {doc_id for doc_id, p in shards_mod.stored_ids(shard_dir).items() if same(p)}
    if Path(db).is_file():
        import sqlite3

        with sqlite3.connect(f"file:{Path(db).resolve()}?mode=ro", uri=True) as conn:
            done |= {i for i, p in conn.execute("SELECT id, producer FROM documents") if same(p)}
    return frozenset(done)


def ingest_ray(paths: list[str], db: str | Path, *, shards: str | Path | None = None, address: str | None = None,
               actors: int = 1, reprocess: bool = False, batch_size: int = DEFAULT_BATCH,
               progress: Callable[[IngestSummary], None] | None = None,
               max_chars: int | None = None) -> IngestSummary:
    """Extract ``paths`` with ``actors`` Ray actors into Parquet ``shards`` (default ``<db>.shards``), then
    load them into ``db``. Connects to ``address`` (``auto``, ``ray://head:10001``) or, when None and Ray
    is not started yet, starts a local Ray. Rerunning skips documents already in the shards or the store.

    Example::

        >>> s = ingest_ray(["corpus/*.jsonl.gz"], "news.db", address="auto", actors=32)
    """
    import ray

    started = time.perf_counter()
    shard_dir = Path(shards) if shards is not None else Path(f"{db}.shards")
    job = shard_dir
    files = input_files(paths)
    options = Options.build(batch_size=batch_size, max_chars=max_chars)
    done = frozenset() if reprocess else _done_ids(db, shard_dir, options)
    if not ray.is_initialized():
        ray.init(address=address, include_dashboard=False, log_to_driver=False,
                 configure_logging=True, logging_level=logging.WARNING)
    names = {os.path.abspath(f): f for f in files if "://" not in f}
    cpus = actor_cpus(float(ray.cluster_resources().get("CPU", 1.0)), actors)
    if files:
        ds = ray.data.read_binary_files(files, include_paths=True)
        ds = ds.flat_map(lambda row: _lines(row, names))
        # One file is one block; blocks of a batch each let every actor take a share of it.
        ds = ds.repartition(target_num_rows_per_block=max(1, batch_size))
        ds = ds.map_batches(_Extractor, fn_constructor_args=(options, done), batch_size=max(1, batch_size),
                            batch_format="pyarrow", compute=ray.data.ActorPoolStrategy(size=max(1, actors)),
                            num_cpus=cpus)
        job = shards_mod.job_folder(shard_dir)
        job.mkdir(parents=True, exist_ok=True)
        _log.info("ray: %d actors (%.2g CPU each) over %d file(s), %d documents already done", actors, cpus,
                  len(files), len(done))
        ds.write_parquet(str(job))
        _log.info("ray: shards written to %s in %.1f s; loading them into %s", job,
                  time.perf_counter() - started, db)
    # Every job's shards: a rerun also stores what an interrupted earlier load left (idempotent). With
    # --reprocess only this job's, so its records replace the stored ones.
    source = job if reprocess and files else shard_dir
    summary = shards_mod.load(source, db, reprocess=reprocess, batch_size=batch_size, progress=progress)
    summary.elapsed = time.perf_counter() - started
    return summary
