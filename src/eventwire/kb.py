"""The knowledge base of people: who a name is, which country they act for, and since when in which office.

Why it exists: a story often names a sitting head of state by surname only, or a minister with no
country beside the name; a reader fills the country from world knowledge. The knowledge comes from
``resources/en/kb/people.tsv``, built by ``scripts/build_kb.py`` from the CIA World Factbook's
Government sections (every profile, processed uniformly; no hand-picked names). See ``docs/kb.md``.

Two rules from the issue that asked for it:

* a match gives the person's **country at any date**: affiliation does not expire with the office;
* it gives a **role only from its "since" date on**: on a story dated before, ``role`` is ``None``.

Ambiguity is not resolved here: a key shared by two countries (a monarch of several realms, a
surname of two people) returns every candidate, most supported first; the caller decides, and
should only use a match when the story gives no contrary evidence.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .lexicon import read_file, read_tsv
from .names import fold, name_key

RESOURCE = "kb/people.tsv"
ROLES = "kb/roles.tsv"
COLUMNS = ("name", "key", "variants", "surname", "country", "role", "class", "since", "field", "profiles")
# Which office a person is best described by when several rows match (heads first, candidates last).
_RANK = ("head_of_state", "head_of_government", "deputy", "foreign_minister", "defence_minister", "minister",
         "heir", "governor", "ambassador", "official", "party_leader", "candidate", "former")


@dataclass(frozen=True)
class Entry:
    """One row of the resource: one person in one office (or candidacy) for one country."""

    name: str
    key: str
    variants: tuple[str, ...]
    surname: str
    country: str
    role: str
    role_class: str
    since: str
    field: str
    profiles: tuple[str, ...]

    def held_on(self, on: dt.date | None) -> bool:
        """Whether the office was held on ``on`` (always when either date is unknown: no end dates exist)."""
        start = since_date(self.since)
        return on is None or start is None or start <= on


@dataclass(frozen=True)
class KBPerson:
    """A knowledge-base match: the person's country, and their role on the story's date (or None)."""

    name: str
    key: str
    country: str
    role: str | None
    role_class: str | None
    since: str | None
    fields: tuple[str, ...]
    support: int  # how many Factbook profiles name this person for this country: more is surer


def since_date(since: str) -> dt.date | None:
    """The first day of a ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` value, None when empty or malformed."""
    parts = since.split("-") if since else []
    try:
        nums = [int(p) for p in parts]
        return dt.date(nums[0], nums[1] if len(nums) > 1 else 1, nums[2] if len(nums) > 2 else 1) if nums else None
    except (ValueError, IndexError):
        return None


def _entry(cols: Sequence[str]) -> Entry:
    name, key, variants, surname, country, role, klass, since, field, profiles = cols
    return Entry(name, key, tuple(v for v in variants.split("|") if v), surname, country, role, klass, since,
                 field, tuple(p for p in profiles.split(",") if p))


@cache
def role_words() -> dict[str, str]:
    """Folded title phrase → role class, from ``kb/roles.tsv`` (honorifics and institution words left out)."""
    return {fold(p): c for p, c in read_tsv(ROLES) if c not in ("honorific", "body")}


def role_class(word: str) -> str | None:
    """The role class of a title as a story writes it ("President", "Foreign Minister"), else None.

    The longest known phrase at the end of ``word`` wins ("Ukraine's Foreign Minister" → foreign_minister).
    """
    words = fold(word).replace("’", "'").split()
    table = role_words()
    for start in range(len(words)):
        phrase = " ".join(words[start:])
        if phrase in table:
            return table[phrase]
    return None


class KB:
    """An index of entries by full-name key, variant key and surname key."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.entries = tuple(entries)
        self._by_key: dict[str, list[Entry]] = defaultdict(list)
        self._by_surname: dict[str, list[Entry]] = defaultdict(list)
        for e in self.entries:
            for k in dict.fromkeys((e.key, *e.variants)):
                self._by_key[k].append(e)
            self._by_surname[e.surname].append(e)

    @classmethod
    def load(cls, path: str | Path | None = None) -> KB:
        """The shipped resource (``path`` None), or a people file of the same format at ``path``."""
        rows = read_tsv(RESOURCE) if path is None else read_file(Path(path)).rows
        return cls(_entry(r[:len(COLUMNS)]) for r in rows)

    def lookup(self, name: str, *, on: dt.date | None = None) -> list[KBPerson]:
        """Everyone whose full name (or a variant: first given name + surname) has the key of ``name``.

        A one-word name is no full name ("Johnson"): it matches nobody here; use ``by_surname`` with a role.
        """
        key = name_key(name)
        return _people(self._by_key.get(key, []), on) if " " in key else []

    def by_surname(self, surname: str, role_word: str | None = None, *,
                   on: dt.date | None = None) -> list[KBPerson]:
        """People with this surname; with ``role_word``, only those holding an office of its class on ``on``.

        "President Zelenskyy" is ``by_surname("Zelenskyy", "President", on=story_date)``: heads of state
        named Zelenskyy who were in office on that date. A role word of no known class matches nobody.
        """
        found = self._by_surname.get(name_key(surname), [])
        if role_word is not None:
            wanted = role_class(role_word)
            found = [e for e in found if wanted and e.held_on(on)
                     and (e.role_class == wanted or role_class(e.role) == wanted)]
        return _people(found, on)


def _same_person(entries: Sequence[Entry]) -> list[list[Entry]]:
    """Entries grouped by person and country: same country and a key in common (full name or variant)."""
    groups: list[tuple[str, set[str], list[Entry]]] = []
    for e in entries:
        keys = {e.key, *e.variants}
        for country, seen, members in groups:
            if country == e.country and seen & keys:
                seen |= keys
                members.append(e)
                break
        else:
            groups.append((e.country, keys, [e]))
    return [members for _, _, members in groups]


def _people(entries: Sequence[Entry], on: dt.date | None) -> list[KBPerson]:
    """One ``KBPerson`` per (person, country), with the highest-ranked role held on ``on``."""
    out = []
    for group in _same_person(entries):
        held = sorted((e for e in group if e.held_on(on)),
                      key=lambda e: (_RANK.index(e.role_class) if e.role_class in _RANK else len(_RANK), e.since))
        best = held[0] if held else None
        first = min(group, key=lambda e: (-len(e.key), e.key))  # the fullest form of the name
        out.append(KBPerson(
            name=first.name, key=first.key, country=first.country,
            role=(best.role or best.role_class) if best else None, role_class=best.role_class if best else None,
            since=(best.since or None) if best else None, fields=tuple(sorted({e.field for e in group})),
            support=len({p for e in group for p in e.profiles})))
    return sorted(out, key=lambda p: (-p.support, p.country, p.key))


@cache
def default_kb() -> KB:
    """The shipped knowledge base, loaded once per process."""
    return KB.load()


def lookup(name: str, *, on: dt.date | None = None) -> list[KBPerson]:
    """Full-name matches in the shipped knowledge base (see ``KB.lookup``)."""
    return default_kb().lookup(name, on=on)


def by_surname(surname: str, role_word: str | None = None, *, on: dt.date | None = None) -> list[KBPerson]:
    """Surname (plus role word) matches in the shipped knowledge base (see ``KB.by_surname``)."""
    return default_kb().by_surname(surname, role_word, on=on)
