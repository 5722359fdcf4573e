"""The one place a spaCy model is loaded and run.

Everything downstream works on the single ``Doc`` produced here, so a user who passes
``--model en_core_web_trf`` changes the whole pipeline in one place.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import islice

import numpy
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .defaults import DEFAULT_MODEL
from .errors import Model

__all__ = ["CHUNK_CHARS", "DEFAULT_MODEL", "PROGRESS_EVERY", "chunk_limit", "chunks", "load", "model_label", "parse",
           "parse_many"]

# Components we never read: skipping them is free speed (lemmas come from the lemmatizer we keep).
_UNUSED = ("textcat",)
# spaCy's parser and NER need about 1 GB of scratch memory per 100,000 characters of a batch, so
# a long story is parsed one paragraph-sized piece at a time, each at most this many characters.
log = logging.getLogger(__name__)
CHUNK_CHARS = 20_000
#: Seconds between "long story …: 40% parsed" lines (logger ``eventwire``; the CLI prints them on stderr).
PROGRESS_EVERY = 30.0
_EMPTY = numpy.zeros((0,), dtype="float32")


def load(name: str = DEFAULT_MODEL) -> Language:
    """Load (once per process) the spaCy pipeline called ``name``."""
    return _load(name)  # one cache key per name, however the caller spelled the call


@lru_cache(maxsize=4)
def _load(name: str) -> Language:
    log.info("loading model %s", name)  # a few seconds, once per process
    try:
        nlp = spacy.load(name, exclude=[p for p in _UNUSED])
    except OSError as exc:
        raise Model.NOT_LOADABLE.error(name=name) from exc
    return nlp


def model_label(nlp: Language) -> str:
    """``name version`` as recorded in the record's ``producer.model``."""
    return f"{nlp.meta.get('lang', 'en')}_{nlp.meta.get('name', '?')} {nlp.meta.get('version', '?')}"


def chunks(text: str, limit: int) -> list[str]:
    """Cut ``text`` at paragraph (then line, then space) boundaries into pieces under ``limit``.

    The pieces concatenate back to ``text`` exactly, which is what keeps offsets valid.
    """
    if len(text) <= limit:
        return [text]
    pieces: list[str] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = -1
        for pattern in (r"\n\s*\n", r"\n", r"(?<=[.!?])\s", r"\s"):
            found = [m.end() for m in re.finditer(pattern, window)]
            if found and found[-1] > limit // 4:
                cut = found[-1]
                break
        if cut <= 0:
            cut = limit
        pieces.append(text[start : start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces


def chunk_limit(nlp: Language) -> int:
    """The longest text parsed in one piece."""
    return min(nlp.max_length - 1, CHUNK_CHARS)


def parse(nlp: Language, text: str, name: str | None = None) -> Doc:
    """Parse one text, in paragraph-sized chunks when it is longer than ``chunk_limit``.

    A chunked story that takes longer than ``PROGRESS_EVERY`` seconds logs how far it is (``name`` is
    its id), so a pasted dump of a million characters does not sit silent for minutes.
    """
    parts = chunks(text, chunk_limit(nlp))
    if len(parts) == 1:
        return _lighten(nlp(text))
    docs: list[Doc] = []
    done, said = 0, False
    start = last = time.monotonic()
    for part, doc in zip(parts, nlp.pipe(parts, batch_size=1), strict=True):
        docs.append(_lighten(doc))
        done += len(part)
        if time.monotonic() - last >= PROGRESS_EVERY and done < len(text):
            log.info("long story %s: %d%% parsed (%s of %s characters)", name or "(no id)",
                     100 * done // len(text), _size(done), _size(len(text)))
            last, said = time.monotonic(), True
    if said:
        log.info("long story %s: parsed %s characters in %.0f s; running the stages", name or "(no id)",
                 _size(len(text)), time.monotonic() - start)
    return Doc.from_docs(docs, ensure_whitespace=False)


def _size(chars: int) -> str:
    """``500k``, ``1.25M``: a character count as a person reads it."""
    if chars >= 1_000_000:
        return f"{chars / 1_000_000:.3g}M"
    return f"{chars / 1000:.0f}k" if chars >= 1000 else str(chars)


def _lighten(doc: Doc) -> Doc:
    """Drop the tok2vec output kept on the doc: nothing downstream reads it, and it is 96 floats
    a token (hundreds of MB for a multi-megabyte story, copied again when chunks are merged)."""
    doc.tensor = _EMPTY
    return doc


def parse_many(nlp: Language, texts: Iterable[str], *, batch_size: int = 32,
               names: Iterable[str] | None = None) -> Iterator[Doc]:
    """Stream parsed docs in input order. The short texts of each batch go through one ``nlp.pipe``
    call together, whatever long (chunked) texts sit between them: a long story must not break
    the batch for its neighbours. ``names`` (story ids, in the same order) label progress lines."""
    limit = chunk_limit(nlp)
    it = iter(texts)
    labels = iter(names) if names is not None else None
    while batch := list(islice(it, batch_size)):
        ids: list[str | None] = list(islice(labels, len(batch))) if labels is not None else []
        ids += [None] * (len(batch) - len(ids))
        short = [t for t in batch if len(t) <= limit]
        parsed = iter([_lighten(d) for d in nlp.pipe(short, batch_size=batch_size)])
        for text, name in zip(batch, ids, strict=True):
            yield parse(nlp, text, name) if len(text) > limit else next(parsed)
