"""History on the page: when a page's records were last reviewed and changed, and a Changes page of the
fact-level changes of recent commits, in both languages, from the dossier's git history."""
from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path

import pytest
from conftest import commit_all, git, search_index

from generator.build import build

pytestmark = pytest.mark.slow
INCIDENT = "content/incidents/harbour-strike.yaml"


def _text(page: Path) -> str:
    """What a reader sees of the page's article: its text, character references decoded."""
    body = page.read_text(encoding="utf-8")
    body = body[body.index("<article"):body.index("</article>")]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def _head(root: Path) -> str:
    return subprocess.run(["git", "-C", str(root), "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                          check=True).stdout.strip()


def test_pages_say_when_they_were_reviewed_and_changed_and_list_the_changes(mini: Path) -> None:
    commit_all(mini)
    git(mini, "commit", "-q", "--amend", "--no-edit", "--date", "2026-11-20T10:00:00")
    path = mini / INCIDENT
    path.write_text(path.read_text(encoding="utf-8").replace("grade: '4'", "grade: '5'"), encoding="utf-8")
    env_date = {"GIT_COMMITTER_DATE": "2026-11-25T10:00:00"}
    subprocess.run(["git", "-C", str(mini), "commit", "-q", "-am", "The employer's count is graded improbable"],
                   check=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@example.org", "PATH": "/usr/bin:/bin", **env_date})
    head = _head(mini)
    build(mini)
    site = mini / "site"
    en = _text(site / "incidents" / "harbour-strike.html")
    ar = _text(site / "ar" / "incidents" / "harbour-strike.html")
    assert "Last reviewed December 1, 2026 by the editorial desk" in en
    assert f"Last changed November 25, 2026 (commit {head})" in en.replace("&#40;", "(").replace("&#41;", ")")
    assert "آخر مراجعة في 1 ديسمبر/كانون الأول 2026" in ar and "هيئة التحرير" in ar
    assert "آخر تعديل في 25 نوفمبر/تشرين الثاني 2026" in ar and head in ar
    changes_en, changes_ar = _text(site / "changes.html"), _text(site / "ar" / "changes.html")
    # a record by its name in the page's language, a field by its name there: no id, no YAML key
    assert "Strikers — Harbour Authority (claim): changed: credibility" in changes_en
    assert "المضربون — سلطة الميناء (رواية): عُدّل: المصداقية" in changes_ar
    assert "authority-120" not in changes_en + changes_ar and "credibility" not in changes_ar
    words = re.findall(r"[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*", changes_ar)
    latin = [w for w in words if not re.fullmatch(r"[0-9a-f]{7,}", w)]   # a commit's hash is no word
    assert latin == []   # no English word on the Arabic page: names, kinds and fields all in Arabic
    assert "graded improbable" not in changes_en + changes_ar   # a commit's message is not a published fact
    links = re.findall(r'href="([^"]*claim-authority-120)"', (site / "changes.html").read_text(encoding="utf-8"))
    assert links and set(links) == {"incidents/harbour-strike.html#claim-authority-120"}
    first = (site / "changes.html").read_bytes()
    build(mini)
    assert (site / "changes.html").read_bytes() == first  # the same commit, the same bytes


def test_a_draft_s_edits_stay_off_the_changes_page(mini: Path) -> None:
    commit_all(mini)
    path = mini / INCIDENT
    text = path.read_text(encoding="utf-8")
    marker = "    review:\n      status: reviewed\n      by: editorial-desk\n      on: '2026-12-01'\nreview:"
    assert marker in text
    path.write_text(text.replace(marker, "    review:\n      status: draft\nreview:"), encoding="utf-8")
    briefing_file = mini / "content" / "briefings" / "harbour-strike.yaml"
    briefing_file.write_text(briefing_file.read_text(encoding="utf-8").replace(
        "claims: [union-400, authority-120]", "claims: [union-400]"), encoding="utf-8")
    commit_all(mini, "authority-120 back to draft")
    path.write_text(path.read_text(encoding="utf-8").replace("Only 120 workers stayed away.",
                                                             "Only 120 workers stayed away, 999 said."),
                    encoding="utf-8")
    commit_all(mini, "a draft's secret figure")
    build(mini)
    changes = _text(mini / "site" / "changes.html")
    assert "secret figure" not in changes and "999" not in changes
    assert "authority-120 (claim): withdrawn" in changes  # its leaving the site is a change readers see


def test_the_changes_page_shows_no_commit_message(mini: Path) -> None:
    """A commit that changes a published record may add drafts too, and its message may name them: the page
    lists the published changes and never a commit's subject."""
    commit_all(mini)
    path = mini / INCIDENT
    path.write_text(path.read_text(encoding="utf-8").replace("grade: '4'", "grade: '5'"), encoding="utf-8")
    (mini / "content" / "actors" / "ghost-crew.yaml").write_text(
        "id: ghost-crew\nkind: organisation\nname: {en: Ghost crew, ar: طاقم الشبح}\n"
        "description: {en: Not yet public., ar: غير منشور بعد.}\ncitations:\n  - source: harbour-en\n"
        "    paragraph: p2\n    quote: The union said\n    translation: {ar: قالت النقابة}\nreview: {status: draft}\n",
        encoding="utf-8")
    commit_all(mini, "Draft: the ghost crew bribed the harbour master")
    build(mini)
    page = (mini / "site" / "changes.html").read_text(encoding="utf-8")
    changes_en, changes_ar = _text(mini / "site" / "changes.html"), _text(mini / "site" / "ar" / "changes.html")
    assert "Strikers — Harbour Authority (claim)" in changes_en    # the published change
    assert "المضربون — سلطة الميناء (رواية)" in changes_ar
    for shown in (changes_en, changes_ar, page):
        assert "bribed" not in shown and "ghost" not in shown.lower()
    assert "commit-subject" not in page
    texts = [f for f in (mini / "site").rglob("*") if f.suffix in (".html", ".json", ".xml", ".csv")]
    assert [f for f in texts if "bribed" in f.read_text(encoding="utf-8")] == []   # exports too
    assert [url for url, text in search_index(mini / "site").items() if "bribed" in text] == []


def test_every_field_of_every_record_has_a_name_on_the_changes_page_in_both_languages() -> None:
    """The Changes page named a changed field by its YAML key ("short", "derived"), in English on the Arabic page."""
    from generator.factbase import records
    from generator.views import i18n
    fields = {name for spec in (records.SOURCE, records.ACTOR, records.PLACE, records.CLAIM, records.INCIDENT,
                                records.BRIEFING, records.EVENT, records.DOSSIER) for name in spec.fields}
    assert {"short", "derived", "credibility", "reviewers"} <= fields
    for lang in ("en", "ar"):
        missing = [f for f in sorted(fields) if i18n.gettext_for(lang, f"field:{f}") == f"field:{f}"]
        assert missing == [], (lang, missing)
    assert i18n.gettext_for("ar", "field:short") == "الاسم المختصر"
    assert i18n.gettext_for("en", "field:derived") == "how the editor read the text"


def test_outside_git_a_page_says_nothing_of_its_history(mini: Path) -> None:
    build(mini)
    site = mini / "site"
    assert "page-history" in (site / "incidents" / "harbour-strike.html").read_text(encoding="utf-8")  # reviewed
    assert "Last changed" not in _text(site / "incidents" / "harbour-strike.html")
    assert "No recorded changes" in _text(site / "changes.html")
    assert "لا تغييرات مسجّلة" in _text(site / "ar" / "changes.html")


def test_a_shallow_clone_builds_and_says_what_history_it_lacks(mini: Path, tmp_path: Path) -> None:
    commit_all(mini)
    path = mini / INCIDENT
    path.write_text(path.read_text(encoding="utf-8").replace("grade: '4'", "grade: '5'"), encoding="utf-8")
    commit_all(mini, "second")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{mini}", str(clone))
    build(clone)
    changes = _text(clone / "site" / "changes.html")
    assert "shallow clone" in changes and "Last changed" in _text(clone / "site" / "incidents" / "harbour-strike.html")
