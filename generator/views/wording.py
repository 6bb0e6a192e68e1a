"""How a claim's value reads in each language: figures with their qualifiers and units, ranges across
claimants, periods, topics, and how a note names its source and quotes it. Shared by web pages and print,
reached by templates as `p.wording`."""
from __future__ import annotations

import re

from markupsafe import Markup

from generator.factbase import model
from generator.views import addresses, i18n
from generator.views.page import Page
from generator.views.templates import called_directly

MONEY = {"usd"}   # units written as money ("$2.5 billion"); their catalogue entries hold the currency
# A remark in brackets closing a name ("Unnamed outlet (the text names no publisher)"): the list of sources
# gives it; a note names the source without it.
_REMARK = re.compile(r"\s*\([^()]*\)\s*$")


@called_directly
class Wording:
    """The wording of one page's figures, in its language and its output's escaping."""

    def __init__(self, p: Page) -> None:
        self.p = p

    def topic(self, topic: str) -> Markup:
        """A topic's label from the dossier's own `topics`; the generator knows no subject's words."""
        label = self.p.dossier.topics.get(topic)
        return self.p.t(label) if label else self.p.esc(topic.replace("-", " "))

    def value(self, claim: model.Claim) -> Markup:
        """A claim's structured value as a reader reads it: a number, a period, or the actor named."""
        p = self.p
        if claim.figure is not None:
            return p.esc(self.figure(claim.figure))
        if claim.period is not None:
            return p.esc(p.range(claim.period.start, claim.period.end))
        if claim.answer is not None:
            return p.actor(claim.answer)
        return Markup("")

    def derived(self, claim: model.Claim) -> Markup:
        """Beside a value that is the editors' reading rather than the text's: how they read it."""
        if not claim.derived:
            return Markup("")
        p = self.p
        label, _, rest = p._("editors' reading: %(text)s").partition("%(text)s")
        return Markup(' <span class="derived">(') + p.esc(label) + p.t(claim.derived) + p.esc(rest) + \
            Markup(")</span>")

    def figure(self, figure: model.Figure) -> str:
        p = self.p
        if figure.numberless:
            return p._(f"alone:{figure.qualifier}")
        if figure.value is None:
            low, high = figure.low, figure.high
            number = self.span(low or 0, high) if high is not None else self.amount(figure.unit, low or 0)
            return self.counted(figure.unit, high if high is not None else low or 0, number)
        phrase = self.counted(figure.unit, figure.value, self.amount(figure.unit, figure.value))
        if figure.qualifier == "exactly":
            return phrase
        return p._(f"qualifier:{figure.qualifier}") % {"n": phrase}

    def counted(self, unit: str, count: float, number: str) -> str:
        """`number` with the unit in the plural form `count` takes in this language (people: bare). After a
        scale word ("2.5 billion", «2.5 مليار») the unit is counted by the scale word: the form of a hundred
        («مليار دولار», not «مليار دولاران»)."""
        if unit == "people":
            return number
        if unit in MONEY and i18n.is_compact(count):
            count = 100
        return i18n.ngettext_for(self.p.lang, f"unit:{unit}", f"unit:{unit}:plural", int(count)) % {"n": number}

    def amount(self, unit: str, value: float) -> str:
        """A number as the unit wants it written: money from a million up with a scale word ("$2.5 billion")."""
        return i18n.format_amount(value, self.p.lang) if unit in MONEY else self.p.num(value)

    def span(self, low: float, high: float, open_top: bool = False) -> str:
        """Two numbers as a range: "20–80", «من 20 إلى 80»; with an open top, "from 20 to more than 80"
        («من 20 إلى أكثر من 80»), never "20–80+", which right-to-left text shows as «+80–20»."""
        p = self.p
        if open_top:
            return p._("from %(low)s to more than %(high)s") % {"low": p.num(low), "high": p.num(high)}
        text = p._("%(low)s–%(high)s") % {"low": p.num(low), "high": p.num(high)}
        if p.dir == "rtl" and not any(ch.isalpha() for ch in text):
            text = f"\u2066{text}\u2069"  # a bare range reads left to right, isolated (LRI … PDI)
        return text

    def grade(self, scale: str, grade: str) -> str:
        """A grade and what it means, "A: completely reliable", «2: صحيحة على الأرجح» (web and print)."""
        return self.p._("grade:with-meaning") % {"grade": grade, "meaning": self.p._(f"{scale}:{grade}")}

    def claimed_range(self, claims: list[model.Claim]) -> str:
        """The spread of numbers across claimants, shown as a range, never as one number."""
        points = []
        for claim in claims:
            f = claim.figure
            if f is not None:
                value = f.value if f.value is not None else (f.low if f.low is not None else f.high)
                if value is not None:
                    points.append((value, f.bounds[1] is None))
        if not points:
            return ""
        low, high = min(v for v, _ in points), max(v for v, _ in points)
        open_top = any(v == high and open_ for v, open_ in points)
        if low == high:
            return self.p._("qualifier:more-than") % {"n": self.p.num(high)} if open_top else self.p.num(high)
        return self.span(low, high, open_top)

    def range_label(self, party: str) -> Markup:
        return self.p.fill("Claimed range for %(party)s:", party=self.p.actor(party))

    def without_number(self, claims: list[model.Claim]) -> str:
        """Beside a range: how many claims of it give no number ("some", "dozens"), so none is hidden."""
        return self.p.n_("and %(n)s claim without a number", "and %(n)s claims without a number", len(claims))

    def history(self, chain: list[model.Claim]) -> Markup:
        """A claimant's figures in the order it gave them, each with the day it gave it, oldest first:
        "632 (9 Sep) → 1,037 (9 Sep) → 2,497 (11 Sep)"; the arrow points the way the language reads."""
        p = self.p
        steps = [p.fill("%(figure)s (%(date)s)", figure=self.value(c), date=p.esc(p.date(c.asserted))) for c in chain]
        return p.esc_part(p._("history:then")).join(steps)

    # --- notes: one wording for web pages and print --------------------------------------------------------
    def source_short(self, source: model.Source) -> str:
        """How a note names a source, in the page's language: its publisher ("CNN"), or its title when it has
        none, without a closing remark in brackets; the list of sources describes it in full."""
        name, _lang = i18n.pick(source.publisher or source.title, self.p.lang)
        return _REMARK.sub("", name) or name

    def where(self, source: model.Source, paragraph: str) -> str:
        """Where a passage stands in its source: "¶14", or "p. 12, ¶3" in a source read by page (a PDF: the
        paragraph's page and its place among that page's paragraphs)."""
        p = self.p
        found = source.paragraph(paragraph)
        if found is None or found.page is None or found.on_page is None:
            return p._("¶%(n)s") % {"n": p.num(int(paragraph[1:]))}
        mark = p._("¶%(n)s") % {"n": p.num(found.on_page)}
        return p._("p. %(page)s, %(paragraph)s") % {"page": p.num(found.page), "paragraph": mark}

    def citation(self, cit: model.Citation) -> Markup:
        """A note quoting one passage: "CNN, July 30, 2024, ¶14: “…” — its translation", the source named
        short and linked to the quoted words on its page (plain text in print, where `p.link` links nothing)."""
        p = self.p
        source = p.dossier.sources[cit.source]
        comma = p._(",") + " "
        label = comma.join([self.source_short(source), p.date(source.published), self.where(source, cit.paragraph)])
        body = p.link(label, source, addresses.passage_anchor(cit.paragraph, cit.quote)) + Markup(": ") + \
            Markup('<span class="quote">') + p.quoted(cit) + Markup("</span>")
        translation = p.translation(cit)
        if translation:
            body += Markup(' — <span class="translation">') + p.esc(translation) + Markup("</span>")
        return body

    def claim(self, claim: model.Claim, table: Markup | None, before: Markup | None = None) -> Markup:
        """A note giving a claim: "Claim by X (claims table): " and every passage it rests on. `table` is where
        its row is (a link on the web, a page reference in print), if the page has one; `before`, the web's
        credibility badge."""
        p = self.p
        where = Markup(" (") + table + Markup(")") if table else Markup("")
        passages = (p.esc(p._(";")) + Markup(" ")).join(self.citation(c) for c in claim.citations)
        return (before or Markup("")) + p.esc(p._("Claim by")) + Markup(" ") + p.actor(claim.claimant) + where + \
            Markup(": ") + passages


def runs(numbers: list[int], shortest: int = 3) -> list[tuple[int, int]]:
    """Note numbers, ascending, as runs (first, last): "4, 5, 6, 7" is (4, 7), written "4–7"; a run shorter
    than `shortest` is kept as single numbers."""
    out: list[tuple[int, int]] = []
    for n in sorted(set(numbers)):
        if out and out[-1][1] == n - 1:
            out[-1] = (out[-1][0], n)
        else:
            out.append((n, n))
    split: list[tuple[int, int]] = []
    for first, last in out:
        split += [(first, last)] if last - first + 1 >= shortest else [(n, n) for n in range(first, last + 1)]
    return split

