"""Pronoun resolution for people: the project's own rules (no offline coreference model exists).

Three rules, tried in order, cover the bulk of third-person pronouns in news prose:

1. the subject of a clause reported by a speech verb is that verb's speaker
   ("Jane Doe said she would resign", "Doe said the talks failed but that she hoped…");
2. otherwise the nearest person named earlier in the same sentence;
3. otherwise the subject of the previous sentence, else the nearest person before it.

Gender is only used to skip a person already referred to with the other gender's pronoun.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from spacy.tokens import Doc, Token

from .lexicon import read_tsv, subset
from .syntax import clause_root, quoted_tokens


@cache
def _pronouns() -> dict[str, str]:
    return {p.lower(): g for p, g in read_tsv("actors/pronouns.tsv")}


@cache
def _speech_verbs() -> frozenset[str]:
    return frozenset(subset("speech_verbs.tsv", "speaker"))


def resolve_pronouns(doc: Doc, person_at: dict[int, str], thing_at: dict[int, str] | None = None) -> dict[int, str]:
    """Map pronoun token indices to actor keys.

    ``person_at`` maps the token indices of every person-name token to the person's key; it is
    extended as pronouns resolve, so "he ... his" chains follow the first resolution. ``thing_at``
    does the same for states, organisations and groups, which "it" can refer to — but only as the
    speaker's own "it" ("Chile said it would…"): elsewhere "it" is far more often not an actor.
    """
    resolved: dict[int, str] = {}
    gender: dict[str, str] = {}
    known = dict(person_at)
    things = dict(thing_at or {})
    quoted = quoted_tokens(doc)
    for tok in doc:
        g = _pronouns().get(tok.lower_)
        if g is None or tok.i in quoted or (tok.pos_ not in {"PRON", "DET"} and tok.tag_ not in {"PRP", "PRP$"}):
            continue
        if g == "n":
            key = _speaker_of(tok, things)
            if key is not None:
                resolved[tok.i] = things[tok.i] = key
            continue
        key = _speaker_of(tok, known) or _parallel_subject(tok, resolved) \
            or _nearest_in_sentence(tok, known, gender, g) or _previous_sentence(tok, known, gender, g)
        if key is None:
            continue
        gender.setdefault(key, g)
        resolved[tok.i] = key
        known[tok.i] = key
    return resolved


def _parallel_subject(tok: Token, resolved: dict[int, str]) -> str | None:
    """"he has grown frustrated …, and he recently slapped sanctions": a subject pronoun continues
    the subject pronoun of an earlier clause in the same sentence."""
    if tok.dep_ not in {"nsubj", "nsubjpass"}:
        return None
    for i in range(tok.i - 1, tok.sent.start - 1, -1):
        other = tok.doc[i]
        if i in resolved and other.dep_ in {"nsubj", "nsubjpass"} and other.lower_ == tok.lower_:
            return resolved[i]
    return None


def _speaker_of(tok: Token, known: dict[int, str]) -> str | None:
    if tok.dep_ not in {"nsubj", "nsubjpass"}:
        return None
    clause = clause_root(tok)
    if clause.dep_ != "ccomp" or clause.head.lemma_ not in _speech_verbs():
        return None
    for child in clause.head.children:
        if child.dep_ in {"nsubj", "nsubjpass"}:
            return _key_of_phrase(child, known)
    return None


def _key_of_phrase(tok: Token, known: dict[int, str]) -> str | None:
    if tok.i in known:
        return known[tok.i]
    for t in tok.subtree:
        if t.i in known and t.head == tok:
            return known[t.i]
    return None


def _nearest_in_sentence(tok: Token, known: dict[int, str], gender: dict[str, str], g: str) -> str | None:
    for i in range(tok.i - 1, tok.sent.start - 1, -1):
        key = known.get(i)
        if key is not None and gender.get(key, g) == g:
            return key
    return None


_SENTS: dict[int, tuple[Doc, list]] = {}


def _sentences(doc: Doc) -> list:
    """The doc's sentences, computed once per doc (spaCy rebuilds them on every access)."""
    cached = _SENTS.get(id(doc))
    if cached is None or cached[0] is not doc:
        _SENTS.clear()
        cached = _SENTS[id(doc)] = (doc, list(doc.sents))
    return cached[1]


def _previous_sentence(tok: Token, known: dict[int, str], gender: dict[str, str], g: str) -> str | None:
    sents: Sequence = _sentences(tok.doc)
    index = next((n for n, s in enumerate(sents) if s.start <= tok.i < s.end), 0)
    for prev in reversed(sents[max(0, index - 3) : index]):
        subj = [t for t in prev if t.dep_ in {"nsubj", "nsubjpass"} and t.head == prev.root]
        for t in subj:
            key = _key_of_phrase(t, known)
            if key is not None and gender.get(key, g) == g:
                return key
        for i in range(prev.end - 1, prev.start - 1, -1):
            key = known.get(i)
            if key is not None and gender.get(key, g) == g:
                return key
    return None
