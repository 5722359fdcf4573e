#!/usr/bin/env python
"""Build ``src/eventwire/resources/en/mentions/given_names.txt``: the given names of the people knowledge base.

Usage::

    python scripts/build_given_names.py [--source PATH] [--out PATH]

Why: the small spaCy model tags many personal names as organisations ("Oleksandr X" → ORG); a known
given name as the first word of a name is evidence that the name is a person's (``eventwire.mentions``).

Source: ``resources/en/kb/people.tsv`` (built by ``scripts/build_kb.py`` from the Government sections of
every CIA World Factbook profile: public domain, the JSON conversion CC0). Every row is processed the
same way, no name is picked by hand: the first word of a full name (two words or more) is a given name
unless it is the surname (surname-first names such as "Xi Jinping"), an initial, a particle or a
regnal number. The file holds each given name once by ``eventwire.names.name_key``, with the
spelling met most often and the number of people who bear it.
"""

from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

from eventwire.lexicon import read_file
from eventwire.names import fold, name_key

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "src" / "eventwire" / "resources" / "en" / "kb" / "people.tsv"
OUT = ROOT / "src" / "eventwire" / "resources" / "en" / "mentions" / "given_names.txt"
PARTICLES = {"de", "da", "do", "dos", "das", "del", "della", "di", "du", "van", "von", "der", "den", "ter",
             "al", "el", "bin", "ibn", "bint", "ould", "la", "le", "ben", "abu", "sheikh", "sir", "dame", "prince",
             "princess", "king", "queen", "emir", "sultan"}

HEADER = """\
# PURPOSE: given names, as evidence that a name whose first word is one of them is a person's
# ("Oleksandr X" tagged ORG by the model is a person). Read by eventwire.mentions; do not edit: rebuild.
# SOURCE: resources/en/kb/people.tsv (the first word of every full name of the people knowledge base,
# itself built uniformly from every CIA World Factbook Government section by scripts/build_kb.py)
# LICENCE: public domain (CIA World Factbook); the JSON conversion is CC0
# BUILD: python scripts/build_given_names.py
# Left out: the first word when it is the person's surname (surname-first order), initials, particles
# (de, van, al, bin…) and honorifics; one row per eventwire.names.name_key (first column).
# FORMAT: name<TAB>spelling<TAB>people:int
# EXAMPLE: Volodymyr Kovalchuk, the deputy mayor, said the road was closed. | actor "Volodymyr Kovalchuk" kind=person
"""


def given_names(rows: list[tuple[str, ...]]) -> list[tuple[str, str, int]]:
    """(key, most frequent spelling, number of distinct people) per given name, sorted by key."""
    people: dict[str, set[str]] = collections.defaultdict(set)
    spellings: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for row in rows:
        name, key, surname = row[0], row[1], row[3]
        words = name.split()
        if len(words) < 2:
            continue
        first = words[0].strip(",")
        word = fold(first)
        gkey = name_key(first)
        if (not gkey or " " in gkey or len(word.rstrip(".")) < 2 or "." in word or word in PARTICLES
                or gkey == surname or not first[:1].isupper() or first.isupper()):
            continue
        people[gkey].add(key)
        spellings[gkey][first] += 1
    return sorted((k, min(spellings[k], key=lambda s: (-spellings[k][s], s)), len(v)) for k, v in people.items())


def render(rows: list[tuple[str, ...]]) -> str:
    return HEADER + "".join(f"{k}\t{s}\t{n}\n" for k, s, n in given_names(rows))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--source", type=Path, default=SOURCE)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    text = render(list(read_file(args.source).rows))
    args.out.write_text(text, encoding="utf-8")
    print(f"{args.out}: {text.count(chr(10)) - HEADER.count(chr(10))} given names", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
