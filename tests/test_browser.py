"""End-to-end tests in a real headless browser: Debian's chromium, driven by Playwright.

The built site of the shipped dossier is served on localhost; every request the pages make is
recorded, so a request to any other host fails the test. axe-core, from the npm registry, is
injected into each page type in both languages.
"""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path
from typing import Iterator

import pytest
from conftest import PROJECT

pytestmark = pytest.mark.browser

playwright_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = os.environ.get("BRIEFING_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
AXE = PROJECT / "node_modules" / "axe-core" / "axe.min.js"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]

PAGES = ["index.html", "briefings/tinzaouaten-ambush.html", "incidents/tinzaouaten-ambush-2024.html",
         "actors.html", "places.html", "timeline.html", "sources/index.html", "sources/cnn-2024-07-30.html",
         "sources/arabic-report-timbuktu-2021.html", "grades.html"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="module")
def base_url(built_shipped: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(built_shipped / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    assert Path(CHROMIUM).exists(), f"no chromium at {CHROMIUM}: install Debian's chromium (see .ci/run)"
    with playwright_api.sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield instance
        instance.close()


@pytest.fixture
def page(browser: object, base_url: str) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    tab = context.new_page()
    tab.problems = []  # console errors, page errors, requests leaving localhost, failed requests
    tab.on("console", lambda msg: tab.problems.append(f"console {msg.type}: {msg.text}")
           if msg.type == "error" else None)
    tab.on("pageerror", lambda exc: tab.problems.append(f"page error: {exc}"))
    tab.on("requestfailed", lambda req: tab.problems.append(f"failed: {req.url}"))

    def outgoing(route: object, request: object) -> None:
        url = request.url  # type: ignore[attr-defined]
        if url.startswith(base_url) or url.startswith("data:") or url.startswith("blob:"):
            route.continue_()  # type: ignore[attr-defined]
        else:
            tab.problems.append(f"external request: {url}")
            route.abort()  # type: ignore[attr-defined]
    tab.route("**/*", outgoing)
    yield tab
    context.close()


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("path", PAGES)
def test_pages_load_cleanly_with_the_right_direction(page: object, base_url: str, lang: str, path: str) -> None:
    url = base_url + ("ar/" if lang == "ar" else "") + path
    response = page.goto(url, wait_until="networkidle")  # type: ignore[attr-defined]
    assert response.status == 200
    html = page.locator("html")  # type: ignore[attr-defined]
    assert html.get_attribute("lang") == lang
    assert html.get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
    direction = page.evaluate("getComputedStyle(document.body).direction")  # type: ignore[attr-defined]
    assert direction == ("rtl" if lang == "ar" else "ltr")
    assert page.problems == []  # type: ignore[attr-defined]


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("path", ["index.html", "briefings/tinzaouaten-ambush.html",
                                  "incidents/tinzaouaten-ambush-2024.html", "actors.html",
                                  "sources/cnn-2024-07-30.html", "timeline.html", "grades.html"])
def test_no_serious_accessibility_violations(page: object, base_url: str, lang: str, path: str) -> None:
    assert AXE.is_file(), "axe-core is missing: run 'npm ci' (make test does)"
    page.goto(base_url + ("ar/" if lang == "ar" else "") + path, wait_until="networkidle")  # type: ignore[attr-defined]
    page.add_script_tag(path=str(AXE))  # type: ignore[attr-defined]
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")  # type: ignore[attr-defined]
    serious = [f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}"
               for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []


def test_language_switcher_keeps_the_page(page: object, base_url: str) -> None:
    # The theme's script fetches each language's sitemap and, if the other language's arrives first,
    # would take over the click and send the reader to that language's home page. Hold the English
    # sitemap back until the Arabic one has loaded, so the test always meets that order.
    held: list[object] = []
    page.route(base_url + "sitemap.xml", lambda route: held.append(route))  # type: ignore[attr-defined]
    with page.expect_response(lambda r: r.url.endswith("/ar/sitemap.xml")):  # type: ignore[attr-defined]
        page.goto(base_url + "incidents/tinzaouaten-ambush-2024.html")  # type: ignore[attr-defined]
    assert len(held) == 1
    page.unroute(base_url + "sitemap.xml")  # type: ignore[attr-defined]
    held[0].continue_()  # type: ignore[attr-defined]
    page.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
    page.locator(".md-header__option .md-select button").first.hover()  # type: ignore[attr-defined]
    page.locator('a.md-select__link[hreflang="ar"]').first.click()  # type: ignore[attr-defined]
    page.wait_for_url("**/ar/incidents/tinzaouaten-ambush-2024.html")  # type: ignore[attr-defined]
    page.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
    page.locator(".md-header__option .md-select button").first.hover()  # type: ignore[attr-defined]
    page.locator('a.md-select__link[hreflang="en"]').first.click()  # type: ignore[attr-defined]
    page.wait_for_url(base_url + "incidents/tinzaouaten-ambush-2024.html")  # type: ignore[attr-defined]


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_footnote_leads_to_the_cited_paragraph(page: object, base_url: str, lang: str) -> None:
    prefix = "ar/" if lang == "ar" else ""
    page.goto(base_url + prefix + "briefings/tinzaouaten-ambush.html")  # type: ignore[attr-defined]
    page.locator("sup a.footnote-ref").first.click()  # type: ignore[attr-defined]
    note = page.locator(".footnote li:target")  # type: ignore[attr-defined]
    assert note.count() == 1
    link = note.locator('a[href*="sources/"]').first
    href = link.get_attribute("href")
    link.click()
    anchor = href.split("#", 1)[1]
    page.wait_for_url(f"**/{prefix}sources/**#{anchor}")  # type: ignore[attr-defined]
    target = page.locator(f"[id='{anchor}']")  # type: ignore[attr-defined]
    assert target.evaluate("el => el.matches(':target')")
    assert target.locator("mark").count() >= 1  # the cited passage is highlighted
    box = target.bounding_box()
    assert box is not None and 0 <= box["y"] < 900


def search(tab: object, query: str) -> str:
    """Type a query the way a reader does, retyping until the search index has loaded."""
    tab.locator("label.md-search__icon, .md-search__input").first.click()  # type: ignore[attr-defined]
    box = tab.locator("input.md-search__input")  # type: ignore[attr-defined]
    results = tab.locator(".md-search-result__item")  # type: ignore[attr-defined]
    for _attempt in range(15):
        # fill() types Arabic as inserted text, with no key events; Material searches on keyup
        box.fill(query)
        box.press("End")
        try:
            results.first.wait_for(timeout=1000)
            return tab.locator(".md-search-result").inner_text()  # type: ignore[attr-defined]
        except playwright_api.TimeoutError:
            continue
    raise AssertionError(f"no search results for {query!r}")


@pytest.mark.parametrize("lang, query, expected", [("en", "ambush", "Tinzaouaten"), ("ar", "كمين", "تينزاواتين")])
def test_search_works_in_each_language(page: object, base_url: str, lang: str, query: str, expected: str) -> None:
    page.goto(base_url + ("ar/" if lang == "ar" else "") + "index.html", wait_until="networkidle")  # type: ignore[attr-defined]
    assert expected in search(page, query)


def result_pages(tab: object, query: str) -> list[str]:
    """The pages a query finds, as the links in the result list."""
    search(tab, query)
    links = tab.locator(".md-search-result__item > a.md-search-result__link")  # type: ignore[attr-defined]
    return sorted(set(links.evaluate_all("els => els.map(el => el.getAttribute('href').split('#')[0])")))


@pytest.mark.parametrize("bare, written", [("جيش", "الجيش"), ("مرتزقة", "للمرتزقة"), ("اسلحة", "أسلحة"),
                                           ("روسي", "الروسية"), ("2024", "٢٠٢٤")],
                         ids=["article", "fused-preposition", "hamza", "suffix", "digits"])
def test_arabic_search_finds_a_word_whatever_is_attached_to_it(page: object, base_url: str, bare: str,
                                                                written: str) -> None:
    """The article, fused prepositions, suffixes, hamza on the alef and the digits' script do not
    change which pages a reader finds."""
    page.goto(base_url + "ar/index.html", wait_until="networkidle")  # type: ignore[attr-defined]
    found = result_pages(page, bare)
    assert found and found == result_pages(page, written)


def test_arabic_search_keeps_latin_words(page: object, base_url: str) -> None:
    page.goto(base_url + "ar/index.html", wait_until="networkidle")  # type: ignore[attr-defined]
    assert "Telegram" in search(page, "telegram")


def test_the_site_works_opened_from_disk(browser: object, built_shipped: Path) -> None:
    """No server: pages, links and (through the worker stand-in) search work from file://."""
    context = browser.new_context()  # type: ignore[attr-defined]
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.on("request", lambda req: errors.append(f"external request: {req.url}")
           if not req.url.startswith(("file:", "data:", "blob:", "about:")) else None)
    tab.goto((built_shipped / "site" / "ar" / "index.html").as_uri())
    assert "تينزاواتين" in search(tab, "كمين")
    tab.keyboard.press("Escape")
    tab.locator('.md-content a[href$="incidents/index.html"], .md-content a[href*="incidents/"]').first.click()
    assert tab.url.startswith("file:") and "/ar/incidents/" in tab.url
    assert errors == []
    context.close()


def test_printing_a_page_leaves_out_the_navigation(page: object, base_url: str) -> None:
    page.goto(base_url + "ar/briefings/tinzaouaten-ambush.html", wait_until="networkidle")  # type: ignore[attr-defined]
    page.emulate_media(media="print")  # type: ignore[attr-defined]
    assert not page.locator(".md-header").is_visible()  # type: ignore[attr-defined]
    assert not page.locator(".md-sidebar--primary").is_visible()  # type: ignore[attr-defined]
    assert page.locator("article h1").is_visible()  # type: ignore[attr-defined]


@pytest.mark.parametrize("path", ["places.html", "ar/places.html", "incidents/tinzaouaten-ambush-2024.html",
                                  "ar/incidents/tinzaouaten-ambush-2024.html"])
def test_map_labels_as_the_browser_draws_them_overlap_nothing(page: object, base_url: str, path: str) -> None:
    """The map places labels with estimated widths; in the page's real font each label stays inside the
    box it was given, so no two labels meet and no label covers a place."""
    page.goto(base_url + path)  # type: ignore[attr-defined]
    found = page.evaluate("""() => {  // type: ignore
      const svg = document.querySelector('svg.locator-map');
      const box = e => { const b = e.getBBox(); return [b.x, b.y, b.x + b.width, b.y + b.height]; };
      return {
        labels: [...svg.querySelectorAll('.labels text')].map(t => [t.textContent, ...box(t)]),
        places: [...svg.querySelectorAll('.place-point, .place-circle')].map(c => [c.dataset.place, ...box(c)]),
      };
    }""")  # type: ignore[attr-defined]
    labels, places = found["labels"], found["places"]
    assert len(labels) >= 3 and places

    def meet(a: list, b: list) -> bool:
        return a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5 and a[2] < b[4] - 0.5 and b[2] < a[4] - 0.5

    for i, a in enumerate(labels):
        for b in labels[i + 1:] + places:
            assert not meet(a, b), (a[0], b[0])
    assert not page.problems  # type: ignore[attr-defined]
