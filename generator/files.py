"""Writing a file so that a crash or a full disk never leaves half of it behind, and an unchanged
file is not touched (a live preview would otherwise rebuild forever); and finding what in a folder
is not a plain file or folder (a link, a pipe, a device), which a build must never follow."""
from __future__ import annotations

import errno
import os
import shutil
import stat
import tempfile
from pathlib import Path

from generator.errors import BriefingError


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _current_umask()

# A full disk, or the user's quota used up: the one failure a user fixes by freeing space.
_NO_SPACE = (errno.ENOSPC, errno.EDQUOT)


def is_no_space(exc: BaseException) -> bool:
    """Whether `exc` says the disk is full; a copy of many files (`shutil.Error`) says it per file."""
    if isinstance(exc, OSError) and exc.errno in _NO_SPACE:
        return True
    return mentions_no_space(str(exc))


def mentions_no_space(text: str) -> bool:
    """Whether a message (another process's, or an exception turned to text) says the disk is full."""
    return any(os.strerror(code) in text for code in _NO_SPACE)


class NoSpace(BriefingError):
    """The disk is full: what could not be written and what to do, and nothing more (a full disk
    makes every later write fail too; listing them all helps nobody)."""

    def __init__(self, what: Path | str, after: str = "") -> None:
        super().__init__(f"no space left on the disk to write {what}; free some space (or raise your quota) "
                         f"and try again{after}")
        self.what, self.after = what, after

    def __reduce__(self) -> tuple[object, ...]:
        """Whole across processes (a worker that met the full disk): the same message, not one wrapped twice."""
        return (type(self), (self.what, self.after), self.__dict__)


def no_space(what: Path | str) -> NoSpace:
    return NoSpace(what)


def write_atomic(path: Path, text: str | bytes) -> bool:
    """Write text (UTF-8) or bytes only if they differ from what is there, via a temporary file and a rename.

    Returns whether the file changed. A crash never leaves a half-written file behind. Leaving
    unchanged files alone is what keeps a live preview from rebuilding forever.
    """
    data = text.encode("utf-8") if isinstance(text, str) else text
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        if is_no_space(exc):
            raise no_space(path) from None
        raise BriefingError(f"cannot write {path} ({exc.strerror or exc}); check that the folder exists and you "
                            "may write to it; nothing was changed") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes files private; these are ordinary project files
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        if is_no_space(exc):
            raise no_space(path) from None
        raise BriefingError(f"cannot write {path} ({exc.strerror or exc}); it is as it was") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def link_tree(source: Path, target: Path) -> None:
    """`target` made to hold what `source` holds, each file a hard link to the same bytes (a copy where
    the file system has no links). A site of thousands of files is linked in a blink where a copy takes
    a second. Whoever writes into `source` afterwards must replace a file, never rewrite it where it
    stands, or `target` changes too: MkDocs' writes are made so in the hooks (`mkdocs_hooks`)."""
    top, skip = os.fspath(source), len(os.fspath(source))
    for folder, dirs, names in os.walk(top):   # in strings, not `Path`s: a site has thousands of files
        there = os.fspath(target) + folder[skip:]
        os.makedirs(there, exist_ok=True)
        dirs.sort()
        for name in sorted(names):
            here, linked = os.path.join(folder, name), os.path.join(there, name)
            try:
                os.link(here, linked, follow_symlinks=False)
            except OSError as exc:
                if exc.errno not in (errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP):
                    raise
                shutil.copy2(here, linked, follow_symlinks=False)



def not_plain(folder: Path) -> list[tuple[Path, str]]:
    """Every link, pipe, device or socket at or under `folder`, links not followed, with what it is: what
    a folder a build reads everything from, or deletes in, must not hold. A link leads wherever its
    author chose (a password file, the process's environment, the folder above), a pipe is waited on
    forever and a device may never end. A folder that cannot be opened is passed over here (its
    readers report it)."""
    try:
        mode = os.lstat(folder).st_mode
    except OSError:
        return []
    if not stat.S_ISDIR(mode):
        return [] if stat.S_ISREG(mode) else [(folder, _what(folder))]
    found: list[Path] = []
    pending = [folder]
    while pending:   # each entry's type from the folder's listing: no call to the disk per file
        try:
            with os.scandir(pending.pop()) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):
                        pending.append(Path(entry.path))
                    elif not entry.is_file(follow_symlinks=False):
                        found.append(Path(entry.path))
        except OSError:
            continue
    return [(path, _what(path)) for path in sorted(found)]


def _what(path: Path) -> str:
    try:
        mode = os.lstat(path).st_mode
    except OSError:   # gone since the folder was listed
        return "not a regular file"
    if stat.S_ISLNK(mode):
        return f"a link (to {os.readlink(path)})"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a regular file"
