"""Counts in a story ("over 700 drones and missiles", "thousands of households", "killed at least 50").

The event engine attaches each count to the verb or event noun that governs its ``head`` token and
asks :func:`fatality_count` whether it counts the dead. Only counts of things and people are returned:
money, percentages, dates, times, ages, durations and measures are left out, because a number that is
not a count would be attached to an event as if it were one ("in 2022" is not 2,022 of anything).

All vocabulary lives in ``resources/en/quantities/*.tsv``; this module holds only the rules that read
the parse. Conventions (also in the TSV headers):

* ``value`` of a vague plural is the round number itself ("thousands of" -> 1000, "dozens" -> 12) and
  ``qualifier`` names the plural ("thousands"), so vagueness is never lost.
* A range ("between 10 and 15 people", "10 to 15 people") has the lower bound as ``value`` and the
  qualifier ``"between"``; ``text`` keeps both numbers.
* When the counted noun is implied ("killed at least 50", "the toll rose to 12", "left 10 dead"),
  ``unit`` is ``"people"`` and ``head == number``: the number token itself is the argument of the verb.
* Money is skipped ("$28 billion", "28 billion dollars"), as are percentages, identifiers ("Flight 17"),
  year-like numbers without a qualifier ("2022"), numbers inside hyphenated modifiers ("five-hour",
  "42-year-old", "10,000-strong") and ordinals (never tagged as cardinal numbers).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Token

from .lexicon import read_tsv, read_words
from .syntax import ancestors, doc_text, first_conjunct

_DIR = "quantities"
_DIGITS = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_ATTACHED_SUFFIX = re.compile(r"^(\d+(?:\.\d+)?)(bn|mn|m|k)$", re.IGNORECASE)
_SUFFIX_VALUE = {"bn": 1_000_000_000, "mn": 1_000_000, "m": 1_000_000, "k": 1_000}
_RANGE_WORDS = frozenset({"to", "-", "–", "and", "or"})
_HYPHENS = frozenset({"-", "–"})
_NOUNS = frozenset({"NOUN", "PROPN"})
_QUALIFIER_DEPS = frozenset({"quantmod", "advmod", "amod", "det", "npadvmod", "nummod", "neg", "cc"})
_UNIT_LEFT_DEPS = frozenset({"compound", "amod", "nmod", "nummod", "poss", "case", "punct", "npadvmod"})
_MAX_PHRASE = 4  # longest vague or qualifier phrase, in tokens


@dataclass(frozen=True, slots=True)
class QuantityMention:
    """One count: ``text`` is ``doc.text[start:end]``, from the qualifier to the end of the unit."""

    start: int
    end: int
    text: str
    value: int | float
    qualifier: str | None
    unit: str
    head: int  # token index of the unit's head noun; equals ``number`` when the unit is implied
    number: int  # token index of the number token that attaches to the unit (or to the verb)


@dataclass(frozen=True, slots=True)
class _Words:
    """The quantities lexicons, parsed once per process."""

    numbers: dict[str, tuple[int, bool]]  # word -> (value, is_multiplier)
    vague: dict[tuple[str, ...], tuple[int, str]]
    qualifiers: dict[tuple[str, ...], str]
    before: frozenset[str]
    after: frozenset[str]
    units: frozenset[str]
    people: frozenset[str]
    casualty: dict[tuple[str, str], bool]  # (lemma, slot) -> fatal


@cache
def _words() -> _Words:
    numbers = {w.lower(): (int(v), kind == "multiplier") for w, v, kind in read_tsv(f"{_DIR}/numbers.tsv")}
    vague = {tuple(p.lower().split()): (int(v), q) for p, v, q in read_tsv(f"{_DIR}/vague.tsv")}
    qualifiers = {tuple(p.lower().split()): q for p, q in read_tsv(f"{_DIR}/qualifiers.tsv")}
    non_counts = read_tsv(f"{_DIR}/non_counts.tsv")
    casualty = {(lemma.lower(), slot): fatal == "yes" for lemma, slot, fatal in read_tsv(f"{_DIR}/casualties.tsv")}
    return _Words(
        numbers=numbers,
        vague=vague,
        qualifiers=qualifiers,
        before=frozenset(w.lower() for w, pos, _ in non_counts if pos == "before"),
        after=frozenset(w.lower() for w, pos, _ in non_counts if pos == "after"),
        units=frozenset(w.lower() for w, pos, _ in non_counts if pos == "unit"),
        people=read_words(f"{_DIR}/people.tsv"),
        casualty=casualty,
    )


def _numeric(text: str) -> int | float | None:
    """``"4,000"`` -> 4000, ``"1.5"`` -> 1.5, ``"3bn"`` -> 3e9; None for anything else."""
    if _DIGITS.match(text):
        value = float(text.replace(",", ""))
        return int(value) if value.is_integer() else value
    suffixed = _ATTACHED_SUFFIX.match(text)
    if suffixed:
        value = float(suffixed.group(1)) * _SUFFIX_VALUE[suffixed.group(2).lower()]
        return int(value) if value.is_integer() else value
    return None


def _whole(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _read_number(doc: Doc, i: int, lowers: list[str], w: _Words) -> tuple[int, int | float, str | None] | None:
    """The number phrase starting at token ``i``: (end token, value, vague qualifier) or None."""
    n = len(doc)
    for size in range(min(_MAX_PHRASE, n - i), 0, -1):  # vague phrases first: "hundreds of thousands"
        found = w.vague.get(tuple(lowers[i : i + size]))
        if found is not None:
            return i + size, found[0], found[1]
    total, current, j, seen = 0.0, 0.0, i, False
    if lowers[i] in {"a", "an"}:  # "a dozen", "a hundred": only before a multiplier
        if i + 1 < n and w.numbers.get(lowers[i + 1], (0, False))[1]:
            current, j = 1.0, i + 1
        else:
            return None
    while j < n:
        word = lowers[j]
        numeric = _numeric(doc[j].text) if not seen else None
        if numeric is not None and doc[j].pos_ in {"NUM", "X", "NOUN", "PROPN"}:
            current, seen = float(numeric), True
        elif word in w.numbers and (doc[j].pos_ == "NUM" or w.numbers[word][1] or doc[j].dep_ == "nummod"):
            value, multiplier = w.numbers[word]
            if multiplier:
                current = (current or 1.0) * value
                if value >= 1000:
                    total, current = total + current, 0.0
            else:
                current += value
            seen = True
        elif seen and word in _SUFFIX_VALUE and not doc[j - 1].whitespace_ and _DIGITS.match(doc[j - 1].text):
            current *= _SUFFIX_VALUE[word]  # "1.5m", "3bn" split by the tokenizer
        elif seen and word in _HYPHENS and j + 1 < n and lowers[j + 1] in w.numbers and not doc[j].whitespace_:
            j += 1  # "twenty-four"
            continue
        elif seen and word == "and" and j + 1 < n and lowers[j + 1] in w.numbers and total + current >= 100:
            j += 1  # "two hundred and fifty"
            continue
        else:
            break
        j += 1
    if not seen:
        return None
    return j, _whole(total + current), None


def _qualifier(doc: Doc, start: int, number_end: int, lowers: list[str], w: _Words) -> tuple[int, str] | None:
    """An explicit qualifier ending right before token ``start``: (its first token, normalised form)."""
    for size in range(min(_MAX_PHRASE, start), 0, -1):
        q = w.qualifiers.get(tuple(lowers[start - size : start]))
        if q is None:
            continue
        tokens = doc[start - size : start]
        if all(t.dep_ in _QUALIFIER_DEPS or start - size <= t.head.i < number_end for t in tokens):
            return start - size, q
    return None


def _excluded(doc: Doc, start: int, end: int, value: int | float, qualified: bool, w: _Words,
              lowers: list[str]) -> bool:
    """True when the number phrase is money, a percentage, a date, a time or part of a modifier."""
    first, last = doc[start], doc[end - 1]
    if first.ent_type_ in {"MONEY", "PERCENT"} or last.ent_type_ in {"MONEY", "PERCENT"}:
        return True
    if start > 0:
        prev = doc[start - 1]
        if lowers[start - 1] in w.before or (prev.text in _HYPHENS and not prev.whitespace_):
            return True  # "$28", "Feb. 18", "COVID-19"
        if prev.text[-1:] in {"$", "€", "£"}:
            return True  # "US$5"
    if end < len(doc):
        nxt = doc[end]
        if lowers[end] in w.after:
            return True
        if nxt.text in _HYPHENS and not last.whitespace_ and end + 1 < len(doc) and lowers[end + 1] not in w.numbers:
            return True  # "five-hour", "42-year-old", "10,000-strong"
    text = first.text
    return (not qualified and start + 1 == end and len(text) == 4 and text.isdigit()
            and 1800 <= int(value) <= 2100)


def _range_end(doc: Doc, end: int, lowers: list[str], w: _Words, between: bool) -> int:
    """End token of "10 to 15" / "between 10 and 15" when a second number follows, else ``end``."""
    if end + 1 < len(doc) and lowers[end] in _RANGE_WORDS and (between or lowers[end] != "and"):
        second = _read_number(doc, end + 1, lowers, w)
        if second is not None and second[2] is None:
            return second[0]
    return end


def _syntactic_number(doc: Doc, start: int, end: int) -> Token:
    """The token of the phrase whose head lies outside it (the one that attaches to noun or verb)."""
    outside = [t for t in doc[start:end] if not (start <= t.head.i < end) or t.head.i == t.i]
    return outside[-1] if outside else doc[end - 1]


def _unit_noun(number: Token, end: int) -> Token | None:
    """The counted noun: "700 drones" (nummod), "thousands of households" / "five of the soldiers"."""
    head = number.head
    attached = number.dep_ in {"nummod", "quantmod", "compound", "advmod", "amod"} or head.i == end
    if attached and head.pos_ in _NOUNS and head.i >= end:
        return head
    for child in number.rights:
        if child.lower_ == "of" and child.dep_ == "prep":
            objects = [c for c in child.children if c.dep_ == "pobj" and (c.pos_ == "NOUN" or c.ent_type_ == "NORP")]
            return objects[0] if objects else None
    doc = number.doc
    if end < len(doc):  # a mis-parsed "1.5m rounds": the plural noun right after hangs off the same verb
        nxt = doc[end]
        if nxt.pos_ == "NOUN" and nxt.tag_ == "NNS" and nxt.head.i in {number.i, head.i}:
            return nxt
    return None


def _unit_span(doc: Doc, noun: Token, end: int) -> tuple[int, int]:
    """Token span of the unit: the noun with its left modifiers and its number-less conjuncts."""
    first = noun.i
    for child in noun.lefts:
        if child.i >= end and child.dep_ in _UNIT_LEFT_DEPS:
            first = min(first, child.left_edge.i)
    while first < noun.i and doc[first].pos_ in {"DET", "ADP", "PUNCT", "CCONJ"}:
        first += 1
    last = noun.i
    conj = noun
    while True:
        nxt = [c for c in conj.rights if c.dep_ == "conj" and c.pos_ in _NOUNS]
        if not nxt or any(c.dep_ == "nummod" or c.like_num for c in nxt[0].lefts):
            break
        conj = nxt[0]
        last = conj.i
    return max(first, end), last + 1


def _people_context(number: Token, w: _Words) -> bool | None:
    """For a number with no noun: fatal (True), people but not fatal (False), or no people at all (None)."""
    head = number.head
    lemma, dep = head.lemma_.lower(), number.dep_
    if dep in {"dobj", "nsubjpass"} and (lemma, "object") in w.casualty:
        return w.casualty[(lemma, "object")]
    if dep == "nsubj" and head.tag_ == "VBN" and (lemma, "object") in w.casualty and not any(
            c.dep_ == "aux" for c in head.children):
        return w.casualty[(lemma, "object")]  # reduced passive: "and 40 wounded", "hundreds injured"
    if dep == "nsubj" and (lemma, "subject") in w.casualty:
        return w.casualty[(lemma, "subject")]
    if (lemma, "adjective") in w.casualty and head.pos_ == "ADJ":
        return w.casualty[(lemma, "adjective")]
    for child in head.children:  # "50 were shot dead"
        if child.dep_ in {"oprd", "acomp", "advmod", "xcomp"} and (child.lemma_.lower(), "adjective") in w.casualty:
            return w.casualty[(child.lemma_.lower(), "adjective")]
    if _toll(number, w):
        return True
    return None


def _toll(token: Token, w: _Words) -> bool:
    """True when ``token`` is the value of a death toll: "a toll of 10", "the toll rose to 12"."""
    for parent in ancestors(token, steps=3):
        if _is_toll_noun(parent, w):
            return True
        if parent.pos_ in {"VERB", "AUX"}:
            return any(c.dep_ in {"nsubj", "nsubjpass"} and _is_toll_noun(c, w) for c in parent.children)
    return False


def _is_toll_noun(token: Token, w: _Words) -> bool:
    """"toll" / "death toll", or "the number of dead"."""
    lemma = token.lemma_.lower()
    if (lemma, "toll") in w.casualty:
        return all(c.lemma_.lower() in {"death", "fatality"} for c in token.children if c.dep_ == "compound")
    if lemma == "number":
        for prep in token.children:
            if prep.lower_ == "of":
                return any((c.lemma_.lower(), "noun") in w.casualty for c in prep.children if c.dep_ == "pobj")
    return False


def find_quantities(doc: Doc) -> list[QuantityMention]:
    """Every count of things or people in ``doc``, in text order; see the module docstring for conventions."""
    w = _words()
    text = doc_text(doc)
    lowers = [t.lower_ for t in doc]
    found: list[QuantityMention] = []
    i = 0
    while i < len(doc):
        phrase = _read_number(doc, i, lowers, w)
        if phrase is None:
            i += 1
            continue
        end, value, vague = phrase
        qualifier = _qualifier(doc, i, end, lowers, w)
        between = i > 0 and lowers[i - 1] == "between"
        range_end = _range_end(doc, end, lowers, w, between)
        mention = None
        if not _excluded(doc, i, end, value, qualifier is not None or vague is not None, w, lowers):
            mention = _mention(doc, text, i, end, range_end, value, vague, qualifier, between, w)
        if mention is not None:
            found.append(mention)
        i = max(range_end, i + 1)
    return found


def _mention(doc: Doc, text: str, start: int, end: int, range_end: int, value: int | float, vague: str | None,
             qualifier: tuple[int, str] | None, between: bool, w: _Words) -> QuantityMention | None:
    """Build the mention for the number phrase ``doc[start:end]`` (a range runs to ``range_end``)."""
    number = _syntactic_number(doc, start, end)
    if range_end > end:
        number = _syntactic_number(doc, start, range_end)
    noun = _unit_noun(number, range_end)
    if noun is not None and noun.ent_type_ in {"DATE", "TIME"} and noun.pos_ == "PROPN":
        return None  # "10 May"
    measured = noun is not None and any(t.lemma_.lower() in w.units or t.lower_ in w.units
                                        for t in doc[range_end : noun.i + 1])
    if measured:
        return None  # "five hours", "a 1.25 percentage point increase"
    if noun is not None and value == 1 and not _people(noun, w):
        return None  # "one argument", "one of the most harrowing conflicts": a determiner, not a count
    if noun is not None:
        first, last = _unit_span(doc, noun, range_end)
        end_char = doc[last - 1].idx + len(doc[last - 1])
        unit_text, head = text[doc[first].idx : end_char], noun.i
    elif _people_context(number, w) is not None:  # checked before the NER date guard: "arrested 40 overnight"
        unit_text, head = "people", number.i
        end_char = doc[range_end - 1].idx + len(doc[range_end - 1])
    else:
        return None
    qual = qualifier[1] if qualifier else ("between" if range_end > end else vague)
    first_token = qualifier[0] if qualifier else (start - 1 if between and range_end > end else start)
    start_char = doc[first_token].idx
    return QuantityMention(start_char, end_char, text[start_char:end_char], value, qual, unit_text, head, number.i)


def _people(noun: Token, w: _Words) -> bool:
    """The noun counts people: listed in people.tsv, or a nationality/group name ("3 Palestinians")."""
    return noun.lemma_.lower() in w.people or noun.lower_ in w.people or noun.ent_type_ in {"NORP", "PERSON"}


def fatality_count(doc: Doc, quantity: QuantityMention) -> bool:
    """True when ``quantity`` counts people killed or dead.

    "killed at least 50", "50 people were killed", "at least five people dead", "a death toll of 10",
    "10 fatalities", "claimed 500 lives". The attacker count in "50 gunmen killed 3 officers" is not one.
    """
    w = _words()
    number, head = doc[quantity.number], doc[quantity.head]
    if head.i == number.i:
        return bool(_people_context(number, w))
    lemma = head.lemma_.lower()
    if w.casualty.get((lemma, "noun")):
        return True
    # The token that is the verb's argument: the noun ("killed 50 people") or, for "dozens of people"
    # and "five of the soldiers", the number itself.
    arg = number if number.head.i != head.i else head
    if lemma == "life":
        return bool(w.casualty.get((arg.head.lemma_.lower(), "lives")))
    if not _people(head, w):
        return False
    arg = first_conjunct(arg, pos=_NOUNS)  # "24 soldiers and 2,500 civilians died"
    if _people_context(arg, w):
        return True
    for child in head.children:  # "50 people killed in the raid", "12 civilians who were killed"
        child_lemma = child.lemma_.lower()
        if child.dep_ == "acl" and child.tag_ == "VBN" and w.casualty.get((child_lemma, "object")):
            return True
        if child.dep_ == "relcl" and w.casualty.get((child_lemma, "object")):
            return any(c.dep_ == "auxpass" for c in child.children)
        if child.dep_ == "amod" and w.casualty.get((child_lemma, "adjective")):
            return True
    return False
