"""One story flows one way: prepare (clean, date, language) → one spaCy pass → stages → record.

``process_batch`` is the single unit of work: ``extract``, ``extract_many`` (the CLI, benchmarks),
the store loader and worker pools all run it, through ``run_batches``, so batching,
multiprocessing and error isolation are written once. The stages themselves, their order and
what each reads and writes on the shared ``Story`` are in ``stages.py``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from . import __version__, record
from . import nlp as nlp_mod
from . import stages as stages_mod
from .defaults import DEFAULT_BATCH
from .errors import EventwireError, Extraction, Failure, Input, InputError, Warn
from .executor import map_batches
from .gazetteer import get_gazetteer, index_version
from .ingest import RawStory, clean_text, detect_language, parse_published, split_header_signoff
from .ingest.dateline import Dateline, dateline_of, find_dateline, take_byline
from .story import Story

__all__ = ["Failure", "Options", "Prepared", "Result", "StoryInput", "analyse", "document_id", "extract",
           "extract_many", "init_worker", "make_producer", "prepare", "process_batch", "run_batches"]


@dataclass(slots=True)
class Prepared:
    """A story read, cleaned, dated and given its id, ready for the spaCy pass (``skip_nlp``: not English)."""

    document: record.Document
    warnings: list[record.Warning] = field(default_factory=list)
    published: dt.date | None = None
    skip_nlp: bool = False
    dateline: Dateline | None = None     # with its span in ``document.text`` (None when from metadata)


@dataclass(frozen=True, slots=True)
class Options:
    """How ``process_batch`` treats a batch. Picklable: a worker process receives the same settings.

    ``stages`` are registered stage names in order; ``stage_modules`` maps a stage registered outside
    eventwire to the module that registers it, so a spawned worker can import it.
    """

    clean: bool = True
    model: str = nlp_mod.DEFAULT_MODEL
    published: str | dt.date | None = None     # overrides every story's own date (the CLI's --date)
    stages: tuple[str, ...] = stages_mod.DEFAULT_STAGES
    stage_modules: tuple[tuple[str, str], ...] = ()
    batch_size: int = DEFAULT_BATCH
    max_chars: int | None = None               # cut longer stories (the CLI's --max-chars); None: never

    @classmethod
    def build(cls, *, stages: Sequence[str] | None = None, **kwargs: Any) -> Options:
        """Options whose stage names are checked now, in this process, and whose non-built-in stages
        carry their module (so spawned workers find them)."""
        names = tuple(stages) if stages is not None else stages_mod.DEFAULT_STAGES
        resolved = stages_mod.resolve(names)
        modules = tuple((s.name, s.module) for s in resolved if not s.module.startswith("eventwire."))
        return cls(stages=names, stage_modules=modules, **kwargs)


StoryInput = RawStory | str | dict[str, Any]
Result = record.Record | Failure


def extract(text: str, published: str | dt.date | None = None, title: str | None = None,
            source: str | None = None, url: str | None = None, clean: bool = True, *,
            id: str | None = None, model: str = nlp_mod.DEFAULT_MODEL,
            stages: Sequence[str] | None = None) -> record.Record:
    """Extract one story.

    Example::

        >>> rec = eventwire.extract("Officials met in Geneva on Tuesday.", published="2025-12-06")
        >>> rec.times[0].value
        '2025-12-02'

    ``clean=False`` keeps ``text`` exactly as given (offsets then match external gold).
    """
    story = RawStory(text=text, id=id, title=title, source=source, url=url)
    story.published, story.published_at = _parse_published(published)
    result = next(extract_many([story], clean=clean, model=model, stages=stages))
    if isinstance(result, Failure):
        raise InputError(result.reason, code=result.code)
    return result


def extract_many(stories: Iterable[StoryInput], *, n_process: int = 1, batch_size: int = DEFAULT_BATCH,
                 clean: bool = True, model: str = nlp_mod.DEFAULT_MODEL,
                 published: str | dt.date | None = None,
                 stages: Sequence[str] | None = None,
                 max_chars: int | None = None) -> Iterator[record.Record | Failure]:
    """Stream one ``Record`` (or ``Failure``) per input story, in input order.

    ``stories`` may hold ``RawStory`` objects (from ``eventwire.ingest.read_paths``), plain
    strings or dicts with the JSONL keys. ``published`` overrides every story's own date (the
    CLI's ``--date``). With ``n_process > 1`` worker processes each load the model once.
    ``stages`` replaces the default pipeline (``eventwire.stages.DEFAULT_STAGES``) by stage names.
    ``max_chars`` cuts a longer story at the last paragraph, sentence or space boundary before it
    (warning ``Warn.CUT`` on the record); by default nothing is cut (cost is linear in length).
    """
    if published is not None:
        _parse_published(published)     # a bad --date fails here, once, not in every worker
    options = Options.build(stages=stages, clean=clean, model=model, published=published, batch_size=batch_size,
                            max_chars=max_chars)
    for results in run_batches(_batched(stories, batch_size), options, n_process=n_process):
        yield from results


def run_batches(batches: Iterable[Sequence[StoryInput]], options: Options, *,
                n_process: int = 1) -> Iterator[list[record.Record | Failure]]:
    """``process_batch`` over each batch, in order, here or in ``n_process`` workers (``executor``)."""
    return map_batches(process_batch, init_worker, batches, options, n_process=n_process)


def init_worker(options: Options) -> None:
    """Load what every batch needs — the model, the place index, the stages — once per process."""
    nlp_mod.load(options.model)
    get_gazetteer()
    _stages(options)


def process_batch(stories: Sequence[StoryInput], options: Options) -> list[record.Record | Failure]:
    """The one batch function: a ``Record`` or a ``Failure`` per story, in order.

    Module-level and picklable, so a pool worker or a Ray actor runs exactly this; it never raises
    for one bad story (that story becomes a ``Failure``).
    """
    nlp = nlp_mod.load(options.model)
    pipeline = _stages(options)
    override = _parse_published(options.published) if options.published is not None else None
    producer = make_producer(nlp_mod.model_label(nlp), [s.name for s in pipeline])
    prepared = [_prepare(s, options.clean, override, options.max_chars) for s in stories]
    parsed = [p.document for p in prepared if isinstance(p, Prepared) and not p.skip_nlp]
    docs = iter(nlp_mod.parse_many(nlp, [d.text for d in parsed], batch_size=max(1, options.batch_size),
                                   names=[d.id for d in parsed]))
    out: list[record.Record | Failure] = []
    for item in prepared:
        if isinstance(item, Failure):
            out.append(item)
            continue
        doc = None if item.skip_nlp else next(docs)
        out.append(analyse(nlp, doc, item, producer, pipeline))
    return out


def make_producer(model_label: str, stage_names: Sequence[str]) -> record.Producer:
    """The record's ``producer``; the loader builds the same one without loading the model."""
    return record.Producer(__version__, model_label, index_version(), list(stage_names))


def _stages(options: Options) -> list[stages_mod.Stage]:
    return stages_mod.resolve(options.stages, dict(options.stage_modules))


def _batched(items: Iterable[StoryInput], size: int) -> Iterator[list[StoryInput]]:
    it = iter(items)
    while batch := list(islice(it, max(1, size))):
        yield batch


def analyse(nlp: Language, doc: Doc | None, prep: Prepared, producer: record.Producer,
            pipeline: Sequence[stages_mod.Stage],
            lap: Any = None) -> record.Record | Failure:
    """Run ``pipeline`` over one parsed story and assemble its record.

    ``lap``, when given, is called with each stage's short name after it ran: ``bench`` times the
    real pipeline through it instead of keeping a copy of it.
    """
    rec = record.Record(producer=producer, document=prep.document, warnings=list(prep.warnings))
    if doc is None:
        return rec
    story = Story(doc, prep.document.text, prep.published, prep.dateline)
    try:
        for stage in pipeline:
            stage.run(story)
            if lap is not None:
                lap(stage.short)
    except EventwireError:
        raise
    except Exception as exc:  # one bad story must not stop a batch
        return Extraction.FAILED.failure(origin=prep.document.id, type=type(exc).__name__, error=exc)
    rec.actors, rec.places, rec.times = story.actors, story.places, story.times
    rec.statements, rec.events = story.statements, story.events
    limit = nlp_mod.chunk_limit(nlp)
    text = prep.document.text
    if len(text) > limit:
        rec.warnings.append(record.Warning(*Warn.LONG_STORY.warning(
            chars=len(text), chunks=len(nlp_mod.chunks(text, limit)))))
    if prep.published is None and any("X" in t.value for t in rec.times):
        rec.warnings.append(record.Warning(*Warn.UNDATED_TIMES.warning()))
    return rec


def prepare(story: StoryInput, *, clean: bool = True, published: str | dt.date | None = None,
            max_chars: int | None = None) -> Prepared | Failure:
    """Read, clean, date and identify one story without parsing it (cheap next to the spaCy pass).

    The loader uses it to know an id-less story's ``document.id`` before deciding to extract it.
    """
    override = _parse_published(published) if published is not None else None
    return _prepare(story, clean, override, max_chars)


def document_id(text: str, published: dt.date | None) -> str:
    """The id of a story that has none: a hash of its cleaned text and publication day."""
    key = text + "\x00" + (published.isoformat() if published else "")
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def _prepare(story: StoryInput, clean: bool, override: tuple[dt.date | None, str | None] | None,
             max_chars: int | None = None) -> Prepared | Failure:
    raw = _as_raw(story)
    if isinstance(raw, Failure):
        return raw
    text = raw.text
    warnings = [record.Warning(code, msg) for code, msg in raw.warnings]
    published, published_at = raw.published, raw.published_at
    byline = raw.byline
    if clean:
        text, header_date, signoff = split_header_signoff(text)
        text = clean_text(text)
        published = published or header_date
        raw.source = raw.source or signoff
        top_byline, text = take_byline(text)       # a "By ..." first line names reporters, not actors
        byline = byline or top_byline
    if override is not None:
        published, published_at = override
    if not text.strip():
        return Input.NO_TEXT_AFTER_CLEANING.failure(origin=raw.origin or raw.id or "<text>")
    if max_chars is not None and len(text) > max_chars:
        # cut before hashing: the record's text, hash and id are those of what was analysed
        whole = len(text)
        text = nlp_mod.chunks(text[:max_chars + 1], max_chars)[0]
        warnings.append(record.Warning(*Warn.CUT.warning(kept=len(text), chars=whole, limit=max_chars)))
    language = detect_language(text)
    content_hash = hashlib.sha256(text.encode("utf-8")).hexdigest()
    doc_id = raw.id or document_id(text, published)
    dateline = find_dateline(text) or (dateline_of(raw.dateline) if raw.dateline else None)
    document = record.Document(
        id=str(doc_id), content_hash=content_hash, title=raw.title,
        source=raw.source or (dateline.agency if dateline else None), url=raw.url,
        published=published.isoformat() if published else None, published_at=published_at,
        language=language, text=text, byline=byline,
        dateline=record.Dateline(dateline.text, dateline.place) if dateline else None)
    prep = Prepared(document, warnings, published, dateline=dateline)
    if language not in {"en", "und"}:
        prep.skip_nlp = True
        prep.warnings.append(record.Warning(*Warn.NOT_ENGLISH.warning(language=language)))
    return prep


def _as_raw(story: StoryInput) -> RawStory | Failure:
    if isinstance(story, RawStory):
        return story
    if isinstance(story, str):
        return RawStory(text=story)
    if isinstance(story, dict):
        text = story.get("text")
        if not isinstance(text, str):
            return Input.NO_TEXT_STRING.failure(origin=str(story.get("id", "<dict>")))
        raw = RawStory(text=text, id=_opt_str(story.get("id")), title=_opt_str(story.get("title")),
                       source=_opt_str(story.get("source")), url=_opt_str(story.get("url")))
        try:
            raw.published, raw.published_at = _parse_published(story.get("published"))
        except InputError as exc:
            raw.warnings.append(Warn.UNDATED.warning(problem=exc.args[0]))
        return raw
    return Input.UNSUPPORTED_STORY.failure(origin="<input>", type=type(story).__name__)


def _opt_str(value: Any) -> str | None:
    return None if value is None else str(value)


def _parse_published(value: Any) -> tuple[dt.date | None, str | None]:
    """``(date, ISO datetime or None)`` from a date, a datetime or a string (``2025-03-10 21:53:04Z``)."""
    if value is None or value == "":
        return None, None
    if isinstance(value, dt.datetime):
        return value.date(), value.isoformat()
    if isinstance(value, dt.date):
        return value, None
    day, stamp = parse_published(str(value))
    if day is None:
        raise Input.BAD_PUBLISHED.error(value=value)
    return day, stamp
