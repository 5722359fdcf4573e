"""Type every name in a story once: person, organisation, state, place, demonym.

The small spaCy model mislabels names (a surname as ORG, a capital as PERSON) and cannot decide
metonymy. Both are settled here, once, by general rules over the parsed ``Doc`` and the
gazetteer, so that later stages never re-decide whether "Moscow" is a city or the Russian state:

* a single-token name that ends a multi-word PERSON name elsewhere in the story is that person;
* a gazetteer name in a PERSON/ORG slot is a place or state, a demonym tagged GPE is a demonym;
* a country, capital or seat of power in an agent slot ("Moscow launched", "Washington saying",
  "Kyiv's aspirations") is the state; in a locative slot ("in Moscow") it is a place.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache, partial
from typing import TYPE_CHECKING, Literal

from spacy.tokens import Doc, Span, Token

from .gazetteer import Gazetteer, get_gazetteer
from .lexicon import read_tsv, read_words, setting
from .mention_cues import (
    calendar_word,
    dateline_cue,
    given_name_cue,
    group_cue,
    not_actor_cue,
    org_cue,
    person_evidence,
    place_suffix_cue,
    title_cue,
    who_follows,
)
from .mention_spans import join_name_parts, repair_spans, split_lines
from .mention_speakers import speaker_names
from .names import name_key as person_key
from .stages import register
from .syntax import first_conjunct, governing_verb

if TYPE_CHECKING:
    from .story import Story

MentionType = Literal["person", "organization", "state", "place", "demonym"]

_SCORE = re.compile(r"\d+(?:[-–/.:]\d+)*\*?")   # 63, 4-37, 108-3, 3:41.823
_NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}
_POSSESSIVE = {"'s", "’s", "'", "’"}
_AGENT_DEPS = {"nsubj", "nsubjpass", "poss", "dobj", "dative", "agent", "conj", "appos", "nmod", "ROOT", "attr"}


@dataclass(slots=True)
class Mention:
    """One typed name. ``country`` is the ISO alpha-3 code the name itself implies, if any."""

    start: int
    end: int
    text: str
    type: MentionType
    tok_start: int
    tok_end: int
    country: str | None = None
    # "country", "capital", "seat" for state/place names found in the gazetteer's country tables
    gpe: str | None = None
    # why the name got its type: "NER label ORG", "for person: …", "against ORG: …" (``extract --explain``)
    evidence: list[str] = field(default_factory=list)

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


# Word lists (read once by lexicon.read_words); see resources/en/actors/ and docs/actors.md.
_locative_preps = partial(read_words, "actors/locative_prepositions.txt")
_target_verbs = partial(read_words, "actors/target_verbs.txt")
_recipient_verbs = partial(read_words, "actors/recipient_verbs.txt")
_place_nouns = partial(read_words, "actors/place_nouns.txt")
_org_nouns = partial(read_words, "actors/org_nouns.txt")
_facility_nouns = partial(read_words, "actors/facility_nouns.txt")


@cache
def title_words() -> frozenset[str]:
    """Every word that occurs in a title, lower-cased: used to peel titles off PERSON spans."""
    return frozenset(w for row in read_tsv("actors/titles.tsv") for w in row[0].split())


@cache
def _generic_words() -> frozenset[str]:
    """Single words that are titles or institution heads: never a named organisation on their own."""
    heads = {row[0].lower() for row in read_tsv("actors/institutions.tsv")}
    return title_words() | heads | {"state"}


@cache
def alias_table(relpath: str) -> dict[str, tuple[str, str]]:
    """An organisation list (``name<TAB>aliases|…<TAB>sector[<TAB>…]``): alias or name (``igo_key``) ->
    (canonical name, sector); further columns are read by their users."""
    table: dict[str, tuple[str, str]] = {}
    for name, aliases, sector, *_ in read_tsv(relpath):
        for alias in [name, *filter(None, aliases.split("|"))]:
            table[igo_key(alias)] = (name, sector)
    return table


def igos() -> dict[str, tuple[str, str]]:
    """International organisations: alias or name (normalised) -> (canonical name, sector)."""
    return alias_table("actors/igos.tsv")


def igo_key(text: str) -> str:
    """"the U.N." and "U.N." compare equal; case and curly apostrophes are ignored."""
    text = text.strip()
    if text.lower().startswith("the "):
        text = text[4:]
    return text.replace("’", "'").lower()


_ARTICLES = ("al-", "el-", "as-", "ad-")  # Arabic articles written into names: "al-Assad" = "Assad"


def name_key(text: str) -> str:
    """Comparison key for names: ``names.name_key`` (the knowledge base's key: diacritics,
    apostrophes, an "al-" article and transliteration variants folded), or for text that key
    empties (an initial, a lone article) the text lower-cased with an "al-" article dropped."""
    key = text.replace("’", "'").replace("‘", "'").lower()
    return person_key(text) or (key[3:] if key.startswith(_ARTICLES) else key)


def find_mentions(doc: Doc, gaz: Gazetteer | None = None) -> list[Mention]:
    """All name mentions of ``doc``, typed, in text order, without overlaps."""
    gaz = gaz or get_gazetteer()
    pieces = [(p, ent.label_) for ent in doc.ents if ent.label_ in _NAME_LABELS for p in split_lines(ent)]
    trimmed = [_trim(p, label) for p, label in pieces]
    spans = repair_spans([(s, label) for s, label in trimmed if s is not None and len(s)], gaz)
    notes: dict[int, list[str]] = {}
    spans = [_relabel(s, label, gaz, notes) for s, label in spans]
    tagged = {i for s, _ in spans for i in range(s.start, s.end)} | {i for e in doc.ents for i in range(e.start, e.end)}
    spans = speaker_names(doc, [*spans, *_untagged_people(doc, tagged, gaz, notes)], gaz, notes)  # sorted; "Foo said"
    not_names = {name_key(s.text) for s, label in spans
                 if label == "PERSON" and s.text[:1].isupper() and not_actor_cue(s)}
    spans = [(s, "NONE" if label == "PERSON" and name_key(s.text) in not_names else label) for s, label in spans]
    # "the carrier Foo Bar" once makes every "Foo Bar" the ship
    persons = _person_names((s for s, label in spans if label == "PERSON" and not _not_person(s, gaz)), gaz)
    surnames: dict[str, str] = {}
    for name in persons:
        words = name.split()
        surnames.setdefault(name_key(words[-1]), name)
    for span, label in spans:  # "President Wang" or "Wang, 45," once makes every "Wang" the person
        titled = label == "PERSON" and _after_title(span)
        aged = _age_follows(span) and (label in {"PERSON", "ORG"} or not gaz.is_known(span.text))
        who = label != "NORP" and who_follows(span, gaz)
        if len(span) == 1 and (((titled or aged) and not _person_is_place(span, gaz)) or who):
            surnames.setdefault(name_key(span.text), span.text)
    for name in persons:  # "Josep Borrell Fontelles" is also "Borrell"; last names win over these
        for word in name.split()[1:-1]:
            if word[:1].isupper() and len(word) > 2:
                surnames.setdefault(name_key(word), name)

    lower_words = {t.text for t in doc if t.is_lower}
    for k, (span, label) in enumerate(spans):  # "Death is …" where "death" is written lower-case elsewhere
        if label == "PERSON" and len(span) == 1 and span[0].is_sent_start and span[0].lower_ in lower_words \
                and name_key(span.text) not in surnames:
            spans[k] = (span, "NONE")
    described_orgs = {name_key(s.text) for s, label in spans
                      if label == "PERSON" and (_described_as_org(s) or org_cue(s, gaz))}
    mentions: list[Mention] = []
    covered: set[int] = set()
    for span, label in spans:
        if label == "PERSON" and name_key(span.text) in described_orgs:
            label = "ORG"  # "the militant group X" once makes every X the organisation
            notes.setdefault(span.start, ["NER label PERSON"]).append("for organization: a cue here or elsewhere")
        m = _type_span(span, label, surnames, gaz)
        if label == "NONE":
            covered.update(range(span.start, span.end))  # nor are its words surnames
        if m is not None:
            m.evidence[:0] = notes.get(span.start, [f"NER label {label}"])
            mentions.append(m)
            covered.update(range(span.start, span.end))
    # Surnames the model left untagged ("... praised Novak") are still that person.
    for tok in doc:
        if tok.i not in covered and tok.pos_ == "PROPN" and name_key(tok.text) in surnames:
            mentions.append(_why(_mention(doc[tok.i : tok.i + 1], "person"),
                                 "no NER label", "for person: the surname of a person named in the story"))
            covered.add(tok.i)
    mentions.extend(_untagged_places(doc, covered, gaz))
    _places_everywhere(mentions, surnames)
    mentions.sort(key=lambda m: m.start)
    return join_name_parts(doc, mentions, persons, lambda span, ev: _why(
        _mention(span, "person"), *ev, "for person: the end of a full name of the story"))


# An untagged proper noun is taken as a town only when the town is this large: "flew to Mars"
# must not become Mars, Pennsylvania.
_UNTAGGED_MIN_POPULATION = setting("untagged_min_population")  # resources/en/settings.tsv
_PERSON_PLACE_MIN_POPULATION = setting("person_place_min_population")


def _untagged_places(doc: Doc, covered: set[int], gaz: Gazetteer) -> list[Mention]:
    """Gazetteer names in a place slot the model did not tag ("fighting in Avdiivka"), never a month's name."""
    found = []
    i = 0
    while i < len(doc):
        tok = doc[i]
        if tok.i in covered or tok.pos_ != "PROPN" or not tok.is_title:
            i += 1
            continue
        j = i
        while j + 1 < len(doc) and doc[j + 1].pos_ == "PROPN" and doc[j + 1].is_title and j + 1 not in covered:
            j += 1
        span = doc[i : j + 1]
        entries = [] if calendar_word(span.text) or not in_place_slot(span) else gaz.lookup(span.text)
        if entries and (entries[0].kind != "city" or entries[0].population >= _UNTAGGED_MIN_POPULATION):
            found.append(_why(_mention(span, "place"), "no NER label", "for place: a known place in a place slot"))
        elif cue := place_suffix_cue(span, gaz):
            found.append(_why(_mention(span, "place"), "no NER label", f"for place: {cue}"))
        i = j + 1
    i = 0
    while i < len(doc):  # "BONN 1996-08-30", "ROMANIA BEAT LITHUANIA": capitals the model leaves untagged
        j = i
        while j < len(doc) and j not in covered and doc[j].is_upper and doc[j].is_alpha and len(doc[j]) > 1:
            j += 1
        if j == i:
            i += 1
            continue
        for k in range(j, i, -1):  # the longest run from i that is a place
            span = doc[i:k]
            if cue := dateline_cue(span, gaz):
                found.append(_why(_gpe(span, gaz), "no NER label", f"for place: {cue}"))
                break
            if len(span.text) > 3 and gaz.country(span.text):
                found.append(_why(_gpe(span, gaz), "no NER label", "for place: a country name in capitals"))
                break
        i = j
    return found


def _relabel(span: Span, label: str, gaz: Gazetteer, notes: dict[int, list[str]]) -> tuple[Span, str]:
    """Evidence that overrides the NER label before anything else: a known given name opening the name
    ("Oleksandr X" tagged ORG is a person), an administrative-unit word after it ("X Oblast")."""
    ev = notes.setdefault(span.start, [f"NER label {label}"])
    if label == "ORG" and (cue := title_cue(span, gaz)):
        ev += [f"for person: {cue}", "against person: NER label ORG"]
        return span, "PERSON"
    if label in {"ORG", "GPE", "LOC", "FAC"} and (cue := given_name_cue(span, gaz)):
        ev += [f"for person: {cue}", f"against person: NER label {label}"]
        return span, "PERSON"
    if label in {"ORG", "PERSON"} and (cue := place_suffix_cue(span, gaz)):
        ev += [f"for place: {cue}", f"against place: NER label {label}"]
        return span, "LOC"
    return span, label


def _untagged_people(doc: Doc, tagged: set[int], gaz: Gazetteer,
                     notes: dict[int, list[str]]) -> list[tuple[Span, str]]:
    """Untagged title-case proper-noun runs that open with a known given name: "Rodney Eyles beat …"."""
    found = []
    i = 0
    while i < len(doc):
        j = i
        while j < len(doc) and j not in tagged and doc[j].pos_ == "PROPN" and doc[j].is_title:
            j += 1
        if j > i and (cue := given_name_cue(doc[i:j], gaz)):
            found.append((doc[i:j], "PERSON"))
            notes[i] = ["no NER label", f"for person: {cue}"]
        i = max(j, i + 1)
    return found


def _age_follows(span: Span) -> bool:
    """"Wang, 45, was sentenced": an age in commas right after a name is said only of a person."""
    doc, j = span.doc, span.end
    if j + 2 >= len(doc) or doc[j].text != "," or doc[j + 2].text != ",":
        return False
    age = doc[j + 1].text
    return age.isdigit() and 1 <= int(age) <= 110


def _after_title(span: Span) -> bool:
    """"President Wang", "Mr Wang": a title word (capitalised) right before the name."""
    prev = span.doc[span.start - 1] if span.start > 0 else None
    return prev is not None and prev.is_title and prev.lower_.rstrip(".") in title_words()


def _places_everywhere(mentions: list[Mention], surnames: dict[str, str]) -> None:
    """A name the syntax once showed to be a place ("near X", "X Oblast") is that place wherever the
    model called it a person (clubs named after places stay organisations), unless it is the surname of
    a person of the story."""
    places = {name_key(m.text): m.text for m in mentions
              if m.type == "place" and any(e.startswith("for place") for e in m.evidence)}
    for m in mentions:
        key = name_key(m.text)
        if m.type == "person" and key in places and key not in surnames:
            m.type = "place"
            m.evidence.append(f"for place: {places[key]!r} is a place elsewhere in the story")


def _trim(ent: Span, label: str) -> tuple[Span | None, str]:
    """Drop a leading determiner and a trailing possessive from an entity span (``label`` its NER label)."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and (doc[start].lower_ in {"the", "a", "an"} or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].text in _POSSESSIVE or doc[end - 1].is_punct):
        end -= 1
    if label in {"PERSON", "ORG", "GPE", "LOC"}:
        # a score or figure the model swallowed ("G. Kersey 63", "Kent 244"): no name ends in digits
        while end - start > 1 and (doc[end - 1].is_digit or _SCORE.fullmatch(doc[end - 1].text)):
            end -= 1
    if label == "PERSON":
        # titles the model sometimes swallows: "President Smith", "Mr. Smith"
        while end - start > 1 and doc[start].lower_ in title_words():
            start += 1
    return (doc[start:end] if end > start else None), label


def _person_names(spans: Iterable[Span], gaz: Gazetteer) -> list[str]:
    """Multi-word personal names of the story, used to recognise bare surnames. A "name" ending in
    a country ("Acme Russia") is a company, and must not turn every "Russia" into a person."""
    return [s.text for s in spans if len(s.text.split()) >= 2 and s[-1].is_title and not s[-1].is_digit
            and (not gaz.country(s[-1].text) or person_evidence(s))]


def _type_span(span: Span, label: str, surnames: dict[str, str], gaz: Gazetteer) -> Mention | None:
    text = span.text
    if " " not in text and name_key(text) in surnames and (label != "NORP" or not gaz.demonym(text)):
        return _why(_mention(span, "person"), f"for person: the surname of {surnames[name_key(text)]!r}")
    if label == "PERSON":
        if not_actor_cue(span):
            return None
        if _described_as_org(span) or (len(span) > 1 and gaz.country(span[-1].text) and not person_evidence(span)):
            return _why(_mention(span, "organization", country=_org_country(span, gaz)),
                        "for organization: an organisation noun before it or a country ending it")
        if _person_is_place(span, gaz):
            return _why(_gpe(span, gaz), "for place: a known large place, or a known place in a place slot")
        if cue := org_cue(span, gaz):
            return _why(_mention(span, "organization", country=_org_country(span, gaz)), f"for organization: {cue}",
                        "against organization: NER label PERSON")
        if cue := group_cue(span, gaz):
            return _why(_mention(span, "demonym", country=gaz.demonym(text)), f"for demonym: {cue}",
                        "against demonym: NER label PERSON")
        return _why(_mention(span, "person"), "for person: label PERSON")
    if label == "NONE":
        return None
    if label == "NORP" or (label == "GPE" and gaz.demonym(text) and not gaz.country(text)):
        iso = gaz.demonym(text)
        return _why(_mention(span, "demonym", country=iso), "for demonym: NER label or a known demonym")
    if igo_key(text) in igos():
        return _why(_mention(span, "organization", country="IGO"), "for organization: a known IGO")
    if label in {"GPE", "LOC", "FAC"}:
        return _why(_gpe(span, gaz), f"for place: label {label}") if label != "FAC" or gaz.is_known(text) else None
    # ORG: seats of power and countries mislabelled as organisations are state/place names
    if gaz.seat_of_power(text) or gaz.country(text) or gaz.capital_of(text):
        return _why(_gpe(span, gaz), "for place: a country, capital or seat of power", "against place: NER label ORG")
    if span[-1].lower_ in _facility_nouns():
        return _why(_mention(span, "place"), "for place: ends in a facility noun", "against place: NER label ORG")
    if in_place_slot(span) and gaz.lookup(text):  # "the city of X" tagged ORG is still the city
        return _why(_mention(span, "place"), "for place: a known place in a place slot", "against place: NER label ORG")
    if len(span) == 1 and span[0].lower_ in _generic_words():
        return None
    if text[:1].islower() and not text.lower().startswith(_ARTICLES):
        return None  # "champagne & alcoholic …": a lower-case phrase is not a name ("al-Foo" is)
    return _why(_mention(span, "organization", country=_org_country(span, gaz)), "for organization: NER label")


def _why(m: Mention, *reasons: str) -> Mention:
    m.evidence.extend(reasons)
    return m


def _not_person(span: Span, gaz: Gazetteer) -> bool:
    """A PERSON-tagged name that some cue shows to be no person (its words then name no one)."""
    return bool(_described_as_org(span) or _person_is_place(span, gaz) or not_actor_cue(span)
                or group_cue(span, gaz) or org_cue(span, gaz))


def _person_is_place(span: Span, gaz: Gazetteer) -> bool:
    """A PERSON-tagged name that is really a place: a country, capital, region or large city, or
    a known city in a place slot ("in Banja Luka", "the regional capital, Banja Luka")."""
    text = span.text
    if gaz.country(text) or gaz.capital_of(text):
        return True
    entries = gaz.lookup(text)
    if not entries:
        return False
    if (entries[0].kind in {"country", "admin1", "region", "water"}
            or entries[0].population >= _PERSON_PLACE_MIN_POPULATION):
        return True
    return in_place_slot(span)


def in_place_slot(span: Span) -> bool:
    """Where the syntax asks for a place: "in X", "the city of X", "the regional capital, X"."""
    root = span.root
    if root.dep_ == "pobj":
        prep = root.head
        return prep.lower_ in _locative_preps() or (
            prep.lower_ == "of" and prep.head.lemma_.lower() in _place_nouns() | {"capital"})
    return root.dep_ == "appos" and root.head.lemma_.lower() in _place_nouns() | {"capital"}


def _described_as_org(span: Span) -> bool:
    """"the militant group al-Foo": an organisation noun right before the name."""
    prev = span.doc[span.start - 1] if span.start > 0 else None
    return prev is not None and prev.lower_ in _org_nouns() and prev.pos_ == "NOUN"


def _org_country(span: Span, gaz: Gazetteer) -> str | None:
    """Country implied by a name's own words: "U.S. Central Command", "Russian Railways"."""
    for tok in span:
        if not tok.text[:1].isupper() or tok.is_stop:
            continue  # "and" is not Andorra's code
        iso = gaz.demonym(tok.text)
        if iso:
            return iso
        entry = gaz.country(tok.text)
        if entry:
            return entry.country
    return None


def _gpe(span: Span, gaz: Gazetteer) -> Mention:
    """A country/capital/seat/city name: the state when it acts, a place when it locates."""
    text = span.text
    country = gaz.country(text)
    if country is not None:
        kind, iso = "country", country.country
    elif (iso := gaz.seat_of_power(text)) is not None:
        kind = "seat"
    elif (iso := gaz.capital_of(text)) is not None:
        kind = "capital"
    else:
        return _mention(span, "place")
    acting = _is_agent_slot(span)
    root = _conj_root(span).root
    if kind == "seat" and not (root.dep_ in {"nsubj", "nsubjpass", "poss", "compound", "nmod"}
                               or (root.dep_ == "pobj" and root.head.lower_ == "by")):
        acting = False  # a building acts only as speaker, owner or agent: "the Kremlin said"
    role: MentionType = "state" if acting else "place"
    return _why(_mention(span, role, country=iso, gpe=kind), f"{kind} in {'an actor' if acting else 'a locative'} slot")


def _is_agent_slot(span: Span) -> bool:
    """True when the name fills an argument slot that only an actor can fill."""
    root = span.root
    dep = root.dep_
    head = root.head
    if dep == "pobj":
        prep = head.lower_
        if prep == "by":
            return True
        if prep in _locative_preps():
            verb = _governing_verb_lemma(head)
            return (prep == "at" and verb in _target_verbs()) or (prep == "to" and verb in _recipient_verbs())
        return True
    if dep == "compound" or dep == "nmod" or dep == "amod":
        # "the Moscow meeting" locates; "a US plan", "US officials" belong to the state
        return head.lemma_.lower() not in _place_nouns()
    if dep == "conj":
        return _is_agent_slot(_conj_root(span))
    if dep == "appos":
        return False
    return dep in _AGENT_DEPS


def _governing_verb_lemma(tok: Token) -> str:
    """Lemma of the verb a phrase hangs from: "launched drones at X" -> "launch"."""
    return governing_verb(tok, steps=3, pos={"VERB"}, or_last=True).lemma_


def _conj_root(span: Span) -> Span:
    tok = first_conjunct(span.root)
    return span.doc[tok.i : tok.i + 1]


def _mention(span: Span, kind: MentionType, country: str | None = None, gpe: str | None = None) -> Mention:
    return Mention(
        start=span.start_char,
        end=span.end_char,
        text=span.text,
        type=kind,
        tok_start=span.start,
        tok_end=span.end,
        country=country,
        gpe=gpe,
    )


@register("eventwire.mentions.v3", requires=("doc", "dateline"), assigns=("mentions",), resources_hash="924c5f9a6d3f",
          resources=("actors", "demonyms.tsv", "mentions", "places", "settings.tsv", "speech_verbs.tsv", "times"))
def mentions_stage(story: Story) -> None:
    """Type every name of the story once; later stages never re-decide what a name is. A name in the
    dateline is a place ("BUCHA, Ukraine —"), and the agency in its brackets is no name of the story."""
    dl, found = story.dateline, find_mentions(story.doc)
    if dl is not None:
        found = [replace(m, type="place", evidence=[*m.evidence, "for place: in the dateline"])
                 if dl.part(m.start, m.end) == "place" else m for m in found if dl.part(m.start, m.end) != "agency"]
    story.mentions = found
