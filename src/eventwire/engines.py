"""Which engine runs ``eventwire ingest``: worker processes here (``loader``) or actors on Ray (``ray_engine``).

Why a module of its own: the Ray engine loads its shards through the loader's bookkeeping, so the
loader cannot also import the Ray engine (an import cycle); the choice is made here, above both.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from .defaults import DEFAULT_BATCH
from .loader import IngestSummary
from .loader import ingest as ingest_local

__all__ = ["ENGINES", "ingest"]

ENGINES = ("local", "ray")


def ingest(paths: Iterable[str | Path], db: str | Path, workers: int = 1, reprocess: bool = False,
           batch_size: int = DEFAULT_BATCH, progress: Callable[[IngestSummary], None] | None = None,
           engine: str = "local", address: str | None = None, shards: str | Path | None = None,
           max_chars: int | None = None) -> IngestSummary:
    """``loader.ingest`` with ``engine="local"``; with ``engine="ray"``, ``workers`` Ray actors on the
    cluster at ``address`` (a local Ray when None) write Parquet ``shards`` (default ``<db>.shards``),
    then ``shards.load`` stores them in ``db``. Both give the same records. ``max_chars`` cuts longer stories
    (``--max-chars``, with a warning on the record) in either engine.

    Example::

        >>> ingest(["archive/*.jsonl.gz"], "news.db", workers=32, engine="ray", address="auto")
    """
    if engine == "ray":
        from .ray_engine import ingest_ray  # Ray is an optional extra: imported only when asked for

        return ingest_ray([str(p) for p in paths], db, shards=shards, address=address, actors=workers,
                          reprocess=reprocess, batch_size=batch_size, progress=progress, max_chars=max_chars)
    return ingest_local(paths, db, workers=workers, reprocess=reprocess, batch_size=batch_size, progress=progress,
                        max_chars=max_chars)
