"""The tool as a newsroom installs it: a wheel in a fresh virtual environment, used in a folder
outside this checkout, with nothing but the package to find its templates and configuration."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import venv
from pathlib import Path

import pytest
from conftest import MINI, PROJECT

pytestmark = pytest.mark.slow

# What a wheel is built from: the tree without builds, environments and caches (at the top only:
# generator/site/ is source).
_TOP_ONLY = {".git", ".venv", "node_modules", "site", ".build", ".site.old", "build", ".mypy_cache", ".ruff_cache"}
_ANYWHERE = shutil.ignore_patterns("*.egg-info", "__pycache__", ".pytest_cache")


def _not_source(folder: str, names: list[str]) -> set[str]:
    ignored = set(_ANYWHERE(folder, names))
    return ignored | (_TOP_ONLY & set(names) if Path(folder) == PROJECT else set())


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
    shutil.copytree(PROJECT, source, symlinks=True, ignore=_not_source)
    wheels = work / "wheels"
    build = _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
                 "-w", wheels, source, cwd=work)
    assert "warn" not in (build.stdout + build.stderr).lower().replace("location", "")
    env = work / "env"
    venv.create(env, with_pip=True)
    site_packages = Path(sysconfig.get_paths(vars={"base": str(env), "platbase": str(env)})["purelib"])
    (site_packages / "borrowed-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    _run(env / "bin" / "python", "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
         *sorted(wheels.glob("briefing-*.whl")), cwd=work)
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
