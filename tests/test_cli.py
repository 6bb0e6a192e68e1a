"""The command line as a user meets it: help with examples, init, clean errors."""
from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from conftest import PROJECT, briefing

from generator.cli import COMMANDS


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_has_help_with_an_example(name: str) -> None:
    result = briefing(name, "--help")
    assert result.returncode == 0
    assert "Example:" in result.stdout and "briefing " + name.split()[0] in result.stdout


def test_version_is_the_one_in_pyproject() -> None:
    """The version is written once, in pyproject.toml; the command reads it from the installed metadata."""
    with (PROJECT / "pyproject.toml").open("rb") as handle:
        version = tomllib.load(handle)["project"]["version"]
    result = briefing("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"briefing {version}"


def test_top_level_help_lists_the_commands() -> None:
    result = briefing("--help")
    assert result.returncode == 0
    for name in COMMANDS:
        assert name in result.stdout


@pytest.mark.slow   # a whole build
def test_init_makes_a_dossier_that_checks_and_builds(tmp_path: Path) -> None:
    target = tmp_path / "new"
    assert briefing("init", str(target)).returncode == 0
    assert briefing("--root", str(target), "check", "--strict").returncode == 0
    result = briefing("--root", str(target), "build")
    assert result.returncode == 0, result.stderr
    assert (target / "site" / "index.html").is_file() and (target / "site" / "ar" / "index.html").is_file()
    again = briefing("init", str(target))
    assert again.returncode == 1 and "already holds a dossier" in again.stderr


@pytest.mark.slow   # a PDF
def test_pdf_command_renders_one_briefing_in_one_language(mini: Path) -> None:
    result = briefing("--root", str(mini), "pdf", "harbour-strike", "--lang", "ar")
    assert result.returncode == 0, result.stderr
    assert [p.name for p in (mini / "site" / "pdf").iterdir()] == ["harbour-strike.ar.pdf"]
    unknown = briefing("--root", str(mini), "pdf", "no-such-briefing")
    assert unknown.returncode == 1 and "known briefings: harbour-strike" in unknown.stderr


def test_schema_command_writes_json_schemas(mini: Path, tmp_path: Path) -> None:
    import json
    result = briefing("--root", str(mini), "schema", "--out", str(tmp_path / "s"))
    assert result.returncode == 0
    actor = json.loads((tmp_path / "s" / "actor.schema.json").read_text(encoding="utf-8"))
    assert actor["additionalProperties"] is False and "kind" in actor["required"]


def test_python_dash_m_is_the_same_command() -> None:
    import subprocess
    import sys
    result = subprocess.run([sys.executable, "-m", "generator", "--help"], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0 and "briefing" in result.stdout


@pytest.mark.parametrize("command", ["build", "schema", "ingest", "fmt", "extract", "pdf"])
def test_a_wrong_root_is_refused_before_anything_is_written(tmp_path: Path, command: str) -> None:
    missing = tmp_path / "nowhere"
    result = briefing("--root", str(missing), command)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "does not exist" in result.stderr and "briefing init" in result.stderr
    assert not missing.exists()
    result = briefing("--root", str(tmp_path), command)
    assert result.returncode == 1 and "no dossier in" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == []
    a_file = tmp_path / "notes.txt"
    a_file.write_text("x", encoding="utf-8")
    result = briefing("--root", str(a_file), command)
    assert result.returncode == 1 and "is not a folder" in result.stderr


def test_ingest_without_a_seeds_folder_says_so(mini: Path) -> None:
    import shutil
    shutil.rmtree(mini / "seeds")
    result = briefing("--root", str(mini), "ingest")
    assert result.returncode == 1 and "no seeds/ folder" in result.stderr


def test_init_where_no_folder_can_be_made(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    result = briefing("init", str(blocker / "inside"))
    assert result.returncode == 1 and "cannot create" in result.stderr and "Traceback" not in result.stderr


def test_serve_refuses_an_impossible_port_before_building(mini: Path) -> None:
    result = briefing("--root", str(mini), "serve", "--port", "99999")
    assert result.returncode == 2 and "not a port number" in result.stderr
    assert not (mini / "site").exists()


def test_output_cut_short_by_a_closed_pipe_is_no_internal_error(mini: Path) -> None:
    """`briefing check --format json | head -1`: the reader stops early; briefing stops quietly."""
    import subprocess
    import sys
    done = subprocess.run(f"'{sys.executable}' -m generator --root '{mini}' check --format json --notes | head -c 10",
                          shell=True, capture_output=True, text=True, check=False)
    assert "internal error" not in done.stderr and "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr
    assert done.stdout.startswith("{")


def test_check_says_how_to_see_the_notes_it_hides(mini: Path) -> None:
    """'1 note(s)' and nothing else left the editor guessing where the note was."""
    hidden = briefing("--root", str(mini), "check")
    assert hidden.returncode == 0 and "[disagreement]" not in hidden.stdout
    assert hidden.stdout.splitlines()[-1] == ("0 error(s), 0 warning(s), 1 note(s): run 'briefing check --notes' "
                                              "to list them")
    shown = briefing("--root", str(mini), "check", "--notes")
    assert "[disagreement]" in shown.stdout and shown.stdout.splitlines()[-1] == "0 error(s), 0 warning(s), 1 note(s)"


def test_problems_of_a_refused_command_go_with_the_others_and_only_its_last_word_to_stderr(mini: Path) -> None:
    """'briefing fmt > log' (or build, ingest) keeps every problem, errors included, in the log."""
    (mini / "content" / "actors" / "dockworkers-union.yaml").write_text("id: x\nkind: [a\n", encoding="utf-8")
    for args in (["check"], ["fmt"], ["build"]):
        result = briefing("--root", str(mini), *args)
        assert result.returncode == 1 and "dockworkers-union.yaml:2:7: error: " in result.stdout, args
        assert "dockworkers-union.yaml" not in result.stderr, args
