"""Claims that change and claims that travel.

A claimant that revises its toll (632 in the morning, 1,037 in the evening, 2,497 two days later) makes
a chain of claims, each `revises` the one before: its figure is the latest, the earlier ones are its
history, and none of them disagrees with another. A statement relayed by several outlets is one claim
with several citations; two claims of one statement (same claimant, same value, same day) are a relay
to merge. Disagreement is between what different claimants say now (`check.disagreements`).
"""
from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass

from generator.factbase import model


def revised_by(dossier: model.Dossier) -> dict[str, str]:
    """Claim id -> the id of the claim that revises it (the first, in id order, where two do: check says so)."""
    def compute() -> dict[str, str]:
        out: dict[str, str] = {}
        for claim in sorted(dossier.claims.values(), key=lambda c: c.id):
            if claim.revises and claim.revises in dossier.claims:
                out.setdefault(claim.revises, claim.id)
        return out
    return dossier.memo("revised by", compute)


def is_superseded(dossier: model.Dossier, claim: model.Claim) -> bool:
    return claim.id in revised_by(dossier)


def latest(dossier: model.Dossier, claim: model.Claim) -> model.Claim:
    """The last claim of the chain `claim` is in."""
    later = revised_by(dossier)
    seen = {claim.id}
    while claim.id in later and later[claim.id] not in seen:
        claim = dossier.claims[later[claim.id]]
        seen.add(claim.id)
    return claim


def history(dossier: model.Dossier, claim: model.Claim) -> list[model.Claim]:
    """The chain that ends at `claim`, oldest first (just `claim` when it revises nothing)."""
    chain = [claim]
    seen = {claim.id}
    while chain[0].revises and chain[0].revises in dossier.claims and chain[0].revises not in seen:
        chain.insert(0, dossier.claims[chain[0].revises])
        seen.add(chain[0].id)
    return chain


def current(dossier: model.Dossier, claims: list[model.Claim]) -> list[model.Claim]:
    """The claims no other claim revises: what each claimant says now."""
    later = revised_by(dossier)
    return [c for c in claims if c.id not in later]


@dataclass(frozen=True)
class Relay:
    """Two claims of one statement: `first` (in file order) and `again`, which should be merged into it."""

    first: model.Claim
    again: model.Claim


def relays(dossier: model.Dossier) -> list[Relay]:
    """Claims of one claimant giving one value of one quantity on one day, more than once."""
    groups: dict[tuple[object, ...], list[model.Claim]] = defaultdict(list)
    for incident in dossier.incidents.values():
        for claim in incident.claims:
            quantity = claim.same_quantity
            if quantity is not None and claim.asserted is not None:
                groups[(*quantity, claim.claimant, claim.comparable, claim.asserted.value)].append(claim)
    return [Relay(claims[0], again) for _, claims in sorted(groups.items(), key=lambda kv: str(kv[0]))
            for again in claims[1:] if again.revises != claims[0].id]


def chain_problems(dossier: model.Dossier, claim: model.Claim) -> list[str]:
    """What is wrong with `claim.revises`, in words (nothing when it revises nothing or revises rightly)."""
    if not claim.revises or claim.revises not in dossier.claims:
        return []   # an unknown id is check's reference problem
    earlier = dossier.claims[claim.revises]
    if earlier.id == claim.id:
        return ["a claim cannot revise itself"]
    out = []
    if earlier.claimant != claim.claimant:
        out.append(f"{earlier.id} is {earlier.claimant}'s claim, not {claim.claimant}'s: a claim revises only its own "
                   "claimant's earlier claim (another claimant's figure is a disagreement, shown as such)")
    if earlier.same_quantity != claim.same_quantity:
        out.append(f"{earlier.id} is not a claim of the same quantity (incident, topic, party and unit, or both "
                   "a period or both an actor named)")
    if earlier.asserted is None or claim.asserted is None:
        out.append("a revision and the claim it revises both need `asserted`, to show them in order")
    elif earlier.asserted.value[:len(claim.asserted.value)] > claim.asserted.value[:len(earlier.asserted.value)]:
        out.append(f"{earlier.id} was asserted on {earlier.asserted.value}, after this claim "
                   f"({claim.asserted.value}): the later claim revises the earlier")
    first = revised_by(dossier).get(earlier.id)
    if first is not None and first != claim.id:
        out.append(f"{first} revises {earlier.id} already; a chain has one claim after each (revise {first} instead)")
    seen, step = {claim.id}, earlier
    while step.revises and step.revises in dossier.claims:
        if step.revises in seen:
            out.append("the chain of revisions goes round in a circle; one claim in it must revise nothing")
            break
        seen.add(step.id)
        step = dossier.claims[step.revises]
    return out


def likely_revisions(dossier: model.Dossier) -> list[tuple[model.Claim, model.Claim]]:
    """(earlier, later) claims of one claimant and quantity on different days with different figures, neither in
    a chain with the other: most often a toll that rose, to be linked with `revises`."""
    out = []
    groups: dict[tuple[object, ...], list[model.Claim]] = defaultdict(list)
    for claim in current(dossier, list(dossier.claims.values())):
        quantity = claim.same_quantity
        if claim.figure is not None and quantity is not None and claim.asserted is not None:
            groups[(*quantity, claim.claimant)].append(claim)
    for _, claims in sorted(groups.items(), key=lambda kv: str(kv[0])):
        ordered = sorted(claims, key=lambda c: (c.asserted.value if c.asserted else "", c.id))
        for earlier, later in itertools.pairwise(ordered):
            if earlier.asserted != later.asserted and earlier.comparable != later.comparable \
                    and earlier.id not in {h.id for h in history(dossier, later)}:
                out.append((earlier, later))
    return out
