"""Live preview: serve site/ on localhost and rebuild when content/, seeds/ or templates/ change.

Changes are found by polling file times and sizes (no platform file-watching to go wrong); a
rebuild that fails prints its problems and keeps serving the last good site. Each rebuild starts
from what the previous one left: records already read come from memory (`factbase.cache`) and
MkDocs renders only the pages whose Markdown changed.

Open pages reload themselves after a good rebuild: every HTML page the preview hands out carries a
small script that listens on /__briefing/events (server-sent events) and reloads when the build it
was served from is no longer the newest. Only the preview adds it: the files in site/ never hold it.

Under /desk/ it serves the editor's desk (`generator.desk`), after the same Host check; a rebuild and a
change made at the desk take turns (one lock), so a build never reads a file while it is being written.
"""
from __future__ import annotations

import functools
import http.server
import io
import json
import os
import re
import sys
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO, TextIO

from generator.build import BuildResult, Preview, build
from generator.desk.app import Desk, Request
from generator.errors import BriefingError, Problems
from generator.layout import Layout
from generator.pdf import typeset
from generator.site import mkdocs_project
from generator.text.escape import html, terminal
from generator.views import i18n


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
    """The number of the newest good build, and a way to wait until it changes; and whether the PDFs of
    the newest are still being made (the pages say so until they are)."""

    def __init__(self) -> None:
        self.number = 0
        self.stopping = False
        self.making_pdfs = False
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


def allowed_hosts(host: str, port: int) -> frozenset[str]:
    """The `Host` headers the preview answers: this machine's loopback names with its own port, and the
    address it listens on when that is a particular one. Any other name may be a page elsewhere that
    made its own domain point here (DNS rebinding) to read the preview, drafts included."""
    names = {"127.0.0.1", "localhost", "[::1]"}
    if host not in ("", "0.0.0.0", "::"):
        names.add(f"[{host}]" if ":" in host else host)
    return frozenset(f"{name}:{port}".lower() for name in names)


class _Server(http.server.ThreadingHTTPServer):
    """The preview's server; a request that fails says so in one line, never with a traceback."""

    daemon_threads = True
    out: TextIO = sys.stdout

    def handle_error(self, request: object, client_address: tuple[str, int]) -> None:
        error = sys.exc_info()[1]
        if isinstance(error, ConnectionError | TimeoutError):   # the browser left mid-answer: nothing to say
            return
        print(f"preview: a request failed ({type(error).__name__}: {error}); still serving", file=self.out,
              flush=True)


class _Preview(http.server.SimpleHTTPRequestHandler):
    """Files of site/, with the reload script added to every HTML page on its way out. It answers only
    requests addressed to this machine by name and port, lists no folder, and answers a request it
    cannot serve with 400 or 404 rather than a dropped connection."""

    builds: Builds
    desk: Desk
    hosts: frozenset[str]   # the Host headers answered (`allowed_hosts`)
    home: str               # the preview's address, named to a request refused for its Host
    default_request_version = "HTTP/1.0"   # a malformed request line is answered with a status line too

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's name
        pass

    def parse_request(self) -> bool:
        """The stdlib's parsing (400 for a malformed request line or header), then the preview's own
        refusals, before any method runs: a stranger's Host, a target that is not a plain path."""
        if not super().parse_request():
            return False
        given = self.headers.get_all("Host") or []
        if len(given) != 1 or given[0].strip().lower() not in self.hosts:
            self._refuse(400, f"this preview answers only at {self.home} (or localhost, same port)")
            return False
        target = urllib.parse.unquote(self.path.split("?", 1)[0].split("#", 1)[0])
        if not target.startswith("/") or "\0" in target or ".." in target.split("/"):
            self._refuse(400, "not a path of this site")
            return False
        return True

    def _refuse(self, code: int, text: str) -> None:
        body = f"{text}\n".encode()
        self.close_connection = True
        self.send_response(code)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_GET(self) -> None:
        if self._for_desk():
            self._desk()
            return
        if self.path.split("?")[0] == EVENTS:
            self._events()
            return
        try:
            path = Path(self.translate_path(self.path))
            if path.is_dir() and self.path.split("?")[0].endswith("/"):
                path = path / "index.html"
            if path.suffix == ".html" and path.is_file():
                self._page(path)
                return
        except (OSError, ValueError):  # a name too long for the system, or that it cannot encode
            self.send_error(404)
            return
        super().do_GET()

    def do_POST(self) -> None:
        """Only the desk takes a POST; the site is read-only."""
        if self._for_desk():
            self._desk()
        else:
            self._refuse(405, "the preview only shows pages; changes are made at /desk/")

    def _for_desk(self) -> bool:
        path = self.path.split("?", 1)[0]
        return path == "/desk" or path.startswith("/desk/")

    def _desk(self) -> None:
        """The desk's answer, written out; a fault of ours is one line here and a plain 500 there."""
        request = Request(self.command, self.path, self.headers, self.headers.get("Host", "").strip(), self.rfile)
        try:
            answer = self.desk.handle(request)
        except Exception as exc:  # noqa: BLE001 - any bug of ours: one line, never a traceback
            print(terminal(f"desk: a request failed ({type(exc).__name__}: {exc}); this is a bug in briefing, "
                           "please report it; still serving"), file=self.server.out, flush=True)  # type: ignore[attr-defined]
            self._refuse(500, "the desk failed on this request (a bug in briefing; the terminal says more)")
            return
        self.send_response(answer.status)
        self.send_header("Content-Type", answer.content_type)
        self.send_header("Content-Length", str(len(answer.body)))
        for name, value in answer.headers.items():
            self.send_header(name, value)
        if self.command == "POST":
            self.send_header("Connection", "close")   # a body left unread (a refused form) must not be parsed next
            self.close_connection = True
        self.end_headers()
        self.wfile.write(answer.body)

    def send_head(self) -> io.BytesIO | BinaryIO | None:
        """The stdlib's, with a file the system cannot open (a name too long, or not encodable) a 404."""
        try:
            return super().send_head()
        except (OSError, ValueError):
            self.send_error(404)
            return None

    def list_directory(self, path: str | os.PathLike[str]) -> None:
        """No listing of a folder's files (site/pdf/, site/data/): a folder without index.html is 404."""
        self.send_error(404)

    def _page(self, path: Path) -> None:
        try:
            body = path.read_bytes()
        except OSError:
            self.send_error(404)
            return
        script = (RELOAD_SCRIPT % json.dumps(EVENTS)).encode("utf-8")
        if self.builds.making_pdfs:
            script += making_pdfs_notice(body)
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


_PAGE_LANGUAGE = re.compile(rb"<html[^>]*\slang=\"([A-Za-z-]+)\"")


def making_pdfs_notice(page: bytes) -> bytes:
    """A line at the foot of the window, in the page's language, while the preview makes the PDFs of an
    edit: until then a briefing's PDF link gives the one made before it."""
    found = _PAGE_LANGUAGE.search(page[:2048])
    lang = found.group(1).decode("ascii") if found else "en"
    text = i18n.gettext_for(lang, "Preview: the PDFs are being made again; until they are, a briefing's PDF is "
                                  "the one made before this change.")
    return (f'<p role="status" lang="{lang}" dir="{i18n.direction(lang)}" style="position:fixed;bottom:0;'
            'inset-inline:0;margin:0;padding:.4em 1em;background:#fff3cd;color:#3d2e00;font-size:.8rem;'
            f'z-index:10">{html(text)}</p>').encode()


def _rebuild(root: Path, out: TextIO, builds: Builds | None = None, lock: threading.Lock | None = None,
             preview: Preview | None = None, reload: bool = True) -> BuildResult | None:
    try:
        with lock or threading.Lock():
            result = build(root, drafts=True, preview=preview)
    except BriefingError as exc:
        for problem in exc.problems:
            print(terminal(problem), file=out)
        print(terminal(f"briefing: {exc.message}; still serving the last good site", lines=True), file=out, flush=True)
        return None
    except OSError as exc:  # the machine refused something (a permission, the disk): the preview goes on
        where = Problems(root).rel(exc.filename) if exc.filename else "the dossier"
        print(terminal(f"briefing: {where}: {exc.strerror or exc}; still serving the last good site"), file=out,
              flush=True)
        return None
    if builds is not None:
        builds.making_pdfs = bool(result.later)
        if reload:
            builds.finished()
    making = f"; making {len(result.later)} PDF(s)" if result.later else ""
    print(f"rebuilt ({result.pages} pages, {len(result.pdfs)} PDFs{making})", file=out, flush=True)
    return result


def serve(root: Path, host: str = "127.0.0.1", port: int = 8000, interval: float = 0.1,
          out: TextIO = sys.stdout, stop: Callable[[], bool] = lambda: False) -> None:
    """Serve, and rebuild on change until interrupted (or `stop()` says so). The port is taken first, so a
    port in use is said at once rather than after the first build. A site already there is served at once
    and brought up to date behind it; without one, the first build comes first.

    Builds are the preview's (`build.Preview`): MkDocs kept running, and the search index and the PDFs of an
    edit made after its pages are served (the PDFs in a process of their own, stopped by the next edit), then put
    in by a build that finishes the last."""
    layout = Layout(root)
    try:
        layout.site.mkdir(exist_ok=True)
    except OSError as exc:
        raise BriefingError(f"cannot create {layout.site} ({exc.strerror}); serve needs to write in the dossier's "
                            "folder: make it writable, or serve a copy") from None
    builds = Builds()
    desk = Desk(root, host)
    handler: type[_Preview] = type("Preview", (_Preview,), {"builds": builds, "desk": desk, "hosts": frozenset(),
                                                            "home": ""})
    try:
        server = _Server((host, port), functools.partial(handler, directory=str(layout.site)))
    except OSError as exc:  # only here: a failure of the build or of the polling is no "cannot listen"
        raise BriefingError(f"cannot listen on {host}:{port} ({exc.strerror}); try another --port") from None
    server.out = out
    address = f"http://{host}:{server.server_address[1]}/"    # port 0: the one the system gave
    handler.hosts, handler.home = allowed_hosts(host, server.server_address[1]), address
    preview = Preview(mkdocs_project.Workers())
    pdfs: typeset.Filling | None = None
    due = False   # a build to finish the last one (its search index and PDFs), once nothing else is to do

    def rebuild(finish: bool = False) -> typeset.Filling | None:
        """A build (with `finish`, one that makes the search index and puts in the PDFs `Filling` laid out); the
        PDFs it left to lay out, begun."""
        nonlocal due
        # open pages reload after a build that finishes the last only to lose the notice of PDFs being made
        result = _rebuild(root, out, builds, desk.lock, replace(preview, pdfs_later=False) if finish else preview,
                          reload=not finish or builds.making_pdfs)
        due = result is not None and not result.finished and not result.later
        return typeset.Filling(result.later, layout.pdf_cache, layout.pdf_scratch) if result and result.later \
            else None

    try:
        seen = snapshot(root)  # before building: an edit made during the first build is not missed
        ready = (layout.site / "index.html").is_file()
        if not ready:
            pdfs = rebuild()
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        print(f"serving {address} (English) and {address}ar/ (Arabic); Ctrl-C stops", file=out, flush=True)
        if desk.local:
            print(f"the editor's desk: {address}desk/ (English) and {address}desk/ar/ (Arabic)", file=out, flush=True)
        else:
            print(terminal(f"the editor's desk is off: serve listens on {host}, which other machines can reach; "
                           "restart without --host to edit at /desk/"), file=out, flush=True)
        if ready:
            pdfs = rebuild()
        pause = interval
        while not stop():
            time.sleep(pause)
            started = time.perf_counter()
            now = snapshot(root)
            # a look costs a few milliseconds a thousand files: at most a tenth of a core goes to looking
            pause = max(interval, 9 * (time.perf_counter() - started))
            if now != seen:
                changed = sorted(set(now) ^ set(seen) | {k for k in now if k in seen and now[k] != seen[k]})
                print(terminal(f"changed: {', '.join(changed[:5])}{' …' if len(changed) > 5 else ''}"), file=out,
                      flush=True)
                seen = now
                if pdfs is not None:
                    pdfs.stop()
                pdfs = rebuild()
            elif pdfs is not None and pdfs.done():
                failed, pdfs = pdfs.failed(), None
                if failed:   # a build that makes them itself says why, and the notice goes
                    builds.making_pdfs = False
                    _rebuild(root, out, builds, desk.lock)
                else:        # laid out, in the cache now: a build puts them in place, as a cold build would
                    pdfs = rebuild(finish=True)
            elif due:        # no PDF to lay out: the search index still to make
                pdfs = rebuild(finish=True)
    finally:
        if pdfs is not None:
            pdfs.stop()
        builds.stop()
        server.shutdown()
        server.server_close()
        preview.mkdocs.close()
