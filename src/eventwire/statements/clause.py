"""What a cue's own clause tells: who spoke, what was reported, on which channel, and when.

Everything here is read from the dependency tree clipped to one sentence unit (``text.Unit``):
the subject (climbing from "adding"/"insisting" to the verb they hang from), the complement
clause, and the words left over once the content and quotations are masked out, which is where
"on X", "on state TV" and "Friday" live.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Token

from .. import record
from ..story import Story
from ..syntax import ancestors, phrase_head
from .lexicon import channels, cue_verbs, description_classes, media_outlets, speaker_nouns
from .text import Layout, Unit

SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
CLIMB = {"advcl", "xcomp", "conj", "pcomp", "ccomp"}
NAME_PARTS = {"compound", "flat", "amod", "nummod", "poss", "case", "det", "nmod", "prep", "pobj"}
DEFINITE = {"the", "this", "that", "these", "those"}
CONTENT_DEPS = {"ccomp", "parataxis"}
OBJECT_DEPS = {"dobj", "xcomp", "ccomp", "attr", "oprd"}
HEARER_DEPS = {"dobj", "dative", "attr", "oprd", "npadvmod"}
CHANNEL_PREPS = {"in", "on", "via", "during", "at"}
OBJECT_PREPS = {"of", "for", "over", "about", "against", "as", "that", "to"}


@dataclass(slots=True)
class Speaker:
    actor: str | None
    text: str | None
    span: tuple[int, int] | None


def clipped(tok: Token, unit: Unit) -> tuple[int, int]:
    """Token range ``[lo, hi)`` of ``tok``'s subtree inside ``unit``."""
    return max(tok.left_edge.i, unit.start), min(tok.right_edge.i + 1, unit.end)


def in_unit(tok: Token, unit: Unit) -> bool:
    return unit.start <= tok.i < unit.end


def is_cue(tok: Token) -> bool:
    """A verb of saying (a phrasal one only with its particle)."""
    if not tok.tag_.startswith("VB"):
        return False
    entries = cue_verbs().get(tok.lemma_.lower())
    if not entries:
        return False
    particles = {e.particle for e in entries}
    if any(c.dep_ == "prt" and c.lower_ not in particles for c in tok.children):
        return False  # "showed up", "called off": another verb than the one listed
    for e in entries:
        if e.particle is None or any(c.dep_ == "prt" and c.lower_ == e.particle for c in tok.children):
            return True
        if tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == e.particle:
            return True
    return False


def takes_object(tok: Token) -> bool:
    entries = cue_verbs().get(tok.lemma_.lower(), ())
    return any(e.takes_object for e in entries)


def verb_channel(tok: Token) -> str | None:
    return next((e.channel for e in cue_verbs().get(tok.lemma_.lower(), ()) if e.channel), None)


def subject(verb: Token, unit: Unit, quoted: Callable[[int], bool]) -> tuple[Token | None, Token]:
    """The subject of ``verb`` or of the verb it hangs from, and the verb that owns it.

    Words inside quotation marks are never the speaker ("“… this is …,” Doe told VOA").
    """
    def ok(tok: Token) -> bool:
        return in_unit(tok, unit) and not quoted(tok.i)

    w = verb
    if verb.tag_ == "VBN" and verb.dep_ in {"advcl", "conj", "acl"} and takes_object(verb) and not any(
            c.dep_ in {"aux", "auxpass", "nsubj", "nsubjpass"} for c in verb.children):
        # "…, described in a graphic as …": a bare past participle of a verb that takes its content as
        # object is passive; its agent speaks ("Doe, tweeted …" mis-tagged VBN keeps its subject)
        agent = next((g for c in verb.children if c.dep_ == "agent" for g in c.children
                      if g.dep_ == "pobj" and ok(g)), None)
        return agent, verb
    participle = verb.tag_ == "VBG" and verb.dep_ in {"advcl", "conj", "csubj", "xcomp"}
    if participle:  # "Doe said …, insisting …": the speaker goes on
        for up in ancestors(verb, steps=3):
            if not in_unit(up, unit):
                break
            if is_cue(up):
                w = up
                break
    for _ in range(4):
        subj = next((c for c in w.children if c.dep_ in SUBJECTS and ok(c)), None)
        if subj is not None and subj.dep_ == "nsubjpass" and w.i == verb.i:
            # "Doe is described as …", "Doe was told that …": the subject of a passive cue is not
            # the speaker; the agent is ("… was rejected by the court")
            agent = next((g for c in w.children if c.dep_ == "agent" for g in c.children
                          if g.dep_ == "pobj" and ok(g)), None)
            return agent, w
        if subj is not None:
            return subj, w
        if w.dep_ == "acl" and w.tag_ == "VBN" and takes_object(w):  # "a tweet described as …": the thing described
            agent = next((g for c in w.children if c.dep_ == "agent" for g in c.children
                          if g.dep_ == "pobj" and ok(g)), None)
            return agent, w
        if w.dep_ == "acl" and ok(w.head):  # "a plan saying …", "Doe, posting on X, …"
            return w.head, w
        if w.dep_ in CLIMB and w.head.i != w.i and in_unit(w.head, unit):
            conj = w.dep_ == "conj"
            w = w.head
            if conj and w.dep_ in {"ccomp", "acl"}:
                # "Doe claimed the images were taken by X and said …": the parser coordinated the cue
                # with a verb of the reported content; the cue that reports it owns the subject
                w = next((up for up in ancestors(w, steps=2) if in_unit(up, unit) and is_cue(up)), w)
            continue
        break
    doc = verb.doc
    if participle:  # "Doe was first to share the news, announcing …": the sentence's first subject
        first = next((t for t in doc[unit.start:verb.i] if t.dep_ in SUBJECTS and ok(t)), None)
        return first, verb
    return _inverted(verb, unit, ok) or _before(verb, unit, ok), verb


def _inverted(verb: Token, unit: Unit, ok: Callable[[Token], bool]) -> Token | None:
    """``“…,” said a readout posted by Doe``: the parser often hangs the noun after the verb elsewhere;
    take the head of the first noun phrase right after the cue unless it heads a clause of its own."""
    doc = verb.doc
    i = verb.i + 1
    while i < unit.end and doc[i].pos_ in {"DET", "ADJ", "ADV"}:
        i += 1
    if i >= unit.end or doc[i].pos_ not in {"NOUN", "PROPN", "PRON"} or not ok(doc[i]):
        return None
    tok = doc[i]
    tok = phrase_head(tok, deps={"compound", "flat", "amod", "nmod"}, rightward=True, keep=lambda h: in_unit(h, unit))
    if in_unit(tok.head, unit) and tok.head.i != verb.i and tok.head.i > verb.i and tok.dep_ in SUBJECTS:
        return None  # "said Doe does not …": Doe is the subject of the reported clause
    if (tok.head.i == verb.i and tok.dep_ in HEARER_DEPS) or tok.ent_type_ in {"DATE", "TIME"}:
        return None  # "told VOA", "said Friday"
    return tok


def _before(verb: Token, unit: Unit, ok: Callable[[Token], bool]) -> Token | None:
    """``…, Doe's lawyer, Jane Roe, said …``: the name just before the cue, across commas."""
    doc = verb.doc
    i = verb.i - 1
    while i >= unit.start and (doc[i].is_punct or doc[i].is_space) and doc[i].text in {",", "—", "–"}:
        i -= 1
    if i < unit.start or doc[i].pos_ not in {"PROPN", "PRON", "NOUN"} or not ok(doc[i]):
        return None
    return doc[i]


def phrase(head: Token, unit: Unit) -> tuple[int, int]:
    """Token range of a noun phrase without appositions, relative clauses and trailing commas."""
    lo = max(head.left_edge.i, unit.start)
    hi = head.i + 1
    for c in head.rights:
        if c.dep_ not in NAME_PARTS or not in_unit(c, unit):
            break
        hi = max(hi, min(c.right_edge.i + 1, unit.end))
    doc = head.doc
    while lo < head.i and (doc[lo].is_punct or doc[lo].is_space):
        lo += 1
    return lo, hi


def speaker_of(story: Story, head: Token | None, unit: Unit, before: int) -> Speaker:
    """Resolve a subject token to an actor: a name or pronoun directly, a document through its
    author ("a readout posted by Doe"), a definite description through the latest fitting actor."""
    if head is None:
        return Speaker(None, None, None)
    if head.lemma_.lower() in speaker_nouns() or head.lower_ in speaker_nouns():
        writer = author(head, unit)
        if writer is not None:
            head = writer
    if head.pos_ == "NOUN":  # "Doe's lawyer, Jane Roe, said": the name in apposition
        name = next((c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN" and in_unit(c, unit)), None)
        if name is not None and story.actor_of_token(name):
            head = name
    doc = head.doc
    lo, hi = phrase(head, unit)
    span = (doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1]))
    text = story.text[span[0]:span[1]]
    actor = story.actor_of_token(head)
    if actor is None and head.pos_ == "PROPN":
        actor = story.actor_at(*span)
    if actor is None and head.pos_ == "NOUN":
        actor = _described(story, head, span, before)
    return Speaker(actor, text, span)


def author(noun: Token, unit: Unit) -> Token | None:
    """The author of a document noun: "by X"/"from X" (also "a readout of the talks posted by X"),
    "X's statement", "a Kremlin statement". The walk keeps to "of" phrases and participles, so
    "a report based on intelligence from X" does not make X the author."""
    stack = [c for c in noun.children if in_unit(c, unit)]
    while stack:
        c = stack.pop(0)
        if c.dep_ in {"prep", "agent"} and c.lower_ in {"by", "from"}:
            obj = next((g for g in c.children if g.dep_ == "pobj" and in_unit(g, unit)), None)
            if obj is not None:
                return obj
        if (c.dep_ == "prep" and c.lower_ == "of") or c.dep_ in {"pobj", "acl"}:
            stack.extend(g for g in c.children if in_unit(g, unit))
    for c in noun.children:
        if c.dep_ in {"poss", "compound"} and (c.pos_ == "PROPN" or c.ent_type_):
            return c
    return None


def _described(story: Story, head: Token, span: tuple[int, int], before: int) -> str | None:
    """The most recent actor a definite description fits ("the railway official", "the top diplomat").

    A description fits when its head noun, or a related role word from ``description_classes.tsv``,
    is among the words of an actor's roles, or is the head of a group's or organisation's name.
    A country named inside the description ("the top U.S. diplomat") must be the actor's country.
    """
    if not any(c.dep_ in {"det", "poss"} and (c.lower_ in DEFINITE or c.dep_ == "poss") for c in head.children):
        return None
    lemma = head.lemma_.lower()
    words = (lemma, *description_classes().get(lemma, ()))
    countries = {story.actor(a).country for a in _actors_in(story, span) if story.actor(a).kind == "country"}
    best: tuple[int, str] | None = None
    for actor in story.actors:
        last = story.last_mention_before(actor, before)
        if last < 0 or (best is not None and last <= best[0]):
            continue
        if countries and actor.country not in countries:
            continue
        if _fits(actor, lemma, words):
            best = (last, actor.id)
    return best[1] if best else None


def _actors_in(story: Story, span: tuple[int, int]) -> list[str]:
    found = []
    for start in range(span[0], span[1]):
        a = story.actor_at(start, start + 1)
        if a and a not in found:
            found.append(a)
    return found


def _fits(actor: record.Actor, lemma: str, words: tuple[str, ...]) -> bool:
    if actor.kind == "person":
        for role in actor.roles:
            padded = f" {' '.join(role.text.lower().replace('’', ' ').split())} "
            if any(f" {w} " in padded or f" {w}s " in padded for w in words):
                return True
        return False
    if actor.kind in {"group", "organization"}:
        last = actor.name.lower().split()[-1] if actor.name else ""
        return last.rstrip("s") == lemma.rstrip("s")
    return False


def content_range(verb: Token, unit: Unit) -> tuple[int, int] | None:
    """Token range of what ``verb`` reports: its complement clause, or for verbs like "praise"/"urge"
    the object with its prepositional tail. A participle cue inside the clause ("…, insisting …")
    starts a statement of its own, so the range stops before it."""
    heads = [c for c in verb.children if c.dep_ in CONTENT_DEPS and in_unit(c, unit)]
    if not heads and takes_object(verb):
        heads = [c for c in verb.rights if in_unit(c, unit) and (
            c.dep_ in OBJECT_DEPS or (c.dep_ == "prep" and c.lower_ in OBJECT_PREPS and c.i > verb.i + 1)
            or (c.dep_ == "prep" and c.lower_ in OBJECT_PREPS and verb.lemma_ in {"warn", "call"}))]
    if not heads and verb.tag_ != "VBG" and verb.lemma_ in {"tell", "ask", "urge"} | {"warn"}:
        heads = [c for c in verb.children if c.dep_ == "xcomp" and in_unit(c, unit)]  # "told aides to go"
    if verb.lemma_ == "call" and not any(h.dep_ in {"oprd", "xcomp", "ccomp", "attr"} or h.lower_ == "for"
                                         for h in heads):
        return None  # "called him" is not a statement; "called it a disaster", "called for talks" are
    if not heads:
        return None
    lo = min(clipped(h, unit)[0] for h in heads)
    hi = max(clipped(h, unit)[1] for h in heads)
    doc = verb.doc
    if takes_object(verb):  # "confirmed the killing in a post on X": the channel is not reported content
        for h in heads:
            for c in h.rights:
                if c.dep_ == "prep" and c.lower_ in CHANNEL_PREPS and lo < c.i < hi and channels().pattern.search(
                        doc[c.i:c.right_edge.i + 1].text):
                    hi = c.i
                    break
    if lo <= verb.i < hi:  # an object before and a clause after: keep the side after the verb
        lo = verb.i + 1
    doc = verb.doc
    for tok in doc[lo:hi]:
        if tok.i > lo and tok.dep_ in {"advcl", "conj"} and tok.tag_ == "VBG" and is_cue(tok):
            hi = tok.left_edge.i if tok.left_edge.i > lo else tok.i
            break
    else:
        if verb.tag_ == "VBG" and hi > verb.i and not any(is_cue(t) for t in doc[hi:unit.end]):
            hi = unit.end  # "…, insisting they had the “strong impression” he would …": to the end
    return (lo, hi) if hi > lo else None


def loose_content(verb: Token, unit: Unit) -> tuple[int, int] | None:
    """When the parser made "saying “X” would depend on Y" an object plus a verb elsewhere, the
    reported clause is the rest of the sentence after the cue."""
    doc = verb.doc
    nxt = verb.i + 1
    while nxt < unit.end and (doc[nxt].is_punct or doc[nxt].lower_ == "that"):
        nxt += 1
    if nxt >= unit.end or (doc[nxt].head.i != verb.i and doc[nxt].head.head.i != verb.i):
        return None
    if doc[nxt].pos_ not in {"DET", "NOUN", "PROPN", "PRON", "ADJ", "NUM"}:
        return None  # "posting on X, called …": no clause starts here
    tail = doc[nxt:unit.end]
    if not any(t.tag_ in {"MD", "VBD", "VBZ", "VBP"} and not verb.is_ancestor(t) and t.i != verb.i for t in tail):
        return None
    return nxt, unit.end


@dataclass(slots=True)
class Setting:
    channel: str | None
    time: record.Time | None


def setting(story: Story, layout: Layout, verb: Token, unit: Unit, exclude: list[tuple[int, int]],
            hearer_media: bool) -> Setting:
    """Channel and time named in the cue's own clause: the verb's subtree inside the unit with the
    reported content, quotations and other cues' clauses masked out."""
    doc = verb.doc
    lo, hi = clipped(verb, unit)
    if verb.dep_ in {"advcl", "conj", "xcomp"}:  # "adding, …" keeps to its own words
        lo = min(lo, verb.i)
    keep = [True] * (hi - lo)
    for s, e in exclude:
        for i in range(max(s, lo), min(e, hi)):
            keep[i - lo] = False
    for i in range(lo, hi):
        tok = doc[i]
        if layout.token_quote[i] >= 0:
            keep[i - lo] = False
        elif tok.i != verb.i and (tok.dep_ in {"relcl", "appos"} or (
                tok.dep_ in {"advcl", "conj"} and is_cue(tok))) and verb.is_ancestor(tok):
            a, b = clipped(tok, unit)
            for j in range(max(a, lo), min(b, hi)):
                keep[j - lo] = False
    start, end = doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1])
    chars = list(story.text[start:end])
    for i in range(lo, hi):
        if not keep[i - lo]:
            tok = doc[i]
            for c in range(tok.idx - start, tok.idx - start + len(tok.text)):
                chars[c] = " "
    masked = "".join(chars)
    channel = _channel(masked)
    if channel is None and hearer_media:
        channel = "interview"
    if channel is None:
        channel = verb_channel(verb)
    best: tuple[int, record.Time] | None = None
    for t in story.times_in(start, end):
        if t.kind not in {"date", "time"} or not masked[t.span[0] - start:t.span[1] - start].strip():
            continue
        if masked[t.span[0] - start:t.span[1] - start] != story.text[t.span[0]:t.span[1]]:
            continue
        dist = abs(t.span[0] - verb.idx)
        if best is None or dist < best[0]:
            best = (dist, t)
    return Setting(channel, best[1] if best else None)


def _channel(masked: str) -> str | None:
    table = channels()
    best: tuple[int, int, str] | None = None
    for m in table.pattern.finditer(masked):
        index = int(m.lastgroup[1:])  # type: ignore[index]
        _, channel, rank = table.surfaces[index]
        if best is None or (rank, m.start()) < best[:2]:
            best = (rank, m.start(), channel)
    return best[2] if best else None


def hearer_is_media(story: Story, verb: Token, unit: Unit) -> bool:
    """"told VOA", "said in remarks to Reuters": the hearer is a news organisation → an interview."""
    for c in verb.children:
        if not in_unit(c, unit):
            continue
        target = c
        if c.dep_ == "prep" and c.lower_ == "to":
            target = next((g for g in c.children if g.dep_ == "pobj"), c)
        elif c.dep_ not in {"dobj", "dative"}:
            continue
        aid = story.actor_of_token(target)
        if aid and (story.actor(aid).sector in {"MED", "JRN"} or story.actor(aid).name.lower() in media_outlets()):
            return True
        if target.text.lower() in media_outlets():
            return True
    return False
