"""``eventwire serve``: a local, read-only web app over a store (events, documents, timeline, map, actors,
story events).

Why server-rendered pages: every page is a plain HTML document with links (facets, filters, pagination),
readable without JavaScript, and answers ``?format=json`` with the very rows it shows, like Datasette.
The app never writes (the store is opened ``mode=ro`` with ``query_only``), loads nothing from the network
(no CDN, no tiles, no fonts) and binds 127.0.0.1 unless told otherwise. FastAPI, Jinja2 and uvicorn are
the optional ``[web]`` extra, imported only by ``eventwire serve``. docs/serve.md describes the pages.
"""

from __future__ import annotations

__all__ = ["create_app"]


def __getattr__(name: str) -> object:
    if name == "create_app":  # lazy: importing eventwire.web must not need FastAPI
        from .app import create_app

        return create_app
    raise AttributeError(name)
