"""Coreference scorers: MUC, B³, CEAF-e and their mean, the CoNLL F1 (Pradhan et al. 2014).

Why our own: the reference scorer is a Perl script and scipy is not a dependency. Clusterings are
given as mention → cluster id maps; a mention one side lacks counts as missing there (with gold
mentions both sides hold the same mentions). CEAF-e needs the best one-to-one alignment of key and
response clusters: the similarity matrix is block-diagonal (clusters that share no mention score 0),
so each connected block is solved exactly by the Hungarian method (Kuhn–Munkres) on its own.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

Clusters = list[frozenset[str]]


def clusters_of(assignment: Mapping[str, str]) -> Clusters:
    """Mention → cluster id, as a list of clusters (sets of mentions)."""
    groups: dict[str, set[str]] = defaultdict(set)
    for mention, cid in assignment.items():
        groups[cid].add(mention)
    return [frozenset(g) for g in groups.values()]


def _prf(p_num: float, p_den: float, r_num: float, r_den: float) -> dict[str, float]:
    p = p_num / p_den if p_den else 0.0
    r = r_num / r_den if r_den else 0.0
    return {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def _muc_side(key: Clusters, response: Clusters) -> tuple[float, float]:
    where = {m: i for i, c in enumerate(response) for m in c}
    num = den = 0
    for c in key:
        parts = {where.get(m, ("alone", m)) for m in c}
        num += len(c) - len(parts)
        den += len(c) - 1
    return num, den


def muc(key: Clusters, response: Clusters) -> dict[str, float]:
    """Links kept (Vilain et al. 1995): singletons count for neither side."""
    r_num, r_den = _muc_side(key, response)
    p_num, p_den = _muc_side(response, key)
    return _prf(p_num, p_den, r_num, r_den)


def _b3_side(key: Clusters, response: Clusters) -> tuple[float, float]:
    where = {m: c for c in response for m in c}
    num = 0.0
    den = 0
    for c in key:
        for m in c:
            other = where.get(m)
            num += len(c & other) / len(c) if other else 0.0
            den += 1
    return num, den


def b3(key: Clusters, response: Clusters) -> dict[str, float]:
    """Per-mention overlap of its key and response clusters (Bagga & Baldwin 1998)."""
    r_num, r_den = _b3_side(key, response)
    p_num, p_den = _b3_side(response, key)
    return _prf(p_num, p_den, r_num, r_den)


def hungarian(weights: Sequence[Sequence[float]]) -> float:
    """The largest total weight of a one-to-one assignment of rows to columns (any shape).

    The O(n²m) shortest-augmenting-path form with potentials, on costs = max − weight, padded to
    a square matrix with zero-weight dummies.
    """
    n_rows = len(weights)
    n_cols = len(weights[0]) if n_rows else 0
    n = max(n_rows, n_cols)
    if n == 0:
        return 0.0
    top = max((w for row in weights for w in row), default=0.0)
    cost = [[top - (weights[i][j] if i < n_rows and j < n_cols else 0.0) for j in range(n)] for i in range(n)]
    inf = float("inf")
    u = [0.0] * (n + 1)
    v = [0.0] * (n + 1)
    match = [0] * (n + 1)  # column j (1-based) → row (1-based)
    way = [0] * (n + 1)
    for i in range(1, n + 1):
        match[0] = i
        j0 = 0
        minv = [inf] * (n + 1)
        used = [False] * (n + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = match[j0], inf, 0
            for j in range(1, n + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(n + 1):
                if used[j]:
                    u[match[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if match[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            match[j0] = match[j1]
            j0 = j1
    total = 0.0
    for j in range(1, n + 1):
        i = match[j]
        if i and i <= n_rows and j <= n_cols:
            total += weights[i - 1][j - 1]
    return total


def ceafe(key: Clusters, response: Clusters) -> dict[str, float]:
    """Entity-based CEAF (Luo 2005): φ4 = 2|K∩R| / (|K|+|R|), best one-to-one alignment."""
    where: dict[str, list[int]] = defaultdict(list)
    for j, c in enumerate(response):
        for m in c:
            where[m].append(j)
    # Connected blocks of the key–response overlap graph (union-find over "k<i>" / "r<j>").
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, c in enumerate(key):
        find(f"k{i}")
        for m in c:
            for j in where.get(m, ()):
                parent[find(f"r{j}")] = find(f"k{i}")
    blocks: dict[str, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for i in range(len(key)):
        blocks[find(f"k{i}")][0].append(i)
    for j in range(len(response)):
        if f"r{j}" in parent:
            blocks[find(f"r{j}")][1].append(j)
    total = 0.0
    for rows, cols in blocks.values():
        if rows and cols:
            matrix = [[2 * len(key[i] & response[j]) / (len(key[i]) + len(response[j])) for j in cols]
                      for i in rows]
            total += hungarian(matrix)
    return _prf(total, len(response), total, len(key))


def conll(key_assignment: Mapping[str, str], response_assignment: Mapping[str, str]) -> dict[str, object]:
    """All three metrics and their mean F1, from mention → cluster id maps."""
    key, response = clusters_of(key_assignment), clusters_of(response_assignment)
    out: dict[str, object] = {"muc": muc(key, response), "b3": b3(key, response), "ceafe": ceafe(key, response)}
    out["conll_f1"] = sum(out[k]["f1"] for k in ("muc", "b3", "ceafe")) / 3  # type: ignore[index]
    return out
