"""Evidence for typing a name that the NER label alone does not give (used by ``eventwire.mentions``).

Each function answers one question about a span with a short reason string, or ``None`` when the
cue is absent, so that the typing decision can record *why* a name got its type (``--explain``):

* ``given_name_cue``: the name's first word is a known given name (``mentions/given_names.txt``, built
  from the people knowledge base by ``scripts/build_given_names.py``) and nothing in its shape says
  organisation or place;
* ``place_suffix_cue``: the name is followed by (or ends in) an administrative-unit word
  ("Kharkiv Oblast", "the Sumy region": ``mentions/place_suffixes.tsv``);
* ``dateline_cue``: an all-capitals known place opening a line, before a date or a comma ("BONN 1996-08-30");
* ``org_cue``: a PERSON-tagged name that is an organisation: a known organisation or news outlet, a last
  word such as "Company" (``mentions/org_words.txt``), a digit or an inner capital ("MI6", "SpaceX"), an
  organisation noun it modifies ("the Foo thinktank") or an apposition that says so ("Foo, a company that");
* ``not_actor_cue``: a PERSON-tagged name that is no actor: all lower-case ("salami slicing"), a title in
  quotes ("the book "Foo""), the make of a weapon or vehicle ("Foo drones", ``mentions/artifact_nouns.txt``);
* ``title_cue``: an ORG-tagged name right after a person's title ("spokesman Foo Bar");
* ``group_cue``: a community ("the Foo minority", ``mentions/group_nouns.txt``) or the plural demonym of a
  known place ("Fooville" -> "Foovillers").
"""

from __future__ import annotations

import re
from functools import cache, partial

from spacy.tokens import Span

from .gazetteer import Gazetteer
from .lexicon import read_tsv, read_words, setting
from .names import name_key

__all__ = ["big_place", "dateline_cue", "given_name_cue", "given_names", "group_cue", "not_actor_cue", "org_cue",
           "person_evidence", "place_suffix_cue", "title_cue", "who_follows"]

_org_nouns = partial(read_words, "actors/org_nouns.txt")
_facility_nouns = partial(read_words, "actors/facility_nouns.txt")
_place_nouns = partial(read_words, "actors/place_nouns.txt")
_org_words = partial(read_words, "mentions/org_words.txt")
_artifact_nouns = partial(read_words, "mentions/artifact_nouns.txt")
_group_nouns = partial(read_words, "mentions/group_nouns.txt")
_media_outlets = partial(read_words, "statements/media_outlets.txt")
_particles = partial(read_words, "mentions/name_particles.txt")


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
    """"Oleksandr Marchenko", "Charles de Foo": a 2–4-word title-case name opening with a known given name that is no
    place name itself, whose last word is no country, organisation, facility or place noun."""
    words = [t for t in span if not t.is_punct]
    if not 2 <= len(words) <= 4 or len(words) != len(span):
        return None
    if not all(t.is_alpha and ((t.text[:1].isupper() and not t.is_upper)
                               or (0 < k < len(words) - 1 and t.text in _particles())) for k, t in enumerate(words)):
        return None  # title-case words, with lower-case particles inside ("Charles de Foo")
    first, last = words[0].text, words[-1].lower_
    if name_key(first) not in given_names() or big_place(first, gaz) or gaz.demonym(first):
        return None
    if any(t.lower_ in _org_nouns() or t.lower_ in _institution_heads() for t in words[1:]):
        return None  # "Roosevelt Financial Group"
    if (last in _facility_nouns() or last in _place_nouns() or last in _suffixes()
            or gaz.country(words[-1].text) or gaz.demonym(words[-1].text) or gaz.is_known(span.text)):
        return None
    return f"given name {first!r} opens the name"


def big_place(word: str, gaz: Gazetteer) -> bool:
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


@cache
def known_organisations() -> frozenset[str]:
    """Lower-cased names and short forms of ``actors/organizations.tsv`` (armed groups, movements, parties)."""
    return frozenset(alias.replace("’", "'").lower() for name, aliases, *_ in read_tsv("actors/organizations.tsv")
                     for alias in [name, *filter(None, aliases.split("|"))])


# An inner capital after a lower-case letter ("SpaceX", "PayPal") marks a brand, unless what comes before
# it is a surname prefix ("McCain", "MacArthur", "DeSantis", "LaGuardia", "DiMaggio", "FitzGerald").
_INNER_CAPITAL = re.compile(r"^([A-Z][a-z]+)[A-Z]")
_SURNAME_PREFIXES = {"Mc", "Mac", "De", "Di", "Da", "Du", "La", "Le", "Van", "Von", "Fitz", "Del", "Della", "St"}
_RELATIVE_THAT = {"that", "which"}


def _key(text: str) -> str:
    text = text.replace("’", "'").strip().lower()
    return text[4:] if text.startswith("the ") else text


def _modified_noun(span: Span) -> str | None:
    """The common noun a name modifies as a compound ("the Foo thinktank" -> "thinktank"), lower-cased."""
    head = span.root.head
    if span.root.dep_ in {"compound", "nmod", "amod"} and head.i >= span.end and (
            head.pos_ == "NOUN" or (head.pos_ == "PROPN" and head.is_lower)):
        return head.lower_
    return None


def org_cue(span: Span, gaz: Gazetteer) -> str | None:
    """Why a PERSON-tagged name is an organisation, or None."""
    key = _key(span.text)
    if key in known_organisations():
        return "a known organisation"
    if key in _media_outlets():
        return "a known news outlet"
    if len(span) > 1 and span[-1].lower_.rstrip(".") in _org_words():
        return f"ends in {span[-1].text!r}"
    if any(any(c.isdigit() for c in t.text) and any(c.isalpha() for c in t.text) for t in span):
        return "a word with a digit (\"MI6\", \"G7\")"
    for tok in span:
        m = _INNER_CAPITAL.match(tok.text)
        if m and m.group(1) not in _SURNAME_PREFIXES:
            return f"an inner capital in {tok.text!r}"
    noun = _modified_noun(span)
    if noun is not None and (noun in _org_words() or noun in _org_nouns()):
        return f"modifies the organisation noun {noun!r}"
    return _apposition_org(span)


def _apposition_org(span: Span) -> str | None:
    """"Foo, a construction company": the noun of an apposition right after the name is an organisation
    noun, or is followed by the relative "that"/"which" (a person is "who")."""
    doc = span.doc
    i = span.end
    if i + 2 >= len(doc) or doc[i].text != "," or doc[i + 1].lower_ not in {"a", "an"}:
        return None
    for j in range(i + 2, min(i + 7, len(doc))):
        tok = doc[j]
        if tok.pos_ == "NOUN" and (j + 1 == len(doc) or doc[j + 1].pos_ != "NOUN"):
            if tok.lower_ in _org_words() or tok.lower_ in _org_nouns():
                return f"an apposition calls it a {tok.lower_!r}"
            if j + 1 < len(doc) and doc[j + 1].lower_ in _RELATIVE_THAT:
                return f"an apposition '{tok.text} {doc[j + 1].text}', not 'who'"
            return None
        if tok.is_punct:
            return None
    return None


def not_actor_cue(span: Span) -> str | None:
    """Why a PERSON-tagged name is no actor at all, or None."""
    doc = span.doc
    if not any(t.text[:1].isupper() for t in span):
        return "no capitalised word"
    before = doc[span.start - 1].text if span.start > 0 else ""
    after = doc[span.end].text if span.end < len(doc) else ""
    if before in {'"', "“", "‘"} and after in {'"', "”", "’", ',"', ",”"} and not _inside_name(span):
        return "a title in quotes"
    noun = _modified_noun(span)
    if noun is not None and _singular(noun) in _artifact_nouns():
        return f"the make of a {noun!r}"
    prev = doc[span.start - 1] if span.start > 0 else None
    if prev is not None and prev.pos_ == "NOUN" and _singular(prev.lower_) in _artifact_nouns():
        return f"the name of a {prev.lower_!r}"  # "the aircraft carrier Foo Bar"
    return None


def _inside_name(span: Span) -> bool:
    """"Joe "the Hammer" Foo": a quoted nickname between the words of a name."""
    doc = span.doc
    prev = doc[span.start - 2] if span.start > 1 else None
    nxt = doc[span.end + 1] if span.end + 1 < len(doc) else None
    return (prev is not None and prev.pos_ == "PROPN") and (nxt is not None and nxt.pos_ == "PROPN")


def _singular(noun: str) -> str:
    return noun[:-1] if noun.endswith("s") and not noun.endswith("ss") else noun


def group_cue(span: Span, gaz: Gazetteer) -> str | None:
    """Why a PERSON-tagged name names a group of people, or None."""
    noun = _modified_noun(span)
    if noun is not None and noun in _group_nouns():
        return f"modifies the group noun {noun!r}"
    text = span.text
    if gaz.demonym(text):
        return "a known demonym"
    stem = text[:-3] if text.endswith("ers") else text[:-2] if text.endswith("ans") else ""
    if len(stem) >= 4 and stem[-1].isalpha() and (gaz.country(stem) or _known_place(stem, gaz)):
        return f"a plural demonym of {stem!r}"  # "Londoners", "Hong Kongers", "Californians"
    return None


def _known_place(name: str, gaz: Gazetteer) -> bool:
    entries = gaz.lookup(name)
    return bool(entries) and (entries[0].kind != "city" or entries[0].population >= setting("untagged_min_population"))


@cache
def _person_titles() -> frozenset[str]:
    """One-word titles of people ("spokesman", "minister"), as in ``actors/titles.tsv``."""
    return frozenset(row[0] for row in read_tsv("actors/titles.tsv") if " " not in row[0])


def person_evidence(span: Span) -> bool:
    """A name right after a one-word title ("director Foo Jordan"): a person even when its last word is a
    country's name."""
    prev = span.doc[span.start - 1] if span.start > 0 else None
    return prev is not None and prev.lower_.rstrip(".") in _person_titles() and prev.lower_ not in {"general", "head"}


def title_cue(span: Span, gaz: Gazetteer) -> str | None:
    """"State Department spokesman Foo Bar": a 1–4-word title-case name right after a one-word title is
    that person, unless the name is known as a place or an organisation or ends in an organisation word."""
    doc = span.doc
    prev = doc[span.start - 1] if span.start > 0 else None
    if prev is None or prev.lower_.rstrip(".") not in _person_titles() or prev.lower_ in {"general", "head"}:
        return None
    words = list(span)
    if not 1 <= len(words) <= 4 or not all(t.is_alpha and t.is_title for t in words):
        return None
    if any(t.lower_ in _org_nouns() or t.lower_ in _org_words() or t.lower_ in _institution_heads()
           or t.lower_ in _facility_nouns() or t.lower_ in _place_nouns() for t in words):
        return None
    if gaz.is_known(span.text) or gaz.demonym(words[0].text) or _key(span.text) in known_organisations() \
            or _key(span.text) in _media_outlets():
        return None
    return f"right after the title {prev.text!r}"


def who_follows(span: Span, gaz: Gazetteer) -> bool:
    """"Foo, who said": the relative "who" is said of people (places take "which", "where"), but not of a
    country, region or state ("Scotland, who won": a team), a demonym ("the Briton, who") or a plural."""
    doc, j = span.doc, span.end
    if j + 1 >= len(doc) or doc[j].text != "," or doc[j + 1].lower_ not in {"who", "whom"}:
        return False
    the = span.start > 0 and doc[span.start - 1].lower_ == "the"
    if span.root.dep_ not in {"nsubj", "nsubjpass", "appos"} or the:
        return False  # "a student in Foo, who", "the Foo, who": the relative is not about the name
    if _key(span.text) in known_organisations() or _key(span.text) in _media_outlets():
        return False
    entries = gaz.lookup(span.text)
    return not ((entries and entries[0].kind in {"country", "admin1", "region"}) or gaz.demonym(span.text)
                or span[-1].tag_ == "NNPS")


@cache
def _calendar_words() -> frozenset[str]:
    return frozenset(row[0] for name in ("times/months.tsv", "times/weekdays.tsv") for row in read_tsv(name))


def calendar_word(text: str) -> bool:
    """A month or weekday name as written ("March", "May", "Sunday"): "in early March" is a time, not the
    English town of March, however much the slot looks like a place (a town so named comes with a cue:
    "March, Cambridgeshire")."""
    return text in _calendar_words()
