"""Revised claims on the page and in print, the casualty summary, and charts that do not mislead (issue 25).

The dossier of the issue: one claimant revises its toll twice (each claim `revises` the one before), another
claimant gives one figure of its own and one without a number."""
from __future__ import annotations

import copy
import re
from html import unescape
from pathlib import Path

import pytest
from conftest import find
from test_revisions import INCIDENT, with_claims

from generator.build import build
from generator.edit.promote import EVENT_TOPICS
from generator.factbase.check import run
from generator.review.fmt import round_trip, written
from generator.site.chart import Bar, svg, ticks
from generator.views.incident import CASUALTY_TOPICS

TOLLS = [("union-killed-1", "632", "2023-05-01"), ("union-killed-2", "1037", "2023-05-01"),
         ("union-killed-3", "2497", "2023-05-02")]
SHOWN = {"en": ["632 (May 1, 2023)", "1,037 (May 1, 2023)", "2,497 (May 2, 2023)"],
         "ar": ["632 (في 1 مايو/أيار 2023)", "1,037 (في 1 مايو/أيار 2023)", "2,497 (في 2 مايو/أيار 2023)"]}


def tolls(root: Path) -> None:
    """Three successive tolls of the union, the authority's own figure and its numberless one, all reviewed."""
    path = root / "content/dossier.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "topics:\n", "topics:\n  killed:\n    en: Killed\n    ar: القتلى\n"), encoding="utf-8")
    killed = []
    for i, (ident, value, day) in enumerate(TOLLS):
        killed.append({"id": ident, "topic": "killed", "asserted": day,
                       "figure": {"value": value, "qualifier": "exactly"},
                       **({"revises": TOLLS[i - 1][0]} if i else {})})
    killed.append({"id": "authority-killed", "claimant": "harbour-authority", "topic": "killed",
                   "asserted": "2023-05-02", "figure": {"value": "400", "qualifier": "fewer-than"}})
    killed.append({"id": "authority-killed-some", "claimant": "harbour-authority", "topic": "killed",
                   "asserted": "2023-05-02", "figure": {"value": None, "qualifier": "some"}})
    for claim in killed:   # the fixture's passages state no toll: the editors say how they read one
        claim["derived"] = {"en": "a test toll", "ar": "حصيلة للاختبار"}
    with_claims(root, *killed)
    incident = root / INCIDENT
    data = round_trip().load(incident.read_text(encoding="utf-8"))
    for claim in data["claims"]:
        claim["review"] = copy.deepcopy(data["review"])
        if claim["figure"].get("value") is None:
            del claim["figure"]["value"]
    incident.write_text(written(data, None), encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from conftest import MINI, copy_dossier
    root = copy_dossier(MINI, tmp_path_factory.mktemp("tolls") / "mini")
    tolls(root)
    dossier, found = run(root)
    assert dossier is not None and not found.errors, [str(p) for p in found.errors]
    build(root)
    return root


def page(root: Path, lang: str) -> str:
    return (root / "site" / ("" if lang == "en" else lang) / "incidents" / "harbour-strike.html").read_text(
        encoding="utf-8")


def text_of(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_page_opens_with_the_casualty_summary_as_a_real_table(built: Path, lang: str) -> None:
    html = page(built, lang)
    article = html[html.index("<article"):]
    # the summary is the first section of the page, before the incident's summary
    assert re.findall(r'<h2 id="([a-z-]+)"', article)[:2] == ["casualties", "summary"]
    table = find(r'<table class="casualties">.*?</table>', html, re.DOTALL).group()
    assert "<caption" in table
    columns = re.findall(r'<th scope="col">(.*?)</th>', table)
    assert columns[1:] == [{"en": "Killed", "ar": "القتلى"}[lang]]  # only the topics the incident has
    rows = re.findall(r'<tr><th scope="row">(.*?)</th>(.*?)</tr>', table)
    assert len(rows) == 1
    header, cells = rows[0]
    assert {"en": "Dockworkers&#39; Union", "ar": "نقابة عمال الميناء"}[lang] in header
    assert {"en": "Strikers", "ar": "المضربون"}[lang] in header  # and its side
    cell = text_of(cells)
    # each claimant's current figure with its qualifier and day; the revised ones are not in the summary
    assert {"en": "2,497 (May 2, 2023)", "ar": "2,497 (2 مايو/أيار 2023)"}[lang] in cell
    assert {"en": "fewer than 400", "ar": "أقل من 400"}[lang] in cell
    assert "632" not in cell and "1,037" not in cell
    assert {"en": "the sources disagree", "ar": "المصادر متضاربة"}[lang] in cell
    assert 'href="#claim-union-killed-3"' in cells and 'href="#claim-authority-killed"' in cells


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_latest_figure_shows_the_claimants_history_in_order(built: Path, lang: str) -> None:
    html = page(built, lang)
    row = find(r'<tr id="claim-union-killed-3">.*?</tr>', html, re.DOTALL).group()
    history = text_of(find(r'<span class="revisions">(.*?)</span>\s*</td>', row, re.DOTALL).group(1))
    arrow = {"en": " → ", "ar": " ← "}[lang]
    assert arrow.join(SHOWN[lang]) in history, history


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_superseded_claims_stay_marked_and_link_to_the_later_claim(built: Path, lang: str) -> None:
    html = page(built, lang)
    for ident, later in (("union-killed-1", "union-killed-2"), ("union-killed-2", "union-killed-3")):
        row = find(rf'<tr id="claim-{ident}">.*?</tr>', html, re.DOTALL).group()
        mark = find(r'<span class="superseded">(.*?)</span>\s*</td>', row, re.DOTALL).group(1)
        assert re.search(rf'href="(harbour-strike\.html)?#claim-{later}"', mark)
        # the claimant after a colon, in the form a name takes alone (never after «عن», which would decline it)
        assert {"en": "revised by", "ar": "(صاحب الرواية: "}[lang] in text_of(mark)
        assert 'class="footnote-ref"' in row  # its citations stay
        assert "≠" not in row  # a figure revised since disagrees with nobody


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_chart_has_an_axis_draws_only_current_claims_and_lists_the_numberless(built: Path, lang: str) -> None:
    html = page(built, lang)
    figure = find(r'<figure class="claims-chart">(?:(?!</figure>).)*chart-killed-(?:(?!</figure>).)*</figure>',
                  html, re.DOTALL).group()
    values = [text_of(v) for v in re.findall(r'class="chart-value">(.*?)</text>', figure)]
    assert sorted(values) == sorted(["2,497", {"en": "fewer than 400", "ar": "أقل من 400"}[lang]])
    ticks_shown = re.findall(r'class="chart-tick">(.*?)</text>', figure)
    assert ticks_shown[0] == "0" and ticks_shown[-1] in ("3,000", "2,500") and len(ticks_shown) >= 4
    assert 'class="chart-axis-label"' in figure
    assert figure.count('class="chart-axis"') >= len(ticks_shown) + 2
    assert 'class="chart-bound"' in figure  # "fewer than 400" is drawn as a bound
    caption = text_of(find(r"<figcaption>(.*?)</figcaption>", figure, re.DOTALL).group(1))
    assert {"en": "Claims without a number", "ar": "روايات بلا رقم"}[lang] in caption
    assert {"en": "some", "ar": "عدد غير محدد"}[lang] in caption
    # for screen readers: every drawn figure in the description
    desc = find(r"<desc [^>]*>(.*?)</desc>", figure, re.DOTALL).group(1)
    assert all(v in text_of(desc) for v in values)
    # the range above the chart does not hide the claim without a number
    assert {"en": "400–2,497 (and 1 claim without a number)",
            "ar": "من 400 إلى 2,497 (ورواية واحدة بلا رقم)"}[lang] in text_of(html)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_briefing_pdf_opens_with_the_casualty_summary(tmp_path: Path, lang: str) -> None:
    from conftest import MINI, PROJECT, copy_dossier

    from generator.factbase.check import run as checked
    from generator.pdf.typeset import briefing_html
    from generator.views.templates import Templates
    root = copy_dossier(MINI, tmp_path / "mini")
    tolls(root)
    dossier, _ = checked(root)
    assert dossier is not None
    html = briefing_html(dossier, dossier.briefings["harbour-strike"], lang, Templates((PROJECT / "templates",)))
    assert html.index('<h2 id="casualties">') < html.index('<h2 id="key-points">')
    table = find(r'<table class="casualties".*?</table>', html, re.DOTALL).group()
    assert '<th scope="row">' in table and "<caption>" in table and "2,497" in table and "632" not in table
    row = find(r'<tr id="claim-union-killed-3">.*?</tr>', html, re.DOTALL).group()
    assert {"en": " → ", "ar": " ← "}[lang].join(SHOWN[lang]) in text_of(row)
    assert 'class="superseded"' in find(r'<tr id="claim-union-killed-1">.*?</tr>', html, re.DOTALL).group()


def test_the_summary_columns_are_the_casualty_topics_promote_knows() -> None:
    assert set(CASUALTY_TOPICS) <= set(EVENT_TOPICS)


def test_qualifiers_are_drawn_as_what_they_say() -> None:
    bars = [Bar("A", 0, 79, "fewer than 80", "fewer-than"), Bar("B", 80, 80, "80"),
            Bar("C", 20, None, "at least 20", "at-least"), Bar("D", 50, 50, "about 50", "about")]
    drawn = str(svg(bars, "Killed", False, "c", "Figure claimed", str))
    assert 'class="chart-bound"' in drawn and 'class="chart-limit"' in drawn  # a ceiling, not a bar of 79
    assert drawn.count('class="chart-bar"') == 3  # 80, 20 and 50 are counts; "fewer than 80" is not
    assert 'class="chart-arrow"' in drawn and "url(#c-fade)" in drawn
    assert 'class="chart-spread"' in drawn
    shown = re.findall(r'class="chart-tick">(\d+)<', drawn)
    assert shown == [str(t) for t in ticks(80)] == ["0", "20", "40", "60", "80"]
    assert ticks(2497) == [0, 500, 1000, 1500, 2000, 2500] and ticks(3) == [0, 1, 2, 3]


def test_every_bar_colour_stands_out_three_to_one_against_the_page() -> None:
    from conftest import PROJECT
    css = (PROJECT / "templates/assets/briefing.css").read_text(encoding="utf-8")

    def luminance(colour: str) -> float:
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    for kind in ("chart-bar", "chart-range", "chart-arrow"):
        colour = find(rf"\.{kind}[^{{]*\{{ fill: (#[0-9a-f]{{6}})", css).group(1)
        assert 1.05 / (luminance(colour) + 0.05) >= 3, kind
    for kind in ("chart-bound", "chart-limit"):
        colour = find(rf"\.{kind} \{{[^}}]*stroke: (#[0-9a-f]{{6}})", css).group(1)
        assert 1.05 / (luminance(colour) + 0.05) >= 3, kind


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_incident_page_does_not_scroll_sideways_on_a_phone(built: Path, browser: object, lang: str) -> None:
    """390 px wide: the casualty summary and the claims tables scroll inside their own boxes, never the page."""
    from test_browser import serving
    with serving(built / "site") as url:
        context = browser.new_context(viewport={"width": 390, "height": 844})  # type: ignore[attr-defined]
        tab = context.new_page()
        tab.goto(url + ("" if lang == "en" else "ar/") + "incidents/harbour-strike.html")
        widths = tab.evaluate("[document.documentElement.scrollWidth, window.innerWidth, "
                              "document.querySelector('table.casualties').getBoundingClientRect().height]")
        context.close()
    assert widths[0] <= widths[1] == 390 and widths[2] > 0, widths
