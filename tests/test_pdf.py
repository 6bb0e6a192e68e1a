"""Briefing PDFs read back: text, language, order of notes, fonts, metadata."""
from __future__ import annotations

from pathlib import Path

import pypdf


def read(path: Path) -> tuple[pypdf.PdfReader, str]:
    reader = pypdf.PdfReader(str(path))
    return reader, "\n".join(page.extract_text() or "" for page in reader.pages)


def embedded_fonts(reader: pypdf.PdfReader) -> set[str]:
    names = set()
    for page in reader.pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            names.add(str(font.get("/BaseFont")))
    return names


def test_english_pdf_has_title_notes_and_metadata(built_mini: Path) -> None:
    reader, text = read(built_mini / "site" / "pdf" / "harbour-strike.en.pdf")
    assert "The harbour strike" in text
    assert "Strike closes the harbour of Port Example" in text  # a cited source
    assert reader.metadata.title == "The harbour strike"
    assert reader.metadata.author == "Port Example strike"
    assert str(reader.metadata.get("/CreationDate")).startswith("D:20230503")
    assert any("Briefing-Serif" in f for f in embedded_fonts(reader))  # Noto Serif, embedded


def test_arabic_pdf_is_arabic_in_logical_order_with_an_embedded_arabic_face(built_mini: Path) -> None:
    reader, text = read(built_mini / "site" / "pdf" / "harbour-strike.ar.pdf")
    assert "إضراب الميناء" in text
    assert "النقاط الرئيسية" in text
    assert any("Amiri" in f for f in embedded_fonts(reader))
    assert reader.metadata.title == "إضراب الميناء"
    assert "صفحة 2 من 2" in text or "صفحة" in text


def test_page_count_is_cover_plus_body(built_mini: Path) -> None:
    for lang in ("en", "ar"):
        reader, _ = read(built_mini / "site" / "pdf" / f"harbour-strike.{lang}.pdf")
        assert len(reader.pages) == 2, lang
