"""Story events in the store: clustering at add, stable ids, re-clustering, the JSON shape and the CLI."""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import eventwire
from eventwire.cli import main
from eventwire.record import Record
from eventwire.store import Store, StoreError

# Three outlets on one invented shelling, worded differently; one unrelated protest.
REPORTS = [
    ("Russian forces shelled a power station in Kharkiv on Tuesday, killing 7 people, the regional governor said.",
     "2025-03-05", "Wire One"),
    ("Russian artillery hit a Kharkiv power station on Tuesday, killing at least 7 civilians, officials said.",
     "2025-03-05", "Daily Two"),
    ("A Russian strike on a power station in Kharkiv on Tuesday killed 14 people, the mayor said on Wednesday.",
     "2025-03-06", "Post Three"),
    ("Protesters marched in Nairobi on Friday against new taxes, police said.", "2025-03-08", "Wire One"),
]
KEYS = {"id", "type", "mode", "status", "date_start", "date_end", "place", "actors", "recipients", "first_reported",
        "last_reported", "num_mentions", "num_documents", "num_sources", "sources", "documents", "mentions", "figures"}


@functools.cache
def records() -> tuple[Record, ...]:
    return tuple(eventwire.extract(text, published=day, source=source) for text, day, source in REPORTS)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store(tmp_path / "news.db") as st:
        for rec in records():
            st.add(rec)
        yield st


def _partition(st: Store) -> set[frozenset[str]]:
    rows = st.sql("SELECT story, doc_id || '/' || event AS m FROM story_members")
    groups: dict[str, set[str]] = {}
    for r in rows:
        groups.setdefault(r["story"], set()).add(r["m"])
    return {frozenset(g) for g in groups.values()}


def _shelling(st: Store) -> dict:
    (found,) = st.stories(type="ASSAULT")
    return found


def test_three_reports_of_one_shelling_are_one_story_event(store: Store) -> None:
    s = _shelling(store)
    assert set(s) == KEYS
    assert (s["num_documents"], s["num_sources"]) == (3, 3)
    assert s["sources"] == ["Daily Two", "Post Three", "Wire One"]
    assert s["date_start"] == s["date_end"] == "2025-03-04"
    assert s["place"]["name"] == "Kharkiv" and s["place"]["country"] == "UKR"
    assert s["first_reported"] == "2025-03-05" and s["last_reported"] == "2025-03-06"
    assert {m["source"] for m in s["mentions"]} == {"Wire One", "Daily Two", "Post Three"}
    assert all(m["sentence"] for m in s["mentions"])
    (killed,) = [f for f in s["figures"] if f["field"] == "fatalities"]
    assert sorted((v["value"], v["qualifier"] or "") for v in killed["values"]) == [(7, ""), (7, "at least"), (14, "")]
    assert (killed["low"], killed["high"], killed["contested"]) == (7, 14, True)
    assert [p["type"] for p in store.stories(type="PROTEST")] == ["PROTEST"]
    assert store.check_stories() == []


def test_filters_by_country_place_and_dates(store: Store) -> None:
    assert [s["type"] for s in store.stories(country="KEN")] == ["PROTEST"]
    assert [s["type"] for s in store.stories(place="kharkiv")] == ["ASSAULT"]
    assert [s["type"] for s in store.stories(since="2025-03-06")] == ["PROTEST"]
    assert store.stories(until="2025-03-01") == []
    assert len(store.stories(limit=1)) == 1
    assert [s["type"] for s in store.stories(min_sources=2)] == ["ASSAULT"]
    assert [s["type"] for s in store.stories(min_documents=3, min_sources=3)] == ["ASSAULT"]
    assert store.stories(min_documents=4) == []


def test_story_by_id_and_an_unknown_id_is_a_coded_error(store: Store) -> None:
    s = _shelling(store)
    assert store.story(s["id"])["documents"] == s["documents"]
    with pytest.raises(StoreError, match="EW-S14"):
        store.story("S000000000000")


def test_readding_unchanged_documents_keeps_every_story_id(store: Store) -> None:
    before = {s["id"]: s["documents"] for s in store.stories()}
    for rec in records():
        store.add(rec)
    assert {s["id"]: s["documents"] for s in store.stories()} == before
    assert store.check_stories() == []


def test_removing_reports_shrinks_and_then_drops_the_story(store: Store) -> None:
    s = _shelling(store)
    first, *rest = s["documents"]
    store.remove(first)
    assert store.story(s["id"])["num_documents"] == 2
    for doc in rest:
        store.remove(doc)
    assert store.stories(type="ASSAULT") == []
    assert store.check_stories() == []


def test_cluster_from_scratch_gives_the_same_groups(store: Store) -> None:
    before = _partition(store)
    summary = store.cluster()
    assert summary.mentions == sum(len(r.events) for r in records())
    assert _partition(store) == before
    assert store.check_stories() == []


def test_a_failed_add_leaves_the_clusters_as_they_were(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from eventwire.store import stories as store_stories
    from eventwire.store import story_rows

    before = _partition(store)

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(store_stories, "refresh", broken)
    monkeypatch.setattr(story_rows, "refresh", broken)  # the batch's refresh, before its commit
    extra = eventwire.extract("Russian drones struck Kharkiv on Tuesday, officials said.", published="2025-03-05",
                              source="Fourth")
    with pytest.raises(RuntimeError):
        store.add(extra)
    assert not store.has(extra.document.id)
    assert _partition(store) == before
    assert store.check_stories() == []


def test_cli_stories_json_csv_table_and_story(store: Store) -> None:
    db = str(store.path)
    store.close()
    runner = CliRunner()
    out = runner.invoke(main, ["stories", "--db", db, "--format", "json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert {s["type"] for s in data} == {"ASSAULT", "PROTEST"} and set(data[0]) == KEYS
    csv_out = runner.invoke(main, ["stories", "--db", db, "--format", "csv", "--type", "ASSAULT"])
    header, row = csv_out.output.strip().splitlines()
    assert header.startswith("id,type,mode,status,date_start") and "Daily Two; Post Three; Wire One" in row
    table = runner.invoke(main, ["stories", "--db", db])
    assert "2025-03-04" in table.output and "Kharkiv" in table.output and "2 story event(s)" in table.output
    sid = next(s["id"] for s in data if s["type"] == "ASSAULT")
    one = runner.invoke(main, ["story", "--db", db, sid])
    assert one.exit_code == 0 and "Daily Two" in one.output and "3 document(s)" in one.output
    missing = runner.invoke(main, ["story", "--db", db, "Snope"])
    assert missing.exit_code == 1 and "EW-S14" in missing.output and "Traceback" not in missing.output


def test_cli_cluster_reports_what_it_did(store: Store) -> None:
    db = str(store.path)
    store.close()
    out = CliRunner().invoke(main, ["cluster", "--db", db, "--since", "2025-03"])
    assert out.exit_code == 0, out.output
    assert "event mentions into" in out.output


def test_cluster_adopts_events_stored_before_story_events_existed(store: Store) -> None:
    before = _partition(store)
    store.connection.execute("DELETE FROM story_members")  # as a store upgraded from schema 2
    store.connection.execute("DELETE FROM story_events")
    assert any(p.endswith("stored events in no story event") for p in store.check_stories())
    store.cluster()
    assert _partition(store) == before
    assert store.check_stories() == []


def test_a_storys_latest_members_are_read_through_an_index_not_a_sort(store: Store) -> None:
    """Clustering reads a candidate story's last members for every new mention: a sort of all of them would
    make each report of a widely reprinted story slower than the last."""
    plan = " ".join(str(row[3]) for row in store.connection.execute(
        "EXPLAIN QUERY PLAN SELECT mention FROM story_members WHERE story = ? "
        "ORDER BY window_end DESC, rowid DESC LIMIT 8", ("S000000000000",)))
    assert "story_members_recent" in plan and "TEMP B-TREE" not in plan
