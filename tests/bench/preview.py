"""Save-to-screen: how long an editor waits between saving a record and the preview showing it.

A real `briefing serve` on a copy of a dossier, real edits to a file under content/, and a real HTTP
client asking for the page every 50 ms until it carries the new words: the time from the write to the
first answer that shows them. Also the time from starting `serve` to its first answer, with a site
already built (as an editor's dossier has one).

    .venv/bin/python tests/bench/preview.py [DOSSIER] [--edits 7]

It is a measurement, not a test.
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
POLL = 0.05
EDITS = 7


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> bytes | None:
    try:
        with urllib.request.urlopen(url, timeout=30) as answer:   # noqa: S310 - the preview on loopback
            return bytes(answer.read())
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def first_claim_text(root: Path) -> tuple[Path, str, str]:
    """An incident file, one English claim text in it and the page that shows it: the largest incident's
    first claim text with nothing HTML would escape (in the shipped dossier, a claim its briefings cite)."""
    for path in sorted((root / "content" / "incidents").glob("*.yaml"), key=lambda p: (-p.stat().st_size, p.name)):
        text = path.read_text(encoding="utf-8")
        found = re.search(r"^ +(?:- )?text:\n +en: ([A-Za-z0-9][^\n\"'&<>]{10,})$", text, re.MULTILINE)
        if found:
            return path, found.group(1), f"incidents/{path.stem}.html"
    raise SystemExit(f"no incident with an English claim text in {root}")


def save_to_screen(root: Path, edits: int = EDITS, python: str = sys.executable) -> dict[str, object]:
    """Start a preview of `root` (which it changes), make `edits` edits one after another, and time each."""
    subprocess.run([python, "-m", "generator", "build", "--root", str(root)], check=True, capture_output=True,
                   cwd=ROOT)
    port = free_port()
    started = time.perf_counter()
    proc = subprocess.Popen([python, "-m", "generator", "serve", "--root", str(root), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT)
    path, words, page = first_claim_text(root)
    url = f"http://127.0.0.1:{port}/{page}"
    try:
        while fetch(url) is None:
            if proc.poll() is not None:
                raise SystemExit(f"serve stopped:\n{proc.stdout.read() if proc.stdout else ''}")
            time.sleep(POLL)
        first = time.perf_counter() - started
        times = []
        current = words
        for n in range(edits):
            time.sleep(1.0)   # an editor reads before saving again
            token = f"benchedit{n}"   # one word: the page may link a name inside the claim's text
            edited = f"{words} {token}"
            text = path.read_text(encoding="utf-8")
            saved = time.perf_counter()
            path.write_text(text.replace(current, edited, 1), encoding="utf-8")
            current = edited
            deadline = saved + 120
            while time.perf_counter() < deadline:
                body = fetch(url)
                if body is not None and token.encode() in body:
                    break
                time.sleep(POLL)
            times.append(time.perf_counter() - saved)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    return {"first_answer_s": round(first, 2), "save_to_screen_s": [round(t, 2) for t in times],
            "median_s": round(statistics.median(times), 2)}


def shipped(base: Path, edits: int = EDITS) -> dict[str, object]:
    """Save-to-screen on a copy of this repository's own dossier (the shipped one), made under `base`."""
    copy = base / "shipped"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(".git", ".venv", "node_modules", ".build", "site",
                                                              "tests"))
    return save_to_screen(copy, edits)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dossier", type=Path, nargs="?", help="a dossier to copy (default: this repository's)")
    parser.add_argument("--edits", type=int, default=EDITS)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.dossier is None:
            print(json.dumps(shipped(Path(tmp), args.edits), indent=1))
        else:
            copy = Path(tmp) / "dossier"
            shutil.copytree(args.dossier, copy, ignore=shutil.ignore_patterns(".git", ".build", "site"))
            print(json.dumps(save_to_screen(copy, args.edits), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
