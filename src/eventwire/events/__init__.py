"""Events in the PLOVER ontology: who did what to whom, when, where, how many.

Four steps, each a function below:

1. **Triggers** — verbs and event nouns from ``resources/en/events/triggers.tsv``, including
   light-verb phrases ("slapped sanctions", "launched … strikes") where the noun carries the
   type and the verb carries the syntax.
2. **Participants** from the parse: subjects/agents are actors, objects and "on/against/at"
   phrases are recipients; reciprocal triggers (talks, meetings, agreements) make every party
   an actor. A clause without its own subject borrows its head's; an event noun with no party
   of its own borrows the subject of the verb that governs it ("officials were set for talks").
3. **Attributes** — date, place, quantities, objects, fatalities, mode, contexts, status and the
   statement that claims the event, each from the trigger's own clause (``attributes.py``); dates
   and places a careful reader finds beyond it, with their source (``setting.py``).
4. **Coreference** — mentions of one real event ("new strikes" … "launched over 700 drones";
   "met the president on Tuesday" … "Tuesday's Moscow meeting") merge into one event.

Definitions of the types and modes: docs/plover.md. Confidence stays ``None``: there is no
calibrated estimate yet, and the schema forbids made-up numbers.
"""

from __future__ import annotations

from spacy.tokens import Token

from .. import record
from ..lexicon import subset
from ..quantities import find_quantities
from ..spans import SpanIndex
from ..stages import register
from ..story import Story
from ..syntax import governing_verb
from . import parties
from . import typing as reads
from .attributes import attach
from .draft import Draft
from .lexicon import TriggerSense, alternates, mode_cues, phrase_middles, speech_verbs, triggers
from .setting import settle

# resources/en/events/prepositions.tsv
_TARGET_PREPS = frozenset(subset("events/prepositions.tsv", "role", "target"))
_PARTY_PREPS = frozenset(subset("events/prepositions.tsv", "role", "party"))
_INHERIT_DEPS = {"xcomp", "advcl", "conj", "acl", "pcomp"}
_PHRASE_DEPS = {"dobj", "attr", "prt", "prep", "compound", "amod", "nsubjpass"}  # light verb + noun/particle
_TIME_PREPS = frozenset(subset("events/prepositions.tsv", "role", "time"))




# --- 1. triggers -------------------------------------------------------------------------------------


def _find_triggers(story: Story) -> list[tuple[Token, TriggerSense, tuple[int, int]]]:
    single, phrases = triggers()
    found: list[tuple[Token, TriggerSense, tuple[int, int]]] = []
    consumed: set[int] = set()
    doc = story.doc
    for tok in doc:
        if tok.pos_ == "VERB":
            lemma = tok.lemma_.lower()
            for obj in reads.phrase_words(tok, _PHRASE_DEPS):
                key = (lemma, obj.lemma_.lower(), "VERB")
                phrase = phrases.get(key)
                if phrase is not None and obj.i > tok.i and reads.spans_middle(tok, obj, phrase_middles()[key]):
                    if (phrase := reads.retype(story, tok, phrase)) is not None:
                        found.append((tok, phrase, (tok.idx, obj.idx + len(obj))))
                    consumed.add(obj.i)
                    break
            else:
                sense = single.get((tok.lemma_.lower(), "VERB"))
                if sense is not None:  # "meet the challenges" is no meeting
                    sense = None if reads.party_object(story, tok) else _reading(story, tok, sense)
                sense = reads.retype(story, tok, sense) if sense is not None else None
                if (asked := reads.demand(story, tok)) is not None:  # "said Iraq must cooperate": the speaker's request
                    found.append((tok, asked, (tok.idx, tok.idx + len(tok))))
                elif sense is not None and not _is_speech_only(tok) and not _reports_speech(tok):
                    found.append((tok, sense, (tok.idx, tok.idx + len(tok))))
                    # "rejected parts of the proposal": an event noun inside the object is what the
                    # event is about, not another event
                    consumed.update(t.i for c in tok.children if c.dep_ == "dobj" for t in c.subtree)
    for tok in doc:
        if tok.pos_ in {"NOUN", "PROPN"} and tok.i not in consumed and not tok.ent_type_:
            lemma = tok.lemma_.lower()
            mod = next((c for c in tok.children if c.dep_ == "compound" and c.i == tok.i - 1), None)
            compound = phrases.get((mod.lemma_.lower(), lemma, "NOUN")) if mod is not None else None
            sense = compound or single.get((lemma, "NOUN"))
            sense = _reading(story, tok, sense) if sense is not None and compound is None else sense
            if sense is None or (sense := reads.retype(story, tok, sense)) is None:
                continue
            start = mod.idx if compound is not None and mod is not None else tok.idx
            found.append((tok, sense, (start, tok.idx + len(tok))))
    found.sort(key=lambda f: f[2][0])
    return found


def _reading(story: Story, tok: Token, default: TriggerSense) -> TriggerSense:
    """Pick the reading of an ambiguous verb or noun from its parties: persons who "attacked" a rival or
    "clashed", or anyone who attacked someone "for saying …", did it in words (ACCUSE) unless the clause
    names a weapon; workers who "strike" protest."""
    readings = alternates().get((tok.lemma_.lower(), "VERB" if tok.pos_ == "VERB" else "NOUN"), [])
    if len(readings) < 2:
        return default
    subjects = [a for c in reads.party_words(tok) for a in _ids(story, c)]
    kinds = {story.actor(a).kind for a in subjects}
    sectors = {story.actor(a).sector for a in subjects}
    by_type = {r.type: r for r in readings}
    if default.type == "ASSAULT" and "ACCUSE" in by_type and (kinds == {"person"} or reads.verbal_cause(tok)):
        words = {t.lemma_.lower() for t in tok.subtree}
        if not any(cue in words for cue, _ in mode_cues().get("ASSAULT", [])):
            return by_type["ACCUSE"]
    if default.type == "ASSAULT" and "PROTEST" in by_type and sectors & {"LAB", "OPP", "CVL"}:
        return by_type["PROTEST"]
    if default.type == "COOPERATE" and "RETREAT" in by_type and reads.people_exchanged(story, tok):
        return by_type["RETREAT"]  # a prisoner exchange, not trade
    return default


def _reports_speech(tok: Token) -> bool:
    """"insisting they had …", "noted that …": a verb of saying with a clause is a statement
    (statements.py), not an event."""
    return tok.lemma_.lower() in speech_verbs() and any(c.dep_ == "ccomp" for c in tok.children)


def _is_speech_only(tok: Token) -> bool:
    """"planned to meet" keeps "meet" as the event (a future one), not "planned". "Agreed to meet"
    stays an AGREE: in PLOVER the commitment is the event."""
    return any(c.dep_ == "xcomp" and c.pos_ == "VERB" for c in tok.children) and tok.lemma_ in {"plan", "intend"}


# --- 2. participants ------------------------------------------------------------------------------------


def _participants(story: Story, tok: Token, sense: TriggerSense) -> tuple[list[str], list[str], bool]:
    """(actors, recipients, bare) for a trigger token."""
    actors: list[str] = []
    recipients: list[str] = []
    if tok.pos_ == "VERB":
        subj = _subjects(tok)
        for s in subj:
            (recipients if s.dep_ == "nsubjpass" else actors).extend(_subject_ids(story, s))
        for child in tok.children:
            if child.dep_ == "agent":  # "struck by Russian drones": the weapon's owner
                actors.extend(_pobj_ids(story, child) or [a for p in child.children if p.dep_ == "pobj"
                              for a in parties.instrument_owner(story, p, lambda t: _ids(story, t))])
            elif child.dep_ in {"dobj", "dative"}:
                own = _ids(story, child)
                recipients.extend(own)
                if not own:  # "backed Turkey's efforts", "positions of the rebels", "an Indian proposal"
                    recipients.extend(parties.object_parties(story, child, sense, lambda t: _ids(story, t)))
                # "launched strikes on X", "slapped sanctions on X": the target hangs off the object
                for grand in child.children:
                    if grand.dep_ == "prep" and grand.lower_ in _TARGET_PREPS:
                        recipients.extend(_pobj_ids(story, grand))
            elif child.dep_ == "prep" and child.lower_ in _TARGET_PREPS | _PARTY_PREPS | {"to"}:
                recipients.extend(_pobj_ids(story, child))  # "to" yields ids only where mentions.py read a party
        if not recipients:  # "offered to hand them over to Britain": the commitment's object is in its clause
            for xcomp in (c for c in tok.children if c.dep_ == "xcomp"):
                # "threatened to cut ties with X": on the object too, when the subject does the act
                free = not sense.reciprocal and parties.object_controller(xcomp, lambda t: _ids(story, t)) is None
                for child in xcomp.children:
                    if child.dep_ in {"dobj", "dative"}:
                        recipients.extend(_ids(story, child) or [a for g in child.children if g.dep_ == "prep"
                                          and g.lower_ in _TARGET_PREPS | _PARTY_PREPS and free
                                          for a in _pobj_ids(story, g)])
                    elif child.dep_ == "prep" and child.lower_ in _TARGET_PREPS | _PARTY_PREPS | {"to"}:
                        recipients.extend(_pobj_ids(story, child))
        if not recipients:  # "demanded that the United States cancel …"
            recipients.extend(parties.clause_subjects(story, tok, sense.type, lambda t: _ids(story, t)))
        if not actors and tok.dep_ == "acl":  # "the envoy, who was in Chile meeting Roe"
            actors.extend(_ids(story, tok.head))
        if not actors and not recipients:  # "Chadian troops, who shelled the town"
            actors, recipients = parties.relative_antecedent(story, tok)
        controller = parties.object_controller(tok, lambda t: _ids(story, t))
        if not actors and tok.dep_ in _INHERIT_DEPS | {"acomp", "oprd"} and not parties.own_subject(subj):
            inherited = _inherited_subject(story, tok) if controller is None else controller  # "urged Chad to withdraw"
            (recipients if parties.passive_complement(tok) else actors).extend(inherited)  # "stand accused"
    else:
        for child in tok.children:
            if child.dep_ in {"poss", "compound", "nmod"} and child.i < tok.i and parties.patient_possessor(tok):
                recipients.extend(_ids(story, child, whole=False))  # "Griner's release", "his trial"
            elif child.dep_ in {"poss", "compound", "amod", "nmod"} and child.i < tok.i:
                actors.extend(_ids(story, child, whole=False) or parties.modifier_state(story, child, sense.type))
            elif child.dep_ == "prep" and child.lower_ == "by":
                actors.extend(_pobj_ids(story, child))
            elif child.dep_ == "prep" and (child.lower_ in _TARGET_PREPS | _PARTY_PREPS
                                           or (child.lower_ == "to" and sense.type in parties.TO_RECIPIENT_TYPES)):
                recipients.extend(_pobj_ids(story, child))  # "aid to Chad", "a visit to Peru"
        if not actors:  # "officials held talks"; but "Doe faces sanctions": Doe undergoes them
            (recipients if parties.undergoer_verb(tok) else actors).extend(_governing_subject(story, tok))
        if not recipients:  # "gave Tanzania a grant"
            recipients.extend(parties.governing_recipients(tok, lambda t: _ids(story, t), _TARGET_PREPS | {"to"}))
    actors, recipients = _dedupe(actors), _dedupe(recipients)
    visit = parties.hosted_visit(story, tok, sense, lambda t: _ids(story, t))
    if visit is not None:  # "X hosted Y": Y visits X
        actors, recipients = visit
    elif sense.reciprocal:
        actors, recipients = _dedupe(actors + recipients), []
    recipients = [r for r in recipients if r not in actors]
    bare = not actors and not recipients
    return actors, recipients, bare


def _subjects(tok: Token) -> list[Token]:
    subj = [c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass", "csubj"}]
    out: list[Token] = []
    for s in subj:
        out.append(s)
        out.extend(s.conjuncts)
    return out


_NP_DEPS = {"appos", "conj", "compound", "amod", "nmod", "cc"}


def _ids(story: Story, tok: Token, *, whole: bool = True) -> list[str]:
    """Actor ids a noun phrase refers to: its head and conjuncts, or the names in apposition
    ("the president's envoy Jane Roe and adviser John Doe" -> Roe, Doe, not the president)."""
    found: list[str] = []
    stack = [tok]
    while stack:
        t = stack.pop()
        own = story.actors_at(t.idx, t.idx + len(t))
        found.extend(a for a in own if a not in found)
        # a name's own titles and modifiers ("U.S. President Jane Roe") are not further parties
        deps = _NP_DEPS if not own else {"conj", "appos"}
        stack.extend(c for c in t.children if c.dep_ in deps)
    if found or not whole:
        return found
    return []


def _subject_ids(story: Story, subj: Token) -> list[str]:
    """A subject's actors; an unresolved "they" in reported speech is its speaker ("the rebels said
    they would release …")."""
    return (_ids(story, subj) or parties.instrument_owner(story, subj, lambda t: _ids(story, t))
            or parties.speaker_pronoun(story, subj, lambda t: _ids(story, t)))


def _pobj_ids(story: Story, prep: Token) -> list[str]:
    out: list[str] = []
    for obj in prep.children:
        if obj.dep_ in {"pobj", "pcomp"}:
            out.extend(_ids(story, obj))
    return out


def _inherited_subject(story: Story, tok: Token) -> list[str]:
    head = tok.head
    for _ in range(3):
        subj = _subjects(head)
        if subj:
            return [a for s in subj if s.dep_ != "nsubjpass" for a in _subject_ids(story, s)]
        # "Syria is willing to withdraw": through the adjective to the copula's subject
        if head.dep_ not in _INHERIT_DEPS | {"acomp"} or head.head is head:
            break
        head = head.head
    return []


def _governing_subject(story: Story, noun: Token) -> list[str]:
    """"officials were set for talks" / "held talks": the parties of a noun event from its verb.

    Not through a time phrase ("said after the strikes") nor a verb of saying: the speaker of
    "X said the talks failed" is not a party to the talks."""
    head = noun.head
    if noun.dep_ == "pobj":
        if head.lower_ in _TIME_PREPS:
            return []
        head = head.head
    verb = governing_verb(head, steps=5, include_self=True)
    if verb is None or noun.dep_ in {"nsubj", "nsubjpass"} or verb.lemma_ in speech_verbs():
        return []
    return parties.named([a for s in _subjects(verb) for a in _ids(story, s)], story)  # "officials were set for talks"


def _dedupe(ids: list[str]) -> list[str]:
    return list(dict.fromkeys(ids))


# --- 4. coreference and assembly --------------------------------------------------------------------------


def _same_event(a: Draft, b: Draft, story: Story) -> bool:
    if a.sense.type != b.sense.type:
        return False
    da, db = (a.time.value if a.time else None), (b.time.value if b.time else None)
    if a.fatalities and b.fatalities and a.fatalities.value == b.fatalities.value and not (da and db and da != db):
        return True  # "… leaving at least five dead" / "at least five people were killed"
    if da and db and da[:10] != db[:10]:
        return False
    if a.place and b.place and a.place != b.place and not _nested(story, a.place, b.place):
        return False
    if da and db:
        return True
    # the same parties, one side at least named: "Doe's release" told twice is one release
    same_parties = bool(a.actors or a.recipients) and set(a.actors) == set(b.actors) \
        and set(a.recipients) == set(b.recipients)
    return same_parties or (a.place is not None and a.place == b.place)


def _nested(story: Story, p1: str, p2: str) -> bool:
    """A site and the city it stands in ("the Kremlin" … "Moscow") describe one location."""
    a, b = story.places[int(p1[1:]) - 1], story.places[int(p2[1:]) - 1]
    return a.country == b.country and (a.kind == "site" or b.kind == "site" or a.admin1 == b.admin1)


def _definite(tok: Token) -> bool:
    return any(c.dep_ in {"det", "poss"} and c.lower_ not in {"a", "an", "any", "no", "some"} for c in tok.children)


def _antecedent(d: Draft, drafts: list[Draft]) -> Draft | None:
    """The earlier event a definite bare mention refers to: same type, preferably named with the
    same word ("the talks" -> an event already called talks), then the most mentioned, then the
    latest."""
    lemma = d.trigger.lemma_.lower()
    best: tuple[int, int, int] | None = None
    found: Draft | None = None
    for n, prev in enumerate(drafts):
        if prev.sense.type != d.sense.type:
            continue
        same_word = int(any(t.lemma_.lower() == lemma for t in prev.tokens))
        key = (same_word, len(prev.mentions), n)
        if best is None or key > best:
            best, found = key, prev
    return found


def _dependent_of(d: Draft, drafts: list[Draft]) -> Draft | None:
    """The event whose trigger governs this one's clause, when both are of one type."""
    tok = d.trigger
    if tok.dep_ not in {"advcl", "xcomp", "acl", "relcl"}:
        return None
    return next((p for p in drafts if p.sense.type == d.sense.type and tok.head in p.tokens), None)


def _merge(into: Draft, other: Draft, *, keep_parties: bool = False) -> None:
    into.mentions.extend(other.mentions)
    into.tokens.extend(other.tokens)
    if not keep_parties:
        into.actors = _dedupe(into.actors + other.actors)
        into.recipients = [r for r in _dedupe(into.recipients + other.recipients) if r not in into.actors]
    elif not into.recipients:
        into.recipients = [r for r in other.recipients if r not in into.actors]
    if into.time is None and other.time is not None:
        into.time, into.date_source = other.time, other.date_source
    if into.place is None and other.place is not None:
        into.place, into.place_source = other.place, other.place_source
    into.quantities = into.quantities or other.quantities
    into.objects = into.objects or other.objects
    into.fatalities = into.fatalities or other.fatalities
    into.mode = into.mode or other.mode
    into.contexts = sorted(set(into.contexts) | set(other.contexts))
    # an event the narrator reports anywhere is not merely someone's claim
    into.claimed_by = into.claimed_by if other.claimed_by else None
    if into.status == "reported" and other.status in {"historical"}:
        into.status = other.status


def find_events(story: Story, statements: list[record.Statement]) -> list[record.Event]:
    """Every event of the story, one per real event, ids ``E1…`` by first mention."""
    quantities = SpanIndex(find_quantities(story.doc), lambda q: (min(q.head, q.number), max(q.head, q.number) + 1))
    claims = SpanIndex(statements, lambda s: (s.span[0], s.span[1]))  # linear in story length, not quadratic
    drafts: list[Draft] = []
    found = [(tok, sense, span, *_participants(story, tok, sense)) for tok, sense, span in _find_triggers(story)]
    by_token = parties.told_before([(f[0], f[1].type, f[3]) for f in found])
    for tok, sense, span, actors, recipients, bare in found:
        doers = [] if actors else parties.event_doer(tok, sense.type, lambda t: by_token.get(t.i))
        actors = actors or [a for a in doers if a not in recipients]  # "the strike killed five"
        bare = (bare and not actors) or parties.demonym_only(story, tok, actors, recipients)
        sent = tok.sent
        d = Draft(sense, tok, span, (sent.start_char, sent.end_char), actors, recipients, bare=bare)
        d.mentions.append(span)
        d.tokens.append(tok)
        attach(story, d, quantities)
        d.claimed_by = next((s.id for s in claims.containing(span[0], span[1])), None)
        head = _dependent_of(d, drafts)
        if head is not None:  # "launched drones …, targeting facilities": the same attack
            _merge(head, d, keep_parties=True)
            continue
        if bare and d.time is None and d.place is None and d.fatalities is None and not d.quantities:
            # "the talks", "after the strikes": a definite mention of an event told before;
            # an indefinite bare one ("cessation of killings") is not an event of this story
            target = _antecedent(d, drafts) if _definite(tok) else None
            if target is not None:  # "the Ukrainian attack" brings no Ukraine into a Russian attack
                d.actors = [a for a in d.actors if not target.actors or a in target.actors]
                _merge(target, d)
            continue
        for prev in reversed(drafts):
            if _same_event(prev, d, story):
                _merge(prev, d)
                break
        else:
            drafts.append(d)
    settle(story, drafts)  # dates and places from the discourse: events/setting.py
    return [_record(n, d, story.text) for n, d in enumerate(drafts, 1)]


def _record(n: int, d: Draft, text: str) -> record.Event:
    return record.Event(
        id=f"E{n}", type=d.sense.type, mode=d.mode, contexts=d.contexts, actors=d.actors,
        recipients=d.recipients, time=d.time.id if d.time else None, date=d.time.value if d.time else d.published_date,
        place=d.place, quantities=d.quantities, objects=d.objects, fatalities=d.fatalities, status=d.status,
        claimed_by=d.claimed_by, mentions=sorted(set(d.mentions)),
        trigger=record.Trigger(text[d.trigger_span[0] : d.trigger_span[1]], d.trigger_span),
        sentence=d.sentence, confidence=None, date_source=d.date_source, place_source=d.place_source)


@register("eventwire.events.v3", requires=("doc", "actors", "places", "times", "statements"), assigns=("events",),
          resources=("events", "quantities", "actors", "modals.tsv", "speech_verbs.tsv"), resources_hash="ca11ef5e07c6")
def events_stage(story: Story) -> None:
    """The story's PLOVER events, with the statements they are reported in (``find_events``)."""
    story.events = find_events(story, story.statements)
