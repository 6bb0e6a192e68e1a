"""Live preview: serve site/ on localhost and rebuild when content/, seeds/ or templates/ change.

Changes are found by polling file times and sizes (no platform file-watching to go wrong); a
rebuild that fails prints its problems and keeps serving the last good site. Each rebuild starts
from what the previous one left: records already read come from memory (`factbase.cache`) and
MkDocs renders only the pages whose Markdown changed.

Open pages reload themselves after a good rebuild: every HTML page the preview hands out carries a
small script that listens on /__briefing/events (server-sent events) and reloads when the build it
was served from is no longer the newest. Only the preview adds it: the files in site/ never hold it.
"""
from __future__ import annotations

import functools
import http.server
import json
import os
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from generator.build import build
from generator.errors import BriefingError, Problems
from generator.layout import Layout
from generator.text.escape import terminal


def snapshot(root: Path) -> dict[str, tuple[int, int, int]]:
    """(mtime, ctime, size) of every watched file, to compare between polls; the ctime sees a file made
    unreadable or readable again (chmod leaves the mtime alone). A file or folder that cannot be read
    counts as (-1, -1, -1): its change is seen, and the rebuild reports it; the polling goes on."""
    state: dict[str, tuple[int, int, int]] = {}
    for base in Layout(root).watched:
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
        found.extend(Path(top) / f for f in files if not f.startswith("."))
    return sorted(found)


EVENTS = "/__briefing/events"
# Reloads the page when the preview says a newer build is in place; reconnects by itself (EventSource)
# when the preview restarts. Nothing else: no text, no styles, nothing a reader could see.
RELOAD_SCRIPT = ("<script>(function(){var seen=null;var events=new EventSource(%s);"
                 "events.onmessage=function(e){if(seen!==null&&e.data!==seen){location.reload();}seen=e.data;};"
                 "})();</script>")


class Builds:
    """The number of the newest good build, and a way to wait until it changes."""

    def __init__(self) -> None:
        self.number = 0
        self.stopping = False
        self._changed = threading.Condition()

    def finished(self) -> None:
        with self._changed:
            self.number += 1
            self._changed.notify_all()

    def stop(self) -> None:
        with self._changed:
            self.stopping = True
            self._changed.notify_all()

    def wait(self, after: int, seconds: float) -> int:
        with self._changed:
            self._changed.wait_for(lambda: self.number != after or self.stopping, timeout=seconds)
            return self.number


class _Preview(http.server.SimpleHTTPRequestHandler):
    """Files of site/, with the reload script added to every HTML page on its way out."""

    builds: Builds

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's name
        pass

    def do_GET(self) -> None:
        if self.path.split("?")[0] == EVENTS:
            self._events()
            return
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if path.suffix == ".html" and path.is_file():
            self._page(path)
            return
        super().do_GET()

    def _page(self, path: Path) -> None:
        try:
            body = path.read_bytes()
        except OSError:
            self.send_error(404)
            return
        script = (RELOAD_SCRIPT % json.dumps(EVENTS)).encode("utf-8")
        at = body.rfind(b"</body>")
        body = body[:at] + script + body[at:] if at >= 0 else body + script
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def _events(self) -> None:
        """The build number now, then again each time it changes; a comment every 15 s keeps the line
        open through proxies and shows a closed tab, whose thread then ends."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        number = self.builds.number
        try:
            self.wfile.write(f"data: {number}\n\n".encode())
            self.wfile.flush()
            while not self.builds.stopping:
                newer = self.builds.wait(number, 15.0)
                if self.builds.stopping:
                    break
                self.wfile.write(f"data: {newer}\n\n".encode() if newer != number else b": still here\n\n")
                self.wfile.flush()
                number = newer
        except OSError:  # the page was closed or reloaded
            pass


def _rebuild(root: Path, out: TextIO, builds: Builds | None = None) -> bool:
    try:
        result = build(root, drafts=True)
    except BriefingError as exc:
        for problem in exc.problems:
            print(terminal(problem), file=out)
        print(terminal(f"briefing: {exc.message}; still serving the last good site", lines=True), file=out, flush=True)
        return False
    except OSError as exc:  # the machine refused something (a permission, the disk): the preview goes on
        where = Problems(root).rel(exc.filename) if exc.filename else "the dossier"
        print(terminal(f"briefing: {where}: {exc.strerror or exc}; still serving the last good site"), file=out,
              flush=True)
        return False
    print(f"rebuilt ({result.pages} pages, {len(result.pdfs)} PDFs)", file=out, flush=True)
    if builds is not None:
        builds.finished()
    return True


def serve(root: Path, host: str = "127.0.0.1", port: int = 8000, interval: float = 1.0,
          out: TextIO = sys.stdout, stop: Callable[[], bool] = lambda: False) -> None:
    """Build once, then serve and rebuild on change until interrupted (or `stop()` says so). The port is
    taken first, so a port in use is said at once rather than after the first build."""
    layout = Layout(root)
    try:
        layout.site.mkdir(exist_ok=True)
    except OSError as exc:
        raise BriefingError(f"cannot create {layout.site} ({exc.strerror}); serve needs to write in the dossier's "
                            "folder: make it writable, or serve a copy") from None
    builds = Builds()
    handler = functools.partial(type("Preview", (_Preview,), {"builds": builds}), directory=str(layout.site))
    try:
        server = http.server.ThreadingHTTPServer((host, port), handler)
    except OSError as exc:  # only here: a failure of the build or of the polling is no "cannot listen"
        raise BriefingError(f"cannot listen on {host}:{port} ({exc.strerror}); try another --port") from None
    try:
        seen = snapshot(root)  # before building: an edit made during the first build is not missed
        _rebuild(root, out)
    except BaseException:
        server.server_close()
        raise
    server.daemon_threads = True
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
                print(terminal(f"changed: {', '.join(changed[:5])}{' …' if len(changed) > 5 else ''}"), file=out,
                      flush=True)
                seen = now
                _rebuild(root, out, builds)
    finally:
        builds.stop()
        server.shutdown()
        server.server_close()
