"""Claims that change and claims that travel: a claimant's revised figure is its history, not a
disagreement; one statement relayed twice is one claim; a chain of revisions holds together."""
from __future__ import annotations

import copy
import dataclasses
from pathlib import Path
from typing import Any

import pytest

from generator.errors import Problem
from generator.factbase import revisions
from generator.factbase.check import disagreements, run
from generator.review.fmt import round_trip, written

INCIDENT = "content/incidents/harbour-strike.yaml"


def with_claims(root: Path, *changes: dict[str, Any]) -> None:
    """The union's claim union-400 copied with `changes` (id, value, asserted, revises…), added to the incident."""
    path = root / INCIDENT
    data = round_trip().load(path.read_text(encoding="utf-8"))
    union = data["claims"][0]
    for change in changes:
        claim = copy.deepcopy(union)
        figure = dict(change.pop("figure", {}))
        claim["review"] = {"status": "draft"}
        claim.update(change)
        claim["figure"].update(figure)
        data["claims"].append(claim)
    path.write_text(written(data, None), encoding="utf-8")


def problems(root: Path, code: str) -> list[Problem]:
    _, found = run(root)
    return [p for p in found.items if p.code == code]


def test_three_successive_tolls_and_another_claimant_make_one_disagreement(mini: Path) -> None:
    """The issue's dossier: one claimant's figure rises twice (each revises the one before), another
    claimant gives one figure of its own."""
    with_claims(mini, {"id": "union-450", "asserted": "2023-05-02", "revises": "union-400", "figure": {"value": "450"}},
                {"id": "union-500", "asserted": "2023-05-03", "revises": "union-450", "figure": {"value": "500"}})
    dossier, found = run(mini)
    assert dossier is not None and not found.errors, [str(p) for p in found.errors]
    disputes = [p for p in found.items if p.code == "disagreement"]
    assert len(disputes) == 1 and "union-500" in disputes[0].message and "authority-120" in disputes[0].message
    assert "union-400" not in disputes[0].message and "union-450" not in disputes[0].message
    assert [[c.id for c in group] for group in disagreements(dossier)] == [["authority-120", "union-500"]]
    latest = dossier.claims["union-500"]
    assert [c.id for c in revisions.history(dossier, latest)] == ["union-400", "union-450", "union-500"]
    assert revisions.latest(dossier, dossier.claims["union-400"]).id == "union-500"
    assert revisions.is_superseded(dossier, dossier.claims["union-450"])
    assert not problems(mini, "revision-likely")


def test_figures_of_different_days_without_revises_are_said_to_be_a_likely_revision(mini: Path) -> None:
    with_claims(mini, {"id": "union-450", "asserted": "2023-05-02", "figure": {"value": "450"}})
    notes = problems(mini, "revision-likely")
    assert len(notes) == 1 and "briefing set union-450 revises=union-400" in notes[0].message
    dispute = problems(mini, "disagreement")   # unlinked, they are still shown as disagreeing
    assert len(dispute) == 1 and "union-450" in dispute[0].message and "union-400" in dispute[0].message


def test_one_statement_relayed_twice_is_a_relay_to_merge(mini: Path) -> None:
    with_claims(mini, {"id": "union-400-again"})
    relayed = problems(mini, "relayed-claim")
    assert len(relayed) == 1 and relayed[0].severity == "warning"
    assert "union-400-again and union-400 are one statement of dockworkers-union" in relayed[0].message


@pytest.mark.parametrize("changes, message", [
    ([{"id": "union-450", "asserted": "2023-05-02", "revises": "authority-120", "figure": {"value": "450"}}],
     "is harbour-authority's claim, not dockworkers-union's"),
    ([{"id": "union-350", "asserted": "2023-04-30", "revises": "union-400", "figure": {"value": "350"}}],
     "after this claim"),
    ([{"id": "union-450", "asserted": "2023-05-02", "revises": "union-400", "figure": {"value": "450"}},
      {"id": "union-460", "asserted": "2023-05-02", "revises": "union-400", "figure": {"value": "460"}}],
     "union-450 revises union-400 already"),
    ([{"id": "union-450", "asserted": "2023-05-02", "revises": "union-460", "figure": {"value": "450"}},
      {"id": "union-460", "asserted": "2023-05-02", "revises": "union-450", "figure": {"value": "460"}}],
     "goes round in a circle"),
    ([{"id": "union-450", "asserted": "2023-05-02", "revises": "union-400", "topic": "pickets",
       "figure": {"value": "450"}}], "not a claim of the same quantity"),
])
def test_a_chain_that_does_not_hold_is_an_error_at_revises(mini: Path, changes: list[dict[str, Any]],
                                                           message: str) -> None:
    with_claims(mini, *changes)
    found = problems(mini, "revision")
    assert found and all(p.severity == "error" for p in found)
    assert any(message in p.message for p in found), [p.message for p in found]
    text = (mini / INCIDENT).read_text(encoding="utf-8").splitlines()
    assert all(text[p.line - 1].strip().startswith("revises:") for p in found)   # at the line to change


def test_a_revision_is_said_as_such_in_diff_and_the_exports(mini: Path) -> None:
    from conftest import commit_all

    from generator.review import report
    from generator.review.diff import diff
    from generator.site.export import claims_csv
    commit_all(mini)
    with_claims(mini, {"id": "union-450", "asserted": "2023-05-02", "revises": "union-400", "figure": {"value": "450"}})
    changes, _ = diff(mini, "HEAD")
    added = [c for c in changes if c.id == "union-450"]
    assert len(added) == 1 and added[0].revision_of == "union-400"
    assert "+ claim union-450" in report.text(changes) and "(revises union-400)" in report.text(changes)
    assert "### Revised: claim <code>union&#45;450</code> (revises <code>union&#45;400</code>)" in \
        report.markdown(changes, "HEAD", None)
    dossier, _ = run(mini)
    assert dossier is not None
    rows = {line.split(",")[0]: line for line in claims_csv(dossier).splitlines()}
    header = rows["claim_id"].split(",")
    union = dict(zip(header, rows["union-400"].split(","), strict=False))
    assert union["revised_by"] == "union-450" and union["source_ids"] == "harbour-en harbour-ar"


def test_a_relayed_statement_is_merged_into_one_claim(mini: Path) -> None:
    from conftest import briefing

    from generator import edit
    signed = {"status": "reviewed", "by": "editorial-desk", "on": "2026-12-01"}
    with_claims(mini, {"id": "union-400-again", "review": signed,
                       "citations": [{"source": "harbour-ar", "paragraph": "p2", "quote": '"400 عضو على الأقل"',
                                      "translation": {"en": '"at least 400 members"'}}]})
    edit.set_values(mini, "briefing:harbour-strike", {"key_points.1.claims+": "union-400-again"})
    assert problems(mini, "relayed-claim")
    result = briefing("--root", str(mini), "merge", "union-400", "union-400-again")
    assert result.returncode == 0, result.stdout + result.stderr
    dossier, found = run(mini)
    assert dossier is not None and not found.errors and not problems(mini, "relayed-claim")
    assert "union-400-again" not in dossier.claims
    assert len(dossier.claims["union-400"].citations) == 2   # the same passage is cited once
    assert "union-400-again" not in (mini / "content/briefings/harbour-strike.yaml").read_text(encoding="utf-8")
    refused = briefing("--root", str(mini), "merge", "union-400", "authority-120")
    assert refused.returncode == 1 and "do not say the same thing" in refused.stderr


def test_figures_that_can_both_be_true_do_not_disagree(mini: Path) -> None:
    """"At least 300" and "400" can both be true; "120" and "at least 400" cannot."""
    dossier, _ = run(mini)
    assert dossier is not None
    union, authority = dossier.claims["union-400"], dossier.claims["authority-120"]
    assert union.contradicts(authority) and authority.contradicts(union)
    with_claims(mini, {"id": "union-many", "claimant": "harbour-authority", "asserted": "2023-05-02",
                       "figure": {"value": "300", "qualifier": "at-least"}})
    dossier, _ = run(mini)
    assert dossier is not None
    many = dossier.claims["union-many"]
    assert not many.contradicts(union) and many.contradicts(authority)
    assert many.figure is not None
    some = dataclasses.replace(many, figure=dataclasses.replace(many.figure, value=None, qualifier="some"))
    assert not some.contradicts(authority)   # no number, no contradiction
