"""A dossier's history from git: when each file behind a page last changed, and the fact-level changes
of recent commits (made by the same comparison as `briefing diff`).

Read once per build and handed to the pages as data. Outside a git repository there is no history,
and the pages say nothing of it; the same commit always gives the same history, so a build stays
reproducible.
"""
from __future__ import annotations

import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator import gitrepo
from generator.errors import BriefingError
from generator.factbase.model import PartialDate
from generator.layout import CONTENT, SEEDS
from generator.review.diff import Change, compare, read_side

# Commits shown on the Changes page.
RECENT = 20


@dataclass(frozen=True)
class Commit:
    """A commit as the pages show it: when, which, and its fact-level changes. Never its message: a commit
    that changes a published record may also add drafts, and its subject may name them."""

    hash: str
    short: str
    date: PartialDate   # the commit's day
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
        top = gitrepo.toplevel(root)
    except BriefingError:
        return History()
    rel = Path(root).resolve().relative_to(top).as_posix()
    prefix = "" if rel == "." else rel + "/"
    logged = gitrepo.log(top, f"{prefix}{CONTENT}", f"{prefix}{SEEDS}")
    if logged is None:
        return History()
    history = History()
    commits = [(Commit(c.hash, c.short, PartialDate(c.day), parents=c.parents), c.files) for c in logged]
    boundary = gitrepo.shallow_boundary(top)
    for commit, files in commits:
        for name in files:
            if name.startswith(prefix):
                history.last.setdefault(name[len(prefix):], commit)
    with tempfile.TemporaryDirectory(prefix="briefing-history-") as tmp:
        for n, (commit, files) in enumerate(commits[:recent]):
            touched = [f for f in files if f.startswith(f"{prefix}{CONTENT}/")]
            if commit.hash in boundary:  # a shallow clone stops here: its parent, and so its changes, are unknown
                history.commits.append(replace(commit, complete=False))
                continue
            history.commits.append(_with_changes(top, f"{prefix}{CONTENT}", commit, touched, languages,
                                                 Path(tmp) / str(n)))
    return history


def _with_changes(top: Path, content: str, commit: Commit, files: list[str], languages: list[str],
                  tmp: Path) -> Commit:
    """The commit with the fact-level changes it made to the files it touched under content/."""
    if not files:
        return commit
    try:
        new = read_side(gitrepo.content_at(top, content, commit.hash, tmp / "new", files), "", [])
        old = read_side(gitrepo.content_at(top, content, commit.parents[0], tmp / "old", files), "", []) \
            if commit.parents else read_side(tmp / "none", "", [])
    except BriefingError:  # a shallow clone, where the parent is not here
        return replace(commit, complete=False)
    old.languages = new.languages = languages
    return replace(commit, changes=tuple(compare(old, new)))
