"""`briefing extract`: the machine's first reading of every source, as proposals for editors.

For each source it writes `content/proposals/<source-id>.yaml`: the known actors and places it
mentions, names that may deserve a record, figures, dates and quotations, each with the paragraph
and the exact span of the source it comes from. These files are machine-owned and rewritten at will;
`load` never reads them (it reads only the folders of `records.KINDS`) and nothing else writes them.
Curated files are never touched: editors copy what is right, or `briefing promote` it into a claim.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator import shipped
from generator.errors import BriefingError, Problems
from generator.extract import arabic_names, speech
from generator.extract.arabic_names import Echo
from generator.extract.mentions import Gazetteer, candidates
from generator.extract.places import WorldPlaces, world_places
from generator.factbase import model
from generator.factbase.load import FILE_NAME, UNREADABLE_FOLDER, Only, load, record_files
from generator.factbase.yamlio import dump
from generator.files import write_atomic
from generator.layout import CONTENT, RECORD_FOLDERS, SEEDS, Layout
from generator.parallel import fork_map
from generator.text import dates, figures, language, segment, verbatim, vocabulary
from generator.text.world import NAMES, WorldPlace

# The first line of every proposals file; only files that begin with it are ever removed by extract.
MARK = "# Proposals for the source "
HEADER = (MARK + "{id}, written by `briefing extract`.\n"
          "# Machine-owned: do not edit, the next run rewrites this file. Copy what is right into the curated\n"
          "# files, or make a figure, date or quotation a draft claim without retyping it:\n"
          "#   briefing promote {id} PROPOSAL-ID --incident INCIDENT --claimant ACTOR --id NEW-CLAIM-ID\n")
KINDS = ("mentions", "names", "figures", "dates", "quotes")
PREFIX = {"mentions": "mention", "names": "name", "figures": "fig", "dates": "date", "quotes": "quote"}

Progress = Callable[[int, int, str], None]


@dataclass
class ExtractReport:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    problems: Problems | None = None


def proposals_dir(root: Path) -> Path:
    return Layout(root).proposals


def proposals_file(root: Path, source_id: str) -> Path:
    return proposals_dir(root) / f"{source_id}.yaml"


# What proposals are made from: the sources and their seeds, and the names of actors and places.
_NEEDS = frozenset({"source", "actor", "place"})


def extract(root: Path, source: str | None = None, progress: Progress | None = None) -> ExtractReport:
    """Write the proposals of one source (`source`) or of all, and remove those of deleted sources.

    A source whose proposals file was made from the same seed, record and names by the same code is
    not read again; the others are read on every core at once."""
    loaded = load(root, only=Only(_NEEDS, None if source is None else frozenset({source})))
    unread = [p for p in loaded.problems.errors if p.code in (UNREADABLE_FOLDER, FILE_NAME)]
    if loaded.dossier is None or unread:  # proposals made without the records there would be wrong
        raise BriefingError("cannot read the dossier; fix the problems above and run 'briefing extract' again",
                            unread or loaded.problems.errors)
    dossier = loaded.dossier
    if source is not None and source not in dossier.sources:
        files = sorted({p.stem for p in record_files(Layout(root).kind_dir("source"))})
        if source in files:
            raise BriefingError(f"the source {source!r} cannot be read; fix the problems above and run "
                                "'briefing extract' again", loaded.problems.errors)
        known = ", ".join(files) or "none"
        raise BriefingError(f"no source {source!r} in content/sources/ (known: {known}); run 'briefing ingest' "
                            "for a new document")
    problems = Problems(root)
    report = ExtractReport(problems=problems)
    gazetteer = Gazetteer.of(dossier)
    targets = [source] if source is not None else sorted(dossier.sources)
    stamps = {ident: _stamp(dossier.sources[ident], gazetteer) for ident in targets}
    todo = []
    for ident in targets:
        if not dossier.sources[ident].paragraphs:
            report.skipped.append(ident)
            problems.extend(_problems_of(loaded.problems, dossier.sources[ident]))
        elif _stamp_of(proposals_file(root, ident)) == stamps[ident]:
            report.unchanged.append(ident)
        else:
            todo.append(ident)
    done = len(targets) - len(todo)
    if todo:
        world_places()   # built once here, shared by the workers fork_map forks, not once in each
    texts = fork_map(lambda ident: dump(propose(dossier.sources[ident], gazetteer),
                                        HEADER.format(id=ident) + STAMP + stamps[ident] + "\n"), todo)
    for ident, text in zip(todo, texts, strict=True):
        changed = write_atomic(proposals_file(root, ident), text)
        (report.written if changed else report.unchanged).append(ident)
        done += 1
        if progress is not None:
            progress(done, len(targets), ident)
    report.unchanged.sort()
    if source is None:
        report.removed = _remove_stale(root, set(dossier.sources))
    return report


STAMP = "# made from: "


# The shipped data proposals are read with: the gazetteer's names (whose header holds the gazetteer's hash) and
# the common words.
_DATA = (NAMES, vocabulary.DATA)


def _stamp(source: model.Source, gazetteer: Gazetteer) -> str:
    """What a source's proposals depend on, as one hash: the record and its seed's text, every known
    name, and the code and data that read them (the extract and text modules, the gazetteer's names, the common
    words)."""
    digest = hashlib.sha256(shipped.code_hash("extract", "text", data=_DATA).encode())
    digest.update(repr((source.id, source.file, source.language, source.published_day, source.text_sha256,
                        [(p.id, p.text) for p in source.paragraphs])).encode())
    digest.update(gazetteer.digest.encode())
    return digest.hexdigest()


def _stamp_of(path: Path) -> str | None:
    """The stamp a proposals file was written with (in its header), if it is one of ours."""
    try:
        with path.open(encoding="utf-8") as handle:
            head = [handle.readline() for _ in range(8)]
    except (OSError, UnicodeDecodeError):
        return None
    if not head[0].startswith(MARK):
        return None
    return next((line[len(STAMP):].strip() for line in head if line.startswith(STAMP)), None)


def _problems_of(problems: Problems, source: model.Source) -> Problems:
    """Why a source could not be read: the problems of its record and of its own seed."""
    out = Problems(problems.root)
    mine = {f"{CONTENT}/{RECORD_FOLDERS['source']}/{source.id}.yaml", f"{SEEDS}/{source.file}"}   # as load names them
    out.items = [p for p in problems.errors if p.path in mine]
    return out


def _remove_stale(root: Path, known: set[str]) -> list[str]:
    """Proposals of sources that no longer exist; a file without the machine's first line is left alone."""
    folder = proposals_dir(root)
    removed = []
    if folder.is_dir():
        for path in sorted(folder.glob("*.yaml")):
            if path.stem in known:
                continue
            try:
                first = path.read_text(encoding="utf-8").split("\n", 1)[0]
            except (OSError, UnicodeDecodeError):
                continue
            if first.startswith(MARK):
                path.unlink()
                removed.append(path.stem)
    return removed


# --- one source ----------------------------------------------------------------------------------

def propose(source: model.Source, gazetteer: Gazetteer) -> dict[str, Any]:
    """The proposals of one source, as the mapping written to its file, in reading order."""
    lang = source.language
    published = source.published_day
    whole = "\n\n".join(p.text for p in source.paragraphs)
    common = {t.lower for p in source.paragraphs for t in segment.tokens(p.text) if t.text.islower()}
    cal = dates.calendar(lang)
    calendar = set(cal.months) | set(cal.weekdays) if cal else set()
    out: dict[str, Any] = {"source": source.id, "file": source.file, "sha256": source.text_sha256,
                           "language": lang, "detected_language": language.detect(whole)}
    if published:
        out["published"] = published
    lists: dict[str, list[dict[str, Any]]] = {kind: [] for kind in KINDS}
    seen_names: dict[str, dict[str, Any]] = {}
    world = world_places()
    context = world.countries((p.text for p in source.paragraphs), lang)
    echoes = article_echoes([p.text for p in source.paragraphs], lang, gazetteer, calendar)
    for paragraph in source.paragraphs:
        found = read_paragraph(paragraph.text, lang, published, gazetteer, common, calendar, world, context, echoes)
        for kind in KINDS:
            for n, item in enumerate(found[kind], start=1):
                entry = {"id": f"{PREFIX[kind]}-{paragraph.id}-{n}", "paragraph": paragraph.id, **item}
                if kind == "names":
                    key = verbatim.fold_text(item["span"]).lower()
                    if key in seen_names:
                        seen_names[key].setdefault("also_in", [])
                        if paragraph.id not in seen_names[key]["also_in"]:
                            seen_names[key]["also_in"].append(paragraph.id)
                        continue
                    seen_names[key] = entry
                lists[kind].append(entry)
    out.update(lists)
    return out


def article_echoes(texts: list[str], lang: str, gazetteer: Gazetteer, calendar: set[str]) -> tuple[Echo, ...]:
    """The names a cue marks somewhere in a source, for its paragraphs that write them bare: in the Arabic
    script, which has no capitals, nothing else marks them there."""
    if not arabic_names.reads(lang):
        return ()
    return arabic_names.article_names(texts, lang, gazetteer, calendar)


# A sentence longer than this is shown as the words on either side of the span, this many characters.
_CONTEXT_MAX = 400
_CONTEXT_SIDE = 150


def read_paragraph(text: str, lang: str, published: str | None, gazetteer: Gazetteer, common: set[str],
                   calendar: set[str], world: WorldPlaces | None = None,
                   context: frozenset[str] = frozenset(),
                   echoes: tuple[Echo, ...] = ()) -> dict[str, list[dict[str, Any]]]:
    """Every finder over one paragraph; what they find becomes entries with verbatim spans. `world` is the
    world gazetteer (None: places are proposed from the text's cues alone), `context` the countries the
    source is about, `echoes` the names its other paragraphs mark (`article_echoes`)."""
    found_mentions = gazetteer.find(text)
    found_quotes, quoted_names = speech.find(text, lang, found_mentions)
    found_names = candidates(text, lang, gazetteer, found_mentions, common, calendar, quoted_names, world, context,
                             echoes)
    found_dates = dates.find(text, lang, published)
    found_figures = []
    for fig in figures.find(text, lang):
        if any(fig.start < d.end and d.start < fig.end for d in found_dates):
            continue
        if fig.bare_year:
            found_dates.append(dates.year(fig.start, fig.end, fig.number))
        else:
            found_figures.append(fig)
    found_dates.sort(key=lambda d: (d.start, d.end))

    def span(start: int, end: int) -> str:
        return verbatim.unmarked(text[start:end])

    bounds = segment.sentences(text)  # once per paragraph: a paragraph may hold thousands of figures

    def sentence(start: int, end: int) -> str:
        """The sentence around a span; a very long one (a table or a list run together) is cut to the
        words around the span, still verbatim, so a proposals file stays readable."""
        s, e = next(((a, b) for a, b in bounds if a <= start < b), (0, len(text)))
        if e - s > _CONTEXT_MAX:
            left, right = max(s, start - _CONTEXT_SIDE), min(e, end + _CONTEXT_SIDE)
            if left > s:
                left = text.find(" ", left, start) + 1 or left
            cut = text.rfind(" ", end, right)
            if right < e and cut > end:
                right = cut
            s, e = left, right
        return verbatim.unmarked(text[s:e]).strip()

    out: dict[str, list[dict[str, Any]]] = {kind: [] for kind in KINDS}
    for m in found_mentions:
        out["mentions"].append({"span": span(m.start, m.end), m.record: m.id})
    for c in found_names:
        entry: dict[str, Any] = {"span": span(c.start, c.end), "record": c.record}
        if c.kind:
            entry["kind"] = c.kind
        if c.alias_of:
            entry["alias_of"] = span(*c.alias_of)   # "NLF" for "National Liberation Front (NLF)"
        if c.place is not None and world is not None:
            entry["place"] = _place(c.place, c.unsure, world)
        out["names"].append(entry)
    for f in found_figures:
        entry = {"span": span(f.start, f.end)}
        for key in ("value", "low", "high", "qualifier", "unit", "noun", "event"):
            if getattr(f, key) is not None:
                entry[key] = getattr(f, key)
        party = next((m.id for m in found_mentions if m.record == "actor" and f.start <= m.start and m.end <= f.end),
                     None)
        if party:
            entry["party"] = party
        entry["sentence"] = sentence(f.start, f.end)
        out["figures"].append(entry)
    for d in found_dates:
        entry = {"span": span(d.start, d.end), "value": d.value, "precision": d.precision, "basis": d.basis}
        if d.until:
            entry["until"] = d.until
        entry["sentence"] = sentence(d.start, d.end)
        out["dates"].append(entry)
    for q in found_quotes:
        entry = {"span": span(q.start, q.end)}
        if q.speaker:
            entry["speaker"] = span(*q.speaker)
        if q.speaker_ref:
            entry["speaker_actor"] = q.speaker_ref
        out["quotes"].append(entry)
    # The same check curated citations pass: a proposal whose span would not hold is never written.
    return {kind: [e for e in entries if _holds(text, e)] for kind, entries in out.items()}


def _place(place: WorldPlace, unsure: bool, world: WorldPlaces) -> dict[str, Any]:
    """A place of the world gazetteer as a proposal shows it: what a place record needs, in both languages
    where the gazetteer has them."""
    out: dict[str, Any] = {"gazetteer": place.key,
                           "name": {lang: place.names[lang] for lang in ("en", "ar") if lang in place.names},
                           "coordinates": {"lat": place.lat, "lon": place.lon, "precision": place.precision},
                           "country": place.country}
    container = world.world.by_key(place.within) if place.within else None
    if container is not None:   # the region it lies in (its country, for a region), as a place record names it
        out["within"] = {"gazetteer": container.key,
                         "name": {lang: container.names[lang] for lang in ("en", "ar") if lang in container.names}}
    if place.population:
        out["population"] = place.population
    if unsure:
        out["unsure"] = True   # another place of this name was nearly as likely: check before promoting
    return out


def _holds(text: str, entry: dict[str, Any]) -> bool:
    spans = [entry["span"]] + [entry[k] for k in ("speaker", "sentence") if k in entry]
    return all(s.strip() and verbatim.find_quote(text, s) is not None for s in spans)
