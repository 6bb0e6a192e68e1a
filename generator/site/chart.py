"""A static SVG bar chart of claimed figures, one bar per claimant, made at build time.

Labels stay as SVG text, so the browser shapes Arabic itself; on a right-to-left page the chart
is mirrored (bars grow leftwards from the right edge). A claim's range is drawn as a solid bar to
its lower bound and a lighter one up to its upper bound; an open upper bound fades out.

A label is never cut: a name longer than the label column is wrapped over lines (one `tspan`
each) and its row grows to hold them. SVG text does not wrap by itself, so the lines are made
here, by words, from a generous estimate of each character's width in the label face, so that
a line stays within the column in every script (the browser test measures it).
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from markupsafe import Markup, escape

WIDTH = 640
ROW = 30
LABEL = 220
VALUE = 150
PAD = 8
LINE = 15  # the height of one line of a wrapped label (13px text)
FONT = 13
LINE_EM = (LABEL - 8) / FONT  # the width of a label line, in ems of the label face


@dataclass(frozen=True)
class Bar:
    label: str
    low: int
    high: int | None  # None: no upper bound stated
    text: str  # the figure as the page shows it ("at least 20")


def _em(ch: str) -> float:
    """A generous estimate of a character's advance in the label face (13px Roboto and Noto Naskh
    Arabic average 0.47 and 0.42 em a character), so that an estimated line is never wider than drawn."""
    if ch.isspace():
        return 0.3
    if "A" <= ch <= "Z" or ch in "mwMW@%":
        return 0.8
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return 1.0
    if ch.isdigit() or ("a" <= ch <= "z"):
        return 0.56
    return 0.55 if unicodedata.combining(ch) == 0 else 0.0


def width(text: str) -> float:
    return sum(_em(ch) for ch in text)


def wrap(label: str, line: float = LINE_EM) -> list[str]:
    """The label's words over lines no wider than `line` ems, in reading order; a word wider than
    a line is split across lines, never dropped or cut short."""
    pieces: list[str] = []
    for word in label.split():
        while width(word) > line:
            end = len(word) - 1
            while end > 1 and width(word[:end]) > line:
                end -= 1
            pieces.append(word[:end])
            word = word[end:]
        pieces.append(word)
    lines: list[str] = []
    for piece in pieces:
        if lines and width(lines[-1] + " " + piece) <= line:
            lines[-1] += " " + piece
        else:
            lines.append(piece)
    return lines or [""]


def svg(bars: list[Bar], title: str, rtl: bool, chart_id: str) -> Markup:
    """The chart as inline SVG; every text is escaped, every number computed here."""
    if not bars:
        return Markup("")
    top = max(max(b.low, b.high or 0) for b in bars) or 1
    plot = WIDTH - LABEL - VALUE - 2 * PAD
    labels = [wrap(b.label) for b in bars]
    rows = [max(ROW, LINE * len(lines) + 10) for lines in labels]
    height = sum(rows) + PAD * 2

    def x(value: float, width: float = 0) -> float:
        """Left edge of a bar segment starting at `value` (mirrored on right-to-left pages)."""
        start = LABEL + PAD + value / top * plot
        return WIDTH - start - width if rtl else start

    # With direction="rtl" SVG reads "start"/"end" from the right, so the same anchors mirror themselves.
    anchor_label, anchor_value = "end", "start"
    label_x = WIDTH - LABEL + 4 if rtl else LABEL - 4
    parts = [(f'<svg xmlns="http://www.w3.org/2000/svg" class="claims-chart" role="img" '
              f'aria-labelledby="{chart_id}-title" viewBox="0 0 {WIDTH} {height}" width="100%" '
              f'direction="{"rtl" if rtl else "ltr"}">'),
             f'<title id="{chart_id}-title">{escape(title)}</title>']
    y = PAD
    for bar, lines, row in zip(bars, labels, rows, strict=True):
        middle = y + row / 2
        bar_y = f"{middle - (ROW - 10) / 2:g}"
        solid = bar.low / top * plot
        first = middle + 4 - LINE * (len(lines) - 1) / 2
        tspans = "".join(f'<tspan x="{label_x:.1f}" y="{first + LINE * i:.1f}">{escape(line)}</tspan>'
                         for i, line in enumerate(lines))
        parts.append(f'<text text-anchor="{anchor_label}" class="chart-label">{tspans}</text>')
        if solid > 0:
            parts.append(f'<rect x="{x(0, solid):.1f}" y="{bar_y}" width="{solid:.1f}" height="{ROW - 10}" '
                         'class="chart-bar"/>')
        end: float = bar.low
        if bar.high is not None and bar.high > bar.low:
            extra = (bar.high - bar.low) / top * plot
            parts.append(f'<rect x="{x(bar.low, extra):.1f}" y="{bar_y}" width="{extra:.1f}" '
                         f'height="{ROW - 10}" class="chart-range"/>')
            end = bar.high
        elif bar.high is None:
            extra = min(plot * 0.12, plot - solid)
            parts.append(f'<rect x="{x(bar.low, extra):.1f}" y="{bar_y}" width="{extra:.1f}" '
                         f'height="{ROW - 10}" class="chart-open"/>')
            end = bar.low + extra / plot * top
        value_x = x(end) - 6 if rtl else x(end) + 6
        parts.append(f'<text x="{value_x:.1f}" y="{middle + 4:.1f}" text-anchor="{anchor_value}" '
                     f'class="chart-value">{escape(bar.text)}</text>')
        y += row
    parts.append("</svg>")
    return Markup("".join(parts))
