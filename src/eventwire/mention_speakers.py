"""Names the model missed, found as the subject of a speech verb (used by ``eventwire.mentions``).

Who speaks in news is mostly a person, and the small model often leaves a speaker's name untagged
("“…,” Foo said") or tags it as a place or a work of art. A capitalised name that is the subject of a
verb of the one speech-verb list (``speech_verbs.tsv``: "Foo said", "said Foo", "Foo, a professor at
Bar, said", "according to Foo") becomes a PERSON name when nothing else says what it is:

* it is made of capitalised words only (titles before it are left out: "adviser Foo Bar" is "Foo Bar");
* it is no known place, country, demonym, organisation, news outlet, IGO, month or weekday, holds no
  title, organisation, place or facility word, and no other cue of ``mention_cues`` types it;
* a name the model tagged ORG needs more: an apposition with a person's title after it ("Foo Bar,
  assistant professor at …"), since "Foo said" is as often a company;
* a single word opening a sentence must be a proper noun never written lower-case in the story
  ("Video shows …" is no one), or end a personal name of the story ("Doe thinks" after "Jane Doe");
* a single word with no full name in the story needs a title before it, or "he"/"she" near it and no
  "it"/"its" in what it says ("Foo announced it would cut supplies" is a company).

The name's other mentions follow: the same name elsewhere, a full name that ends in a one-word speaker
("Jane Foo" … "Foo said"), and the untagged bare word.
"""

from __future__ import annotations

from functools import cache, partial

from spacy.tokens import Doc, Span, Token

from .gazetteer import Gazetteer
from .lexicon import read_tsv, read_words
from .mention_cues import group_cue, not_actor_cue, org_cue
from .names import name_key

__all__ = ["speaker_names"]

_org_words = partial(read_words, "mentions/org_words.txt")
_org_nouns = partial(read_words, "actors/org_nouns.txt")
_facility_nouns = partial(read_words, "actors/facility_nouns.txt")
_place_nouns = partial(read_words, "actors/place_nouns.txt")
_media_outlets = partial(read_words, "statements/media_outlets.txt")
_particles = partial(read_words, "mentions/name_particles.txt")
_HE_SHE = {"he", "him", "his", "himself", "she", "her", "hers", "herself"}
_IT = {"it", "its", "itself"}
_BEFORE_NO_PERSON = {"the", "a", "an", "this", "that", "its"}  # "the Foo said" is a ship, a paper, a group

# Entity labels that say the words are no name of anyone.
_NOT_NAMES = {"DATE", "TIME", "NORP", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "EVENT", "LAW",
              "LANGUAGE"}
_MAY_RELABEL = {"GPE", "LOC", "FAC", "ORG"}  # a PERSON needs nothing; NORP is a group


@cache
def _speech_verbs() -> frozenset[str]:
    """Every lemma of the one speech-verb list: its subject is who speaks (or thinks)."""
    return frozenset(row[0] for row in read_tsv("speech_verbs.tsv") if " " not in row[0])


@cache
def _titles() -> frozenset[str]:
    """Title words ("adviser", "mayor", "mr"): they open a description, never a name."""
    words = {w for row in read_tsv("actors/titles.tsv") for w in row[0].split()} | read_words("mentions/ranks.txt")
    return frozenset(words | {w.rstrip(".") for w in read_words("actors/honorifics.txt")})


@cache
def _one_word_titles() -> frozenset[str]:
    return frozenset(row[0] for row in read_tsv("actors/titles.tsv") if " " not in row[0])


@cache
def _not_name_words() -> frozenset[str]:
    """Lower-cased words no personal name holds: titles, institution heads, organisation, place and
    facility nouns, months and weekdays."""
    heads = {row[0].lower() for row in read_tsv("actors/institutions.tsv")}
    calendar = {row[0].lower() for f in ("times/months.tsv", "times/weekdays.tsv") for row in read_tsv(f)
                if not row[0].endswith(".")}  # "Sun." is a weekday, "Sun" a name
    return _titles() | heads | _org_words() | _org_nouns() | _facility_nouns() | _place_nouns() | calendar


def _name_word(tok: Token) -> bool:
    """A capitalised word that can be part of a personal name ("Foo", "McFoo"; not "NATO", not "the")."""
    text = tok.text
    return (text[:1].isupper() and text.replace("-", "").isalpha() and not (len(text) > 1 and tok.is_upper)
            and tok.pos_ in {"PROPN", "NOUN", "INTJ", "X"} and tok.ent_type_ not in _NOT_NAMES
            and tok.lower_ not in _not_name_words())


def _speaker_head(tok: Token) -> bool:
    """The subject of a speech verb ("Foo said", "said Foo"), or the object of "according to"."""
    if tok.dep_ == "nsubj" and tok.head.pos_ in {"VERB", "AUX"}:
        return tok.head.lemma_.lower() in _speech_verbs()
    return tok.dep_ == "pobj" and tok.head.lower_ == "to" and tok.head.head.lower_ == "according"


def _run(tok: Token) -> Span | None:
    """The name ending in ``tok``: the capitalised words before it that lean on it, no title among them."""
    doc = tok.doc
    if not _name_word(tok) or tok.pos_ not in {"PROPN", "NOUN"}:
        return None
    i = tok.i
    while i > 0 and _name_word(doc[i - 1]) and doc[i - 1].dep_ in {"compound", "flat"} and \
            doc[i - 1].head.i > doc[i - 1].i and doc[i - 1].head.i <= tok.i:
        i -= 1
    return doc[i : tok.i + 1]


def _plausible(span: Span, gaz: Gazetteer, lower_words: set[str], surnames: frozenset[str] = frozenset()) -> bool:
    """Nothing else says what the name is: no known place, demonym, organisation, outlet, no other cue, no
    word the story also writes lower-case ("Cyclone Foo": "the cyclone"); no article, particle or common
    noun right before it ("the Foo said", "van Foo", "the ship Foo"), no number after it ("Foo 2030")."""
    text = span.text
    if len(span) == 1 and name_key(text) in surnames:  # "Doe thinks" after "Jane Doe", as the surname rules say
        return not (gaz.country(text) or gaz.demonym(text) or _context_says_no(span))
    if gaz.is_known(text) or gaz.lookup(text) or gaz.country(text) or gaz.demonym(text) or gaz.capital_of(text) \
            or gaz.seat_of_power(text):
        return False
    if any(gaz.country(t.text) or gaz.demonym(t.text) or t.lower_ in lower_words for t in span):
        return False
    key = text.replace("’", "'").lower()
    if key in _media_outlets() or org_cue(span, gaz) or not_actor_cue(span) or group_cue(span, gaz):
        return False
    if _context_says_no(span):
        return False
    if len(span) == 1:
        tok = span[0]
        if len(tok.text) < 3 or tok.is_stop or (tok.pos_ != "PROPN" and tok.is_sent_start
                                                 and name_key(tok.text) not in surnames):
            return False
    return True


def _context_says_no(span: Span) -> bool:
    """An article, a particle, a common noun or a hyphenated modifier right before the name ("the Foo said",
    "van Foo", "the ship Foo", "state-run Foo"), or a number after it ("Foo 2030"): not a person's name, or not
    all of it."""
    doc = span.doc
    prev = doc[span.start - 1] if span.start > 0 else None
    if prev is not None and (prev.lower_ in _BEFORE_NO_PERSON or prev.lower_ in _particles() or (
            prev.pos_ == "NOUN" and prev.lower_ not in _titles())):
        return True
    if prev is not None and prev.is_lower and span.start > 1 and doc[span.start - 2].text == "-":
        return True  # "state-run Foo", "Kremlin-controlled Foo": said of firms and outlets
    return span.end < len(doc) and (doc[span.end].like_num or doc[span.end].pos_ == "NUM")


def _titled(span: Span) -> bool:
    """"spokesperson Foo said": a person's title right before the name."""
    return span.start > 0 and span.doc[span.start - 1].lower_ in _one_word_titles()


def _pronouns_say_person(doc: Doc, word: str, verbs: list[Token]) -> bool:
    """A one-word name with no full name in the story is a person only if a sentence that names it (or the
    next two) holds "he" or "she" ("Foo denied the charges … his ouster"), and no clause it speaks holds "it"
    or "its" ("Foo announced it was cutting supplies": a company)."""
    if any(t.lower_ in _IT for v in verbs for t in v.subtree):
        return False
    sents = list(doc.sents)
    for k, sent in enumerate(sents):
        if any(t.text == word for t in sent):
            window = [t for s in sents[k : k + 3] for t in s]
            if any(t.lower_ in _HE_SHE for t in window):
                return True
    return False


def _person_apposition(span: Span) -> bool:
    """"Foo Bar, assistant professor at …", "Foo Bar, a senior fellow": a person's title opens the
    apposition right after the name (before any "of", "at" or possessive: "Foo, the firm's director" is
    not said of Foo)."""
    doc, j = span.doc, span.end
    if j >= len(doc) or doc[j].text != ",":
        return False
    for tok in doc[j + 1 : min(j + 6, len(doc))]:
        if tok.lower_ in _one_word_titles():
            return True
        if tok.is_punct or tok.pos_ in {"ADP", "PART", "VERB", "AUX", "PRON"}:
            return False
    return False


def speaker_names(doc: Doc, spans: list[tuple[Span, str]], gaz: Gazetteer,
                  notes: dict[int, list[str]]) -> list[tuple[Span, str]]:
    """``spans`` (name spans and their labels) in text order, with the speakers found as PERSON names:
    spans relabelled, untagged names added; ``notes`` gets the evidence by start token."""
    spans = sorted(spans, key=lambda sl: sl[0].start)
    toks = list(doc)  # one Token object per token: building them is the cost of a walk over the Doc
    lower_words = {t.lower_ for t in toks if t.is_lower}
    by_tokens = {(s.start, s.end): k for k, (s, _) in enumerate(spans)}
    owner = {i: k for k, (s, _) in enumerate(spans) for i in range(s.start, s.end)}
    persons = frozenset(name_key(s[-1].text) for s, label in spans if label == "PERSON" and len(s) > 1)
    found: dict[str, tuple[Span, list[Token]]] = {}  # name_key -> a speaker name and the verbs it speaks with
    org_names = {name_key(s.text) for s, label in spans if label == "ORG"}
    words: dict[str, list[Token]] = {}  # name words by key, to veto "the Foo" anywhere in the story
    for t in toks:
        if t.dep_ not in {"compound", "amod", "nmod", "poss"} and _name_word(t):
            words.setdefault(name_key(t.text), []).append(t)
    veto: dict[str, bool] = {}

    def vetoed(key: str) -> bool:  # decided only for the few keys a speaker rule asks about
        if key not in veto:
            veto[key] = any(_context_says_no(doc[t.i : t.i + 1]) for t in words.get(key, ()))
        return veto[key]

    for tok in toks:
        if not _speaker_head(tok):
            continue
        run = _run(tok)
        if run is None or (tok.pos_ == "NOUN" and name_key(tok.text) not in persons):
            continue  # "Manning thinks" only after "Bob Manning"
        k = by_tokens.get((run.start, run.end))
        label = spans[k][1] if k is not None else None
        if label == "PERSON" or any(owner.get(i, k) != k for i in range(run.start, run.end)):
            continue  # already a person, or cut across another name
        if label not in {None, *_MAY_RELABEL} or not _plausible(run, gaz, lower_words, persons) \
                or vetoed(name_key(run[-1].text)) or (len(run) > 1 and name_key(run[-1].text) in persons):
            continue  # "Jane La Foo" … "La Foo said" is left to the surname rules
        if (label == "ORG" or name_key(run.text) in org_names) and not _person_apposition(run):
            continue  # "Foo Mining said": the model's ORG elsewhere stands unless an apposition says person
        found.setdefault(name_key(run.text), (run, []))[1].append(tok.head)
    full = {name_key(t.text) for t in toks if t.i > 0 and _name_word(toks[t.i - 1]) and toks[t.i - 1].pos_ == "PROPN"}
    names = {key for key, (run, verbs) in found.items() if len(run) > 1 or key in persons or key in full
             or _titled(run) or _pronouns_say_person(doc, run.text, verbs)}  # "Foo said" alone is as often a company
    if not names:
        return spans
    singles = {n for n in names if " " not in n}
    out: list[tuple[Span, str]] = []
    for span, label in spans:
        key = name_key(span.text)
        ends = len(span) > 1 and name_key(span[-1].text) in singles and all(_name_word(t) for t in span)
        if label in _MAY_RELABEL and (key in names or ends) and _plausible(span, gaz, lower_words) \
                and not vetoed(name_key(span[-1].text)):
            notes[span.start] = [f"NER label {label}", "for person: the subject of a speech verb"
                                 + ("" if key in names else ", by its last word"), f"against person: NER label {label}"]
            label = "PERSON"
        out.append((span, label))
    tagged = {i for s, _ in spans for i in range(s.start, s.end)}
    for tok in toks:  # untagged mentions: the whole name, or a one-word speaker's full name
        if tok.i in tagged or not _name_word(tok) or tok.pos_ not in {"PROPN", "NOUN"}:
            continue
        if tok.i + 1 < len(doc) and doc[tok.i + 1].i not in tagged and _name_word(doc[tok.i + 1]) \
                and doc[tok.i + 1].pos_ == "PROPN":
            continue  # not the last word of its name
        run = _run(tok)
        if run is None or any(i in tagged for i in range(run.start, run.end)):
            continue
        key = name_key(run.text)
        if (key in names or (name_key(tok.text) in singles and tok.pos_ == "PROPN")) and _plausible(
                run, gaz, lower_words, persons):
            notes[run.start] = ["no NER label", "for person: the subject of a speech verb"
                                + ("" if key in names else ", by its last word")]
            out.append((run, "PERSON"))
            tagged.update(range(run.start, run.end))
    return sorted(out, key=lambda sl: sl[0].start)
