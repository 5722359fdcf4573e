"""One story flows one way: prepare (clean, date, language) → one spaCy pass → stages → record.

``extract_many`` is the single engine: ``extract``, the CLI, benchmarks and ingest all go
through it, so batching, multiprocessing and error isolation are written once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import multiprocessing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from . import __version__, record
from . import nlp as nlp_mod
from .actors import build_actors
from .defaults import DEFAULT_BATCH
from .errors import EventwireError, Extraction, Failure, Input, InputError, Warn
from .events import find_events
from .gazetteer import get_gazetteer
from .ingest import RawStory, clean_text, detect_language, parse_published, split_header_signoff
from .mentions import Mention, find_mentions
from .places import resolve_places
from .statements import find_statements
from .story import Story
from .times import find_times


@dataclass(slots=True)
class _Prepared:
    document: record.Document
    warnings: list[record.Warning] = field(default_factory=list)
    published: dt.date | None = None
    skip_nlp: bool = False


StoryInput = RawStory | str | dict[str, Any]


def extract(text: str, published: str | dt.date | None = None, title: str | None = None,
            source: str | None = None, url: str | None = None, clean: bool = True, *,
            id: str | None = None, model: str = nlp_mod.DEFAULT_MODEL) -> record.Record:
    """Extract one story.

    Example::

        >>> rec = eventwire.extract("Officials met in Geneva on Tuesday.", published="2025-12-06")
        >>> rec.times[0].value
        '2025-12-02'

    ``clean=False`` keeps ``text`` exactly as given (offsets then match external gold).
    """
    story = RawStory(text=text, id=id, title=title, source=source, url=url)
    story.published, story.published_at = _parse_published(published)
    result = next(extract_many([story], clean=clean, model=model))
    if isinstance(result, Failure):
        raise InputError(result.reason, code=result.code)
    return result


def extract_many(stories: Iterable[StoryInput], *, n_process: int = 1, batch_size: int = DEFAULT_BATCH,
                 clean: bool = True, model: str = nlp_mod.DEFAULT_MODEL,
                 published: str | dt.date | None = None) -> Iterator[record.Record | Failure]:
    """Stream one ``Record`` (or ``Failure``) per input story, in input order.

    ``stories`` may hold ``RawStory`` objects (from ``eventwire.ingest.read_paths``), plain
    strings or dicts with the JSONL keys. ``published`` overrides every story's own date (the
    CLI's ``--date``). With ``n_process > 1`` worker processes each load the model once.
    """
    if n_process <= 1:
        yield from _run(stories, batch_size=batch_size, clean=clean, model=model, published=published)
        return
    ctx = multiprocessing.get_context("spawn" if multiprocessing.get_start_method() != "fork" else "fork")
    args = {"batch_size": batch_size, "clean": clean, "model": model, "published": published}
    with ctx.Pool(n_process, initializer=_init_worker, initargs=(model,)) as pool:
        batches = (list(islice_batch) for islice_batch in _batched(stories, batch_size))
        for results in pool.imap(_work, ((b, args) for b in batches), chunksize=1):
            yield from results


def _init_worker(model: str) -> None:
    nlp_mod.load(model)
    get_gazetteer()


def _work(item: tuple[list[StoryInput], dict[str, Any]]) -> list[record.Record | Failure]:
    batch, args = item
    return list(_run(batch, **args))


def _batched(items: Iterable[StoryInput], size: int) -> Iterator[list[StoryInput]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def _run(stories: Iterable[StoryInput], *, batch_size: int, clean: bool, model: str,
         published: str | dt.date | None) -> Iterator[record.Record | Failure]:
    nlp = nlp_mod.load(model)
    override = _parse_published(published) if published is not None else None
    producer = record.Producer(__version__, nlp_mod.model_label(nlp), get_gazetteer().version)
    for batch in _batched(stories, batch_size):
        prepared = [_prepare(s, clean, override) for s in batch]
        texts = [p.document.text for p in prepared if isinstance(p, _Prepared) and not p.skip_nlp]
        docs = iter(nlp_mod.parse_many(nlp, texts, batch_size=batch_size))
        for item in prepared:
            if isinstance(item, Failure):
                yield item
                continue
            doc = None if item.skip_nlp else next(docs)
            yield _analyse(nlp, doc, item, producer)


def _analyse(nlp: Language, doc: Doc | None, prep: _Prepared, producer: record.Producer) -> record.Record | Failure:
    rec = record.Record(producer=producer, document=prep.document, warnings=list(prep.warnings))
    if doc is None:
        return rec
    try:
        mentions = find_mentions(doc)
        rec.actors = build_actors(doc, mentions)
        rec.places = _places(mentions)
        rec.times = [
            record.Time(f"T{n}", t.text, t.value, t.kind, t.precision, t.mod, (t.start, t.end))  # type: ignore[arg-type]
            for n, t in enumerate(find_times(doc, prep.published), 1)
        ]
        story = Story(doc, prep.document.text, prep.published, mentions, rec.actors, rec.places, rec.times)
        rec.statements = find_statements(story)
        rec.events = find_events(story, rec.statements)
    except EventwireError:
        raise
    except Exception as exc:  # one bad story must not stop a batch
        return Extraction.FAILED.failure(origin=prep.document.id, type=type(exc).__name__, error=exc)
    limit = nlp_mod.chunk_limit(nlp)
    text = prep.document.text
    if len(text) > limit:
        rec.warnings.append(record.Warning(*Warn.LONG_STORY.warning(
            chars=len(text), chunks=len(nlp_mod.chunks(text, limit)))))
    if prep.published is None and any("X" in t.value for t in rec.times):
        rec.warnings.append(record.Warning(*Warn.UNDATED_TIMES.warning()))
    return rec


def _places(mentions: list[Mention]) -> list[record.Place]:
    """Resolve the story's toponyms together, then merge mentions of the same gazetteer entry."""
    located = [m for m in mentions if m.type == "place"]
    # Context comes from what is not itself being resolved (demonyms, acting states, organisations):
    # a place mention's own reading ("Georgia" the country) would otherwise vote for itself.
    context = sorted({m.country for m in mentions if m.country and m.type != "place" and m.country != "IGO"})
    chosen = resolve_places(list(dict.fromkeys(m.text for m in located)), context_countries=context)
    places: dict[tuple[Any, ...], record.Place] = {}
    for m in located:
        entry = chosen.get(m.text)
        if entry is None:
            continue
        key = (entry.geonameid, entry.name, entry.kind, entry.lat, entry.lon)
        place = places.get(key)
        if place is None:
            place = places[key] = record.Place(
                f"P{len(places) + 1}", entry.name, entry.kind, entry.country,  # type: ignore[arg-type]
                entry.admin1, entry.lat, entry.lon, entry.geonameid)
        place.mentions.append((m.start, m.end))
    return list(places.values())


def _prepare(story: StoryInput, clean: bool, override: tuple[dt.date | None, str | None] | None) -> _Prepared | Failure:
    raw = _as_raw(story)
    if isinstance(raw, Failure):
        return raw
    text = raw.text
    warnings = [record.Warning(code, msg) for code, msg in raw.warnings]
    published, published_at = raw.published, raw.published_at
    if clean:
        text, header_date, signoff = split_header_signoff(text)
        text = clean_text(text)
        published = published or header_date
        raw.source = raw.source or signoff
    if override is not None:
        published, published_at = override
    if not text.strip():
        return Input.NO_TEXT_AFTER_CLEANING.failure(origin=raw.origin or raw.id or "<text>")
    language = detect_language(text)
    content_hash = hashlib.sha256(text.encode("utf-8")).hexdigest()
    doc_id = raw.id or hashlib.sha256(
        (text + "\x00" + (published.isoformat() if published else "")).encode("utf-8")).hexdigest()[:16]
    document = record.Document(
        id=str(doc_id), content_hash=content_hash, title=raw.title, source=raw.source, url=raw.url,
        published=published.isoformat() if published else None, published_at=published_at,
        language=language, text=text)
    prep = _Prepared(document, warnings, published)
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
