"""The people knowledge base: the name key, the lookup rules on a made-up file, the shipped file's sanity,
and that the shipped file is exactly what ``scripts/build_kb.py`` makes of ``../shared/kb``."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pycountry
import pytest

from eventwire import kb
from eventwire.names import name_key

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT.parent / "shared" / "kb" / "factbook-government.json"
SHIPPED = ROOT / "src" / "eventwire" / "resources" / "en" / "kb" / "people.tsv"

# Made-up people (no real person's data): two sharing a surname in two countries, one office with a date.
# (name, variants, surname, country, role, class, since, field, profiles); keys are computed with name_key.
FIXTURE = [
    ("Orvik Tamaszensky", "", "Tamaszensky", "UKR", "president", "head_of_state", "2030-05-20", "chief of state",
     "x/aa"),
    ("Orvik Tamaszensky", "", "Tamaszensky", "UKR", "candidate", "candidate", "2029", "election results", "x/aa"),
    ("Lida Tamaszensky", "", "Tamaszensky", "POL", "ambassador", "ambassador", "2031-01", "chief of mission", "x/bb"),
    ("Quill Baramov Petrus", "Quill Baramov", "Baramov", "FRA", "prime minister", "head_of_government", "2030",
     "head of government", "x/cc"),
    ("Quill Baramov Petrus", "Quill Baramov", "Baramov", "AND", "co-prince", "head_of_state", "2030",
     "chief of state", "x/dd"),
]


@pytest.fixture
def small(tmp_path: Path) -> kb.KB:
    lines = ["# FORMAT: " + "<TAB>".join(c + "?" if c in {"variants", "role", "since"} else c for c in kb.COLUMNS)]
    for name, variant, surname, *rest in FIXTURE:
        lines.append("\t".join([name, name_key(name), name_key(variant), name_key(surname), *rest]))
    path = tmp_path / "people.tsv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return kb.KB.load(path)


# -- the name key ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("a, b", [
    ("Zorovych Tamaszenkyy", "Zorovych Tamaszenky"),     # -yy / -y
    ("Zorovych Tamaszenkiy", "Zorovych Tamaszenkyi"),    # -iy / -yi
    ("Kharlo Minev", "Harlo Minev"),                     # kh / h
    ("Yevgor Piatriev", "Evgor Piatryev"),               # initial ye / e, ie / ye
    ("Aleksei Oxan", "Alexey Oksan"),                    # x / ks, final -ei / -ey
    ("Yuliya Brenk", "Yulia Brenk"),                     # -iya / -ia
    ("Ömer Çelikdağ", "Omer Celikdag"),                  # diacritics folded
    ("Hamid al-BARRAQ", "Hamid Barraq"),                 # al- dropped, capitals, doubled letters
    ("Hamid el-Baraq", "Hamid Al Baraq"),                # el- / Al
    ("Tariq Shia' Mundi", "Tariq Shia Mundi"),           # apostrophes dropped
    ("Anna-Lise Brook", "Anna Lise Brook"),              # hyphen = space
    ("Joseph R. Dorran, Jr.", "Joseph Dorran"),          # initials and Jr. dropped
    ("Jos&eacute; Marl", "José Marl"),                   # HTML entities decoded
])
def test_kb_name_key_collapses_spelling_variants(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize("a, b", [("Petro Maren", "Pavlo Maren"), ("Karl III", "Karl II"), ("Ilse Ward", "Ilse Word")])
def test_kb_name_key_keeps_different_names_apart(a: str, b: str) -> None:
    assert name_key(a) != name_key(b)


# -- the API on a made-up file --------------------------------------------------------------------------
def test_kb_lookup_gives_country_at_any_date_and_role_from_its_since_date(small: kb.KB) -> None:
    before = small.lookup("Orvik Tamaszenskiy", on=dt.date(2020, 1, 1))
    assert [(p.country, p.role) for p in before] == [("UKR", None)]
    during_campaign = small.lookup("Orvik Tamaszensky", on=dt.date(2029, 6, 1))
    assert [(p.country, p.role_class) for p in during_campaign] == [("UKR", "candidate")]
    in_office = small.lookup("orvik TAMASZENSKYY", on=dt.date(2030, 5, 20))
    assert [(p.country, p.role, p.since) for p in in_office] == [("UKR", "president", "2030-05-20")]
    assert small.lookup("Orvik Tamaszensky")[0].role == "president"  # no story date: every office counts


def test_kb_lookup_matches_variants_and_returns_every_country(small: kb.KB) -> None:
    found = small.lookup("Quill Baramov", on=dt.date(2035, 1, 1))
    assert {p.country for p in found} == {"FRA", "AND"}
    assert small.lookup("Nobody Known") == []
    assert small.lookup("Tamaszensky") == []  # one word is a surname, not a full name


def test_kb_by_surname_needs_a_matching_role_held_on_the_date(small: kb.KB) -> None:
    assert {p.country for p in small.by_surname("Tamaszensky")} == {"UKR", "POL"}
    heads = small.by_surname("Tamaszenskyi", "President", on=dt.date(2031, 3, 1))
    assert [(p.name, p.country) for p in heads] == [("Orvik Tamaszensky", "UKR")]
    assert small.by_surname("Tamaszensky", "President", on=dt.date(2025, 3, 1)) == []
    assert [p.country for p in small.by_surname("Tamaszensky", "Ambassador", on=dt.date(2031, 2, 1))] == ["POL"]
    assert [p.country for p in small.by_surname("Baramov", "Prime Minister")] == ["FRA"]
    assert small.by_surname("Tamaszensky", "Florist") == []


def test_kb_role_words_map_to_classes() -> None:
    assert kb.role_class("President") == "head_of_state"
    assert kb.role_class("Prime Minister") == "head_of_government"
    assert kb.role_class("Ukraine's Foreign Minister") == "foreign_minister"
    assert kb.role_class("First Deputy Prime Minister") == "deputy"
    assert kb.role_class("plumber") is None


# -- the shipped file -----------------------------------------------------------------------------------
def test_kb_shipped_file_is_sane() -> None:
    entries = kb.default_kb().entries
    people = {(e.key, e.country) for e in entries}
    assert len(people) >= 1300  # measured 1,380 person-country pairs on the 2026-05 snapshot
    allowed = {c.alpha_3 for c in pycountry.countries} | {"XKX"}  # Kosovo: the package's own code
    assert {e.country for e in entries} <= allowed
    classes = {e.role_class for e in entries}
    assert {"head_of_state", "head_of_government", "ambassador", "candidate"} <= classes
    for e in entries:
        assert e.key == name_key(e.name) and e.surname
        assert not e.since or kb.since_date(e.since) is not None, e
    heads = {e.country for e in entries if e.role_class == "head_of_state"}
    assert len(heads) >= 180  # measured 194


def test_kb_loads_fast_and_once() -> None:
    assert kb.default_kb() is kb.default_kb()


@pytest.mark.skipif(not SOURCE.is_file(), reason=f"{SOURCE} is absent (the raw Factbook data is not shipped)")
def test_kb_shipped_file_is_exactly_the_build_scripts_output(tmp_path: Path) -> None:
    out = tmp_path / "people.tsv"
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_kb.py"), str(SOURCE), "--out", str(out)],
                          capture_output=True, text=True, check=True)
    assert "distinct people" in done.stdout
    assert out.read_text(encoding="utf-8") == SHIPPED.read_text(encoding="utf-8"), \
        "rebuild: python scripts/build_kb.py ../shared/kb/factbook-government.json"
