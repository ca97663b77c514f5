"""Reference geometry shipped in ``sitroom/data/zones``: roads, observation posts, zone outline.

Each feature carries a ``source`` note saying where its coordinates come from and
how approximate they are.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Any


@cache
def _collection(filename: str) -> tuple[dict[str, Any], ...]:
    """Read one bundled FeatureCollection (cached: the files never change at run time)."""
    text = (resources.files("sitroom") / "data" / "zones" / filename).read_text("utf-8")
    return tuple(json.loads(text)["features"])


def _key(name: str) -> str:
    """Compare road names ignoring case, spaces and hyphens ("M-4" == "m4")."""
    return re.sub(r"[\s\-]+", "", name.lower())


def road(name: str) -> dict[str, Any] | None:
    """The reference road feature called ``name`` (or one of its aliases), or None."""
    wanted = _key(name)
    for feature in _collection("roads.geojson"):
        props = feature["properties"]
        if wanted in {_key(n) for n in [props["name"], *props.get("aliases", [])]}:
            return feature
    return None


def road_names() -> list[str]:
    """Canonical names of the bundled roads ("M4", "M5")."""
    return [f["properties"]["name"] for f in _collection("roads.geojson")]


def observation_posts() -> list[dict[str, Any]]:
    """The 12 Turkish observation posts as GeoJSON Point features."""
    return list(_collection("observation_posts.geojson"))


def zone(name: str = "Idlib de-escalation zone") -> dict[str, Any] | None:
    """The reference zone polygon feature called ``name`` (or an alias), or None."""
    wanted = name.lower()
    for feature in _collection("deescalation_zone.geojson"):
        props = feature["properties"]
        if wanted in {n.lower() for n in [props["name"], *props.get("aliases", [])]}:
            return feature
    return None
