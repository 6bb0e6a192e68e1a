"""The one place git is run: the commit a build is made from, a dossier's history, and its files as
they were at a revision (for `briefing diff` and the Changes page).

Every call goes through `run`, so that git's absence is a clear error rather than a crash, and every
revision a user names is turned into a full hash by `commit` before it reaches any other call, so that
it can never be read by git as an option.
"""
from __future__ import annotations

import io
import os
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

from generator.errors import BriefingError

REV_HINT = "name a commit, branch or tag (e.g. HEAD~1, main)"


def run(cwd: Path | str, *args: str) -> subprocess.CompletedProcess[bytes]:
    """Run git quietly in `cwd`; a missing git is the user's to fix, so it is a BriefingError, not a crash."""
    try:
        return subprocess.run(["git", "-C", str(cwd), *args], capture_output=True, check=False)
    except FileNotFoundError:
        raise BriefingError("git is not installed; diff compares git revisions") from None


def last_line(stderr: bytes) -> str:
    """What git said last, which is what went wrong."""
    lines = stderr.decode("utf-8", "replace").strip().splitlines()
    return lines[-1] if lines else "git failed"


def toplevel(root: Path) -> Path:
    """The top of the git work tree holding the dossier at `root`."""
    if not root.is_dir():
        raise BriefingError(f"{root} is not a folder; pass --root with the dossier folder")
    done = run(root, "rev-parse", "--show-toplevel")
    if done.returncode != 0:
        reason = last_line(done.stderr)
        why = "" if "not a git repository" in reason else f" ({reason})"
        raise BriefingError(f"{root} is not in a git repository{why}; diff compares git revisions, so run it "
                            "in a git checkout of the dossier (or 'git init' and commit first)")
    return Path(os.fsdecode(done.stdout.strip())).resolve()


def head(root: Path) -> str | None:
    """The commit checked out at `root` (as git prints it), or None outside a repository or without git:
    a page's history, and so a build, depends on it."""
    try:
        done = run(root, "rev-parse", "HEAD")
    except BriefingError:
        return None
    return os.fsdecode(done.stdout) if done.returncode == 0 else None


def commit(top: Path, rev: str) -> str:
    """The commit a revision names, as a full hash: only a hash ever reaches the other git calls.

    A revision starting with "-" would be read by git as an option (`--output=FILE` overwrites a file).
    """
    if not rev or rev.startswith("-"):
        raise BriefingError(f"{rev!r} is not a revision: a revision never starts with '-' or is empty; {REV_HINT}")
    done = run(top, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}")
    if done.returncode != 0:
        if run(top, "rev-parse", "--is-shallow-repository").stdout.strip() == b"true":
            raise BriefingError(f"cannot read content/ at {rev!r}: this clone is shallow and does not hold that "
                                "revision; fetch the history first (git fetch --unshallow, or fetch-depth: 0 in a "
                                "CI checkout)")
        raise BriefingError(f"cannot read content/ at {rev!r}: there is no such commit in this repository; "
                            f"{REV_HINT}")
    return done.stdout.decode("ascii").strip()


def content_at(top: Path, content: str, rev: str, into: Path, only: list[str] | None = None) -> Path:
    """The dossier's content/ (`content`: its path from the top of the work tree) as it was at a revision,
    unpacked under `into`; the path returned does not exist where the revision has no content/. With
    `only`, just those files (paths from the top of the work tree) that the revision holds."""
    full = commit(top, rev)
    into.mkdir(parents=True, exist_ok=True)
    if run(top, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{full}:{content}").returncode != 0:
        return into / content  # not there yet: every record of the other side is new
    wanted = [content]
    if only is not None:
        listed = run(top, "ls-tree", "-r", "-z", "--name-only", "--end-of-options", full, "--",
                     *[f":(literal){p}" for p in only])
        wanted = [os.fsdecode(p) for p in listed.stdout.split(b"\0") if p]
        if not wanted:
            return into / content
    done = run(top, "archive", "--format=tar", "--end-of-options", full, *[f":(literal){p}" for p in wanted])
    if done.returncode != 0:
        raise BriefingError(f"cannot read content/ at {rev!r}: {last_line(done.stderr)}")
    try:
        with tarfile.open(fileobj=io.BytesIO(done.stdout)) as tar:
            tar.extractall(into, filter="data")
    except tarfile.TarError as exc:  # e.g. a link pointing outside content/
        raise BriefingError(f"cannot unpack content/ at {rev!r}: {exc}; remove the offending file "
                            "from that revision or compare another") from None
    return into / content


@dataclass(frozen=True)
class Logged:
    """One commit as `log` reads it, with the files it changed."""

    hash: str
    short: str
    day: str                    # the commit's day, YYYY-MM-DD
    parents: tuple[str, ...]
    subject: str
    files: tuple[str, ...]      # paths from the top of the work tree


# Before each commit a record separator, its fields apart by unit separators.
_FORMAT = "--format=%x1e%H%x1f%h%x1f%cs%x1f%P%x1f%s"


def log(top: Path, *paths: str) -> list[Logged] | None:
    """The commits that changed any of `paths` (from the top of the work tree), newest first; None
    when git cannot read the history."""
    done = run(top, "log", _FORMAT, "--name-only", "-z", "--", *paths)
    if done.returncode != 0:
        return None
    return _entries(os.fsdecode(done.stdout))


def _entries(log: str) -> list[Logged]:
    """Parse `git log -z --name-only` written with `_FORMAT`: after each commit's fields a NUL, then the
    files it changed, a NUL after each."""
    out: list[Logged] = []
    for record in log.split("\x1e")[1:]:
        header, _, names = record.partition("\0")
        fields = header.split("\x1f", 4)
        if len(fields) != 5:
            continue
        full, short, day, parents, subject = fields
        files = tuple(n for n in names.lstrip("\n").split("\0") if n)
        out.append(Logged(full, short, day, tuple(parents.split()), subject, files))
    return out


def shallow_boundary(top: Path) -> set[str]:
    """The commits where a shallow clone's history is cut (git lists them in its `shallow` file)."""
    done = run(top, "rev-parse", "--git-path", "shallow")
    path = Path(os.fsdecode(done.stdout.strip()))
    path = path if path.is_absolute() else top / path
    try:
        return set(path.read_text(encoding="ascii").split()) if done.returncode == 0 else set()
    except OSError:  # not shallow
        return set()


def dossier_prefix(root: Path) -> tuple[Path, str] | None:
    """The top of the work tree holding the dossier at `root` and the dossier's path from there ("" at
    the top, "dossiers/x/" below it), or None outside a repository or without git."""
    try:
        done = run(root, "rev-parse", "--show-toplevel", "--show-prefix")
    except BriefingError:
        return None
    if done.returncode != 0:
        return None
    top, _, prefix = os.fsdecode(done.stdout).partition("\n")
    return Path(top).resolve(), prefix.strip()


def first_added(root: Path, folder: str) -> dict[str, str]:
    """{path from the dossier: the day the earliest commit added it} for the files under `folder` (a path
    from the dossier) that the history holds; empty outside a repository. One `git log` for all of them."""
    found = dossier_prefix(root)
    if found is None:
        return {}
    top, prefix = found
    done = run(top, "log", "--diff-filter=A", _FORMAT, "--name-only", "-z", "--", f"{prefix}{folder}")
    if done.returncode != 0:
        return {}
    days: dict[str, str] = {}
    cut = shallow_boundary(top)   # in a shallow clone, a file "added" where the history is cut is older
    for entry in _entries(os.fsdecode(done.stdout)):   # newest first: the last seen is the earliest
        for name in entry.files:
            if name.startswith(prefix):
                days[name[len(prefix):]] = entry.day
                if entry.hash in cut:
                    del days[name[len(prefix):]]
    return days


def show(top: Path, rev: str, path: str) -> bytes | None:
    """A file (its path from the top of the work tree) as it was at a commit (a full hash); None where that
    commit has no such file."""
    done = run(top, "cat-file", "blob", f"{rev}:{path}")
    return done.stdout if done.returncode == 0 else None


@dataclass(frozen=True)
class Signature:
    """What git says of a commit's signature, checked against an allowed-signers file: `status` is git's
    %G? ("G" good and trusted, "U" good but unknown signer, "B" bad, "N" none, …), `signer` the principal
    the allowed-signers file names for the key, `key` the key's fingerprint."""

    status: str
    signer: str
    key: str


def signature(top: Path, rev: str, allowed_signers: Path) -> Signature:
    """Whether commit `rev` (a full hash) is signed by a key of `allowed_signers`, as plain git (2.34 or
    later, with OpenSSH's ssh-keygen) verifies SSH signatures; GPG-signed commits are read as unknown."""
    done = run(top, "-c", "gpg.format=ssh", "-c", f"gpg.ssh.allowedSignersFile={allowed_signers}",
               "log", "-1", "--no-walk", "--format=%G?%x1f%GS%x1f%GF", rev)
    if done.returncode != 0:
        raise BriefingError(f"cannot read the signature of commit {rev[:12]}: {last_line(done.stderr)}")
    status, _, rest = os.fsdecode(done.stdout).strip().partition("\x1f")
    signer, _, key = rest.partition("\x1f")
    return Signature(status or "N", signer, key)


def commit_folders(root: Path, message: str, folders: tuple[Path, ...]) -> str:
    """Commit every change inside `folders` (added, changed, removed files), and nothing else that may be
    staged, with the git user as author and the repository's hooks run; the new commit's hash.

    The desk's "commit" does this: the editor names the change, git records who made it."""
    top = toplevel(root)
    paths = [os.path.relpath(folder.absolute(), top) for folder in folders if folder.exists()]
    if not message.strip():
        raise BriefingError("a commit needs a message saying what changed; write one")
    added = run(top, "add", "--all", "--", *paths)
    if added.returncode != 0:
        raise BriefingError(f"git could not stage the changes ({last_line(added.stderr)})")
    if run(top, "diff", "--cached", "--quiet", "--", *paths).returncode == 0:
        raise BriefingError("nothing to commit: the dossier has not changed since the last commit")
    done = run(top, "commit", "--quiet", f"--message={message}", "--only", "--", *paths)
    if done.returncode != 0:
        said = last_line(done.stderr) if done.stderr.strip() else last_line(done.stdout)
        raise BriefingError(f"git did not commit ({said}); fix what it says (for example set user.name and "
                            "user.email with git config) and commit again")
    return os.fsdecode(run(top, "rev-parse", "HEAD").stdout).strip()
