"""`briefing diff`: the fact-level changes between two git revisions of a dossier, for review."""
from __future__ import annotations

import io
import os
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from generator.errors import ERROR, BriefingError, Problem
from generator.factbase.load import Layout, record_files
from generator.factbase.records import KINDS
from generator.factbase.yamlio import plain, read


@dataclass(frozen=True)
class Change:
    sign: str  # "+", "-" or "~"
    what: str  # e.g. "claim killed-50"
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.sign} {self.what}" + (f": {self.detail}" if self.detail else "")


def _read_mapping(path: Path, shown: str, problems: list[Problem]) -> dict[str, Any] | None:
    """One record file as plain data, or None with its problems noted: a file the strict loader
    refuses must stop the diff, or it would read as a removed record."""
    node, yaml_problems = read(path)
    problems.extend(Problem(shown, p.line, p.col, ERROR, p.message, p.code) for p in yaml_problems)
    if yaml_problems:
        return None
    if not isinstance(node, dict):
        what = "empty" if node is None else "not a mapping of keys to values"
        problems.append(Problem(shown, getattr(node, "line", 1), getattr(node, "col", 1), ERROR,
                                f"the file is {what}; write the record or delete the file", "not-a-record"))
        return None
    return plain(node)


def _records(content: Path, label: str, problems: list[Problem]) -> dict[str, Any]:
    """Every record of a content folder as plain data, keyed "kind id"; claims and events on their own.

    Files that cannot be read are added to `problems`, each shown as `label` + its path under the dossier.
    """
    def shown(path: Path) -> str:
        return f"{label}{path.relative_to(content.parent).as_posix()}"

    found: dict[str, Any] = {}
    for kind, (folder, _spec) in KINDS.items():
        for path in record_files(content / folder):
            data = _read_mapping(path, shown(path), problems)
            if data is None:
                continue
            if kind == "incident":
                for claim in data.pop("claims", None) or []:
                    if isinstance(claim, dict):
                        found[f"claim {claim.get('id')}"] = claim
            found[f"{kind} {data.get('id', path.stem)}"] = data
    timeline = content / "timeline.yaml"
    if timeline.is_file():
        events = (_read_mapping(timeline, shown(timeline), problems) or {}).get("events")
        for event in events if isinstance(events, list) else []:
            if isinstance(event, dict):
                found[f"event {event.get('id')}"] = event
    dossier = content / "dossier.yaml"
    if dossier.is_file():
        head = _read_mapping(dossier, shown(dossier), problems)
        if head is not None:
            found["dossier"] = head
    return found


def _leaves(value: Any, prefix: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(value, dict):
        for key in value:
            yield from _leaves(value[key], f"{prefix}.{key}" if prefix else str(key))
    elif isinstance(value, list) and any(isinstance(v, (dict, list)) for v in value):
        for i, item in enumerate(value):
            yield from _leaves(item, f"{prefix}[{i}]")
    else:
        yield prefix, value


def _show(value: Any, limit: int = 60) -> str:
    text = " ".join(str(value).split()) if value is not None else "(none)"
    return text if len(text) <= limit else text[:limit - 1] + "…"


def compare(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    changes: list[Change] = []
    for key in sorted(set(old) | set(new)):
        if key not in old:
            changes.append(Change("+", key))
        elif key not in new:
            changes.append(Change("-", key))
        elif old[key] != new[key]:
            a, b = dict(_leaves(old[key])), dict(_leaves(new[key]))
            for path in sorted(set(a) | set(b)):
                if a.get(path) != b.get(path):
                    detail = f"{path}: {_show(a.get(path))} → {_show(b.get(path))}"
                    changes.append(Change("~", key, detail))
    return changes


REV_HINT = "name a commit, branch or tag (e.g. HEAD~1, main)"


def _git(cwd: Path | str, *args: str) -> subprocess.CompletedProcess[bytes]:
    """Run git quietly; a missing git is the user's to fix, so it is a BriefingError, not a crash."""
    try:
        return subprocess.run(["git", "-C", str(cwd), *args], capture_output=True, check=False)
    except FileNotFoundError:
        raise BriefingError("git is not installed; diff compares git revisions") from None


def _last_line(stderr: bytes) -> str:
    lines = stderr.decode("utf-8", "replace").strip().splitlines()
    return lines[-1] if lines else "git failed"


def _toplevel(root: Path) -> Path:
    """The top of the git work tree holding the dossier."""
    if not root.is_dir():
        raise BriefingError(f"{root} is not a folder; pass --root with the dossier folder")
    done = _git(root, "rev-parse", "--show-toplevel")
    if done.returncode != 0:
        reason = _last_line(done.stderr)
        why = "" if "not a git repository" in reason else f" ({reason})"
        raise BriefingError(f"{root} is not in a git repository{why}; diff compares git revisions, so run it "
                            "in a git checkout of the dossier (or 'git init' and commit first)")
    return Path(os.fsdecode(done.stdout.strip())).resolve()


def _commit(top: Path, rev: str) -> str:
    """The commit a revision names, as a full hash: only a hash ever reaches the other git calls.

    A revision starting with "-" would be read by git as an option (`--output=FILE` overwrites a file).
    """
    if not rev or rev.startswith("-"):
        raise BriefingError(f"{rev!r} is not a revision: a revision never starts with '-' or is empty; {REV_HINT}")
    done = _git(top, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}")
    if done.returncode != 0:
        raise BriefingError(f"cannot read content/ at {rev!r}: there is no such commit in this repository; "
                            f"{REV_HINT}")
    return done.stdout.decode("ascii").strip()


def _content_at(top: Path, content: str, rev: str, into: Path) -> Path:
    """content/ as it was at a git revision, unpacked into a temporary folder (empty if it did not exist).

    `content` is the content/ folder's path from the top of the work tree.
    """
    commit = _commit(top, rev)
    into.mkdir(parents=True, exist_ok=True)
    if _git(top, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{commit}:{content}").returncode != 0:
        return into / content  # not there yet: every record of the other side is new
    done = _git(top, "archive", "--format=tar", "--end-of-options", commit, f":(literal){content}")
    if done.returncode != 0:
        raise BriefingError(f"cannot read content/ at {rev!r}: {_last_line(done.stderr)}")
    try:
        with tarfile.open(fileobj=io.BytesIO(done.stdout)) as tar:
            tar.extractall(into, filter="data")
    except tarfile.TarError as exc:  # e.g. a link pointing outside content/
        raise BriefingError(f"cannot unpack content/ at {rev!r}: {exc}; remove the offending file "
                            "from that revision or compare another") from None
    return into / content


def _side(root: Path, top: Path, content: str, rev: str | None, into: Path) -> tuple[dict[str, Any], list[Problem]]:
    """The records of one side of a diff (a revision, or the working tree when `rev` is None)."""
    problems: list[Problem] = []
    if rev is None:
        return _records(Layout(root).content, "", problems), problems
    return _records(_content_at(top, content, rev, into), f"{rev}:", problems), problems


def diff(root: Path, old_rev: str, new_rev: str | None = None) -> list[Change]:
    """Fact-level changes from `old_rev` to `new_rev` (default: the working tree).

    Unreadable record files on either side stop the diff with their problems, so that a broken file is
    never mistaken for a removed record.
    """
    top = _toplevel(root)
    rel = Path(root).resolve().relative_to(top).as_posix()
    content = "content" if rel == "." else f"{rel}/content"
    with tempfile.TemporaryDirectory(prefix="briefing-diff-") as tmp:
        old, old_problems = _side(root, top, content, old_rev, Path(tmp) / "old")
        new, new_problems = _side(root, top, content, new_rev, Path(tmp) / "new")
    sides = ((repr(old_rev), old_problems), (repr(new_rev) if new_rev else "the working tree", new_problems))
    broken = [name for name, found in sides if found]
    if broken:
        raise BriefingError(f"cannot compare: record files in {' and '.join(broken)} are not valid YAML records "
                            "(listed above); fix them, or compare revisions where they read",
                            old_problems + new_problems)
    return compare(old, new)
