"""Store-wide actor identities: the normalised name an actor is known by across stories, and its policy.

Why a name key and not a knowledge base: most actors of the news are in no KB, and two outlets write
one person differently only in surface details ("Vladimir V. Putin", "Vladimir Putin"; "António",
"Antonio"; a stray bracket or zero-width space). ``name_key`` removes exactly those details and
nothing that tells two people apart (a first name, a surname). States are keyed on their ISO3, so
"Britain" and "United Kingdom" meet. The store side (``eventwire.store.identities``) decides which
stored identity an actor joins; this module holds the pure parts it decides with.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from functools import cache
from typing import Any

from ..lexicon import read_words

#: Generational suffixes dropped from the end of a person's name of three words or more.
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_INVISIBLE = re.compile("[\u200b-\u200f\u2060\ufeff\u00ad]")
_QUOTED = re.compile(r"[\"“”«»][^\"“”«»]{1,40}[\"“”«»]")
_APOSTROPHE = re.compile(r"['’‘`]")
_NON_WORD = re.compile(r"[^\w]+|_")

#: How an actor of a given ``kind`` is matched across stories (see ``policy``).
STATE, GROUP, PERSON, ORGANIZATION = "state", "group", "person", "organization"


@cache
def _titles() -> tuple[tuple[str, ...], ...]:
    """Honorifics and titles as word tuples, longest first ("prime minister" before "minister")."""
    words = read_words("actors/honorifics.txt") | read_words("actors/titles.tsv")
    phrases = {tuple(_words(w)) for w in words}
    return tuple(sorted((p for p in phrases if p), key=len, reverse=True))


def _words(text: str) -> list[str]:
    """Case-folded words without accents or punctuation (apostrophes join: O’Brien → obrien)."""
    text = _INVISIBLE.sub("", text)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = _APOSTROPHE.sub("", text)
    return [w for w in _NON_WORD.split(text) if w]


def name_key(name: str, kind: str | None = "person") -> str:
    """The normalised full name: case-folded, accents, punctuation and zero-width characters off.

    For a person (``kind`` "person" or unknown) also: a quoted nickname, leading honorifics and titles
    ("Mr.", "President", from ``actors/honorifics.txt`` and ``actors/titles.tsv``), middle initials
    ("Janet L. Yellen" → "janet yellen") and a generational suffix of a longer name ("Lloyd J. Austin
    III" → "lloyd austin") go, as long as a word remains. Organisation names keep every word.
    """
    person = kind in (None, PERSON)
    if person:
        stripped = _QUOTED.sub(" ", name)
        name = stripped if _words(stripped) else name
    words = _words(name)
    if not person:
        return " ".join(words)
    changed = True
    while changed and len(words) > 1:
        changed = False
        for title in _titles():
            if len(words) > len(title) and tuple(words[: len(title)]) == title:
                words = words[len(title):]
                changed = True
                break
    if len(words) >= 3 and words[-1] in _SUFFIXES:
        words = words[:-1]
    if len(words) >= 3:
        words = [words[0], *(w for w in words[1:-1] if len(w) > 1), words[-1]]
    return " ".join(words)


def is_description(actor: Mapping[str, Any]) -> bool:
    """An unnamed actor ("the government", "soldiers"): the pipeline lists its lower-case mention as an
    alias, which a name ("Kremlin", "Hamas") never has."""
    name = str(actor.get("name") or "").casefold()
    return any(isinstance(a, str) and a.islower() and a.casefold() == name for a in actor.get("aliases") or ())


def policy(kind: str | None, description: bool = False) -> str:
    """How an actor of this record ``kind`` is matched: ``state`` (on its ISO3), ``group`` (name and
    country both, never filled: "Soldiers" or "the government" of one story are not those of another;
    also every unnamed ``description``), ``person`` (name, country filled from the identity, bare
    surnames may join a full name) or ``organization``."""
    if kind == "country":
        return STATE
    if kind == GROUP or description:
        return GROUP
    if kind == PERSON:
        return PERSON
    return ORGANIZATION


def actor_key(actor: Mapping[str, Any]) -> str:
    """The key an actor's identity is stored under: a state's ISO3 (upper case, so it never equals a
    normalised name), else ``name_key`` of its name."""
    kind = actor.get("kind")
    country = actor.get("country")
    if policy(kind) == STATE and country:
        return str(country).upper()
    return name_key(str(actor.get("name") or ""), kind if kind in (PERSON, None) else ORGANIZATION)


def surname(name: str, key: str) -> str | None:
    """The last word of a person's full-name key (where a bare surname looks), ``None`` unless the name
    is written as two words or more: "Pre-Covid" has no surname "covid"."""
    words = key.split()
    return words[-1] if len(name.split()) > 1 and len(words) > 1 else None


def is_bare_surname(actor: Mapping[str, Any], key: str) -> bool:
    """A one-word person name: the story never gave the full name, so it may join one stored elsewhere."""
    name = str(actor.get("name") or "")
    return policy(actor.get("kind")) == PERSON and bool(key) and " " not in key and len(name.split()) == 1
