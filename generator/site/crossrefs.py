"""Links between records on web pages: what cites a source paragraph, where an actor appears, each
record named and linked where it lives. Reached by templates as `p.refs`."""
from __future__ import annotations

from collections.abc import Iterable, Sequence

from markupsafe import Markup

from generator.factbase import model
from generator.site.page import SitePage
from generator.views import i18n
from generator.views.addresses import Target
from generator.views.page import kept
from generator.views.templates import called_directly

# Python-Markdown finds a link's closing bracket by scanning the whole text the link stands in, again
# after every link it turns into an element: one paragraph of n links costs n² (one source paragraph
# cited by 5,000 records: four minutes of MkDocs). A long list is therefore written as several
# paragraphs of at most this many links each (`link_runs`), which costs n × this (measured: 1,000 links in
# one paragraph 9.6 s; 2,000 in paragraphs of 50 links 1.2 s, of 10 links 0.3 s, of one 0.2 s).
LINKS_PER_PARAGRAPH = 10


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

    def link_runs(self, targets: Sequence[Target]) -> list[Markup]:
        """`links` cut into runs of `LINKS_PER_PARAGRAPH`, each to be its own paragraph; every run but the
        last ends with the list separator, so that together they read as one list."""
        runs = [self.links(targets[k:k + LINKS_PER_PARAGRAPH]) for k in range(0, len(targets), LINKS_PER_PARAGRAPH)]
        separator = self.p.esc(i18n.list_separator(self.p.lang)).rstrip()
        return [run + separator for run in runs[:-1]] + runs[-1:]

    def cited_by(self, source: model.Source, pid: str) -> list[Target]:
        return self.p.xref.cited_by.get((source.id, pid), [])

    def appears_in(self, actor: model.Actor) -> list[Target]:
        return self.p.xref.appears_in.get(actor.id, [])

    def kind_label(self, target: Target) -> str:
        return self.p._(f"record:{target.kind}")
