"""Read `content/` and `seeds/` into one `Dossier`, listing every problem with its file and line.

Nothing here renders or writes: load everything, then check, then render.
"""
from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.errors import BriefingError, Problems, shown
from generator.factbase import model
from generator.factbase.cache import ParseCache
from generator.factbase.records import DOSSIER, KINDS, TIMELINE
from generator.factbase.schema import Context, Obj
from generator.factbase.yamlio import Map, YamlProblem, line_col, parse_bytes, read_bytes
from generator.layout import Layout
from generator.parallel import fork_map
from generator.text import documents, seedtext

# Both spellings of the extension are read, so an editor's x.yml is never silently ignored; x.yaml
# beside x.yml is then one record twice, and reported.
RECORD_SUFFIXES = (".yaml", ".yml")
# A folder that cannot be opened: what it holds is unknown, so no command may act as if it were empty.
UNREADABLE_FOLDER = "unreadable-folder"
# A file whose name is not UTF-8: left unread, like what an unreadable folder holds.
FILE_NAME = "file-name"
# The key of `Loaded.partial` naming the kinds whose folder could not be opened: any id may be there.
UNREAD_KINDS = "unread-kinds"


def listing(directory: Path, problems: Problems | None = None, recursive: bool = False,
            wanted: Callable[[Path], bool] = lambda path: True) -> list[Path]:
    """The entries of a folder (with `recursive`, of its sub-folders too, links not followed), sorted.

    A folder that cannot be opened (no read or search permission, as any user but root meets it) is
    an `io` problem at its path, or without `problems` a `BriefingError`: never a traceback, and never
    silently left out (a folder skipped unread would look like records deleted). So is an entry that
    the caller `wanted` whose name is not UTF-8, which no id, page or message could carry; it is left
    out of the listing either way."""
    failed: list[OSError] = []
    found: list[Path] = []
    if recursive:
        for top, dirs, files in os.walk(directory, onerror=failed.append):
            found += [Path(top) / name for name in dirs + files]
    else:
        try:
            found = list(directory.iterdir())
        except OSError as exc:
            failed.append(exc)
    for error in failed:
        _report(Path(error.filename or directory), unreadable_folder(error), UNREADABLE_FOLDER, problems)
    named = [path for path in found if _utf8(path.relative_to(directory))]
    for path in sorted(set(found) - set(named)):
        if wanted(path):
            _report(path, "the file name is not UTF-8 text, so the file is not read; rename it (letters, digits "
                          "and hyphens are safest)", FILE_NAME, problems)
    return sorted(named)


def _utf8(path: Path) -> bool:
    """Whether a name read from the disk is UTF-8 text (Python keeps other bytes as lone surrogates)."""
    return not any("\udc80" <= ch <= "\udcff" for ch in str(path))


def _report(path: Path, message: str, code: str, problems: Problems | None) -> None:
    """A problem at `path`, or without `problems` the error that stops the command."""
    if problems is None:
        raise BriefingError(f"{shown(str(path))}: {message}")
    problems.error(path, 1, 1, message, code)


def unreadable_folder(exc: OSError) -> str:
    return f"cannot open the folder ({exc.strerror}); make it readable (chmod u+rx) or move it away"


def seed_files(layout: Layout, problems: Problems | None = None) -> list[Path]:
    """Every document in seeds/, links included (ingest refuses those that lead out of it)."""
    if not _is_dir(layout.seeds):
        return []
    return [p for p in listing(layout.seeds, problems, wanted=_shown_to_editors)
            if _shown_to_editors(p) and (p.is_symlink() or _is_file(p))]


def record_files(directory: Path, recursive: bool = False, problems: Problems | None = None) -> list[Path]:
    """The YAML files in a folder, either spelling of the extension, in a stable order."""
    if not _is_dir(directory):
        return []
    return [p for p in listing(directory, problems, recursive, wanted=_record_file) if _record_file(p)]


def _shown_to_editors(path: Path) -> bool:
    return not path.name.startswith(".")


def _record_file(path: Path) -> bool:
    return path.suffix in RECORD_SUFFIXES and _shown_to_editors(path)


def _is_dir(path: Path) -> bool:
    """`Path.is_dir`, False where a folder above cannot be searched (3.11 raises PermissionError there);
    the folder above is reported by `listing`."""
    try:
        return path.is_dir()
    except OSError:
        return False


def _leads_out(folder: Path, root: Path, problems: Problems) -> bool:
    """Whether `folder` is a link out of the dossier (`link_out`), then a problem at its path."""
    why = link_out(folder, root)
    if why is not None:
        problems.error(folder, 1, 1, why, "link-outside")
    return why is not None


def link_out(folder: Path, root: Path) -> str | None:
    """Why `folder` (content/, or a folder of records) is not read, when it is a link out of the dossier:
    what it leads to (another dossier, a home folder) would be read as records, published and written
    to. Links of single files are refused where they are read (`yamlio.read_bytes`); a link that stays
    inside the dossier is read like the folder it leads to."""
    if not folder.is_symlink():
        return None
    try:
        inside = folder.resolve(strict=True).is_relative_to(root.resolve())
    except (OSError, RuntimeError):   # a broken or looping link: read as a missing folder
        return None
    return None if inside else (f"not read: it is a link to a folder outside the dossier ({os.readlink(folder)}); "
                                "move that folder into the dossier instead")


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:
        return False


Read = tuple["bytes | None", list[YamlProblem]]   # a file's bytes, or why it could not be read


def _validate(path: Path, spec: Obj, problems: Problems, languages: list[str],
              refs: list[tuple[str, str, str, int, int]], partial: dict[str, set[str]] | None = None,
              cache: ParseCache | None = None, kind: str = "", read: Read | None = None) -> Any:
    """One record file, read (unless `read` holds what reading it gave) and checked against its schema;
    what that gave is taken from `cache` when the same bytes were validated before."""
    data, trouble = read or read_bytes(path, within=problems.root)
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


# Below this many files not validated before, forking costs more than it spares.
_PARALLEL_FROM = 200


def _overlaid(path: Path, overlay: Mapping[Path, bytes]) -> Read | None:
    """What reading `path` gives when an edit is to replace its bytes; None to read the file itself."""
    return (overlay[path], []) if path in overlay else None


def _validate_new(jobs: list[tuple[Path, Obj, str]], problems: Problems, languages: list[str],
                  cache: ParseCache, overlay: Mapping[Path, bytes]) -> dict[Path, Read]:
    """Validate on every core the files the cache has not seen, and keep what each gave in the cache, so
    the loop that follows finds every record there. A first `check` of a large dossier is nearly all
    parsing and schema checks, file by file, independent of one another. Returns what reading each
    file gave, for that loop."""
    todo, reads = [], {}
    for path, spec, kind in jobs:
        data, trouble = reads[path] = _overlaid(path, overlay) or read_bytes(path, within=problems.root)
        if data is not None and not trouble:
            key = cache.key(problems.rel(path), kind, languages, data)
            if not cache.has(key):
                todo.append((key, path, data, spec))
    if len(todo) < _PARALLEL_FROM:
        return reads   # validated one by one as the loop meets them

    def validate(job: int) -> tuple[str, bytes | None]:
        key, path, data, spec = todo[job]
        mine, my_refs, my_partial = Problems(problems.root), [], {}  # type: ignore[var-annotated]
        value = _validate_bytes(path, data, spec, mine, languages, my_refs, my_partial)
        return key, ParseCache.pack((value, mine.items, my_refs, my_partial))

    for key, packed in fork_map(validate, range(len(todo))):
        if packed is not None:
            cache.put_packed(key, packed)
    return reads


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


def load(root: Path, cache: ParseCache | None = None, only: Only | None = None,
         overlay: Mapping[Path, bytes] | None = None) -> Loaded:
    """Load a dossier directory; the result has a dossier unless dossier.yaml itself is unusable, with
    every collection in id order and the timeline in date order.

    Records already validated are taken from `cache` (by default the dossier's own, see
    `factbase.cache`); what was used is kept for the next load. `overlay` gives record files as an edit
    would write them ({path: bytes}, new files among them): the dossier is loaded as it would be after
    the edit, which is how an edit is checked before anything is written."""
    cache = cache or ParseCache.for_dossier(root)
    loaded = _load(root, cache, only, overlay or {})
    if only is None and not overlay:  # a partial load would drop from the cache what it did not read
        cache.save()
    return loaded


def _load(root: Path, cache: ParseCache, only: Only | None, overlay: Mapping[Path, bytes]) -> Loaded:
    layout = Layout(root)
    problems = Problems(root)
    refs: list[tuple[str, str, str, int, int]] = []
    partial: dict[str, set[str]] = {}
    if _leads_out(layout.content, root, problems):
        return Loaded(None, problems, refs)
    try:
        present = layout.dossier_file.exists()
    except OSError as exc:  # content/ itself cannot be searched
        problems.error(layout.content, 1, 1, unreadable_folder(exc), UNREADABLE_FOLDER)
        return Loaded(None, problems, refs)
    if not present:
        problems.error(layout.dossier_file, 1, 1, "no content/dossier.yaml here; run 'briefing init DIR' to "
                       "start a dossier, or pass --root to point at one", "no-dossier")
        return Loaded(None, problems, refs)
    head = _validate(layout.dossier_file, DOSSIER, problems, ["en", "ar"], refs, cache=cache, kind="dossier",
                     read=_overlaid(layout.dossier_file, overlay))
    if head is None:
        return Loaded(None, problems, refs)
    languages = list(dict.fromkeys(head["languages"]))  # a repeat is reported; it must not double every check
    found: dict[str, dict[str, Any]] = {kind: {} for kind in KINDS}   # in the order of their files
    jobs: list[tuple[Path, Obj, str]] = []   # every record file, in the order reported
    for kind, (folder, spec) in KINDS.items():
        directory = layout.kind_dir(kind)
        if not _is_dir(directory) or (only is not None and kind not in only.kinds):
            continue
        by_stem: dict[str, Path] = {}
        before = len(problems.items)
        leads_out = _leads_out(directory, root, problems)
        entries = [] if leads_out else listing(directory, problems, wanted=_shown_to_editors)
        entries += sorted(p for p in overlay if p.parent == directory and p not in entries)  # a record to be made
        if len(problems.items) > before:
            partial.setdefault(UNREAD_KINDS, set()).update({kind, "claim"} if kind == "incident" else {kind})
        for path in entries:
            if path.name.startswith(".") or (only is not None and only.sources is not None and kind == "source"
                                             and path.stem not in only.sources):
                continue
            if _is_dir(path):
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
            jobs.append((path, spec, kind))
    timeline = (layout.timeline_file.exists() or layout.timeline_file in overlay) and \
        (only is None or "event" in only.kinds)
    if timeline:
        jobs.append((layout.timeline_file, TIMELINE, "timeline"))
    reads = _validate_new(jobs, problems, languages, cache, overlay)
    for path, spec, kind in jobs[:-1] if timeline else jobs:
        kind_partial: dict[str, set[str]] = {}
        record = _validate(path, spec, problems, languages, refs, kind_partial, cache, kind, reads[path])
        partial.setdefault(kind, set()).update(kind_partial.get("record", set()))
        partial.setdefault("claim", set()).update(kind_partial.get("claim", set()))
        if record is not None:
            found[kind].setdefault(record.id, record)
    events: list[model.TimelineEvent] = []
    if timeline:
        events = _validate(layout.timeline_file, TIMELINE, problems, languages, refs, cache=cache, kind="timeline",
                           read=reads[layout.timeline_file]) or []
    for incident in found["incident"].values():
        for claim in incident.claims:
            claim.incident = incident.id
    for source in found["source"].values():
        _attach_text(layout, source, problems)
    if found["source"] and only is None:
        keep_seed_texts(layout)
    # Every collection in id order, once: no output may depend on the order of files in a folder, and
    # nothing downstream sorts the dossier again (it is only read from here on).
    by_id = {kind: {ident: records[ident] for ident in sorted(records)} for kind, records in found.items()}
    reviewers = {ident: model.Reviewer(ident, r["name"], r["keys"]) for ident, r in sorted(head["reviewers"].items())}
    dossier = model.Dossier(head["title"], head["description"], languages, head["topics"], head["site_url"],
                            reviewers=reviewers, sources=by_id["source"], actors=by_id["actor"], places=by_id["place"],
                            incidents=by_id["incident"], briefings=by_id["briefing"],
                            timeline=sorted(events, key=lambda e: (e.date.value, e.id)))
    return Loaded(dossier, problems, refs, partial)


# Characters a document should never carry into pages: NUL, and the bidirectional embeddings and
# overrides (the marks LRM and RLM, and the isolates, are ordinary Arabic typography and stay).
_UNSAFE_IN_SEED = re.compile("[\0\u202a-\u202e]")


def _attach_text(layout: Layout, source: model.Source, problems: Problems) -> None:
    """Read the seed behind a source, so citations can be proved against its paragraphs."""
    path = layout.seeds / source.file
    src_file = layout.kind_dir("source") / f"{source.id}.yaml"
    try:
        present = Path(source.file).name == source.file and path.is_file()
    except OSError as exc:  # seeds/ cannot be searched: reported once by `listing`, and here for the source
        problems.error(path, 1, 1, f"cannot read the seed ({exc.strerror}); make seeds/ readable (chmod u+rx)",
                       "io")
        return
    if not present:
        problems.error(src_file, source.loc.line, source.loc.col,
                       f"seed file {source.file!r} not found in seeds/; restore it or fix 'file'", "missing-seed")
        return
    parsed = read_source_text(path, layout.seeds, problems)
    if parsed is None:
        return
    source.paragraphs = parsed.paragraphs
    source.text_sha256 = parsed.sha256


def read_source_text(path: Path, seeds: Path, problems: Problems) -> seedtext.SourceText | None:
    """A seed of any kind as the text its citations are checked against, or None with the reason at the
    file: too large, or a PDF, web page or Word file that gives no text (`documents.Unreadable`). A
    document's text is kept by its bytes' hash (`.build/seed-text`), so a long report is read once."""
    document = path.suffix.lower() in seedtext.DOCUMENT_SUFFIXES
    limit = seedtext.MAX_BYTES["document" if document else "text"]
    try:
        size = 0 if seedtext.outside_seeds(path, seeds) else path.stat().st_size   # a link: refused below, unread
    except OSError:
        size = 0   # unreadable: said by the reading below
    if size > limit:
        problems.error(path, 1, 1, f"the seed is {_megabytes(size)}, over the limit of {_megabytes(limit)} for a "
                       f"{'document' if document else 'text'} seed; split it into parts, or keep only the pages "
                       "the dossier cites", "seed-size")
        return None
    if not document:
        raw = _read_text(path, seeds, problems)
        return None if raw is None else seedtext.parse(raw)
    data = _seed_bytes(path, seeds, problems)
    if data is None:
        return None
    cache = ParseCache.for_seed_text(Layout(seeds.parent))
    key = cache.key("", path.suffix.lower(), [], data)
    kept = cache.get(key)
    if isinstance(kept, seedtext.SourceText):
        return kept
    try:
        parsed = seedtext.from_document(documents.read(path.suffix, data))
    except documents.Unreadable as exc:
        problems.error(path, 1, 1, f"not read: {exc}", "seed-unreadable")
        return None
    if found := _UNSAFE_IN_SEED.search(parsed.text):
        problems.error(path, 1, 1, f"the document's text holds the character U+{ord(found.group()):04X} (a NUL or "
                       "a direction control); remove it from the document", "seed-character")
        return None
    cache.put(key, parsed)
    return parsed


def keep_seed_texts(layout: Layout) -> None:
    """Keep on disk the documents' texts this process read (and only those), once it has read them all."""
    ParseCache.for_seed_text(layout).save()


def _megabytes(size: int) -> str:
    return f"{size / (1 << 20):,.1f} MiB"


def _seed_bytes(path: Path, seeds: Path, problems: Problems) -> bytes | None:
    """A seed's bytes, or None with the reason: a link out of seeds/ (refused unread), a file that cannot be read."""
    refused = seedtext.outside_seeds(path, seeds)
    if refused:
        problems.error(path, 1, 1, f"not read: {refused}", "seed-link")
        return None
    try:
        return path.read_bytes()
    except OSError as exc:
        problems.error(path, 1, 1, f"cannot read the seed ({exc.strerror}); make it readable (chmod u+r)", "io")
        return None


def _read_text(path: Path, seeds: Path, problems: Problems) -> str | None:
    """A seed's text, or None with the reason at its line and column: a link out of seeds/ (refused
    unread), a file that cannot be read, invalid UTF-8 (where the bad byte is). A NUL byte or a
    direction override is reported at its place, and the text still returned (its paragraphs are
    numbered as the editor sees them). A text seed's characters, for `read_source_text`, the one reader of
    seeds (load and ingest alike)."""
    data = _seed_bytes(path, seeds, problems)
    if data is None:
        return None
    try:
        raw = seedtext.decode(data)
    except UnicodeDecodeError as exc:
        problems.error(path, *line_col(data, exc.start), "seed is not valid UTF-8 here; save it as UTF-8",
                       "encoding")
        return None
    for m in _UNSAFE_IN_SEED.finditer(raw):
        what = "a NUL byte" if m.group() == "\0" else (f"the direction control U+{ord(m.group()):04X}, which "
                                                          "would show the text after it reversed")
        problems.error(path, *line_col(raw, m.start()), f"the seed holds {what}; delete it from the document",
                       "seed-character")
    return raw
