"""A new dossier is wired for review in git: its pre-commit hooks run for real (offline), and every
`run:` step of the CI workflow that `init` writes succeeds in it."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import MINI, PROJECT, briefing, commit_all, signed_repository, ssh_key, venv_without_the_tool

pytestmark = pytest.mark.slow

BIN = Path(sys.executable).parent  # where the installed `briefing` and `pre-commit` are


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    return {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '/usr/bin:/bin')}",
            "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
            **extra}


@pytest.fixture
def dossier(tmp_path: Path) -> Path:
    """`briefing init`, then the test dossier's content and seeds, committed as reviewers do: the list of
    reviewers first, then the records in a commit signed by the reviewer's key (`tmp_path/reviewer`)."""
    root = tmp_path / "dossier"
    assert briefing("init", str(root)).returncode == 0
    for folder in ("content", "seeds"):
        shutil.rmtree(root / folder)
        shutil.copytree(MINI / folder, root / folder)
    key, _ = ssh_key(tmp_path, "reviewer")
    signed_repository(root, key)
    return root


def test_the_shipped_hook_manifest_is_valid() -> None:
    done = subprocess.run([BIN / "pre-commit", "validate-manifest", PROJECT / ".pre-commit-hooks.yaml"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_pre_commit_runs_the_hooks_offline_and_stops_a_bad_record(dossier: Path, tmp_path: Path) -> None:
    env = _env(tmp_path)
    run = lambda: subprocess.run([BIN / "pre-commit", "run", "--all-files"], cwd=dossier, env=env,  # noqa: E731
                                 capture_output=True, text=True, check=False)
    done = run()
    assert done.returncode == 0, done.stdout + done.stderr
    assert "briefing check --strict" in done.stdout and "Passed" in done.stdout
    union = dossier / "content" / "actors" / "dockworkers-union.yaml"
    union.write_text(union.read_text(encoding="utf-8").replace("kind: organisation", "kind: guild"), encoding="utf-8")
    done = run()
    assert done.returncode == 1 and "content/actors/dockworkers-union.yaml:" in done.stdout and "[enum]" in done.stdout


def _expand(text: str, values: dict[str, str]) -> str:
    """The GitHub expressions a step uses, given the values a pull request would give them."""
    return re.sub(r"\$\{\{\s*([^}]+?)\s*\}\}", lambda m: values[m.group(1)], text)


def test_every_run_step_of_the_workflow_succeeds_in_the_dossier(dossier: Path, tmp_path: Path) -> None:
    workflow = yaml.safe_load((dossier / ".github" / "workflows" / "briefing.yml").read_text(encoding="utf-8"))
    assert set(workflow["jobs"]) == {"review", "publish"}
    union = dossier / "content" / "actors" / "dockworkers-union.yaml"
    union.write_text(union.read_text(encoding="utf-8").replace("Dockworkers' Union", "Dockworkers Union"),
                     encoding="utf-8")
    commit_all(dossier, "a change for review", key=tmp_path / "reviewer")
    artifact = "https://github.com/o/r/actions/runs/1/artifacts/2"
    expressions = {"github.event.pull_request.base.sha": "HEAD~1", "steps.full-diff.outputs.artifact-url": artifact}
    # A runner of its own: a Python without the tool, its dependencies borrowed (no index asked), and a PATH
    # without this environment, so every step after the install runs the wheel init kept, as CI would.
    runner = venv_without_the_tool(tmp_path / "runner")
    env = {**_env(tmp_path, PIP_NO_INDEX="1", **workflow.get("env", {})),
           "PATH": f"{runner / 'bin'}{os.pathsep}/usr/bin{os.pathsep}/bin"}
    ran = []
    for name in ("review", "publish"):
        for step in workflow["jobs"][name]["steps"]:
            if "run" not in step:
                assert "uses" in step
                continue
            step_env = {k: _expand(str(v), expressions) for k, v in (step.get("env") or {}).items()}
            done = subprocess.run(["bash", "-e", "-c", _expand(step["run"], expressions)], cwd=dossier,
                                  env={**env, **step_env}, capture_output=True, text=True, check=False)
            assert done.returncode == 0, f"{name}: {step.get('name')}: {done.stdout}\n{done.stderr}"
            ran.append(step["run"])
    assert any("check --strict --signatures --format github" in r for r in ran) and any("fmt --check" in r for r in ran)
    where = subprocess.run([runner / "bin" / "python", "-c", "import generator; print(generator.__file__)"],
                           capture_output=True, text=True, check=True, cwd=tmp_path).stdout
    assert where.startswith(str(runner)) and (runner / "bin" / "briefing").is_file()   # the kept wheel, installed
    assert (dossier / "site" / "index.html").is_file() and (dossier / "site" / "ar" / "index.html").is_file()
    comment = (dossier / "fact-changes.md").read_text(encoding="utf-8")
    assert "Changed: actor <code>dockworkers&#45;union</code>" in comment
    assert "~ actor dockworkers-union" in (dossier / "fact-changes.txt").read_text(encoding="utf-8")
    # the full diff is kept as the artifact the comment links to; the comment is posted as briefing bounded it
    steps = workflow["jobs"]["review"]["steps"]
    kept = next(s for s in steps if s.get("id") == "full-diff")
    assert kept["uses"].startswith("actions/upload-artifact@") and kept["with"]["path"] == "fact-changes.txt"
    posted = next(s for s in steps if "github-script" in s.get("uses", ""))["with"]["script"]
    assert "slice" not in posted and "fact-changes.md" in posted
