"""The geometry under the locator maps: country outlines decoded from the shipped topology, the
projection of a view, clipping to it, distances and the round length of a scale bar.

Pure: the outlines come in as the parsed data `shipped.outlines()` returns, nothing is read here.
The projection is equirectangular, scaled by the cosine of the view's middle latitude, which keeps
shapes right near the middle of the small areas a locator map shows and makes a straight scale bar
honest there.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

EARTH_KM = 6371.0
KM_PER_DEGREE = EARTH_KM * math.pi / 180

Point = tuple[float, float]
Ring = tuple[Point, ...]


@dataclass(frozen=True)
class Country:
    """One country's shapes, in degrees (lon, lat): polygons of an outer ring and its holes."""

    code: str  # ISO 3166-1 numeric, "" for the few shapes without one
    polygons: tuple[tuple[Ring, ...], ...]
    bbox: tuple[float, float, float, float]  # west, south, east, north

    def contains(self, lon: float, lat: float) -> bool:
        west, south, east, north = self.bbox
        if not (west <= lon <= east and south <= lat <= north):
            return False
        return any(inside(rings, (lon, lat)) for rings in self.polygons)


def decode(data: dict) -> tuple[Country, ...]:
    """The countries of the shipped topology: each ring joined from its shared arcs."""
    quantum = float(data["quantum"])
    arcs = []
    for flat in data["arcs"]:
        x = y = 0
        points = []
        for i in range(0, len(flat), 2):
            x, y = x + flat[i], y + flat[i + 1]
            points.append((x / quantum, y / quantum))
        arcs.append(points)
    countries = []
    for entry in data["countries"]:
        polygons = []
        for polygon in entry["polygons"]:
            rings = []
            for ring_arcs in polygon:
                ring: list[Point] = []
                for index in ring_arcs:
                    arc = arcs[index] if index >= 0 else arcs[~index][::-1]
                    ring += arc[1:] if ring else arc
                rings.append(tuple(_unwrap(ring)))
            polygons.append(tuple(rings))
        points = [p for rings in polygons for p in rings[0]]
        bbox = (min(p[0] for p in points), min(p[1] for p in points),
                max(p[0] for p in points), max(p[1] for p in points))
        countries.append(Country(str(entry["id"]), tuple(polygons), bbox))
    return tuple(countries)


def _unwrap(ring: list[Point]) -> list[Point]:
    """A ring that crosses the antimeridian (a jump of over 180° between neighbours) continues past
    180° east instead, so that it is not drawn as a band across the whole world."""
    if any(abs(ring[i][0] - ring[i - 1][0]) > 180 for i in range(1, len(ring))):
        return [(lon + 360 if lon < 0 else lon, lat) for lon, lat in ring]
    return ring


def inside(rings: tuple[Ring, ...] | list[list[Point]], point: Point) -> bool:
    """Even-odd rule over an outer ring and its holes."""
    x, y = point
    result = False
    for ring in rings:
        n = len(ring)
        for i in range(n):
            (x1, y1), (x2, y2) = ring[i], ring[i - 1]
            if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
                result = not result
    return result


@dataclass(frozen=True)
class View:
    """A rectangle of the earth drawn into a width × height box of pixels."""

    west: float
    south: float
    east: float
    north: float
    width: float
    height: float

    @cached_property
    def _cos(self) -> float:
        return math.cos(math.radians((self.south + self.north) / 2))

    @cached_property
    def _k(self) -> float:
        """Pixels per degree of latitude."""
        return self.height / (self.north - self.south)

    def xy(self, lon: float, lat: float) -> Point:
        return (lon - self.west) * self._k * self._cos, (self.north - lat) * self._k

    def project(self, ring: Sequence[tuple[float, float]]) -> list[Point]:
        """`xy` of every point of a ring: a map projects tens of thousands of them."""
        k, west, north = self._k, self.west, self.north
        kx = k * self._cos
        return [((lon - west) * kx, (north - lat) * k) for lon, lat in ring]

    def px_per_km(self) -> float:
        return self._k / KM_PER_DEGREE

    def contains(self, lon: float, lat: float) -> bool:
        return self.west <= lon <= self.east and self.south <= lat <= self.north

    def overlaps(self, bbox: tuple[float, float, float, float]) -> bool:
        west, south, east, north = bbox
        return west <= self.east and east >= self.west and south <= self.north and north >= self.south


def fit(points: list[tuple[float, float, float]], width: float, height: float, margin: float = 0.15,
        min_km: float = 300.0) -> View:
    """The view that shows every (lon, lat, radius in km) with a margin, at least `min_km` high,
    stretched to the box's proportions and kept within the poles."""
    west = min(lon - _deg_lon(r, lat) for lon, lat, r in points)
    east = max(lon + _deg_lon(r, lat) for lon, lat, r in points)
    south = max(-85.0, min(lat - r / KM_PER_DEGREE for _, lat, r in points))
    north = min(85.0, max(lat + r / KM_PER_DEGREE for _, lat, r in points))
    mid_lon, mid_lat = (west + east) / 2, (south + north) / 2
    cos = math.cos(math.radians(mid_lat))
    span_lat = max((north - south) * (1 + 2 * margin), min_km / KM_PER_DEGREE)
    span_lon = max((east - west) * (1 + 2 * margin), 1e-9)
    # the box's proportions: width / height = span_lon * cos / span_lat
    span_lat = max(span_lat, span_lon * cos * height / width)
    span_lat = min(span_lat, 170.0)
    span_lon = span_lat * width / height / cos
    mid_lat = min(max(mid_lat, -85 + span_lat / 2), 85 - span_lat / 2)
    return View(mid_lon - span_lon / 2, mid_lat - span_lat / 2, mid_lon + span_lon / 2, mid_lat + span_lat / 2,
                width, height)


def _deg_lon(km: float, lat: float) -> float:
    return km / (KM_PER_DEGREE * max(math.cos(math.radians(lat)), 0.05))


def clip(ring: list[Point], width: float, height: float) -> list[Point]:
    """Sutherland-Hodgman against the box [0, width] × [0, height]; a filled ring stays closed."""
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    if xs and min(xs) >= 0 and max(xs) <= width and min(ys) >= 0 and max(ys) <= height:
        return ring   # wholly inside: what the four passes would give, at the cost of one look
    if xs and (max(xs) < 0 or min(xs) > width or max(ys) < 0 or min(ys) > height):
        return []     # wholly outside one edge: nothing of it is left
    edges = ((0, 0.0, True), (0, width, False), (1, 0.0, True), (1, height, False))
    points = ring
    for axis, limit, low in edges:
        if not points:
            break
        out: list[Point] = []
        for i, current in enumerate(points):
            previous = points[i - 1]
            cur_in = current[axis] >= limit if low else current[axis] <= limit
            prev_in = previous[axis] >= limit if low else previous[axis] <= limit
            if cur_in != prev_in:
                t = (limit - previous[axis]) / (current[axis] - previous[axis])
                crossing = (previous[0] + t * (current[0] - previous[0]), previous[1] + t * (current[1] - previous[1]))
                out.append(crossing)
            if cur_in:
                out.append(current)
        points = out
    return points


def simplify(points: list[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker, iterative (an arc can have thousands of points), ends always kept."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        dx, dy = bx - ax, by - ay
        norm = (dx * dx + dy * dy) ** 0.5
        worst, index = 0.0, -1
        for i in range(first + 1, last):
            px, py = points[i]
            d = abs(dy * (px - ax) - dx * (py - ay)) / norm if norm else ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
            if d > worst:
                worst, index = d, i
        if worst > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def area(ring: list[Point]) -> float:
    return abs(sum(ring[i - 1][0] * ring[i][1] - ring[i][0] * ring[i - 1][1] for i in range(len(ring)))) / 2


def centroid(ring: list[Point]) -> Point:
    """The centre of mass of a ring (falls back to the mean of its points for a degenerate one)."""
    a = cx = cy = 0.0
    for i in range(len(ring)):
        (x0, y0), (x1, y1) = ring[i - 1], ring[i]
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(a) < 1e-9:
        return sum(p[0] for p in ring) / len(ring), sum(p[1] for p in ring) / len(ring)
    return cx / (3 * a), cy / (3 * a)


def round_km(limit: float) -> int:
    """The largest 1, 2 or 5 × 10ⁿ kilometres not above `limit` (at least 1)."""
    if limit < 1:
        return 1
    power = 10 ** math.floor(math.log10(limit))
    return max(step * power for step in (1, 2, 5) if step * power <= limit)


def enclosing(points: Sequence[tuple[float, float]], around: Sequence[tuple[float, float]] = ()
              ) -> tuple[float, float, float]:
    """A circle (lon, lat of its centre, radius in km) centred on the points' bounding box and reaching the
    farthest of them and of `around`, so that a region drawn with it holds every place put within it."""
    west, east = min(p[0] for p in points), max(p[0] for p in points)
    south, north = min(p[1] for p in points), max(p[1] for p in points)
    lon, lat = (west + east) / 2, (south + north) / 2
    cos = math.cos(math.radians(lat))
    km = max(math.hypot((x - lon) * cos, y - lat) * KM_PER_DEGREE for x, y in (*points, *around))
    return lon, lat, km


def crosses(a: Point, b: Point, box: tuple[float, float, float, float]) -> bool:
    """Whether the segment a–b touches the box (x0, y0, x1, y1): Liang–Barsky clipping."""
    x0, y0, x1, y1 = box
    t0, t1 = 0.0, 1.0
    dx, dy = b[0] - a[0], b[1] - a[1]
    for p, q in ((-dx, a[0] - x0), (dx, x1 - a[0]), (-dy, a[1] - y0), (dy, y1 - a[1])):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return False
    return True


class Lines:
    """Line segments (borders, coasts) bucketed in a grid, so that a label's box is checked only against
    the few segments near it."""

    CELL = 32.0

    def __init__(self, rings: Sequence[Sequence[Point]], width: float, height: float) -> None:
        self.cells: dict[tuple[int, int], list[tuple[Point, Point]]] = {}
        for ring in rings:
            for i in range(len(ring)):
                a, b = ring[i - 1], ring[i]
                if _on_frame(a, b, width, height):
                    continue  # where clipping cut a shape at the edge of the view: no line is drawn there
                for cell in self._cells(min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1])):
                    self.cells.setdefault(cell, []).append((a, b))

    def _cells(self, x0: float, y0: float, x1: float, y1: float) -> list[tuple[int, int]]:
        c = self.CELL
        return [(i, j) for i in range(math.floor(x0 / c), math.floor(x1 / c) + 1)
                for j in range(math.floor(y0 / c), math.floor(y1 / c) + 1)]

    def hit(self, box: tuple[float, float, float, float]) -> bool:
        """Whether any segment touches the box."""
        return any(crosses(a, b, box) for cell in self._cells(*box) for a, b in self.cells.get(cell, ()))


def _on_frame(a: Point, b: Point, width: float, height: float) -> bool:
    edge = 0.01
    return any((abs(a[k] - v) < edge and abs(b[k] - v) < edge) for k, limit in ((0, width), (1, height))
               for v in (0.0, limit))
