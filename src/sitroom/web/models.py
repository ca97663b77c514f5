"""Response models of the JSON API, so the OpenAPI document shows the public record shape.

Every model allows extra fields: the event record (docs/formats.md) may grow
new keys, and the API passes them through rather than dropping them.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class _Open(BaseModel):
    """Base for API models: unknown keys pass through, names or aliases populate."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)


class Actor(_Open):
    """A canonical actor: display name, ISO3 country and sector code."""

    name: str | None = None
    country: str | None = None
    sector: str | None = None


class DateInfo(_Open):
    """When the event happened, bounded at the stated precision."""

    start: str | None = None
    end: str | None = None
    precision: str | None = None
    text: str | None = None
    anchored_by: str | None = None


class Location(_Open):
    """Where the event happened (WGS84) and how precisely that is known."""

    name: str | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    precision: str | None = None


class Fatalities(_Open):
    """UCDP-style fatality bounds; ``cumulative`` marks a running total."""

    low: int | None = None
    best: int | None = None
    high: int | None = None
    cumulative: bool | None = None


class Source(_Open):
    """One article's evidence for an event: outlet, attribution chain and sentence."""

    article_id: str | None = None
    doc: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    attribution: list[str] = Field(default_factory=list)
    sentence: str | None = None
    start: int | None = None
    end: int | None = None


class Claim(_Open):
    """One side of a contradiction and the articles and speakers behind it."""

    value: Any = None
    article_ids: list[str] = Field(default_factory=list)
    attribution: list[str] = Field(default_factory=list)


class Contradiction(_Open):
    """Sources disagree on one field of one event (kind "disagreement"), or its value was
    revised as reports came in (kind "revision")."""

    field: str
    kind: str = "disagreement"
    claims: list[Claim] = Field(default_factory=list)


class EventRecord(_Open):
    """The public event record (docs/formats.md)."""

    schema_version: int | None = Field(default=None, alias="schema")
    id: str
    event_type: str | None = None
    mode: str | None = None
    cameo: str | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    actor1: Actor | None = None
    actor2: Actor | None = None
    date: DateInfo | None = None
    location: Location | None = None
    fatalities: Fatalities | None = None
    modality: str | None = None
    outcome: str | None = None
    confidence: float | None = None
    n_sources: int | None = None
    first_reported: str | None = None
    last_reported: str | None = None
    sources: list[Source] = Field(default_factory=list)
    contradictions: list[Contradiction] = Field(default_factory=list)
    violations: list[dict[str, Any]] = Field(default_factory=list)


class MentionRecord(_Open):
    """One article's telling of the event, in the event shape with one source."""

    id: str | None = None
    event_type: str | None = None
    trigger: str | None = None
    modality: str | None = None
    sources: list[Source] = Field(default_factory=list)


class EventDetail(EventRecord):
    """An event plus every mention it was fused from."""

    mentions: list[MentionRecord] = Field(default_factory=list)


class EventPage(BaseModel):
    """One page of matching events and the total number that match."""

    total: int
    limit: int
    offset: int
    items: list[EventRecord]


class Bucket(_Open):
    """Events starting in one day, week (Monday) or month, with counts by type."""

    start: str
    count: int
    by_type: dict[str, int] = Field(default_factory=dict)


class Timeline(BaseModel):
    """Histogram buckets of matching events."""

    bucket: str
    buckets: list[Bucket]


class SummarySentence(_Open):
    """One extracted sentence and the reference numbers it cites."""

    text: str
    refs: list[int] = Field(default_factory=list)
    event_id: str | None = None


class Reference(_Open):
    """One cited article in the summary's reference list."""

    n: int
    article_id: str | None = None
    outlet: str | None = None
    title: str | None = None
    url: str | None = None
    published: str | None = None
    doc: str | None = None


class Summary(_Open):
    """A cited extractive summary of matching events."""

    sentences: list[SummarySentence] = Field(default_factory=list)
    references: list[Reference] = Field(default_factory=list)


class ArticleInfo(_Open):
    """A stored article's metadata (no text)."""

    id: str
    doc: str | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None


class ArticleFull(ArticleInfo):
    """A stored article with its cleaned text."""

    text: str


class ArticlePage(BaseModel):
    """One page of stored articles and how many there are."""

    total: int
    limit: int
    offset: int
    items: list[ArticleInfo]


class Stats(_Open):
    """Database counts and the date range the events span."""

    n_articles: int
    n_mentions: int
    n_events: int
    n_events_with_contradictions: int | None = None
    by_type: dict[str, int] = Field(default_factory=dict)
    date_min: str | None = None
    date_max: str | None = None


class Violation(_Open):
    """A matching event that may breach a term (zone or corridor) of an active agreement."""

    event_id: str
    agreement_id: str | None = None
    agreement_name: str | None = None
    term_kind: str | None = None
    term_name: str | None = None
    status: str | None = None
    distance_km: float | None = None
    location_precision: str | None = None
    event_date: str | None = None


class ZoneWeek(_Open):
    """Hostile events in one week around one zone/corridor, on one side of its start date."""

    agreement_id: str
    agreement_name: str | None = None
    term_kind: str | None = None
    term_name: str | None = None
    week_start: str
    inside: int
    possibly_inside: int
    outside: int
    before_effective: bool


class PatrolRow(_Open):
    """A patrol event checked against an agreed patrol route and start date."""

    event_id: str
    agreement_id: str | None = None
    agreement_name: str | None = None
    term_name: str | None = None
    event_date: str | None = None
    outcome: str | None = None
    on_route: bool | None = None
    after_start: bool | None = None
    distance_km: float | None = None
    status: str | None = None
