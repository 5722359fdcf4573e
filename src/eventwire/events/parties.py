"""Further rules for an event's parties, beyond a trigger's own subject and objects.

Each function takes the token(s) the parse gives and a ``ids(token) -> actor ids`` reader (the
events stage's noun-phrase reader), so the rules stay independent of how phrases become actors.

- :func:`speaker_pronoun`: "The rebels said they would release …" — a subject pronoun that names
  no actor, in a clause reported by a verb of saying, is the (non-person) speaker.
- :func:`clause_subjects`: "demanded that the United States cancel …" — a request's recipient
  is the subject of the clause that says what is requested.
- :func:`of_complement`: "shelled positions of the rebels", "holding thousands of refugees" — an
  object that is no actor stands for the actor in its "of" phrase.
- :func:`governing_recipients`: "gave Tanzania a grant", "gave the Ivory Coast … of aid" — an event
  noun with no recipient of its own takes its light verb's indirect object or "to" phrase.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from ..story import Story
from ..syntax import clause_root, governing_verb
from .lexicon import speech_verbs, triggers

Ids = Callable[[Token], list[str]]

_PLURAL_PRONOUNS = frozenset({"they", "we"})
# acts whose object's "of" phrase names the one acted on ("shelled positions of …", "backed the
# right of X")
_OF_TARGET_TYPES = frozenset({"ASSAULT", "COERCE", "THREATEN", "SUPPORT"})
# a request said in a clause: its recipient is that clause's subject ("urged that Iran …")
_CLAUSE_RECIPIENT_TYPES = frozenset({"REQUEST"})


def speaker_pronoun(story: Story, subj: Token, ids: Ids) -> list[str]:
    """The speaker of a reported clause whose subject is an unresolved "they"/"we".

    Only a group, organisation or state speaker: "Jane Doe said they would leave" leaves "they"
    open (a person rarely speaks of herself as "they"), "Police said they arrested …" does not.
    """
    if subj.lower_ not in _PLURAL_PRONOUNS or subj.pos_ != "PRON":
        return []
    clause = clause_root(subj)
    if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in speech_verbs():
        return []
    out: list[str] = []
    for s in clause.head.children:
        if s.dep_ == "nsubj":
            out.extend(a for a in ids(s) if story.actor(a).kind != "person")
    return out


def clause_subjects(story: Story, verb: Token, etype: str, ids: Ids) -> list[str]:
    """Recipients of a request from the subject of its "that" clause (or of the clause it governs)."""
    if etype not in _CLAUSE_RECIPIENT_TYPES:
        return []
    out: list[str] = []
    for clause in verb.children:
        if clause.dep_ != "ccomp":
            continue
        for s in clause.children:
            if s.dep_ == "nsubj":
                out.extend(ids(s))
    return out


def of_complement(obj: Token, etype: str, reciprocal: bool, ids: Ids) -> list[str]:
    """The actors of an object's "of" phrase ("positions of the rebels"), the object being no actor.

    Only for acts on people or things (attacks, seizures, threats, support) — not for talks
    ("discussed the future of X" is no meeting with X) — and not when the object is itself an
    event ("condemned the occupation of X": X is not the one condemned; in "opposed the invasion of
    X" the phrase names the other event's patient, not this one's recipient).
    """
    if reciprocal or etype not in _OF_TARGET_TYPES:
        return []
    if (obj.lemma_.lower(), "NOUN") in triggers()[0]:
        return []
    out: list[str] = []
    for prep in obj.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    out.extend(ids(pobj))
    return out


def governing_recipients(noun: Token, ids: Ids, preps: frozenset[str]) -> list[str]:
    """Recipients of an event noun from the verb whose object (or object's complement) it is."""
    if noun.dep_ not in {"dobj", "pobj"}:
        return []
    head = noun.head.head if noun.dep_ == "pobj" else noun.head
    if noun.dep_ == "pobj" and (noun.head.lower_ != "of" or head.dep_ != "dobj"):
        return []  # only "gave … dollars of aid", not "said after the talks"
    verb = governing_verb(head, steps=2, include_self=True)
    if verb is None or verb.lemma_.lower() in speech_verbs():
        return []
    out: list[str] = []
    for child in verb.children:
        if child.dep_ == "dative":
            out.extend(ids(child))
        elif child.dep_ == "prep" and child.lower_ in preps:
            out.extend(a for p in child.children if p.dep_ == "pobj" for a in ids(p))
    return out
