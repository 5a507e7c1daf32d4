"""Progress bars, the one place that draws them (rich, on stderr): a counting bar for long work
(analyze, train, demo) and one bar per source for ingest (bytes read, records prepared)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from narrascope.ingest import SourceProgress

__all__ = ["progress_bar", "source_bars", "step_progress"]


def _bar(*columns: ProgressColumn | str, **kwargs: Any) -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), *columns, **kwargs)


@contextmanager
def progress_bar(
    description: str, total: int | None, *, quiet: bool = False
) -> Iterator[Callable[[int, int | None], None]]:
    """Yield ``update(done, total)``; draws nothing when ``quiet`` or output is not a terminal.

    Example:
        >>> with progress_bar("analyzing", 10, quiet=True) as update:
        ...     update(5, 10)
    """
    if quiet:
        yield _draw_nothing
        return
    bar = _bar(MofNCompleteColumn(), TimeElapsedColumn(), TimeRemainingColumn(), transient=True)
    with bar:
        task = bar.add_task(description, total=total)

        def update(done: int, new_total: int | None = None) -> None:
            bar.update(task, completed=done, total=new_total or total)

        yield update


def _draw_nothing(done: int, total: int | None = None) -> None:
    """The ``update`` of a quiet progress bar."""


@contextmanager
def step_progress(
    description: str, step: str = "step", *, quiet: bool = False, console: Console | None = None
) -> Iterator[Callable[[int, int | None], None]]:
    """Yield ``update(done, total)`` for work in a few long steps (training, CV folds).

    On a terminal it draws a bar; otherwise (a log, a pipe) it writes one plain line per step
    to stderr, e.g. ``training: fold 2/5``, so that long work is never silent.
    """
    out = console or Console(stderr=True, highlight=False)
    if quiet:
        yield _draw_nothing
    elif out.is_terminal:
        bar = _bar(MofNCompleteColumn(), TimeElapsedColumn(), console=out, transient=True)
        with bar:
            task = bar.add_task(description, total=None)

            def update(done: int, total: int | None = None) -> None:
                bar.update(task, completed=done, total=total)

            yield update
    else:

        def line(done: int, total: int | None = None) -> None:
            _plain_step(out, description, step, done, total)

        yield line


def _plain_step(out: Console, description: str, step: str, done: int, total: int | None) -> None:
    if done > 0:
        out.print(
            f"{description}: {step} {done}/{total if total is not None else '?'}", markup=False
        )


@contextmanager
def source_bars(*, quiet: bool = False) -> Iterator[SourceProgress | None]:
    """Yield a :class:`~narrascope.ingest.SourceProgress` drawing one bar per source (None
    when ``quiet``)."""
    if quiet:
        yield None
        return
    bar = _bar(
        DownloadColumn(),
        TextColumn("{task.fields[records]} records"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
    )
    with bar:
        yield _SourceBars(bar)


class _SourceBars:
    """A rich bar per source: bytes read (reported every megabyte) and records prepared."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.task: Any = None
        self.total: int | None = None
        self.records = 0
        self.unreported = 0

    def start(self, source: str, total_bytes: int | None) -> Callable[[int], None] | None:
        """Add a bar for ``source``; returns the bytes-read callback for its reader."""
        self.total = total_bytes
        self.records = self.unreported = 0
        self.task = self.progress.add_task(_short(source), total=self.total, records=0)
        return self._advance

    def _advance(self, nbytes: int) -> None:
        self.unreported += nbytes
        if self.unreported >= 1 << 20:  # rich is not free: report every megabyte
            self.progress.advance(self.task, self.unreported)
            self.unreported = 0

    def record(self) -> None:
        """Count one prepared record."""
        self.records += 1
        if self.records % 500 == 0:
            self.progress.update(self.task, records=self.records)

    def finish(self) -> None:
        """Show the source as complete."""
        done = self.total or 1
        self.progress.update(self.task, records=self.records, completed=done, total=done)


def _short(source: str, width: int = 40) -> str:
    name = source if "://" in source else str(Path(source))
    return name if len(name) <= width else "…" + name[-(width - 1) :]
