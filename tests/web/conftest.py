"""Fixtures for the web app: a small store built from invented stories, the app served on a free local port,
and a headless Chromium from Debian driven by Playwright.

Why the system browser: ``playwright install`` downloads browsers, which this project never does. CI installs
Debian's ``chromium-headless-shell`` (``.ci/run``); without it the browser tests skip, naming the command.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import eventwire
from eventwire.store import Store

pytest.importorskip("fastapi", reason="the web extra is not installed: pip install -e '.[web]'")

BROWSERS = ("chromium-headless-shell", "chromium", "chromium-browser")
INSTALL = "apt-get install chromium-headless-shell (Debian), then pip install playwright"

#: Invented stories (no real story's text): two outlets on one strike, a protest, talks, and one full of markup
#: that must never run in the browser.
STORIES: list[dict[str, Any]] = [
    {"id": "strike-a", "title": "Drones hit Kharkiv power station", "source": "Reuters",
     "url": "https://www.reuters.com/world/strike-a", "published": "2025-11-05",
     "text": "Russian forces attacked a power station in Kharkiv with drones on Monday, killing 4 people, the "
             "regional governor said. “We will rebuild what they destroy,” Mayor Ivan Petrenko said."},
    {"id": "strike-b", "title": "Kharkiv counts the dead after drone raid", "source": "The Kyiv Independent",
     "url": "https://kyivindependent.com/strike-b", "published": "2025-11-05",
     "text": "Russian forces attacked Kharkiv with drones on Monday, killing 6 people, the regional governor "
             "said. Air raid sirens sounded across the city for hours, and residents sheltered in metro stations."},
    {"id": "protest", "title": "Students march in Nairobi", "source": "Daily Nation", "published": "2025-10-04",
     "text": "Thousands of students protested in Nairobi on Friday against tax increases. Police arrested 40 "
             "demonstrators, the Kenyan interior ministry said in a statement."},
    {"id": "talks", "title": "Ministers meet in Geneva", "source": "AFP", "published": "2025-12-03",
     "text": "The foreign ministers of France and Germany met in Geneva on Tuesday to discuss a ceasefire. "
             "“The talks were constructive,” French Foreign Minister Claire Dubois said."},
    {"id": "gaza", "title": "Strikes on Gaza City", "source": "AP", "published": "2024-03-04",
     "text": "Israeli warplanes struck Gaza City on 3 March 2024, killing 12 people, health officials said."},
    {"id": "markup", "title": "<script>alert('title')</script> Rebels shell Goma",
     "source": "\" onmouseover=\"alert('source')", "url": "javascript:alert('url')", "published": "2025-09-14",
     "text": "Rebels shelled the town of Goma on Sunday <img src=x onerror=alert('text')>, residents said. "
             "“<script>alert('quote')</script> We will keep fighting,” the rebel commander Joseph Kabila-Mbeki "
             "said."},
]


@pytest.fixture(scope="session")
def web_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("web") / "news.db"
    with Store(path) as store:
        for story in STORIES:
            fields = {k: v for k, v in story.items() if k != "text"}
            store.add(eventwire.extract(story["text"], clean=False, **fields))
    return path


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def server(web_store: Path) -> Iterator[str]:
    """The app on a free 127.0.0.1 port, in a thread; yields its base URL."""
    import uvicorn

    from eventwire.web.app import create_app

    port = _free_port()
    config = uvicorn.Config(create_app(web_store), host="127.0.0.1", port=port, log_level="warning")
    app_server = uvicorn.Server(config)
    thread = threading.Thread(target=app_server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not app_server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    app_server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def client(web_store: Path) -> Any:
    """An in-process client (no browser) for status codes, headers and JSON."""
    from fastapi.testclient import TestClient

    from eventwire.web.app import create_app

    return TestClient(create_app(web_store), base_url="http://127.0.0.1")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api", reason=f"Playwright is not installed: {INSTALL}")
    executable = next((shutil.which(name) for name in BROWSERS if shutil.which(name)), None)
    if executable is None:
        pytest.skip(f"no system Chromium for the browser tests: {INSTALL}")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, headless=True)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A 1280×800 page that records dialogs (an ``alert`` means injected script ran) and console errors."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    tab = context.new_page()
    tab.dialogs = []
    tab.errors = []
    tab.on("dialog", lambda d: (tab.dialogs.append(d.message), d.dismiss()))
    tab.on("pageerror", lambda e: tab.errors.append(str(e)))
    yield tab
    context.close()


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the tests save a 1280×800 screenshot of each page (a temporary folder)."""
    return tmp_path_factory.mktemp("screenshots")


@pytest.fixture(scope="session")
def shot(screenshots: Path) -> Callable[[Any, str], Path]:
    """``shot(page, "map.png")``: a screenshot into ``screenshots``, copied to ``$EVENTWIRE_SHOTS`` when set
    (a folder to look at them in after the run)."""

    def take(tab: Any, name: str) -> Path:
        path = screenshots / name
        tab.screenshot(path=path)
        if keep := os.environ.get("EVENTWIRE_SHOTS"):
            Path(keep).mkdir(parents=True, exist_ok=True)
            shutil.copy(path, Path(keep) / name)
        return path

    return take


@pytest.fixture(scope="session")
def row_ids() -> Callable[..., list[str]]:
    """``row_ids(page, "#events")``: the ``data-id`` of a table's body rows, in page order."""

    def ids(tab: Any, table: str) -> list[str]:
        return list(tab.locator(f"{table} tbody tr[data-id]").evaluate_all("rows => rows.map(r => r.dataset.id)"))

    return ids
