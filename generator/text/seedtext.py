"""Seed text: normalisation, header conventions (title, published date, address) and paragraphs in reading order.

What ingest records as a source's text and hash, and what every citation's paragraph id refers to.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator.text.documents import DOCUMENT_SUFFIXES, Document
from generator.text.segment import LINE_CLOSES

TEXT_SUFFIXES = (".txt", ".md")
SEED_SUFFIXES = TEXT_SUFFIXES + DOCUMENT_SUFFIXES
# The largest seed read, by kind: a text of 8 MiB is some 1,500 pages, a PDF of 64 MiB a long report with its
# pictures. Past them a seed costs minutes and gigabytes on every check (issue 27: 200 MB, 1 min 56 s, 3.3 GB).
MAX_BYTES = {"text": 8 << 20, "document": 64 << 20}

_TITLE = re.compile(r"^#\s+(?P<title>\S.*?)\s*#*\s*$")
_HEADING = re.compile(r"^#{2,6}\s+(?P<text>\S.*?)\s*#*\s*$")
_PUBLISHED = re.compile(
    r"^published\s*:\s*`?\s*(?P<date>\d{4}-\d{2}-\d{2})(?:[ T](?P<time>\d{2}:\d{2}(?::\d{2})?))?\s*`?\s*$",
    re.IGNORECASE)
# "URL: https://…" (or "<https://…>"): the address is kept as written; ingest decides whether it is one.
_URL = re.compile(r"^url\s*:\s*<?(?P<url>.*?)>?\s*$", re.IGNORECASE)
_LEADING_DATE = re.compile(r"^\s*date\s+(?P<date>\d{4}-\d{2}-\d{2})\s+")
_RULE = re.compile(r"^\s*([-*_])(\s*\1){2,}\s*$")
# A line this long is a whole paragraph, not a hard-wrapped piece of one.
_WRAP_WIDTH = 100


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of a source; `id` is `p1`, `p2`, … in reading order, `line` is 1-based in the file (in a
    document, in its extracted text); `page` is the PDF page it begins on and `on_page` its place among the
    paragraphs that begin there, 1-based (what a note cites as "p. 12, ¶3"); `direction` is "rtl" or "ltr"
    where the document states it (a Word paragraph's w:bidi, an Arabic paragraph of a PDF)."""

    id: str
    text: str
    line: int
    heading: bool = False
    page: int | None = None
    on_page: int | None = None
    direction: str | None = None


@dataclass
class SourceText:
    """What ingest reads from one seed file; paragraphs are derived, never stored by hand."""

    text: str
    sha256: str
    title: str | None = None
    published: str | None = None
    published_time: str | None = None
    url: str | None = None
    url_line: int = 0   # the 1-based line of the seed that states `url`
    author: str | None = None
    publisher: str | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)

    def paragraph(self, pid: str) -> Paragraph | None:
        for p in self.paragraphs:
            if p.id == pid:
                return p
        return None


def normalise(raw: str) -> str:
    """NFC, no BOM, LF line endings, no trailing spaces: the text whose hash is recorded."""
    text = raw.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    lines = [line.rstrip() for line in text.split("\n")]
    return "\n".join(lines).strip("\n") + "\n"


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def decode(data: bytes) -> str:
    """Decode a seed as UTF-8; raises UnicodeDecodeError for anything else, which ingest reports."""
    return data.decode("utf-8")


def parse(raw: str) -> SourceText:
    """Normalise a seed and read its header conventions and paragraphs. The reading of a text seen before in
    this process is kept (`_Kept`): a preview checks every source's citations again after each edit."""
    kept = _kept.get(raw)
    if kept is None:
        kept = _kept.put(raw, _parse(raw))
    return replace(kept, paragraphs=list(kept.paragraphs))   # the paragraphs are frozen; the list is the caller's


class _Kept:
    """Readings by the raw text, the most recent kept up to a total size, so a preview of hours holds the
    dossier's seeds, never every version of every seed it saw."""

    LIMIT = 64 << 20   # characters of raw text

    def __init__(self) -> None:
        self._items: dict[str, SourceText] = {}
        self._size = 0

    def get(self, raw: str) -> SourceText | None:
        found = self._items.pop(raw, None)
        if found is not None:
            self._items[raw] = found   # the most recently used last
        return found

    def put(self, raw: str, reading: SourceText) -> SourceText:
        if len(raw) <= self.LIMIT:
            self._items[raw] = reading
            self._size += len(raw)
            while self._size > self.LIMIT:
                oldest = next(iter(self._items))
                self._size -= len(oldest)
                del self._items[oldest]
        return reading


_kept = _Kept()


def _parse(raw: str) -> SourceText:
    text = normalise(raw)
    result = SourceText(text=text, sha256=sha256(text))
    lines = text.split("\n")
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = 0
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            if current:
                blocks.append((start, current))
                current = []
            continue
        if not current:
            start = number
        current.append(line)
    if current:
        blocks.append((start, current))

    pieces: list[tuple[int, str, bool]] = []
    for first_line, block in blocks:
        for offset, chunk in _split_block(block):
            pieces.append((first_line + offset, chunk, False))

    body: list[tuple[int, str, bool]] = []
    for index, (line_no, chunk, _) in enumerate(pieces):
        if _RULE.match(chunk):
            continue
        if result.title is None and not body and (m := _TITLE.match(chunk)):
            result.title = m.group("title")
            continue
        if result.published is None and (m := _PUBLISHED.match(chunk)):
            result.published = m.group("date")
            result.published_time = m.group("time")
            continue
        if result.url is None and (m := _URL.match(chunk)):
            result.url, result.url_line = m.group("url"), line_no
            continue
        if index == 0 and result.published is None and (m := _LEADING_DATE.match(chunk)):
            result.published = m.group("date")
            chunk = chunk[m.end():]
        if m := _HEADING.match(chunk):
            body.append((line_no, m.group("text"), True))
            continue
        body.append((line_no, chunk, False))

    result.paragraphs = [Paragraph(f"p{i}", chunk, line_no, heading)
                         for i, (line_no, chunk, heading) in enumerate(body, start=1)]
    return result


def from_document(document: Document) -> SourceText:
    """A PDF, web page or Word file read (`documents.read`) as the source text every later stage reads: its
    paragraphs, one a line of the text that is hashed, a blank line apart."""
    blocks = [b for b in document.blocks if " ".join(b.text.split())]
    text = normalise("\n\n".join(" ".join(b.text.split()) for b in blocks))
    result = SourceText(text=text, sha256=sha256(text), title=document.title, published=document.published,
                        url=document.url, author=document.author, publisher=document.publisher)
    counted: dict[int, int] = {}
    for index, (block, line) in enumerate(zip(blocks, text.split("\n")[::2], strict=True), start=1):
        on_page = None
        if block.page is not None and not block.heading:
            on_page = counted[block.page] = counted.get(block.page, 0) + 1
        result.paragraphs.append(Paragraph(f"p{index}", line, 2 * index - 1, block.heading, block.page, on_page,
                                           block.direction))
    return result


def _split_block(block: list[str]) -> list[tuple[int, str]]:
    """A block of short lines broken mid-sentence is one hard-wrapped paragraph; otherwise a paragraph a line."""
    if len(block) == 1:
        return [(0, block[0].strip())]
    if all(_PUBLISHED.match(line) or _URL.match(line) for line in block):   # "Published: …" over "URL: …"
        return [(i, line.strip()) for i, line in enumerate(block)]
    inner = block[:-1]
    wrapped = sum(not line.rstrip().endswith(LINE_CLOSES) for line in inner)
    if all(len(line) < _WRAP_WIDTH for line in inner) and wrapped * 2 >= len(inner) and not any(
            _HEADING.match(line) or _TITLE.match(line) for line in block):
        return [(0, " ".join(line.strip() for line in block))]
    return [(i, line.strip()) for i, line in enumerate(block)]


def outside_seeds(path: Path, seeds: Path) -> str | None:
    """Why a seed may not be read, or None: a link that leads out of seeds/ (it would publish any
    file of the machine that builds the site) or that leads nowhere."""
    if not path.is_symlink():
        return None
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return "it is a link that leads nowhere; put the document itself in seeds/"
    if not target.is_relative_to(seeds.resolve()):
        return "it is a link to a file outside seeds/, which is never read; copy the document into seeds/ instead"
    return None
