"""What web pages need beyond the shared page helpers: links to files beside the pages, badges,
glossary links and order, Markdown footnotes and the home page's news.

`SitePage` is what the web's small views (`crossrefs`, `page_history`, `source_text`, `incident`)
are given; templates get it as `site.context.SiteContext`, which carries those views.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from generator.factbase import model
from generator.review.history import History
from generator.site.xref import CrossIndex, first_mentions
from generator.text.escape import md
from generator.views import addresses, i18n
from generator.views.context import PageContext
from generator.views.page import kept
from generator.views.wording import runs


@dataclass
class SitePage(PageContext):
    """The helpers of one web page in one language, beside the shared ones; templates get them through
    `site.context.SiteContext`, which adds the web's views of one concern each."""

    index: CrossIndex | None = None
    linked: set[str] = field(default_factory=set)
    repo_history: History = field(default_factory=History)

    @property
    def xref(self) -> CrossIndex:
        if self.index is None:
            self.index = CrossIndex(self.dossier)
        return self.index

    # --- files outside the pages ------------------------------------------------------------
    def html_href(self, page: str, anchor: str = "") -> str:
        """A page's address for raw HTML, which MkDocs does not rewrite (pages are `x.html`: see mkdocs.yml)."""
        return self.href(addresses.html(page), anchor)

    def site_file(self, path: str) -> str:
        """A file at the site's root (data/, pdf/), seen from this page; other languages live one level down."""
        rel = self.href(path)
        return rel if self.lang == self.dossier.languages[0] else "../" + rel

    def download(self, path: str, label: str) -> Markup:
        return Markup('<a href="{0}" download>{1}</a>').format(self.site_file(path), label)

    def downloads(self) -> Markup:
        """The data exports, each a download link named by its file."""
        return Markup(" · ").join(self.download(addresses.export(name), name) for name in addresses.EXPORTS)

    def pdf_link(self, briefing: model.Briefing) -> Markup:
        """The briefing's PDF in this page's language."""
        return Markup('<a class="pdf-link" href="{0}" type="application/pdf">{1}</a>').format(
            self.site_file(addresses.pdf(briefing.id, self.lang)), self._("Download this briefing as PDF"))

    def language_name(self, code: str) -> str:
        """A language's name in the page's language ("Arabic" / "العربية")."""
        from babel import Locale, UnknownLocaleError
        try:
            return Locale.parse(code.replace("-", "_")).get_display_name(self.lang) or code
        except (ValueError, UnknownLocaleError):
            return code

    # --- text with links to the glossary ------------------------------------------------------
    def passage(self, passage: model.Passage) -> Markup:
        """A paragraph whose first mention of each actor on the page links to the glossary."""
        value, lang = i18n.pick(passage.text, self.lang)
        if lang != self.lang:
            return self.t(passage.text) + self.cite(passage.citations, passage.claims)
        out: list[Markup] = []
        at = 0
        actors = self.dossier.memo("actors", lambda: list(self.dossier.actors.values()))
        for start, end, ident in first_mentions(value, lang, actors, self.linked):
            self.linked.add(ident)
            out.append(self.esc(value[at:start]))
            out.append(self.link(value[start:end], self.dossier.actors[ident]))
            at = end
        out.append(self.esc(value[at:]))
        return Markup("").join(out) + self.cite(passage.citations, passage.claims)

    # --- badges ------------------------------------------------------------------------------
    def badge(self, scale: str, grade: str) -> Markup:
        """A small grade badge that links to the page explaining the scale."""
        folder = self.path.rpartition("/")[0]   # the link is relative: the same in every page of a folder
        return kept(self, ("badge", scale, grade, folder), lambda: self._badge(scale, grade))

    def grade_anchor(self, scale: str, grade: str) -> str:
        """Where a grade is explained on the grades page."""
        return f"{scale}-{grade.lower()}"

    def _badge(self, scale: str, grade: str) -> Markup:
        meaning = self._(f"{scale}:{grade}")
        label = self.esc(self._("reliability" if scale == "reliability" else "credibility"))
        href = self.html_href(addresses.listing("grades"), self.grade_anchor(scale, grade))
        # The link's name is what it means ("reliability B: usually reliable"), not a bare "B" with the meaning
        # only in `title`, which screen readers may skip; the name starts with the letter it shows.
        name = md(f"{label} {grade}: {meaning}")
        return Markup(f'<a class="grade grade-{scale} grade-{scale}-{grade.lower()}" href="{href}" aria-label="') + \
            name + Markup('" title="') + md(f"{label}: {meaning}") + Markup(f'">{grade}</a>')

    def reliability(self, source: model.Source) -> Markup:
        return self.badge("reliability", source.reliability.grade) if source.reliability else Markup("")

    def credibility(self, claim: model.Claim) -> Markup:
        return self.badge("credibility", claim.credibility.grade) if claim.credibility else Markup("")

    def source_badge(self, source: model.Source) -> Markup:
        """Shown after a cited source."""
        return Markup(" ") + self.reliability(source) if source.reliability else Markup("")

    def claim_badge(self, claim: model.Claim) -> Markup:
        """Shown before a cited claim."""
        return self.credibility(claim) + Markup(" ") if claim.credibility else Markup("")

    def scales(self) -> list[tuple[str, list[str]]]:
        return [("reliability", list(model.RELIABILITY)), ("credibility", list(model.CREDIBILITY))]

    # --- notes: Markdown footnotes -------------------------------------------------------------
    def calls(self, numbers: list[int]) -> Markup:
        """Footnote references in ascending order, a run of three or more shown as its ends ("4–9"). The calls
        between stay in the run, hidden (briefing.css), so that every note keeps a call to link back to."""
        out = []
        for first, last in runs(numbers):
            calls = "".join(f"[^{n}]" for n in range(first, last + 1))
            out.append(calls if first == last else f'<span class="note-run">{calls}</span>')
        return Markup("".join(out))

    def citation_note(self, cit: model.Citation) -> Markup:
        """The source named short and linked to the quoted words on its page; the quote; its translation."""
        return self.wording.citation(cit)

    def claim_note(self, claim: model.Claim) -> Markup:
        """The claimant, a link to the claim's row in its incident's table, and every passage it rests on."""
        return self.wording.claim(claim, self.link(self._("claims table"), claim), self.claim_badge(claim))

    # --- glossary and home -------------------------------------------------------------------
    def newest_first(self, records: Iterable[model.Briefing | model.Incident]) -> list[Any]:
        """Briefings by date, incidents by start, the latest first (ties keep id order)."""
        return sorted(records, key=lambda r: r.date if isinstance(r, model.Briefing) else r.start, reverse=True)
