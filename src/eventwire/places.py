"""Story-level toponym resolution: one gazetteer entry per distinct place name of a story.

A name alone is often ambiguous (Paris, Georgia, Alexandria, Odessa). A story is not: the places
it names support each other. Each candidate starts from its gazetteer prior (population, kind,
capital status, minus a penalty when only an alternate spelling matched) and gains support from
the candidates of the *other* names in the story (a city inside an admin1 the story names, an
admin1 containing a city it names, places of a country it names, nearby places), weighted by how
likely those other candidates are. The weights are re-estimated for a few rounds, so a confident
name ("Rapides Parish") pulls an ambiguous one ("Alexandria") before the ambiguous one can pull
back. Countries the story mentions through demonyms or capitals come in as ``context_countries``.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from functools import cache, partial
from typing import TYPE_CHECKING, Any

from . import record
from .gazetteer import Entry, Gazetteer, fold, get_gazetteer
from .geo import distance_km
from .lexicon import read_tsv, read_words, subset
from .mention_cues import given_names
from .names import name_key
from .stages import register
from .syntax import doc_text

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from .mentions import Mention
    from .story import Story

MAX_CANDIDATES = 15  # per name: beyond this the prior is hopeless anyway
MIN_WEIGHT = 0.02  # candidates of other names below this relative likelihood give no support
ROUNDS = 3
NEAR_KM = 100.0

# Support bonuses, in the prior's units (log10 population): containment named in the story is
# the strongest evidence, a shared country the weakest.
B_IN_ADMIN1 = 5.0  # city/county inside an admin1 the story names ("Paris" + "Texas")
B_HAS_PLACE = 4.0  # admin1 containing a city/county the story names ("Georgia" + "Atlanta")
B_IN_COUNTRY = 2.0  # place in a country the story names; country containing a named place
B_SAME_ADMIN1 = 2.0  # two cities/counties in the same admin1
B_SAME_COUNTRY = 0.75  # two places in the same country
B_NEAR = 2.0  # two places within NEAR_KM
B_CONTEXT = 2.0  # place in a country given as context (demonyms, capitals, seats of the story)
MIN_SCORE = 1.5  # below this, an unsupported candidate outside the story's countries is dropped
B_SEAT = 3.0  # a seat of power ("White House") is meant far more often than a namesake town
MAX_SUPPORT = 8.0  # cap so a long list of weak hints cannot beat a strong prior

MAX_PAIR = max(B_IN_ADMIN1, B_HAS_PLACE, B_IN_COUNTRY, B_SAME_ADMIN1 + B_NEAR)  # bound for early exit
_LOCAL = ("city", "other", "site")


def _km(a: Entry, b: Entry) -> float:
    """Great-circle distance between two entries; inf when a coordinate is missing."""
    return distance_km(a.lat, a.lon, b.lat, b.lon)


def support(c: Entry, o: Entry) -> float:
    """How much another name's candidate ``o`` supports candidate ``c`` (0 when unrelated)."""
    if c is o or c.country is None or c.country != o.country:
        return 0.0
    if o.kind == "country":
        return B_IN_COUNTRY if c.kind != "country" else 0.0
    if c.kind == "country":
        return B_IN_COUNTRY
    same_admin = c.admin1 is not None and c.admin1 == o.admin1
    if c.kind == "admin1" and o.kind == "admin1":
        return B_IN_COUNTRY  # a list of states/provinces of one country: "Alabama and Georgia"
    if o.kind == "admin1":
        return B_IN_ADMIN1 if same_admin and c.kind in _LOCAL else 0.0
    if c.kind == "admin1":
        if o.kind in _LOCAL:
            return B_HAS_PLACE if same_admin else 0.0
        return B_SAME_COUNTRY
    bonus = B_SAME_ADMIN1 if same_admin else B_SAME_COUNTRY
    if _km(c, o) <= NEAR_KM:
        bonus += B_NEAR
    return bonus


def _best_support(c: Entry, others: Sequence[tuple[Entry, float]]) -> float:
    """max(w * support(c, o)) over another name's candidates, sorted by weight descending."""
    best = 0.0
    for o, w in others:
        if w * MAX_PAIR <= best:
            break
        best = max(best, w * support(c, o))
    return best


def _weights(scores: list[float]) -> list[float]:
    """Relative likelihood of each candidate (best = 1), from score differences."""
    top = max(scores)
    return [math.exp(s - top) for s in scores]


def resolve_places(names: Sequence[str], *, context_countries: Collection[str] = (),
                   gazetteer: Gazetteer | None = None) -> dict[str, Entry | None]:
    """Choose one entry per distinct toponym of a story (see module docstring for how).

    E.g. ["Paris", "Texas"] -> Paris, Texas; ["Paris"] -> Paris, France; ["Odessa", "Ukraine"] ->
    Odesa, UKR; ["Kremlin"] -> the site in Moscow; ["Georgia", "Atlanta"] -> the US state.
    Names with no gazetteer entry map to None. Keys are the names as given (first spelling wins
    when two spellings fold to the same key; both keys are returned).
    """
    gaz = gazetteer or get_gazetteer()
    ctx = {c.upper() for c in context_countries}
    by_key: dict[str, list[str]] = {}
    for n in names:
        by_key.setdefault(fold(n), []).append(n)
    keys = [k for k in by_key if k]
    cands: dict[str, list[Entry]] = {}
    priors: dict[str, list[float]] = {}
    for k in keys:
        found = gaz.candidates(by_key[k][0])[:MAX_CANDIDATES]
        if not found:  # a national adjective used as a place ("American", "Russians") -> the country
            iso = gaz.demonym(by_key[k][0])
            country = gaz.country_by_iso3(iso) if iso else None
            found = [(country, 0.0)] if country else []
        if found:
            cands[k] = [e for e, _ in found]
            priors[k] = [p + (B_CONTEXT if e.country in ctx else 0.0) + (B_SEAT if e.seat_of else 0.0)
                         for e, p in found]
    scores = {k: list(p) for k, p in priors.items()}
    for _ in range(ROUNDS if len(cands) > 1 else 0):
        # support needs a shared country: index the likely candidates of each name by country,
        # most likely first, so the inner loop can stop once no remaining one can do better
        live: dict[str, dict[str | None, list[tuple[Entry, float]]]] = {}
        for k in cands:
            by_country: dict[str | None, list[tuple[Entry, float]]] = {}
            ranked = sorted(zip(cands[k], _weights(scores[k]), strict=True), key=lambda ew: -ew[1])
            for e, w in ranked:
                if w >= MIN_WEIGHT and e.country is not None:
                    by_country.setdefault(e.country, []).append((e, w))
            live[k] = by_country
        new: dict[str, list[float]] = {}
        for k, es in cands.items():
            row = []
            for e, prior in zip(es, priors[k], strict=True):
                gains = []
                for k2, others in live.items():
                    if k2 != k:
                        gains.append(_best_support(e, others.get(e.country, ())))
                # strong evidence adds up; weak "same country" hints count once, or ten US towns
                # would turn "Mexico" into Mexico, Missouri
                strong = sum(g for g in gains if g >= B_IN_COUNTRY)
                weak = max((g for g in gains if g < B_IN_COUNTRY), default=0.0)
                row.append(prior + min(MAX_SUPPORT, strong + weak))
            new[k] = row
        scores = new
    out: dict[str, Entry | None] = {}
    for k, originals in by_key.items():
        best: Entry | None = None
        if k in cands:
            best, score = max(zip(cands[k], scores[k], strict=True), key=lambda es: es[1])
            if score < MIN_SCORE and ctx and best.country not in ctx:
                best = None  # a hamlet abroad that nothing in the story supports: likely not this place
        for n in originals:
            out[n] = best
    return out


def places_of(mentions: Sequence[Mention], doc: Doc | None = None) -> list[record.Place]:
    """The story's places: its toponyms resolved together, mentions of one gazetteer entry merged.

    With ``doc``, a place an organisation is named after ("the Mansfield Police Department", "Ohio
    State University", "the Butler County Sheriff's Office") is a place of the story too, when the
    gazetteer knows it and it is local: in the admin1 of, or near, a place the story names itself.
    """
    located = [m for m in mentions if m.type == "place"]
    # Context comes from what is not itself being resolved (demonyms, acting states, organisations):
    # a place mention's own reading ("Georgia" the country) would otherwise vote for itself.
    context = sorted({m.country for m in mentions if m.country and m.type != "place" and m.country != "IGO"})
    names = list(dict.fromkeys(m.text for m in located))
    chosen = resolve_places(names, context_countries=context)
    spans: list[tuple[int, int, Entry]] = [(m.start, m.end, e) for m in located if (e := chosen.get(m.text))]
    if doc is not None:
        spans += _named_after_places(mentions, doc, names, chosen, context)
    places: dict[tuple[Any, ...], record.Place] = {}
    for start, end, entry in sorted(spans, key=lambda s: s[0]):
        key = (entry.geonameid, entry.name, entry.kind, entry.lat, entry.lon)
        place = places.get(key)
        if place is None:
            place = places[key] = record.Place(
                f"P{len(places) + 1}", entry.name, record.narrow(entry.kind, record.PLACE_KINDS, "place kind"),
                entry.country,
                entry.admin1, entry.lat, entry.lon, entry.geonameid)
        place.mentions.append((start, end))
    return list(places.values())


_NAMED_AFTER_KINDS = ("city", "admin1", "other")
_WORDS = "places/named_after.tsv"
_locative_preps = partial(read_words, "actors/locative_prepositions.txt")
MAX_NAME_WORDS = 4  # "New Kent County", "Salt Lake City": longer prefixes are not place names
BIG_CITY = 100_000  # "Tokyo International University", "Houston Restaurant Association" name their city


def named_after(tokens: Span, gaz: Gazetteer) -> tuple[Span, bool] | None:
    """The place an organisation's name opens with or ends in: "Mansfield Police Department" ->
    "Mansfield", "University of Kentucky" -> "Kentucky", "Gainesville" (the whole name) -> itself.
    Only title-case words the gazetteer knows as a town, county or admin1; countries are left to the
    organisation's affiliation. The flag says the name has no word of a local body after the place
    ("Tui Group", "Rice University", "Wilson Center"): then only a state, a county or a big city
    counts (``places_of`` checks it once the place is resolved)."""
    words = tokens[1:] if tokens[0].lower_ == "the" else tokens
    if not len(words):
        return None
    spans = [words[:k] for k in range(min(MAX_NAME_WORDS, len(words)), 0, -1)]
    of = next((t.i for t in words if t.lower_ == "of"), None)
    if of is not None and of + 1 < words.end:
        tail = tokens.doc[of + 1 : words.end]
        tail = tail[1:] if tail[0].lower_ == "the" else tail
        if 0 < len(tail) <= MAX_NAME_WORDS:
            spans.insert(0, tail)
    local_words = set(subset(_WORDS, "role", "local"))
    for span in spans:
        if span[-1].is_punct and span[-1].text != ".":
            continue
        if not all(t.text[:1].isupper() or t.text in {".", "-"} for t in span):
            continue
        if span.text.isupper() and span.text.isalpha():
            continue  # an acronym ("BLA", "TASS"); datelines in capitals are read by _datelines
        if span.end < words.end and not tokens.doc[span.end].text[:1].isupper():
            continue  # "Texas-based": only a name running on with another name ("Texas Tech")
        entries = gaz.lookup(span.text)
        if not entries or not any(e.kind in _NAMED_AFTER_KINDS for e in entries) or gaz.demonym(span.text):
            continue
        whole = span.start == words.start and span.end == words.end
        if whole and span.text.lower() in _institution_heads():
            return None  # "the decision of Congress": an institution, though a town is called so too
        if whole and not _place_like_use(span):
            return None  # the whole name: only "Gainesville police", "a Rochester man", not "Lincoln said"
        rest = {t.lower_.strip(".") for t in words if t.i >= span.end}
        if rest & set(subset(_WORDS, "role", "not")):
            return None  # "The Miami Herald", "Delta Air Lines", "Graham Street": a medium, company or street
        if name_key(span[0].text) in given_names() and not rest & local_words:
            return None  # "Morgan McGhee", "Martin Court": a given name opening the name
        return span, not whole and span.end != words.end and not rest & local_words
    return None


@cache
def _institution_heads() -> frozenset[str]:
    return frozenset(row[0].lower() for row in read_tsv("actors/institutions.tsv"))


def _place_like_use(span: Span) -> bool:
    """A whole organisation name used as a town: it modifies a common noun ("Torrington firefighters",
    "a DeKalb man"), is "-based" or follows "of"/"in" ("of Elkhart"); not "Lincoln said", "Bell's
    hands", "the Marburg virus"."""
    doc = span.doc
    root = span.root
    while root.dep_ == "conj" and root.head.i < root.i:
        root = root.head  # "Columbus, Dayton and Cincinnati": the first conjunct's slot
    head = root.head
    if span.end + 1 < len(doc) and doc[span.end].text == "-" and doc[span.end + 1].lower_ == "based":
        return True
    if root.dep_ == "pobj":
        return head.lower_ in _locative_preps() or head.lower_ == "of"
    return (root.dep_ in {"compound", "nmod", "amod"} and head.pos_ == "NOUN" and head.text[:1].islower()
            and head.lower_ not in subset(_WORDS, "role", "not"))  # not "the Marburg virus"


def _local(e: Entry, anchors: Sequence[Entry], states: bool = False) -> bool:
    """``e`` lies in the admin1 of, contains, or is near a town or county the story names itself. A state
    named in the story makes its towns local only with ``states`` (datelines): "New York" does not make
    "Columbia University" Columbia, NY, but "SACRAMENTO —" in a story about California is Sacramento."""
    for g in anchors:
        if g.country != e.country or e.kind == "country" or g.kind == "country":
            continue
        if g.kind == "admin1" and e.kind != "admin1" and not states:
            continue
        if e.admin1 is not None and e.admin1 == g.admin1:
            return True
        if _km(e, g) <= NEAR_KM:
            return True
    return False


_DASHES = frozenset({"-", "--", "—", "–"})


def _datelines(doc: Doc, taken: set[int], gaz: Gazetteer) -> list[Span]:
    """Datelines the model leaves untagged: "MANSFIELD -- The city ...", "BELGRADE, Minn. --": a run of
    capitals opening a sentence, before a dash or before a comma and a state or country, that the
    gazetteer knows as a town or county."""
    out = []
    i = 0
    while i < len(doc):
        j = i
        while j < len(doc) and j not in taken and doc[j].is_upper and doc[j].is_alpha and len(doc[j]) > 1:
            j += 1
        if j == i:
            i += 1
            continue
        opens = i == 0 or "\n" in doc[i - 1].text_with_ws or (
            doc[i - 1].text in {".", "!", "?"} and not (i > 1 and doc[i - 2].is_upper))  # not "ST. PARIS"
        nxt = doc[j] if j < len(doc) else None
        after = doc[j + 1] if j + 1 < len(doc) else None
        sited = nxt is not None and (nxt.text in _DASHES or (
            nxt.text == "," and after is not None and after.text[:1].isupper()
            and any(e.kind in {"admin1", "country"} for e in gaz.lookup(after.text))))
        span = doc[i:j]
        if opens and sited and 0 < len(span) <= MAX_NAME_WORDS and any(
                e.kind in {"city", "other"} for e in gaz.lookup(span.text.title())):
            out.append(span)
        i = j
    return out


def _named_after_places(mentions: Sequence[Mention], doc: Doc, names: list[str], chosen: dict[str, Entry | None],
                        context: Sequence[str]) -> list[tuple[int, int, Entry]]:
    """Places named inside organisation names, resolved with the story's own toponyms, kept when local."""
    gaz = get_gazetteer()
    people = {name_key(w) for m in mentions if m.type == "person" for w in m.text.split()}
    found: list[tuple[int, int, str]] = []
    taken = {i for m in mentions for i in range(m.tok_start, m.tok_end)}
    names_of = [doc[m.tok_start : m.tok_end] for m in mentions if m.type == "organization" and m.country != "IGO"]
    # facilities the mention typing leaves out ("the Franklin County Sheriff's Office" tagged FAC)
    names_of += [e for e in doc.ents
                 if e.label_ in {"FAC", "ORG"} and not any(i in taken for i in range(e.start, e.end))]
    weak: set[tuple[int, int]] = set()
    for name_span in names_of:
        named = named_after(name_span, gaz)
        if named is not None and not any(name_key(t.text) in people for t in named[0]):
            span = named[0]  # not "Bell" when "Tom Bell" is a person
            found.append((span.start_char, span.end_char, span.text))
            if named[1]:
                weak.add((span.start_char, span.end_char))
    # a dateline the model typed ORG ("MANSFIELD, Ohio --") is read too
    placed = {i for m in mentions if m.type != "organization" for i in range(m.tok_start, m.tok_end)}
    datelines = {(d.start_char, d.end_char) for d in _datelines(doc, placed, gaz)}
    found = [f for f in found if (f[0], f[1]) not in datelines] + [(s, e, doc_text(doc)[s:e]) for s, e in datelines]
    if not found:
        return []
    anchors = [e for e in chosen.values() if e is not None]
    extra = [n for _, _, n in found if n not in chosen]
    both = resolve_places(names + list(dict.fromkeys(extra)), context_countries=context) if extra else chosen
    out = []
    for start, end, name in found:
        entry = chosen.get(name) if name in chosen else both.get(name)
        if entry is None or entry.kind not in _NAMED_AFTER_KINDS:
            continue
        dateline = (start, end) in datelines
        if not _local(entry, anchors, states=dateline) and (anchors or not dateline):
            continue  # a dateline with nothing else placed in the story stands on its own
        if (start, end) in weak and entry.kind == "city" and entry.population < BIG_CITY:
            continue  # "Rice University", "Tui Group": a small town's name without a local body
        if entry.kind == "city" and (fold(entry.name) not in {fold(name), fold(name).rsplit(" ", 1)[0]}
                                     or (name.isascii() and not entry.name.isascii())):
            continue  # a town's main name only: "Kanawha" is not Charleston, "Titan" not Tītān
        out.append((start, end, entry))
    return out


@register("eventwire.places.v3", requires=("mentions",), assigns=("places",),
          resources=("places", "actors/institutions.tsv"), resources_hash="c2f4688715a6")
def places_stage(story: Story) -> None:
    """Geocode the story's place mentions (``places_of``)."""
    story.places = places_of(story.mentions, story.doc)
