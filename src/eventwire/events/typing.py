"""PLOVER's folded types: an event announced, offered or refused is coded by what was said, not done.

The PLOVER manual codes one type, never "type + auxiliary mode" (docs/plover.md, "Auxiliary statuses"):

- cooperation in the future ("will meet", "is ready to host", "will provide aid") is AGREE;
- a retreat announced for later ("said it would withdraw its troops") is CONCEDE;
- force, coercion or protest announced ("would blockade the capital", "vowed to fight",
  "is prepared to impose martial law") is THREATEN;
- cooperation refused or failed ("will not accept", "refused to meet", "failed to reach
  agreement") is REJECT;
- "X said Y must release …" is X's REQUEST; Y's release is not an event.

The cues — future modals (modals.tsv), intention, refusal and obligation words (events/readings.tsv) —
are read from the trigger's own verb (a noun trigger's light verb: "will hold talks") and the word it is
the to-complement of ("is willing to withdraw"); a modal further up is a judgement ("will be able to
defend"), and a guessed "will" ("think … will meet") announces nothing.

Also here, for ``events._find_triggers`` and ``_reading``: which words complete a light-verb phrase
(:func:`phrase_words`, :func:`spans_middle`), who the parties of an ambiguous act are
(:func:`party_words`), whether an attack was made in words (:func:`verbal_cause`) and whether a meeting
verb's object is a thing (:func:`party_object`).
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Token

from ..lexicon import read_tsv, subset
from ..story import Story
from ..syntax import negated
from .lexicon import TriggerSense

_COOPERATION = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID"})
_REFUSABLE = _COOPERATION | {"AGREE", "RETREAT", "CONCEDE"}
_FORCE = frozenset({"ASSAULT", "COERCE", "PROTEST"})
# the THREATEN mode an announced act implies (modes.tsv decides the rest from the clause's words)
_THREAT_MODES = {"ASSAULT": "violence", "PROTEST": "restrict", "COERCE": None}
_COERCE_THREAT_MODES = {"arrest": "arrest", "curfew": "restrict", "restrict": "restrict", "martial-law": "restrict",
                        "deport": "expel"}
# a noun trigger is dated by a verb it is an argument of ("will hold talks", "the talks will take place"),
# not by one it is only mentioned under ("will respond to the attack")
_NOUN_ARGS = frozenset({"dobj", "nsubj", "nsubjpass", "attr"})
_PRONOUNS = frozenset({"i", "we", "you", "he", "she", "it", "they", "this", "that"})
_REQUEST = TriggerSense("REQUEST", None, False)
_REJECT_SENSES: dict[bool, TriggerSense] = {r: TriggerSense("REJECT", None, r) for r in (False, True)}


@cache
def _words(kind: str) -> frozenset[str]:
    return frozenset(w for w, k in _kinds().items() if k == kind)


@cache
def _future_modals() -> frozenset[str]:
    return frozenset(subset("modals.tsv", "future")) - {"'d"}


@cache
def _saying_verbs() -> frozenset[str]:
    """Every verb of saying (speech_verbs.tsv), speaker or not: "reiterated that Y must …" demands too."""
    return frozenset(row[0] for row in read_tsv("speech_verbs.tsv"))


def _aux(verb: Token, words: frozenset[str]) -> list[Token]:
    return [c for c in verb.children if c.dep_ == "aux" and c.lower_ in words]


def _negated(tok: Token) -> bool:
    """"will not accept", "will no longer recognise", "will not intervene, nor will it assist"."""
    if tok.dep_ == "conj" and any(c.dep_ == "cc" and c.lower_ == "nor" and c.i < tok.i for c in tok.head.children):
        return True
    return negated(tok) or any(c.lower_ == "longer" and any(g.lower_ == "no" for g in c.children)
                               for c in tok.children)


def _event_verb(tok: Token) -> Token | None:
    """The verb whose auxiliaries say whether the trigger's event is done, announced or refused: the
    trigger itself, or the light verb a noun trigger is the object or subject of ("will hold talks")."""
    if tok.pos_ == "VERB":
        return tok
    head = tok.head
    if tok.dep_ in _NOUN_ARGS and head.pos_ in {"VERB", "AUX"} and head.lemma_.lower() in _words("light"):
        return head
    return None


def _guessed(verb: Token) -> bool:
    """A "will" someone guesses rather than announces: "will likely", "think (that) … will",
    "whether … will", "what … will" (an open question)."""
    if any(c.lemma_.lower() in _words("guess") for c in verb.children if c.dep_ in {"advmod", "mark"}):
        return True
    if verb.dep_ == "csubj" or any(c.tag_ in {"WDT", "WP", "WRB"} for c in verb.subtree if c.i < verb.i):
        return True
    return any(a.lemma_.lower() in _words("guess") for a in verb.ancestors)


def _announcer(story: Story, verb: Token, event: Token) -> bool:
    """The future act has a named doer (an actor, or a pronoun standing for one in reported speech),
    or is itself the subject ("the talks will begin")."""
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    return any(s.i == event.i or s.lower_ in _PRONOUNS or story.actors_at(s.idx, s.idx + len(s)) for s in subjects)


def _outlook(story: Story, verb: Token, event: Token) -> tuple[str | None, bool]:
    """("intent" | "plot" | "refusal" | "obligation" | None, negated) for an event verb: its own modal,
    or the word it is the to-complement of ("is willing to withdraw", "refused to meet").

    "will" announces when its doer is named and nobody is guessing; "would" only in reported speech
    about the speaker itself ("said it would withdraw"), where it is the past of "will". A modal further
    up ("will be able to defend", "would be harder to negotiate") is a judgement, not an announcement."""
    neg = _negated(verb)
    if _aux(verb, _words("obligation")):
        return "obligation", neg
    modals = _aux(verb, _future_modals())
    if modals:
        if _guessed(verb) or not _announcer(story, verb, event):
            return None, neg
        if modals[0].lower_ == "would" and not _reported_own(verb):
            return None, neg
        return "intent", neg
    if verb.dep_ != "xcomp":
        return None, neg
    head = verb.head
    kind = _kind(head.lemma_.lower())
    if kind not in {"intent", "plot", "refusal"} or _guessed(head) or any(c.dep_ == "auxpass" for c in head.children):
        return None, neg  # "the money was intended to help" is no plan of the money's
    above = head.head if head.pos_ == "ADJ" else head
    return kind, neg or _negated(head) or _negated(above)


def _kind(word: str) -> str:
    return _kinds().get(word, "")


@cache
def _kinds() -> dict[str, str]:
    return {row[0]: row[1] for row in read_tsv("events/readings.tsv")}


def _reported_own(verb: Token) -> bool:
    """"The rebels said they would meet …": "would" as the reported "will" of the speaker."""
    top = verb
    while top.dep_ in {"conj", "xcomp"} and top.head.i != top.i:
        top = top.head
    subjects = [c for c in verb.children if c.dep_ == "nsubj"] or [c for c in top.children if c.dep_ == "nsubj"]
    return top.dep_ == "ccomp" and top.head.lemma_.lower() in _saying_verbs() and any(
        s.lower_ in _PRONOUNS for s in subjects)


def demand_clause(story: Story, verb: Token) -> Token | None:
    """The clause of a demand a verb of saying reports: "said Iraq must cooperate" -> "cooperate".

    Only when the obliged party is a named actor ("we must", "each company must", "results must be
    seen" are a duty or a truism, not a request to someone), and not the "must have" of a guess."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in _saying_verbs():
        return None
    for clause in verb.children:
        if clause.dep_ != "ccomp" or not _aux(clause, _words("obligation")) or _negated(clause):
            continue
        if any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in clause.children):
            continue
        subjects = [c for c in clause.children if c.dep_ == "nsubj"]
        if subjects and all(story.actors_at(s.idx, s.idx + len(s)) for s in subjects):
            return clause
    return None


def demand(story: Story, verb: Token) -> TriggerSense | None:
    """A verb of saying that reports a demand on a named party is a REQUEST (its speaker asks)."""
    return _REQUEST if demand_clause(story, verb) is not None else None


def retype(story: Story, tok: Token, sense: TriggerSense) -> TriggerSense | None:
    """The type PLOVER codes for a trigger, given what its verb says of it; None when the trigger names
    no event (the act a demand asks for)."""
    verb = _event_verb(tok)
    if verb is None:
        return sense
    outlook, neg = _outlook(story, verb, tok)
    if outlook == "obligation":
        asked = demand_clause(story, verb.head) if verb.dep_ == "ccomp" else None
        return None if asked is not None and asked.i == verb.i else sense
    if outlook == "refusal" or (outlook == "intent" and neg):
        return _REJECT_SENSES[sense.reciprocal] if sense.type in _REFUSABLE else sense
    if outlook == "plot" and sense.type in _COOPERATION:
        return TriggerSense("AGREE", None, sense.reciprocal)
    if outlook != "intent":
        return sense
    if sense.type in _COOPERATION:
        return TriggerSense("AGREE", None, sense.reciprocal)
    if sense.type == "RETREAT":
        return TriggerSense("CONCEDE", None, sense.reciprocal)
    if sense.type in _FORCE:
        mode = _THREAT_MODES[sense.type] if sense.type != "COERCE" else _COERCE_THREAT_MODES.get(sense.mode or "")
        return TriggerSense("THREATEN", mode, False)
    return sense


# --- which words of the parse a trigger's reading looks at -----------------------------------------------

_PHRASE_NOUNS = ("dobj", "attr", "nsubjpass")


def phrase_words(verb: Token, deps: frozenset[str] | set[str]) -> list[Token]:
    """The words that may complete a light-verb phrase, nouns first ("handed over weapons" is "hand over
    weapon" before "hand over"), then the "of" noun of an object ("declared a state of emergency",
    "launched a wave of attacks")."""
    kids = [c for c in verb.children if c.dep_ in deps]
    nouns = [c for c in kids if c.dep_ in _PHRASE_NOUNS]
    of_nouns = [g for c in nouns for p in c.children if p.dep_ == "prep" and p.lower_ == "of"
                for g in p.children if g.dep_ == "pobj"]
    return nouns + [c for c in kids if c.dep_ not in _PHRASE_NOUNS] + of_nouns


def party_words(tok: Token) -> list[Token]:
    """The words naming who does an ambiguous act: a verb's subject; a noun's possessor or modifier, or
    the "between" phrase of a reciprocal noun ("the clash between the two presidents")."""
    if tok.pos_ == "VERB":
        return [c for c in tok.children if c.dep_ == "nsubj"]
    out = [c for c in tok.children if c.dep_ in {"poss", "compound"} and c.i < tok.i]
    out.extend(g for p in tok.children if p.dep_ == "prep" and p.lower_ == "between"
               for g in p.children if g.dep_ == "pobj")
    return out


def verbal_cause(verb: Token) -> bool:
    """An attack whose reason is something said or done in words: "attacked the minister for comparing
    …", "attacked the paper over its remarks"."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in {"for", "over"}:
            continue
        for obj in prep.children:
            if obj.dep_ == "pcomp" and obj.tag_ == "VBG" and prep.lower_ == "for":
                return True
            if obj.dep_ == "pobj" and obj.lemma_.lower() in _words("verbal"):
                return True
    return False


def spans_middle(verb: Token, last: Token, middle: tuple[str, ...]) -> bool:
    """The middle words of a phrase stand between its verb and its last word."""
    between = {w for t in verb.doc[verb.i + 1 : last.i] for w in (t.lemma_.lower(), t.lower_)}
    return all(m in between for m in middle)


def party_object(story: Story, tok: Token) -> bool:
    """A meeting verb whose object is a thing is no meeting: "meet the challenges / expectations",
    "receive gas". True when the verb has such an object (the trigger is then dropped)."""
    if tok.lemma_.lower() not in _words("party_object"):
        return False
    objects = [c for c in tok.children if c.dep_ == "dobj"]
    return any(o.pos_ != "PRON" and not story.actors_at(o.left_edge.idx, o.right_edge.idx + len(o.right_edge))
               for o in objects)


def people_exchanged(story: Story, verb: Token) -> bool:
    """"exchanged the pilot for the spy", "exchanging four captives for five soldiers": what is exchanged
    (the object, a passive subject, or the "for" phrase) is a named person or a word for people held."""
    words = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
    words += [g for p in verb.children if p.dep_ == "prep" and p.lower_ == "for"
              for g in p.children if g.dep_ == "pobj"]
    for w in words:
        if w.lemma_.lower() in _words("captive"):
            return True
        ids = story.actors_at(w.left_edge.idx, w.right_edge.idx + len(w.right_edge))
        if ids and all(story.actor(a).kind == "person" for a in ids):
            return True
    return False
