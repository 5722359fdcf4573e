"""The story-event pages: the list loads, filters change the rows, JSON equals the HTML rows, pages cover
every story once, one story event shows every report and its contested figures side by side, merged ids
redirect, unknown ids are 404s."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import Any


def test_stories_page_lists_story_events_and_filters_change_rows(page: Any, server: str, row_ids: Any,
                                                                 shot: Any) -> None:
    page.goto(f"{server}/stories")
    assert page.title().startswith("Story events")
    everything = row_ids(page, "#stories")
    assert len(everything) >= 5
    shot(page, "stories.png")
    page.fill("input[name=type]", "PROTEST")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**type=PROTEST**")
    protests = row_ids(page, "#stories")
    assert protests and set(protests) < set(everything)
    assert set(page.locator("#stories tbody .type").all_inner_texts()) == {"PROTEST"}
    assert not page.dialogs and not page.errors  # the markup story's outlet and title stay text


def test_reported_by_two_outlets_keeps_the_kharkiv_strike_marked_contested(page: Any, server: str,
                                                                           row_ids: Any) -> None:
    page.goto(f"{server}/stories")
    page.get_by_role("link", name="2+ outlets").click()
    page.wait_for_url("**min_sources=2**")
    assert len(row_ids(page, "#stories")) == 1
    row = page.locator("#stories tbody tr[data-id]")
    assert "Kharkiv" in row.inner_text() and "contested" in row.locator(".figs").inner_text()
    assert "Reuters" in row.inner_text() and "The Kyiv Independent" in row.inner_text()


def test_stories_json_returns_the_rows_the_html_shows(page: Any, server: str, client: Any, row_ids: Any) -> None:
    for query in ("", "country=UKR", "type=ASSAULT&since=2025", "source=reuters"):
        page.goto(f"{server}/stories?{query}")
        data = client.get(f"/stories?{query}&format=json").json()
        assert [r["id"] for r in data["rows"]] == row_ids(page, "#stories"), query
    assert [r["sources"] for r in client.get("/stories?source=reuters&format=json").json()["rows"]] == [
        ["Reuters", "The Kyiv Independent"]]


def test_story_pages_cover_every_row_once(client: Any) -> None:
    whole = [r["id"] for r in client.get("/stories?format=json&size=200").json()["rows"]]
    seen: list[str] = []
    start: int | None = 0
    while start is not None:
        data = client.get("/stories", params={"format": "json", "size": 2, "start": start}).json()
        seen += [r["id"] for r in data["rows"]]
        start = data["next"]
    assert seen == whole and len(whole) >= 5


def test_story_page_shows_both_reports_and_the_contested_figures(page: Any, server: str, client: Any,
                                                               shot: Any) -> None:
    page.goto(f"{server}/stories?place=Kharkiv")
    page.locator("#stories tbody tr[data-id] td.date a").click()
    page.wait_for_url("**/stories/S*")
    reports = page.locator("#reports li.report")
    assert reports.count() == 2
    texts = reports.all_inner_texts()
    assert any("Reuters" in t and "killing 4 people" in t for t in texts)
    assert any("The Kyiv Independent" in t and "killing 6 people" in t for t in texts)
    hrefs = page.locator("#reports a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert hrefs == ["/documents/strike-a#E1", "/documents/strike-b#E1"]
    figure = page.locator("#figures li.figure[data-field=fatalities]")
    line = " ".join(figure.inner_text().split())
    assert "4 (Reuters" in line and "6 (The Kyiv Independent" in line and "contested" in line
    assert line.index("4 (Reuters") < line.index("6 (The Kyiv Independent")
    shot(page, "story.png")
    sid = page.url.rsplit("/", 1)[1]
    data = client.get(f"/stories/{sid}?format=json").json()["story"]
    assert [r["source"] for r in data["reports"]] == ["Reuters", "The Kyiv Independent"]
    assert data["figures"][0]["contested"] is True and [v["value"] for v in data["figures"][0]["values"]] == [4, 6]


def test_unknown_story_is_a_404_and_bad_values_a_400(client: Any) -> None:
    response = client.get("/stories/S000000000000")
    assert response.status_code == 404 and "S000000000000" in response.text
    for query in ("min_sources=two", "start=-1", "size=0", "type=BOMBING", "status=maybe", "until=2025-02-30"):
        response = client.get(f"/stories?{query}")
        assert response.status_code == 400, query
        assert "EW-V03" in response.text and "Traceback" not in response.text


def test_a_merged_story_id_redirects_to_the_surviving_story(web_store: Path, tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from eventwire.web.app import create_app

    copy = tmp_path / "merged.db"
    shutil.copy(web_store, copy)
    with sqlite3.connect(copy) as conn:
        survivor = conn.execute("SELECT id FROM story_events WHERE num_documents = 2").fetchone()[0]
        conn.execute("INSERT INTO story_merges (gone, into_story, at) VALUES ('S0123456789ab', ?, '2025-11-06')",
                     (survivor,))
    client = TestClient(create_app(copy), base_url="http://127.0.0.1")
    response = client.get("/stories/S0123456789ab", follow_redirects=False)
    assert response.status_code == 302 and response.headers["location"].startswith(f"/stories/{survivor}?")
    followed = client.get("/stories/S0123456789ab")
    assert followed.status_code == 200 and "S0123456789ab</code> was merged into this one" in followed.text
    assert client.get("/stories/S0123456789ab?format=json").json()["story"]["merged_from"] == "S0123456789ab"


def test_markup_story_page_keeps_its_markup_as_text(page: Any, server: str, client: Any) -> None:
    sid = client.get("/stories?place=Goma&format=json").json()["rows"][0]["id"]
    page.goto(f"{server}/stories/{sid}")
    report = page.locator("#reports li.report").inner_text()
    assert "<img src=x onerror=alert('text')>" in report and "onmouseover" in report
    assert not page.dialogs and not page.errors
