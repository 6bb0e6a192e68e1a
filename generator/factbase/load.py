"""Read `content/` and `seeds/` into one `Dossier`, listing every problem with its file and line.

Nothing here renders or writes: load everything, then check, then render.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.errors import Problems
from generator.factbase import model
from generator.factbase.cache import ParseCache
from generator.factbase.records import DOSSIER, KINDS, TIMELINE
from generator.factbase.schema import Context, Obj
from generator.factbase.yamlio import Map, line_col, parse_bytes, read_bytes
from generator.text import seedtext

# Both spellings of the extension are read, so an editor's x.yml is never silently ignored; x.yaml
# beside x.yml is then one record twice, and reported.
RECORD_SUFFIXES = (".yaml", ".yml")


def seed_files(layout: Layout) -> list[Path]:
    """Every document in seeds/, links included (ingest refuses those that lead out of it)."""
    if not layout.seeds.is_dir():
        return []
    return sorted(p for p in layout.seeds.iterdir()
                  if (p.is_file() or p.is_symlink()) and not p.name.startswith("."))


def record_files(directory: Path, recursive: bool = False) -> list[Path]:
    """The YAML files in a folder, either spelling of the extension, in a stable order."""
    if not directory.is_dir():
        return []
    found = directory.rglob("*") if recursive else directory.iterdir()
    return sorted(p for p in found if p.suffix in RECORD_SUFFIXES and not p.name.startswith("."))


@dataclass
class Layout:
    """Where a dossier keeps its parts; every stage takes one of these instead of guessing paths."""

    root: Path

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def seeds(self) -> Path:
        return self.root / "seeds"

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def build(self) -> Path:
        return self.root / ".build"

    @property
    def dossier_file(self) -> Path:
        return self.content / "dossier.yaml"

    @property
    def timeline_file(self) -> Path:
        return self.content / "timeline.yaml"

    def kind_dir(self, kind: str) -> Path:
        return self.content / KINDS[kind][0]


def _validate(path: Path, spec: Obj, problems: Problems, languages: list[str],
              refs: list[tuple[str, str, str, int, int]], partial: dict[str, set[str]] | None = None,
              cache: ParseCache | None = None, kind: str = "") -> Any:
    """One record file, read and checked against its schema; what that gave is taken from `cache` when
    the same bytes were validated before."""
    data, trouble = read_bytes(path, within=problems.root)
    if data is None:
        for p in trouble:
            problems.error(path, p.line, p.col, p.message, p.code)
        return None
    key = cache.key(problems.rel(path), kind, languages, data) if cache is not None else ""
    kept = cache.get(key) if cache is not None else None
    if kept is None:
        mine, my_refs, my_partial = Problems(problems.root), [], {}  # type: ignore[var-annotated]
        value = _validate_bytes(path, data, spec, mine, languages, my_refs, my_partial)
        kept = (value, mine.items, my_refs, my_partial)
        if cache is not None:
            cache.put(key, kept)
    value, found, found_refs, found_partial = kept
    problems.items.extend(found)
    refs.extend(found_refs)
    if partial is not None:
        for name, ids in found_partial.items():
            partial.setdefault(name, set()).update(ids)
    return value


def _validate_bytes(path: Path, data: bytes, spec: Obj, problems: Problems, languages: list[str],
                    refs: list[tuple[str, str, str, int, int]], partial: dict[str, set[str]]) -> Any:
    node, yaml_problems = parse_bytes(data)
    for p in yaml_problems:
        problems.error(path, p.line, p.col, p.message, p.code)
    if yaml_problems and node is None:
        return None
    if node is None:
        problems.error(path, 1, 1, "the file is empty; write the record or delete the file", "empty-file")
        return None
    status = "draft"
    if isinstance(node, Map) and isinstance(node.get("review"), Map):
        status = str(node["review"].get("status") or "draft")
    rel = problems.rel(path)
    ctx = Context(rel, languages, lambda line, col, sev, msg, code: problems.add(path, line, col, sev, msg, code),
                  status=status)
    value = spec.check(node, ctx)
    if value is None and isinstance(node, Map):
        _remember_ids(node, partial)
    refs.extend((rel, kind, ident, line, col) for kind, ident, line, col in ctx.refs)
    if value is not None and isinstance(node, Map) and "id" in node and node["id"] != path.stem:
        ident = node["id"]
        problems.error(path, ident.line, ident.col, f"id {node['id']!r} differs from the file name {path.stem!r}; "
                       "rename one so they match", "id-filename")
    return value


def _remember_ids(node: Map, partial: dict[str, set[str]]) -> None:
    """Ids of records that failed validation: references to them are not reported again."""
    if isinstance(node.get("id"), str):
        partial.setdefault("record", set()).add(str(node["id"]))
    claims = node.get("claims")
    if isinstance(claims, list):
        for claim in claims:
            if isinstance(claim, Map) and isinstance(claim.get("id"), str):
                partial.setdefault("claim", set()).add(str(claim["id"]))


@dataclass
class Loaded:
    dossier: model.Dossier | None
    problems: Problems
    refs: list[tuple[str, str, str, int, int]]  # file, kind, id, line, col
    # Ids of records that exist but failed validation, per kind (their own problems are reported).
    partial: dict[str, set[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Only:
    """Part of a dossier, for a command that needs no more: these kinds of record (and of sources, these
    ids alone). References to what is left out are not checked; `check` and `build` read everything."""

    kinds: frozenset[str]
    sources: frozenset[str] | None = None


def load(root: Path, cache: ParseCache | None = None, only: Only | None = None) -> Loaded:
    """Load a dossier directory; the result has a dossier unless dossier.yaml itself is unusable.

    Records already validated are taken from `cache` (by default the dossier's own, see
    `factbase.cache`); what was used is kept for the next load."""
    cache = cache or ParseCache.for_dossier(root)
    loaded = _load(root, cache, only)
    if only is None:  # a partial load would drop from the cache what it did not read
        cache.save()
    return loaded


def _load(root: Path, cache: ParseCache, only: Only | None) -> Loaded:
    layout = Layout(root)
    problems = Problems(root)
    refs: list[tuple[str, str, str, int, int]] = []
    partial: dict[str, set[str]] = {}
    if not layout.dossier_file.exists():
        problems.error(layout.dossier_file, 1, 1, "no content/dossier.yaml here; run 'briefing init DIR' to "
                       "start a dossier, or pass --root to point at one", "no-dossier")
        return Loaded(None, problems, refs)
    head = _validate(layout.dossier_file, DOSSIER, problems, ["en", "ar"], refs, cache=cache, kind="dossier")
    if head is None:
        return Loaded(None, problems, refs)
    languages = list(dict.fromkeys(head["languages"]))  # a repeat is reported; it must not double every check
    dossier = model.Dossier(head["title"], head["description"], languages, head["topics"], head["site_url"])
    targets = {"source": dossier.sources, "actor": dossier.actors, "place": dossier.places,
               "incident": dossier.incidents, "briefing": dossier.briefings}
    for kind, (folder, spec) in KINDS.items():
        directory = layout.content / folder
        if not directory.is_dir() or (only is not None and kind not in only.kinds):
            continue
        by_stem: dict[str, Path] = {}
        for path in sorted(directory.iterdir()):
            if path.name.startswith(".") or (only is not None and only.sources is not None and kind == "source"
                                             and path.stem not in only.sources):
                continue
            if path.is_dir():
                if path.suffix in RECORD_SUFFIXES:
                    problems.warning(path, 1, 1, "ignored: a folder, not a record file; rename or remove it",
                                     "stray-file")
                continue
            if path.suffix not in RECORD_SUFFIXES:
                problems.warning(path, 1, 1, f"ignored: only .yaml and .yml files are read in content/{folder}/",
                                 "stray-file")
                continue
            if path.stem in by_stem:
                problems.error(path, 1, 1, f"{problems.rel(by_stem[path.stem])} holds the same record "
                               f"({path.stem!r}); keep one of the two files and delete the other", "duplicate-id")
            by_stem.setdefault(path.stem, path)
            kind_partial: dict[str, set[str]] = {}
            record = _validate(path, spec, problems, languages, refs, kind_partial, cache, kind)
            partial.setdefault(kind, set()).update(kind_partial.get("record", set()))
            partial.setdefault("claim", set()).update(kind_partial.get("claim", set()))
            if record is not None:
                targets[kind].setdefault(record.id, record)
    if layout.timeline_file.exists() and (only is None or "event" in only.kinds):
        events = _validate(layout.timeline_file, TIMELINE, problems, languages, refs, cache=cache, kind="timeline")
        dossier.timeline = sorted(events or [], key=lambda e: (e.date.value, e.id))
    for incident in dossier.incidents.values():
        for claim in incident.claims:
            claim.incident = incident.id
    for source in dossier.sources.values():
        _attach_text(layout, source, problems)
    return Loaded(dossier, problems, refs, partial)


# Characters a document should never carry into pages: NUL, and the bidirectional embeddings and
# overrides (the marks LRM and RLM, and the isolates, are ordinary Arabic typography and stay).
_UNSAFE_IN_SEED = re.compile("[\0\u202a-\u202e]")


def _attach_text(layout: Layout, source: model.Source, problems: Problems) -> None:
    """Read the seed behind a source, so citations can be proved against its paragraphs."""
    path = layout.seeds / source.file
    src_file = layout.content / "sources" / f"{source.id}.yaml"
    if not path.is_file() or Path(source.file).name != source.file:
        problems.error(src_file, source.loc.line, source.loc.col,
                       f"seed file {source.file!r} not found in seeds/; restore it or fix 'file'", "missing-seed")
        return
    refused = seedtext.outside_seeds(path, layout.seeds)
    if refused:
        problems.error(path, 1, 1, f"not read: {refused}", "seed-link")
        return
    try:
        data = path.read_bytes()
        raw = seedtext.decode(data)
    except OSError as exc:
        problems.error(path, 1, 1, f"cannot read the seed ({exc.strerror}); make it readable", "io")
        return
    except UnicodeDecodeError as exc:
        problems.error(path, *line_col(data, exc.start), "seed is not valid UTF-8 here; save it as UTF-8",
                       "encoding")
        return
    for m in _UNSAFE_IN_SEED.finditer(raw):
        what = "a NUL byte" if m.group() == "\0" else f"the direction control U+{ord(m.group()):04X}, which " \
            "would show the text after it reversed"
        problems.error(path, *line_col(raw, m.start()), f"the seed holds {what}; delete it from the document",
                       "seed-character")
    parsed = seedtext.parse(raw)
    source.paragraphs = parsed.paragraphs
    source.text_sha256 = parsed.sha256
