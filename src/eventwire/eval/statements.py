"""``eventwire eval statements``: attribution (source, cue, content) against PolNeAR brat standoff.

PolNeAR (Newell et al., LREC 2018) annotates every attribution of political news as Source, Cue
and Content spans tied together by an ``Attribution`` (or ``Attribution-no-source``) event. The
scorer is split in two so its arithmetic can be tested without the model: :func:`read_brat` turns
a folder into :class:`GoldDoc` values and :func:`score` compares them with plain
:class:`PredStatement` values; :func:`run` only glues the two to :func:`eventwire.extract_many`.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Eval
from . import EvalResult, Reference, task
from .spans import Tally, match_relaxed, match_strict, overlap, ratio

Span = tuple[int, int]

QUOTES = "\"“”„‟«»‘’‚‛'`"
_LEADING_THAT = re.compile(r"that\s+", re.IGNORECASE)
_ANNOTATOR = re.compile(r"^(?P<stem>.+)_(?P<annotator>[0-9a-f]{4})$")


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    """One gold attribution; ``source`` is ``None`` for PolNeAR's ``Attribution-no-source``."""

    cue: Span | None
    source: Span | None
    contents: tuple[Span, ...]  # PolNeAR's Content, Content2… (a quote split around its cue)


@dataclass(slots=True)
class GoldDoc:
    name: str
    text: str
    published: str | None
    annotator: str | None
    attributions: list[GoldAttribution] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class PredStatement:
    """The parts of an eventwire statement the scorer looks at (plain data, no model needed)."""

    span: Span
    cue: Span | None
    speaker: Span | None
    direct: bool


# ---------------------------------------------------------------- reading brat standoff


def _covering(fragments: str) -> Span:
    """``start end;start end`` → the covering span (a discontinuous span counts as its cover)."""
    bounds = [tuple(int(x) for x in frag.split()) for frag in fragments.split(";")]
    return min(b[0] for b in bounds), max(b[1] for b in bounds)


def parse_ann(ann: str) -> list[GoldAttribution]:
    """Attributions of one ``.ann`` file: E lines typed ``Attribution*`` and the T spans they name.

    Discard/Discuss entities and attributions with neither cue nor content are ignored.
    """
    spans: dict[str, tuple[str, Span]] = {}
    events: list[tuple[str, list[tuple[str, str]]]] = []
    for line in ann.splitlines():
        cols = line.split("\t")
        if len(cols) < 2:
            continue
        if cols[0].startswith("T"):
            label, _, frags = cols[1].partition(" ")
            spans[cols[0]] = (label, _covering(frags))
        elif cols[0].startswith("E"):
            parts = [p.split(":", 1) for p in cols[1].split() if ":" in p]
            events.append((parts[0][0] if parts else "", [(r, t) for r, t in parts[1:]]))
    out = []
    for etype, args in events:
        if not etype.startswith("Attribution"):
            continue
        cue = source = None
        contents: list[Span] = []
        for role, tid in args:
            if tid not in spans:
                continue
            span = spans[tid][1]
            if role.startswith("Content"):
                contents.append(span)
            elif role.startswith("Cue"):
                cue = span
            elif role.startswith("Source") and etype == "Attribution":
                source = span
        if cue or contents:
            out.append(GoldAttribution(cue, source, tuple(contents)))
    return out


def _metadata(start: Path) -> dict[str, str]:
    """filename → publication date from the nearest ``metadata.tsv`` (the folder or up to two above)."""
    for folder in [start, *list(start.parents)[:3]]:
        meta = folder / "metadata.tsv"
        if meta.is_file():
            with meta.open(encoding="utf-8", newline="") as fh:
                rows = csv.DictReader(fh, delimiter="\t")
                return {row["filename"]: row.get("publication_date") or "" for row in rows}
    return {}


def _find_text(ann: Path, stem: str) -> Path | None:
    for folder in (ann.parent, ann.parent.parent / "text", ann.parent / "text"):
        if (folder / f"{stem}.txt").is_file():
            return folder / f"{stem}.txt"
    return None


def read_brat(path: Path, limit: int | None = None) -> list[GoldDoc]:
    """Gold documents under ``path`` (a folder, searched recursively, or one ``.ann`` file).

    A file ``<article>_<id>.ann`` is annotator ``<id>``'s work on ``<article>.txt`` (in the same
    folder or a sibling ``text/``); when an article has several, the lowest id is gold, as the
    PolNeAR release prescribes. Texts are read with ``newline=""``: brat counts a ``\\r\\n`` as two characters.
    """
    anns = [path] if path.is_file() else sorted(path.rglob("*.ann"))
    if not anns:
        raise Eval.NO_ANN.error(path=path)
    chosen: dict[str, tuple[str, Path]] = {}
    for ann in anns:
        m = _ANNOTATOR.match(ann.stem)
        stem, annot = (m["stem"], m["annotator"]) if m else (ann.stem, "")
        if annot and _find_text(ann, stem) is None and _find_text(ann, ann.stem) is not None:
            stem, annot = ann.stem, ""  # the suffix was part of the article's own name
        if stem not in chosen or int(annot or "0", 16) < int(chosen[stem][0] or "0", 16):
            chosen[stem] = (annot, ann)
    meta = _metadata(path if path.is_dir() else path.parent)
    docs = []
    for stem in sorted(chosen):
        annot, ann = chosen[stem]
        txt = _find_text(ann, stem)
        if txt is None:
            raise Eval.ANN_WITHOUT_TEXT.error(path=ann, stem=stem)
        with txt.open(encoding="utf-8", newline="") as fh:
            text = fh.read()
        attributions = parse_ann(ann.read_text(encoding="utf-8"))
        docs.append(GoldDoc(stem, text, meta.get(stem) or None, annot or None, attributions))
        if limit is not None and len(docs) >= limit:
            break
    return docs


# ---------------------------------------------------------------- scoring


def normalise_content(text: str, span: Span) -> Span:
    """Drop what eventwire's contents leave out: a leading "that", quotation marks, edge spaces and
    final , . ; : — so "exact" compares the claim itself, not the two projects' conventions."""
    start, end = span
    while True:
        before = (start, end)
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        m = _LEADING_THAT.match(text, start, end)
        if m:
            start = m.end()
        while start < end and text[start] in QUOTES:
            start += 1
        while end > start and (text[end - 1] in QUOTES or text[end - 1] in ".,;:"):
            end -= 1
        if (start, end) == before:
            return start, end


def is_direct(text: str, span: Span) -> bool:
    """Gold content is a direct quote when it opens with a quotation mark (after an optional
    "that"), or sits right after an opening mark outside the span (annotators who left the marks
    out). A content that only *ends* in a quote ("said she wanted to “keep it quiet.”") is a mixed
    report and counts as indirect, as eventwire labels it."""
    start, end = span
    head = text[start:end].lstrip()
    m = _LEADING_THAT.match(head)
    if m:
        head = head[m.end():]
    if head[:1] in QUOTES or head[:2] == "''":
        return True
    left = text[:start].rstrip(" ")
    return bool(left) and left[-1] in "\"“«‘'"


def _distinct(spans: Iterable[Span | None]) -> list[Span]:
    return sorted({tuple(s) for s in spans if s is not None})  # type: ignore[misc]


def score(docs: Sequence[GoldDoc], preds: Sequence[Sequence[PredStatement]]) -> dict[str, Any]:
    """All statement metrics over documents and the predictions for each (same order).

    Cues, sources and contents are each counted once per distinct span on both sides, matched
    one-to-one per document. Speaker accuracy: of the gold contents matched (overlap) by one of
    ours whose gold attribution has a source, the share where our speaker span overlaps it.
    """
    tallies: dict[str, Tally] = {}

    def add(key: str, tp: int, n_pred: int, n_gold: int) -> None:
        tallies.setdefault(key, Tally()).add(tp, n_pred, n_gold)

    match = {"exact": match_strict, "overlap": match_relaxed}

    speaker_ok = speaker_n = label_ok = label_n = 0
    for doc, pred in zip(docs, preds, strict=True):
        text = doc.text
        gold_cues = _distinct(a.cue for a in doc.attributions)
        gold_sources = _distinct(a.source for a in doc.attributions)
        gold_contents = _distinct(c for a in doc.attributions for c in a.contents)
        sources_of: dict[Span, list[Span]] = {}
        for a in doc.attributions:
            for c in a.contents:
                sources_of.setdefault(c, []).extend([a.source] if a.source else [])
        pred_cues = _distinct(p.cue for p in pred)
        pred_sources = _distinct(p.speaker for p in pred)
        pred_contents = [p.span for p in pred]
        for name, gold, ours in (("cue", gold_cues, pred_cues), ("source", gold_sources, pred_sources)):
            for mode in ("exact", "overlap"):
                add(f"{name}_{mode}", len(match[mode](gold, ours)), len(ours), len(gold))
        norm_gold = [normalise_content(text, g) for g in gold_contents]
        norm_pred = [normalise_content(text, p) for p in pred_contents]
        add("content_exact", len(match_strict(norm_gold, norm_pred)), len(pred), len(gold_contents))
        matched = match_relaxed(gold_contents, pred_contents)
        add("content_overlap", len(matched), len(pred), len(gold_contents))
        gold_direct = [is_direct(text, g) for g in gold_contents]
        for i, j in matched:
            label_n += 1
            label_ok += gold_direct[i] == pred[j].direct
            sources = sources_of.get(gold_contents[i], [])
            if sources:
                speaker_n += 1
                sp = pred[j].speaker
                speaker_ok += sp is not None and any(overlap(sp, s) > 0 for s in sources)
        for kind, want in (("direct", True), ("indirect", False)):
            g_idx = [i for i, d in enumerate(gold_direct) if d == want]
            p_idx = [j for j, p in enumerate(pred) if p.direct == want]
            pairs = match_relaxed([gold_contents[i] for i in g_idx], [pred_contents[j] for j in p_idx])
            add(f"{kind}_overlap", len(pairs), len(p_idx), len(g_idx))
    metrics: dict[str, Any] = {key: t.prf() for key, t in tallies.items()}
    metrics["speaker_accuracy"] = {"value": ratio(speaker_ok, speaker_n), "n": speaker_n}
    metrics["direct_label_accuracy"] = {"value": ratio(label_ok, label_n), "n": label_n}
    return metrics


def predictions(rec: Any) -> list[PredStatement]:
    """The scorer's view of one ``Record`` (any object with eventwire ``statements``)."""
    return [PredStatement(tuple(s.span), tuple(s.cue.span) if s.cue else None,
                          tuple(s.speaker_span) if s.speaker_span else None, bool(s.direct))
            for s in rec.statements]


REFERENCES = [
    Reference("BBC Citron", "cue exact F1", 0.823, "PARC 3.0 test"),
    Reference("BBC Citron", "source exact F1", 0.820, "PARC 3.0 test"),
    Reference("BBC Citron", "content exact F1", 0.593, "PARC 3.0 test"),
    Reference("Gender Gap Tracker", "quote F1", 0.837, "GGT's own annotated news set"),
    Reference("Gender Gap Tracker", "speaker accuracy", 0.865, "GGT's own annotated news set"),
]


@task("statements")
def run(path: Path, limit: int | None) -> EvalResult:
    """Extract every gold text with ``clean=False`` (offsets identical to the gold) and score it."""
    from .. import extract_many
    from ..pipeline import Failure

    docs = read_brat(path, limit)
    inputs = ({"id": d.name, "text": d.text, "published": d.published} for d in docs)
    preds: list[list[PredStatement]] = []
    failed = 0
    for rec in extract_many(inputs, clean=False):
        if isinstance(rec, Failure):
            failed += 1
            preds.append([])
        else:
            preds.append(predictions(rec))
    metrics = score(docs, preds)
    n_att = sum(len(d.attributions) for d in docs)
    notes = [
        "Gold: per article the .ann of the lowest annotator id; a discontinuous span counts as its covering "
        "span; Attribution-no-source counts for cue and content only. "
        "Spans matched one-to-one per document (eval/spans.py: strict, relaxed); "
        "cues, sources and contents counted once per distinct span.",
        "content_exact strips, on both sides, a leading 'that', quotation marks and a final , . ; : "
        "(PolNeAR contents keep them, eventwire's do not); overlap = any shared character.",
        "speaker_accuracy: of gold contents matched (overlap) whose attribution has a source, the share where "
        "our speaker_span overlaps that source (no speaker = wrong).",
        "direct/indirect: gold content is direct when it opens with a quotation mark (after an optional 'that') "
        "or follows an opening mark; a content that only ends in a quote is indirect (mixed). Each class is "
        "matched (overlap) against our statements of the same 'direct' value.",
        "References are other systems on other sets (PARC 3.0, GGT's set), shown for scale only.",
    ]
    if failed:
        notes.append(f"{failed} document(s) failed extraction and count as no predictions.")
    dataset = f"PolNeAR ({path.name}), {len(docs)} articles, {n_att} attributions"
    return EvalResult("statements", dataset, metrics, list(REFERENCES), notes)
