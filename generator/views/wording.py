"""How a claim's value reads in each language: figures with their qualifiers and units, ranges across
claimants, periods, topics. Shared by web pages and print, reached by templates as `p.wording`."""
from __future__ import annotations

from markupsafe import Markup

from generator.factbase import model
from generator.views import i18n
from generator.views.page import Page
from generator.views.templates import called_directly


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
            number = f"{p.num(low or 0)}–{p.num(high)}" if high is not None else p.num(low or 0)
            if high is not None and p.dir == "rtl":
                number = f"\u2066{number}\u2069"  # a range reads left to right, isolated (LRI … PDI)
            return self.counted(figure.unit, high if high is not None else low or 0, number)
        phrase = self.counted(figure.unit, figure.value, p.num(figure.value))
        if figure.qualifier == "exactly":
            return phrase
        return p._(f"qualifier:{figure.qualifier}") % {"n": phrase}

    def counted(self, unit: str, count: int, number: str) -> str:
        """`number` with the unit in the plural form `count` takes in this language (people: bare)."""
        if unit == "people":
            return number
        return i18n.ngettext_for(self.p.lang, f"unit:{unit}", f"unit:{unit}:plural", count) % {"n": number}

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
        num = self.p.num
        low, high = min(v for v, _ in points), max(v for v, _ in points)
        text = num(low) if low == high else f"{num(low)}–{num(high)}"
        return text + ("+" if any(v == high and open_top for v, open_top in points) else "")

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
