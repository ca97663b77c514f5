"""Agreement, Term and Violation records: monitoring regimes as plain dataclasses.

Dates are ISO 8601 strings at the precision the source gives: ``2020-03-05``,
``2018-09`` (month only) or ``--03-15`` (month and day, year unknown).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from sitroom.records import stable_id

TERM_KINDS = ("zone", "corridor", "post", "patrol")


@dataclass
class Term:
    """One obligation of an agreement that has a place: a zone, corridor, post or patrol route.

    ``geometry`` is GeoJSON (WGS84): a Polygon for a zone, the road LineString for a
    corridor (buffered by ``buffer_km`` or ``buffer_km_north``/``buffer_km_south``),
    a Point for an observation post and the route LineString for a patrol.
    """

    kind: str
    name: str
    geometry: dict[str, Any] | None = None
    buffer_km: float | None = None
    buffer_km_north: float | None = None
    buffer_km_south: float | None = None
    parties: list[str] = field(default_factory=list)
    start: str | None = None
    road: str | None = None  # reference road name ("M4") the geometry came from
    sides: dict[str, str] = field(default_factory=dict)  # {"north": "TUR", "south": "RUS"}
    admin1: list[str] = field(default_factory=list)  # provinces the geometry lies in
    evidence: list[dict[str, Any]] = field(default_factory=list)

    def key(self) -> tuple[str, str]:
        """What makes two terms the same term: kind plus road (or normalised name)."""
        return self.kind, (self.road or norm_name(self.name))

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Term:
        """Rebuild from :meth:`to_dict` output (unknown keys ignored)."""
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})


@dataclass
class Agreement:
    """A ceasefire, de-escalation or monitoring agreement with its spatial terms."""

    id: str
    name: str
    parties: list[str] = field(default_factory=list)  # ISO3, sorted
    signed: str | None = None
    effective_from: str | None = None
    effective_to: str | None = None
    terms: list[Term] = field(default_factory=list)
    sources: list[dict[str, Any]] = field(default_factory=list)
    origin: str = "extracted"

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Agreement:
        """Rebuild from :meth:`to_dict` output (unknown keys ignored)."""
        names = {f.name for f in fields(cls)}
        d = {k: v for k, v in data.items() if k in names}
        d["terms"] = [Term.from_dict(t) for t in d.get("terms") or []]
        return cls(**d)


@dataclass
class Violation:
    """An ASSAULT/COERCE event located inside an active zone or corridor."""

    event_id: str
    agreement_id: str
    agreement_name: str
    term_kind: str
    term_name: str
    status: str  # inside | possibly_inside
    distance_km: float | None  # to the corridor line; None for zones
    location_precision: str | None
    event_date: str | None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Violation:
        """Rebuild from :meth:`to_dict` output."""
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})


def norm_name(name: str) -> str:
    """Lower-case, strip punctuation and filler words, so spellings of a name compare equal."""
    words = re.findall(r"[a-z0-9]+", name.lower().replace("cease-fire", "ceasefire"))
    return " ".join(w for w in words if w not in {"the", "of", "a", "an"})


def agreement_id(name: str, parties: list[str], signed: str | None) -> str:
    """Stable id: parties plus full signing date when known, else the normalised name."""
    if signed and re.fullmatch(r"\d{4}-\d{2}-\d{2}", signed):
        return stable_id("agr", "|".join(sorted(parties)), signed)
    return stable_id("agr", norm_name(name))
