"""Live preview: serve site/ on localhost and rebuild when content/, seeds/ or templates/ change.

Changes are found by polling file times and sizes (no platform file-watching to go wrong); a
rebuild that fails prints its problems and keeps serving the last good site.
"""
from __future__ import annotations

import functools
import http.server
import os
import sys
import threading
import time
from pathlib import Path
from typing import Callable, TextIO

from generator.build import build
from generator.errors import BriefingError, Problems
from generator.factbase.load import Layout

WATCHED = ("content", "seeds", "templates", "mkdocs.yml")


def snapshot(root: Path) -> dict[str, tuple[int, int, int]]:
    """(mtime, ctime, size) of every watched file, to compare between polls; the ctime sees a file made
    unreadable or readable again (chmod leaves the mtime alone). A file or folder that cannot be read
    counts as (-1, -1, -1): its change is seen, and the rebuild reports it; the polling goes on."""
    state: dict[str, tuple[int, int, int]] = {}
    for name in WATCHED:
        base = root / name
        for path in _watched_files(base):
            try:
                info = path.stat()
                seen = (info.st_mtime_ns, info.st_ctime_ns, info.st_size)
            except OSError:
                seen = (-1, -1, -1)
            state[path.relative_to(root).as_posix()] = seen
    return state


def _watched_files(base: Path) -> list[Path]:
    """The files under `base` (or `base` itself), and any folder among them that cannot be opened."""
    try:
        if not base.is_dir():
            return [base] if base.is_file() else []
    except OSError:
        return [base]
    found: list[Path] = []
    for top, dirs, files in os.walk(base, onerror=lambda exc: found.append(Path(exc.filename or base))):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found += [Path(top) / f for f in files if not f.startswith(".")]
    return sorted(found)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's name
        pass


def _rebuild(root: Path, out: TextIO) -> bool:
    try:
        result = build(root, drafts=True)
    except BriefingError as exc:
        for problem in exc.problems:
            print(problem, file=out)
        print(f"briefing: {exc.message}; still serving the last good site", file=out, flush=True)
        return False
    except OSError as exc:  # the machine refused something (a permission, the disk): the preview goes on
        where = Problems(root).rel(exc.filename) if exc.filename else "the dossier"
        print(f"briefing: {where}: {exc.strerror or exc}; still serving the last good site", file=out, flush=True)
        return False
    print(f"rebuilt ({result.pages} pages, {len(result.pdfs)} PDFs)", file=out, flush=True)
    return True


def serve(root: Path, host: str = "127.0.0.1", port: int = 8000, interval: float = 1.0,
          out: TextIO = sys.stdout, stop: Callable[[], bool] = lambda: False) -> None:
    """Build once, then serve and rebuild on change until interrupted (or `stop()` says so)."""
    layout = Layout(root)
    seen = snapshot(root)  # before building: an edit made during the first build is not missed
    _rebuild(root, out)
    try:
        layout.site.mkdir(exist_ok=True)
    except OSError as exc:
        raise BriefingError(f"cannot create {layout.site} ({exc.strerror}); serve needs to write in the dossier's "
                            "folder: make it writable, or serve a copy") from None
    handler = functools.partial(_Quiet, directory=str(layout.site))
    try:
        server = http.server.ThreadingHTTPServer((host, port), handler)
    except OSError as exc:  # only here: a failure of the build or of the polling is no "cannot listen"
        raise BriefingError(f"cannot listen on {host}:{port} ({exc.strerror}); try another --port") from None
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    address = f"http://{host}:{server.server_address[1]}/"
    print(f"serving {address} (English) and {address}ar/ (Arabic); Ctrl-C stops", file=out, flush=True)
    try:
        while not stop():
            time.sleep(interval)
            now = snapshot(root)
            if now != seen:
                changed = sorted(set(now) ^ set(seen) | {k for k in now if k in seen and now[k] != seen[k]})
                print(f"changed: {', '.join(changed[:5])}{' …' if len(changed) > 5 else ''}", file=out, flush=True)
                seen = now
                _rebuild(root, out)
    finally:
        server.shutdown()
        server.server_close()
