"""The context web templates get as `p`: the web page's helpers (`site.page.SitePage`, on top of the
`PageContext` that print shares) and the web's views of one concern each: `p.refs` (cross-references),
`p.history` (a page's review and change history, the Changes page), `p.source_text` (a source's marked
paragraphs) and `p.incident` (with the chart and schema.org data only the web has).
"""
from __future__ import annotations

from functools import cached_property

from markupsafe import Markup

from generator.factbase import model
from generator.site.crossrefs import CrossLinks
from generator.site.incident import SiteIncident
from generator.site.page import SitePage
from generator.site.page_history import PageHistory
from generator.site.source_text import SourceText
from generator.views import addresses
from generator.views.templates import called_directly


@called_directly
class SiteContext(SitePage):
    """A web page's helpers with its views; each view is made on first use and kept for the page."""

    @cached_property
    def refs(self) -> CrossLinks:
        return CrossLinks(self)

    @cached_property
    def history(self) -> PageHistory:
        return PageHistory(self)

    @cached_property
    def source_text(self) -> SourceText:
        return SourceText(self)

    @cached_property
    def incident(self) -> SiteIncident:
        return SiteIncident(self)

    # --- the home page's news, which names records as the cross-references do ----------------------
    def latest(self, limit: int = 8) -> list[tuple[model.PartialDate, Markup]]:
        """The newest dated things in the dossier: briefings, reviews and sources, newest first. The reviews of a
        day are one line per kind of record: "8 places reviewed", linked to their list, rather than eight
        "Reviewed: ‹place›" lines; a single review names its record."""
        items: list[tuple[model.PartialDate, str, Markup]] = []
        for b in self.dossier.briefings.values():
            items.append((b.date, f"b{b.id}", self.esc(self._("Briefing")) + Markup(": ") +
                          self.link(self.t(b.title), b)))
        for s in self.dossier.sources.values():
            if s.published:
                items.append((s.published, f"s{s.id}", self.esc(self._("Source")) + Markup(": ") + self.source(s.id)))
        d = self.dossier
        for kind, listing, records in (("actor", "actors", d.actors), ("place", "places", d.places),
                                       ("incident", "incidents", d.incidents)):
            days: dict[model.PartialDate, list[str]] = {}
            for ident, record in records.items():
                if record.review.on and record.review.status != "draft":
                    days.setdefault(record.review.on, []).append(ident)
            for day, idents in days.items():
                if len(idents) == 1:
                    home = addresses.target(self.dossier, model.Owner(kind, idents[0]))
                    body = self.esc(self._("Reviewed")) + Markup(": ") + self.refs.link(home)
                else:
                    body = self.link(self.n_(*REVIEWED[kind], len(idents)), self.listing(listing))
                items.append((day, f"r{kind}", body))
        items.sort(key=lambda item: (item[0].value, item[1]), reverse=True)
        return [(date, body) for date, _key, body in items[:limit]]


# A day's reviews of one kind of record, counted (`SiteContext.latest`).
REVIEWED = {"actor": ("%(n)s actor reviewed", "%(n)s actors reviewed"),
            "place": ("%(n)s place reviewed", "%(n)s places reviewed"),
            "incident": ("%(n)s incident reviewed", "%(n)s incidents reviewed")}
