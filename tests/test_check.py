"""`briefing check` on the small dossier, and on one broken copy of it per kind of mistake."""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import briefing, set_back_to_draft

from generator.factbase.check import disagreements, run

INCIDENT = "content/incidents/harbour-strike.yaml"
AUTHORITY = "content/actors/harbour-authority.yaml"
UNION = "content/actors/dockworkers-union.yaml"
PLACE = "content/places/port-example.yaml"
DOSSIER = "content/dossier.yaml"
TIMELINE = "content/timeline.yaml"
BRIEFING = "content/briefings/harbour-strike.yaml"
SOURCE = "content/sources/harbour-en.yaml"
LONG_ID = "a" * 249
SECOND_SECTION = """sections:
  - id: what-happened
    heading: {en: Before, ar: قبل}
    paragraphs:
      - text: {en: Before., ar: قبل.}
  - id: what-happened"""


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
    assert dossier is not None
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
    (UNION, "    quote: The union said", "    quote: The Union said", "quote-not-found", "quote: The Union said"),
    (UNION, "    paragraph: p2\n    quote: The union said", "    paragraph: p1\n    quote: The union said",
     "quote-elsewhere", "paragraph: p1"),
    (UNION, "    paragraph: p2", "    paragraph: p9", "no-paragraph", "paragraph: p9"),
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
    # an unclosed quote, at the line where it opens, not where a later quote ends the text
    (UNION, "  en: The union of the harbour's dockworkers.", '  en: "The union\n  ar: x\n  fr: "y"',
     "yaml-syntax", 'en: "The union'),
    # a comma in a text of a {…} map makes a key of the words after it
    (UNION, "name:\n  en: Dockworkers' Union\n  ar: نقابة عمال الميناء\n",
     "name: {en: Dockworkers' Union, Dockers, ar: نقابة عمال الميناء}\n", "comma-key", "name: {en:"),
    (AUTHORITY, "  by: test-editor\n", "", "review-unsigned", "status: reviewed"),
    (AUTHORITY, "  by: test-editor\n", "  by: someone-else\n", "unknown-reviewer", "by: someone-else"),
    (AUTHORITY, "  by: test-editor\n", '  by: "\\u200b"\n', "format", "by: "),
    (AUTHORITY, "  on: '2026-11-30'", "  on: '2099-01-01'", "review-date", "status: reviewed"),
    (AUTHORITY, "    target: dockworkers-union", "    target: harbour-authority", "self-relation", "- type: opposes"),
    (PLACE, "kind: town", "kind: town\nwithin: port-example", "within-cycle", "id: port-example"),
    (BRIEFING, "incidents: [harbour-strike]", "incidents: []", "claim-incident", None),
    (DOSSIER, "languages: [en, ar]", "languages: [en, ar]\nsite_url: example.org/harbour", "format", "site_url:"),
    # days that do not exist, wherever a date is written
    (INCIDENT, "start: '2023-05-01'", "start: '2023-02-30'", "format", "start:"),
    (INCIDENT, "asserted: '2023-05-01'", "asserted: '0000-01-01'", "format", "asserted: '0000"),
    (TIMELINE, "date: '2023-05-01'", "date: '2023-02-31'", "format", "date: '2023-02-31'"),
    (BRIEFING, "date: '2023-05-03'", "date: '2023-04-31'", "format", "date: '2023-04-31'"),
    (SOURCE, "  on: '2026-12-01'", "  on: '2024-02-30'", "format", "on: '2024-02-30'"),
    (SOURCE, "published: '2023-05-02'", "published: '2023-02-29'", "format", "published:"),
    # characters YAML refuses, pasted in
    (UNION, "kind: organisation", "kind: organ\x0cisation", "yaml-character", "kind: organ"),
    (PLACE, "kind: town", "kind: to\x00wn", "yaml-character", "kind: to"),
    # and the same characters written as YAML escapes: refused at the value, like the character itself
    *[(UNION, "  en: The union of the harbour's dockworkers.", f'  en: "The union{escape} of the harbour"',
       "yaml-character", "en: \"The union") for escape in ("\\e[2J", "\\u202e", "\\0", "\\x9b", "\\ud800", "\\u200f")],
    # figures and ids too large for the pages built from them
    (INCIDENT, "value: '400'", "value: '99999999999999999999999999999999'", "range", "value: '9999"),
    (INCIDENT, "value: '400'", "value: '1000000000000000'", "range", "value: '1000"),
    (UNION, "id: dockworkers-union", f"id: {LONG_ID}", "too-long", "id: aaaa"),
    (DOSSIER, "  strikers:", f"  {LONG_ID}:\n    en: x\n  strikers:", "too-long", "aaaa"),
    # languages
    (DOSSIER, "languages: [en, ar]", "languages: [en, en]", "duplicate", "languages:"),
    (SOURCE, "language: en", "language: xx", "language", "language: xx"),
    # ids unique within a file: reported at the repeat
    (TIMELINE, "- id: month-of-strike", "- id: strike-begins", "duplicate-id", "- id: strike-begins"),
    (BRIEFING, "sections:\n  - id: what-happened", SECOND_SECTION, "duplicate-id", "- id: what-happened"),
    (BRIEFING, "  - id: what-happened", "  - id: key-points", "reserved-id", "- id: key-points"),
    # spans that end before they start: reported at 'end'
    (INCIDENT, "end: '2023-05-02'", "end: '2023-04-30'", "date-order", "end:"),
    (INCIDENT, "    figure: {party: dockworkers-union, value: '400', qualifier: at-least}",
     "    period:\n      start: '2023-05-02'\n      end: '2023-05-01'", "date-order", "end: '2023-05-01'"),
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


def test_an_unclosed_quote_is_the_one_problem_of_its_file(mini: Path) -> None:
    edit(mini, UNION, "  en: The union of the harbour's dockworkers.", '  en: "The union\n  ar: x\n  fr: "y"')
    _, problems = run(mini)
    assert [(p.line, p.col, p.code) for p in problems.items if p.path == UNION] == [(10, 7, "yaml-syntax")]


def test_missing_translation_is_only_a_warning_in_a_draft(mini: Path) -> None:
    set_back_to_draft(mini)
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
    lines = result.stdout.splitlines()   # one stream: 'briefing check > log' keeps the errors
    assert result.stderr == ""
    assert any(line.startswith(f"{UNION}:") and line.endswith("[enum]") for line in lines)
    assert any(line.startswith(f"{PLACE}:") and line.endswith("[range]") for line in lines)
    assert result.stdout.strip().splitlines()[-1].startswith("2 error(s)")


def test_strict_turns_warnings_into_errors(mini: Path) -> None:
    set_back_to_draft(mini)
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
    assert result.returncode == 1 and "briefing init" in result.stdout and "Traceback" not in result.stderr


def test_two_records_for_one_seed_are_an_error(mini: Path) -> None:
    sources = mini / "content" / "sources"
    text = (sources / "harbour-en.yaml").read_text(encoding="utf-8").replace("id: harbour-en", "id: harbour-copy")
    (sources / "harbour-copy.yaml").write_text(text, encoding="utf-8")
    _, problems = run(mini)
    assert any(p.code == "duplicate-source" for p in problems.errors)


def copy_record(root: Path, rel: str, ident: str) -> str:
    """A second record of `rel`'s, with the id `ident`, in a file of its own; returns that file's path."""
    path = root / rel
    text = path.read_text(encoding="utf-8").replace(f"id: {path.stem}\n", f"id: {ident}\n", 1)
    (path.parent / f"{ident}.yaml").write_text(text, encoding="utf-8")
    return f"{Path(rel).parent}/{ident}.yaml"


def test_a_loaded_dossier_is_in_id_order_whatever_the_order_of_its_files(mini: Path) -> None:
    """harbour-authority.yaml lists before harbour.yaml ("-" before "."), yet "harbour" comes first: the
    pages, the exports and the PDFs read the collections in id order, and none of them sorts again."""
    copy_record(mini, AUTHORITY, "harbour")
    copy_record(mini, SOURCE, "harbour")
    dossier, _ = run(mini)
    assert dossier is not None
    for records in (dossier.sources, dossier.actors, dossier.places, dossier.incidents, dossier.briefings):
        assert list(records) == sorted(records)
    assert list(dossier.actors)[:2] == ["dockworkers-union", "harbour"]


def test_of_two_clashing_records_the_later_file_is_reported(mini: Path) -> None:
    """Two records of one seed, or one claim id in two incidents: the one in the later file is the
    duplicate, as an editor reads the files, whatever order their ids sort in."""
    later_source = copy_record(mini, SOURCE, "harbour")           # harbour-en.yaml, then harbour.yaml
    later_incident = copy_record(mini, INCIDENT, "harbour")       # harbour-strike.yaml, then harbour.yaml
    _, problems = run(mini)
    assert [(p.path, "'harbour-en'" in p.message) for p in problems.errors if p.code == "duplicate-source"] == \
        [(later_source, True)]
    claims = [p for p in problems.errors if p.code == "duplicate-id"]
    assert claims and all(p.path == later_incident and INCIDENT in p.message for p in claims)


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
    from generator.extract.propose import extract
    extract(mini)
    assert not [p for p in run(mini)[1].items if p.code == "stale-proposals"]
    seed = mini / "seeds" / "harbour-en.md"
    seed.write_text(seed.read_text(encoding="utf-8") + "\nA later correction.\n", encoding="utf-8")
    stale = [p for p in run(mini)[1].items if p.code == "stale-proposals"]
    assert [p.path for p in stale] == ["content/proposals/harbour-en.yaml"]


def test_a_repeat_names_the_line_of_the_first(mini: Path) -> None:
    edit(mini, TIMELINE, "- id: month-of-strike", "- id: strike-begins")
    _, problems = run(mini)
    found = [p for p in problems.errors if p.code == "duplicate-id"]
    assert len(found) == 1, [str(p) for p in found]
    assert found[0].line == line_of(mini, TIMELINE, "- id: strike-begins")
    assert "line 2 " in found[0].message


def test_dates_are_days_of_the_calendar(mini: Path) -> None:
    """Leap days exist in leap years only; a month or a year alone is a date too."""
    edit(mini, INCIDENT, "asserted: '2023-05-01'", "asserted: '2024-02-29'")
    edit(mini, INCIDENT, "asserted: '2023-05-02'", "asserted: '2000-02-29'")
    edit(mini, BRIEFING, "date: '2023-05-03'", "date: '2023-05-31'")
    edit(mini, SOURCE, "published: '2023-05-02'", "published: 2023-05")
    _, problems = run(mini)
    assert problems.errors == [], [str(p) for p in problems.errors]
    edit(mini, INCIDENT, "asserted: '2024-02-29'", "asserted: '1900-02-29'")
    _, problems = run(mini)
    messages = [p.message for p in problems.errors]
    assert messages == ["1900-02-29 is not a date: February 1900 has 28 days; correct it"]


def test_a_span_may_end_in_the_month_it_starts(mini: Path) -> None:
    edit(mini, INCIDENT, "end: '2023-05-02'", "end: 2023-05")
    _, problems = run(mini)
    assert problems.errors == [], [str(p) for p in problems.errors]


def test_range_messages_name_the_bounds_there_are() -> None:
    from generator.factbase.schema import Context, Number
    from generator.factbase.yamlio import parse
    found: list[str] = []
    ctx = Context("x.yaml", ["en"], lambda line, col, sev, msg, code: found.append(msg))
    for spec, value in ((Number(low=0), "-5"), (Number(high=10), "11"), (Number(low=-90, high=90), "100"),
                        (Number(low=0), "9" * 5000)):
        node, _ = parse(f"v: '{value}'\n")
        assert spec.check(node["v"], ctx) is None
    assert found[:3] == ["-5 is out of range: it must be 0 or more", "11 is out of range: it must be 10 or less",
                         "100 is out of range: it must be between -90 and 90"]
    assert found[3].startswith("999999999999… (5000 characters) is far too large")


def test_an_unknown_source_language_is_a_warning(mini: Path) -> None:
    edit(mini, SOURCE, "language: en", "language: xx")
    _, problems = run(mini)
    found = [p for p in problems.items if p.code == "language"]
    assert [(p.path, p.severity) for p in found] == [(SOURCE, "warning")]


def test_a_record_in_both_yaml_and_yml_is_reported(mini: Path) -> None:
    folder = mini / "content" / "actors"
    text = (folder / "dockworkers-union.yaml").read_text(encoding="utf-8")
    (folder / "dockworkers-union.yml").write_text(text.replace("kind: organisation", "kind: person"),
                                                  encoding="utf-8")
    _, problems = run(mini)
    found = [p for p in problems.errors if p.code == "duplicate-id"]
    assert [p.path for p in found] == ["content/actors/dockworkers-union.yml"]
    assert "content/actors/dockworkers-union.yaml" in found[0].message


@pytest.mark.parametrize("edit_args", [
    (UNION, "kind: organisation", "kind: organ\x0cisation"),
    (INCIDENT, "start: '2023-05-01'", "start: '2023-02-30'"),
    (INCIDENT, "value: '400'", "value: '99999999999999999999999999999999'"),
], ids=["control-character", "impossible-date", "huge-figure"])
def test_commands_report_bad_input_and_never_crash(mini: Path, edit_args: tuple[str, str, str]) -> None:
    edit(mini, *edit_args)
    for command in (["check"], ["build"], ["fmt", "--check"]):
        result = briefing("--root", str(mini), *command)
        output = result.stdout + result.stderr
        assert "Traceback" not in output and "internal error" not in output, (command, output)
        assert result.returncode != 0 or command[0] == "fmt", (command, output)


def test_a_long_briefing_id_is_refused_before_build(mini: Path) -> None:
    folder = mini / "content" / "briefings"
    edit(mini, BRIEFING, "id: harbour-strike", f"id: {LONG_ID}")
    (folder / "harbour-strike.yaml").rename(folder / f"{LONG_ID}.yaml")
    result = briefing("--root", str(mini), "build")
    assert result.returncode == 1 and "[too-long]" in result.stdout, result.stdout
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr


def test_a_document_in_seeds_without_a_source_record_is_pointed_out(mini: Path) -> None:
    (mini / "seeds" / "new-report.md").write_text("# New\n\nA new paragraph.\n", encoding="utf-8")
    _, problems = run(mini)
    found = [p for p in problems.items if p.code == "seed-unregistered"]
    assert [(p.path, p.severity) for p in found] == [("seeds/new-report.md", "warning")]
    assert "briefing ingest" in found[0].message


def _line_of(root: Path, rel: str, needle: str) -> int:
    return next(i for i, line in enumerate((root / rel).read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def test_a_quote_one_letter_off_gets_the_nearest_passage_and_what_differs_at_the_quote_key(mini: Path) -> None:
    edit(mini, INCIDENT, "quote: only 120 workers stayed away", "quote: only 120 wrokers stayed away")
    _, problems = run(mini)
    found = [p for p in problems.errors if p.code == "quote-not-found"]
    assert len(found) == 1
    assert found[0].line == _line_of(mini, INCIDENT, "quote: only 120 wrokers")  # the quote's own line
    assert "the nearest passage, there, is “only 120 workers stayed away”" in found[0].message
    assert "'wrokers' in the quote, 'workers' in the source" in found[0].message


def test_an_arabic_quote_off_by_a_diacritic_or_a_hamza_is_shown_the_passage(mini: Path) -> None:
    edit(mini, INCIDENT, "quote: '\"400 عضو على الأقل\"'", "quote: '\"400 عضو على الاقلّ\"'")
    _, problems = run(mini)
    found = [p for p in problems.errors if p.code == "quote-not-found"]
    assert len(found) == 1 and "“\"400 عضو على الأقل\"”" in found[0].message
    assert "arabic shadda in the quote" in found[0].message
    assert "'ا' in the quote, 'أ' in the source" in found[0].message


def test_a_quote_from_another_paragraph_nearly_is_found_there(mini: Path) -> None:
    edit(mini, INCIDENT, "quote: only 120 workers stayed away", "quote: closing the harbour of Port Exampel")
    _, problems = run(mini)
    found = [p for p in problems.errors if p.code == "quote-not-found"]
    assert len(found) == 1
    assert "the nearest passage, in p1, is “closing the harbour of Port Example”" in found[0].message


def test_an_unknown_id_gets_a_suggestion(mini: Path) -> None:
    edit(mini, INCIDENT, "claimant: harbour-authority", "claimant: harbour-autority")
    _, problems = run(mini)
    found = [p for p in problems.errors if p.code == "unknown-ref"]
    assert found and "did you mean 'harbour-authority'?" in found[0].message
    edit(mini, INCIDENT, "place: port-example", "place: nowhere-at-all")
    _, problems = run(mini)
    assert any(p.code == "unknown-ref" and "nowhere-at-all" in p.message and "did you mean" not in p.message
               for p in problems.errors)


def test_a_source_without_publisher_or_date_fails_strict_and_is_an_error_once_reviewed(mini: Path) -> None:
    edit(mini, SOURCE, "publisher:\n  en: Harbour News\n  ar: أخبار الميناء\n", "")
    _, problems = run(mini)
    found = [p for p in problems.items if p.code == "source-incomplete"]
    assert len(found) == 1 and found[0].severity == "error"
    assert "source 'harbour-en' lacks a publisher ('publisher')" in found[0].message
    set_back_to_draft(mini)
    _, problems = run(mini)
    assert [p.severity for p in problems.items if p.code == "source-incomplete"] == ["warning"]
    assert briefing("--root", str(mini), "check", "--strict").returncode == 1


def test_a_figure_its_quotes_do_not_state_fails_at_the_figure_line(mini: Path) -> None:
    edit(mini, INCIDENT, "figure: {party: dockworkers-union, value: '400', qualifier: at-least}",
         "figure: {party: dockworkers-union, value: '500', qualifier: at-least}")
    _, problems = run(mini)
    found = [p for p in problems.items if p.code == "figure-quote"]
    assert len(found) == 1 and found[0].severity == "error"  # the claim is reviewed
    assert found[0].line == _line_of(mini, INCIDENT, "value: '500'")
    assert "gives the figure 500 (at-least), but its quotes state 400 (at-least)" in found[0].message
    result = briefing("--root", str(mini), "check", "--strict")
    assert result.returncode == 1 and "[figure-quote]" in result.stdout


def test_a_figure_in_words_digits_of_another_script_or_a_qualifier_is_read_from_its_quote(mini: Path) -> None:
    # the Arabic quote alone, in Arabic-Indic digits, still states 400
    edit(mini, INCIDENT, "quote: '\"400 عضو على الأقل\"'", "quote: '\"٤٠٠ عضو على الأقل\"'")
    path = mini / "content" / "sources" / "harbour-ar.yaml"
    seed = mini / "seeds" / "harbour-ar.txt"
    seed.write_text(seed.read_text(encoding="utf-8").replace("400 عضو على الأقل", "٤٠٠ عضو على الأقل"),
                    encoding="utf-8")
    assert briefing("--root", str(mini), "ingest").returncode == 0
    _, problems = run(mini)
    assert not [p for p in problems.items if p.code in ("figure-quote", "figure-qualifier")], path
    # exactly 400 against a quote that says at least 400: the number holds, the qualifier is questioned
    edit(mini, INCIDENT, "value: '400', qualifier: at-least}", "value: '400'}")
    _, problems = run(mini)
    found = [p for p in problems.items if p.code == "figure-qualifier"]
    assert len(found) == 1 and found[0].severity == "warning"


def test_the_editors_reading_under_derived_is_accepted_and_shown(mini: Path) -> None:
    edit(mini, INCIDENT, "figure: {party: dockworkers-union, value: '400', qualifier: at-least}",
         "figure: {party: dockworkers-union, value: '500', qualifier: at-least}\n"
         "    derived: {en: The union's 400 plus the 100 it counted later., "
         "ar: الأربعمئة مضافاً إليهم مئة أحصتهم النقابة لاحقاً.}")
    dossier, problems = run(mini)
    assert dossier is not None and not [p for p in problems.items if p.code == "figure-quote"]
    from conftest import PROJECT

    from generator.site.render import render
    from generator.views.templates import Templates
    page = render(dossier, Templates((PROJECT / "templates",)), "ar")["incidents/harbour-strike.md"]
    assert 'class="derived"' in page and "قراءة المحررين" in page


def _with_period(mini: Path, start: str) -> None:
    edit(mini, INCIDENT, "figure: {party: dockworkers-union, value: '400', qualifier: at-least}",
         f"figure: {{party: dockworkers-union, value: '400', qualifier: at-least}}\n    period: {{start: '{start}'}}")
    edit(mini, INCIDENT, "      - source: harbour-ar\n        paragraph: p2\n        quote: '\"400 عضو على الأقل\"'",
         "      - source: harbour-en\n        paragraph: p1\n        quote: Dockworkers walked out on Monday\n"
         "        translation:\n          ar: أضرب عمال الميناء يوم الاثنين\n"
         "      - source: harbour-ar\n        paragraph: p2\n        quote: '\"400 عضو على الأقل\"'")


def test_a_period_its_quotes_do_not_give_fails_and_a_worked_out_one_asks_to_say_so(mini: Path) -> None:
    original = (mini / INCIDENT).read_text(encoding="utf-8")
    _with_period(mini, "2023-05-03")
    _, problems = run(mini)
    found = [p for p in problems.items if p.code == "period-quote"]
    assert len(found) == 1 and found[0].severity == "error" and "2023-05-01" in found[0].message
    assert found[0].line == _line_of(mini, INCIDENT, "period: {start: '2023-05-03'}")
    (mini / INCIDENT).write_text(original, encoding="utf-8")
    _with_period(mini, "2023-05-01")   # Monday, worked out from the article of Tuesday 2 May
    _, problems = run(mini)
    assert [p.severity for p in problems.items if p.code.startswith("period")] == ["warning"]
    edit(mini, INCIDENT, "    period: {start: '2023-05-01'}",
         "    period: {start: '2023-05-01'}\n    derived: {en: Monday read against the paper's date., "
         "ar: يوم الاثنين مقروءاً في ضوء تاريخ الصحيفة.}")
    _, problems = run(mini)
    assert not [p for p in problems.items if p.code.startswith("period")]


def test_a_record_that_links_out_of_the_dossier_is_refused_unread(mini: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("id: secret\nkind: person\npassword: hunter2-do-not-print\n", encoding="utf-8")
    (mini / "content" / "actors" / "secret.yaml").symlink_to(secret)
    for command in (["check"], ["fmt", "--check"], ["build"]):
        result = briefing("--root", str(mini), *command)
        out = result.stdout + result.stderr
        assert result.returncode == 1 and "hunter2" not in out and "Traceback" not in out, command
        assert "content/actors/secret.yaml" in out and "link to a file outside the dossier" in out, command
    assert not (mini / "site").exists()


@pytest.mark.parametrize("character", ["\0", "\u202e"])
def test_a_nul_or_a_direction_override_in_a_seed_is_reported_at_its_place(mini: Path, character: str) -> None:
    seed = mini / "seeds" / "harbour-en.md"
    text = seed.read_text(encoding="utf-8")
    at = text.index("The union said")
    seed.write_text(text[:at] + character + text[at:], encoding="utf-8")
    _, problems = run(mini)
    found = [p for p in problems.errors if p.code == "seed-character"]
    line = text[:at].count("\n") + 1
    assert len(found) == 1 and found[0].line == line and found[0].col == at - text.rfind("\n", 0, at)


def test_a_seed_turned_invalid_utf8_is_reported_where_the_bad_byte_is(mini: Path) -> None:
    seed = mini / "seeds" / "harbour-en.md"
    data = seed.read_bytes()
    seed.write_bytes(data + b"\nbroken \xff here\n")
    _, problems = run(mini)
    found = [p for p in problems.errors if p.code == "encoding" and p.path.endswith("harbour-en.md")]
    assert len(found) == 1 and found[0].line == data.count(b"\n") + 2 and found[0].col == 8


def test_a_record_without_review_is_left_out_with_a_warning_at_its_line(mini: Path) -> None:
    """Once, such a record was left off the published site without a word, even under --strict."""
    edit(mini, UNION, "review:\n  status: reviewed\n  by: editorial-desk\n  on: '2026-12-01'\n", "")
    edit(mini, INCIDENT, "participants:\n  - actor: dockworkers-union\n", "participants:\n")
    _, problems = run(mini)
    found = [p for p in problems.items if p.code == "unpublished"]
    assert [(p.path, p.line, p.severity) for p in found] == [(UNION, 1, "warning")], [str(p) for p in found]
    assert "it has no review" in found[0].message
    assert briefing("--root", str(mini), "check", "--strict").returncode == 1


def test_a_draft_incident_is_one_note_counting_what_it_takes_along(mini: Path) -> None:
    """Its claims and events go with it: one line for the incident, none for each of them; a record whose
    own review says draft is the editor's word, so a note, not a warning (`briefing status` lists them)."""
    set_back_to_draft(mini)
    _, problems = run(mini)
    found = {(p.path, p.line): p for p in problems.items if p.code == "unpublished"}
    assert {p.severity for p in found.values()} == {"info"}
    on_incident = [p for (path, _), p in found.items() if path == INCIDENT]
    assert len(on_incident) == 1 and "takes 2 claims and 1 event with it" in on_incident[0].message
    assert on_incident[0].line == line_of(mini, INCIDENT, "status: draft")
    assert not any("claim" in p.message.split(" is left")[0] for p in found.values())
