"""The project's own habits hold: its pre-commit hooks are valid, run offline from .venv and stop a commit
when one of them fails; the changelog names the version pyproject.toml gives."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from conftest import PROJECT

BIN = Path(sys.executable).parent  # the project's .venv/bin: pre-commit, ruff, mypy, briefing


def test_the_projects_pre_commit_configuration_is_valid() -> None:
    done = subprocess.run([BIN / "pre-commit", "validate-config", PROJECT / ".pre-commit-config.yaml"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def _working_tree_copy(target: Path) -> Path:
    """The files git would commit here (tracked, and new ones not ignored), as they are now, in a new
    repository of their own, with the project's .venv beside them."""
    listed = subprocess.run(["git", "-C", str(PROJECT), "ls-files", "-z", "--cached", "--others",
                             "--exclude-standard"], capture_output=True, check=True).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = PROJECT / name
        if not source.exists() and not source.is_symlink():
            continue   # removed in the working tree, not yet from the index
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target / name, follow_symlinks=False)
    (target / ".venv").symlink_to(BIN.parent)
    subprocess.run(["git", "init", "-q", str(target)], check=True)
    subprocess.run(["git", "-C", str(target), "add", "-A"], check=True)
    return target


@pytest.mark.slow
def test_pre_commit_runs_every_hook_offline_and_stops_at_a_failing_one(tmp_path: Path) -> None:
    repo = _working_tree_copy(tmp_path / "repo")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}

    def pre_commit(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([BIN / "pre-commit", "run", *args], cwd=repo, env=env, capture_output=True,
                              text=True, check=False)

    done = pre_commit("--all-files")
    assert done.returncode == 0, done.stdout + done.stderr
    for hook in ("ruff check", "mypy", "briefing fmt --check", "briefing check --strict"):
        assert any(line.startswith(hook) and line.endswith("Passed") for line in done.stdout.splitlines()), \
            (hook, done.stdout)
    careless = repo / "generator" / "careless.py"
    careless.write_text("import os\n", encoding="utf-8")   # an unused import
    subprocess.run(["git", "-C", str(repo), "add", str(careless)], check=True)
    done = pre_commit("ruff", "--all-files")
    assert done.returncode == 1 and "generator/careless.py" in done.stdout and "F401" in done.stdout, done.stdout


def test_the_changelog_has_an_unreleased_section_and_the_current_version() -> None:
    changelog = (PROJECT / "CHANGELOG.md").read_text(encoding="utf-8")
    with (PROJECT / "pyproject.toml").open("rb") as handle:
        version = tomllib.load(handle)["project"]["version"]
    assert "\n## [Unreleased]\n" in changelog and f"\n## [{version}]" in changelog
