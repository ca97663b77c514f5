"""User agreement files (YAML or GeoJSON): add or correct agreements by hand.

YAML schema (``data/zones/example_agreements.yaml`` is a full example)::

    agreements:
      - name: Moscow ceasefire protocol     # required
        parties: [TUR, RUS]                 # ISO3 codes (or country names)
        signed: 2020-03-05                  # YYYY-MM-DD, YYYY-MM or --MM-DD; optional
        effective_from: 2020-03-06          # first day in force; defaults to `signed`
        effective_to: null                  # last day in force; null = still in force
        terms:
          - kind: corridor                  # zone | corridor | post | patrol
            name: M4 security corridor      # optional; made from kind and road
            road: M4                        # a bundled road (M4, M5) ...
            # coordinates: [[36.80, 35.86], [36.61, 35.81]]   # ... or [lon, lat] pairs
            buffer_km_north: 6              # corridor width north of the line
            buffer_km_south: 6              # ... and south (or `buffer_km: 6` for both)
            sides: {north: TUR, south: RUS} # optional: who controls which strip
          - kind: patrol
            road: M4
            start: 2020-03-15
            parties: [TUR, RUS]
          - kind: zone
            zone: Idlib de-escalation zone  # the bundled outline ...
            # coordinates: [[[lon, lat], ...]]   # ... or a polygon ring
          - kind: post
            name: Observation post X
            coordinates: [36.79, 36.26]     # [lon, lat]
          - kind: post
            posts: turkish                  # all 12 bundled Turkish observation posts

GeoJSON: a FeatureCollection whose features are terms. Each feature's properties
carry ``agreement`` (the name), ``kind`` and optionally ``term_name``, ``parties``,
``signed``, ``effective_from``, ``effective_to``, ``buffer_km``,
``buffer_km_north``, ``buffer_km_south``, ``start``, ``road``; features with the
same ``agreement`` form one agreement. A feature without geometry may name a
``road`` instead.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from sitroom.errors import SitroomError
from sitroom.zones import reference
from sitroom.zones.records import TERM_KINDS, Agreement, Term, agreement_id
from sitroom.zones.reference import country_code

_GEOMETRY_TYPES = {"corridor": "LineString", "patrol": "LineString", "post": "Point",
                   "zone": "Polygon"}  # fmt: skip


class AgreementFileError(SitroomError):
    """A user agreement file could not be read or does not follow the schema."""


def _iso(value: Any) -> str | None:
    """YAML reads bare dates as ``date`` objects: turn them (and strings) into ISO text."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _parties(values: Iterable[str] | None) -> list[str]:
    """ISO3 codes from codes or country names."""
    out = []
    for v in values or []:
        code = v.upper() if len(v) == 3 and v.isalpha() else country_code(v)
        if code is None:
            raise AgreementFileError(f"unknown party {v!r}: use an ISO3 code such as TUR")
        out.append(code)
    return sorted(set(out))


def _num(value: Any) -> float | None:
    return None if value is None else float(value)


def _geometry(kind: str, spec: dict[str, Any]) -> tuple[dict | None, str | None, list[str]]:
    """Geometry, road name and provinces for a term from ``road``/``zone``/``coordinates``."""
    if spec.get("coordinates") is not None:
        return {"type": _GEOMETRY_TYPES[kind], "coordinates": spec["coordinates"]}, None, []
    if spec.get("geometry"):
        return spec["geometry"], None, []
    if spec.get("road"):
        feature = reference.road(str(spec["road"]))
        if feature is None:
            known = ", ".join(reference.road_names())
            raise AgreementFileError(f"unknown road {spec['road']!r} (known: {known})")
        props = feature["properties"]
        return feature["geometry"], props["name"], list(props.get("admin1", []))
    if kind == "zone":
        feature = reference.zone(str(spec.get("zone") or "Idlib de-escalation zone"))
        if feature is None:
            raise AgreementFileError(f"unknown zone {spec.get('zone')!r}")
        return feature["geometry"], None, list(feature["properties"].get("admin1", []))
    return None, None, []


def _default_name(kind: str, road: str | None, spec: dict[str, Any]) -> str:
    """A term name when the file gives none: "M4 security corridor", the zone's name..."""
    if kind == "zone":
        return str(spec.get("zone") or "Idlib de-escalation zone")
    label = {"corridor": "security corridor", "patrol": "joint patrols"}.get(kind, kind)
    return f"{road} {label}" if road else label


def _terms(spec: dict[str, Any], parties: list[str]) -> list[Term]:
    """Terms from one YAML term entry (a ``posts: turkish`` entry gives one term per post)."""
    kind = spec.get("kind")
    if kind not in TERM_KINDS:
        raise AgreementFileError(f"term kind must be one of {TERM_KINDS}, not {kind!r}")
    if kind == "post" and spec.get("posts"):
        return [
            Term(kind="post", name=f"Turkish observation post {p['properties']['name']}",
                 geometry=p["geometry"], parties=["TUR"],
                 admin1=[p["properties"].get("admin1", "")], start=_iso(spec.get("start")))
            for p in reference.observation_posts()
        ]  # fmt: skip
    geometry, road, admin1 = _geometry(kind, spec)
    name = spec.get("name") or spec.get("term_name") or _default_name(kind, road, spec)
    return [
        Term(
            kind=kind,
            name=str(name),
            geometry=geometry,
            buffer_km=_num(spec.get("buffer_km")),
            buffer_km_north=_num(spec.get("buffer_km_north")),
            buffer_km_south=_num(spec.get("buffer_km_south")),
            parties=_parties(spec.get("parties")) or list(parties),
            start=_iso(spec.get("start")),
            road=road,
            sides={k: str(v).upper() for k, v in (spec.get("sides") or {}).items()},
            admin1=admin1,
        )
    ]


def _agreement(spec: dict[str, Any], path: Path) -> Agreement:
    """One agreement from a YAML mapping (or grouped GeoJSON properties)."""
    if not spec.get("name"):
        raise AgreementFileError(f"{path}: every agreement needs a name")
    parties = _parties(spec.get("parties"))
    signed = _iso(spec.get("signed"))
    terms = [t for term in spec.get("terms") or [] for t in _terms(term, parties)]
    return Agreement(
        id=agreement_id(str(spec["name"]), parties, signed),
        name=str(spec["name"]),
        parties=parties,
        signed=signed,
        effective_from=_iso(spec.get("effective_from")) or signed,
        effective_to=_iso(spec.get("effective_to")),
        terms=terms,
        sources=[{"article_id": None, "doc": str(path), "sentence": None, "start": None,
                  "end": None}],  # fmt: skip
        origin="imported",
    )


def _from_geojson(data: dict[str, Any], path: Path) -> list[dict[str, Any]]:
    """Group GeoJSON features (terms) by their ``agreement`` property into YAML-like specs."""
    specs: dict[str, dict[str, Any]] = {}
    for feature in data.get("features") or []:
        props = dict(feature.get("properties") or {})
        name = props.get("agreement") or props.get("agreement_name")
        if not name:
            raise AgreementFileError(f"{path}: every feature needs an 'agreement' property")
        spec = specs.setdefault(name, {"name": name, "terms": []})
        for key in ("parties", "signed", "effective_from", "effective_to"):
            if props.get(key) is not None:
                spec[key] = props[key]
        keys = ("kind", "buffer_km", "buffer_km_north", "buffer_km_south", "start", "road", "sides")
        term = {k: props.get(k) for k in keys}
        term["name"] = props.get("term_name")
        term["geometry"] = feature.get("geometry")
        spec["terms"].append(term)
    return list(specs.values())


def load_agreements_file(path: str | Path) -> list[Agreement]:
    """Read agreements from a YAML file or a GeoJSON FeatureCollection (see module docstring).

    Raises:
        AgreementFileError: the file is missing, unparsable or breaks the schema.
    """
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
        data = json.loads(text) if p.suffix.lower() in (".geojson", ".json") else yaml.safe_load(
            text
        )
    except (OSError, ValueError, yaml.YAMLError) as exc:
        raise AgreementFileError(f"{p}: cannot read agreements ({exc})") from exc
    if isinstance(data, dict) and data.get("type") == "FeatureCollection":
        specs = _from_geojson(data, p)
    elif isinstance(data, dict) and isinstance(data.get("agreements"), list):
        specs = data["agreements"]
    elif isinstance(data, list):
        specs = data
    else:
        raise AgreementFileError(f"{p}: expected 'agreements:' list or a FeatureCollection")
    return [_agreement(s, p) for s in specs]
