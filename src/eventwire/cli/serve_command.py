"""``eventwire serve``: the local web app over a store (``eventwire.web.serve``); FastAPI and uvicorn are
imported only when the command runs, so the rest of the command line never pays for them."""

from __future__ import annotations

from pathlib import Path

import click

from .errors import exits
from .store_commands import require

DEFAULT_PORT = 8050  # eventwire.web.serve.DEFAULT_PORT, without importing the web package here


@click.command("serve")
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The store to read (opened read-only; never written).")
@click.option("--port", type=click.IntRange(1, 65535), default=DEFAULT_PORT, show_default=True,
              help="Port to listen on.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to listen on; anything but a loopback address exposes the store to the network "
                   "(a warning says so).")
@exits()
def serve_command(db: Path, port: int, host: str) -> None:
    """Read a store in the browser: events, documents, timeline, map, actors, story events.

    Every page also answers ?format=json. Ctrl-C stops the server. Needs the web extra:
    pip install 'eventwire[web]'.

    Example: eventwire serve --db news.db   (then open http://127.0.0.1:8050)
    """
    from ..web.serve import serve

    serve(require(db), port=port, host=host)
