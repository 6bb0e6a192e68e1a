"""Read `seeds/` and create `content/sources/<id>.yaml` for every new document.

A source file belongs to its editor once it exists: a second run creates files only for new
seeds, and for a seed whose text changed it updates the one machine-owned line, `sha256`,
leaving every other line (and comment) as the editor wrote it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import BriefingError, Problems
from generator.factbase.load import keep_seed_texts, read_source_text, record_files, seed_files
from generator.factbase.records import SCHEMA_HEADER
from generator.factbase.schema import MAX_SLUG, URL
from generator.factbase.yamlio import Map, dump, read
from generator.files import write_atomic
from generator.layout import Layout
from generator.text import seedtext
from generator.text.language import detect as detect_language
from generator.text.slug import slug

_SHA_LINE = re.compile(r"^(sha256:[ \t]*)(['\"]?)([0-9a-f]*)(['\"]?)[ \t]*$", re.MULTILINE)
_TITLE_WORDS = 12


@dataclass
class IngestReport:
    created: list[str] = field(default_factory=list)
    rehashed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    problems: Problems | None = None


def source_id(seed: Path) -> str:
    """The id a seed's source record gets: its file name without suffix, as a slug (`text.slug`)."""
    return slug(seed.stem, "source", MAX_SLUG)


def record_for(seed: Path, parsed: seedtext.SourceText) -> dict[str, object]:
    """A new source record: what the seed itself tells, nothing guessed beyond the language."""
    language = detect_language(parsed.text)
    title = parsed.title
    if not title and parsed.paragraphs:
        words = parsed.paragraphs[0].text.split()
        title = " ".join(words[:_TITLE_WORDS]) + (" …" if len(words) > _TITLE_WORDS else "")
    record: dict[str, object] = {
        "id": source_id(seed),
        "file": seed.name,
        "sha256": parsed.sha256,
        "language": language,
        "title": {language: title or seed.stem},
    }
    if parsed.publisher:
        record["publisher"] = {language: parsed.publisher}
    if parsed.published:
        record["published"] = parsed.published
    if parsed.url:
        record["url"] = parsed.url
    record["review"] = {"status": "draft"}
    return record


def existing_records(out_dir: Path, problems: Problems | None = None) -> dict[str, Path]:
    """Seed file name -> its source record, so an editor may rename a record (and its id) freely."""
    found: dict[str, Path] = {}
    for path in record_files(out_dir, problems=problems):
        node, _ = read(path, within=out_dir.parent.parent)
        if isinstance(node, Map) and isinstance(node.get("file"), str):
            found.setdefault(str(node["file"]), path)
    return found


def ingest(root: Path) -> IngestReport:
    layout = Layout(root)
    if not layout.seeds.is_dir():
        raise BriefingError(f"no seeds/ folder in {root}: create it and put the source documents in it")
    report = IngestReport(problems=Problems(root))
    problems = report.problems
    assert problems is not None
    out_dir = layout.kind_dir("source")
    seen: dict[str, Path] = {}
    records = existing_records(out_dir, problems)
    if problems.errors:  # a record left unread may be some seed's: none may get a second one
        raise BriefingError("cannot list every source record; fix the problems above and run 'briefing ingest' "
                            "again", problems.errors)
    for seed in seed_files(layout, problems):
        if seed.suffix.lower() not in seedtext.SEED_SUFFIXES and not seedtext.outside_seeds(seed, layout.seeds):
            problems.warning(seed, 1, 1, f"skipped: {seed.suffix or 'no suffix'} files are not read; use "
                             f"{', '.join(seedtext.SEED_SUFFIXES[:-1])} or {seedtext.SEED_SUFFIXES[-1]}", "seed-type")
            continue
        before = len(problems.errors)
        parsed = read_source_text(seed, layout.seeds, problems)
        if parsed is None or len(problems.errors) > before:  # a NUL or a direction override: not registered
            continue
        if not parsed.paragraphs:
            problems.error(seed, 1, 1, "the document has no text; add its text or remove the file", "empty-seed")
            continue
        ident = source_id(seed)
        if ident in seen:
            problems.error(seed, 1, 1, f"gives the same source id {ident!r} as {seen[ident].name}; rename "
                           "one of them", "duplicate-id")
            continue
        seen[ident] = seed
        target = records.get(seed.name) or out_dir / f"{ident}.yaml"
        if not target.exists():
            if parsed.url is not None and not URL.match(parsed.url):
                problems.error(seed, parsed.url_line, 1, f"{parsed.url!r} is not a full http(s) address, so the "
                               "document is not registered; write the whole address (URL: https://…) or remove "
                               "the line, then run 'briefing ingest' again", "seed-url")
                continue
            write_atomic(target, dump(record_for(seed, parsed), SCHEMA_HEADER.format(kind="source")))
            report.created.append(ident)
            continue
        _, broken = read(target, within=target.parent.parent.parent)
        if broken:
            problems.error(target, broken[0].line, broken[0].col, f"not updated from {seed.name}: "
                           f"{broken[0].message}; fix the file, then ingest again", "ingest-skipped")
            continue
        text = target.read_text(encoding="utf-8")
        match = _SHA_LINE.search(text)
        if match and match.group(3) != parsed.sha256:
            updated = text[:match.start(3)] + parsed.sha256 + text[match.end(3):]
            write_atomic(target, updated)
            report.rehashed.append(target.stem)
        else:
            report.unchanged.append(target.stem)
    keep_seed_texts(layout)
    return report
