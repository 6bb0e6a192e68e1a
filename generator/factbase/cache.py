"""Records already read, kept so that an unchanged file is not parsed and validated twice.

Reading a record (YAML, then the schema) is most of what `check`, `build` and `extract` cost on a
large dossier, and nearly every file is the same as last time. What validating one file gave (the
record, its problems, its references) is kept under a key made of the file's bytes, its path, the
kind of record, the dossier's languages and the code that reads it; a different byte anywhere
gives another key, so a kept result is exactly what reading the file again would give.

Kept results live in memory for as long as the process does (a preview reloads only the files that
changed) and on disk in `.build/parse-cache`, so the next command starts warm. The file on disk is
a pickle, and unpickling runs code: a cache committed to a repository, or written by anyone else,
must never be loaded. Each file therefore carries an HMAC made with a key that never leaves this
user's own cache folder (`$XDG_CACHE_HOME/briefing/cache-key`, an absolute XDG_CACHE_HOME only); a
file whose HMAC does not match is ignored. Without a writable home for the key, or with something else
than a regular file in its place, there is no disk cache, only the one in memory.
"""
from __future__ import annotations

import contextlib
import errno
import hashlib
import hmac
import os
import pickle
import secrets
import stat
import sys
from pathlib import Path
from typing import Any

from generator import shipped
from generator.files import write_atomic
from generator.layout import Layout, user_cache

_open: dict[Path, ParseCache] = {}


def _code_version() -> str:
    """The code whose output is kept: the fact base and text packages, and the errors they report."""
    return shipped.code_hash("factbase", "text", "errors.py")


_KEY_BYTES = 32
_warned: set[str] = set()


def _key_file() -> Path | None:
    """Where this user's signing key lives (`layout.user_cache`), or None where no such folder can be named."""
    folder = user_cache()
    return folder / "cache-key" if folder is not None else None


def _warn(message: str) -> None:
    """One line on standard error, once per process (a preview rebuilds many times)."""
    if message not in _warned:
        _warned.add(message)
        print(f"briefing: warning: {message}", file=sys.stderr, flush=True)


class _NotRegular(Exception):
    """The path holds something other than a regular file: a link, a device, a pipe, a folder."""


def _read_regular(path: Path) -> bytes:
    """The bytes of a regular file. A link is not followed and a pipe is not waited on (O_NOFOLLOW,
    O_NONBLOCK), and anything but a regular file is refused before a byte is read: a key linked to
    /dev/zero would be read forever, a FIFO would wait forever for a writer."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # the final component is a link
            raise _NotRegular(path) from None
        raise
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise _NotRegular(path)
        return handle.read()


def _secret() -> bytes | None:
    """This user's key for signing caches, made on first use; None where it cannot be kept, or where its
    place holds something other than a regular file (then with a warning: the cache stays in memory)."""
    path = _key_file()
    if path is None:
        return None
    if not os.path.lexists(path):
        _make_key(path)
    try:
        key = _read_regular(path)
    except _NotRegular:
        _warn(f"{path} is not a regular file (a link, a device or a pipe), so records read are not kept on "
              "disk between runs; remove it and a new key is made")
        return None
    except OSError:
        return None
    return key if len(key) >= _KEY_BYTES else None


def _make_key(path: Path) -> None:
    """Create the key, never over anything there (another process may have made it first); where it
    cannot be made, `_secret` finds none."""
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(secrets.token_bytes(_KEY_BYTES))


def _own_folder(path: Path) -> bool:
    """Whether the cache may be kept at `path`: in a folder that is no link (a `.build` committed as a link
    to the folder above would have it read and written there). Otherwise records are kept in memory only;
    `build` refuses such a `.build` outright."""
    try:
        return stat.S_ISDIR(os.lstat(path.parent).st_mode)
    except FileNotFoundError:
        return True
    except OSError:
        return False


class ParseCache:
    """Validated records by key: in memory always, and on disk when a key to sign it with exists."""

    def __init__(self, path: Path | None) -> None:
        """`path`: the file on disk (`Layout.parse_cache`), or None to keep records in memory only."""
        self._version = _code_version()
        self._path = path
        self._secret = _secret() if path is not None else None
        self._kept: dict[str, bytes] = self._read()
        self._objects: dict[str, Any] = {}   # what was unpickled or put, by key, handed out again (`get`)
        self._used: set[str] = set()
        self._added = False
        self.hits = 0   # records taken from the cache, for tests and `--timings`

    @classmethod
    def for_dossier(cls, root: Path) -> ParseCache:
        """The cache of one dossier, one per process, so a preview keeps it between rebuilds."""
        path = Layout(root.resolve()).parse_cache
        if path not in _open:
            _open[path] = cls(path if _own_folder(path) else None)
        return _open[path]

    @classmethod
    def for_seed_text(cls, layout: Layout) -> ParseCache:
        """The text read from the dossier's PDFs, web pages and Word files, kept apart from its records."""
        path = layout.seed_text_cache
        if path not in _open:
            _open[path] = cls(path if _own_folder(path) else None)
        return _open[path]

    def key(self, rel: str, kind: str, languages: list[str], data: bytes) -> str:
        head = f"{self._version}\0{rel}\0{kind}\0{','.join(languages)}\0".encode()
        return hashlib.sha256(head + data).hexdigest()

    def get(self, key: str) -> Any | None:
        """What was kept, unpickled once per process and then the same object each time: a preview loads
        the whole dossier after every edit, and unpickling 1,800 records cost a second. Records are only read
        once loaded; the two fields `load` sets on them it sets alike each time (a claim's incident, from the
        file's own name; a source's paragraphs, from its seed, read again at each load)."""
        found = self._objects.get(key)
        if found is None:
            kept = self._kept.get(key)
            if kept is None:
                return None
            found = self._objects[key] = pickle.loads(kept)  # noqa: S301 (written by this code, signed with this user's key)
        self._used.add(key)
        self.hits += 1
        return found

    def has(self, key: str) -> bool:
        return key in self._kept

    @staticmethod
    def pack(value: Any) -> bytes | None:
        """What is kept for `value`: its pickle, or None for a value that cannot be kept."""
        try:
            return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
            return None

    def put(self, key: str, value: Any) -> None:
        packed = self.pack(value)
        if packed is not None:
            self.put_packed(key, packed)
            self._objects[key] = value

    def put_packed(self, key: str, packed: bytes) -> None:
        """Keep what `pack` gave, here or in a worker process."""
        self._kept[key] = packed
        self._used.add(key)
        self._added = True

    def save(self) -> None:
        """Keep on disk what this load used, and nothing else (so the file never grows without bound)."""
        stale = set(self._kept) - self._used
        self._objects = {k: v for k, v in self._objects.items() if k in self._used}   # the dossier as it is now
        if self._path is None or self._secret is None or not (self._added or stale):
            self._used.clear()
            return
        self._kept = {k: self._kept[k] for k in self._used}
        self._used.clear()
        self._added = False
        body = pickle.dumps((self._version, self._kept), protocol=pickle.HIGHEST_PROTOCOL)
        with contextlib.suppress(Exception):  # a cache that cannot be written is only a slower next run
            write_atomic(self._path, hmac.new(self._secret, body, "sha256").digest() + body)

    def _read(self) -> dict[str, bytes]:
        if self._path is None or self._secret is None:
            return {}
        try:
            data = _read_regular(self._path)
        except (OSError, _NotRegular):  # missing, or not a file this code wrote: nothing kept
            return {}
        mac, body = data[:32], data[32:]
        if not hmac.compare_digest(mac, hmac.new(self._secret, body, "sha256").digest()):
            return {}   # not written by this user's own runs: never unpickled
        try:
            version, kept = pickle.loads(body)  # noqa: S301 (signed above)
        except Exception:  # noqa: BLE001 - a damaged cache is an empty one
            return {}
        return kept if version == self._version and isinstance(kept, dict) else {}
