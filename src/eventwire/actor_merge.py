"""Which mentions are one actor: the merge keys of people and organisations.

``actors.build_actors`` keys every person and organisation mention through this module, so that one
real-world actor becomes one record whatever spelling, short form or alias the story uses. The
forms merged go to the actor's ``aliases``.

**People** (``PersonNames``), keyed by ``names.name_key`` — the knowledge base's own key, so
diacritics, "al-"/"el-" and Slavic/Arabic transliteration variants (Zelenskyy / Zelenskiy, Sergei /
Sergey) are one key:

1. Full names (two or more key words) with equal keys are one person.
2. A full name whose words are all in a longer full name with the same first and last word is
   that person ("Jane Doe" and "Jane Q. Roe Doe"), unless two longer names fit.
3. A bare surname (one written word: "Doe", "Doe's", "Graham-Harrison") joins the full name it
   ends, wherever it occurs in the story (before it too). **When two different full names of the
   story end in that surname, the bare surname joins neither** (it stays its own actor): the
   nearest preceding full name is often not the one meant ("Jane Doe and John Doe …
   Doe said"), and a wrong merge is worse than a missing one.
4. Two full names with the same surname and different first names stay apart.
5. "X, also known as Y" / "X (known as Y)" / "X, formerly Y" (``actors/aka_phrases.txt``): Y is X.

**Organisations** (``OrgNames``): an acronym declared in the text ("the Group of Seven (G7)",
"the Islamic State (IS)"), an "also known as" name, the aliases of ``actors/igos.tsv`` and of
``actors/organizations.tsv`` (non-governmental and armed organisations: "ISIS", "ISIL", "IS" are
the Islamic State) all give the canonical name the actor is keyed by.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise

from .lexicon import read_tsv, read_words
from .mentions import Mention, alias_table, igo_key, igos
from .names import name_key

_ACRONYM = re.compile(r"\s*\(\s*([A-Z][A-Za-z0-9&.\-]{0,9})\s*\)")
_GAP_BEFORE = re.compile(r"^\s*[,(]?\s*$")  # between X and the phrase: ", " or " ("
_GAP_AFTER = re.compile(r"^\s*(?:the\s+)?[\"“‘']?\s*$", re.I)  # between the phrase and Y


def organizations() -> dict[str, tuple[str, str]]:
    """Non-IGO organisations: alias or name (``igo_key``) -> (canonical name, sector or "")."""
    return alias_table("actors/organizations.tsv")


@cache
def _org_countries() -> dict[str, str]:
    """Canonical organisation name -> its country (the ``country`` column of organizations.tsv)."""
    return {name: country for name, _, _, country in read_tsv("actors/organizations.tsv") if country}


@cache
def _aka_phrases() -> tuple[str, ...]:
    return tuple(sorted(read_words("actors/aka_phrases.txt"), key=len, reverse=True))


def aka_pairs(text: str, mentions: list[Mention]) -> list[tuple[Mention, Mention]]:
    """(X, Y) for every "X, also known as Y" of two mentions of one type, Y right after the phrase."""
    out = []
    named = [m for m in mentions if m.type in {"person", "organization"}]
    for x, y in pairwise(named):
        if x.type != y.type:
            continue
        between = text[x.end : y.start]
        low = between.lower()
        for phrase in _aka_phrases():
            at = low.find(phrase)
            if at < 0:
                continue
            before, after = between[:at], between[at + len(phrase):]
            if _GAP_BEFORE.match(before) and _GAP_AFTER.match(after):
                out.append((x, y))
                break
    return out


def declared_acronyms(text: str, mentions: list[Mention]) -> dict[str, str]:
    """``igo_key`` of an acronym declared in brackets after an organisation -> that organisation's name.

    The acronym starts with the name's first letter: "Group of Seven (G7)", "Islamic State (IS)"."""
    out: dict[str, str] = {}
    for m in mentions:
        if m.type != "organization":
            continue
        hit = _ACRONYM.match(text, m.end)
        name = re.sub(r"^the\s+", "", m.text, flags=re.I)
        if hit and sum(c.isupper() for c in hit.group(1)) >= 1 and hit.group(1)[0] == name[:1].upper() \
                and igo_key(hit.group(1)) != igo_key(name):
            out.setdefault(igo_key(hit.group(1)), name)
    return out


@dataclass(slots=True)
class OrgNames:
    """The canonical name of an organisation mention in one story."""

    redirects: dict[str, str] = field(default_factory=dict)  # igo_key(alias) -> name in the story

    @classmethod
    def of_story(cls, text: str, mentions: list[Mention]) -> OrgNames:
        names = cls(declared_acronyms(text, mentions))
        for x, y in aka_pairs(text, mentions):
            if x.type == "organization":
                names.redirects.setdefault(igo_key(y.text), re.sub(r"^the\s+", "", x.text, flags=re.I))
        return names

    def canonical(self, text: str) -> str:
        """The story's declared name, then the lexicons' canonical name, else the text without "the"."""
        name = self.redirects.get(igo_key(text), re.sub(r"^the\s+", "", text, flags=re.I))
        hit = igos().get(igo_key(name)) or organizations().get(igo_key(name))
        return hit[0] if hit else name

    @staticmethod
    def sector(name: str) -> str | None:
        """A non-IGO organisation's sector from ``organizations.tsv`` (``None`` when not listed)."""
        hit = organizations().get(igo_key(name))
        return hit[1] or None if hit else None

    @staticmethod
    def country(name: str) -> str | None:
        """A non-IGO organisation's country from ``organizations.tsv``: the state an agency serves, the
        country an armed group or party is based in (``None`` when not listed or left empty)."""
        hit = organizations().get(igo_key(name))
        return _org_countries().get(hit[0]) if hit else None


class PersonNames(dict[str, str]):
    """``names.name_key`` of a personal name -> the text of the person it belongs to (rules 1–5)."""

    def of(self, text: str) -> str:
        return self.get(name_key(text), text)

    @classmethod
    def of_story(cls, mentions: list[Mention], text: str | None = None) -> PersonNames:
        owners = cls()
        persons = [m for m in mentions if m.type == "person"]
        full: dict[str, str] = {}  # key -> first text with it
        for m in persons:
            key = name_key(m.text)
            if " " in m.text.strip() and len(key.split()) >= 2:
                full.setdefault(key, m.text)
        for key, name in full.items():  # rule 2: a shorter form of a longer full name
            words = key.split()
            longer = {k for k in full if k != key and _contains(k.split(), words)}
            owners[key] = full[longer.pop()] if len(longer) == 1 else name
        by_surname: dict[str, set[str]] = {}
        for key in full:
            target = owners[key]
            for n in range(1, len(key.split())):
                by_surname.setdefault(" ".join(key.split()[-n:]), set()).add(target)
        for m in mentions:  # a full name the model typed otherwise still makes a surname ambiguous
            key = name_key(m.text)
            if m.type == "organization" and 2 <= len(key.split()) <= 3 and m.text.istitle() \
                    and not any(key == k or key.endswith(" " + k) for k in full):  # not "Russians Jane Doe"
                by_surname.setdefault(key.split()[-1], set()).add("?" + m.text)
        for m in persons:  # rule 3: a bare surname (one written word)
            key = name_key(m.text)
            if key and " " not in m.text.strip() and key not in owners:
                targets = by_surname.get(key, set())
                target = targets.pop() if len(targets) == 1 else "?"
                owners[key] = m.text if target.startswith("?") else target
        if text is not None:  # rule 5
            for x, y in aka_pairs(text, mentions):
                if x.type == "person":
                    owners[name_key(y.text)] = owners.of(x.text)
        return owners


def _contains(longer: list[str], shorter: list[str]) -> bool:
    return (len(longer) > len(shorter) and longer[0] == shorter[0] and longer[-1] == shorter[-1]
            and set(shorter) <= set(longer))
