"""The events page (also ``/``): loads, filters change rows, facets are links, JSON equals the HTML rows."""

from __future__ import annotations

from typing import Any


def test_events_page_lists_events_and_filters_change_rows(page: Any, server: str, row_ids: Any,
                                                           shot: Any) -> None:
    page.goto(f"{server}/")
    assert page.title().startswith("Events")
    all_ids = row_ids(page, "#events")
    assert len(all_ids) >= 5
    shot(page, "events.png")
    page.fill("input[name=type]", "PROTEST")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**type=PROTEST**")
    protests = row_ids(page, "#events")
    assert protests and set(protests) < set(all_ids)
    assert set(page.locator("#events tbody .type").all_inner_texts()) == {"PROTEST"}


def test_events_json_returns_the_rows_the_html_shows(page: Any, server: str, client: Any, row_ids: Any) -> None:
    page.goto(f"{server}/events?country=UKR")
    html_ids = row_ids(page, "#events")
    data = client.get("/events?country=UKR&format=json").json()
    assert [f"{r['doc_id']}/{r['event_id']}" for r in data["rows"]] == html_ids
    assert data["filters"] == {"country": "UKR"}


def test_events_facet_link_filters(page: Any, server: str) -> None:
    page.goto(f"{server}/events")
    page.locator(".facet", has_text="type").get_by_role("link", name="ASSAULT").click()
    page.wait_for_url("**type=ASSAULT**")
    assert set(page.locator("#events tbody .type").all_inner_texts()) == {"ASSAULT"}


def test_events_keyset_pages_cover_every_row_once(client: Any) -> None:
    whole = [(r["doc_id"], r["event_id"]) for r in client.get("/events?format=json&size=500").json()["rows"]]
    seen, after = [], None
    while True:
        data = client.get("/events", params={"format": "json", "size": 2, **({"after": after} if after else {})}).json()
        seen += [(r["doc_id"], r["event_id"]) for r in data["rows"]]
        after = data["next"]
        if not after:
            break
    assert seen == whole


def test_events_csv_has_the_filtered_rows(client: Any) -> None:
    response = client.get("/events.csv?type=ASSAULT")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    lines = response.text.strip().splitlines()
    assert lines[0].startswith("doc_id,event_id,type") and all(",ASSAULT," in line for line in lines[1:])


def test_bad_filter_values_get_a_400_page_not_a_traceback(client: Any) -> None:
    for query in ("type=BOMBING", "country=Atlantis", "since=2025-04&until=2025-03", "status=maybe", "after=x",
                  "size=0"):
        response = client.get(f"/events?{query}")
        assert response.status_code == 400, query
        assert "EW-V03" in response.text and "Traceback" not in response.text
    assert client.get("/events?type=BOMBING&format=json").json()["error"]["code"] == "EW-V03"


def test_app_is_local_and_locked_down(client: Any) -> None:
    response = client.get("/events")
    csp = response.headers["content-security-policy"]
    assert "unsafe-inline" not in csp and "script-src 'self'" in csp
    assert client.get("/events", headers={"host": "attacker.example"}).status_code == 400  # DNS rebinding
    for path in ("/docs", "/redoc", "/openapi.json"):
        assert client.get(path).status_code == 404


def test_concurrent_requests_all_succeed(server: str) -> None:
    """A page's connection is opened in one threadpool thread and used in another: it must not fail then."""
    import urllib.request
    from concurrent.futures import ThreadPoolExecutor

    paths = ["/events", "/events?type=ASSAULT", "/documents/strike-a", "/stories", "/actors", "/map",
             "/timeline"] * 6

    def status(path: str) -> int:
        with urllib.request.urlopen(f"{server}{path}", timeout=30) as response:
            return int(response.status)

    with ThreadPoolExecutor(max_workers=8) as pool:
        assert set(pool.map(status, paths)) == {200}
