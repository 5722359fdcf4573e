"""Dates and places of events told outside their own clause (``date_source``/``place_source`` =
``discourse``; ``date_source`` = ``published`` for the one fallback kept).

``events/__init__.py`` dates and places an event from its own clause. A careful reader finds more;
this module keeps the rules whose additions were right at least 90 % of the time on the corpora:

* **coordination** — "shelled the town and killed three people on Tuesday": conjoined verbs of one
  sentence share the time phrase hanging from either of them, and coordinated event nouns share one;
* **participial adjunct** — "rejected the warrant, telling reporters on Wednesday": a participle
  with no subordinator and no subject of its own happens with its head, both ways;
* **simultaneous clause** — "seized the port on Tuesday as Kenya sanctioned Ethiopia": a clause
  introduced by "as", "when" or "while" shares its main clause's time, both ways; a "when" clause
  on a time expression ("in mid-June, when Russia cut the flows") happens at that time.

Guards, each from an error seen on real output (a wrong date is worse than none):

* only a ``reported`` event inherits: a future, hypothetical or negated one has a time of its own, and
  after inheriting, the status is computed again from the new date;
* the day of a saying dates no deed coordinated with it: "expelled the envoy and said on Friday
  that …" (a participle of saying is the deed's manner and does share it: "rejected …, telling
  reporters on Wednesday");
* an event that anchors a time phrase ("after rebels attacked", "a day after an attack") is set
  before its neighbour (seen with the dropped lead rule; a safety guard here);
* a conjunct set apart in time ("and later released", "has since …") keeps none
  (``resources/en/events/links.tsv``);
* both are told in one tense: "had urged" (pluperfect) is not dated by "marched on Sunday", "has
  pleaded" (perfect) not by "said on Wednesday";
* a vague "recently" / "in the past" is not passed on, nor a decade to a participle ("camps opened
  in the 1990s, offering havens" tells a state, not an act of the 1990s).

Place: an area noun, a governing verb or a town hit (``events/where.py``, ``place_source`` = ``clause``);
a "where" clause on a place ("taken to Krasnodar, where he was accused …") happens there.

Tried and dropped (precision on the VOA and Guardian/NYT corpora below 90 %): the day of the lead
sentence for its other past-tense events (noun events there are background: "shifted from
indiscriminate shelling"), the date of a same-type event of the previous sentence ("killed … as a
result of fighting on Sunday"), and a coordinated or lead place (a coordinated "in/at" place: 6 of 10
fills right — place resolution errors travel with it, "March" and a Berlin in the USA, and "offered
no assessment" happened elsewhere).

Fallback ``published`` (``date`` = the publication day, no time id): only for an undated event the
narrator tells in the present progressive, which is under way that day; a past-tense news event is as
often the day before publication as the day itself, and the simple present is as often a habit. The
``dateline`` fallback is not filled: a dateline says where the reporter was, not where a strike fell.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from spacy.tokens import Token

from .. import record
from ..lexicon import subset
from ..story import Story
from ..syntax import quoted_tokens
from .attributes import clause_tokens, verb_time
from .draft import Draft
from .lexicon import speech_verbs
from .status import status
from .when import saying_date, subject_date
from .where import area_place, governing_place, invaded_place, object_place

# resources/en/events/prepositions.tsv, resources/en/events/links.tsv
_TIME_PREPS = frozenset(subset("events/prepositions.tsv", "role", "time"))
_SEQUENCE = frozenset(subset("events/links.tsv", "role", "apart"))
_WITH = frozenset(subset("events/links.tsv", "role", "with"))
_WHERE = frozenset(subset("events/links.tsv", "role", "where"))
_PAST_TAGS = {"VBD", "VBN"}
_PRESENT_TAGS = {"VBZ", "VBP"}
_ADJUNCT_TAGS = {"VBG", "VBN"}


Rule = Callable[[Story, Draft, Sequence[Draft]], "record.Time | None"]
PlaceRule = Callable[[Story, Draft, Sequence[Draft]], "str | None"]


# --- relations between two triggers ------------------------------------------------------------------


def _coordinated(a: Token, b: Token) -> bool:
    """Two verbs (or two event nouns) of one coordination: "shelled … and killed …"."""
    return a.pos_ == b.pos_ and any(c.i == b.i for c in a.conjuncts)


def _participle_of(part: Token, head: Token) -> bool:
    """``part`` is a bare participial adjunct of ``head``: "…, telling reporters", "…, killing five"."""
    return (part.dep_ == "advcl" and part.head.i == head.i and part.tag_ in _ADJUNCT_TAGS
            and not any(c.dep_ in {"mark", "nsubj", "nsubjpass", "advmod"} and
                        (c.dep_ != "advmod" or c.lower_ in _SEQUENCE) for c in part.children))


def _simultaneous_of(sub: Token, head: Token) -> bool:
    """``sub`` is a clause of ``head`` introduced by "as", "when" or "while": "entered the town on
    Tuesday as rebels shelled the road", "was under way on Tuesday when troops overran the city"."""
    return sub.dep_ == "advcl" and sub.head.i == head.i and any(
        c.dep_ in {"mark", "advmod"} and c.lower_ in _WITH and c.i < sub.i for c in sub.children)


# --- guards ------------------------------------------------------------------------------------------


def _sequenced(tok: Token) -> bool:
    """"and later released", "has since fled": the event is set apart in time from its neighbours."""
    return any(c.lower_ in _SEQUENCE for c in tok.children if c.dep_ in {"advmod", "npadvmod", "prep"})


def _time_anchor(tok: Token) -> bool:
    """"after the attack", "following the withdrawal", "since taking office": the event anchors a
    time phrase, so it is set before or around the sentence's time, not on it."""
    for anc in (tok, *tok.ancestors):
        if anc.dep_ in {"pobj", "pcomp"} and anc.head.lower_ in _TIME_PREPS:
            return True
        if anc.dep_ == "advcl" and any(c.dep_ in {"mark", "prep"} and c.lower_ in _TIME_PREPS for c in anc.children):
            return True
        if anc.pos_ == "VERB" and anc.i != tok.i:
            return False
    return False


def _verb_of(tok: Token) -> Token | None:
    """The verb whose tense sets the event's: itself, or the verb an event noun hangs from."""
    for anc in (tok, *tok.ancestors):
        if anc.pos_ in {"VERB", "AUX"}:
            return anc
    return None


def _tense(tok: Token) -> str:
    """``past``, ``present`` or ``other`` for the clause of a trigger, from its verb and auxiliaries."""
    verb = _verb_of(tok)
    if verb is None:
        return "other"
    auxes = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    if not auxes and verb.dep_ == "conj":  # "had been arrested and sentenced": the first conjunct's
        auxes = [c for c in verb.head.children if c.dep_ in {"aux", "auxpass"}]
    tags = {a.tag_ for a in auxes} | {verb.tag_}
    if "MD" in tags:
        return "other"
    if auxes:
        first = auxes[0]
        if first.lemma_ == "have" and first.tag_ == "VBD":
            return "pluperfect"  # "had urged" is set before a neighbour's "marched on Sunday"
        if first.lemma_ == "have":
            return "perfect"  # "has pleaded" is not dated by "said on Wednesday"
        if first.tag_ == "VBD":
            return "past"
        return "present" if first.tag_ in _PRESENT_TAGS else "other"
    if verb.tag_ in _PAST_TAGS:
        return "past"
    if verb.tag_ in _PRESENT_TAGS:
        return "present"
    if verb.tag_ == "VBG" and verb.dep_ in {"advcl", "conj"}:  # "…, killing 59 and injuring hundreds"
        return _tense(verb.head) if verb.head.i != verb.i else "other"
    return "other"


def _may_inherit(story: Story, d: Draft) -> bool:
    tok = d.trigger
    return d.status == "reported" and not _sequenced(tok) and not _time_anchor(tok)


# --- what a verb's own clause says ---------------------------------------------------------------------


def _partners(tok: Token) -> list[Token]:
    """Verbs that share a setting with the trigger: its conjuncts and its bare participial head or
    adjuncts."""
    if tok.pos_ != "VERB":
        return []
    out = [c for c in tok.conjuncts if c.pos_ in {"VERB", "AUX"}]
    if _participle_of(tok, tok.head):
        out.append(tok.head)
    out.extend(c for c in tok.children if _participle_of(c, tok))
    first = tok.head if tok.dep_ == "conj" else None
    if first is not None and _participle_of(first, first.head):  # "…, killing 59 and injuring hundreds"
        out.append(first.head)
    if _simultaneous_of(tok, tok.head):
        out.append(tok.head)
    out.extend(c for c in tok.children if _simultaneous_of(c, tok))
    return out


def _when_relative(story: Story, tok: Token) -> record.Time | None:
    """"in mid-June, when Russia cut the flows": a "when" clause on a time expression happens then."""
    if tok.pos_ != "VERB" or tok.dep_ != "relcl" or not any(
            c.dep_ == "advmod" and c.lower_ in _WITH for c in tok.children):
        return None
    t = story.time_at(tok.head.idx, tok.head.idx + len(tok.head))
    return t if t is not None and t.kind in {"date", "time"} and not t.value.endswith("_REF") else None


# --- date rules --------------------------------------------------------------------------------------


def _joined_date(story: Story, d: Draft, drafts: Sequence[Draft]) -> record.Time | None:
    """A coordinated or participial neighbour's date, when both are told in one tense."""
    tense = _tense(d.trigger)
    if tense == "other":
        return None
    for verb in _partners(d.trigger):
        if verb.lemma_.lower() in speech_verbs() and _coordinated(verb, d.trigger):
            continue  # "X lifted the ban, the agency said on Friday": the day of the saying
        t = verb_time(story, verb)
        if t is None or (tense != _tense(verb) and d.trigger.tag_ != "VBG") or t.value.endswith("_REF"):
            continue  # a vague "recently" / "in the past" says how the neighbour is told, not when
        if d.trigger.tag_ == "VBG" and len(t.value) < 4:
            continue  # "camps opened in the 1990s, offering havens": a state over decades, not an act then
        return t
    if (t := _when_relative(story, d.trigger)) is not None:
        return t
    for s in drafts:  # "strikes and shelling on Tuesday": coordinated event nouns
        if s is not d and s.time is not None and s.date_source == "clause" and _same_sentence(s.time.span, d) \
                and any(_coordinated(t, d.trigger) for t in s.tokens if t.pos_ != "VERB"):
            return s.time
    return None


def _same_sentence(span: tuple[int, int], d: Draft) -> bool:
    return d.sentence[0] <= span[0] and span[1] <= d.sentence[1]


DATE_RULES: tuple[Rule, ...] = (_joined_date, saying_date, subject_date)  # last two: events/when.py


def _where_relative(story: Story, d: Draft, drafts: Sequence[Draft]) -> str | None:
    """"Bucha, where hundreds were killed": a "where" clause on a place happens there (also its
    conjuncts and participles: "where a residential area was hit, killing three")."""
    tok = d.trigger
    if tok.pos_ != "VERB":
        return None
    for _ in range(3):  # out of a participle or a conjunct to the clause that holds "where"
        if tok.dep_ == "relcl":
            break
        if tok.dep_ != "conj" and not _participle_of(tok, tok.head):
            return None
        tok = tok.head
    if tok.dep_ != "relcl" or not any(c.dep_ == "advmod" and c.lower_ in _WHERE for c in tok.children):
        return None
    return story.place_at(tok.head.idx, tok.head.idx + len(tok.head))


PLACE_RULES: tuple[PlaceRule, ...] = (_where_relative,)


def _holds_at_publication(d: Draft) -> bool:
    """"The administration is urging banks …": a reported event the narrator tells in the present
    progressive is under way on the day the story was published. Not the simple present, which is as
    often a habit or a generic ("routinely deny", "foreigners visit hospitals") as an episode; not an
    event noun ("Beijing's promises" were made before); not a quoted or reported present (it is the
    speaker's, whose day may be earlier)."""
    tok = d.trigger
    return (d.status == "reported" and d.claimed_by is None and tok.pos_ == "VERB" and tok.tag_ == "VBG"
            and _tense(tok) == "present" and any(c.dep_ == "aux" and c.lemma_ == "be" for c in tok.children)
            and not _no_longer(tok) and not _content_clause(tok) and tok.i not in quoted_tokens(tok.doc))


def _no_longer(tok: Token) -> bool:
    """"is no longer accepting": the event has stopped."""
    return any(c.dep_ == "advmod" and any(g.dep_ == "neg" for g in c.children) for c in tok.children)


def _content_clause(tok: Token) -> bool:
    """"suspicions that priests are collaborating": someone's belief, not the narrator's report."""
    return any(a.dep_ in {"ccomp", "acl", "relcl"} and any(c.dep_ == "mark" for c in a.children)
               for a in (tok, *tok.ancestors))


def _near_place(story: Story, d: Draft) -> str | None:
    """An area noun's place, a subject noun's verb's place, a town hit or seized. Not from the clause
    of an event that anchors a time phrase ("detained in a Moscow airport a week before the
    invasion": the airport is the detention's)."""
    tok, kind = d.trigger, d.sense.type
    area = None if _time_anchor(tok) else area_place(story, clause_tokens(tok), kind)
    return (area or governing_place(story, tok, kind) or object_place(story, tok, kind)
            or invaded_place(story, tok, d.recipients))


def settle(story: Story, drafts: Sequence[Draft]) -> None:
    """Date the drafts their clause left undated, from their neighbours in the sentence, else (present
    progressive only) from the publication day; place them one step from their clause, else from a
    "where" clause."""
    for d in drafts:
        if d.time is None and _may_inherit(story, d):
            for rule in DATE_RULES:
                time = rule(story, d, drafts)
                if time is not None:
                    d.time, d.date_source = time, "discourse"
                    d.status = status(story, d.trigger, d.time)
                    break
        if d.place is None:  # one step from the trigger, still its own clause: events/where.py
            d.place = _near_place(story, d)
            d.place_source = "clause" if d.place is not None else d.place_source
        if d.place is None and d.status == "reported":
            for place_rule in PLACE_RULES:
                place = place_rule(story, d, drafts)
                if place is not None:
                    d.place, d.place_source = place, "discourse"
                    break
        if d.time is None and story.published is not None and _holds_at_publication(d):
            d.published_date, d.date_source = story.published.isoformat(), "published"


__all__ = ["DATE_RULES", "PLACE_RULES", "Draft", "settle"]
