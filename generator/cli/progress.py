"""Progress bars with an ETA on stderr (rich), the same look for every long-running command."""

from __future__ import annotations

from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from generator.cli.app import err


def bar(quiet: bool = False) -> Progress:
    """A progress display: description, bar, done/total, elapsed and ETA, on a terminal only (a pipe or log file
    gets the result lines alone) and cleared when done, so an error stays one line; disabled with --quiet."""
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=err,
        disable=quiet or not err.is_terminal,
        transient=True,
    )


class Steps:
    """One task of a Progress driven by on_step(label, done, total) callbacks from library code."""

    def __init__(self, progress: Progress, description: str) -> None:
        self.progress = progress
        self.description = description
        self.task = None

    def __call__(self, label: str, done: int, total: int) -> None:
        if self.task is None:
            self.task = self.progress.add_task(self.description, total=total)
        self.progress.update(
            self.task, completed=done, total=total, description=f"{self.description} {label}"
        )
