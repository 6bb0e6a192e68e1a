"""A reader's first search: every byte a browser fetches opening a language's home page and running one search.

A built site served on localhost, Debian's chromium driven by Playwright (as `tests/test_browser.py` drives it),
a fresh browser context per language (nothing cached), every response's body counted: the page, its styles,
scripts and fonts, then the search's own files, until the first results are shown.

    .venv/bin/python tests/bench/search.py SITE_FOLDER

It is a measurement, not a test. `bench.py` calls `first_search` for each dossier it builds.
"""
from __future__ import annotations

import functools
import http.server
import json
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))

# A word every dossier has on many of its pages, in each language: a first search that finds much.
QUERIES = {"en": "sources", "ar": "مصادر"}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@contextmanager
def _served(site: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def first_search(site: Path, languages: tuple[str, ...] = ("en", "ar")) -> dict[str, dict[str, int]]:
    """Per language: bytes fetched by the home page (`page`), by the first search on top (`search`), their
    sum (`total`) and the number of responses (`responses`)."""
    from conftest import CHROMIUM, CHROMIUM_ARGS
    from playwright.sync_api import Request, sync_playwright

    measured: dict[str, dict[str, int]] = {}
    with _served(site) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            for lang in languages:
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                tab = context.new_page()
                sizes: list[int] = []

                def counted(request: Request, sizes: list[int] = sizes) -> None:
                    sizes.append(request.sizes()["responseBodySize"])
                tab.on("requestfinished", counted)
                tab.goto(url + ("" if lang == languages[0] else f"{lang}/") + "index.html", wait_until="networkidle")
                page = sum(sizes)
                tab.locator(".briefing-search__input").fill(QUERIES.get(lang, QUERIES["en"]))
                tab.locator(".briefing-search__result").first.wait_for(timeout=30_000)
                tab.wait_for_load_state("networkidle")
                total = sum(sizes)
                measured[lang] = {"page": page, "search": total - page, "total": total, "responses": len(sizes)}
                context.close()
        finally:
            browser.close()
    return measured


if __name__ == "__main__":
    print(json.dumps(first_search(Path(sys.argv[1])), indent=1))
