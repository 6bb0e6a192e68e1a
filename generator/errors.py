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


def shown(path: str) -> str:
    """A file's name as text that prints and encodes anywhere: bytes of a name that are not UTF-8 (which
    Python keeps as lone surrogates, and which no UTF-8 output can write) as `\\xff` escapes, the way
    `os.fsdecode` with backslashreplace shows them."""
    try:
        return os.fsencode(path).decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:   # a surrogate that no file name gives (written as an escape in a text)
        return path.encode("utf-8", "backslashreplace").decode("utf-8")


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
        """`path` as messages name it: relative to the dossier's root, whatever the working folder, and
        printable (see `shown`). A relative path is one already taken relative to the root (the model keeps
        each record's so), not one relative to the working folder: run from inside content/ with
        `--root ..`, that reading named every file content/content/…"""
        text = os.fspath(path)
        if os.path.isabs(text):   # the common case, a file the loader found under the root: no Path parsing
            full, base = os.path.normpath(text), os.path.join(os.path.abspath(self.root), "")
            if full.startswith(base) and os.sep == "/":
                return shown(full[len(base):])
        p = Path(path)
        if not p.is_absolute() and (self.root.is_absolute() or not p.is_relative_to(self.root)):
            p = self.root / p
        # a link is named as the editor sees it, not as the file it points to (or fails to)
        try:
            return shown(Path(os.path.abspath(p)).relative_to(os.path.abspath(self.root)).as_posix())
        except ValueError:
            pass
        try:
            return shown(p.resolve().relative_to(self.root.resolve()).as_posix())
        except (ValueError, OSError, RuntimeError):  # RuntimeError: a link that loops
            return shown(p.as_posix())

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


class Superseded(Exception):
    """A preview's build that gave way to a newer edit, or to the desk: nothing of it is kept, and nothing is
    said (the build that replaces it says what there is to say)."""


class BriefingError(Exception):
    """A failure the user can act on; the CLI prints it without a traceback and exits non-zero."""

    def __init__(self, message: str, problems: list[Problem] | None = None, exit_code: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.problems = problems or []
        self.exit_code = exit_code
