"""`briefing diff`: the fact-level changes between two git revisions of a dossier, for review."""
from __future__ import annotations

import io
import os
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from generator.errors import ERROR, BriefingError, Problem
from generator.factbase.load import Layout, record_files
from generator.factbase.records import KINDS
from generator.factbase.yamlio import plain, read


@dataclass(frozen=True)
class Field:
    """One changed value inside a record: its dotted path, the old and new values (None where absent)
    and its line in the newer revision."""

    name: str
    old: Any
    new: Any
    line: int | None = None


@dataclass(frozen=True)
class Change:
    """A record added ("+"), removed ("-") or changed ("~"), with where it stands in the newer revision
    (the older one for a removed record)."""

    sign: str
    kind: str
    id: str
    path: str = ""
    line: int = 1
    fields: tuple[Field, ...] = ()
    record: dict[str, Any] = field(default_factory=dict)   # the whole record, for one added or removed
    to_check: tuple[str, ...] = ()                          # texts whose other language did not follow

    @property
    def what(self) -> str:
        return f"{self.kind} {self.id}" if self.id else self.kind

    @property
    def review(self) -> tuple[str | None, str | None] | None:
        """(old status, new status) when a changed record's review status moved."""
        found = {f.name: f for f in self.fields}.get("review.status")
        return (found.old, found.new) if found else None


@dataclass
class _Side:
    """The records of one revision: {"kind id": (plain data, the node with its line marks, file)}."""

    records: dict[str, tuple[Any, Any, str]] = field(default_factory=dict)
    languages: list[str] = field(default_factory=lambda: ["en", "ar"])


def _read_node(path: Path, shown: str, problems: list[Problem]) -> Any | None:
    """One record file as its YAML node, or None with its problems noted: a file the strict loader
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
    return node


def _records(content: Path, label: str, problems: list[Problem]) -> _Side:
    """Every record of a content folder, keyed "kind id"; claims and events on their own.

    Files that cannot be read are added to `problems`, each shown as `label` + its path under the dossier.
    """
    side = _Side()

    def add(key: str, node: Any, path: Path, **extra: Any) -> None:
        side.records[key] = ({**plain(node), **extra}, node, path.relative_to(content.parent).as_posix())

    def shown(path: Path) -> str:
        return f"{label}{path.relative_to(content.parent).as_posix()}"

    for kind, (folder, _spec) in KINDS.items():
        for path in record_files(content / folder):
            node = _read_node(path, shown(path), problems)
            if node is None:
                continue
            if kind == "incident":
                claims = node.get("claims")
                for claim in claims if isinstance(claims, list) else []:
                    if isinstance(claim, dict):
                        add(f"claim {claim.get('id')}", claim, path, incident=plain(node).get("id", path.stem))
                node = type(node)({k: v for k, v in node.items() if k != "claims"})
                node.line, node.col, node.key_marks = 1, 1, {}
            add(f"{kind} {plain(node).get('id', path.stem)}", node, path)
    timeline = content / "timeline.yaml"
    if timeline.is_file():
        node = _read_node(timeline, shown(timeline), problems)
        events = node.get("events") if node is not None else None
        for event in events if isinstance(events, list) else []:
            if isinstance(event, dict):
                add(f"event {event.get('id')}", event, timeline)
    dossier = content / "dossier.yaml"
    if dossier.is_file():
        node = _read_node(dossier, shown(dossier), problems)
        if node is not None:
            add("dossier", node, dossier)
            languages = plain(node).get("languages")
            if isinstance(languages, list) and languages:
                side.languages = [str(x) for x in languages]
    return side


def _leaves(value: Any, prefix: str = "") -> Iterator[tuple[str, Any]]:
    """(dotted path, value) of every scalar; a list of scalars (aliases, claim ids) is one value."""
    if isinstance(value, dict):
        for key in value:
            yield from _leaves(value[key], f"{prefix}.{key}" if prefix else str(key))
    elif isinstance(value, list) and any(isinstance(v, (dict, list)) for v in value):
        for i, item in enumerate(value):
            yield from _leaves(item, f"{prefix}[{i}]")
    else:
        yield prefix, value


def _lines(node: Any, prefix: str = "", line: int = 1) -> Iterator[tuple[str, int]]:
    """(dotted path, line) of every scalar of a node, as `_leaves` names them."""
    if isinstance(node, dict):
        marks = getattr(node, "key_marks", {}) or {}
        for key in node:
            yield from _lines(node[key], f"{prefix}.{key}" if prefix else str(key), marks.get(key, (line, 1))[0])
    elif isinstance(node, list) and any(isinstance(v, (dict, list)) for v in node):
        for i, item in enumerate(node):
            yield from _lines(item, f"{prefix}[{i}]", getattr(item, "line", line))
    else:
        yield prefix, line


def _language_maps(data: Any, languages: list[str], prefix: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every {language: text} map in a record, by its dotted path."""
    if isinstance(data, dict):
        if data and set(data) <= set(languages) and all(isinstance(v, str) for v in data.values()):
            yield prefix, data
            return
        for key, value in data.items():
            yield from _language_maps(value, languages, f"{prefix}.{key}" if prefix else str(key))
    elif isinstance(data, list):
        for i, item in enumerate(data):
            yield from _language_maps(item, languages, f"{prefix}[{i}]")


def _to_check(old: Any, new: Any, languages: list[str]) -> list[str]:
    """Texts where one language changed and another, present on both sides, did not; and quotes that
    changed while their translation stayed as it was."""
    before = dict(_language_maps(old, languages))
    flagged = []
    for path, texts in _language_maps(new, languages):
        was = before.get(path)
        if not was:
            continue
        changed = [lang for lang in texts if lang in was and texts[lang] != was[lang]]
        kept = [lang for lang in texts if lang in was and texts[lang] == was[lang]]
        if changed and kept:
            flagged.append(f"{path}: {', '.join(changed)} changed, {', '.join(kept)} did not")
    old_leaves, new_leaves = dict(_leaves(old)), dict(_leaves(new))
    for path, quote in new_leaves.items():
        if path.endswith(".quote") and path in old_leaves and old_leaves[path] != quote:
            base = path[:-len("quote")] + "translation"
            same = [k.rsplit(".", 1)[1] for k in new_leaves if k.startswith(base + ".")
                    and old_leaves.get(k) == new_leaves[k]]
            if same:
                flagged.append(f"{path}: the quote changed, its translation ({', '.join(same)}) did not")
    return flagged


def compare(old: _Side, new: _Side) -> list[Change]:
    """The changes from one side to the other, record by record, in kind and id order."""
    changes: list[Change] = []
    for key in sorted(set(old.records) | set(new.records)):
        kind, _, ident = key.partition(" ")
        if key not in old.records:
            data, node, path = new.records[key]
            changes.append(Change("+", kind, ident, path, getattr(node, "line", 1), record=data))
        elif key not in new.records:
            data, node, path = old.records[key]
            changes.append(Change("-", kind, ident, path, getattr(node, "line", 1), record=data))
        elif old.records[key][0] != new.records[key][0]:
            (a_data, _, _), (b_data, b_node, path) = old.records[key], new.records[key]
            a, b, lines = dict(_leaves(a_data)), dict(_leaves(b_data)), dict(_lines(b_node))
            fields = tuple(Field(name, a.get(name), b.get(name), lines.get(name))
                           for name in sorted(set(a) | set(b), key=lambda n: (lines.get(n, 1 << 30), n))
                           if a.get(name) != b.get(name))
            first = min((f.line for f in fields if f.line), default=getattr(b_node, "line", 1))
            changes.append(Change("~", kind, ident, path, first, fields, b_data,
                                  tuple(_to_check(a_data, b_data, new.languages))))
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
        if _git(top, "rev-parse", "--is-shallow-repository").stdout.strip() == b"true":
            raise BriefingError(f"cannot read content/ at {rev!r}: this clone is shallow and does not hold that "
                                "revision; fetch the history first (git fetch --unshallow, or fetch-depth: 0 in a "
                                "CI checkout)")
        raise BriefingError(f"cannot read content/ at {rev!r}: there is no such commit in this repository; "
                            f"{REV_HINT}")
    return done.stdout.decode("ascii").strip()


def _content_at(top: Path, content: str, rev: str, into: Path, only: list[str] | None = None) -> Path:
    """content/ as it was at a git revision, unpacked into a temporary folder (empty if it did not exist);
    with `only`, just those files (paths from the top of the work tree) that the revision holds.

    `content` is the content/ folder's path from the top of the work tree.
    """
    commit = _commit(top, rev)
    into.mkdir(parents=True, exist_ok=True)
    if _git(top, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{commit}:{content}").returncode != 0:
        return into / content  # not there yet: every record of the other side is new
    wanted = [content]
    if only is not None:
        listed = _git(top, "ls-tree", "-r", "-z", "--name-only", "--end-of-options", commit, "--",
                      *[f":(literal){p}" for p in only])
        wanted = [os.fsdecode(p) for p in listed.stdout.split(b"\0") if p]
        if not wanted:
            return into / content
    done = _git(top, "archive", "--format=tar", "--end-of-options", commit, *[f":(literal){p}" for p in wanted])
    if done.returncode != 0:
        raise BriefingError(f"cannot read content/ at {rev!r}: {_last_line(done.stderr)}")
    try:
        with tarfile.open(fileobj=io.BytesIO(done.stdout)) as tar:
            tar.extractall(into, filter="data")
    except tarfile.TarError as exc:  # e.g. a link pointing outside content/
        raise BriefingError(f"cannot unpack content/ at {rev!r}: {exc}; remove the offending file "
                            "from that revision or compare another") from None
    return into / content


def _side(root: Path, top: Path, content: str, rev: str | None, into: Path) -> tuple[_Side, list[Problem]]:
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
