"""What story clustering costs as a store grows: events clustered per second, peak memory, store size.

Why this script: issue 11 claims that clustering inside ``Store.add`` costs about the same per event
at 10k and at 100k events and that its memory is bounded by the blocking window, not by the corpus.
Only a measurement on a growing store can check that, and the extracted corpora hold only ~12k
events, so the stream is built by repeating them: every copy gets new document ids and all its dates
moved by a whole number of weeks (weekdays stay right), far enough that a copy never shares a
blocking window with another, so each copy is a new, equally dense stretch of news. Copies after the
first also have the words outside every event sentence letter-rotated (same length, so every span
offset stays valid; the event sentences, hence the mentions, are verbatim): a near-duplicate
(syndicated copy) detector sees different texts, the clusterer sees the same evidence.

Each size runs in a fresh subprocess, so ``ru_maxrss`` is that run's own peak. The script calls only
public API (``Store``, ``Store.add``, ``Store.cluster``, ``Store.stories``) plus wrappers around
``SqliteIndex.candidates`` and ``store.stories.add_document`` that count and time, and skips a wrapper
whose target is gone, so it runs on whatever the store has become.

    python scripts/bench_stories.py --sizes 10000 100000 --out /tmp/bench/stories.json
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

DATA = Path("/work/data")
INPUTS = ("reuters.jsonl", "gn.jsonl", "voa.jsonl")
BATCH = 64
#: Events per segment of the ingest timeline (CPU ms per event per segment).
SEGMENT = 10_000
#: Weeks every copy is moved beyond the previous one, added to the inputs' own span.
MARGIN_WEEKS = 8

# -- re-keying -------------------------------------------------------------------------------------
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(T.*)?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE)?(T.*)?$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_YEAR = re.compile(r"^(\d{4})(-(?:SP|SU|FA|AU|WI))?$")
_LETTERS = re.compile(r"[A-Za-z]+")


def shift_timex(value: str | None, weeks: int) -> str | None:
    """A TIMEX3 date value moved by ``weeks`` weeks; what names no calendar day is returned as is.

    Days and ISO weeks move exactly (a day-time suffix ``T…`` or ``-WE`` is kept); a month, quarter,
    half or year moves to the one holding its middle day moved; decades, centuries, durations and
    ``PRESENT_REF`` stay (too coarse or not dates: clustering leaves them to publication anyway).
    """
    if not value or not weeks:
        return value
    delta = dt.timedelta(weeks=weeks)
    try:
        if m := _DAY.match(value):
            day = dt.date(int(m[1]), int(m[2]), int(m[3])) + delta
            return day.isoformat() + (m[4] or "")
        if m := _WEEK.match(value):
            monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1) + delta
            year, week, _ = monday.isocalendar()
            return f"{year:04d}-W{week:02d}{m[3] or ''}{m[4] or ''}"
        if m := _MONTH.match(value):
            mid = dt.date(int(m[1]), int(m[2]), 15) + delta
            return f"{mid.year:04d}-{mid.month:02d}"
        if m := _QUARTER.match(value):
            mid = dt.date(int(m[1]), 3 * int(m[2]) - 1, 15) + delta
            return f"{mid.year:04d}-Q{(mid.month - 1) // 3 + 1}"
        if m := _HALF.match(value):
            mid = dt.date(int(m[1]), 6 * int(m[2]) - 2, 1) + delta
            return f"{mid.year:04d}-H{(mid.month - 1) // 6 + 1}"
        if m := _YEAR.match(value):
            mid = dt.date(int(m[1]), 7, 2) + delta
            return f"{mid.year:04d}{m[2] or ''}"
    except ValueError:  # not a real date ("2021-W53"): leave it as the extractor wrote it
        return value
    return value


def shift_datetime(value: str | None, weeks: int) -> str | None:
    """An ISO day or datetime (``2025-03-14T20:30:26Z``) moved by ``weeks`` weeks, its time kept."""
    if not value or not weeks:
        return value
    m = _DAY.match(value)
    if not m:
        return value
    day = dt.date(int(m[1]), int(m[2]), int(m[3])) + dt.timedelta(weeks=weeks)
    return day.isoformat() + (m[4] or "")


def _rotate(word: str, k: int) -> str:
    out: list[str] = []
    for ch in word:
        base = ord("a") if ch.islower() else ord("A")
        out.append(chr(base + (ord(ch) - base + k) % 26))
    return "".join(out)


def perturb_text(text: str, keep: Iterable[tuple[int, int]], k: int) -> str:
    """``text`` with every ASCII word outside the ``keep`` spans letter-rotated by ``k`` (length kept)."""
    if not k % 26:
        return text
    spans = sorted(keep)

    def kept(start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in spans)

    return _LETTERS.sub(lambda m: m[0] if kept(m.start(), m.end()) else _rotate(m[0], k), text)


def rekey(record: Mapping[str, Any], copy: int, weeks: int) -> dict[str, Any]:
    """Copy ``copy`` of a record: a new document id, every date moved by ``copy × weeks`` weeks, and
    (from copy 1) the words outside its event sentences rotated. Copy 0 is the record itself."""
    data: dict[str, Any] = json.loads(json.dumps(record))
    if copy == 0:
        return data
    move = copy * weeks
    doc = data["document"]
    doc["id"] = f"{doc['id']}~c{copy}"
    doc["published"] = shift_datetime(doc.get("published"), move)
    doc["published_at"] = shift_datetime(doc.get("published_at"), move)
    if doc.get("url"):
        doc["url"] = f"{doc['url']}#c{copy}"
    keep = [tuple(e["sentence"]) for e in data.get("events", []) if e.get("sentence")]
    text = doc.get("text") or ""
    doc["text"] = perturb_text(text, keep, copy % 25 + 1)
    if "content_hash" in doc:
        import hashlib
        doc["content_hash"] = hashlib.sha256(doc["text"].encode("utf-8")).hexdigest()
    for t in data.get("times", []):
        t["value"] = shift_timex(t.get("value"), move)
    for e in data.get("events", []):
        e["date"] = shift_timex(e.get("date"), move)
    for s in data.get("statements", []):
        s["date"] = shift_timex(s.get("date"), move)
    return data


def copy_of(doc_id: str) -> int:
    """Which copy a stream document id belongs to (0 for the original)."""
    _, sep, tail = doc_id.rpartition("~c")
    return int(tail) if sep and tail.isdigit() else 0


def span_weeks(records: Iterable[Mapping[str, Any]]) -> int:
    """Weeks between the first and last publication day of ``records``, rounded up, plus a margin."""
    days = sorted(str(r["document"]["published"])[:10] for r in records if r["document"].get("published"))
    if not days:
        return MARGIN_WEEKS
    first, last = dt.date.fromisoformat(days[0]), dt.date.fromisoformat(days[-1])
    return math.ceil((last - first).days / 7) + MARGIN_WEEKS


def stream(records: list[dict[str, Any]], n_events: int, weeks: int) -> Iterator[dict[str, Any]]:
    """Copies 0, 1, 2… of ``records`` in publication order within each copy, until ``n_events`` events
    (the first whole document reaching it is the last)."""
    order = sorted(range(len(records)), key=lambda i: (records[i]["document"].get("published_at")
                                                        or records[i]["document"].get("published") or "", i))
    total, copy = 0, 0
    if not any(r.get("events") for r in records):
        return
    while True:
        for i in order:
            if total >= n_events:
                return
            rec = rekey(records[i], copy, weeks)
            total += len(rec.get("events", []))
            yield rec
        copy += 1


# -- the measured run (a fresh process per size) ---------------------------------------------------
def _rss_mb() -> float:
    """This process's peak RSS in MB: ``VmHWM``, the high-water mark of its own address space.

    ``ru_maxrss`` is reported too, but on Linux it keeps the peak of the process image before
    ``exec`` (the forked driver), so the driver never holds the records: streams are written by a
    child of their own.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return _maxrss_mb()


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


class Counters:
    """Calls, time and sizes the wrappers see."""

    def __init__(self) -> None:
        self.candidates: list[int] = []
        self.candidate_s = 0.0
        self.add_document_s = 0.0
        self.add_document_calls = 0

    def reset_candidates(self) -> None:
        self.candidates = []
        self.candidate_s = 0.0

    def candidate_stats(self) -> dict[str, float]:
        c = self.candidates
        if not c:
            return {"calls": 0, "mean": 0.0, "p99": 0, "max": 0, "seconds": 0.0}
        ranked = sorted(c)
        return {"calls": len(c), "mean": round(sum(c) / len(c), 2), "p99": ranked[int(0.99 * (len(c) - 1))],
                "max": ranked[-1], "seconds": round(self.candidate_s, 2)}


def _instrument(counters: Counters, clustering: bool) -> list[str]:
    """Wrap what can be wrapped; return what was (so the report says what a figure covers)."""
    done = []
    try:
        from eventwire.store import story_index
    except ImportError:
        story_index = None  # type: ignore[assignment]
    if story_index is not None and hasattr(story_index, "SqliteIndex"):
        original = story_index.SqliteIndex.candidates

        def candidates(self: Any, m: Any) -> Any:
            t = time.perf_counter()
            out = original(self, m)
            counters.candidate_s += time.perf_counter() - t
            counters.candidates.append(len(out))
            return out

        story_index.SqliteIndex.candidates = candidates  # type: ignore[method-assign]
        done.append("SqliteIndex.candidates")
    try:
        from eventwire.store import stories
    except ImportError:
        return done
    if not hasattr(stories, "add_document"):
        return done
    add_document = stories.add_document
    if clustering:
        def timed(*args: Any, **kwargs: Any) -> Any:
            t = time.perf_counter()
            out = add_document(*args, **kwargs)
            counters.add_document_s += time.perf_counter() - t
            counters.add_document_calls += 1
            return out

        stories.add_document = timed
        done.append("stories.add_document (timed)")
    else:
        from eventwire.stories.mention import from_record

        def mentions_only(conn: Any, data: Mapping[str, Any], *args: Any, **kwargs: Any) -> list[str]:
            t = time.perf_counter()
            from_record(data)
            counters.add_document_s += time.perf_counter() - t
            counters.add_document_calls += 1
            return []

        stories.add_document = mentions_only
        done.append("stories.add_document → from_record only (clustering off)")
    return done


def _cache_info() -> dict[str, int] | None:
    """Hits and misses of the store's parsed-mention cache, when it has one."""
    try:
        from eventwire.store.story_index import parse_mention
    except ImportError:
        return None
    info = parse_mention.cache_info()
    return {"hits": info.hits, "misses": info.misses, "maxsize": info.maxsize or 0}


def _lines(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def measure(stream_path: Path, db: Path, clustering: bool, recluster: bool, cache_mb: int = 0) -> dict[str, Any]:
    """Ingest ``stream_path`` into a new store at ``db`` in batches of ``BATCH`` per transaction, then
    (optionally) ``Store.cluster()`` the whole store; every figure of this one process. ``cache_mb``
    sets SQLite's page cache (0: the store's default) to tell SQLite's share of any growth."""
    rss_python = round(_rss_mb(), 1)
    from eventwire.store import Store

    counters = Counters()
    wrapped = _instrument(counters, clustering)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    out: dict[str, Any] = {"clustering": clustering, "wrapped": wrapped, "cache_mb": cache_mb,
                           "rss_python_mb": rss_python, "rss_imported_mb": round(_rss_mb(), 1)}
    docs = events = 0
    add_s = add_cpu = 0.0
    segments: list[dict[str, float]] = []  # CPU seconds per SEGMENT events, in stream order: flat or growing?
    mark = [0, 0.0, 0.0]  # events, CPU and wall seconds at the last segment's end
    with Store(db) as store:
        if cache_mb:
            store.connection.execute(f"PRAGMA cache_size = -{int(cache_mb) * 1024}")
        batch: list[dict[str, Any]] = []

        def flush() -> None:
            nonlocal add_s, add_cpu
            t, cpu = time.perf_counter(), time.process_time()
            with store.transaction():
                for rec in batch:
                    store.add(rec, origin="bench")
            add_s += time.perf_counter() - t
            add_cpu += time.process_time() - cpu
            batch.clear()
            if events - mark[0] >= SEGMENT:
                n = events - mark[0]
                segments.append({"events": events, "ms_per_event_cpu": round(1000 * (add_cpu - mark[1]) / n, 3),
                                 "ms_per_event_wall": round(1000 * (add_s - mark[2]) / n, 3)})
                mark[:] = [events, add_cpu, add_s]

        wall = time.perf_counter()
        for rec in _lines(stream_path):
            docs += 1
            events += len(rec.get("events", []))
            batch.append(rec)
            if len(batch) == BATCH:
                flush()
        if batch:
            flush()
        out["ingest"] = {
            "documents": docs, "events": events, "add_s": round(add_s, 2),
            "wall_s": round(time.perf_counter() - wall, 2),
            "events_per_s": round(events / add_s, 1) if add_s else None,
            "cpu_s": round(add_cpu, 2), "events_per_cpu_s": round(events / add_cpu, 1) if add_cpu else None,
            "add_document_s": round(counters.add_document_s, 2),
            "candidates": counters.candidate_stats(),
            "peak_rss_mb": round(_rss_mb(), 1), "segments": segments,
        }
        store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        out["store_mb"] = round(os.path.getsize(db) / 2**20, 1)
        if clustering and recluster:
            counters.reset_candidates()
            t, cpu = time.perf_counter(), time.process_time()
            summary = store.cluster()
            took, cpu = time.perf_counter() - t, time.process_time() - cpu
            mentions = int(getattr(summary, "mentions", 0))
            out["cluster"] = {"mentions": mentions, "wall_s": round(took, 2),
                              "mentions_per_s": round(mentions / took, 1) if took else None,
                              "cpu_s": round(cpu, 2), "mentions_per_cpu_s": round(mentions / cpu, 1) if cpu else None,
                              "stories": getattr(summary, "stories", None),
                              "candidates": counters.candidate_stats(), "peak_rss_mb": round(_rss_mb(), 1)}
        if clustering:
            t = time.perf_counter()
            found = store.stories(limit=None)
            sizes = sorted((int(s.get("num_mentions") or 0) for s in found), reverse=True)
            across = sum(1 for s in found if len({copy_of(d) for d in s.get("documents", [])}) > 1)
            out["stories"] = {"stories": len(found), "largest": sizes[:5], "across_copies": across,
                              "query_s": round(time.perf_counter() - t, 2)}
    out["mention_cache"] = _cache_info()
    out["peak_rss_mb"] = round(_rss_mb(), 1)
    out["ru_maxrss_mb"] = round(_maxrss_mb(), 1)
    return out


# -- the driver ------------------------------------------------------------------------------------
def _load(paths: list[Path]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for path in paths:
        out.extend(_lines(path))
    return out


def write_stream(inputs: list[Path], n_events: int, weeks: int, path: Path) -> dict[str, int]:
    """Write the stream of ``n_events`` events to ``path``; ``weeks`` 0 = the inputs' span + margin."""
    records = _load(inputs)
    weeks = weeks or span_weeks(records)
    docs = events = 0
    with path.open("w", encoding="utf-8") as fh:
        for rec in stream(records, n_events, weeks):
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
            docs += 1
            events += len(rec.get("events", []))
    return {"documents": docs, "events": events, "weeks_per_copy": weeks}


def _child(args: list[str], profile: Path | None = None) -> dict[str, Any]:
    cmd = [sys.executable]
    if profile is not None:
        cmd += ["-m", "cProfile", "-o", str(profile)]
    cmd += [str(Path(__file__).resolve()), *args]
    done = subprocess.run(cmd, check=True, capture_output=True, text=True)
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def table(results: Mapping[str, Any]) -> str:
    """The figures as the Markdown table of docs/accuracy.md."""
    rows = ["| size | documents | events | ingest s | ingest events/s | of which clustering s | ingest off events/s "
            "| cluster s | cluster mentions/s | peak RSS MB ingest / cluster | store MB | candidates/mention "
            "ingest mean (p99, max) | stories |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for run in results["runs"]:
        w, off = run["with"], run.get("without", {})
        ing, cl = w["ingest"], w.get("cluster", {})
        c = ing["candidates"]
        rows.append(
            f"| {run['size']:,} | {run['documents']:,} | {run['events']:,} | {ing['add_s']} | {ing['events_per_s']} "
            f"| {ing['add_document_s']} | {off.get('ingest', {}).get('events_per_s', '–')} | {cl.get('wall_s', '–')} "
            f"| {cl.get('mentions_per_s', '–')} | {ing['peak_rss_mb']} / {cl.get('peak_rss_mb', '–')} "
            f"| {w['store_mb']} | {c['mean']} ({c['p99']}, {c['max']}) | {w.get('stories', {}).get('stories', '–')} |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    p.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000], help="events per run")
    p.add_argument("--inputs", type=Path, nargs="+", default=[DATA / name for name in INPUTS])
    p.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "bench_stories")
    p.add_argument("--weeks", type=int, default=0, help="weeks between copies (0: the inputs' span + margin)")
    p.add_argument("--no-baseline", action="store_true", help="skip the run with clustering off")
    p.add_argument("--no-recluster", action="store_true", help="skip Store.cluster() over the whole store")
    p.add_argument("--profile", type=int, nargs="*", default=[], help="sizes to run again under cProfile")
    p.add_argument("--out", type=Path, help="write the figures here as JSON")
    p.add_argument("--cache-mb", type=int, default=0, help="SQLite page cache in MB (0: the store's default)")
    p.add_argument("--child", nargs=4, metavar=("STREAM", "DB", "CLUSTERING", "RECLUSTER"), help=argparse.SUPPRESS)
    p.add_argument("--make-stream", nargs=2, metavar=("EVENTS", "PATH"), help=argparse.SUPPRESS)
    a = p.parse_args(argv)
    if a.child:
        stream_path, db, clustering, again = a.child
        print(json.dumps(measure(Path(stream_path), Path(db), clustering == "1", again == "1", a.cache_mb)))
        return 0
    if a.make_stream:
        print(json.dumps(write_stream(a.inputs, int(a.make_stream[0]), a.weeks, Path(a.make_stream[1]))))
        return 0
    a.workdir.mkdir(parents=True, exist_ok=True)
    inputs = ["--inputs", *map(str, a.inputs), "--weeks", str(a.weeks)]
    cache = ["--cache-mb", str(a.cache_mb)]
    results: dict[str, Any] = {"inputs": [str(x) for x in a.inputs], "runs": []}
    for size in a.sizes:
        path = a.workdir / f"stream-{size}.jsonl"
        run: dict[str, Any] = {"size": size, **_child([*inputs, "--make-stream", str(size), str(path)])}
        print(f"size {size}: {run['documents']} documents, {run['events']} events → {path}", file=sys.stderr)
        run["with"] = _child([*cache, "--child", str(path), str(a.workdir / f"store-{size}.db"), "1",
                              "0" if a.no_recluster else "1"])
        print(json.dumps(run["with"]), file=sys.stderr)
        if not a.no_baseline:
            run["without"] = _child([*cache, "--child", str(path), str(a.workdir / f"store-{size}-off.db"), "0", "0"])
            print(json.dumps(run["without"]), file=sys.stderr)
        if size in a.profile:
            prof = a.workdir / f"profile-{size}.prof"
            _child([*cache, "--child", str(path), str(a.workdir / f"store-{size}-prof.db"), "1", "0"], prof)
            run["profile"] = str(prof)
        results["runs"].append(run)
        if a.out:
            a.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
