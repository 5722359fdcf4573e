"""Which way in time a relative expression points, read from the syntax around it.

"met on Tuesday" means the Tuesday before publication and "will travel on Wednesday" the one after, so a
weekday or a month without a year cannot be resolved from the words alone. We walk from the expression up
the dependency tree to its governing verb and read tense and modality there: spaCy's ``Tense`` morph
feature, the auxiliaries "will"/"shall"/"'ll", and the "is set to"/"is due to"/"plans to" constructions.
"""

from __future__ import annotations

from typing import Literal

from spacy.tokens import Doc, Span, Token

from ..lexicon import subset
from ..syntax import AUX_DEPS, auxiliaries, governing_verb, has_modal

Direction = Literal["past", "future", "present"]

# Word lists from resources/en/ (see the comments there): modals.tsv, times/cues.tsv, speech_verbs.tsv.
_FUTURE_AUX = frozenset(subset("modals.tsv", "future"))  # "will travel", reported "would travel"
_PLAN_VERBS = frozenset(subset("times/cues.tsv", "role", "plan_verb"))  # "planned a rally on Saturday"
_FUTURE_CUES = subset("times/cues.tsv", "role", "future_cue")  # "as soon as Tuesday" (a tuple, for endswith)
_FUTURE_HEADS = frozenset(subset("times/cues.tsv", "role", "future_head"))  # "is set to travel"
_REPORTING = frozenset(subset("speech_verbs.tsv", "reporting"))  # "says Friday" reports the past
_MAX_STEPS = 6


def _governor(tok: Token) -> Token | None:
    """The nearest verb or auxiliary on the path from ``tok`` to the root (``tok`` itself included)."""
    return governing_verb(tok, steps=_MAX_STEPS, include_self=True)


def _direction_of(verb: Token) -> Direction | None:
    auxes = auxiliaries(verb)
    if has_modal([verb], _FUTURE_AUX, deps=AUX_DEPS):
        return "future"
    if verb.lemma_ in _PLAN_VERBS and not any(a.lower_ == "had" for a in auxes):
        return "future"
    if any(a.tag_ == "TO" for a in auxes) and verb.dep_ == "xcomp":
        head = verb.head
        if head.lemma_ in _FUTURE_HEADS:
            # "is set to travel" looks ahead; "had been scheduled to expire" is a future seen from the past
            return None if _direction_of(head) == "past" else "future"
        return _direction_of(head) if head is not verb else None
    if verb.tag_ == "VBG" and any(a.lemma_ == "be" and "Pres" in a.morph.get("Tense", []) for a in auxes):
        return "future"  # "is meeting Tuesday": the progressive present plans something ahead
    tenses = [t for a in [*auxes, verb] for t in a.morph.get("Tense", [])]
    if any(a.lemma_ == "have" for a in auxes) and verb.tag_ == "VBN":
        return "past"  # present perfect: "has met on Tuesday" looks back
    if auxes and "Past" in auxes[0].morph.get("Tense", []):
        return "past"
    if verb.tag_ == "VBD" or (not auxes and "Past" in tenses and verb.tag_ != "VBN"):
        return "past"
    if verb.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "past" if verb.lemma_ in _REPORTING else "present"
    if verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod"):
        return "past"  # "statements made Friday", "the agreement, announced Friday,"
    if verb.dep_ in ("acl", "amod", "relcl", "advcl") and not auxes and verb.head is not verb:
        # "a plan calling for talks on Tuesday": no tense of its own; ask the clause above
        above = _governor(verb.head)
        return _direction_of(above) if above is not None and above is not verb else None
    return None


def direction(doc: Doc, start: int, end: int) -> Direction | None:
    """Tense of the verb governing the characters ``start:end``; None when nothing tells."""
    span: Span | None = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    root = span.root
    before = " ".join(t.lower_ for t in doc[max(0, span.start - 4) : span.start])
    if before.endswith(_FUTURE_CUES):
        return "future"
    if root.dep_ == "poss" or (root.i + 1 < len(doc) and doc[root.i + 1].tag_ == "POS"):
        return "past"  # "Tuesday's meeting" is reported after the fact
    verb = _governor(root)
    if verb is None:
        return None
    return _direction_of(verb)


def has_word_before(doc: Doc, start: int, words: set[str], window: int = 2) -> bool:
    """True when one of ``words`` occurs within ``window`` tokens before character ``start``."""
    span = doc.char_span(start, start, alignment_mode="expand")
    idx = span.start if span is not None else next((t.i for t in doc if t.idx >= start), len(doc))
    return any(t.lower_ in words for t in doc[max(0, idx - window) : idx])
