"""End-to-end tests in a real headless browser: Debian's chromium, driven by Playwright.

The built site of the shipped dossier is served on localhost; every request the pages make is
recorded, so a request to any other host fails the test. axe-core, from the npm registry, is
injected into each page type in both languages.
"""
from __future__ import annotations

import contextlib
import functools
import http.server
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import PROJECT

pytestmark = pytest.mark.browser

playwright_api = pytest.importorskip("playwright.sync_api")

AXE = PROJECT / "node_modules" / "axe-core" / "axe.min.js"

PAGES = ["index.html", "briefings/tinzaouaten-ambush.html", "incidents/tinzaouaten-ambush-2024.html",
         "actors.html", "places.html", "timeline.html", "sources/index.html", "sources/cnn-2024-07-30.html",
         "sources/arabic-report-timbuktu-2021.html", "grades.html"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@contextlib.contextmanager
def serving(site: Path) -> Iterator[str]:
    """A built site served on localhost, for as long as the block runs."""
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def base_url(built_shipped: Path) -> Iterator[str]:
    with serving(built_shipped / "site") as url:
        yield url


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
        if url.startswith((base_url, "data:", "blob:")):
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


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("path", ["index.html", "briefings/tinzaouaten-ambush.html",
                                  "incidents/tinzaouaten-ambush-2024.html", "actors.html", "sources/index.html",
                                  "sources/cnn-2024-07-30.html", "timeline.html", "grades.html"])
def test_no_serious_accessibility_violations(page: object, base_url: str, lang: str, path: str, width: int) -> None:
    assert AXE.is_file(), "axe-core is missing: run 'npm ci' (make test does)"
    page.set_viewport_size({"width": width, "height": 900})  # type: ignore[attr-defined]
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

    def hold(route: object) -> None:   # a function of our own: Playwright marks the handler it is given
        held.append(route)

    page.route(base_url + "sitemap.xml", hold)  # type: ignore[attr-defined]
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


# The passage a note's link targets and the other cited passages, as the reader sees them (briefing.css).
TARGETED, CITED = "rgb(255, 179, 0)", "rgb(255, 243, 176)"
OTHER_PASSAGES = """() => [...document.querySelectorAll('mark.cited:not(:target)')]
  .filter(m => !m.closest(':target')).map(m => getComputedStyle(m).backgroundColor)"""


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_note_lands_on_its_quoted_words_highlighted_and_visible(page: object, base_url: str, lang: str) -> None:
    """From a note call on the incident page to its note, then to the source: the quoted words themselves
    are the target, drawn apart from the other cited passages, and in view below the header."""
    prefix = "ar/" if lang == "ar" else ""
    page.goto(base_url + prefix + "incidents/tinzaouaten-ambush-2024.html")  # type: ignore[attr-defined]
    page.locator("sup a.footnote-ref").first.click()  # type: ignore[attr-defined]
    note = page.locator(".footnote li:target")  # type: ignore[attr-defined]
    assert note.count() == 1
    link = note.locator('a[href*="sources/"]').first
    href = link.get_attribute("href")
    anchor = href.split("#", 1)[1]
    quoted = note.locator(".quote").first.text_content()
    link.click()
    page.wait_for_url(f"**/{prefix}sources/**#{anchor}")  # type: ignore[attr-defined]
    target = page.locator(f"[id='{anchor}']")  # type: ignore[attr-defined]
    assert target.evaluate("el => el.matches('mark.cited:target')")
    words = target.text_content()
    assert words and quoted and words.strip() in quoted  # the note quotes exactly the words it lands on
    assert target.evaluate("el => getComputedStyle(el).backgroundColor") == TARGETED
    others = page.evaluate(OTHER_PASSAGES)  # type: ignore[attr-defined]
    assert others and set(others) == {CITED}
    header = page.locator(".md-header").bounding_box()  # type: ignore[attr-defined]
    box = target.bounding_box()
    assert box is not None and header["y"] + header["height"] <= box["y"] < 900


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_claim_note_marks_the_claims_row(page: object, base_url: str, lang: str) -> None:
    prefix = "ar/" if lang == "ar" else ""
    page.goto(base_url + prefix + "incidents/tinzaouaten-ambush-2024.html")  # type: ignore[attr-defined]
    link = page.locator('.footnote a[href*="#claim-"]').first  # type: ignore[attr-defined]
    anchor = link.get_attribute("href").split("#", 1)[1]
    page.goto(base_url + prefix + "incidents/tinzaouaten-ambush-2024.html#" + anchor)  # type: ignore[attr-defined]
    row = page.locator(f"tr[id='{anchor}']")  # type: ignore[attr-defined]
    assert row.count() == 1 and row.evaluate("tr => tr.matches(':target')")
    assert row.evaluate("tr => getComputedStyle(tr).outlineStyle") == "solid"
    assert row.evaluate("tr => getComputedStyle(tr.cells[1]).backgroundColor") == "rgb(255, 224, 130)"
    others = page.locator("tr:not(:target) > td").first  # type: ignore[attr-defined]
    assert others.evaluate("td => getComputedStyle(td).backgroundColor") != "rgb(255, 224, 130)"


def test_language_switcher_keeps_the_fragment(page: object, base_url: str) -> None:
    """actors.html#jnim in English opens the Arabic glossary at JNIM, and back; a fragment reached on the
    page after it loaded goes along too."""
    page.goto(base_url + "actors.html#jnim", wait_until="networkidle")  # type: ignore[attr-defined]
    page.locator(".md-header__option .md-select button").first.hover()  # type: ignore[attr-defined]
    page.locator('a.md-select__link[hreflang="ar"]').first.click()  # type: ignore[attr-defined]
    page.wait_for_url("**/ar/actors.html#jnim")  # type: ignore[attr-defined]
    page.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
    assert page.evaluate("window.scrollY") > 1000  # type: ignore[attr-defined]
    box = page.locator("[id='jnim']").bounding_box()  # type: ignore[attr-defined]
    assert box is not None and 0 <= box["y"] < 900
    page.evaluate("location.hash = 'wagner-group'")  # type: ignore[attr-defined]
    page.locator(".md-header__option .md-select button").first.hover()  # type: ignore[attr-defined]
    page.locator('a.md-select__link[hreflang="en"]').first.click()  # type: ignore[attr-defined]
    page.wait_for_url(base_url + "actors.html#wagner-group")  # type: ignore[attr-defined]


def search(tab: object, query: str) -> str:
    """Type a query the way a reader does, into the header's field; the text of the results shown."""
    box = tab.locator("input.briefing-search__input")  # type: ignore[attr-defined]
    box.click()
    box.fill(query)
    tab.locator(".briefing-search__result").first.wait_for(timeout=15_000)  # type: ignore[attr-defined]
    return tab.locator(".briefing-search__results").inner_text()  # type: ignore[attr-defined]


@pytest.mark.parametrize("lang, query, expected", [("en", "ambush", "Tinzaouaten"), ("ar", "كمين", "تينزاواتين")])
def test_search_works_in_each_language(page: object, base_url: str, lang: str, query: str, expected: str) -> None:
    page.goto(base_url + ("ar/" if lang == "ar" else "") + "index.html", wait_until="networkidle")  # type: ignore[attr-defined]
    assert expected in search(page, query)
    assert page.problems == []  # type: ignore[attr-defined]


def result_links(tab: object, query: str) -> list[str]:
    """The addresses of the results a query shows, as the reader's browser resolves them."""
    search(tab, query)
    links = tab.locator(".briefing-search__result > a")  # type: ignore[attr-defined]
    return list(links.evaluate_all("els => els.map(el => el.href)"))


def result_pages(tab: object, query: str) -> list[str]:
    """The pages a query finds."""
    return sorted({re.split(r"[?#]", link)[0] for link in result_links(tab, query)})


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


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_search_finds_pages_in_the_pages_language_only(page: object, base_url: str, lang: str) -> None:
    """A name written alike in both languages (Telegram, in Latin letters on Arabic pages too) is found on the
    pages of the language being read, and on no page of the other."""
    page.goto(base_url + ("ar/" if lang == "ar" else "") + "index.html", wait_until="networkidle")  # type: ignore[attr-defined]
    links = result_links(page, "telegram")
    assert links and all(link.startswith(base_url + "ar/") == (lang == "ar") for link in links), links
    box = page.locator("input.briefing-search__input")  # type: ignore[attr-defined]
    assert box.get_attribute("placeholder") == ("ابحث في الموقع" if lang == "ar" else "Search this site")


@pytest.mark.parametrize("lang, query", [("en", "ambush"), ("ar", "كمين")])
def test_the_open_results_have_no_serious_accessibility_violations(page: object, base_url: str, lang: str,
                                                                  query: str) -> None:
    page.goto(base_url + ("ar/" if lang == "ar" else "") + "index.html", wait_until="networkidle")  # type: ignore[attr-defined]
    search(page, query)
    page.add_script_tag(path=str(AXE))  # type: ignore[attr-defined]
    result = page.evaluate("axe.run('.briefing-search', {resultTypes: ['violations']})")  # type: ignore[attr-defined]
    assert [v["id"] for v in result["violations"] if v["impact"] in ("serious", "critical")] == []


@pytest.mark.parametrize("lang, query", [("en", "ambush"), ("ar", "كمين")])
def test_a_result_opens_its_page_with_the_match_marked(page: object, base_url: str, lang: str, query: str) -> None:
    page.goto(base_url + ("ar/" if lang == "ar" else "") + "index.html", wait_until="networkidle")  # type: ignore[attr-defined]
    search(page, query)
    first = page.locator(".briefing-search__result > a").first  # type: ignore[attr-defined]
    target = first.get_attribute("href").split("?")[0]
    first.click()
    page.wait_for_url(target + "?**")  # type: ignore[attr-defined]
    marks = page.locator("article mark.briefing-search__hit")  # type: ignore[attr-defined]
    marks.first.wait_for()
    assert all(query in text.lower() for text in marks.all_inner_texts())
    in_view = """() => { const r = document.querySelector('mark.briefing-search__hit').getBoundingClientRect();
                         return r.top >= 0 && r.bottom <= innerHeight; }"""
    assert page.evaluate(in_view)  # type: ignore[attr-defined]
    assert page.problems == []  # type: ignore[attr-defined]


def test_the_site_works_opened_from_disk(browser: object, built_shipped: Path) -> None:
    """No server: pages and links work from file://; search, which a browser lets no file fetch, says in
    the page's language how to open the site to search, and asks nothing of another host."""
    context = browser.new_context()  # type: ignore[attr-defined]
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.on("request", lambda req: errors.append(f"external request: {req.url}")
           if not req.url.startswith(("file:", "data:", "blob:", "about:")) else None)
    for lang, says in (("ar", "شغّل الأمر ‎briefing serve‎"), ("en", "run 'briefing serve'")):
        tab.goto((built_shipped / "site" / ("ar" if lang == "ar" else "") / "index.html").as_uri())
        box = tab.locator("input.briefing-search__input")
        box.click()
        box.fill("كمين")
        note = tab.locator(".briefing-search__note")
        note.wait_for()
        assert says in note.inner_text()
    tab.goto((built_shipped / "site" / "ar" / "index.html").as_uri())
    tab.locator('.md-content a[href$="incidents/index.html"], .md-content a[href*="incidents/"]').first.click()
    assert tab.url.startswith("file:") and "/ar/incidents/" in tab.url
    assert errors == []
    context.close()


@pytest.mark.parametrize("lang, heading", [("en", "Page not found"), ("ar", "الصفحة غير موجودة")])
def test_the_404_page_is_styled_and_keeps_to_its_language_at_any_depth_and_from_disk(
        browser: object, built_shipped: Path, base_url: str, lang: str, heading: str) -> None:
    """The Arabic 404 was English and led into the English site; opened from disk, both were unstyled with a
    giant logo. A server shows 404.html for any missing address, however deep: here the page is served at one."""
    prefix = "" if lang == "en" else "ar/"
    error_page = built_shipped / "site" / prefix / "404.html"
    context = browser.new_context()  # type: ignore[attr-defined]
    tab = context.new_page()
    tab.route(f"{base_url}{prefix}no/such/page.html",
              lambda route: route.fulfill(status=404, path=str(error_page), content_type="text/html"))
    for address, root in ((f"{base_url}{prefix}no/such/page.html", f"{base_url}{prefix}"),
                          (error_page.as_uri(), error_page.parent.as_uri() + "/")):
        tab.goto(address)
        assert tab.locator("article h1").inner_text() == heading
        assert tab.evaluate("document.documentElement.lang") == lang
        logo = tab.locator(".md-header__button.md-logo img, .md-header__button.md-logo svg").first.bounding_box()
        assert logo is not None and logo["height"] <= 48, (address, logo)   # the theme's styles applied
        assert tab.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
        home = tab.locator("article a").first.evaluate("a => a.href")
        assert home == root + "index.html", (address, home)
        menu = tab.evaluate("[...document.querySelectorAll('.md-tabs a, .md-nav a')].map(a => a.href)")
        assert menu and all(href.startswith(root) for href in menu), (address, menu)
    context.close()


@pytest.mark.parametrize("lang, style", [("en", "italic"), ("ar", "normal")])
def test_the_standfirst_is_italic_in_english_and_never_slanted_in_arabic(page: object, base_url: str, lang: str,
                                                                       style: str) -> None:
    prefix = "" if lang == "en" else "ar/"
    page.goto(f"{base_url}{prefix}briefings/tinzaouaten-ambush.html")  # type: ignore[attr-defined]
    standfirst = page.locator("article p.standfirst")  # type: ignore[attr-defined]
    assert standfirst.evaluate("p => getComputedStyle(p).fontStyle") == style
    if lang == "ar":
        assert int(standfirst.evaluate("p => getComputedStyle(p).fontWeight")) >= 600
        assert page.evaluate(  # type: ignore[attr-defined]
            "[...document.querySelectorAll('article em')].every(e => getComputedStyle(e).fontStyle === 'normal')")


def test_printing_a_page_leaves_out_the_navigation(page: object, base_url: str) -> None:
    page.goto(base_url + "ar/briefings/tinzaouaten-ambush.html", wait_until="networkidle")  # type: ignore[attr-defined]
    page.emulate_media(media="print")  # type: ignore[attr-defined]
    assert not page.locator(".md-header").is_visible()  # type: ignore[attr-defined]
    assert not page.locator(".md-sidebar--primary").is_visible()  # type: ignore[attr-defined]
    assert page.locator("article h1").is_visible()  # type: ignore[attr-defined]


# For every footnote call on a page: the last word before it (or the call before it, in a row of calls),
# measured with Range.getClientRects() on the call's line, and the call's own box. The call belongs right
# after that word in the line's direction: its right edge at the word's left edge on a right-to-left page,
# its left edge at the word's right edge on a left-to-right one. A call that joined the number before it
# ("… 1991." then 9) is drawn on the number's far side, between the number and the word before it.
CALL_POSITIONS = """() => {
  const rtl = getComputedStyle(document.body).direction === "rtl";
  const isCall = (el) => el && el.nodeType === 1 && el.matches('sup[id^="fnref"]');
  const shown = (el) => el.getClientRects().length > 0;  // the inner calls of a run ("4–9") are hidden
  const callBefore = (sup) => {  // the shown call just before, in a run or a run just before
    let el = sup.previousSibling;
    while (isCall(el) && !shown(el)) el = el.previousSibling;
    if (!el && sup.parentElement.matches(".note-run")) el = sup.parentElement.previousSibling;
    if (el && el.nodeType === 1 && el.matches(".note-run")) el = el.lastElementChild;
    return isCall(el) && shown(el) ? el : null;
  };
  const out = [];
  for (const sup of document.querySelectorAll('.md-content sup[id^="fnref"]')) {
    if (!shown(sup)) continue;
    const box = sup.getBoundingClientRect();
    const onLine = (r) => r.width > 0 && r.top < box.bottom && r.bottom > box.top;
    let rects = [], before = "";
    const previous = callBefore(sup);
    if (previous) {
      rects = [previous.getBoundingClientRect()];
      before = "call " + previous.textContent;
    } else {
      const block = sup.closest("p, td, th, li, dd, figcaption") || sup.parentElement;
      const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
      const nodes = [];
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (!(sup.compareDocumentPosition(n) & Node.DOCUMENT_POSITION_PRECEDING)) break;
        nodes.push(n);
      }
      let start = null, end = null;
      for (const n of nodes.reverse()) {  // back to the space before the last word, across elements
        if (isCall(n.parentElement && n.parentElement.closest("sup"))) break;
        const text = n.textContent;
        let i = text.length;
        if (!end) {
          while (i > 0 && /\\s/.test(text[i - 1])) i--;
          if (i === 0) continue;
          end = [n, i];
        }
        let j = i;
        while (j > 0 && !/\\s/.test(text[j - 1])) j--;
        start = [n, j];
        before = text.slice(j, i) + before;
        if (j > 0) break;
      }
      if (!end) continue;
      const range = document.createRange();
      range.setStart(...start);
      range.setEnd(...end);
      rects = [...range.getClientRects()].filter(onLine);
    }
    if (!rects.length) { out.push({call: sup.textContent, before, gap: null}); continue; }
    const left = Math.min(...rects.map(r => r.left)), right = Math.max(...rects.map(r => r.right));
    out.push({call: sup.textContent, before, gap: rtl ? left - box.right : box.left - right});
  }
  return out;
}"""


@pytest.mark.parametrize("lang, path", [("ar", "incidents/tinzaouaten-ambush-2024.html"),
                                        ("ar", "incidents/russian-deployment-mali-2021.html"),
                                        ("ar", "briefings/tinzaouaten-ambush.html"), ("ar", "timeline.html"),
                                        ("en", "incidents/tinzaouaten-ambush-2024.html"),
                                        ("en", "incidents/russian-deployment-mali-2021.html")])
def test_footnote_calls_follow_their_text(page: object, base_url: str, lang: str, path: str) -> None:
    """A call follows the text it belongs to, whatever script or digits precede it: on an Arabic page
    it is drawn just left of the word before it (a date, "1991.", a Latin name), never between a number
    and the word before that number; on an English page just right of it."""
    page.goto(base_url + ("ar/" if lang == "ar" else "") + path, wait_until="networkidle")  # type: ignore[attr-defined]
    calls = page.evaluate(CALL_POSITIONS)  # type: ignore[attr-defined]
    assert len(calls) > 20
    after_numbers = [c for c in calls if re.search(r"[0-9٠-٩][.)»]*$", c["before"])]
    if path.startswith("incidents/"):
        assert after_numbers, "the page should have calls right after a figure or a date"
    offending = [c for c in calls if c["gap"] is None or not -1 < c["gap"] < 6]
    assert offending == []


# Every text of every claims chart, in the SVG's own units: its box, and the column it belongs in.
CHART_TEXTS = """() => [...document.querySelectorAll("svg.claims-chart")].flatMap(svg => {
  const view = svg.viewBox.baseVal;
  const bars = [...svg.querySelectorAll("rect")].map(r => r.getBBox());
  return [...svg.querySelectorAll("text")].map(t => {
    const box = t.getBBox();
    const lines = [...t.querySelectorAll("tspan")].map(s => s.textContent);
    return {kind: t.getAttribute("class"), text: lines.length ? lines.join(" ") : t.textContent, lines: lines.length,
            left: box.x, right: box.x + box.width, top: box.y, bottom: box.y + box.height, width: view.width,
            height: view.height,
            overlaps: bars.filter(b => b.x < box.x + box.width && box.x < b.x + b.width &&
                                       b.y < box.y + box.height && box.y < b.y + b.height).length};
  });
})"""


def chart_problems(texts: list[dict[str, Any]], rtl: bool) -> list[str]:   # JSON from the page
    """Texts drawn outside the chart, labels outside their column or over a bar."""
    from generator.site.chart import LABEL
    problems = []
    for t in texts:
        inside = t["left"] >= 0 and t["right"] <= t["width"] and t["top"] >= 0 and t["bottom"] <= t["height"]
        column = t["kind"] != "chart-label" or (
            t["left"] >= t["width"] - LABEL if rtl else t["right"] <= LABEL)
        if not inside or not column or t["overlaps"]:
            problems.append(f"{t['text']!r}: {t}")
    return problems


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_chart_labels_are_whole_and_inside_their_column(page: object, base_url: str, lang: str) -> None:
    url = base_url + ("ar/" if lang == "ar" else "") + "incidents/tinzaouaten-ambush-2024.html"
    page.goto(url, wait_until="networkidle")  # type: ignore[attr-defined]
    texts = page.evaluate(CHART_TEXTS)  # type: ignore[attr-defined]
    labels = [t["text"] for t in texts if t["kind"] == "chart-label"]
    assert len(labels) >= 4 and not [label for label in labels if label.endswith("…")]
    if lang == "en":
        assert "Unofficial Russian Telegram channels" in labels  # wrapped over two lines, not cut
    assert chart_problems(texts, lang == "ar") == []


@pytest.fixture(scope="module")
def long_names_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A new dossier whose two claimants have long names that begin alike, in both languages."""
    from conftest import MINI, copy_dossier
    from test_chart import LONG_NAMES, rename

    from generator.build import build
    root = copy_dossier(MINI, tmp_path_factory.mktemp("long-names") / "mini")
    rename(root, LONG_NAMES)
    build(root)
    with serving(root / "site") as url:
        yield url


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_long_claimant_names_wrap_inside_the_chart(browser: object, long_names_url: str, lang: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    tab = context.new_page()
    tab.goto(long_names_url + ("ar/" if lang == "ar" else "") + "incidents/harbour-strike.html",
             wait_until="networkidle")
    texts = tab.evaluate(CHART_TEXTS)
    context.close()
    labels = [t for t in texts if t["kind"] == "chart-label"]
    column = 0 if lang == "en" else 1
    from test_chart import LONG_NAMES
    assert sorted(t["text"] for t in labels) == sorted(names[column] for names in LONG_NAMES.values())
    assert all(t["lines"] > 1 for t in labels)
    assert chart_problems(texts, lang == "ar") == []


@contextlib.contextmanager
def _serving(root: Path, settled: bool = False) -> Iterator[str]:
    """`briefing serve` of `root`, for as long as the block runs: its address, once it serves (with `settled`,
    once its pages, search index and PDFs are all in place)."""
    import subprocess
    import sys

    proc = subprocess.Popen([sys.executable, "-m", "generator", "--root", str(root), "serve", "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1)
    try:
        assert proc.stdout is not None
        base = None
        for line in proc.stdout:
            if found := re.search(r"serving (http://127\.0\.0\.1:\d+/)", line):
                base = found.group(1)
            if base and (not settled or re.match(r"^rebuilt \([^;]*\)$", line)):
                break
        assert base, "serve did not start"
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_an_open_preview_page_reloads_itself_after_an_edit(browser: object, mini: Path) -> None:
    """`briefing serve` only: the page shows the edit without anyone pressing reload."""
    with _serving(mini) as base:
        context = browser.new_context()  # type: ignore[attr-defined]
        for lang in ("", "ar/"):
            tab = context.new_page()
            tab.goto(base + lang + "index.html", wait_until="load")
            tab.evaluate("window.__before_edit = true")
            tab.wait_for_timeout(500)   # the event stream is open
            dossier = mini / "content" / "dossier.yaml"
            old, new = (("Port Example strike", "Harbour dispute") if not lang else
                        ("إضراب بورت إكزامبل", "نزاع الميناء"))
            text = dossier.read_text(encoding="utf-8")
            assert old in text
            dossier.write_text(text.replace(old, new), encoding="utf-8")
            tab.wait_for_function(f"document.body.innerText.includes({new!r})", timeout=180_000)
            assert tab.evaluate("window.__before_edit === undefined")   # a new page, not an edited one
            tab.close()
        context.close()


def test_after_an_edit_only_the_pages_it_changed_reload_and_the_pdf_notice_comes_and_goes(browser: object,
                                                                                          mini: Path) -> None:
    """An editor's open tabs: the page an edit changes reloads and shows it; a page it does not change stays as
    it is (scroll, selection), and only says, and then stops saying, that the PDFs are being made again."""
    with _serving(mini, settled=True) as base:
        context = browser.new_context()  # type: ignore[attr-defined]
        edited, other = context.new_page(), context.new_page()
        for tab, path in ((edited, "incidents/harbour-strike.html"), (other, "places.html")):
            tab.goto(base + path, wait_until="load")
            tab.evaluate("window.__before_edit = true")
        edited.wait_for_timeout(500)   # the event streams are open
        incident = mini / "content" / "incidents" / "harbour-strike.yaml"
        text = incident.read_text(encoding="utf-8")
        incident.write_text(text.replace("At least 400 members joined the strike.",
                                         "At least 400 members joined the strike that day."), encoding="utf-8")
        edited.wait_for_function("document.body.innerText.includes('joined the strike that day')", timeout=180_000)
        assert edited.evaluate("window.__before_edit === undefined")   # reloaded
        other.wait_for_function("document.getElementById('briefing-pdfs') !== null", timeout=180_000)
        other.wait_for_function("document.getElementById('briefing-pdfs') === null", timeout=180_000)
        assert other.evaluate("window.__before_edit === true")   # never reloaded: nothing on it changed
        assert "joined the strike that day" in edited.evaluate("document.body.innerText")
        context.close()


# Each map label's and each place's box, as the browser lays them out in the page's real font.
MAP_BOXES = """() => {
  const svg = document.querySelector('svg.locator-map');
  const box = e => { const b = e.getBBox(); return [b.x, b.y, b.x + b.width, b.y + b.height]; };
  return {
    labels: [...svg.querySelectorAll('.labels text')].map(t => [t.textContent, ...box(t)]),
    places: [...svg.querySelectorAll('.place-point, .place-circle')].map(c => [c.dataset.place, ...box(c)]),
  };
}"""


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("path", ["places.html", "ar/places.html", "incidents/tinzaouaten-ambush-2024.html",
                                  "ar/incidents/tinzaouaten-ambush-2024.html"])
def test_map_labels_as_the_browser_draws_them_overlap_nothing(page: object, base_url: str, path: str,
                                                              width: int) -> None:
    """The map places labels with estimated widths; in the page's real font each label stays inside the
    box it was given, so no two labels meet and no label covers a place, on a desktop and on a phone."""
    page.set_viewport_size({"width": width, "height": 900})  # type: ignore[attr-defined]
    page.goto(base_url + path)  # type: ignore[attr-defined]
    found = page.evaluate(MAP_BOXES)  # type: ignore[attr-defined]
    labels, places = found["labels"], found["places"]
    assert len(labels) >= 3 and places

    def meet(a: list, b: list) -> bool:
        return a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5 and a[2] < b[4] - 0.5 and b[2] < a[4] - 0.5

    for i, a in enumerate(labels):
        for b in labels[i + 1:] + places:
            assert not meet(a, b), (a[0], b[0])
    assert not page.problems  # type: ignore[attr-defined]


# --- on a phone and on a desktop ------------------------------------------------------------------
PHONE_PAGES = ["incidents/tinzaouaten-ambush-2024.html", "incidents/russian-deployment-mali-2021.html",
               "sources/index.html", "places.html", "briefings/tinzaouaten-ambush.html", "actors.html",
               "timeline.html", "sources/cnn-2024-07-30.html", "index.html"]

# How far the page and each table reach past what the reader sees.
SIDEWAYS = """() => {
  const page = document.scrollingElement;
  const column = document.querySelector('article').getBoundingClientRect();
  return {page: page.scrollWidth - page.clientWidth,
          tables: [...document.querySelectorAll('article table')].map(t => t.getBoundingClientRect())
                    .filter(r => r.left < column.left - 1 || r.right > column.right + 1).length};
}"""


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("path", PHONE_PAGES)
def test_no_page_or_table_scrolls_sideways(page: object, base_url: str, lang: str, path: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})  # type: ignore[attr-defined]
    page.goto(base_url + ("ar/" if lang == "ar" else "") + path, wait_until="networkidle")  # type: ignore[attr-defined]
    assert page.evaluate(SIDEWAYS) == {"page": 0, "tables": 0}  # type: ignore[attr-defined]


# Each cell of the record tables: the label a phone shows above it, and how wide its claim text may run.
CARDS = """() => [...document.querySelectorAll('article table.cards')].map(table => ({
  header: getComputedStyle(table.querySelector('thead')).position,
  rows: [...table.querySelectorAll('tbody tr')].slice(0, 3).map(tr => [...tr.cells].map(td => ({
    label: getComputedStyle(td, '::before').content, width: td.getBoundingClientRect().width,
    column: table.getBoundingClientRect().width})))
}))"""


@pytest.mark.parametrize("lang, path, labels", [
    ("en", "incidents/tinzaouaten-ambush-2024.html", ["Claimant", "Claim", "Value", "Asserted", "Credibility"]),
    ("ar", "incidents/tinzaouaten-ambush-2024.html", ["Claimant", "Claim", "Value", "Asserted", "Credibility"]),
    ("en", "sources/index.html", ["Source", "Publisher", "Published", "Reliability"]),
    ("ar", "sources/index.html", ["Source", "Publisher", "Published", "Reliability"])])
def test_on_a_phone_records_are_cards_each_value_under_its_label(page: object, base_url: str, lang: str, path: str,
                                                                  labels: list[str]) -> None:
    """At 390 px each row of the claims and sources tables is a card: every value under its column's label in
    the page's language, the claim's text across the card's width (not two words a line); at 1280 a table."""
    from generator.views import i18n
    url = base_url + ("ar/" if lang == "ar" else "") + path
    page.set_viewport_size({"width": 390, "height": 900})  # type: ignore[attr-defined]
    page.goto(url, wait_until="networkidle")  # type: ignore[attr-defined]
    tables = page.evaluate(CARDS)  # type: ignore[attr-defined]
    assert tables
    shown = [f'"{i18n.gettext_for(lang, label)}"' for label in labels]
    for table in tables:
        assert table["header"] == "absolute"  # the header row is only for screen readers
        for row in table["rows"]:
            assert [cell["label"] for cell in row] == shown
            assert all(cell["width"] >= cell["column"] * 0.85 for cell in row)  # each value across the card
    page.set_viewport_size({"width": 1280, "height": 900})  # type: ignore[attr-defined]
    page.goto(url, wait_until="networkidle")  # type: ignore[attr-defined]
    wide = page.evaluate(CARDS)  # type: ignore[attr-defined]
    assert {cell["label"] for t in wide for row in t["rows"] for cell in row} == {"none"}
    assert {t["header"] for t in wide} == {"static"}


# Every text of every map and chart, as large as the screen draws it: its font size times the SVG's scale.
FIGURE_TEXT = """() => [...document.querySelectorAll('svg.locator-map text, svg.claims-chart text')].map(t => ({
  text: t.textContent, px: parseFloat(getComputedStyle(t).fontSize) * t.closest('svg').getScreenCTM().a,
  drawn: t.getBoundingClientRect().height}))"""


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("path", ["incidents/tinzaouaten-ambush-2024.html", "places.html"])
def test_map_and_chart_text_is_11_px_or_more(page: object, base_url: str, lang: str, path: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})  # type: ignore[attr-defined]
    page.goto(base_url + ("ar/" if lang == "ar" else "") + path, wait_until="networkidle")  # type: ignore[attr-defined]
    texts = page.evaluate(FIGURE_TEXT)  # type: ignore[attr-defined]
    assert len(texts) >= 3
    assert [t for t in texts if t["px"] < 11 or t["drawn"] < 11] == []
