"""Reading ECB+ (CROMER XML) for ``eventwire eval coref``: texts, gold event mentions and their clusters.

Why rebuild the text from tokens with a char-offset map: the pipeline reads text, the gold marks
tokens; the map carries each gold mention onto the characters our record events point into.
Tokens are joined with single spaces (none before closing punctuation, none after opening
brackets), sentences with a line break, so a sentence of the corpus stays a line of the text.

Gold clusters follow common practice (Cybulska & Vossen 2014; Barhom et al. 2019): a
``CROSS_DOC_COREF`` relation's ``note`` is the instance shared across the corpus; an
``INTRA_DOC_COREF`` chain is an instance of its document only; a mention in no relation is a
singleton. Only the event mentions (``ACTION_*``, ``NEG_*`` with anchors) of the validated sentences
(``ECBplus_coreference_sentences.csv``) are scored.
"""

from __future__ import annotations

import csv
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

_NO_SPACE_BEFORE = frozenset({",", ".", ":", ";", "?", "!", ")", "]", "}", "%", "'s", "n't", "'", "''", "'re",
                              "'ve", "'ll", "'d", "'m", "...", "’s"})
_NO_SPACE_AFTER = frozenset({"(", "[", "{", "``", "$", "#"})
_DOC_NAME = re.compile(r"^(\d+)_(\d+ecb(?:plus)?)\.xml$")


@dataclass(frozen=True, slots=True)
class GoldMention:
    """One gold event mention: its document, sentence, char span in the rebuilt text and gold cluster."""

    key: str  # "<doc>#<m_id>"
    doc: str
    topic: str
    sentence: int
    start: int
    end: int
    text: str
    sentence_text: str
    cluster: str
    tag: str


@dataclass(slots=True)
class EcbDoc:
    """One ECB+ text, rebuilt: the text, its sentences' char spans, and the scored gold event mentions."""

    id: str  # file name without .xml, e.g. "2_1ecb"
    topic: str
    text: str
    sentences: dict[int, tuple[int, int]] = field(default_factory=dict)
    mentions: list[GoldMention] = field(default_factory=list)
    # Time, place and participant mentions of the validated sentences (tag kind → char spans).
    components: dict[str, list[tuple[int, int, int]]] = field(default_factory=dict)


def validated(path: Path) -> dict[str, set[int]]:
    """Document id ("2_1ecb") → its validated sentence numbers."""
    out: dict[str, set[int]] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            out.setdefault(f"{row['Topic']}_{row['File']}", set()).add(int(row["Sentence Number"]))
    return out


def _rebuild(root: ET.Element) -> tuple[str, dict[str, tuple[int, int, int]], dict[int, tuple[int, int]]]:
    """The text, token id → (start, end, sentence), sentence → (start, end)."""
    parts: list[str] = []
    pos = 0
    offsets: dict[str, tuple[int, int, int]] = {}
    sentences: dict[int, tuple[int, int]] = {}
    prev_sentence: int | None = None
    prev_word = ""
    for tok in root.iter("token"):
        word = (tok.text or "").strip() or "_"
        sent = int(tok.get("sentence", "0"))
        if prev_sentence is None:
            sep = ""
        elif sent != prev_sentence:
            sep = "\n"
        elif word in _NO_SPACE_BEFORE or prev_word in _NO_SPACE_AFTER:
            sep = ""
        else:
            sep = " "
        parts.append(sep)
        pos += len(sep)
        offsets[tok.get("t_id", "")] = (pos, pos + len(word), sent)
        s = sentences.get(sent)
        sentences[sent] = (s[0] if s else pos, pos + len(word))
        parts.append(word)
        pos += len(word)
        prev_sentence, prev_word = sent, word
    return "".join(parts), offsets, sentences


def _instances(root: ET.Element, doc: str) -> dict[str, str]:
    """Mention m_id → gold instance id, from the cross- and within-document relations."""
    out: dict[str, str] = {}
    relations = root.find("Relations")
    if relations is None:
        return out
    for rel in relations:
        target = rel.find("target")
        if target is None:
            continue
        if rel.tag == "CROSS_DOC_COREF":
            instance = rel.get("note") or f"{doc}/{target.get('m_id')}"
        elif rel.tag == "INTRA_DOC_COREF":
            instance = f"{doc}/{target.get('m_id')}"
        else:
            continue
        for src in rel.findall("source"):
            out[src.get("m_id", "")] = instance
    return out


_COMPONENTS = {"TIME": "time", "LOC": "place", "HUMAN": "human", "NON": "thing"}


def read_doc(path: Path, sentences_ok: set[int] | None) -> EcbDoc:
    """One CROMER file; ``sentences_ok`` None keeps every sentence (a file missing from the csv)."""
    root = ET.parse(path).getroot()
    doc_id = path.name.removesuffix(".xml")
    m = _DOC_NAME.match(path.name)
    topic = m.group(1) if m else path.parent.name
    text, offsets, sentences = _rebuild(root)
    out = EcbDoc(doc_id, topic, text, sentences)
    instances = _instances(root, doc_id)
    markables = root.find("Markables")
    for mark in markables if markables is not None else []:
        anchors = [offsets[a.get("t_id", "")] for a in mark.findall("token_anchor") if a.get("t_id") in offsets]
        if not anchors:
            continue
        sent = anchors[0][2]
        if sentences_ok is not None and sent not in sentences_ok:
            continue
        start, end = min(a[0] for a in anchors), max(a[1] for a in anchors)
        if mark.tag.startswith(("ACTION_", "NEG_")):
            mid = mark.get("m_id", "")
            key = f"{doc_id}#{mid}"
            s0, s1 = sentences[sent]
            words = " ".join(text[a[0]:a[1]] for a in sorted(anchors))
            out.mentions.append(GoldMention(key, doc_id, topic, sent, start, end, words, text[s0:s1],
                                            instances.get(mid, key), mark.tag))
        else:
            kind = _COMPONENTS.get(mark.tag.split("_")[0])
            if kind:
                out.components.setdefault(kind, []).append((start, end, sent))
    return out


def read_corpus(path: Path, topics: set[str] | None = None) -> list[EcbDoc]:
    """Every document under ``path`` (``docs/<topic>/*.xml``), or of the listed topics, in a stable order."""
    csv_path = path / "ECBplus_coreference_sentences.csv"
    ok = validated(csv_path) if csv_path.exists() else None
    root = path / "docs" if (path / "docs").is_dir() else path
    files = sorted(root.rglob("*.xml"), key=lambda p: (_topic_key(p), p.name))
    docs = []
    for f in files:
        m = _DOC_NAME.match(f.name)
        if not m or (topics is not None and m.group(1) not in topics):
            continue
        name = f.name.removesuffix(".xml")
        if ok is not None and name not in ok:
            continue  # no validated sentence: nothing of it is scored
        docs.append(read_doc(f, ok.get(name) if ok is not None else None))
    return docs


def _topic_key(p: Path) -> tuple[int, str]:
    m = _DOC_NAME.match(p.name)
    return (int(m.group(1)) if m else 0, p.name)
