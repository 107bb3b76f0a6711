"""Progress of a long build on stderr: a rich bar (documents/s, ETA) on a terminal, else a line
every half minute; nothing for short builds in logs and tests."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

LOG_EVERY = 30.0  # seconds between progress lines when stderr is not a terminal
LONG_BUILD = 1000  # documents: from here on a build logs its progress even when not asked


class RateColumn(ProgressColumn):
    """Documents per second over the last few seconds (rich's own speed estimate)."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.1f} docs/s" if speed else "… docs/s", style="progress.data.speed")


def rate_line(done: int, total: int | None, elapsed: float) -> str:
    """The line logs get: documents done (of how many), the rate, and the time left."""
    rate = done / elapsed if elapsed > 0 else 0.0
    line = f"{done:,}/{total:,} documents" if total else f"{done:,} documents"
    line += f", {rate:,.1f} docs/s"
    if total and rate > 0 and done < total:
        left = int((total - done) / rate)
        line += f", about {left // 60} min {left % 60} s left"
    return line


class BuildProgress:
    """Counts documents done (extracted or found unchanged) against an estimated total."""

    def __init__(
        self, total: int | None, show: bool | None, say: Callable[[str], None] | None = None
    ) -> None:
        self.total = total
        self.done = 0
        self._say = say or (lambda message: print(message, file=sys.stderr))
        terminal = sys.stderr.isatty()
        self._bar: Progress | None = None
        wanted = show if show is not None else terminal or (total or 0) >= LONG_BUILD
        self._log = wanted and not terminal
        if wanted and terminal:
            self._bar = Progress(
                TextColumn("[bold]building"),
                BarColumn(),
                MofNCompleteColumn(),
                RateColumn(),
                TimeElapsedColumn(),
                TextColumn("ETA"),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                transient=False,
            )
        self._task = self._bar.add_task("build", total=total) if self._bar else None
        self._start = self._last = time.monotonic()

    def __enter__(self) -> BuildProgress:
        if self._bar is not None:
            self._bar.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._bar is not None:
            self._bar.stop()
        elif self._log and self.done:
            self._say(rate_line(self.done, self.total, time.monotonic() - self._start))

    def say(self, message: str) -> None:
        """A message that does not tear the bar."""
        if self._bar is not None:
            self._bar.console.print(message, markup=False, highlight=False)
        else:
            self._say(message)

    def advance(self, count: int = 1) -> None:
        self.done += count
        if self.total is not None and self.done > self.total:
            self.total = self.done
        if self._bar is not None and self._task is not None:
            self._bar.update(self._task, advance=count, total=self.total)
            return
        now = time.monotonic()
        if self._log and now - self._last >= LOG_EVERY:
            self._last = now
            self._say(rate_line(self.done, self.total, now - self._start))
