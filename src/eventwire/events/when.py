"""Dates an event takes from the saying that reports it (a ``date_source`` = ``discourse`` rule of
``events/setting.py``).

* **present of a dated saying** — "Putin said Thursday that Russia supports the proposal", "the
  adviser said on Monday that Russia was seeking drones": an event the speaker tells in the present
  (simple or progressive, active or passive; a past progressive is the present shifted back by the
  reported speech) holds on the day of the saying, so it takes the saying's date; so does an event
  noun that is the subject of such a verb ("said Sunday that talks with the fund are progressing"),
  but not of "be" ("said that recent agreements are a reminder": the agreements came before). The
  saying's date is the time phrase on the verb of saying, else the one the statement found for it
  ("In a statement on Tuesday, X said …").

Guards, each from an error a reader would make otherwise: a past or perfect event ("said on Tuesday
that rebels had struck", "said on Tuesday that 15 were killed") happened before the saying, on a day it
does not say, so takes nothing; nor does a headline the parser glued to a saying of the next
paragraph; nor does a modal or an infinitive (a plan, not a fact: "said it would
deploy"); nor a saying whose time is vague ("recently") or anchored ("said after the strike").

Tried and dropped: a participle set off after the subject (", speaking on Sunday,") dating the verb:
no fill on the VOA and Guardian/NYT corpora (the parser mostly hangs it from the verb, where the
participle rule of ``setting.py`` already reads it). Not tried in code: "a day after X" dating X from
its main clause, because the events stage merges a same-type anchor event into its main event ("shelled
… on Tuesday, a day after rebels ambushed …" yields one ASSAULT), which must be split first.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from .. import record
from ..lexicon import subset
from ..story import Story
from .attributes import verb_time
from .draft import Draft
from .lexicon import speech_verbs

__all__ = ["saying_date", "subject_date"]

# resources/en/events/prepositions.tsv: "after", "before", "since" … set a time apart from the verb's
_TIME_PREPS = frozenset(subset("events/prepositions.tsv", "role", "time"))
_PRESENT = {"VBZ", "VBP"}


def _saying(tok: Token) -> Token | None:
    """The verb of saying whose that-clause (or quotation) holds the trigger: "said that X supports",
    "said that X supports … and backs …"."""
    clause = tok
    for _ in range(3):
        if clause.dep_ != "conj":
            break
        clause = clause.head
    if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in speech_verbs():
        return None
    lo, hi = sorted((tok.i, clause.head.i))
    if any("\n" in t.whitespace_ or "\n" in t.text for t in tok.doc[lo:hi]):
        return None  # a headline glued to the next paragraph's sentence: "Russia seizes X\n\nKyiv said …"
    return clause.head


def _told_in_present(tok: Token) -> bool:
    """"supports", "is seeking", "was seeking", "is committed", "are being supplied": the event holds
    at the time of the saying. Not "supported", "has struck", "would deploy", "to deploy"."""
    if tok.pos_ not in {"VERB", "AUX"}:
        return False
    auxes = [c for c in tok.children if c.dep_ in {"aux", "auxpass"}]
    if not auxes and tok.dep_ == "conj" and tok.tag_ not in _PRESENT | {"VBD"}:
        auxes = [c for c in tok.head.children if c.dep_ in {"aux", "auxpass"}]  # "is seeking and buying"
    if any(a.tag_ in {"MD", "TO"} or a.lemma_ in {"have", "do", "will"} for a in auxes):
        return False
    if not auxes:
        return tok.tag_ in _PRESENT
    if any(a.lemma_ != "be" for a in auxes):
        return False
    first = auxes[0]
    if tok.tag_ == "VBG":  # progressive, present or reported past: "is / was seeking"
        return first.tag_ in _PRESENT | {"VBD"}
    if tok.tag_ == "VBN":  # present passive: "is committed", "are being supplied"
        return first.tag_ in _PRESENT
    return False


def saying_date(story: Story, d: Draft, drafts: Sequence[Draft]) -> record.Time | None:
    """The date of the saying for an event its speaker tells in the present."""
    tok = d.trigger
    if tok.pos_ == "NOUN" and tok.dep_ in {"nsubj", "nsubjpass"} and tok.head.pos_ == "VERB" \
            and tok.head.lemma_ != "be":
        tok = tok.head  # "said Sunday that talks with the fund are progressing": the talks go on then
    verb = _saying(tok)
    if verb is None or not _told_in_present(tok):
        return None
    if (t := verb_time(story, verb, vague=False)) is not None:
        return t
    # "In a statement on Tuesday, X said that …": the statement found the saying's time
    said = next((st for st in story.statements if st.id == d.claimed_by and st.cue is not None
                 and st.cue.span[0] == verb.idx and st.time is not None), None)
    t = next((t for t in story.times if said is not None and t.id == said.time), None)
    return t if t is not None and t.kind in {"date", "time"} and not t.value.endswith("_REF") else None


def subject_date(story: Story, d: Draft, drafts: Sequence[Draft]) -> record.Time | None:
    """"Zelenskiy on Sunday made an appearance and appealed to viewers": a time phrase between the
    subject and its verb (which the parser hangs from the subject) dates the verb and its conjuncts."""
    tok = d.trigger
    if tok.pos_ != "VERB" or tok.dep_ != "conj" or tok.head.pos_ not in {"VERB", "AUX"}:
        return None
    verb = tok.head
    if any(c.dep_ in {"nsubj", "nsubjpass"} for c in tok.children) or _tags(tok) != _tags(verb):
        return None  # "X did A on Sunday, and Y had done B": another subject, another time
    for subj in (c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i < verb.i):
        for prep in (c for c in subj.children if c.dep_ == "prep" and subj.i < c.i < verb.i
                     and c.lower_ not in _TIME_PREPS):
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if pobj is None:
                continue
            t = story.time_at(pobj.idx, pobj.idx + len(pobj))
            if t is not None and t.kind in {"date", "time"} and not t.value.endswith("_REF"):
                return t
    return None


def _tags(tok: Token) -> tuple[str, ...]:
    """The verb's tense marks: its tag and its auxiliaries' (a conjunct without any shares its head's)."""
    auxes = tuple(c.lemma_ for c in tok.children if c.dep_ in {"aux", "auxpass"})
    return (tok.tag_, *auxes)
