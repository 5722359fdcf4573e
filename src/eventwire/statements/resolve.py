"""A second look at speakers the cue's own clause left without an actor.

``clause.speaker_of`` resolves what the subject says by itself: a name, a pronoun the actors stage
resolved, a document's author, a definite description. Some subjects only make sense with the
story around them, and are resolved here, after every statement of the story is found, in text
order:

* a relative pronoun ("Doe, who said …", "the ministry, which said …") is its antecedent, when
  the clause reports a clause or a quotation ("who found success" is no statement), and "who" a
  person, "which"/"that" no person;
* a definite document ("the report said") is the latest document of that noun named earlier with
  its author ("a report by the Agency"): its author speaks;
* a bare name the model did not tie to an actor is the one person of the story whose name ends in
  it ("Doe" after "Jane Doe"), or the organisation of that exact name;
* a pronoun subject ("he said", "it said", "they added") is the nearest compatible speaker: the
  subject of its own sentence when one stands before it (and nothing when that subject is no
  compatible actor: "Doe's plan, although it says …"), else the speaker of a statement in the same or
  the previous sentence (when that speaker's text names it), else the subject of the previous
  sentence when it is a compatible actor; "they" only takes the subject of its own sentence.
  Compatible: "he"/"she" a person (not one called by the other gender's pronoun before), "it" an
  organisation, country or group, "they" a group or organisation. A definite organisation noun
  ("the group", "the militant group"; ``actors/org_nouns.txt``) is resolved like "it", to an
  organisation or group. A speaker further away, or of another kind,
  is left unresolved: a wrong speaker is worse than none.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Protocol

from spacy.tokens import Token

from ..lexicon import read_words
from ..names import name_key
from ..story import Story
from .clause import CONTENT_DEPS, SUBJECTS, Speaker, author, is_cue, speaker_of
from .lexicon import speaker_nouns
from .text import Layout, Unit

RELATIVE = {"who", "which", "that"}
PRONOUN_KINDS = {
    "he": {"person"},
    "she": {"person"},
    "it": {"organization", "country", "group"},
    "they": {"group", "organization"},
}
GENDERS = {"he": {"she", "her", "hers", "herself"}, "she": {"he", "him", "his", "himself"}}  # the other gender
ORG_KINDS = {"organization", "group"}
DOCUMENT_BACK = 8  # sentences back to the document a "the report" refers to
MAX_BACK = 1  # units between a pronoun's sentence and the statement whose speaker it takes


class Found(Protocol):
    """What the resolver reads and writes of a statement being built (``statements._Found``)."""

    speaker: Speaker
    unit: Unit
    direct: bool


def resolve_speakers(story: Story, lay: Layout, found: Iterable[Found]) -> None:
    """Fill ``speaker.actor`` of statements whose subject needs the story around it."""
    ordered = sorted(found, key=lambda f: (f.unit.index, f.speaker.span[0] if f.speaker.span else -1))
    done: list[Found] = []
    for f in ordered:
        sp = f.speaker
        if sp.actor is None and sp.span is not None:
            head = _head(story, lay, sp.span)
            if head is not None:
                f.speaker = _relative(story, head, f.unit, f.direct) or _bare_name(story, head, sp) or _pronoun(
                    story, lay, head, f.unit, done, sp) or _document(story, lay, head, f.unit, sp) or sp
        done.append(f)


def _head(story: Story, lay: Layout, span: tuple[int, int]) -> Token | None:
    """The last word of the speaker phrase (its head for a name or pronoun)."""
    doc = story.doc
    i = lay.token_at(span[1] - 1)
    return doc[i] if 0 <= i < len(doc) else None


def _relative(story: Story, head: Token, unit: Unit, direct: bool) -> Speaker | None:
    """"Doe, who said …": the relative pronoun stands for the noun the clause modifies."""
    verb = head.head
    if head.lower_ not in RELATIVE or head.dep_ != "nsubj" or verb.dep_ != "relcl" or not is_cue(verb):
        return None
    if not direct and not any(c.dep_ in CONTENT_DEPS for c in verb.children):
        return None  # "who found success", "who learned Russian": an object is no report here
    antecedent = head.head.head
    if not unit.start <= antecedent.i < unit.end or antecedent.pos_ not in {"PROPN", "NOUN"}:
        return None
    speaker = speaker_of(story, antecedent, unit, antecedent.idx)
    if speaker.actor is None or (story.actor(speaker.actor).kind == "person") != (head.lower_ == "who"):
        return None  # "the chief economist at the Agency, who said": "who" is a person, not the agency
    return speaker


def _bare_name(story: Story, head: Token, sp: Speaker) -> Speaker | None:
    """A proper noun subject no mention covers: the one person whose full name ends in it, or the one
    organisation of that exact name."""
    if head.pos_ != "PROPN" or not (head.is_title or head.is_upper) or sp.text is None or not all(
            w[:1].isupper() for w in sp.text.split()):
        return None
    key = name_key(head.text.title())
    text = sp.text.lower()
    people = {a.id for a in story.actors if a.kind == "person" and len(a.name.split()) > 1
              and name_key(a.name.split()[-1]) == key}
    orgs = {a.id for a in story.actors if a.kind in {"organization", "group"}
            and text in {n.lower() for n in (a.name, *a.aliases)}}
    hits = people | orgs
    if len(hits) != 1:
        return None
    return Speaker(hits.pop(), sp.text, sp.span)


def _pronoun(story: Story, lay: Layout, head: Token, unit: Unit, done: list[Found], sp: Speaker) -> Speaker | None:
    """"He said" with no resolution from the actors stage: the nearest compatible speaker."""
    kinds = PRONOUN_KINDS.get(head.lower_) or (ORG_KINDS if _organisation_noun(head) else None)
    if kinds is None or head.dep_ != "nsubj" or not is_cue(head.head):
        return None  # "it is hard to say": an expletive or a passive subject is no speaker

    def fits(actor: str | None) -> bool:
        return actor is not None and story.actor(actor).kind in kinds and not _other_gender(story, head, actor)

    first = next((t for t in story.doc[unit.start:head.i] if t.dep_ in SUBJECTS and lay.token_quote[t.i] < 0), None)
    if first is not None and first.pos_ != "PRON" and first.head.is_ancestor(head):
        # "Doe's plan, although it …": the subject of the clause that holds the pronoun
        actor = story.actor_of_token(first)
        return Speaker(actor, sp.text, sp.span) if fits(actor) else None
    if head.lower_ == "they":
        return None  # "they" outside its subject's sentence is as often people no actor stands for
    for prev in reversed(done):
        if unit.index - prev.unit.index > MAX_BACK:
            break
        if fits(prev.speaker.actor) and _before(prev, head) and _named(story, prev.speaker):
            return Speaker(prev.speaker.actor, sp.text, sp.span)
    subject = _previous_subject(story, lay, unit)
    return Speaker(subject, sp.text, sp.span) if fits(subject) else None


def _organisation_noun(head: Token) -> bool:
    """"the group", "the militant group": a definite organisation noun stands for an organisation."""
    return head.pos_ == "NOUN" and head.lemma_.lower() in org_nouns() and all(
        (c.dep_ == "det" and c.lower_ == "the") or c.dep_ == "amod" for c in head.lefts) and any(
        c.dep_ == "det" for c in head.lefts) and not any(c.dep_ in {"appos", "prep"} for c in head.rights)


@cache
def org_nouns() -> frozenset[str]:
    return read_words("actors/org_nouns.txt")


def _other_gender(story: Story, head: Token, actor: str) -> bool:
    """"She said … “…,” he said": a person already called by the other gender's pronoun is not "he"."""
    other = GENDERS.get(head.lower_)
    if other is None:
        return False
    return any(t.lower_ in other and story.actor_of_token(t) == actor for t in head.doc[:head.i])


def _document(story: Story, lay: Layout, head: Token, unit: Unit, sp: Speaker) -> Speaker | None:
    """"The report said …" after "a report by the Agency …": a definite document noun is the latest
    document of that noun named with its author in the sentences before; its author speaks."""
    lemma = head.lemma_.lower()
    if lemma not in speaker_nouns() or not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
        return None
    for index in range(unit.index, max(unit.index - DOCUMENT_BACK, 0) - 1, -1):
        earlier = lay.units[index]
        for tok in reversed(story.doc[earlier.start:min(earlier.end, head.i)]):
            if tok.lemma_.lower() != lemma or tok.pos_ != "NOUN":
                continue
            writer = author(tok, earlier)
            actor = story.actor_of_token(writer) if writer is not None else None
            if actor is not None:
                return Speaker(actor, sp.text, sp.span)
    return None


def _named(story: Story, sp: Speaker) -> bool:
    """A speaker taken over only when its text names it (or is a pronoun resolved before): a
    description resolved by guesswork ("the gas firm") is not passed on."""
    if sp.actor is None or sp.text is None:
        return False
    words = sp.text.lower().split()
    name = story.actor(sp.actor).name.lower().split()
    return (len(words) == 1 and words[0] in PRONOUN_KINDS) or (bool(name) and name[-1] in words)


def _before(prev: Found, head: Token) -> bool:
    return prev.speaker.span is None or prev.speaker.span[0] < head.idx


def _previous_subject(story: Story, lay: Layout, unit: Unit) -> str | None:
    """The actor that is the main subject of the sentence before (within the paragraph's flow)."""
    if unit.index == 0:
        return None
    prev = lay.units[unit.index - 1]
    doc = story.doc
    for tok in doc[prev.start:prev.end]:
        if tok.dep_ in SUBJECTS and tok.head.dep_ == "ROOT" and lay.token_quote[tok.i] < 0:
            return story.actor_of_token(tok)
    return None
