"""The tool as a newsroom installs it: a wheel in a fresh virtual environment, used in a folder
outside this checkout, with nothing but the package to find its templates and configuration."""
from __future__ import annotations

import csv
import hashlib
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
import yaml
from conftest import MINI, PROJECT, venv_without_the_tool

from generator import toolwheel

pytestmark = pytest.mark.slow


def _run(*cmd: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([str(c) for c in cmd], cwd=cwd, capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"{cmd}: {result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new virtual environment with the wheel of this checkout installed (not editable); its
    dependencies are borrowed from the test environment by a path entry, so nothing is downloaded."""
    work = tmp_path_factory.mktemp("package")
    source = work / "source"
    shutil.copytree(PROJECT, source, symlinks=True, ignore=toolwheel.not_source(PROJECT))
    wheels = work / "wheels"
    build = _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
                 "-w", wheels, source, cwd=work)
    assert "warn" not in (build.stdout + build.stderr).lower().replace("location", "")
    env = venv_without_the_tool(work / "env")
    _run(env / "bin" / "python", "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
         *sorted(wheels.glob("briefing_desk-*.whl")), cwd=work)
    return env


def test_the_wheel_carries_its_templates_and_base_configuration(installed: Path, tmp_path: Path) -> None:
    where = _run(installed / "bin" / "python", "-c",
                 "import generator, generator.shipped as s; print(generator.__file__); print(s.templates()); "
                 "print(s.base_config())", cwd=tmp_path).stdout.split("\n")
    assert all(str(installed) in line for line in where[:3]), where  # the installed copy, not the checkout
    assert not Path(where[1]).is_symlink() and (Path(where[1]) / "pages" / "incident.md.j2").is_file()
    assert Path(where[2]).read_bytes() == (PROJECT / "mkdocs.yml").read_bytes()
    version = _run(installed / "bin" / "briefing", "--version", cwd=tmp_path).stdout
    with (PROJECT / "pyproject.toml").open("rb") as handle:
        assert version.strip() == "briefing " + tomllib.load(handle)["project"]["version"]


def test_init_then_build_anywhere_gives_both_languages_and_the_pdfs(installed: Path, tmp_path: Path) -> None:
    briefing = installed / "bin" / "briefing"
    _run(briefing, "init", "dossier", cwd=tmp_path)
    dossier = tmp_path / "dossier"
    for folder in ("content", "seeds"):
        shutil.rmtree(dossier / folder)
        shutil.copytree(MINI / folder, dossier / folder)
    for step in (("check",), ("build",), ("pdf", "--out", "printed")):
        _run(briefing, *step, cwd=dossier)
    site = dossier / "site"
    assert '<html lang="en"' in (site / "index.html").read_text(encoding="utf-8")
    assert 'dir="rtl"' in (site / "ar" / "index.html").read_text(encoding="utf-8")
    assert sorted(p.name for p in (site / "pdf").glob("*.pdf")) == \
        ["harbour-strike.ar.pdf", "harbour-strike.en.pdf"]
    assert sorted(p.name for p in (dossier / "printed").glob("*.pdf")) == \
        ["harbour-strike.ar.pdf", "harbour-strike.en.pdf"]
    assert (site / "assets" / "briefing.css").read_bytes() == (PROJECT / "templates" / "assets" /
                                                               "briefing.css").read_bytes()
    # the installed tool draws maps from the outlines the wheel carries (Port Example lies at sea: the
    # outlines show in the inset)
    for page in ("incidents/harbour-strike.html", "ar/incidents/harbour-strike.html", "places.html"):
        html = (site / page).read_text(encoding="utf-8")
        assert '<figure class="locator-map">' in html and 'data-place="port-example"' in html, page
        assert re.search(r'<g class="inset"[^>]*><rect [^>]*/><path d="M', html), page
    data = _run(installed / "bin" / "python", "-c", "from importlib.resources import files; "
                "from generator.views.maps import _outlines; "
                "print(files('generator') / 'data' / 'outlines.json'); print(len(_outlines()))", cwd=tmp_path)
    path, count = data.stdout.split()
    assert str(installed) in path and int(count) > 200


def test_the_wheel_carries_the_gazetteer(installed: Path, tmp_path: Path) -> None:
    data = _run(installed / "bin" / "python", "-c", "import generator.text.world as w; "
                "print(w.files('generator') / 'data' / w.DATA); print(w.world().by_key('ML').name)", cwd=tmp_path)
    path, name = data.stdout.split()
    assert str(installed) in path and name == "Mali"
    # and extract, installed, reads a text against it: the names' index and the common words came along
    _run(installed / "bin" / "briefing", "init", "desk", cwd=tmp_path)
    (tmp_path / "desk" / "seeds" / "quake.txt").write_text(
        "Quake\n\nThe earthquake struck Ouarzazate and Taroudant on Friday, the ministry said.\n", encoding="utf-8")
    for command in ("ingest", "extract"):
        _run(installed / "bin" / "briefing", command, cwd=tmp_path / "desk")
    proposals = yaml.safe_load(next((tmp_path / "desk" / "content" / "proposals").glob("*.yaml")).read_text())
    assert [(n["span"], n["place"]["country"]) for n in proposals["names"] if "place" in n] == [
        ("Ouarzazate", "MA"), ("Taroudant", "MA")]


def _members(wheel: Path) -> tuple[dict[str, bytes], set[tuple[str, ...]]]:
    """A wheel's files but RECORD, and the rows of RECORD but its own (how a wheel writes RECORD may differ)."""
    with zipfile.ZipFile(wheel) as archive:
        record = next(n for n in archive.namelist() if n.endswith(".dist-info/RECORD"))
        rows = {tuple(row) for row in csv.reader(archive.read(record).decode().splitlines()) if row[0] != record}
        return {n: archive.read(n) for n in archive.namelist() if n != record}, rows


def test_init_from_an_installed_tool_keeps_the_very_wheel_it_was_installed_from(installed: Path,
                                                                                  tmp_path: Path) -> None:
    """Installed from a wheel, the tool has no checkout to build one from: it puts the wheel together again
    from its installed files, each checked against RECORD, and the same installation gives the same bytes."""
    original = next((installed.parent / "wheels").glob("briefing_desk-*.whl"))
    kept = []
    for name in ("one", "two"):
        _run(installed / "bin" / "briefing", "init", name, cwd=tmp_path)
        env = yaml.safe_load((tmp_path / name / ".github" / "workflows" / "briefing.yml").read_text())["env"]
        wheel = tmp_path / name / env["BRIEFING_WHEEL"]
        assert hashlib.sha256(wheel.read_bytes()).hexdigest() == env["BRIEFING_WHEEL_SHA256"]
        kept.append(wheel)
    assert kept[0].name == original.name and kept[0].read_bytes() == kept[1].read_bytes()
    assert _members(kept[0]) == _members(original)
    target = tmp_path / "target"
    _run(installed / "bin" / "python", "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", "--target",
         target, kept[0], cwd=tmp_path)
    assert (target / "generator" / "cli.py").read_bytes() == (PROJECT / "generator" / "cli.py").read_bytes()


def test_an_installed_tool_changed_after_installation_keeps_no_wheel(installed: Path, tmp_path: Path) -> None:
    """A file of the installation that differs from its RECORD: not the wheel it came from, so none is kept."""
    cli = Path(_run(installed / "bin" / "python", "-c", "import generator.cli as c; print(c.__file__)",
                    cwd=tmp_path).stdout.strip())
    before = cli.read_bytes()
    try:
        cli.write_bytes(before + b"\n# changed\n")
        done = subprocess.run([installed / "bin" / "briefing", "init", "dossier"], cwd=tmp_path, capture_output=True,
                              text=True, check=False)
    finally:
        cli.write_bytes(before)
    assert done.returncode == 1 and "was changed after it was installed (generator/cli.py)" in done.stderr
    assert "Traceback" not in done.stderr and not (tmp_path / "dossier").exists()
