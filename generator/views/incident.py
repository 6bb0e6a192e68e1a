"""What an incident's claims say taken together: grouped by topic and party, where they disagree,
who took part on which side, the periods claimed. Shared by web pages and print, reached by
templates as `p.incident`."""
from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from generator.factbase import model
from generator.factbase.check import disagreements
from generator.views.page import Page
from generator.views.templates import called_directly
from generator.views.wording import Wording


@dataclass(frozen=True)
class PartyRange:
    """The figures claimed for one party on one topic: the claims, their spread, and whether they disagree."""

    party: str
    claims: list[model.Claim]
    range: str
    disputed: bool


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
        """Above a topic's claims table: for each party that two or more claims count, the spread of
        their figures (never one number) and whether they disagree."""
        out = []
        for party, counted in self.parties(claims):
            spread = Wording(self.p).claimed_range(counted) if party and len(counted) > 1 else ""
            if party and spread:
                out.append(PartyRange(party, counted, spread, counted[0].id in disputed))
        return out

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
        for claim in group:
            out.setdefault(claim.incident or "", set()).add(claim.id)
    return out


def _events_by_incident(dossier: model.Dossier) -> dict[str, list[model.TimelineEvent]]:
    out: dict[str, list[model.TimelineEvent]] = {}
    for event in dossier.timeline:
        out.setdefault(event.incident or "", []).append(event)
    return out
