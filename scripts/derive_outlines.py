"""Derive the country outlines of the locator maps from Natural Earth, as the `world-atlas` npm
package ships them (TopoJSON), into `generator/data/outlines.json`.

Run once, by hand, when the outlines should change; the output is committed, so a build never
needs the package or the network. Standard library only (and the
repository's own `generator/views/geo.py`, which is too):

    npm pack world-atlas@2.0.2        # world-atlas-2.0.2.tgz, sha256 032e7765…c05b97
    python scripts/derive_outlines.py world-atlas-2.0.2.tgz generator/data/outlines.json

The argument may also be the unpacked folder or `countries-50m.json` itself. What is kept:
the 1:50m country shapes, with their shared borders kept shared (the TopoJSON arcs), each arc
simplified (Douglas-Peucker, tolerance TOLERANCE degrees, its ends kept so that neighbours still
meet) and quantised to 1/QUANTUM of a degree, delta-encoded. Countries keep their ISO 3166-1
numeric code only: their names come from CLDR, through Babel, in the page's language.
"""
from __future__ import annotations

import argparse
import hashlib
import io
import json
import sys
import tarfile
from pathlib import Path

# The one Douglas-Peucker, shared with the maps (generator/views/geo.py is standard library only too).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from generator.views.geo import simplify

MEMBER = "countries-50m.json"
TOLERANCE = 0.03  # degrees: about 3 km, finer than a locator map at its smallest extent draws
QUANTUM = 100  # units per degree in the output (0.01°, about 1 km)


def read_topology(path: Path) -> tuple[dict, str]:
    """The TopoJSON document and a line saying where it came from (file and sha256)."""
    if path.is_dir():
        path = path / MEMBER if (path / MEMBER).exists() else path / "package" / MEMBER
    raw = path.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if path.name.endswith((".tgz", ".tar.gz")):
        with tarfile.open(fileobj=io.BytesIO(raw), mode="r:gz") as tar:
            member = next((m for m in tar.getmembers() if m.name.endswith("/" + MEMBER)), None)
            if member is None:
                sys.exit(f"{path}: no {MEMBER} in this package; give the world-atlas@2 tarball")
            handle = tar.extractfile(member)
            assert handle is not None
            version = _package_version(tar)
            return json.load(handle), f"world-atlas {version} ({path.name}, sha256 {digest}), {MEMBER}"
    return json.loads(raw), f"{path.name} (sha256 {digest})"


def _package_version(tar: tarfile.TarFile) -> str:
    member = next((m for m in tar.getmembers() if m.name.endswith("package.json")), None)
    handle = tar.extractfile(member) if member else None
    return json.load(handle).get("version", "?") if handle else "?"


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Each arc as (lon, lat) points: TopoJSON stores them quantised and delta-encoded."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def quantise(points: list[tuple[float, float]]) -> list[int]:
    """Flat, delta-encoded integers; repeated points (after rounding) are dropped."""
    flat: list[int] = []
    last: tuple[int, int] | None = None
    px = py = 0
    for lon, lat in points:
        q = (round(lon * QUANTUM), round(lat * QUANTUM))
        if q == last:
            continue
        flat += [q[0] - px, q[1] - py]
        px, py = last = q
    if len(flat) == 2:  # an arc whose ends fell on one point: keep it, so its rings stay closed
        flat += [0, 0]
    return flat


def derive(topology: dict, origin: str) -> dict:
    arcs = [quantise(simplify(arc, TOLERANCE)) for arc in decode_arcs(topology)]
    countries = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry["type"] == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        # Somaliland, Kosovo and a few others have no ISO code: drawn, never named
        countries.append({"id": geometry.get("id", ""), "polygons": polygons})
    countries.sort(key=lambda c: (c["id"], json.dumps(c["polygons"])))
    return {
        "source": f"Natural Earth (public domain), via {origin}",
        "quantum": QUANTUM,
        "tolerance": TOLERANCE,
        "arcs": arcs,
        "countries": countries,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("topology", type=Path, help="world-atlas tarball, its folder, or countries-50m.json")
    parser.add_argument("output", type=Path, help="where to write the outlines (generator/data/outlines.json)")
    args = parser.parse_args()
    topology, origin = read_topology(args.topology)
    text = json.dumps(derive(topology, origin), separators=(",", ":"), sort_keys=True) + "\n"
    args.output.parent.mkdir(parents=True, exist_ok=True)
    temporary = args.output.with_suffix(".tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(args.output)
    print(f"{args.output}: {len(text):,} bytes from {origin}")


if __name__ == "__main__":
    main()
