"""Dependency-tree walks the stages share: ancestors, the governing verb, phrase and clause heads,
quoted tokens and modality.

Why one module: mentions, actors, coref, quantities, times, statements and events each used to carry
their own walk up the tree, and the copies drifted apart in small ways (how many hops, whether an
auxiliary counts as a verb, whether the walk starts at the token itself). The drift is kept, because
each stage's figures were tuned with its own walk, but it is now a keyword argument a reader can see
at the call site instead of a difference hidden in four loops.

Nothing here knows any vocabulary: word sets (modal auxiliaries, speech verbs) are passed in by the
caller, so the words stay in the stage (or its resource file) that decides what they mean.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Iterator
from typing import Literal, overload

from spacy.tokens import Doc, Token

__all__ = [
    "AUX_DEPS",
    "VERB_POS",
    "ancestors",
    "auxiliaries",
    "clause_root",
    "doc_text",
    "first_conjunct",
    "governing_verb",
    "has_modal",
    "modal_scope",
    "negated",
    "phrase_head",
    "quoted_tokens",
]

#: Parts of speech that head a clause for most walks ("was set for talks": "was" is AUX in spaCy's model).
VERB_POS: frozenset[str] = frozenset({"VERB", "AUX"})
#: Dependency labels of auxiliaries, active and passive ("will be held": "will" aux, "be" auxpass).
AUX_DEPS: frozenset[str] = frozenset({"aux", "auxpass"})

_QUOTE_MARKS = frozenset({"“", "”", '"'})
_QUOTE_OR_BREAK = re.compile(r'[“”"\n]')
_TEXT_KEY = "eventwire.text"


# --- walking up ----------------------------------------------------------------------------------------


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per Doc.

    spaCy rebuilds ``Doc.text`` from a new Token object per token on every access; the stages read it
    about ten times per story, which cost more than the times rules. Kept in ``doc.user_data``, so it
    lives and dies with the Doc (the stages never retokenize it).
    """
    text = doc.user_data.get(_TEXT_KEY)
    if not isinstance(text, str):
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def ancestors(tok: Token, *, steps: int, include_self: bool = False) -> Iterator[Token]:
    """The tokens on the path from ``tok`` up to the sentence root, nearest first, at most ``steps``.

    The root is the last token yielded (spaCy makes it its own head). Without ``include_self`` a
    root ``tok`` has no ancestors and nothing is yielded. Tokens are compared by index: spaCy builds
    a new ``Token`` object on every access, so ``tok.head is tok`` is never true.
    """
    if not include_self:
        if tok.head.i == tok.i:
            return
        tok = tok.head
    for _ in range(steps):
        yield tok
        if tok.head.i == tok.i:
            return
        tok = tok.head


@overload
def governing_verb(tok: Token, *, steps: int, pos: Collection[str] = ..., include_self: bool = ...,
                   or_last: Literal[False] = ...) -> Token | None: ...


@overload
def governing_verb(tok: Token, *, steps: int, pos: Collection[str] = ..., include_self: bool = ...,
                   or_last: Literal[True]) -> Token: ...


def governing_verb(tok: Token, *, steps: int, pos: Collection[str] = VERB_POS, include_self: bool = False,
                   or_last: bool = False) -> Token | None:
    """The nearest token with a part of speech in ``pos`` among the first ``steps`` of ``ancestors``.

    "launched drones at X": from "at" the walk reaches "launched". ``steps`` bounds the walk because
    a verb far up the tree governs a different clause ("said … that the strikes on X …").

    When none is found the result is ``None``, or with ``or_last`` the token where the walk gave up:
    the root when it reached it, else the head of the last token examined (a name-typing rule in
    ``mentions`` compares that token's lemma against verb lists, so a noun there simply never matches).
    """
    last = tok
    for last in ancestors(tok, steps=steps, include_self=include_self):
        if last.pos_ in pos:
            return last
    if not or_last:
        return None
    return last if last.head.i == last.i else last.head


def first_conjunct(tok: Token, *, pos: Collection[str] | None = None) -> Token:
    """The first member of the coordination ``tok`` belongs to ("Doe and Roe": "Roe" → "Doe").

    spaCy hangs every later conjunct from the first, so the first one carries the phrase's (or the
    clause's) own dependency. With ``pos``, the climb stops at a head whose part of speech is not in
    it ("24 soldiers and 2,500 civilians died" climbs only between nouns).
    """
    while tok.dep_ == "conj" and tok.head.i != tok.i and (pos is None or tok.head.pos_ in pos):
        tok = tok.head
    return tok


def clause_root(tok: Token) -> Token:
    """The head of the clause an argument belongs to: ``tok``'s head, out of any coordination.

    "Doe said the talks failed but that she hoped …": from "she", the clause is "hoped", which is a
    conjunct of "failed"; the clause root is "failed", the one whose dependency ("ccomp" of "said")
    says how the clause relates to the sentence.
    """
    return first_conjunct(tok.head)


def phrase_head(tok: Token, *, deps: Collection[str], rightward: bool = False,
                keep: Callable[[Token], bool] | None = None) -> Token:
    """The head of the noun phrase ``tok`` is a modifier of, climbing through labels in ``deps``.

    "U.S. President Jane Roe": from "U.S." through ``compound`` to "Roe". ``rightward`` climbs only
    to heads after the token (English names and modifiers precede their head, so a leftward head is
    a parse error across a phrase boundary); ``keep`` must accept each head climbed to (statements
    keep to one sentence unit).
    """
    while tok.dep_ in deps and tok.head.i != tok.i:
        head = tok.head
        if (rightward and head.i <= tok.i) or (keep is not None and not keep(head)):
            break
        tok = head
    return tok


# --- quotation marks ------------------------------------------------------------------------------------


def quoted_tokens(doc: Doc) -> set[int]:
    """Indices of tokens inside quotation marks, paired token by token.

    A quoted "he" is the speaker's referent, not the narrator's, so pronoun rules skip it. Curly
    marks open and close by their shape; a straight mark opens when no quotation is open and closes
    otherwise. A quotation left open at a paragraph break or the end of the text marks nothing: an
    unclosed mark is more often an error than a quotation running on.

    ``statements.text.find_quotes`` pairs marks in the raw text instead (it also knows « » „, and lets
    an unclosed quotation run to its paragraph's end, as multi-paragraph quotes do); the statement
    finder needs character offsets and those extra cases, coreference needs neither.
    """
    # Walk the text's quotation marks and line breaks, not every token: building a Token object per
    # token of the story was most of this function's cost, and marks are few.
    text = doc_text(doc)
    inside: set[int] = set()
    open_at: int | None = None
    for m in _QUOTE_OR_BREAK.finditer(text):
        if m.group() == "\n":
            open_at = None  # quotes do not run across paragraphs unclosed
            continue
        span = doc.char_span(m.start(), m.start() + 1, alignment_mode="expand")
        if span is None:
            continue
        tok = span[0]
        if tok.idx != m.start() or not (tok.text in _QUOTE_MARKS or tok.text.startswith(("“", "”"))):
            continue  # a mark inside a word, as the token walk never saw it
        if tok.text == "“" or (tok.text == '"' and open_at is None):
            open_at = tok.i
        elif open_at is not None:
            inside.update(range(open_at + 1, tok.i))
            open_at = None
    return inside


# --- modality -------------------------------------------------------------------------------------------


def auxiliaries(*verbs: Token, deps: Collection[str] = AUX_DEPS) -> list[Token]:
    """The auxiliaries of ``verbs`` (children labelled with one of ``deps``), in order."""
    return [c for v in verbs for c in v.children if c.dep_ in deps]


def modal_scope(verb: Token, *, pos: Collection[str] = VERB_POS) -> list[Token]:
    """``verb`` and, when it is the complement of another verb, that verb too.

    "did not agree to meet", "would like to meet": the negation or modal sits on the verb above the
    complement but scopes over it, so both verbs' auxiliaries count.
    """
    chain = [verb]
    if verb.dep_ in {"xcomp", "ccomp"} and verb.head.pos_ in pos:
        chain.append(verb.head)
    return chain


def has_modal(verbs: Iterable[Token], words: Collection[str], *, deps: Collection[str] = ("aux",)) -> bool:
    """True when one of ``verbs`` has an auxiliary (a child labelled with one of ``deps``) whose
    lower-cased text is in ``words``.

    The caller passes the words because stages disagree on purpose: "would" is hypothetical for an
    event's status ("would meet") but future for a time's direction ("said he would travel Friday").
    """
    return any(c.lower_ in words and c.dep_ in deps for v in verbs for c in v.children)


def negated(*tokens: Token) -> bool:
    """True when any of ``tokens`` has a ``neg`` child ("did not meet", "no talks")."""
    return any(c.dep_ == "neg" for t in tokens for c in t.children)
