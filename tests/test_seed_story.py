"""End to end on the reference AFP story in ../shared (skipped when it is absent)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import jsonschema
import pytest

import eventwire
from eventwire.ingest import RawStory, read_paths

SCHEMA = json.loads((Path(__file__).resolve().parents[1] / "schema" / "eventwire-1.json").read_text())


@pytest.fixture(scope="module")
def record(shared: Path) -> eventwire.Record:
    path = shared / "corpus" / "seed" / "afp-2025-12-06-miami-talks.txt"
    if not path.exists():
        pytest.skip(f"{path} not found")
    (story,) = [s for s in read_paths([path]) if isinstance(s, RawStory)]
    (rec,) = list(eventwire.extract_many([story]))
    assert isinstance(rec, eventwire.Record)
    return rec


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dlat, dlon = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dlat / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlon / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(a))


def test_seed_record_is_valid_and_cleaned(record: eventwire.Record) -> None:
    jsonschema.validate(json.loads(record.to_json()), SCHEMA)
    doc = record.document
    assert doc.published == "2025-12-06" and doc.source == "AFP"
    assert doc.text.startswith("Ukrainian and US officials")
    assert "READ ALSO" not in doc.text and not doc.text.rstrip().endswith("AFP")


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("Donald Trump", "USA"), ("Steve Witkoff", "USA"), ("Jared Kushner", "USA"),
        ("Rustem Umerov", "UKR"), ("Andriy Gnatov", "UKR"), ("Vladimir Putin", "RUS"),
        ("Yuri Ushakov", "RUS"), ("Volodymyr Zelensky", "UKR"), ("Mykhailo Podolyak", "UKR"),
        ("Narendra Modi", "IND"),
    ],
)
def test_seed_people_and_their_countries(record: eventwire.Record, name: str, country: str) -> None:
    people = {a.name: a for a in record.actors if a.kind == "person"}
    assert people[name].country == country


def test_seed_states_with_capitals_as_aliases(record: eventwire.Record) -> None:
    states = {a.name: a for a in record.actors if a.kind == "country"}
    assert "Moscow" in states["Russia"].aliases
    assert "Washington" in states["United States"].aliases
    assert states["Ukraine"].country == "UKR"


def test_seed_groups_and_organisations(record: eventwire.Record) -> None:
    kinds = {(a.kind, a.country) for a in record.actors if a.kind in {"group", "organization"}}
    assert ("group", "UKR") in kinds and ("group", "USA") in kinds  # Ukrainian and US officials
    ministry = next(a for a in record.actors if "defence ministry" in a.name)
    assert (ministry.country, ministry.sector) == ("RUS", "MIL")
    assert any(a.country == "IGO" and "NATO" in a.aliases for a in record.actors)


def test_seed_roles(record: eventwire.Record) -> None:
    roles = {a.name: [r.text for r in a.roles] for a in record.actors}
    assert "Kremlin aide" in roles["Yuri Ushakov"]
    assert "top Ukrainian negotiator" in roles["Rustem Umerov"]
    assert any("chief of staff" in r for r in roles["Andriy Gnatov"])
    assert any("special envoy" in r for r in roles["Steve Witkoff"])


@pytest.mark.parametrize(
    ("name", "country", "lat", "lon"),
    [("Miami", "USA", 25.77, -80.19), ("Kremlin", "RUS", 55.75, 37.62), ("Moscow", "RUS", 55.75, 37.62),
     ("Poland", "POL", 52.0, 19.5), ("India", "IND", 22.0, 79.0), ("Alaska", "USA", 64.0, -150.0)],
)
def test_seed_places_with_coordinates(record: eventwire.Record, name: str, country: str, lat: float,
                                      lon: float) -> None:
    place = next(p for p in record.places if p.name == name)
    assert place.country == country
    assert place.lat is not None and place.lon is not None
    assert km(place.lat, place.lon, lat, lon) < 700  # large units: any representative point inside


def test_seed_miami_is_in_florida(record: eventwire.Record) -> None:
    assert next(p for p in record.places if p.name == "Miami").admin1 == "Florida"


@pytest.mark.parametrize(
    ("text", "value", "kind", "mod"),
    [
        ("Saturday", "2025-12-06", "date", None),
        ("Tuesday", "2025-12-02", "date", None),
        ("Friday", "2025-12-05", "date", None),
        ("Wednesday", "2025-12-03", "date", None),
        ("last month", "2025-11", "date", None),
        ("February 2022", "2022-02", "date", None),
        ("January", "2025-01", "date", None),
        ("this week", "2025-W49", "date", None),
        ("spring", "2025-SP", "date", None),
        ("five-hour", "PT5H", "duration", None),
        ("nearly four-year", "P4Y", "duration", "APPROX"),
    ],
)
def test_seed_times(record: eventwire.Record, text: str, value: str, kind: str, mod: str | None) -> None:
    found = [t for t in record.times if t.text == text]
    assert found, f"{text!r} not found in {[t.text for t in record.times]}"
    assert all((t.value, t.kind, t.mod) == (value, kind, mod) for t in found)


def test_seed_no_dates_from_quantities(record: eventwire.Record) -> None:
    assert not any("700" in t.text for t in record.times)


# --- statements and events ----------------------------------------------------------------------------


def _names(record: eventwire.Record, ids: list[str]) -> set[str]:
    by_id = {a.id: a for a in record.actors}
    return {by_id[i].name for i in ids}


def _countries(record: eventwire.Record, ids: list[str]) -> set[str | None]:
    by_id = {a.id: a for a in record.actors}
    return {by_id[i].country for i in ids}


def _place(record: eventwire.Record, place_id: str | None) -> str | None:
    return next((p.name for p in record.places if p.id == place_id), None)


def test_seed_talks_in_miami_between_us_and_ukraine(record: eventwire.Record) -> None:
    talks = [e for e in record.events if e.type == "CONSULT" and _place(record, e.place) == "Miami"]
    assert len(talks) == 1
    assert {"USA", "UKR"} <= _countries(record, talks[0].actors)
    assert talks[0].recipients == [] and talks[0].date == "2025-12-06"


def test_seed_kremlin_meeting_on_tuesday(record: eventwire.Record) -> None:
    meeting = next(e for e in record.events if e.type == "CONSULT" and _place(record, e.place) == "Kremlin")
    assert meeting.date == "2025-12-02"
    assert {"Vladimir Putin", "Steve Witkoff", "Jared Kushner"} <= _names(record, meeting.actors)


def test_seed_moscow_rejects_and_the_framework_is_agreed(record: eventwire.Record) -> None:
    reject = next(e for e in record.events if e.type == "REJECT")
    assert _names(record, reject.actors) == {"Russia"}
    agree = next(e for e in record.events if e.type == "AGREE" and e.status == "reported")
    assert {"USA", "UKR"} <= _countries(record, agree.actors)


def test_seed_the_strike(record: eventwire.Record) -> None:
    strikes = [e for e in record.events if e.type == "ASSAULT" and e.date == "2025-12-06"]
    assert len(strikes) == 1
    strike = strikes[0]
    assert _names(record, strike.actors) == {"Russia"} and _names(record, strike.recipients) == {"Ukraine"}
    assert [(q.value, q.qualifier, q.unit) for q in strike.quantities] == [(700, "over", "drones and missiles")]
    assert any("energy" in o and "railway" in o for o in strike.objects)
    assert strike.status == "reported" and strike.claimed_by is None
    assert len(strike.mentions) >= 2  # "new strikes" and "launched over 700 drones" are one strike


def test_seed_invasion_is_historical(record: eventwire.Record) -> None:
    invasion = next(e for e in record.events if e.type == "ASSAULT" and e.date == "2022-02")
    assert invasion.status == "historical"


def test_seed_oil_sanctions(record: eventwire.Record) -> None:
    sanction = next(e for e in record.events if e.type == "SANCTION")
    assert _names(record, sanction.actors) == {"Donald Trump"}
    assert _countries(record, sanction.recipients) == {"RUS"}


def test_seed_putin_meets_modi_in_india(record: eventwire.Record) -> None:
    meeting = next(e for e in record.events if e.type == "CONSULT" and "Narendra Modi" in _names(record, e.actors))
    assert "Vladimir Putin" in _names(record, meeting.actors)
    assert _place(record, meeting.place) == "India"


@pytest.mark.parametrize(
    ("opening", "speaker", "channel", "date", "direct"),
    [
        ("real progress", "United States", None, None, False),
        ("Both parties agreed", "Steve Witkoff", "X", "2025-12-05", True),
        ("Russia’s aim is", "Volodymyr Zelensky", "X", None, True),
        ("That is exactly why", "Volodymyr Zelensky", "X", None, True),
        ("all designated targets were hit", "Russian defence ministry", None, None, True),
        ("Tuesday’s five-hour", "Yuri Ushakov", None, None, False),
        ("Putin and Witkoff", "Yuri Ushakov", "television", "2025-12-05", True),
        ("A new person has joined us", "Yuri Ushakov", None, None, True),
        ("the diplomatic process", "Mykhailo Podolyak", "social media", "2025-12-05", True),
        ("Ukraine seeks to end the war", "Mykhailo Podolyak", None, None, True),
        ("the envoys had", "Donald Trump", None, "2025-12-03", False),
        ("the talks were", "Vladimir Putin", None, None, False),
    ],
)
def test_seed_statements(record: eventwire.Record, opening: str, speaker: str, channel: str | None,
                         date: str | None, direct: bool) -> None:
    found = [s for s in record.statements if s.content.startswith(opening)]
    assert found, f"no statement opening {opening!r}"
    st = found[0]
    by_id = {a.id: a.name for a in record.actors}
    assert by_id.get(st.speaker or "") == speaker
    assert (st.channel, st.date, st.direct) == (channel, date, direct)
    text = record.document.text
    assert text[st.span[0] : st.span[1]] == st.content
    assert not st.content.startswith(("“", '"', "that "))
