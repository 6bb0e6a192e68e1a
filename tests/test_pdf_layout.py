"""Briefing PDFs looked at: page one rendered to pixels, text inside the margins, tables that break cleanly."""
from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image
from test_pdf import LANGS, briefings, context_of, flat, html_of, pdf_path, read

from generator.views import i18n

pytestmark = pytest.mark.slow

MM = 72 / 25.4  # PDF points per millimetre
MARGIN = 22 * MM  # the left and right page margins of templates/print/briefing.css.j2
SCALE = 2  # pixels per point when page one is rendered


def ink_lines(image: Image.Image) -> list[tuple[int, int, int, int]]:
    """The lines of text of a page image, top to bottom: (top, bottom, gap on the left, gap on the right).
    Text is the dark ink; the lighter rules, borders and backgrounds are left out. Lines set close
    together, as those of the title, count as one."""
    gray = image.convert("L").point(lambda v: 255 if v < 125 else 0)
    width, height = gray.size
    rows = [gray.crop((0, y, width, y + 1)).getbbox() is not None for y in range(height)]
    lines: list[tuple[int, int, int, int]] = []
    y = 0
    while y < height:
        if not rows[y]:
            y += 1
            continue
        top = y
        while y < height and any(rows[y:y + 8]):  # dots, marks and descenders stay with their line
            y += 1
        box = gray.crop((0, top, width, y)).getbbox()
        assert box is not None   # the rows from top to y hold ink
        left, _, right, _ = box
        lines.append((top, y, left, width - right))
    return lines


def height(line: tuple[int, int, int, int]) -> int:
    return line[1] - line[0]


@pytest.mark.parametrize("lang", LANGS)
def test_page_one_is_set_from_the_reading_side(built_dossier: Path, lang: str) -> None:
    """Rendered, the cover's lines start flush at the margin on the reading side (the right in Arabic)
    and stop short on the other: the dossier's name and the date line are short, the title is large."""
    for b in briefings(built_dossier):
        document = pdfium.PdfDocument(str(pdf_path(built_dossier, b.id, lang)))
        image = document[0].render(scale=SCALE).to_pil()
        document.close()
        lines = ink_lines(image)
        # The cover opens with the dossier's name, then the title in large type, then the date line.
        # The title is the line set large after the dossier's name, and any line as tall after it; the date
        # line, with its status box and an Arabic month named twice («مايو/أيار»: a hamza above, a slash
        # below), can stand 2.1 times as tall as the dossier's name, but never near the title's size.
        dossier = lines[0]
        end = 1
        while end < len(lines) and height(lines[end]) >= 1.6 * height(dossier) and \
                height(lines[end]) >= 0.8 * height(lines[1]):
            end += 1
        title, meta = lines[1:end], lines[end]
        assert title, lines
        for top, _bottom, left, right in [dossier, *title, meta]:
            start, end = (right, left) if lang == "ar" else (left, right)
            assert abs(start / SCALE - MARGIN) < 3 * MM, (b.id, lang, top, start)  # flush on the reading side
        for top, _bottom, left, right in (dossier, meta):
            start, end = (right, left) if lang == "ar" else (left, right)
            assert end > 3 * start, (b.id, lang, top, start, end)  # ragged on the other


def chars_outside(path: Path) -> list[tuple[int, str]]:
    """(page number, text) of every character outside the margins or off the page."""
    document = pdfium.PdfDocument(str(path))
    outside = []
    for number in range(len(document)):
        page = document[number]
        width, height = page.get_size()
        text = page.get_textpage()
        for i in range(text.count_chars()):
            left, bottom, right, top = text.get_charbox(i)
            if right - left <= 0:
                continue
            if left < MARGIN - 1.5 * MM or right > width - MARGIN + 1.5 * MM or bottom < 0 or top > height:
                outside.append((number + 1, text.get_text_range(i, 1)))
    document.close()
    return outside


@pytest.mark.parametrize("lang", LANGS)
def test_no_text_runs_off_the_page(built_dossier: Path, lang: str) -> None:
    """Every character lies inside the margins: nothing is cut off at an edge."""
    for b in briefings(built_dossier):
        outside = chars_outside(pdf_path(built_dossier, b.id, lang))
        assert not outside, (b.id, lang, outside[0][0], "".join(ch for _, ch in outside)[:80])


def test_a_word_longer_than_the_line_breaks_inside_the_margins(mini: Path, tmp_path: Path) -> None:
    from generator.build import checked, templates_for
    from generator.layout import Layout
    from generator.pdf import typeset
    path = mini / "content" / "briefings" / "harbour-strike.yaml"
    word = "Supercalifragilistic" * 40
    path.write_text(path.read_text(encoding="utf-8").replace("en: The harbour closed on Monday.", f"en: {word}")
                    .replace("ar: أُغلق الميناء يوم الاثنين.", f"ar: أُغلق {word}"), encoding="utf-8")
    dossier, _ = checked(mini)
    for written in typeset.render_pdfs(dossier, templates_for(Layout(mini)), tmp_path, data=b"{}", workers=1):
        assert chars_outside(written) == [], written.name


def test_claims_tables_repeat_their_header_and_keep_rows_whole(built_shipped: Path) -> None:
    header = " ".join(i18n.gettext_for("en", label) for label in ("Claimant", "Claim", "Figure", "Asserted",
                                                                  "Credibility"))
    for b in briefings(built_shipped):
        pages = read(pdf_path(built_shipped, b.id, "en")).pages
        tables = context_of(built_shipped, b.id, "en").tables(b)
        assert tables, b.id
        with_rows: set[int] = set()
        for incident in tables:
            for claim in incident.claims:
                holding = [i for i, page in enumerate(pages) if flat(claim.text["en"]) in flat(page)]
                assert len(holding) == 1, (b.id, claim.id, holding)  # the whole row on one page
                with_rows.add(holding[0])
        assert len(with_rows) >= 2, b.id  # the tables do run over several pages
        for i in with_rows:
            assert header in pages[i], (b.id, i + 1)  # and each page has the header row


def test_a_word_thousands_of_letters_long_gets_break_opportunities() -> None:
    """WeasyPrint breaks an unbreakable word at a cost that grows with the square of its length; a run
    longer than any real word gets a zero-width space every 40 letters, and short words none."""
    from generator.pdf.context import _breakable
    word = "x" * 30_000
    broken = _breakable(f"a {word} b")
    assert broken.replace("\u200b", "") == f"a {word} b"
    assert max(len(part) for part in broken.split("\u200b")) <= 42
    assert _breakable("Tinzaouaten, قيادة الوحدة") == "Tinzaouaten, قيادة الوحدة"


def call_runs(path: Path) -> list[tuple[int, str, list[float], bool]]:
    """Each run of note calls in a PDF: (page, its text, the bottoms of its digits, whether a character of the
    text it follows sits right beside it, its baseline lower on the same line). A call is a digit much smaller
    than the page's largest ones; the cover, whose dates are small beside its title, has none."""
    document = pdfium.PdfDocument(str(path))
    runs: list[tuple[int, str, list[float], bool]] = []
    for number in range(1, len(document)):
        text = document[number].get_textpage()
        chars = [(text.get_text_range(i, 1), *text.get_charbox(i)) for i in range(text.count_chars())]
        tallest = max((top - bottom for ch, _l, bottom, _r, top in chars if ch.isdigit()), default=0.0)
        small = [ch.isdigit() and top - bottom < 0.7 * tallest for ch, _l, bottom, _r, top in chars]
        run: list[tuple[str, float, float, float, float]] = []
        for index, char in enumerate([*chars, (" ", 0.0, 0.0, 0.0, 0.0)]):
            if (index < len(chars) and small[index]) or (run and char[0] in ",،–"):   # "4–9": a collapsed run
                run.append(char)
                continue
            if run:
                left, right = min(c[1] for c in run), max(c[3] for c in run)
                low = min(c[2] for c in run if c[0].isdigit())
                beside = any(not small[i] and c[0].strip() and 1 < low - c[2] < tallest and
                             (abs(c[3] - left) < 3 or abs(c[1] - right) < 3) for i, c in enumerate(chars))
                runs.append((number + 1, "".join(c[0] for c in run), [c[2] for c in run if c[0].isdigit()], beside))
            run = []
    document.close()
    return runs


@pytest.mark.parametrize("lang", LANGS)
def test_a_run_of_note_calls_stays_whole_and_raised_beside_its_word(built_shipped: Path, lang: str) -> None:
    """In the Arabic PDF a run of calls («6، 7، 8») broke after a comma: the calls carried over sat on the next
    line's baseline, and a run that did not fit began a line of its own. A run is one piece now, glued to the text
    before it and raised above that text's baseline."""
    checked = 0
    for b in briefings(built_shipped):
        for page, run, bottoms, beside in call_runs(pdf_path(built_shipped, b.id, lang)):
            if not set(run) & set(",،"):
                continue   # one call, or small figures that are no call (a table's, a date in another script)
            assert max(bottoms) - min(bottoms) < 0.6, (b.id, lang, page, run, bottoms)   # one line, one height
            assert beside, (b.id, lang, page, run)
            checked += run.count(",") + run.count("،")
    assert checked > 20   # runs of several calls were found and looked at


ARABIC = re.compile(r"[\u0600-\u06FF\uFB50-\uFDFF\uFE70-\uFEFF]")
QUOTE_IN_NOTE = re.compile(r'<span class="quote">(?:<span[^>]*>)?«<bdi lang="en" dir="ltr">(.*?)</bdi>')


def latin_letters(path: Path) -> list[tuple[int, float, str]]:
    """The Latin letters and digits of a PDF as drawn: (line, left edge, letter), lines top to bottom and
    page after page, each line's letters from left to right."""
    document = pdfium.PdfDocument(str(path))
    letters: list[tuple[int, float, str]] = []
    line = 0
    for number in range(len(document)):
        text = document[number].get_textpage()
        rows: list[tuple[float, list[tuple[float, str]]]] = []
        for i in range(text.count_chars()):
            char = text.get_text_range(i, 1)
            if not char.isalnum() or ARABIC.match(char):
                continue
            left, bottom, _, top = text.get_charbox(i)
            middle = (bottom + top) / 2
            row = next((r for m, r in rows if abs(m - middle) < 4), None)
            if row is None:
                row = []
                rows.append((middle, row))
            row.append((left, char))
        for _, row in sorted(rows, key=lambda r: -r[0]):
            letters.extend((line, left, char) for left, char in sorted(row))
            line += 1
    document.close()
    return letters


def test_an_english_quote_in_an_arabic_note_reads_line_after_line(built_shipped: Path) -> None:
    """An English quote broken across lines of an Arabic note read in a zig-zag: its first words at the left end of
    one line, the rest from the middle of the next to the right margin. Each of its lines now starts at the left
    edge of the text, as an English paragraph's do, and its letters read in order, line after line."""
    checked = 0
    for b in briefings(built_shipped):
        html = html_of(built_shipped, b.id, "ar")
        quotes = [unescape(q) for q in QUOTE_IN_NOTE.findall(html[html.index('<h2 id="notes">'):])]
        drawn = latin_letters(pdf_path(built_shipped, b.id, "ar"))
        text = "".join(char for _, _, char in drawn)
        left_edge = min(left for _, left, _ in drawn)
        for quote in quotes:
            wanted = "".join(char for char in quote if char.isalnum())
            start = text.find(wanted)
            assert start >= 0, (b.id, quote[:60])   # its letters, in order
            found = drawn[start:start + len(wanted)]
            lines = sorted({line for line, _, _ in found})
            for line in lines[1:]:
                first = min(left for n, left, _ in found if n == line)
                assert first - left_edge < 2 * MM, (b.id, quote[:60], first, left_edge)
            checked += len(lines) > 1
    assert checked >= 3   # quotes of several lines were looked at
