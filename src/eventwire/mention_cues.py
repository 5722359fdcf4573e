"""Evidence for typing a name that the NER label alone does not give (used by ``eventwire.mentions``).

Each function answers one question about a span with a short reason string, or ``None`` when the
cue is absent, so that the typing decision can record *why* a name got its type (``--explain``):

* ``given_name_cue``: the name's first word is a known given name (``mentions/given_names.txt``, built
  from the people knowledge base by ``scripts/build_given_names.py``) and nothing in its shape says
  organisation or place;
* ``place_suffix_cue``: the name is followed by (or ends in) an administrative-unit word
  ("Kharkiv Oblast", "the Sumy region": ``mentions/place_suffixes.tsv``);
* ``dateline_cue``: an all-capitals known place opening a line, before a date or a comma ("BONN 1996-08-30").
"""

from __future__ import annotations

from functools import cache, partial

from spacy.tokens import Span

from .gazetteer import Gazetteer
from .lexicon import read_tsv, read_words, setting
from .names import name_key

__all__ = ["dateline_cue", "given_name_cue", "given_names", "place_suffix_cue"]

_org_nouns = partial(read_words, "actors/org_nouns.txt")
_facility_nouns = partial(read_words, "actors/facility_nouns.txt")
_place_nouns = partial(read_words, "actors/place_nouns.txt")


@cache
def given_names() -> frozenset[str]:
    """``name_key`` of every known given name."""
    return frozenset(row[0] for row in read_tsv("mentions/given_names.txt"))


@cache
def _suffixes() -> dict[str, bool]:
    return {word.lower(): alone == "yes" for word, alone in read_tsv("mentions/place_suffixes.tsv")}


@cache
def _institution_heads() -> frozenset[str]:
    return frozenset(row[0].lower() for row in read_tsv("actors/institutions.tsv"))


def given_name_cue(span: Span, gaz: Gazetteer) -> str | None:
    """"Oleksandr Marchenko": a 2–4-word title-case name opening with a known given name that is no
    place name itself, whose last word is no country, organisation, facility or place noun."""
    words = [t for t in span if not t.is_punct]
    if not 2 <= len(words) <= 4 or len(words) != len(span):
        return None
    if not all(t.is_alpha and t.text[:1].isupper() and not t.is_upper for t in words):
        return None
    first, last = words[0].text, words[-1].lower_
    if name_key(first) not in given_names() or _big_place(first, gaz) or gaz.demonym(first):
        return None
    if any(t.lower_ in _org_nouns() or t.lower_ in _institution_heads() for t in words[1:]):
        return None  # "Roosevelt Financial Group"
    if (last in _facility_nouns() or last in _place_nouns() or last in _suffixes()
            or gaz.country(words[-1].text) or gaz.demonym(words[-1].text) or gaz.is_known(span.text)):
        return None
    return f"given name {first!r} opens the name"


def _big_place(word: str, gaz: Gazetteer) -> bool:
    """A country, capital, region or large city ("Jordan", "Georgia"): too likely a place to be read as
    a given name; a small town named like a given name ("Volodymyr") does not count."""
    if gaz.country(word) or gaz.capital_of(word):
        return True
    entries = gaz.lookup(word)
    return bool(entries) and (entries[0].kind in {"country", "admin1", "region", "water"}
                              or entries[0].population >= setting("person_place_min_population"))


def place_suffix_cue(span: Span, gaz: Gazetteer) -> str | None:
    """"Kharkiv Oblast", "the Sumy region": the word after the name (or its own last word) names an
    administrative unit; a weak word needs the gazetteer to know the name."""
    doc = span.doc
    own = span[-1].lower_ if len(span) > 1 else None
    name = span[:-1].text if own in _suffixes() else span.text
    word = own if own in _suffixes() else (doc[span.end].lower_ if span.end < len(doc) else None)
    if word not in _suffixes() or not name[:1].isupper() or name.isupper() or gaz.demonym(name):
        return None
    if _suffixes()[word]:
        return f"followed by {word!r}"
    if gaz.is_known(name):
        return f"followed by {word!r} and a known place"
    return None


def dateline_cue(span: Span, gaz: Gazetteer) -> str | None:
    """"BONN 1996-08-30", "KYIV, Ukraine": an all-capitals known place opening a line, before a date,
    a comma or a dash."""
    doc = span.doc
    entries = gaz.lookup(span.text) if all(t.is_upper and t.is_alpha for t in span) else []
    if not entries or (entries[0].kind == "city" and entries[0].population < setting("untagged_min_population")):
        return None
    at_line_start = span.start == 0 or doc[span.start - 1].text_with_ws.endswith("\n")
    nxt = doc[span.end] if span.end < len(doc) else None
    dated = nxt is not None and nxt.ent_type_ == "DATE" and any(
        len(w) >= 4 and w.isdigit() for w in nxt.text.replace("-", " ").split())  # "1996-08-30", not "67"
    if at_line_start and nxt is not None and (dated or nxt.text in {",", "-", "—", "("}):
        return "all-capitals place opening a line before a date"
    return None
