"""Seeds as newsrooms get them: a PDF report, a saved web page, a Word file, read into blocks of text.

Each reader takes the file's bytes and gives `Document`: its paragraphs in reading order (a PDF's
with the page each begins on) and what the file itself says of its title, date, author, publisher
and address. `seedtext.from_document` makes of it the `SourceText` every later stage reads, so a
citation of a PDF is checked exactly as one of a text file. A file that cannot give its text is
`Unreadable`, with what the editor should do; nothing is guessed.
"""
from __future__ import annotations

import io
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from generator.text.arabic import MARK_RANGES, is_arabic_script
from generator.text.segment import LINE_CLOSES

DOCUMENT_SUFFIXES = (".pdf", ".html", ".htm", ".docx")


class Unreadable(Exception):
    """A seed whose text cannot be read; the message says why and what to do."""


@dataclass(frozen=True)
class Block:
    """A paragraph as the document lays it out; `page` is 1-based, for PDFs only."""

    text: str
    page: int | None = None
    heading: bool = False
    direction: str | None = None   # "rtl" or "ltr" where the document states it (Word's w:bidi)


@dataclass
class Document:
    blocks: list[Block] = field(default_factory=list)
    title: str | None = None
    published: str | None = None
    author: str | None = None
    publisher: str | None = None
    url: str | None = None


def read(suffix: str, data: bytes) -> Document:
    """The reader for a document's suffix (one of DOCUMENT_SUFFIXES)."""
    reader = {".pdf": read_pdf, ".html": read_html, ".htm": read_html, ".docx": read_docx}[suffix.lower()]
    return reader(data)


# --- PDF -------------------------------------------------------------------------------------------

# A line that is only a page number: "12", "- 12 -", "Page 12", "12/90", "Page 12 of 90".
_PAGE_NUMBER = re.compile(r"^\W*(?:page\s+)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?\W*$", re.IGNORECASE)
_NUMBERED = re.compile(r"^\(?\d{1,3}[.)]\s")
# In a right-to-left line pdfium gives the full stop of a paragraph's number or of a reference first
# (".1 قال" for "1. قال", ".S/2024/215" at the start of a paragraph's last line), a mark after the
# punctuation that follows its letter ("مقاتلا.ً"), a reference's letters last ("/2024/215S"); from a
# PDF whose text maps follow the glyphs, lam-alef reversed ("األمن" for "الأمن") and brackets mirrored.
_RTL_LEADING_STOP = re.compile(r"^([.)،:;!?]+)([A-Za-z0-9][A-Za-z0-9/\-.]*)(?=\s|$)")
_MARK_AFTER_PUNCT = re.compile(f"([.،,:;!?؟)»]+)([{MARK_RANGES}])")
_LETTERS_LAST = re.compile(r"(?<!\S)([/\-][\d/\-.]*\d)([A-Za-z]{1,6})(?=[\s.،]|$)")
_LAM_ALEF_REVERSED = re.compile("ا([أإآ])ل")
_MIRRORED = (("(", ")"), ("«", "»"), ("[", "]"))


@dataclass
class _Line:
    text: str
    top: float
    bottom: float
    left: float
    right: float
    size: float


def read_pdf(data: bytes) -> Document:
    """Text by page with pypdfium2; paragraphs rebuilt from the lines' positions, the running header,
    footer and page numbers left out."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise Unreadable("the PDF is encrypted (it asks for a password); save an unprotected copy and "
                             "put that in seeds/") from None
        raise Unreadable("the PDF is damaged and cannot be read; save it again from its source, or export "
                         "it anew") from None
    try:
        title = " ".join(str(pdf.get_metadata_dict().get("Title", "")).split()) or None
        pages: list[list[_Line]] = []
        heights: list[float] = []
        for index in range(len(pdf)):
            page = pdf[index]
            heights.append(page.get_height())
            pages.append(_lines(page.get_textpage(), raw))
    except pdfium.PdfiumError:
        raise Unreadable("the PDF is damaged and cannot be read; save it again from its source") from None
    finally:
        pdf.close()
    if not any(line.text.strip() for lines in pages for line in lines):
        raise Unreadable("the PDF has no text layer (a scan, or pages of images); run OCR first (for "
                         "example `ocrmypdf in.pdf out.pdf`) and put the result in seeds/")
    repeated = _running_lines(pages)
    doc = Document(title=title)
    sizes = Counter(round(line.size) for lines in pages for line in lines)
    body_size = sizes.most_common(1)[0][0] if sizes else 0
    open_block: list[_Line] = []
    open_page = 0
    for number, (lines, height) in enumerate(zip(pages, heights, strict=True), start=1):
        kept = [line for line in lines if _key(line.text) not in repeated
                and not (_PAGE_NUMBER.match(line.text) and _in_margin(line, height))]
        usual = _usual_gap(kept)
        width = max((line.right for line in kept), default=0.0)
        previous: _Line | None = None
        for line in kept:
            new = previous is None and not (open_block and _continues(open_block[-1], line, width))
            if previous is not None:
                gap = _gap(previous, line)
                new = (gap > usual + 0.4 * line.size or gap < -line.size or bool(_NUMBERED.match(line.text))
                       or round(line.size) != round(previous.size)
                       or (previous.text.rstrip().endswith(LINE_CLOSES) and previous.right < width * 0.8))
            if new and open_block:
                doc.blocks.append(_block(open_block, open_page, body_size))
                open_block = []
            if not open_block:
                open_page = number
            open_block.append(line)
            previous = line
    if open_block:
        doc.blocks.append(_block(open_block, open_page, body_size))
    return doc


def _lines(textpage: Any, raw: Any) -> list[_Line]:
    """The page's lines as pdfium orders them, each with its box (PDF units, y upwards) and font size."""
    count = textpage.count_chars()
    text = textpage.get_text_range(0, count) if count else ""
    out: list[_Line] = []
    chars: list[tuple[str, tuple[float, float, float, float], float]] = []
    for index in range(min(count, len(text))):
        ch = text[index]
        if ch in "\r\n":
            if chars:
                out.append(_as_line(chars))
                chars = []
            continue
        box = textpage.get_charbox(index)
        chars.append((ch, box, raw.FPDFText_GetFontSize(textpage, index)))
    if chars:
        out.append(_as_line(chars))
    return [line for line in out if line.text]


def _as_line(chars: list[tuple[str, tuple[float, float, float, float], float]]) -> _Line:
    text = unicodedata.normalize("NFC", "".join(ch for ch, _, _ in chars).replace("\x02", "\u00ad"))
    boxes = [box for ch, box, _ in chars if not ch.isspace() and box[2] > box[0]]
    sizes = Counter(round(size, 1) for ch, _, size in chars if not ch.isspace())
    if not boxes:
        return _Line(text.strip(), 0.0, 0.0, 0.0, 0.0, 0.0)
    return _Line(" ".join(text.split()), max(b[3] for b in boxes), min(b[1] for b in boxes),
                 min(b[0] for b in boxes), max(b[2] for b in boxes), sizes.most_common(1)[0][0] if sizes else 0.0)


def _key(text: str) -> str:
    """A line as it repeats from page to page: its numbers may change (the page's own)."""
    return re.sub(r"\d+", "#", " ".join(text.split()).casefold())


def _running_lines(pages: list[list[_Line]]) -> set[str]:
    """Lines that repeat on most pages (a running header or footer); never on a document of one page."""
    if len(pages) < 2:
        return set()
    counts = Counter(key for lines in pages for key in {_key(line.text) for line in lines})
    return {key for key, n in counts.items() if n * 2 > len(pages) and n >= 2}


def _in_margin(line: _Line, height: float) -> bool:
    return line.bottom > height * 0.85 or line.top < height * 0.15


def _gap(above: _Line, below: _Line) -> float:
    """The white space between two lines (PDF units run upwards)."""
    return above.bottom - below.top


def _usual_gap(lines: list[_Line]) -> float:
    """The white space between two lines of one paragraph on this page: the commonest, the median."""
    gaps = sorted(_gap(a, b) for a, b in pairwise(lines) if _gap(a, b) > -a.size)
    return gaps[len(gaps) // 2] if gaps else 0.0


def _continues(last: _Line, line: _Line, width: float) -> bool:
    """Whether a page's first line goes on with the paragraph the page before left open."""
    return (not last.text.rstrip().endswith(LINE_CLOSES) and last.right >= width * 0.8
            and round(last.size) == round(line.size) and not _NUMBERED.match(line.text))


def _block(lines: list[_Line], page: int, body_size: int) -> Block:
    rtl = is_arabic_script(" ".join(line.text for line in lines))
    texts = [_rtl_fixed(line.text) if rtl else line.text for line in lines]
    joined = texts[0]
    for text in texts[1:]:
        if joined.endswith("\u00ad"):    # a word the layout hyphenated: one word again
            joined = joined[:-1] + text
        elif re.search(r"\S[/-]$", joined):   # broken after a slash or a hyphen it has: "S/" "2024/215"
            joined += text
        else:
            joined += " " + text
    joined = joined.replace("\u00ad", "")
    heading = (len(lines) == 1 and not joined.endswith(LINE_CLOSES) and round(lines[0].size) > body_size
               and len(joined) < 120)
    return Block(joined, page, heading, "rtl" if rtl else None)


def _rtl_fixed(text: str) -> str:
    """Undo what pdfium's visual order does to a right-to-left line (see the patterns above)."""
    text = _RTL_LEADING_STOP.sub(lambda m: m.group(2) + m.group(1), text)
    text = _MARK_AFTER_PUNCT.sub(lambda m: m.group(2) + m.group(1), text)
    text = _LETTERS_LAST.sub(lambda m: m.group(2) + m.group(1), text)
    text = _LAM_ALEF_REVERSED.sub(lambda m: "ال" + m.group(1), text)
    for opening, closing in _MIRRORED:
        first = min((i for i in (text.find(opening), text.find(closing)) if i >= 0), default=-1)
        if first >= 0 and text[first] == closing:
            text = text.translate(str.maketrans(opening + closing, closing + opening))
    return text


# --- saved web pages -------------------------------------------------------------------------------

_ARTICLE_PARTS = {"p": False, "head": True, "item": False, "quote": False, "cell": False}


def read_html(data: bytes) -> Document:
    """The article of a saved page with trafilatura (given the bytes, never an address: it fetches
    nothing), its menus, notices and related links left out."""
    from xml.etree import ElementTree

    import trafilatura

    xml = trafilatura.extract(data, output_format="xml", with_metadata=True, include_comments=False,
                              include_tables=True, include_links=False, include_images=False,
                              favor_precision=True, deduplicate=False)
    if not xml:
        raise Unreadable("no article found in this page (only menus, links or scripts); save the article's "
                         "own page, or copy its text into a .txt file")
    root = ElementTree.fromstring(xml)   # trafilatura's own output: no DTD, no entities
    doc = Document(title=root.get("title") or None, author=root.get("author") or None,
                   publisher=root.get("sitename") or None, published=_day(root.get("date")),
                   url=_address(root.get("url")))
    main = root.find("main")
    for element in main.iter() if main is not None else ():
        if element.tag in _ARTICLE_PARTS and not any(child.tag in _ARTICLE_PARTS for child in element):
            text = " ".join("".join(element.itertext()).split())
            if text:
                doc.blocks.append(Block(text, heading=_ARTICLE_PARTS[element.tag]))
    if doc.title and doc.blocks and doc.blocks[0].heading and doc.blocks[0].text == doc.title:
        doc.blocks.pop(0)    # the headline is the title, as a text seed's "# Title" is
    if not doc.blocks:
        raise Unreadable("no article text found in this page; save the article's own page, or copy its text "
                         "into a .txt file")
    return doc


def _address(value: str | None) -> str | None:
    """The page's canonical address when it is a whole http(s) one (a relative one says nothing)."""
    return value if value and re.match(r"https?://[^\s/]+", value) else None


def _day(value: str | None) -> str | None:
    return value if value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else None


# --- Word ------------------------------------------------------------------------------------------

def read_docx(data: bytes) -> Document:
    """Paragraphs and table cells in the order of the document, each with its direction (w:bidi)."""
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        word = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError):
        raise Unreadable("this is not a Word (.docx) file; open it in a word processor and save it as .docx, "
                         "or as .txt") from None
    doc = Document(title=word.core_properties.title or None, author=word.core_properties.author or None)
    body = word.element.body

    def paragraphs(element: Any, parent: Any) -> list[Paragraph]:
        if element.tag.endswith("}p"):
            return [Paragraph(element, parent)]
        if element.tag.endswith("}tbl"):
            return [p for row in Table(element, parent).rows for cell in row.cells for p in cell.paragraphs]
        return []

    for element in body.iterchildren():
        for paragraph in paragraphs(element, word):
            text = " ".join(paragraph.text.split())
            if not text:
                continue
            bidi = paragraph._p.pPr is not None and paragraph._p.pPr.find(qn("w:bidi")) is not None
            style = (paragraph.style.name if paragraph.style is not None else "") or ""
            doc.blocks.append(Block(text, heading=style.startswith(("Heading", "Title")),
                                    direction="rtl" if bidi else None))
    if not doc.blocks:
        raise Unreadable("the Word file has no text; add its text or remove the file")
    return doc
