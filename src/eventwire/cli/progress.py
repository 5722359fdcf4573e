"""Progress on stderr for long runs: shown only when stderr is a terminal, so pipes stay clean."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TaskID, TextColumn, TimeElapsedColumn

_stderr = Console(stderr=True)


class StoryCounter:
    """Counts stories done and failed; drives a live line when there is a terminal to draw on."""

    def __init__(self, progress: Progress | None, task: TaskID | None) -> None:
        self._progress, self._task = progress, task
        self._started = time.perf_counter()
        self.done = 0
        self.failed = 0

    def advance(self, *, failed: bool = False) -> None:
        self.done += 1
        self.failed += failed
        if self._progress is not None and self._task is not None:
            rate = self.done / max(time.perf_counter() - self._started, 1e-9)
            self._progress.update(self._task, advance=1, failed=self.failed, rate=rate)


@contextmanager
def story_progress(label: str = "extracting", total: int | None = None) -> Iterator[StoryCounter]:
    """A live count of stories done and failed, with the rate, on an interactive stderr."""
    if not _stderr.is_terminal:
        yield StoryCounter(None, None)
        return
    columns = (SpinnerColumn(), TextColumn(label), TextColumn("{task.completed} stories"),
               TextColumn("{task.fields[rate]:.1f}/s"), TextColumn("failed {task.fields[failed]}"),
               TimeElapsedColumn())
    with Progress(*columns, console=_stderr, transient=True) as progress:
        task = progress.add_task(label, total=total, failed=0, rate=0.0)
        yield StoryCounter(progress, task)
