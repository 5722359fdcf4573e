"""Load a corpus into a SQLite store: resumable, idempotent, streaming (``eventwire ingest``).

A corpus of any size goes through the same engine as ``eventwire extract`` (``read_paths`` then
``pipeline.process_batch``), but what comes out is written to a ``Store`` in one transaction per batch, so:

* a rerun skips every story whose ``document.id`` is already stored by the same producer
  (eventwire version, model, gazetteer) — it is checked *before* extraction, which is the
  expensive part; ``reprocess=True`` or a new producer extracts again;
* a kill at any moment (even SIGKILL) loses at most the batch not yet committed, and the rerun
  completes the corpus with the same records as a clean run;
* memory stays flat: stories are streamed, at most a few batches are in flight, and the ids seen
  in this run live in a temporary on-disk SQLite table, not in a Python set;
* every input ends stored, skipped (already stored, or an identical repeat) or in the store's
  failures table with its path, line, reason and code — nothing aborts the run.

Example::

    >>> from eventwire.loader import ingest
    >>> summary = ingest(["stories.jsonl"], "news.db", workers=2)
    >>> summary.stored, summary.skipped, summary.failed

Rules and figures: ``docs/ingest.md``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import re
import sqlite3
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from . import nlp as nlp_mod
from . import record
from .defaults import DEFAULT_BATCH
from .errors import Destination, Failure, Input
from .ingest import RawStory, read_paths
from .pipeline import Options, make_producer, prepare, run_batches

DUPLICATE_CODE = Input.DUPLICATE_ID.code   # a repeated id whose story differs from the first one (the first is kept)
_LINE_SUFFIX = re.compile(r"^(.*):(\d+)$")


class StoreLike(Protocol):
    """The part of ``eventwire.store.Store`` the loader writes through."""

    def add(self, rec: record.Record, *, origin: str | None = None) -> Any: ...
    def add_failure(self, origin: str, line: int | None, reason: str, code: str) -> Any: ...
    def has(self, doc_id: str, producer: Any = None) -> bool: ...
    def has_failure(self, origin: str, line: int | None, code: str) -> bool: ...
    def transaction(self) -> Any: ...
    def close(self) -> None: ...


@dataclass(slots=True)
class IngestSummary:
    """What one ``ingest`` run did; ``seen`` counts stories and unreadable inputs alike."""

    seen: int = 0
    stored: int = 0
    skipped: int = 0          # already in the store with the same producer
    repeated: int = 0         # identical repeats of a story earlier in the same input
    failed: int = 0
    by_code: Counter[str] = field(default_factory=Counter)
    reasons: dict[str, str] = field(default_factory=dict)   # code -> first reason seen, for the summary
    elapsed: float = 0.0
    total: int | None = None  # an estimate of ``seen`` at the end, when it is cheap to know

    @property
    def rate(self) -> float:
        """Inputs handled per second (skips included)."""
        return self.seen / self.elapsed if self.elapsed > 0 else 0.0

    @property
    def extracted_rate(self) -> float:
        """Stories extracted (stored or failed in extraction) per second: the pipeline's own speed."""
        return self.stored / self.elapsed if self.elapsed > 0 else 0.0


@dataclass(slots=True)
class _Pending:
    """A story on its way through extraction, with what is needed to file its outcome."""

    story: RawStory
    doc_id: str
    path: str
    line: int | None


def ingest(paths: Iterable[str | Path], db: str | Path, workers: int = 1, reprocess: bool = False,
           batch_size: int = DEFAULT_BATCH, progress: Callable[[IngestSummary], None] | None = None,
           max_chars: int | None = None) -> IngestSummary:
    """Extract every story under ``paths`` into the SQLite store ``db``; return what happened.

    ``workers`` worker processes each load the model once; ``batch_size`` stories form one
    extraction batch and one transaction. ``progress`` is called with the running summary after
    every input (the CLI draws its bar from it). Raises ``InputError`` only when the store itself
    cannot be opened; bad inputs never raise, they are filed as failures. ``max_chars`` cuts longer
    stories as ``extract_many`` does (default: never).

    Example::

        >>> s = ingest(["corpus/"], "news.db", batch_size=16)
        >>> print(s.stored, s.skipped, dict(s.by_code))

    On a Ray cluster: ``eventwire.engines.ingest(..., engine="ray")`` (``docs/cluster.md``).
    """
    started = time.perf_counter()
    names = [str(p) for p in paths]
    summary = IngestSummary(total=estimate_total(names) if progress else None)
    store = open_store(db)
    producer = expected_producer()
    run = Run(store, summary, producer, reprocess, batch_size, progress, started)
    run.max_chars = max_chars
    try:
        for pending, result in _extract(run.candidates(names), workers, batch_size, max_chars):
            run.file_result(pending, result)
        run.flush()
    except BaseException:
        # Interrupted (Ctrl-C) or a broken store: what is buffered is whole records, so keep them.
        with contextlib.suppress(Exception):
            run.flush()
        raise
    finally:
        run.close()
        store.close()
        summary.elapsed = time.perf_counter() - started
    return summary


def expected_producer(model: str = nlp_mod.DEFAULT_MODEL, options: Options | None = None) -> record.Producer:
    """The producer the pipeline will write, built without loading the model in this process.

    It must equal ``process_batch``'s (a test checks it): both come from ``pipeline.make_producer``;
    the model label here is read from the installed package's ``meta.json`` — the same fields
    ``nlp_mod.model_label`` reads from ``nlp.meta`` — and the stages are the same names.
    """
    options = options or Options.build(model=model)
    return make_producer(_model_label(options.model), options.stages)


def _model_label(model: str) -> str:
    try:
        import spacy.util

        meta = json.loads((spacy.util.get_package_path(model) / "meta.json").read_text(encoding="utf-8"))
        return f"{meta.get('lang', 'en')}_{meta.get('name', '?')} {meta.get('version', '?')}"
    except Exception:   # not an installed package (a path, say): load it to ask
        return nlp_mod.model_label(nlp_mod.load(model))


def estimate_total(paths: Iterable[str]) -> int | None:
    """How many inputs ``read_paths`` will yield, counted cheaply (JSONL lines, other files);
    ``None`` when that would cost a real pass (stdin, gzip) — the bar then shows a spinner."""
    from .ingest.readers import kind_of

    total = 0
    for raw in paths:
        if raw == "-":
            return None
        path = Path(raw)
        if path.is_dir():
            files: list[Path] = []
            for root, dirs, names in os.walk(path):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                files.extend(Path(root, n) for n in names if not n.startswith(".") and kind_of(Path(n)))
        else:
            files = [path] if path.is_file() else []
        for f in files:
            kind = kind_of(f) or "txt"
            if kind == "jsonl.gz":
                return None
            total += _count_lines(f) if kind == "jsonl" else 1
        if not files:
            total += 1   # a missing path or empty folder is one failure
    return total


def _count_lines(path: Path) -> int:
    count = 0
    try:
        with path.open("rb") as fh:
            while chunk := fh.read(1 << 20):
                count += chunk.count(b"\n")
            if chunk and not chunk.endswith(b"\n"):
                count += 1
    except OSError:
        return 1
    return count


def open_store(db: str | Path) -> StoreLike:
    """Open the store, turning a wrong path into a one-line error instead of a sqlite traceback."""
    path = Path(db)
    if path.is_dir():
        raise Destination.DB_IS_FOLDER.error(path=path, example=path / "eventwire.db")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise Destination.DB_FOLDER_MISSING.error(path=path, parent=parent)
    from .store import Store

    try:
        return Store(path)
    except sqlite3.Error as exc:   # the store turns most of these into StoreError (an EventwireError) itself
        raise Destination.DB_UNOPENABLE.error(path=path, error=exc) from None


def _split_origin(origin: str, line: int | None = None) -> tuple[str, int | None]:
    """``('a.jsonl', 12)`` from ``'a.jsonl:12'`` (JSONL stories carry their line in the origin)."""
    m = _LINE_SUFFIX.match(origin)
    if m and (line is None or int(m.group(2)) == line):
        return m.group(1), int(m.group(2))
    return origin, line


def _fingerprint(story: RawStory) -> str:
    """What makes two stories with one id "the same story": text and metadata as read."""
    parts = (story.text, story.title, story.source, story.url,
             story.published.isoformat() if story.published else None, story.published_at)
    return hashlib.sha256(json.dumps(parts).encode("utf-8")).hexdigest()


class _SeenIds:
    """Ids met in this run, with the first story's fingerprint and origin, in a temporary on-disk
    SQLite table: a set would grow with the corpus, this stays flat (SQLite pages spill to disk)."""

    def __init__(self) -> None:
        self._db = sqlite3.connect("")   # "" = a private temporary file, deleted on close
        self._db.execute("CREATE TABLE seen (id TEXT PRIMARY KEY, fp TEXT, origin TEXT)")

    def first(self, doc_id: str) -> tuple[str, str] | None:
        row = self._db.execute("SELECT fp, origin FROM seen WHERE id = ?", (doc_id,)).fetchone()
        return None if row is None else (row[0], row[1])

    def add(self, doc_id: str, fp: str, origin: str) -> None:
        self._db.execute("INSERT OR IGNORE INTO seen VALUES (?, ?, ?)", (doc_id, fp, origin))

    def close(self) -> None:
        self._db.close()


class Run:
    """The bookkeeping of one run: filters stories before extraction, files every outcome, and
    commits writes in batches of ``batch_size`` (one transaction each). ``shards.load`` files the
    rows of a Ray job through it too, so both engines store and fail stories alike."""

    def __init__(self, store: StoreLike, summary: IngestSummary, producer: record.Producer, reprocess: bool,
                 batch_size: int, progress: Callable[[IngestSummary], None] | None, started: float) -> None:
        self.store, self.summary, self.producer, self.reprocess = store, summary, producer, reprocess
        self.batch_size = max(1, batch_size)
        self.max_chars: int | None = None      # the same cut as the pipeline's, for id-less stories' ids
        self.progress, self.started = progress, started
        self.seen = _SeenIds()
        self.buffer: list[tuple[str, tuple[Any, ...]]] = []

    # --- before extraction -------------------------------------------------------------------

    def candidates(self, paths: list[str]) -> Iterator[_Pending]:
        """Stories that need extraction; everything else is filed here and never reaches a worker."""
        for item in read_paths(paths):
            if isinstance(item, Failure):
                path, line = _split_origin(item.origin, item.line)
                self.fail(path, line, item.reason, item.code)
                continue
            path, line = _split_origin(item.origin)
            doc_id = item.id
            if doc_id is None:
                # Id-less stories get the pipeline's own id (hash of cleaned text + date), computed the
                # pipeline's way — cleaning is cheap next to parsing — so they too are skipped on a rerun.
                prep = prepare(dataclasses.replace(item), max_chars=self.max_chars)
                if isinstance(prep, Failure):
                    self.fail(path, line, prep.reason, prep.code)
                    continue
                doc_id = prep.document.id
            if self.claim(doc_id, item, path, line):
                yield _Pending(item, doc_id, path, line)

    def claim(self, doc_id: str, story: RawStory, path: str, line: int | None) -> bool:
        """True when this story should be extracted; repeats and stored ids are filed instead."""
        where = f"{path}:{line}" if line is not None else path
        first = self.seen.first(doc_id)
        if first is not None:
            fp, origin = first
            if fp == _fingerprint(story):
                self.summary.seen += 1
                self.summary.repeated += 1
                self._tick()
            else:
                self.fail(path, line, Input.DUPLICATE_ID.text(id=doc_id, first=origin), DUPLICATE_CODE)
            return False
        self.seen.add(doc_id, _fingerprint(story), where)
        if not self.reprocess and self.store.has(doc_id, self.producer):
            self.summary.seen += 1
            self.summary.skipped += 1
            self._tick()
            return False
        return True

    # --- after extraction --------------------------------------------------------------------

    def file_result(self, pending: _Pending, result: record.Record | Failure) -> None:
        if isinstance(result, Failure):
            self.fail(pending.path, pending.line, result.reason, result.code)
            return
        if result.document.id != pending.doc_id:   # safety net: the id we predicted was not the pipeline's
            other = self.seen.first(result.document.id)
            if other is not None or (not self.reprocess and self.store.has(result.document.id, self.producer)):
                self.summary.seen += 1
                self.summary.skipped += 1
                self._tick()
                return
            self.seen.add(result.document.id, _fingerprint(pending.story), pending.path)
        self.store_record(result, f"{pending.path}:{pending.line}" if pending.line is not None else pending.path)

    def store_record(self, rec: record.Record | dict[str, Any], where: str) -> None:
        """Store one extracted record (``Store.add``: its rows, identities, copies, story events)."""
        self.summary.seen += 1
        self.summary.stored += 1
        self._write("add", (rec, where))

    def fail(self, path: str, line: int | None, reason: str, code: str) -> None:
        self.summary.seen += 1
        self.summary.failed += 1
        self.summary.by_code[code] += 1
        self.summary.reasons.setdefault(code, reason)
        if self._logged(path, line, code):   # a rerun meets the same bad line again: one row is enough
            self._tick()
            return
        self._write("fail", (path, line, reason, code))

    def _logged(self, path: str, line: int | None, code: str) -> bool:
        """Whether an earlier run already filed this failure (same path, line and code)."""
        return self.store.has_failure(path, line, code)

    # --- writing -----------------------------------------------------------------------------

    def _write(self, kind: str, args: tuple[Any, ...]) -> None:
        self.buffer.append((kind, args))
        if len(self.buffer) >= self.batch_size:
            self.flush()
        self._tick()

    def flush(self) -> None:
        """Commit the buffered writes in one transaction: a kill leaves all of them or none."""
        if not self.buffer:
            return
        with self.store.transaction():
            for kind, args in self.buffer:
                if kind == "add":
                    self.store.add(args[0], origin=args[1])
                else:
                    self.store.add_failure(*args)
        self.buffer.clear()

    def _tick(self) -> None:
        if self.progress is not None:
            self.summary.elapsed = time.perf_counter() - self.started
            self.progress(self.summary)

    def close(self) -> None:
        self.seen.close()


def _extract(candidates: Iterator[_Pending], workers: int, batch_size: int, max_chars: int | None = None,
             ) -> Iterator[tuple[_Pending, record.Record | Failure]]:
    """``process_batch`` over the candidates (through ``pipeline.run_batches``), each result paired
    with its story.

    The candidates' filter talks to the store, whose SQLite connection belongs to this thread;
    ``run_batches`` pulls batches in the caller's thread and keeps at most a few in flight, so the
    filter runs here and memory stays flat.
    """
    inflight: deque[list[_Pending]] = deque()

    def batches() -> Iterator[list[RawStory]]:
        while batch := [p for _, p in zip(range(max(1, batch_size)), candidates, strict=False)]:
            inflight.append(batch)
            yield [p.story for p in batch]

    options = Options.build(batch_size=batch_size, max_chars=max_chars)
    for results in run_batches(batches(), options, n_process=workers):
        yield from zip(inflight.popleft(), results, strict=True)


__all__ = ["DUPLICATE_CODE", "IngestSummary", "Run", "estimate_total", "expected_producer", "ingest", "open_store"]
