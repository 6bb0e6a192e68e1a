"""check's annotations for pull requests: GitHub workflow commands on the lines, SARIF 2.1.0 for code scanning."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from conftest import HERE, briefing

UNION = "content/actors/dockworkers-union.yaml"
SCHEMA = json.loads((HERE / "fixtures" / "sarif" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def _break(mini: Path) -> int:
    """An unknown kind (an error); its line."""
    path = mini / UNION
    text = path.read_text(encoding="utf-8").replace("kind: organisation", "kind: guild")
    path.write_text(text, encoding="utf-8")
    return next(i for i, line in enumerate(text.splitlines(), 1) if "kind: guild" in line)


def test_sarif_validates_against_the_published_schema_and_names_each_problem(mini: Path) -> None:
    line = _break(mini)
    result = briefing("--root", str(mini), "check", "--format", "sarif")
    assert result.returncode == 1
    log = json.loads(result.stdout)
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    results = log["runs"][0]["results"]
    kind = next(r for r in results if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith(UNION))
    assert kind["level"] == "error" and kind["ruleId"] == "enum"
    assert kind["locations"][0]["physicalLocation"]["region"]["startLine"] == line
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert rules[kind["ruleIndex"]]["id"] == "enum"
    assert {r["level"] for r in results} >= {"error"}


def test_an_empty_sarif_log_still_validates(mini: Path) -> None:
    result = briefing("--root", str(mini), "check", "--format", "sarif")
    assert result.returncode == 0
    log = json.loads(result.stdout)
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    assert log["runs"][0]["results"] == []


def test_github_annotations_point_at_the_line_and_escape_the_message(mini: Path) -> None:
    line = _break(mini)
    result = briefing("check", "--format", "github", cwd=mini)
    assert result.returncode == 1
    found = [row for row in result.stdout.splitlines() if f"file={UNION}," in row]
    assert found and found[0].startswith(f"::error file={UNION},line={line},col=")
    assert ",title=enum::" in found[0]
    # run from the folder above, as a workflow does when the dossier is a sub-folder of the repository
    above = briefing("--root", "mini", "check", "--format", "github", cwd=mini.parent)
    assert f"::error file=mini/{UNION},line={line}," in above.stdout


def test_a_message_cannot_end_a_workflow_command_early() -> None:
    from generator.errors import Problem
    from generator.review.annotate import github
    line = github([Problem("content/a,b:c.yaml", 3, 1, "warning", "100% sure\n::error::injected", "x")])
    assert line == "::warning file=content/a%2Cb%3Ac.yaml,line=3,col=1,title=x::100%25 sure%0A::error::injected\n"
