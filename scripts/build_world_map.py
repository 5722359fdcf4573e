"""Build the map page's world outline, ``src/eventwire/web/static/world.svg``, from Natural Earth via world-atlas.

The web app loads nothing from the network, so the outline ships with the package. Its source is the npm package
``world-atlas`` (ISC, data from Natural Earth, public domain), fetched at build time outside the repo::

    cd /tmp && npm pack world-atlas && tar xzf world-atlas-*.tgz
    python scripts/build_world_map.py /tmp/package

The TopoJSON is decoded here (delta-encoded arcs, quantised by the file's transform) and projected
equirectangularly into tenths of a degree: x = (lon + 180) × 10, y = (90 − lat) × 10, so the SVG's viewBox is
``0 0 3600 1800`` and the map page puts a place at the same coordinates. Land is one filled path (from
``land-110m.json``), country borders one stroked path (the arcs ``countries-110m.json`` shares between two
countries). A ring that crosses the antimeridian is cut there and each side closed along the map's edge, so no
segment runs across the whole map (tests/web/test_map_page.py checks the file).

Usage: python scripts/build_world_map.py PACKAGE_DIR
"""

from __future__ import annotations

import json
import sys
from itertools import pairwise
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parents[1] / "src/eventwire/web/static/world.svg"
Point = tuple[float, float]


def decode_arcs(topology: dict[str, Any]) -> list[list[Point]]:
    """Every arc as (lon, lat) points: positions are deltas of quantised integers, scaled and translated."""
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


def ring(arcs: list[list[Point]], indexes: list[int]) -> list[Point]:
    """A ring from its arcs (``~i`` = arc i reversed); each arc after the first repeats the last point."""
    points: list[Point] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def polygons(geometry: dict[str, Any]) -> list[list[list[int]]]:
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return list(geometry["arcs"])
    if geometry["type"] == "GeometryCollection":
        return [p for g in geometry["geometries"] for p in polygons(g)]
    return []


def crossing_lat(a: Point, b: Point) -> float:
    """Where segment a→b, which wraps round the antimeridian, meets it."""
    (lon1, lat1), (lon2, lat2) = a, b
    lon2u = lon2 + 360 if lon1 > 0 else lon2 - 360  # b unwrapped beside a
    edge = 180.0 if lon1 > 0 else -180.0
    return lat1 + (lat2 - lat1) * (edge - lon1) / (lon2u - lon1) if lon2u != lon1 else lat1


def split_ring(points: list[Point]) -> list[list[Point]]:
    """The ring as closed rings that do not cross the antimeridian.

    The ring is cut where consecutive points are more than 180° apart; the pieces on one side are joined in
    order along the map's edge (x = ±180), which is exact for the one or two crossings Natural Earth's rings have.
    """
    cuts = [i for i in range(len(points) - 1) if abs(points[i + 1][0] - points[i][0]) > 180]
    if not cuts:
        return [points]
    start = cuts[0] + 1  # begin just after a crossing so that pieces do not wrap round the ring's end
    turned = points[start:-1] + points[:start]
    turned.append(turned[0])
    pieces: list[list[Point]] = [[]]
    for a, b in pairwise(turned):
        pieces[-1].append(a)
        if abs(b[0] - a[0]) > 180:
            lat = crossing_lat(a, b)
            pieces[-1].append((180.0 if a[0] > 0 else -180.0, lat))
            pieces.append([(180.0 if b[0] > 0 else -180.0, lat)])
    pieces[-1].append(turned[-1])
    sides: dict[bool, list[Point]] = {True: [], False: []}
    for piece in pieces:
        east = sum(lon for lon, _ in piece) > 0
        sides[east].extend(piece)
    return [side + side[:1] for side in sides.values() if len(side) > 2]


def project(point: Point) -> tuple[int, int]:
    lon, lat = point
    return round((lon + 180) * 10), round((90 - lat) * 10)


def path_data(lines: list[list[Point]], *, closed: bool) -> str:
    """SVG path data in whole tenths of a degree; repeated points after rounding are dropped."""
    parts = []
    for line in lines:
        xy: list[tuple[int, int]] = []
        for point in line:
            p = project(point)
            if not xy or xy[-1] != p:
                xy.append(p)
        if closed and len(xy) > 1 and xy[0] == xy[-1]:
            xy.pop()
        if len(xy) < (3 if closed else 2):
            continue
        body = " ".join(f"{x} {y}" for x, y in xy[1:])
        parts.append(f"M{xy[0][0]} {xy[0][1]}L{body}{'Z' if closed else ''}")
    return "".join(parts)


def split_line(points: list[Point]) -> list[list[Point]]:
    lines: list[list[Point]] = [[]]
    for a, b in pairwise(points):
        lines[-1].append(a)
        if abs(b[0] - a[0]) > 180:
            lines.append([])
    lines[-1].append(points[-1])
    return lines


def build(package: Path) -> str:
    land = json.loads((package / "land-110m.json").read_text())
    land_arcs = decode_arcs(land)
    rings = [part for polygon in polygons(land["objects"]["land"]) for indexes in polygon
             for part in split_ring(ring(land_arcs, indexes))]
    countries = json.loads((package / "countries-110m.json").read_text())
    country_arcs = decode_arcs(countries)
    uses: dict[int, int] = {}
    for polygon in polygons(countries["objects"]["countries"]):
        for indexes in polygon:
            for index in indexes:
                key = index if index >= 0 else ~index
                uses[key] = uses.get(key, 0) + 1
    borders = [line for key, n in sorted(uses.items()) if n > 1 for line in split_line(country_arcs[key])]
    return ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 3600 1800" width="3600" height="1800">'
            "<title>World (Natural Earth 1:110m via world-atlas; see LICENSE-world-atlas.txt)</title>"
            f'<path fill="#e4e8ec" stroke="#b9c2cb" stroke-width="3" fill-rule="evenodd" '
            f'd="{path_data(rings, closed=True)}"/>'
            f'<path fill="none" stroke="#c9d0d7" stroke-width="2" d="{path_data(borders, closed=False)}"/>'
            "</svg>\n")


def main() -> None:
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    svg = build(Path(sys.argv[1]))
    OUT.write_text(svg)
    sys.stderr.write(f"{OUT}: {len(svg.encode()):,} bytes\n")


if __name__ == "__main__":
    main()
