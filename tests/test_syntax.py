"""The shared dependency-tree helpers, on hand-built parses (no model: fast and deterministic)."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from eventwire.syntax import (
    AUX_DEPS,
    ancestors,
    auxiliaries,
    clause_root,
    first_conjunct,
    governing_verb,
    has_modal,
    modal_scope,
    negated,
    phrase_head,
    quoted_tokens,
)

VOCAB = spacy.blank("en").vocab  # English lexical attributes: ``lower_`` is filled


def parse(rows: str) -> Doc:
    """One token per line: ``word head dep pos [lemma]`` (``head`` is an absolute index)."""
    words, heads, deps, pos, lemmas = [], [], [], [], []
    for line in rows.strip().splitlines():
        word, head, dep, tag, *lemma = line.split()
        words.append(word)
        heads.append(int(head))
        deps.append(dep)
        pos.append(tag)
        lemmas.append(lemma[0] if lemma else word.lower())
    return Doc(VOCAB, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas)


def texts(tokens: object) -> list[str]:
    return [t.text for t in tokens]  # type: ignore[attr-defined]


# "Doe praised the head of the office of the envoy": a verb five hops above "envoy".
DEEP = parse("""
Doe 1 nsubj PROPN
praised 1 ROOT VERB praise
the 3 det DET
head 1 dobj NOUN
of 3 prep ADP
the 6 det DET
office 4 pobj NOUN
of 6 prep ADP
the 9 det DET
envoy 7 pobj NOUN
""")

# "They launched drones at Kyiv"
LAUNCH = parse("""
They 1 nsubj PRON
launched 1 ROOT VERB launch
drones 1 dobj NOUN drone
at 1 prep ADP
Kyiv 3 pobj PROPN
""")

# "The talks were in Geneva": the only verb is the auxiliary root.
COPULA = parse("""
The 1 det DET
talks 2 nsubj NOUN talk
were 2 ROOT AUX be
in 2 prep ADP
Geneva 3 pobj PROPN
""")

# "Talks in Geneva": no verb at all.
HEADLINE = parse("""
Talks 0 ROOT NOUN talk
in 0 prep ADP
Geneva 1 pobj PROPN
""")


# --- ancestors ---------------------------------------------------------------------------------------


def test_ancestors_walks_up_nearest_first_and_stops_at_the_root() -> None:
    envoy = DEEP[9]
    assert texts(ancestors(envoy, steps=10)) == ["of", "office", "of", "head", "praised"]
    assert texts(ancestors(envoy, steps=2)) == ["of", "office"]
    assert texts(ancestors(envoy, steps=2, include_self=True)) == ["envoy", "of"]


def test_ancestors_of_the_root() -> None:
    assert texts(ancestors(DEEP[1], steps=3)) == []
    assert texts(ancestors(DEEP[1], steps=3, include_self=True)) == ["praised"]


# --- governing_verb ----------------------------------------------------------------------------------


def test_governing_verb_from_a_preposition() -> None:
    assert governing_verb(LAUNCH[3], steps=3) == LAUNCH[1]  # "at" -> "launched"
    assert governing_verb(LAUNCH[4], steps=3) == LAUNCH[1]  # "Kyiv" -> "at" -> "launched"


@pytest.mark.parametrize(("steps", "expected"), [(3, None), (4, None), (5, "praised"), (6, "praised")])
def test_governing_verb_hop_limit(steps: int, expected: str | None) -> None:
    found = governing_verb(DEEP[9], steps=steps)
    assert (found.text if found is not None else None) == expected


def test_governing_verb_include_self() -> None:
    verb = LAUNCH[1]
    assert governing_verb(verb, steps=3, include_self=True) == verb
    assert governing_verb(verb, steps=3) is None  # the root has no ancestors
    assert governing_verb(LAUNCH[3], steps=1, include_self=True) is None  # only "at" itself examined
    assert governing_verb(LAUNCH[3], steps=2, include_self=True) == verb


def test_governing_verb_pos() -> None:
    in_ = COPULA[3]
    assert governing_verb(in_, steps=3) == COPULA[2]  # VERB or AUX by default
    assert governing_verb(in_, steps=3, pos={"VERB"}) is None


def test_governing_verb_or_last() -> None:
    # no VERB: the walk ends at the root and returns it
    assert governing_verb(COPULA[3], steps=3, pos={"VERB"}, or_last=True) == COPULA[2]
    assert governing_verb(HEADLINE[2], steps=3, or_last=True) == HEADLINE[0]
    assert governing_verb(HEADLINE[2], steps=3) is None
    # the hop limit runs out: the head of the last token examined ("of" -> "head")
    assert governing_verb(DEEP[9], steps=3, or_last=True).text == "head"
    # found within the limit: the verb, as without or_last
    assert governing_verb(LAUNCH[3], steps=3, pos={"VERB"}, or_last=True) == LAUNCH[1]
    # a root start with nothing to walk: the start itself
    assert governing_verb(HEADLINE[0], steps=3, or_last=True) == HEADLINE[0]


# --- conjuncts, clauses, phrases ------------------------------------------------------------------------

# "Doe said the talks failed but that she hoped for more"
REPORTED = parse("""
Doe 1 nsubj PROPN
said 1 ROOT VERB say
the 3 det DET
talks 4 nsubj NOUN talk
failed 1 ccomp VERB fail
but 4 cc CCONJ
that 8 mark SCONJ
she 8 nsubj PRON
hoped 4 conj VERB hope
for 8 prep ADP
more 9 pobj ADJ
""")

# "24 soldiers and 2,500 civilians and Doe"
PEOPLE = parse("""
24 1 nummod NUM
soldiers 1 ROOT NOUN soldier
and 1 cc CCONJ
2,500 4 nummod NUM
civilians 1 conj NOUN civilian
and 4 cc CCONJ
Doe 4 conj PROPN
""")


def test_first_conjunct() -> None:
    assert first_conjunct(PEOPLE[6]) == PEOPLE[1]  # Doe -> civilians -> soldiers
    assert first_conjunct(PEOPLE[4]) == PEOPLE[1]
    assert first_conjunct(PEOPLE[1]) == PEOPLE[1]  # not a conjunct
    assert first_conjunct(REPORTED[8]) == REPORTED[4]  # clauses too: hoped -> failed


def test_first_conjunct_pos_limits_the_climb() -> None:
    nouns = {"NOUN", "PROPN"}
    assert first_conjunct(PEOPLE[6], pos=nouns) == PEOPLE[1]
    assert first_conjunct(PEOPLE[6], pos={"PROPN"}) == PEOPLE[6]  # "civilians" is not a PROPN
    assert first_conjunct(PEOPLE[4], pos={"NOUN"}) == PEOPLE[1]


def test_clause_root_leaves_the_coordination() -> None:
    she, talks = REPORTED[7], REPORTED[3]
    assert clause_root(she) == REPORTED[4]  # "failed", the ccomp of "said", not "hoped"
    assert clause_root(she).dep_ == "ccomp"
    assert clause_root(talks) == REPORTED[4]
    assert clause_root(REPORTED[0]) == REPORTED[1]


# "U.S. President Jane Roe , Doe said"
TITLED = parse("""
U.S. 3 compound PROPN
President 3 compound PROPN
Jane 3 compound PROPN
Roe 6 nsubj PROPN
, 6 punct PUNCT
Doe 6 nsubj PROPN
said 6 ROOT VERB say
""")

# "Roe Jane" parsed backwards: "Jane" a compound of the earlier "Roe"
BACKWARDS = parse("""
Roe 2 nsubj PROPN
Jane 0 compound PROPN
said 2 ROOT VERB say
""")


def test_phrase_head_climbs_through_the_given_labels() -> None:
    assert phrase_head(TITLED[0], deps={"compound"}) == TITLED[3]
    assert phrase_head(TITLED[3], deps={"compound"}) == TITLED[3]  # nsubj is not climbed
    assert phrase_head(TITLED[0], deps={"compound", "nsubj"}) == TITLED[6]
    assert phrase_head(TITLED[6], deps={"ROOT"}) == TITLED[6]  # the root is its own head: no loop


def test_phrase_head_rightward_and_keep() -> None:
    assert phrase_head(BACKWARDS[1], deps={"compound"}) == BACKWARDS[0]
    assert phrase_head(BACKWARDS[1], deps={"compound"}, rightward=True) == BACKWARDS[1]
    assert phrase_head(TITLED[0], deps={"compound"}, rightward=True) == TITLED[3]
    assert phrase_head(TITLED[0], deps={"compound"}, keep=lambda h: h.i < 3) == TITLED[0]  # Roe refused
    assert phrase_head(TITLED[0], deps={"compound", "nsubj"}, keep=lambda h: h.i < 5) == TITLED[3]


# --- quoted tokens --------------------------------------------------------------------------------------


def words_doc(words: list[str]) -> Doc:
    return Doc(VOCAB, words=words)


def test_quoted_tokens_curly_and_straight() -> None:
    doc = words_doc(["“", "He", "left", ",", "”", "Doe", "said", ".", '"', "No", '"', "she", "said"])
    assert quoted_tokens(doc) == {1, 2, 3, 9}


def test_quoted_tokens_closing_mark_glued_to_punctuation() -> None:
    doc = words_doc(["“", "He", "left", "”,", "Doe", "said"])
    assert quoted_tokens(doc) == {1, 2}


def test_quoted_tokens_unclosed_quote_stops_at_a_paragraph_and_at_the_end() -> None:
    doc = words_doc(["“", "He", "left", "\n\n", "Doe", "said", "”", "then", "“", "open"])
    # the first quotation is dropped at the paragraph break, so the "”" after it pairs with nothing;
    # the last one never closes
    assert quoted_tokens(doc) == set()
    doc = words_doc(["“", "He", "\n", "left", "”", "“", "we", "”"])
    assert quoted_tokens(doc) == {6}


def test_quoted_tokens_straight_marks_alternate() -> None:
    doc = words_doc(['"', "a", '"', "b", '"', "c", '"'])
    assert quoted_tokens(doc) == {1, 5}


# --- modality -------------------------------------------------------------------------------------------

# "Doe would not agree to meet Roe"
REFUSED = parse("""
Doe 3 nsubj PROPN
would 3 aux AUX
not 3 neg PART
agree 3 ROOT VERB
to 5 aux PART
meet 3 xcomp VERB
Roe 5 dobj PROPN
""")

# "The talks will be held Tuesday"
PASSIVE = parse("""
The 1 det DET
talks 4 nsubjpass NOUN talk
will 4 aux AUX
be 4 auxpass AUX
held 4 ROOT VERB hold
Tuesday 4 npadvmod PROPN
""")


def test_auxiliaries() -> None:
    assert texts(auxiliaries(PASSIVE[4])) == ["will", "be"]
    assert texts(auxiliaries(PASSIVE[4], deps={"aux"})) == ["will"]
    assert texts(auxiliaries(REFUSED[5], REFUSED[3])) == ["to", "would"]


def test_modal_scope_adds_the_verb_a_complement_hangs_from() -> None:
    assert texts(modal_scope(REFUSED[5])) == ["meet", "agree"]
    assert texts(modal_scope(REFUSED[3])) == ["agree"]
    assert texts(modal_scope(REFUSED[5], pos={"AUX"})) == ["meet"]


def test_has_modal_takes_the_words_and_labels_from_the_caller() -> None:
    meet = REFUSED[5]
    assert not has_modal([meet], {"would"})
    assert has_modal(modal_scope(meet), {"would"})
    assert not has_modal(modal_scope(meet), {"will", "shall"})
    assert has_modal([PASSIVE[4]], {"will"})
    assert not has_modal([PASSIVE[4]], {"be"})  # "be" is auxpass, not aux
    assert has_modal([PASSIVE[4]], {"be"}, deps=AUX_DEPS)


def test_negated() -> None:
    assert negated(REFUSED[3])
    assert not negated(REFUSED[5])
    assert negated(*modal_scope(REFUSED[5]))
    assert not negated(PASSIVE[4])
    assert not negated()
