"""A whole build of the small dossier into a temporary folder, read back as a user would."""
from __future__ import annotations

import csv
import filecmp
import io
import os
import re
import shutil
from html import unescape
from pathlib import Path
from urllib.parse import urljoin

import pytest
from conftest import briefing, find
from htmlcheck import check_footnote_links, check_internal_links, resolve, scan
from markupsafe import escape

from generator.build import build
from generator.errors import BriefingError
from generator.factbase.check import run
from generator.text import verbatim
from generator.views.addresses import passage_anchor

pytestmark = pytest.mark.slow


def test_both_languages_are_built_with_language_and_direction(built_mini: Path) -> None:
    site = built_mini / "site"
    en, ar = scan(site / "index.html"), scan(site / "ar" / "index.html")
    assert en.html_attrs["lang"] == "en" and en.html_attrs["dir"] == "ltr"
    assert ar.html_attrs["lang"] == "ar" and ar.html_attrs["dir"] == "rtl"
    for page in ("briefings/harbour-strike.html", "incidents/harbour-strike.html", "actors.html",
                 "places.html", "timeline.html", "sources/harbour-en.html", "sources/harbour-ar.html"):
        assert (site / page).is_file() and (site / "ar" / page).is_file(), page


def test_every_footnote_link_lands_on_an_existing_anchor(built_mini: Path) -> None:
    assert check_footnote_links(built_mini / "site") > 20


def test_every_internal_link_and_anchor_resolves(built_mini: Path) -> None:
    links, footnotes = check_internal_links(built_mini / "site")
    assert footnotes > 20 and links >= footnotes


def test_source_paragraphs_have_anchors_and_cited_passages_are_marked(built_mini: Path) -> None:
    page = built_mini / "site" / "ar" / "sources" / "harbour-en.html"
    html = page.read_text(encoding="utf-8")
    assert {"p1", "p2", "p3"} <= scan(page).ids
    assert '<p id="p2" class="source-paragraph" lang="en" dir="ltr">' in html
    assert re.search(r'<mark id="p2-q[0-9a-f]{8}" class="cited">The union said</mark>', html)


def _marked_by(html: str, ident: str) -> str:
    """What the `<mark>` with this id holds, marks inside it included (a passage inside another is marked inside it)."""
    start = find(rf'<mark id="{ident}" class="cited">', html).end()
    depth = 1
    for tag in re.finditer(r"<(/?)mark\b", html[start:]):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return html[start:start + tag.start()]
    raise AssertionError(f"the mark {ident} is never closed")


def test_every_citation_lands_on_its_own_quoted_words_in_both_languages(built_mini: Path) -> None:
    """Each cited passage is a `<mark>` with its own anchor on exactly its words, the same anchor in both
    languages, and every note quoting it links there (the headline left to the page's list of sources)."""
    dossier, _ = run(built_mini)
    assert dossier is not None
    site = built_mini / "site"
    for _owner, cit in dossier.citations():
        ident = passage_anchor(cit.paragraph, cit.quote)
        for prefix in ("", "ar/"):
            html = (site / prefix / "sources" / f"{cit.source}.html").read_text(encoding="utf-8")
            words = unescape(re.sub(r"<[^>]+>", "", _marked_by(html, ident)))
            assert verbatim.find_quote(words, cit.quote) == (0, len(words)), (prefix, cit.quote)
    for prefix in ("", "ar/"):
        targets = {href.split("#")[1] for href, note in scan(site / prefix / "briefings" / "harbour-strike.html").links
                   if note and "sources/" in href}
        assert targets and all(re.fullmatch(r"p\d+-q[0-9a-f]{8}", t) for t in targets), prefix


def test_a_claim_note_leads_to_the_claims_row_itself(built_mini: Path) -> None:
    """The row carries the claim's id (no empty span left behind), so following the note marks the row."""
    site = built_mini / "site"
    for prefix in ("", "ar/"):
        html = (site / prefix / "incidents" / "harbour-strike.html").read_text(encoding="utf-8")
        rows = re.findall(r'<tr id="(claim-[a-z0-9-]+)">', html)
        assert rows and '<span id="claim-' not in html, prefix
        briefing_page = (site / prefix / "briefings" / "harbour-strike.html").read_text(encoding="utf-8")
        notes = find(r'<div class="footnote">(.*?)</div>', briefing_page, re.DOTALL).group(1)
        named = set(re.findall(r'href="../incidents/harbour-strike.html#(claim-[a-z0-9-]+)"', notes))
        assert named and named <= set(rows), prefix


def test_notes_are_short_and_each_source_is_described_once(built_mini: Path) -> None:
    site = built_mini / "site"
    for prefix, short, title in (("", "Harbour News, May 2, 2023, ¶", "Strike closes the harbour of Port Example"),
                                 ("ar/", "أخبار الميناء، 2 مايو/أيار 2023، الفقرة ", "إضراب يغلق ميناء بورت إكزامبل")):
        html = (site / prefix / "briefings" / "harbour-strike.html").read_text(encoding="utf-8")
        notes = find(r'<div class="footnote">(.*?)</div>', html, re.DOTALL).group(1)
        listed = find(r'<h2 id="sources-cited">[^<]*</h2>\s*<ul>(.*?)</ul>', html, re.DOTALL).group(1)
        assert short in unescape(notes) and title not in unescape(notes), prefix
        assert unescape(listed).count(title) == 1, prefix


def test_source_pages_show_the_dossiers_translation_beside_each_cited_passage(built_mini: Path) -> None:
    """An Arabic reader of an English source and an English reader of an Arabic one get every cited passage
    translated, labelled as the editors' translation and linked to its words; a reader of the source's own
    language gets no box."""
    dossier, _ = run(built_mini)
    assert dossier is not None
    site = built_mini / "site"
    for lang, prefix, label in (("en", "", "Translation by this dossier&#39;s editors"),
                                ("ar", "ar/", "ترجمة محرّري هذا الملف")):
        for source in dossier.sources.values():
            html = (site / prefix / "sources" / f"{source.id}.html").read_text(encoding="utf-8")
            cited = [c for _o, c in dossier.citations() if c.source == source.id and c.translation.get(lang)]
            if source.language == lang:
                assert "dossier-translation" not in html
                continue
            assert cited, source.id
            assert f'<div class="dossier-translation" lang="{lang}"' in html and label in html
            for cit in cited:
                ident = passage_anchor(cit.paragraph, cit.quote)
                assert f'<li><a href="#{ident}">{escape(cit.translation[lang])}</a></li>' in html, cit.quote


def test_a_source_with_an_address_links_its_original(built_mini: Path) -> None:
    site = built_mini / "site"
    for prefix, words in (("", "Read the original"), ("ar/", "اقرأ الأصل")):
        html = (site / prefix / "sources" / "harbour-en.html").read_text(encoding="utf-8")
        assert f'<a href="https://example.org/news/strike?id=1&amp;lang=en" rel="noopener">{words}</a>' in html
        assert words not in (site / prefix / "sources" / "harbour-ar.html").read_text(encoding="utf-8")


def test_no_pdf_or_page_names_a_source_by_its_file(built_mini: Path) -> None:
    """PDFs and pages name a source by publisher, title and date: the seed's file is the editors' business."""
    import pypdf
    site = built_mini / "site"
    for pdf in sorted((site / "pdf").glob("*.pdf")):
        text = "".join(page.extract_text() for page in pypdf.PdfReader(pdf).pages)
        assert "seeds/" not in text and "harbour-ar.txt" not in text, pdf.name
        assert ("Harbour News" if pdf.name.endswith(".en.pdf") else "أخبار الميناء") in text, pdf.name
    for page in site.rglob("*.html"):
        assert "harbour-ar.txt" not in page.read_text(encoding="utf-8"), page


def test_language_switcher_lands_on_the_same_page(built_mini: Path) -> None:
    site = built_mini / "site"
    page = site / "incidents" / "harbour-strike.html"
    switch = [href for href, _ in scan(page).links if "/ar/" in href or href.startswith("ar/")]
    assert switch, "no link to the Arabic page"
    target, _ = resolve(page, switch[0])
    assert target == (site / "ar" / "incidents" / "harbour-strike.html").resolve()
    back = [href for href, _ in scan(site / "ar" / "incidents" / "harbour-strike.html").links
            if href.endswith("../incidents/harbour-strike.html") and href.startswith("../../")]
    assert back


def test_text_from_sources_is_escaped_everywhere(built_mini: Path) -> None:
    for page in sorted((built_mini / "site").rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        assert '<script>alert("x")' not in html, page
        assert 'href="javascript:' not in html, page
        assert "<b>bold</b>" not in html, page
    text = scan(built_mini / "site" / "briefings" / "harbour-strike.html").text
    assert "The text <b>bold</b> and *stars* stay as typed." in text
    assert 'A <script>alert("x")</script> tag' in text


def test_titles_and_the_dossier_name_are_text_wherever_the_theme_prints_them(mini: Path) -> None:
    """The theme prints titles into <title>, the header and the footer links, some of them unescaped."""
    import html as htmllib
    import re
    payload = '</title><script>alert(1)</script>" onmouseover="alert(2)" & co'
    for rel, old in (("content/dossier.yaml", "  en: Port Example strike"),
                     ("content/incidents/harbour-strike.yaml", "  en: Harbour strike of May 2023"),
                     ("content/incidents/harbour-strike.yaml", "  ar: إضراب الميناء في مايو 2023")):
        path = mini / rel
        quoted = "'" + old.split(": ", 1)[1] + " " + payload.replace("'", "''") + "'"
        path.write_text(path.read_text(encoding="utf-8").replace(old, old.split(": ", 1)[0] + ": " + quoted),
                        encoding="utf-8")
    build(mini)
    for page in sorted((mini / "site").rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        assert "<script>alert" not in text and 'onmouseover="' not in text, page
    en = (mini / "site" / "incidents" / "harbour-strike.html").read_text(encoding="utf-8")
    title = htmllib.unescape(find(r"<title>(.*?)</title>", en, re.DOTALL).group(1))
    assert title == f"Harbour strike of May 2023 {payload} - Port Example strike {payload}"
    ar = (mini / "site" / "ar" / "incidents" / "harbour-strike.html").read_text(encoding="utf-8")
    assert htmllib.unescape(find(r"<title>(.*?)</title>", ar, re.DOTALL).group(1)).startswith(
        f"إضراب الميناء في مايو 2023 {payload} - ")


def test_claims_that_disagree_are_shown_as_a_range(built_mini: Path) -> None:
    en = scan(built_mini / "site" / "incidents" / "harbour-strike.html").text
    ar_page = built_mini / "site" / "ar" / "incidents" / "harbour-strike.html"
    assert "from 120 to more than 400" in en and "the sources disagree" in en
    # in words, never "120–400+", which right-to-left text shows as «+400–120»
    assert "من 120 إلى أكثر من 400" in scan(ar_page).text and "المصادر متضاربة" in scan(ar_page).text
    assert "&#43;" not in ar_page.read_text(encoding="utf-8")


def test_pdf_per_language_and_exports(built_mini: Path) -> None:
    site = built_mini / "site"
    for lang in ("en", "ar"):
        pdf = site / "pdf" / f"harbour-strike.{lang}.pdf"
        assert pdf.read_bytes().startswith(b"%PDF")
    assert (site / "data" / "dossier.json").is_file()
    assert (site / "data" / "claims.csv").read_text(encoding="utf-8").count("\n") == 3


def test_no_page_requests_anything_from_another_host(built_mini: Path) -> None:
    for page in sorted((built_mini / "site").rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html, page
        for src in scan(page).scripts:
            assert not src.startswith(("http:", "https:", "//")), (page, src)


def test_a_failed_build_leaves_the_previous_site_intact(mini: Path) -> None:
    build(mini)
    before = (mini / "site" / "index.html").read_bytes()
    union = mini / "content" / "actors" / "dockworkers-union.yaml"
    union.write_text(union.read_text(encoding="utf-8").replace("kind: organisation", "kind: guild"),
                     encoding="utf-8")
    with pytest.raises(BriefingError) as failure:
        build(mini)
    assert any(p.code == "enum" for p in failure.value.problems)
    assert (mini / "site" / "index.html").read_bytes() == before
    # the exports begun while the dossier was checked were stopped and removed
    assert not (mini / ".build" / "data").exists() and not _forked_children()
    result = briefing("--root", str(mini), "build")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "dockworkers-union.yaml" in result.stdout


def _forked_children() -> list[int]:
    """Forks of this process that are still there, running or not yet waited for (the long-lived helper
    that multiprocessing starts for itself runs another command line)."""
    found, me = [], Path("/proc/self/cmdline").read_bytes()
    for entry in Path("/proc").iterdir():
        try:
            stat = (entry / "stat").read_text(encoding="ascii", errors="replace")
            state, parent = stat.rpartition(")")[2].split()[:2]
            forked = state == "Z" or (entry / "cmdline").read_bytes() == me   # a zombie has no command line
        except (OSError, ValueError):
            continue
        if entry.name.isdigit() and int(parent) == os.getpid() and forked:
            found.append(int(entry.name))
    return found


def test_a_failure_while_writing_the_exports_is_told_and_keeps_the_site(mini: Path) -> None:
    """The exports are written by a child process: what stops it reaches the user as a short message."""
    build(mini)
    before = (mini / "site" / "index.html").read_bytes()
    (mini / "content" / "dossier.yaml").write_text((mini / "content" / "dossier.yaml").read_text(encoding="utf-8")
                                                   + "\n", encoding="utf-8")   # something to build again
    (mini / ".build" / "data").write_text("not a folder", encoding="utf-8")
    result = briefing("--root", str(mini), "build")
    assert result.returncode == 1 and "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert ".build/data" in result.stderr.splitlines()[-1], result.stderr
    assert (mini / "site" / "index.html").read_bytes() == before


def test_a_broken_template_fails_cleanly_and_keeps_the_site(mini: Path) -> None:
    build(mini)
    (mini / "templates" / "pages").mkdir(parents=True)
    (mini / "templates" / "pages" / "home.md.j2").write_text("{% if %}\n", encoding="utf-8")
    result = briefing("--root", str(mini), "build")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "home.md.j2" in result.stdout
    assert (mini / "site" / "index.html").is_file()


def test_a_published_address_gives_canonical_links_and_a_sitemap(mini: Path) -> None:
    dossier = mini / "content" / "dossier.yaml"
    dossier.write_text(dossier.read_text(encoding="utf-8") + "site_url: https://example.org/harbour\n",
                       encoding="utf-8")
    build(mini)
    for prefix in ("", "ar/"):
        url = f"https://example.org/harbour/{prefix}incidents/harbour-strike.html"
        assert f"<loc>{url}</loc>" in (mini / "site" / prefix / "sitemap.xml").read_text(encoding="utf-8")
        page = (mini / "site" / prefix / "incidents" / "harbour-strike.html").read_text(encoding="utf-8")
        assert f'<link rel="canonical" href="{url}">' in page


def test_without_a_published_address_no_page_claims_one(built_mini: Path) -> None:
    page = (built_mini / "site" / "incidents" / "harbour-strike.html").read_text(encoding="utf-8")
    assert 'rel="canonical"' not in page
    assert "<loc>" not in (built_mini / "site" / "sitemap.xml").read_text(encoding="utf-8")


def test_same_input_same_bytes(mini: Path, tmp_path: Path) -> None:
    build(mini)
    first = tmp_path / "first"
    shutil.copytree(mini / "site", first)
    shutil.rmtree(mini / ".build")
    build(mini)
    comparison = filecmp.dircmp(first, mini / "site")
    differing: list[str] = []

    def walk(c: filecmp.dircmp, prefix: str = "") -> None:
        differing.extend(prefix + name for name in c.diff_files + c.left_only + c.right_only)
        for name, sub in c.subdirs.items():
            walk(sub, f"{prefix}{name}/")
    walk(comparison)
    shallow_equal = [name for name in differing if (first / name).is_file()
                     and (first / name).read_bytes() == (mini / "site" / name).read_bytes()]
    assert sorted(set(differing) - set(shallow_equal)) == []


def test_exports_and_structured_data(built_mini: Path) -> None:
    import json
    site = built_mini / "site"
    rows = list(csv.DictReader((site / "data" / "claims.csv").open(encoding="utf-8")))
    union = next(r for r in rows if r["claim_id"] == "union-400")
    assert union["figure_low"] == "400" and union["figure_high"] == "" and union["qualifier"] == "at-least"
    assert union["event_date"] == "2023-05-01" and union["date_precision"] == "day"
    assert union["claimant_id"] == "dockworkers-union" and union["source_id"] == "harbour-en"
    data = json.loads((site / "data" / "dossier.json").read_text(encoding="utf-8"))
    assert set(data["incidents"]) == {"harbour-strike"}
    for lang in ("", "ar/"):
        html = (site / f"{lang}incidents" / "harbour-strike.html").read_text(encoding="utf-8")
        block = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
        event = json.loads(block)
        assert event["@type"] == "Event" and event["startDate"] == "2023-05-01"
        assert event["location"]["geo"]["latitude"] == 10.5


def test_grades_show_as_badges_that_explain_the_scale(built_mini: Path) -> None:
    site = built_mini / "site"
    page = scan(site / "ar" / "sources" / "harbour-en.html")
    badges = [href for href, _ in page.links if "grades.html#reliability-b" in href]
    assert badges
    target, fragment = resolve(site / "ar" / "sources" / "harbour-en.html", badges[0])
    assert fragment in scan(target).ids
    incident = (site / "incidents" / "harbour-strike.html").read_text(encoding="utf-8")
    assert "grade-credibility-3" in incident and "grade-credibility-4" in incident
    # a badge is read out as what it means, not as a bare letter with the meaning only in `title`
    for source, name in ((site / "sources" / "harbour-en.html", "reliability B&#58; usually reliable"),
                         (site / "ar" / "sources" / "harbour-en.html", "الموثوقية B&#58; موثوق عادةً")):
        html = source.read_text(encoding="utf-8")
        assert f'href="../grades.html#reliability-b" aria-label="{name}" title=' in html, source
    assert re.search(r'aria-label="credibility 4&#58; [^"]+" title="[^"]+">4</a>', incident)


def test_an_unchanged_pdf_is_reused_and_an_edited_briefing_rendered_again(mini: Path) -> None:
    import pypdf
    build(mini)
    cache = mini / ".build" / "pdf-cache"
    first = sorted(p.name for p in cache.iterdir())
    assert len(first) == 2  # one briefing, two languages
    for entry in cache.iterdir():  # mark the cached copies: a rebuild that reuses them shows the mark
        entry.write_bytes(entry.read_bytes() + b"%reused\n")
    timeline = mini / "content" / "timeline.yaml"   # a change the briefing's PDF does not show: a rebuild
    timeline.write_text(timeline.read_text(encoding="utf-8").replace("en: The strike begins.",
                                                                     "en: The strike starts."), encoding="utf-8")
    assert "pdf" in build(mini).timings
    pdfs = mini / "site" / "pdf"
    # the layouts reused, the data they carry made anew (dossier.json attached after the layout)
    assert all(b"%reused\n" in p.read_bytes() for p in pdfs.glob("*.pdf"))
    assert all(b"The strike starts." in pypdf.PdfReader(p).attachments["dossier.json"][0] for p in pdfs.glob("*.pdf"))

    briefing = mini / "content" / "briefings" / "harbour-strike.yaml"
    briefing.write_text(briefing.read_text(encoding="utf-8").replace("en: The harbour strike",
                                                                     "en: The harbour walkout"), encoding="utf-8")
    build(mini)
    english = pdfs / "harbour-strike.en.pdf"
    assert b"%reused\n" not in english.read_bytes()
    assert "walkout" in pypdf.PdfReader(english).pages[0].extract_text()
    assert len(list(cache.iterdir())) == 2 and sorted(p.name for p in cache.iterdir()) != first


def test_leftovers_where_the_site_goes_give_a_clear_answer(mini: Path) -> None:
    (mini / ".site.old").write_text("left by hand", encoding="utf-8")  # a file where the old site is parked
    build(mini)
    assert (mini / "site" / "index.html").is_file() and not (mini / ".site.old").exists()
    shutil.rmtree(mini / "site")
    (mini / "site").write_text("my notes", encoding="utf-8")  # a file where the site goes: never deleted
    result = briefing("--root", str(mini), "build")
    assert result.returncode == 1 and "Traceback" not in result.stderr and "is a file" in result.stderr
    assert (mini / "site").read_text(encoding="utf-8") == "my notes"


def test_claims_csv_text_never_runs_as_a_spreadsheet_formula(mini: Path) -> None:
    from generator.factbase.check import run
    from generator.site.export import claims_csv
    incident = mini / "content" / "incidents" / "harbour-strike.yaml"
    incident.write_text(incident.read_text(encoding="utf-8").replace(
        "en: At least 400 members joined the strike.", "en: '=HYPERLINK(\"http://x.example\",\"click\")'"),
        encoding="utf-8")
    dossier, _ = run(mini)
    assert dossier is not None
    rows = list(csv.DictReader(io.StringIO(claims_csv(dossier))))
    union = next(r for r in rows if r["claim_id"] == "union-400")
    assert union["text_en"] == "'" + '=HYPERLINK("http://x.example","click")'
    assert union["text_ar"] == "شارك 400 عضو على الأقل في الإضراب."


def test_a_mkdocs_failure_is_told_in_its_own_words_without_banners(mini: Path) -> None:
    config = mini / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("markdown_extensions:",
                                                                 "markdown_extensions:\n  - no_such_extension"),
                      encoding="utf-8")
    result = briefing("--root", str(mini), "build")
    assert result.returncode == 1 and "no_such_extension" in result.stderr
    assert "Traceback" not in result.stderr and "end of life" not in result.stderr


def test_pages_need_no_markdown_extension_from_the_dossiers_config(built_mini: Path) -> None:
    """The small dossier's mkdocs.yml leaves out md_in_html; the "Cited by" lines are links all the same."""
    assert "md_in_html" not in (built_mini / "mkdocs.yml").read_text(encoding="utf-8")
    page = (built_mini / "site" / "sources" / "harbour-en.html").read_text(encoding="utf-8")
    assert 'markdown="1"' not in page and "](../" not in page
    assert '<p class="cited-by">Cited by: <a href="../briefings/harbour-strike.html">' in page


def test_a_dossier_overrides_single_templates_and_keeps_the_shipped_rest(mini: Path) -> None:
    """One page template, one stylesheet and one theme partial of the dossier's own; every other file
    is the shipped one, so a dossier need not copy the whole folder to change one page."""
    shipped = Path(__file__).parent.parent / "templates"
    own = mini / "templates"
    (own / "pages").mkdir(parents=True)
    home = (shipped / "pages" / "home.md.j2").read_text(encoding="utf-8")
    (own / "pages" / "home.md.j2").write_text(home + "\nOWN HOME TEMPLATE\n", encoding="utf-8")
    (own / "assets").mkdir()
    css = (shipped / "assets" / "briefing.css").read_text(encoding="utf-8")
    (own / "assets" / "briefing.css").write_text(css + "\n/* own stylesheet */\n", encoding="utf-8")
    (own / "overrides" / "partials").mkdir(parents=True)
    (own / "overrides" / "partials" / "copyright.html").write_text("<p>OWN FOOTER</p>\n", encoding="utf-8")
    build(mini)
    site = mini / "site"
    assert "OWN HOME TEMPLATE" in (site / "index.html").read_text(encoding="utf-8")
    assert "OWN HOME TEMPLATE" in (site / "ar" / "index.html").read_text(encoding="utf-8")
    assert "OWN HOME TEMPLATE" not in (site / "actors.html").read_text(encoding="utf-8")
    assert (site / "assets" / "briefing.css").read_text(encoding="utf-8").endswith("/* own stylesheet */\n")
    assert (site / "assets" / "javascripts" / "search.js").read_bytes() == \
        (shipped / "assets" / "javascripts" / "search.js").read_bytes()
    actors = (site / "actors.html").read_text(encoding="utf-8")
    assert "OWN FOOTER" in actors and 'target="_self"' in actors  # own partial beside the shipped alternate.html
    assert [p.name for p in (site / "pdf").iterdir()] and all(p.stat().st_size for p in (site / "pdf").iterdir())
    (own / "overrides" / "partials" / "copyright.html").unlink()
    build(mini)
    assert "OWN FOOTER" not in (site / "actors.html").read_text(encoding="utf-8")  # a removed override is gone


def test_a_file_where_templates_go_is_refused(mini: Path) -> None:
    (mini / "templates").write_text("not a folder\n", encoding="utf-8")
    result = briefing("--root", str(mini), "build")
    assert result.returncode == 1 and "templates" in result.stderr and "Traceback" not in result.stderr


def test_a_template_that_fails_while_rendering_names_its_file_and_line(mini: Path) -> None:
    page = mini / "templates" / "pages" / "actors.md.j2"
    page.parent.mkdir(parents=True)
    lines = (Path(__file__).parent.parent / "templates" / "pages" / "actors.md.j2").read_text(
        encoding="utf-8").splitlines()
    page.write_text("\n".join([*lines[:3], "{{ no_such_thing.x }}", *lines[3:]]) + "\n", encoding="utf-8")
    result = briefing("--root", str(mini), "build")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "actors.md.j2:4:1: error: 'no_such_thing' is undefined" in result.stdout


def test_a_rebuild_with_nothing_changed_does_almost_nothing_and_any_change_rebuilds(mini: Path) -> None:
    first = build(mini)
    site = mini / "site"
    before = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    again = build(mini)
    assert "render" not in again.timings and "unchanged" in again.timings
    assert again.pages == first.pages and sorted(again.pdfs) == sorted(first.pdfs)
    assert {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()} == before
    (site / "index.html").write_text("tampered", encoding="utf-8")   # the site is not as the build left it
    assert "render" in build(mini).timings and (site / "index.html").read_bytes() == before[Path("index.html")]
    union = mini / "content" / "actors" / "dockworkers-union.yaml"
    union.write_text(union.read_text(encoding="utf-8").replace("Dockworkers' Union", "Dock Workers' Union"),
                     encoding="utf-8")
    changed = build(mini)
    assert "render" in changed.timings and "Dock Workers" in (site / "actors.html").read_text(encoding="utf-8")
    assert "render" in build(mini, drafts=True).timings   # another option, another site


def test_no_page_links_to_a_protocol_relative_address(built_mini: Path) -> None:
    """A 404 page's language links were written "//ar/": a browser takes that for a host named "ar"."""
    site = built_mini / "site"
    for page in sorted(site.rglob("*.html")):
        bad = [href for href, _ in scan(page).links if href.startswith("//")]
        assert bad == [], (page.relative_to(site), bad)
    assert any(urljoin("http://host/deep/er/missing", urljoin("/", href)) == "http://host/ar/"
               for href, _ in scan(site / "404.html").links)


def test_each_language_has_its_own_404_that_works_at_any_depth_and_from_disk(built_mini: Path) -> None:
    """The Arabic 404 was headed "404 - Not found" and its menu led into the English site; opened from disk,
    both 404 pages lost their styles (links from "/"). Each is in its language and keeps to its site: a server
    takes the links from the language's root (`<base>`), a reader who opens the file from disk from beside it."""
    site = built_mini / "site"
    for page, root, heading, home in ((site / "404.html", "/", "Page not found", "Go to the home page"),
                                      (site / "ar" / "404.html", "/ar/", "الصفحة غير موجودة",
                                       "الانتقال إلى الصفحة الرئيسية")):
        html = page.read_text(encoding="utf-8")
        assert f"<h1>{heading}</h1>" in html and "404 - Not found" not in html
        script = 'if (location.protocol === "file:") document.querySelector("base").remove()'
        assert f'<head><base href="{root}"><script>{script}</script>' in html
        assert f'<a href="index.html">{home}</a>' in html
        addresses = re.findall(r'(?:href|src)="([^"]*)"', html)
        rooted = [a for a in addresses if a.startswith("/") and a != root]
        assert rooted == [], (page, rooted)
        local = [a for a in addresses if not a.startswith(("http:", "https:", "/", "#")) and a not in ("", ".")]
        for address in local:             # from disk: beside the file
            target, _ = resolve(page, address)
            assert target.exists(), (page, address)
        for address in ("actors.html", "assets/briefing.css", "index.html"):   # on a server, at any depth
            assert address in local
            assert urljoin(f"http://host{root}", address) == f"http://host{root}{address}"
        assert f'"base": "{root}"' in html   # the theme's scripts start from this language's root


def test_every_page_credits_the_place_data_and_the_map_outlines_in_its_language(built_mini: Path) -> None:
    """GeoNames' licence (CC BY 4.0) asks for the attribution wherever its places are shown."""
    for page, words in ((built_mini / "site" / "index.html", ("Place data", "Map outlines", "public domain")),
                        (built_mini / "site" / "ar" / "index.html", ("بيانات الأماكن", "حدود الخرائط", "ملكية عامة"))):
        html = page.read_text(encoding="utf-8")
        assert 'href="https://www.geonames.org/">GeoNames</a>' in html and "CC BY 4.0" in html
        assert "Natural Earth" in html and all(word in html for word in words), page


def test_infoboxes_label_their_rows_and_notes_have_a_heading(built_mini: Path) -> None:
    """The infobox was a Markdown table with an empty header row, hidden, and its labels in `td`; the notes came
    after a bare rule. Each label is now the header of its row, and the notes are headed in the page's language."""
    site = built_mini / "site"
    for lang, prefix, dates, published, notes in (("en", "", "Dates", "Published", "Notes"),
                                                   ("ar", "ar/", "التواريخ", "تاريخ النشر", "الهوامش")):
        incident = (site / prefix / "incidents" / "harbour-strike.html").read_text(encoding="utf-8")
        source = (site / prefix / "sources" / "harbour-en.html").read_text(encoding="utf-8")
        grades = (site / prefix / "grades.html").read_text(encoding="utf-8")
        assert f'<th scope="row">{dates}</th>' in incident and f'<th scope="row">{published}</th>' in source, lang
        assert re.search(r'<th scope="row"><span id="reliability-b"></span><a class="grade', grades)
        for html in (incident, source, grades):
            assert not re.search(r"<thead>\s*<tr>\s*<th>\s*</th>", html)   # no empty header row left anywhere
        assert re.search(rf'<h2 id="notes">{notes}</h2>\s*<div class="footnote">', incident), lang
        # the footnote calls inside a table's cells still lead to their notes
        assert re.search(r'<td[^>]*>[^\n]*<sup id="fnref\d*:\d+"><a class="footnote-ref" href="#fn:\d+">', incident)
