"""Inputs that check accepts, folders and settings a user really has, that once ended in "internal error",
a hang, or a file lost or put where git commits it: each is now a located message or an inert result."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import briefing

from generator.site import webfonts


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
    assert result.returncode == 0 and "kept" not in result.stdout, result.stdout + result.stderr
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
