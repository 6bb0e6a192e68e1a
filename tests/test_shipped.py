"""The dossier this repository ships: it checks clean and builds, and every citation holds."""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import PROJECT
from htmlcheck import check_footnote_links, check_internal_links, scan

from generator.factbase.check import run


def test_shipped_content_passes_check_strictly() -> None:
    dossier, problems = run(PROJECT)
    assert dossier is not None
    assert [str(p) for p in problems.errors + problems.warnings] == []
    assert len(dossier.sources) == 3 and dossier.briefings and dossier.incidents


def test_shipped_dossier_shows_its_disagreements() -> None:
    _, problems = run(PROJECT)
    assert any(p.code == "disagreement" for p in problems.items)


def test_generator_knows_nothing_about_the_subject() -> None:
    import re
    # whole words: «شمالي» (northern) holds the letters of «مالي» and says nothing of the subject
    subject = re.compile(r"\b(mali|malian|wagner|tinzaouaten|russian?|jnim)\b|(?<!\w)(مالي|فاغنر)(?!\w)")
    for path in sorted((PROJECT / "generator").rglob("*")) + sorted((PROJECT / "templates").rglob("*")):
        if path.is_file() and path.suffix in (".py", ".po", ".j2", ".html", ".css"):
            assert not subject.search(path.read_text(encoding="utf-8").lower()), path


@pytest.mark.slow
def test_shipped_site_builds_in_both_languages_with_resolving_footnotes(built_shipped: Path) -> None:
    site = built_shipped / "site"
    assert scan(site / "ar" / "index.html").html_attrs.get("dir") == "rtl"
    assert check_footnote_links(site) > 100
    links, footnotes = check_internal_links(site)
    assert footnotes > 100 and links >= footnotes
    dossier, _ = run(built_shipped)
    assert dossier is not None
    for briefing in dossier.briefings:
        for lang in ("en", "ar"):
            assert (site / "pdf" / f"{briefing}.{lang}.pdf").stat().st_size > 10_000


def test_shipped_content_is_in_canonical_form() -> None:
    from generator.review.fmt import fmt
    report = fmt(PROJECT, check_only=True)
    assert report.problems is not None
    assert [str(p) for p in report.changed] == [] and report.problems.items == []
