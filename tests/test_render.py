"""Rendering helpers: escaping, figures in both languages, footnote numbering, relative links."""
from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from conftest import MINI, PROJECT, copy_dossier, find, spaced
from markupsafe import Markup

from generator.factbase.check import run
from generator.factbase.model import Actor, Dossier, Figure, Loc, Review
from generator.pdf.context import PrintContext
from generator.site.context import SiteContext
from generator.site.render import render
from generator.site.source_text import _marked
from generator.text.escape import anchor, md
from generator.views.addresses import passage_anchor
from generator.views.context import PageContext
from generator.views.templates import Templates
from generator.views.wording import runs

SHIPPED = Templates((PROJECT / "templates",))


def ctx(lang: str, path: str = "x.md") -> PageContext:
    return PageContext(Dossier({}, {}, ["en", "ar"]), lang, path)


@pytest.mark.parametrize("text", ["<script>alert(1)</script>", "[x](javascript:alert(1))",
                                  "<img src=x onerror=alert(1)>",
                                  "{{ 7*7 }}", "# heading", "1. list", "| a | b |", "*em* _em_ `code`"])
def test_markdown_escape_leaves_no_markup(text: str) -> None:
    import markdown
    html = markdown.markdown(str(md(text)), extensions=["tables", "attr_list", "footnotes"])
    assert "<script" not in html and "<img" not in html and "href" not in html
    assert "<h1" not in html and "<ol" not in html and "<table" not in html and "<em" not in html


def test_anchor_refuses_anything_but_a_slug() -> None:
    assert anchor("key-points") == Markup("key-points")
    with pytest.raises(ValueError):
        anchor('x" onmouseover="alert(1)')


@pytest.mark.parametrize("lang, figure, shown", [
    ("en", Figure(None, 80, None, None, "as-many-as"), "as many as 80"),
    ("ar", Figure(None, 80, None, None, "as-many-as"), "ما يصل إلى 80"),
    ("en", Figure(None, 15, None, None, "more-than"), "more than 15"),
    ("ar", Figure(None, 20, None, None, "at-least"), "20 على الأقل"),
    ("en", Figure(None, 2, None, None, "exactly", "coups"), "2 coups"),
    ("ar", Figure(None, 2, None, None, "exactly", "coups"), "انقلابان"),
    ("ar", Figure(None, 15, None, None, "exactly", "countries"), "15 دولة"),
    ("ar", Figure(None, 2, None, None, "at-least", "groups"), "مجموعتان على الأقل"),
    ("en", Figure(None, 2500000000, None, None, "about", "usd"), "about $2.5 billion"),
    ("ar", Figure(None, 2500000000, None, None, "about", "usd"), "نحو 2.5 مليار دولار"),
    ("en", Figure(None, None, 15, 20, "exactly"), "15–20"),
    ("ar", Figure(None, None, 15, 20, "exactly"), "من 15 إلى 20"),
    ("ar", Figure(None, None, None, None, "some"), "عدد غير محدد"),
])
def test_figures_read_naturally_in_each_language(lang: str, figure: Figure, shown: str) -> None:
    assert spaced(ctx(lang).wording.figure(figure)) == shown


def test_links_are_relative_to_the_page() -> None:
    assert ctx("en", "incidents/x.md").href("sources/a.md", "p3") == "../sources/a.md#p3"
    assert ctx("en", "index.md").href("actors.md", "jnim") == "actors.md#jnim"


def test_repeated_citation_reuses_its_footnote_number() -> None:
    dossier, _ = run(MINI)
    assert dossier is not None
    page = SiteContext(dossier, "en", "briefings/x.md")
    cit = dossier.actors["dockworkers-union"].citations[0]
    assert page.cite([cit]) == Markup("[^1]")
    other = dossier.actors["harbour-authority"].citations[0]
    assert page.cite([other, cit]) == Markup("[^1][^2]")  # calls in ascending order, each note once
    assert len(page.notes) == 2


def test_runs_of_three_or_more_note_calls_collapse_to_their_ends() -> None:
    assert runs([9, 4, 5, 6, 7, 8, 2, 12, 13]) == [(2, 2), (4, 9), (12, 12), (13, 13)]
    assert runs([]) == []


def test_a_run_of_calls_shows_its_ends_and_keeps_a_call_for_every_note() -> None:
    """Web: "4–9" drawn from a run whose inner calls stay (hidden by CSS) so each note links back to a call;
    print: the same run written "1–4". Both number the notes the same way."""
    dossier, _ = run(MINI)
    assert dossier is not None
    cits = [c for _owner, c in dossier.citations()]
    unique = list({(c.source, c.paragraph, c.quote): c for c in cits}.values())[:4]
    assert len(unique) == 4
    web = SiteContext(dossier, "en", "briefings/x.md")
    assert web.cite(unique) == Markup('<span class="note-run">[^1][^2][^3][^4]</span>')
    printed = PrintContext(dossier, "en", "briefings/x.md")
    assert re.sub(r"<[^>]+>", "", printed.cite(unique)) == "&#8288;1–4"


@pytest.mark.parametrize("lang, label", [("en", "Harbour News, May 2, 2023, ¶2"),
                                         ("ar", "أخبار الميناء، 2 مايو/أيار 2023، الفقرة 2")])
def test_a_note_names_its_source_short_and_links_to_the_quoted_words(lang: str, label: str) -> None:
    """"Harbour News, May 2, 2023, ¶2", in the page's language and date style, linked to the passage's own
    anchor on the source page; the headline is left to the page's list of sources. Print words it the same."""
    dossier, _ = run(MINI)
    assert dossier is not None
    cit = next(c for _owner, c in dossier.citations() if c.source == "harbour-en" and c.paragraph == "p2")
    web = SiteContext(dossier, lang, "briefings/x.md")
    note = web.citation_note(cit)
    target = f"../sources/harbour-en.md#{passage_anchor('p2', cit.quote)}"
    assert note.startswith(f"[{md(label)}]({target}): ")
    assert "Strike closes the harbour" not in note and "إضراب يغلق" not in note
    printed = PrintContext(dossier, lang, "briefings/x.md").citation_note(cit)
    assert str(printed).startswith(f"{label}: ")
    web.cite([cit])
    assert [s.id for s in web.note_sources()] == ["harbour-en"]


@pytest.mark.parametrize("lang, label", [("en", "Harbour News, May 2, 2023, p. 3, ¶1"),
                                         ("ar", "أخبار الميناء، 2 مايو/أيار 2023، ص 3، الفقرة 1")])
def test_a_note_on_a_source_read_by_page_gives_its_page_and_its_place_on_that_page(lang: str, label: str) -> None:
    """A PDF report is cited by page: "p. 3, ¶1" is the first paragraph that begins on page 3, web and print."""
    dossier, _ = run(MINI)
    assert dossier is not None
    source = dossier.sources["harbour-en"]
    source.paragraphs = [dataclasses.replace(par, page=2 if par.id == "p1" else 3, on_page=1 if par.id != "p3" else 2)
                         for par in source.paragraphs]
    cit = next(c for _owner, c in dossier.citations() if c.source == "harbour-en" and c.paragraph == "p2")
    assert SiteContext(dossier, lang, "briefings/x.md").citation_note(cit).startswith(f"[{md(label)}](")
    assert str(PrintContext(dossier, lang, "briefings/x.md").citation_note(cit)).startswith(f"{label}: ")


def test_a_passage_anchor_is_the_same_in_every_language_and_unmoved_by_other_citations() -> None:
    assert passage_anchor("p2", "The union said") == passage_anchor("p2", "The union said")
    assert passage_anchor("p2", "The union said") != passage_anchor("p2", "The union said that")
    assert anchor(passage_anchor("p12", "«قال» الاتحاد")).startswith("p12-q")


def test_cited_passages_are_marked_on_their_own_words_each_with_its_anchor() -> None:
    """Passages inside others nest; one crossing the end of another keeps its anchor on its first part."""
    text = "Alpha beta gamma delta epsilon."
    spans = sorted([(0, 10, "a"), (6, 10, "b"), (6, 22, "c"), (17, 30, "d")], key=lambda s: (s[0], -s[1]))
    html = _marked(text, 0, len(text), spans)
    assert html.startswith('<mark id="a" class="cited">Alpha <mark id="c" class="cited"><mark id="b" class="cited">'
                           'beta</mark></mark></mark><mark class="cited"> gamma <mark id="d"')
    for ident in "abcd":
        assert html.count(f'id="{ident}"') == 1
    assert re.sub(r"<[^>]+>", "", html) == text


def test_every_page_exists_in_every_language_with_the_same_paths() -> None:
    dossier, _ = run(MINI)
    assert dossier is not None
    en = render(dossier, SHIPPED, "en")
    ar = render(dossier, SHIPPED, "ar")
    assert sorted(en) == sorted(ar)
    assert "# إضراب الميناء {#top}" in ar["briefings/harbour-strike.md"]


def test_arabic_pages_use_no_english_interface_words() -> None:
    dossier, _ = run(MINI)
    assert dossier is not None
    ar = render(dossier, SHIPPED, "ar")
    import re
    visible = {path: re.sub(r"<[^>]+>|\]\([^)]*\)", " ", text) for path, text in ar.items()}
    for word in ("Key points", "Claims", "Claimant", "Sources", "paragraph", "Timeline", "undated"):
        assert not [path for path, text in visible.items() if word in text], word


def _actor(ident: str, en: str, aliases: list[str]) -> Actor:
    return Actor(ident, "organisation", {"en": en}, {"en": aliases}, {}, [], [], Review(), Loc("x"))


def test_a_name_inside_a_longer_name_is_never_linked_to_another_actor() -> None:
    from generator.site.xref import first_mentions
    paper = _actor("paper", "Harbour News", [])
    town = _actor("town-council", "Town Council", ["Harbour"])
    text = "Harbour News said so; Harbour News repeated it, and the Harbour council agreed."
    assert first_mentions(text, "en", [paper, town], set()) == [(0, 12, "paper"), (56, 63, "town-council")]
    assert first_mentions(text, "en", [paper, town], {"paper"}) == [(56, 63, "town-council")]


def test_an_arabic_name_is_linked_with_the_particles_written_onto_it() -> None:
    """و، ف، ب and ل are written onto the word, and ل + ال as لل; the link takes the whole word."""
    from generator.factbase import model
    from generator.site.xref import first_mentions
    army = model.Actor("army", "organisation", {"ar": "الجيش الوطني"}, {}, {}, [], [], model.Review(), model.Loc("x"))
    port = model.Actor("port", "organisation", {"ar": "ميناء"}, {}, {}, [], [], model.Review(), model.Loc("x"))
    text = "قال مصدر للجيش الوطني إن الجيش الوطني وصل، وبميناء الشمال أضرار."
    spans = first_mentions(text, "ar", [army, port], set())
    assert [(text[s:e], ident) for s, e, ident in spans] == [("للجيش الوطني", "army"), ("وبميناء", "port")]
    # a letter the rule does not know is still a different word: no link inside "الميناءين" or "كميناء"
    assert first_mentions("الميناءين وكميناء", "ar", [port], set()) == []


def test_a_number_free_figure_does_not_make_a_disagreement(mini: Path) -> None:
    text = (mini / "content/incidents/harbour-strike.yaml").read_text(encoding="utf-8")
    (mini / "content/incidents/harbour-strike.yaml").write_text(
        text.replace("figure: {party: dockworkers-union, value: '120'}",
                     "figure: {party: dockworkers-union, qualifier: some}"), encoding="utf-8")
    from generator.factbase.check import disagreements
    dossier, _ = run(mini)
    assert dossier is not None
    assert disagreements(dossier) == []


def test_glossary_order_follows_each_language() -> None:
    from generator.views.page import sort_key
    arabic = ["القوات المسلحة", "باماكو", "أندريه", "تمبكتو"]
    assert sorted(arabic, key=lambda n: sort_key(n, "ar")) == ["أندريه", "باماكو", "تمبكتو", "القوات المسلحة"]
    english = ["the Union", "Authority", "zeta", "Beta"]
    assert sorted(english, key=lambda n: sort_key(n, "en")) == ["Authority", "Beta", "the Union", "zeta"]


def test_glossary_order_passes_over_punctuation_and_files_hamza_on_alef_with_alef() -> None:
    """«تقرير ذهب الدم» sorted first on its guillemet, and ألمانيا under م as if "أل" were the article."""
    from generator.views.page import sort_key
    arabic = ["مالي", "«تقرير ذهب الدم»", "ألمانيا", "(بوركينا فاسو)", "إثيوبيا", "\"تندار\"", "آمرلي", "الجزائر",
              "بَامَاكو"]
    assert sorted(arabic, key=lambda n: sort_key(n, "ar")) == [
        "إثيوبيا", "ألمانيا", "آمرلي", "بَامَاكو", "(بوركينا فاسو)", "«تقرير ذهب الدم»", "\"تندار\"", "الجزائر", "مالي"]
    assert sort_key("ألمانيا", "ar")[0] == "المانيا" and sort_key("القوات", "ar")[0] == "قوات"
    english = ["Zeta", "'Gold Blood' report", "(Alpha)", "“Beta”"]
    assert sorted(english, key=lambda n: sort_key(n, "en")) == ["(Alpha)", "“Beta”", "'Gold Blood' report", "Zeta"]


def test_chart_is_mirrored_on_right_to_left_pages_and_escapes_labels() -> None:

    from generator.site.chart import Bar, svg
    bars = [Bar("<b>Union</b>", 400, None, "at least 400"), Bar("Authority", 120, 120, "120")]
    ltr, rtl = str(svg(bars, "Strikers", False, "c1")), str(svg(bars, "المضربون", True, "c1"))
    assert "<b>" not in ltr and "&lt;b&gt;Union&lt;/b&gt;" in ltr
    first_bar = lambda s: float(find(r'<rect x="([\d.]+)"[^>]*class="chart-bar"', s).group(1))  # noqa: E731
    width = float(find(r'<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)"', ltr).group(1))
    assert abs(first_bar(rtl) - (640 - first_bar(ltr) - width)) < 0.2
    assert 'direction="rtl"' in rtl and "<title" in rtl


def test_coordinates_read_with_their_hemispheres_in_each_language(mini: Path) -> None:
    """South and west are words, not minus signs; Arabic pages use the Arabic comma."""
    path = mini / "content/places/port-example.yaml"
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\nwithin: coast-example\n", encoding="utf-8")
    (mini / "content/places/coast-example.yaml").write_text(
        "id: coast-example\nkind: region\nname: {en: The Coast, ar: الساحل}\n"
        "citations: [{source: harbour-ar, paragraph: p1, quote: ميناء بورت إكزامبل, "
        "translation: {en: the port of Port Example}}]\n"
        "review: {status: reviewed, by: editorial-desk, on: '2026-12-01'}\n", encoding="utf-8")
    dossier, report = run(mini)
    assert dossier is not None
    assert not [p for p in report.items if p.severity == "error"]
    en = render(dossier, SHIPPED, "en")["incidents/harbour-strike.md"]
    ar = render(dossier, SHIPPED, "ar")["incidents/harbour-strike.md"]
    assert '10&#46;5°N</span>, <span class="coordinate">20&#46;25°W' in en
    assert '10&#46;5° شمالاً</span>، <span class="coordinate">20&#46;25° غرباً' in ar
    assert "#port-example)، [" in ar and "#port-example), [" in en  # the place, then the region it lies in


def test_a_claim_note_joins_its_citations_with_the_page_languages_semicolon() -> None:
    dossier, _ = run(MINI)
    assert dossier is not None
    for lang, semicolon in (("en", "; "), ("ar", "؛ ")):
        page = render(dossier, SHIPPED, lang)["briefings/harbour-strike.md"]
        note = next(line for line in page.splitlines() if "claim-union-400" in line and line.startswith("[^"))
        assert semicolon in note, (lang, note)


def test_a_source_without_a_publisher_shows_no_empty_row(mini: Path) -> None:
    path = mini / "content/sources/harbour-en.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("publisher:\n  en: Harbour News\n  ar: أخبار الميناء\n", ""), encoding="utf-8")
    dossier, _ = run(mini)
    assert dossier is not None
    for lang, label, other in (("en", "Publisher", "Published"), ("ar", "الناشر", "تاريخ النشر")):
        page = render(dossier, SHIPPED, lang)["sources/harbour-en.md"]
        assert f'<th scope="row">{label}</th>' not in page and f'<th scope="row">{other}</th>' in page


def test_names_in_another_language_are_joined_with_that_languages_comma(tmp_path: Path) -> None:
    """An actor's Arabic aliases on an English page read with the Arabic comma, and English ones on an
    Arabic page with the English comma, each list isolated in its own direction."""
    root = copy_dossier(MINI, tmp_path / "mini")
    path = root / "content" / "actors" / "dockworkers-union.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  en: [the union]\n  ar: [النقابة]", "  en: [the union, dockers]\n"
                                 "  ar: [النقابة, نقابة العمال]"), encoding="utf-8")
    dossier, problems = run(root)
    assert dossier is not None and not problems.errors
    en = render(dossier, SHIPPED, "en")["actors.md"]
    ar = render(dossier, SHIPPED, "ar")["actors.md"]
    assert '<bdi lang="ar" dir="rtl">النقابة، نقابة العمال</bdi>' in en
    assert '<bdi lang="en" dir="ltr">the union, dockers</bdi>' in ar
    assert "النقابة، نقابة العمال" in ar  # the page's own aliases, with its own comma


def test_templates_call_page_contexts_directly_and_anything_else_as_jinja_does() -> None:
    """A page context's methods are called without Jinja's look for `pass_context`; a function the
    environment is given that asks for the context still gets it, and a method that raises StopIteration
    still gives an undefined value."""
    import jinja2

    from generator.views.templates import called_directly, environment

    @called_directly
    class Helpers:
        def twice(self, text: str, sep: str = "") -> str:
            return text + sep + text

        def stops(self) -> str:
            raise StopIteration

    @jinja2.pass_context
    def page_name(context: jinja2.runtime.Context) -> str:
        return str(context["name"])

    env = environment(jinja2.DictLoader({"t": "{{ p.twice('ab', sep='-') }} {{ who() }} [{{ p.stops() }}]"
                                              "{% for x in [1] %}{{ p.twice(x|string) }}{% endfor %}"}))
    env.globals["who"] = page_name
    assert env.get_template("t").render(p=Helpers(), name="home") == "ab-ab home []11"


def test_the_home_page_counts_a_day_s_reviews_of_one_kind_instead_of_listing_each(tmp_path: Path) -> None:
    """The home page's latest changes were eight "Reviewed: ‹place›" lines: a day's reviews of one kind of
    record are one line, counted and linked to their list; a lone review still names its record."""
    mini = copy_dossier(MINI, tmp_path / "mini")
    authority = mini / "content" / "actors" / "harbour-authority.yaml"
    authority.write_text(authority.read_text(encoding="utf-8").replace("on: '2026-11-30'", "on: '2026-12-01'"),
                         encoding="utf-8")
    dossier, _ = run(mini)
    assert dossier is not None
    en = [str(body) for _date, body in SiteContext(dossier, "en", "index.md").latest()]
    ar = [str(body) for _date, body in SiteContext(dossier, "ar", "index.md").latest()]
    assert "[2 actors reviewed](actors.md)" in en and "[مراجعة جهتين فاعلتين](actors.md)" in ar
    assert not any("Reviewed" in line and "actors.md#" in line for line in en)
    assert any(line.startswith("Reviewed: [Port Example](places.md#port-example)") for line in en)
    assert any(line.startswith("روجِع: [بورت إكزامبل](places.md#port-example)") for line in ar)
    five = SiteContext(dossier, "ar", "index.md")
    assert five.n_("%(n)s place reviewed", "%(n)s places reviewed", 8) == "مراجعة\u00a08\u00a0أماكن"
    assert five.n_("%(n)s place reviewed", "%(n)s places reviewed", 31) == "مراجعة\u00a031\u00a0مكاناً"


def test_a_paragraph_cited_by_many_records_lists_them_in_paragraphs_of_bounded_length(
        tmp_path: Path) -> None:
    """Python-Markdown rescans a paragraph for every link in it: 5,000 links in one paragraph took MkDocs
    minutes. Every record citing a paragraph is still listed, once, in paragraphs of a bounded number of
    links that read, one after the other, as one list."""
    from generator.factbase.yamlio import dump, plain, read
    from generator.site.crossrefs import LINKS_PER_PARAGRAPH

    root = copy_dossier(MINI, tmp_path / "mini")
    path = root / "content" / "incidents" / "harbour-strike.yaml"
    record = plain(read(path)[0])
    many = 2 * LINKS_PER_PARAGRAPH + 7
    template = record["claims"][-1]
    record["claims"] += [{**template, "id": f"echo-{k}"} for k in range(many)]
    path.write_text(dump(record), encoding="utf-8")
    dossier, problems = run(root)
    assert dossier is not None and not problems.errors
    for lang, label, comma in (("en", "Cited by", ","), ("ar", "ورد الاستشهاد به في", "،")):
        page = render(dossier, SHIPPED, lang)["sources/harbour-en.md"]
        lists = page.split('class="source-paragraph"')   # one per paragraph: its text, then what cites it
        runs = [line for line in next(part for part in lists if "claim-echo-" in part).splitlines()
                if line.startswith('<p class="cited-by"')]
        links = sum(r.count("](") for r in runs)   # the echoes and the paragraph's other citing records
        assert links > many and len(runs) == -(-links // LINKS_PER_PARAGRAPH), (lang, runs)
        assert label in runs[0] and all(label not in r for r in runs[1:])
        assert all(r.count("](") <= LINKS_PER_PARAGRAPH for r in runs)
        assert all(r.endswith(f"){comma}</p>") for r in runs[:-1]) and runs[-1].endswith(")</p>")
        linked = [f"#claim-echo-{k})" for k in range(many)]
        assert all(sum(r.count(x) for r in runs) == 1 for x in linked), lang
