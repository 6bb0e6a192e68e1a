"""Orchestrate a build: check, render, MkDocs per language, the search index, PDFs, exports, then swap into site/.

Everything is built in `.build/staging` first; `site/` is replaced only when all of it worked, so
a failed build leaves the previous site exactly as it was.
"""
from __future__ import annotations

import calendar
import fcntl
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from generator import fingerprint
from generator.errors import BriefingError, Problem, Problems, Superseded
from generator.factbase import model, publish
from generator.factbase.check import DRAFT_REFERENCE, check
from generator.factbase.check import run as check_run
from generator.factbase.load import load
from generator.files import NoSpace, is_no_space, link_tree, not_plain
from generator.layout import BUILD, CONTENT, SEEDS, Layout
from generator.parallel import Forked
from generator.pdf import typeset
from generator.progress import Stages
from generator.review import history
from generator.site import export, mkdocs_config, mkdocs_project, render, search
from generator.site.xref import CrossIndex
from generator.views import addresses, touched
from generator.views.templates import Templates


@dataclass
class BuildResult:
    site: Path
    problems: Problems
    pages: int = 0
    pdfs: list[Path] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage, in the order run
    later: list[typeset.Job] = field(default_factory=list)   # PDFs a preview left to lay out (`Preview`)
    finished: bool = True   # False: a preview's build, whose search index and PDFs a build with pdfs_later off puts in
    first: list[str] | None = None   # a preview's first build after an edit: the pages it rendered (`Preview.edited`)


@contextmanager
def timed(timings: dict[str, float], stage: str, stages: Stages | None = None) -> Iterator[None]:
    """Add the time spent in the block to `stage`: where a build's time goes, for `build --timings`; and
    name the stage on the terminal as it starts (`stages`)."""
    if stages is not None:
        stages.start(stage)
    start = time.perf_counter()
    try:
        yield
    finally:
        timings[stage] = timings.get(stage, 0.0) + time.perf_counter() - start


def templates_for(layout: Layout) -> Templates:
    """The dossier's own templates/, file by file, over the ones shipped with the generator."""
    own = layout.templates
    if own.exists() and not own.is_dir():
        raise BriefingError(f"{own} is a file; templates/ must be a folder of templates that override the "
                            "shipped ones, or absent")
    return Templates.for_dossier(own)


def checked(root: Path, strict: bool = False, drafts: bool = False) -> tuple[model.Dossier, Problems]:
    """Load and check; refuse with every problem listed when the dossier cannot be built."""
    dossier, problems = check_run(root)
    return refuse_unless_buildable(dossier, problems, strict, drafts)


def refuse_unless_buildable(dossier: model.Dossier | None, problems: Problems, strict: bool,
                            drafts: bool) -> tuple[model.Dossier, Problems]:
    """Refuse with every problem listed when the dossier cannot be built. In a preview of drafts, a
    reviewed record leaning on a draft is no obstacle: both are shown."""
    bad = [p for p in problems.errors + (problems.warnings if strict else [])
           if not (drafts and p.code == DRAFT_REFERENCE)]
    if dossier is None or bad:
        raise BriefingError(f"{len(bad)} problem(s) must be fixed before building; nothing was written",
                            problems.sorted())
    return dossier, problems


def source_epoch(dossier: model.Dossier) -> int:
    """A timestamp taken from the content (the latest dated record), so builds are reproducible."""
    dates = [b.date for b in dossier.briefings.values()] + [s.published for s in dossier.sources.values()
                                                           if s.published] + [e.date for e in dossier.timeline]
    if not dates:
        return 0
    latest = max(dates)
    return calendar.timegm((latest.year, latest.month or 1, latest.day or 1, 0, 0, 0))


def _only_plain_files(layout: Layout) -> None:
    """`.build/` holds what builds made, and a build deletes and rewrites in it: committed as a link to the
    folder above, it had a build delete `../data/` and `../out/` beside the dossier. A link in it (or at
    its place), a pipe or a device is none of ours: refused before anything is read or written there."""
    found = not_plain(layout.build)
    if found:
        rel = Problems(layout.root).rel
        problems = [Problem(rel(path), 1, 1, "error", f"{what}: {BUILD}/ holds only what builds make, and a build "
                            f"deletes in it; remove it (rm -r {BUILD}: the next build makes it again), and never "
                            "commit it", "build-folder") for path, what in found]
        raise BriefingError(f"{BUILD}/ holds what no build made; nothing was read or written there", problems)


@contextmanager
def build_lock(layout: Layout) -> Iterator[None]:
    """One build at a time per dossier (a preview and a manual build may overlap); others wait."""
    _only_plain_files(layout)
    try:
        layout.build.mkdir(parents=True, exist_ok=True)
        handle = open(layout.lock, "w", encoding="utf-8")  # noqa: SIM115 (closed below)
    except OSError as exc:
        raise BriefingError(f"cannot write {layout.build} ({exc.strerror}); a build needs to write in the "
                            "dossier's folder") from None
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@dataclass
class Shown:
    """The dossier the preview's newest build was made from, checked: what an edit is compared with
    (`views.touched`), and what the build of every page after an edit's first pages takes as it is while the
    files are the same (`inputs`, their fingerprint) instead of reading and checking them again."""

    dossier: model.Dossier | None = None
    problems: Problems | None = None
    inputs: str = ""

    def keep(self, dossier: model.Dossier, problems: Problems, inputs: str) -> None:
        self.dossier, self.problems, self.inputs = dossier, problems, inputs


@dataclass(frozen=True)
class Preview:
    """How the preview builds: MkDocs kept running (`mkdocs_project.Workers`), and the search index and the
    PDFs made after the pages are in place (the previous index and PDFs stand in until then; `BuildResult.later`
    lists the PDFs to lay out, `typeset.Filling`; then a build with `pdfs_later` off puts them in).

    After an edit (`edited`: the files it changed), the first build renders only the pages it touches
    (`views.touched`) over the pages as they were, MkDocs renders those, and they are served; a build of every
    page follows. A build with `stop` gives way (`Superseded`) as soon as `stop()` says so, between stages and
    while pages are rendered or the site indexed: a newer edit, or the desk, is waiting."""

    mkdocs: mkdocs_project.Workers
    pdfs_later: bool = True   # False: the build that puts the PDFs in once `Filling` has laid them out
    edited: frozenset[str] | None = None
    shown: Shown = field(default_factory=Shown)
    stop: Callable[[], bool] | None = None

    def go_on(self) -> None:
        """Raise `Superseded` when this build is to give way."""
        if self.stop is not None and self.stop():
            raise Superseded


def build(root: Path, strict: bool = False, drafts: bool = False, preview: Preview | None = None,
          stages: Stages | None = None) -> BuildResult:
    """Publish what is reviewed; with `drafts`, a preview that shows the drafts too, marked. `stages`
    shows, on a terminal, which stage the build is in (a large dossier's build takes minutes)."""
    layout = Layout(root)
    with build_lock(layout):
        try:
            return _build(root, strict, drafts, preview, stages)
        except BaseException as exc:
            machine = isinstance(exc, (OSError, NoSpace))
            _discard_half_built(layout, machine)
            if machine:
                raise _failure(exc, layout) from None  # type: ignore[arg-type]
            raise
        finally:
            if stages is not None:
                stages.end()


def _discard_half_built(layout: Layout, machine: bool) -> None:
    """What a failed build leaves no trace of: the new site being assembled, always; and when the
    machine failed (a full disk above all), MkDocs' outputs too, each a whole copy of a language's site
    that would keep the disk full. After a fault in the content they stay: they are what the next
    build renders only the changed pages into (a half-done MkDocs run has already voided its own).
    The MkDocs projects, web fonts and the PDF cache are kept: each file in them is whole, and reused."""
    _remove(layout.staging)
    _remove(layout.exports)
    if machine:
        _remove(layout.mkdocs_out)


def _failure(exc: OSError | NoSpace, layout: Layout) -> BriefingError:
    """A failure of the machine (the disk full, a permission) as one short message naming the file."""
    unchanged = f"; the previous site/ is unchanged and nothing half-built was left in {BUILD}/"
    rel = Problems(layout.root).rel
    if isinstance(exc, NoSpace):
        return NoSpace(rel(exc.what), unchanged)
    where, why = exc.filename, exc.strerror or str(exc)
    if isinstance(exc, shutil.Error) and exc.args and isinstance(exc.args[0], list) and exc.args[0]:
        _, where, why = exc.args[0][0]  # copytree's list of (source, target, why), one per file: the first
    what = rel(where) if where else "the build's output"
    if is_no_space(exc):
        return NoSpace(what, unchanged)
    return BriefingError(f"cannot write {what} ({why}); check that you may write there{unchanged}")


def _build(root: Path, strict: bool, drafts: bool, preview: Preview | None, stages: Stages | None) -> BuildResult:
    layout = Layout(root)
    if not layout.mkdocs_config.is_file():
        raise BriefingError(f"no mkdocs.yml in {root}; run 'briefing init' or pass --root")
    timings: dict[str, float] = {}
    exports = layout.exports
    framing = _framed_before(layout, drafts) if preview is not None and preview.shown.dossier is not None else None
    shown = preview.shown if preview is not None and framing is not None and preview.edited is None and \
        framing[3] == preview.shown.inputs else None
    loaded = None
    if shown is None:
        with timed(timings, "check", stages):
            loaded = load(root)
    quick = preview is not None and preview.edited is not None
    if preview is not None:
        preview.go_on()
    with _exported_beside(loaded.dossier if loaded else shown.dossier if shown else None, drafts, exports,
                          begin=not quick) as exporting:
        if loaded is not None:
            with timed(timings, "check", stages):
                dossier, problems = refuse_unless_buildable(loaded.dossier, check(loaded), strict, drafts)
                dossier = publish.for_build(dossier, drafts)
        else:
            assert shown is not None and shown.dossier is not None and shown.problems is not None
            dossier, problems = shown.dossier, shown.problems
        with timed(timings, "unchanged", stages):
            templates, config, framed, inputs = framing or _framing(layout, drafts)
            previous = fingerprint.previous(layout, inputs)
        if previous is not None:  # nothing the site is made from changed, and the site is as that build left it
            return BuildResult(layout.site, problems, previous.pages, [layout.site / p for p in previous.pdfs],
                               timings)
        assert exporting is not None   # the dossier loaded
        if preview is not None:
            preview.go_on()
            first = _first_pages(root, layout, dossier, problems, templates, framed, inputs, timings, preview) \
                if quick else None
            if first is not None:
                preview.shown.keep(dossier, problems, inputs)
                return first
        exporting.begin()
        built = _build_site(root, layout, dossier, problems, templates, config, framed, inputs, exports, exporting,
                            timings, preview, stages)
        if preview is not None:
            preview.shown.keep(dossier, problems, inputs)
        return built


def _framed_before(layout: Layout, drafts: bool) -> tuple[Templates, str, str, str] | None:
    """`_framing` before the dossier is read (a preview's: it may spare the reading); None where that fails
    (a file that cannot be read, a template folder that is a file), which reading and checking then report
    as they always do."""
    try:
        return _framing(layout, drafts)
    except (OSError, BriefingError):
        return None


def _framing(layout: Layout, drafts: bool) -> tuple[Templates, str, str, str]:
    """The templates, the configuration (`mkdocs_config.text`), the frame (`fingerprint.frame`) and the
    fingerprint of every input of a build: what tells whether anything the site is made from changed."""
    templates = templates_for(layout)
    config = mkdocs_config.text(mkdocs_config.read(layout))
    framed = fingerprint.frame(templates, config)
    return templates, config, framed, fingerprint.of_inputs(layout.root, framed, drafts)


def _first_pages(root: Path, layout: Layout, dossier: model.Dossier, problems: Problems, templates: Templates,
                 framed: str, inputs: str, timings: dict[str, float], preview: Preview) -> BuildResult | None:
    """A preview's first build after an edit: the pages it touches rendered, in both languages, over those of
    the last build, and MkDocs' pages of them put in place of the site's (its search index, data and PDFs
    stand in until the build of every page that follows). None, with nothing written, when that is not
    possible: a change outside content/ and seeds/, an edit that touches too many pages, or a project MkDocs
    would build whole again (`mkdocs_project.amend`)."""
    assert preview.edited is not None
    timings.pop("unchanged", None)
    if any(not path.startswith((f"{CONTENT}/", f"{SEEDS}/")) for path in preview.edited) or \
            not fingerprint.site_as_left(layout):
        return None
    with timed(timings, "render"):
        wanted = touched.pages(preview.shown.dossier, dossier, preview.edited)
        if wanted is None:
            return None
        epoch = source_epoch(dossier)
        frame = fingerprint.of_frame(framed, epoch)
        index = CrossIndex(dossier)
        past = history.read(root, dossier.languages)
        configs: dict[str, Path] = {}
        for lang in dossier.languages:
            name = dossier.title.get(lang) or next(iter(dossier.title.values()))
            pages = render.render(dossier, templates, lang, index, past, only=wanted)
            cfg = mkdocs_project.amend(layout, lang, dossier.languages, name, pages, frame, dossier.site_url)
            if cfg is None:
                return None
            configs[lang] = cfg
    staging = layout.staging
    shutil.rmtree(staging, ignore_errors=True)
    with timed(timings, "mkdocs"):
        outs = mkdocs_project.build_languages(configs, layout, epoch, frame, preview.mkdocs)
        _assemble(outs, dossier.languages[0], staging)
        for folder in (search.BUNDLE, addresses.DATA_FOLDER, addresses.PDF_FOLDER):   # as they were, for now
            if (layout.site / folder).is_dir():
                link_tree(layout.site / folder, staging / folder)
    pdfs = sorted((staging / addresses.PDF_FOLDER).glob("*.pdf"))
    count = len(addresses.pages(dossier)) * len(dossier.languages)
    with timed(timings, "swap"):
        fingerprint.forget(layout)
        _swap(staging, layout)
        fingerprint.remember(layout, inputs + ";to finish", count,
                             [f"{addresses.PDF_FOLDER}/{p.name}" for p in pdfs])
    return BuildResult(layout.site, problems, count, [layout.site / addresses.PDF_FOLDER / p.name for p in pdfs],
                       timings, finished=False, first=wanted)


def _assemble(outs: dict[str, Path], default: str, staging: Path) -> None:
    """The languages' MkDocs outputs as one site: the first language at its root, each other in its folder."""
    link_tree(outs[default], staging)
    for lang, out in outs.items():
        if lang != default:
            link_tree(out, staging / lang)


class _Exports:
    """The exports, written into a folder by a child process (`Forked`) begun as soon as it is asked for."""

    def __init__(self, dossier: model.Dossier, drafts: bool, folder: Path) -> None:
        self._write = lambda: export.write_exports(publish.for_build(dossier, drafts), folder)
        self._child: Forked | None = None

    def begin(self) -> None:
        if self._child is None:
            self._child = Forked(self._write)

    def wait(self, stop: Callable[[], bool] | None = None) -> None:
        self.begin()
        assert self._child is not None
        self._child.wait(stop)

    def stop(self) -> None:
        if self._child is not None:
            self._child.stop()


@contextmanager
def _exported_beside(dossier: model.Dossier | None, drafts: bool, exports: Path, begin: bool) -> Iterator[
        _Exports | None]:
    """The exports, written into `exports` by a child process while this one checks the dossier (a core
    would otherwise wait): they need the records, not the verdict. With `begin` off (a preview's first build
    after an edit, which may not need them), the child begins only when asked. Whatever the build comes to
    without waiting for them (a refusal, nothing changed, a failure), the child is stopped and its files
    removed."""
    shutil.rmtree(exports, ignore_errors=True)
    child = None if dossier is None else _Exports(dossier, drafts, exports)
    if child is not None and begin:
        child.begin()
    try:
        yield child
    finally:
        if child is not None:
            child.stop()
        shutil.rmtree(exports, ignore_errors=True)   # moved into the new site when the build went through


def _build_site(root: Path, layout: Layout, dossier: model.Dossier, problems: Problems, templates: Templates,
                config: str, framed: str, inputs: str, exports: Path, exporting: _Exports,
                timings: dict[str, float], preview: Preview | None, stages: Stages | None) -> BuildResult:
    timings.pop("unchanged", None)
    staging = layout.staging
    shutil.rmtree(staging, ignore_errors=True)

    with timed(timings, "render", stages):
        index = CrossIndex(dossier)                         # cross-references, shared by every language
        past = history.read(root, dossier.languages)        # git history, when the dossier has one
        shared = mkdocs_project.Shared.make(layout, templates, config)

        def write_project(lang: str, pages: dict[str, str]) -> tuple[int, Path]:
            name = dossier.title.get(lang) or next(iter(dossier.title.values()))
            return len(pages), mkdocs_project.prepare(layout, shared, lang, dossier.languages, name, pages,
                                                      dossier.site_url)

        stop = preview.stop if preview is not None else None
        written = render.render_languages(dossier, templates, index, past, then=write_project, stop=stop)
        if preview is not None:
            preview.go_on()
    page_count = sum(count for count, _ in written.values())
    configs = {lang: cfg for lang, (_, cfg) in written.items()}
    if not fingerprint.site_as_left(layout):
        _remove(layout.mkdocs_out)   # MkDocs builds every page again: nothing of a changed site is kept
    epoch = source_epoch(dossier)
    frame = fingerprint.of_frame(framed, epoch)
    with timed(timings, "mkdocs", stages):
        outs = mkdocs_project.build_languages(configs, layout, epoch, frame, preview.mkdocs if preview else None)
        _assemble(outs, dossier.languages[0], staging)
    deferred = preview is not None and preview.pdfs_later   # the preview: search and PDFs after the pages
    with timed(timings, "search", stages):   # from the finished pages, into the staging folder
        if deferred:
            search.stand_in(layout.site, staging)
        else:
            search.make_index(staging, stop)
    with timed(timings, "export", stages):   # what is left of it to wait for
        exporting.wait(stop)
    exports.rename(staging / addresses.DATA_FOLDER)
    later: list[typeset.Job] = []
    with timed(timings, "pdf", stages):
        if not deferred:
            data = (staging / addresses.export(typeset.DATA_NAME)).read_bytes()   # attached to every PDF
            pdfs = typeset.render_pdfs(dossier, templates, staging / addresses.PDF_FOLDER, cache=layout.pdf_cache,
                                       data=data, progress=stages.step if stages is not None else None)
        else:
            later = typeset.plan(dossier, templates, staging / addresses.PDF_FOLDER, stop=stop)
            typeset.stand_in(later, layout.site / addresses.PDF_FOLDER)
            pdfs = [job.target for job in later]
    if preview is not None:
        preview.go_on()
    with timed(timings, "swap", stages):
        fingerprint.forget(layout)
        _swap(staging, layout)
        # with the search index and PDFs still to make, the site is not what this build's inputs make: the next
        # build goes through (and finds the PDFs in the cache), while MkDocs' share of the site is known as left
        fingerprint.remember(layout, inputs + (";to finish" if deferred else ""), page_count,
                             [f"{addresses.PDF_FOLDER}/{p.name}" for p in pdfs])
    return BuildResult(layout.site, problems, page_count, [layout.site / addresses.PDF_FOLDER / p.name for p in pdfs],
                       timings, later, finished=not deferred)


def _swap(staging: Path, layout: Layout) -> None:
    """Replace the site by `staging` with two renames, keeping the old site until the new one is in place."""
    target, old = layout.site, layout.old_site
    _remove(old)
    if target.exists() and not target.is_dir():
        raise BriefingError(f"{target} is a file, not the site folder; move it away and build again")
    try:
        if target.exists():
            target.rename(old)
        try:
            staging.rename(target)
        except OSError:
            if old.exists() and not target.exists():
                old.rename(target)
            raise
        _remove(old)
    except OSError as exc:
        raise BriefingError(f"could not put the new site in place of {target} ({exc.strerror or exc}); check that "
                            f"you may write to {target.parent} and to {target}; the previous site is unchanged") \
            from None


def _remove(path: Path) -> None:
    """Delete a leftover of an earlier build, whether a folder, a file or a link."""
    if path.is_symlink() or path.is_file():
        path.unlink()
    else:
        shutil.rmtree(path, ignore_errors=True)


def pdfs_only(root: Path, briefing: str | None, lang: str | None, out: Path | None,
              drafts: bool = False) -> list[Path]:
    layout = Layout(root)
    everything, _ = checked(root, drafts=drafts)
    dossier = publish.for_build(everything, drafts)
    if briefing in everything.briefings and briefing not in dossier.briefings:
        raise BriefingError(f"briefing {briefing!r} is a draft: print it with --drafts, or review it first")
    if lang is not None and lang not in dossier.languages:
        raise BriefingError(f"language {lang!r} is not one of this dossier's: {', '.join(dossier.languages)}")
    return typeset.render_pdfs(dossier, templates_for(layout), out or layout.site / addresses.PDF_FOLDER,
                               data=export.dossier_json(dossier).encode("utf-8"), only=briefing,
                               langs=[lang] if lang else None)
