"""Agreements as one GeoJSON FeatureCollection for maps (Leaflet reads it as is).

Every feature's properties carry ``agreement_id``, ``agreement_name``, ``parties``,
``effective_from``, ``term_kind``, ``term_name``, ``role`` (zone, corridor_band,
corridor_line, post, patrol_route) and a ``style`` dict (Leaflet path options) so a
map can draw it without knowing the schema.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from shapely.geometry import mapping

from sitroom.zones import geometry as geo
from sitroom.zones.monitor import term_start
from sitroom.zones.records import Agreement, Term

STYLES = {
    "zone": {"color": "#1f78b4", "weight": 2, "fillOpacity": 0.08, "dashArray": "6 4"},
    "corridor_band": {"color": "#e31a1c", "weight": 1, "fillOpacity": 0.18},
    "corridor_line": {"color": "#e31a1c", "weight": 3},
    "post": {"color": "#33a02c", "radius": 6, "fillOpacity": 0.9},
    "patrol_route": {"color": "#ff7f00", "weight": 3, "dashArray": "2 6"},
}
_ROLES = {"zone": "zone", "post": "post", "patrol": "patrol_route", "corridor": "corridor_line"}


def _rounded(obj: Any) -> Any:
    """Round coordinates to 5 decimals (about 1 m): smaller files, same map."""
    if isinstance(obj, float):
        return round(obj, 5)
    if isinstance(obj, list | tuple):
        return [_rounded(x) for x in obj]
    return obj


def _feature(geometry: dict, a: Agreement, t: Term, role: str) -> dict[str, Any]:
    props = {
        "agreement_id": a.id, "agreement_name": a.name, "parties": a.parties,
        "signed": a.signed, "effective_from": term_start(t, a), "effective_to": a.effective_to,
        "origin": a.origin, "term_kind": t.kind, "term_name": t.name, "role": role,
        "buffer_km": t.buffer_km, "buffer_km_north": t.buffer_km_north,
        "buffer_km_south": t.buffer_km_south, "sides": t.sides, "style": STYLES[role],
    }  # fmt: skip
    geom = {"type": geometry["type"], "coordinates": _rounded(geometry["coordinates"])}
    return {"type": "Feature", "geometry": geom, "properties": props}


def agreements_geojson(agreements: Sequence[Agreement]) -> dict[str, Any]:
    """Zones, corridor bands and lines, patrol routes and posts of all agreements."""
    features = []
    for a in agreements:
        for t in a.terms:
            if not t.geometry:
                continue
            if t.kind == "corridor":
                band = geo.term_area_m(t)
                if band is not None:
                    features.append(_feature(mapping(geo.to_lonlat(band)), a, t, "corridor_band"))
            features.append(_feature(t.geometry, a, t, _ROLES[t.kind]))
    return {"type": "FeatureCollection", "features": features}
