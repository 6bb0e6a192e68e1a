"""Locator maps in what a build ships: each incident page and the places page in both languages carry
a map with outlines and their places, as one raw HTML block Markdown left alone, and each briefing's
PDF draws its map (read back with pypdf and rendered with PDFium)."""
from __future__ import annotations

import re
from pathlib import Path

import pypdf
import pypdfium2 as pdfium
import pytest
from conftest import PROJECT

from generator.factbase.load import load

pytestmark = pytest.mark.slow

DOSSIER = load(PROJECT).dossier
SEA = (0xDC, 0xE8, 0xF0)


def _map(html: str) -> str:
    found = re.search(r'<figure class="locator-map"><svg .*?</figure>', html, re.DOTALL)
    assert found, "no map on the page"
    return found.group(0)


@pytest.mark.parametrize("prefix, lang", [("", "en"), ("ar/", "ar")])
def test_incident_pages_and_the_places_page_show_a_map_in_both_languages(built_shipped: Path, prefix: str,
                                                                          lang: str) -> None:
    assert DOSSIER is not None
    site = built_shipped / "site"
    pages = {f"incidents/{i.id}.html": [i.place] for i in DOSSIER.incidents.values() if i.place}
    pages["places.html"] = [p.id for p in DOSSIER.places.values() if p.coordinates]
    assert len(pages) >= 3
    for page, places in pages.items():
        html = (site / prefix / page).read_text(encoding="utf-8")
        figure = _map(html)
        assert len(re.findall(r'<path class="country" data-country="\d{3}" d="M', figure)) >= 3, page
        for ident in places:
            assert f'data-place="{ident}"' in figure, (page, ident)
        assert "<figcaption>" in figure and "&lt;svg" not in html and "<p><figure" not in html
        texts = re.findall(r'<text [^>]*direction="(\w+)"', figure)
        assert texts and set(texts) == {"rtl" if lang == "ar" else "ltr"}, page


def _page_with_map(path: Path, intro: str) -> int:
    reader = pypdf.PdfReader(path)
    found = [i for i, page in enumerate(reader.pages) if intro in "".join((page.extract_text() or "").split())]
    assert len(found) == 1, (path.name, found)
    return found[0]


@pytest.mark.parametrize("lang, intro", [("en", "Onthemap"), ("ar", "علىالخريطة")])
def test_each_briefing_pdf_draws_its_map(built_shipped: Path, lang: str, intro: str) -> None:
    assert DOSSIER is not None
    for briefing in DOSSIER.briefings.values():
        path = built_shipped / "site" / "pdf" / f"{briefing.id}.{lang}.pdf"
        index = _page_with_map(path, intro)
        image = pdfium.PdfDocument(path)[index].render(scale=1).to_pil().convert("RGB")
        sea = sum(n for n, colour in image.getcolors(1 << 24) or []
                  if all(abs(a - b) <= 3 for a, b in zip(colour, SEA, strict=True)))
        assert sea > 2000, (path.name, sea)  # the inset's sea at least, drawn from the SVG
        text = "".join((pypdf.PdfReader(path).pages[index].extract_text() or "").split())
        name = DOSSIER.places["tinzaouaten"].name[lang]
        assert name in text, path.name  # a label, as text a reader can copy
