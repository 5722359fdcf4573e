"""The actors pages: the list loads, filters change the rows, header links sort, JSON equals the HTML rows,
keyset pages cover every actor once, who acts on whom, one actor's page and its 404."""

from __future__ import annotations

import re
from typing import Any

import pytest

import eventwire
from eventwire.store import Store


def test_actors_page_lists_actors_and_filters_change_rows(page: Any, server: str, row_ids: Any, shot: Any) -> None:
    page.goto(f"{server}/actors")
    assert page.title().startswith("Actors")
    everyone = row_ids(page, "#actors")
    assert len(everyone) >= 5
    shot(page, "actors.png")
    page.fill("input[name=type]", "ASSAULT")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**type=ASSAULT**")
    attackers = row_ids(page, "#actors")
    assert attackers and set(attackers) < set(everyone)
    names = page.locator("#actors tbody tr td:first-child a").all_inner_texts()
    assert "Russian forces" in names and "Claire Dubois" not in names  # a speaker with no assault is gone
    assert not page.dialogs and not page.errors


def test_actor_name_filter_picks_rows_by_name(client: Any) -> None:
    rows = client.get("/actors?actor=russian&format=json").json()["rows"]
    assert [r["name"] for r in rows] == ["Russian forces"]
    assert rows[0]["as_actor"] == 2 and rows[0]["documents"] == 2


def test_header_links_sort_the_rows(page: Any, server: str) -> None:
    page.goto(f"{server}/actors")
    assert page.locator("#actors thead th[aria-sort]").get_attribute("aria-sort") == "descending"
    counts = [int(t) for t in page.locator("#actors tbody td:nth-child(3)").all_inner_texts()]
    assert counts == sorted(counts, reverse=True) and counts[0] >= 2
    page.locator("#actors thead th:first-child").get_by_role("link").click()
    page.wait_for_url("**sort=name**")
    names = page.locator("#actors tbody tr td:first-child a").all_inner_texts()
    assert names == sorted(names, key=str.lower) and len(names) >= 5
    assert page.locator("#actors thead th:first-child").get_attribute("aria-sort") == "ascending"
    page.locator("#actors thead th:first-child").get_by_role("link").click()  # again: reversed
    page.wait_for_url("**sort=-name**")
    assert page.locator("#actors tbody tr td:first-child a").all_inner_texts() == names[::-1]
    assert page.locator("#actors thead th:first-child").get_attribute("aria-sort") == "descending"
    page.fill("input[name=type]", "ASSAULT")  # a filter keeps the sort
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**type=ASSAULT**")
    assert "sort=-name" in page.url
    assert page.locator("#actors tbody tr td:first-child a").all_inner_texts() == ["Russian forces", "Rebels"]


def test_actors_json_returns_the_rows_the_html_shows(page: Any, server: str, client: Any, row_ids: Any) -> None:
    for query in ("sort=country", "sort=-statements", "type=ASSAULT", "since=2025-10&sort=name"):
        page.goto(f"{server}/actors?{query}")
        data = client.get(f"/actors?{query}&format=json").json()
        assert [r["id"] for r in data["rows"]] == row_ids(page, "#actors"), query


@pytest.mark.parametrize("sort", ["events", "-events", "name", "-country", "statements"])
def test_actor_keyset_pages_cover_every_row_once(client: Any, sort: str) -> None:
    whole = [r["id"] for r in client.get(f"/actors?format=json&size=200&sort={sort}").json()["rows"]]
    seen: list[str] = []
    after = None
    while True:
        params = {"format": "json", "size": 2, "sort": sort, **({"after": after} if after else {})}
        data = client.get("/actors", params=params).json()
        seen += [r["id"] for r in data["rows"]]
        after = data["next"]
        if not after:
            break
    assert seen == whole and len(whole) >= 5


def test_actor_page_lists_that_actors_events(page: Any, server: str, row_ids: Any, shot: Any) -> None:
    page.goto(f"{server}/actors?actor=russian")
    page.get_by_role("link", name="Russian forces").click()
    page.wait_for_url("**/actors/I*")
    assert page.title().startswith("Russian forces")
    assert sorted(row_ids(page, "#events-as-actor")) == ["strike-a/E1", "strike-b/E1"]
    assert row_ids(page, "#events-as-recipient") == []
    hrefs = page.locator("#events-as-actor tbody a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert "/documents/strike-a#E1" in hrefs and "/documents/strike-b#E1" in hrefs
    assert "RUS stated by the story in 2 documents" in page.locator(".actor-facts").inner_text()
    shot(page, "actor.png")


def test_actor_page_lists_statements_and_json(client: Any) -> None:
    rows = client.get("/actors?actor=dubois&format=json").json()["rows"]
    data = client.get(f"/actors/{rows[0]['id']}?format=json").json()["actor"]
    assert data["country"] == "FRA" and data["counts"]["statements"] == 1
    assert [s["content"] for s in data["statements"]] == ["The talks were constructive"]
    assert data["statements"][0]["doc_id"] == "talks"


def test_unknown_actor_is_a_404_and_bad_values_a_400(client: Any) -> None:
    response = client.get("/actors/I000000000000")
    assert response.status_code == 404 and "I000000000000" in response.text
    for query in ("sort=loudest", "after=nonsense", "after=[1]", "size=0", "type=BOMBING", "since=2025-13"):
        response = client.get(f"/actors?{query}")
        assert response.status_code == 400, query
        assert "EW-V03" in response.text and "Traceback" not in response.text


@pytest.fixture(scope="module")
def pairs_client(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A store whose events name recipients (the shared fixture's do not)."""
    from fastapi.testclient import TestClient

    from eventwire.web.app import create_app

    path = tmp_path_factory.mktemp("pairs") / "pairs.db"
    texts = ["Russian troops shelled Ukrainian soldiers near the village on Monday.",
             "Russian troops shelled Ukrainian soldiers near the bridge on Tuesday.",
             "Police arrested the opposition leader Maria Velasquez on Friday."]
    with Store(path) as store:
        for n, text in enumerate(texts):
            store.add(eventwire.extract(text, clean=False, id=f"p{n}", source="Wire", published=f"2025-06-0{n + 1}"))
    return TestClient(create_app(path), base_url="http://127.0.0.1")


def test_who_acts_on_whom_counts_pairs_by_type_and_links_to_their_events(pairs_client: Any) -> None:
    found = pairs_client.get("/actors?format=json").json()["pairs"]
    top = found[0]
    assert (top["source_name"], top["target_name"], top["type"], top["n"]) == (
        "Russian troops", "Ukrainian soldiers", "ASSAULT", 2)
    assert any(p["source_name"] == "Police" and p["type"] == "COERCE" and p["n"] == 1 for p in found)
    html = pairs_client.get("/actors").text
    assert "/events?actor=Russian+troops&amp;type=ASSAULT" in html
    shown = re.findall(r'<tr data-id="([^"]+)">', html.split('id="pairs"')[1])
    assert shown == [f"{p['source']}~{p['target']}/{p['type']}" for p in found]
    assert pairs_client.get("/actors?type=COERCE&format=json").json()["pairs"][0]["source_name"] == "Police"
    counterparts = pairs_client.get(f"/actors/{top['source']}?format=json").json()["actor"]["counterparts"]
    assert [(c["name"], c["own_role"], c["n"]) for c in counterparts] == [("Ukrainian soldiers", "actor", 2)]


def test_markup_in_names_quotes_and_titles_stays_text(page: Any, server: str, client: Any) -> None:
    rows = client.get("/actors?actor=kabila&format=json").json()["rows"]
    page.goto(f"{server}/actors/{rows[0]['id']}")
    quote = page.locator("#statements blockquote").inner_text()
    assert "<script>alert('quote')</script>" in quote
    assert "<script>alert('title')</script>" in page.locator("#statements").inner_text()
    assert not page.dialogs and not page.errors
