"""Shared fixtures: a small two-language dossier copied to a temporary folder, and built sites."""
from __future__ import annotations

import importlib.metadata
import os
import re
import shutil
import subprocess
import sysconfig
import venv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import command_line
import pytest
from hypothesis import settings

from generator.build import build

HERE = Path(__file__).parent
PROJECT = HERE.parent
MINI = HERE / "fixtures" / "mini"
IGNORE = shutil.ignore_patterns("site", ".build", ".site.old")
CHROMIUM = os.environ.get("BRIEFING_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]

# Hypothesis profiles, chosen with --hypothesis-profile: "full" (Hypothesis' own defaults, what `make test` runs)
# gives each property test the number of examples it asks for; "fast" (`make test-fast`) a fifth of them, for
# the loop run after every change. Either way the examples are derandomized: every run tries the same ones.
settings.register_profile("full", max_examples=100)
settings.register_profile("fast", max_examples=20)


def examples(full: int) -> int:
    """How many examples a property test runs: `full` under the full profile, a fifth of it under the fast one."""
    return max(1, full * settings().max_examples // 100)   # settings(): those of the profile in use


def copy_dossier(source: Path, target: Path) -> Path:
    shutil.copytree(source, target, ignore=IGNORE)
    return target


SIGNED = re.compile(r"status: (?:reviewed|published)(?:\n\s+by: [^\n]*)?(?:\n\s+on: [^\n]*)?")


def set_back_to_draft(root: Path, rel: str = "") -> None:
    """Every record under content/`rel` (a file or a folder; all of content/ by default) back to draft."""
    target = root / "content" / rel
    for path in [target] if target.is_file() else sorted(target.rglob("*.yaml")):
        path.write_text(SIGNED.sub("status: draft", path.read_text(encoding="utf-8")), encoding="utf-8")


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A fresh, writable copy of the small test dossier."""
    return copy_dossier(MINI, tmp_path / "mini")


@pytest.fixture(scope="session")
def built_mini(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small dossier, built once for the tests that only read the result."""
    root = copy_dossier(MINI, tmp_path_factory.mktemp("built") / "mini")
    build(root)
    return root


@pytest.fixture(scope="session")
def built_shipped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The dossier this repository ships (content/, seeds/), built into a temporary copy."""
    root = tmp_path_factory.mktemp("shipped") / "dossier"
    root.mkdir()
    for name in ("content", "seeds", "templates"):
        shutil.copytree(PROJECT / name, root / name, ignore=IGNORE)
    shutil.copy(PROJECT / "mkdocs.yml", root / "mkdocs.yml")
    build(root)
    return root


@pytest.fixture(params=["mini", "shipped"])
def built_dossier(request: pytest.FixtureRequest) -> Path:
    """Each of the two dossiers above, built once: for the tests that read what a build wrote from both."""
    return request.getfixturevalue(f"built_{request.param}")


def spaced(text: str) -> str:
    """Text with its no-break spaces as plain ones: for tests of wording, not of where a line may break
    (`test_wording.test_a_number_stays_on_the_line_of_what_it_counts` tests that)."""
    return text.replace("\u00a0", " ")


def find(pattern: str, text: str, flags: int = 0) -> re.Match[str]:
    """re.search for what the test needs to be there: a failure names the pattern, not a None."""
    found = re.search(pattern, text, flags)
    assert found is not None, f"no match for {pattern!r}"
    return found


def briefing(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real command line, as a user would: a process of its own (tests/command_line.py)."""
    return command_line.run(list(args), cwd or PROJECT)


# The day test commits are made: before every review dated in the test dossier, as a review made before
# its record entered the history is refused (check's review-date).
COMMIT_DATE = "2026-11-01T10:00:00"


def git(root: Path, *args: str, key: Path | None = None) -> None:
    """git with a fixed identity and date, and nothing from the user's configuration; commits signed
    with the SSH private key `key` when one is given."""
    signing = ["-c", "gpg.format=ssh", "-c", f"user.signingkey={key}", "-c", "commit.gpgsign=true"] if key else \
        ["-c", "commit.gpgsign=false"]
    subprocess.run(["git", "-C", str(root), *signing, *args], check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@example.org", "PATH": "/usr/bin:/bin",
                        "GIT_AUTHOR_DATE": COMMIT_DATE, "GIT_COMMITTER_DATE": COMMIT_DATE})


def commit_all(root: Path, message: str = "first", key: Path | None = None) -> None:
    """Commit everything under root, making it a git repository first if it is not one."""
    if not (root / ".git").exists():
        git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message, key=key)


def ssh_key(folder: Path, name: str) -> tuple[Path, str]:
    """A new ed25519 key pair made by OpenSSH's ssh-keygen: the private key's path and the public key's line."""
    path = folder / name
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", f"{name}@example.org", "-f", str(path)],
                   check=True, capture_output=True)
    return path, path.with_suffix(".pub").read_text(encoding="ascii").strip()


def list_reviewer_keys(root: Path, *keys: str) -> None:
    """Every reviewer the test dossier lists signs with `keys` (none: no keys)."""
    path = root / "content" / "dossier.yaml"
    listed = "".join(f"\n      - {k}" for k in keys)
    entry = r"(\n  [a-z0-9-]+:\n    name:\n      en: [^\n]*\n      ar: [^\n]*)(\n    keys:(?:\n      - [^\n]*)*)?"
    text = re.sub(entry, lambda m: m.group(1) + (f"\n    keys:{listed}" if keys else ""),
                  path.read_text(encoding="utf-8"))
    path.write_text(text, encoding="utf-8")


def signed_repository(root: Path, key: Path) -> None:
    """The dossier at root in git as a reviewed dossier should be: a first commit lists the reviewers with
    `key`'s public half, and a second, signed with `key`, adds every record."""
    list_reviewer_keys(root, key.with_suffix(".pub").read_text(encoding="ascii").strip())
    if not (root / ".git").exists():
        git(root, "init", "-q")
    git(root, "add", "content/dossier.yaml")
    git(root, "commit", "-q", "-m", "Reviewers")
    commit_all(root, "The dossier, reviewed", key=key)


def venv_without_the_tool(where: Path) -> Path:
    """A new virtual environment (with pip) that imports every package of this one but the tool itself: its
    dependencies are borrowed through a path entry to links of them, so nothing is downloaded, and installing
    the tool there installs it for real (pip finds no copy of it already installed)."""
    venv.create(where, with_pip=True)
    here = Path(sysconfig.get_paths()["purelib"])
    tools = [dist for dist in importlib.metadata.distributions(path=[str(here)])
             if dist.metadata["Name"].lower().replace("_", "-") in ("briefing", "briefing-desk")]
    ours = {Path(str(f)).parts[0] for dist in tools for f in dist.files or []}   # its .dist-info, its .pth
    borrowed = where / "borrowed"
    borrowed.mkdir()
    for entry in here.iterdir():
        if entry.name not in ours:
            (borrowed / entry.name).symlink_to(entry)
    site = Path(sysconfig.get_paths(vars={"base": str(where), "platbase": str(where)})["purelib"])
    (site / "borrowed-dependencies.pth").write_text(f"{borrowed}\n", encoding="utf-8")
    return where


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's chromium, headless, driven by Playwright (no browser downloaded), for the browser tests."""
    sync_api = pytest.importorskip("playwright.sync_api")
    assert Path(CHROMIUM).exists(), f"no chromium at {CHROMIUM}: install Debian's chromium (see .ci/run)"
    with sync_api.sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield instance
        instance.close()


def search_index(site: Path) -> dict[str, str]:
    """The pages the site's search index holds (`generator.site.search`), each address with the text indexed:
    Pagefind keeps one gzipped JSON fragment per page."""
    import gzip
    import json
    pages = {}
    for fragment in sorted((site / "search" / "fragment").iterdir()):
        page = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))
        pages[page["url"]] = page["content"]
    return pages
