"""A progress bar for long runs, on stderr, without a dependency.

On a terminal it redraws one line; in a log (no terminal) it writes one line per step, so that CI
output shows how far a run got without control characters.
"""
from __future__ import annotations

import sys
from typing import TextIO

WIDTH = 24


class Bar:
    """`bar(done, total, label)` after each step; shown only when there are more than `threshold` steps."""

    def __init__(self, stream: TextIO | None = None, threshold: int = 3) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.threshold = threshold
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())

    def __call__(self, done: int, total: int, label: str) -> None:
        if total <= self.threshold:
            return
        filled = WIDTH * done // total
        line = f"[{'#' * filled}{'.' * (WIDTH - filled)}] {done}/{total} {label}"
        if self.tty:
            self.stream.write("\r\033[K" + line + ("\n" if done == total else ""))
        else:
            self.stream.write(line + "\n")
        self.stream.flush()


class Stages:
    """The stage a long command is in, on one line of a terminal that each stage redraws (`start`), with a
    count for a stage of many steps (`step`), cleared at the end (`end`) so that what the command prints
    after is as without it. Not a terminal (a pipe, a CI log): nothing at all, as before."""

    def __init__(self, what: str, stream: TextIO | None = None) -> None:
        self.what = what
        self.stream = stream if stream is not None else sys.stderr
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.stage = ""

    def start(self, stage: str) -> None:
        self.stage = stage
        self._show(f"{self.what}: {stage} …")

    def step(self, done: int, total: int) -> None:
        self._show(f"{self.what}: {self.stage} {done:,}/{total:,}")

    def end(self) -> None:
        self._show("")

    def _show(self, line: str) -> None:
        if self.tty:
            self.stream.write("\r\033[K" + line)
            self.stream.flush()
