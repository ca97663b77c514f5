"""The record types that flow through the pipeline: Article → Mention → Event.

Every record is a plain dataclass so it can be built by hand in tests, turned
into JSON with :func:`to_dict`, and read back with the matching ``from_dict``.
The JSON shape of :class:`Event` is the public contract in docs/formats.md.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, fields
from typing import Any

SCHEMA_VERSION = 1

DATE_PRECISIONS = ("day", "week", "month", "year", "unknown")
GEO_PRECISIONS = ("exact", "town", "admin2", "admin1", "country")
MODALITIES = ("asserted", "reported", "claimed", "denied", "planned", "negated", "hypothetical")


def stable_id(prefix: str, *parts: object, length: int = 16) -> str:
    """Return ``prefix_`` plus a short SHA-1 of the parts: ids that survive re-runs."""
    digest = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return f"{prefix}_{digest[:length]}"


@dataclass
class Article:
    """One report as ingested: cleaned main text plus what we know of its origin."""

    id: str
    doc: str  # input file stem, or URL, or "<file>#<n>" for records inside a feed/JSONL/WARC
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) or None when unknown
    published_how: str | None = None  # metadata | feed | dateline | jsonl | warc-header; None
    format: str = "txt"  # txt | html | jsonl | rss | warc
    source_path: str | None = None


@dataclass
class Span:
    """Character offsets of an evidence span inside ``Article.text``."""

    start: int
    end: int
    text: str


@dataclass
class ActorRef:
    """A canonical actor: display name, ISO3 country (or IGO code) and sector."""

    name: str
    country: str | None = None
    sector: str | None = None  # GOV | MIL | REB | CVL | OPP | MED | IGO | PTY | COP | UAF ...
    text: str | None = None  # surface form as written
    start: int | None = None
    end: int | None = None


@dataclass
class PlaceRef:
    """A resolved toponym. ``precision`` follows docs/formats.md (town, admin1, ...)."""

    name: str
    lat: float | None = None
    lon: float | None = None
    country: str | None = None  # ISO3
    admin1: str | None = None
    precision: str | None = None  # exact | town | admin2 | admin1 | country
    geonameid: int | None = None
    feature: str | None = None  # city | admin1 | country | road | crossing | village | region
    text: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass
class DateRef:
    """When something happened, as bounded by what the text says."""

    start: str | None = None  # ISO date; None when the year (or more) cannot be anchored
    end: str | None = None
    precision: str = "unknown"  # day | week | month | year | unknown
    text: str | None = None  # the expression as written ("on Thursday", "late February")
    anchor: str | None = None  # ISO date the expression was resolved against
    anchored_by: str | None = None  # article id of another report that supplied the anchor
    month_day: str | None = None  # "--03-15" when only month and day are known
    char_start: int | None = None
    char_end: int | None = None


@dataclass
class Quantity:
    """A counted thing with UCDP-style bounds ("more than 100 soldiers")."""

    kind: str  # killed | wounded | displaced | troops | vehicles | arrested | other
    low: int | None = None
    best: int | None = None
    high: int | None = None
    cumulative: bool = False  # "bringing the toll to 15": a running total, not a new count
    text: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass
class Contest:
    """A figure its own report says others dispute ("over 2,000, a claim that independent
    monitors put far lower"): the figure, what the doubters say of it, and who they are."""

    figure: str  # as written: "over 2,000 Syrian troops"
    counter: str  # "far lower", "invented", "disputed"
    by: list[str] = field(default_factory=list)


@dataclass
class Mention:
    """One event as one article tells it, with the evidence it rests on."""

    id: str
    article_id: str
    event_type: str  # PLOVER type
    mode: str | None = None
    cameo: str | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    trigger: str | None = None
    actor1: ActorRef | None = None
    actor2: ActorRef | None = None
    location: PlaceRef | None = None
    date: DateRef = field(default_factory=DateRef)
    fatalities: Quantity | None = None
    wounded: Quantity | None = None
    quantities: list[Quantity] = field(default_factory=list)
    modality: str = "asserted"
    attribution: list[str] = field(default_factory=list)  # speaker first, then relays
    # official | media | monitor | activists | analysts | local | unnamed
    source_type: str | None = None
    outcome: str | None = None  # completed | cut_short | refused | ... | taken | contested
    # what an attack hit, by kind, as this sentence tells it: civilian | infrastructure | military
    target_kinds: list[str] = field(default_factory=list)
    contested: Contest | None = None  # a figure the sentence says others dispute
    # for a sentence that reports on an act without naming one (a casualty count, a
    # denial): the id of the mention of that act; fusion puts it in that act's event
    follows: str | None = None
    sentence: str = ""
    start: int = 0
    end: int = 0
    confidence: float = 0.5
    doc: str | None = None
    outlet: str | None = None
    published: str | None = None
    url: str | None = None


@dataclass
class Claim:
    """One side of a contradiction: a value and who stands behind it."""

    value: Any
    article_ids: list[str] = field(default_factory=list)
    attribution: list[str] = field(default_factory=list)
    mention_ids: list[str] = field(default_factory=list)


@dataclass
class Contradiction:
    """Sources disagree on one field of one event."""

    field: str  # perpetrator | target | fatalities | outcome | date | location
    claims: list[Claim] = field(default_factory=list)
    # disagreement (sources at odds), or revision (a toll that changed as reports came in;
    # running totals are not stored)
    kind: str = "disagreement"

    @property
    def disputed(self) -> bool:
        """Sources are at odds (a revised toll is not a dispute)."""
        return self.kind != "revision"


@dataclass
class Event:
    """A real-world happening fused from one or more mentions."""

    id: str
    event_type: str
    mode: str | None = None
    cameo: str | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    actor1: ActorRef | None = None
    actor2: ActorRef | None = None
    date: DateRef = field(default_factory=DateRef)
    location: PlaceRef | None = None
    fatalities: Quantity | None = None
    modality: str = "asserted"
    confidence: float = 0.5
    n_sources: int = 0
    first_reported: str | None = None
    last_reported: str | None = None
    outcome: str | None = None
    mention_ids: list[str] = field(default_factory=list)
    contradictions: list[Contradiction] = field(default_factory=list)
    violations: list[dict[str, Any]] = field(default_factory=list)


def to_dict(record: Any) -> dict[str, Any]:
    """Turn any record (nested dataclasses included) into plain JSON-ready data."""
    return asdict(record)


def _build(cls: type, data: dict[str, Any] | None) -> Any:
    if data is None:
        return None
    names = {f.name for f in fields(cls)}
    return cls(**{k: v for k, v in data.items() if k in names})


def _with_shared_parts(data: dict[str, Any]) -> dict[str, Any]:
    """Rebuild the nested records mentions and events share (actors, place, date, toll)."""
    d = dict(data)
    d["actor1"] = _build(ActorRef, d.get("actor1"))
    d["actor2"] = _build(ActorRef, d.get("actor2"))
    d["location"] = _build(PlaceRef, d.get("location"))
    d["date"] = _build(DateRef, d.get("date")) or DateRef()
    d["fatalities"] = _build(Quantity, d.get("fatalities"))
    return d


def mention_from_dict(data: dict[str, Any]) -> Mention:
    """Rebuild a :class:`Mention` from :func:`to_dict` output."""
    d = _with_shared_parts(data)
    d["wounded"] = _build(Quantity, d.get("wounded"))
    d["quantities"] = [_build(Quantity, q) for q in d.get("quantities") or []]
    d["contested"] = _build(Contest, d.get("contested"))
    return _build(Mention, d)


def event_from_dict(data: dict[str, Any]) -> Event:
    """Rebuild an :class:`Event` from :func:`to_dict` output."""
    d = _with_shared_parts(data)
    d["contradictions"] = [
        Contradiction(
            field=c["field"],
            claims=[_build(Claim, cl) for cl in c.get("claims", [])],
            kind=c.get("kind", "disagreement"),
        )
        for c in d.get("contradictions") or []
    ]
    return _build(Event, d)
