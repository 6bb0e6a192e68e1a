"""Links between records on web pages: what cites a source paragraph, where an actor appears, each
record named and linked where it lives. Reached by templates as `p.refs`."""
from __future__ import annotations

from collections.abc import Iterable

from markupsafe import Markup

from generator.factbase import model
from generator.site.page import SitePage
from generator.views.addresses import Target
from generator.views.page import kept
from generator.views.templates import called_directly


@called_directly
class CrossLinks:
    """One page's cross-references, from the build's one `CrossIndex`."""

    def __init__(self, p: SitePage) -> None:
        self.p = p

    def label(self, target: Target) -> Markup:
        return kept(self.p, ("target label", target.kind, target.id), lambda: self._label(target))

    def _label(self, target: Target) -> Markup:
        p, d = self.p, self.p.dossier
        if target.kind == "claim":
            claim = d.claims[target.id]
            return p.wording.topic(claim.topic) + Markup(" — ") + p.t(d.actors[claim.claimant].name) \
                if claim.claimant in d.actors else p.wording.topic(claim.topic)
        if target.kind == "event":
            return p.esc(p.date(d.events[target.id].date))
        record = d.records(target.kind)[target.id]
        return p.t(record.title if target.kind in ("incident", "briefing", "source") else record.name)

    def link(self, target: Target) -> Markup:
        return self.p.link(self.label(target), target)

    def links(self, targets: Iterable[Target]) -> Markup:
        """Records linked where they live, as a list in the page's language ("Cited by: a، b")."""
        return self.p.join(self.link(t) for t in targets)

    def cited_by(self, source: model.Source, pid: str) -> list[Target]:
        return self.p.xref.cited_by.get((source.id, pid), [])

    def appears_in(self, actor: model.Actor) -> list[Target]:
        return self.p.xref.appears_in.get(actor.id, [])

    def kind_label(self, target: Target) -> str:
        return self.p._(f"record:{target.kind}")
