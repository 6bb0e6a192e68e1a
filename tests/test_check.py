"""`briefing check` on the small dossier, and on one broken copy of it per kind of mistake."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.check import disagreements, run
from conftest import briefing

INCIDENT = "content/incidents/harbour-strike.yaml"
AUTHORITY = "content/actors/harbour-authority.yaml"
UNION = "content/actors/dockworkers-union.yaml"
PLACE = "content/places/port-example.yaml"
DOSSIER = "content/dossier.yaml"


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(root: Path, rel: str, needle: str) -> int:
    """The last line holding `needle` (an edit that duplicates a line adds the later one)."""
    found = [n for n, line in enumerate((root / rel).read_text(encoding="utf-8").splitlines(), start=1)
             if needle in line]
    assert found, f"{needle!r} not in {rel}"
    return found[-1]


def test_the_small_dossier_is_clean(mini: Path) -> None:
    dossier, problems = run(mini)
    assert dossier is not None
    assert problems.errors == [] and problems.warnings == []


def test_disagreeing_figures_are_found(mini: Path) -> None:
    dossier, _ = run(mini)
    groups = disagreements(dossier)
    assert [[c.id for c in g] for g in groups] == [["union-400", "authority-120"]]


# (file, text to replace, replacement, expected code, text on the expected line after the edit)
CASES = [
    (UNION, "kind: organisation", "kind: organisation\nkindd: person", "unknown-key", "kindd:"),
    (UNION, "kind: organisation\n", "", "missing-key", "id: dockworkers-union"),
    (UNION, "kind: organisation", "kind: guild", "enum", "kind: guild"),
    (UNION, "id: dockworkers-union", "id: dockworkers-union\nid: again", "duplicate-key", "id: again"),
    (UNION, "id: dockworkers-union", "id: dock-union", "id-filename", "id: dock-union"),
    (UNION, "id: dockworkers-union", "id: Dockworkers", "format", "id: Dockworkers"),
    (UNION, "    quote: The union said", "    quote: The Union said", "quote-not-found", "source: harbour-en"),
    (UNION, "    paragraph: p2\n    quote: The union said", "    paragraph: p1\n    quote: The union said",
     "quote-elsewhere", "source: harbour-en"),
    (UNION, "    paragraph: p2", "    paragraph: p9", "no-paragraph", "source: harbour-en"),
    (UNION, "  - source: harbour-en", "  - source: harbour-fr", "unknown-ref", "source: harbour-fr"),
    (AUTHORITY, "    target: dockworkers-union", "    target: dockers", "unknown-ref", "target: dockers"),
    (AUTHORITY, "  ar: سلطة الميناء\n", "", "translation", "name:"),
    (INCIDENT, "start: '2023-05-01'", "start: '2023-13-01'", "format", "start:"),
    (INCIDENT, "claimant: harbour-authority", "claimant: harbour-boss", "unknown-ref", "claimant: harbour-boss"),
    (INCIDENT, "- id: authority-120", "- id: union-400", "duplicate-id", "- id: union-400"),
    (INCIDENT, "value: '400'", "value: 'four hundred'", "number", "four hundred"),
    (PLACE, "lat: '10.5'", "lat: '100.5'", "range", "coordinates:"),
    (PLACE, "id: port-example", "id: port-example\nextra: &a [1]\nmore: *a", "yaml-alias", "more: *a"),
    (PLACE, "kind: town", "kind: [town", "yaml-syntax", None),
    (DOSSIER, "languages: [en, ar]", "languages: [en, ar]\nsite_url: example.org/harbour", "format", "site_url:"),
]


@pytest.mark.parametrize("rel, old, new, code, needle", CASES, ids=[c[3] + ":" + c[0].split("/")[-1] for c in CASES])
def test_each_mistake_is_reported_with_file_line_and_code(mini: Path, rel: str, old: str, new: str, code: str,
                                                          needle: str | None) -> None:
    edit(mini, rel, old, new)
    _, problems = run(mini)
    found = [p for p in problems.items if p.code == code]
    assert found, f"no [{code}] in: {[str(p) for p in problems.items]}"
    assert any(p.path == rel for p in found)
    if needle is not None:
        expected = line_of(mini, rel, needle)
        assert expected in {p.line for p in found if p.path == rel}, [str(p) for p in found]


def test_missing_translation_is_only_a_warning_in_a_draft(mini: Path) -> None:
    edit(mini, UNION, "  ar: نقابة عمال الميناء\n", "")
    _, problems = run(mini)
    found = [p for p in problems.items if p.code == "translation" and p.path == UNION]
    assert found and all(p.severity == "warning" for p in found)


def test_changed_seed_text_is_reported_and_citations_rechecked(mini: Path) -> None:
    seed = mini / "seeds" / "harbour-en.md"
    seed.write_text(seed.read_text(encoding="utf-8").replace("The union said", "The union claimed"), encoding="utf-8")
    _, problems = run(mini)
    codes = {(p.path, p.code) for p in problems.items}
    assert ("content/sources/harbour-en.yaml", "source-changed") in codes
    assert (UNION, "quote-not-found") in codes


def test_cli_prints_every_problem_then_a_summary_and_exits_1(mini: Path) -> None:
    edit(mini, UNION, "kind: organisation", "kind: guild")
    edit(mini, PLACE, "lat: '10.5'", "lat: '100.5'")
    result = briefing("--root", str(mini), "check")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.splitlines()
    assert any(line.startswith(f"{UNION}:") and line.endswith("[enum]") for line in lines)
    assert any(line.startswith(f"{PLACE}:") and line.endswith("[range]") for line in lines)
    assert result.stdout.strip().splitlines()[-1].startswith("2 error(s)")


def test_strict_turns_warnings_into_errors(mini: Path) -> None:
    edit(mini, UNION, "  ar: نقابة عمال الميناء\n", "")
    assert briefing("--root", str(mini), "check").returncode == 0
    assert briefing("--root", str(mini), "check", "--strict").returncode == 1


def test_json_output_for_tools(mini: Path) -> None:
    import json
    edit(mini, UNION, "kind: organisation", "kind: guild")
    result = briefing("--root", str(mini), "check", "--format", "json")
    data = json.loads(result.stdout)
    assert data["errors"] == 1 and data["problems"][0]["code"] == "enum"


def test_a_folder_without_a_dossier_is_a_clear_error(tmp_path: Path) -> None:
    result = briefing("--root", str(tmp_path), "check")
    assert result.returncode == 1 and "briefing init" in result.stderr and "Traceback" not in result.stderr


def test_two_records_for_one_seed_are_an_error(mini: Path) -> None:
    sources = mini / "content" / "sources"
    text = (sources / "harbour-en.yaml").read_text(encoding="utf-8").replace("id: harbour-en", "id: harbour-copy")
    (sources / "harbour-copy.yaml").write_text(text, encoding="utf-8")
    _, problems = run(mini)
    assert any(p.code == "duplicate-source" for p in problems.errors)


def test_untranslated_quote_is_an_error_once_reviewed(mini: Path) -> None:
    edit(mini, AUTHORITY, "        translation:\n          ar: قالت سلطة الميناء إن 120 عاملاً فقط تغيبوا.\n", "")
    _, problems = run(mini)
    found = [p for p in problems.items if p.code == "translation" and p.path == AUTHORITY]
    assert found and found[0].severity == "error"


def test_dossier_languages_are_language_codes(mini: Path) -> None:
    edit(mini, "content/dossier.yaml", "languages: [en, ar]", "languages: [en, Arabic]")
    _, problems = run(mini)
    assert any(p.code == "format" and p.path == "content/dossier.yaml" for p in problems.errors)


WRONG_SHAPES = ["[a, b]", "{x: 1}", "''", "'12'", "-1", "null", "~", "'2024-99-99'", "\"<script>\""]


@pytest.mark.parametrize("rel", [UNION, AUTHORITY, PLACE, INCIDENT, "content/briefings/harbour-strike.yaml",
                                 "content/timeline.yaml", "content/sources/harbour-en.yaml", "content/dossier.yaml"])
def test_any_value_of_the_wrong_shape_is_reported_never_a_crash(mini: Path, rel: str) -> None:
    """Replace each value of a record in turn by values of the wrong shape: always problems, never a traceback."""
    import re
    original = (mini / rel).read_text(encoding="utf-8")
    keys = sorted(set(re.findall(r"^\s*-?\s*([a-z_]+):", original, flags=re.MULTILINE)))
    assert keys
    for key in keys:
        for wrong in WRONG_SHAPES:
            broken = re.sub(rf"^(\s*-?\s*{key}:).*$", rf"\1 {wrong}", original, count=1, flags=re.MULTILINE)
            (mini / rel).write_text(broken, encoding="utf-8")
            run(mini)  # must not raise
    (mini / rel).write_text(original, encoding="utf-8")


def test_ungraded_claim_is_flagged(mini: Path) -> None:
    edit(mini, INCIDENT, "    credibility:\n      grade: '3'", "    creditability:\n      grade: '3'")
    _, problems = run(mini)
    codes = {p.code for p in problems.items if p.path == INCIDENT}
    assert {"ungraded", "unknown-key"} <= codes


def test_proposals_from_an_older_text_are_flagged(mini: Path) -> None:
    from generator.extract import extract
    extract(mini)
    assert not [p for p in run(mini)[1].items if p.code == "stale-proposals"]
    seed = mini / "seeds" / "harbour-en.md"
    seed.write_text(seed.read_text(encoding="utf-8") + "\nA later correction.\n", encoding="utf-8")
    stale = [p for p in run(mini)[1].items if p.code == "stale-proposals"]
    assert [p.path for p in stale] == ["content/proposals/harbour-en.yaml"]
