"""check's annotations for pull requests: GitHub workflow commands on the lines, SARIF 2.1.0 for code scanning."""
from __future__ import annotations

import json
import re
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
    assert line == "::warning file=content/a%2Cb%3Ac.yaml,line=3,col=1,title=x::100%25 sure\\n::error::injected\n"


def test_the_workflow_escaping_is_the_toolkit_s() -> None:
    """What GitHub's toolkit escapes (`%`, CR, LF; in a property `:` and `,` too), whatever reaches it."""
    from generator.text.escape import workflow_message, workflow_property
    assert workflow_message("50%") == "50%25" and "\n" not in workflow_message("a\r\nb")
    assert workflow_property("a:b,c%") == "a%3Ab%2Cc%25"


ODD_NAME = "x\n::add-mask::secret\n::stop-commands::tok\n::error file=y::forged\x1b[2J\u202ez.yaml"
SHOWN_NAME = "x\\n::add-mask::secret\\n::stop-commands::tok\\n::error file=y::forged\\x1b[2J\\u202ez.yaml"


def test_a_file_name_cannot_inject_workflow_commands_or_act_on_the_log(mini: Path) -> None:
    """A record file named with line breaks (git keeps any name) is reported: in every format, on its own
    line, with the breaks, ESC and the direction override shown as escapes."""
    (mini / "content" / "actors" / ODD_NAME).write_text("id: x\n", encoding="utf-8")
    for fmt in ("github", "text", "sarif", "json"):
        result = briefing("check", "--format", fmt, cwd=mini)
        out = result.stdout + result.stderr
        assert result.returncode == 1 and "actors/x" in out, fmt
        commands = [n for n in out.splitlines() if n.startswith("::")]
        assert all(re.match(r"::(error|warning|notice) file=content/[^,]*,line=\d+,col=\d+,title=[a-z-]+::", n)
                   for n in commands), fmt
        assert not {"\x1b", "\u202e", "\r"} & set(out), fmt
        assert ("\\u001b[2J" if fmt == "json" else "\\x1b[2J") in out and "\\u202e" in out, fmt
    sarif_log = json.loads(briefing("check", "--format", "sarif", cwd=mini).stdout)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif_log["runs"][0]["results"]}
    assert f"content/actors/{SHOWN_NAME}" in uris
    problems = json.loads(briefing("check", "--format", "json", cwd=mini).stdout)["problems"]
    assert f"content/actors/{ODD_NAME}" in {p["path"] for p in problems}   # JSON keeps the exact name


def test_fmt_check_lists_a_file_name_on_one_line(mini: Path) -> None:
    """`fmt --check` runs in the workflow and lists files anywhere under content/, content/extra/ too."""
    extra = mini / "content" / "extra"
    extra.mkdir()
    (extra / ODD_NAME).write_text("b:   1\na:  [x,   y]\n", encoding="utf-8")
    result = briefing("--root", str(mini), "fmt", "--check")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [f"would reformat content/extra/{SHOWN_NAME} (from line 1)"]
