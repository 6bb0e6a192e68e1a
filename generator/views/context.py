"""The page context templates get as `p`, shared by web pages and printed briefings: the helpers every
page uses (`views.page.Page`: language pick, isolation, dates and numbers, links, the one note numbering)
and the small views it carries, one concern each: `p.wording` (figures in words), `p.incident` (what an
incident's claims say together), `p.maps`. `site.context.SiteContext` adds what only web pages have,
`pdf.context.PrintContext` what only print has.
"""
from __future__ import annotations

from functools import cached_property

from generator.views.incident import IncidentAnalysis
from generator.views.maps import Maps
from generator.views.page import Page
from generator.views.wording import Wording


class PageContext(Page):
    """A page's helpers with its views; each view is made on first use and kept for the page."""

    @cached_property
    def wording(self) -> Wording:
        return Wording(self)

    @cached_property
    def incident(self) -> IncidentAnalysis:
        return IncidentAnalysis(self)

    @cached_property
    def maps(self) -> Maps:
        return Maps(self)
