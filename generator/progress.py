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
