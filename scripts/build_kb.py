#!/usr/bin/env python
"""Build ``src/eventwire/resources/en/kb/people.tsv`` from the CIA World Factbook's Government sections.

Usage::

    python scripts/build_kb.py ../shared/kb/factbook-government.json [--out PATH] [--check]

Why a script and a shipped file: the package never reads ``../shared`` (nor the network) at run
time; this script turns the raw, public-domain source into a compact, sorted TSV that ``pip
install`` delivers, and a test re-runs it to prove the shipped file is exactly its output.

Every profile and every field that names office holders is processed by the same parsers — no
person is ever picked by hand. Names are found by the Factbook's convention of writing surnames in
capitals ("President Volodymyr ZELENSKYY (since 20 May 2019)"); the title words before a name and
the classes of offices come from ``resources/en/kb/roles.tsv``. Fields read:

* Executive branch: chief of state, head of government and any other office field (role and "since");
  election results (candidates, with the election's year as "since");
* Political parties: leaders in square brackets;
* Diplomatic representation in / from the US: chief of mission (serving the profile's country / the USA).

Country (``scripts/kb_countries.py``): the profile's ISO 3166-1 alpha-3 code, by its conventional or local
names in
``pycountry`` and then in the package's own ``places/countries.tsv`` (e.g. Kosovo ``XKX``); profiles
without a code (oceans, the EU, Antarctic or unclaimed islands, ``world``) are left out and counted.
A dependency's chief of state is the sovereign's (``none (territory of the US)`` in the diplomatic
representation, a ``pycountry`` subdivision, or ``King X of Norway``) and gets the sovereign's code;
the people who represent the sovereign there (governors, administrators) get the territory's code.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from eventwire.lexicon import read_tsv
from eventwire.names import fold, name_key

sys.path.insert(0, str(Path(__file__).resolve().parent))
from kb_countries import COUNTRY_NAMES, clean, iso3_for, profile_iso3, sovereign_iso3

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "eventwire" / "resources" / "en" / "kb" / "people.tsv"
COLUMNS = ("name", "key", "variants", "surname", "country", "role", "class", "since", "field", "profiles")

OFFICE_FIELDS = {"chief of state": "head_of_state", "head of government": "head_of_government"}
NO_PEOPLE_FIELDS = {"cabinet", "election/appointment process", "elections/appointments", "elections",
                    "most recent election date", "expected date of next election", "note", "text", "count"}
OVERRIDING = {"deputy", "governor"}  # a title of these classes beats the field's class
PARTICLES = {"de", "da", "do", "dos", "das", "del", "della", "di", "du", "van", "von", "der", "den", "ter",
             "al", "el", "bin", "ibn", "ibni", "bint", "ould", "i", "e", "y", "la", "le", "ben", "abu", "ag"}
MONTHS = {m: i for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july", "august",
                                      "september", "october", "november", "december"], 1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())} | {"sept": 9})
ROMAN = re.compile(r"^[IVXL]+$")
DATE = re.compile(r"(?:(\d{1,2}) )?(?:([A-Za-z]{3,9})\.? )?((?:1[89]|20)\d\d)\b")


@dataclass
class Person:
    """One name found in one field of one profile, before country assignment."""

    given: list[str]
    surname: list[str]
    rest: list[str]
    role: str
    klass: str
    since: str
    field: str
    of_country: str | None = None


SKIPPED: collections.Counter = collections.Counter()  # what the parsers saw and did not take, for the report

# -- knowledge from the repository's resources -------------------------------------------------------
ROLES = {fold(p): c for p, c in read_tsv("kb/roles.tsv")}
TITLE_WORDS = {w for p in ROLES for w in p.split()}
MAX_TITLE = max(len(p.split()) for p in ROLES)


NAME_STOP = TITLE_WORDS | {n for n in COUNTRY_NAMES if re.fullmatch(r"[a-z]+", n)}


# -- text cleaning and tokens -------------------------------------------------------------------------
def split_top(text: str, sep: str = ";") -> list[str]:
    """``text`` split on ``sep`` outside parentheses and brackets."""
    out, depth, cur = [], 0, []
    for ch in text:
        depth += 1 if ch in "([" else -1 if ch in ")]" else 0
        if ch == sep and depth <= 0:
            out.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    out.append("".join(cur))
    return [s.strip() for s in out if s.strip()]


def tokens(segment: str) -> list[tuple[str, str]]:
    """(kind, text) tokens: ``paren`` groups, ``break`` for commas, ``word`` otherwise; quoted nicknames dropped."""
    segment = re.sub(r'"[^"]*"', " ", segment)
    out: list[tuple[str, str]] = []
    for m in re.finditer(r"\([^()]*(?:\([^()]*\)[^()]*)*\)|\[[^\]]*\]|,|[^\s,()\[\]]+", segment):
        t = m.group()
        out.append(("paren", t[1:-1]) if t[0] in "([" else ("break", t) if t == "," else ("word", t))
    return out


def is_caps(word: str) -> bool:
    """A surname token: some hyphen part is all capitals with two letters or more, and it is no numeral."""
    if ROMAN.match(word):
        return False
    return any(len(re.sub(r"[^A-Za-zÀ-ÿ]", "", p)) >= 2 and re.sub(r"[^A-Za-zÀ-ÿ]", "", p).isupper()
               for p in word.split("-"))


def is_given(word: str) -> bool:
    """A given-name-like token: capitalised, an initial, or a name particle; never a title or country word."""
    low = fold(word).strip(".")
    if low in NAME_STOP or fold(word) in NAME_STOP:
        return False
    if low in PARTICLES or re.match(r"^(?:al|el)-", low) or re.match(r"^[dl]'\w", low):
        return True
    letters = re.sub(r"[^\w]|\d|_", "", word)
    if re.fullmatch(r"(?:[A-Z]\.)+", word):
        return True  # an initial: "J." or "J.M."
    return bool(letters) and word[0].isupper() and any(c.islower() for c in letters)


def display(words: Iterable[str]) -> str:
    """Capitals as written in news: ``al-ASAD`` → ``al-Asad``, ``CHARLES III`` keeps its numeral."""
    def one(w: str, first: bool) -> str:
        if ROMAN.match(w) and not first:
            return w
        return "-".join(p[:1] + p[1:].lower() if p.isupper() and len(p) > 1 else p for p in w.split("-"))
    return " ".join(one(w, n == 0) for n, w in enumerate(words))


def parse_since(paren: str) -> str:
    """An ISO date of the precision given (``2019-05-20``, ``2025-06``, ``1997``) from ``(since …)``."""
    text = paren.split("since", 1)[1] if "since" in paren else paren
    if "since" not in paren and not re.match(r"^\s*(?:\d|[A-Z][a-z]+ \d{4})", paren):
        return ""
    m = DATE.search(text)
    if not m:
        return ""
    day, month, year = m.group(1), MONTHS.get((m.group(2) or "").lower()), m.group(3)
    if month and day:
        return f"{year}-{month:02d}-{int(day):02d}"
    return f"{year}-{month:02d}" if month else year


def titles_before(words: list[str]) -> list[tuple[str, str]]:
    """The office titles (phrase, class) in ``words``, the text before a name, in order; honorifics skipped."""
    low = [fold(w).strip(",.") for w in words]
    found: list[tuple[str, str]] = []
    i = 0
    while i < len(low):
        for n in range(min(MAX_TITLE, len(low) - i), 0, -1):
            phrase = " ".join(low[i:i + n])
            klass = ROLES.get(phrase) or ROLES.get(phrase + ".")
            if klass:
                if klass not in ("honorific", "body"):
                    found.append((phrase, klass))
                i += n - 1
                break
        i += 1
    return found


def decide_class(default: str, found: list[tuple[str, str]]) -> str:
    """The field's class, unless the titles say otherwise: "Vice President X" in a chief-of-state field is a deputy.

    A title of the field's own class wins over any other ("Prime Minister and Co-Vice President X" heads the
    government); an office field of no fixed class ("state counsellor") takes its title's class.
    """
    classes = [c for _, c in found]
    if not classes or default in classes:
        return default
    if classes[-1] in OVERRIDING or default == "official":
        return classes[-1]
    return default


# -- finding people -----------------------------------------------------------------------------------
def people_in(segment: str, field: str, default_class: str, default_role: str = "",
              since: str = "") -> Iterator[Person]:
    """Every person named in one segment (a ';'-free piece of a field)."""
    toks = tokens(segment)
    i, last_end = 0, 0
    while i < len(toks):
        kind, word = toks[i]
        prev = toks[i - 1] if i else ("", "")
        leading_numeral = bool(ROMAN.match(word)) and not (prev[0] == "word" and (
            is_caps(prev[1]) or is_given(prev[1])))
        if kind != "word" or not (is_caps(word) or leading_numeral):
            i += 1
            continue  # a numeral is a surname only where no name precedes it: "XI Jinping", "LI Qiang"
        start = i
        i += 1
        while i < len(toks) and toks[i][0] == "word" and (is_caps(toks[i][1]) or (
                (ROMAN.match(toks[i][1]) or fold(toks[i][1]) in PARTICLES)
                and i + 1 < len(toks) and toks[i + 1][0] == "word" and is_caps(toks[i + 1][1]))):
            i += 1  # "CARL XVI GUSTAF", "CORREIA e SILVA": a numeral or particle between capitals stays
        surname = [w for _, w in toks[start:i]]
        rest: list[str] = []
        while i < len(toks) and toks[i][0] == "word" and (is_given(toks[i][1]) or ROMAN.match(toks[i][1])) \
                and len(rest) < 4 and not is_caps(toks[i][1]):
            rest.append(toks[i][1])
            i += 1
        if i + 1 < len(toks) and toks[i][0] == "break" and re.match(r"^[JS]r\.?$", toks[i + 1][1]):
            i += 2  # "BIDEN, Jr."
        while rest and fold(rest[-1]) in PARTICLES:
            rest.pop()
            i -= 1
        given: list[str] = []
        j = start - 1
        while j >= last_end and len(given) < 5:
            k, w = toks[j]
            if k == "paren" and re.match(r"^[A-Z][a-z]+$", w):
                j -= 1  # "Yechiel (Michael) LEITER": an alternative given name, skipped
                continue
            if k != "word" or not is_given(w):
                break
            given.insert(0, w)
            j -= 1
        while given and (fold(given[0]) in PARTICLES or re.match(r"^(?:al|el)-", fold(given[0]))):
            given.pop(0)
        before = [w for k, w in toks[last_end:j + 1] if k == "word"]
        given, place = split_place(before, given)
        found = titles_before(before)
        role = " and ".join(dict.fromkeys(p for p, _ in found[-2:])) if len(found) > 1 else \
            (found[0][0] if found else "")
        klass = decide_class(default_class, found)
        after = toks[i][1] if i < len(toks) and toks[i][0] == "paren" else ""
        text_before = " ".join(before).lower()
        if "represented by" in text_before:
            klass, role = "governor", role or "representative"
        if re.search(r"\bformer\b", text_before):
            klass, role = "former", f"former {role}".strip()
        if not given and not rest and not found and default_class not in ("party_leader",):
            SKIPPED[f"lone capitalised word without a title ({field})"] += 1
            last_end = i
            continue  # a lone capitalised word with no title: an acronym or a surname repeated
        of_country = None
        m = re.match(r"\s*of (?:the )?([A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)*)", " ".join(
            w for _, w in toks[i:i + 5]))
        if m:
            of_country = iso3_for(m.group(1))
        while before and ROLES.get(fold(before[-1])) == "honorific":
            before = before[:-1]
        m = re.search(r"\bof (?:the )?([A-Z][a-z]+(?: (?:of )?[A-Z][a-z]+)*)\W*$", " ".join(before))
        if not of_country:
            of_country = place or (iso3_for(m.group(1)) if m else None)  # "President of China XI Jinping"
        yield Person(given, surname, rest, role or default_role, klass, parse_since(after) or since, field,
                     of_country)
        last_end = i


def split_place(before: list[str], given: list[str]) -> tuple[list[str], str | None]:
    """Given names without a leading country name ("of French Polynesia Moetai X"), and that country's ISO3."""
    lead: list[str] = []
    for w in reversed(before):
        if not w[:1].isupper():
            break
        lead.insert(0, w)
    for k in range(len(given) - 1, 0, -1):
        for n in range(len(lead) + 1):
            code = iso3_for(" ".join(lead[n:] + given[:k]))
            if code:
                return given[k:], code
    return given, None


def office_people(text: str, field: str, default_class: str, default_role: str = "") -> Iterator[Person]:
    """People in an office field: segments split on ';' (parentheses kept whole)."""
    for segment in split_top(clean(text)):
        yield from people_in(segment, field, default_class, default_role)


def election_people(text: str) -> Iterator[Person]:
    """Candidates in election results, each with the year of the election the text gives before them."""
    year = ""
    for segment in split_top(clean(text)):
        m = re.match(r"^\s*((?:19|20)\d\d)\s*:\s*(.*)$", segment, re.S)
        if m:
            year, segment = m.group(1), m.group(2)
        yield from people_in(segment, "election results", "candidate", "candidate", since=year)


def party_people(text: str) -> Iterator[Person]:
    """Party leaders named in square brackets after a party in the Political parties list."""
    for inner in re.findall(r"\[([^\]]*)\]", clean(text)):
        for part in split_top(inner, ","):
            yield from people_in(part, "political parties", "party_leader", "party leader")


# -- the whole source ---------------------------------------------------------------------------------
def field_people(profile: dict) -> Iterator[Person]:
    """Every person of one profile, field by field, with the same parsers for every profile."""
    executive = profile.get("Executive branch") or {}
    for sub, value in executive.items():
        text = value.get("text", "") if isinstance(value, dict) else str(value)
        name = sub.lower()
        if name == "election results":
            yield from election_people(text)
        elif name in OFFICE_FIELDS:
            yield from office_people(text, name, OFFICE_FIELDS[name])
        elif name not in NO_PEOPLE_FIELDS:
            yield from office_people(text, name, "official")
        else:
            n = len(re.findall(r"\b[A-Z][a-z]+ [A-Z]{3,}\b", clean(text)))
            SKIPPED["name-like strings in Executive-branch notes/process fields (not read)"] += n
    parties = profile.get("Political parties") or {}
    yield from party_people(parties.get("text", "") if isinstance(parties, dict) else str(parties))


def mission_people(profile: dict, section: str) -> Iterator[Person]:
    """Chiefs of mission of one diplomatic-representation section."""
    value = (profile.get(section) or {}).get("chief of mission") if isinstance(profile.get(section), dict) else None
    if value:
        yield from office_people(value.get("text", ""), f"{section.lower()}: chief of mission", "ambassador",
                                 "ambassador")


def row_of(p: Person, country: str) -> dict[str, str]:
    """The TSV row of one person: display name, full key, variant keys, surname key and the rest."""
    surname_parts = [part for w in p.surname for part in w.split("-") if is_caps(part)] or p.surname
    full = name_key(" ".join(p.given + p.surname + p.rest))
    variants = []
    if p.given:
        variants.append(name_key(" ".join([p.given[0], *p.surname])))
        if fold(p.surname[0]) not in PARTICLES and len(p.surname) > 1:
            variants.append(name_key(" ".join([p.given[0], p.surname[0]])))
        if surname_parts != p.surname:  # "Ali Hoseini-KHAMENEI" is also "Ali Khamenei"
            variants.append(name_key(" ".join([p.given[0], *surname_parts])))
    if p.rest:
        variants.append(name_key(" ".join(p.given + p.surname)))
    variants = sorted({v for v in variants if v and v != full})
    return {"name": display(p.given + p.surname + p.rest), "key": full, "variants": "|".join(variants),
            "surname": name_key(" ".join(surname_parts)), "country": country, "role": p.role, "class": p.klass,
            "since": p.since, "field": p.field}


def build(data: dict) -> tuple[list[dict[str, str]], collections.Counter]:
    """All rows, deduplicated and sorted, and the counts the script reports."""
    stats: collections.Counter = collections.Counter()
    rows: dict[tuple[str, ...], dict[str, str]] = {}
    for code, profile in sorted(data["countries"].items()):
        own = profile_iso3(profile)
        sovereign = sovereign_iso3(profile, own)
        if own is None:
            stats["profiles without an ISO3 code"] += 1
        found = [(p, "profile") for p in field_people(profile)]
        found += [(p, "profile") for p in mission_people(profile, "Diplomatic representation in the US")]
        found += [(p, "USA") for p in mission_people(profile, "Diplomatic representation from the US")]
        for person, whose in found:
            if whose == "USA":
                country: str | None = "USA"
            elif person.of_country:
                country = person.of_country
            elif person.klass == "head_of_state" and person.field == "chief of state" and sovereign:
                country = sovereign
            else:
                country = own
            if country is None:
                stats["people in profiles without an ISO3 code (left out)"] += 1
                continue
            row = row_of(person, country)
            if not row["key"] or not row["surname"]:
                stats["names without a key (left out)"] += 1
                continue
            ident = (row["key"], row["country"], row["class"], row["field"])
            if ident in rows:
                old = rows[ident]
                old["profiles"] = ",".join(sorted(set(old["profiles"].split(",")) | {code}))
                if row["since"] and (not old["since"] or row["since"] < old["since"]):
                    old["since"] = row["since"]
                continue
            rows[ident] = {**row, "profiles": code}
    out = sorted(rows.values(), key=lambda r: tuple(r[c] for c in COLUMNS))
    stats.update(SKIPPED)
    return out, stats


OPTIONAL = {"variants", "role", "since"}   # columns the source can leave empty


def render(rows: list[dict[str, str]], source: str, snapshot: str, command: str) -> str:
    """The resource text: provenance header, FORMAT and EXAMPLE lines, then one row per line."""
    head = [
        "# PURPOSE: people named in the Government sections of the CIA World Factbook (every profile, processed",
        "# uniformly by scripts/build_kb.py; no name is picked by hand): office holders with the date they took",
        "# office, election candidates, party leaders and ambassadors to and from the US, with the country",
        "# (ISO 3166-1 alpha-3) each serves or stands for. Read by eventwire.kb; do not edit: rebuild.",
        f"# SOURCE: {source}",
        f"# SNAPSHOT: {snapshot}",
        "# LICENCE: public domain (CIA World Factbook); the JSON conversion is CC0",
        f"# BUILD: {command}",
        "# KEYS: eventwire.names.name_key of the full name, of shorter variants (first given name + surname,",
        "# name without trailing names) and of the surname (the capitalised part in the Factbook).",
        "# SINCE: ISO 8601 date of the precision the source gives (YYYY-MM-DD, YYYY-MM or YYYY); empty if none.",
        "# FORMAT: " + "<TAB>".join(c + "?" if c in OPTIONAL else c for c in COLUMNS),
        "# EXAMPLES below: full name | the country kb.lookup gives (run by tests/test_resource_examples.py)",
    ]
    examples = rows[:1] + [r for r in rows if r["class"] == "ambassador"][:1]
    head += [f"# EXAMPLE: {r['name']} | {r['country']}" for r in examples]
    return "\n".join(head + ["\t".join(r[c] for c in COLUMNS) for r in rows]) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Build (or with ``--check`` compare) the resource and print counts."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("source", type=Path, help="factbook-government.json (../shared/kb/)")
    ap.add_argument("--out", type=Path, default=OUT, help=f"where to write (default {OUT.relative_to(ROOT)})")
    ap.add_argument("--check", action="store_true", help="do not write: exit 1 if the shipped file differs")
    args = ap.parse_args(argv)
    data = json.loads(args.source.read_text(encoding="utf-8"))
    rows, stats = build(data)
    snapshot = data.get("snapshot", "")
    text = render(rows, data.get("source", ""), snapshot,
                  "python scripts/build_kb.py ../shared/kb/factbook-government.json")
    people = {r["key"] for r in rows}
    print(f"{len(rows)} rows, {len(people)} distinct people, {len({r['country'] for r in rows})} countries")
    for label, counter in (("class", collections.Counter(r["class"] for r in rows)),
                           ("field", collections.Counter(r["field"] for r in rows))):
        for value, n in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])):
            print(f"  {label} {value}: {n}")
    for label, n in sorted(stats.items()):
        print(f"  {label}: {n}")
    if args.check:
        same = args.out.is_file() and args.out.read_text(encoding="utf-8") == text
        print("up to date" if same else f"{args.out} differs from the build")
        return 0 if same else 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out} ({len(text.encode())} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
