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

import contextlib
import functools
import gc
import hashlib
import http.server
import io
import json
import os
import re
import select
import signal
import sys
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO, Self, TextIO

from generator.build import BuildResult, Preview, build
from generator.desk.app import Desk, Request
from generator.errors import BriefingError, Problems, Superseded
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


class Watcher:
    """The polling (`snapshot`), in a process of its own, forked before the preview starts any thread: the
    builds running behind the pages (`Finishing`) would otherwise slow every one of its thousands of file
    checks, each of which waits its turn for the interpreter, so that an edit was seen half a second late.
    It sends each change as one line, the files that changed; `changes` waits for them."""

    def __init__(self, root: Path, interval: float) -> None:
        read, write = os.pipe()
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:   # the child: look, say what changed, and end with the preview
            os.close(read)
            try:
                _watch(root, interval, write, parent)
            finally:
                os._exit(0)
        os.close(write)
        self._pid, self._read, self._pending = pid, read, b""

    def changes(self, seconds: float) -> list[str]:
        """The files changed since the last call, waiting up to `seconds` for a first change; [] if none."""
        found: set[str] = set()
        timeout: float = seconds
        while select.select([self._read], [], [], timeout)[0]:
            chunk = os.read(self._read, 1 << 16)
            if not chunk:
                break
            self._pending += chunk
            *lines, self._pending = self._pending.split(b"\n")
            for line in lines:
                found.update(json.loads(line))
            timeout = 0   # and whatever else is already said
        return sorted(found)

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            os.kill(self._pid, signal.SIGKILL)
            os.waitpid(self._pid, 0)
        with contextlib.suppress(OSError):
            os.close(self._read)


def _watch(root: Path, interval: float, out: int, parent: int) -> None:
    seen = snapshot(root)
    pause = interval
    while os.getppid() == parent:
        time.sleep(pause)
        started = time.process_time()
        now = snapshot(root)
        # a look costs a few milliseconds a thousand files: at most a tenth of a core goes to looking (what this
        # process spends, not how long it waited for a core the builds were using)
        pause = max(interval, 9 * (time.process_time() - started))
        if now != seen:
            changed = sorted(set(now) ^ set(seen) | {k for k in now if k in seen and now[k] != seen[k]})
            seen = now
            try:
                os.write(out, (json.dumps(changed) + "\n").encode("utf-8"))
            except OSError:   # the preview is gone
                return


EVENTS = "/__briefing/events"
# What a page as the preview would hand it out now is (`_Preview._digest`), asked with ?page=<its path>.
DIGEST = "/__briefing/digest"
# When the preview says a newer build is in place, asks whether the page itself changed (an edit's first build
# and the build of every page after it change different pages) and reloads if it did (a page that is gone, or
# an answer that does not come, leaves it as it is: never a reload into an error); reconnects by itself
# (EventSource) when the preview restarts. Nothing else: no text, no styles, nothing a reader could see.
# The same message says whether the PDFs are being made, and the line that says so comes and goes without a
# reload (`making_pdfs_notice`, its id `NOTICE`).
NOTICE = "briefing-pdfs"
RELOAD_SCRIPT = ("<script>(function(){var seen=null,mine=%s,notice=%s;var events=new EventSource(%s);"
                 "function pdfs(on){var shown=document.getElementById(%s);"
                 "if(on&&!shown){document.body.insertAdjacentHTML('beforeend',notice);}if(!on&&shown){shown.remove();}}"
                 "events.onmessage=function(e){var said=e.data.split(' ');pdfs(said[1]==='pdfs');"
                 "if(seen!==null&&said[0]!==seen){"
                 "fetch(%s+encodeURIComponent(location.pathname),{cache:'no-store'})"
                 ".then(function(r){return r.ok?r.text():'';}).then(function(d){if(d&&d!==mine){location.reload();}});"
                 "}seen=said[0];};})();</script>")


class Builds:
    """The number of the newest good build, and a way to wait until it changes; and whether the PDFs of
    the newest are still being made (the pages say so until they are)."""

    def __init__(self) -> None:
        self.number = 0
        self.stopping = False
        self.making_pdfs = False
        self._changed = threading.Condition()

    def finished(self, making_pdfs: bool) -> None:
        with self._changed:
            self.number += 1
            self.making_pdfs = making_pdfs
            self._changed.notify_all()

    def said(self, number: int) -> str:
        """What the event stream says of build `number`: the number, and "pdfs" while its PDFs are made."""
        return f"{number} pdfs" if self.making_pdfs else str(number)

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
        if self.path.split("?")[0] == DIGEST:
            asked = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query, keep_blank_values=True)
            self._digest_of(asked.get("page", [""])[0])
            return
        try:
            path = self._html(self.path)
            if path is not None:
                self._page(path)
                return
        except (OSError, ValueError):  # a name too long for the system, or that it cannot encode
            self.send_error(404)
            return
        super().do_GET()

    def _html(self, target: str) -> Path | None:
        """The HTML file of site/ an address names (a folder's: its index.html), if it is one."""
        path = Path(self.translate_path(target))
        if path.is_dir() and target.split("?")[0].endswith("/"):
            path = path / "index.html"
        return path if path.suffix == ".html" and path.is_file() else None

    @staticmethod
    def _digest(body: bytes) -> str:
        """What a page's file holds, in short: an open page reloads when it changes."""
        return hashlib.sha256(body).hexdigest()[:24]

    def _digest_of(self, page: str) -> None:
        """The digest of the page at `page` (an address of this site), for an open page deciding whether to reload;
        an address that is no page, or a malformed one, is a 404."""
        try:
            if not page.startswith("/") or "\0" in page or ".." in page.split("/"):
                raise ValueError(page)
            path = self._html(page)
            body = self._digest(path.read_bytes()).encode("ascii") if path is not None else None
        except (OSError, ValueError):
            body = None
        if body is None:
            self.send_error(404)
            return
        self._fresh(body, "text/plain; charset=utf-8")

    def _fresh(self, body: bytes, content_type: str) -> None:
        """A 200 answer the browser must not keep: the preview's pages change with every edit."""
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

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
        notice = making_pdfs_notice(body)
        script = (RELOAD_SCRIPT % (json.dumps(self._digest(body)),
                                   json.dumps(notice.decode("utf-8")).replace("</", "<\\/"),   # inside a <script>
                                   json.dumps(EVENTS), json.dumps(NOTICE), json.dumps(DIGEST + "?page="))
                  ).encode("utf-8")
        if self.builds.making_pdfs:
            script += notice
        at = body.rfind(b"</body>")
        self._fresh(body[:at] + script + body[at:] if at >= 0 else body + script, "text/html; charset=utf-8")

    def _events(self) -> None:
        """The build number now, then again each time it changes; a comment every 15 s keeps the line
        open through proxies and shows a closed tab, whose thread then ends."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        number = self.builds.number
        try:
            self.wfile.write(f"data: {self.builds.said(number)}\n\n".encode())
            self.wfile.flush()
            while not self.builds.stopping:
                newer = self.builds.wait(number, 15.0)
                if self.builds.stopping:
                    break
                self.wfile.write(f"data: {self.builds.said(newer)}\n\n".encode() if newer != number
                                 else b": still here\n\n")
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
    return (f'<p id="{NOTICE}" role="status" lang="{lang}" dir="{i18n.direction(lang)}" style="position:fixed;bottom:0;'
            'inset-inline:0;margin:0;padding:.4em 1em;background:#fff3cd;color:#3d2e00;font-size:.8rem;'
            f'z-index:10">{html(text)}</p>').encode()


class Turns:
    """The lock that the preview's builds and the desk take turns with. A build that can wait (what follows an
    edit's first pages, `Finishing`) asks `wanted` and gives way as soon as anyone else is waiting: the desk's
    save, or the first build of the next edit."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._waiting = 0
        self._count = threading.Lock()
        self.patient = self._lock   # the same lock, for one who waits its turn without asking anyone to give way

    def __enter__(self) -> Self:
        with self._count:
            self._waiting += 1
        try:
            self._lock.acquire()
        finally:
            with self._count:
                self._waiting -= 1
        return self

    def __exit__(self, *exc: object) -> None:
        self._lock.release()

    def wanted(self) -> bool:
        return self._waiting > 0


@dataclass
class Session:
    """What a preview's builds share: the dossier, where they say what they did, the number of the newest
    (`Builds`), the turns they and the desk take, and whether to print each one's stage times."""

    root: Path
    out: TextIO
    builds: Builds
    turns: Turns
    timings: bool = False

    def rebuild(self, preview: Preview) -> BuildResult | None:
        """A build of the preview; its problems said, and None, when it cannot be made. `Superseded` goes
        through: the build gave way (`Preview.stop`), and says nothing."""
        out = self.out
        try:
            with self.turns:
                result = build(self.root, drafts=True, preview=preview)
        except BriefingError as exc:
            for problem in exc.problems:
                print(terminal(problem), file=out)
            print(terminal(f"briefing: {exc.message}; still serving the last good site", lines=True), file=out,
                  flush=True)
            return None
        except OSError as exc:  # the machine refused something (a permission, the disk): the preview goes on
            where = Problems(self.root).rel(exc.filename) if exc.filename else "the dossier"
            print(terminal(f"briefing: {where}: {exc.strerror or exc}; still serving the last good site"), file=out,
                  flush=True)
            return None
        # until a build puts this edit's PDFs in, a briefing's PDF is the one made before it
        self.builds.finished(making_pdfs=bool(result.later) or (result.first is not None and bool(result.pdfs)))
        if self.timings:
            print("  ".join(f"{stage} {seconds:.2f} s" for stage, seconds in result.timings.items()), file=out)
        if result.first is not None:
            print(f"rebuilt (first the {len(result.first)} page(s) the edit touches, in each language; the rest "
                  "follows)", file=out, flush=True)
        else:
            making = f"; making {len(result.later)} PDF(s)" if result.later else ""
            print(f"rebuilt ({result.pages} pages, {len(result.pdfs)} PDFs{making})", file=out, flush=True)
        return result


class Finishing:
    """What follows a build of the preview, in a thread of its own, while the pages are served: the build of
    every page (after an edit's first pages), the PDFs laid out in a process of their own (`typeset.Filling`),
    then the build that puts them and the search index in. Each of its builds gives way (`Superseded`) when the
    next edit comes (`cancel`), and to the desk, after whose turn it goes on."""

    def __init__(self, session: Session, preview: Preview, begun: BuildResult | None) -> None:
        self._session, self._preview = session, preview
        self._cancelled = threading.Event()
        self._thread = threading.Thread(target=self._run_said, args=(begun,), daemon=True)
        self._thread.start()

    def cancel(self) -> None:
        """Stop at once whatever it is doing (a build, the PDFs), and return when it has."""
        self._cancelled.set()
        self._thread.join()

    def _stop(self) -> bool:
        return self._cancelled.is_set() or self._session.turns.wanted()

    def _build(self, pdfs_later: bool) -> BuildResult | None:
        """One build, taken again after the desk's turn; None when it failed (and said why) or was cancelled."""
        preview = replace(self._preview, edited=None, pdfs_later=pdfs_later, stop=self._stop)
        while not self._cancelled.is_set():
            try:
                return self._session.rebuild(preview)
            except Superseded:
                time.sleep(0.05)   # the desk's turn, or the next edit's (which cancels this)
        return None

    def _run_said(self, begun: BuildResult | None) -> None:
        """`_run`; a fault of ours in it is one line on the terminal, as the command line says one, and the
        preview goes on serving (the next edit builds again)."""
        try:
            self._run(begun)
        except Exception as exc:  # noqa: BLE001 - a bug of ours: one line, never a traceback
            print(terminal(f"briefing: internal error behind the pages ({type(exc).__name__}: {exc}); still "
                           "serving the pages built so far; please report it"), file=self._session.out, flush=True)

    def _run(self, begun: BuildResult | None) -> None:
        layout = Layout(self._session.root)
        result = begun
        if result is None or result.first is not None:   # nothing built yet, or an edit's first pages only
            result = self._build(pdfs_later=True)
        if result is None or result.finished:
            return
        if result.later:
            filling = typeset.Filling(result.later, layout.pdf_cache, layout.pdf_scratch)
            try:
                while not filling.done():
                    if self._cancelled.wait(0.1):
                        return
            finally:
                filling.stop()
            if filling.failed():   # a build that makes them itself says why, and the notice goes
                self._session.builds.making_pdfs = False
        self._build(pdfs_later=False)   # laid out, in the cache now: put in place, as a cold build would


def serve(root: Path, host: str = "127.0.0.1", port: int = 8000, interval: float = 0.1,
          out: TextIO = sys.stdout, stop: Callable[[], bool] = lambda: False, timings: bool = False) -> None:
    """Serve, and rebuild on change until interrupted (or `stop()` says so). The port is taken first, so a
    port in use is said at once rather than after the first build. A site already there is served at once
    and brought up to date behind it; without one, the first build comes first.

    Builds are the preview's (`build.Preview`): MkDocs kept running; after an edit, the pages it touches first,
    served at once; then, in the background (`Finishing`), every page, the search index and the PDFs, each step
    stopped by the next edit."""
    layout = Layout(root)
    try:
        layout.site.mkdir(exist_ok=True)
    except OSError as exc:
        raise BriefingError(f"cannot create {layout.site} ({exc.strerror}); serve needs to write in the dossier's "
                            "folder: make it writable, or serve a copy") from None
    builds = Builds()
    turns = Turns()
    desk = Desk(root, host, lock=turns, reading=turns.patient)
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
    session = Session(root, out, builds, turns, timings)
    finishing: Finishing | None = None

    def then(begun: BuildResult | None) -> Finishing:
        return Finishing(session, preview, begun)

    watcher = Watcher(root, interval)  # before building: an edit made during the first build is not missed
    try:
        ready = (layout.site / "index.html").is_file()
        begun = None if ready else session.rebuild(preview)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        print(f"serving {address} (English) and {address}ar/ (Arabic); Ctrl-C stops", file=out, flush=True)
        if desk.local:
            print(f"the editor's desk: {address}desk/ (English) and {address}desk/ar/ (Arabic)", file=out, flush=True)
        else:
            print(terminal(f"the editor's desk is off: serve listens on {host}, which other machines can reach; "
                           "restart without --host to edit at /desk/"), file=out, flush=True)
        if ready or begun is not None:
            finishing = then(begun)
        settled = begun is not None and _settle_memory()
        while not stop():
            changed = watcher.changes(interval)
            if not changed:
                continue
            print(terminal(f"changed: {', '.join(changed[:5])}{' …' if len(changed) > 5 else ''}"), file=out,
                  flush=True)
            if finishing is not None:
                finishing.cancel()
                finishing = None
            begun = session.rebuild(replace(preview, edited=frozenset(changed)))
            if begun is not None:
                finishing = then(begun)
                settled = settled or _settle_memory()
    finally:
        watcher.stop()
        if finishing is not None:
            finishing.cancel()
        builds.stop()
        server.shutdown()
        server.server_close()
        preview.mkdocs.close()


def _settle_memory() -> bool:
    """Once, after the first build that loaded the dossier: what is in memory then (its records, the compiled
    templates) is kept out of the garbage collector's rounds, each of which went through all of it (a fifth of
    a second at 1,000 sources, at any moment of a build). Objects made later are collected as before, and
    those kept are freed as before when no longer used (records hold no cycles)."""
    gc.collect()
    gc.freeze()
    return True
