"""Statements: who said what, on which channel, when (``record.Statement``, ids ``S1…``).

Two passes over the story, both inside sentence units cut at paragraph breaks (``text.py``):

1. **Quotations first.** A quotation is attributed by its punctuation and neighbours before the
   parse is trusted, because the small parser is least reliable around quotation marks: a cue right
   after it (``“…,” Doe said``, ``“…,” said a readout posted by Doe``), a cue right before it
   (``adding, “…”``, ``wrote that “…”``, ``Doe said:`` ending the previous sentence), a short
   ``Doe said.`` sentence after a quote-only paragraph, or, for a quote-only sentence right after
   another quotation, the same speaker again (cue ``None``). A quoted phrase that none of these
   govern is a scare quote, not a statement.
2. **Reported speech.** Every other cue verb with a complement clause (or, for verbs like
   "praise", "urge", an object) is an indirect statement; "according to X" makes its host clause
   one.

Speakers, channels and dates come from the cue's own clause (``clause.py``).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .. import record
from ..stages import register
from ..story import Story
from ..syntax import phrase_head
from .carry import carry_channels
from .clause import (
    Setting,
    Speaker,
    clipped,
    content_range,
    hearer_is_media,
    in_unit,
    is_cue,
    loose_content,
    setting,
    speaker_of,
    subject,
)
from .resolve import resolve_speakers
from .text import Layout, Quote, Unit, layout, trim

__all__ = ["find_statements"]

MAX_GAP = 15
DASHES = {"―", "—", "–", "--"}
SPEAKER_POS = {"PROPN", "NOUN", "PRON", "DET", "ADJ", "PART", "SPACE"}  # may stand between quote and cue


@dataclass(slots=True)
class _Found:
    speaker: Speaker
    cue: Token | None
    content: tuple[int, int]
    direct: bool
    setting: Setting
    unit: Unit
    last_unit: int  # unit holding the end of the content (a continuation must follow it)


class _Finder:
    def __init__(self, story: Story) -> None:
        self.story = story
        self.doc: Doc = story.doc
        self.text = story.text
        self.lay: Layout = layout(self.doc, self.text)
        self.cues: dict[int, list[Token]] = {}
        self.according: list[Token] = []
        self.found: list[_Found] = []
        self.by_verb: dict[int, _Found] = {}
        for tok in self.doc:  # one pass over the tokens
            u = self.lay.token_unit[tok.i]
            if u < 0 or self.lay.token_quote[tok.i] >= 0:
                continue
            if tok.lower_ == "according" and tok.i + 1 < len(self.doc) and self.doc[tok.i + 1].lower_ == "to":
                self.according.append(tok)
            elif is_cue(tok):
                self.cues.setdefault(u, []).append(tok)

    def _quoted(self, i: int) -> bool:
        return self.lay.token_quote[i] >= 0

    # --- building ---------------------------------------------------------------------------
    def _unit_of(self, char: int) -> Unit:
        i = self.lay.token_at(char)
        while self.lay.token_unit[i] < 0 and i + 1 < len(self.doc):
            i += 1
        return self.lay.units[self.lay.token_unit[i]]

    def add(self, verb: Token, content: tuple[int, int], direct: bool, *, last_unit: int | None = None,
            masked: list[tuple[int, int]] | None = None) -> _Found:
        unit = self.lay.units[self.lay.token_unit[verb.i]]
        subj, owner = subject(verb, unit, self._quoted)
        speaker = speaker_of(self.story, subj, unit, verb.idx)
        parent = self.by_verb.get(owner.i) if owner.i != verb.i else None
        if parent is None and verb.dep_ in {"advcl", "conj"}:
            parent = self.by_verb.get(verb.head.i)
        if speaker.text is None and parent is not None:
            speaker = parent.speaker
        place = setting(self.story, self.lay, verb, unit, masked or [], hearer_is_media(self.story, verb, unit))
        if parent is not None:
            place = Setting(place.channel or parent.setting.channel, place.time or parent.setting.time)
        found = _Found(speaker, verb, content, direct, place, unit,
                       last_unit if last_unit is not None else unit.index)
        self.found.append(found)
        self.by_verb.setdefault(verb.i, found)
        return found

    # --- pass 1: quotations -------------------------------------------------------------------
    def quotations(self) -> None:
        previous: _Found | None = None
        for q in self.lay.quotes:
            first = self.lay.token_at(q.inner[0])
            if self.lay.token_unit[first] < 0:
                continue
            unit = self.lay.units[self.lay.token_unit[first]]
            end_unit = self._unit_of(max(q.inner[1] - 1, q.inner[0]))
            found = self._tail(q, unit, end_unit) or self._head(q, unit, end_unit)
            if found is None:
                found = self._alone(q, unit, end_unit, previous)
            if found is not None:
                previous = found

    def _content(self, q: Quote, unit: Unit) -> tuple[int, int]:
        """The quotation, extended back to its subject when the sentence opens with it outside the
        quotation marks ("Doe and Roe “had a friendly talk,” Moe said")."""
        start = q.inner[0]
        lo = self.lay.token_at(q.open)
        for tok in self.doc[unit.start:lo]:
            if tok.dep_ in {"nsubj", "nsubjpass"} and self.lay.token_quote[tok.head.i] >= 0 and tok.head.i > lo:
                start = self.doc[max(tok.left_edge.i, unit.start)].idx
                break
        return start, q.inner[1]

    def _tail(self, q: Quote, unit: Unit, end_unit: Unit) -> _Found | None:
        """``“…,” Doe said`` / ``“…,” said Doe``: a cue within a few tokens after the closing mark."""
        if not q.closed:
            return None
        i = self.lay.token_at(q.close) + 1
        if i >= len(self.doc) or "\n" in self.text[q.close:self.doc[i].idx]:
            return None
        while i < len(self.doc) and self.doc[i].is_space and "\n" not in self.doc[i].text:
            i += 1
        if i >= len(self.doc) or self.lay.token_unit[i] < 0:
            return None
        after = self.lay.units[self.lay.token_unit[i]]
        nxt = i + 1
        while nxt < after.end and self.doc[nxt].is_space and "\n" not in self.doc[nxt].text:
            nxt += 1  # "― Jane Doe" with a no-break space
        if self.doc[i].text in DASHES and nxt < after.end and self.doc[nxt].pos_ == "PROPN":
            return self._signed(q, self.doc[i], self.doc[nxt], after, end_unit)
        mark = self.doc[self.lay.token_at(q.close)]
        if len(mark.text) > 1 and mark.text[-1] in "―—–" and self.doc[i].pos_ == "PROPN":
            return self._signed(q, mark, self.doc[i], after, end_unit)  # "”―" as one token
        raw = self.text[max(q.close - 1, 0)]
        comma = raw in ",?!—–-" or self.text[q.close + 1:q.close + 3].lstrip().startswith(",")
        for j in range(i, min(after.end, i + MAX_GAP)):
            tok = self.doc[j]
            if self.lay.token_quote[j] >= 0 or tok.text in {"“", '"', "«"}:
                return None
            if tok in self.cues.get(after.index, ()):
                rng = content_range(tok, after)
                if rng and rng[0] > tok.i:
                    return None  # "Doe said that …" has content of its own
                content = self._content(q, unit)
                return self.add(tok, content, True, last_unit=end_unit.index, masked=[])
            if tok.pos_ in {"VERB", "AUX"} and tok.dep_ not in {"acl", "amod"}:
                return None
            if not comma and tok.pos_ not in SPEAKER_POS:
                return None  # without a comma only a name may stand between: a scare quote otherwise
        return None

    def _signed(self, q: Quote, mark: Token, name: Token, unit: Unit, end_unit: Unit) -> _Found:
        """A quotation signed with a dash (``“…” ― Jane Doe``): the dash is the cue."""
        head = phrase_head(name, deps={"compound", "flat"}, rightward=True, keep=lambda h: in_unit(h, unit))
        speaker = speaker_of(self.story, head, unit, mark.idx)
        found = _Found(speaker, mark, (q.inner[0], q.inner[1]), True, Setting(None, None), unit, end_unit.index)
        self.found.append(found)
        return found

    def _labels(self) -> None:
        """``Jane Doe: we will win`` (headlines, transcripts): a name, a colon, then what was said."""
        for unit in self.lay.units:
            if self._transcript(unit):
                continue
            colon = next((t for t in self.doc[unit.start:min(unit.end, unit.start + 8)] if t.text == ":"), None)
            if colon is None or colon.i == unit.start or unit.end - colon.i < 4:
                continue
            name = self.doc[colon.i - 1]
            first = self.doc[unit.start]
            actor = self.story.actor_of_token(name)
            if actor is None or self.story.actor_at(first.idx, name.idx + len(name)) != actor:
                continue
            if self.story.actor(actor).kind not in {"person", "organization", "group"}:
                continue
            if any(self.story.actor_of_token(t) != actor for t in self.doc[unit.start:colon.i] if not t.is_punct):
                continue
            span = trim(self.text, colon.idx + 1, unit.ce)
            if any(s < span[1] and span[0] < e for s, e in (f.content for f in self.found)):
                continue
            speaker = speaker_of(self.story, name, unit, colon.idx)
            self.found.append(_Found(speaker, colon, span, False, Setting(None, None), unit, unit.index))

    def _transcript(self, unit: Unit) -> bool:
        """``WALLACE: Let's start …``: a transcript turn, one or two upper-case words and a colon opening
        a paragraph (an opening quotation mark may stand before them); the turn runs to the paragraph's
        end. The speaker's actor is found later from the name (``resolve.py``)."""
        toks = [t for t in self.doc[unit.start:unit.end] if not t.is_space and t.text not in {'"', "“"}]
        colon = next((t for t in toks if t.text == ":"), None)
        if colon is None or (unit.index > 0 and self.lay.units[unit.index - 1].para == unit.para):
            return False
        words = [t for t in toks if t.i < colon.i]
        if not 1 <= len(words) <= 2 or not all(t.is_upper and t.is_alpha and len(t) > 2 for t in words):
            return False
        names = {w.lower() for a in self.story.actors if a.kind == "person" for w in a.name.split()}
        if not any(t.lower_ in names for t in words):
            return False  # "NOTE:", "UPDATE:": only a person of the story takes turns
        last = unit
        while last.index + 1 < len(self.lay.units) and self.lay.units[last.index + 1].para == unit.para:
            last = self.lay.units[last.index + 1]
        span = trim(self.text, colon.idx + 1, last.ce)
        if span[1] - span[0] < 12 or any(s < span[1] and span[0] < e for s, e in (f.content for f in self.found)):
            return False
        who = (words[0].idx, words[-1].idx + len(words[-1]))
        speaker = Speaker(self.story.actor_at(*who), self.text[who[0]:who[1]], who)
        self.found.append(_Found(speaker, colon, span, True, Setting(None, None), unit, last.index))
        return True

    def _head(self, q: Quote, unit: Unit, end_unit: Unit) -> _Found | None:
        """``adding, “…”`` / ``wrote that “…”`` / ``Doe said:`` (also ending the previous sentence)."""
        open_tok = self.lay.token_at(q.open)
        after = self.lay.token_at(q.close) + 1 if q.closed else end_unit.end
        if any(not t.is_punct and not t.is_space for t in self.doc[after:end_unit.end]):
            return None  # the quotation must run to the end of its sentence
        before = [c for c in self.cues.get(unit.index, ()) if c.i < open_tok]
        if before:
            verb = before[-1]
            gap = self.doc[verb.i + 1:open_tok]
            words = self.text[verb.idx + len(verb):q.open].strip()
            if len(gap) > 12 or any(t.pos_ in {"VERB", "AUX"} and t.dep_ not in {"acl", "amod"} for t in gap):
                return None
            if words and not (words.endswith((",", ":", "—")) or words.lower().endswith(" that") or words == "that"):
                return None
            return self.add(verb, (q.inner[0], q.inner[1]), True, last_unit=end_unit.index)
        if any(not t.is_punct for t in self.doc[unit.start:open_tok]) or unit.index == 0:
            return None
        prev = self.lay.units[unit.index - 1]
        if not self.text[prev.cs:prev.ce].rstrip().endswith(":"):
            return None
        cues = [c for c in self.cues.get(prev.index, ()) if content_range(c, prev) is None]
        if not cues:
            return None
        return self.add(cues[-1], q.inner, True, last_unit=end_unit.index)

    def _alone(self, q: Quote, unit: Unit, end_unit: Unit, previous: _Found | None) -> _Found | None:
        """A sentence that is only a quotation: "Doe said." right after it, else the previous speaker."""
        if any(self.cues.get(i) for i in range(unit.index, end_unit.index + 1)):
            return None
        inner = self.doc[self.lay.token_at(q.inner[0]):self.lay.token_at(q.inner[1] - 1) + 1]
        if len(inner) < 4 or not any(t.pos_ in {"VERB", "AUX"} for t in inner):
            return None
        open_tok = self.lay.token_at(q.open)
        content = self._content(q, unit)
        if content[0] == q.inner[0] and any(not t.is_punct for t in self.doc[unit.start:open_tok]):
            return None  # narrator words before the quotation: a scare quote
        nxt = end_unit.index + 1
        if nxt < len(self.lay.units):
            follow = self.lay.units[nxt]
            for verb in self.cues.get(nxt, ()):
                if follow.end - follow.start <= 12 and content_range(verb, follow) is None and not any(
                        self.lay.token_quote[i] >= 0 for i in range(follow.start, follow.end)):
                    return self.add(verb, content, True, last_unit=end_unit.index)
        if previous is None or not previous.direct or previous.last_unit != unit.index - 1:
            return None
        found = _Found(previous.speaker, None, content, True, previous.setting, unit, end_unit.index)
        self.found.append(found)
        return found

    # --- pass 2: reported speech -----------------------------------------------------------------
    def reported(self) -> None:
        taken = [f.content for f in self.found]
        for index, verbs in self.cues.items():
            unit = self.lay.units[index]
            for verb in verbs:
                if verb.i in self.by_verb:
                    continue
                rng = content_range(verb, unit)
                if rng is None and verb.lemma_ not in {"tell", "ask"}:
                    rng = loose_content(verb, unit)
                if rng is None:
                    rng = self._aside(verb, unit)
                if rng is None:
                    continue
                span = trim(self.text, self.doc[rng[0]].idx, self.doc[rng[1] - 1].idx + len(self.doc[rng[1] - 1]))
                if span[1] - span[0] < 3 or any(s < span[1] and span[0] < e and not s <= verb.idx < e
                                                 for s, e in taken):
                    continue  # already attributed (a nested report inside another's content is kept)
                direct = any(q.inner[0] <= span[0] + 1 and q.inner[1] >= span[1] - 1 for q in self.lay.quotes)
                self.add(verb, span, direct, masked=[rng])
                taken.append(span)
        for acc in self.according:
            self._according(acc, taken)

    def _aside(self, verb: Token, unit: Unit) -> tuple[int, int] | None:
        """``…, he said, local officials should …`` / ``Clinton leads, the poll says.``: a cue set off
        by commas reports the rest of its sentence (the longer side when it splits it)."""
        lo, hi = clipped(verb, unit)
        doc = self.doc
        while lo < verb.i and doc[lo].text in {",", "—", "–"}:  # the commas hang from the cue
            lo += 1
        while hi - 1 > verb.i and doc[hi - 1].text in {",", "—", "–"}:
            hi -= 1
        subj = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
        if subj is not None and (lo < subj.left_edge.i or hi > verb.i + 1):
            # "Though it was calm, he said, …": the parser hangs the sentence from the cue; the aside is
            # the subject and the verb alone
            tight = (subj.left_edge.i, verb.i + 1)
            if tight[0] > unit.start and doc[tight[0] - 1].text == "," and tight[1] < unit.end and \
                    doc[tight[1]].text == ",":
                lo, hi = tight
        before = lo > unit.start and doc[lo - 1].text in {",", "—", "–"}
        after = hi < unit.end and (doc[hi].text in {",", "—", "–"} or all(t.is_punct for t in doc[hi:unit.end]))
        if not (before and after) or any(self.lay.token_quote[i] >= 0 for i in range(unit.start, unit.end)):
            return None
        left, right = (unit.start, lo - 1), (hi + 1 if hi < unit.end else hi, unit.end)
        if before and hi < unit.end and doc[hi].text in {",", "—", "–"} and not any(
                t.pos_ in {"VERB", "AUX"} for t in doc[left[0]:left[1]]):
            return unit.start, unit.end  # "Acts of protest, Doe said, are …": one clause around the cue
        side = max(left, right, key=lambda r: r[1] - r[0])
        return side if side[1] - side[0] >= 3 else None

    def _according(self, acc: Token, taken: list[tuple[int, int]]) -> None:
        unit = self.lay.units[self.lay.token_unit[acc.i]]
        to = self.doc[acc.i + 1]
        source = next((c for c in to.children if c.dep_ == "pobj"), None)
        if source is None:
            return
        p_lo, p_hi = acc.i, min(max(source.right_edge.i, to.i) + 1, unit.end)
        before = any(not t.is_punct for t in self.doc[unit.start:p_lo])
        after = any(not t.is_punct for t in self.doc[p_hi:unit.end])
        if before and after:
            lo, hi = unit.start, unit.end
        elif after:
            lo, hi = p_hi, unit.end
        elif before:
            lo, hi = unit.start, p_lo
        else:
            return
        span = trim(self.text, self.doc[lo].idx, self.doc[hi - 1].idx + len(self.doc[hi - 1]))
        if span[1] - span[0] < 3 or span in taken:
            return  # a report inside it ("Doe said …, according to Roe") is a second attribution, kept
        speaker = speaker_of(self.story, source, unit, acc.idx)
        place = setting(self.story, self.lay, acc, unit, [], False)
        found = _Found(speaker, acc, span, False, place, unit, unit.index)
        self.found.append(found)
        taken.append(span)

    # --- output ----------------------------------------------------------------------------------
    def records(self) -> list[record.Statement]:
        out: list[record.Statement] = []
        for n, f in enumerate(sorted(self.found, key=lambda f: (f.content[0], f.cue.i if f.cue else -1)), 1):
            cue = None
            if f.cue is not None:
                end = f.cue.idx + len(f.cue)
                if f.cue.lower_ == "according":
                    end = self.doc[f.cue.i + 1].idx + len(self.doc[f.cue.i + 1])
                cue = record.Cue(self.text[f.cue.idx:end], (f.cue.idx, end))
            time = f.setting.time
            out.append(record.Statement(
                id=f"S{n}", speaker=f.speaker.actor, speaker_text=f.speaker.text, speaker_span=f.speaker.span,
                cue=cue, content=self.text[f.content[0]:f.content[1]], span=f.content, direct=f.direct,
                channel=f.setting.channel, time=time.id if time else None, date=time.value if time else None,
                sentence=(f.unit.cs, f.unit.ce)))
        return out


def find_statements(story: Story) -> list[record.Statement]:
    """Every attributed statement, ids S1… in text order of their content."""
    finder = _Finder(story)
    finder.quotations()
    finder.reported()
    finder._labels()
    resolve_speakers(story, finder.lay, finder.found)
    statements = finder.records()
    carry_channels(story.doc, statements)
    return statements


@register("eventwire.statements.v3", requires=("doc", "actors", "times", "dateline"), assigns=("statements",),
          resources=("statements", "actors", "speech_verbs.tsv"), resources_hash="a31e5667b69b")
def statements_stage(story: Story) -> None:
    """Who said what: every attributed statement of the story (``find_statements``). The dateline is
    nobody's words and nobody speaking: content that opens the story starts after it, and a speaker
    found in it ("BERLIN — Gazprom said …" parsed with BERLIN as subject) is no speaker."""
    statements = find_statements(story)
    dl = story.dateline.span if story.dateline is not None else None
    for st in statements:
        if dl is None:
            break
        if dl[0] <= st.span[0] < dl[1] < st.span[1]:
            rest = story.text[dl[1]:st.span[1]]
            st.span = (dl[1] + len(rest) - len(rest.lstrip()), st.span[1])
            st.content = story.text[st.span[0]:st.span[1]]
        if st.speaker_span is not None and dl[0] <= st.speaker_span[0] and st.speaker_span[1] <= dl[1]:
            st.speaker, st.speaker_text, st.speaker_span = None, None, None
    story.statements = statements
