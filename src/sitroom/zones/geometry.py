"""Geometry in metres: project WGS84 to UTM 37N (EPSG:32637), buffer, measure, test.

UTM zone 37N covers 36-42°E; Idlib (about 36.0-37.2°E) sits at its western edge,
where the scale error is still well under 0.1 %, so distances are good to metres.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

import numpy as np
import shapely
from pyproj import Transformer
from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry

from sitroom.zones.records import Term

UTM = "EPSG:32637"


@lru_cache(maxsize=2)
def _transformer(inverse: bool) -> Transformer:
    """WGS84 → UTM 37N (or back), lon/lat axis order."""
    src, dst = ("EPSG:4326", UTM) if not inverse else (UTM, "EPSG:4326")
    return Transformer.from_crs(src, dst, always_xy=True)


def to_metres(geom: BaseGeometry) -> BaseGeometry:
    """Project a lon/lat geometry to UTM 37N metres."""
    tr = _transformer(False)
    return shapely.transform(geom, lambda xy: np.column_stack(tr.transform(xy[:, 0], xy[:, 1])))


def to_lonlat(geom: BaseGeometry) -> BaseGeometry:
    """Project a UTM 37N geometry back to lon/lat."""
    tr = _transformer(True)
    return shapely.transform(geom, lambda xy: np.column_stack(tr.transform(xy[:, 0], xy[:, 1])))


def point_m(lat: float, lon: float) -> BaseGeometry:
    """A lat/lon point in UTM metres."""
    return to_metres(Point(lon, lat))


def _one_side(line_m: BaseGeometry, metres: float, north: bool) -> BaseGeometry:
    """The band of ``metres`` on the northern (or southern) side of a line."""
    if metres <= 0:
        return shapely.Polygon()
    left = line_m.buffer(metres, single_sided=True, cap_style="flat")
    right = line_m.buffer(-metres, single_sided=True, cap_style="flat")
    left_is_north = left.centroid.y >= right.centroid.y
    return left if left_is_north == north else right


def corridor_polygon_m(line: dict[str, Any], north_km: float, south_km: float) -> BaseGeometry:
    """The corridor band (UTM metres) around a GeoJSON line: symmetric or north/south asymmetric.

    A corridor's edges run parallel to the road; its ends are cut square (flat caps).
    """
    line_m = to_metres(shape(line))
    if north_km == south_km:
        return line_m.buffer(north_km * 1000, cap_style="flat")
    band = shapely.union(_one_side(line_m, north_km * 1000, True),
                         _one_side(line_m, south_km * 1000, False))  # fmt: skip
    return shapely.make_valid(band)


def corridor_widths(term: Term) -> tuple[float, float] | None:
    """(north km, south km) of a corridor term, or None when no width is known."""
    north = term.buffer_km_north if term.buffer_km_north is not None else term.buffer_km
    south = term.buffer_km_south if term.buffer_km_south is not None else term.buffer_km
    if north is None and south is None:
        return None
    return float(north or 0.0), float(south or 0.0)


@lru_cache(maxsize=256)
def _area_cached(kind: str, geometry_json: str, widths: tuple[float, float] | None):
    """Cache of :func:`term_area_m` keyed by the term's geometry and widths."""
    geometry = json.loads(geometry_json)
    if kind == "corridor":
        return None if widths is None else corridor_polygon_m(geometry, *widths)
    if kind == "zone":
        return to_metres(shape(geometry))
    return None


def term_area_m(term: Term) -> BaseGeometry | None:
    """The area a zone or corridor term covers, in UTM metres; None if it has none."""
    if term.geometry is None or term.kind not in ("zone", "corridor"):
        return None
    widths = corridor_widths(term) if term.kind == "corridor" else None
    return _area_cached(term.kind, json.dumps(term.geometry, sort_keys=True), widths)


def distance_to_line_km(lat: float, lon: float, line: dict[str, Any]) -> float:
    """Shortest distance in km from a lat/lon point to a GeoJSON line."""
    return float(point_m(lat, lon).distance(to_metres(shape(line)))) / 1000.0


def contains(area_m: BaseGeometry, lat: float, lon: float) -> bool:
    """Whether a lat/lon point lies inside (or on the edge of) an area in UTM metres."""
    return bool(area_m.covers(point_m(lat, lon)))
