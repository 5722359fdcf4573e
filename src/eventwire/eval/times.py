"""``eventwire eval times``: TIMEX3 detection and normalisation against TimeML gold.

Reads TimeML files (TimeBank, AQUAINT, TempEval-3 platinum: one ``.tml`` per document, or a folder
of them, searched recursively). The raw text is the text content of ``<TEXT>`` with every tag
removed, exactly as an annotator saw it, and gold offsets are computed into that string; our
extraction runs on it with ``clean=False`` so both sides count the same characters. The document
creation time (the TIMEX3 with ``functionInDocument="CREATION_TIME"``) becomes ``published``, as
relative expressions ("Tuesday", "last year") are normalised against it.

Metrics (micro-averaged over all documents):

* ``span_strict`` / ``span_relaxed``: P/R/F1 of our time expressions against gold TIMEX3 spans,
  exact offsets or one-to-one overlap (see :mod:`eventwire.eval.spans`);
* ``value_accuracy``: share of relaxed-matched pairs whose ``value`` is identical;
* ``value_f1``: TempEval-3's attribute F1: a system timex is correct when it relaxed-matches a gold
  timex *and* has the same value; P = correct / system timexes, R = correct / gold timexes;
* ``type_accuracy``: share of relaxed-matched pairs whose type agrees (our kind date/time/duration/
  set is TimeML DATE/TIME/DURATION/SET).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import timex
from ..errors import Eval
from . import EvalResult, Reference, task
from .spans import Tally, match_relaxed, match_strict, prf, ratio

KIND_TO_TYPE = {"date": "DATE", "time": "TIME", "duration": "DURATION", "set": "SET"}
TE3 = "TempEval-3 platinum test"
REFERENCES = [
    Reference("HeidelTime", "value F1", 0.776, TE3),
    Reference("SUTime", "value F1", 0.674, TE3),
    Reference("TempEval-3 systems (typical)", "span F1 relaxed", 0.90, TE3),
    Reference("TempEval-3 systems (typical)", "span F1 strict", 0.81, TE3),
]


@dataclass(frozen=True, slots=True)
class Timex:
    """One time expression, gold or ours: offsets into the document's raw text and its attributes."""

    start: int
    end: int
    value: str
    type: str  # TimeML: DATE, TIME, DURATION, SET
    text: str = ""

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


@dataclass(slots=True)
class TimeDoc:
    """A TimeML document: raw ``<TEXT>`` content, creation date and the gold TIMEX3s inside TEXT."""

    id: str
    text: str
    published: str | None  # YYYY-MM-DD of the DCT, when it has a full date
    timexes: list[Timex] = field(default_factory=list)


# ---------------------------------------------------------------- reading


def read_timeml(path: Path) -> TimeDoc:
    """Parse one ``.tml`` file; offsets count characters of the tag-free ``<TEXT>`` content.

    XML entities (``&amp;``) count as the one character they stand for. TIMEX3s that cover no text
    (TimeML's empty anchors) are left out: no system can find a span that is not there.
    """
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise Eval.TIMEML_MALFORMED.error(path=path, error=exc) from exc
    text_el = root.find(".//TEXT")
    if text_el is None:
        raise Eval.NO_TEXT_ELEMENT.error(path=path)
    published = None
    for el in root.iter("TIMEX3"):
        if el.get("functionInDocument") == "CREATION_TIME":
            span = timex.interval(el.get("value"))
            published = span.first.isoformat() if span is not None and span.precision == "day" else None
            break
    parts: list[str] = []
    timexes: list[Timex] = []
    _walk(text_el, parts, timexes, inside_root=True)
    doc_id = root.findtext("DOCID") or path.stem
    return TimeDoc(doc_id.strip(), "".join(parts), published, timexes)


def _walk(el: ET.Element, parts: list[str], timexes: list[Timex], inside_root: bool = False) -> None:
    """Append the element's text to ``parts`` in document order, noting where each TIMEX3 lies."""
    start = sum(map(len, parts))
    if el.text:
        parts.append(el.text)
    for child in el:
        _walk(child, parts, timexes)
        if child.tail:
            parts.append(child.tail)
    if el.tag == "TIMEX3" and not inside_root:
        end = sum(map(len, parts))
        if end > start:
            surface = "".join(parts)[start:end]
            timexes.append(Timex(start, end, el.get("value", ""), el.get("type", ""), surface))


def read_path(path: Path, limit: int | None = None) -> list[TimeDoc]:
    """One ``.tml`` file, or every ``.tml`` under a folder (sorted by path, so runs are repeatable)."""
    files = [path] if path.is_file() else sorted(path.rglob("*.tml"))
    if not files:
        raise Eval.NO_TML.error(path=path)
    return [read_timeml(f) for f in files[:limit]]


# ---------------------------------------------------------------- scoring


@dataclass(slots=True)
class Counts:
    """Running counts over documents; :meth:`metrics` turns them into the reported figures."""

    strict: Tally = field(default_factory=Tally)
    relaxed: Tally = field(default_factory=Tally)
    value_ok: int = 0
    type_ok: int = 0
    docs: int = 0

    def metrics(self) -> dict[str, Any]:
        r = self.relaxed
        return {
            "span_strict": self.strict.prf(),
            "span_relaxed": r.prf(),
            "value_accuracy": ratio(self.value_ok, r.tp),
            "value_f1": prf(self.value_ok, r.system, r.gold),
            "type_accuracy": ratio(self.type_ok, r.tp),
            "docs": self.docs,
        }


Error = tuple[Timex | None, Timex | None]  # (gold, ours): a miss, a spurious timex or a wrong value


def score_doc(gold: Sequence[Timex], system: Sequence[Timex], counts: Counts) -> list[Error]:
    """Add one document to ``counts``; return its errors as (gold, system) pairs for inspection.

    An error is a missed gold timex ``(g, None)``, a spurious one ``(None, s)`` or a matched pair
    whose value differs ``(g, s)``. Values are compared as strings, as TempEval-3 does.
    """
    gs, ss = [g.span for g in gold], [s.span for s in system]
    counts.docs += 1
    counts.strict.add(len(match_strict(gs, ss)), len(ss), len(gs))
    pairs = match_relaxed(gs, ss)
    counts.relaxed.add(len(pairs), len(ss), len(gs))
    errors: list[Error] = []
    for i, j in pairs:
        g, s = gold[i], system[j]
        counts.type_ok += g.type == s.type
        if g.value == s.value:
            counts.value_ok += 1
        else:
            errors.append((g, s))
    matched_g, matched_s = {i for i, _ in pairs}, {j for _, j in pairs}
    errors += [(g, None) for i, g in enumerate(gold) if i not in matched_g]
    errors += [(None, s) for j, s in enumerate(system) if j not in matched_s]
    return errors


def score(gold_docs: Sequence[TimeDoc], system: Iterable[Sequence[Timex]]) -> dict[str, Any]:
    """Metrics for documents and our timexes per document (same order): plain data, no model needed."""
    counts = Counts()
    for doc, ours in zip(gold_docs, system, strict=True):
        score_doc(doc.timexes, ours, counts)
    return counts.metrics()


def predict(docs: Sequence[TimeDoc]) -> tuple[list[list[Timex]], int]:
    """Our timexes for each document (one model load, batched), and how many documents failed."""
    from .. import extract_many
    from ..pipeline import Failure

    inputs = [{"id": d.id, "text": d.text, "published": d.published} for d in docs]
    out: list[list[Timex]] = []
    failed = 0
    for rec in extract_many(inputs, clean=False):
        if isinstance(rec, Failure):
            failed += 1
            out.append([])
            continue
        out.append([Timex(t.span[0], t.span[1], t.value, KIND_TO_TYPE.get(t.kind, t.kind.upper()), t.text)
                    for t in rec.times])
    return out, failed


@task("times")
def run(path: Path, limit: int | None) -> EvalResult:
    """Score our time expressions on the TimeML file or folder at ``path``."""
    docs = read_path(path, limit)
    system, failed = predict(docs)
    metrics = score(docs, system)
    n_gold = sum(len(d.timexes) for d in docs)
    notes = [
        "Offsets are into the tag-free <TEXT> content; extraction ran with clean=False and the DCT as the "
        "publication date.",
        "value F1 follows TempEval-3: a timex is correct when it overlaps a gold one and has the same value.",
        "References are other systems on the TempEval-3 platinum test set, not on this set.",
    ]
    if failed:
        notes.append(f"{failed} document(s) failed to extract and count as having no timexes.")
    undated = sum(d.published is None for d in docs)
    if undated:
        notes.append(f"{undated} document(s) have no full-date DCT: relative values stay underspecified.")
    return EvalResult("times", f"{path.name}, {len(docs)} docs, {n_gold} TIMEX3", metrics, list(REFERENCES), notes)
