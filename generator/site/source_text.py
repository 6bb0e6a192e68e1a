"""A source's text on its own page: each paragraph with its cited passages marked, and a link into
the original at a cited passage. Reached by templates as `p.source_text`."""
from __future__ import annotations

from urllib.parse import quote

from markupsafe import Markup

from generator.factbase import model
from generator.site.page import SitePage
from generator.text import verbatim
from generator.text.escape import md_block_html
from generator.text.seedtext import Paragraph
from generator.views.templates import called_directly


@called_directly
class SourceText:
    def __init__(self, p: SitePage) -> None:
        self.p = p

    def paragraph_html(self, source: model.Source, paragraph: Paragraph) -> Markup:
        """A source paragraph as HTML, with every cited passage marked: found by the same function that
        checks citations (`text.verbatim.find_quote`), so the passage marked is the one the check proved."""
        spans = [found for quote in self.p.xref.quotes_at.get((source.id, paragraph.id), [])
                 if (found := verbatim.find_quote(paragraph.text, quote))]
        out: list[str] = []   # every piece escaped here, joined once
        at = 0
        for start, end in _merge(spans):
            out.append(md_block_html(paragraph.text[at:start]) if start > at else "")
            out.append(f"<mark>{md_block_html(paragraph.text[start:end])}</mark>")
            at = end
        out.append(md_block_html(paragraph.text[at:]))
        return Markup("".join(out))

    def page_mark(self, source: model.Source, paragraph: Paragraph) -> Markup:
        """Where a page of a PDF source begins (`#page-N`, what a note's "p. 12" leads to): before the first
        paragraph that begins on that page."""
        if paragraph.page is None or paragraph.page == _page_before(source, paragraph):
            return Markup("")
        return Markup('<p id="page-{0}" class="source-page">{1}</p>\n\n').format(
            paragraph.page, self.p._("Page %(n)s") % {"n": self.p.num(paragraph.page)})

    def fragment_link(self, source: model.Source, pid: str) -> Markup:
        """A link to the original that lands on the first cited passage (a URL text fragment)."""
        if not source.url:
            return Markup("")
        quotes = self.p.xref.quotes_at.get((source.id, pid), [])
        if not quotes:
            return Markup("")
        words = min(quotes, key=lambda q: (len(q), q)).split()
        if len(words) > 8:
            fragment = f"{_fragment(' '.join(words[:4]))},{_fragment(' '.join(words[-4:]))}"
        else:
            fragment = _fragment(" ".join(words))
        return Markup('<a class="to-original" href="{0}#:~:text={1}" rel="noopener" title="{2}">↗</a>').format(
            source.url.split("#")[0], Markup(fragment), self.p._("Open the original at this passage"))


def _page_before(source: model.Source, paragraph: Paragraph) -> int | None:
    """The page of the paragraph before this one (None for the first)."""
    index = int(paragraph.id[1:]) - 2
    return source.paragraphs[index].page if 0 <= index < len(source.paragraphs) else None


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping or touching passages become one marked stretch."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _fragment(text: str) -> str:
    """Percent-encode text for a URL text fragment (where '-', ',' and '&' are syntax)."""
    return quote(text, safe="").replace("-", "%2D")
