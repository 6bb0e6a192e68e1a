"""A static SVG bar chart of claimed figures, one bar per claimant, made at build time.

Labels stay as SVG text, so the browser shapes Arabic itself; on a right-to-left page the chart
is mirrored (bars grow leftwards from the right edge). A claim's range is drawn as a solid bar to
its lower bound and a lighter one up to its upper bound; an open upper bound fades out.
"""
from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

WIDTH = 640
ROW = 30
LABEL = 220
VALUE = 150
PAD = 8


@dataclass(frozen=True)
class Bar:
    label: str
    low: int
    high: int | None  # None: no upper bound stated
    text: str  # the figure as the page shows it ("at least 20")


def svg(bars: list[Bar], title: str, rtl: bool, chart_id: str) -> Markup:
    """The chart as inline SVG; every text is escaped, every number computed here."""
    if not bars:
        return Markup("")
    top = max(max(b.low, b.high or 0) for b in bars) or 1
    plot = WIDTH - LABEL - VALUE - 2 * PAD
    height = ROW * len(bars) + PAD * 2

    def x(value: float, width: float = 0) -> float:
        """Left edge of a bar segment starting at `value` (mirrored on right-to-left pages)."""
        start = LABEL + PAD + value / top * plot
        return WIDTH - start - width if rtl else start

    # With direction="rtl" SVG reads "start"/"end" from the right, so the same anchors mirror themselves.
    anchor_label, anchor_value = "end", "start"
    label_x = WIDTH - LABEL + 4 if rtl else LABEL - 4
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="claims-chart" role="img" '
             f'aria-labelledby="{chart_id}-title" viewBox="0 0 {WIDTH} {height}" width="100%" '
             f'direction="{"rtl" if rtl else "ltr"}">',
             f'<title id="{chart_id}-title">{escape(title)}</title>']
    for i, bar in enumerate(bars):
        y = PAD + i * ROW
        solid = bar.low / top * plot
        parts.append(f'<text x="{label_x:.1f}" y="{y + ROW / 2 + 4:.1f}" text-anchor="{anchor_label}" '
                     f'class="chart-label">{escape(bar.label)}</text>')
        if solid > 0:
            parts.append(f'<rect x="{x(0, solid):.1f}" y="{y + 5}" width="{solid:.1f}" height="{ROW - 10}" '
                         'class="chart-bar"/>')
        end = bar.low
        if bar.high is not None and bar.high > bar.low:
            extra = (bar.high - bar.low) / top * plot
            parts.append(f'<rect x="{x(bar.low, extra):.1f}" y="{y + 5}" width="{extra:.1f}" '
                         f'height="{ROW - 10}" class="chart-range"/>')
            end = bar.high
        elif bar.high is None:
            extra = min(plot * 0.12, plot - solid)
            parts.append(f'<rect x="{x(bar.low, extra):.1f}" y="{y + 5}" width="{extra:.1f}" '
                         f'height="{ROW - 10}" class="chart-open"/>')
            end = bar.low + extra / plot * top
        value_x = x(end) - 6 if rtl else x(end) + 6
        parts.append(f'<text x="{value_x:.1f}" y="{y + ROW / 2 + 4:.1f}" text-anchor="{anchor_value}" '
                     f'class="chart-value">{escape(bar.text)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
