"""Affiliation: a person's country and sector, decided once from all the evidence the story gives.

Every rule that knows something about whom a person acts for is an *evidence producer*: it adds a
``Candidate`` (field, value, source, span, strength, distance) and writes nothing. ``decide`` then
picks, per field, the strongest candidate, and among equally strong ones the clearly nearest; a
conflict of equals leaves ``None``. One wrong country is worse than none, so a rule that is only a
hint (a noun the person and one state both own, a leader met in a country) has a low strength and
never outvotes what a role says, and the knowledge base is used only when the story says nothing
else (a weak story hint that contradicts it leaves the country empty).

Sources: ``role`` / ``apposition`` (a demonym, country, capital or IGO inside a title before or after
the name; ``demonym`` and ``metonymy`` when that name is a demonym or a capital/seat), ``employer``
("Jane Doe of the Kremlin"), ``frame`` ("On the Chilean side, …"; "Kyiv's negotiators, among them
X"; a leader met in a country), ``possessive`` / ``kinship`` (the country of the person whose envoy
or son-in-law this is, and the other way round), ``kb`` (``eventwire.kb``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import cache, partial

from spacy.tokens import Doc, Token

from . import kb
from .actor_merge import OrgNames
from .candidates import EMPLOYER, FRAME, HINT, KB, POSSESSOR, ROLE, Candidate, Person, gap, region_country, state_word
from .frames import delegation_evidence, host_leaders, side_frames
from .gazetteer import get_gazetteer
from .lexicon import read_tsv, read_words
from .mentions import Mention
from .names import name_key
from .roles import RoleSpan, title_sector

_LOCATIVE = {"in", "at", "against", "with", "toward", "towards", "inside", "near", "over", "between"}
_TOPIC = {"to", "for", "on"}
# Offices a story names by surname alone ("President Doe") and the KB holds for the sitting holder.
_KB_SURNAME_CLASSES = {"head_of_state", "head_of_government"}
# Sectors of the offices the KB holds (heads, candidates, party leaders, ambassadors): a person the story
# places in another sector (a lawyer, a professor) is not the KB's namesake.
_KB_SECTORS = {"GOV", "LEG", "MIL", "OPP", "IGO", "REL"}  # REL: a supreme leader, a monarch-cleric
# Sectors of officials, who serve the state of the town or region their title names.
_OFFICIAL = {"GOV", "LEG", "MIL", "COP", "JUD", "SPY"}


_topic_titles = partial(read_words, "affiliation/topic_titles.txt")  # read and cached once by the resource reader


_kinship = partial(read_words, "affiliation/kinship_nouns.txt")  # read and cached once by the resource reader


_origin_words = partial(read_words, "affiliation/origin_words.txt")  # read and cached once by the resource reader


_employer_preps = partial(read_words, "affiliation/employer_prepositions.txt")


_honorifics = partial(read_words, "actors/honorifics.txt")


def decide(cands: list[Candidate], name: str, *, margin: float = 2.0) -> str | None:
    """The value of field ``name``: strongest first, then the clearly nearest; equals in conflict → None.

    ``margin``: how many times nearer the winner's nearest candidate must be than any other value's.
    A ``kb`` value is used only when no story candidate exists, and a weak story candidate (a hint)
    that contradicts the knowledge base leaves the field empty.
    """
    pool = [c for c in cands if c.field == name]
    for c in pool:
        c.chosen = False
    story = [c for c in pool if c.source != "kb"]
    if not story:
        known = [c for c in pool if c.source == "kb"]
        if len({c.value for c in known}) == 1:
            for c in known:
                c.chosen = True
            return known[0].value
        return None
    best = max(c.strength for c in story)
    top = [c for c in story if c.strength == best]
    nearest: dict[str, int] = {}
    for c in top:
        nearest[c.value] = min(nearest.get(c.value, c.distance), c.distance)
    ranked = sorted(nearest.items(), key=lambda kv: kv[1])
    if len(ranked) > 1 and not (ranked[0][1] * margin < ranked[1][1]):
        return None  # a conflict of equals
    value = ranked[0][0]
    if best <= HINT and any(c.source == "kb" and c.value != value for c in pool):
        return None
    for c in pool:
        c.chosen = c.value == value and (c.strength == best or c.source == "kb")
    return value


def affiliate(doc: Doc, people: dict[str, Person], mentions: list[Mention], *,
              on: dt.date | None = None, people_kb: kb.KB | None = None) -> None:
    """Fill ``country``, ``sector`` and ``evidence`` of every person from the story and the KB."""
    by_token = {i: m for m in mentions for i in range(m.tok_start, m.tok_end)}
    person_at = {s: p for p in people.values() for s, _ in p.mentions}
    direct: dict[str, list[Candidate]] = {k: list(p.evidence) for k, p in people.items()}
    named = frozenset(m.country for m in mentions if m.country and m.type in {"state", "demonym", "place"})
    for p in people.values():
        direct[p.key].extend(_role_evidence(doc, p, by_token))
        direct[p.key].extend(_employer_evidence(doc, p, by_token))
        direct[p.key].extend(delegation_evidence(doc, p, by_token))
    for key, cand in (*side_frames(doc, person_at, by_token),
                      *host_leaders(doc, people, by_token)):
        direct[key].append(cand)
    for p in people.values():
        p.sector = decide(direct[p.key], "sector", margin=1.0)
    for p in people.values():
        # a lawyer or a reporter is not the namesake minister; a name the text continues is another name
        if (p.sector is None or p.sector in _KB_SECTORS) and not _truncated(doc, p, by_token):
            direct[p.key].extend(_kb_evidence(p, direct[p.key], on, people_kb or kb.default_kb(), named))
    # possessor affiliation: "the president's envoy" takes the president's country (two hops: "the envoy of
    # the president's aide"); the other way round, a principal takes the country the story gives its
    # envoy directly (never a country that came back from the principal itself)
    own = {k: decide(direct[k], "country") for k in people}
    derived: dict[str, list[Candidate]] = {k: [] for k in people}
    for p in people.values():
        kin = any(w in _kinship() for r in p.roles for w in r.text.lower().split())
        for key in dict.fromkeys(p.possessors):
            owner = people.get(key)
            if owner is not None and owner is not p and own[p.key]:
                derived[owner.key].append(Candidate("country", own[p.key] or "", "kinship" if kin else "possessive",
                                                    p.mentions[0], HINT, gap(p.mentions[0], owner)))
    country = {k: decide(direct[k] + derived[k], "country") for k in people}
    forward: dict[str, list[Candidate]] = {k: [] for k in people}
    for _ in range(2):
        forward = {k: [] for k in people}
        for p in people.values():
            kin = any(w in _kinship() for r in p.roles for w in r.text.lower().split())
            for key in dict.fromkeys(p.possessors):
                owner = people.get(key)
                if owner is not None and owner is not p and country[owner.key]:
                    forward[p.key].append(Candidate("country", country[owner.key] or "",
                                                    "kinship" if kin else "possessive", owner.mentions[0],
                                                    POSSESSOR, gap(owner.mentions[0], p)))
        country = {k: decide(direct[k] + derived[k] + forward[k], "country") for k in people}
    for p in people.values():
        p.evidence = _unique(direct[p.key] + derived[p.key] + forward[p.key])
        p.country = decide(p.evidence, "country")
        decide(p.evidence, "sector", margin=1.0)


def _unique(cands: list[Candidate]) -> list[Candidate]:
    seen: dict[tuple[str, str, str, tuple[int, int] | None], Candidate] = {}
    for c in cands:
        seen.setdefault((c.field, c.value, c.source, c.span), c)
    return list(seen.values())


def _truncated(doc: Doc, p: Person, by_token: dict[int, Mention]) -> bool:
    """Whether a mention of ``p`` follows a capitalised name word outside its roles ("Abdiweli [Mohamed Ali]")."""
    for start, end in p.mentions:
        span = doc.char_span(start, end)
        if span is None or span.start == 0:
            continue
        prev = doc[span.start - 1]
        other = by_token.get(prev.i)
        if prev.lower_ in _honorifics() or f"{prev.lower_}." in _honorifics():
            continue  # "Mr. Doe", "Mrs Doe"
        if (prev.pos_ == "PROPN" and prev.is_title and (other is None or other.type in {"person", "organization"})
                and not any(r.tok_start <= prev.i < r.tok_end for r in p.roles)):
            return True
    return False


def _role_evidence(doc: Doc, p: Person, by_token: dict[int, Mention]) -> Iterable[Candidate]:
    """A demonym, country, capital or IGO inside a title ("Kremlin aide", ", Chile's ambassador,")."""
    ends = {e for _, e in p.mentions}
    for role in p.roles:
        after = any(0 < role.start - e <= 6 for e in ends)  # ", the chief of …" right after the name
        seen: set[int] = set()
        found: list[Candidate] = []
        for i in range(role.tok_start, role.tok_end):
            m = by_token.get(i)
            if m is None or m.type == "person" or m.start in seen:
                continue
            seen.add(m.start)
            country = m.country or (_org_state(doc, m) if m.type == "organization" else None)
            place = _place_of(doc[m.tok_end - 1], role)
            # "the mayor of Mariupol" with the town tagged an organisation: an office's "of" town
            town = (m.type == "organization" and place is None and m.tok_start > 0
                    and doc[m.tok_start - 1].lower_ == "of" and title_sector(role.text) in _OFFICIAL)
            local = country is None and (m.type == "place" or town)
            owner = m.tok_end < len(doc) and doc[m.tok_end].text in {"'s", "’s"}  # "Istanbul's university"
            if local and not owner and (place is None or title_sector(role.text) in _OFFICIAL):
                # "Texas Governor", "the governor of the Luhansk region", "a council member in Ghazni":
                # an official serves the state of the town; a fellow at an institute in Hawaii need not
                country = region_country(m.text)
            if not country or _not_affiliation(doc, m) or _subject_of_expertise(doc, m):
                continue  # "the US House of Representatives": the state its first word names
            if place == "topic" or (place and m.type == "organization"):
                continue  # "an analyst at the Vienna Center for …": a think tank's seat is not a country
            source = ("demonym" if m.type == "demonym" else "metonymy" if m.gpe in {"capital", "seat"}
                      else "apposition" if after else "role")
            strength = FRAME if place or local else ROLE  # a demonym says more than a town ("Russian-installed")
            found.append(Candidate("country", country, source, m.span, strength, gap(m.span, p)))
        if any(c.value != "IGO" and c.strength == ROLE for c in found):
            for c in found:  # "British Deputy U.N. Ambassador": the state served at the IGO
                c.strength = FRAME if c.value == "IGO" else c.strength
        yield from found
        if not found and (back := _antecedent(doc, role, by_token)) is not None:
            yield Candidate("country", back[0], "frame", back[1], FRAME, gap(back[1], p))
        if any(doc[i].lower_ in {"its", "their"} for i in range(role.tok_start, role.tok_end)):
            state = _clause_subject_state(doc, p, by_token)
            if state is not None:
                yield Candidate("country", state.country or "", "apposition", state.span, EMPLOYER, gap(state.span, p))


@cache
def _anaphors() -> dict[str, str]:
    return {w: k for w, k in read_tsv("affiliation/anaphors.tsv")}


def _antecedent(doc: Doc, role: RoleSpan, by_token: dict[int, Mention]) -> tuple[str, tuple[int, int]] | None:
    """"The country's defence minister", "the regional governor": the one country named just before."""
    kinds = {_anaphors().get(doc[i].lower_) or _anaphors().get(doc[i].lower_ + doc[i + 1].text)
             for i in range(role.tok_start, role.tok_end - 1)} - {None}
    if not kinds:
        return None
    sent = doc[role.tok_start].sent
    start = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    end = sent.end if "region" in kinds else role.tok_start  # "…the Luhansk region, the regional governor said"
    found: dict[str, tuple[int, int]] = {}
    for m in {m.start: m for i in range(start, end) if (m := by_token.get(i)) is not None}.values():
        if role.tok_start <= m.tok_start < role.tok_end:
            continue
        if "country" in kinds and m.type in {"state", "demonym"} and m.country and m.country != "IGO":
            found.setdefault(m.country, m.span)
        elif "region" in kinds and m.type == "place" and (iso := m.country or region_country(m.text)):
            found.setdefault(iso, m.span)
    return next(iter(found.items())) if len(found) == 1 else None


def _place_of(tok: Token, role: RoleSpan) -> str | None:
    """"topic" for the "to/for/on" phrase of an envoy-like title, or any locative phrase of one ("envoy to
    Russia", "ambassador in Kyiv"); "locative" for another locative phrase of the role ("governor of the
    region in central Ukraine", weaker evidence); None for a modifier or "of" phrase."""
    found = None
    while tok.head.i != tok.i and role.tok_start <= tok.head.i < role.tok_end:
        head = tok.head
        if head.dep_ == "prep" or head.pos_ == "ADP":
            word, owner = head.lower_, head.head.lower_
            if (word in _TOPIC or word in _LOCATIVE) and owner in _topic_titles():
                return "topic"
            if word in _LOCATIVE:
                found = "locative"
        tok = head
    return found


def _subject_of_expertise(doc: Doc, m: Mention) -> bool:
    """"a senior Iran analyst", "North Korean expert": the country is what the person studies."""
    head = doc[m.tok_end - 1].head
    if doc[m.tok_end - 1].dep_ not in {"compound", "amod", "nmod"} or head.i < m.tok_end:
        return False
    demonym_too = _subject_nouns().get(head.lower_)
    # a demonym is the subject only right before the noun: "a Ukrainian military expert" is Ukrainian
    return demonym_too is not None and (m.type != "demonym" or (demonym_too and head.i == m.tok_end))


@cache
def _subject_nouns() -> dict[str, bool]:
    return {noun: demonym == "yes" for noun, demonym in read_tsv("affiliation/subject_nouns.tsv")}


def _not_affiliation(doc: Doc, m: Mention) -> bool:
    """"an ethnic Somali", "Ukrainian-born": the name says origin, not whom the person acts for."""
    before = doc[m.tok_start - 1].lower_ if m.tok_start > 0 else ""
    after = doc[m.tok_end: m.tok_end + 2].text.lower().replace(" ", "")
    if m.type == "demonym" and _hyphen_pair(doc, m):
        return True  # "a Mexican-American woman", "a French-Ukrainian association": a heritage, not a side
    return before in _origin_words() or any(after.startswith(w) for w in _origin_words() if w.startswith("-"))


def _hyphen_pair(doc: Doc, m: Mention) -> bool:
    gaz = get_gazetteer()
    nxt = doc[m.tok_end + 1] if m.tok_end + 1 < len(doc) and doc[m.tok_end].text == "-" else None
    prev = doc[m.tok_start - 2] if m.tok_start >= 2 and doc[m.tok_start - 1].text == "-" else None
    return any(t is not None and gaz.demonym(t.text) is not None for t in (nxt, prev))


def _clause_subject_state(doc: Doc, p: Person, by_token: dict[int, Mention]) -> Mention | None:
    """"Moscow sent X, its intelligence chief": the state subject of the clause the person is in."""
    for start, end in p.mentions:
        span = doc.char_span(start, end)
        if span is None:
            continue
        verb = span.root
        while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
            verb = verb.head
        for child in verb.children:
            m = by_token.get(child.i)
            if child.dep_ == "nsubj" and m is not None and m.type == "state" and m.country:
                return m
    return None


def _employer_evidence(doc: Doc, p: Person, by_token: dict[int, Mention]) -> Iterable[Candidate]:
    """"Anna Doe of the Kremlin", "Jane Roe from Chile's foreign ministry": the employer's country."""
    for start, end in p.mentions:
        span = doc.char_span(start, end)
        if span is None or span.end + 1 >= len(doc) or doc[span.end].lower_ not in _employer_preps():
            continue
        j = span.end + 1
        while j < len(doc) and doc[j].pos_ == "DET":
            j += 1
        m = by_token.get(j)
        if m is None or m.type == "person":
            continue
        if m.type != "organization" and m.gpe not in {"country", "seat"}:
            # "Andrew Doe of Plymouth": a home town says residence, when one country owns the name
            # ("of Istanbul's university" is the employer's seat, not where the person lives)
            home = (region_country(m.text) if doc[span.end].lower_ == "of" and (
                m.tok_end >= len(doc) or doc[m.tok_end].text not in {"'s", "’s"}) else None)
            if home is not None:
                yield Candidate("country", home, "employer", m.span, FRAME, gap(m.span, p))
            continue
        if not m.country or (m.type == "organization" and m.country != "IGO"
                             and state_word(doc[m.tok_start].text) != m.country):
            continue  # "the Russian defence ministry", not "the Alliance on China"
        yield Candidate("country", m.country, "employer", m.span, EMPLOYER, gap(m.span, p))


def _org_state(doc: Doc, m: Mention) -> str | None:
    """The state an organisation's name opens with: "Russian defence ministry", "White House Council"."""
    first = doc[m.tok_start].text
    two = doc[m.tok_start:min(m.tok_start + 2, m.tok_end)].text
    gaz = get_gazetteer()
    return (state_word(first) or (gaz.seat_of_power(two) if m.tok_end - m.tok_start > 2 else None)
            or OrgNames.country(m.text))  # "the head of MI6", "a Hamas commander": the lexicon's country


def _kb_evidence(p: Person, story: list[Candidate], on: dt.date | None, people_kb: kb.KB,
                 story_countries: frozenset[str] = frozenset()) -> list[Candidate]:
    """A full-name match, or a surname with a role word of the same class; one country, or one clearly
    most supported that the story also gives."""
    full = " " in p.name.strip()
    matches = people_kb.lookup(p.name, on=on) if full else []
    classes = {kb.role_class(r.text) for r in p.roles} - {None}
    # a short variant ("first given name + surname") may be someone else's name ("Mohamed Ali"): it needs
    # a surname the KB gives one person only, or a title of the same office
    unique = full and len({m.key for m in people_kb.by_surname(p.name.split()[-1])}) == 1
    matches = [m for m in matches if m.key == name_key(p.name) or unique or m.role_class in classes]
    if not full:  # a different first name is a different person: surname rules only for a bare surname
        for role in p.roles:
            if kb.role_class(role.text) in _KB_SURNAME_CLASSES:
                matches = people_kb.by_surname(p.name, role.text, on=on)
                if matches:
                    break
        if not matches and not p.roles:
            # a sitting head named by surname alone ("Doe ordered his generals…"), when the KB's only
            # person of that surname is one and the story names that person's country somewhere
            namesakes = people_kb.by_surname(p.name)
            heads = [m for m in namesakes if m.role_class in _KB_SURNAME_CLASSES]
            if len(namesakes) == 1 and len(heads) == 1 and heads[0].country in story_countries:
                matches = heads
    countries: dict[str, int] = {}
    fields: dict[str, int] = {}  # how many kinds of Factbook entry name the person for that country
    for match in matches:
        countries[match.country] = max(countries.get(match.country, 0), match.support)
        fields[match.country] = max(fields.get(match.country, 0), len(match.fields))
    if not countries:
        return []
    ranked = sorted(countries.items(), key=lambda kv: (-kv[1], -fields[kv[0]]))
    if len(ranked) > 1:
        told = {c.value for c in story if c.field == "country"}
        # a head of state who is also an ex-officio head elsewhere (a co-prince) is named for one country
        # twice (office and election): that one is theirs
        elected = fields[ranked[0][0]] > max(fields[c] for c, _ in ranked[1:])
        if not (elected or (ranked[0][1] > ranked[1][1] and ranked[0][0] in told)):
            return []
    return [Candidate("country", ranked[0][0], "kb", None, KB)]
