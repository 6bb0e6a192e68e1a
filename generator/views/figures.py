"""How large the text of a figure (a map, a chart) is drawn. A figure is SVG scaled to its column, so
text sized in the drawing's own units shrinks with it; sized for the narrowest column a figure is shown
in, it reads at `MIN_TEXT_PX` or more on every screen. How wide a figure may grow is capped by the CSS
(`templates/assets/briefing.css`: 24rem, 480 px), so that its text stays near the body's size there."""
from __future__ import annotations

NARROWEST_PX = 328.0   # the column of a 360 px phone: the page's width less Material's margins
MIN_TEXT_PX = 11.5     # the smallest text a figure shows, on that phone


def units(px: float, width: float) -> float:
    """The size in a drawing `width` units across that shows as `px` CSS pixels in the narrowest column."""
    return round(px * width / NARROWEST_PX, 1)
