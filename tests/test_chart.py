"""Claims charts: labels are whole names (an actor's `short` form where it has one, else the name
wrapped over lines), two claimants never look the same, and right-to-left charts mirror."""
from __future__ import annotations

import re
from pathlib import Path

from conftest import find
from test_render import SHIPPED

from generator.factbase.check import run
from generator.site.chart import LABEL, WIDTH, Bar, svg, width, wrap
from generator.site.render import render

# Two claimants whose names begin alike and run past a chart's label column: cut to fit, they were the same.
LONG_NAMES = {
    "dockworkers-union": ("Coalition of Tuareg rebel movements (Permanent Strategic Framework)",
                          "تحالف المتمردين الطوارق (الإطار الاستراتيجي الدائم للسلام والأمن والتنمية)"),
    "harbour-authority": ("Coalition of Tuareg rebel movements (National Movement for Azawad)",
                          "تحالف المتمردين الطوارق (الحركة الوطنية لتحرير أزواد)"),
}


def chart_labels(page: str) -> list[list[str]]:
    """Each label of the page's charts, as its lines (tspans)."""
    labels = re.findall(r'<text text-anchor="end" class="chart-label">(.*?)</text>', page)
    return [re.findall(r"<tspan [^>]*>(.*?)</tspan>", label) for label in labels]


def rename(mini: Path, names: dict[str, tuple[str, str]], short: dict[str, str] | None = None) -> None:
    for ident, (en, ar) in names.items():
        path = mini / "content" / "actors" / f"{ident}.yaml"
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"name:\n  en: [^\n]*\n  ar: [^\n]*\n", f"name:\n  en: {en}\n  ar: {ar}\n", text)
        if short and ident in short:
            text = text.replace("description:", f"short:\n  {short[ident]}\ndescription:", 1)
        path.write_text(text, encoding="utf-8")


def incident_page(mini: Path, lang: str) -> str:
    dossier, report = run(mini)
    assert dossier is not None
    assert not [p for p in report.items if p.severity == "error"], report.items
    return render(dossier, SHIPPED, lang)["incidents/harbour-strike.md"]


def test_long_names_are_wrapped_whole_and_two_claimants_never_look_the_same(mini: Path) -> None:
    rename(mini, LONG_NAMES)
    for lang, column in (("en", 0), ("ar", 1)):
        labels = chart_labels(incident_page(mini, lang))
        assert len(labels) == 2, lang
        names = sorted(" ".join(lines) for lines in labels)
        assert names == sorted(n[column] for n in LONG_NAMES.values())  # every word, in order, none cut
        assert all(len(lines) > 1 for lines in labels)  # too long for one line: wrapped
        assert not [line for lines in labels for line in lines if "…" in line]


def test_a_short_name_is_used_where_the_record_gives_one_for_the_language(mini: Path) -> None:
    rename(mini, LONG_NAMES, {"dockworkers-union": "en: CSP-PSD"})
    assert sorted(" ".join(lines) for lines in chart_labels(incident_page(mini, "en"))) == \
        ["CSP-PSD", LONG_NAMES["harbour-authority"][0]]
    # no Arabic short form: the whole Arabic name
    assert LONG_NAMES["dockworkers-union"][1] in [" ".join(lines) for lines in chart_labels(incident_page(mini, "ar"))]


def test_two_claimants_with_the_same_short_name_show_their_whole_names(mini: Path) -> None:
    rename(mini, LONG_NAMES, {"dockworkers-union": "en: Tuareg coalition", "harbour-authority": "en: Tuareg coalition"})
    labels = sorted(" ".join(lines) for lines in chart_labels(incident_page(mini, "en")))
    assert labels == sorted(n[0] for n in LONG_NAMES.values())


def test_a_short_name_must_be_in_a_language_and_is_in_the_editors_schema(mini: Path) -> None:
    from generator.factbase.jsonschema import schemas
    properties = schemas()["actor"]["properties"]
    assert isinstance(properties, dict) and "short" in properties
    rename(mini, {}, None)
    path = mini / "content/actors/dockworkers-union.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("description:", "short: Union\ndescription:", 1),
                    encoding="utf-8")
    _, report = run(mini)
    errors = [p for p in report.items if p.severity == "error"]
    assert [(p.path.endswith("dockworkers-union.yaml"), p.line, p.code) for p in errors] == [(True, 9, "type")]


def test_an_arabic_label_wraps_right_to_left_at_the_bars_edge() -> None:
    name = LONG_NAMES["dockworkers-union"][1]
    chart = str(svg([Bar(name, 400, None, "400"), Bar("سلطة الميناء", 120, 120, "120")], "العمال", True, "c"))
    lines = re.findall(r'<tspan x="([\d.]+)" y="([\d.]+)">(.*?)</tspan>', chart)
    first = [line for line in lines if line[2] != "سلطة الميناء"]
    assert len(first) > 1 and " ".join(t for _, _, t in first) == name  # reading order, top to bottom
    assert {float(x) for x, _, _ in first} == {WIDTH - LABEL + 4}  # every line ends at the column's inner edge
    ys = [float(y) for _, y, _ in first]
    assert ys == sorted(ys) and len(set(ys)) == len(ys)
    assert 'direction="rtl"' in chart
    # the row grows with its lines: the chart is taller than two one-line rows
    assert float(find(r'viewBox="0 0 640 ([\d.]+)"', chart).group(1)) > 2 * 30 + 16


def test_wrap_keeps_every_character_and_never_exceeds_a_line() -> None:
    for label in ("Unofficial Russian Telegram channels", LONG_NAMES["harbour-authority"][1], "x" * 90 + " end",
                  "JNIM"):
        lines = wrap(label)
        assert "".join(lines).replace(" ", "") == label.replace(" ", "")
        assert all(width(line) <= (LABEL - 8) / 13 for line in lines)
    assert wrap("JNIM") == ["JNIM"]
