"""The page helpers of a printed briefing: HTML instead of Markdown, plain text instead of links,
endnotes with page references instead of footnotes."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup
from markupsafe import escape as html_escape

from generator.factbase import model
from generator.text.escape import anchor
from generator.views import addresses, i18n
from generator.views.context import PageContext
from generator.views.templates import called_directly
from generator.views.wording import runs

# A run of letters longer than this gets a break opportunity (a zero-width space) every so many letters:
# WeasyPrint breaks an unbreakable word letter by letter at a cost that grows with the square of its
# length (30,000 letters took 12 s here, 83 s where the issue measured it), and no real word is this long.
_LONG_RUN = re.compile(r"\S{80,}")
_EVERY = 40


def _breakable(text: str) -> str:
    return _LONG_RUN.sub(lambda m: "\u200b".join(m.group()[i:i + _EVERY]
                                                  for i in range(0, len(m.group()), _EVERY)), text)


@called_directly
@dataclass
class PrintContext(PageContext):
    """The page helpers, producing HTML for print: links are plain text, citations are endnotes
    numbered as on the web page (`PageContext.note_numbers`)."""

    tabled: set[str] = field(default_factory=set)  # claims that have a row in a claims table

    # --- output ------------------------------------------------------------------------------
    @property
    def map_text_in_svg(self) -> bool:
        """WeasyPrint draws SVG text one code point at a time, which breaks Arabic: labels go over the map
        as HTML, which it shapes."""
        return False

    def esc(self, value: object) -> Markup:
        if isinstance(value, Markup):
            return value
        return html_escape(_breakable(" ".join(str(value).split())))

    def link(self, label: Markup | str, target: Any, anchor: str = "") -> Markup:
        return self.esc(label)

    def external(self, url: str, label: str = "") -> Markup:
        """An address, left to right and breakable anywhere so that a long one never runs off the page."""
        return Markup('<bdi dir="ltr" class="url"><a href="{0}">{0}</a></bdi>').format(url)

    def quoted(self, cit: model.Citation) -> Markup:
        """A left-to-right quote in a right-to-left page is set as lines of its own (`.ltr-quote`, an inline
        block, its marks inside): WeasyPrint 70 has no bidi algorithm across inline boxes (it reverses a
        right-to-left line's boxes), so isolating characters (U+2066-2069) change nothing, and a quote broken
        across lines read in a zig-zag, its first words at the left end of one line, the rest at the right
        of the next."""
        quote = super().quoted(cit)
        if self.dir == "rtl" and i18n.direction(self.dossier.sources[cit.source].language) == "ltr":
            return Markup('<span class="ltr-quote" dir="ltr">') + quote + Markup("</span>")
        return quote

    def esc_part(self, value: str) -> Markup:
        """`esc` folds spaces at the ends away; a piece of a sentence keeps them."""
        return html_escape(value)

    def page_of(self, anchor_id: str) -> Markup:
        """The page a target lands on, filled in by the layout."""
        return Markup('<a class="page-ref" href="#{0}"></a>').format(anchor_id)

    def page_counter(self) -> Markup:
        """CSS `content` for "page N of M" in this language."""
        text = self._("page %(page)s of %(pages)s")
        parts = text.replace("%(pages)s", "\0P\0").replace("%(page)s", "\0p\0").split("\0")
        css = []
        for part in parts:
            if part == "p":
                css.append("counter(page)")
            elif part == "P":
                css.append("counter(pages)")
            elif part:
                css.append('"' + part.replace("\\", "\\\\").replace('"', '\\"') + '"')
        return Markup(" ".join(css))

    # --- notes -------------------------------------------------------------------------------
    def citation_note(self, cit: model.Citation) -> Markup:
        """Worded as on the web (`Wording.citation`): the source named short, the paragraph, the quote."""
        return self.wording.citation(cit)

    def claim_note(self, claim: model.Claim) -> Markup:
        """Worded as on the web (`Wording.claim`), with the page of the claim's row in the claims table."""
        table = None
        if claim.id in self.tabled:
            row = anchor(addresses.anchor_of("claim", claim.id))
            table = self.fill("claims table, page %(page)s", page=self.page_of(row))
        return self.wording.claim(claim, table)

    def calls(self, numbers: list[int]) -> Markup:
        """Note calls, linked to their notes, in ascending order, as one unbreakable run glued to the word before
        it. WeasyPrint breaks a line between two inline boxes where the first ends in a space, a no-break space too
        and `nowrap` notwithstanding, and sets what it carries over on the next line's baseline: so the commas
        between calls have no space ("6،7،8", "6,7,8", as superscript calls are set), and a word joiner (U+2060)
        opens the run, so that the calls never start a line of their own either."""
        if not numbers:
            return Markup("")
        sep = Markup('<span class="sep">') + self.esc(self._(",")) + Markup("</span>")
        call = Markup('<a class="call" href="#note-{0}">{0}</a>')
        calls = sep.join(call.format(first) if first == last else call.format(first) + Markup("–") + call.format(last)
                         for first, last in runs(numbers))
        return Markup('<sup class="calls">&#8288;') + calls + Markup("</sup>")

    # --- what the briefing rests on ----------------------------------------------------------
    def tables(self, briefing: model.Briefing) -> list[model.Incident]:
        """The incidents whose claims the PDF prints as tables: those the briefing covers."""
        return [self.dossier.incidents[i] for i in briefing.incidents if i in self.dossier.incidents]

    def cited_sources(self, briefing: model.Briefing) -> list[model.Source]:
        """Every source the PDF cites (passages, their claims, the claims tables), in id order."""
        claims = self.dossier.claims
        ids: set[str] = set()
        for passage in briefing.key_points + [p for s in briefing.sections for p in s.paragraphs]:
            ids.update(c.source for c in passage.citations)
            ids.update(c.source for k in passage.claims for c in claims[k].citations)
        for incident in self.tables(briefing):
            ids.update(c.source for claim in incident.claims for c in claim.citations)
        return [self.dossier.sources[i] for i in sorted(ids) if i in self.dossier.sources]

    def reliability(self, source: model.Source) -> Markup:
        """The source's grade and its meaning, "B: usually reliable", worded once for web and print."""
        if source.reliability is None:
            return Markup("")
        return self.esc(self.wording.grade("reliability", source.reliability.grade))

    def credibility(self, claim: model.Claim) -> Markup:
        if claim.credibility is None:
            return Markup("")
        return self.esc(self.wording.grade("credibility", claim.credibility.grade))

    def claimant(self, claim: model.Claim) -> Markup:
        return self.actor_name(claim.claimant)

    def sourcing(self, briefing: model.Briefing) -> Markup:
        """The cover's note on sourcing: what the notes hold and where the sources are listed."""
        count = self.n_("%(n)s source", "%(n)s sources", len(self.cited_sources(briefing)))
        return Markup(" ").join([
            self.esc(self._("Every statement in this briefing rests on a verbatim passage of a source; the "
                            "numbered notes at the end quote each passage in its own language, with a "
                            "translation when that is another language.")),
            self.fill("This briefing cites %(count)s; the list of sources, from page %(page)s, gives the "
                      "publisher and date of each, and its address where known.", count=self.esc(count),
                      page=self.page_of("sources")),
            self.esc(self._("Where sources disagree, every claim is kept, side by side, with the editors' "
                            "grade of its credibility."))])
