"""``eventwire eval coref``: cross-document event coreference on ECB+, with the store's clusterer.

The texts are rebuilt from their tokens (``coref_read``), the pipeline runs on all of them in one
batch (ECB+ has no creation date: publication unknown), and every gold event mention of the validated
sentences ("gold mentions") becomes a ``stories.mention.Mention``: the head stem of the mention's
words, the terms of its sentence and, when ``SOURCES`` asks, from the record the event whose trigger
overlaps it (type, mode, date, place, parties) and the participants, places and dates named in its
sentence. On the train topics none of the record's fields helped (``SOURCES``), so by default the
record serves the one-a-day baseline only. Documents
are grouped by predicted document clusters (``stories.documents``, TF-IDF; gold topics are never
used), and all mentions of the run are clustered together by ``stories.cluster.Clusterer``, so the
figure measures what the store does.

Metrics: MUC, B³, CEAF-e and the CoNLL F1 (``coref_metrics``), singletons included; baselines: same
head lemma (one cluster per lemma across the run) and one-a-day (one cluster per (day, type, actors)
as Phoenix de-duplicates; ECB+ has no day, so the day is one unknown value for all and only
(type, actors) separate; a mention with no pipeline event is a singleton).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from .. import timex
from ..errors import Eval
from ..stories.cluster import cluster_all
from ..stories.documents import document_groups
from ..stories.mention import Mention, Place, from_record
from ..stories.score import Weights
from ..stories.text import head, head_base, terms
from . import EvalResult, Reference, task
from .coref_metrics import conll
from .coref_read import EcbDoc, GoldMention, read_corpus

DEV_TOPICS = ("2", "5", "12", "18", "21", "23", "34", "35")
#: What of a record a mention takes: the overlapping event's fields, the sentence's participants,
#: places and dates. Measured on the train topics (docs/accuracy.md): none helped (the event's
#: fields and the sentence's places and dates cost 0.2–1.3 points, participants changed nothing),
#: so none is on: ECB+ mentions are clustered on their head stem, sentence and document group.
SOURCES: frozenset[str] = frozenset()
ALL_SOURCES = frozenset({"event", "participants", "places", "times"})
TEST = "ECB+ test topics 36–45, gold mentions"
REFERENCES = [
    Reference("same head lemma (Upadhyay et al. 2016)", "CoNLL F1", 0.62, TEST),
    Reference("lemma + time (Bugert et al. 2021)", "CoNLL F1", 0.74, TEST),
    Reference("feature-based (Bugert et al. 2021)", "CoNLL F1", 0.75, TEST),
    Reference("neural, gold doc clusters (Barhom et al. 2019)", "CoNLL F1", 0.79, TEST),
    Reference("neural (Held et al. 2021)", "CoNLL F1", 0.86, TEST),
]


def extract(docs: Sequence[EcbDoc]) -> dict[str, dict[str, Any]]:
    """Run the pipeline once over every text; document id → record dict (a failed text has none)."""
    from .. import extract_many
    from ..record import Record

    out: dict[str, dict[str, Any]] = {}
    inputs = [{"id": d.id, "text": d.text} for d in docs]
    for d, rec in zip(docs, extract_many(inputs, clean=False), strict=True):
        if isinstance(rec, Record):
            out[d.id] = rec.to_dict()
    return out


def _overlaps(a: Sequence[int], start: int, end: int) -> bool:
    return a[0] < end and start < a[1]


def _within(spans: Iterable[Sequence[int]], s0: int, s1: int) -> bool:
    return any(s0 <= sp[0] and sp[1] <= s1 for sp in spans)


def _event_of(record: Mapping[str, Any], g: GoldMention) -> str | None:
    """The record event whose trigger (or one of its mentions) overlaps the gold mention."""
    for e in record.get("events", []):
        spans = [(e.get("trigger") or {}).get("span"), *(e.get("mentions") or [])]
        if any(sp and _overlaps(sp, g.start, g.end) for sp in spans):
            return str(e["id"])
    return None


def mentions_of(doc: EcbDoc, record: Mapping[str, Any] | None, group: str | None = None,
                sources: frozenset[str] = SOURCES) -> list[Mention]:
    """Each scored gold mention of ``doc`` as a ``Mention`` built from the pipeline's record."""
    by_event = {m.event: m for m in from_record(record)} if record and "event" in sources else {}
    out = []
    for g in doc.mentions:
        base = Mention(key=g.key, doc=g.doc, event=g.key.rsplit("#", 1)[1], published=None)
        eid = _event_of(record, g) if record else None
        if eid is not None and eid in by_event:
            base = replace(by_event[eid], key=base.key, event=base.event)
        base = replace(base, lemma=head(g.text), base=head_base(g.text), terms=terms(g.sentence_text),
                       sentence=g.sentence_text, group=group, published=None)
        if record:
            base = _sentence_fields(base, record, doc.sentences[g.sentence], sources)
        out.append(base)
    return out


def _sentence_fields(m: Mention, record: Mapping[str, Any], sentence: tuple[int, int],
                     sources: frozenset[str]) -> Mention:
    """Participants, place and date named in the mention's sentence, where the event gave none."""
    s0, s1 = sentence
    if "participants" in sources:
        named = frozenset(str(a.get("name") or a["id"]).casefold() for a in record.get("actors", [])
                          if _within(a.get("mentions") or [], s0, s1))
        if named:
            m = replace(m, actors=m.actors | named)
    if "places" in sources and m.place is None:
        for p in record.get("places", []):
            if _within(p.get("mentions") or [], s0, s1):
                m = replace(m, place=Place(p["name"], p.get("country"), p.get("lat"), p.get("lon"), p.get("kind")))
                break
    if "times" in sources and m.date_start is None:
        for t in record.get("times", []):
            span = timex.interval(t.get("value")) if _within([t.get("span") or (0, 0)], s0, s1) else None
            if span is not None:
                start, end = span.iso()
                m = replace(m, date_start=start, date_end=end, precision=t.get("precision") or span.precision)
                break
    return m


def build(docs: Sequence[EcbDoc], records: Mapping[str, Mapping[str, Any]], *, groups: bool = True,
          threshold: float | None = None, sources: frozenset[str] = SOURCES) -> list[Mention]:
    """Every scored gold mention of ``docs`` as a ``Mention`` (with predicted document groups)."""
    kw = {} if threshold is None else {"threshold": threshold}
    group = document_groups({d.id: d.text for d in docs}, **kw) if groups else {}
    out: list[Mention] = []
    for d in docs:
        out.extend(mentions_of(d, records.get(d.id), group.get(d.id), sources))
    return out


def lemma_baseline(mentions: Iterable[Mention]) -> dict[str, str]:
    """Same head lemma (its base word, ``stories.text.base``) = one cluster, across the whole run."""
    out = {}
    for m in mentions:
        word = m.base or m.lemma
        out[m.key] = f"l:{word}" if word else m.key
    return out


def one_a_day(mentions: Iterable[Mention]) -> dict[str, str]:
    """One cluster per (day, type, actors), as Phoenix de-duplicates; no day in ECB+ (one value)."""
    out = {}
    for m in mentions:
        if m.type is None:
            out[m.key] = m.key
        else:
            out[m.key] = f"{m.date_start}|{m.type}|{'+'.join(sorted(m.actors))}"
    return out


def score(docs: Sequence[EcbDoc], mentions: Sequence[Mention], weights: Weights | None = None,
          coded: Sequence[Mention] | None = None) -> tuple[dict[str, Any], dict[str, Any]]:
    """Metrics of the clusterer and of both baselines against the gold clusters; ``coded`` are the
    mentions with their record events' fields, for one-a-day (default: ``mentions``)."""
    key = {g.key: g.cluster for d in docs for g in d.mentions}
    predicted = cluster_all(mentions, weights)
    metrics = conll(key, predicted)
    baselines = {"lemma": conll(key, lemma_baseline(mentions)),
                 "one_a_day": conll(key, one_a_day(coded if coded is not None else mentions))}
    return metrics, baselines


def parse_topics(topics: str | Sequence[str] | None) -> set[str] | None:
    """"2,5,12" (or a list) → {"2", "5", "12"}; None or empty → every topic."""
    if topics is None:
        return None
    items = topics.split(",") if isinstance(topics, str) else list(topics)
    out = {t.strip() for t in items if t.strip()}
    return out or None


@task("coref")
def evaluate(path: Path, limit: int | None = None, topics: str | Sequence[str] | None = None) -> EvalResult:
    chosen = parse_topics(topics)
    docs = read_corpus(path, chosen)
    if not docs:
        listed = f" for topics {','.join(sorted(chosen, key=lambda t: (len(t), t)))}" if chosen else ""
        raise Eval.NO_ECB_DOCS.error(path=path, topics=listed)
    if limit is not None:
        docs = docs[:limit]
    records = extract(docs)
    mentions = build(docs, records)
    coded = build(docs, records, groups=False, sources=frozenset({"event"}))
    metrics, baselines = score(docs, mentions, coded=coded)
    found = sorted({d.topic for d in docs}, key=int)
    n_clusters = len({g.cluster for d in docs for g in d.mentions})
    dev = set(found) <= set(DEV_TOPICS)
    label = "dev" if dev else "dev+train" if set(DEV_TOPICS) & set(found) else "train"
    dataset = (f"ECB+ ({label}) topics {','.join(found)}: {len(docs)} texts, {len(mentions)} gold event mentions, "
               f"{n_clusters} gold clusters")
    notes = [
        "Gold mentions of the validated sentences; singletons included; no gold topics: documents grouped by "
        "predicted TF-IDF document clusters (stories.documents), all mentions clustered together by "
        "stories.cluster.Clusterer.",
        "one_a_day: one cluster per (day, type, actors); ECB+ has no publication date, so every event's day is "
        "the same unknown value; a mention without a pipeline event is a singleton.",
        f"{len(docs) - len(records)} text(s) failed to extract; their mentions keep lemma and sentence terms only.",
    ]
    return EvalResult("coref", dataset, metrics, REFERENCES, notes, baselines=baselines)
