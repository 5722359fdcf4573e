"""Run the one batch function over a stream of batches: in this process, or in a pool of workers.

``pipeline.process_batch`` is the unit of work everywhere: ``extract_many`` (the CLI, ``bench``),
the store loader's streaming window (both through ``pipeline.run_batches``) and, on a cluster,
Ray's ``map_batches`` actors call it after ``pipeline.init_worker`` has loaded the model and the
place index once. This module only decides *where* it runs and knows nothing of stories.
Batches are pulled from the caller's iterator in the caller's thread — never from a pool's
feeding thread — and at most ``window`` batches are in flight, so a caller whose
iterator talks to SQLite (the loader) stays on its own thread and memory stays flat.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from multiprocessing.pool import AsyncResult
from typing import TypeVar

__all__ = ["map_batches"]

In = TypeVar("In")
Out = TypeVar("Out")
Opt = TypeVar("Opt")


def map_batches(process_batch: Callable[[list[In], Opt], list[Out]], init_worker: Callable[[Opt], None],
                batches: Iterable[Sequence[In]], options: Opt, *, n_process: int = 1,
                window: int | None = None) -> Iterator[list[Out]]:
    """Yield ``process_batch(batch, options)`` for each batch, in input order, after
    ``init_worker(options)`` has run once in each process that runs batches.

    Both functions must be module-level (picklable). With ``n_process > 1`` the batches go to that
    many worker processes (spawned where the platform does not fork); ``window`` (default
    ``2 * n_process + 1``) bounds the batches submitted and not yet yielded.
    """
    iterator = iter(batches)
    first = next(iterator, None)
    if first is None:
        return              # nothing to do (a rerun of an ingest, say): no model load, no pool
    if n_process <= 1:
        init_worker(options)
        yield process_batch(list(first), options)
        for more in iterator:
            yield process_batch(list(more), options)
        return
    limit = window or 2 * n_process + 1
    method = "fork" if multiprocessing.get_start_method() == "fork" else "spawn"
    ctx = multiprocessing.get_context(method)
    pending: deque[AsyncResult[list[Out]]] = deque()
    queued: deque[Sequence[In]] = deque([first])
    with ctx.Pool(n_process, initializer=init_worker, initargs=(options,)) as pool:
        exhausted = False
        while True:
            while not exhausted and len(pending) < limit:
                batch = queued.popleft() if queued else next(iterator, None)
                if batch is None:
                    exhausted = True
                    break
                pending.append(pool.apply_async(process_batch, (list(batch), options)))
            if not pending:
                return
            yield pending.popleft().get()
