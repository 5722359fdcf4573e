"""Roles of people: the titles and descriptions a story attaches to a name.

Two shapes carry nearly every role in news prose, and both are read from the surface and the
parse rather than from a list of people:

* pre-modifiers: "Chilean President Ana Soto", "Kremlin aide Ivan Petrov",
  "top Kenyan negotiator Jane Wanjiru", "son-in-law John Roe";
* appositions: "Jane Roe, the chief of staff of Kyiv's armed forces," / "Roe, a former envoy,".
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span, Token

from .gazetteer import get_gazetteer
from .lexicon import read_tsv, read_words

_BOUNDARY = {",", ";", ".", ":", "(", ")", "—", "–"}
_RELATIVE = {"who", "which", "that", "whose", "whom", "where", "when"}
_POSSESSIVE = {"'s", "’s", "'", "’"}


@dataclass(slots=True)
class RoleSpan:
    text: str
    start: int
    end: int
    tok_start: int
    tok_end: int


@cache
def titles() -> dict[str, str]:
    """title (lower-case) -> sector, longest titles first when iterated."""
    rows = read_tsv("actors/titles.tsv")
    return dict(sorted(((t.lower(), s) for t, s in rows), key=lambda kv: -len(kv[0])))


@cache
def _title_words() -> frozenset[str]:
    return frozenset(w for t in titles() for w in t.replace("-", " ").split())


def title_sector(role: str) -> str | None:
    """The sector of the most specific title found in ``role`` ("special envoy" beats "envoy")."""
    low = f" {role.lower().replace('’', chr(39))} "
    best: tuple[int, str] | None = None
    for title, sector in titles().items():
        pos = low.find(f" {title} ")
        if pos < 0:  # plural: "envoys", "officials"
            pos = low.find(f" {title}s ")
        if pos >= 0 and sector != "UNK" and (best is None or len(title) > best[0]):
            best = (len(title), sector)
    return best[1] if best else None


def role_spans(doc: Doc, tok_start: int, tok_end: int) -> list[RoleSpan]:
    """The roles attached to the person name at tokens ``[tok_start, tok_end)``."""
    found = []
    pre = _premodifier(doc, tok_start) or _preposed_apposition(doc, tok_start) or _shared_role(doc, tok_start)
    if pre is not None and pre.text.lower() not in _HONORIFICS:
        found.append(pre)
    post = _apposition(doc, tok_end) or _predicate(doc, tok_start)
    if post is not None:
        found.append(post)
    return [r for r in found if not set(r.text.lower().split()) <= _PERSON_NOUNS]


def _premodifier(doc: Doc, tok_start: int) -> RoleSpan | None:
    i = tok_start - 1
    begin = tok_start
    while i >= 0:
        tok = doc[i]
        if tok.is_sent_end and i != tok_start - 1:
            break
        if _joins_role(tok, doc, tok_start):
            begin = i
            i -= 1
            continue
        break
    if begin == tok_start:
        return None
    # never start a role on a possessive marker or hyphen
    while begin < tok_start and (doc[begin].text in _POSSESSIVE or doc[begin].text == "-"):
        begin += 1
    words = [t for t in doc[begin:tok_start]]
    if not any(t.lower_ in _title_words() or (t.pos_ == "NOUN" and not t.ent_type_) for t in words):
        return None
    return _role(doc, begin, tok_start)


def _joins_role(tok: Token, doc: Doc, name_start: int) -> bool:
    """Whether ``tok`` (left of a name) still belongs to the name's noun phrase."""
    if tok.text == "-" or tok.text in _POSSESSIVE:
        return True
    if tok.lower_ == "in" and tok.i > 0 and doc[tok.i - 1].text == "-":  # son-in-law
        return True
    if tok.lower_ == "of" and tok.i > 0 and doc[tok.i - 1].lower_ in _title_words() and (
            doc[tok.i + 1].is_title or doc[tok.i + 1].lower_ in _title_words()):
        return True  # "Secretary of State Jane Doe", "chief of staff Jane Doe"
    if tok.is_punct or tok.pos_ in {"VERB", "AUX", "ADP", "DET", "CCONJ", "SCONJ", "PRON", "NUM", "PART"}:
        return False
    if tok.ent_type_ in {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT"}:
        return False
    if tok.ent_type_ == "PERSON":
        # a person only joins as possessor or as a compound modifier ("Mensah adviser")
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        return nxt is not None and (nxt.text in _POSSESSIVE or nxt.ent_type_ == "PERSON"
                                    or nxt.lower_ in _title_words())
    if tok.pos_ == "PROPN" and not tok.ent_type_ and tok.lower_ not in _title_words() and not tok.is_lower:
        return False  # an untagged capitalised name; a lower-case "PROPN" ("defence ministry") is a noun
    return tok.pos_ in {"NOUN", "PROPN", "ADJ"}


_HONORIFICS = read_words("actors/honorifics.txt")
_PERSON_NOUNS = read_words("actors/person_nouns.txt")


def _name_root(doc: Doc, tok_start: int) -> Token:
    """The syntactic head of the name starting at ``tok_start`` ("Jane [Doe]")."""
    tok = doc[tok_start]
    while tok.dep_ == "compound" and tok.head.i > tok.i:
        tok = tok.head
    return tok


def _name_start(doc: Doc, root: Token) -> int:
    j = root.i
    while j > 0 and doc[j - 1].dep_ == "compound" and doc[j - 1].head.i in range(j, root.i + 1):
        j -= 1
    return j


def _preposed_apposition(doc: Doc, tok_start: int) -> RoleSpan | None:
    """"the republic's president, Jane Doe, said": a title phrase, a comma or dash, then the name.

    The title may end in its own complement ("the envoy to the United Nations, Jane Doe"), so the
    parse decides: the name is in apposition to a title noun, or the title noun stands right before the
    comma."""
    if tok_start < 2 or doc[tok_start - 1].text not in {",", "—", "–"}:
        return None
    end = tok_start - 1
    root = _name_root(doc, tok_start)
    if root.dep_ in {"nsubj", "nsubjpass"} and doc[end - 1].dep_ == "pobj":
        return None  # "After a call with the president, Jane Doe said": a clause before the subject
    heads = [doc[end - 1]]
    if root.dep_ == "appos" and root.head.i < end - 1 and root.head.sent == root.sent:
        heads.insert(0, root.head)
    head = next((h for h in map(_climb_to_title, heads) if _is_title_noun(h)), None) or next(
        (h for h in heads if h.pos_ == "NOUN" and _nationality_on(h)), None)
    if head is None or any(t.pos_ in {"VERB", "AUX"} or (t.is_punct and t.text != "-") for t in doc[head.i + 1:end]):
        return None  # no title, or the title's own clause rather than its noun phrase
    begin = head.left_edge.i
    while begin >= 2 and doc[begin - 1].text == "-":  # "son-in-law": climb the hyphenated word
        begin = doc[begin - 2].left_edge.i
    while begin < head.i and (doc[begin].pos_ == "DET" or doc[begin].is_punct or doc[begin].like_num):
        begin += 1
    return _role(doc, begin, end)


def _climb_to_title(tok: Token) -> Token:
    """"the envoy to the United Nations": from the complement up to the title it completes."""
    for _ in range(3):
        if _is_title_noun(tok) or tok.dep_ != "pobj" or tok.head.dep_ != "prep" or tok.head.head.i > tok.i:
            break
        tok = tok.head.head
    return tok


@cache
def _title_heads() -> frozenset[str]:
    """The head noun of each title: "secretary" of "secretary of state", "chief" of "police chief"."""
    return frozenset(t.split(" of ")[0].replace("-", " ").split()[-1] for t in titles())


def _is_title_noun(tok: Token) -> bool:
    word = tok.lower_
    return tok.pos_ == "NOUN" and (word in _title_heads() or (word.endswith("s") and word[:-1] in _title_heads()))


def _shared_role(doc: Doc, tok_start: int) -> RoleSpan | None:
    """"The senators Jane Doe and John Roe": a plural title before a coordination names each conjunct.

    A singular title stays with the first ("President Jane Doe and John Roe": Roe is not president)."""
    root = _name_root(doc, tok_start)
    first = root
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head
    if first is root or first.ent_type_ != "PERSON":
        return None
    start = _name_start(doc, first)
    role = _premodifier(doc, start) or _preposed_apposition(doc, start)
    if role is None or role.tok_end > start:
        return None
    head = doc[role.tok_end - 1]
    if head.tag_ not in {"NNS", "NNPS"}:
        head = next((t for t in doc[role.tok_start:role.tok_end] if t.i == first.head.i), head)
    return role if head.tag_ in {"NNS", "NNPS"} else None


def _apposition(doc: Doc, tok_end: int) -> RoleSpan | None:
    """", the chief of staff of the armed forces," right after a name."""
    if tok_end + 1 >= len(doc) or doc[tok_end].text != ",":
        return None
    begin = tok_end + 1
    first = doc[begin]
    if first.ent_type_ in {"PERSON", "DATE", "TIME", "CARDINAL", "GPE", "LOC"} and not _is_possessor(first, doc):
        return None
    if first.lower_ in {"its", "their"}:  # "Moscow sent X, its intelligence chief,": the subject's own
        pass
    elif first.pos_ in {"VERB", "AUX", "PRON", "ADP", "CCONJ", "SCONJ", "NUM"} or first.is_punct:
        return None
    end = begin
    reduced = False  # "a Chinese student attending college in …": the noun phrase ends at the participle
    while end < len(doc):
        tok = doc[end]
        if tok.text in _BOUNDARY or tok.lower_ in _RELATIVE or (tok.is_sent_start and end > begin):
            break
        if tok.pos_ in {"VERB", "AUX"} and tok.dep_ not in {"amod", "compound"} and tok.tag_ != "VBN":
            if tok.tag_ == "VBG" and tok.dep_ == "acl" and end > begin:
                reduced = True
                break
            return None  # a clause, not a noun phrase
        end += 1
    if end == begin or end >= len(doc) or (
            not reduced and doc[end].text not in _BOUNDARY and doc[end].lower_ not in _RELATIVE):
        return None
    while begin < end and doc[begin].pos_ == "DET":
        begin += 1
    if not _describes_person(doc[begin:end]):
        return None
    return _role(doc, begin, end)


def _describes_person(span: Span) -> bool:
    """A title ("the chief of staff"), or a nationality on the phrase's head noun ("a Russian internet
    celebrity", "a 41-year-old beautician from Zimbabwe"): the phrase says who the person is."""
    words = {t.lower_ for t in span} | {p for t in span for p in t.lower_.split("-")}
    return bool(words & _title_words()) or _nationality_on(span.root)


def _nationality_on(noun: Token) -> bool:
    """A demonym modifying ``noun``, or "from" + a country completing it."""
    if noun.pos_ != "NOUN":
        return False
    gaz = get_gazetteer()
    for tok in noun.children:
        if tok.dep_ in {"amod", "compound"} and tok.i < noun.i and gaz.demonym(tok.text) and not gaz.country(tok.text):
            return True
        if tok.lower_ == "from" and any(c.dep_ == "pobj" and gaz.country(c.text) for c in tok.children):
            return True
    return False


def _predicate(doc: Doc, tok_start: int) -> RoleSpan | None:
    """"Jane Doe is a Chilean businessman in Austria": the noun the name is said to be."""
    root = _name_root(doc, tok_start)
    verb = root.head
    if root.dep_ != "nsubj" or verb.lemma_ != "be" or any(c.dep_ == "neg" for c in verb.children):
        return None
    attr = next((c for c in verb.children if c.dep_ == "attr" and c.pos_ == "NOUN" and c.i > root.i), None)
    if attr is None:
        return None
    begin = attr.left_edge.i
    while begin < attr.i and (doc[begin].pos_ == "DET" or doc[begin].is_punct):
        begin += 1
    span = doc[begin:attr.i + 1]
    return _role(doc, begin, attr.i + 1) if _describes_person(span) else None


def _is_possessor(tok: Token, doc: Doc) -> bool:
    j = tok.i
    while j + 1 < len(doc) and doc[j + 1].ent_type_ == tok.ent_type_ and doc[j + 1].ent_iob_ == "I":
        j += 1
    return j + 1 < len(doc) and doc[j + 1].text in _POSSESSIVE


def _role(doc: Doc, begin: int, end: int) -> RoleSpan:
    span = doc[begin:end]
    return RoleSpan(span.text, span.start_char, span.end_char, begin, end)
