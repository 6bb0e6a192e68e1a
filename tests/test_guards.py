"""Inputs that check accepts, folders and settings a user really has, that once ended in "internal error",
a hang, or a file lost or put where git commits it: each is now a located message or an inert result."""
from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import shlex
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
import yaml
from conftest import PROJECT, briefing

from generator.site import webfonts
from generator.views import i18n, locator, maps


def assert_no_trace(result: subprocess.CompletedProcess[str]) -> str:
    """The command's whole output, which must hold no traceback and no "internal error"."""
    out = result.stdout + result.stderr
    assert "Traceback" not in out and "internal error" not in out, out
    return out


# --- init -------------------------------------------------------------------------------------------------

def test_init_in_a_folder_with_the_users_own_files_keeps_them_and_says_so(tmp_path: Path) -> None:
    target = tmp_path / "repo"
    mine = {".gitignore": "node_modules/\nsite/\n", ".pre-commit-config.yaml": "repos: []  # my hooks\n",
            ".github/workflows/briefing.yml": "name: my own workflow\n"}
    for name, text in mine.items():
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        (target / name).write_text(text, encoding="utf-8")
    result = briefing("init", str(target))
    out = assert_no_trace(result)
    assert result.returncode == 0, out
    for name, text in mine.items():
        assert (target / name).read_text(encoding="utf-8") == text, name
    kept = next(line for line in result.stdout.splitlines() if line.startswith("kept"))
    assert all(name in kept for name in mine), kept
    assert ".gitignore does not ignore .venv/, .build/, .site.old/: add these lines" in result.stdout
    assert (target / "content" / "dossier.yaml").is_file() and (target / "mkdocs.yml").is_file()
    assert briefing("--root", str(target), "check").returncode == 0


def test_init_in_an_empty_folder_keeps_nothing_and_writes_the_wiring(tmp_path: Path) -> None:
    result = briefing("init", str(tmp_path / "new"))
    assert result.returncode == 0 and "kept the files" not in result.stdout, result.stdout + result.stderr
    assert "wrote .briefing/tool/briefing_desk-" in result.stdout
    for name in (".gitignore", ".pre-commit-config.yaml", ".github/workflows/briefing.yml"):
        assert (tmp_path / "new" / name).is_file(), name


def test_init_refuses_an_empty_folder_name_and_writes_nothing(tmp_path: Path) -> None:
    for name in ("", "  "):
        result = briefing("init", name, cwd=tmp_path)
        assert result.returncode == 2 and "an empty folder name; name the folder" in result.stderr, result.stderr
        assert_no_trace(result)
    assert list(tmp_path.iterdir()) == []


def test_init_into_a_dossier_is_refused_and_changes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "dossier"
    assert briefing("init", str(target)).returncode == 0
    before = {p: p.read_bytes() for p in target.rglob("*") if p.is_file()}
    (target / ".gitignore").unlink()
    result = briefing("init", str(target))
    assert result.returncode == 1 and "already holds a dossier" in result.stderr
    assert not (target / ".gitignore").exists()
    assert {p: p.read_bytes() for p in target.rglob("*") if p.is_file()} == \
        {p: b for p, b in before.items() if p.name != ".gitignore"}


def test_init_writes_nothing_through_a_link_out_of_the_folder(tmp_path: Path) -> None:
    target, elsewhere = tmp_path / "repo", tmp_path / "elsewhere"
    target.mkdir()
    elsewhere.mkdir()
    (target / ".github").symlink_to(elsewhere)
    result = briefing("init", str(target))
    assert result.returncode == 1 and "leads out of" in result.stderr and "remove the link" in result.stderr
    assert_no_trace(result)
    assert list(elsewhere.iterdir()) == [] and list(target.iterdir()) == [target / ".github"]


# --- the parse cache's signing key ---------------------------------------------------------------------------

def _check(root: Path, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """`briefing check` in a Python of its own, stopped after a minute: a hang fails the test, not the run."""
    return subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "check"], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=60, check=False)


def test_a_relative_xdg_cache_home_is_ignored_so_no_key_lands_in_the_dossier(mini: Path, tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    env = {**os.environ, "HOME": str(home), "XDG_CACHE_HOME": "cache"}
    result = _check(Path("."), env, cwd=mini)
    assert result.returncode == 0, assert_no_trace(result)
    assert not (mini / "cache").exists()
    assert (home / ".cache" / "briefing" / "cache-key").is_file() and (mini / ".build" / "parse-cache").is_file()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CACHE_HOME", "cache")
    assert webfonts.cache_dir(tmp_path / "fallback") == home / ".cache" / "briefing" / "fonts"


@pytest.mark.parametrize("kind", ["link to /dev/zero", "fifo", "link to a key"])
def test_a_cache_key_that_is_no_regular_file_is_refused_with_one_warning_never_a_hang(mini: Path, tmp_path: Path,
                                                                                     kind: str) -> None:
    key = tmp_path / "cache" / "briefing" / "cache-key"
    key.parent.mkdir(parents=True)
    if kind == "fifo":
        os.mkfifo(key)
    else:
        target = Path("/dev/zero") if kind == "link to /dev/zero" else tmp_path / "elsewhere"
        if kind == "link to a key":
            target.write_bytes(b"k" * 32)
        key.symlink_to(target)
    result = _check(mini, {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}, cwd=tmp_path)
    out = assert_no_trace(result)
    assert result.returncode == 0, out
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    said = (f"briefing: warning: {key} is not a regular file (a link, a device or a pipe), so records read are "
            "not kept on disk between runs; remove it and a new key is made")
    assert warnings == [said], out
    assert not (mini / ".build" / "parse-cache").exists()


# --- a map at the edge of the earth ------------------------------------------------------------------------

EDGES = [(-89.999, 179.999), (-90.0, 180.0), (-90.0, -180.0), (89.999, -179.999), (90.0, 0.0), (0.0, 180.0),
         (-89.9, 179.9), (-85.0, 170.0)]


@pytest.mark.parametrize("precision", locator.ORDER)
def test_a_place_at_a_pole_or_the_antimeridian_is_drawn_or_left_out_never_an_error(precision: str) -> None:
    """Near the south pole, at 180°, the only part of Antarctica in view is the edge of a hole in its outline;
    its name was looked for in the largest outer ring there, of none (`max()` of an empty sequence)."""
    for lat, lon in EDGES:
        for lang in ("en", "ar"):
            plan = locator.layout(maps._outlines(), [locator.Marker("edge", lon, lat, precision, ("Edge",), "en")],
                                  functools.partial(i18n.territory_name, lang=lang), lambda km: f"{km} km")
            assert plan is not None, (lat, lon)
            assert 'data-place="edge"' in locator.svg(plan, lang, "Map", "m"), (lat, lon)
            assert 'data-place="edge"' in locator.overlaid(plan, lang, "Map", "m"), (lat, lon)


@pytest.mark.slow
def test_a_dossier_with_a_place_at_the_south_pole_builds(mini: Path) -> None:
    place = mini / "content" / "places" / "port-example.yaml"
    place.write_text(place.read_text(encoding="utf-8").replace(
        "lat: '10.5', lon: '-20.25', precision: settlement", "lat: '-89.999', lon: '179.999', precision: area"),
        encoding="utf-8")
    result = briefing("--root", str(mini), "build")
    assert result.returncode == 0, assert_no_trace(result)
    assert 'data-place="port-example"' in (mini / "site" / "places.html").read_text(encoding="utf-8")


# --- file names that are not UTF-8, or as long as a file system allows -------------------------------------

NOT_UTF8 = (r"error: the file name is not UTF-8 text, so the file is not read; rename it \(letters, digits and "
            r"hyphens are safest\) \[file-name\]$")


@pytest.mark.parametrize("command", ["check", "build", "extract", "fmt", "ingest"])
def test_a_record_file_name_that_is_not_utf8_is_a_located_problem(mini: Path, command: str) -> None:
    actors = os.fsencode(mini / "content" / "actors")
    (Path(os.fsdecode(actors + b"/\xff.yaml"))).write_bytes((mini / "content" / "actors" /
                                                              "harbour-authority.yaml").read_bytes())
    (Path(os.fsdecode(os.fsencode(mini / "content" / "sources") + b"/caf\xe9.yaml"))).write_text("id: x\n")
    result = briefing("--root", str(mini), command)
    out = assert_no_trace(result)
    assert result.returncode == 1, out
    if command != "ingest":   # ingest reads no actor
        assert re.search(r"^content/actors/\\xff\.yaml:1:1: " + NOT_UTF8, out, re.MULTILINE), out
    assert re.search(r"^content/sources/caf\\xe9\.yaml:1:1: " + NOT_UTF8, out, re.MULTILINE), out
    assert not (mini / "site").exists()


@pytest.mark.parametrize("command", ["check", "ingest", "build"])
def test_a_seed_file_name_that_is_not_utf8_is_a_located_problem_and_registers_nothing(mini: Path,
                                                                                    command: str) -> None:
    Path(os.fsdecode(os.fsencode(mini / "seeds") + b"/\xff\xfe.txt")).write_text("Some text.\n", encoding="utf-8")
    sources = sorted((mini / "content" / "sources").iterdir())
    result = briefing("--root", str(mini), command)
    out = assert_no_trace(result)
    assert result.returncode == 1, out
    assert re.search(r"^seeds/\\xff\\xfe\.txt:1:1: " + NOT_UTF8, out, re.MULTILINE), out
    assert sorted((mini / "content" / "sources").iterdir()) == sources


def test_a_seed_file_name_of_255_bytes_gets_a_short_id_and_every_seed_its_record(mini: Path) -> None:
    """Its id was the whole name, and its record's file name, 260 bytes, could not be made: ingest ended in
    "internal error" after writing the records of the seeds before it."""
    seeds = mini / "seeds"
    names = ["a-first.txt", "b" * 251 + ".txt", "é" * 125 + ".txt", "و" * 125 + ".md", "z-last.txt"]
    for number, name in enumerate(names):
        assert len(os.fsencode(name)) <= 255
        (seeds / name).write_text(f"Document number {number}.\n", encoding="utf-8")
    result = briefing("--root", str(mini), "ingest")
    out = assert_no_trace(result)
    assert result.returncode == 0 and "5 created" in result.stdout, out
    made = {p.stem for p in (mini / "content" / "sources").glob("*.yaml")} - {"harbour-en", "harbour-ar"}
    assert len(made) == 5 and all(len(ident) <= 80 for ident in made), made
    assert {"a-first", "z-last"} <= made
    assert next(i for i in made if i.startswith("bbb")) == "b" * 71 + "-" + \
        hashlib.sha256(("b" * 251).encode()).hexdigest()[:8]
    checked = briefing("--root", str(mini), "check")
    assert "too-long" not in checked.stdout + checked.stderr and checked.returncode == 0, checked.stderr
    again = briefing("--root", str(mini), "ingest")
    assert again.returncode == 0 and "0 created" in again.stdout   # each seed found its record again


# --- paths in messages, whatever the working folder --------------------------------------------------------

def test_paths_are_relative_to_the_dossier_however_root_is_spelled_and_wherever_it_runs(mini: Path) -> None:
    """Run from content/ with --root .., problems found across records were named content/content/…"""
    union = mini / "content" / "actors" / "dockworkers-union.yaml"
    union.write_text(union.read_text(encoding="utf-8").replace("kind: organisation", "kind: guild"), encoding="utf-8")
    incident = mini / "content" / "incidents" / "harbour-strike.yaml"
    incident.write_text(incident.read_text(encoding="utf-8").replace("claimant: harbour-authority",
                                                                     "claimant: harbour-authorty"), encoding="utf-8")
    expected = briefing("--root", str(mini), "check", "--format", "json")
    wanted = json.loads(expected.stdout)["problems"]
    assert {p["path"] for p in wanted} >= {"content/actors/dockworkers-union.yaml",
                                           "content/incidents/harbour-strike.yaml"}
    for cwd, root in ((mini / "content", ".."), (mini / "content" / "actors", "../.."),
                      (mini / "content", "../content/.."), (mini / "seeds", str(mini)), (mini.parent, "mini"),
                      (mini, ".")):
        result = briefing("--root", root, "check", "--format", "json", cwd=cwd)
        assert json.loads(result.stdout)["problems"] == wanted, (cwd, root)
        text = briefing("--root", root, "check", cwd=cwd)
        assert "content/content" not in text.stdout + text.stderr
        assert re.search(r"^content/incidents/harbour-strike\.yaml:\d+:\d+: error: unknown actor 'harbour-authorty'",
                         text.stdout, re.MULTILINE), (cwd, root, text.stdout)


# --- the tool the workflow installs ------------------------------------------------------------------------

def test_the_workflow_installs_only_the_wheel_init_kept_and_checks_its_hash_first(tmp_path: Path) -> None:
    """The workflow once installed `briefing==0.1.0` from the package index, where that name is another
    project's: the job ran a stranger's code with `pull-requests: write`."""
    target = tmp_path / "new"
    assert briefing("init", str(target)).returncode == 0
    text = (target / ".github" / "workflows" / "briefing.yml").read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    env = workflow["env"]
    wheel = target / env["BRIEFING_WHEEL"]
    with (PROJECT / "pyproject.toml").open("rb") as handle:
        version = tomllib.load(handle)["project"]["version"]
    assert wheel.parent == target / ".briefing" / "tool" and wheel.name == f"briefing_desk-{version}-py3-none-any.whl"
    assert hashlib.sha256(wheel.read_bytes()).hexdigest() == env["BRIEFING_WHEEL_SHA256"]
    with zipfile.ZipFile(wheel) as archive:   # the tool that is running, not one of the same name
        assert archive.read("generator/cli.py") == (PROJECT / "generator" / "cli.py").read_bytes()
    runs = [step["run"] for job in workflow["jobs"].values() for step in job["steps"] if "run" in step]
    installs = [(run, line) for run in runs for line in run.splitlines() if re.search(r"\binstall\b", line)]
    assert len(installs) == 2   # one in each job
    for run, line in installs:
        words = shlex.split(line)
        assert words[:4] == ["python", "-m", "pip", "install"] and words[4:] == ["./$BRIEFING_WHEEL"], line
        assert run.index("sha256sum --check --strict") < run.index("pip install"), run
    assert not re.search(r"briefing(-desk)?\s*[=<>~!]=", text)   # no requirement by name anywhere
    check = next(line for run, _ in installs for line in run.splitlines() if "sha256sum" in line)
    verify = lambda: subprocess.run(["bash", "-e", "-c", check], cwd=target, capture_output=True,  # noqa: E731
                                    env={**os.environ, **env}, check=False).returncode
    assert verify() == 0
    wheel.write_bytes(wheel.read_bytes() + b"\0")
    assert verify() != 0   # a wheel changed since init is not installed


def test_init_keeps_the_users_workflow_and_then_writes_no_wheel(tmp_path: Path) -> None:
    target = tmp_path / "repo"
    (target / ".github" / "workflows").mkdir(parents=True)
    (target / ".github" / "workflows" / "briefing.yml").write_text("name: mine\n", encoding="utf-8")
    assert briefing("init", str(target)).returncode == 0
    assert not (target / ".briefing").exists()
