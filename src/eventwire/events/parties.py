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
- :func:`instrument_owner`: "Russian missiles hit …", "struck by Israeli warplanes" — a weapon stands
  for the state or force named in its phrase.
- :func:`modifier_state`: "a Russian strike", "the Israeli raid" — a demonym on an event noun is the
  state that acts.
- :func:`relative_antecedent`: "Chadian troops, who shelled the town" — a relative clause's pronoun
  subject is the noun it hangs on.
- :func:`hosted_visit`: "X hosted Y" — the guest is the actor of the visit, the host its recipient.
- :func:`named`: an unnamed description ("the court", "security forces") is a party only of the verb it
  is the subject of, not of an event noun that verb governs ("the court revoked house arrest").
- :func:`own_subject`: "a week before the tanks invaded" — a clause with a subject of its own that
  names no actor borrows none from the clause it depends on.
- :func:`event_doer`: "the strike killed five", "was killed in an airstrike" — an act whose doer is
  another event of the same type takes that event's actors.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from ..lexicon import read_words
from ..story import Story
from ..syntax import clause_root, governing_verb
from .lexicon import TriggerSense, speech_verbs, triggers

Ids = Callable[[Token], list[str]]

_PLURAL_PRONOUNS = frozenset({"they", "we"})
# acts whose object's "of" phrase names the one acted on ("shelled positions of …", "backed the
# right of X")
_OF_TARGET_TYPES = frozenset({"ASSAULT", "COERCE", "THREATEN", "SUPPORT"})
# a request said in a clause: its recipient is that clause's subject ("urged that Iran …")
_CLAUSE_RECIPIENT_TYPES = frozenset({"REQUEST"})
# event nouns whose "to" phrase is the recipient: "aid to X", "a visit to X", "a threat to X", "an
# appeal to X", "concessions to X" — not a complaint, protest or deportation "to" someone
TO_RECIPIENT_TYPES = frozenset({"AID", "SUPPORT", "CONSULT", "REQUEST", "THREATEN", "AGREE", "CONCEDE", "COOPERATE"})
_INSTRUMENTS = read_words("events/instruments.txt")
_HOST_VERBS = read_words("events/host_verbs.txt")
_SUBJECT_CONTROL = read_words("events/subject_control.txt")
_DESCRIPTIONS = read_words("actors/descriptions.tsv")
_PATIENT_NOUNS = read_words("events/patient_nouns.txt")
_UNDERGO_VERBS = read_words("events/undergo_verbs.txt")
# copula-like verbs before a passive participle: "stand accused", "remain detained"
_PASSIVE_HOSTS = frozenset({"stand", "be", "remain", "get", "become"})  # the names of unnamed description actors
# "Palestinian protests" are protests of people, not of a state: a demonym makes no state actor there
_NO_STATE_TYPES = frozenset({"PROTEST"})
_RELATIVE_TAGS = frozenset({"WDT", "WP"})
_SHELTERED = frozenset({"REF"})  # guests of a host verb who are not visitors: refugees
# an act inside another event's clause: "was killed in an airstrike", "died during the shelling"
_EVENT_PREPS = frozenset({"in", "during", "by"})


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


def state_of(story: Story, tok: Token) -> list[str]:
    """The state actor a demonym token stands for ("Russian" -> Russia), when the story names that state.

    A demonym makes no actor of its own (``actors.py`` keeps modifiers inside their phrase); only a
    state the story has as an actor is returned, so nothing is invented.
    """
    iso = next((m.country for m in story.mentions
                if m.tok_start <= tok.i < m.tok_end and m.type == "demonym" and m.country), None)
    if iso is None or iso == "IGO":
        return []
    states = [a.id for a in story.actors if a.kind == "country" and a.country == iso]
    # else the country's armed forces, when the story has them as an actor ("Russian forces")
    return (states or [a.id for a in story.actors if a.kind == "group" and a.country == iso and a.sector == "MIL"])[:1]


def _owner(story: Story, head: Token, ids: Ids) -> list[str]:
    out: list[str] = []
    for c in head.children:
        if c.dep_ in {"amod", "compound", "poss", "nmod"} and c.i < head.i:
            found = ids(c) or state_of(story, c)
            out.extend(a for a in found if a not in out)
    return out


def instrument_owner(story: Story, head: Token, ids: Ids) -> list[str]:
    """The owner of a weapon that heads a subject or agent: "Russian missiles hit …" -> Russia."""
    if head.pos_ not in {"NOUN", "PROPN"} or head.lemma_.lower() not in _INSTRUMENTS:
        return []
    return _owner(story, head, ids)


def modifier_state(story: Story, mod: Token, etype: str) -> list[str]:
    """The state a demonym modifier of an event noun names: "a Russian strike" -> Russia."""
    if etype in _NO_STATE_TYPES or mod.dep_ not in {"amod", "compound", "nmod"}:
        return []
    return state_of(story, mod)


def relative_antecedent(story: Story, verb: Token) -> tuple[list[str], list[str]]:
    """(actors, recipients) of a relative clause whose subject is its relative pronoun.

    "Chadian troops, who shelled the town" -> the troops act; "the envoy, who was detained" -> the
    envoy is acted on. "the town that the troops shelled" has another subject and is left alone.
    The antecedent must be an actor itself (or in apposition to one: "Jane Roe, a veteran who …"),
    not merely hold one: in "a US veteran who was sentenced" the United States is not sentenced.
    """
    if verb.dep_ != "relcl":
        return [], []
    head = verb.head
    for s in verb.children:
        if s.tag_ in _RELATIVE_TAGS and s.dep_ in {"nsubj", "nsubjpass"}:
            found = story.actors_at(head.idx, head.idx + len(head))
            if not found and head.dep_ == "appos":
                found = story.actors_at(head.head.idx, head.head.idx + len(head.head))
            return (found, []) if s.dep_ == "nsubj" else ([], found)
    return [], []


def hosted_visit(story: Story, verb: Token, sense: TriggerSense, ids: Ids) -> tuple[list[str], list[str]] | None:
    """(guests, hosts) of "X hosted Y" / "Y was received by X", or ``None`` when the verb is no host verb.

    Only for a visit (the trigger's mode) whose object is an actor: "X hosted talks" is a phrase
    trigger of its own, and "X received $5 million" is no visit.
    """
    if verb.pos_ != "VERB" or sense.mode != "visit" or verb.lemma_.lower() not in _HOST_VERBS:
        return None
    guests: list[str] = []
    hosts: list[str] = []
    for c in verb.children:
        group = [c, *c.conjuncts]
        if c.dep_ in {"dobj", "nsubjpass"}:
            guests.extend(a for t in group for a in ids(t))
        elif c.dep_ == "nsubj":
            hosts.extend(a for t in group for a in ids(t))
        elif c.dep_ == "agent":
            hosts.extend(a for p in c.children if p.dep_ == "pobj" for a in ids(p))
    # "Ireland is hosting 20,000 refugees" is shelter, not a visit
    if not guests or any(story.actor(g).sector in _SHELTERED for g in guests):
        return None
    guests = list(dict.fromkeys(guests))
    return guests, [h for h in dict.fromkeys(hosts) if h not in guests]


def event_doer(verb: Token, etype: str, actors_of: Callable[[Token], tuple[str, list[str]] | None]) -> list[str]:
    """Actors of an act whose doer is another event of the same type.

    "The strike killed five people": the subject is an event noun; "five people were killed in an
    airstrike" / "by a drone strike": the passive act happened in or by that event. ``actors_of``
    gives (type, actors) of the event a token triggers, or ``None``.
    """
    if verb.pos_ != "VERB":
        return []
    passive = any(c.dep_ == "nsubjpass" for c in verb.children)
    args = [c for c in verb.children if c.dep_ == "nsubj"]
    if passive:
        args.extend(p for c in verb.children if c.dep_ in {"prep", "agent"} and c.lower_ in _EVENT_PREPS
                    for p in c.children if p.dep_ == "pobj")
    for arg in args:
        found = actors_of(arg)
        if found is not None and found[0] == etype and found[1]:
            return found[1]
    return []


_DEFINITE = frozenset({"the", "this", "that", "these", "those"})


def told_before(mentions: list[tuple[Token, str, list[str]]]) -> dict[int, tuple[str, list[str]]]:
    """(type, actors) of each event mention, a definite one without actors taking those of the event
    of its type told just before, in its own or the previous sentence.

    "The army fired 40 rockets at the town. The barrage hit a school": "the barrage" is the firing,
    so its actors are the army. ``mentions`` are (trigger, type, actors) in text order; the result
    feeds :func:`event_doer`.
    """
    out: dict[int, tuple[str, list[str]]] = {}
    last: dict[str, tuple[Token, list[str]]] = {}
    for tok, etype, actors in mentions:
        found = actors
        prev = last.get(etype)
        if not actors and prev is not None and tok.pos_ in {"NOUN", "PROPN"} \
                and any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in tok.children) \
                and prev[0].sent.start in {tok.sent.start, _previous_start(tok)}:
            found = prev[1]
        out[tok.i] = (etype, found)
        if actors:
            last[etype] = (tok, actors)
    return out


def _previous_start(tok: Token) -> int:
    """Token index where the sentence before ``tok``'s begins (its own start when it is the first)."""
    start = tok.sent.start
    return tok.doc[start - 1].sent.start if start > 0 else start


# acts on another party's act or thing: "rejected an Indian proposal", "rejected calls by X",
# "accepted demands from X", "backed the Ukrainian plan"
_OWNER_TYPES = frozenset({"REJECT", "ACCUSE", "REQUEST", "SUPPORT", "AGREE", "CONCEDE"})
_OWNER_PREPS = frozenset({"by", "from"})


def object_owner(story: Story, obj: Token, etype: str, ids: Ids) -> list[str]:
    """The party behind an object that is no actor: the one whose proposal, call or plan it is.

    "rejected an Indian proposal" -> India; "dismissed an appeal from X" -> X; "denounced the
    crackdown by X" -> X. Only for responses to someone's act (rejecting, accusing, requesting,
    supporting, accepting, conceding), not for attacks ("fired missiles from X" is a place). A
    demonym counts only on an event noun: "accused the Spanish company", "did not invite Afghan
    women" name people of a country, not the state.
    """
    if etype not in _OWNER_TYPES:
        return []
    act = (obj.lemma_.lower(), "NOUN") in triggers()[0]  # a demonym names the doer of an act only
    out: list[str] = []
    for c in obj.children:
        if act and c.dep_ in {"amod", "compound", "nmod"} and c.i < obj.i:
            out.extend(state_of(story, c))
        elif c.dep_ == "prep" and c.lower_ in _OWNER_PREPS:
            out.extend(a for p in c.children if p.dep_ == "pobj" for a in ids(p))
    return list(dict.fromkeys(out))


def object_parties(story: Story, obj: Token, sense: TriggerSense, ids: Ids) -> list[str]:
    """Recipients named inside an object that is no actor itself, first rule that finds one:
    its possessor ("backed Turkey's efforts"), its "of" phrase ("shelled positions of the rebels",
    :func:`of_complement`), the party behind it ("rejected an Indian proposal", :func:`object_owner`)."""
    return ([a for g in obj.children if g.dep_ == "poss" for a in ids(g)]
            or of_complement(obj, sense.type, sense.reciprocal, ids) or object_owner(story, obj, sense.type, ids))


def object_controller(verb: Token, ids: Ids) -> list[str] | None:
    """The actors of an infinitive whose doer is its head's object: "urged Chad to withdraw",
    "asked the rebels to leave" — Chad withdraws, not the one who urged. ``None`` when the head has
    no object (then the head's subject acts: "Chad agreed to withdraw"); an empty list when the
    object is no actor, which leaves the act without an actor rather than with the wrong one."""
    if verb.dep_ != "xcomp" or verb.head.lemma_.lower() in _SUBJECT_CONTROL:
        return None
    objects = [c for c in verb.head.children if c.dep_ in {"dobj", "dative"} and c.i < verb.i]
    if not objects:
        return None
    return [a for o in objects for a in ids(o)]


def demonym_only(story: Story, noun: Token, actors: list[str], recipients: list[str]) -> bool:
    """Whether an event noun's only party is the state of its demonym ("a Russian strike", "the
    Russian invasion"). Such a mention still counts as bare for event coreference: a demonym says
    whose act it is, not which act, so it joins the event told before (definite) or is no event of
    its own (indefinite, with no date, place or count) instead of merging with every other act of
    that state by sharing its parties."""
    if noun.pos_ not in {"NOUN", "PROPN"} or not actors or recipients:
        return False
    states = {a for c in noun.children if c.dep_ in {"amod", "compound", "nmod"} and c.i < noun.i
              and not story.actors_at(c.idx, c.idx + len(c)) for a in state_of(story, c)}
    return set(actors) <= states


def named(ids: list[str], story: Story) -> list[str]:
    """``ids`` without the unnamed descriptions ("Government", "Security forces"): a noun event whose
    party comes from the verb that governs it is too often not that subject's act ("the court revoked
    the arrest", "a rescue train") to lend it a party that names no one."""
    return [a for a in ids if story.actor(a).name.lower() not in _DESCRIPTIONS]


# a subject that refers back to the governing clause's: "the army would not be itself if it did not
# kill", "Doe said we won't cede", "Ukraine opposed it and its minister lobbied"
_BACK_PRONOUNS = frozenset({"it", "we", "they"})
_BACK_POSSESSIVES = frozenset({"its", "our", "their"})


def own_subject(subjects: list[Token]) -> bool:
    """Whether a clause has a subject of its own that is not a pronoun (or "its …" phrase) standing for
    the governing clause's subject: such a clause borrows no actor ("a week before the tanks invaded
    X", "the bullet hit her", "someone asks")."""
    return any(s.dep_ == "nsubj" and s.lower_ not in _BACK_PRONOUNS
               and not any(c.dep_ == "poss" and c.lower_ in _BACK_POSSESSIVES for c in s.children)
               for s in subjects)


def patient_possessor(noun: Token) -> bool:
    """"Griner's release", "his trial", "the Doe arrest": the possessor of these nouns undergoes the event
    (``events/patient_nouns.txt``); with an "of" phrase it does it again ("Chad's release of the prisoners")."""
    return noun.lemma_.lower() in _PATIENT_NOUNS and not any(
        c.dep_ == "prep" and c.lower_ == "of" for c in noun.children)


def undergoer_verb(noun: Token) -> bool:
    """"Doe faces sanctions", "awaited his trial", "is under investigation": the subject of the verb that
    governs the noun undergoes the noun's event (``events/undergo_verbs.txt``; "under" in any verb)."""
    head = noun.head
    if noun.dep_ == "pobj":
        if head.lower_ == "under":
            return True
        head = head.head
    return noun.dep_ == "dobj" and head.lemma_.lower() in _UNDERGO_VERBS


def passive_complement(verb: Token) -> bool:
    """"soldiers stand accused of the bombing", "Doe remained detained": a passive participle after a
    copula-like verb; the subject it shares is the one the act is done to."""
    return verb.tag_ == "VBN" and verb.dep_ in {"acomp", "xcomp", "oprd"} and verb.head.lemma_.lower() in _PASSIVE_HOSTS
