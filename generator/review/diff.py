"""`briefing diff`: the fact-level changes between two git revisions of a dossier, for review."""
from __future__ import annotations

import difflib
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator import gitrepo
from generator.errors import ERROR, WARNING, BriefingError, Problem
from generator.factbase.load import record_files
from generator.factbase.records import KINDS
from generator.factbase.yamlio import plain, read
from generator.layout import CONTENT, DOSSIER_FILE, SEEDS, TIMELINE_FILE, Layout
from generator.text import seedtext

# Changed paragraphs of one seed listed in full; past them the diff says how many more there are.
SEED_PARAGRAPHS = 20


@dataclass(frozen=True)
class Field:
    """One changed value inside a record: its dotted path, the old and new values (None where absent)
    and its line in the newer revision; `path` names the file that line is in when it is not the
    record's own (a paragraph of a source's seed)."""

    name: str
    old: Any
    new: Any
    line: int | None = None
    path: str = ""


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
    left_out: int = 0                                       # changed seed paragraphs past SEED_PARAGRAPHS

    @property
    def what(self) -> str:
        return f"{self.kind} {self.id}" if self.id else self.kind

    @property
    def revision_of(self) -> str | None:
        """The claim a claim added (or newly linked) revises: a figure that changed, not a new one."""
        if self.kind != "claim":
            return None
        if self.sign == "+":
            value = self.record.get("revises")
            return str(value) if value else None
        linked = {f.name: f for f in self.fields}.get("revises")
        return str(linked.new) if self.sign == "~" and linked and linked.new and not linked.old else None

    @property
    def review(self) -> tuple[str | None, str | None] | None:
        """(old status, new status) when a changed record's review status moved."""
        found = {f.name: f for f in self.fields}.get("review.status")
        return (found.old, found.new) if found else None


@dataclass(frozen=True)
class Seed:
    """A source's seed as one revision holds it: its path under the dossier and its text."""

    path: str
    text: str


@dataclass
class Side:
    """The records of one revision: {"kind id": (plain data, the node with its line marks, file)}, and
    the seeds of its sources where they were read ({source id: Seed})."""

    records: dict[str, tuple[Any, Any, str]] = field(default_factory=dict)
    languages: list[str] = field(default_factory=lambda: ["en", "ar"])
    seeds: dict[str, Seed] = field(default_factory=dict)


# What leaves a record file readable: a refused character (a control or direction character, written as it
# is or as an escape) is read all the same, and every output of diff shows it as an escape. So a revision
# that holds one, an older one above all (written before such characters were refused), can be compared,
# and the character is named at its place as a warning.
_STILL_READ = {"yaml-character"}


def _read_node(path: Path, shown: str, problems: list[Problem], within: Path) -> Any | None:
    """One record file as its YAML node, or None with its problems noted: a file the strict loader
    refuses must stop the diff, or it would read as a removed record. A link that leads out of the
    dossier (`within`) is refused unread, as `check` refuses it: its text could be any file of the machine."""
    node, yaml_problems = read(path, within)
    readable = all(p.code in _STILL_READ for p in yaml_problems)
    problems.extend(Problem(shown, p.line, p.col, WARNING if readable else ERROR, p.message, p.code)
                    for p in yaml_problems)
    if not readable:
        return None
    if not isinstance(node, dict):
        what = "empty" if node is None else "not a mapping of keys to values"
        problems.append(Problem(shown, getattr(node, "line", 1), getattr(node, "col", 1), ERROR,
                                f"the file is {what}; write the record or delete the file", "not-a-record"))
        return None
    return node


def read_side(content: Path, label: str, problems: list[Problem]) -> Side:
    """Every record of a content folder, keyed "kind id"; claims and events on their own.

    Files that cannot be read are added to `problems`, each shown as `label` + its path under the dossier.
    """
    side = Side()

    def add(key: str, node: Any, path: Path, **extra: Any) -> None:
        side.records[key] = ({**plain(node), **extra}, node, path.relative_to(content.parent).as_posix())

    def shown(path: Path) -> str:
        return f"{label}{path.relative_to(content.parent).as_posix()}"

    for kind, (folder, _spec) in KINDS.items():
        for path in record_files(content / folder):
            node = _read_node(path, shown(path), problems, content.parent)
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
    timeline = content / TIMELINE_FILE
    if timeline.is_file():
        node = _read_node(timeline, shown(timeline), problems, content.parent)
        events = node.get("events") if node is not None else None
        for event in events if isinstance(events, list) else []:
            if isinstance(event, dict):
                add(f"event {event.get('id')}", event, timeline)
    dossier = content / DOSSIER_FILE
    if dossier.is_file():
        node = _read_node(dossier, shown(dossier), problems, content.parent)
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


def seed_fields(old: Seed, new: Seed) -> list[Field]:
    """The paragraphs of a seed that changed, each a field `seed pN` (old and new text, its line in the
    newer seed): a sentence added to a reviewed source changes what its citations stand on, and its
    sha256 alone shows the reviewer nothing of it."""
    if old.text == new.text:
        return []
    a, b = seedtext.parse(old.text).paragraphs, seedtext.parse(new.text).paragraphs
    fields: list[Field] = []
    matcher = difflib.SequenceMatcher(a=[p.text for p in a], b=[p.text for p in b], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        for k in range(max(i2 - i1, j2 - j1)):
            was = a[i1 + k] if i1 + k < i2 else None
            now = b[j1 + k] if j1 + k < j2 else None
            name = f"seed {now.id}" if now else f"seed {was.id if was else ''}"
            if was and now and was.id != now.id:
                name += f" (was {was.id})"
            fields.append(Field(name, was.text if was else None, now.text if now else None,
                                now.line if now else None, new.path if now else old.path))
    return fields


def compare(old: Side, new: Side) -> list[Change]:
    """The changes from one side to the other, record by record, in kind and id order; a source whose
    seed changed on both sides (where the sides hold seeds) lists its changed paragraphs too."""
    changes: list[Change] = []
    for key in sorted(set(old.records) | set(new.records)):
        kind, _, ident = key.partition(" ")
        if key not in old.records:
            data, node, path = new.records[key]
            changes.append(Change("+", kind, ident, path, getattr(node, "line", 1), record=data))
        elif key not in new.records:
            data, node, path = old.records[key]
            changes.append(Change("-", kind, ident, path, getattr(node, "line", 1), record=data))
        else:
            (a_data, _, _), (b_data, b_node, path) = old.records[key], new.records[key]
            seed = seed_fields(old.seeds[ident], new.seeds[ident]) \
                if kind == "source" and ident in old.seeds and ident in new.seeds else []
            if a_data == b_data and not seed:
                continue
            a, b, lines = dict(_leaves(a_data)), dict(_leaves(b_data)), dict(_lines(b_node))
            fields = tuple(Field(name, a.get(name), b.get(name), lines.get(name))
                           for name in sorted(set(a) | set(b), key=lambda n: (lines.get(n, 1 << 30), n))
                           if a.get(name) != b.get(name))
            first = min((f.line for f in fields if f.line), default=getattr(b_node, "line", 1))
            changes.append(Change("~", kind, ident, path, first, fields + tuple(seed[:SEED_PARAGRAPHS]), b_data,
                                  tuple(_to_check(a_data, b_data, new.languages)),
                                  max(len(seed) - SEED_PARAGRAPHS, 0)))
    return changes


def _seed_files(side: Side, both: set[str]) -> dict[str, str]:
    """{source id: its seed's file name} for the sources in `both`, where the record names a plain file name."""
    found = {}
    for ident in sorted(both):
        name = side.records[f"source {ident}"][0].get("file")
        if isinstance(name, str) and name and Path(name).name == name and name not in (".", ".."):
            found[ident] = name
    return found


def _read_seeds(side: Side, folder: Path, files: dict[str, str]) -> None:
    """Put each seed found in `folder` into `side.seeds`. One that cannot be read as text, or a link
    that leads out of the folder (refused unread: it could be any file of the machine), is left out,
    and the diff shows its record's fields alone; `check` says what is wrong with it."""
    for ident, name in files.items():
        path = folder / name
        try:
            if seedtext.outside_seeds(path, folder) or not path.is_file() or \
                    path.suffix.lower() not in seedtext.TEXT_SUFFIXES:   # a PDF, web page, Word file: not yet
                continue
            text = seedtext.decode(path.read_bytes())
        except (OSError, UnicodeDecodeError):
            continue
        side.seeds[ident] = Seed(f"{SEEDS}/{name}", text)


def _with_seeds(root: Path, top: Path, prefix: str, sides: list[tuple[Side, str | None]], into: Path) -> None:
    """Read the seeds of the sources both sides hold, each side's as its revision (or the working tree) has it."""
    both = {k.partition(" ")[2] for k in sides[0][0].records if k.startswith("source ")} & \
        {k.partition(" ")[2] for k in sides[1][0].records if k.startswith("source ")}
    for n, (side, rev) in enumerate(sides):
        files = _seed_files(side, both)
        if not files:
            continue
        if rev is None:
            folder = Layout(root).seeds
        else:
            try:
                folder = gitrepo.content_at(top, f"{prefix}{SEEDS}", rev, into / f"seeds-{n}",
                                            [f"{prefix}{SEEDS}/{name}" for name in files.values()])
            except BriefingError:  # a seed git cannot unpack (a link out of the dossier): shown without it
                continue
        _read_seeds(side, folder, files)


def _side(root: Path, top: Path, content: str, rev: str | None, into: Path) -> tuple[Side, list[Problem]]:
    """The records of one side of a diff (a revision, or the working tree when `rev` is None)."""
    problems: list[Problem] = []
    if rev is None:
        return read_side(Layout(root).content, "", problems), problems
    return read_side(gitrepo.content_at(top, content, rev, into), f"{rev}:", problems), problems


def diff(root: Path, old_rev: str, new_rev: str | None = None) -> tuple[list[Change], list[Problem]]:
    """Fact-level changes from `old_rev` to `new_rev` (default: the working tree), and the warnings met
    on the way (a refused character, read all the same).

    Unreadable record files on either side stop the diff with their problems, so that a broken file is
    never mistaken for a removed record.
    """
    top = gitrepo.toplevel(root)
    rel = Path(root).resolve().relative_to(top).as_posix()
    prefix = "" if rel == "." else f"{rel}/"
    content = f"{prefix}{CONTENT}"
    with tempfile.TemporaryDirectory(prefix="briefing-diff-") as tmp:
        old, old_problems = _side(root, top, content, old_rev, Path(tmp) / "old")
        new, new_problems = _side(root, top, content, new_rev, Path(tmp) / "new")
        if not _errors(old_problems) and not _errors(new_problems):
            _with_seeds(root, top, prefix, [(old, old_rev), (new, new_rev)], Path(tmp))
    sides = ((repr(old_rev), old_problems), (repr(new_rev) if new_rev else "the working tree", new_problems))
    broken = [name for name, found in sides if _errors(found)]
    if broken:
        raise BriefingError(f"cannot compare: record files in {' and '.join(broken)} are not valid YAML records "
                            "(listed above); fix them, or compare revisions where they read",
                            old_problems + new_problems)
    return compare(old, new), old_problems + new_problems


def _errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == ERROR]
