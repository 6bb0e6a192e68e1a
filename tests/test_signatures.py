"""`briefing check --signatures`: a reviewed record holds only if the commit that last changed it is
signed by a key of the reviewer it names, as the dossier listed them before that commit. Real git, real
SSH keys (ssh-keygen), real signed commits."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import briefing, git, list_reviewer_keys, signed_repository, ssh_key
from test_check import line_of

AUTHORITY = "content/actors/harbour-authority.yaml"
UNION = "content/actors/dockworkers-union.yaml"
DOSSIER = "content/dossier.yaml"

pytestmark = pytest.mark.skipif(shutil.which("ssh-keygen") is None, reason="needs OpenSSH's ssh-keygen")


def _edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def signed(mini: Path, tmp_path: Path) -> tuple[Path, Path, Path]:
    """The test dossier in git: a first commit lists Alice's key for both reviewers, and a second,
    signed by Alice, adds every record. Returns the dossier and the private keys of Alice and Mallory."""
    alice, _ = ssh_key(tmp_path, "alice")
    mallory, _ = ssh_key(tmp_path, "mallory")
    signed_repository(mini, alice)
    return mini, alice, mallory


def _signature_errors(root: Path) -> list[str]:
    result = briefing("check", "--signatures", "--root", str(root))
    return [line for line in result.stdout.splitlines() if line.endswith("[review-signature]")]


def test_reviews_signed_by_a_listed_reviewer_pass(signed: tuple[Path, Path, Path]) -> None:
    root, _, _ = signed
    result = briefing("check", "--signatures", "--root", str(root))
    assert result.returncode == 0, result.stdout + result.stderr


def test_an_edit_signed_by_an_unlisted_key_fails_at_the_record(signed: tuple[Path, Path, Path]) -> None:
    root, _, mallory = signed
    _edit(root, AUTHORITY, "runs the harbour", "manages the harbour")
    git(root, "commit", "-q", "-am", "Rename", key=mallory)
    errors = _signature_errors(root)
    assert len(errors) == 1, errors
    line = line_of(root, AUTHORITY, "status: reviewed")
    assert errors[0].startswith(f"{AUTHORITY}:{line}:") and "did not list for test-editor" in errors[0]


def test_an_unsigned_edit_sends_the_record_back_for_review(signed: tuple[Path, Path, Path]) -> None:
    root, _, _ = signed
    _edit(root, UNION, "kind: organisation", "kind:  organisation")   # layout only: the data, and its signature, hold
    _edit(root, AUTHORITY, "runs the harbour", "manages the harbour")
    git(root, "commit", "-q", "-am", "Rename, unsigned")
    errors = _signature_errors(root)
    assert [e.split(":")[0] for e in errors] == [AUTHORITY] and "not signed" in errors[0]


def test_a_commit_cannot_admit_its_own_signer(signed: tuple[Path, Path, Path]) -> None:
    root, alice, mallory = signed
    list_reviewer_keys(root, alice.with_suffix(".pub").read_text(encoding="ascii").strip(),
               mallory.with_suffix(".pub").read_text(encoding="ascii").strip())
    _edit(root, AUTHORITY, "runs the harbour", "manages the harbour")
    git(root, "commit", "-q", "-am", "Mallory lists herself and edits", key=mallory)
    assert [e.split(":")[0] for e in _signature_errors(root)] == [AUTHORITY]
    # Once the list that names her was committed before her next change, her signature counts.
    _edit(root, AUTHORITY, "manages the harbour", "runs the harbour")
    git(root, "commit", "-q", "-am", "Mallory edits again", key=mallory)
    assert _signature_errors(root) == []


def test_a_change_not_yet_committed_is_not_signed(signed: tuple[Path, Path, Path]) -> None:
    root, _, _ = signed
    _edit(root, AUTHORITY, "runs the harbour", "manages the harbour")
    errors = _signature_errors(root)
    assert len(errors) == 1 and "changed since the last commit" in errors[0]


def test_signed_by_one_reviewer_while_naming_another(signed: tuple[Path, Path, Path], tmp_path: Path) -> None:
    root, alice, _ = signed
    bob, bob_pub = ssh_key(tmp_path, "bob")
    path = root / DOSSIER
    path.write_text(path.read_text(encoding="utf-8") + f"  bob:\n    name:\n      en: Bob\n      ar: بوب\n"
                    f"    keys:\n      - {bob_pub}\n", encoding="utf-8")
    git(root, "commit", "-q", "-am", "Bob reviews too", key=alice)
    _edit(root, AUTHORITY, "runs the harbour", "manages the harbour")
    git(root, "commit", "-q", "-am", "Bob edits a record test-editor reviewed", key=bob)
    errors = _signature_errors(root)
    assert len(errors) == 1 and "signed by bob, not by test-editor" in errors[0]


def test_outside_git_signatures_cannot_be_checked(mini: Path) -> None:
    result = briefing("check", "--signatures", "--root", str(mini))
    assert result.returncode == 1 and "not in a git repository" in result.stderr
    assert "Traceback" not in result.stderr


def _commit_on(root: Path, day: str, message: str) -> None:
    """Commit everything as of `day`."""
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "PATH": "/usr/bin:/bin",
           "GIT_AUTHOR_DATE": f"{day}T10:00:00", "GIT_COMMITTER_DATE": f"{day}T10:00:00"}
    for args in (["init", "-q"] if not (root / ".git").exists() else [], ["add", "-A"],
                 ["-c", "commit.gpgsign=false", "commit", "-q", "-m", message]):
        if args:
            subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


def _review_dates(root: Path) -> list[str]:
    result = briefing("check", "--root", str(root))
    return [line for line in result.stdout.splitlines() if line.endswith("[review-date]")]


def test_a_review_dated_before_its_record_entered_git_is_refused(mini: Path) -> None:
    _commit_on(mini, "2026-12-05", "The dossier, first committed after its reviews were dated")
    dated = _review_dates(mini)
    assert dated and all("before" in line and "entered the dossier's history (2026-12-05)" in line for line in dated)


def test_a_shallow_clone_does_not_date_records_by_where_its_history_is_cut(mini: Path, tmp_path: Path) -> None:
    """In a clone of depth 1 every file seems added by the one commit it holds: that day says nothing of when
    a record entered the history, and must not make its earlier review wrong."""
    _commit_on(mini, "2026-11-01", "The dossier")
    _edit(mini, AUTHORITY, "runs the harbour", "manages the harbour")
    _commit_on(mini, "2026-12-05", "An edit after the reviews")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{mini}", str(clone)], check=True,
                   capture_output=True)
    assert _review_dates(mini) == [] and _review_dates(clone) == []
