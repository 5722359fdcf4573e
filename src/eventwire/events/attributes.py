"""An event's attributes from its trigger's own clause: date, place, quantities, fatalities, objects,
mode, contexts and status (step 3 of ``events``). The clause is the trigger's subtree without nested
clauses, whose times and places are their own; what lies outside it is ``events/setting.py``'s."""

from __future__ import annotations

from spacy.tokens import Span, Token

from .. import record
from ..lexicon import read_words, subset
from ..quantities import QuantityMention, fatality_count
from ..spans import SpanIndex
from ..story import Story
from .draft import Draft
from .lexicon import context_cues, mode_cues
from .status import status

__all__ = ["attach", "clause_tokens", "verb_time"]

_TIME_PREPS = frozenset(subset("events/prepositions.tsv", "role", "time"))
_SPAN_PREPS = frozenset(subset("events/prepositions.tsv", "role", "span"))
_CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "xcomp", "acl", "conj", "parataxis", "csubj"}

def clause_tokens(tok: Token) -> list[Token]:
    """The trigger's own clause: its subtree minus nested clauses (their times are their own)."""
    out: list[Token] = []
    stack = [tok]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ not in _CLAUSE_DEPS or (t is not tok and c.dep_ == "conj"))
    if tok.pos_ in {"NOUN", "PROPN"} and tok.dep_ in {"dobj", "pobj", "attr"}:
        # "held talks on Tuesday": the light verb's adjuncts date and place the noun's event
        verb = tok.head.head if tok.dep_ == "pobj" else tok.head
        own = tok.head.i if tok.dep_ == "pobj" else tok.i
        out.extend(c2 for c in verb.children if c.dep_ in {"npadvmod", "prep", "advmod"} and c.i != own
                   for c2 in c.subtree)
    return out


def _dates(span: Span, trigger: Token) -> bool:
    """A time phrase in the clause that dates the trigger: not one that starts or ends a stretch
    ("have frozen assets since May"; prepositions.tsv role ``span``), nor one that modifies another
    noun ("accused of the 2004 bombing": 2004 dates the bombing, not the accusation)."""
    root = span.root
    if root.head.lower_ in _SPAN_PREPS and root.dep_ == "pobj":
        return False
    return not (root.dep_ in {"compound", "nummod", "amod", "nmod", "poss"} and root.head.pos_ in {"NOUN", "PROPN"}
                and root.head.i != trigger.i)


def attach(story: Story, d: Draft, quantities: SpanIndex[QuantityMention]) -> None:
    """The clause's date, place, counts, mode, contexts, objects and status onto ``d``; ``quantities`` are
    indexed by token range so each trigger looks only at the counts near it (linear in story length)."""
    tok = d.trigger
    clause = clause_tokens(tok)
    ids = {t.i for t in clause}
    lo = min(t.idx for t in clause)
    hi = max(t.idx + len(t) for t in clause)
    for timex in story.times_in(lo, hi):
        span = story.doc.char_span(timex.span[0], timex.span[1], alignment_mode="expand")
        if span is not None and span.root.i in ids and timex.kind in {"date", "time"} and _dates(span, tok):
            d.time, d.date_source = timex, "clause"
            break
    for t in clause:
        if t.dep_ == "pobj" and (pid := story.place_at(t.idx, t.idx + len(t))):
            d.place, d.place_source = pid, "clause"
            break
        if t.dep_ in {"compound", "nmod"} and t.head is tok and (pid := story.place_at(t.idx, t.idx + len(t))):
            d.place, d.place_source = pid, "clause"
            break
    if d.place is None and tok.dep_ == "acl":
        # "X, who was in India this week meeting Y": the noun's own clause locates the meeting
        located = {pid for t in tok.head.subtree if t.dep_ == "pobj" and t.head.lower_ in {"in", "at"}
                   and (pid := story.place_at(t.idx, t.idx + len(t)))}
        if len(located) == 1:
            d.place, d.place_source = located.pop(), "clause"
    subtree = {t.i for t in tok.subtree} if d.sense.type == "ASSAULT" else ids
    near = subtree | ids
    for q in quantities.overlapping(min(near), max(near) + 1):
        if (q.head in subtree or q.number in subtree) and fatality_count(story.doc, q) and q.head not in ids:
            # "stormed a hotel, leaving at least five people dead": the toll sits in a dependent clause
            d.fatalities = d.fatalities or record.Fatalities(q.value, q.qualifier)
            continue
        if q.head in ids or q.number in ids:
            if fatality_count(story.doc, q):
                d.fatalities = d.fatalities or record.Fatalities(q.value, q.qualifier)
            else:
                d.quantities.append(record.Quantity(q.value, q.qualifier, q.unit, q.text))
    words = {t.lemma_.lower() for t in clause} | {t.lower_ for t in clause}
    d.mode = d.sense.mode or next((m for cue, m in mode_cues().get(d.sense.type, []) if cue in words), None)
    sent_words = {t.lemma_.lower() for t in tok.sent}
    d.contexts = sorted({ctx for cue, ctx in context_cues().items() if cue in sent_words})
    d.objects = _objects(story, tok, clause)
    d.status = status(story, tok, d.time)


_OBJECT_VERBS = read_words("events/object_verbs.txt")


def _objects(story: Story, tok: Token, clause: list[Token]) -> list[str]:
    """Things (not actors) hit, targeted or seized: "its energy and railway facilities"."""
    out: list[str] = []
    for t in clause:
        if t.dep_ != "dobj" or t.pos_ != "NOUN" or t.head.lemma_ not in _OBJECT_VERBS:
            continue
        words = [w for w in t.subtree if w.dep_ not in {"det", "poss", "case"} and not w.is_punct]
        cut = next((n for n, w in enumerate(words)
                    if w.i > t.i and (w.pos_ == "VERB" or w.tag_ in {"WDT", "WP"} or w.dep_ == "relcl")), len(words))
        words = words[:cut]
        while words and (words[-1].dep_ == "cc" or words[-1].is_punct):
            words.pop()
        if words and not any(story.actor_of_token(w) for w in words):
            out.append(story.text[words[0].idx : words[-1].idx + len(words[-1])])
    return list(dict.fromkeys(out))


def verb_time(story: Story, verb: Token, *, vague: bool = True) -> record.Time | None:
    """A date or time phrase hanging from ``verb`` itself: "said Thursday", "on Tuesday", "last week";
    not one anchored to another event ("said after the strike"). ``vague=False`` skips "now", "recently"
    (``_REF`` values), which date a saying but pass nothing on."""
    sent = verb.sent
    for t in story.times_in(sent.start_char, sent.end_char):
        if t.kind not in {"date", "time"} or (not vague and t.value.endswith("_REF")):
            continue
        span = story.doc.char_span(t.span[0], t.span[1], alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        if root.head.i == verb.i and root.dep_ in {"npadvmod", "advmod", "tmod", "obl"}:
            return t
        if root.dep_ == "pobj" and root.head.dep_ == "prep" and root.head.head.i == verb.i \
                and root.head.lower_ not in _TIME_PREPS:
            return t
    return None
