"""Locator maps: the shipped outlines, the projection, each precision drawn as it is known, labels
that never cover one another or a place, the scale bar and inset, Arabic labels right to left on a
map that is not mirrored, escaping, and the same bytes every time."""
from __future__ import annotations

import html
import importlib.util
import itertools
import re

import pytest
from conftest import PROJECT

from generator import shipped
from generator.factbase.load import load
from generator.factbase.model import Coordinates, Dossier, Loc, Place, Review
from generator.pdf.context import PrintContext
from generator.views import geo, i18n, locator
from generator.views.context import PageContext
from generator.views.maps import _outlines

COUNTRIES = _outlines()


def place(ident: str, lat: float | None, lon: float | None, precision: str = "settlement",
          en: str | None = None, ar: str | None = None, aliases: dict[str, list[str]] | None = None) -> Place:
    coordinates = Coordinates(lat, lon, precision) if lat is not None and lon is not None else None
    return Place(ident, "town", {"en": en or ident.title(), "ar": ar or f"مدينة {ident}"}, aliases or {}, {},
                 coordinates, None, [], Review("reviewed"), Loc("x.yaml", 1, 1))


def page(lang: str) -> PageContext:
    return PageContext(Dossier({}, {}, ["en", "ar"]), lang, "places.md")


def plan(markers: list[locator.Marker], lang: str = "en") -> locator.Layout:
    found = locator.layout(COUNTRIES, markers, lambda code: i18n.territory_name(code, lang), lambda km: f"{km} km")
    assert found is not None
    return found


def marker(ident: str, lat: float, lon: float, precision: str = "settlement", *names: str) -> locator.Marker:
    return locator.Marker(ident, lon, lat, precision, names or (ident.title(),), "en")


# A crowd: a dozen towns within a few kilometres of each other, and regions over them.
CROWD = [marker(f"town-{i}", 16.0 + (i % 4) * 0.3, -1.0 + (i // 4) * 0.4, "settlement", f"Town number {i}")
         for i in range(12)] + [marker("site", 16.1, -0.9, "exact", "The crossroads"),
                                marker("district", 16.3, -1.3, "area", "Lake district"),
                                marker("north", 17.5, 0.0, "region", "The north")]


# --- the data ----------------------------------------------------------------------------------
def test_the_outlines_ship_in_the_package_and_say_where_they_come_from() -> None:
    data = shipped.outlines()
    assert "Natural Earth" in data["source"] and "world-atlas 2.0.2" in data["source"]
    assert (PROJECT / "generator" / "data" / "outlines.json").stat().st_size < 400_000
    assert len(COUNTRIES) > 200
    assert '"data/outlines.json"' in (PROJECT / "pyproject.toml").read_text(encoding="utf-8")


@pytest.mark.parametrize("code, lat, lon, en, ar", [
    ("466", 12.64, -8.0, "Mali", "مالي"),        # Bamako
    ("012", 28.0, 2.0, "Algeria", "الجزائر"),
    ("643", 55.75, 37.62, "Russia", "روسيا"),     # Moscow
    ("250", 48.86, 2.35, "France", "فرنسا"),      # Paris
])
def test_countries_hold_their_places_and_take_their_names_from_cldr(code: str, lat: float, lon: float,
                                                                     en: str, ar: str) -> None:
    holding = [c.code for c in COUNTRIES if c.contains(lon, lat)]
    assert holding == [code]
    assert i18n.territory_name(code, "en") == en and i18n.territory_name(code, "ar") == ar


def test_a_ring_across_the_antimeridian_is_not_drawn_round_the_world() -> None:
    russia = next(c for c in COUNTRIES if c.code == "643")
    for polygon in russia.polygons:
        lons = [lon for lon, _ in polygon[0]]
        assert max(lons) - min(lons) < 180 or min(lons) >= 0


def test_the_derivation_script_decodes_arcs_simplifies_and_quantises() -> None:
    spec = importlib.util.spec_from_file_location("derive_outlines", PROJECT / "scripts" / "derive_outlines.py")
    assert spec and spec.loader
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    # a square country as one arc, quantised by TopoJSON with a 0.5° step
    topology = {"transform": {"scale": [0.5, 0.5], "translate": [10, 20]},
                "arcs": [[[0, 0], [4, 0], [1, 0], [0, 4], [-5, 0], [0, -4]]],
                "objects": {"countries": {"geometries": [{"type": "Polygon", "arcs": [[0]], "id": "999"}]}}}
    derived = script.derive(topology, "test")
    assert derived["countries"] == [{"id": "999", "polygons": [[[0]]]}]
    (country,) = geo.decode(derived)
    # the point on a straight edge (12, 20) is simplified away; the corners stay
    assert country.polygons[0][0] == ((10.0, 20.0), (12.5, 20.0), (12.5, 22.0), (10.0, 22.0), (10.0, 20.0))


# --- the projection ----------------------------------------------------------------------------
def test_one_place_gets_a_view_of_at_least_the_minimum_extent_in_the_box_proportions() -> None:
    view = geo.fit([(2.95, 19.96, 0.0)], 640, 400)
    assert (view.north - view.south) * geo.KM_PER_DEGREE >= 300
    assert view.contains(2.95, 19.96)
    x, y = view.xy(2.95, 19.96)
    assert abs(x - 320) < 0.5 and abs(y - 200) < 0.5
    # shapes kept near the middle: a degree east is cos(latitude) of a degree north
    dx = view.xy(3.95, 19.96)[0] - x
    dy = y - view.xy(2.95, 20.96)[1]
    assert dx / dy == pytest.approx(geo.math.cos(geo.math.radians(19.96)), rel=0.01)


def test_every_place_falls_inside_the_view_with_a_margin() -> None:
    layout = plan(CROWD)
    for d in layout.drawn:
        assert 10 < d.x < locator.WIDTH - 10 and 10 < d.y < locator.HEIGHT - 10


@pytest.mark.parametrize("limit, km", [(0.3, 1), (7, 5), (140, 100), (199, 100), (260, 200), (4999, 2000)])
def test_the_scale_bar_is_a_round_distance(limit: float, km: int) -> None:
    assert geo.round_km(limit) == km


def test_the_scale_bar_measures_what_it_says() -> None:
    layout = plan([marker("a", 16.0, -1.0)])
    assert layout.scale_px == pytest.approx(layout.scale_km * layout.view.px_per_km())
    assert 0.1 * locator.WIDTH < layout.scale_px <= 0.22 * locator.WIDTH


# --- what is drawn -----------------------------------------------------------------------------
def test_each_precision_is_drawn_as_it_is_known() -> None:
    layout = plan([marker("site", 16.0, -1.0, "exact"), marker("town", 16.2, -1.2, "settlement"),
                   marker("district", 15.9, -0.7, "area"), marker("north", 16.8, -0.5, "region"),
                   marker("mali", 17.0, -3.0, "country")])
    shapes = {d.marker.id: d for d in layout.drawn}
    assert {k: d.shape for k, d in shapes.items()} == {"site": "point", "town": "circle", "district": "circle",
                                                       "north": "area", "mali": "area"}
    assert shapes["district"].r > shapes["town"].r > 0
    mali = next(d for code, d in layout.countries if code == "466")
    assert shapes["mali"].outline == mali  # a country-precise place is its country's shape
    svg = str(locator.svg(layout, "en", "Locator map", "m"))
    assert re.search(r'<circle class="place-point" data-place="site"', svg)
    assert re.search(r'<circle class="place-circle" data-place="town"', svg)
    assert re.search(r'<circle class="place-area" data-place="north"[^>]*stroke-dasharray', svg)
    assert re.search(r'<path class="place-area" data-place="mali" d="M', svg)


def test_outlines_are_clipped_to_the_view() -> None:
    layout = plan([marker("a", 16.0, -1.0)])
    assert {"466", "854", "562"} <= {code for code, _ in layout.countries}   # Mali, Burkina Faso, Niger
    assert "643" not in {code for code, _ in layout.countries}  # Russia is far away
    for ring in geo.clip([(-50.0, -50.0), (700.0, -50.0), (700.0, 500.0), (-50.0, 500.0)], 640, 400), \
            geo.clip([(100.0, 100.0), (900.0, 100.0), (100.0, 300.0)], 640, 400):
        assert all(0 <= x <= 640 and 0 <= y <= 400 for x, y in ring)


def test_no_label_covers_another_label_a_place_the_inset_or_the_scale_bar() -> None:
    layout = plan(CROWD)
    fixed = [layout.inset_box, layout.scale_box] + [d.box for d in layout.drawn if d.shape != "area"]
    # as many as fit at a size a phone reads (the caption names every place)
    assert len([lb for lb in layout.labels if lb.kind == "place"]) >= 5
    for a, b in itertools.combinations(layout.labels, 2):
        assert not a.box.overlaps(b.box), (a.text, b.text)
    for label in layout.labels:
        assert label.box.within(locator.WIDTH, locator.HEIGHT), label.text
        assert not any(label.box.overlaps(box) for box in fixed), label.text


def test_the_check_of_overlaps_would_see_a_collision() -> None:
    a = locator.text_box("Kidal", 13, 100, 100)
    assert a.overlaps(locator.text_box("Tessalit", 13, 110, 104))
    assert not a.overlaps(locator.text_box("Tessalit", 13, 100, 130))


def test_a_name_is_never_cut_a_shorter_one_is_used_or_none() -> None:
    long = "The very long official name of the crossroads settlement"
    layout = plan([marker("x", 16.0, -1.0, "settlement", long * 2, "Crossroads")])
    texts = [lb.text for lb in layout.labels if lb.kind == "place"]
    assert texts == ["Crossroads"]
    layout = plan([marker("x", 16.0, -1.0, "settlement", long * 2)])
    assert not [lb for lb in layout.labels if lb.kind == "place"]  # not drawn rather than cut


def test_country_names_sit_inside_their_country_in_the_page_language() -> None:
    for lang, name in (("en", "Niger"), ("ar", "النيجر")):
        layout = plan([marker("a", 16.0, 3.0)], lang)
        label = next(lb for lb in layout.labels if lb.kind == "country" and lb.text == name)
        niger = next(c for c in COUNTRIES if c.code == "562")
        lon = layout.view.west + (label.box.x0 + label.box.x1) / 2 / (layout.view.xy(1, 0)[0] - layout.view.xy(0, 0)[0])
        lat = layout.view.north - (label.box.y0 + label.box.y1) / 2 / (layout.view.xy(0, 0)[1] -
                                                                       layout.view.xy(0, 1)[1])
        assert niger.contains(lon, lat)


def test_the_inset_shows_where_the_view_lies() -> None:
    layout = plan([marker("a", 16.0, -1.0)])
    inset, frame = layout.inset_view, layout.inset_frame
    assert inset.east - inset.west > 4 * (layout.view.east - layout.view.west)
    x, y = inset.xy(-1.0, 16.0)
    assert frame.x0 <= x <= frame.x1 and frame.y0 <= y <= frame.y1
    assert layout.inset_land.startswith("M")


# --- through the page helpers: languages, caption, escaping, determinism ---------------------
PLACES = [place("tinzaouaten", 19.96, 2.95, en="Tinzaouaten", ar="تينزاواتين"),
          place("kidal", 18.44, 1.41, en="Kidal", ar="كيدال"),
          place("nowhere", None, None, en="Nowhere known", ar="مكان مجهول")]


def test_arabic_labels_run_right_to_left_on_a_map_that_is_not_mirrored() -> None:
    en, ar = str(page("en").maps.locator_map(PLACES, "m")), str(page("ar").maps.locator_map(PLACES, "m"))
    assert re.search(r'<text [^>]*direction="rtl"[^>]*>تينزاواتين</text>', ar)
    assert re.search(r'<text [^>]*direction="ltr"[^>]*>Tinzaouaten</text>', en)
    circles = {lang: dict(re.findall(r'data-place="(\w+)" cx="([\d.]+)"', svg))
               for lang, svg in (("en", en), ("ar", ar))}
    assert circles["en"] == circles["ar"]
    assert float(circles["ar"]["kidal"]) < float(circles["ar"]["tinzaouaten"])  # west stays on the left
    paths = {lang: re.findall(r'<path class="country"[^>]*>', svg) for lang, svg in (("en", en), ("ar", ar))}
    assert paths["en"] == paths["ar"] and paths["en"]
    assert "scale(-1" not in ar and 'direction="rtl"' not in ar.split("<title")[0]
    assert re.search(r'class="label-scale"[^>]*>\d+\u00a0كم<', ar)
    assert re.search(r'class="label-scale"[^>]*>\d+\u00a0km<', en)


def test_the_caption_lists_the_places_shown_in_the_page_language() -> None:
    for lang, shown, intro in (("en", ["Kidal", "Tinzaouaten"], "On the map: "),
                               ("ar", ["تينزاواتين", "كيدال"], "على الخريطة: ")):
        svg = str(page(lang).maps.locator_map(PLACES, "m"))
        caption = re.search(r"<figcaption>(.*)</figcaption>", svg)
        assert caption is not None
        text = html.unescape(caption.group(1))
        assert text.startswith(intro)
        assert all(name in text for name in shown)
        assert "Nowhere" not in svg and "مجهول" not in svg  # no coordinates: not drawn, not listed
        assert re.search(r'<svg [^>]*role="img" aria-labelledby="m-title"', svg)


def test_a_map_is_named_by_the_places_it_shows() -> None:
    """Maps were `role=img` named "Locator map": nothing of what they show was read out."""
    en, ar = str(page("en").maps.locator_map(PLACES, "m")), str(page("ar").maps.locator_map(PLACES, "m"))
    assert '<title id="m-title">Locator map of Kidal, Tinzaouaten</title>' in en
    assert '<title id="m-title">خريطة تبيّن موقع تينزاواتين، كيدال</title>' in ar


def test_no_place_with_coordinates_no_map() -> None:
    assert page("en").maps.locator_map([PLACES[2]], "m") == ""
    assert page("en").maps.locator_map([], "m") == ""


def test_names_are_data_in_the_svg_and_the_caption() -> None:
    evil = place("evil", 16.0, -1.0, en="<script>alert(1)</script>", ar="<img src=x onerror=alert(1)>")
    for lang in ("en", "ar"):
        svg = str(page(lang).maps.locator_map([evil], 'x"><script>'))
        assert "<script" not in svg and "<img" not in svg and 'x">' not in svg
    svg = str(page("en").maps.locator_map([evil], "m"))
    assert ">&lt;script&gt;alert(1)&lt;/script&gt;</text>" in svg


def test_the_same_places_give_the_same_bytes_in_any_order() -> None:
    one = page("ar").maps.locator_map(PLACES, "m")
    assert page("ar").maps.locator_map(list(reversed(PLACES)), "m") == one
    assert page("ar").maps.locator_map(PLACES, "m") == one


def test_the_map_asks_nothing_from_the_network() -> None:
    svg = str(page("en").maps.locator_map(PLACES, "m"))
    assert re.findall(r"(?:https?:)?//[\w.]+", svg) == ["http://www.w3.org"]
    assert "href" not in svg and "<image" not in svg


def test_an_incident_map_shows_its_place_and_what_it_lies_within_up_to_the_country() -> None:
    dossier = load(PROJECT).dossier
    assert dossier is not None
    ctx = PageContext(dossier, "en", "incidents/x.md")
    incident = dossier.incidents["tinzaouaten-ambush-2024"]
    assert [p.id for p in ctx.maps.incident_places(incident)] == ["tinzaouaten", "mali-algeria-border", "northern-mali",
                                                             "mali"]


def test_print_lays_the_labels_over_the_map_as_html_it_can_shape() -> None:
    evil = place("evil", 18.0, 1.0, en="<script>alert(1)</script>", ar="<b>كيدال</b>")
    for lang, direction in (("en", "ltr"), ("ar", "rtl")):
        ctx = PrintContext(Dossier({}, {}, ["en", "ar"]), lang, "briefings/x.md")
        figure = str(ctx.maps.locator_map([*PLACES, evil], "m"))
        assert "<text" not in figure  # WeasyPrint would draw SVG text letter by letter
        assert "<script" not in figure and "<b>" not in figure
        spans = re.findall(r'<span class="label-place" dir="(\w+)"[^>]*style="left:([\d.]+)%;top:([\d.]+)%', figure)
        assert spans and all(d == direction for d, _, _ in spans)
        web = plan_of(lang)
        boxes = sorted((round(lb.box.x0 / locator.WIDTH * 100, 2), round(lb.box.y0 / locator.HEIGHT * 100, 2))
                       for lb in web.labels if lb.kind == "place")
        assert sorted((float(x), float(y)) for _, x, y in spans) == boxes  # the same boxes as on the web
        assert re.search(r'<span class="label-scale"[^>]*>\d+\u00a0(km|كم)</span>', figure)


def plan_of(lang: str) -> locator.Layout:
    evil = place("evil", 18.0, 1.0, en="<script>alert(1)</script>", ar="<b>كيدال</b>")
    markers = [locator.Marker(p.id, p.coordinates.lon, p.coordinates.lat, p.coordinates.precision,
                              (p.name[lang],), lang) for p in [*PLACES, evil] if p.coordinates]
    found = locator.layout(COUNTRIES, markers, lambda code: i18n.territory_name(code, lang), str)
    assert found is not None
    return found


def drawn_lines(layout: locator.Layout) -> list[tuple[geo.Point, geo.Point]]:
    """Every segment of the country outlines as the SVG draws them (its paths read back, in tenths of a
    pixel), but the edges of the view, where clipping cut a shape and no line shows."""
    segments = []
    for _, d in layout.countries:
        for start, steps in re.findall(r"M(-?[\d.]+ -?[\d.]+)l([^z]*)z", d):
            x, y = (float(v) for v in start.split())
            ring = [(x, y)]
            numbers = [float(v) for v in steps.split()]
            for dx, dy in zip(numbers[::2], numbers[1::2], strict=True):
                x, y = x + dx, y + dy
                ring.append((x, y))
            for a, b in itertools.pairwise([*ring, ring[0]]):
                frame = any(abs(a[k] - v) < 0.11 and abs(b[k] - v) < 0.11
                            for k, limit in ((0, locator.WIDTH), (1, locator.HEIGHT)) for v in (0, limit))
                if not frame:
                    segments.append((a, b))
    return segments


def covers(box: locator.Box, a: geo.Point, b: geo.Point) -> bool:
    """Whether a segment passes through the box, by walking along it a tenth of a pixel at a time."""
    steps = max(1, int(((b[0] - a[0]) ** 2 + (b[1] - a[1]) ** 2) ** 0.5 * 10))
    return any(box.x0 < a[0] + (b[0] - a[0]) * i / steps < box.x1 and box.y0 < a[1] + (b[1] - a[1]) * i / steps < box.y1
               for i in range(steps + 1))


# A town on a border and towns and a region near others: every label must find a spot off the lines, or none.
BORDERLAND = [marker("tinzaouaten", 19.96, 2.95, "settlement", "Tinzaouaten"), marker("kidal", 18.44, 1.41),
              marker("border", 19.8, 2.5, "region", "Mali–Algeria border area"), marker("gao", 16.27, -0.04),
              marker("mali", 17.0, -3.0, "country")]


def test_no_label_covers_a_border_or_a_coast() -> None:
    layout = plan(BORDERLAND)
    segments = drawn_lines(layout)
    assert len(segments) > 100
    names = [label.text for label in layout.labels]
    assert "Tinzaouaten" in names and "Kidal" in names  # a town on the border is named beside it, off the line
    for label in layout.labels:
        assert not [s for s in segments if covers(label.box, *s)], label.text


def test_the_check_of_lines_would_see_a_label_on_a_border() -> None:
    layout = plan(BORDERLAND)
    x, y = next((d.x, d.y) for d in layout.drawn if d.marker.id == "tinzaouaten")
    centred = locator.text_box("Tinzaouaten", locator.PLACE_SIZE, x, y)  # over the town, so over its border
    assert any(covers(centred, *s) for s in drawn_lines(layout))


def test_a_region_holds_every_place_put_within_it() -> None:
    """A region has no outline in the data: it is drawn around the places the dossier puts within it, so
    that a town of the province never shows outside it, however far from the region's own point it lies."""
    region = locator.Marker("north", 1.41, 18.44, "region", ("The north",), "en")
    towns = [locator.Marker("border-town", 2.95, 19.96, "settlement", ("Border town",), "en", ("north", "country")),
             locator.Marker("far-town", -3.0, 16.0, "settlement", ("Far town",), "en", ("north",)),
             locator.Marker("elsewhere", 8.0, 12.0, "settlement", ("Elsewhere",), "en", ("country",))]
    layout = plan([region, *towns])
    drawn = {d.marker.id: d for d in layout.drawn}
    area = drawn["north"]

    def inside(d: locator.Drawn) -> bool:
        return ((d.x - area.x) ** 2 + (d.y - area.y) ** 2) ** 0.5 + d.r <= area.r

    assert inside(drawn["border-town"]) and inside(drawn["far-town"])
    assert not inside(drawn["elsewhere"])  # only what the dossier puts within it
    alone = {d.marker.id: d for d in plan([region, locator.Marker("t", 2.95, 19.96, "settlement", ("T",), "en")]).drawn}
    assert alone["north"].r < area.r  # without places within it, a region keeps its own size
