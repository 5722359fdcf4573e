"""Pronoun resolution for people: the project's own rules (no offline coreference model exists).

Three rules, tried in order, cover the bulk of third-person pronouns in news prose:

1. the subject of a clause reported by a speech verb is that verb's speaker
   ("Jane Doe said she would resign", "Doe said the talks failed but that she hoped…");
2. otherwise the nearest person named earlier in the same sentence;
3. otherwise the subject of the previous sentence, else the nearest person before it.

Gender is only used to skip a person already referred to with the other gender's pronoun.

Pronouns for collectives — "it"/"its" for a state or organisation — are resolved as a speaker's
own pronoun ("Chile said it would…"), or as the subject ("it") or possessor ("its") of a clause
when the subject of a clause governing it — or, in a main clause, the subject of the previous
sentence — is one actor of the right kind ("The Chadian army shelled the town. It said…"; not
through a relative clause, a noun's clause or an "if" clause). An "it" of a mostly impersonal verb
("it is", "it comes as", "it allows") is never resolved. "they"/"their" are not resolved (hand
check: too often someone else than the nearest group; "their expulsion": the one acted on).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
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


def resolve_pronouns(doc: Doc, person_at: dict[int, str], thing_at: dict[int, str] | None = None,
                     plural: frozenset[str] = frozenset()) -> dict[int, str]:
    """Map pronoun token indices to actor keys.

    ``person_at`` maps the token indices of every person-name token to the person's key; it is
    extended as pronouns resolve, so "he ... his" chains follow the first resolution. ``thing_at``
    does the same for states, organisations and groups, which "it" can refer to — but only as the
    speaker's own "it" ("Chile said it would…") or as the one collective subject nearby (module
    docstring). ``plural`` holds the keys of ``thing_at`` that are groups, which "it" never refers to.
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
            def fits(k: str) -> bool:
                return k not in plural  # "it" is a state or an organisation, not a group
            key = _speaker_of(tok, things)
            if key is None or not fits(key):
                key = _collective_antecedent(tok, things, fits)
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


# heads whose "it" subject is mostly impersonal or a thing: "it is clear", "it comes as", "it allows"
_IMPERSONAL = frozenset({"be", "seem", "appear", "come", "remain", "become", "take", "make", "mean", "allow",
                         "matter", "happen", "help", "cost", "go", "look", "sound", "leave", "need", "follow"})


# steps from a pronoun up to the verb whose subject it refers to: its own clause, coordinated and
# adverbial clauses, objects and their prepositions; not a relative clause, a noun's clause ("the
# notice that it would …") or an apposition
_PATH_DEPS = frozenset({"nsubj", "poss", "conj", "xcomp", "ccomp", "advcl", "dobj", "pobj", "prep", "pcomp"})
# an "if" clause speaks of someone else as often as of the subject: "would threaten them if they refused"
_CONDITIONS = frozenset({"if", "unless", "until", "whether"})


def _collective_antecedent(tok: Token, things: dict[int, str], fits: Callable[[str], bool]) -> str | None:
    """The state, organisation or group (as ``fits``) that is the subject of a clause governing the
    pronoun ("Kenya said it would …", "Moscow is closer to Mariupol since it invaded"), or, for a
    pronoun of its sentence's main clause, the subject of the previous sentence's main clause. None
    when that subject is anything else (a person, a thing, several actors). The clause of a verb of
    saying is left to the speaker rule."""
    if tok.dep_ not in {"nsubj", "poss"} or (tok.dep_ == "nsubj" and tok.head.lemma_.lower() in _IMPERSONAL):
        return None
    clause = clause_root(tok)
    if clause.dep_ == "ccomp" and clause.head.lemma_.lower() in _speech_verbs():
        return None  # "the ministry said it …" was the speaker rule's; "X said it had …" stays open
    t = tok
    while t.head.i != t.i:
        if t.dep_ not in _PATH_DEPS or any(c.dep_ == "mark" and c.lower_ in _CONDITIONS for c in t.children):
            return None
        t = t.head
        subj = next((c for c in t.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i < tok.i
                     and c.tag_ not in {"WDT", "WP", "EX"}), None)
        if subj is not None:
            return _one_actor(subj, things, fits)
    sents: Sequence = _sentences(tok.doc)
    index = next((n for n, s in enumerate(sents) if s.start <= tok.i < s.end), 0)
    if index == 0:
        return None
    root = sents[index - 1].root
    subj = next((c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    return _one_actor(subj, things, fits) if subj is not None else None


def _one_actor(subj: Token, things: dict[int, str], fits: Callable[[str], bool]) -> str | None:
    keys = {things[t.i] for t in [subj, *subj.conjuncts] if t.i in things}
    return keys.pop() if len(keys) == 1 and subj.i in things and fits(things[subj.i]) else None
