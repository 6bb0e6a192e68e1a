"""What the machine, not the editor, does wrong: files a user may not read, a full disk, links out.

Tests may run as root, who reads everything: the commands here run with the two capabilities that
let root ignore permissions dropped (or as they are, for a user who is not root), and the full disk
is a small tmpfs in a mount namespace of its own, reached through /proc/PID/root.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import MINI, PROJECT, copy_dossier, find

# Root's exemptions from file permissions; without them root meets an unreadable file as anyone does.
_DROP = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--inh-caps=-dac_override,-dac_read_search"]


def as_a_user() -> list[str]:
    """The prefix that runs a command as an ordinary user would: without root's exemptions."""
    return _DROP if os.geteuid() == 0 else []


def require_permissions(folder: Path) -> None:
    """Skip, saying why, where an unreadable file can still be read by the commands run here."""
    if os.geteuid() == 0 and not shutil.which("setpriv"):
        pytest.skip("running as root without setpriv (util-linux): cannot drop the right to read any file")
    probe = folder / ".permission-probe"
    probe.write_text("x", encoding="utf-8")
    probe.chmod(0)
    readable = subprocess.run([*as_a_user(), "cat", str(probe)], capture_output=True, check=False).returncode == 0
    probe.unlink()
    if readable:
        pytest.skip("an unreadable file is still readable here (capabilities cannot be dropped)")


@pytest.fixture(scope="module")
def permissions_apply(tmp_path_factory: pytest.TempPathFactory) -> None:
    require_permissions(tmp_path_factory.mktemp("probe"))


def run_as_a_user(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*as_a_user(), sys.executable, "-m", "generator", *args], capture_output=True,
                          text=True, cwd=PROJECT, check=False, timeout=timeout)


def assert_clean_failure(result: subprocess.CompletedProcess[str], located: str) -> None:
    """Exit 1, the problem at its place, and nothing a user should not see."""
    out = result.stdout + result.stderr
    assert result.returncode == 1, out
    assert "Traceback" not in out and "internal error" not in out and "Errno" not in out, out
    assert re.search(located, out, re.MULTILINE), out


UNREADABLE = {
    # what is made unreadable, and the line each command must print about it
    "seed": ("seeds/harbour-en.md",
             r"^seeds/harbour-en\.md:1:1: error: cannot read the seed \(Permission denied\).* \[io\]$"),
    "seeds folder": ("seeds", (r"^seeds(/harbour-en\.md)?:1:1: error: cannot (open the folder|read the seed) "
                               r"\(Permission denied\).*\[(unreadable-folder|io)\]$")),
    "content folder": ("content/actors", (r"^content/actors:1:1: error: cannot open the folder \(Permission "
                                          r"denied\); make it readable.*\[unreadable-folder\]$")),
}


# every command that reads what is made unreadable (fmt reads no seed, ingest no actor)
READERS = [(what, command) for what in sorted(UNREADABLE) for command in ("check", "build", "ingest", "extract", "fmt")
           if not ((command == "fmt" and what.startswith("seed"))
                   or (command == "ingest" and what == "content folder"))]


@pytest.mark.parametrize(("what", "command"), READERS)
def test_what_a_user_may_not_read_is_a_located_problem(permissions_apply: None, mini: Path, what: str,
                                                       command: str) -> None:
    rel, located = UNREADABLE[what]
    target = mini / rel
    before = {p: p.read_bytes() for p in sorted((mini / "content").rglob("*.yaml"))}
    target.chmod(0)
    try:
        result = run_as_a_user("--root", str(mini), command)
    finally:
        target.chmod(0o755 if target.is_dir() else 0o644)
    assert_clean_failure(result, located)
    assert not (mini / "site").exists()
    assert {p: p.read_bytes() for p in before} == before  # nothing rewritten as if the folder were empty
    assert not (mini / "content" / "proposals").exists() or (command == "extract" and what == "seed")


def test_a_folder_that_cannot_be_opened_hides_no_record_from_check(permissions_apply: None, mini: Path) -> None:
    """The actors' folder unreadable: one problem, there, and not one 'unknown actor' per mention."""
    (mini / "content" / "actors").chmod(0)
    try:
        result = run_as_a_user("--root", str(mini), "check")
    finally:
        (mini / "content" / "actors").chmod(0o755)
    assert_clean_failure(result, r"^content/actors:1:1: error: .*\[unreadable-folder\]$")
    assert "unknown-ref" not in result.stdout + result.stderr


def test_an_unreadable_content_folder_stops_every_command_with_its_name(permissions_apply: None, mini: Path) -> None:
    (mini / "content").chmod(0)
    try:
        results = {c: run_as_a_user("--root", str(mini), c) for c in ("check", "build", "ingest", "extract", "fmt")}
    finally:
        (mini / "content").chmod(0o755)
    for result in results.values():
        assert_clean_failure(result, r"content:1:1: error: cannot open the folder|briefing: .*/content: cannot open "
                             r"the folder \(Permission denied\)")


def test_a_template_the_user_may_not_read_stops_the_build_naming_it(permissions_apply: None, mini: Path) -> None:
    """An override in templates/ that cannot be read would silently give way to the shipped one."""
    own = mini / "templates" / "pages"
    own.mkdir(parents=True)
    (own / "grades.md.j2").write_text("# Our own grades page\n", encoding="utf-8")
    for target, located in ((own / "grades.md.j2", r"cannot read templates/pages/grades\.md\.j2 \(Permission denied\)"),
                            (own, r"cannot read templates/pages \(Permission denied\)")):
        target.chmod(0)
        try:
            result = run_as_a_user("--root", str(mini), "build")
        finally:
            target.chmod(0o755 if target.is_dir() else 0o644)
        assert_clean_failure(result, located)
        assert not (mini / "site").exists()


# --- links out of seeds/ ---------------------------------------------------------------------------

def test_check_refuses_an_unregistered_seed_linked_out_of_seeds_unread(mini: Path, tmp_path: Path) -> None:
    """The link leads to a pipe: reading it would wait forever, so the check finishing proves it is not
    read; and the message says why, not 'run briefing ingest' (ingest refuses it too)."""
    pipe = tmp_path / "outside.txt"
    os.mkfifo(pipe)
    (mini / "seeds" / "leak.txt").symlink_to(pipe)
    from conftest import briefing
    result = briefing("--root", str(mini), "check")
    assert result.returncode == 1
    assert re.search(r"^seeds/leak\.txt:1:1: error: not read: it is a link to a file outside seeds/, which is never "
                     r"read; copy the document into seeds/ instead \[seed-link\]$", result.stdout, re.MULTILINE)
    assert "briefing ingest" not in result.stdout + result.stderr


# --- a full disk ---------------------------------------------------------------------------------

@dataclass
class Disk:
    """A small disk: `path` as this process sees it, and commands run where it is mounted."""

    path: Path
    inside: Path
    enter: list[str]

    def briefing(self, root: Path, *args: str) -> subprocess.CompletedProcess[str]:
        """The command line, run in the disk's mount namespace (it resolves --root, which must lead there)."""
        where = self.inside / root.relative_to(self.path)
        return subprocess.run([*self.enter, sys.executable, "-m", "generator", "--root", str(where), *args],
                              capture_output=True, text=True, cwd=PROJECT, check=False)

    def popen(self, root: Path, *args: str) -> subprocess.Popen[str]:
        where = self.inside / root.relative_to(self.path)
        return subprocess.Popen([*self.enter, sys.executable, "-m", "generator", "--root", str(where), *args],
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1, cwd=PROJECT)


@contextmanager
def small_disk(size_mb: int) -> Iterator[Disk]:
    """A tmpfs of `size_mb` MiB, mounted in a mount namespace of its own (as root; otherwise in a user
    namespace too): nothing of the host's mounts changes and the disk vanishes with its holder process.
    This process reaches it through /proc/PID/root, the commands under test through nsenter."""
    point = Path("/tmp") / f"briefing-small-disk-{os.getpid()}-{time.monotonic_ns()}"
    point.mkdir()
    userns = [] if os.geteuid() == 0 else ["--user", "--map-root-user"]
    holder = subprocess.Popen(["unshare", *userns, "--mount", "--propagation", "private", "sh", "-c",
                               f"mount -t tmpfs -o size={size_mb}m tmpfs '{point}' && echo mounted && exec sleep 900"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None
        if holder.stdout.readline().strip() != "mounted":
            holder.wait(timeout=10)
            pytest.skip(f"cannot mount a small tmpfs here: {holder.stderr.read().strip() if holder.stderr else ''}")
        enter = ["nsenter", "-t", str(holder.pid), "-m", f"--wd={PROJECT}",
                 *([] if not userns else ["-U", "--preserve-credentials"])]
        yield Disk(Path(f"/proc/{holder.pid}/root") / point.relative_to("/"), point, enter)
    finally:
        holder.kill()
        holder.wait(timeout=10)
        point.rmdir()


def fill(disk: Path, leave_kb: int) -> Path:
    """Take all the disk's space but `leave_kb` KiB."""
    filler = disk / "filler"
    stat = os.statvfs(disk)
    left = stat.f_bavail * stat.f_frsize - leave_kb * 1024
    with open(filler, "wb") as handle:
        while left > 0:
            chunk = min(left, 1 << 20)
            try:
                handle.write(b"\0" * chunk)
                handle.flush()
            except OSError:
                break
            left -= chunk
    return filler


def tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def retitle(root: Path, title: str) -> None:
    dossier = root / "content" / "dossier.yaml"
    text = dossier.read_text(encoding="utf-8")
    dossier.write_text(re.sub(r"Port Example strike[^'\n]*", title, text, count=1), encoding="utf-8")


@pytest.mark.slow
def test_a_build_on_a_full_disk_fails_short_leaves_nothing_half_built_and_keeps_the_site() -> None:
    """The disk filled to leave 0 KiB up to 12 MiB: the build meets it in our own writes or in MkDocs'
    process. Each time: one short line naming the file and saying to free space, exit 1, no staging
    or MkDocs output left behind, no temporary file, and site/ byte for byte as it was. Where the room
    left is enough (the new site is assembled from links to MkDocs' files and takes hardly any room of
    its own), the build succeeds whole; and once space is freed, the next build succeeds."""
    with small_disk(40) as disk:
        root = copy_dossier(MINI, disk.path / "mini")
        first = disk.briefing(root, "build")
        assert first.returncode == 0, first.stderr
        seen, built = set(), []
        for leave_kb in (0, 100, 1000, 4000, 8000, 12000):
            site = tree(root / "site")
            retitle(root, f"Port Example strike {leave_kb}")
            filler = fill(disk.path, leave_kb)
            try:
                result = disk.briefing(root, "build")
            finally:
                filler.unlink()
            out = (result.stdout + result.stderr).strip()
            assert not (root / ".build" / "staging").exists() and not list(root.rglob("*.tmp")), leave_kb
            if result.returncode == 0:
                built.append(leave_kb)
                assert f"Port Example strike {leave_kb}" in (root / "site" / "index.html").read_text(encoding="utf-8")
                continue
            assert result.returncode == 1, (leave_kb, out)
            last = out.splitlines()[-1]
            assert re.fullmatch(r"briefing: no space left on the disk to write \.build/\S+; free some space .*; "
                                r"the previous site/ is unchanged and nothing half-built was left in \.build/",
                                last), out
            assert len(out) < 400 and "Traceback" not in out and "internal error" not in out, out
            assert not (root / ".build" / "out").exists(), leave_kb
            assert tree(root / "site") == site, leave_kb
            seen.add(last.split(" to write ")[1].split("/")[1])
        assert {"en", "out"} <= seen and 0 not in built and 100 not in built, (seen, built)  # our writes, MkDocs'
        again = disk.briefing(root, "build")
        assert again.returncode == 0, again.stderr
        assert "Port Example strike 12000" in (root / "site" / "index.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_pdfs_on_a_full_disk_fail_short_with_no_partial_file() -> None:
    """WeasyPrint's writes: the same short message, and no half-written PDF."""
    with small_disk(8) as disk:
        root = copy_dossier(MINI, disk.path / "mini")
        filler = fill(disk.path, 0)
        try:
            result = disk.briefing(root, "pdf")
        finally:
            filler.unlink()
        out = (result.stdout + result.stderr).strip()
        assert result.returncode == 1 and len(out) < 300 and "Traceback" not in out, out
        assert re.fullmatch(r"briefing: no space left on the disk to write \S+/site/pdf/harbour-strike\.\w+\.pdf; "
                            r"free some space.*", out), out
        assert not [p for p in (root / "site").rglob("*") if p.is_file()]


@pytest.mark.slow
def test_serve_on_a_full_disk_keeps_serving_and_rebuilds_once_there_is_space() -> None:
    from test_serve import SETTLED, Lines, status_and_page
    with small_disk(40) as disk:
        root = copy_dossier(MINI, disk.path / "mini")
        proc = disk.popen(root, "serve", "--port", "0")
        try:
            assert proc.stdout is not None
            lines = Lines(proc.stdout)
            base = find(r"(http://127\.0\.0\.1:\d+/)", lines.wait_for(r"serving http://")).group(1)
            lines.wait_for(SETTLED)
            good = status_and_page(base)
            filler = fill(disk.path, 64)  # room for the edit, not for the build
            retitle(root, "Port Example strike, renamed")
            try:
                lines.wait_for(r"^briefing: no space left on the disk to write \.build/.*; still serving the last "
                               r"good site$")
                assert status_and_page(base) == good
            finally:
                filler.unlink()
            retitle(root, "Port Example strike, renamed again")
            lines.wait_for(r"^rebuilt")
            assert "renamed again" in status_and_page(base)[1]
            assert proc.poll() is None and "Traceback" not in "".join(lines.seen)
        finally:
            proc.terminate()
            proc.wait(timeout=30)


def test_serve_in_a_folder_it_may_not_write_says_so_not_cannot_listen(permissions_apply: None, mini: Path) -> None:
    """Once, any failure before serving was reported as 'cannot listen on 127.0.0.1:PORT (Permission denied)'."""
    mini.chmod(0o555)
    try:
        result = run_as_a_user("--root", str(mini), "serve", "--port", "0", timeout=120)
    finally:
        mini.chmod(0o755)
    assert_clean_failure(result, r"^briefing: cannot create \S+/site \(Permission denied\); serve needs to write")
    assert "cannot listen" not in result.stdout + result.stderr
    assert "rebuilt" not in result.stdout  # said at once, before a build that could not be served
