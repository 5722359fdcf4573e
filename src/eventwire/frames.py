"""Frames: the side, team or host country a passage puts a person in.

"On the Chilean side, adviser A wrote…", "Kyiv's negotiators, among them X", "the Chilean team
includes A and B", "a leader met in a country". Each producer adds ``Candidate``s (source ``frame``)
and decides nothing: ``affiliation.decide`` does.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from spacy.tokens import Doc, Token

from .candidates import FRAME, HINT, Candidate, Person, gap, state_word
from .lexicon import read_tsv, read_words
from .mentions import Mention
from .syntax import phrase_head

_MEETING_VERBS = read_words("actors/meeting_verbs.txt")


@cache
def _delegation() -> tuple[frozenset[str], tuple[tuple[str, ...], ...], frozenset[str]]:
    rows = read_tsv("affiliation/delegation_nouns.tsv")
    nouns = frozenset(w.lower() for w, k in rows if k == "noun")
    links = tuple(sorted((tuple(w.lower().split()) for w, k in rows if k == "link"), key=len, reverse=True))
    return nouns, links, frozenset(w.lower() for w, k in rows if k == "verb")


def delegation_evidence(doc: Doc, p: Person, by_token: dict[int, Mention]) -> Iterable[Candidate]:
    """"Kyiv's negotiators, among them X", "a Chilean delegation led by X": the side's country."""
    nouns, links, verbs = _delegation()
    for start, end in p.mentions:
        span = doc.char_span(start, end)
        if span is None:
            continue
        member = _member_of(span.root, verbs)
        if member is not None and member.lower_ in nouns and (found := country_modifier(member, by_token)):
            yield Candidate("country", found[0], "frame", found[1], FRAME + 1, gap(found[1], p))
            continue
        i = span.start
        for link in links:
            if i - len(link) >= 0 and tuple(t.lower_ for t in doc[i - len(link):i]) == link:
                j = i - len(link) - 1
                break
        else:
            continue
        if j >= 0 and doc[j].text == ",":
            j -= 1
        if j < 0 or doc[j].lower_ not in nouns:
            continue
        found = country_modifier(doc[j], by_token)
        if found is not None:
            yield Candidate("country", found[0], "frame", found[1], FRAME + 1, gap(found[1], p))


def _member_of(root: Token, verbs: frozenset[str]) -> Token | None:
    """The subject of "includes" whose object list holds this name ("the team includes A, B and C")."""
    tok = root
    for _ in range(5):  # up through the list: conjuncts, appositions to a title, loose list items
        if tok.dep_ in {"dobj", "dep"} and tok.head.lemma_.lower() in verbs:
            return next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
        if tok.dep_ not in {"conj", "appos", "dep"} or tok.head.i >= tok.i:
            return None
        tok = tok.head
    return None


def country_modifier(noun: Token, by_token: dict[int, Mention]) -> tuple[str, tuple[int, int]] | None:
    """The state or demonym modifying ``noun`` ("Kyiv's", "Chilean", "from Chile"), if exactly one.

    A modifier the model left untagged is looked up in the gazetteer (country, capital, demonym)."""
    found: dict[str, tuple[int, int]] = {}
    for child in noun.children:
        toks = [child] if child.dep_ in {"poss", "amod", "compound", "nmod"} else (
            list(child.children) if child.dep_ == "prep" and child.lower_ in {"from", "of"} else [])
        for t in toks:
            m = by_token.get(t.i)
            if m is not None and m.type in {"state", "demonym"} and m.country:
                found[m.country] = m.span
            elif m is None and t.is_title and (iso := state_word(t.text)):
                found[iso] = (t.idx, t.idx + len(t))
    return next(iter(found.items())) if len(found) == 1 else None


def side_frames(doc: Doc, person_at: dict[int, Person],
                 by_token: dict[int, Mention]) -> Iterable[tuple[str, Candidate]]:
    """"On the Ukrainian side, adviser A wrote…": the frame gives the subject's country."""
    for tok in doc:
        if tok.lower_ != "side" or tok.dep_ != "pobj" or tok.head.lower_ not in {"on", "for", "from"}:
            continue
        m = next((by_token[c.i] for c in tok.children if c.i in by_token and by_token[c.i].country), None)
        if m is None or not m.country:
            continue
        for child in tok.head.head.children:
            if child.dep_ not in {"nsubj", "nsubjpass"}:
                continue
            p = person_at.get(doc[child.left_edge.i:child.i + 1][-1].idx) or person_at.get(
                next((by_token[i].start for i in range(child.left_edge.i, child.i + 1)
                      if i in by_token and by_token[i].type == "person"), -1))
            if p is not None:
                yield p.key, Candidate("country", m.country, "frame", m.span, FRAME, gap(m.span, p))


@cache
def _leader_titles() -> frozenset[str]:
    return read_words("actors/leader_titles.txt")


def host_leaders(doc: Doc, people: dict[str, Person],
                  by_token: dict[int, Mention]) -> Iterable[tuple[str, Candidate]]:
    """A leader met or hosted in a named country leads that country (a hint: anything stronger wins)."""
    for p in people.values():
        if not any(r.text.lower().split()[-1] in _leader_titles() or r.text.lower() in _leader_titles()
                   for r in p.roles):
            continue
        for start, end in p.mentions:
            span = doc.char_span(start, end)
            if span is None:
                continue
            name_root = phrase_head(span[0], deps={"compound"})
            verb = name_root.head if name_root.dep_ == "dobj" else (
                name_root.head.head if name_root.dep_ == "pobj" and name_root.head.lower_ == "with" else None)
            if verb is None or verb.lemma_ not in _MEETING_VERBS:
                continue
            # the clause itself, its head, or a clause on the same head ("X, who was in C, meeting Y")
            near = [verb, verb.head, *(c for c in verb.head.children if c.dep_ in {"relcl", "acl", "advcl"})]
            m = next((found for v in near if (found := _locative_country(v, by_token))), None)
            if m is not None and m.country:
                yield p.key, Candidate("country", m.country, "frame", m.span, HINT, gap(m.span, p))
                break


def _locative_country(verb: Token, by_token: dict[int, Mention]) -> Mention | None:
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in {"in", "to"}:
            for obj in prep.children:
                m = by_token.get(obj.i)
                if m is not None and m.gpe == "country" and m.type == "place":
                    return m
    return None

