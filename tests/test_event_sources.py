"""Events say where their date and place came from (``date_source``, ``place_source``); sentences are made up."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from eventwire import extract

SCHEMA = json.loads((Path(__file__).parents[1] / "schema" / "eventwire-1.json").read_text(encoding="utf-8"))


def test_event_date_and_place_from_the_clause_are_marked_clause() -> None:
    rec = extract("Russian forces shelled the city of Kharkiv on Monday, officials said.", published="2025-03-05")
    strike = next(e for e in rec.events if e.type == "ASSAULT")
    assert strike.date is not None and strike.date_source == "clause"
    assert strike.place is not None and strike.place_source == "clause"


def test_event_without_date_or_place_says_none_and_takes_no_fallback() -> None:
    rec = extract("WASHINGTON — Rebels attacked the convoy.", published="2025-03-05")
    attack = next(e for e in rec.events if e.type == "ASSAULT")
    assert (attack.date, attack.date_source) == (None, "none")  # the publication day is no date of the event
    assert attack.place_source == "none" or attack.place is not None
    assert attack.place is None or rec.places[0].name != "Washington"  # a dateline places no strike


def test_event_sources_validate_against_the_schema() -> None:
    rec = extract("Russian drones struck Odesa on Monday.", published="2025-03-05")
    data = rec.to_dict()
    jsonschema.validate(data, SCHEMA)
    assert {"date_source", "place_source"} <= set(data["events"][0])
