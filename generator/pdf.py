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
import hashlib
import importlib.metadata
import multiprocessing
import os
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

import jinja2
from markupsafe import Markup
from markupsafe import escape as html_escape

from . import i18n, model
from .errors import BriefingError
from .escape import anchor
from .yamlio import write_atomic
from .pdftext import repair_text_maps
from .render import PageContext, sorted_dossier, template_errors

PRINT_TEMPLATES = "print"
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


# --- the print page helpers ----------------------------------------------------------------------
@dataclass
class PrintNote:
    number: int
    body: Markup


@dataclass
class PrintContext(PageContext):
    """The page helpers, producing HTML for print: links are plain text, citations are endnotes.

    Notes are numbered here, independently of the web page's helpers, so that a change there
    cannot renumber a printed note; the keys are the same, so the numbers agree with the web page.
    """

    tabled: set[str] = field(default_factory=set)  # claims that have a row in a claims table
    print_notes: list[PrintNote] = field(default_factory=list)
    _print_keys: dict[str, int] = field(default_factory=dict)

    # --- output ------------------------------------------------------------------------------
    def esc(self, value: object) -> Markup:
        if isinstance(value, Markup):
            return value
        return html_escape(" ".join(str(value).split()))

    def link(self, label: Markup | str, target: str, anchor: str = "") -> Markup:
        return self.esc(label)

    def external(self, url: str) -> Markup:
        """An address, left to right and breakable anywhere so that a long one never runs off the page."""
        return Markup('<bdi dir="ltr" class="url"><a href="{0}">{0}</a></bdi>').format(url)

    def fill(self, message: str, **values: Markup) -> Markup:
        """A translated message whose `%(name)s` placeholders take markup (a page number the layout
        fills in, a name); the text around them keeps its spaces."""
        parts = re.split(r"%\((\w+)\)s", self._(message))
        return Markup("").join(values[part] if i % 2 else html_escape(part) for i, part in enumerate(parts))

    def page_of(self, anchor_id: str) -> Markup:
        """The page a target lands on, filled in by the layout."""
        return Markup('<a class="page-ref" href="#{0}"></a>').format(anchor_id)

    def page_counter(self) -> Markup:
        """CSS `content` for "page N of M" in this language."""
        text = self._("page %(page)s of %(pages)s")
        parts = text.replace("%(pages)s", "\0P\0").replace("%(page)s", "\0p\0").split("\0")
        css = []
        for part in parts:
            if part == "p":
                css.append("counter(page)")
            elif part == "P":
                css.append("counter(pages)")
            elif part:
                css.append('"' + part.replace("\\", "\\\\").replace('"', '\\"') + '"')
        return Markup(" ".join(css))

    # --- notes -------------------------------------------------------------------------------
    def source_label(self, source: model.Source) -> Markup:
        """Title (publisher, date): how a note names its source."""
        comma = self.esc(self._(",")) + Markup(" ")
        publisher = self.t(source.publisher) + comma if source.publisher else Markup("")
        return self.t(source.title) + Markup(" (") + publisher + self.esc(self.date(source.published)) + \
            Markup(")")

    def citation_note(self, cit: model.Citation) -> Markup:
        """Source title, publisher, date, paragraph, the verbatim quote and its translation."""
        return self.source_label(self.dossier.sources[cit.source]) + self.esc(self._(",")) + Markup(" ") + \
            self.passage_quote(cit)

    def passage_quote(self, cit: model.Citation) -> Markup:
        """Paragraph N: “the verbatim quote” — its translation into the reader's language."""
        source = self.dossier.sources[cit.source]
        open_mark, _, close_mark = self._("“%(quote)s”").partition("%(quote)s")
        body = self.esc(self.paragraph_label(cit.paragraph)) + Markup(": ") + Markup('<span class="quote">') + \
            self.esc(open_mark) + self.isolate(cit.quote, source.language) + self.esc(close_mark) + \
            Markup("</span>")
        translation = cit.translation.get(self.lang)
        if translation and self.lang != source.language:
            body += Markup(' — <span class="translation">') + self.esc(translation) + Markup("</span>")
        return body

    def claim_note(self, claim: model.Claim) -> Markup:
        """Who makes the claim, where it stands in the claims table, and the passages it rests on
        (a source quoted several times is named once)."""
        body = self.esc(self._("Claim by")) + Markup(" ") + self.claimant(claim)
        if claim.id in self.tabled:
            body += Markup(" (") + self.fill("claims table, page %(page)s",
                                             page=self.page_of(f"claim-{anchor(claim.id)}")) + Markup(")")
        groups: list[list[model.Citation]] = []
        for cit in claim.citations:
            if groups and groups[-1][0].source == cit.source:
                groups[-1].append(cit)
            else:
                groups.append([cit])
        semicolon = self.esc(self._(";")) + Markup(" ")
        return body + Markup(": ") + semicolon.join(
            self.source_label(self.dossier.sources[group[0].source]) + self.esc(self._(",")) + Markup(" ") +
            semicolon.join(self.passage_quote(c) for c in group) for group in groups)

    def _number(self, key: str, body: Markup) -> int:
        if key not in self._print_keys:
            self._print_keys[key] = len(self.print_notes) + 1
            self.print_notes.append(PrintNote(len(self.print_notes) + 1, body))
        return self._print_keys[key]

    def cite(self, citations: Iterable[model.Citation] = (), claims: Iterable[str] = ()) -> Markup:
        """Note calls, linked to their notes, numbered in order of first use; a note cited again keeps
        its number, so one passage's calls are listed in ascending order."""
        numbers: list[int] = []
        for cit in citations:
            numbers.append(self._number(f"c|{cit.source}|{cit.paragraph}|{cit.quote}", self.citation_note(cit)))
        all_claims = self.dossier.claims
        for ident in claims:
            numbers.append(self._number(f"k|{ident}", self.claim_note(all_claims[ident])))
        unique = sorted(set(numbers))
        if not unique:
            return Markup("")
        sep = Markup('<span class="sep">') + self.esc(self._(",")) + Markup(" </span>")
        calls = sep.join(Markup('<a class="call" href="#note-{0}">{0}</a>').format(n) for n in unique)
        return Markup('<sup class="calls">') + calls + Markup("</sup>")

    # --- what the briefing rests on ----------------------------------------------------------
    def tables(self, briefing: model.Briefing) -> list[model.Incident]:
        """The incidents whose claims the PDF prints as tables: those the briefing covers."""
        return [self.dossier.incidents[i] for i in briefing.incidents if i in self.dossier.incidents]

    def cited_sources(self, briefing: model.Briefing) -> list[model.Source]:
        """Every source the PDF cites (passages, their claims, the claims tables), in id order."""
        claims = self.dossier.claims
        ids: set[str] = set()
        for passage in briefing.key_points + [p for s in briefing.sections for p in s.paragraphs]:
            ids.update(c.source for c in passage.citations)
            ids.update(c.source for k in passage.claims for c in claims[k].citations)
        for incident in self.tables(briefing):
            ids.update(c.source for claim in incident.claims for c in claim.citations)
        return [self.dossier.sources[i] for i in sorted(ids) if i in self.dossier.sources]

    def original_title(self, source: model.Source) -> Markup:
        """The title in the source's own language, when the reader's differs: what to search for."""
        if source.language == self.lang or source.language not in source.title:
            return Markup("")
        return self.isolate(source.title[source.language], source.language)

    def reliability(self, source: model.Source) -> Markup:
        if source.reliability is None:
            return Markup("")
        grade = source.reliability.grade
        return self.esc(self._("Reliability")) + Markup(": ") + self.ltr(grade) + Markup(" · ") + \
            self.esc(self._(f"reliability:{grade}"))

    def credibility(self, claim: model.Claim) -> Markup:
        if claim.credibility is None:
            return Markup("")
        grade = claim.credibility.grade
        return self.ltr(grade) + Markup(" · ") + self.esc(self._(f"credibility:{grade}"))

    def claimant(self, claim: model.Claim) -> Markup:
        actor = self.dossier.actors.get(claim.claimant)
        return self.t(actor.name) if actor else self.esc(claim.claimant)

    def sourcing(self, briefing: model.Briefing) -> Markup:
        """The cover's note on sourcing: what the notes hold and where the sources are listed."""
        count = self.n_("%(n)s source", "%(n)s sources", len(self.cited_sources(briefing)))
        return Markup(" ").join([
            self.esc(self._("Every statement in this briefing rests on a verbatim passage of a source; the "
                            "numbered notes at the end quote each passage in its own language, with a "
                            "translation when that is another language.")),
            self.fill("This briefing cites %(count)s; the list of sources, from page %(page)s, gives the "
                      "publisher, date and address of each.", count=self.esc(count), page=self.page_of("sources")),
            self.esc(self._("Where sources disagree, every claim is kept, side by side, with the editors' "
                            "grade of its credibility."))])


def environment(template_dir: Path) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(template_dir / PRINT_TEMPLATES)),
                             autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True,
                             lstrip_blocks=True)
    env.filters["id"] = anchor
    return env


def briefing_html(dossier: model.Dossier, briefing: model.Briefing, lang: str, template_dir: Path) -> str:
    ctx = PrintContext(dossier, lang, f"briefings/{briefing.id}.md")
    ctx.tabled = {c.id for incident in ctx.tables(briefing) for c in incident.claims}
    with template_errors(template_dir / PRINT_TEMPLATES):
        return environment(template_dir).get_template("briefing.html.j2").render(
            p=ctx, d=dossier, b=briefing, lang=lang, dir=i18n.direction(lang), fonts=font_files())


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
    except Exception as exc:  # reported by the parent with the briefing and language
        return f"{type(exc).__name__}: {exc}"
    return None


def render_pdfs(dossier: model.Dossier, template_dir: Path, out_dir: Path, only: str | None = None,
                langs: list[str] | None = None, workers: int = MAX_WORKERS, cache: Path | None = None) -> list[Path]:
    """Write `<briefing>.<lang>.pdf` for the chosen briefings and languages, several at a time.

    With `cache`, a PDF rendered before from the same input is copied from there, and the cache is
    left holding exactly this run's PDFs."""
    dossier = sorted_dossier(dossier)
    if only is not None and only not in dossier.briefings:
        known = ", ".join(dossier.briefings) or "none"
        raise BriefingError(f"no briefing {only!r}; known briefings: {known}")
    jobs = [Job(bid, lang, briefing_html(dossier, briefing, lang, template_dir), out_dir / f"{bid}.{lang}.pdf",
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
    failures = _run_all(todo, min(workers, len(todo), os.cpu_count() or 1)) if todo else []
    if failures:
        for job, _ in failures:  # a worker that died cannot have cleaned up after itself
            with contextlib.suppress(OSError):
                _partial(job.target).unlink(missing_ok=True)
        detail = "; ".join(f"{job.briefing} ({job.lang}): {why}" for job, why in failures)
        raise BriefingError(f"could not write {len(failures)} PDF(s): {detail}")
    if cache is not None:
        _keep_in_cache(cache, {f"{keys[job]}.pdf": job.target for job in jobs})
    return [job.target for job in jobs]


def _renderer_identity() -> str:
    """What every PDF of a run depends on besides its own HTML: WeasyPrint's version, and the font
    files and this module's and the text-map repair's code, each by path, size and time."""
    parts = [importlib.metadata.version("weasyprint")]
    for path in [*sorted(font_files().values()), Path(__file__), Path(__file__).with_name("pdftext.py")]:
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


def _run_all(jobs: list[Job], workers: int) -> list[tuple[Job, str]]:
    """Run the jobs, in parallel when there are several; the failures, in job order."""
    if workers <= 1:
        results = [_run(job) for job in jobs]
    else:
        # "spawn": a fresh interpreter per worker, never a fork of a process that holds Pango's state.
        context = multiprocessing.get_context("spawn")
        with concurrent.futures.ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            futures = [pool.submit(_run, job) for job in jobs]
            results = []
            for future in futures:
                try:
                    results.append(future.result())
                except concurrent.futures.process.BrokenProcessPool as exc:
                    results.append(f"the worker process stopped ({exc})")
                except Exception as exc:  # the job could not reach its worker, or its answer the parent
                    results.append(f"{type(exc).__name__}: {exc}")
    return [(job, why) for job, why in zip(jobs, results) if why is not None]
