"""``eventwire.export``: JSONL records, CSV and Parquet per table, the ACLED-style CSV and its mapping."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest

import eventwire
from eventwire.errors import ExportError
from eventwire.export import ACLED_COLUMNS, acled_mapping, acled_type, export
from eventwire.store import TABLES, Store

TEXTS = [
    ("Russian forces attacked Kyiv with drones on Tuesday, killing 5 people, Ukrainian officials said. "
     "President Jane Doe met French officials in Geneva in December.", "2025-12-06"),
    ("Thousands of students protested in Nairobi on Friday against tax increases. Police arrested 40 "
     "demonstrators, the Kenyan interior ministry said in a statement.", "2025-10-04"),
]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict]]:
    path = tmp_path_factory.mktemp("export") / "news.db"
    records = [eventwire.extract(text, published=published) for text, published in TEXTS]
    with Store(path) as store:
        for rec in records:
            store.add(rec)
    return path, [r.to_dict() for r in records]


def _count(records: list[dict], table: str) -> int:
    if table == "documents":
        return len(records)
    if table == "event_participants":
        return sum(len(e["actors"]) + len(e["recipients"]) for r in records for e in r["events"])
    return sum(len(r[table]) for r in records)


def test_export_jsonl_one_record_per_line(db: tuple[Path, list[dict]], tmp_path: Path) -> None:
    path, records = db
    assert export(path, "jsonl", tmp_path) == {"records.jsonl": 2}
    lines = (tmp_path / "records.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == records


def test_export_csv_one_file_per_table(db: tuple[Path, list[dict]], tmp_path: Path) -> None:
    path, records = db
    written = export(path, "csv", tmp_path)
    for table in TABLES:
        with (tmp_path / f"{table}.csv").open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        assert len(rows) == _count(records, table) == written[f"{table}.csv"]
        assert "key" not in rows[0]
    with (tmp_path / "events.csv").open(encoding="utf-8", newline="") as fh:
        assert {r["type"] for r in csv.DictReader(fh)} >= {"ASSAULT", "PROTEST"}


def test_export_parquet_readable_by_pyarrow(db: tuple[Path, list[dict]], tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    path, records = db
    export(path, "parquet", tmp_path)
    for table in TABLES:
        assert pq.read_table(tmp_path / f"{table}.parquet").num_rows == _count(records, table)
    events = pq.read_table(tmp_path / "events.parquet").to_pylist()
    assert next(e for e in events if e["type"] == "ASSAULT")["fatalities"] == 5
    assert str(pq.read_table(tmp_path / "places.parquet").schema.field("lat").type) == "double"


def test_export_acled_columns_and_rows(db: tuple[Path, list[dict]], tmp_path: Path) -> None:
    path, _ = db
    export(path, "acled", tmp_path)
    with (tmp_path / "acled.csv").open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        rows = list(reader)
    assert tuple(reader.fieldnames or ()) == ACLED_COLUMNS
    by_type = {r["sub_event_type"]: r for r in rows}
    drone = by_type["Air/drone strike"]
    assert drone["event_type"] == "Explosions/Remote violence" and drone["event_date"] == "2025-12-02"
    assert drone["actor1"] == "Russian forces" and drone["actor2"] == "Ukraine" and drone["country"] == "Ukraine"
    assert drone["fatalities"] == "5" and drone["time_precision"] == "1"
    assert drone["notes"].startswith("Russian forces attacked Kyiv")
    protest = by_type["Peaceful protest"]
    assert protest["location"] == "Nairobi" and protest["country"] == "Kenya" and protest["geo_precision"] == "1"
    assert "Arrests" in by_type  # COERCE/arrest, dated by the publication day
    assert by_type["Arrests"]["time_precision"] == "3"
    assert all(r["event_type"] for r in rows) and not any("CONSULT" in r["event_type"] for r in rows)


def test_export_acled_mapping_rules() -> None:
    assert acled_type("ASSAULT", "heavy-weapons", []) == ("Explosions/Remote violence",
                                                          "Shelling/artillery/missile attack")
    assert acled_type("ASSAULT", "firearms", ["CVL"]) == ("Violence against civilians", "Attack")
    assert acled_type("ASSAULT", "firearms", ["MIL"]) == ("Battles", "Armed clash")
    assert acled_type("ASSAULT", "no-such-mode", []) == ("Battles", "Armed clash")
    assert acled_type("CONSULT", None, []) is None and acled_type("THREATEN", "violence", []) is None
    assert all(len(v) == 2 and all(v) for v in acled_mapping().values())


def test_export_rejects_unknown_format(db: tuple[Path, list[dict]], tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="unknown export format 'xml'") as caught:
        export(db[0], "xml", tmp_path)
    assert caught.value.code == "EW-X01"


def test_export_acled_mapping_names_only_known_plover_modes() -> None:
    from eventwire.lexicon import resource_text

    known: set[tuple[str, str]] = set()
    for name, type_col, mode_col in (("modes.tsv", 0, 2), ("triggers.tsv", 2, 3)):
        for line in resource_text(f"events/{name}").splitlines():
            cols = line.split("\t")
            if not line.startswith("#") and len(cols) > mode_col and cols[mode_col]:
                known.add((cols[type_col], cols[mode_col]))
    unknown = [key for key in acled_mapping() if key[1] != "*" and key not in known]
    assert unknown == []


def test_export_parquet_has_typed_dates_lists_and_structs(db: tuple[Path, list[dict]], tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    path, _ = db
    export(path, "parquet", tmp_path)
    events = pq.read_table(tmp_path / "events.parquet")
    types = {f.name: str(f.type) for f in events.schema}
    assert types["date_start"] == types["date_end"] == "date32[day]"
    assert types["date"] == "string"  # the TIMEX3 value stays beside the typed interval
    assert types["contexts"] in ("list<item: string>", "list<element: string>")  # the name depends on pyarrow
    assert "struct<value: double, qualifier: string, unit: string" in types["quantities"]
    docs = pq.read_table(tmp_path / "documents.parquet").schema
    assert str(docs.field("published").type) == "date32[day]"
    assert str(docs.field("added_at").type).startswith("timestamp[") and "tz=UTC" in str(docs.field("added_at").type)
    assault = next(e for e in events.to_pylist() if e["type"] == "ASSAULT")
    assert isinstance(assault["date_start"], dt.date) and isinstance(assault["contexts"], list)
    assert str(pq.read_table(tmp_path / "actors.parquet").schema.field("aliases").type).startswith("list<")


def test_export_plover_one_self_contained_event_per_line(db: tuple[Path, list[dict]], tmp_path: Path) -> None:
    path, records = db
    written = export(path, "plover", tmp_path)
    lines = [json.loads(line) for line in (tmp_path / "plover.jsonl").read_text(encoding="utf-8").splitlines()]
    assert written == {"plover.jsonl": len(lines)} and len(lines) == sum(len(r["events"]) for r in records)
    required = {"id", "date", "actor", "event"}  # the manual's required fields
    assert all(required <= set(line) for line in lines)
    assault = next(line for line in lines if line["event"] == ["ASSAULT"])
    assert assault["quad_code"] == 4 and assault["size"] == {"dead": 5}
    assert {a["code"] for a in assault["actor"]} == {"RUS"} and assault["actor"][0]["entity_text"]
    assert assault["cite_info"]["coder"].startswith("eventwire") and assault["event_text"]
    assert assault["eventwire"]["status"] == "reported"
    by_id = {line["id"]: line for line in lines}
    placed = [(r, e) for r in records for e in r["events"] if e.get("place")]
    assert placed  # every placed event carries its location object, resolved as the record says
    for rec, event in placed:
        place = next(p for p in rec["places"] if p["id"] == event["place"])
        loc = by_id[f"{rec['document']['id']}-{event['id']}"]["event_loc"]
        assert (loc["resolved_place"], loc["country_code"], loc["lat"]) == (place["name"], place["country"],
                                                                            place["lat"])


def test_export_filters_keep_the_matching_events(db: tuple[Path, list[dict]], tmp_path: Path) -> None:
    path, _ = db
    export(path, "plover", tmp_path / "all")
    export(path, "plover", tmp_path / "ukr", country="Ukraine", type="assault")
    everything = (tmp_path / "all" / "plover.jsonl").read_text(encoding="utf-8").splitlines()
    chosen = [json.loads(line) for line in (tmp_path / "ukr" / "plover.jsonl").read_text(encoding="utf-8").splitlines()]
    assert chosen and len(chosen) < len(everything) and {c["event"][0] for c in chosen} == {"ASSAULT"}
    assert export(path, "jsonl", tmp_path / "j", text="protested") == {"records.jsonl": 1}
    written = export(path, "acled", tmp_path / "a", since="2025-12")
    assert written["acled.csv"] > 0
    with pytest.raises(eventwire.errors.ExportError, match="EW-X04"):
        export(path, "csv", tmp_path / "c", type="ASSAULT")
