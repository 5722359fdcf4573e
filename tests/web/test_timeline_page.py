"""The timeline page: loads, filters change the counts, JSON equals the chart and the table, a dragged range
opens the events page with since/until, and every bar is a plain link to its period's events."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlparse


def _chart(page: Any) -> list[tuple[str, str, int, int]]:
    return page.locator("#timeline-chart g.bucket").evaluate_all(
        "gs => gs.map(g => [g.dataset.since, g.dataset.until, +g.dataset.total, +g.dataset.stories])")


def test_timeline_loads_and_json_equals_the_chart_and_table(page: Any, server: str, client: Any,
                                                             shot: Any) -> None:
    page.goto(f"{server}/timeline")
    assert page.title().startswith("Timeline")
    data = client.get("/timeline?format=json").json()
    buckets = data["buckets"]
    assert _chart(page) == [[b["since"], b["until"], b["total"], b["story_total"]] for b in buckets]
    shown = [b for b in buckets if b["total"] or b["story_total"]]
    rows = page.locator("#buckets tbody tr[data-since]").evaluate_all(
        "rs => rs.map(r => [r.dataset.since, +r.cells[1].innerText, +r.cells[3].innerText])")
    assert rows == [[b["since"], b["total"], b["story_total"]] for b in shown]
    assert data["summary"]["events"] == sum(b["total"] for b in buckets) >= 5
    assert data["summary"]["stories"] >= 1
    # One legend entry per type drawn.
    assert page.locator("ul.legend li").all_inner_texts() == data["types"]
    assert not page.errors
    shot(page, "timeline.png")


def test_timeline_filters_change_the_counts(page: Any, server: str, client: Any) -> None:
    every = client.get("/timeline?format=json").json()
    protests = client.get("/timeline?format=json&type=PROTEST").json()
    assert protests["types"] == ["PROTEST"]
    assert 0 < protests["summary"]["events"] < every["summary"]["events"]
    assert all(set(b["events"]) <= {"PROTEST"} for b in protests["buckets"])
    page.goto(f"{server}/timeline")
    page.fill("input[name=type]", "PROTEST")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/timeline?**type=PROTEST**")
    assert page.locator("ul.legend li").all_inner_texts() == ["PROTEST"]
    assert sum(r[2] for r in _chart(page)) == protests["summary"]["events"]


def test_timeline_leaves_out_publication_dates_when_asked(client: Any) -> None:
    every = client.get("/timeline?format=json").json()
    own = client.get("/timeline?format=json&dates=own").json()
    assert own["dates"] == "own" and own["summary"]["publication_dated"] == 0
    assert own["summary"]["events"] == every["summary"]["events"] - every["summary"]["publication_dated"]


def test_timeline_drag_selects_a_range_on_the_events_page(page: Any, server: str, client: Any) -> None:
    page.goto(f"{server}/timeline")
    buckets = client.get("/timeline?format=json").json()["buckets"]
    full = [i for i, b in enumerate(buckets) if b["total"]]
    first, last = full[1], full[-2]  # a range inside the chart, leaving some events out
    chart = page.locator("#timeline-chart")
    box = chart.bounding_box()
    left, bar = float(chart.get_attribute("data-left")), float(chart.get_attribute("data-bar"))
    scale = box["width"] / 1200

    def x(i: int) -> float:
        return box["x"] + (left + (i + 0.5) * bar) * scale

    y = box["y"] + box["height"] / 2
    page.mouse.move(x(first), y)
    page.mouse.down()
    page.mouse.move((x(first) + x(last)) / 2, y, steps=5)
    page.mouse.move(x(last), y, steps=5)
    page.mouse.up()
    page.wait_for_url("**/events?**since=**")
    query = {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}
    assert query == {"since": buckets[first]["since"], "until": buckets[last]["until"]}
    ids = page.locator("#events tbody tr[data-id]").evaluate_all("rs => rs.map(r => r.dataset.id)")
    rows = client.get("/events", params={**query, "format": "json"}).json()["rows"]
    assert [f"{r['doc_id']}/{r['event_id']}" for r in rows] == ids
    assert ids and len(ids) < client.get("/events?format=json").json()["summary"]["count"]
    for row in rows:
        assert row["date_start"] <= query["until"] and row["date_end"] >= query["since"]


def test_timeline_drag_keeps_the_other_filters(page: Any, server: str) -> None:
    page.goto(f"{server}/timeline?type=ASSAULT")
    box = page.locator("#timeline-chart").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.1, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.9, y, steps=8)
    page.mouse.up()
    page.wait_for_url("**/events?**since=**")
    query = parse_qs(urlparse(page.url).query)
    assert query["type"] == ["ASSAULT"] and query["since"] and query["until"]
    assert set(page.locator("#events tbody .type").all_inner_texts()) == {"ASSAULT"}


def test_timeline_bar_and_table_links_open_that_period_without_js(client: Any) -> None:
    data = client.get("/timeline?format=json&type=PROTEST").json()
    bucket = next(b for b in data["buckets"] if b["total"])
    html = client.get("/timeline?type=PROTEST").text
    href = f'/events?type=PROTEST&amp;since={bucket["since"]}&amp;until={bucket["until"]}'
    assert html.count(f'href="{href}"') == 2  # the bar and the table row
    rows = client.get(f"/events?type=PROTEST&since={bucket['since']}&until={bucket['until']}&format=json").json()
    assert len(rows["rows"]) == bucket["total"]


def test_timeline_bad_input_is_a_400(client: Any) -> None:
    for query in ("dates=maybe", "span=forever", "type=BOMBING", "since=2025-04&until=2025-03"):
        response = client.get(f"/timeline?{query}")
        assert response.status_code == 400, query
        assert "EW-V03" in response.text and "Traceback" not in response.text
