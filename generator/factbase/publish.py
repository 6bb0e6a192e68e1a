"""What a build publishes: the records an editor has reviewed (or published), and nothing computed
from a draft. A preview (`build --drafts`, `serve`) keeps the drafts, and the pages mark them.

Run after `check`, which refuses a reviewed record that leans on a draft (`leaning_on_drafts`), so
the published dossier never points at a record it left out.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Any, Protocol

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

def leaning_on_drafts(dossier: model.Dossier, of: Callable[[Any], bool] = is_public) -> Iterator[tuple[
        model.Loc, str, str]]:
    """(where, the public record, the draft it needs) for every reviewed or published record that
    could not be published without a draft: its claimant, a figure's party, place, sources, cited claims,
    incidents: every reference the schema has (`Ref`), or the draft's id would be published in the exports.
    A paragraph that cites a draft is reported at the paragraph. `of` chooses other records to look at:
    the drafts, for which of them cannot be signed alone (`status`)."""
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
        if of(actor):
            refs = cited(actor.citations) + [r for rel in actor.relations
                                             for r in [("actor", rel.target), *cited(rel.citations)]]
            yield from ((actor.loc, f"actor {actor.id}", d) for d in drafts(refs))
    for place in dossier.places.values():
        if of(place):
            refs = [("place", place.within), *cited(place.citations)]
            yield from ((place.loc, f"place {place.id}", d) for d in drafts(refs))
    for inc in dossier.incidents.values():
        if of(inc):
            refs = [("place", inc.place), *[("actor", p.actor) for p in inc.participants]]
            yield from ((inc.loc, f"incident {inc.id}", d) for d in drafts(refs))
            yield from paragraphs(f"incident {inc.id}", inc.summary)
        for claim in inc.claims:
            if of(claim):
                refs = [("incident", inc.id), ("actor", claim.claimant), ("actor", claim.answer),
                        ("actor", claim.figure.party if claim.figure else None), *cited(claim.citations)]
                yield from ((claim.loc, f"claim {claim.id}", d) for d in drafts(refs))
    for b in dossier.briefings.values():
        if of(b):
            yield from ((b.loc, f"briefing {b.id}", d) for d in drafts([("incident", i) for i in b.incidents]))
            yield from paragraphs(f"briefing {b.id}", b.key_points + [p for s in b.sections for p in s.paragraphs])
    for event in dossier.timeline:
        if of(event):
            refs = [("incident", event.incident), *cited(event.citations)]
            yield from ((event.loc, f"event {event.id}", d) for d in drafts(refs))


# --- what a build leaves out, and why ------------------------------------------------------------

# Why a record is left out of a published build (`LeftOut.cause`).
NO_REVIEW = "no-review"         # no `review:` at all: a draft nobody declared
DRAFT = "draft"                 # its own review says draft
WITH_INCIDENT = "with-incident"  # a claim or event of a draft incident goes with it
LEANS = "leans"                 # reviewed, but leans on a draft: check refuses the build


@dataclass(frozen=True)
class LeftOut:
    """A record that a published build leaves out: where to look (its review's `status`, or the record when
    it has no review), why in words, and, for a draft incident, the claims and events that go with it."""

    kind: str
    id: str
    loc: model.Loc
    cause: str
    reason: str
    reviewed: bool = False            # the record itself is reviewed or published (a surprise to leave out)
    takes: tuple[str, ...] = ()       # "claim x", "event y": what a draft incident takes with it


def _own(kind: str, record: Any) -> LeftOut:
    """A record left out for its own review."""
    line, col = record.review.at
    if not line:
        return LeftOut(kind, record.id, record.loc, NO_REVIEW, "it has no review: block, so it is a draft")
    return LeftOut(kind, record.id, model.Loc(record.loc.path, line, col), DRAFT, "its review is draft")


def left_out(dossier: model.Dossier) -> list[LeftOut]:
    """Every record `published` leaves out, and every reviewed record `check` keeps from being published
    (`leaning_on_drafts`), in the dossier's order: the one account of what a build does not publish."""
    out: list[LeftOut] = []
    incidents = {i.id for i in dossier.incidents.values() if is_public(i)}
    for owner, record in dossier.reviewables():
        if owner.kind == "event":
            continue   # after the incidents, which they may go with
        if owner.kind == "incident" and not is_public(record):
            taken = tuple(f"claim {c.id}" for c in record.claims) + tuple(
                f"event {e.id}" for e in dossier.timeline if e.incident == record.id)
            out.append(replace(_own("incident", record), takes=taken))
        elif owner.kind == "claim" and owner.parent not in incidents:
            out.append(LeftOut("claim", record.id, record.loc, WITH_INCIDENT, f"its incident {owner.parent} is a "
                               "draft, so the claim goes with it", reviewed=is_public(record)))
        elif owner.kind != "incident" and not is_public(record):
            out.append(_own(owner.kind, record))
    for event in dossier.timeline:
        if not is_public(event):
            out.append(_own("event", event))
        elif event.incident is not None and event.incident not in incidents:
            state = "a draft" if event.incident in dossier.incidents else "not in the dossier"
            out.append(LeftOut("event", event.id, event.loc, WITH_INCIDENT, f"its incident {event.incident} is "
                               f"{state}, so the event goes with it", reviewed=True))
    seen: set[str] = set()
    for loc, record, draft in leaning_on_drafts(dossier):
        if record not in seen:
            seen.add(record)
            kind, ident = record.split(" ", 1)
            out.append(LeftOut(kind, ident, loc, LEANS, f"it is reviewed but leans on {draft}, which is a draft: "
                               "the build is refused until that is reviewed too", reviewed=True))
    return out
