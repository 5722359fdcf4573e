"""``eventwire eval entities``: actor and place mentions as PER/LOC/ORG against CoNLL-2003.

eventwire has no NER output of its own: it resolves mentions into actors and places. To compare
with CoNLL-2003 (Reuters, IOB1 columns) the scorer maps them back to NER labels — a documented
projection, not what eventwire is built for, so the figure is a floor for its mention finding:

* actor ``person`` → PER; ``organization`` and ``group`` → ORG; ``country`` → LOC (CoNLL tags a
  country name as LOC even where it acts: "Russia said");
* place → LOC;
* only *named* mentions: pronouns and lower-case descriptions ("he", "the ministry") are no
  CoNLL entities, so a mention needs a word starting with a capital letter;
* MISC is not scored (eventwire has no such class).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Eval
from . import EvalResult, Reference, task
from .spans import Tally, match_relaxed, match_strict

LABELS = ("PER", "LOC", "ORG")
KIND_LABEL = {"person": "PER", "organization": "ORG", "group": "ORG", "country": "LOC"}
PRONOUNS = {"i", "me", "he", "him", "she", "her", "it", "we", "us", "they", "them", "his", "its", "their", "our",
            "you", "who", "whom", "this", "that"}

Labelled = tuple[int, int, str]  # start, end, label


@dataclass(slots=True)
class NerDoc:
    text: str  # tokens joined by spaces, sentences by newlines
    entities: list[Labelled] = field(default_factory=list)  # gold PER/LOC/ORG (MISC dropped)


Sentence = list[tuple[str, str]]  # (token, IOB1 tag)


def build_doc(sentences: Sequence[Sentence]) -> NerDoc:
    """Text (tokens joined by spaces, sentences by newlines) and gold spans of one document.

    IOB1: ``I-X`` continues an entity of type X, ``B-X`` starts a new one right after another X.
    """
    doc = NerDoc("")
    lines: list[str] = []
    pos = 0
    for sent in sentences:
        current: list[Any] | None = None  # [start, end, label]
        for token, tag in sent:
            start = pos
            pos += len(token) + 1  # the space (or the newline after the last token)
            label = tag[2:] if tag[:2] in ("I-", "B-") else None
            if current and label == current[2] and not tag.startswith("B-"):
                current[1] = start + len(token)
                continue
            if current and current[2] in LABELS:
                doc.entities.append((current[0], current[1], current[2]))
            current = [start, start + len(token), label] if label else None
        if current and current[2] in LABELS:
            doc.entities.append((current[0], current[1], current[2]))
        lines.append(" ".join(token for token, _ in sent))
    doc.text = "\n".join(lines)
    return doc


def read_conll(path: Path, limit: int | None = None) -> list[NerDoc]:
    """Documents of a CoNLL-2003 file (or every file in a folder), split at ``-DOCSTART-``."""
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    grouped: list[list[Sentence]] = []
    for f in files:
        doc: list[Sentence] = []
        sent: Sentence = []
        for line in [*f.read_text(encoding="utf-8").splitlines(), ""]:
            cols = line.split()
            if cols and cols[0] == "-DOCSTART-":
                grouped.append(doc)
                doc = []
            elif cols:
                sent.append((cols[0], cols[-1]))
            elif sent:
                doc.append(sent)
                sent = []
        grouped.append(doc)
    docs = [build_doc(d) for d in grouped if d]
    if not docs:
        raise Eval.NO_CONLL.error(path=path)
    return docs[:limit] if limit is not None else docs


def _named(text: str) -> bool:
    words = text.split()
    return bool(words) and text.lower() not in PRONOUNS and any(w[:1].isupper() for w in words)


def predictions(rec: Any) -> list[Labelled]:
    """PER/LOC/ORG spans of one ``Record`` by the mapping above; one label per span, actors first."""
    text = rec.document.text
    out: dict[tuple[int, int], str] = {}
    for actor in rec.actors:
        for s, e in actor.mentions:
            if _named(text[s:e]):
                out.setdefault((s, e), KIND_LABEL[actor.kind])
    for place in rec.places:
        for s, e in place.mentions:
            if _named(text[s:e]):
                out.setdefault((s, e), "LOC")
    return sorted((s, e, lab) for (s, e), lab in out.items())


def score(docs: Sequence[NerDoc], preds: Sequence[Sequence[Labelled]]) -> dict[str, Any]:
    """Per-label and micro P/R/F1, strict (same offsets and label) and relaxed (overlap, same label),
    plus label-blind span F1 (did we find the name at all, whatever we called it)."""
    tallies: dict[str, Tally] = {}
    for doc, pred in zip(docs, preds, strict=True):
        for mode, match in (("strict", match_strict), ("relaxed", match_relaxed)):
            for label in LABELS:
                g = [(s, e) for s, e, lab in doc.entities if lab == label]
                p = [(s, e) for s, e, lab in pred if lab == label]
                tp = len(match(g, p))
                tallies.setdefault(f"{label}_{mode}", Tally()).add(tp, len(p), len(g))
                tallies.setdefault(f"micro_{mode}", Tally()).add(tp, len(p), len(g))
            g_all = [(s, e) for s, e, _ in doc.entities]
            p_all = [(s, e) for s, e, _ in pred]
            tallies.setdefault(f"untyped_{mode}", Tally()).add(len(match(g_all, p_all)), len(p_all), len(g_all))
    order = [f"{name}_{mode}" for mode in ("strict", "relaxed") for name in ("micro", *LABELS, "untyped")]
    return {key: tallies[key].prf() for key in order if key in tallies}


REFERENCES = [
    Reference("spaCy en_core_web_trf (RoBERTa)", "entity F1 (PER/LOC/ORG/MISC)", 0.916, "CoNLL-2003 eng.testb"),
    Reference("Stanza", "entity F1 (PER/LOC/ORG/MISC)", 0.921, "CoNLL-2003 eng.testb"),
    Reference("Flair", "entity F1 (PER/LOC/ORG/MISC)", 0.931, "CoNLL-2003 eng.testb"),
]


@task("entities")
def run(path: Path, limit: int | None) -> EvalResult:
    """Extract each rebuilt document (``clean=False``, no date) and score the projected mentions."""
    from .. import extract_many
    from ..pipeline import Failure

    docs = read_conll(path, limit)
    preds: list[list[Labelled]] = []
    failed = 0
    for rec in extract_many(({"text": d.text} for d in docs), clean=False):
        if isinstance(rec, Failure):
            failed += 1
            preds.append([])
        else:
            preds.append(predictions(rec))
    notes = [
        "Mapping: actor person→PER, organization/group→ORG, country→LOC; place→LOC; only mentions with a "
        "capitalised word (no pronouns or descriptions); MISC not scored. strict = same offsets and label, "
        "relaxed = overlapping span with the same label, one-to-one; untyped ignores the label.",
        "eventwire finds the actors and places of political news, not every name (sports teams, MISC): "
        "a floor for its mention finding, not an NER score. References are NER systems on eng.testb with MISC.",
    ]
    if failed:
        notes.append(f"{failed} document(s) failed extraction and count as no predictions.")
    n_ent = sum(len(d.entities) for d in docs)
    dataset = f"CoNLL-2003 ({path.name}), {len(docs)} docs, {n_ent} PER/LOC/ORG entities"
    return EvalResult("entities", dataset, score(docs, preds), list(REFERENCES), notes)
