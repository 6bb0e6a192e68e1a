"""What a build publishes: the records an editor has reviewed (or published), and nothing computed
from a draft. A preview (`build --drafts`, `serve`) keeps the drafts, and the pages mark them.

Run after `check`, which refuses a reviewed record that leans on a draft (`leaning_on_drafts`), so
the published dossier never points at a record it left out.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Protocol

from generator.factbase import model

PUBLIC = ("reviewed", "published")


class Reviewed(Protocol):
    review: model.Review


def is_public(record: Reviewed) -> bool:
    return record.review.status in PUBLIC


def published(dossier: model.Dossier) -> model.Dossier:
    """The dossier without its drafts: a draft claim leaves its incident, a draft incident takes its
    claims and timeline events with it."""
    incidents = {k: replace(i, claims=[c for c in i.claims if is_public(c)])
                 for k, i in dossier.incidents.items() if is_public(i)}
    return replace(
        dossier,
        sources={k: s for k, s in dossier.sources.items() if is_public(s)},
        actors={k: a for k, a in dossier.actors.items() if is_public(a)},
        places={k: p for k, p in dossier.places.items() if is_public(p)},
        incidents=incidents,
        briefings={k: b for k, b in dossier.briefings.items() if is_public(b)},
        timeline=[e for e in dossier.timeline if is_public(e) and (e.incident is None or e.incident in incidents)])


def for_build(dossier: model.Dossier, drafts: bool) -> model.Dossier:
    return dossier if drafts else published(dossier)


# --- what a reviewed record leans on ----------------------------------------------------------

def leaning_on_drafts(dossier: model.Dossier) -> Iterator[tuple[model.Loc, str, str]]:
    """(where, the public record, the draft it needs) for every reviewed or published record that
    could not be published without a draft: its claimant, a figure's party, place, sources, cited claims,
    incidents: every reference the schema has (`Ref`), or the draft's id would be published in the exports.
    A paragraph that cites a draft is reported at the paragraph."""
    lookup = {kind: dossier.records(kind) for kind in ("source", "actor", "place", "incident", "claim")}

    def drafts(refs: list[tuple[str, str | None]]) -> list[str]:
        found = [(kind, ident, lookup[kind].get(ident)) for kind, ident in dict.fromkeys(refs) if ident]
        return [f"{kind} {ident}" for kind, ident, record in found
                if record is not None and not is_public(record)]

    def cited(citations: list[model.Citation]) -> list[tuple[str, str | None]]:
        return [("source", c.source) for c in citations]

    def paragraphs(owner: str, items: list[model.Passage]) -> Iterator[tuple[model.Loc, str, str]]:
        for passage in items:
            refs = cited(passage.citations) + [("claim", k) for k in passage.claims]
            yield from ((passage.loc, owner, d) for d in drafts(refs))

    for actor in dossier.actors.values():
        if is_public(actor):
            refs = cited(actor.citations) + [r for rel in actor.relations
                                             for r in [("actor", rel.target), *cited(rel.citations)]]
            yield from ((actor.loc, f"actor {actor.id}", d) for d in drafts(refs))
    for place in dossier.places.values():
        if is_public(place):
            refs = [("place", place.within), *cited(place.citations)]
            yield from ((place.loc, f"place {place.id}", d) for d in drafts(refs))
    for inc in dossier.incidents.values():
        if is_public(inc):
            refs = [("place", inc.place), *[("actor", p.actor) for p in inc.participants]]
            yield from ((inc.loc, f"incident {inc.id}", d) for d in drafts(refs))
            yield from paragraphs(f"incident {inc.id}", inc.summary)
        for claim in inc.claims:
            if is_public(claim):
                refs = [("incident", inc.id), ("actor", claim.claimant), ("actor", claim.answer),
                        ("actor", claim.figure.party if claim.figure else None), *cited(claim.citations)]
                yield from ((claim.loc, f"claim {claim.id}", d) for d in drafts(refs))
    for b in dossier.briefings.values():
        if is_public(b):
            yield from ((b.loc, f"briefing {b.id}", d) for d in drafts([("incident", i) for i in b.incidents]))
            yield from paragraphs(f"briefing {b.id}", b.key_points + [p for s in b.sections for p in s.paragraphs])
    for event in dossier.timeline:
        if is_public(event):
            refs = [("incident", event.incident), *cited(event.citations)]
            yield from ((event.loc, f"event {event.id}", d) for d in drafts(refs))
