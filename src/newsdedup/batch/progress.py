"""A rich progress display for dedup jobs: one bar per phase with items done, rate and ETA.

While reading, the bar follows the bytes of the input files already read (the position of the open file
is read from ``/proc/self/fdinfo`` on Linux), so the ETA holds for one big file as well as for many.
"""

from __future__ import annotations

import os
from pathlib import Path
from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

__all__ = ["FilePosition", "JobProgress"]


class _CountColumn(ProgressColumn):
    """Items done and their rate (the bar itself may count bytes)."""

    def render(self, task: Task) -> Text:
        """``12,345 articles  3,210/s``."""
        done = int(task.fields.get("done", task.completed))
        unit = str(task.fields.get("unit", ""))
        elapsed = task.finished_time if task.finished else task.elapsed
        rate = f"{done / elapsed:,.0f}/s" if elapsed else "-/s"
        return Text(f"{done:,} {unit}  {rate}")


class JobProgress:
    """Phases of a job as progress bars on ``console``; does nothing when ``enabled`` is False."""

    def __init__(self, console: Console, *, enabled: bool = True) -> None:
        self._progress: Progress | None = None
        if enabled:
            self._progress = Progress(
                TextColumn("[bold]{task.description:<10}"),
                BarColumn(),
                TextColumn("{task.percentage:>3.0f}%"),
                _CountColumn(),
                TextColumn("eta"),
                TimeRemainingColumn(),
                TimeElapsedColumn(),
                console=console,
                refresh_per_second=4,
            )

    def __enter__(self) -> JobProgress:
        if self._progress is not None:
            self._progress.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._progress is not None:
            self._progress.stop()

    def phase(self, description: str, total: float | None, unit: str) -> TaskID:
        """Start a phase of ``total`` steps (None: unknown) counting ``unit``."""
        if self._progress is None:
            return TaskID(0)
        return self._progress.add_task(description, total=total, done=0, unit=unit)

    def update(self, task: TaskID, *, completed: float | None = None, done: int | None = None) -> None:
        """Move a phase on: ``completed`` steps of its total, ``done`` items counted."""
        if self._progress is None:
            return
        if done is None:
            self._progress.update(task, completed=completed)
        else:
            self._progress.update(task, completed=completed if completed is not None else done, done=done)

    def finish(self, task: TaskID) -> None:
        """Mark a phase complete."""
        if self._progress is not None:
            total = self._progress.tasks[task].total
            if total is None:
                self._progress.update(task, total=self._progress.tasks[task].completed or 1)
            self._progress.update(task, completed=self._progress.tasks[task].total)


class FilePosition:
    """How far this process has read into a file: its size and the offset of an open descriptor on it."""

    def __init__(self, path: str) -> None:
        self.path = os.path.realpath(path)
        self.size = os.path.getsize(path) if os.path.isfile(path) else 0
        self._fd: str | None = None

    def offset(self) -> int | None:
        """The read offset of the open file, None when it cannot be told (not Linux, not open)."""
        fds = Path("/proc/self/fd")
        if self._fd is None or not self._points_here(fds / self._fd):
            self._fd = None
            try:
                names = os.listdir(fds)
            except OSError:
                return None
            self._fd = next((name for name in names if self._points_here(fds / name)), None)
            if self._fd is None:
                return None
        try:
            for line in Path(f"/proc/self/fdinfo/{self._fd}").read_text().splitlines():
                if line.startswith("pos:"):
                    return min(int(line.split()[1]), self.size)
        except (OSError, ValueError):
            return None
        return None

    def _points_here(self, link: Path) -> bool:
        try:
            return os.readlink(link) == self.path
        except OSError:
            return False
