"""Briefings as PDF, one per language, through HTML print templates and WeasyPrint.

WeasyPrint shapes Arabic and lays out right-to-left paragraphs, tables that break across pages and
page counters; it needs a real Arabic face (Amiri, from the PyPI package `fontpkg-amiri`, embedded
in the file) and ignores `unicode-bidi: isolate`, so embedded Latin text is wrapped in `<bdi>`.

Citations become numbered notes at the end, numbered in order of first use like the web page's
footnotes (a claim cited twice keeps its number), so the two can be read side by side. Several
PDFs are rendered in parallel worker processes; each file appears whole or not at all. Output is
reproducible, so a PDF whose HTML, fonts and renderer are unchanged since the last build is taken
from a cache instead of being laid out again.
"""
from __future__ import annotations

import calendar
import concurrent.futures
import contextlib
import dataclasses
import datetime
import functools
import hashlib
import importlib.metadata
import io
import multiprocessing
import os
import shutil
import signal
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import jinja2

from generator.errors import BriefingError, Superseded
from generator.factbase import model
from generator.files import mentions_no_space, no_space, write_atomic
from generator.parallel import behind, fork_map
from generator.pdf.context import PrintContext
from generator.pdf.textmap import repair_text_maps
from generator.text.escape import anchor
from generator.views import addresses, i18n
from generator.views.templates import PRINT, Templates, template_errors
from generator.views.templates import environment as jinja_environment

# WeasyPrint is CPU-bound; more workers than cores only adds memory.
MAX_WORKERS = 2
# The PDF/A part and conformance every briefing declares (XMP pdfaid:part 3, conformance U: its text
# maps to Unicode), as the standard names it; WeasyPrint's name for the variant is the same in lower case.
ARCHIVAL = "PDF/A-3u"
# The data attached to every PDF is the site's `data/dossier.json`, under the same name.
DATA_NAME = addresses.EXPORTS[0]


def font_files() -> dict[str, Path]:
    """The faces embedded in every PDF, from the font packages installed with the project."""
    import fontpkg_amiri
    import fontpkg_noto_serif
    amiri = Path(fontpkg_amiri.ROOT) / "files"
    noto = Path(fontpkg_noto_serif.ROOT) / "files"
    fonts = {"amiri-regular": amiri / "Amiri-Regular.ttf", "amiri-bold": amiri / "Amiri-Bold.ttf",
             "amiri-italic": amiri / "Amiri-Italic.ttf", "amiri-bold-italic": amiri / "Amiri-BoldItalic.ttf",
             "serif": noto / "NotoSerif[wdth,wght].ttf", "serif-italic": noto / "NotoSerif-Italic[wdth,wght].ttf"}
    missing = [str(p) for p in fonts.values() if not p.is_file()]
    if missing:
        raise BriefingError(f"font files are missing ({', '.join(missing)}); run 'make site' to reinstall")
    return fonts


@functools.lru_cache(maxsize=8)
def environment(templates: Templates) -> jinja2.Environment:
    """One per set of template folders: compiling the print templates costs more than filling them in
    for a briefing. Jinja still reloads a template whose file changed (a preview's edit)."""
    env = jinja_environment(templates.loader(PRINT), autoescape=True, undefined=jinja2.StrictUndefined,
                            trim_blocks=True, lstrip_blocks=True)
    env.filters["id"] = anchor
    return env


def briefing_html(dossier: model.Dossier, briefing: model.Briefing, lang: str, templates: Templates) -> str:
    ctx = PrintContext(dossier, lang, addresses.page_of("briefing", briefing.id))
    ctx.tabled = {c.id for incident in ctx.tables(briefing) for c in incident.claims}
    with template_errors(PRINT):
        return environment(templates).get_template("briefing.html.j2").render(
            p=ctx, d=dossier, b=briefing, lang=lang, dir=i18n.direction(lang), fonts=font_uris())


def font_uris() -> dict[str, str]:
    """The faces' addresses, as print templates name them: text, not paths, which a template could open."""
    return {name: path.as_uri() for name, path in font_files().items()}


# --- writing one PDF -----------------------------------------------------------------------------
def write_pdf(html: str, target: Path, created: model.PartialDate) -> None:
    """Render HTML to a PDF file, as laid out (its data is attached after: `attach_data`); the file
    appears whole or not at all."""
    from weasyprint import HTML
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = _partial(target)
    try:
        with _font_timestamps(created):
            _render_to(HTML(string=html, base_url=str(target.parent)), tmp, target.name, created)
        tmp.replace(target)
    finally:
        tmp.unlink(missing_ok=True)


def _partial(target: Path) -> Path:
    return target.with_name(f".{target.name}.tmp")


@contextmanager
def _font_timestamps(created: model.PartialDate) -> Iterator[None]:
    """fontTools stamps every embedded font subset with "now" unless SOURCE_DATE_EPOCH is set."""
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(calendar.timegm(_day(created).timetuple()))
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


def _render_to(html: Any, tmp: Path, name: str, created: model.PartialDate) -> None:
    """Lay out and write, with the dates taken from the content so the bytes are reproducible."""
    document = html.render()
    document.metadata.created = _iso(created)
    document.metadata.modified = _iso(created)
    document.write_pdf(tmp, pdf_identifier=name.encode(), pdf_variant=ARCHIVAL.lower(), pdf_tags=True,
                       finisher=_finish)


def attach_data(laid_out: bytes, data: bytes, created: model.PartialDate, packed: bytes | None = None) -> bytes:
    """The PDF as laid out, with `data` (the dossier's export) attached as `dossier.json`, the file's data
    in PDF/A-3's terms (listed in the catalog's /AF, /AFRelationship /Data, its type, size and dates),
    in an incremental update appended to the file (pypdf). So the layout, the costly part, is cached by
    the briefing's own HTML, and an edit to any record, which changes the data, costs each PDF a fraction
    of a second instead of a new layout. The dates are the briefing's: the same input, the same bytes.
    `packed`: `data` compressed (`pack`), once for all a build's PDFs (at 1,000 sources the data is some 20 MB,
    a second and a half to compress)."""
    import pypdf
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject, StreamObject, TextStringObject

    writer = pypdf.PdfWriter(io.BytesIO(laid_out), incremental=True)
    attached = writer.add_attachment(DATA_NAME, b"")   # its stream is set below, compressed
    moment = datetime.datetime.combine(_day(created), datetime.time(), datetime.UTC)
    attached.subtype = NameObject("/application/json")   # written application#2Fjson, as a name must be
    attached.size = NumberObject(len(data))
    attached.creation_date = moment
    attached.modification_date = moment
    attached.associated_file_relationship = NameObject("/Data")
    attached.alternative_name = TextStringObject(DATA_NAME)
    attached.description = TextStringObject("The dossier's data, as its site publishes it in data/dossier.json")
    stream = cast(StreamObject, cast(DictionaryObject, attached.pdf_object["/EF"])["/F"].get_object())
    stream[NameObject("/Filter")] = NameObject("/FlateDecode")
    stream.set_data(packed if packed is not None else pack(data))
    writer.root_object[NameObject("/AF")] = ArrayObject([attached.pdf_object.indirect_reference])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pack(data: bytes) -> bytes:
    """The data as a PDF's FlateDecode stream holds it."""
    return zlib.compress(data, 9)


def _finish(document: Any, pdf: Any) -> None:
    """What WeasyPrint 70 leaves undone: text maps from the fonts' own tables (`repair_text_maps`); a
    /Scope on every table header (it links each cell to its headers but says not which way a header
    reads: PDF/UA asks)."""
    repair_text_maps(document, pdf)
    with contextlib.suppress(AttributeError):   # another WeasyPrint keeps its boxes otherwise: no scopes then
        for page in document.pages:
            for box in page._page_box.descendants():
                mark = getattr(box, "mark", None)
                if box.element_tag == "th" and isinstance(mark, dict) and "A" in mark:
                    mark["A"]["Scope"] = "/Row" if box.element.get("scope") == "row" else "/Column"


def _day(date: model.PartialDate) -> datetime.date:
    return datetime.date(date.year, date.month or 1, date.day or 1)


def _iso(date: model.PartialDate) -> str:
    return f"{_day(date).isoformat()}T00:00:00Z"


# --- all of them ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Job:
    """One PDF to write: everything a worker process needs, already rendered to HTML."""

    briefing: str
    lang: str
    html: str
    target: Path
    created: model.PartialDate


def _run(job: Job) -> str | None:
    """Write one PDF in a worker; a failure comes back as text (exceptions may not survive pickling)."""
    try:
        write_pdf(job.html, job.target, job.created)
    except Exception as exc:  # noqa: BLE001 - any failure is reported by the parent with the briefing and language
        return f"{type(exc).__name__}: {exc}"
    return None


def render_pdfs(dossier: model.Dossier, templates: Templates, out_dir: Path, *, data: bytes, only: str | None = None,
                langs: list[str] | None = None, workers: int = MAX_WORKERS, cache: Path | None = None,
                progress: Callable[[int, int], None] | None = None) -> list[Path]:
    """Write `<briefing>.<lang>.pdf` for the chosen briefings and languages, several at a time, each with
    `data` (the dossier's export, made above this stage) attached; `progress(done, total)` after each PDF
    rendered (not taken from the cache).

    With `cache`, a PDF rendered before from the same input is copied from there, and the cache is
    left holding exactly this run's PDFs."""
    jobs = plan(dossier, templates, out_dir, only, langs)
    keys = _keys(jobs, cache)
    todo = _from_cache(jobs, keys, cache)
    _raise_failures(_run_all(todo, min(workers, len(todo), os.cpu_count() or 1), progress) if todo else [])
    laid_out = {job: job.target.read_bytes() for job in jobs}
    if cache is not None:
        _keep_in_cache(cache, {keys[job]: laid_out[job] for job in jobs})
    _attach_all(jobs, laid_out, data)
    return [job.target for job in jobs]


def _attach_all(jobs: list[Job], laid_out: dict[Job, bytes], data: bytes) -> None:
    """Each job's target: its PDF as laid out, with `data` attached (`attach_data`), on every core. The data
    goes to no layout worker: only here, to forks that have it already."""
    packed = pack(data)

    def attach(job: Job) -> None:
        write_atomic(job.target, attach_data(laid_out[job], data, job.created, packed))
    for _ in fork_map(attach, jobs):
        pass


def plan(dossier: model.Dossier, templates: Templates, out_dir: Path, only: str | None = None,
         langs: list[str] | None = None, stop: Callable[[], bool] | None = None) -> list[Job]:
    """The PDFs of the chosen briefings and languages, each with its HTML; with `stop` (a preview's), asked
    before each, `Superseded` as soon as it says so."""
    if only is not None and only not in dossier.briefings:
        known = ", ".join(dossier.briefings) or "none"
        raise BriefingError(f"no briefing {only!r}; known briefings: {known}")
    jobs = []
    chosen = [(bid, briefing) for bid, briefing in dossier.briefings.items() if only is None or bid == only]
    for bid, briefing in chosen:
        for lang in langs or dossier.languages:
            if stop is not None and stop():
                raise Superseded
            jobs.append(Job(bid, lang, briefing_html(dossier, briefing, lang, templates),
                            out_dir / addresses.pdf_name(bid, lang), briefing.date))
    return jobs


def stand_in(jobs: list[Job], previous: Path) -> None:
    """For a preview that shows its pages before its PDFs: the file of each PDF's name in `previous` (the
    site's PDFs as they were) stands in for it until `fill_cache` and the build after it make it (every PDF,
    whose data, attached after its layout, changes with any edit)."""
    for job in jobs:
        with contextlib.suppress(OSError):
            write_atomic(job.target, (previous / job.target.name).read_bytes())


def fill_cache(jobs: list[Job], cache: Path, scratch: Path) -> None:
    """Lay out each job's PDF the cache does not have (in `scratch`) and put it in the cache under its key,
    where the next build finds it; run in a process of its own (`Filling`), which may be stopped at any
    moment: each file lands whole."""
    keys = _keys(jobs, cache)
    todo = [job for job in jobs if not (cache / f"{keys[job]}.pdf").is_file()]
    shutil.rmtree(scratch, ignore_errors=True)
    moved = [dataclasses.replace(job, target=scratch / job.target.name) for job in todo]
    _raise_failures(_run_all(moved, min(MAX_WORKERS, len(moved), os.cpu_count() or 1)) if moved else [])
    cache.mkdir(parents=True, exist_ok=True)
    for job, made in zip(todo, moved, strict=True):
        os.replace(made.target, cache / f"{keys[job]}.pdf")
    shutil.rmtree(scratch, ignore_errors=True)


def _fill_alone(jobs: list[Job], cache: Path, scratch: Path) -> None:
    os.setsid()   # a group of its own, the PDF workers with it, so that `Filling.stop` ends them all
    behind()      # and behind the next edit's pages
    fill_cache(jobs, cache, scratch)


class Filling:
    """`fill_cache` in a process of its own, begun at once, while the preview serves the pages."""

    def __init__(self, jobs: list[Job], cache: Path, scratch: Path) -> None:
        self._process = multiprocessing.get_context("spawn").Process(target=_fill_alone, args=(jobs, cache, scratch),
                                                                     daemon=False)
        self._process.start()

    def done(self) -> bool:
        return not self._process.is_alive()

    def failed(self) -> bool:
        """Done, and not every PDF made (a build that makes them itself will say why)."""
        return self.done() and self._process.exitcode != 0

    def stop(self) -> None:
        """End it and its workers, finished or not (a PDF it had not put in the cache is made again)."""
        if self._process.is_alive() and self._process.pid:
            with contextlib.suppress(OSError):
                os.killpg(self._process.pid, signal.SIGKILL)
        self._process.join()


def _keys(jobs: list[Job], cache: Path | None) -> dict[Job, str]:
    if cache is None:
        return {}
    renderer = _renderer_identity()
    return {job: _cache_key(job, renderer) for job in jobs}


def _from_cache(jobs: list[Job], keys: dict[Job, str], cache: Path | None) -> list[Job]:
    """Write each job's PDF the cache has; the jobs left to render."""
    todo = []
    for job in jobs:
        hit = cache / f"{keys[job]}.pdf" if cache is not None else None
        if hit is not None and hit.is_file():
            write_atomic(job.target, hit.read_bytes())
        else:
            todo.append(job)
    return todo


def _raise_failures(failures: list[tuple[Job, str]]) -> None:
    if not failures:
        return
    for job, _ in failures:  # a worker that died cannot have cleaned up after itself
        with contextlib.suppress(OSError):
            _partial(job.target).unlink(missing_ok=True)
    full = [job for job, why in failures if mentions_no_space(why)]
    if full:
        raise no_space(full[0].target)
    detail = "; ".join(f"{job.briefing} ({job.lang}): {why}" for job, why in failures)
    raise BriefingError(f"could not write {len(failures)} PDF(s): {detail}")


def _renderer_identity() -> str:
    """What every PDF of a run depends on besides its own HTML: WeasyPrint's version, and the font
    files and this module's and the text-map repair's code, each by path, size and time."""
    parts = [importlib.metadata.version("weasyprint")]
    for path in [*sorted(font_files().values()), Path(__file__), Path(__file__).with_name("textmap.py")]:
        stat = path.stat()
        parts.append(f"{path}|{stat.st_size}|{stat.st_mtime_ns}")
    return "\0".join(parts)


def _cache_key(job: Job, renderer: str) -> str:
    """What a PDF's layout depends on: its HTML (which names the font files), its name and date, and the
    renderer (its data is attached after, `attach_data`)."""
    digest = hashlib.sha256()
    for part in (job.html, job.target.name, _iso(job.created), renderer):
        digest.update(part.encode("utf-8") + b"\0")
    return digest.hexdigest()[:32]


def _keep_in_cache(cache: Path, entries: dict[str, bytes]) -> None:
    """Store this run's PDFs as laid out under their keys and drop every other cached file."""
    cache.mkdir(parents=True, exist_ok=True)
    for key, laid_out in entries.items():
        if not (cache / f"{key}.pdf").is_file():
            write_atomic(cache / f"{key}.pdf", laid_out)
    names = {f"{key}.pdf" for key in entries}
    for old in cache.iterdir():
        if old.name not in names:
            old.unlink(missing_ok=True)


def _run_all(jobs: list[Job], workers: int, progress: Callable[[int, int], None] | None = None,
             ) -> list[tuple[Job, str]]:
    """Run the jobs, in parallel when there are several; the failures, in job order."""
    results: list[str | None] = []
    if workers <= 1:
        for job in jobs:
            results.append(_run(job))
            if progress is not None:
                progress(len(results), len(jobs))
    else:
        # "spawn": a fresh interpreter per worker, never a fork of a process that holds Pango's state.
        context = multiprocessing.get_context("spawn")
        with concurrent.futures.ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            futures = [pool.submit(_run, job) for job in jobs]
            for future in futures:
                try:
                    results.append(future.result())
                except concurrent.futures.process.BrokenProcessPool as exc:
                    results.append(f"the worker process stopped ({exc})")
                except Exception as exc:  # noqa: BLE001 - the job could not reach its worker, or its answer the parent
                    results.append(f"{type(exc).__name__}: {exc}")
                if progress is not None:
                    progress(len(results), len(jobs))
    return [(job, why) for job, why in zip(jobs, results, strict=True) if why is not None]
