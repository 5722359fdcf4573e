"""Nothing a story carries runs in the browser: markup in titles, outlets, URLs, text and quotes is shown as text.

The fixture's story ``markup`` holds ``<script>`` in its title and quote, an ``<img onerror>`` in its text, an
attribute-breaking ``" onmouseover="`` as its outlet and a ``javascript:`` URL. Every page that can show any of
them is opened in Chromium; a dialog (``alert``) or a page error means injected script ran.
"""

from __future__ import annotations

from typing import Any

import pytest

PAGES = ["/events", "/events?source=onmouseover", "/documents/markup", "/timeline", "/map", "/actors", "/stories",
         "/events?type=%3Cscript%3Ealert(1)%3C/script%3E"]


@pytest.mark.parametrize("path", PAGES)
def test_story_markup_never_runs(page: Any, server: str, path: str) -> None:
    page.goto(f"{server}{path}")
    page.mouse.move(400, 300)
    for link in [a for a in page.locator("main a").all() if a.is_visible()][:40]:
        link.hover()  # an injected onmouseover would fire here
    assert page.dialogs == [] and page.errors == []
    assert page.locator("a[href^='javascript:' i]").count() == 0
    assert page.locator("main script, main img[onerror], main [onmouseover]").count() == 0


def test_markup_is_shown_as_text(page: Any, server: str) -> None:
    page.goto(f"{server}/events?source=onmouseover")
    assert "<script>alert('title')</script>" in page.locator("#events").inner_text()
    page.goto(f"{server}/documents/markup")
    assert "<img src=x onerror=alert('text')>" in page.locator("main").inner_text()


def test_story_pages_of_the_markup_story_are_safe(page: Any, server: str, client: Any) -> None:
    """The markup story's own actor and story-event pages, found through the JSON of the list pages."""
    stories = client.get("/stories?format=json&place=Goma").json()
    paths = [f"/stories/{row['id']}" for row in stories.get("rows", [])[:3]]
    actors = client.get("/actors?format=json&actor=rebel").json()
    paths += [f"/actors/{row['id']}" for row in actors.get("rows", [])[:3]]
    assert paths, "the markup story should yield a story event or an actor"
    for path in paths:
        page.goto(f"{server}{path}")
        assert page.dialogs == [] and page.errors == [], path
