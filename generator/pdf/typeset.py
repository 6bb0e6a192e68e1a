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
import datetime
import functools
import hashlib
import importlib.metadata
import multiprocessing
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from generator.errors import BriefingError
from generator.factbase import model
from generator.files import mentions_no_space, no_space, write_atomic
from generator.pdf.context import PrintContext
from generator.pdf.textmap import repair_text_maps
from generator.text.escape import anchor
from generator.views import addresses, i18n
from generator.views.templates import PRINT, Templates, template_errors
from generator.views.templates import environment as jinja_environment

# WeasyPrint is CPU-bound; more workers than cores only adds memory.
MAX_WORKERS = 2


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
    """Render HTML to a PDF file; the file appears whole or not at all."""
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
    day = datetime.date(created.year, created.month or 1, created.day or 1)
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(calendar.timegm(day.timetuple()))
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
    document.write_pdf(tmp, pdf_identifier=name.encode(), pdf_tags=True, finisher=repair_text_maps)


def _iso(date: model.PartialDate) -> str:
    day = datetime.date(date.year, date.month or 1, date.day or 1)
    return f"{day.isoformat()}T00:00:00Z"


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


def render_pdfs(dossier: model.Dossier, templates: Templates, out_dir: Path, only: str | None = None,
                langs: list[str] | None = None, workers: int = MAX_WORKERS, cache: Path | None = None,
                progress: Callable[[int, int], None] | None = None) -> list[Path]:
    """Write `<briefing>.<lang>.pdf` for the chosen briefings and languages, several at a time;
    `progress(done, total)` after each PDF rendered (not taken from the cache).

    With `cache`, a PDF rendered before from the same input is copied from there, and the cache is
    left holding exactly this run's PDFs."""
    if only is not None and only not in dossier.briefings:
        known = ", ".join(dossier.briefings) or "none"
        raise BriefingError(f"no briefing {only!r}; known briefings: {known}")
    jobs = [Job(bid, lang, briefing_html(dossier, briefing, lang, templates), out_dir / addresses.pdf_name(bid, lang),
                briefing.date)
            for bid, briefing in dossier.briefings.items() if only is None or bid == only
            for lang in langs or dossier.languages]
    renderer = _renderer_identity() if cache is not None else ""
    keys = {job: _cache_key(job, renderer) for job in jobs} if cache is not None else {}
    todo = []
    for job in jobs:
        hit = cache / f"{keys[job]}.pdf" if cache is not None else None
        if hit is not None and hit.is_file():
            write_atomic(job.target, hit.read_bytes())
        else:
            todo.append(job)
    failures = _run_all(todo, min(workers, len(todo), os.cpu_count() or 1), progress) if todo else []
    if failures:
        for job, _ in failures:  # a worker that died cannot have cleaned up after itself
            with contextlib.suppress(OSError):
                _partial(job.target).unlink(missing_ok=True)
        full = [job for job, why in failures if mentions_no_space(why)]
        if full:
            raise no_space(full[0].target)
        detail = "; ".join(f"{job.briefing} ({job.lang}): {why}" for job, why in failures)
        raise BriefingError(f"could not write {len(failures)} PDF(s): {detail}")
    if cache is not None:
        _keep_in_cache(cache, {f"{keys[job]}.pdf": job.target for job in jobs})
    return [job.target for job in jobs]


def _renderer_identity() -> str:
    """What every PDF of a run depends on besides its own HTML: WeasyPrint's version, and the font
    files and this module's and the text-map repair's code, each by path, size and time."""
    parts = [importlib.metadata.version("weasyprint")]
    for path in [*sorted(font_files().values()), Path(__file__), Path(__file__).with_name("textmap.py")]:
        stat = path.stat()
        parts.append(f"{path}|{stat.st_size}|{stat.st_mtime_ns}")
    return "\0".join(parts)


def _cache_key(job: Job, renderer: str) -> str:
    """What a PDF's bytes depend on: its HTML (which names the font files), its name and date, and
    the renderer."""
    digest = hashlib.sha256()
    for part in (job.html, job.target.name, _iso(job.created), renderer):
        digest.update(part.encode("utf-8") + b"\0")
    return digest.hexdigest()[:32]


def _keep_in_cache(cache: Path, entries: dict[str, Path]) -> None:
    """Store this run's PDFs under their keys and drop every other cached file."""
    cache.mkdir(parents=True, exist_ok=True)
    for name, target in entries.items():
        if not (cache / name).is_file():
            write_atomic(cache / name, target.read_bytes())
    for old in cache.iterdir():
        if old.name not in entries:
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
