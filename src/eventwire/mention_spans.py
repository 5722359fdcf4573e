"""Repair the edges of the model's name spans before they are typed (used by ``eventwire.mentions``).

The small model cuts personal names short and runs names across line breaks. General repairs only:

* a name never crosses a line break: "Jane Doe\\nGENEVA" (a byline over a dateline) is cut at it;
* a PERSON name cut at a particle ("Ursula von der" + "Foo") or whose words all lean on a proper noun
  right after it ("Aung San" + "Suu Kyi", when it opens with a known given name) runs on to that noun;
* a PERSON name whose given name was left outside ("Secretary General Anders" + "Foo Bar") takes it
  back when it is a known given name or a title stands before it;
* a demonym or title opening a PERSON name ("Belgian King Foo", "Lord Foo") is peeled off;
* a Roman numeral after a PERSON name is part of it ("Foo VIII").
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, partial
from typing import Protocol, TypeVar

from spacy.tokens import Doc, Span, Token

from .gazetteer import Gazetteer
from .lexicon import read_tsv, read_words
from .mention_cues import big_place, given_names
from .names import name_key

__all__ = ["join_name_parts", "repair_spans", "split_lines"]

_particles = partial(read_words, "mentions/name_particles.txt")
_org_words = partial(read_words, "mentions/org_words.txt")
_org_nouns = partial(read_words, "actors/org_nouns.txt")
_facility_nouns = partial(read_words, "actors/facility_nouns.txt")
_place_nouns = partial(read_words, "actors/place_nouns.txt")


@cache
def _title_words() -> frozenset[str]:
    """Title and honorific words ("general", "mr", "sir"), without dots."""
    words = {w for row in read_tsv("actors/titles.tsv") for w in row[0].split()} | read_words("mentions/ranks.txt")
    return frozenset(words | {w.rstrip(".") for w in read_words("actors/honorifics.txt")})


@cache
def _stop_words() -> frozenset[str]:
    """Words that end a personal name: titles, institution heads, organisation, facility and place nouns."""
    heads = {row[0].lower() for row in read_tsv("actors/institutions.tsv")}
    return _title_words() | heads | _org_words() | _org_nouns() | _facility_nouns() | _place_nouns()


def repair_spans(spans: list[tuple[Span, str]], gaz: Gazetteer) -> list[tuple[Span, str]]:
    """The spans with their edges repaired; a span swallowed by a repaired PERSON name is dropped."""
    out = list(spans)
    owner = {i: k for k, (s, _) in enumerate(out) for i in range(s.start, s.end)}
    dropped: set[int] = set()
    for k, (span, label) in enumerate(out):
        if label != "PERSON" or k in dropped:
            continue
        span = _peel_front(span, gaz)
        span = _extend_left(span, owner, gaz)
        new = _extend_right(span, owner, out, gaz)
        new = _regnal_number(new, owner)
        for i in range(new.start, new.end):
            if owner.get(i, k) != k:
                dropped.add(owner[i])
        out[k] = (new, label)
    return [sl for k, sl in enumerate(out) if k not in dropped]


def split_lines(span: Span) -> list[Span]:
    """The span up to its first line break (a list with that one span, or empty)."""
    doc = span.doc
    pieces, start = [], span.start
    for i in range(span.start, span.end):
        if doc[i].is_space or "\n" in doc[i].whitespace_:
            end = i if doc[i].is_space else i + 1
            if end > start:
                pieces.append(doc[start:end])
            start = i + 1
    if start < span.end:
        pieces.append(doc[start : span.end])
    return pieces[:1]  # what follows a break is a dateline, a place or the next paragraph


def _name_word(tok: Token, gaz: Gazetteer) -> bool:
    """A capitalised proper noun that can be part of a personal name."""
    country = gaz.country(tok.text) if len(tok.text) != 3 or tok.is_upper else None  # "Ben" is no "BEN"
    return (tok.pos_ == "PROPN" and tok.is_alpha and tok.is_title and tok.lower_.rstrip(".") not in _stop_words()
            and not gaz.demonym(tok.text) and country is None)


def _peel_front(span: Span, gaz: Gazetteer) -> Span:
    """"Belgian King Foo" -> "Foo": demonyms and titles opening a name."""
    doc, start = span.doc, span.start
    while span.end - start > 1 and (doc[start].lower_.rstrip(".") in _title_words() or (
            gaz.demonym(doc[start].text) and doc[start + 1].lower_.rstrip(".") in _title_words())):
        start += 1  # a demonym only before a title: "Somali Public Agenda" keeps its first word
    return doc[start : span.end]


def _extend_left(span: Span, owner: dict[int, int], gaz: Gazetteer) -> Span:
    """"General Anders" + "Foo Bar": untagged name words before the name, leaning on it, after a title
    or a non-name word."""
    doc = span.doc
    j = span.start
    while j > 0 and _leans_on(doc[j - 1], span, owner, gaz):
        j -= 1
    if j == span.start:
        return span
    if doc[j - 1].lower_.rstrip(".") not in _title_words() and name_key(doc[j].text) not in given_names():
        return span  # "and Emperor Foo Bar": only a given name, or any name word after a title
    return doc[j : span.end]


def _leans_on(tok: Token, span: Span, owner: dict[int, int], gaz: Gazetteer) -> bool:
    """An untagged name word before ``span`` that the parser attaches to it as a compound."""
    return (tok.i not in owner and not tok.ent_type_ and tok.dep_ == "compound" and not tok.is_sent_start
            and span.start <= tok.head.i < span.end and _name_word(tok, gaz))


def _extend_right(span: Span, owner: dict[int, int], out: list[tuple[Span, str]], gaz: Gazetteer) -> Span:
    """"Ursula von der" + "Foo", "Aung San" + "Suu Kyi": the name runs on to the proper noun its words
    lean on, or past a particle that cannot end a name; a name span it reaches must lie inside it."""
    doc = span.doc
    end = span.end
    root = span.root
    target = root.head.i if root.dep_ == "compound" and root.head.i >= end else None
    if target is None and span[-1].lower_ in _particles() and end < len(doc):
        target = end
    if target is None or target - end > 3:
        return span
    if not (span[-1].lower_ in _particles() or name_key(span[0].text) in given_names()):
        return span  # "Foo District" + "Commissioner": only a name that opens with a given name runs on
    for i in range(end, target + 1):
        tok = doc[i]
        if not (_name_word(tok, gaz) or (i < target and (tok.lower_ in _particles() or tok.text == "-"))):
            return span
        if tok.ent_type_ not in {"", "GPE", "ORG", "LOC"}:
            return span  # "Foo Bar" + "Saturday", or another person's name: "Luke Foo" + "Andriy Bar"
        if i in owner and out[owner[i]][0].end > target + 1:
            return span
    last = doc[target]
    if big_place(last.text, gaz) and last.ent_type_ != "PERSON" and span[-1].lower_ not in _particles():
        return span  # "Foo Bar" + "Kyiv": a place after a name is not its surname
    return doc[span.start : target + 1]


_ROMAN = {"II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI"}


def _regnal_number(span: Span, owner: dict[int, int]) -> Span:
    """"King Foo II": a Roman numeral right after a personal name belongs to it ("I" is left: a pronoun)."""
    doc, end = span.doc, span.end
    if end < len(doc) and end not in owner and doc[end].text in _ROMAN:
        return doc[span.start : end + 1]
    return span


class _Typed(Protocol):
    @property
    def type(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def tok_start(self) -> int: ...
    @property
    def tok_end(self) -> int: ...
    @property
    def evidence(self) -> list[str]: ...


M = TypeVar("M", bound=_Typed)


def join_name_parts(doc: Doc, mentions: list[M], persons: list[str], make: Callable[[Span, list[str]], M]) -> list[M]:
    """"Suu" + "Kyi" typed apart: adjacent person mentions whose words end a full name of the story are one
    (``make`` builds the joined mention from its span and the first part's evidence)."""
    endings = {" ".join(w[k:]) for name in persons if len(w := name.split()) > 2 for k in range(1, len(w) - 1)}
    out: list[M] = []
    for m in mentions:
        prev = out[-1] if out else None
        if (prev is not None and prev.type == m.type == "person" and prev.tok_end == m.tok_start
                and f"{prev.text} {m.text}" in endings):
            out[-1] = make(doc[prev.tok_start : m.tok_end], prev.evidence)
        else:
            out.append(m)
    return out
