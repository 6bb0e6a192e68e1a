"""Publication follows review: a build publishes what is reviewed, a preview shows drafts marked,
and check stops a reviewed record that leans on a draft."""
from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from conftest import briefing, search_index, set_back_to_draft

from generator.build import build
from generator.factbase import publish
from generator.factbase.check import run

INCIDENT = "content/incidents/harbour-strike.yaml"
BRIEFING = "content/briefings/harbour-strike.yaml"
CLAIM_SIGNED = """    review:
      status: reviewed
      by: editorial-desk
      on: '2026-12-01'
review:"""


def _claim_back_to_draft(root: Path) -> None:
    """authority-120, the last claim of the incident, back to draft; the briefing no longer cites it."""
    path = root / INCIDENT
    text = path.read_text(encoding="utf-8")
    assert text.count(CLAIM_SIGNED) == 1
    path.write_text(text.replace(CLAIM_SIGNED, "    review:\n      status: draft\nreview:"), encoding="utf-8")
    path = root / BRIEFING
    path.write_text(path.read_text(encoding="utf-8").replace("claims: [union-400, authority-120]",
                                                             "claims: [union-400]"), encoding="utf-8")


def test_the_published_dossier_leaves_out_drafts_and_what_hangs_on_them(mini: Path) -> None:
    _claim_back_to_draft(mini)
    dossier, problems = run(mini)
    assert dossier is not None and not problems.errors
    public = publish.published(dossier)
    assert "authority-120" in dossier.claims and "authority-120" not in public.claims
    assert "union-400" in public.claims and public.briefings
    set_back_to_draft(mini, "incidents")
    dossier, _ = run(mini)
    assert dossier is not None
    public = publish.published(dossier)
    assert not public.incidents and not public.claims
    assert all(e.incident is None for e in public.timeline)  # a draft incident takes its events with it


def test_a_reviewed_record_leaning_on_a_draft_is_an_error_at_its_line(mini: Path) -> None:
    path = mini / INCIDENT
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(CLAIM_SIGNED, "    review:\n      status: draft\nreview:"), encoding="utf-8")
    _, problems = run(mini)
    found = [p for p in problems.errors if p.code == "draft-reference"]
    assert len(found) == 1 and found[0].path == BRIEFING
    line = (mini / BRIEFING).read_text(encoding="utf-8").splitlines()[found[0].line - 1]
    assert "text:" in line  # the key point that cites it, not the top of the file
    assert "claim authority-120" in found[0].message and "briefing harbour-strike" in found[0].message
    result = briefing("--root", str(mini), "build")
    assert result.returncode == 1 and "draft-reference" in result.stdout and "Traceback" not in result.stderr


GHOST = """id: ghost-crew
kind: organisation
name: {en: Ghost crew, ar: طاقم الشبح}
description: {en: Not yet reviewed., ar: لم يراجع بعد.}
citations:
  - source: harbour-en
    paragraph: p2
    quote: The union said
    translation: {ar: قالت النقابة}
review: {status: draft}
"""
COUNTED = "figure: {party: dockworkers-union, value: '120'}"


def test_a_reviewed_claim_counting_a_draft_actor_s_people_is_refused_and_its_id_never_exported(mini: Path) -> None:
    """`figure.party` is a reference like the claimant: a reviewed claim counting a draft actor's people would
    publish the draft's id in dossier.json and claims.csv."""
    from generator.site import export
    (mini / "content" / "actors" / "ghost-crew.yaml").write_text(GHOST, encoding="utf-8")
    path = mini / INCIDENT
    text = path.read_text(encoding="utf-8")
    assert text.count(COUNTED) == 1
    path.write_text(text.replace(COUNTED, COUNTED.replace("dockworkers-union", "ghost-crew")), encoding="utf-8")
    _, problems = run(mini)
    found = [p for p in problems.errors if p.code == "draft-reference"]
    assert [p.path for p in found] == [INCIDENT] and "claim authority-120" in found[0].message
    assert "actor ghost-crew, which is a draft" in found[0].message
    assert "- id: authority-120" in path.read_text(encoding="utf-8").splitlines()[found[0].line - 1]
    result = briefing("--root", str(mini), "build")
    assert result.returncode == 1 and "draft-reference" in result.stdout and not (mini / "site").exists()
    _claim_back_to_draft(mini)   # what check then lets through publishes no trace of the draft
    dossier, problems = run(mini)
    assert dossier is not None and not problems.errors
    public = publish.published(dossier)
    assert "ghost-crew" not in export.dossier_json(public) + export.claims_csv(public)


@pytest.mark.slow
def test_a_draft_claim_is_gone_from_the_build_and_marked_in_the_preview(mini: Path) -> None:
    _claim_back_to_draft(mini)
    build(mini)
    site = mini / "site"
    for page in (site / "incidents" / "harbour-strike.html", site / "ar" / "incidents" / "harbour-strike.html"):
        html = page.read_text(encoding="utf-8")
        assert 'id="claim-authority-120"' not in html and "120" not in re.sub(r"<[^>]+>", "", html)
        assert "draft-mark" not in html
    indexed = search_index(site)
    assert {"incidents/harbour-strike.html", "ar/incidents/harbour-strike.html"} <= {
        url.lstrip("/") for url in indexed}
    # the draft claim's own words (the passage it cites is still quoted, and translated, by the reviewed actor)
    assert all("Only 120 workers" not in text and "تغيب 120 عاملاً" not in text for text in indexed.values())
    claims = list(csv.DictReader((site / "data" / "claims.csv").open(encoding="utf-8")))
    assert [r["claim_id"] for r in claims] == ["union-400"] and claims[0]["status"] == "reviewed"
    assert "authority-120" not in (site / "data" / "dossier.json").read_text(encoding="utf-8")

    build(mini, drafts=True)
    for page, mark in ((site / "incidents" / "harbour-strike.html", ">draft<"),
                       (site / "ar" / "incidents" / "harbour-strike.html", ">مسودة<")):
        html = page.read_text(encoding="utf-8")
        row = html[html.index('id="claim-authority-120"'):]
        row = row[:row.index("</tr>")]
        assert 'class="draft-mark"' in row and mark in row
    by_id = {r["claim_id"]: r for r in csv.DictReader((site / "data" / "claims.csv").open(encoding="utf-8"))}
    assert by_id["authority-120"]["status"] == "draft" and by_id["union-400"]["reviewed_by"] == "editorial-desk"
    exported = json.loads((site / "data" / "dossier.json").read_text(encoding="utf-8"))
    statuses = {c["id"]: c["review"]["status"] for c in exported["incidents"]["harbour-strike"]["claims"]}
    assert statuses == {"union-400": "reviewed", "authority-120": "draft"}


@pytest.mark.slow
def test_a_draft_briefing_has_a_banner_and_a_watermarked_pdf_only_in_the_preview(mini: Path) -> None:
    from pypdf import PdfReader
    set_back_to_draft(mini, "briefings")
    build(mini)
    site = mini / "site"
    assert not (site / "briefings" / "harbour-strike.html").exists()
    assert not list((site / "pdf").glob("*.pdf"))
    assert "harbour-strike" not in (site / "briefings" / "index.html").read_text(encoding="utf-8").split(
        'class="md-content"')[1]
    build(mini, drafts=True)
    for lang, words in (("en", "This briefing is a draft"), ("ar", "هذه الإحاطة مسودة")):
        page = site / ("" if lang == "en" else "ar") / "briefings" / "harbour-strike.html"
        html = page.read_text(encoding="utf-8")
        assert "draft-banner" in html and words in html
        text = "".join(p.extract_text() for p in PdfReader(site / "pdf" / f"harbour-strike.{lang}.pdf").pages)
        assert ("DRAFT" if lang == "en" else "مسودة") in text
