"""Predicted document clusters: documents that tell one story, grouped by their words alone.

Why: two reports of one event share their vocabulary far beyond the event's sentence (names,
places, circumstances), and two events of one kind (two earthquakes, two arrests) rarely share it.
A mention's ``group`` (``Mention.group``) then keeps mentions of unrelated documents apart and lets
mentions of related ones be compared even when their triggers differ. Used by the ECB+ eval over
its finite set of texts (gold topics are never used); a store can fill ``group`` the same way over
a date window.

Method: TF-IDF vectors (sublinear tf over the stems of ``stories.text``, where capitalised words and
numbers count three times: reports of one event share its names and figures, two events of one kind share
only the common words), cosine similarity, average-link agglomerative clustering stopped when no two
clusters are more similar than ``threshold``.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping

import numpy as np

from .text import stem, words

#: Average-link cosine at which two groups of documents stop being joined (chosen on ECB+ train topics).
THRESHOLD = 0.22
#: How many more times a capitalised word or a number counts (chosen on ECB+ train: 2 → +0.003 CoNLL F1 over 1).
NAME_WEIGHT = 2
_NAME = re.compile(r"\b[A-Z][A-Za-z]+\b")
_NUMBER = re.compile(r"\b\d{2,}\b")


def tokens(text: str) -> list[str]:
    """A document's TF-IDF tokens: content stems, and twice more each capitalised word and number."""
    return words(text) + ([stem(w) for w in _NAME.findall(text)] + _NUMBER.findall(text)) * NAME_WEIGHT


def tfidf(texts: Mapping[str, str]) -> tuple[list[str], np.ndarray]:
    """Document ids and their L2-normalised TF-IDF rows (sublinear tf, smooth idf)."""
    ids = list(texts)
    counts = [Counter(tokens(texts[d])) for d in ids]
    df: Counter[str] = Counter()
    for c in counts:
        df.update(c.keys())
    vocab = {t: i for i, t in enumerate(sorted(df))}
    n = len(ids)
    matrix = np.zeros((n, len(vocab)), dtype=np.float32)
    for row, c in enumerate(counts):
        for t, k in c.items():
            matrix[row, vocab[t]] = (1.0 + math.log(k)) * (math.log((n + 1) / (df[t] + 1)) + 1.0)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return ids, matrix / norms


def document_groups(texts: Mapping[str, str], threshold: float = THRESHOLD) -> dict[str, str]:
    """Document id → group id (the smallest document id of its group), by average-link clustering."""
    ids, vectors = tfidf(texts)
    n = len(ids)
    if n == 0:
        return {}
    sim = (vectors @ vectors.T).astype(np.float64)
    np.fill_diagonal(sim, -np.inf)
    size = np.ones(n)
    alive = np.ones(n, dtype=bool)
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    while True:
        flat = int(np.argmax(sim))
        i, j = divmod(flat, n)
        if sim[i, j] < threshold:
            break
        # Average link: the new row is the size-weighted mean of the two rows.
        merged = (sim[i] * size[i] + sim[j] * size[j]) / (size[i] + size[j])
        sim[i], sim[:, i] = merged, merged
        sim[i, i] = -np.inf
        sim[j], sim[:, j] = -np.inf, -np.inf
        size[i] += size[j]
        alive[j] = False
        members[i].extend(members.pop(j))
    out: dict[str, str] = {}
    for rows in members.values():
        name = min(ids[r] for r in rows)
        for r in rows:
            out[ids[r]] = name
    return out
