"""`briefing serve`: a live preview on localhost that rebuilds on change and survives bad edits."""
from __future__ import annotations

import queue
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from typing import IO

import pytest
from conftest import find

from generator.serve import DIGEST, EVENTS

pytestmark = pytest.mark.slow


class Lines:
    """The process's output lines, read in a thread so that waiting for one can time out."""

    def __init__(self, stream: IO[str]) -> None:
        self.queue: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._pump, args=(stream,), daemon=True).start()

    def _pump(self, stream: IO[str]) -> None:
        for line in stream:
            self.queue.put(line)

    def wait_for(self, pattern: str, seconds: float = 180) -> str:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                line = self.queue.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                break
            self.seen.append(line)
            if re.search(pattern, line):
                return line
        raise AssertionError(f"no line matching {pattern!r} in: {''.join(self.seen)}")

    def so_far(self, seconds: float = 1.0) -> str:
        """Everything printed until now, after `seconds` for what is still on its way."""
        time.sleep(seconds)
        while not self.queue.empty():
            self.seen.append(self.queue.get())
        return "".join(self.seen)


# A build with nothing left to make: its pages and PDFs in place (a preview's build may leave PDFs to make:
# "rebuilt (N pages, M PDFs; making K PDF(s))")
SETTLED = r"^rebuilt \([^;]*\)$"


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - localhost only
        return response.read().decode("utf-8")


def test_serve_rebuilds_on_change_and_keeps_the_last_good_site(mini: Path) -> None:
    proc = subprocess.Popen([sys.executable, "-m", "generator", "--root", str(mini), "serve", "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1)
    try:
        assert proc.stdout is not None
        lines = Lines(proc.stdout)
        line = lines.wait_for(r"serving http://127\.0\.0\.1:\d+/")
        base = find(r"(http://127\.0\.0\.1:\d+/)", line).group(1)
        assert "Port Example strike" in fetch(base + "index.html")
        assert 'lang="ar" dir="rtl"' in fetch(base + "ar/index.html")

        dossier = mini / "content" / "dossier.yaml"
        dossier.write_text(dossier.read_text(encoding="utf-8").replace("Port Example strike", "Harbour dispute"),
                           encoding="utf-8")
        lines.wait_for(r"^rebuilt")
        assert "Harbour dispute" in fetch(base + "index.html")

        union = mini / "content" / "actors" / "dockworkers-union.yaml"
        union.write_text(union.read_text(encoding="utf-8").replace("kind: organisation", "kind: guild"),
                         encoding="utf-8")
        lines.wait_for(r"still serving the last good site")
        assert "Harbour dispute" in fetch(base + "index.html")
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_pages_from_the_preview_reload_after_a_good_rebuild_and_the_site_itself_has_no_script(mini: Path) -> None:
    proc = subprocess.Popen([sys.executable, "-m", "generator", "--root", str(mini), "serve", "--port", "0",
                             ], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1)
    try:
        assert proc.stdout is not None
        lines = Lines(proc.stdout)
        base = find(r"(http://127\.0\.0\.1:\d+/)", lines.wait_for(r"serving http://")).group(1)
        for page in ("index.html", "ar/", "ar/incidents/harbour-strike.html"):
            assert "/__briefing/events" in fetch(base + page), page
        built = [p for p in (mini / "site").rglob("*") if p.is_file() and b"__briefing" in p.read_bytes()]
        assert built == []
        with urllib.request.urlopen(base + "__briefing/events", timeout=120) as events:  # noqa: S310
            assert events.headers["Content-Type"] == "text/event-stream"
            first = events.readline().decode()
            assert first.startswith("data: ")
            events.readline()
            dossier = mini / "content" / "dossier.yaml"
            dossier.write_text(dossier.read_text(encoding="utf-8").replace("Port Example strike", "Harbour dispute"),
                               encoding="utf-8")
            while (line := events.readline().decode()).startswith(":") or not line.strip():
                pass    # the keep-alive comments while the rebuild runs
            assert line.startswith("data: ") and line != first
        assert "Harbour dispute" in fetch(base + "index.html")
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_an_edit_is_served_before_its_pdfs_which_follow_and_the_pages_say_so_meanwhile(mini: Path) -> None:
    proc, lines, base = start_serving([sys.executable, "-m", "generator", "--root", str(mini), "serve", "--port", "0"])
    try:
        lines.wait_for(SETTLED)                      # the first build's PDFs made and put in place
        pdf = mini / "site" / "pdf" / "harbour-strike.en.pdf"
        before = pdf.read_bytes()
        incident = mini / "content" / "incidents" / "harbour-strike.yaml"
        incident.write_text(incident.read_text(encoding="utf-8").replace(
            "At least 400 members joined the strike.", "At least 400 members joined the strike that day."),
            encoding="utf-8")
        lines.wait_for(r"^rebuilt \(.*; making 2 PDF\(s\)\)")
        page = fetch(base + "incidents/harbour-strike.html")
        assert "joined the strike that day" in page
        notice = '<p id="briefing-pdfs" role="status"'   # as the page comes, and as its script puts it in
        assert f'{notice} lang="en"' in page and "the PDFs are being made again" in page
        assert 'lang="ar" dir="rtl"' in fetch(base + "ar/incidents/harbour-strike.html").split(notice)[1][:40]
        assert urllib.request.urlopen(base + "pdf/harbour-strike.en.pdf", timeout=10).read() == before  # noqa: S310
        lines.wait_for(SETTLED)                      # the PDFs, made behind the pages, now in place
        assert notice not in fetch(base + "incidents/harbour-strike.html")
        assert pdf.read_bytes() != before
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_a_site_already_built_is_served_at_once_and_brought_up_to_date_behind_it(mini: Path) -> None:
    subprocess.run([sys.executable, "-m", "generator", "--root", str(mini), "build"], check=True,
                   capture_output=True)
    dossier = mini / "content" / "dossier.yaml"
    dossier.write_text(dossier.read_text(encoding="utf-8").replace("Port Example strike", "Harbour dispute"),
                       encoding="utf-8")
    proc, lines, base = start_serving([sys.executable, "-m", "generator", "--root", str(mini), "serve", "--port", "0"])
    try:
        assert "Port Example strike" in fetch(base + "index.html")   # served before any build: the site as it was
        lines.wait_for(r"^rebuilt")
        assert "Harbour dispute" in fetch(base + "index.html")
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def start_serving(command: list[str]) -> tuple[subprocess.Popen[str], Lines, str]:
    """Start `briefing serve` (the given command line) and wait until it serves; its address."""
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1,
                            cwd=Path(__file__).parent.parent)
    assert proc.stdout is not None
    lines = Lines(proc.stdout)
    line = lines.wait_for(r"serving http://127\.0\.0\.1:\d+/")
    return proc, lines, find(r"(http://127\.0\.0\.1:\d+/)", line).group(1)


def status_and_page(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - localhost only
        return response.status, response.read().decode("utf-8")


def test_serve_survives_every_hostile_input_and_recovers_when_it_is_fixed(mini: Path, tmp_path: Path) -> None:
    """After the site is up, each bad input in turn: serve prints the located problem, keeps serving
    the last good site, and rebuilds once the input is fixed. Run as an ordinary user would (as root,
    without the right to read every file), so that an unreadable file is unreadable."""
    from test_hostile import as_a_user, require_permissions
    require_permissions(tmp_path)
    secret = tmp_path / "secret.yaml"
    secret.write_text("id: secret\nkind: person\npassword: hunter2-do-not-print\n", encoding="utf-8")
    actors = mini / "content" / "actors"
    union = actors / "dockworkers-union.yaml"
    seed = mini / "seeds" / "harbour-en.md"
    seed_text = seed.read_bytes()
    cases = [  # (name, break it, fix it, the line serve must print)
        ("nested 600 deep", lambda: (actors / "deep.yaml").write_text("a: " + "[" * 600 + "]" * 600 + "\n"),
         (actors / "deep.yaml").unlink, r"^content/actors/deep\.yaml:1:\d+: error: .*\[yaml-depth\]"),
        ("link out of content/", lambda: (actors / "secret.yaml").symlink_to(secret),
         (actors / "secret.yaml").unlink, r"^content/actors/secret\.yaml:1:1: error: .*\[link-outside\]"),
        ("unreadable record", lambda: union.chmod(0), lambda: union.chmod(0o644),
         r"^content/actors/dockworkers-union\.yaml:1:1: error: cannot read file: Permission denied \[io\]"),
        ("unreadable folder", lambda: actors.chmod(0), lambda: actors.chmod(0o755),
         r"^content/actors:1:1: error: cannot open the folder \(Permission denied\).*\[unreadable-folder\]"),
        ("NUL in a seed", lambda: seed.write_bytes(seed_text.replace(b"The union said", b"The\0union said")),
         lambda: seed.write_bytes(seed_text), r"^seeds/harbour-en\.md:\d+:\d+: error: .*NUL.*\[seed-character\]"),
    ]
    proc, lines, base = start_serving([*as_a_user(), sys.executable, "-m", "generator", "--root", str(mini),
                                       "serve", "--port", "0"])
    try:
        lines.wait_for(SETTLED)
        good = status_and_page(base)
        assert good[0] == 200 and "Port Example strike" in good[1]
        for name, breaks, fixes, located in cases:
            breaks()
            lines.wait_for(located)
            lines.wait_for(r"still serving the last good site")
            assert status_and_page(base) == good, name
            fixes()
            lines.wait_for(SETTLED)
            assert status_and_page(base)[0] == 200, name
        assert proc.poll() is None
        assert "hunter2" not in "".join(lines.seen) and "Traceback" not in "".join(lines.seen)
        assert "internal error" not in "".join(lines.seen)
    finally:
        actors.chmod(0o755)
        proc.terminate()
        proc.wait(timeout=30)


def test_serve_starting_on_an_unreadable_seed_reports_it_and_serves(mini: Path) -> None:
    """The first build fails on a file the user may not read: a located problem, then serving (once,
    this ended in 'cannot listen on 127.0.0.1:PORT (Permission denied)')."""
    from test_hostile import as_a_user, require_permissions
    require_permissions(mini.parent)
    (mini / "seeds" / "harbour-en.md").chmod(0)
    proc, lines, base = start_serving([*as_a_user(), sys.executable, "-m", "generator", "--root", str(mini),
                                       "serve", "--port", "0"])
    try:
        assert any(re.search(r"^seeds/harbour-en\.md:1:1: error: cannot read the seed \(Permission denied\)", line)
                   for line in lines.seen)
        assert not any("cannot listen" in line for line in lines.seen)
        (mini / "seeds" / "harbour-en.md").chmod(0o644)
        lines.wait_for(r"^rebuilt")
        assert "Port Example strike" in fetch(base)
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_a_port_in_use_is_said_at_once_before_any_build(mini: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "generator", "--root", str(mini), "serve", "--port", str(port)],
                                capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"cannot listen on 127.0.0.1:{port} (Address already in use); try another --port" in result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert not (mini / "site" / "index.html").exists()   # said before building anything


def ask(port: int, raw: bytes) -> bytes:
    """Send `raw` as it is and read the whole answer (the preview closes the line after answering)."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as line:
        line.sendall(raw)
        answer = b""
        while chunk := line.recv(65536):
            answer += chunk
    return answer


def get(port: int, path: bytes, host: bytes | None = b"127.0.0.1:%d") -> bytes:
    header = b"" if host is None else b"Host: " + (host % port if b"%d" in host else host) + b"\r\n"
    return ask(port, b"GET " + path + b" HTTP/1.1\r\n" + header + b"Connection: close\r\n\r\n")


def status(answer: bytes) -> int:
    return int(find(r"^HTTP/1\.[01] (\d{3}) ", answer.decode("latin-1")).group(1))


def test_the_preview_answers_only_its_own_host_lists_no_folder_and_answers_every_request(mini: Path) -> None:
    """DNS rebinding: a page on another site that points its own name at 127.0.0.1 sends its own name as
    Host; the preview, drafts included, must not answer it. Folders are not listed. A request that
    cannot be served is answered (400, 404, 414), never dropped with a traceback in the output."""
    proc, lines, base = start_serving([sys.executable, "-m", "generator", "--root", str(mini), "serve",
                                       "--port", "0"])
    port = int(find(r":(\d+)/$", base).group(1))
    try:
        lines.wait_for(SETTLED)   # the PDFs are made after the first pages are served
        for host in (b"127.0.0.1:%d", b"localhost:%d", b"LOCALHOST:%d", b"[::1]:%d"):
            answer = get(port, b"/", host)
            assert status(answer) == 200 and b"Port Example strike" in answer, host
        strangers = [b"evil.example:%d", b"evil.example", b"127.0.0.1", b"127.0.0.1:1", b"localhost.:%d",
                     b"127.0.0.1:%d.evil.example", b""]
        for host in strangers:
            for path in (b"/", b"/ar/", EVENTS.encode(), b"/data/dossier.json", b"/pdf/harbour-strike.en.pdf"):
                answer = get(port, path, host)
                assert status(answer) == 400, (host, path)
                head, _, body = answer.partition(b"\r\n\r\n")
                assert b"text/plain" in head and b"Port Example" not in body and len(body) < 200, (host, path)
        assert status(get(port, b"/", None)) == 400     # no Host at all
        assert status(ask(port, b"GET / HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nHost: evil.example\r\n\r\n" % port)) == 400

        for folder, inside in ((b"/pdf/", b"harbour-strike.en.pdf"), (b"/data/", b"dossier.json")):
            answer = get(port, folder)
            assert status(answer) == 404 and inside not in answer, folder
            assert status(get(port, folder + inside)) == 200
        assert status(get(port, b"/ar/")) == 200   # a folder with its index.html is still its page

        # what an open page asks to decide whether to reload: the digest of the page's file, of no other file
        digest = DIGEST.encode()
        page = get(port, b"/incidents/harbour-strike.html").partition(b"\r\n\r\n")[2]
        mine = find(r"mine=\"([0-9a-f]{24})\"", page.decode()).group(1)
        for path in (b"/incidents/harbour-strike.html", b"%2Fincidents%2Fharbour-strike.html"):
            answer = get(port, digest + b"?page=" + path)
            assert status(answer) == 200 and answer.endswith(mine.encode()), path
        assert get(port, digest + b"?page=/").endswith(get(port, digest + b"?page=/index.html")[-24:])
        for path in (b"/../../etc/passwd", b"/%2e%2e/%2e%2e/etc/passwd", b"/data/dossier.json", b"/pdf/",
                     b"/no-such-page.html", b"incidents/harbour-strike.html", b"/a%00b.html", b""):
            answer = get(port, digest + b"?page=" + path)
            assert status(answer) == 404 and b"root:" not in answer, path
        assert status(get(port, digest + b"?page=/", b"evil.example:%d")) == 400

        long_name = b"/" + b"a" * 5000
        bad = [get(port, b"/%00"), get(port, b"/index.html%00.txt"), get(port, EVENTS.encode() + b"%00"),
               get(port, b"/a\x00b"), get(port, long_name), get(port, long_name + b".html"),
               get(port, long_name + b"/"), get(port, b"/" + b"a" * 70000), get(port, b"/../../etc/passwd"),
               get(port, b"/%2e%2e/%2e%2e/etc/passwd"), get(port, b"/ar/..%2f..%2fetc/passwd"),
               get(port, b"http://evil.example/"), get(port, b"*"), get(port, b"/%ff%fe"), get(port, b"/\xff"),
               get(port, b"/%ed%a0%80"), get(port, b"/%ed%a0%80.html"),
               ask(port, b"GARBAGE\r\n\r\n"), ask(port, b"GET / HTTP/1.1 extra words\r\n\r\n"),
               ask(port, b"\xff\xfe / HTTP/1.1\r\n\r\n"), ask(port, b"GET / HTTP/9.9\r\n\r\n"),
               ask(port, b"GET / HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nX: %s\r\n\r\n" % (port, b"a" * 70000))]
        for number, answer in enumerate(bad):
            assert status(answer) in (400, 404, 414, 431, 505), (number, answer[:200])
            assert b"root:" not in answer, number
        assert status(get(port, b"/index.html")) == 200   # still serving
        output = lines.so_far()
        assert "Traceback" not in output and "Error" not in output and "failed" not in output, output
        assert proc.poll() is None
    finally:
        proc.terminate()
        proc.wait(timeout=30)
