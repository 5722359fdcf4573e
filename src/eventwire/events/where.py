"""Where an event happened, when its clause names the place one step away from the trigger
(``place_source`` = ``clause``), run by ``events/setting.py`` after the clause rule of
``events/attributes.py`` found nothing:

* **area noun** — "killed 15 people in the region of the capital, Kyiv", "on Ukraine's capital", "in
  the Kharkiv region": the prepositional object is a common noun for a part of a place
  (``resources/en/events/locatives.tsv``, role ``area``), and the place is its apposition, possessor or
  compound. Only area nouns: "talks with Ukraine's president" are not in Ukraine.
* **invaded country** — "Russia's invasion of Ukraine", "annexed Crimea"'s country: the one country
  an invasion, occupation or annexation is done to (``invaded``), when the story names it as a place.
* **governing verb** — "In Kharkiv, shelling killed three": an event noun that is the subject of a
  verb happens where the verb does ("in/at/near …"). Not for event types that have no place of their
  own (``abstract``: accusations, sanctions, requests …), whose verb's place is at most the speaker's,
  and not when the verb is one of saying.

Guard (from the place-resolution errors that sank the coordinated rule): a place whose country is
shared by no other place of a story that names places of at least two other countries is suspect
("a Berlin in the USA" among Ukrainian towns) and is not used.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..lexicon import subset
from ..story import Story
from .lexicon import speech_verbs

__all__ = ["area_place", "governing_place", "invaded_place", "object_place"]

_AREAS = frozenset(w.lower() for w in subset("events/locatives.tsv", "role", "area"))
_ABSTRACT = frozenset(subset("events/locatives.tsv", "role", "abstract"))
_LOCATIVE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "across", "around", "throughout"})
_INVADED = frozenset(w.lower() for w in subset("events/locatives.tsv", "role", "invaded"))
_INTO = frozenset({"of", "against", "into"})
_SEIZED = frozenset({"ASSAULT", "COERCE"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


def _place_of(story: Story, t: Token) -> str | None:
    return story.place_at(t.idx, t.idx + len(t))


def _area_place(story: Story, obj: Token) -> str | None:
    """"the region of the capital, Kyiv" → Kyiv: the place an area noun is told of."""
    if obj.lemma_.lower() not in _AREAS and obj.lower_ not in _AREAS:
        return None
    for c in obj.children:
        if c.dep_ in {"appos", "poss", "compound"} and (pid := _place_of(story, c)):
            return pid
        if c.dep_ == "prep" and c.lower_ == "of":
            for g in c.children:
                if g.dep_ == "pobj" and (pid := _place_of(story, g) or _area_place(story, g)):
                    return pid
    return None


def _suspect(story: Story, pid: str) -> bool:
    """A place in no country ("cuts Europe off", "its Black Sea coast": a continent or a sea is no
    scene), or in a country no other place of the story is in, among places of two other countries."""
    countries = {p.id: p.country for p in story.places}
    own = countries.get(pid)
    others = {c for i, c in countries.items() if i != pid and c}
    return own is None or (own not in others and len(others) >= 2)


def _phrase_place(story: Story, obj: Token) -> str | None:
    pid = _place_of(story, obj) or _area_place(story, obj)
    return None if pid is None or _suspect(story, pid) else pid


def area_place(story: Story, clause: list[Token], event_type: str) -> str | None:
    """The place an area noun of the trigger's clause is told of."""
    if event_type in _ABSTRACT:
        return None
    for t in clause:
        if t.dep_ == "pobj" and (pid := _area_place(story, t)) and not _suspect(story, pid):
            return pid
    return None


def object_place(story: Story, tok: Token, event_type: str) -> str | None:
    """"shelled Kharkiv", "Mariupol was captured": a town, region or site hit or seized is where it was
    hit or seized. Not a country ("fought Russia" was fought in Ukraine)."""
    if tok.pos_ != "VERB" or event_type not in _SEIZED:
        return None
    for obj in tok.children:
        if obj.dep_ in {"dobj", "nsubjpass"} and (pid := _phrase_place(story, obj)):
            place = next((p for p in story.places if p.id == pid), None)
            if place is not None and place.kind != "country":
                return pid
    return None


def governing_place(story: Story, tok: Token, event_type: str) -> str | None:
    """The place of the verb whose subject the event noun ``tok`` is."""
    if tok.pos_ not in {"NOUN", "PROPN"} or tok.dep_ not in _SUBJECT_DEPS or event_type in _ABSTRACT:
        return None
    verb = tok.head
    if verb.pos_ not in {"VERB", "AUX"} or verb.lemma_.lower() in speech_verbs():
        return None
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in _LOCATIVE_PREPS:
            for obj in prep.children:
                if obj.dep_ == "pobj" and (pid := _phrase_place(story, obj)):
                    return pid
    return None


def invaded_place(story: Story, tok: Token, recipients: list[str]) -> str | None:
    """"Russia's invasion of Ukraine", "occupied Ukraine": the one country invaded, occupied or annexed is
    where it happened, when the story names that country as a place."""
    if tok.lemma_.lower() not in _INVADED and tok.lower_ not in _INVADED:
        return None
    actors = {a.id: a for a in story.actors}
    done_to = set(recipients)  # "the invasion of Ukraine": the "of" object is no recipient of the parties
    for c in tok.children:
        objs = [g for g in c.children if g.dep_ == "pobj"] if c.dep_ == "prep" and c.lower_ in _INTO else []
        done_to.update(a for o in objs + ([c] if c.dep_ == "dobj" else []) if (a := story.actor_of_token(o)))
    countries = {actors[r].country for r in done_to if r in actors and actors[r].kind == "country"}
    if len(countries) != 1:
        return None
    code = countries.pop()
    return next((p.id for p in story.places if p.kind == "country" and p.country == code), None)
