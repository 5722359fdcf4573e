"""Incremental clustering of event mentions into story events.

One mention at a time: the index proposes candidate clusters by blocking (shared keys, overlapping
date windows: ``score.block_keys``/``score.window``), the mention is scored against each candidate's
members (the mean pair score, vetoed by ``score.never_merge``), and it joins the best cluster at or
above the threshold or opens a new one. When it also reaches a second cluster and the two clusters
agree with each other, they merge and the older id survives. The same ``Clusterer`` runs over
``MemoryIndex`` (the eval, benchmarks, ``cluster`` windows) and over the store's SQLite index
(``eventwire.store.stories``), so eval figures measure what the store does.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

from .mention import Mention
from .score import Idf, Weights, block_keys, compatible, default_weights, pair_score, window

#: At most this many members of a cluster are scored against a newcomer (the most recent ones).
SAMPLE = 20


def story_id(founder: Mention) -> str:
    """A story event's id, from its founding mention: re-clustering from scratch gives the same ids."""
    return "S" + hashlib.sha1(founder.key.encode("utf-8")).hexdigest()[:12]


@dataclass(slots=True)
class Cluster:
    """A candidate cluster as the index hands it over: ``order`` is its age (smaller is older)."""

    id: str
    order: int
    members: list[Mention] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Decision:
    cluster: str
    score: float | None  # None when the mention opened the cluster
    merged: tuple[str, ...] = ()  # ids merged into ``cluster``


class Index(Protocol):
    def candidates(self, m: Mention) -> list[Cluster]: ...
    def open(self, m: Mention) -> str: ...
    def join(self, cluster: str, m: Mention, score: float) -> None: ...
    def merge(self, keep: str, gone: str) -> None: ...


class Clusterer:
    """Add mentions one by one; ``add`` returns where each went."""

    def __init__(self, index: Index, idf: Idf, weights: Weights | None = None, sample: int = SAMPLE) -> None:
        self.index = index
        self.idf = idf
        self.weights = weights or default_weights()
        self.sample = sample

    def score(self, m: Mention, members: list[Mention]) -> float:
        """Mean pair score of ``m`` with a cluster's most recent members; 0 if any may never merge, or if
        any scores below a third of the threshold (no chaining: a newcomer must fit every member a little)."""
        scores = []
        floor = self.weights.threshold / 3
        for other in members[-self.sample:]:
            s = pair_score(m, other, self.idf, self.weights)
            if s == 0.0 or s < floor:
                return 0.0
            scores.append(s)
        return sum(scores) / len(scores) if scores else 0.0

    def add(self, m: Mention) -> Decision:
        scored = []
        for c in self.index.candidates(m):
            if any(not compatible(m, o) for o in c.members[-self.sample:]):
                continue
            s = self.score(m, c.members)
            if s >= self.required(m, c.members):
                scored.append((s, -c.order, c))
        if not scored:
            return Decision(self.index.open(m), None)
        scored.sort(key=lambda t: (t[0], t[1]), reverse=True)
        best_score, _, best = scored[0]
        self.index.join(best.id, m, best_score)
        best.members.append(m)
        merged: list[str] = []
        keep = best
        for _, _, other in scored[1:]:
            if self._agree(keep.members, other.members):
                older, younger = (keep, other) if keep.order <= other.order else (other, keep)
                self.index.merge(older.id, younger.id)
                merged.append(younger.id)
                older.members.extend(younger.members)
                keep = older
        return Decision(keep.id, best_score, tuple(merged))

    def required(self, m: Mention, members: list[Mention]) -> float:
        """The score ``m`` needs to join: the strong threshold when it would bring background
        (historical, future, hypothetical) or an event dated only by its publication into a story of
        dated, reported events — or a dated, reported event into a story of such mentions."""
        firm = any(o.dated and o.status == "reported" for o in members)
        if firm != (m.dated and m.status == "reported"):
            return max(self.weights.threshold, self.weights.strong)
        return self.weights.threshold

    def _agree(self, a: list[Mention], b: list[Mention]) -> bool:
        """Two clusters merge when their sampled members score at the threshold on average."""
        scores = []
        for x in a[-self.sample:]:
            for y in b[-self.sample:]:
                s = pair_score(x, y, self.idf, self.weights)
                if s == 0.0 or s < self.weights.threshold / 3:
                    return False
                scores.append(s)
        return bool(scores) and sum(scores) / len(scores) >= self.weights.threshold


class MemoryIdf:
    """Document frequencies of terms, counted as mentions arrive: idf = ln((N + 1) / (df + 1)) + 1."""

    def __init__(self) -> None:
        self.df: Counter[str] = Counter()
        self.docs: set[str] = set()
        self._seen: set[tuple[str, str]] = set()

    def add(self, m: Mention) -> None:
        if m.doc not in self.docs:
            self.docs.add(m.doc)
        for t in m.vocabulary:
            if (m.doc, t) not in self._seen:
                self._seen.add((m.doc, t))
                self.df[t] += 1

    def __call__(self, term: str) -> float:
        return math.log((len(self.docs) + 1) / (self.df.get(term, 0) + 1)) + 1.0


class MemoryIndex:
    """Open clusters in memory, found by blocking key; ``evict_before`` keeps memory to a date window."""

    def __init__(self) -> None:
        self.clusters: dict[str, Cluster] = {}
        self.by_key: dict[str, set[str]] = defaultdict(set)
        self.windows: dict[str, tuple[str, str] | None] = {}
        self.merged_into: dict[str, str] = {}
        self._order = 0

    def candidates(self, m: Mention) -> list[Cluster]:
        ids: set[str] = set()
        for key in block_keys(m):
            ids |= self.by_key.get(key, set())
        w = window(m)
        out = []
        for cid in ids:
            cw = self.windows.get(cid)
            if w is None or cw is None or (w[0] <= cw[1] and cw[0] <= w[1]):
                out.append(self.clusters[cid])
        return out

    def _index(self, cid: str, m: Mention) -> None:
        for key in block_keys(m):
            self.by_key[key].add(cid)
        w, cw = window(m), self.windows.get(cid)
        if cid not in self.windows:
            self.windows[cid] = w
        elif w is not None and cw is not None:
            self.windows[cid] = (min(w[0], cw[0]), max(w[1], cw[1]))

    def open(self, m: Mention) -> str:
        cid = story_id(m)
        while cid in self.clusters:  # the same key twice (a re-run): keep ids unique
            cid = story_id(Mention(key=cid + m.key, doc=m.doc, event=m.event))
        self._order += 1
        self.clusters[cid] = Cluster(cid, self._order, [m])
        self._index(cid, m)
        return cid

    def join(self, cluster: str, m: Mention, score: float) -> None:
        # ``Clusterer`` appends to the Cluster object it was handed, which is ours.
        self._index(cluster, m)

    def merge(self, keep: str, gone: str) -> None:
        other = self.clusters.pop(gone)
        for m in other.members:
            self._index(keep, m)
        for ids in self.by_key.values():
            ids.discard(gone)
        self.windows.pop(gone, None)
        self.merged_into[gone] = keep

    def evict_before(self, day: str) -> list[Cluster]:
        """Drop and return the clusters whose window ends before ``day``: no later mention can join them."""
        gone = [cid for cid, w in self.windows.items() if w is not None and w[1] < day]
        out = []
        for cid in gone:
            c = self.clusters.pop(cid)
            for key in block_keys_of(c.members):
                ids = self.by_key.get(key)
                if ids is not None:
                    ids.discard(cid)
                    if not ids:
                        del self.by_key[key]
            del self.windows[cid]
            out.append(c)
        return out

    def assignments(self) -> dict[str, str]:
        """Mention key → cluster id, for every mention still held."""
        return {m.key: cid for cid, c in self.clusters.items() for m in c.members}


def block_keys_of(members: Iterable[Mention]) -> set[str]:
    keys: set[str] = set()
    for m in members:
        keys |= block_keys(m)
    return keys


def cluster_all(mentions: Iterable[Mention], weights: Weights | None = None) -> dict[str, str]:
    """Cluster a finite collection in memory (idf counted over all of it first): mention key → cluster id."""
    items = list(mentions)
    idf = MemoryIdf()
    for m in items:
        idf.add(m)
    index = MemoryIndex()
    clusterer = Clusterer(index, idf, weights)
    for m in sorted(items, key=lambda m: (window(m) or ("", ""))[1]):
        clusterer.add(m)
    return index.assignments()
