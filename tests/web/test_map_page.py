"""The map page: the world outline file is sound, the page loads, filters change the points, JSON equals the
circles and the table, and a click on a place's circle lists that place's events."""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

from eventwire import web

WORLD = Path(web.__file__).parent / "static" / "world.svg"


def _circles(page: Any) -> list[list[Any]]:
    return page.locator("#map a.pt").evaluate_all(
        "as => as.map(a => [a.dataset.name, a.dataset.country, +a.dataset.count])")


def test_world_outline_is_small_and_never_crosses_the_antimeridian() -> None:
    svg = WORLD.read_text()
    assert len(svg.encode()) < 150_000
    assert 'viewBox="0 0 3600 1800"' in svg
    paths = re.findall(r' d="([^"]+)"', svg)
    assert len(paths) == 2  # land and borders
    subpaths = [s for d in paths for s in re.findall(r"M[^M]+", d)]
    assert len(subpaths) > 100
    for sub in subpaths:
        numbers = [int(n) for n in re.findall(r"-?\d+", sub)]
        xs, ys = numbers[0::2], numbers[1::2]
        assert len(xs) == len(ys) >= 2
        assert all(0 <= x <= 3600 for x in xs) and all(0 <= y <= 1800 for y in ys)
        # No segment spans more than 180° of longitude (tenths of a degree): no streak across the map.
        assert all(abs(a - b) <= 1800 for a, b in pairwise(xs)), sub[:80]
    assert (WORLD.parent / "LICENSE-world-atlas.txt").read_text().count("Natural Earth") >= 1


def test_map_loads_and_json_equals_the_circles_and_table(page: Any, server: str, client: Any,
                                                         shot: Any) -> None:
    page.goto(f"{server}/map")
    assert page.title().startswith("Map")
    points = client.get("/map?format=json").json()["points"]
    assert len(points) >= 4
    assert _circles(page) == [[p["name"], p["country"] or "", p["count"]] for p in points]
    rows = page.locator("#places tbody tr[data-name]").evaluate_all(
        "rs => rs.map(r => [r.dataset.name, r.dataset.country, +r.cells[2].innerText])")
    assert rows == [[p["name"], p["country"] or "", p["count"]] for p in points][:len(rows)] and rows
    tooltip = page.locator("#map a.pt[data-name=Kharkiv] title").text_content()
    assert tooltip == "Kharkiv (UKR): 2 events, mostly ASSAULT"
    # The outline is drawn from the shipped file, and it loaded.
    assert page.locator("#map image").get_attribute("href") == "/static/world.svg"
    assert client.get("/static/world.svg").status_code == 200
    assert not page.errors
    shot(page, "map.png")


def test_map_circle_area_follows_the_count(client: Any) -> None:
    html = client.get("/map").text
    found = re.findall(r'data-count="(\d+)"[^>]*>\s*<circle [^>]*r="([\d.]+)"', html)
    assert len(found) >= 4
    # Area ∝ count: r² / count is the same for every circle (Kharkiv has 2 events, the others 1).
    ratios = [float(r) ** 2 / int(n) for n, r in found]
    assert max(ratios) / min(ratios) < 1.01


def test_map_filters_change_the_points(page: Any, server: str, client: Any) -> None:
    protests = client.get("/map?format=json&type=PROTEST").json()["points"]
    assert [p["name"] for p in protests] == ["Nairobi"] and protests[0]["top_type"] == "PROTEST"
    page.goto(f"{server}/map")
    page.fill("input[name=country]", "UKR")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/map?**country=UKR**")
    assert [c[1] for c in _circles(page)] == ["UKR"]


def test_map_click_on_a_place_lists_its_events(page: Any, server: str, client: Any) -> None:
    page.goto(f"{server}/map?type=ASSAULT")
    page.locator("#map a.pt[data-name=Kharkiv] circle").click()
    page.wait_for_url("**/events?**place=Kharkiv**")
    query = {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}
    assert query == {"type": "ASSAULT", "place": "Kharkiv", "country": "UKR"}
    rows = client.get("/events", params={**query, "format": "json"}).json()["rows"]
    assert len(rows) == 2 and {r["place"] for r in rows} == {"Kharkiv"}
    ids = page.locator("#events tbody tr[data-id]").evaluate_all("rs => rs.map(r => r.dataset.id)")
    assert ids == [f"{r['doc_id']}/{r['event_id']}" for r in rows]


def test_map_bad_input_is_a_400(client: Any) -> None:
    for query in ("type=BOMBING", "country=Atlantis", "status=maybe"):
        response = client.get(f"/map?{query}")
        assert response.status_code == 400, query
        assert "EW-V03" in response.text and "Traceback" not in response.text
