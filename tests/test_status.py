"""`briefing status`: what is a draft, what a published build leaves out and why, what lacks a translation."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import briefing

from generator.factbase.check import run
from generator.review.status import status


def cited(indent: int) -> str:
    """A `citations:` key with one citation that holds, at `indent` spaces."""
    pad = " " * indent
    return (f"{pad}citations:\n{pad}  - source: harbour-en\n{pad}    paragraph: p2\n{pad}    quote: The union said\n"
            f"{pad}    translation:\n{pad}      ar: قالت النقابة\n")


def claim(ident: str, claimant: str, text: str, review: bool = True) -> str:
    """A claim in an incident's list; a draft unless `review` is False (then without review: at all)."""
    return (f"  - id: {ident}\n    claimant: {claimant}\n    topic: strikers\n    text:\n{text}" + cited(4)
            + ("    review:\n      status: draft\n" if review else ""))


POLICE = """id: port-police
kind: state-body
name:
  en: Port police
  ar: شرطة الميناء
description:
  en: The police of the port.
  ar: شرطة الميناء.
""" + cited(0)
FIRE = """id: harbour-fire
title:
  en: Fire in the harbour
  ar: حريق في الميناء
start: '2023-05-03'
summary:
  - text:
      en: A fire broke out.
      ar: اندلع حريق.
""" + cited(4) + "claims:\n" + claim("fire-one", "dockworkers-union", "      en: One fire.\n      ar: حريق واحد.\n") \
    + claim("fire-two", "harbour-authority", "      en: Two fires.\n      ar: حريقان.\n", review=False) \
    + "review:\n  status: draft\n"
EVENT = """  - id: fire-starts
    date: '2023-05-03'
    incident: harbour-fire
    text:
      en: The fire starts.
      ar: يندلع الحريق.
""" + cited(4) + "    review:\n      status: draft\n"
UNTRANSLATED_CLAIM = claim("union-quiet", "dockworkers-union", "      en: The union said nothing more.\n")


def unfinished(root: Path) -> Path:
    """The small dossier with what editors leave half done: an actor without review, a draft incident with
    two claims and an event, and a draft claim lacking its Arabic text in a reviewed incident."""
    content = root / "content"
    (content / "actors" / "port-police.yaml").write_text(POLICE, encoding="utf-8")
    (content / "incidents" / "harbour-fire.yaml").write_text(FIRE, encoding="utf-8")
    timeline = content / "timeline.yaml"
    timeline.write_text(timeline.read_text(encoding="utf-8").replace("events:\n", "events:\n" + EVENT, 1),
                        encoding="utf-8")
    strike = content / "incidents" / "harbour-strike.yaml"
    strike.write_text(strike.read_text(encoding="utf-8").replace("claims:\n", "claims:\n" + UNTRANSLATED_CLAIM, 1),
                      encoding="utf-8")
    return root


def line_of(root: Path, rel: str, needle: str) -> int:
    return next(n for n, line in enumerate((root / rel).read_text(encoding="utf-8").splitlines(), start=1)
                if needle in line)


def test_status_lists_drafts_left_out_and_untranslated_with_their_lines(mini: Path) -> None:
    root = unfinished(mini)
    state = status(root)
    left = {(e.kind, e.id): e for e in state.unpublished}
    assert set(left) == {("actor", "port-police"), ("incident", "harbour-fire"), ("claim", "fire-one"),
                         ("claim", "fire-two"), ("event", "fire-starts"), ("claim", "union-quiet")}
    assert "no review" in left["actor", "port-police"].reason
    assert left["incident", "harbour-fire"].reason.startswith("its review is draft")
    assert "claim fire-one, claim fire-two, event fire-starts" in left["incident", "harbour-fire"].reason
    assert left["claim", "fire-two"].reason == "its incident harbour-fire is a draft, so the claim goes with it"
    fire = "content/incidents/harbour-fire.yaml"
    review_line = (root / fire).read_text(encoding="utf-8").splitlines().index("  status: draft") + 1
    assert (left["incident", "harbour-fire"].path, left["incident", "harbour-fire"].line) == (fire, review_line)
    assert (left["claim", "fire-two"].path, left["claim", "fire-two"].line) == (fire,
                                                                            line_of(root, fire, "id: fire-two"))
    [text] = state.untranslated
    assert (text.kind, text.id, text.field, text.languages) == ("claim", "union-quiet", "text", ("ar",))
    assert text.line == line_of(root, "content/incidents/harbour-strike.yaml", "en: The union said nothing") - 1
    assert {(e.kind, e.id) for e in state.drafts} == set(left)   # fire-two has no review: a draft too
    # ready: check finds nothing in them; the claims still lack a grade, union-quiet its Arabic
    assert {(e.kind, e.id) for e in state.awaiting_review} == {("actor", "port-police"), ("incident", "harbour-fire"),
                                                                ("event", "fire-starts")}
    event = next(e for e in state.drafts if e.id == "fire-starts")   # alone, its review would be refused
    assert "ready once incident harbour-fire" in event.reason and "fire-starts harbour-fire" in event.reason
    quiet = next(e for e in state.drafts if e.id == "union-quiet")
    assert "2 problem(s)" in quiet.reason and "would sign it" not in quiet.reason


def test_status_of_the_small_dossier_is_empty(mini: Path) -> None:
    state = status(mini)
    assert state.drafts == state.unpublished == state.untranslated == state.awaiting_review == []


@pytest.mark.slow   # a whole build
def test_status_lists_exactly_what_a_published_build_leaves_out(mini: Path) -> None:
    root = unfinished(mini)
    dossier, _ = run(root)
    assert dossier is not None
    built = briefing("--root", str(root), "build")
    assert built.returncode == 0, built.stdout + built.stderr
    exported = json.loads((root / "site" / "data" / "dossier.json").read_text(encoding="utf-8"))
    present = {(kind, ident) for kind, key in (("source", "sources"), ("actor", "actors"), ("place", "places"),
                                                ("incident", "incidents"), ("briefing", "briefings"))
               for ident in exported[key]}
    present |= {("claim", c["id"]) for incident in exported["incidents"].values() for c in incident["claims"]}
    present |= {("event", e["id"]) for e in exported["timeline"]}
    everything = {(owner.kind, owner.id) for owner, _ in dossier.reviewables()}
    assert {(e.kind, e.id) for e in status(root).unpublished} == everything - present
    assert len(everything - present) == 6


def test_the_command_prints_groups_with_counts_and_json(mini: Path) -> None:
    root = unfinished(mini)
    text = briefing("--root", str(root), "status")
    assert text.returncode == 0, text.stdout + text.stderr
    lines = text.stdout.splitlines()
    assert "Left out of the published site: 6" in lines and "Untranslated: 1" in lines
    assert "Drafts: 6 (3 ready for a reviewer)" in lines
    assert any(line.startswith("  content/actors/port-police.yaml:1: actor port-police: ") for line in lines)
    assert any(line.endswith("claim union-quiet: text lacks ar") for line in lines)
    data = json.loads(briefing("--root", str(root), "status", "--format", "json").stdout)
    assert {e["id"] for e in data["unpublished"]} >= {"port-police", "harbour-fire", "fire-starts"}
    assert data["untranslated"][0]["languages"] == ["ar"]


def test_status_of_an_unreadable_dossier_says_why(mini: Path) -> None:
    (mini / "content" / "dossier.yaml").write_text("title: {en: x\nlanguages: [en]\n", encoding="utf-8")
    result = briefing("--root", str(mini), "status")
    assert result.returncode == 1
    assert "content/dossier.yaml:1:8: error: YAML syntax: this { is never closed" in result.stdout
    assert "status is unknown" in result.stderr and "Traceback" not in result.stderr
