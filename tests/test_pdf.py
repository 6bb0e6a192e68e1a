"""Briefing PDFs read back: text, logical Arabic, order of notes, fonts, metadata, pages.

The PDFs are those of the small test dossier (`built_mini`) and of the shipped one (`built_shipped`),
each built once per session. Two extractors are used for what each reads well: pypdf keeps every
character of Arabic words and their logical order (it moves digits about in right-to-left lines);
PDFium reorders mixed lines properly but puts a space before some raised diacritics.
"""
from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from html import unescape
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pypdf
import pypdfium2 as pdfium
import pytest

from generator.build import checked, templates_for
from generator.factbase import model
from generator.layout import Layout
from generator.pdf import context, textmap, typeset
from generator.views import i18n

pytestmark = pytest.mark.slow

LANGS = ("en", "ar")
DATASETS = ("mini", "shipped")
# Arabic letters, marks and tatweel; not Arabic punctuation, which pypdf may detach from its word.
ARABIC_WORD = re.compile(r"[\u0621-\u063A\u0640-\u065F\u0670-\u06D3]+")
NOT_ARABIC = re.compile(r"[^\u0621-\u063A\u0640-\u065F\u0670-\u06D3\s]+")
ARABIC_LETTER = re.compile(r"[\u0621-\u063A\u0641-\u064A\u0671-\u06D3]")
JOINER = "\u200d"


# --- reading ------------------------------------------------------------------------------------
@dataclass
class Read:
    reader: pypdf.PdfReader
    pages: list[str]  # pypdf's text, page by page
    logical: list[str]  # PDFium's text, page by page

    @property
    def text(self) -> str:
        return "\n".join(self.pages)


@cache
def _read(path: str, mtime: float) -> Read:
    reader = pypdf.PdfReader(path)
    document = pdfium.PdfDocument(path)
    logical = [document[i].get_textpage().get_text_range() for i in range(len(document))]
    document.close()
    return Read(reader, [page.extract_text() or "" for page in reader.pages], logical)


def read(path: Path) -> Read:
    return _read(str(path), path.stat().st_mtime)


def flat(text: str) -> str:
    """Text compared without line breaks, spaces or joiners, in composed form."""
    return "".join(unicodedata.normalize("NFC", text.replace(JOINER, "")).split())


def arabic_words(text: str) -> list[str]:
    """The Arabic words of a text, with their marks: what copying must give back exactly. Joiners
    and tatweel only stretch a line: a PDF glyph has one text, and Amiri's stretch between lam and
    kaf, drawn with the tatweel glyph, copies as a joiner (see textmap.choose_text)."""
    return ARABIC_WORD.findall(unicodedata.normalize("NFC", text.replace(JOINER, "").replace("\u0640", "")))


def letters(text: str) -> str:
    """The Arabic letters of a text and nothing else, to check order with PDFium: it orders mixed
    lines properly, but breaks some words around raised marks and moves a fatha drawn over a shadda."""
    return "".join(ARABIC_LETTER.findall(unicodedata.normalize("NFD", text)))


def contains_run(needle: list[str], haystack: list[str]) -> bool:
    n = len(needle)
    return any(haystack[i:i + n] == needle for i in range(len(haystack) - n + 1))


def segments(word: str, known: set[str]) -> bool:
    """Whether `word` is known words glued together (pypdf glues the cells of a table row)."""
    ok = [True] + [False] * len(word)
    for end in range(1, len(word) + 1):
        ok[end] = any(ok[start] and word[start:end] in known for start in range(end))
    return ok[-1]


# --- what the PDFs should hold ------------------------------------------------------------------
@cache
def dossier_of(root: Path) -> model.Dossier:
    dossier, _ = checked(root)
    return dossier


def html_of(root: Path, briefing: str, lang: str) -> str:
    dossier = dossier_of(root)
    return typeset.briefing_html(dossier, dossier.briefings[briefing], lang, templates_for(Layout(root)))


def context_of(root: Path, briefing: str, lang: str) -> context.PrintContext:
    dossier = dossier_of(root)
    return context.PrintContext(dossier, lang, f"briefings/{briefing}.md")


def briefings(root: Path) -> list[model.Briefing]:
    return list(dossier_of(root).briefings.values())


def pdf_path(root: Path, briefing: str, lang: str) -> Path:
    return root / "site" / "pdf" / f"{briefing}.{lang}.pdf"


# --- the tests ------------------------------------------------------------------------------------
def test_every_shipped_briefing_has_a_pdf_in_each_language(built_shipped: Path) -> None:
    dossier = dossier_of(built_shipped)
    expected = {f"{b}.{lang}.pdf" for b in dossier.briefings for lang in dossier.languages}
    assert {"tinzaouaten-ambush.en.pdf", "tinzaouaten-ambush.ar.pdf"} <= expected
    assert {p.name for p in (built_shipped / "site" / "pdf").glob("*.pdf")} == expected


@pytest.mark.parametrize("lang", LANGS)
def test_title_and_every_cited_source_appear(built_dossier: Path, lang: str) -> None:
    for b in briefings(built_dossier):
        got = read(pdf_path(built_dossier, b.id, lang))
        cited = context_of(built_dossier, b.id, lang).cited_sources(b)
        assert cited, b.id
        if lang == "en":
            assert flat(b.title["en"]) in flat(got.text)
            for source in cited:
                assert flat(source.title["en"]) in flat(got.text), (b.id, source.id)
        else:
            text = letters("\n".join(got.logical))
            assert letters(b.title["ar"]) in text
            for source in cited:
                assert letters(source.title["ar"]) in text, (b.id, source.id)
                if source.language != "ar":  # the title in the source's own language, to look it up
                    assert flat(source.title[source.language]) in flat(got.text), (b.id, source.id)


CALL_RUN = r'<a class="call" href="#note-(\d+)">\d+</a>(?:–<a class="call" href="#note-(\d+)">)?'


@pytest.mark.parametrize("lang", LANGS)
def test_notes_are_numbered_in_order_and_called_in_order(built_dossier: Path, lang: str) -> None:
    notes_heading = i18n.gettext_for(lang, "Notes")
    sources_heading = i18n.gettext_for(lang, "List of sources")
    for b in briefings(built_dossier):
        html = html_of(built_dossier, b.id, lang)
        count = html.count('<li id="note-')
        assert count >= len(b.key_points), b.id
        # In the body, each note is first called after every lower number.
        body = html[:html.index('<h2 id="notes">')]
        calls = [n for first, last in re.findall(CALL_RUN, body)  # a run of calls, "4–7", calls 4 to 7
                 for n in range(int(first), int(last or first) + 1)]
        first = sorted(set(calls), key=calls.index)
        assert first == list(range(1, count + 1)), b.id
        # In the PDF's text, the notes come numbered 1, 2, 3 … N ("N." in English, ".N" read back in Arabic).
        text = read(pdf_path(built_dossier, b.id, lang)).text
        start = text.index(f"\n{notes_heading}\n")
        end = text.index(f"\n{sources_heading}\n", start)
        found = [int(x or y) for x, y in re.findall(r"(?m)^\s*(?:(\d+)\.|\.(\d+))(?!\d)", text[start:end])]
        numbers: list[int] = []
        for n in found:  # a line of a note may start with a year: skip what is not the next number
            if n == len(numbers) + 1:
                numbers.append(n)
        assert numbers == list(range(1, count + 1)), b.id


@pytest.mark.parametrize("lang", LANGS)
def test_metadata_comes_from_the_content(built_dossier: Path, lang: str) -> None:
    dossier = dossier_of(built_dossier)
    for b in briefings(built_dossier):
        reader = read(pdf_path(built_dossier, b.id, lang)).reader
        meta = reader.metadata
        assert meta is not None
        assert meta.title == b.title[lang]
        assert meta.author == dossier.title[lang]
        day = b.date.value.replace("-", "")
        assert str(meta["/CreationDate"]).startswith(f"D:{day}")
        assert str(meta["/ModDate"]).startswith(f"D:{day}")
        assert str(reader.root_object["/Lang"]) == lang  # the catalog's language, for screen readers


@pytest.mark.parametrize("lang", LANGS)
def test_only_the_fonts_installed_with_the_project_are_embedded(built_dossier: Path, lang: str) -> None:
    for b in briefings(built_dossier):
        reader = read(pdf_path(built_dossier, b.id, lang)).reader
        fonts = {}
        for page in reader.pages:
            resources = page["/Resources"]
            assert isinstance(resources, pypdf.generic.DictionaryObject)
            for ref in resources.get("/Font", {}).values():
                font = ref.get_object()
                descendant = font["/DescendantFonts"][0].get_object()
                descriptor = descendant["/FontDescriptor"].get_object()
                fonts[str(font["/BaseFont"])] = "/FontFile2" in descriptor or "/FontFile3" in descriptor
        assert all(fonts.values()), fonts  # every face embedded
        assert all(re.fullmatch(r"/[A-Z]{6}\+(Amiri|Briefing-Serif)[-A-Za-z]*", name) for name in fonts), fonts
        main = "Amiri" if lang == "ar" else "Briefing-Serif"
        assert any(main in name for name in fonts), fonts


@pytest.mark.parametrize("lang", LANGS)
def test_page_count_running_header_and_page_numbers(built_dossier: Path, lang: str) -> None:
    for b in briefings(built_dossier):
        got = read(pdf_path(built_dossier, b.id, lang))
        pages = len(got.pages)
        if built_dossier.name == "mini":
            assert 2 <= pages <= 4, pages  # cover, body with table, notes and sources
        else:
            assert 5 <= pages <= 40, pages
        for number in range(2, pages + 1):
            footer = i18n.gettext_for(lang, "page %(page)s of %(pages)s") % {"page": number, "pages": pages}
            if lang == "en":  # pypdf reads left-to-right lines as they are
                page = flat(got.pages[number - 1])
                assert flat(footer) in page and flat(b.title["en"]) in page, (b.id, number)
            else:  # PDFium puts the figures of a right-to-left line where they belong
                page = got.logical[number - 1]
                assert flat(footer) in flat(page) and letters(b.title["ar"]) in letters(page), (b.id, number)
        assert flat(i18n.gettext_for(lang, "page %(page)s of %(pages)s") % {"page": 1, "pages": pages}) \
            not in flat(got.logical[0])  # the cover has neither


@pytest.mark.parametrize("dataset", DATASETS)
def test_arabic_text_is_in_logical_order_and_copies_correctly(request: pytest.FixtureRequest, dataset: str) -> None:
    root = request.getfixturevalue("built_mini" if dataset == "mini" else "built_shipped")
    for b in briefings(root):
        got = read(pdf_path(root, b.id, "ar"))
        # Logical order: within each stretch of Arabic words (no figure, no Latin, no punctuation
        # between them), every pair of neighbours reads back in the order it is written, never reversed.
        # (pypdf moves the figures of a right-to-left line about, hence stretches and a small tolerance.)
        passages = b.key_points + [p for s in b.sections for p in s.paragraphs]
        pairs = [pair for passage in passages for stretch in NOT_ARABIC.split(passage.text["ar"])
                 for pair in itertools.pairwise(arabic_words(stretch))]
        words = arabic_words(got.text)
        read_pairs = set(itertools.pairwise(words))
        assert len(pairs) >= 5
        assert sum(pair in read_pairs for pair in pairs) >= 0.95 * len(pairs), b.id
        assert not [pair for pair in pairs if pair[::-1] in read_pairs and pair not in read_pairs], b.id
        words = arabic_words(got.text)
        # Every word copies as written: no letter lost, doubled or replaced (WeasyPrint's own text map
        # gave "للكن" for "لكن", "مدمَّّر" for "مدمَّر" and dropped letters; see textmap.repair_text_maps).
        html = html_of(root, b.id, "ar")
        known = set(arabic_words(unescape(re.sub(r"<[^>]+>", " ", html))))
        wrong = sorted({w for w in words if w not in known and not segments(w, known)})
        assert not wrong, (b.id, wrong[:20])


def test_arabic_words_with_hamza_and_marks_survive(built_mini: Path) -> None:
    text = read(pdf_path(built_mini, "harbour-strike", "ar")).text
    words = arabic_words(text)
    assert contains_run(arabic_words("تتراوح أعداد المضربين بين"), words)
    assert "أُغلق" in words  # alef with hamza above and damma
    assert not any("\ufffd" in w for w in words)


def test_embedded_latin_is_isolated_in_arabic(built_mini: Path) -> None:
    html = html_of(built_mini, "harbour-strike", "ar")
    assert '<bdi lang="en" dir="ltr">Dockworkers walked out on Monday</bdi>' in html  # an English quote
    assert '<bdi dir="ltr" class="url">' in html  # an address
    assert '<html lang="ar" dir="rtl">' in html


def test_repeated_citations_keep_one_note() -> None:
    dossier = dossier_of(Path(__file__).parent / "fixtures" / "mini")
    ctx = context.PrintContext(dossier, "en", "briefings/harbour-strike.md")
    first = ctx.cite(claims=["union-400", "authority-120"])
    again = ctx.cite(claims=["authority-120"])
    assert [n.number for n in ctx.notes] == [1, 2]
    assert 'href="#note-2">2<' in str(again) and 'href="#note-1"' in str(first)


def test_the_text_map_follows_the_font() -> None:
    """Each glyph stands for the characters the font derives it from; an inserted one for a joiner."""
    assert textmap.choose_text("ل", ["ل", "ﻝ"]) == "ل"
    assert textmap.choose_text("َّ", ["َ"]) == "َ"  # a fatha drawn over a shadda is a fatha
    assert textmap.choose_text("", ["ل", "ﻝ"]) == "ل"  # a letter WeasyPrint left without text
    assert textmap.choose_text("ل", ["ـ", ""]) == textmap.JOINER  # Amiri's stroke between lam and kaf
    assert textmap.choose_text(")", ["("]) == "("  # a mirrored bracket: readers mirror it back
    amiri = typeset.font_files()["amiri-regular"].read_bytes()
    texts = textmap.glyph_texts(amiri)
    from fontTools.ttLib import TTFont
    font = TTFont(str(typeset.font_files()["amiri-regular"]))
    kaf = font.getGlyphID(font.getBestCmap()[ord("ك")])
    assert texts[kaf][0] == "ك"
    assert sum(1 for t in texts.values() if t and t[0] == "ك") > 3  # its initial, medial, final forms too


def test_arabic_print_leaves_its_marks_room_and_never_slants(mini: Path) -> None:
    """Dammas touched the line above in the Arabic PDF's notes and tables (line heights of 1.35 and 1.42, set for
    Latin text), and the standfirst was slanted. Arabic lines get the room Amiri's marks need; nothing is italic."""
    def css(lang: str) -> str:
        html = html_of(mini, "harbour-strike", lang)
        return html[html.index("<style>"):html.index("</style>")]
    ar, en = css("ar"), css("en")
    heights = {rule: float(re.search(re.escape(rule) + r" \{[^}]*line-height: ([\d.]+)", ar).group(1))  # type: ignore[union-attr]
               for rule in ("html", "table.claims", "table.casualties", ".notes, .sources")}
    assert heights == {"html": 1.75, "table.claims": 1.6, "table.casualties": 1.6, ".notes, .sources": 1.65}
    assert ".cover .summary { font-style: normal; font-weight: bold;" in ar
    assert "font-style: normal; font-weight: bold" not in en
    assert re.search(r"table\.claims \{[^}]*line-height: 1\.35", en)   # English keeps its measure


PDFA_ID = "http://www.aiim.org/pdfa/ns/id/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"


def pdfa_identification(reader: pypdf.PdfReader) -> list[str | None]:
    """The PDF/A part and conformance the document's XMP metadata declares."""
    metadata: Any = reader.root_object["/Metadata"]   # pypdf's types say nothing of what a dictionary holds
    xmp = ElementTree.fromstring(metadata.get_object().get_data())
    for description in xmp.iter(f"{{{RDF}}}Description"):
        if f"{{{PDFA_ID}}}part" in description.attrib:
            return [description.get(f"{{{PDFA_ID}}}{name}") for name in ("part", "conformance")]
    return []


@pytest.mark.parametrize("lang", LANGS)
def test_every_pdf_is_an_archival_pdf_a3_with_the_dossier_data_attached(built_dossier: Path, lang: str) -> None:
    """What an archive checks: PDF/A-3 identification in the XMP (part 3, conformance U), an sRGB output intent
    for PDF/A, the language in the catalog, a structure tree (tagged), and the site's data/dossier.json embedded
    byte for byte, declared as the document's data (/AF, /AFRelationship /Data)."""
    exported = (built_dossier / "site" / "data" / "dossier.json").read_bytes()
    for b in briefings(built_dossier):
        reader = read(pdf_path(built_dossier, b.id, lang)).reader
        assert pdfa_identification(reader) == ["3", "U"], b.id
        root: Any = reader.root_object
        intents = [intent.get_object() for intent in root["/OutputIntents"]]
        assert [str(intent["/S"]) for intent in intents] == ["/GTS_PDFA1"], b.id
        assert "/DestOutputProfile" in intents[0]
        assert str(root["/Lang"]) == lang
        assert "/StructTreeRoot" in root and bool(root["/MarkInfo"]["/Marked"]), b.id
        assert reader.attachments == {"dossier.json": [exported]}, b.id
        [spec] = [ref.get_object() for ref in root["/AF"]]
        assert (spec["/UF"], spec["/AFRelationship"]) == ("dossier.json", "/Data")
        assert spec["/EF"]["/F"].get_object()["/Subtype"] == "/application/json"


@pytest.mark.parametrize("lang", LANGS)
def test_no_pdf_names_a_source_by_its_seed_file(built_dossier: Path, lang: str) -> None:
    """The English PDFs printed `seeds/000_b241c23118f90200.txt` where the source should be named; a source is named
    by its publisher (or title) and date, in the shipped dossier's PDFs too."""
    seeds = [p.name for p in (built_dossier / "seeds").iterdir()]
    for b in briefings(built_dossier):
        text = read(pdf_path(built_dossier, b.id, lang)).text
        assert "seeds/" not in text and not [name for name in seeds if name in text], (b.id, lang)


def test_every_table_header_of_the_print_says_what_it_heads(built_dossier: Path) -> None:
    """A screen reader names a cell by its headers: every <th> is scoped, in the PDF too (/Scope), and each cell
    points to its headers (WeasyPrint's /Headers)."""
    for b in briefings(built_dossier):
        for lang in LANGS:
            html = html_of(built_dossier, b.id, lang)
            headers = re.findall(r"<th\b[^>]*>", html)
            assert headers and all(re.search(r'\bscope="(col|row)"', th) for th in headers), (b.id, lang)
        reader = read(pdf_path(built_dossier, b.id, "en")).reader
        nodes = list(_struct_nodes(reader.root_object["/StructTreeRoot"]))
        cells = [node for node in nodes if node.get("/S") == "/TD"]
        assert cells and all("/Headers" in cell["/A"] for cell in cells), b.id
        scopes = [str(node["/A"].get("/Scope")) for node in nodes if node.get("/S") == "/TH"]
        assert "/Column" in scopes and set(scopes) <= {"/Column", "/Row"}, (b.id, scopes)


def _struct_nodes(node: object) -> Iterator[dict]:
    node = node.get_object() if hasattr(node, "get_object") else node
    if isinstance(node, pypdf.generic.ArrayObject):
        for kid in node:
            yield from _struct_nodes(kid)
    elif isinstance(node, pypdf.generic.DictionaryObject):
        yield node
        if "/K" in node:
            yield from _struct_nodes(node["/K"])
