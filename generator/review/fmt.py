"""`briefing fmt`: the YAML in one canonical form, so that a diff shows only real changes.

fmt keeps every comment (a round-trip YAML library, ruamel.yaml, does the rewriting) and never
writes a file whose meaning would change: the result is read back with the strict loader and
compared with the original first.
"""
from __future__ import annotations

import io
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.errors import Problems
from generator.factbase.load import record_files
from generator.factbase.records import DOSSIER, KINDS, TIMELINE
from generator.factbase.schema import F, LangMap, ListOf, MapOf, Obj, Spec
from generator.factbase.yamlio import parse, plain, read
from generator.files import write_atomic
from generator.layout import PROPOSALS, SCHEMAS, Layout

SKIPPED = (PROPOSALS, SCHEMAS)


def content_files(layout: Layout, problems: Problems | None = None) -> list[Path]:
    """Every curated YAML file; machine-owned proposals and generated schemas are left alone."""
    return [p for p in record_files(layout.content, recursive=True, problems=problems)
            if not set(p.relative_to(layout.content).parts[:-1]) & set(SKIPPED)]


def spec_for(layout: Layout, path: Path) -> Spec | None:
    if path == layout.dossier_file:
        return DOSSIER
    if path == layout.timeline_file:
        return TIMELINE
    for folder, spec in KINDS.values():
        if path.parent == layout.content / folder:
            return spec
    return None


def round_trip() -> Any:
    """The round-trip reader and writer of the canonical form; what it reads keeps its comments."""
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
    elif isinstance(spec, Obj) and isinstance(node, OrderedDict):   # ruamel's CommentedMap is one
        order = list(spec.fields)
        for key in sorted(node, key=lambda k: order.index(k) if k in order else len(order)):
            node.move_to_end(key)
        for key, value in node.items():
            f: F | None = spec.fields.get(key)
            _reorder(value, f.spec if f else None)


def canonical(text: str, spec: Spec | None) -> str:
    """The canonical form of one record file's text."""
    return written(round_trip().load(text), spec)


def written(data: Any, spec: Spec | None) -> str:
    """The canonical text of what `round_trip` read (and an edit may have changed since)."""
    _reorder(data, spec)
    out = io.StringIO()
    round_trip().dump(data, out)
    return out.getvalue()


@dataclass
class FmtReport:
    changed: list[Path] = field(default_factory=list)
    problems: Problems | None = None
    # where each changed file first differs from its canonical form: an editor looks there first
    first_change: dict[Path, int] = field(default_factory=dict)


def fmt(root: Path, check_only: bool = False) -> FmtReport:
    layout = Layout(root)
    report = FmtReport(problems=Problems(root))
    assert report.problems is not None
    for path in content_files(layout, report.problems):
        # not a regular file, unreadable, not UTF-8, too large or not YAML: a problem, not a crash
        before, problems = read(path, within=root)
        if problems or before is None:
            first = problems[0] if problems else None
            report.problems.error(path, first.line if first else 1, first.col if first else 1,
                                  f"not reformatted: {first.message if first else 'empty file'}; fix it first "
                                  "(see briefing check)", "fmt-skipped")
            continue
        text = path.read_bytes().decode("utf-8")
        try:
            new = canonical(text, spec_for(layout, path))
        except Exception as exc:  # noqa: BLE001 - ruamel reads YAML 1.2; anything it refuses, we leave as it is
            said = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else type(exc).__name__
            report.problems.error(path, 1, 1, f"not reformatted: {said}", "fmt-skipped")  # never the file's text
            continue
        after, again = parse(new)
        if again or plain(after) != plain(before):
            report.problems.error(path, 1, 1, "not reformatted: the canonical form would change a value; "
                                  "please report this file", "fmt-unsafe")
            continue
        if new != text:
            report.changed.append(path)
            report.first_change[path] = _first_change(text, new)
            if not check_only:
                write_atomic(path, new)
    return report


def _first_change(old: str, new: str) -> int:
    """The first line (from 1) at which two texts differ."""
    pairs = zip(old.splitlines(), new.splitlines(), strict=False)
    return next((number for number, (a, b) in enumerate(pairs, start=1) if a != b),
                min(len(old.splitlines()), len(new.splitlines())) + 1)
