"""`briefing fmt` (canonical YAML that keeps comments) and `briefing diff` (fact-level changes)."""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from conftest import briefing, commit_all, examples, git, set_back_to_draft
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.factbase.check import run
from generator.review.fmt import fmt

UNION = "content/actors/dockworkers-union.yaml"


def test_fmt_orders_keys_keeps_comments_and_meaning(mini: Path) -> None:
    path = mini / UNION
    path.write_text("# checked against the paper on 3 May\n"
                    "description: {en: The union., ar: النقابة.}\n"
                    "name:\n  ar: نقابة عمال الميناء   # as the paper spells it\n  en: Dockworkers' Union\n"
                    "kind: organisation\nid: dockworkers-union\n"
                    "citations:\n- source: harbour-en\n  paragraph: p2\n  quote: The union said\n"
                    "  translation: {ar: قالت النقابة}\n"
                    "review: {status: reviewed, by: editorial-desk, on: '2026-12-01'}\n", encoding="utf-8")
    _, before = run(mini)
    report = fmt(mini)
    assert [p.relative_to(mini).as_posix() for p in report.changed] == [UNION]
    text = path.read_text(encoding="utf-8")
    assert text.index("id:") < text.index("kind:") < text.index("name:") < text.index("description:")
    assert "# checked against the paper on 3 May" in text and "# as the paper spells it" in text
    assert "citations:\n  - source: harbour-en" in text
    _, after = run(mini)
    assert [str(p) for p in after.errors] == [str(p) for p in before.errors] == []
    assert fmt(mini).changed == []  # idempotent


def test_fmt_check_changes_nothing_and_fails_when_not_canonical(mini: Path) -> None:
    path = mini / UNION
    original = path.read_text(encoding="utf-8").replace("id: dockworkers-union\nkind: organisation",
                                                         "kind: organisation\nid: dockworkers-union")
    path.write_text(original, encoding="utf-8")
    result = briefing("--root", str(mini), "fmt", "--check")
    assert result.returncode == 1 and f"would reformat {UNION}" in result.stdout
    line = next(n for n, text in enumerate(original.splitlines(), start=1) if text == "kind: organisation")
    assert f"(from line {line})" in result.stdout   # where the editor looks first
    assert path.read_text(encoding="utf-8") == original
    assert briefing("--root", str(mini), "fmt").returncode == 0
    assert briefing("--root", str(mini), "fmt", "--check").returncode == 0


def test_fmt_leaves_broken_files_alone_and_says_so(mini: Path) -> None:
    path = mini / UNION
    path.write_text("id: dockworkers-union\nkind: [organisation\n", encoding="utf-8")
    result = briefing("--root", str(mini), "fmt")
    assert result.returncode == 1 and "fmt-skipped" in result.stdout and "Traceback" not in result.stderr
    assert path.read_text(encoding="utf-8") == "id: dockworkers-union\nkind: [organisation\n"


@pytest.mark.parametrize("make", ["folder", "broken-link", "looping-link", "latin-1"])
def test_fmt_reports_files_it_cannot_read_and_formats_the_rest(mini: Path, make: str) -> None:
    odd = mini / "content" / "actors" / "odd.yaml"
    if make == "folder":
        odd.mkdir()
    elif make == "broken-link":
        odd.symlink_to(mini / "content" / "actors" / "gone.yaml")
    elif make == "looping-link":
        odd.symlink_to(mini / "content" / "actors" / "odd-too.yaml")
        (mini / "content" / "actors" / "odd-too.yaml").symlink_to(odd)
    else:
        odd.write_bytes("id: odd\nname: {en: Caf\u00e9}\n".encode("latin-1"))
    union = mini / UNION
    union.write_text(union.read_text(encoding="utf-8").replace("kind: organisation\n", "") + "kind: organisation\n",
                     encoding="utf-8")
    result = briefing("--root", str(mini), "fmt")
    assert result.returncode == 1 and "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert "content/actors/odd.yaml:" in result.stdout and "fmt-skipped" in result.stdout
    checked = briefing("--root", str(mini), "check")  # an error, or for a folder a warning
    assert "content/actors/odd.yaml:" in checked.stdout + checked.stderr
    assert "internal error" not in checked.stderr
    assert union.read_text(encoding="utf-8").index("kind:") < union.read_text(encoding="utf-8").index("name:")


def test_diff_lists_fact_level_changes(mini: Path) -> None:
    commit_all(mini)
    incident = mini / "content" / "incidents" / "harbour-strike.yaml"
    incident.write_text(incident.read_text(encoding="utf-8").replace("value: '120'", "value: '150'"),
                        encoding="utf-8")
    (mini / "content" / "places" / "port-example.yaml").unlink()
    actor = (mini / UNION).read_text(encoding="utf-8").replace("dockworkers-union", "pilots-union")
    (mini / "content" / "actors" / "pilots-union.yaml").write_text(actor, encoding="utf-8")
    result = briefing("--root", str(mini), "diff", "HEAD")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    line = next(i for i, t in enumerate(incident.read_text(encoding="utf-8").splitlines(), 1) if "value: '150'" in t)
    assert f"~ claim authority-120  content/incidents/harbour-strike.yaml:{line}" in lines
    assert f"    figure.value: 120 → 150  (line {line})" in lines
    assert "- place port-example  content/places/port-example.yaml:1" in lines
    assert "+ actor pilots-union  content/actors/pilots-union.yaml:1" in lines
    assert lines[-1] == "1 added, 1 removed, 1 changed"
    commit_all(mini, "second")
    assert briefing("--root", str(mini), "diff", "HEAD~1", "HEAD").stdout == result.stdout


def _edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


LONG_AR = ("أضرب عمال الميناء فأُغلق الميناء لأول مرة منذ عقد، وقالت النقابة إن أكثر من أربعمئة من أعضائها "
           "شاركوا في الإضراب الذي استمر يومين كاملين قبل أن تعلن إدارة الميناء استئناف العمل")


def test_diff_for_a_pull_request_shows_figures_long_arabic_in_full_and_translations_to_check(mini: Path) -> None:
    incident = "content/incidents/harbour-strike.yaml"
    _edit(mini, incident, "      ar: أضرب عمال الميناء فأُغلق الميناء.", f"      ar: {LONG_AR}")
    commit_all(mini)
    _edit(mini, incident, "value: '120'", "value: '150'")
    _edit(mini, incident, f"      ar: {LONG_AR}", f"      ar: {LONG_AR.replace('يومين كاملين', 'ثلاثة أيام')}")
    _edit(mini, incident, "      en: Only 120 workers stayed away.", "      en: Only 150 workers stayed away.")
    result = briefing("--root", str(mini), "diff", "HEAD", "--format", "markdown")
    assert result.returncode == 0, result.stderr
    page = result.stdout
    both = briefing("--root", str(mini), "diff", "HEAD", "--format", "json")
    data = json.loads(both.stdout)
    claims = {c["id"]: c for c in data["changes"] if c["kind"] == "claim"}
    fields = {f["field"]: f for f in claims["authority-120"]["fields"]}
    assert fields["figure.value"]["old"] == "120" and fields["figure.value"]["new"] == "150"
    shown = html.unescape(page)   # what GitHub shows of the characters escaped as references
    assert "| <code>figure.value</code> |" in shown and "| 120 | 150 |" in page
    assert claims["authority-120"]["translations_to_check"] == ["text: en changed, ar did not"]
    assert "Translation to check" in page and "text: en changed, ar did not" in shown
    summary = next(c for c in data["changes"] if c["kind"] == "incident")
    long_field = {f["field"]: f for f in summary["fields"]}["summary[0].text.ar"]
    assert long_field["old"] == LONG_AR and long_field["new"] == LONG_AR.replace("يومين كاملين", "ثلاثة أيام")
    assert {"op": "-", "text": "يومين كاملين "} in long_field["words"]
    assert {"op": "+", "text": "ثلاثة أيام "} in long_field["words"]
    assert "<del>يومين كاملين </del><ins>ثلاثة أيام </ins>" in page
    assert "قبل أن تعلن إدارة الميناء استئناف العمل" in page  # never cut
    assert summary["translations_to_check"] == ["summary[0].text: ar changed, en did not"]
    assert f"<code>{incident}:" in shown


def test_diff_shows_an_added_claim_in_full_and_a_review_with_who_signed(mini: Path) -> None:
    commit_all(mini)
    set_back_to_draft(mini, "actors/dockworkers-union.yaml")
    commit_all(mini, "draft")
    union = (mini / UNION).read_text(encoding="utf-8")
    (mini / UNION).write_text(union.replace("status: draft", "status: reviewed\n  by: editorial-desk\n"
                                            "  on: '2026-12-02'"), encoding="utf-8")
    incident = "content/incidents/harbour-strike.yaml"
    text = (mini / incident).read_text(encoding="utf-8")
    new_claim = """  - id: union-500
    claimant: dockworkers-union
    topic: strikers
    text:
      en: Five hundred joined.
      ar: انضم خمسمئة.
    figure: {party: dockworkers-union, value: '500', qualifier: about}
    citations:
      - source: harbour-en
        paragraph: p2
        quote: joined the strike
"""
    (mini / incident).write_text(text.replace("  - id: authority-120\n", new_claim + "  - id: authority-120\n"),
                                 encoding="utf-8")
    result = briefing("--root", str(mini), "diff", "HEAD")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "+ claim union-500  content/incidents/harbour-strike.yaml:" in out
    for line in ("    incident: harbour-strike", "    claimant: dockworkers-union", "    topic: strikers",
                 "    figure: party dockworkers-union, value 500, qualifier about", "    text (ar): انضم خمسمئة.",
                 "    cites: harbour-en p2: “joined the strike”"):
        assert line in out.splitlines(), line
    assert "    review: draft → reviewed by editorial-desk on 2026-12-02" in out.splitlines()


def test_diff_names_a_bad_revision_clearly(mini: Path) -> None:
    git(mini, "init", "-q")
    result = briefing("--root", str(mini), "diff", "no-such-rev")
    assert result.returncode == 1 and "cannot read content/ at 'no-such-rev'" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("revs", [["--", "--output=content/dossier.yaml"],
                                  ["HEAD", "--", "--output=content/dossier.yaml"]])
def test_diff_refuses_a_revision_git_would_read_as_an_option(mini: Path, revs: list[str]) -> None:
    commit_all(mini)
    dossier = mini / "content" / "dossier.yaml"
    before = dossier.read_bytes()
    result = briefing("--root", str(mini), "diff", *revs)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "'--output=content/dossier.yaml' is not a revision" in result.stderr
    assert dossier.read_bytes() == before
    assert not (mini / "--output=content").exists()


def test_diff_outside_a_git_repository_says_so(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(mini.parent))  # never find a repository above the test
    result = briefing("--root", str(mini), "diff", "HEAD")
    assert result.returncode == 1, result.stderr
    assert f"{mini} is not in a git repository; diff compares git revisions" in result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr


BROKEN = "content/actors/harbour-authority.yaml"


def break_yaml(root: Path) -> int:
    """Append an unclosed list to a record; returns the line the YAML error is reported at."""
    path = root / BROKEN
    path.write_text(path.read_text(encoding="utf-8") + "x: [\n", encoding="utf-8")
    return path.read_text(encoding="utf-8").count("\n") + 1


def test_diff_reports_a_broken_working_tree_file_instead_of_a_removal(mini: Path) -> None:
    commit_all(mini)
    line = break_yaml(mini)
    result = briefing("--root", str(mini), "diff", "HEAD")
    assert result.returncode == 1
    assert "- actor harbour-authority" not in result.stdout
    assert f"{BROKEN}:{line}:1: error: YAML syntax" in result.stdout and "[yaml-syntax]" in result.stdout
    assert "record files in the working tree are not valid YAML records" in result.stderr


def test_diff_reports_a_broken_file_at_a_revision_naming_it(mini: Path) -> None:
    commit_all(mini)
    line = break_yaml(mini)
    commit_all(mini, "broken")
    git(mini, "checkout", "-q", "HEAD~1", "--", BROKEN)  # the working tree is fine again
    for args in (["HEAD"], ["HEAD~1", "HEAD"]):
        result = briefing("--root", str(mini), "diff", *args)
        assert result.returncode == 1 and "+ actor harbour-authority" not in result.stdout
        assert f"HEAD:{BROKEN}:{line}:1: error: YAML syntax" in result.stdout
        assert "record files in 'HEAD' are not valid YAML records" in result.stderr


def test_diff_from_before_content_existed_lists_every_record_as_added(mini: Path) -> None:
    git(mini, "init", "-q")
    git(mini, "commit", "-q", "--allow-empty", "-m", "empty")
    commit_all(mini, "dossier")
    for args in (["HEAD~1"], ["HEAD~1", "HEAD"]):
        result = briefing("--root", str(mini), "diff", *args)
        assert result.returncode == 0, result.stderr
        lines = result.stdout.splitlines()
        heads = [line for line in lines[:-1] if not line.startswith("    ")]
        assert "+ actor harbour-authority  content/actors/harbour-authority.yaml:1" in heads
        assert "+ dossier  content/dossier.yaml:1" in heads
        assert all(line.startswith("+ ") for line in heads)
        assert lines[-1] == f"{len(heads)} added, 0 removed, 0 changed"


def test_a_yml_record_is_formatted_and_diffed_like_a_yaml_one(mini: Path) -> None:
    union = mini / UNION
    commit_all(mini)
    moved = union.with_suffix(".yml")
    union.rename(moved)
    moved.write_text(moved.read_text(encoding="utf-8").replace("kind: organisation\n", "") + "kind: organisation\n",
                     encoding="utf-8")
    assert fmt(mini).changed == [moved]
    moved.write_text(moved.read_text(encoding="utf-8").replace("kind: organisation", "kind: person"),
                     encoding="utf-8")
    result = briefing("--root", str(mini), "diff", "HEAD")
    assert result.returncode == 0 and "~ actor dockworkers-union" in result.stdout and "kind" in result.stdout


def test_diff_in_a_shallow_clone_says_the_revision_is_not_fetched(mini: Path, tmp_path: Path) -> None:
    commit_all(mini)
    (mini / UNION).write_text((mini / UNION).read_text(encoding="utf-8").replace("Dockworkers' Union",
                                                                               "Dock Workers' Union"),
                              encoding="utf-8")
    commit_all(mini, "second")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{mini}", str(clone))
    result = briefing("--root", str(clone), "diff", "HEAD~1")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "'HEAD~1'" in result.stderr and "shallow" in result.stderr and "fetch-depth: 0" in result.stderr


def test_diff_never_reads_a_link_out_of_the_dossier(mini: Path, tmp_path: Path) -> None:
    """A record file that is a link to a file outside the dossier (a credentials file) is refused unread by
    diff, as check refuses it: its text must never reach the terminal or a pull-request comment."""
    commit_all(mini)
    secret = tmp_path / "credentials"
    secret.write_text("aws_secret_access_key: AKIASECRETSECRET\n", encoding="utf-8")
    (mini / "content" / "actors" / "leak.yaml").symlink_to(secret)
    result = briefing("diff", "HEAD", "--root", str(mini))
    assert result.returncode == 1 and "AKIASECRETSECRET" not in result.stdout + result.stderr
    assert "content/actors/leak.yaml" in result.stdout and "outside the dossier" in result.stdout


# --- what diff prints cannot be turned against the reviewer -------------------------------------

# Text a contributor controls, as diff meets it (an old revision, a file name, a seed): control characters
# (clear the screen, hide what follows, CSI by itself), a direction override, a line of its own forged,
# Markdown and HTML, a team mention and issue references, as they are and as character references.
HOSTILE = ("x\x1b[2J\x1b[8m hidden\x9b6n \u202e021\u202c\n+ actor forged  content/a.yaml:1\n"
           "### Added: claim `x`\n> **Translation to check:** forged | cell ` code <img src=x onerror=alert(1)> "
           "@org/team &#64;org/team &#x40;org/team #123 &#35;123 GH-1 gh-2 org/repo#4")


def _hostile_changes() -> list:
    from generator.review.diff import Change, Field
    return [Change("~", "actor", "dockworkers-union", "content/actors/dockworkers-union.yaml", 3,
                   (Field("description.en", "Short.", HOSTILE, 3), Field(f"key{HOSTILE}", "a", "b", 4)),
                   {"review": {"status": "reviewed", "by": HOSTILE}}, (f"name: {HOSTILE}",)),
            Change("+", "claim", f"c{HOSTILE}", f"content/{HOSTILE}.yaml", 1,
                   record={"claimant": HOSTILE, "text": {"en": HOSTILE}})]


def test_diff_text_shows_every_acting_character_as_an_escape_on_its_own_line() -> None:
    from generator.review import report
    out = report.text(_hostile_changes())
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]", out)
    assert "\\x1b[2J" in out and "\\x9b6n" in out and "\\u202e021" in out
    lines = out.splitlines()
    assert not [line for line in lines if line.startswith("+ actor forged")]   # no forged record line
    heads = [line for line in lines if not line.startswith("    ")]
    assert len(heads) == 3 and heads[0].startswith("~ actor dockworkers-union") and heads[1].startswith("+ claim c")


def test_diff_markdown_keeps_data_inert_in_a_comment() -> None:
    """Nothing a value holds ends a code span, a table cell or a line; no HTML; and nothing GitHub would turn
    into a mention or a reference (it decodes character references before it looks)."""
    from generator.review import report
    page = report.markdown(_hostile_changes(), "HEAD", None)
    assert "<img" not in page.lower() and "\x1b" not in page and "\u202e" not in page
    ours = ("## Fact-level changes", "### Changed: actor <code>", "### Added: claim <code>")
    assert [line for line in page.splitlines() if line.startswith("#")] == \
        [next(line for line in page.splitlines() if line.startswith(o)) for o in ours]
    assert len([line for line in page.splitlines() if line.startswith(">")]) == 1   # the one real flag
    rows = [line for line in page.splitlines() if line.startswith("| <code>")]
    assert rows and all(row.count("|") == 5 for row in rows)   # field, line, before, after
    assert "`" not in page   # no code span a backtick could end
    shown = html.unescape(html.unescape(page))   # and however many times GitHub may decode
    assert not re.search(r"@[\w-]", shown) and not re.search(r"#\d", shown) and not re.search(r"(?i)gh-\d", shown)
    assert "＠org/team" in shown and "＃123" in shown and "GH\u20111" in shown   # still read as written


def test_diff_json_is_exact_and_safe_to_print() -> None:
    from generator.review import report
    out = report.as_json(_hostile_changes(), "HEAD", None)
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e]", out)
    data = json.loads(out)
    assert data["changes"][0]["fields"][0]["new"] == HOSTILE


def _many_changes(n: int) -> list:
    from generator.review.diff import Change, Field
    return [Change("~", "claim", f"claim-{i}", "content/incidents/a.yaml", i + 1,
                   (Field("text.en", f"Old text {i}.", f"New text {i}.", i + 1),)) for i in range(n)]


@pytest.mark.parametrize("limit", [2000, 30_000])
def test_a_comment_too_long_ends_at_a_whole_line_and_says_what_it_left_out(limit: int) -> None:
    from generator.review import report
    changes = _many_changes(5000)
    full = report.markdown(changes, "main", "HEAD", max_chars=0)
    assert len(full) > 400_000
    cut = report.markdown(changes, "main", "HEAD", max_chars=limit, full_diff="https://example.org/artifacts/1")
    assert len(cut.encode("utf-16-le")) // 2 <= limit
    *kept, blank, note = cut.split("\n")
    assert blank == "" and kept == full.split("\n")[:len(kept)]   # whole lines, as the full comment has them
    begun = sum(line.startswith("### Changed") for line in kept)
    said = re.search(r"([\d,]+) of 5,000 changes are left out or cut short", note)
    assert said and 5000 - begun <= int(said.group(1).replace(",", "")) <= 5000 - begun + 1   # the last may be cut
    assert "[the workflow's artifact](https://example.org/artifacts/1)" in note
    assert report.markdown(_many_changes(3), "main", "HEAD", max_chars=limit) == \
        report.markdown(_many_changes(3), "main", "HEAD", max_chars=0)   # a short one is whole


def test_diff_markdown_takes_a_bound_and_a_link_and_refuses_bad_ones(mini: Path) -> None:
    commit_all(mini)
    _edit(mini, "content/incidents/harbour-strike.yaml", "value: '120'", "value: '150'")
    _edit(mini, UNION, "en: The union of the harbour's dockworkers.", "en: " + "A longer description. " * 60)
    whole = briefing("--root", str(mini), "diff", "HEAD", "--format", "markdown")
    assert whole.returncode == 0 and "left out" not in whole.stdout
    cut = briefing("--root", str(mini), "diff", "HEAD", "--format", "markdown", "--max-chars", "1000",
                   "--full-diff-url", "https://github.com/o/r/actions/runs/1/artifacts/2")
    assert cut.returncode == 0 and len(cut.stdout) <= 1000 and "of 2 changes are left out" in cut.stdout
    assert "(https://github.com/o/r/actions/runs/1/artifacts/2)" in cut.stdout
    for bad in (["--max-chars", "10"], ["--full-diff-url", "javascript:alert(1)"],
                ["--full-diff-url", "https://x.org/a) [b](c"]):
        refused = briefing("--root", str(mini), "diff", "HEAD", "--format", "markdown", *bad)
        assert refused.returncode == 2 and "Traceback" not in refused.stderr, bad


# --- a seed's text changes as text ---------------------------------------------------------------

SEED = "seeds/harbour-en.md"


def test_diff_shows_the_changed_paragraphs_of_a_seed_in_every_format(mini: Path) -> None:
    """A sentence added to a reviewed source's seed changes what its citations stand on: the reviewer
    reads it, word by word, not a new sha256."""
    commit_all(mini)
    _edit(mini, SEED, "The union said", "The minister called the strike illegal. The union said")
    _edit(mini, SEED, "A <script>", "A new paragraph with \x1b[2J in it.\n\nA <script>")
    assert briefing("--root", str(mini), "ingest").returncode == 0   # records the new sha256
    text = briefing("--root", str(mini), "diff", "HEAD").stdout
    assert "~ source harbour-en  content/sources/harbour-en.yaml:" in text
    seed_lines = [line for line in text.splitlines() if line.startswith("    seed ")]
    assert seed_lines == [
        ("    seed p2  (seeds/harbour-en.md:7): {+The minister called the strike illegal. +}The union said that "
         "\"at least 400 members\" joined the strike. The harbour authority said only 120 workers stayed away."),
        "    seed p3: (none) → A new paragraph with \\x1b[2J in it.  (seeds/harbour-en.md:9)"]
    page = html.unescape(briefing("--root", str(mini), "diff", "HEAD", "--format", "markdown").stdout)
    assert "<ins>The minister called the strike illegal. </ins>" in page
    new, shown = "A new paragraph with \x1b[2J in it.", "A new paragraph with \\x1b[2J in it."
    assert f"| <code>seed p3</code> | <code>seeds/harbour-en.md:9</code> | (none) | {shown} |" in page
    data = json.loads(briefing("--root", str(mini), "diff", "HEAD", "--format", "json").stdout)
    fields = {f["field"]: f for c in data["changes"] for f in c["fields"]}
    assert fields["seed p3"] == {"field": "seed p3", "line": 9, "old": None, "new": new, "path": SEED}
    assert {"op": "+", "text": "The minister called the strike illegal. "} in fields["seed p2"]["words"]


def test_a_seed_changed_without_its_record_still_shows(mini: Path) -> None:
    commit_all(mini)
    _edit(mini, SEED, "The union said", "Officials said nothing. The union said")
    text = briefing("--root", str(mini), "diff", "HEAD").stdout
    assert "~ source harbour-en" in text and "{+Officials said nothing. +}" in text


def test_a_long_seed_change_is_bounded(mini: Path) -> None:
    from generator.review.diff import SEED_PARAGRAPHS
    commit_all(mini)
    _edit(mini, SEED, "A <script>", "".join(f"Paragraph number {i}.\n\n" for i in range(SEED_PARAGRAPHS + 7))
          + "A <script>")
    text = briefing("--root", str(mini), "diff", "HEAD").stdout
    assert sum(line.startswith("    seed p") for line in text.splitlines()) == SEED_PARAGRAPHS
    assert "    … 7 more changed paragraph(s) of seeds/harbour-en.md not listed here" in text
    data = json.loads(briefing("--root", str(mini), "diff", "HEAD", "--format", "json").stdout)
    assert next(c for c in data["changes"] if c["kind"] == "source")["seed_paragraphs_left_out"] == 7


def test_a_long_text_with_many_edits_is_compared_word_by_word_in_bounded_pieces(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Comparing words costs the product of the two sides' lengths: 60,000 words took a minute, a
    megabyte never ended. A long text is compared line by line first and the changed lines word by word,
    so no comparison of words is given more than the bound, and every edit still shows as words."""
    import difflib

    from generator.review import words
    sizes: list[int] = []
    original = difflib.SequenceMatcher

    def counted(*args: object, a: list[str], b: list[str], autojunk: bool) -> difflib.SequenceMatcher[str]:
        if all(" " not in item.strip() for item in a + b):   # a comparison of words, not of lines
            sizes.append(max(len(a), len(b)))
        return original(*args, a=a, b=b, autojunk=autojunk)

    monkeypatch.setattr(words.difflib, "SequenceMatcher", counted)
    lines = [" ".join(f"w{(k * 7 + j) % 50}" for j in range(12)) for k in range(2000)]
    edited = [line.replace("w3 ", "EDITED ", 1) if k % 40 == 0 else line for k, line in enumerate(lines)]
    old, new = "\n".join(lines), "\n".join(edited)
    diffed = words.word_diff(old, new)
    assert sizes and max(sizes) <= words.WORD_DIFF_WORDS and diffed.whole == 0 and diffed.note() is None
    assert "".join(t for op, t in diffed.runs if op != "+") == old
    assert "".join(t for op, t in diffed.runs if op != "-") == new
    assert [t for op, t in diffed.runs if op == "+"] == ["EDITED "] * sum("EDITED" in e for e in edited)


@settings(max_examples=examples(200), deadline=None, derandomize=True, database=None)
@given(st.lists(st.sampled_from(["a ", "b ", "c.", " ", "\n", "\n\n", "d! ", "هـ؟ "]), max_size=60),
       st.lists(st.tuples(st.integers(0, 59), st.sampled_from(["", "x ", "\n", "a "])), max_size=8),
       st.integers(2, 12))
def test_a_word_diff_gives_back_both_texts_whatever_the_bound(pieces: list[str], edits: list[tuple[int, str]],
                                                               bound: int) -> None:
    """However a text is cut (lines, sentences, words, or shown whole past the bound), the kept and removed
    runs spell the old text and the kept and added runs the new one."""
    from generator.review import words
    new = list(pieces)
    for at, piece in edits:
        new[min(at, len(new)):min(at, len(new)) + 1] = [piece]
    old_text, new_text = "".join(pieces), "".join(new)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(words, "WORD_DIFF_WORDS", bound)
        patch.setattr(words, "PIECE_PAIRS", bound)
        diffed = words.word_diff(old_text, new_text)
    assert "".join(t for op, t in diffed.runs if op != "+") == old_text
    assert "".join(t for op, t in diffed.runs if op != "-") == new_text
    assert all(t for _, t in diffed.runs)


def test_a_sentence_too_long_to_compare_word_by_word_is_shown_whole_and_the_diff_says_so(mini: Path) -> None:
    from generator.review.words import WORD_DIFF_WORDS
    commit_all(mini)
    long = " ".join(["word"] * (WORD_DIFF_WORDS + 1))
    _edit(mini, SEED, "A <script>", f"{long} end.\n\nA <script>")
    commit_all(mini)
    _edit(mini, SEED, f"{long} end.", f"{long} changed end.")
    text = briefing("--root", str(mini), "diff", "HEAD").stdout
    note = f"1 changed stretch(es) of more than {WORD_DIFF_WORDS:,} words shown removed and added whole"
    assert f"    … {note}" in text and "see git diff of the file" in text
    assert f"[-{long} end.-]{{+{long} changed end.+}}" in text
    assert note in html.unescape(briefing("--root", str(mini), "diff", "HEAD", "--format", "markdown").stdout)
    data = json.loads(briefing("--root", str(mini), "diff", "HEAD", "--format", "json").stdout)
    field = next(f for c in data["changes"] for f in c["fields"] if f.get("words_shown_whole"))
    assert field["words_shown_whole"] == 1


# --- refused characters: located, never an internal error -----------------------------------------

DESCRIPTION = "  en: The union of the harbour's dockworkers."


def test_a_revision_holding_a_refused_character_is_compared_and_the_character_named(mini: Path) -> None:
    """An older revision may hold what is refused now (a raw RLM was accepted before): diff still compares
    it, names the character at its place as a warning, and shows it only as an escape."""
    _edit(mini, UNION, DESCRIPTION, "  en: The union\u200f of the harbour's dockworkers.")
    commit_all(mini)
    _edit(mini, UNION, "  en: The union\u200f of the harbour's dockworkers.", DESCRIPTION)
    result = briefing("--root", str(mini), "diff", "HEAD")
    assert result.returncode == 0, result.stderr
    assert f"HEAD:{UNION}:10:16: warning: direction control U+200F" in result.stderr
    assert "description.en" in result.stdout and "\u200f" not in result.stdout + result.stderr


def test_a_lone_surrogate_is_a_located_problem_for_check_diff_and_build(mini: Path) -> None:
    commit_all(mini)
    _edit(mini, UNION, DESCRIPTION, '  en: "The union \\ud800 of the harbour"')
    located = f"{UNION}:10:7: "
    checked = briefing("--root", str(mini), "check")
    assert checked.returncode == 1 and located + "error: invalid character U+D800" in checked.stdout
    diffed = briefing("--root", str(mini), "diff", "HEAD", "--format", "markdown")
    assert diffed.returncode == 0 and located + "warning: invalid character U+D800" in diffed.stderr
    assert "\\ud800" in html.unescape(diffed.stdout)
    built = briefing("--root", str(mini), "build")
    assert built.returncode == 1 and located + "error: invalid character U+D800" in built.stdout
    for done in (checked, diffed, built):
        assert "internal error" not in done.stderr and "Traceback" not in done.stderr
