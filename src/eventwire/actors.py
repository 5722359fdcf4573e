"""Actors: one record per real-world person, organisation, state or group of a story.

Built from the typed mentions (``mentions.py``): people are merged by name (a bare surname joins
the full name it ends), pronouns by ``coref.py``, states by ISO code (so "Moscow launched" and
"Russia" are one actor), organisations by name or IGO alias, and collective actors ("Ukrainian
and US officials", "the Russian defence ministry") come from institution nouns with a country
modifier. Countries and sectors come from roles, demonyms, capitals and seats of power, and from
the possessor's own affiliation ("the president's envoy" shares the president's country).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from . import record
from .actor_merge import OrgNames, PersonNames
from .affiliation import Candidate, Person, affiliate
from .coref import resolve_pronouns
from .gazetteer import Gazetteer, get_gazetteer
from .lexicon import read_tsv
from .mentions import Mention, igo_key
from .mentions import igos as _igos
from .roles import RoleSpan, role_spans, title_sector
from .stages import register
from .syntax import doc_text

if TYPE_CHECKING:
    from .story import Story

# modifier -> sector (None keeps the head's sector), resources/en/actors/sector_modifiers.tsv
_SECTOR_WORDS = {word.lower(): sector or None for word, sector in read_tsv("actors/sector_modifiers.tsv")}


@dataclass(slots=True)
class _Draft:
    key: str
    kind: str
    name: str
    first: int
    surfaces: list[str] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)
    roles: list[RoleSpan] = field(default_factory=list)
    country: str | None = None
    sector: str | None = None
    possessors: list[str] = field(default_factory=list)  # person keys in the roles ("X's envoy")
    evidence: list[Candidate] = field(default_factory=list)


@cache
def _institutions() -> dict[str, tuple[str, str | None]]:
    return {h.lower(): (k, s or None) for h, k, s in read_tsv("actors/institutions.tsv")}


def build_actors(doc: Doc, mentions: list[Mention], gaz: Gazetteer | None = None,
                 on: dt.date | None = None) -> list[record.Actor]:
    """Merge mentions into actors, numbered ``A1…`` by first mention."""
    gaz = gaz or get_gazetteer()
    drafts: dict[str, _Draft] = {}
    person_at: dict[int, str] = {}
    used_in_groups = _groups(doc, mentions, drafts, gaz)

    text = doc_text(doc)  # Doc.text joins every token on each access: read it once
    surname_owner = _surname_owners(mentions, text)
    org_names = OrgNames.of_story(text, mentions)
    for m in mentions:
        if m.type == "person":
            key = "P:" + surname_owner.of(m.text)
            d = _draft(drafts, key, "person", surname_owner.of(m.text), m)
            person_at.update({i: key for i in range(m.tok_start, m.tok_end)})
            d.roles.extend(r for r in role_spans(doc, m.tok_start, m.tok_end)
                           if all(r.start != o.start for o in d.roles))
        elif m.type == "state" and m.country and (m.start, m.end) not in used_in_groups:
            entry = gaz.country_by_iso3(m.country)
            name = entry.name if entry else m.text
            d = _draft(drafts, "C:" + m.country, "country", name, m)
            d.country = m.country
            d.sector = "GOV"
        elif m.type == "organization" and (m.start, m.end) not in used_in_groups:
            name = org_names.canonical(m.text)
            igo = _igos().get(igo_key(name))
            d = _draft(drafts, "O:" + igo_key(name), "organization", name, m)
            if igo:
                d.country, d.sector = "IGO", igo[1] if igo[1] != "IGO" else "IGO"
            else:
                d.country = d.country or m.country or org_names.country(name)
                d.sector = d.sector or org_names.sector(name)
                hit = _institution_at(doc, doc[m.tok_end - 1])
                d.sector = d.sector or (_sector_of(m.text, hit[1][1]) if hit else None)
        elif m.type == "demonym" and m.country and _stands_alone(doc[m.tok_start]):
            name = m.text
            d = _draft(drafts, f"G:{m.country}:{m.text.lower()}", "group", name, m)
            d.country, d.sector = m.country, "CVL"

    _merge_org_variants(drafts)
    _descriptions(doc, drafts)
    thing_at = {i: d.key for d in drafts.values() if d.kind != "person" for s, e in d.mentions
                for i in _token_range(doc, s, e)}
    groups = frozenset(d.key for d in drafts.values() if d.kind == "group")
    for tok_i, key in resolve_pronouns(doc, person_at, thing_at, groups).items():
        tok = doc[tok_i]
        drafts[key].mentions.append((tok.idx, tok.idx + len(tok)))
    _person_affiliations(doc, drafts, mentions, on, surname_owner)
    return _finish(drafts)


@cache
def _description_uses() -> dict[str, str]:
    return {h.lower(): use for h, use in read_tsv("actors/descriptions.tsv")}


# determiners of a description that names no one actor: "no court", "any government", "both forces"
_NONE_DETS = frozenset({"no", "any", "neither", "either", "every", "each", "both", "other", "another"})


def _descriptions(doc: Doc, drafts: dict[str, _Draft]) -> None:
    """Bare descriptions that act: "Police arrested …", "the army said", "the group claimed" (a subject
    or a passive's agent with no name, country word or possessor in its phrase).

    A description joins the one actor named before it whose name ends in it ("the Chadian army" …
    "the army", "Thai authorities" … "authorities"); an anaphor ("the group") joins the one
    organisation named in its sentence or the two before; otherwise an agent description is an
    unnamed actor of its own (one per head in a story) and an anaphor is left out. Several
    candidates: left out, never guessed."""
    uses = _description_uses()
    taken = {i for d in drafts.values() for s, e in d.mentions for i in _token_range(doc, s, e)}
    for tok in doc:
        if tok.i in taken or tok.pos_ not in {"NOUN", "PROPN"} or not _acts(tok):
            continue
        begin, use = next(((b, uses[doc[b : tok.i + 1].text.lower()]) for b in (tok.i - 1, tok.i)
                           if b >= 0 and doc[b : tok.i + 1].text.lower() in uses), (tok.i, None))
        if use is None or any(c.i < begin and c.dep_ not in {"det", "nummod"} for c in tok.children) \
                or any((c.dep_ == "det" and c.lower_ in _NONE_DETS) or c.dep_ == "prep" for c in tok.children):
            # "no court"; "forces from the UK", "the government of X", "authorities in Y": not bare
            continue
        head = doc[begin : tok.i + 1].text
        definite = any(c.dep_ == "det" and c.lower_ in {"the", "this", "that", "these"} for c in tok.children)
        start, end = doc[begin].idx, tok.idx + len(tok)
        if use == "anaphor":
            found = _recent_organisations(doc, drafts, tok) if definite else set()
        else:
            found = {d.key for d in drafts.values() if d.kind != "person" and d.first < start
                     and (d.name.lower() == head.lower() or d.name.lower().endswith(" " + head.lower()))}
        if len(found) == 1:
            d = drafts[found.pop()]
            d.mentions.append((start, end))
            d.surfaces.append(head)
            continue
        hit = _institution_at(doc, tok)
        if found or use == "anaphor" or hit is None:
            continue  # several candidates, or an anaphor with none: left out, never guessed
        kind, sector = hit[1]
        kind = "group" if kind == "person" else kind
        bare = Mention(start, end, head, "organization", begin, tok.i + 1, None)
        d = _draft(drafts, f"G:-:{head.lower()}", kind, head[:1].upper() + head[1:], bare)
        d.sector = d.sector or sector


def _acts(tok: Token) -> bool:
    """A clause's subject, or the agent of a passive ("attacked by gunmen")."""
    return tok.dep_ in {"nsubj", "nsubjpass"} or (tok.dep_ == "pobj" and tok.head.dep_ == "agent")


def _recent_organisations(doc: Doc, drafts: dict[str, _Draft], tok: Token) -> set[str]:
    """Organisations mentioned in the sentence of ``tok`` (before it) or the two sentences before."""
    sents = [s for s in doc.sents if s.start <= tok.i]
    window_start = sents[max(0, len(sents) - 3)].start_char if sents else 0
    return {d.key for d in drafts.values() if d.kind == "organization" and not d.key.startswith("C:")
            and any(window_start <= s and e <= tok.idx for s, e in d.mentions)}


def _merge_org_variants(drafts: dict[str, _Draft]) -> None:
    """"Central Command" after "U.S. Central Command", "NISA" after "National … Agency": one actor."""
    orgs = [d for d in drafts.values() if d.kind == "organization"]
    for short in orgs:
        for full in orgs:
            if full is short or short.key not in drafts or full.key not in drafts:
                continue
            words = full.name.split()
            initials = "".join(w[0] for w in words if w[0].isupper())
            if (full.name.endswith(" " + short.name) and len(short.name.split()) >= 2) or (
                    short.name.isupper() and len(short.name) >= 3 and short.name == initials):
                full.surfaces.extend(short.surfaces)
                full.mentions.extend(short.mentions)
                full.first = min(full.first, short.first)
                full.sector = full.sector or short.sector
                del drafts[short.key]


def _token_range(doc: Doc, start: int, end: int) -> range:
    span = doc.char_span(start, end, alignment_mode="expand")
    return range(span.start, span.end) if span is not None else range(0)


def _surname_owners(mentions: list[Mention], text: str | None = None) -> PersonNames:
    """Personal name -> the person it belongs to (``actor_merge.PersonNames``: transliteration
    variants, a bare surname when exactly one full name ends in it, "also known as" with ``text``)."""
    return PersonNames.of_story(mentions, text)


def _draft(drafts: dict[str, _Draft], key: str, kind: str, name: str, m: Mention) -> _Draft:
    d = drafts.get(key)
    if d is None:
        d = drafts[key] = _Draft(key=key, kind=kind, name=name, first=m.start)
    if len(name) > len(d.name) and kind == "person":
        d.name = name
    d.surfaces.append(m.text)
    d.mentions.append((m.start, m.end))
    d.first = min(d.first, m.start)
    return d


def _stands_alone(tok: Token) -> bool:
    """A plural demonym used as a noun: "millions of Ukrainians", "Americans say"."""
    return tok.tag_ in {"NNPS", "NNS"} or (tok.text.endswith("s") and tok.dep_ not in {"amod", "compound"})


def _groups(doc: Doc, mentions: list[Mention], drafts: dict[str, _Draft],
            gaz: Gazetteer | None = None) -> set[tuple[int, int]]:
    """Collective actors headed by an institution noun; returns the modifier spans they consumed."""
    by_token = {i: m for m in mentions for i in range(m.tok_start, m.tok_end)}
    used: set[tuple[int, int]] = set()
    text = doc_text(doc)  # Doc.text joins every token on each access: read it once
    for tok in doc:
        match = _institution_at(doc, tok)
        if match is None:
            continue
        begin, (kind, sector) = match
        people, kind = kind == "person", "group" if kind == "person" else kind
        singular = people and tok.tag_ in {"NN", "NNP"}
        if people and (_describes_named(tok, begin, by_token) or (singular and not _indefinite(tok))):
            continue  # "Jane Doe, a British minister": the person's role; "the minister": a person named elsewhere
        if tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ in {"NOUN", "PROPN"} and doc[tok.i + 1].dep_ == "compound":
            continue  # "state TV channel": the head is further right
        head_text = doc[begin : tok.i + 1].text
        mods = _modifiers(tok, begin)
        located = _located_in(tok, by_token) if not mods and sector in _LOCAL_SECTORS else None
        armed = kind == "group" and sector == "REB"
        if not mods and (located or armed) and tok.dep_ in {"nsubj", "nsubjpass", "pobj"}:
            # "Gunmen stormed a hotel": an armed group acts even when the story names no affiliation;
            # "rebels in Chad", "police in Nairobi": a local body takes the country it is placed in
            label = doc[begin : tok.i + 1].text
            start = doc[begin].idx
            bare = Mention(start, tok.idx + len(tok), label, "organization", begin, tok.i + 1, located)
            key = f"G:{located}:{kind}:{sector}" if located and kind == "group" else (
                f"O:{located}:{head_text.lower()}" if located else f"G:-:{tok.lemma_.lower()}")
            d = _draft(drafts, key, kind, label[:1].upper() + label[1:], bare)
            d.sector = sector
            d.country = d.country or located
            continue
        for mod in mods:
            m = by_token.get(mod.i)
            if m is None or m.type not in {"demonym", "state", "place", "organization"} or m.tok_end > begin:
                continue
            country = m.country or (OrgNames.country(m.text) if m.type == "organization" else None)
            if not country and m.type == "demonym" and gaz is not None:  # "the Mozambique government"
                entry = gaz.country(m.text)
                country = entry.country if entry is not None else None
            coordinated = any(t.dep_ == "conj" or t.conjuncts for t in doc[m.tok_start : m.tok_end])
            end_char = tok.idx + len(tok)
            label = f"{m.text} {head_text}" if coordinated else text[m.start : end_char]
            if m.type == "organization":
                key = f"G:{igo_key(label)}"
            elif country:
                # "Ukrainian forces" and "Kyiv's armed forces" are one actor; a ministry is its own
                key = (f"G:{country}:{tok.lemma_.lower()}" if singular else f"G:{country}:{kind}:{sector}"
                       ) if kind == "group" else f"O:{country}:{head_text.lower()}"
            else:
                continue
            span_start = min(m.start, doc[begin].idx)
            fake = Mention(span_start, end_char, label, "organization", m.tok_start, tok.i + 1, country)
            d = _draft(drafts, key, kind, label, fake)
            d.country = d.country or country
            # a person noun takes its sector word from the whole phrase: "a U.S. defense official"
            d.sector = _sector_of(text[m.start : end_char] if people else doc[begin : tok.i + 1].text, sector)
            used.add((m.start, m.end))
    return used


def _describes_named(head: Token, begin: int, by_token: dict[int, Mention]) -> bool:
    """A singular person noun that describes a named person: an apposition ("Jane Doe, a British
    minister"; "the judge, John Doe"), a predicate nominal ("Doe is a judge") or a title before a name."""
    if head.dep_ in {"appos", "attr", "compound", "oprd"} or any(c.dep_ == "appos" for c in head.children):
        return True
    doc = head.doc

    def person_at(i: int) -> bool:
        if 0 <= i < len(doc) and doc[i].text == ",":
            i += 1 if i > head.i else -1
        m = by_token.get(i) if 0 <= i < len(doc) else None
        return m is not None and m.type == "person"

    return person_at(head.i + 1) or person_at(head.right_edge.i + 1) or person_at(min(head.left_edge.i, begin) - 1) \
        or any(person_at(c.i) for c in head.conjuncts)  # "a journalist and host Jane Doe"


def _indefinite(head: Token) -> bool:
    """"a senior British minister", "another official", "one Ukrainian official"."""
    return any((c.dep_ == "det" and c.lower_ in {"a", "an", "another"}) or (c.dep_ == "nummod" and c.lower_ == "one")
               for c in head.children)


def _sector_of(head_phrase: str, default: str | None) -> str | None:
    for word in head_phrase.lower().split():
        if _SECTOR_WORDS.get(word):
            return _SECTOR_WORDS[word] or default
    return default


def _institution_at(doc: Doc, tok: Token) -> tuple[int, tuple[str, str | None]] | None:
    """Longest institution phrase ending at ``tok``: (first token index, (kind, sector))."""
    table = _institutions()
    if tok.lower_ not in _institution_last_words():
        return None  # the common case, decided without building any phrase
    for width in (3, 2, 1):
        begin = tok.i - width + 1
        if begin < 0:
            continue
        phrase = doc[begin : tok.i + 1].text.lower().replace("’", "'")
        if phrase in table:
            return begin, table[phrase]
    return None


@cache
def _institution_last_words() -> frozenset[str]:
    return frozenset(h.split()[-1] for h in _institutions())


# sectors of bodies that are local to where they are placed ("police in Nairobi"): not troops,
# diplomats, embassies, journalists or refugees, who are often foreign to the place they are in
_LOCAL_SECTORS = frozenset({"COP", "OPP", "LAB", "REB", "JUD", "LEG", "EDU", "CVL"})


def _located_in(head: Token, by_token: dict[int, Mention]) -> str | None:
    """The country of an "in/throughout X" phrase right after an institution noun, X a state or a place."""
    for prep in head.children:
        if prep.dep_ != "prep" or prep.i != head.i + 1 or prep.lower_ not in {"in", "throughout"}:
            continue
        for pobj in prep.children:
            m = by_token.get(pobj.i)
            if pobj.dep_ == "pobj" and m is not None and m.type in {"state", "place"} and m.country \
                    and m.country != "IGO":
                return m.country
    return None


def _modifiers(head: Token, begin: int) -> list[Token]:
    """Name tokens modifying an institution noun, with their coordinations."""
    out: list[Token] = []
    for child in head.children:
        if child.i >= begin or child.dep_ not in {"amod", "compound", "poss", "nmod", "npadvmod"}:
            continue
        out.append(child)
        out.extend(t for t in child.conjuncts if t.i < head.i)
    for t in head.doc[max(0, head.i - 6) : begin]:
        if t not in out and t.dep_ in {"amod", "compound"} and t.head.i in {c.i for c in out}:
            out.append(t)
    return sorted(out, key=lambda t: t.i)


def _person_affiliations(doc: Doc, drafts: dict[str, _Draft], mentions: list[Mention],
                         on: dt.date | None = None, owners: PersonNames | None = None) -> None:
    """Country and sector of people: evidence from their roles and the story, decided in ``affiliation``."""
    by_token = {i: m for m in mentions for i in range(m.tok_start, m.tok_end)}
    surname_owner = owners or _surname_owners(mentions, doc_text(doc))
    sectors: dict[str, list[Candidate]] = {}
    for d in drafts.values():
        if d.kind != "person":
            continue
        found = sectors.setdefault(d.key, [])
        for n, role in enumerate(d.roles):
            for i in range(role.tok_start, role.tok_end):
                m = by_token.get(i)
                if m is not None and m.type == "person":
                    d.possessors.append("P:" + surname_owner.of(m.text))
            inst = _institution_in(doc, role)
            title = title_sector(role.text)
            if inst:
                found.append(Candidate("sector", inst, "employer", (role.start, role.end), 3, n))
            elif title:
                found.append(Candidate("sector", title, "role", (role.start, role.end), 2, n))
    _conjoined_possessors(doc, drafts)
    people = {d.key: Person(d.key, d.name, d.mentions, d.roles, d.possessors, sectors[d.key])
              for d in drafts.values() if d.kind == "person"}
    affiliate(doc, people, mentions, on=on)
    for key, p in people.items():
        drafts[key].country, drafts[key].sector, drafts[key].evidence = p.country, p.sector, p.evidence


def _conjoined_possessors(doc: Doc, drafts: dict[str, _Draft]) -> None:
    """"the president's envoy A and adviser B": the possessor distributes over the conjunction."""
    ends = {d.key: {e for _, e in d.mentions} for d in drafts.values() if d.kind == "person"}
    for d in drafts.values():
        for role in d.roles:
            if role.tok_start < 2 or doc[role.tok_start - 1].lower_ != "and":
                continue
            before = doc[role.tok_start - 2].idx + len(doc[role.tok_start - 2])
            for other in drafts.values():
                if other is not d and before in ends.get(other.key, ()) and other.possessors:
                    d.possessors.extend(p for p in other.possessors if p not in d.possessors)


def _institution_in(doc: Doc, role: RoleSpan) -> str | None:
    for i in range(role.tok_end - 1, role.tok_start - 1, -1):
        hit = _institution_at(doc, doc[i])
        if hit is not None and hit[0] >= role.tok_start and hit[1][1] not in {"GOV", "CVL"} and hit[1][0] != "person":
            return _sector_of(doc[hit[0] : i + 1].text, hit[1][1])
    return None


def _finish(drafts: dict[str, _Draft]) -> list[record.Actor]:
    ordered = sorted(drafts.values(), key=lambda d: (d.first, d.key))
    actors = []
    for n, d in enumerate(ordered, 1):
        aliases = list(dict.fromkeys(s for s in d.surfaces if s != d.name))  # in order, once each
        first_role: dict[str, tuple[str, int, int]] = {}
        for r in sorted(d.roles, key=lambda r: r.start):
            first_role.setdefault(r.text.lower(), (r.text, r.start, r.end))  # each title once
        roles = list(first_role.values())
        actors.append(record.Actor(
            id=f"A{n}", name=d.name, kind=record.narrow(d.kind, record.ACTOR_KINDS, "actor kind"),
            aliases=aliases, country=d.country, sector=d.sector,
            roles=[record.Role(text, (s, e)) for text, s, e in roles],
            mentions=sorted(set(d.mentions)),
            evidence=[record.Evidence(c.field, c.value, c.source, c.span, c.chosen) for c in d.evidence],
        ))
    return actors


@register("eventwire.actors.v3", requires=("doc", "mentions"), assigns=("actors",),
          resources=("actors", "affiliation", "demonyms.tsv", "speech_verbs.tsv"), resources_hash="6209026a0ed2")
def actors_stage(story: Story) -> None:
    """Merge the typed mentions into actors; an actor's country and sector are decided here, once."""
    story.actors = build_actors(story.doc, story.mentions, on=story.published)
