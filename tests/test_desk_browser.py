"""The editor's desk in headless Chromium (Debian's chromium, driven by Playwright; axe-core from npm): a new
dossier made by `init`, two articles of the development corpus in seeds/, ingested and extracted, then taken
through the desk alone to a claim on the published site, with its actor, place and incident. Once with the
English interface, once with the Arabic one, once by keyboard alone; and axe on every page of the desk."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import commit_all
from test_browser import AXE
from test_desk import as_git_user, serving
from test_edit import SOURCE, _seed

from generator import edit
from generator.build import build
from generator.extract.ingest import ingest
from generator.extract.propose import extract
from generator.scaffold import init

pytestmark = pytest.mark.browser

playwright_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture
def dossier(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A dossier made by `init`, with an English and an Arabic article ingested and extracted, committed."""
    as_git_user(monkeypatch)
    root = tmp_path / "dossier"
    init(root)
    _seed(root, "en")
    _seed(root, "ar")
    ingest(root)
    extract(root)
    commit_all(root)
    return root


@pytest.fixture(params=[False], ids=[""])
def tab(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A browser tab; with the parameter True, the desk's Content-Security-Policy is set aside so that axe
    can be injected into its pages."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=request.param)
    page = context.new_page()
    page.problems = []   # errors in the page, and any request that leaves this machine
    page.on("pageerror", lambda exc: page.problems.append(f"page error: {exc}"))
    page.on("request", lambda req: None if req.url.startswith(("http://127.0.0.1:", "data:"))
            else page.problems.append(f"external request: {req.url}"))
    yield page
    context.close()


class Mouse:
    """An editor who clicks and fills in."""

    def __init__(self, tab: Any) -> None:
        self.tab = tab

    def follow(self, selector: str) -> None:
        """Activate a link or a submit button, and wait for the page it leads to."""
        with self.tab.expect_navigation():
            self.tab.locator(selector).first.click()

    def open(self, selector: str) -> None:
        self.tab.locator(selector).first.click()

    def type(self, selector: str, text: str) -> None:
        self.tab.locator(selector).first.fill(text)

    def fill_in(self, fields: dict[str, str]) -> None:
        """Type each text into the field the selector names, in order."""
        for selector, text in fields.items():
            self.type(selector, text)


class Keyboard(Mouse):
    """An editor who never touches the mouse: Tab to the element, then Enter, or type."""

    def _reach(self, selector: str) -> None:
        target = self.tab.locator(selector).first.element_handle()
        for _press in range(800):
            if self.tab.evaluate("el => document.activeElement === el", target):
                return
            self.tab.keyboard.press("Tab")
        raise AssertionError(f"Tab never reaches {selector}")

    def follow(self, selector: str) -> None:
        self._reach(selector)
        with self.tab.expect_navigation():
            self.tab.keyboard.press("Enter")

    def open(self, selector: str) -> None:
        self._reach(selector)
        self.tab.keyboard.press("Enter")

    def type(self, selector: str, text: str) -> None:
        self._reach(selector)
        self.tab.keyboard.press("Control+A")
        self.tab.keyboard.type(text)


def proposal(root: Path, span: str = "", kind: str = "names", value: str = "") -> str:
    """The id of the first proposal of the kind with that span, or with that value."""
    return str(next(p["id"] for p in edit.proposals(root, SOURCE)
                    if p["kind"] == kind and (p["span"] == span or (value and str(p.get("value")) == value))))


def saved(tab: Any, *written: str) -> None:
    """The page after a change says it was saved, and where."""
    text = tab.locator("main").inner_text()
    assert tab.locator("h1[role=status]").count() == 1, text
    for where in written:
        assert where in text, text


def set_fields(ui: Mouse, desk: str, record: str, values: dict[str, str]) -> None:
    ui.tab.goto(f"{desk}record/{record}")
    ui.fill_in({f'[name="v:{key}"]': value for key, value in values.items()})
    ui.follow('form[action$="do/set"] button')
    saved(ui.tab)


def take_to_publication(ui: Mouse, base: str, lang: str, root: Path) -> None:
    """The issue's path, through the desk alone: a name to an actor, one to a place, an incident made on the
    spot, a figure to a claim by that actor, what review needs filled in, and the reviews signed."""
    tab = ui.tab
    desk = f"{base}desk/" + ("ar/" if lang == "ar" else "")
    tab.goto(desk)
    assert tab.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
    ui.follow(f'a[href$="source/{SOURCE}"]')

    ui.follow(f'a.proposal[href*="proposal={proposal(root, "Nepal Police")}#"]')
    ui.type("#actor-name-ar", "الشرطة النيبالية")
    ui.follow('form:has(input[name="as"][value="actor"]) button')
    saved(tab, "content/actors/nepal-police.yaml:1")
    ui.follow(f'main a[href*="source/{SOURCE}"]')

    ui.follow(f'a.proposal[href*="proposal={proposal(root, "Nepal")}#"]')
    ui.follow('form:has(input[name="as"][value="place"]) button')
    saved(tab, "content/places/nepal.yaml:1")
    ui.follow(f'main a[href*="source/{SOURCE}"]')

    figure = proposal(root, kind="figures", value="2430")
    ui.follow(f'a.proposal[href*="proposal={figure}#"]')
    ui.open('details:has(input[name="kind"][value="incident"]) summary')
    ui.fill_in({"#incident-id": "nepal-quake-2015", "#incident-title-en": "Nepal earthquake",
                "#incident-title-ar": "زلزال نيبال", "#incident-start": "2015-04-25", "#incident-place": "nepal"})
    ui.follow('details:has(input[name="kind"][value="incident"]) button')
    saved(tab, "content/incidents/nepal-quake-2015.yaml:1")
    ui.follow(f'main a[href*="source/{SOURCE}?proposal={figure}"]')
    ui.fill_in({"#claim-incident": "nepal-quake-2015", "#claim-claimant": "nepal-police", "#claim-topic": "killed",
                "#claim-id": "police-2430", "#claim-text-ar": "قالت الشرطة إن 2430 شخصا قتلوا."})
    ui.follow("#claim-form button")
    saved(tab, "content/incidents/nepal-quake-2015.yaml:")

    set_fields(ui, desk, "nepal-police", {"description.en": "Nepal's national police.",
                                          "description.ar": "الشرطة الوطنية في نيبال.",
                                          "citations.1.translation.ar": "الشرطة النيبالية"})
    set_fields(ui, desk, "incident:nepal-quake-2015", {"summary.1.text.en": "An earthquake struck Nepal.",
                                                       "summary.1.text.ar": "ضرب زلزال نيبال."})
    set_fields(ui, desk, "police-2430", {"citations.1.translation.ar": "قالت الشرطة إن 2430 شخصا قتلوا.",
                                         "credibility.grade": "2", "credibility.reason.en": "An official count.",
                                         "credibility.reason.ar": "حصيلة رسمية."})
    set_fields(ui, desk, "nepal", {"citations.1.translation.ar": "نيبال"})
    set_fields(ui, desk, SOURCE, {"title.ar": "حصيلة زلزال نيبال", "publisher.en": "A newsroom",
                                  "publisher.ar": "غرفة أخبار", "reliability.grade": "C",
                                  "reliability.reason.en": "One report.", "reliability.reason.ar": "تقرير واحد."})
    tab.goto(desk)
    awaiting = tab.locator("#awaiting + ul").inner_text()
    for record in ("nepal-quake-2015", "police-2430", "nepal-police", "nepal", SOURCE):
        assert record in awaiting
    ui.follow('form[action$="do/review"] button')
    saved(tab)
    assert tab.problems == []


@pytest.mark.parametrize("lang, hands", [("en", Mouse), ("ar", Mouse), ("en", Keyboard)],
                         ids=["english", "arabic", "keyboard-only"])
def test_the_desk_takes_two_articles_to_a_published_claim(dossier: Path, tab: Any, lang: str,
                                                          hands: type[Mouse]) -> None:
    with serving(dossier) as (port, _out):
        take_to_publication(hands(tab), f"http://127.0.0.1:{port}/", lang, dossier)
    build(dossier)   # the published site: reviewed records only
    for page in ("incidents/nepal-quake-2015.html", "ar/incidents/nepal-quake-2015.html"):
        html = (dossier / "site" / page).read_text(encoding="utf-8")
        assert "police-2430" in html, page


@pytest.mark.parametrize("tab", [True], ids=["axe"], indirect=True)
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_no_serious_accessibility_violations_on_the_desk(dossier: Path, tab: Any, lang: str) -> None:
    assert AXE.is_file(), "axe-core is missing: run 'npm ci' (make test does)"
    figure = proposal(dossier, kind="figures", value="2430")
    pages = ["", f"source/{SOURCE}", f"source/{SOURCE}?proposal={figure}",
             f"source/{SOURCE}?proposal={proposal(dossier, 'Nepal Police')}", f"record/{SOURCE}", "changes",
             "do/nothing"]
    with serving(dossier) as (port, _out):
        for path in pages:
            tab.goto(f"http://127.0.0.1:{port}/desk/" + ("ar/" if lang == "ar" else "") + path)
            tab.add_script_tag(path=str(AXE))
            result = tab.evaluate("axe.run(document, {resultTypes: ['violations']})")
            serious = [f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}"
                       for v in result["violations"] if v["impact"] in ("serious", "critical")]
            assert serious == [], path
    assert tab.problems == []
