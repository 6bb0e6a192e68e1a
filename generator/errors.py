"""Problems found in a dossier, each with the file, line and column an editor must open.

Every stage collects problems instead of raising on the first one, so that one run lists
everything that is wrong; `BriefingError` carries them to the CLI, which prints them and exits.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

ERROR = "error"
WARNING = "warning"
INFO = "info"


@dataclass(frozen=True, order=True)
class Problem:
    """One finding, printed as `path:line:col: severity: message [code]`."""

    path: str
    line: int
    col: int
    severity: str
    message: str
    code: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.message} [{self.code}]"


@dataclass
class Problems:
    """An ordered collection of problems, relative to one dossier root."""

    root: Path
    items: list[Problem] = field(default_factory=list)

    def add(self, path: Path | str, line: int, col: int, severity: str, message: str, code: str) -> None:
        self.items.append(Problem(self.rel(path), line, col, severity, message, code))

    def error(self, path: Path | str, line: int, col: int, message: str, code: str) -> None:
        self.add(path, line, col, ERROR, message, code)

    def warning(self, path: Path | str, line: int, col: int, message: str, code: str) -> None:
        self.add(path, line, col, WARNING, message, code)

    def info(self, path: Path | str, line: int, col: int, message: str, code: str) -> None:
        self.add(path, line, col, INFO, message, code)

    def rel(self, path: Path | str) -> str:
        p = Path(path)
        # a link is named as the editor sees it, not as the file it points to (or fails to)
        try:
            return Path(os.path.abspath(p)).relative_to(os.path.abspath(self.root)).as_posix()
        except ValueError:
            pass
        try:
            return p.resolve().relative_to(self.root.resolve()).as_posix()
        except (ValueError, OSError, RuntimeError):  # RuntimeError: a link that loops
            return p.as_posix()

    def extend(self, other: Problems) -> None:
        self.items.extend(other.items)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity == WARNING]

    def sorted(self) -> list[Problem]:
        order = {ERROR: 0, WARNING: 1, INFO: 2}
        return sorted(self.items, key=lambda p: (p.path, p.line, p.col, order.get(p.severity, 3), p.code, p.message))


class BriefingError(Exception):
    """A failure the user can act on; the CLI prints it without a traceback and exits non-zero."""

    def __init__(self, message: str, problems: list[Problem] | None = None, exit_code: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.problems = problems or []
        self.exit_code = exit_code
