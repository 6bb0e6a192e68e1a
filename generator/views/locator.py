"""A locator map as inline SVG, the same for web pages and printed briefings: country outlines and
names, each place drawn as precisely as it is known, labels placed so that none covers another or
a place, a scale bar and an inset showing where the view lies.

Pure: it takes the decoded outlines, the places and every reader-facing word already in the page's
language, and returns markup; nothing is read here. `layout` does the placing and returns the boxes
it kept (tests check them), `svg` only writes them out, escaping every text. The map is never
mirrored: east stays right on a right-to-left page; only its labels run right to left.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from markupsafe import Markup, escape

from generator.views import figures, geo
from generator.views.i18n import direction

WIDTH, HEIGHT = 640.0, 400.0
# Text sized for the narrowest column a map is shown in (`figures`): 12.5 and 11.5 CSS pixels on a phone.
PLACE_SIZE = figures.units(12.5, WIDTH)
COUNTRY_SIZE = SCALE_SIZE = figures.units(figures.MIN_TEXT_PX, WIDTH)
INSET_W, INSET_H, EDGE = 132.0, 84.0, 8.0
# How a precision is drawn, and the radius (km) the place may lie within.
SHAPES = {"exact": "point", "settlement": "circle", "area": "circle", "region": "area", "country": "area"}
RADIUS_KM = {"exact": 0.0, "settlement": 3.0, "area": 15.0, "region": 250.0, "country": 400.0}
MIN_RADIUS_PX = {"exact": 3.5, "settlement": 5.0, "area": 8.0, "region": 14.0, "country": 14.0}
GAPS = (3.0, 12.0, 24.0)  # how far from its place a label may stand, nearest tried first
AREA_PAD_PX = 10.0  # around the places an area holds, so that their marks stand inside it
ORDER = tuple(SHAPES)  # finest first: the most precise places choose their label spots first

LAND, BORDER, SEA, INK, MUTED, ACCENT = "#ece8dc", "#a39d8c", "#dce8f0", "#1f2328", "#5f5a4f", "#b3261e"


@dataclass(frozen=True)
class Marker:
    """A place to draw: where, how precisely, and its names (the full one first, shorter after)."""

    id: str
    lon: float
    lat: float
    precision: str
    names: tuple[str, ...]
    lang: str  # the language the names are in (the page's, or a draft's fallback)
    within: tuple[str, ...] = ()  # every place the dossier puts this one within, nearest first


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: Box) -> bool:
        return self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1

    def within(self, width: float, height: float) -> bool:
        return self.x0 >= 2 and self.y0 >= 2 and self.x1 <= width - 2 and self.y1 <= height - 2

    def corners(self) -> tuple[geo.Point, ...]:
        mx, my = (self.x0 + self.x1) / 2, (self.y0 + self.y1) / 2
        return ((self.x0, self.y0), (self.x1, self.y0), (self.x0, self.y1), (self.x1, self.y1),
                (mx, self.y0), (mx, self.y1), (self.x0, my), (self.x1, my))


@dataclass(frozen=True)
class Label:
    text: str
    lang: str
    box: Box
    size: float
    kind: str  # "place" or "country"


@dataclass(frozen=True)
class Drawn:
    """A place as drawn: a point, a circle, or an area (a soft disc, or its country's shape)."""

    marker: Marker
    shape: str
    x: float
    y: float
    r: float
    outline: str = ""  # the country's path when a country-precise place lies in one

    @property
    def box(self) -> Box:
        return Box(self.x - self.r, self.y - self.r, self.x + self.r, self.y + self.r)


@dataclass(frozen=True)
class Layout:
    view: geo.View
    countries: tuple[tuple[str, str], ...]  # (ISO numeric code, SVG path)
    drawn: tuple[Drawn, ...]
    labels: tuple[Label, ...]
    scale_km: int
    scale_px: float
    scale_text: str
    inset_view: geo.View
    inset_land: str
    inset_frame: Box

    @property
    def inset_box(self) -> Box:
        return INSET_BOX

    @property
    def scale_box(self) -> Box:
        return _scale_box(self.scale_px, self.scale_text)

    @property
    def scale_label(self) -> Label:
        """The scale bar's distance, just above the bar's left end."""
        w, h = text_width(self.scale_text, SCALE_SIZE), text_height(self.scale_text, SCALE_SIZE)
        x0, bottom = EDGE + 4, HEIGHT - EDGE - 5
        return Label(self.scale_text, "", Box(x0, bottom - h, x0 + w, bottom), SCALE_SIZE, "scale")


INSET_BOX = Box(WIDTH - EDGE - INSET_W, EDGE, WIDTH - EDGE, EDGE + INSET_H)  # the top right, in both languages


def _scale_box(scale_px: float, text: str) -> Box:
    """Where the scale bar and its distance stand, bottom left: no label may cover them."""
    width = max(scale_px, text_width(text, SCALE_SIZE))
    return Box(EDGE, HEIGHT - EDGE - SCALE_SIZE * 1.3 - 8, EDGE + 8 + width + 4, HEIGHT - EDGE + 2)


def text_width(text: str, size: float) -> float:
    """A generous estimate of the width a text takes: the map has no font metrics, so it errs wide."""
    width = 0.0
    for ch in text:
        if ch.isspace() or ch in ".,'’()-":
            width += 0.34
        elif ch in "ilI1|":
            width += 0.36
        elif ch.isupper() or ch in "mwMW":
            width += 0.78
        elif "\u0600" <= ch <= "\u06ff":
            width += 0.62
        else:
            width += 0.6
    return width * size + 2


def _arabic(text: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in text)


def text_height(text: str, size: float) -> float:
    """The height a line of text takes: the Arabic face (Noto Naskh) reaches higher and lower than the Latin."""
    return size * (1.65 if _arabic(text) else 1.35)


def _descent(text: str) -> float:
    """How far below the baseline the line's box reaches, in ems."""
    return 0.55 if _arabic(text) else 0.4


def text_box(text: str, size: float, cx: float, cy: float) -> Box:
    w, h = text_width(text, size), text_height(text, size)
    return Box(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)


def _num(tenths: int) -> str:
    """A length in tenths of a pixel, written as short as SVG reads it: 12, 1.5, -0.5."""
    return str(tenths // 10) if tenths % 10 == 0 else f"{tenths / 10:.1f}"


def _ring_path(points: Iterable[geo.Point]) -> str:
    """A closed path in tenths of a pixel, each point after the first relative to the last: the
    longest part of a map's markup, so it is kept short."""
    steps, last = [], None
    for x, y in points:
        q = (round(x * 10), round(y * 10))
        if last is None:
            steps.append(f"M{_num(q[0])} {_num(q[1])}l")
        elif q != last:
            steps.append(f"{_num(q[0] - last[0])} {_num(q[1] - last[1])} ")
        last = q
    return "".join(steps).rstrip() + "z"


def _outlines(countries: tuple[geo.Country, ...], view: geo.View, step: float
              ) -> tuple[tuple[str, list[list[geo.Point]]], ...]:
    """`_country_path` of each country, kept for views drawn again (the places of one incident and of
    another at the same town, the insets of places near each other). Countries are told apart by
    identity (they are loaded once), which spares hashing every coordinate of every shape."""
    key = (tuple(id(c) for c in countries), view, step)
    kept = _drawn.get(key)
    if kept is None:
        if len(_drawn) > 256:
            _drawn.clear()
        kept = _drawn[key] = (countries, tuple(_country_path(c, view, step) for c in countries))
    return kept[1]


# {(countries' ids, view, step): (the countries, kept alive so their ids stay theirs; their paths)}
_drawn: dict[tuple[tuple[int, ...], geo.View, float], tuple[tuple[geo.Country, ...],
                                                           tuple[tuple[str, list[list[geo.Point]]], ...]]] = {}


def _country_path(country: geo.Country, view: geo.View, step: float) -> tuple[str, list[list[geo.Point]]]:
    """The country clipped to the view as a path, and its clipped outer rings (where names go)."""
    parts, outers = [], []
    for polygon in country.polygons:
        for index, ring in enumerate(polygon):
            projected = geo.clip(view.project(ring), view.width, view.height)
            if not projected:
                continue
            xs, ys = [p[0] for p in projected], [p[1] for p in projected]
            if max(xs) - min(xs) < step * 2 and max(ys) - min(ys) < step * 2:
                continue  # an islet smaller than a dot
            projected = geo.simplify([*projected, projected[0]], step / 2)[:-1]
            if len(projected) >= 3:
                parts.append(_ring_path(projected))
                if index == 0:
                    outers.append(projected)
    return "".join(parts), outers


def layout(countries: tuple[geo.Country, ...], markers: list[Marker], names: Callable[[str], str | None],
           km: Callable[[int], str]) -> Layout | None:
    """Place everything; None when no place has a spot on the earth to show."""
    if not markers:
        return None
    extents = {m.id: _extent(m, markers) for m in markers}
    view = geo.fit(list(extents.values()), WIDTH, HEIGHT)
    scale_px_per_km = view.px_per_km()
    shown = [c for c in countries if view.overlaps(c.bbox)]
    paths, outers = {}, {}
    for country, (path, rings) in zip(shown, _outlines(tuple(shown), view, 1.0), strict=True):
        if path:
            paths[id(country)] = path
            if rings:  # none where only a hole's edge is in view (near a pole): no part to write the name in
                outers[id(country)] = rings

    lines = geo.Lines([ring for rings in outers.values() for ring in rings], WIDTH, HEIGHT)
    drawn = []
    for m in sorted(markers, key=lambda m: (ORDER.index(m.precision), m.names[0], m.id)):
        lon, lat, reach = extents[m.id]
        x, y = view.xy(lon, lat)
        r = max(reach * scale_px_per_km, MIN_RADIUS_PX[m.precision])
        holds = any(m.id in o.within for o in markers)  # places lie within it: never cut down to size
        outline = ""
        if m.precision == "country":
            home = next((c for c in shown if c.contains(m.lon, m.lat) and id(c) in paths), None)
            if home is not None:
                outline = paths[id(home)]
        area = SHAPES[m.precision] == "area"
        drawn.append(Drawn(m, SHAPES[m.precision], x, y, r + AREA_PAD_PX if area and holds else
                           min(r, 60.0) if area else r, outline))

    scale_km = geo.round_km(WIDTH * 0.22 / scale_px_per_km)
    scale_px, scale_text = scale_km * scale_px_per_km, km(scale_km)
    fixed = [INSET_BOX, _scale_box(scale_px, scale_text)] + [d.box for d in drawn if d.shape != "area"]
    # Every place's spots free of the map's lines and marks; the place with fewest chooses first (a town on a
    # border, with a spot or two, before a town in open country), then the finest, then by name.
    labels = _place_labels([_label_spots(d, fixed, lines) for d in drawn])
    named = {c.code for c in shown for d in drawn if d.outline and c.contains(d.marker.lon, d.marker.lat)}
    for country in sorted(shown, key=lambda c: c.code):
        name = names(country.code) if country.code and country.code not in named else None
        if name and id(country) in outers:
            label = _country_label(name, outers[id(country)], fixed, labels, lines)
            if label:
                labels.append(label)

    inset_view, inset_land, inset_frame = _inset(countries, view)
    return Layout(view, tuple((c.code, paths[id(c)]) for c in shown if id(c) in paths), tuple(drawn),
                  tuple(labels), scale_km, scale_px, scale_text, inset_view, inset_land, inset_frame)


def _place_labels(spots: list[list[Label]]) -> list[Label]:
    """One label for as many places as can have one, each at one of its spots, none over another. The place
    with fewest spots chooses first; a place left without one may move a label that stands in its way to
    another of that label's spots. Labels keep the order of `spots`, so the markup is the same every time."""
    chosen: dict[int, Label] = {}

    def free(label: Label, but: int = -1) -> bool:
        return not any(label.box.overlaps(other.box) for i, other in chosen.items() if i != but)

    for index in sorted(range(len(spots)), key=lambda i: (len(spots[i]), i)):
        label = next((lb for lb in spots[index] if free(lb)), None)
        if label is None:  # move the one label in the way, if it has somewhere else to go
            for wanted in spots[index]:
                blocking = [i for i, other in chosen.items() if wanted.box.overlaps(other.box)]
                if len(blocking) != 1:
                    continue
                moved = next((lb for lb in spots[blocking[0]] if not lb.box.overlaps(wanted.box) and
                              free(lb, but=blocking[0])), None)
                if moved is not None:
                    chosen[blocking[0]], label = moved, wanted
                    break
        if label is not None:
            chosen[index] = label
    return [chosen[i] for i in sorted(chosen)]


def _extent(m: Marker, markers: list[Marker]) -> tuple[float, float, float]:
    """Where a place is drawn and how far it reaches (lon, lat, km): an area holds every place on the map
    that the dossier puts within it (a town inside its province), whatever its own radius says."""
    own = (m.lon, m.lat, RADIUS_KM[m.precision])
    inner = [(o.lon, o.lat) for o in markers if m.id in o.within]
    if SHAPES[m.precision] != "area" or not inner:
        return own
    _, _, farthest = geo.enclosing([(m.lon, m.lat)], around=inner)
    return own if farthest < own[2] * 0.9 else geo.enclosing([(m.lon, m.lat), *inner])


def _free(box: Box, fixed: list[Box], lines: geo.Lines, labels: tuple[Label, ...] | list[Label] = ()) -> bool:
    """Whether a label may stand here: on the map, over no place, scale or inset, no other label and no line."""
    return box.within(WIDTH, HEIGHT) and not any(box.overlaps(b) for b in fixed) and \
        not any(box.overlaps(label.box) for label in labels) and not lines.hit((box.x0, box.y0, box.x1, box.y1))


def _label_spots(d: Drawn, fixed: list[Box], lines: geo.Lines) -> list[Label]:
    """Every spot around the place where its label covers no line, place, scale or inset, best first: the full
    name near it, farther off, then each shorter name."""
    found = []
    for text in d.marker.names:
        h = text_height(text, PLACE_SIZE)
        w = text_width(text, PLACE_SIZE)
        if d.shape == "area":  # a region or country is named inside it, near its middle, where nothing else stands
            spots = [(d.x + dx * w / 2, d.y + dy * h) for dy in (0, -1, 1, -2, 2) for dx in (0, -1, 1)
                     if (dx * w / 2) ** 2 + (dy * h) ** 2 < d.r ** 2]
        else:  # beside the place, then a little farther off where a border or another label is in the way
            r, q = d.r, d.r * 0.72
            spots = [spot for g in GAPS for spot in (
                (d.x + r + g + w / 2, d.y), (d.x - r - g - w / 2, d.y), (d.x, d.y - r - g - h / 2),
                (d.x, d.y + r + g + h / 2), (d.x + q + g + w / 2, d.y - q - g - h / 2),
                (d.x - q - g - w / 2, d.y - q - g - h / 2), (d.x + q + g + w / 2, d.y + q + g + h / 2),
                (d.x - q - g - w / 2, d.y + q + g + h / 2))]
        for cx, cy in spots:
            box = text_box(text, PLACE_SIZE, cx, cy)
            if _free(box, fixed, lines):
                found.append(Label(text, d.marker.lang, box, PLACE_SIZE, "place"))
    return found


def _country_label(name: str, rings: list[list[geo.Point]], fixed: list[Box], labels: list[Label],
                   lines: geo.Lines) -> Label | None:
    """A country's name inside its largest visible part, where the whole name fits, or nowhere."""
    ring = max(rings, key=geo.area)
    cx, cy = geo.centroid(ring)
    h, w = text_height(name, COUNTRY_SIZE), text_width(name, COUNTRY_SIZE)
    for dx, dy in ((0, 0), (0, -h), (0, h), (-w / 2, 0), (w / 2, 0), (0, -2 * h), (0, 2 * h)):
        box = text_box(name, COUNTRY_SIZE, cx + dx, cy + dy)
        if all(geo.inside([ring], p) for p in box.corners()) and _free(box, fixed, lines, labels):
            return Label(name, "", box, COUNTRY_SIZE, "country")
    return None


def _inset(countries: tuple[geo.Country, ...], view: geo.View) -> tuple[geo.View, str, Box]:
    """A small map of the surroundings (a continent, or the world) with the view as a rectangle."""
    height_km = (view.north - view.south) * geo.KM_PER_DEGREE
    # Centred on the nearest whole ten degrees: the inset is ten times the view's size or more, so the view
    # stays well inside it, and maps of places near each other share one inset, drawn once.
    centre = (round((view.west + view.east) / 20) * 10.0, round((view.south + view.north) / 20) * 10.0, 0.0)
    inset = geo.fit([centre], INSET_W, INSET_H, margin=0, min_km=max(5 * height_km, 5000.0))
    if inset.east - inset.west > 360:
        inset = geo.View(-180, inset.south, 180, inset.north, INSET_W, INSET_H)
    land = "".join(path for path, _ in _outlines(tuple(c for c in countries if inset.overlaps(c.bbox)), inset, 1.5))
    (x0, y0), (x1, y1) = inset.xy(view.west, view.north), inset.xy(view.east, view.south)
    x0, y0 = max(x0, 0.5), max(y0, 0.5)
    x1, y1 = min(max(x1, x0 + 3), INSET_W - 0.5), min(max(y1, y0 + 3), INSET_H - 0.5)
    return inset, land, Box(x0, y0, x1, y1)


COLOURS = {"place": INK, "country": MUTED, "scale": INK}


def _text(label: Label, page_lang: str) -> str:
    lang = label.lang or page_lang
    cx, base = (label.box.x0 + label.box.x1) / 2, label.box.y1 - label.size * _descent(label.text)
    other = f' lang="{escape(lang)}"' if lang != page_lang else ""
    return (f'<text x="{cx:.1f}" y="{base:.1f}" text-anchor="middle" direction="{direction(lang)}"{other} '
            f'class="label-{label.kind}" font-size="{label.size:g}" fill="{COLOURS[label.kind]}">'
            f'{escape(label.text)}</text>')


def _html_text(label: Label, page_lang: str) -> str:
    """A label as an HTML span over the map, at its box in percentages of the map's size."""
    lang = label.lang or page_lang
    other = f' lang="{escape(lang)}"' if lang != page_lang else ""
    b = label.box
    return (f'<span class="label-{label.kind}" dir="{direction(lang)}"{other} style="left:{b.x0 / WIDTH:.2%};'
            f'top:{b.y0 / HEIGHT:.2%};width:{(b.x1 - b.x0) / WIDTH:.2%};height:{(b.y1 - b.y0) / HEIGHT:.2%}">'
            f'{escape(label.text)}</span>')


def overlaid(plan: Layout, lang: str, title: str, map_id: str) -> Markup:
    """The map without SVG text, its labels as HTML laid over it at the same boxes: for renderers that
    shape no Arabic inside an SVG (WeasyPrint draws SVG text one code point at a time, its issue 2909;
    HTML text it shapes and orders)."""
    spans = [_html_text(label, lang) for label in (*plan.labels, plan.scale_label)]
    return Markup('<div class="map-frame">') + svg(plan, lang, title, map_id, text=False) + \
        Markup('<div class="map-labels" aria-hidden="true">' + "".join(spans) + "</div></div>")


def svg(plan: Layout, lang: str, title: str, map_id: str, text: bool = True) -> Markup:
    """The map as inline SVG: presentation attributes only, so browsers and WeasyPrint draw the same.
    Without `text`, the labels are left to `overlaid`."""
    out = [(f'<svg xmlns="http://www.w3.org/2000/svg" class="locator-map" role="img" '
            f'aria-labelledby="{escape(map_id)}-title" viewBox="0 0 {WIDTH:g} {HEIGHT:g}" width="100%">'),
           f'<title id="{escape(map_id)}-title">{escape(title)}</title>',
           f'<rect class="sea" width="{WIDTH:g}" height="{HEIGHT:g}" fill="{SEA}"/>',
           (f'<g class="countries" fill="{LAND}" stroke="{BORDER}" stroke-width="0.7" stroke-linejoin="round" '
            'fill-rule="evenodd">')]
    out += [f'<path class="country" data-country="{escape(code)}" d="{d}"/>' for code, d in plan.countries]
    out.append(f'</g><g class="places" fill="{ACCENT}" stroke="{ACCENT}">')
    for d in plan.drawn:
        ident = escape(d.marker.id)
        if d.outline:
            out.append(f'<path class="place-area" data-place="{ident}" d="{d.outline}" fill-opacity="0.22" '
                       'stroke-width="1.2" fill-rule="evenodd"/>')
        elif d.shape == "area":
            out.append(f'<circle class="place-area" data-place="{ident}" cx="{d.x:.1f}" cy="{d.y:.1f}" '
                       f'r="{d.r:.1f}" fill-opacity="0.18" stroke-width="1" stroke-dasharray="4 3"/>')
        elif d.shape == "circle":
            out.append(f'<circle class="place-circle" data-place="{ident}" cx="{d.x:.1f}" cy="{d.y:.1f}" '
                       f'r="{d.r:.1f}" fill-opacity="0.25" stroke-width="1.5"/>')
        else:
            out.append(f'<circle class="place-point" data-place="{ident}" cx="{d.x:.1f}" cy="{d.y:.1f}" '
                       f'r="{d.r:.1f}" stroke="#ffffff" stroke-width="1.2"/>')
    out.append('</g><g class="labels">')
    out += [_text(label, lang) for label in (*plan.labels, plan.scale_label) if text]
    y = HEIGHT - EDGE
    x0, x1 = EDGE + 4, EDGE + 4 + plan.scale_px
    out.append(f'</g><g class="scale-bar" stroke="{INK}" stroke-width="1.5" fill="none">'
               f'<path d="M{x0:.1f} {y - 5:.1f}V{y:.1f}H{x1:.1f}V{y - 5:.1f}"/></g>')
    box, frame = plan.inset_box, plan.inset_frame
    out.append(f'<g class="inset" transform="translate({box.x0:.1f} {box.y0:.1f})">'
               f'<rect width="{INSET_W:g}" height="{INSET_H:g}" fill="{SEA}" stroke="{MUTED}" stroke-width="0.8"/>'
               f'<path d="{plan.inset_land}" fill="{LAND}" stroke="{BORDER}" stroke-width="0.3"/>'
               f'<rect class="inset-view" x="{frame.x0:.1f}" y="{frame.y0:.1f}" width="{frame.x1 - frame.x0:.1f}" '
               f'height="{frame.y1 - frame.y0:.1f}" fill="none" stroke="{ACCENT}" stroke-width="1.5"/></g>')
    out.append("</svg>")
    return Markup("".join(out))
