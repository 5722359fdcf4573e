"""How fast and how lean the pipeline is, measured against the floor set by spaCy alone.

spaCy's parse is the cost eventwire cannot avoid, so the figure that matters is the ratio
*pipeline time ÷ spaCy-only time* on the same texts, in the same run: it says how much our own
stages add, independently of how fast the machine is. Beside it ``run`` reports stories/s,
words/s and peak memory for each worker count, and the share of time per stage, so the next
speed-up is the largest share. Method and today's figures: ``docs/performance.md``.

Example::

    >>> from eventwire import bench
    >>> result = bench.run("../shared/corpus/reuters-21578/articles.jsonl", limit=200, workers=(1,))
    >>> round(result.ratio, 2), result.words_per_second
"""

from __future__ import annotations

import json
import logging
import os
import resource
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from . import nlp as nlp_mod
from . import record
from . import stages as stages_mod
from .defaults import DEFAULT_BATCH
from .errors import Bench, Input
from .gazetteer import get_gazetteer
from .ingest import RawStory, read_paths
from .pipeline import Failure, Prepared, analyse, extract_many, make_producer, prepare


def stage_columns(names: Sequence[str] = stages_mod.DEFAULT_STAGES) -> tuple[str, ...]:
    """The columns of the per-stage timing: reading, spaCy, each registered stage, the record."""
    return ("prepare", "spacy", *(stages_mod.get(n).short for n in names), "record")


STAGES = stage_columns()
WARMUP = 16  # stories run once before any timing: first-call costs (caches, lazy resources) are not speed
Progress = Callable[[str], None]
_PROGRESS_PREFIX = "eventwire: "  # a bench child's progress lines, passed on to the caller's stderr


@dataclass(slots=True)
class WorkerRun:
    """One full-pipeline run (``extract_many`` + ``Record.to_json``) in a fresh process."""

    workers: int
    seconds: float
    cpu_seconds: float           # user+sys of the process and its reaped workers: robust to a busy machine
    stories: int
    failures: int
    stories_per_second: float
    words_per_second: float
    words_per_second_per_core: float
    peak_rss_tree_mb: float      # sum of RSS over the process and its workers, sampled every 0.1 s
    peak_pss_tree_mb: float      # same, proportional set size: pages shared by forked workers counted once
    peak_rss_main_mb: float      # VmHWM of the main process: exact, where a 0.1 s sample can miss a spike
    load_seconds: float          # model + gazetteer load in that process, excluded from ``seconds``


@dataclass(slots=True)
class BenchResult:
    """Everything one ``bench`` run measured; ``to_dict`` is the ``--format json`` output."""

    path: str
    stories: int
    words: int
    batch_size: int
    model: str
    load_seconds: dict[str, float]
    spacy_seconds: float
    pipeline_seconds: float
    ratio: float
    spacy_cpu_seconds: float
    pipeline_cpu_seconds: float
    cpu_ratio: float
    spacy_words_per_second: float
    runs: list[WorkerRun]
    stage_seconds: dict[str, float]
    stage_shares: dict[str, float]
    rss_at: dict[int, float] = field(default_factory=dict)
    machine: dict[str, Any] = field(default_factory=dict)

    @property
    def words_per_second(self) -> float:
        """Single-process full-pipeline words/s (the per-core figure the target is stated in)."""
        return self.words / self.pipeline_seconds if self.pipeline_seconds else 0.0

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["words_per_second"] = round(self.words_per_second, 1)
        # per CPU-second: the per-core speed with time lost to other processes on the box taken out
        data["spacy_words_per_cpu_second"] = (
            round(self.words / self.spacy_cpu_seconds, 1) if self.spacy_cpu_seconds else 0.0)
        data["pipeline_words_per_cpu_second"] = (
            round(self.words / self.pipeline_cpu_seconds, 1) if self.pipeline_cpu_seconds else 0.0)
        data["rss_at"] = {str(k): v for k, v in self.rss_at.items()}
        return data


def run(path: str | Path, limit: int | None = None, workers: Sequence[int] = (1, 2),
        batch_size: int = DEFAULT_BATCH, *, repeat: int = 1, rss_at: Sequence[int] = (),
        progress: Progress | None = None, max_chars: int | None = None) -> BenchResult:
    """Benchmark the pipeline on the first ``limit`` stories of ``path``.

    Each worker count runs in a fresh subprocess so its peak memory is its own; spaCy-only and the
    per-stage pass run here, after a warm-up. With ``repeat > 1`` the single-process pipeline and
    spaCy-only passes alternate and the fastest of each is kept (noise from other processes only
    ever slows a pass down). ``max_chars`` cuts long stories as ``extract --max-chars`` does, in every pass.
    """
    say = progress or (lambda _msg: None)
    load_before = machine_state()["loadavg_1_5_15"]
    stories = load_stories(path, limit)
    t0 = time.perf_counter()
    nlp = nlp_mod.load()
    t1 = time.perf_counter()
    get_gazetteer()
    loads = {"model": round(t1 - t0, 3), "gazetteer": round(time.perf_counter() - t1, 3)}
    prepared = [p for p in (prepare(s, max_chars=max_chars) for s in stories) if isinstance(p, Prepared)]
    texts = [p.document.text for p in prepared if not p.skip_nlp]
    say("warming up")
    warm = _warm_chars(nlp, max_chars)
    list(nlp.pipe([t[:warm] for t in texts[:WARMUP]], batch_size=batch_size))
    for rec in extract_many(stories[:WARMUP], batch_size=batch_size, max_chars=warm):
        if not isinstance(rec, Failure):
            rec.to_json()

    say(f"per-stage pass over {len(stories)} stories")
    stage_seconds, words = staged_pass(stories, batch_size, max_chars)
    spacy_times: list[tuple[float, float]] = []
    runs: dict[int, WorkerRun] = {}
    order = sorted(set(workers), key=lambda w: (w != 1, w))  # W=1 first: it pairs with spaCy-only
    for attempt in range(max(repeat, 1)):
        say(f"spaCy alone, {len(texts)} texts (pass {attempt + 1})")
        spacy_times.append(spacy_pass(texts, batch_size))
        for w in order if attempt == 0 else [w for w in order if w == 1]:
            say(f"full pipeline, {w} worker(s) (pass {attempt + 1})")
            new = run_child(path, limit, w, batch_size, words, max_chars)
            if w not in runs or new.seconds < runs[w].seconds:
                runs[w] = new
    spacy_seconds, spacy_cpu = min(spacy_times)
    pipeline_seconds = runs[1].seconds if 1 in runs else _sum_stages(stage_seconds)
    pipeline_cpu = runs[1].cpu_seconds if 1 in runs else pipeline_seconds
    sizes: dict[int, float] = {}
    for size in rss_at:
        say(f"peak memory at {size} stories")
        sizes[size] = run_child(path, size, 1, batch_size, 0, max_chars).peak_rss_tree_mb
    total = _sum_stages(stage_seconds)
    return BenchResult(
        path=str(path), stories=len(stories), words=words, batch_size=batch_size,
        model=nlp_mod.model_label(nlp), load_seconds=loads,
        spacy_seconds=round(spacy_seconds, 3), pipeline_seconds=round(pipeline_seconds, 3),
        ratio=round(pipeline_seconds / spacy_seconds, 3) if spacy_seconds else 0.0,
        spacy_cpu_seconds=round(spacy_cpu, 3), pipeline_cpu_seconds=round(pipeline_cpu, 3),
        cpu_ratio=round(pipeline_cpu / spacy_cpu, 3) if spacy_cpu else 0.0,
        spacy_words_per_second=round(words / spacy_seconds, 1) if spacy_seconds else 0.0,
        runs=[runs[w] for w in order], stage_seconds={k: round(v, 3) for k, v in stage_seconds.items()},
        stage_shares={k: round(v / total, 4) if total else 0.0 for k, v in stage_seconds.items()},
        rss_at=sizes, machine={**machine_state(), "loadavg_at_start": load_before})


def _warm_chars(nlp: Any, max_chars: int | None) -> int:
    """Warm-up stories are cut to one chunk: warming up on a million-character story would run it twice."""
    limit = nlp_mod.chunk_limit(nlp)
    return min(max_chars, limit) if max_chars else limit


def load_stories(path: str | Path, limit: int | None) -> list[RawStory]:
    """The first ``limit`` readable stories of ``path``; a missing or empty input is an error."""
    if not Path(path).exists():
        raise Input.MISSING_PATH_NAMED.error(path=path)
    stories: list[RawStory] = []
    for item in read_paths([path]):
        if limit is not None and len(stories) >= limit:
            break
        if isinstance(item, RawStory):
            stories.append(item)
    if not stories:
        raise Input.NO_READABLE_STORIES.error(path=path)
    return stories


def spacy_pass(texts: Sequence[str], batch_size: int) -> tuple[float, float]:
    """Wall and CPU seconds for stock ``nlp.pipe`` over ``texts``: the same model and components the pipeline
    uses, and the same pieces: a story longer than ``nlp.chunk_limit`` is parsed in the chunks of
    ``nlp.chunks``, one at a time, as ``nlp.parse_many`` does (joining them into one Doc is ours, not timed
    here); shorter texts go through ``nlp.pipe`` in batches of ``batch_size``."""
    nlp = nlp_mod.load()
    limit = nlp_mod.chunk_limit(nlp)
    start, cpu = time.perf_counter(), time.process_time()
    for i in range(0, len(texts), batch_size):
        batch = texts[i:i + batch_size]
        for _doc in nlp.pipe([t for t in batch if len(t) <= limit], batch_size=batch_size):
            pass
        for text in (t for t in batch if len(t) > limit):
            for _doc in nlp.pipe(nlp_mod.chunks(text, limit), batch_size=1):
                pass
    return time.perf_counter() - start, time.process_time() - cpu


def staged_pass(stories: Iterable[RawStory], batch_size: int,
                max_chars: int | None = None) -> tuple[dict[str, float], int]:
    """Time each stage separately: the real ``pipeline.analyse`` over the registered stages, with
    a clock read after each one (its ``lap`` hook), so the shares are those of the real pipeline and a
    new stage is timed without touching this function. Returns seconds per stage and the word count
    (spaCy tokens that are neither punctuation nor space), counted outside the clocks.
    """
    nlp = nlp_mod.load()
    pipeline = stages_mod.resolve(stages_mod.DEFAULT_STAGES)
    producer = make_producer(nlp_mod.model_label(nlp), [s.name for s in pipeline])
    spent = dict.fromkeys(stage_columns(), 0.0)
    words = 0
    clock = time.perf_counter
    batch: list[RawStory] = []

    def flush() -> None:
        nonlocal words
        t = clock()
        prepared = [p for p in (prepare(s, max_chars=max_chars) for s in batch) if isinstance(p, Prepared)]
        spent["prepare"] += clock() - t
        parsed = [p.document for p in prepared if not p.skip_nlp]
        docs = nlp_mod.parse_many(nlp, [d.text for d in parsed], batch_size=batch_size, names=[d.id for d in parsed])
        for prep in prepared:
            t = clock()
            doc = None if prep.skip_nlp else next(docs)
            spent["spacy"] += clock() - t
            if doc is not None:
                words += sum(1 for tok in doc if not (tok.is_punct or tok.is_space))
            lap = _Lap(spent)
            rec = analyse(nlp, doc, prep, producer, pipeline, lap=lap)
            lap("record")
            if isinstance(rec, record.Record):
                rec.to_json()
            lap("record")
        batch.clear()

    for story in stories:
        batch.append(story)
        if len(batch) >= batch_size:
            flush()
    flush()
    return spent, words


class _Lap:
    """Adds the time since the previous lap to ``spent[stage]``: one line per stage keeps the mirror readable."""

    def __init__(self, spent: dict[str, float]) -> None:
        self.spent, self.last = spent, time.perf_counter()

    def __call__(self, stage: str) -> None:
        now = time.perf_counter()
        self.spent[stage] += now - self.last
        self.last = now


def _sum_stages(spent: dict[str, float]) -> float:
    return sum(spent.values())


def run_child(path: str | Path, limit: int | None, workers: int, batch_size: int, words: int,
              max_chars: int | None = None) -> WorkerRun:
    """Run ``_child_main`` in a fresh interpreter, sampling the RSS of its whole process tree. The child's
    progress lines on a long story (``eventwire: long story …``) are passed on to this stderr as they come."""
    cmd = [sys.executable, "-m", "eventwire.bench", str(path), str(limit or 0), str(workers), str(batch_size),
           str(max_chars or 0)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = [0, 0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.1):
            rss, pss = tree_memory_kb(proc.pid)
            peak[0], peak[1] = max(peak[0], rss), max(peak[1], pss)

    errors: list[str] = []

    def relay() -> None:
        assert proc.stderr is not None
        for line in proc.stderr:
            if line.startswith(_PROGRESS_PREFIX + "long story"):
                sys.stderr.write(line)
                sys.stderr.flush()
            elif line.strip():
                errors[-1:] = [line.strip()]

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    relayer = threading.Thread(target=relay, daemon=True)
    relayer.start()
    with proc:  # closes both pipes
        assert proc.stdout is not None
        out = proc.stdout.read()
        proc.wait()
        relayer.join()
    done.set()
    sampler.join()
    if proc.returncode != 0:
        raise Bench.RUN_FAILED.error(workers=workers, error=(errors or ["(no message)"])[-1])
    child = json.loads(out.strip().splitlines()[-1])
    # Not ru_maxrss: Linux carries the high-water mark of the process that called exec (this one,
    # model loaded) into the child's, so it would report our own peak. VmHWM is reset by exec.
    main = child["hwm_kb"]
    seconds = child["seconds"]
    return WorkerRun(
        workers=workers, seconds=round(seconds, 3), cpu_seconds=round(child["cpu_seconds"], 3),
        stories=child["stories"], failures=child["failures"],
        stories_per_second=round(child["stories"] / seconds, 2), words_per_second=round(words / seconds, 1),
        words_per_second_per_core=round(words / seconds / workers, 1),
        peak_rss_tree_mb=round(max(peak[0], main) / 1024, 1), peak_pss_tree_mb=round(peak[1] / 1024, 1),
        peak_rss_main_mb=round(main / 1024, 1),
        load_seconds=round(child["load_seconds"], 3))


def tree_memory_kb(root: int) -> tuple[int, int]:
    """Summed RSS and PSS (kB) of ``root`` and all its descendants, from /proc (0 where /proc is absent)."""
    parents: dict[int, int] = {}
    for entry in os.scandir("/proc") if os.path.isdir("/proc") else ():
        if entry.name.isdigit():
            try:
                stat = Path(entry.path, "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    tree, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        kids = [c for c, p in parents.items() if p == pid and c not in tree]
        tree.update(kids)
        frontier.extend(kids)
    rss = pss = 0
    for pid in tree:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Rss:"):
                    rss += int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss += int(line.split()[1])
        except OSError:
            continue
    return rss, pss


def machine_state() -> dict[str, Any]:
    """Cores and load average at the end of the run: other processes on the box skew every figure."""
    load = os.getloadavg() if hasattr(os, "getloadavg") else (0.0, 0.0, 0.0)
    return {"cores": os.cpu_count(), "loadavg_1_5_15": [round(x, 2) for x in load], "python": sys.version.split()[0]}


def _child_main(argv: list[str]) -> None:
    """Inside the fresh process: load, warm up, then time ``extract_many`` + ``to_json`` only."""
    path, limit, workers, batch_size = argv[0], int(argv[1]) or None, int(argv[2]), int(argv[3])
    max_chars = int(argv[4]) or None if len(argv) > 4 else None
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(_PROGRESS_PREFIX + "%(message)s"))
    logging.getLogger("eventwire.nlp").addHandler(handler)   # "long story …: 40% parsed", relayed by run_child
    logging.getLogger("eventwire.nlp").setLevel(logging.INFO)
    stories = load_stories(path, limit)
    t = time.perf_counter()
    nlp_mod.load()
    get_gazetteer()  # loaded before the pool forks, so workers inherit both
    load_seconds = time.perf_counter() - t
    for rec in extract_many(stories[:WARMUP], batch_size=batch_size, max_chars=_warm_chars(nlp_mod.load(), max_chars)):
        if not isinstance(rec, Failure):
            rec.to_json()
    failures = 0
    cpu = _cpu_seconds()
    start = time.perf_counter()
    for rec in extract_many(stories, n_process=workers, batch_size=batch_size, max_chars=max_chars):
        if isinstance(rec, Failure):
            failures += 1
        else:
            rec.to_json()
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "cpu_seconds": _cpu_seconds() - cpu, "stories": len(stories),
                      "failures": failures, "load_seconds": load_seconds, "hwm_kb": _hwm_kb()}))


def _hwm_kb() -> int:
    """This process's peak resident set (VmHWM, kB); 0 where /proc is absent."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return 0
    return next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:")), 0)


def _cpu_seconds() -> float:
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


if __name__ == "__main__":
    _child_main(sys.argv[1:])
