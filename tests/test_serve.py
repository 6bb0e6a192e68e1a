"""`briefing serve`: a live preview on localhost that rebuilds on change and survives bad edits."""
from __future__ import annotations

import queue
import re
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from typing import IO

import pytest

pytestmark = pytest.mark.slow


class Lines:
    """The process's output lines, read in a thread so that waiting for one can time out."""

    def __init__(self, stream: IO[str]) -> None:
        self.queue: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=lambda: [self.queue.put(line) for line in stream], daemon=True).start()

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
        base = re.search(r"(http://127\.0\.0\.1:\d+/)", line).group(1)
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
        base = re.search(r"(http://127\.0\.0\.1:\d+/)", lines.wait_for(r"serving http://")).group(1)
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
