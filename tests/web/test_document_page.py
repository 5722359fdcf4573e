"""The document page ``/documents/{id}``: every actor, place, time and quote span highlighted at the record's
offsets, an event's evidence lit on hover/focus (and through ``#E1`` without JavaScript), the legend, JSON
equal to the HTML, a 404 page, and nothing from a story executed or linked unsafely."""

from __future__ import annotations

from collections import defaultdict
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from eventwire.store import Store
from eventwire.web.segments import pieces

from .conftest import STORIES

PIECES_JS = """els => els.map(el => ({kind: el.dataset.kind, ids: el.dataset.ids.split(' '),
    start: Number(el.dataset.start), end: Number(el.dataset.end), span: el.dataset.span.split(' ').map(Number),
    text: el.textContent, lit: el.classList.contains('lit')}))"""


def _record(web_store: Path, doc_id: str) -> dict[str, Any]:
    with Store(web_store, readonly=True) as store:
        return store.record(doc_id)


def _expected(record: dict[str, Any]) -> set[tuple[str, str, int, int]]:
    """(kind, id, start, end) of every actor mention, place mention, time and quote of the record."""
    found = {("actor", a["id"], s, e) for a in record["actors"] for s, e in a["mentions"]}
    found |= {("place", p["id"], s, e) for p in record["places"] for s, e in p["mentions"]}
    found |= {("time", t["id"], *t["span"]) for t in record["times"]}
    found |= {("quote", s["id"], *s["span"]) for s in record["statements"]}
    return found


def _pieces(page: Any) -> list[dict[str, Any]]:
    return page.locator("#doc-text [data-kind]").evaluate_all(PIECES_JS)


@pytest.mark.parametrize("doc_id", [s["id"] for s in STORIES])
def test_every_span_is_highlighted_at_its_offsets(page: Any, server: str, web_store: Path, doc_id: str) -> None:
    record = _record(web_store, doc_id)
    text = record["document"]["text"]
    page.goto(f"{server}/documents/{doc_id}")
    assert page.locator("#doc-text").evaluate("el => el.textContent") == text  # no character lost or doubled
    shown = _pieces(page)
    covered: dict[tuple[str, int, int], list[tuple[int, int]]] = defaultdict(list)
    for piece in shown:
        assert piece["text"] == text[piece["start"]:piece["end"]]
        assert piece["span"][0] <= piece["start"] < piece["end"] <= piece["span"][1]
        covered[(piece["kind"], *piece["span"])].append((piece["start"], piece["end"]))
    for (_, start, end), parts in covered.items():  # a split span's pieces tile it exactly
        parts.sort()
        assert parts[0][0] == start and parts[-1][1] == end
        assert all(a[1] == b[0] for a, b in pairwise(parts))
    highlighted = {(p["kind"], i, *p["span"]) for p in shown if p["kind"] in ("actor", "place", "time", "quote")
                   for i in p["ids"]}
    expected = _expected(record)
    assert expected and highlighted == expected
    assert page.errors == [] and page.dialogs == []


def test_document_page_looks_right_and_has_a_legend(page: Any, server: str, shot: Any) -> None:
    page.goto(f"{server}/documents/strike-a")
    assert page.title().startswith("Drones hit Kharkiv power station")
    labels = page.locator("#legend .key").all_inner_texts()
    assert [label.split()[0] for label in labels] == ["Actor", "Place", "Date", "Quote", "Event", "Event"]
    assert page.locator("#doc-text mark.hl-actor").count() >= 1
    box_text, box_side = page.locator(".doc-main").bounding_box(), page.locator(".doc-side").bounding_box()
    assert box_text["x"] + box_text["width"] <= box_side["x"]  # text left, events right at 1280 px
    shot(page, "document.png")
    actor = page.locator("#doc-text mark.hl-actor").first
    before = actor.evaluate("el => getComputedStyle(el).backgroundColor")
    page.get_by_label("Actor").uncheck()  # the legend's box hides that kind, other kinds stay
    assert actor.evaluate("el => getComputedStyle(el).backgroundColor") != before
    assert page.locator("#doc-text mark.hl-place").first.evaluate(
        "el => getComputedStyle(el).backgroundColor") != "rgba(0, 0, 0, 0)"


def test_hovering_or_focusing_an_event_lights_its_evidence(page: Any, server: str, web_store: Path) -> None:
    record = _record(web_store, "strike-a")
    event = record["events"][0]
    page.goto(f"{server}/documents/strike-a")

    def lit() -> set[tuple[str, int, int]]:
        return {(p["kind"], p["start"], p["end"]) for p in _pieces(page) if p["lit"]}

    evidence = {("trigger", *event["trigger"]["span"]), ("sentence", *event["sentence"])}
    assert lit() == set()
    page.hover(f".ev[data-show={event['id']}]")
    assert lit() == evidence
    page.mouse.move(0, 0)
    assert lit() == set()
    page.focus(f".ev[data-show={event['id']}] a")  # keyboard: focusing the event's link lights it too
    assert lit() == evidence
    trigger = page.locator(f"#doc-text [data-kind=trigger][data-ids~={event['id']}]")
    assert trigger.inner_text() == event["trigger"]["text"]
    page.locator(f".st[data-show={record['statements'][1]['id']}]").hover()
    assert ("quote", *record["statements"][1]["span"]) in lit()


def test_event_anchor_shows_the_evidence_without_javascript(browser: Any, server: str, web_store: Path) -> None:
    event = _record(web_store, "strike-a")["events"][0]
    context = browser.new_context(viewport={"width": 1280, "height": 800}, java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(f"{server}/documents/strike-a")
        plain = tab.locator("#doc-text .sent").first.evaluate("el => getComputedStyle(el).backgroundColor")
        tab.goto(f"{server}/documents/strike-a#{event['id']}")  # the events page links here
        target = tab.locator(":target")
        assert target.get_attribute("data-kind") == "trigger" and target.inner_text() == event["trigger"]["text"]
        sentence = tab.locator("#doc-text .sent").first
        assert sentence.evaluate("el => getComputedStyle(el).backgroundColor") != plain
        assert tab.locator(f".ev a[href='#{event['id']}']").count() == 1
    finally:
        context.close()


def test_document_json_is_what_the_html_shows(page: Any, server: str, client: Any) -> None:
    data = client.get("/documents/strike-a?format=json").json()
    page.goto(f"{server}/documents/strike-a")
    html = [(p["kind"], p["ids"], p["start"], p["end"], p["span"]) for p in _pieces(page)]
    assert html == [(p["kind"], p["ids"], p["start"], p["end"], p["span"]) for p in pieces(data["segments"])]
    assert page.locator(".ev[data-id]").evaluate_all("els => els.map(e => e.dataset.id)") == [
        e["id"] for e in data["events"]]
    assert page.locator(".st[data-id]").evaluate_all("els => els.map(e => e.dataset.id)") == [
        s["id"] for s in data["statements"]]
    assert data["document"]["id"] == "strike-a" and data["document"]["link"] == "https://www.reuters.com/world/strike-a"
    facts = page.locator(".ev").first.inner_text()
    event = data["events"][0]
    assert event["type"] in facts and f"{event['fatalities']['value']} killed" in facts
    assert event["place"]["name"] in facts and event["date"] in facts


def test_unknown_document_is_a_404_page(client: Any) -> None:
    response = client.get("/documents/no-such-story")
    assert response.status_code == 404
    assert "no-such-story" in response.text and "Traceback" not in response.text
    assert client.get("/documents/no-such-story?format=json").json()["error"]["code"] == "EW-V04"


def test_markup_in_a_story_is_shown_not_run_and_unsafe_urls_are_no_links(page: Any, server: str,
                                                                        web_store: Path) -> None:
    record = _record(web_store, "markup")
    page.goto(f"{server}/documents/markup")
    assert page.locator("#doc-text").evaluate("el => el.textContent") == record["document"]["text"]
    assert page.locator("#doc-text img, #doc-text script").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0
    assert page.locator(".doc-url-unsafe").inner_text() == "javascript:alert('url')"
    assert "<script>" in page.locator("h1").inner_text()
    page.hover(".ev")
    assert page.dialogs == [] and page.errors == []
