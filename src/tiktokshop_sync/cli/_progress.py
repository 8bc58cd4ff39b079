"""Progress bars over the workflows' ``on_progress`` events: per page while planning, per item
while applying, per batch across an import run; counts, elapsed time and, where the total is
known, an ETA. With ``--json`` the events become JSON lines instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from tiktokshop_sync.workflows import ProgressEvent

from ._output import Output

__all__ = ["Bars"]


class Bars:
    """One rich Progress for a command; ``callback`` is what the workflows' ``on_progress`` gets."""

    def __init__(self, output: Output, *, enabled: bool) -> None:
        self._output = output
        self._enabled = enabled and not output.json_lines
        self._progress: Progress | None = None
        self._task: TaskID | None = None
        self._batch: TaskID | None = None
        self.events: list[ProgressEvent] = []

    def __enter__(self) -> Bars:
        if self._enabled:
            console: Console = self._output.err
            self._progress = Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                TextColumn("ETA"),
                TimeRemainingColumn(),
                TextColumn("{task.fields[last]}", markup=False),
                console=console,
                transient=False,
            )
            self._progress.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None

    @contextmanager
    def phase(self, description: str, total: int | None = None) -> Iterator[None]:
        """A bar for one step: pages while planning (``total`` None), items while applying."""
        if self._progress is not None:
            self._task = self._progress.add_task(description, total=total, last="")
        try:
            yield
        finally:
            if self._progress is not None and self._task is not None:
                task = self._progress.tasks[self._task]
                if task.total is None:
                    self._progress.update(self._task, total=task.completed)
                self._task = None

    def page(self, count: int, total: int | None) -> None:
        """Count one fetched page of ``count`` items; ``total`` (TikTok's count) gives an ETA."""
        if self._progress is not None and self._task is not None:
            self._progress.update(self._task, advance=count, total=total, last=f"{count} more")

    def batch(self, number: int, limit: int) -> None:
        """Count one more batch of an import run (at most ``limit``)."""
        if self._progress is None:
            return
        if self._batch is None:
            self._batch = self._progress.add_task("batches", total=limit, last="")
        self._progress.update(self._batch, completed=number - 1, last=f"batch {number}")

    def finish_batches(self, done: int) -> None:
        """The run stopped after ``done`` batches (caught up or at the limit)."""
        if self._progress is not None and self._batch is not None:
            self._progress.update(self._batch, completed=done, total=done)

    def callback(self, event: ProgressEvent) -> None:
        """Receive one workflow event: advance the current bar, or print a JSON line."""
        self.events.append(event)
        if self._output.json_lines:
            self._output.record(
                {
                    "type": "event",
                    "job": event.job,
                    "shop": event.shop,
                    "kind": event.kind,
                    "subject": event.subject,
                    "message": event.message,
                    "at": event.at,
                }
            )
            return
        if self._progress is not None and self._task is not None:
            last = f"{event.subject}: {event.message}" if event.kind == "page" else event.kind
            self._progress.update(self._task, advance=1, last=_short(last))


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
