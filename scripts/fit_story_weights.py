"""Fit the story pair score's ECB+-informed weights on the ECB+ **train** topics (never dev or test).

Usage::

    python scripts/fit_story_weights.py ../shared/eval/ecbplus [--cache /tmp/coref] [--write]

What it fits, and why only that: ECB+ pairs are compared inside one predicted document cluster
(``stories.documents``), where PLOVER types, own dates and places are rarely filled. Fitting the plain
``bias``/``lemma``/``terms`` weights on such pairs made the store's in-domain clusters clearly worse
(every "accused" or "invasion" of a week in one cluster: docs/accuracy.md), because the store has no
document clusters. So the fit learns the group-conditioned features ``score.GROUP_FEATURES``
(``group_same`` acts as the ECB+ intercept), with every other weight held at its hand-set value as an
offset; the store, where ``Mention.group`` is None, is unchanged. The threshold stays the store's (a
change would move the store too); instead ``--tune`` shifts the ECB+ intercept (``group_same``) over a
small grid and keeps the shift with the best train CoNLL F1 (the clustering optimum is not the
logistic p = 0.5 boundary).

Pipeline records are cached under ``--cache`` (``ecbplus-records.jsonl``) so a refit takes seconds.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np

from eventwire.eval import coref
from eventwire.eval.coref_read import EcbDoc, read_corpus
from eventwire.lexicon import resource_path
from eventwire.stories.cluster import MemoryIdf
from eventwire.stories.mention import Mention
from eventwire.stories.score import FEATURES, GROUP_FEATURES, Weights, compatible, default_weights, features

HELD_OUT = set(coref.DEV_TOPICS) | {str(t) for t in range(36, 46)}


def records(docs: list[EcbDoc], cache: Path) -> dict[str, dict[str, Any]]:
    """The pipeline's records of ``docs``, from the cache when it holds every one of them."""
    path = cache / "ecbplus-records.jsonl"
    if path.exists():
        held = {}
        for line in path.read_text(encoding="utf-8").splitlines():
            data = json.loads(line)
            held[data["document"]["id"]] = data
        if all(d.id in held for d in docs):
            return held
    out = coref.extract(docs)
    cache.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in out.values()), encoding="utf-8")
    return out


def pairs(mentions: list[Mention], docs: list[EcbDoc]) -> tuple[np.ndarray, np.ndarray]:
    """Features and gold labels of every compatible pair inside one predicted document cluster."""
    gold = {g.key: g.cluster for d in docs for g in d.mentions}
    idf = MemoryIdf()
    for m in mentions:
        idf.add(m)
    groups: dict[str | None, list[Mention]] = {}
    for m in mentions:
        groups.setdefault(m.group, []).append(m)
    x, y = [], []
    for items in groups.values():
        for a, b in itertools.combinations(items, 2):
            if compatible(a, b):
                x.append(features(a, b, idf))
                y.append(float(gold[a.key] == gold[b.key]))
    return np.array(x), np.array(y)


def fit(x: np.ndarray, y: np.ndarray, base: Weights, names: tuple[str, ...], l2: float = 1e-3,
        steps: int = 4000) -> dict[str, float]:
    """Logistic regression over ``names`` by gradient descent; every other feature and the bias are an
    offset at their current weights."""
    cols = [FEATURES.index(n) for n in names]
    fixed = np.array([0.0 if i in cols else w for i, w in enumerate(base.weights)])
    offset = x @ fixed + base.bias
    a = x[:, cols]
    w = np.zeros(len(cols))
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(a @ w + offset)))
        w -= 2.0 * (a.T @ (p - y) / len(y) + l2 * w)
    return {n: float(v) for n, v in zip(names, w, strict=True)}


def write(fitted: dict[str, float]) -> Path:
    """Rewrite the weights of ``fitted`` in weights.tsv, keeping every other line."""
    path = resource_path("stories/weights.tsv")
    lines = path.read_text(encoding="utf-8").splitlines()
    out = []
    for line in lines:
        cells = line.split("\t")
        if not line.startswith("#") and cells[0] in fitted:
            cells[1] = f"{fitted[cells[0]]:.3f}"
        out.append("\t".join(cells))
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", type=Path)
    ap.add_argument("--cache", type=Path, default=Path("/tmp/coref"))
    ap.add_argument("--tune", action="store_true", help="shift group_same for the best train CoNLL F1")
    ap.add_argument("--write", action="store_true", help="write the fitted weights to weights.tsv")
    args = ap.parse_args(argv)
    docs = [d for d in read_corpus(args.path) if d.topic not in HELD_OUT]
    if not docs:
        ap.error(f"no ECB+ train topics under {args.path}")
    print(f"train: {len(docs)} texts, topics {','.join(sorted({d.topic for d in docs}, key=int))}", file=sys.stderr)
    recs = records(docs, args.cache)
    mentions = coref.build(docs, recs)
    x, y = pairs(mentions, docs)
    base = default_weights()
    fitted = fit(x, y, base, GROUP_FEATURES)
    print(f"{len(y)} pairs, {y.mean():.3f} coreferent; fitted: "
          + ", ".join(f"{k} {v:.3f}" for k, v in fitted.items()), file=sys.stderr)
    table = dict(zip(FEATURES, base.weights, strict=True))

    def weights(shift: float) -> Weights:
        values = table | fitted | {"group_same": fitted["group_same"] + shift}
        return Weights(base.bias, base.threshold, tuple(values[f] for f in FEATURES))

    shift, best = 0.0, -1.0
    for s in (0.0, 0.1, 0.2, 0.3, 0.4) if args.tune else (0.0,):
        metrics, baselines = coref.score(docs, mentions, weights(s))
        print(f"group_same shift {s:+.1f}: train CoNLL F1 {metrics['conll_f1']:.4f} "
              f"(lemma baseline {baselines['lemma']['conll_f1']:.4f})", file=sys.stderr)
        if metrics["conll_f1"] > best:
            shift, best = s, float(metrics["conll_f1"])
    fitted["group_same"] += shift
    print("weights: " + ", ".join(f"{k} {v:.3f}" for k, v in fitted.items()), file=sys.stderr)
    if args.write:
        print(f"wrote {write(fitted)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
