"""The world map: an equirectangular projection shared by the outline and the markers.

`manage.py build_world_map` draws the countries of Natural Earth (1:110m, public
domain, from the npm package `world-atlas`) once into a static SVG file; the map
page puts the partner places on top of it with the same projection. Nothing is
fetched when a page is shown.
"""

import json
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django_countries.fields import Country

    from partnerships.models import PartnerPlace, Partnership

WIDTH = 1000
# Latitudes shown: Antarctica and the far north are left out.
NORTH = 84.0
SOUTH = -58.0
SCALE = WIDTH / 360
HEIGHT = round((NORTH - SOUTH) * SCALE, 1)
VIEW_BOX = f"0 0 {WIDTH} {HEIGHT}"
STATIC_PATH = "partnerships/world-110m.svg"
ANTARCTICA = "010"  # ISO 3166-1 numeric code


def project(
    longitude: float | Decimal, latitude: float | Decimal
) -> tuple[float, float]:
    """Longitude and latitude to x and y in the map's viewBox."""
    x = (float(longitude) + 180) * SCALE
    y = (NORTH - float(latitude)) * SCALE
    return round(x, 1), round(y, 1)


@dataclass(frozen=True)
class Marker:
    x: float
    y: float
    place: "PartnerPlace"
    partnership: "Partnership"


@dataclass(frozen=True)
class CountryMarker:
    """A country's places as one marker, where there are too many to show each."""

    x: float
    y: float
    country: "Country"
    places: int


def _decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """TopoJSON arcs as lists of (longitude, latitude), quantization undone."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            points = []
            for dx, dy, *_ in arc:
                x += dx
                y += dy
                points.append((x * sx + tx, y * sy + ty))
        else:
            points = [(point[0], point[1]) for point in arc]
        arcs.append(points)
    return arcs


def _ring(arcs, indexes: list[int]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc[1:] if points else arc)
    return points


def _polygons(geometry: dict) -> list[list[list[int]]]:
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    return []


def _unwrap(ring: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Longitudes made continuous where a ring crosses the antimeridian."""
    unwrapped = [ring[0]]
    offset = 0.0
    for (previous_lon, _), (lon, lat) in zip(ring, ring[1:], strict=False):
        if lon - previous_lon > 180:
            offset -= 360
        elif previous_lon - lon > 180:
            offset += 360
        unwrapped.append((lon + offset, lat))
    return unwrapped


def _copies(ring: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """A ring beyond one edge of the map is drawn again from the other edge."""
    ring = _unwrap(ring)
    copies = [ring]
    longitudes = [lon for lon, _ in ring]
    if max(longitudes) > 180:
        copies.append([(lon - 360, lat) for lon, lat in ring])
    if min(longitudes) < -180:
        copies.append([(lon + 360, lat) for lon, lat in ring])
    return copies


def _path(rings: list[list[tuple[float, float]]]) -> str:
    """Each ring as an absolute move and relative lines, in tenths of a unit."""
    commands = []
    for ring in rings:
        for copy in _copies(ring):
            points = [
                tuple(round(c * 10) for c in project(lon, lat)) for lon, lat in copy
            ]
            kept = [points[0]]
            for point in points[1:]:
                if point != kept[-1]:
                    kept.append(point)
            if len(kept) < 3:
                continue
            steps = " ".join(
                f"{_n(x1 - x0)} {_n(y1 - y0)}"
                for (x0, y0), (x1, y1) in zip(kept, kept[1:], strict=False)
            )
            commands.append(f"M{_n(kept[0][0])} {_n(kept[0][1])}l{steps}z")
    return "".join(commands)


def _n(tenths: int) -> str:
    """A number of tenths as the shortest decimal."""
    sign = "-" if tenths < 0 else ""
    whole, tenth = divmod(abs(tenths), 10)
    if tenth == 0:
        return f"{sign}{whole}"
    return f"{sign}{whole}.{tenth}" if whole else f"{sign}.{tenth}"


def topojson_to_svg(topology_text: str, *, object_name: str = "countries") -> str:
    """A standalone SVG of the countries (or land) of a world-atlas TopoJSON file."""
    topology = json.loads(topology_text)
    arcs = _decode_arcs(topology)
    geometries = topology["objects"][object_name]["geometries"]
    paths = []
    for geometry in geometries:
        if str(geometry.get("id", "")) == ANTARCTICA:
            continue
        rings = [
            _ring(arcs, ring) for polygon in _polygons(geometry) for ring in polygon
        ]
        data = _path(rings)
        if data:
            paths.append(data)
    body = "".join(paths)
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="{VIEW_BOX}" width="{WIDTH}" height="{HEIGHT}">'
        "<!-- Natural Earth 1:110m (public domain), via the npm package world-atlas; "
        "equirectangular projection. Made by manage.py build_world_map. -->"
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#dceef5"/>'
        '<path fill="#c9d3c0" stroke="#ffffff" stroke-width="0.6" '
        f'stroke-linejoin="round" fill-rule="evenodd" d="{body}"/>'
        "</svg>\n"
    )
