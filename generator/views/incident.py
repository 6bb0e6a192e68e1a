"""What an incident's claims say taken together: grouped by topic and party, where they disagree,
who took part on which side, the periods claimed, the casualty summary, and each claimant's history of
revised figures. Shared by web pages and print, reached by templates as `p.incident`.

Ranges, charts, disagreement marks and the casualty summary count what each claimant says now
(`factbase.revisions.current`); a revised claim stays on the page, marked, with its notes."""
from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from generator.factbase import model, revisions
from generator.factbase.check import disagreements
from generator.views.page import Page
from generator.views.templates import called_directly
from generator.views.wording import Wording

# The casualty summary's columns, in this order, where an incident has claims of them: the topic ids
# `edit.promote.EVENT_TOPICS` gives claims of casualties (arrests are not casualties). Listed here because
# views lie below edit; tests/test_casualties.py holds the two together.
CASUALTY_TOPICS = ("killed", "wounded", "captured", "missing")


@dataclass(frozen=True)
class PartyRange:
    """The figures claimed now for one party on one topic: the current claims, their spread, the claims
    that give no number (listed, never counted into the spread), and whether claimants disagree."""

    party: str
    claims: list[model.Claim]
    range: str
    disputed: bool
    numberless: list[model.Claim]


@dataclass(frozen=True)
class CasualtyCell:
    """What claimants say now of one party's casualties of one kind, and whether they disagree."""

    claims: list[model.Claim]
    disputed: bool


@dataclass(frozen=True)
class CasualtyRow:
    """One party counted: its side where it took part, and a cell per column of the summary."""

    party: str
    side: model.LangText | None
    cells: list[CasualtyCell]


@dataclass(frozen=True)
class Casualties:
    """An incident's casualty summary: the columns present (topic ids) and a row per party counted."""

    topics: list[str]
    rows: list[CasualtyRow]


@called_directly
class IncidentAnalysis:
    """One page's view of incidents' claims, in its language."""

    def __init__(self, p: Page) -> None:
        self.p = p

    def claim_groups(self, incident: model.Incident) -> list[tuple[str, list[model.Claim]]]:
        """Claims grouped by topic, in order of first appearance, for the claims table."""
        groups: dict[str, list[model.Claim]] = {}
        for claim in incident.claims:
            groups.setdefault(claim.topic, []).append(claim)
        return list(groups.items())

    def disputed(self, incident: model.Incident) -> set[str]:
        """Ids of claims that disagree with another claim on the same topic and party."""
        dossier = self.p.dossier
        return dossier.memo("disputed", lambda: _disputed_by_incident(dossier)).get(incident.id, set())

    def any_disputed(self, claims: list[model.Claim], disputed: set[str]) -> bool:
        return any(c.id in disputed for c in claims)

    def parties(self, claims: list[model.Claim]) -> list[tuple[str | None, list[model.Claim]]]:
        grouped: dict[str | None, list[model.Claim]] = {}
        for claim in claims:
            grouped.setdefault(claim.figure.party if claim.figure else None, []).append(claim)
        return list(grouped.items())

    def party_ranges(self, claims: list[model.Claim], disputed: set[str]) -> list[PartyRange]:
        """Above a topic's claims table: for each party that two or more claimants count now, the spread
        of their figures (never one number), the claims without a number, and whether they disagree."""
        out = []
        for party, counted in self.parties(revisions.current(self.p.dossier, claims)):
            spread = Wording(self.p).claimed_range(counted) if party and len(counted) > 1 else ""
            if party and spread:
                numberless = [c for c in counted if c.figure is not None and c.figure.numberless]
                out.append(PartyRange(party, counted, spread, any(c.id in disputed for c in counted), numberless))
        return out

    def casualties(self, incident: model.Incident) -> Casualties | None:
        """The summary that opens an incident: each party counted, by side, against killed / wounded /
        captured / missing (the columns claimed), each cell what every claimant says now."""
        dossier = self.p.dossier
        present = {c.topic for c in incident.claims if c.figure is not None}
        topics = [t for t in CASUALTY_TOPICS if t in present]
        if not topics:
            return None
        counted = [c for c in revisions.current(dossier, incident.claims) if c.figure is not None and c.topic in topics]
        sides = {part.actor: part.side for part in incident.participants}
        order = list(dict.fromkeys([part.actor for part in incident.participants] +
                                   [c.figure.party or "" for c in counted if c.figure]))
        disputed = self.disputed(incident)
        rows = []
        for party in order:
            theirs = [c for c in counted if c.figure and (c.figure.party or "") == party]
            if theirs:
                cells = [[c for c in theirs if c.topic == topic] for topic in topics]
                rows.append(CasualtyRow(party, sides.get(party), [
                    CasualtyCell(cell, any(c.id in disputed for c in cell)) for cell in cells]))
        return Casualties(topics, rows)

    def revised_by(self, claim: model.Claim) -> model.Claim | None:
        """The claimant's later claim that revises this one, if any."""
        dossier = self.p.dossier
        later = revisions.revised_by(dossier).get(claim.id)
        return dossier.claims[later] if later else None

    def revision(self, claim: model.Claim) -> Markup:
        """Beside a claim's value: "revised by X on <date>" (linked to the later claim) where a later claim
        revises it, the claimant's history ("632 → 1,037 → 2,497") where it ends a chain; else nothing."""
        p = self.p
        later = self.revised_by(claim)
        if later is not None:
            return Markup(' <span class="superseded">') + p.fill(
                "revised by %(claimant)s on %(date)s", claimant=p.link(p.actor_name(later.claimant), later),
                date=p.esc(p.date(later.asserted))) + Markup("</span>")
        chain = revisions.history(p.dossier, claim)
        if len(chain) < 2:
            return Markup("")
        return Markup(' <span class="revisions">') + p.fill(
            "History: %(steps)s", steps=Wording(p).history(chain)) + Markup("</span>")

    def sides(self, incident: model.Incident) -> list[tuple[Markup, list[str]]]:
        """Participants grouped by the side they were on, in order of first appearance."""
        groups: dict[str, tuple[Markup, list[str]]] = {}
        for part in incident.participants:
            label = self.p.t(part.side)
            groups.setdefault(str(label), (label, []))[1].append(part.actor)
        return list(groups.values())

    def claimed_periods(self, incident: model.Incident) -> list[model.Claim]:
        """Claims that state when the incident itself happened (their period starts within it), when
        they do not all agree; periods of earlier events that an incident's claims mention are left out."""
        last = (incident.end or incident.start).value
        periods = [c for c in incident.claims if c.period is not None
                   and incident.start.value[:len(c.period.start.value)] <= c.period.start.value <= last]
        return periods if len({(c.period.start, c.period.end) for c in periods if c.period}) > 1 else []

    def events_of(self, incident: model.Incident) -> list[model.TimelineEvent]:
        """The dossier's timeline events that belong to this incident, in timeline order."""
        dossier = self.p.dossier
        return dossier.memo("events by incident", lambda: _events_by_incident(dossier)).get(incident.id, [])

    def related_actors(self, incident: model.Incident) -> list[str]:
        """Actors taking part in an incident or named by its claims, participants first."""
        ordered = [p.actor for p in incident.participants]
        for claim in incident.claims:
            ordered += [claim.claimant, claim.answer or "", claim.figure.party or "" if claim.figure else ""]
        seen: list[str] = []
        for actor in ordered:
            if actor and actor not in seen and actor in self.p.dossier.actors:
                seen.append(actor)
        return seen


def _disputed_by_incident(dossier: model.Dossier) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for group in disagreements(dossier):
        for claim in group:   # marked where another claim of the group contradicts it, not merely differs
            if any(claim.contradicts(other) for other in group if other is not claim):
                out.setdefault(claim.incident or "", set()).add(claim.id)
    return out


def _events_by_incident(dossier: model.Dossier) -> dict[str, list[model.TimelineEvent]]:
    out: dict[str, list[model.TimelineEvent]] = {}
    for event in dossier.timeline:
        out.setdefault(event.incident or "", []).append(event)
    return out
