"""A dossier's history from git: when each file behind a page last changed, and the fact-level changes
of recent commits (made by the same comparison as `briefing diff`).

Read once per build and handed to the pages as data. Outside a git repository there is no history,
and the pages say nothing of it; the same commit always gives the same history, so a build stays
reproducible.
"""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator.errors import BriefingError
from generator.factbase.model import PartialDate
from generator.review.diff import Change, _content_at, _git, _records, _toplevel, compare

# Commits shown on the Changes page.
RECENT = 20


@dataclass(frozen=True)
class Commit:
    hash: str
    short: str
    date: PartialDate   # the commit's day
    subject: str
    changes: tuple[Change, ...] = ()
    complete: bool = True   # False where the clone is shallow and the parent is missing
    parents: tuple[str, ...] = ()


@dataclass
class History:
    """{file under the dossier: its last commit} and the recent commits, newest first."""

    last: dict[str, Commit] = field(default_factory=dict)
    commits: list[Commit] = field(default_factory=list)

    def last_change(self, files: list[str]) -> Commit | None:
        """The latest commit among those that last changed any of `files`."""
        found = [self.last[f] for f in files if f in self.last]
        return max(found, key=lambda c: (c.date.value, c.hash)) if found else None


def read(root: Path, languages: list[str], recent: int = RECENT) -> History:
    """The history of the dossier at `root`; an empty one when it is not in a git repository or git
    cannot be run."""
    try:
        top = _toplevel(root)
    except BriefingError:
        return History()
    rel = Path(root).resolve().relative_to(top).as_posix()
    prefix = "" if rel == "." else rel + "/"
    done = _git(top, "log", "--format=%x1e%H%x1f%h%x1f%cs%x1f%P%x1f%s", "--name-only", "-z", "--",
                f"{prefix}content", f"{prefix}seeds")
    if done.returncode != 0:
        return History()
    history = History()
    commits = _entries(os.fsdecode(done.stdout))
    boundary = _shallow_boundary(top)
    for commit, files in commits:
        for name in files:
            if name.startswith(prefix):
                history.last.setdefault(name[len(prefix):], commit)
    with tempfile.TemporaryDirectory(prefix="briefing-history-") as tmp:
        for n, (commit, files) in enumerate(commits[:recent]):
            touched = [f for f in files if f.startswith(f"{prefix}content/")]
            if commit.hash in boundary:  # a shallow clone stops here: its parent, and so its changes, are unknown
                history.commits.append(replace(commit, complete=False))
                continue
            history.commits.append(_with_changes(top, f"{prefix}content", commit, touched, languages,
                                                 Path(tmp) / str(n)))
    return history


def _shallow_boundary(top: Path) -> set[str]:
    """The commits where a shallow clone's history is cut (git lists them in its `shallow` file)."""
    done = _git(top, "rev-parse", "--git-path", "shallow")
    path = Path(os.fsdecode(done.stdout.strip()))
    path = path if path.is_absolute() else top / path
    try:
        return set(path.read_text(encoding="ascii").split()) if done.returncode == 0 else set()
    except OSError:  # not shallow
        return set()


def _entries(log: str) -> list[tuple[Commit, list[str]]]:
    """Parse `git log -z --name-only` written with our format: a record separator before each commit,
    its fields apart by unit separators, then a NUL and the files it changed, NUL after each."""
    out: list[tuple[Commit, list[str]]] = []
    for record in log.split("\x1e")[1:]:
        header, _, names = record.partition("\0")
        fields = header.split("\x1f", 4)
        if len(fields) != 5:
            continue
        full, short, date, parents, subject = fields
        files = [n for n in names.lstrip("\n").split("\0") if n]
        out.append((Commit(full, short, PartialDate(date), subject, parents=tuple(parents.split())), files))
    return out


def _with_changes(top: Path, content: str, commit: Commit, files: list[str], languages: list[str],
                  tmp: Path) -> Commit:
    """The commit with the fact-level changes it made to the files it touched under content/."""
    if not files:
        return commit
    try:
        new = _records(_content_at(top, content, commit.hash, tmp / "new", files), "", [])
        old = _records(_content_at(top, content, commit.parents[0], tmp / "old", files), "", []) \
            if commit.parents else _records(tmp / "none", "", [])
    except BriefingError:  # a shallow clone, where the parent is not here
        return replace(commit, complete=False)
    old.languages = new.languages = languages
    return replace(commit, changes=tuple(compare(old, new)))
