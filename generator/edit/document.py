"""One record file as an edit holds it, and the one way edits reach the disk.

A file is read with the round-trip reader `fmt` uses, so its comments stay; it is written in the
canonical form `fmt` gives. Before anything is written, the dossier is loaded and checked as it would
be after the edit (`load(overlay=…)`): an edit that would add an error is refused, with the error.
Every file of an edit is written whole or not at all, and none is written if one changed on disk
since it was read.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.errors import BriefingError, Problem, Problems
from generator.factbase import model
from generator.factbase.check import check
from generator.factbase.load import Loaded, load
from generator.factbase.records import SCHEMA_HEADER
from generator.factbase.schema import Spec
from generator.factbase.yamlio import dump, parse, read_bytes
from generator.files import write_atomic
from generator.layout import Layout
from generator.review.fmt import round_trip, spec_for, written

# Shown at the end of a refusal: what an editor does next.
_SEE_CHECK = "run 'briefing check' to see the file's problems and fix them first"


class EditError(BriefingError):
    """An edit that was not made; nothing was written."""


class Stale(EditError):
    """A file changed on disk after the edit read it (another editor, an editor in another window)."""

    def __init__(self, path: Path, rel: str) -> None:
        super().__init__(f"{rel} changed on disk since it was read; nothing was written. Read it again "
                         "(reload the page, or run the command again) and redo the change")
        self.path = path


def version(root: Path, rel: str) -> str:
    """The sha256 of a dossier file's bytes ("" when there is none): what a form carries, so that saving it
    can tell whether the file changed in the meantime."""
    path = root / rel
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


@dataclass
class State:
    """The dossier as an edit starts from it: loaded, checked, its errors known (an edit is refused only
    for errors it adds)."""

    root: Path
    loaded: Loaded
    problems: Problems

    @classmethod
    def read(cls, root: Path) -> State:
        loaded = load(root)
        return cls(root, loaded, check(loaded))

    @property
    def dossier(self) -> model.Dossier:
        if self.loaded.dossier is None:
            raise EditError(f"the dossier cannot be read; {_SEE_CHECK}", self.problems.errors)
        return self.loaded.dossier

    def rel(self, path: Path) -> str:
        return self.problems.rel(path)


@dataclass
class Document:
    """A record file: its bytes as read (None for a file the edit makes), and its data, changed in place."""

    path: Path
    rel: str
    before: bytes | None
    data: Any
    spec: Spec | None
    made: list[str] = field(default_factory=list)   # what the edit did, in words, for its report

    @classmethod
    def open(cls, state: State, path: Path) -> Document:
        data, trouble = read_bytes(path, within=state.root)
        rel = state.rel(path)
        if data is None:
            raise EditError(f"{rel}: {trouble[0].message}" if trouble else f"{rel} cannot be read")
        try:
            text = data.decode("utf-8").lstrip("\ufeff").replace("\r\n", "\n")   # `text()` puts them back
        except UnicodeDecodeError:
            raise EditError(f"{rel} is not UTF-8; save it as UTF-8 and try again") from None
        node, problems = parse(text)
        if problems or node is None:
            first = problems[0] if problems else None
            where = f"{rel}:{first.line}:{first.col}: {first.message}" if first else f"{rel} is empty"
            raise EditError(f"{where}; {_SEE_CHECK}")
        return cls(path, rel, data, round_trip().load(text), _spec(state.root, path))

    @classmethod
    def new(cls, state: State, path: Path, kind: str, record: Mapping[str, Any]) -> Document:
        if path.exists() or path.is_symlink():
            raise EditError(f"{state.rel(path)} exists already; choose another id")
        text = SCHEMA_HEADER.format(kind=kind) + dump(dict(record))
        return cls(path, state.rel(path), None, round_trip().load(text), _spec(state.root, path))

    def text(self) -> str:
        """The file as the edit leaves it, in canonical form (and the line endings it had)."""
        out = written(self.data, self.spec)
        return out.replace("\n", "\r\n") if self.before is not None and b"\r\n" in self.before else out


def structure(record: Mapping[str, Any]) -> Any:
    """Plain data as the round-trip reader would hold it, to put into a document."""
    return round_trip().load(dump(dict(record)))


def _spec(root: Path, path: Path) -> Spec | None:
    return spec_for(Layout(root), path)


@dataclass(frozen=True)
class Written:
    """What an edit wrote: the file, the record, the line it starts on, and what is left for an editor to
    do there (translations to add, fields to fill), in words."""

    path: Path
    ident: str
    line: int
    todo: tuple[str, ...] = ()


def _key(problem: Problem) -> tuple[str, str, str, str]:
    return problem.path, problem.severity, problem.code, problem.message


def commit(state: State, documents: Iterable[Document], expected: Mapping[str, str] | None = None) -> list[Problem]:
    """Write `documents` after checking the dossier as they would make it; the warnings they add (what is left
    to do) are returned. Refused, with nothing written, when a file changed since it was read (or since the
    version in `expected`, {relative path: sha256}), or when the edit would add an error."""
    docs = list(documents)
    texts = {doc.path: doc.text().encode("utf-8") for doc in docs}
    for doc in docs:
        _fresh(doc, expected)
    after = check(load(state.root, overlay=texts))
    known = {_key(p) for p in state.problems.items}
    added = [p for p in after.sorted() if _key(p) not in known]
    errors = [p for p in added if p.severity == "error"]
    if errors:
        raise EditError("nothing was written: the change would give the error(s) listed with this message; correct "
                        "what it sets",
                        errors)
    done: list[tuple[Document, bytes | None]] = []
    try:
        for doc in docs:
            _fresh(doc, expected)
            write_atomic(doc.path, texts[doc.path])
            done.append((doc, doc.before))
    except BaseException:
        for doc, before in done:   # whole or not at all: the files written already get their bytes back
            if before is None:
                doc.path.unlink(missing_ok=True)
            else:
                write_atomic(doc.path, before)
        raise
    rels = {doc.rel for doc in docs}
    return [p for p in added if p.severity == "warning" and p.path in rels]


def _fresh(doc: Document, expected: Mapping[str, str] | None) -> None:
    try:
        now: bytes | None = doc.path.read_bytes()
    except (FileNotFoundError, NotADirectoryError):   # not there (yet): what a new record's file is
        now = None
    except OSError as exc:
        raise EditError(f"{doc.rel} cannot be read ({exc.strerror}); nothing was written") from None
    wanted = (expected or {}).get(doc.rel)
    if now != doc.before or (wanted is not None and wanted != (hashlib.sha256(now).hexdigest() if now else "")):
        raise Stale(doc.path, doc.rel)
