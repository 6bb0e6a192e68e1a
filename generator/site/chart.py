"""A static SVG bar chart of claimed figures, one bar per claimant's current claim, made at build time.

Labels stay as SVG text, so the browser shapes Arabic itself; on a right-to-left page the chart
is mirrored (bars grow leftwards from the right edge). The scale is an axis from zero with ticks
and a label, so that a bar's length is read against numbers. Each qualifier is drawn as what it says:
an exact figure a solid bar; "at least" / "more than" a solid bar whose end fades out under an
arrow (open to the right); "fewer than" / "up to" / "as many as" an outlined bar closed by a bound
mark (a ceiling, not a count); "about" a solid bar with a spread (a tenth either way) around its end;
a range a solid bar to its lower bound and a lighter one up to its upper bound. Every figure is also
text: beside its bar, and in the SVG's description for screen readers.

A label is never cut: a name longer than the label column is wrapped over lines (one `tspan`
each) and its row grows to hold them. SVG text does not wrap by itself, so the lines are made
here, by words, from a generous estimate of each character's width in the label face, so that
a line stays within the column in every script (the browser test measures it).
"""
from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup, escape

from generator.views import figures

WIDTH = 640
LABEL = 220
VALUE = 150
PAD = 8
# Text sized for the narrowest column a chart is shown in (`figures`); rows and lines follow it.
FONT = figures.units(12, WIDTH)
TICK = figures.units(figures.MIN_TEXT_PX, WIDTH)
LINE = round(FONT * 1.2)  # the height of one line of a wrapped label
ROW = LINE + 14
LINE_EM = (LABEL - 8) / FONT  # the width of a label line, in ems of the label face
AXIS = round(TICK * 3.4)  # below the bars: the axis line, its tick labels and its own label
SPREAD = 0.1  # "about n" is drawn as n with a spread of a tenth either way
BOUNDED = ("fewer-than", "up-to", "as-many-as")  # a ceiling: the figure is at most this


@dataclass(frozen=True)
class Bar:
    label: str
    low: int
    high: int | None  # None: no upper bound stated
    text: str  # the figure as the page shows it ("at least 20")
    qualifier: str = "exactly"

    @property
    def top(self) -> float:
        """How far the drawing of this bar reaches, its spread or open end included."""
        if self.high is None:
            return self.low * 1.12   # room for the open end
        end = max(self.low, self.high)
        return end * (1 + SPREAD) if self.qualifier == "about" else end


def ticks(top: float) -> list[int]:
    """Round ticks from zero past `top`: steps of 1, 2 or 5 times a power of ten, four to eight of them."""
    top = max(top, 1)
    base = 10 ** math.floor(math.log10(top / 4)) if top >= 4 else 1
    step = next(m * base for m in (1, 2, 5, 10) if top / (m * base) <= 7)
    count = math.ceil(top / step)
    return [i * step for i in range(count + 1)]


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


def svg(bars: list[Bar], title: str, rtl: bool, chart_id: str, axis_label: str = "",
        number: Callable[[int], str] = str) -> Markup:
    """The chart as inline SVG; every text is escaped, every number computed here. `number` writes a
    tick in the page's digits, `axis_label` says what the axis counts."""
    if not bars:
        return Markup("")
    scale = ticks(max(b.top for b in bars))
    top = scale[-1] or 1
    plot = WIDTH - LABEL - VALUE - 2 * PAD
    labels = [wrap(b.label) for b in bars]
    rows = [max(ROW, LINE * len(lines) + 10) for lines in labels]
    height = sum(rows) + PAD * 2 + AXIS
    thick = ROW - 14

    def x(value: float, width: float = 0) -> float:
        """Left edge of a bar segment starting at `value` (mirrored on right-to-left pages)."""
        start = LABEL + PAD + value / top * plot
        return WIDTH - start - width if rtl else start

    def rect(start: float, end: float, y: str, kind: str) -> str:
        length = (end - start) / top * plot
        return f'<rect x="{x(start, length):.1f}" y="{y}" width="{length:.1f}" height="{thick}" class="{kind}"/>'

    # With direction="rtl" SVG reads "start"/"end" from the right, so the same anchors mirror themselves.
    anchor_label, anchor_value = "end", "start"
    label_x = WIDTH - LABEL + 4 if rtl else LABEL - 4
    outward = -1 if rtl else 1
    desc = "; ".join(f"{b.label}: {b.text}" for b in bars)
    parts = [(f'<svg xmlns="http://www.w3.org/2000/svg" class="claims-chart" role="img" '
              f'aria-labelledby="{chart_id}-title {chart_id}-desc" viewBox="0 0 {WIDTH} {height}" width="100%" '
              f'font-size="{FONT:g}" '
              f'direction="{"rtl" if rtl else "ltr"}">'),
             f'<title id="{chart_id}-title">{escape(title)}</title>',
             f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
             (f'<defs><linearGradient id="{chart_id}-fade" x1="{int(rtl)}" x2="{int(not rtl)}">'
              '<stop offset="0" class="chart-fade-from"/><stop offset="1" class="chart-fade-to"/>'
              '</linearGradient></defs>')]
    y = PAD
    for bar, lines, row in zip(bars, labels, rows, strict=True):
        middle = y + row / 2
        bar_top = middle - thick / 2
        bar_y = f"{bar_top:g}"
        first = middle + FONT * 0.35 - LINE * (len(lines) - 1) / 2
        tspans = "".join(f'<tspan x="{label_x:.1f}" y="{first + LINE * i:.1f}">{escape(line)}</tspan>'
                         for i, line in enumerate(lines))
        parts.append(f'<text text-anchor="{anchor_label}" class="chart-label">{tspans}</text>')
        end: float = bar.low
        if bar.qualifier in BOUNDED and bar.low == 0 and bar.high is not None:
            # a ceiling: the figure lies somewhere below it, so the bar is an outline closed by the bound
            parts.append(rect(0, bar.high, bar_y, "chart-bound"))
            parts.append(f'<line x1="{x(bar.high):.1f}" x2="{x(bar.high):.1f}" y1="{bar_top - 4:g}" '
                         f'y2="{bar_top + thick + 4:g}" class="chart-limit"/>')
            end = bar.high
        else:
            if bar.low > 0:
                parts.append(rect(0, bar.low, bar_y, "chart-bar"))
            if bar.high is not None and bar.high > bar.low:
                parts.append(rect(bar.low, bar.high, bar_y, "chart-range"))
                end = bar.high
            elif bar.high is None:
                # open to the right: the bar fades out beyond its figure, under an arrow pointing on
                extra = min(top * 0.12, top - bar.low) or top * 0.05
                fade = extra / top * plot
                parts.append(f'<rect x="{x(bar.low, fade):.1f}" y="{bar_y}" width="{fade:.1f}" '
                             f'height="{thick}" fill="url(#{chart_id}-fade)" class="chart-open"/>')
                tip = x(bar.low + extra) + outward * 8
                parts.append(f'<path d="M{x(bar.low + extra):.1f},{bar_top - 3:g} L{tip:.1f},{middle:g} '
                             f'L{x(bar.low + extra):.1f},{bar_top + thick + 3:g}" class="chart-arrow"/>')
                end = bar.low + extra + 8 / plot * top
            if bar.qualifier == "about":
                low, high = bar.low * (1 - SPREAD), bar.low * (1 + SPREAD)
                parts.append(f'<path d="M{x(low):.1f},{bar_top - 3:g} v{thick + 6} M{x(low):.1f},{middle:g} '
                             f'H{x(high):.1f} M{x(high):.1f},{bar_top - 3:g} v{thick + 6}" class="chart-spread"/>')
                end = high
        value_x = x(end) + outward * 6
        parts.append(f'<text x="{value_x:.1f}" y="{middle + FONT * 0.35:.1f}" text-anchor="{anchor_value}" '
                     f'class="chart-value">{escape(bar.text)}</text>')
        y += row
    parts += _axis(scale, x, y, axis_label, number)
    parts.append("</svg>")
    return Markup("".join(parts))


def _axis(scale: list[int], x: Callable[[float], float], y: float, label: str,
          number: Callable[[int], str]) -> list[str]:
    """The scale under the bars: a line from zero, a tick and its number at every step, the axis label."""
    parts = [f'<line x1="{x(0):.1f}" x2="{x(0):.1f}" y1="{PAD}" y2="{y:g}" class="chart-axis"/>',
             f'<line x1="{x(0):.1f}" x2="{x(scale[-1]):.1f}" y1="{y:g}" y2="{y:g}" class="chart-axis"/>']
    for tick in scale:
        parts.append(f'<line x1="{x(tick):.1f}" x2="{x(tick):.1f}" y1="{y:g}" y2="{y + 5:g}" class="chart-axis"/>')
        parts.append(f'<text x="{x(tick):.1f}" y="{y + 5 + TICK * 1.1:.1f}" text-anchor="middle" '
                     f'font-size="{TICK:g}" class="chart-tick">{escape(number(tick))}</text>')
    if label:
        middle = (x(0) + x(scale[-1])) / 2
        parts.append(f'<text x="{middle:.1f}" y="{y + 5 + TICK * 2.5:.1f}" text-anchor="middle" '
                     f'font-size="{TICK:g}" class="chart-axis-label">{escape(label)}</text>')
    return parts
