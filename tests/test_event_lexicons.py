"""The event lexicons read by eventwire.events: every row well-formed, modes valid per docs/plover.md,
no duplicates, and every ``# EXAMPLE:`` sentence contains the cue it illustrates."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from spacy.language import Language

from eventwire.lexicon import read_table, read_tsv

DOCS = Path(__file__).resolve().parents[1] / "docs" / "plover.md"

# The modes eventwire uses for each type (docs/plover.md); AGREE, SUPPORT, CONCEDE, COOPERATE and AID have none.
MODES: dict[str, frozenset[str]] = {
    "AGREE": frozenset(),
    "CONSULT": frozenset({"visit", "third-party", "multilateral", "phone"}),
    "SUPPORT": frozenset(),
    "CONCEDE": frozenset(),
    "COOPERATE": frozenset(),
    "AID": frozenset(),
    "RETREAT": frozenset({"withdraw", "release", "disarm", "ceasefire", "access", "resign"}),
    "REQUEST": frozenset({"assist", "change", "yield", "meet"}),
    "ACCUSE": frozenset({"disapprove", "investigate", "allege"}),
    "REJECT": frozenset({"assist", "change", "yield", "meet"}),
    "THREATEN": frozenset({"restrict", "arrest", "relations", "expel", "territory", "violence"}),
    "PROTEST": frozenset({"demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"}),
    "SANCTION": frozenset({"convict", "expel", "withdraw", "discontinue"}),
    "MOBILIZE": frozenset({"troops", "weapons", "police", "militia"}),
    "COERCE": frozenset({"seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport", "withhold",
                         "misinformation", "cyber"}),
    "ASSAULT": frozenset({"abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive", "firearms",
                          "explosives", "suicide-attack", "aerial", "drone", "heavy-weapons", "crowd-control",
                          "unconventional"}),
}
CONTEXTS = frozenset({
    "military", "intelligence", "executive", "legislative", "election", "political_institutions", "pro_democracy",
    "pro_autocracy", "economic", "legal", "reparations", "human_rights", "rights_freedoms", "repression",
    "human_security", "gender", "lgbt", "religion_ethnicity", "inequality", "diplomatic", "territory",
    "peacekeeping", "health", "asylum", "migration", "disasters", "natural_resource", "environment", "technology",
    "terrorism", "cbrn", "cyber", "misinformation", "crime", "corruption", "illegal_drugs", "trafficking",
})
FRAMES = frozenset({"directional", "reciprocal"})
CUE = re.compile(r"^[a-z0-9][a-z0-9' -]*[a-z0-9]$|^[a-z]$")

TRIGGERS = read_tsv("events/triggers.tsv")
MODE_ROWS = read_tsv("events/modes.tsv")
CONTEXT_ROWS = read_tsv("events/contexts.tsv")


@pytest.mark.parametrize("row", TRIGGERS, ids=[f"{r[0]}/{r[1]}/{r[2]}" for r in TRIGGERS])
def test_event_lexicons_trigger_row_is_well_formed(row: tuple[str, ...]) -> None:
    trigger, pos, etype, mode, frame = row
    assert CUE.match(trigger) and "  " not in trigger, f"trigger must be a lower-case lemma or phrase: {trigger!r}"
    assert pos in {"VERB", "NOUN"}
    assert etype in MODES, f"unknown type {etype}"
    assert mode == "" or mode in MODES[etype], f"mode {mode!r} is not a {etype} mode"
    assert frame in FRAMES


def test_event_lexicons_triggers_have_no_duplicates() -> None:
    counts = Counter((t, pos, etype) for t, pos, etype, _, _ in TRIGGERS)
    assert [key for key, n in counts.items() if n > 1] == []


def test_event_lexicons_every_type_has_verbs_and_nouns() -> None:
    for etype in MODES:
        pos = Counter(p for _, p, t, _, _ in TRIGGERS if t == etype)
        assert pos["VERB"] >= 5 and pos["NOUN"] >= 3, (etype, dict(pos))


@pytest.mark.parametrize(
    ("trigger", "etype"),
    [("talk", "CONSULT"), ("meeting", "CONSULT"), ("summit", "CONSULT"), ("visit", "CONSULT"),
     ("strike", "ASSAULT"), ("airstrike", "ASSAULT"), ("attack", "ASSAULT"), ("offensive", "ASSAULT"),
     ("siege", "ASSAULT"), ("shelling", "ASSAULT"), ("bombardment", "ASSAULT"), ("invasion", "ASSAULT"),
     ("sanction", "SANCTION"), ("embargo", "SANCTION"), ("arrest", "COERCE"), ("ban", "COERCE"),
     ("protest", "PROTEST"), ("demonstration", "PROTEST"), ("ceasefire", "RETREAT"), ("agreement", "AGREE"),
     ("deal", "AGREE"), ("framework", "AGREE"), ("aid", "AID"), ("loan", "AID"), ("withdrawal", "RETREAT"),
     ("mobilization", "MOBILIZE"), ("threat", "THREATEN"), ("accusation", "ACCUSE"), ("rejection", "REJECT"),
     ("demand", "REQUEST"), ("appeal", "REQUEST")],
)
def test_event_lexicons_core_event_nouns_are_listed(trigger: str, etype: str) -> None:
    assert (trigger, "NOUN", etype) in {(t, p, e) for t, p, e, _, _ in TRIGGERS}


@pytest.mark.parametrize(
    ("trigger", "pos"),
    [("meet", "VERB"), ("talk", "NOUN"), ("hold talk", "VERB"), ("negotiate", "VERB"), ("agree", "VERB"),
     ("sign deal", "VERB"), ("clash", "VERB")],
)
def test_event_lexicons_reciprocal_frames(trigger: str, pos: str) -> None:
    frames = {f for t, p, _, _, f in TRIGGERS if (t, p) == (trigger, pos)}
    assert frames == {"reciprocal"}


@pytest.mark.parametrize("row", MODE_ROWS, ids=[f"{r[0]}/{r[1]}" for r in MODE_ROWS])
def test_event_lexicons_mode_row_is_well_formed(row: tuple[str, ...]) -> None:
    etype, cue, mode = row
    assert etype in MODES
    assert CUE.match(cue), f"cue must be a lower-case lemma or phrase: {cue!r}"
    assert mode in MODES[etype], f"mode {mode!r} is not a {etype} mode"


def test_event_lexicons_modes_have_no_duplicates_and_cover_every_mode() -> None:
    counts = Counter((etype, cue) for etype, cue, _ in MODE_ROWS)
    assert [key for key, n in counts.items() if n > 1] == []
    for etype, modes in MODES.items():
        covered = {m for t, _, m in MODE_ROWS if t == etype}
        assert covered == modes, (etype, sorted(modes - covered))


@pytest.mark.parametrize("row", CONTEXT_ROWS, ids=[f"{r[0]}/{r[1]}" for r in CONTEXT_ROWS])
def test_event_lexicons_context_row_is_well_formed(row: tuple[str, ...]) -> None:
    cue, context = row
    assert CUE.match(cue), f"cue must be a lower-case lemma or phrase: {cue!r}"
    assert context in CONTEXTS


def test_event_lexicons_contexts_have_no_duplicates_and_cover_every_context() -> None:
    counts = Counter(CONTEXT_ROWS)
    assert [key for key, n in counts.items() if n > 1] == []
    assert {c for _, c in CONTEXT_ROWS} == CONTEXTS


def test_event_lexicons_docs_list_every_type_mode_and_context() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for etype, modes in MODES.items():
        assert f"### {etype}" in text, etype
        for mode in modes:
            assert f"`{mode}`" in text, (etype, mode)
    for context in CONTEXTS:
        assert f"`{context}`" in text, context


def _examples(name: str, fields: int) -> list[tuple[str, ...]]:
    rows = [e.fields for e in read_table(f"events/{name}").examples]
    for parts in rows:
        assert len(parts) == fields, f"{name}: malformed EXAMPLE line {parts!r}"
    assert rows, f"{name} has no EXAMPLE lines"
    return rows


def _contains(nlp: Language, sentence: str, phrase: str) -> bool:
    """The phrase's words occur in order in the sentence, each as a token's lemma or lower-cased text."""
    words = phrase.split()
    k = 0
    for token in nlp(sentence):
        if k < len(words) and words[k] in {token.lemma_.lower(), token.lower_}:
            k += 1
    return k == len(words)


@pytest.mark.parametrize("example", _examples("triggers.tsv", 4), ids=lambda e: e[1])
def test_event_lexicons_trigger_examples(nlp: Language, example: tuple[str, ...]) -> None:
    sentence, trigger, etype, mode = example
    mode = "" if mode == "-" else mode
    assert (trigger, etype, mode) in {(t, e, m) for t, _, e, m, _ in TRIGGERS}, example
    assert _contains(nlp, sentence, trigger), example


@pytest.mark.parametrize("example", _examples("modes.tsv", 4), ids=lambda e: f"{e[1]}/{e[2]}")
def test_event_lexicons_mode_examples(nlp: Language, example: tuple[str, ...]) -> None:
    sentence, etype, cue, mode = example
    assert (etype, cue, mode) in set(MODE_ROWS), example
    assert _contains(nlp, sentence, cue), example


@pytest.mark.parametrize("example", _examples("contexts.tsv", 3), ids=lambda e: e[1])
def test_event_lexicons_context_examples(nlp: Language, example: tuple[str, ...]) -> None:
    sentence, cue, context = example
    assert (cue, context) in set(CONTEXT_ROWS), example
    assert _contains(nlp, sentence, cue), example
