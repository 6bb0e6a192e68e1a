"""`briefing serve`: a live preview on localhost that rebuilds on change and survives bad edits."""
from __future__ import annotations

import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import IO


def wait_for(stream: IO[str], pattern: str, seconds: float = 120) -> str:
    deadline = time.monotonic() + seconds
    seen = []
    while time.monotonic() < deadline:
        line = stream.readline()
        if not line:
            time.sleep(0.1)
            continue
        seen.append(line)
        if re.search(pattern, line):
            return line
    raise AssertionError(f"no line matching {pattern!r} in: {''.join(seen)}")


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - localhost only
        return response.read().decode("utf-8")


def test_serve_rebuilds_on_change_and_keeps_the_last_good_site(mini: Path) -> None:
    proc = subprocess.Popen([sys.executable, "-m", "generator", "--root", str(mini), "serve", "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1)
    try:
        assert proc.stdout is not None
        line = wait_for(proc.stdout, r"serving http://127\.0\.0\.1:\d+/")
        base = re.search(r"(http://127\.0\.0\.1:\d+/)", line).group(1)
        assert "Port Example strike" in fetch(base + "index.html")
        assert 'lang="ar" dir="rtl"' in fetch(base + "ar/index.html")

        dossier = mini / "content" / "dossier.yaml"
        dossier.write_text(dossier.read_text(encoding="utf-8").replace("Port Example strike", "Harbour dispute"),
                           encoding="utf-8")
        wait_for(proc.stdout, r"^rebuilt")
        assert "Harbour dispute" in fetch(base + "index.html")

        union = mini / "content" / "actors" / "dockworkers-union.yaml"
        union.write_text(union.read_text(encoding="utf-8").replace("kind: organisation", "kind: guild"),
                         encoding="utf-8")
        wait_for(proc.stdout, r"still serving the last good site")
        assert "Harbour dispute" in fetch(base + "index.html")
    finally:
        proc.terminate()
        proc.wait(timeout=30)
