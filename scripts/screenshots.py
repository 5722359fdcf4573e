"""Screenshots of every page of ``eventwire serve`` at 1280×800 (PNG), for docs and for looking at.

Serves STORE on a free local port and drives Debian's headless Chromium (``apt-get install
chromium-headless-shell``) with Playwright. The README's pictures (``docs/screenshots/``, four of them) are
taken on the browser tests' store of invented stories: ``python scripts/screenshots.py --demo --document
strike-a OUT``.

Usage: python scripts/screenshots.py (--db STORE.db | --demo) OUT_DIR
"""

from __future__ import annotations

import argparse
import shutil
import socket
import sqlite3
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _demo_store(folder: Path) -> Path:
    """The browser tests' store: ``tests/web/conftest.py``'s invented stories."""
    sys.path.insert(0, str(ROOT))
    from tests.web.conftest import STORIES

    import eventwire
    from eventwire.store import Store

    path = folder / "demo.db"
    with Store(path) as store:
        for story in STORIES:
            fields = {k: v for k, v in story.items() if k != "text"}
            store.add(eventwire.extract(story["text"], clean=False, **fields))
    return path


def _pages(db: Path, document: str | None) -> dict[str, str]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    doc = (document,) if document else conn.execute(
        "SELECT id FROM documents ORDER BY length(record) DESC LIMIT 1").fetchone()
    story = conn.execute("SELECT id FROM story_events ORDER BY num_sources DESC, num_mentions DESC LIMIT 1").fetchone()
    conn.close()
    pages = {"events": "/events", "timeline": "/timeline", "map": "/map", "actors": "/actors", "stories": "/stories"}
    if doc:
        pages["document"] = f"/documents/{doc[0]}"
    if story:
        pages["story"] = f"/stories/{story[0]}"
    return pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--db", type=Path)
    source.add_argument("--demo", action="store_true")
    parser.add_argument("--document", help="the document page to show (default: the largest record)")
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    import uvicorn
    from playwright.sync_api import sync_playwright

    from eventwire.web.app import create_app

    with tempfile.TemporaryDirectory() as tmp:
        db = _demo_store(Path(tmp)) if args.demo else args.db
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
        threading.Thread(target=server.run, daemon=True).start()
        while not server.started:
            time.sleep(0.05)
        browser_path = next(p for p in map(shutil.which, ("chromium-headless-shell", "chromium")) if p)
        args.out.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=browser_path, headless=True)
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            for name, path in _pages(db, args.document).items():
                page.goto(f"http://127.0.0.1:{port}{path}")
                page.screenshot(path=args.out / f"{name}.png")
                print(args.out / f"{name}.png")
            browser.close()
        server.should_exit = True


if __name__ == "__main__":
    main()
