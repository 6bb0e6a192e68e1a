"""Briefings as PDF, one per language, through HTML print templates and WeasyPrint.

WeasyPrint shapes Arabic and lays out right-to-left paragraphs, footnotes and page counters; it
needs a real Arabic face (Amiri, from the PyPI package `fontpkg-amiri`, embedded in the file) and
ignores `unicode-bidi: isolate`, so embedded Latin text is wrapped in `<bdi>`.
"""
from __future__ import annotations

import calendar
import datetime
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterable, Iterator

import jinja2
from markupsafe import Markup
from markupsafe import escape as html_escape

from . import i18n, model
from .errors import BriefingError
from .escape import anchor
from .render import PageContext, sorted_dossier, template_errors

PRINT_TEMPLATES = "print"


def font_files() -> dict[str, Path]:
    """The faces embedded in every PDF, from the font packages installed with the project."""
    import fontpkg_amiri
    import fontpkg_noto_serif
    amiri = Path(fontpkg_amiri.ROOT) / "files"
    noto = Path(fontpkg_noto_serif.ROOT) / "files"
    fonts = {"amiri-regular": amiri / "Amiri-Regular.ttf", "amiri-bold": amiri / "Amiri-Bold.ttf",
             "amiri-italic": amiri / "Amiri-Italic.ttf", "serif": noto / "NotoSerif[wdth,wght].ttf",
             "serif-italic": noto / "NotoSerif-Italic[wdth,wght].ttf"}
    missing = [str(p) for p in fonts.values() if not p.is_file()]
    if missing:
        raise BriefingError(f"font files are missing ({', '.join(missing)}); run 'make site' to reinstall")
    return fonts


class PrintContext(PageContext):
    """The page helpers, producing HTML for print: links are plain text, citations are footnotes."""

    def esc(self, value: object) -> Markup:
        if isinstance(value, Markup):
            return value
        return html_escape(" ".join(str(value).split()))

    def link(self, label: Markup | str, target: str, anchor: str = "") -> Markup:
        return self.esc(label)

    def external(self, url: str) -> Markup:
        return Markup('<a href="{0}">{0}</a>').format(url)

    def cite(self, citations: Iterable[model.Citation] = (), claims: Iterable[str] = ()) -> Markup:
        return Markup("").join(Markup('<span class="footnote">') + body + Markup("</span>")
                               for _key, body in self.note_bodies(citations, claims))

    def cited_sources(self, briefing: model.Briefing) -> list[model.Source]:
        """Every source the briefing cites, directly or through its claims, in id order."""
        claims = self.dossier.claims
        ids: set[str] = set()
        for passage in briefing.key_points + [p for s in briefing.sections for p in s.paragraphs]:
            ids.update(c.source for c in passage.citations)
            ids.update(c.source for k in passage.claims for c in claims[k].citations)
        return [self.dossier.sources[i] for i in sorted(ids) if i in self.dossier.sources]

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


def environment(template_dir: Path) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(template_dir / PRINT_TEMPLATES)),
                             autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True,
                             lstrip_blocks=True)
    env.filters["id"] = anchor
    return env


def briefing_html(dossier: model.Dossier, briefing: model.Briefing, lang: str, template_dir: Path) -> str:
    ctx = PrintContext(dossier, lang, f"briefings/{briefing.id}.md")
    with template_errors(template_dir / PRINT_TEMPLATES):
        return environment(template_dir).get_template("briefing.html.j2").render(
            p=ctx, d=dossier, b=briefing, lang=lang, dir=i18n.direction(lang), fonts=font_files())


def write_pdf(html: str, target: Path, created: model.PartialDate) -> None:
    """Render HTML to a PDF file; the file appears whole or not at all."""
    from weasyprint import HTML
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    try:
        with _font_timestamps(created):
            _render_to(HTML(string=html, base_url=str(target.parent)), tmp, target.name, created)
        tmp.replace(target)
    finally:
        tmp.unlink(missing_ok=True)


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
    document.write_pdf(tmp, pdf_identifier=name.encode(), pdf_tags=True)


def _iso(date: model.PartialDate) -> str:
    day = datetime.date(date.year, date.month or 1, date.day or 1)
    return f"{day.isoformat()}T00:00:00Z"


def render_pdfs(dossier: model.Dossier, template_dir: Path, out_dir: Path, only: str | None = None,
                langs: list[str] | None = None) -> list[Path]:
    """Write `<briefing>.<lang>.pdf` for the chosen briefings and languages."""
    dossier = sorted_dossier(dossier)
    if only is not None and only not in dossier.briefings:
        known = ", ".join(dossier.briefings) or "none"
        raise BriefingError(f"no briefing {only!r}; known briefings: {known}")
    written = []
    for bid, briefing in dossier.briefings.items():
        if only is not None and bid != only:
            continue
        for lang in langs or dossier.languages:
            target = out_dir / f"{bid}.{lang}.pdf"
            write_pdf(briefing_html(dossier, briefing, lang, template_dir), target, briefing.date)
            written.append(target)
    return written
