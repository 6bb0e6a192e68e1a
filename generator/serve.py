"""Live preview: serve site/ on localhost and rebuild when content/, seeds/ or templates/ change.

Changes are found by polling file times and sizes (no platform file-watching to go wrong); a
rebuild that fails prints its problems and keeps serving the last good site.
"""
from __future__ import annotations

import functools
import http.server
import sys
import threading
import time
from pathlib import Path
from typing import Callable, TextIO

from generator.build import build
from generator.errors import BriefingError
from generator.factbase.load import Layout

WATCHED = ("content", "seeds", "templates", "mkdocs.yml")


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """(mtime, size) of every watched file, to compare between polls."""
    state: dict[str, tuple[int, int]] = {}
    for name in WATCHED:
        base = root / name
        paths = [base] if base.is_file() else sorted(base.rglob("*")) if base.is_dir() else []
        for path in paths:
            if path.is_file() and not path.name.startswith("."):
                info = path.stat()
                state[path.relative_to(root).as_posix()] = (info.st_mtime_ns, info.st_size)
    return state


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
    print(f"rebuilt ({result.pages} pages, {len(result.pdfs)} PDFs)", file=out, flush=True)
    return True


def serve(root: Path, host: str = "127.0.0.1", port: int = 8000, interval: float = 1.0,
          out: TextIO = sys.stdout, stop: Callable[[], bool] = lambda: False) -> None:
    """Build once, then serve and rebuild on change until interrupted (or `stop()` says so)."""
    layout = Layout(root)
    seen = snapshot(root)  # before building: an edit made during the first build is not missed
    _rebuild(root, out)
    layout.site.mkdir(exist_ok=True)
    handler = functools.partial(_Quiet, directory=str(layout.site))
    server = http.server.ThreadingHTTPServer((host, port), handler)
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
