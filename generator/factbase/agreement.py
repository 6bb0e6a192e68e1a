"""Does a claim's structured value say what its quotes say? The promise is that a reader can defend
every figure against its source: a figure is checked against the quantities the shared reader
(`text.figures`) finds in the claim's own quotes, in whatever script or words they are written.

A claim whose figure is the editor's reading rather than the text's says so under `derived`, which
the page shows; such a figure is not held to the letter of its quotes.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

from generator.factbase import model
from generator.text import dates, figures

# Qualifiers that leave a number open above or below: "at least 20" is not "exactly 20".
_OPEN = {"at-least", "more-than", "as-many-as", "up-to", "fewer-than", "about"}


@dataclass(frozen=True)
class Verdict:
    """"agrees", "qualifier" (the number is stated, its qualifier differs) or "missing" (no quote states
    the number), with what the quotes do say."""

    outcome: str
    said: tuple[str, ...] = ()


def _said(found: figures.FoundFigure) -> str:
    if found.value is None and found.low is None:
        return found.number
    number = f"{found.low}–{found.high}" if found.low is not None else str(found.value)
    return number if found.qualifier in (None, "exactly") else f"{number} ({found.qualifier})"


def judge(figure: model.Figure, stated: list[figures.FoundFigure]) -> Verdict:
    """How a claimed figure stands against the figures stated in its quotes."""
    said = tuple(dict.fromkeys(_said(f) for f in stated))
    if figure.numberless:
        same = [f for f in stated if f.value is None and f.low is None and f.qualifier == figure.qualifier]
        return Verdict("agrees" if same else "missing", said)
    if figure.value is None:
        same = [f for f in stated if (f.low, f.high) == (figure.low, figure.high)]
        return Verdict("agrees" if same else "missing", said)
    same = [f for f in stated if f.value == figure.value]
    if not same:
        return Verdict("missing", said)
    if any(f.qualifier in (None, figure.qualifier) for f in same):
        return Verdict("agrees", said)
    # "at least 20" quoted for an exact 20, or "20" quoted for "at least 20": the number holds, the
    # qualifier is the editor's to reconsider
    if figure.qualifier in _OPEN or any(f.qualifier in _OPEN for f in same):
        return Verdict("qualifier", said)
    return Verdict("agrees", said)


def stated_in(claim: model.Claim, dossier: model.Dossier) -> list[figures.FoundFigure]:
    """The figures the claim's quotes state, each read in its source's language (years left out)."""
    out: list[figures.FoundFigure] = []
    for cit in claim.citations:
        source = dossier.sources.get(cit.source)
        out += _stated(cit.quote, source.language if source else "und")
    return out


@functools.lru_cache(maxsize=1 << 15)
def _stated(quote: str, language: str) -> tuple[figures.FoundFigure, ...]:
    """The figures of one quote, kept: a preview checks every claim again after each edit, and reading the
    figures of 5,000 quotes was a third of it (the figures are frozen, and the reading depends on nothing else)."""
    return tuple(f for f in figures.find(quote, language) if not f.bare_year)


def describe(figure: model.Figure) -> str:
    if figure.numberless:
        return figure.qualifier
    number = str(figure.value) if figure.value is not None else f"{figure.low}–{figure.high}"
    return number if figure.qualifier == "exactly" else f"{number} ({figure.qualifier})"


def period_verdict(claim: model.Claim, dossier: model.Dossier) -> Verdict:
    """How a claimed period stands against the dates its quotes give: "agrees" where they state both ends,
    "worked-out" where an end is only worked out (from "Sunday", "yesterday", a year-less date read in
    the publication's year), "missing" where no quote gives it."""
    assert claim.period is not None
    found: list[tuple[str, str]] = []
    for cit in claim.citations:
        source = dossier.sources.get(cit.source)
        if source is None:
            continue
        for d in dates.find(cit.quote, source.language, source.published_day):
            found += [(d.value, d.basis)] + ([(d.until, d.basis)] if d.until else [])
    said = tuple(dict.fromkeys(value for value, _ in found))
    outcome = "agrees"
    for end in [claim.period.start] + ([claim.period.end] if claim.period.end else []):
        bases = {basis for value, basis in found if value == end.value}
        if not bases:
            return Verdict("missing", said)
        if "stated" not in bases:
            outcome = "worked-out"
    return Verdict(outcome, said)
