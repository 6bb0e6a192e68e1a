"""Where everything lives on the site: the one list of pages, every record's page and anchor, and the
reverse (which records a page shows).

Web pages, print, the Changes page, MkDocs' navigation and the build ask here; nothing else spells a
path. Adding a kind of page is a change to this module and a template. Paths are under a language's
`docs/` (`incidents/x.md`); MkDocs turns each into `incidents/x.html` (see mkdocs.yml).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from generator.factbase import model

# The pages every dossier has, by the name templates and the navigation use for them.
HOME = "index.md"
LISTINGS: dict[str, str] = {
    "home": HOME, "briefings": "briefings/index.md", "incidents": "incidents/index.md", "actors": "actors.md",
    "places": "places.md", "timeline": "timeline.md", "sources": "sources/index.md", "grades": "grades.md",
    "changes": "changes.md",
}
# The short navigation, in order, with each entry's interface message: index pages only (build time
# grows with the square of nav entries).
NAV: tuple[tuple[str, str], ...] = (
    ("home", "Home"), ("briefings", "Briefings"), ("incidents", "Incidents"), ("actors", "Actors"),
    ("places", "Places"), ("timeline", "Timeline"), ("sources", "Sources"), ("changes", "Changes"))
# The folder each kind with a page of its own lives in, one page per record.
_OWN_PAGE = {"briefing": "briefings", "incident": "incidents", "source": "sources"}
# The kinds listed on one shared page, each record at its own anchor there.
_LISTED_ON = {"actor": "actors", "place": "places", "event": "timeline"}
_ANCHOR_PREFIX = {"claim": "claim-", "event": "event-"}

# The files beside the pages, at the root of the site (not in a language's folder).
PDF_FOLDER = "pdf"
DATA_FOLDER = "data"
EXPORTS = ("dossier.json", "claims.csv")


@dataclass(frozen=True)
class Page:
    """One page of the site: its path under docs/, the template that lays it out, and the record it
    shows when it is a record's own page (the template sees it under the name of its kind)."""

    path: str
    template: str
    record: Any = None
    kind: str = ""

    @property
    def variables(self) -> dict[str, Any]:
        return {self.kind: self.record} if self.record is not None else {}


@dataclass(frozen=True, order=True)
class Target:
    """A place on the site: a page under docs/, an anchor on it ("top" for the page itself), and what it is."""

    page: str
    anchor: str
    kind: str
    id: str

    @property
    def fragment(self) -> str:
        """The anchor a link names: none for the top of a page."""
        return "" if self.anchor == "top" else self.anchor


def listing(name: str) -> str:
    """A page every dossier has, by name ("actors")."""
    return LISTINGS[name]


def page_of(kind: str, ident: str) -> str:
    """The page of a briefing, incident or source."""
    return f"{_OWN_PAGE[kind]}/{ident}.md"


def anchor_of(kind: str, ident: str) -> str:
    """A record's anchor on the page that shows it (a claim in its incident's table, an event on the
    timeline, an actor in the glossary); "top" for a record with a page of its own."""
    if kind in _OWN_PAGE:
        return "top"
    return _ANCHOR_PREFIX.get(kind, "") + ident


def passage_anchor(paragraph: str, quote: str) -> str:
    """The anchor of one cited passage on its source's page, on the quoted words: the paragraph and a
    digest of the quote, so it is the same in every language and stays put when other passages are cited."""
    digest = hashlib.sha1(quote.encode("utf-8"), usedforsecurity=False).hexdigest()[:8]
    return f"{paragraph}-q{digest}"


def target(dossier: model.Dossier, owner: model.Owner) -> Target:
    """Where a record is shown; every kind of record has exactly one home."""
    kind, ident = owner.kind, owner.id
    if kind == "claim":
        parent = owner.parent or dossier.claims[ident].incident
        return Target(page_of("incident", parent), anchor_of(kind, ident), kind, ident)
    if kind in _OWN_PAGE:
        return Target(page_of(kind, ident), "top", kind, ident)
    if kind not in _LISTED_ON:
        kind = "actor"
    return Target(LISTINGS[_LISTED_ON[kind]], anchor_of(kind, ident), kind, ident)


_KINDS: dict[type, str] = {
    model.Briefing: "briefing", model.Incident: "incident", model.Source: "source", model.Claim: "claim",
    model.TimelineEvent: "event", model.Place: "place", model.Actor: "actor",
}


def kind_of(record: object) -> str:
    """The kind of a model record, as owners and targets name it."""
    return _KINDS[type(record)]


def home(dossier: model.Dossier, record: object) -> Target:
    """Where a model record is shown."""
    kind = kind_of(record)
    parent = record.incident or "" if isinstance(record, model.Claim) else ""
    return target(dossier, model.Owner(kind, record.id, parent))  # type: ignore[attr-defined]


def pages(dossier: model.Dossier) -> list[Page]:
    """Every page of the site, the same in every language: the listings, then a page per briefing,
    incident and source."""
    out = [Page(path, f"{name}.md.j2") for name, path in LISTINGS.items()]
    for kind, records in (("briefing", dossier.briefings), ("incident", dossier.incidents),
                          ("source", dossier.sources)):
        out += [Page(page_of(kind, ident), f"{kind}.md.j2", record, kind) for ident, record in records.items()]
    return out


def shown_on(dossier: model.Dossier, page: str) -> list[Any]:
    """The records a page shows, whose review and history its footer reports: a record's own page
    (an incident with its claims), or every record of a listing."""
    folder, _, name = page.rpartition("/")
    stem = name.removesuffix(".md")
    for kind, own in _OWN_PAGE.items():
        if folder == own and stem != "index":
            record = dossier.records(kind).get(stem)
            if record is None:
                return []
            return [record, *record.claims] if kind == "incident" else [record]
    listed: dict[str, list[Any]] = {
        "actors": list(dossier.actors.values()), "places": list(dossier.places.values()),
        "timeline": list(dossier.timeline), "incidents": list(dossier.incidents.values()),
        "briefings": list(dossier.briefings.values()), "sources": list(dossier.sources.values())}
    return next((listed[name] for name, path in LISTINGS.items() if path == page and name in listed), [])


def html(page: str) -> str:
    """A page's address for raw HTML, which MkDocs does not rewrite: `x.md` is served as `x.html`."""
    return page[:-3] + ".html" if page.endswith(".md") else page


def pdf_name(briefing: str, lang: str) -> str:
    """The file name of a briefing's PDF in one language, in the site's PDF folder."""
    return f"{briefing}.{lang}.pdf"


def pdf(briefing: str, lang: str) -> str:
    """A briefing's PDF in one language, from the site's root."""
    return f"{PDF_FOLDER}/{pdf_name(briefing, lang)}"


def export(name: str) -> str:
    """One of the data exports, from the site's root."""
    return f"{DATA_FOLDER}/{name}"
