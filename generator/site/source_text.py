"""A source's text on its own page: each paragraph with every cited passage marked on its quoted words
and anchored there (the target of a note's link), the dossier's translation of each passage beside it,
and a link into the original at a cited passage. Reached by templates as `p.source_text`."""
from __future__ import annotations

from urllib.parse import quote

from markupsafe import Markup

from generator.factbase import model
from generator.site.page import SitePage
from generator.text import verbatim
from generator.text.escape import md_block_html
from generator.text.seedtext import Paragraph
from generator.views.addresses import passage_anchor
from generator.views.templates import called_directly

# A stretch of a paragraph to mark: start, end, and the anchor of the passage (none for the part of a
# passage that runs on past another one it crosses).
_Span = tuple[int, int, str]


@called_directly
class SourceText:
    def __init__(self, p: SitePage) -> None:
        self.p = p

    def passages(self, source: model.Source, pid: str) -> list[model.Citation]:
        """One citation per passage cited from the paragraph (`CrossIndex.passages_at`)."""
        return self.p.xref.passages_at.get((source.id, pid), [])

    def _located(self, source: model.Source, paragraph: Paragraph) -> list[tuple[int, int, model.Citation]]:
        """Each passage cited from the paragraph where it stands, found by the same function that checks
        citations (`text.verbatim.find_quote`), so the words marked are the ones the check proved; in reading
        order, a passage before the shorter ones inside it."""
        found = [(at[0], at[1], cit) for cit in self.passages(source, paragraph.id)
                 if (at := verbatim.find_quote(paragraph.text, cit.quote))]
        return sorted(found, key=lambda f: (f[0], -f[1], f[2].quote))

    def paragraph_html(self, source: model.Source, paragraph: Paragraph) -> Markup:
        """A source paragraph as HTML, each cited passage a `<mark>` with its own anchor on the quoted words
        (`addresses.passage_anchor`, which notes link to); a passage inside another is marked inside it."""
        spans = [(start, end, passage_anchor(paragraph.id, cit.quote))
                 for start, end, cit in self._located(source, paragraph)]
        return Markup(_marked(paragraph.text, 0, len(paragraph.text), spans))

    def translations(self, source: model.Source, paragraph: Paragraph) -> Markup:
        """Beside a paragraph in another language than the page's: the dossier's translation of each passage
        cited from it, in reading order, labelled as the editors' own and linked to the words it translates."""
        p = self.p
        if source.language == p.lang:
            return Markup("")
        items = Markup("").join(
            Markup('<li><a href="#{0}">{1}</a></li>').format(
                passage_anchor(paragraph.id, cit.quote), md_block_html(cit.translation[p.lang]))
            for _start, _end, cit in self._located(source, paragraph) if cit.translation.get(p.lang))
        if not items:
            return Markup("")
        return Markup('<div class="dossier-translation" lang="{0}" dir="{1}"><p class="label">{2}</p><ul>{3}</ul>'
                      '</div>').format(p.lang, p.dir, md_block_html(p._("The dossier's translation")), items)

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
        quotes = [cit.quote for cit in self.passages(source, pid)]
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


def _marked(text: str, start: int, end: int, spans: list[_Span]) -> str:
    """text[start:end] escaped, with the spans in it (sorted by start, longest first) as nested marks. A span
    that crosses the end of the one it starts in is anchored on its part inside that one and marked on past it."""
    out: list[str] = []   # every piece escaped here, joined once
    at = start
    while spans:
        first, *rest = spans
        s_start, s_end, anchor = first
        inner = [(a, min(b, s_end), ident) for a, b, ident in rest if a < s_end]
        later = [(a, b, ident) for a, b, ident in rest if a >= s_end]
        later += [(s_end, b, "") for a, b, _ in rest if a < s_end < b]
        out.append(md_block_html(text[at:s_start]) if s_start > at else "")
        attrs = f' id="{anchor}" class="cited"' if anchor else ' class="cited"'
        out.append(f"<mark{attrs}>{_marked(text, s_start, s_end, inner)}</mark>")
        at, spans = max(at, s_end), sorted(later, key=lambda s: (s[0], -s[1]))
    out.append(md_block_html(text[at:end]) if end > at else "")
    return "".join(out)


def _fragment(text: str) -> str:
    """Percent-encode text for a URL text fragment (where '-', ',' and '&' are syntax)."""
    return quote(text, safe="").replace("-", "%2D")
