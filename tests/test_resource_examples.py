"""Every resource file: read by the one reader (eventwire.lexicon), and its ``# EXAMPLE:`` lines run as tests.

Each file kind has a checker and an EXAMPLE syntax (docs/resources.md):

- **record** (actors, statements, events vocabulary, modals, speech verbs, settings):
  ``sentence | claim [| claim ...]``; the sentence goes through ``eventwire.extract`` (published
  2025-12-06) and each claim must hold in the record. A claim is words, quoted like a shell line:
  ``actor NAME [kind=K] [country=C] [sector=S] [role=R] [alias=A]``, ``no-actor NAME``, ``no-role NAME``,
  ``place NAME [kind=K]``, ``no-place NAME``, ``statement [cue=C] [content=C] [speaker=NAME] [channel=C]``,
  ``event TYPE [mode=M] [status=S] [actor=NAME] [recipient=NAME] [object=TEXT]``,
  ``time TEXT VALUE``, ``time TEXT -`` (TEXT is no temporal expression) or ``time -`` (there is none).
- **clean** (boilerplate, headline words): ``raw text | cleaned text``.
- **language** (stopwords): ``text | code``.
- **dateline** (ingest/datelines.tsv): ``text | dateline | place | agency`` (``-`` for none) or
  ``line | byline | names``.
- **acled** (export mapping): ``type | mode | event_type | sub_event_type``.

Times, quantities and event-trigger files keep their own checkers (``OWN_TESTS``); large data tables
without examples are listed in ``NO_EXAMPLES``.
"""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

import eventwire
from eventwire import acled_codes, kb, record
from eventwire.errors import ResourceError
from eventwire.ingest.clean import clean_text
from eventwire.ingest.dateline import find_dateline, parse_byline
from eventwire.ingest.language import detect_language
from eventwire.lexicon import Example, all_resources, parse, read_file, read_table, resource_path

# Files whose EXAMPLE lines another test runs with a checker of its own.
OWN_TESTS = {
    **{f"times/{n}.tsv": "test_times_resources.py" for n in (
        "modifiers", "months", "non_times", "numbers", "parts_of_day", "refs", "rules", "seasons", "units",
        "weekdays")},
    **{f"quantities/{n}.tsv": "test_quantities.py" for n in (
        "casualties", "non_counts", "numbers", "people", "qualifiers", "vague")},
    **{f"events/{n}.tsv": "test_event_lexicons.py" for n in ("contexts", "modes", "triggers")},
    "stories/stopwords.txt": "test_stories.py",
    "stories/forms.tsv": "test_stories.py",
}
# Data tables where an example sentence would say nothing the table does not (checked by test_gazetteer.py).
NO_EXAMPLES = {
    "demonyms.tsv", "places/admin1.tsv", "places/countries.tsv", "places/regions.tsv", "places/seats.tsv",
    "places/us_abbreviations.tsv", "places/water.tsv", "stories/weights.tsv",
}
KINDS = {
    "boilerplate.tsv": "clean",
    "headline_words.tsv": "clean",
    "stopwords.txt": "language",
    "export/acled_mapping.tsv": "acled",
    "export/acled_triggers.tsv": "acled-trigger",
    "export/acled_weapons.tsv": "acled-weapon",
    "export/acled_forces.txt": "acled-forces",
    "export/acled_actors.tsv": "acled-actor",
    "export/acled_countries.tsv": "acled-country",
    "export/acled_categories.tsv": "acled-category",
    "export/outlets.tsv": "outlet",
    "kb/people.tsv": "kb",
    "kb/roles.tsv": "kb-role",
    "ingest/datelines.tsv": "dateline",
}
CHECKED = [r for r in all_resources() if r not in OWN_TESTS and r not in NO_EXAMPLES]
EXAMPLES: list[tuple[str, Example]] = [(r, e) for r in CHECKED for e in read_table(r).examples]


def test_resources_every_file_is_read_and_classified() -> None:
    """Every file parses (FORMAT header present) and is checked here, by its own test, or listed."""
    for relpath in all_resources():
        table = read_table(relpath)
        assert table.rows, relpath
        if relpath in NO_EXAMPLES:
            assert not table.examples, f"{relpath} has EXAMPLE lines now: take it off NO_EXAMPLES"
        else:
            assert table.examples, f"{relpath} has no '# EXAMPLE:' line (or list it in NO_EXAMPLES)"
    assert set(OWN_TESTS) | NO_EXAMPLES <= set(all_resources())


def _names(rec: record.Record, ids: list[str]) -> set[str]:
    by_id = {a.id: a.name for a in rec.actors}
    return {by_id[i] for i in ids if i in by_id}


def _check_claim(rec: record.Record, claim: str) -> None:
    word, *rest = shlex.split(claim)
    attrs = dict(a.split("=", 1) for a in rest if "=" in a)
    free = [a for a in rest if "=" not in a]
    if word in {"actor", "no-actor"}:
        actors = [a for a in rec.actors if a.name == free[0]]
        if word == "no-actor":
            assert not actors, f"unexpected actor {free[0]!r}"
            return
        assert actors, f"no actor {free[0]!r} in {[a.name for a in rec.actors]}"
        actor = actors[0]
        for key, value in attrs.items():
            want = None if value == "null" else value  # country=null: the actor has no country
            got = [r.text for r in actor.roles] if key == "role" else actor.aliases if key == "alias" else getattr(
                actor, key)
            listed = key in {"role", "alias"}
            assert (want in got) if listed else (got == want), f"actor {actor.name}: {key} {got!r} != {want!r}"
    elif word == "no-role":
        assert all(not a.roles for a in rec.actors if a.name == free[0]), f"{free[0]!r} has a role"
    elif word == "no-place":
        assert all(p.name != free[0] for p in rec.places), f"unexpected place {free[0]!r}"
    elif word == "place":
        places = [p for p in rec.places if p.name == free[0]]
        assert places, f"no place {free[0]!r} in {[p.name for p in rec.places]}"
        for key, want in attrs.items():
            assert getattr(places[0], key) == want, f"place {free[0]}: {key} {getattr(places[0], key)!r}"
    elif word == "statement":
        by_id = {a.id: a.name for a in rec.actors}
        found = [(s.cue.text if s.cue else None, s.content, by_id.get(s.speaker or "", s.speaker_text), s.channel)
                 for s in rec.statements]
        want = (attrs.get("cue"), attrs.get("content"), attrs.get("speaker"), attrs.get("channel"))
        assert any(all(w is None or w == g for w, g in zip(want, f, strict=True)) for f in found), \
            f"no statement with {attrs} in {found}"
    elif word == "event":
        def fits(e: record.Event) -> bool:
            return e.type == free[0] and all(
                (key == "mode" and e.mode == want) or (key == "status" and e.status == want)
                or (key == "actor" and want in _names(rec, e.actors))
                or (key == "recipient" and want in _names(rec, e.recipients))
                or (key == "object" and want in e.objects)
                for key, want in attrs.items())
        found = [(e.type, e.mode, e.status, _names(rec, e.actors), _names(rec, e.recipients), e.objects)
                 for e in rec.events]
        assert any(fits(e) for e in rec.events), f"no {free[0]} event with {attrs} in {found}"
    elif word == "time":
        got = {t.text: t.value for t in rec.times}
        if free == ["-"]:
            assert not got, f"expected no temporal expression, got {got}"
        elif free[1] == "-":
            assert free[0] not in got, f"{free[0]!r} is no temporal expression, got {got}"
        else:
            assert got.get(free[0]) == free[1], f"time {free[0]!r}: expected {free[1]}, got {got}"
    else:
        raise AssertionError(f"unknown claim {word!r}")


@pytest.mark.parametrize(("relpath", "example"), EXAMPLES, ids=[e.where.removeprefix("resources/en/")
                                                                 for _, e in EXAMPLES])
def test_resource_example(nlp: object, relpath: str, example: Example) -> None:
    """``nlp`` loads the model once per session; ``eventwire.extract`` shares the loaded pipeline."""
    kind = KINDS.get(relpath, "record")
    fields = example.fields
    assert len(fields) >= 2, f"{example.where}: an EXAMPLE needs at least 'input | expected'"
    if kind == "clean":
        assert clean_text(fields[0]) == fields[1]
    elif kind == "dateline" and fields[1] == "byline":
        assert parse_byline(fields[0]) == (None if fields[2] == "-" else fields[2])
    elif kind == "dateline":
        found = find_dateline(fields[0])
        got = (found.text, found.place or "-", found.agency or "-") if found else ("-", "-", "-")
        assert got == tuple(fields[1:4])
    elif kind == "language":
        assert detect_language(fields[0]) == fields[1]
    elif kind == "kb":
        assert fields[1] in {p.country for p in kb.lookup(fields[0])}
    elif kind == "kb-role":
        assert kb.role_class(fields[0]) == fields[1]
    elif kind in ("acled", "acled-trigger"):
        ptype, cue, *expected = fields
        mode, trigger = (cue, None) if kind == "acled" else (None, f"the {cue} near the town")
        assert acled_codes.category(ptype, mode, trigger, []) == tuple(expected)
    elif kind == "acled-weapon":
        cue, *expected = fields
        assert acled_codes.category("ASSAULT", None, "hit", [], f"They used {cue} on the town.") == tuple(expected)
    elif kind == "acled-forces":
        found = acled_codes.forces_in([fields[0]])
        assert found is not None and found.label == f"Military Forces of {fields[1]}"
    elif kind == "acled-actor":
        sector, inter, _home, label = fields
        party = acled_codes.Party("Some Name", "FRA", sector, "organization")
        coded = acled_codes.code_actor(party, event_type="Battles", disorder="Political violence", role="actor",
                                       event_country="FRA")
        assert coded is not None and (coded.label, coded.inter) == (label.format(country="France") or "Some Name",
                                                                    int(inter))
    elif kind == "acled-country":
        iso3, numeric, name, region = fields
        assert (acled_codes.acled_country(iso3), acled_codes.iso_numeric(iso3), acled_codes.region(iso3)) == (
            name, int(numeric), region)
    elif kind == "acled-category":
        assert acled_codes.disorder_type(fields[0], fields[1]) == fields[2]
    elif kind == "outlet":
        name, hosts, country = fields
        for host in hosts.split("|"):
            assert acled_codes.outlet(None, f"https://www.{host}/2025/01/01/story") == (name, country)
        assert acled_codes.outlet(name, None) == (name, country)
    else:
        rec = eventwire.extract(fields[0], published="2025-12-06")
        for claim in fields[1:]:
            _check_claim(rec, claim)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a\tb\n", "data before the '# FORMAT:' header"),
        ("# note\n", "no '# FORMAT:' header"),
        ("# FORMAT: a<TAB>b\n# FORMAT: a\n", "a second '# FORMAT:' line"),
        ("# FORMAT: a<TAB>b\nx\n", "expected 2 tab-separated column(s) (a<TAB>b), got 1"),
        ("# FORMAT: a<TAB>b?\nx\ty\tz\n", "expected 1-2 tab-separated column(s)"),
        ("# FORMAT: a<TAB>b\nx\t\n", "column 'b' is empty"),
        ("# FORMAT: a<TAB>n:int\nx\t1.5\n", "column 'n' must be an integer, got '1.5'"),
        ("# FORMAT: a<TAB>lat:float\nx\tnorth\n", "column 'lat' must be a number"),
        ("# FORMAT: a<TAB>k:yes|no\nx\tmaybe\n", "column 'k' must be one of yes|no, got 'maybe'"),
        ("# FORMAT: p:regex\n(unclosed\n", "column 'p' is not a valid regular expression"),
        ("# FORMAT: a<TAB>b:number\n", "unknown type 'number'"),
        ("# FORMAT: a b\n", "bad FORMAT column 'a b'"),
        ("# FORMAT: a\n# EXAMPLE:\n", "an empty '# EXAMPLE:' line"),
    ],
)
def test_lexicon_parse_rejects_malformed_files_naming_file_and_line(text: str, message: str) -> None:
    with pytest.raises(ResourceError) as info:
        parse(text, "resources/en/x.tsv")
    assert message in str(info.value)
    assert str(info.value).startswith("EW-R")
    if "header" not in message or "data before" in message:
        assert "resources/en/x.tsv:" in str(info.value)


def test_lexicon_parse_types_optional_columns_and_examples() -> None:
    table = parse("# FORMAT: word<TAB>n:int<TAB>kind:a|b (note)<TAB>extra?\n# EXAMPLE: x | y\n\nw\t3\ta\n"
                  "v\t-4\tb\tmore\n", "resources/en/x.tsv")
    assert table.rows == (("w", "3", "a", ""), ("v", "-4", "b", "more"))
    assert table.where(1) == "resources/en/x.tsv:5"
    assert [c.type for c in table.columns] == ["str", "int", "enum", "str"]
    assert table.columns[2].choices == ("a", "b") and table.columns[2].note == "note"
    assert table.examples[0].fields == ("x", "y") and table.examples[0].where == "resources/en/x.tsv:2"


def test_lexicon_missing_file_raises_r01(tmp_path: Path) -> None:
    with pytest.raises(ResourceError, match="EW-R01") as info:
        read_file(tmp_path / "gone.tsv")
    assert "gone.tsv" in str(info.value)


def test_lexicon_packaged_file_is_named_relative_to_resources() -> None:
    with pytest.raises(ResourceError) as info:
        parse(resource_path("modals.tsv").read_text(encoding="utf-8") + "must\tmaybe\tnone\n",
              "resources/en/modals.tsv")
    assert "resources/en/modals.tsv:" in str(info.value) and "'future' must be one of yes|no" in str(info.value)
