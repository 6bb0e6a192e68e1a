"""Review tools: `fmt` puts the YAML in one canonical form, so that a diff shows only real changes,
and `diff` lists the fact-level changes between two git revisions of a dossier.

fmt keeps every comment (a round-trip YAML library, ruamel.yaml, does the rewriting) and never
writes a file whose meaning would change: the result is read back with the strict loader and
compared with the original first.
"""
from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from .errors import BriefingError, Problems
from .load import Layout
from .records import DOSSIER, KINDS, TIMELINE
from .schema import F, LangMap, ListOf, MapOf, Obj, Spec
from .yamlio import parse, plain, write_atomic

SKIPPED = ("proposals", "schemas")


def content_files(layout: Layout) -> list[Path]:
    """Every curated YAML file; machine-owned proposals and generated schemas are left alone."""
    if not layout.content.is_dir():
        return []
    return sorted(p for p in layout.content.rglob("*.yaml")
                  if not set(p.relative_to(layout.content).parts[:-1]) & set(SKIPPED))


def spec_for(layout: Layout, path: Path) -> Spec | None:
    if path == layout.dossier_file:
        return DOSSIER
    if path == layout.timeline_file:
        return TIMELINE
    for folder, spec in KINDS.values():
        if path.parent == layout.content / folder:
            return spec
    return None


def _yaml() -> Any:
    from ruamel.yaml import YAML
    yaml = YAML()
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 1 << 30  # never fold a line: a changed sentence is one changed line
    yaml.preserve_quotes = False
    return yaml


def _reorder(node: Any, spec: Spec | None) -> None:
    """Put every mapping's keys in the schema's order (unknown keys last, as they were)."""
    if spec is None:
        return
    if isinstance(spec, ListOf) and isinstance(node, list):
        for item in node:
            _reorder(item, spec.item)
    elif isinstance(spec, (MapOf, LangMap)) and isinstance(node, dict):
        for value in node.values():
            _reorder(value, spec.item)
    elif isinstance(spec, Obj) and isinstance(node, dict):
        order = list(spec.fields)
        for key in sorted(node, key=lambda k: order.index(k) if k in order else len(order)):
            node.move_to_end(key)
        for key, value in node.items():
            f: F | None = spec.fields.get(key)
            _reorder(value, f.spec if f else None)


def canonical(text: str, spec: Spec | None) -> str:
    """The canonical form of one record file's text."""
    yaml = _yaml()
    data = yaml.load(text)
    _reorder(data, spec)
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


@dataclass
class FmtReport:
    changed: list[Path] = field(default_factory=list)
    problems: Problems | None = None


def fmt(root: Path, check_only: bool = False) -> FmtReport:
    layout = Layout(root)
    report = FmtReport(problems=Problems(root))
    assert report.problems is not None
    for path in content_files(layout):
        text = path.read_text(encoding="utf-8")
        before, problems = parse(text)
        if problems or before is None:
            report.problems.error(path, problems[0].line if problems else 1, problems[0].col if problems else 1,
                                  "not reformatted: fix the YAML first (see briefing check)", "fmt-skipped")
            continue
        try:
            new = canonical(text, spec_for(layout, path))
        except Exception as exc:  # ruamel reads YAML 1.2; anything it refuses, we leave as it is
            report.problems.error(path, 1, 1, f"not reformatted: {exc}", "fmt-skipped")
            continue
        after, again = parse(new)
        if again or plain(after) != plain(before):
            report.problems.error(path, 1, 1, "not reformatted: the canonical form would change a value; "
                                  "please report this file", "fmt-unsafe")
            continue
        if new != text:
            report.changed.append(path)
            if not check_only:
                write_atomic(path, new)
    return report


# --- fact-level diff ------------------------------------------------------------------------

@dataclass(frozen=True)
class Change:
    sign: str  # "+", "-" or "~"
    what: str  # e.g. "claim killed-50"
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.sign} {self.what}" + (f": {self.detail}" if self.detail else "")


def _records(content: Path) -> dict[str, Any]:
    """Every record of a content folder as plain data, keyed "kind id"; claims and events on their own."""
    found: dict[str, Any] = {}
    for kind, (folder, _spec) in KINDS.items():
        for path in sorted((content / folder).glob("*.yaml")) if (content / folder).is_dir() else []:
            node, _ = parse(path.read_text(encoding="utf-8"))
            data = plain(node) if isinstance(node, dict) else None
            if data is None:
                continue
            if kind == "incident":
                for claim in data.pop("claims", None) or []:
                    if isinstance(claim, dict):
                        found[f"claim {claim.get('id')}"] = claim
            found[f"{kind} {data.get('id', path.stem)}"] = data
    timeline = content / "timeline.yaml"
    if timeline.is_file():
        node, _ = parse(timeline.read_text(encoding="utf-8"))
        for event in (plain(node) or {}).get("events") or [] if isinstance(node, dict) else []:
            if isinstance(event, dict):
                found[f"event {event.get('id')}"] = event
    dossier = content / "dossier.yaml"
    if dossier.is_file():
        node, _ = parse(dossier.read_text(encoding="utf-8"))
        if isinstance(node, dict):
            found["dossier"] = plain(node)
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


def _content_at(root: Path, rev: str, into: Path) -> Path:
    """content/ as it was at a git revision, unpacked into a temporary folder."""
    try:
        top = subprocess.run(["git", "-C", str(root), "rev-parse", "--show-toplevel"], capture_output=True,
                             text=True, check=True).stdout.strip()
        prefix = Path(root).resolve().relative_to(Path(top).resolve()).as_posix()
        path = f"{prefix}/content" if prefix != "." else "content"
        archive = subprocess.run(["git", "-C", top, "archive", "--format=tar", rev, path],
                                 capture_output=True, check=True).stdout
    except FileNotFoundError:
        raise BriefingError("git is not installed; diff compares git revisions") from None
    except subprocess.CalledProcessError as exc:
        message = (exc.stderr or b"").decode("utf-8", "replace").strip().splitlines()
        raise BriefingError(f"cannot read content/ at {rev!r}: {message[-1] if message else 'git failed'}; "
                            "name a commit, branch or tag (e.g. HEAD~1, main)") from None
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into / path


def diff(root: Path, old_rev: str, new_rev: str | None = None) -> list[Change]:
    """Fact-level changes from `old_rev` to `new_rev` (default: the working tree)."""
    with tempfile.TemporaryDirectory(prefix="briefing-diff-") as tmp:
        old = _records(_content_at(root, old_rev, Path(tmp) / "old"))
        new_content = _content_at(root, new_rev, Path(tmp) / "new") if new_rev else Layout(root).content
        return compare(old, _records(new_content))
