"""The local dashboard: a read-only JSON API over a Store plus two pages that use it.

Nothing here writes or runs SQL: every route is a GET that calls a Store
method. Pages carry no data; their scripts fetch JSON and render it with
textContent, and a strict Content-Security-Policy forbids inline scripts and
any request that leaves the local server.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from sitroom.web.models import (
    ArticleFull,
    ArticlePage,
    EventDetail,
    EventPage,
    PatrolRow,
    Stats,
    Summary,
    Timeline,
    Violation,
    ZoneWeek,
)

if TYPE_CHECKING:
    from sitroom.store import Store

HERE = Path(__file__).resolve().parent
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)
ISO_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    """Parse ``west,south,east,north`` into four floats (422 when malformed)."""
    if not value:
        return None
    try:
        west, south, east, north = (float(p) for p in value.split(","))
    except ValueError as exc:
        raise HTTPException(422, "bbox must be west,south,east,north in degrees") from exc
    if not (-180 <= west <= east <= 180 and -90 <= south <= north <= 90):
        raise HTTPException(422, "bbox must satisfy west<=east and south<=north within range")
    return west, south, east, north


def event_filters(
    since: Annotated[
        str | None, Query(pattern=ISO_DATE, description="Events ending on/after (YYYY-MM-DD)")
    ] = None,
    until: Annotated[
        str | None, Query(pattern=ISO_DATE, description="Events starting on/before (YYYY-MM-DD)")
    ] = None,
    type: Annotated[  # noqa: A002 - the public parameter name
        str | None, Query(description="PLOVER event type(s), comma-separated")
    ] = None,
    actor: Annotated[str | None, Query(description="Actor name part or ISO3 country")] = None,
    place: Annotated[str | None, Query(description="Place/admin1 name part or ISO3")] = None,
    bbox: Annotated[str | None, Query(description="west,south,east,north (WGS84)")] = None,
    has_contradiction: Annotated[
        bool | None, Query(description="Only events whose sources disagree (or agree)")
    ] = None,
    min_sources: Annotated[int | None, Query(ge=1, description="Minimum independent outlets")] = (
        None
    ),
    q: Annotated[str | None, Query(description="Free text found anywhere in the record")] = None,
) -> dict[str, Any]:
    """Collect the shared event filters into Store keyword arguments."""
    filters: dict[str, Any] = {
        "since": since or None,
        "until": until or None,
        "event_type": type or None,
        "actor": actor or None,
        "place": place or None,
        "bbox": _bbox(bbox),
        "has_contradiction": has_contradiction,
        "min_sources": min_sources,
        "q": q or None,
    }
    return {k: v for k, v in filters.items() if v is not None}


Filters = Annotated[dict[str, Any], Depends(event_filters)]
AgreementName = Annotated[
    str | None, Query(description="Part of the agreement's name (case-insensitive)")
]


def _found(record: dict | None, what: str) -> dict:
    """Return the record or raise 404 naming what was missing."""
    if record is None:
        raise HTTPException(404, f"{what} not found")
    return record


def create_app(store: Store) -> FastAPI:
    """Build the dashboard app (API + pages) over an open Store."""
    app = FastAPI(
        title="sitroom",
        summary="Read-only API over a sitroom event database.",
        description="Events are the public records of docs/formats.md. All routes are GET.",
        docs_url=None,  # the stock docs pages load scripts from a CDN; /openapi.json stays
        redoc_url=None,
    )
    app.state.store = store
    templates = Jinja2Templates(directory=HERE / "templates")
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    def api(path: str, model: type) -> Any:
        """A GET route whose response follows ``model`` but keeps only the store's keys."""
        return app.get(path, response_model=model, response_model_exclude_unset=True)

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Any:
        """Add CSP and friends to every response."""
        response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        return response

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def dashboard(request: Request) -> HTMLResponse:
        """The map dashboard (data is fetched by its script)."""
        return templates.TemplateResponse(request, "index.html", {"page": "map"})

    @app.get("/timeline", response_class=HTMLResponse, include_in_schema=False)
    def timeline_page(request: Request) -> HTMLResponse:
        """The timeline and cited summary page."""
        return templates.TemplateResponse(request, "timeline.html", {"page": "timeline"})

    @api("/api/events", EventPage)
    def list_events(
        filters: Filters,
        limit: Annotated[int, Query(ge=1, le=1000)] = 100,
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> dict[str, Any]:
        """Matching events in date order, one page at a time, with the total count."""
        return {
            "total": store.count_events(**filters),
            "limit": limit,
            "offset": offset,
            "items": store.events(limit=limit, offset=offset, **filters),
        }

    @api("/api/events/{event_id}", EventDetail)
    def get_event(event_id: str) -> dict:
        """One event with its sources, the mentions behind it and its contradictions."""
        return _found(store.event(event_id), "event")

    @api("/api/timeline", Timeline)
    def timeline(
        filters: Filters, bucket: Literal["day", "week", "month"] = "week"
    ) -> dict[str, Any]:
        """Counts of matching events per day, week or month, by event type."""
        return {"bucket": bucket, "buckets": store.timeline_buckets(bucket=bucket, **filters)}

    @api("/api/summary", Summary)
    def summary(
        filters: Filters, max_sentences: Annotated[int, Query(ge=1, le=50)] = 10
    ) -> dict[str, Any]:
        """An extractive summary of matching events where every sentence cites its articles."""
        return store.summary(max_sentences=max_sentences, **filters)

    @api("/api/articles", ArticlePage)
    def list_articles(
        limit: Annotated[int, Query(ge=1, le=1000)] = 100,
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> dict[str, Any]:
        """Stored articles (metadata only), newest first."""
        return {
            "total": store.stats()["n_articles"],
            "limit": limit,
            "offset": offset,
            "items": store.articles(limit=limit, offset=offset),
        }

    @api("/api/articles/{article_id}", ArticleFull)
    def get_article(article_id: str) -> dict:
        """One article with its text (returned as data, never as markup)."""
        return _found(store.article(article_id), "article")

    @api("/api/stats", Stats)
    def stats() -> dict[str, Any]:
        """Counts of articles, mentions and events, events by type, and the date range."""
        return store.stats()

    @app.get("/api/zones")
    def zones() -> dict[str, Any]:
        """Agreements, de-escalation zones, corridors and observation posts as GeoJSON."""
        return store.zones_geojson()

    @api("/api/violations", list[Violation])
    def violations(filters: Filters, agreement: AgreementName = None) -> list[dict[str, Any]]:
        """Matching events flagged as potential violations of an active agreement."""
        return store.violations(agreement=agreement or None, **filters)

    @api("/api/zones/weekly", list[ZoneWeek])
    def zone_weekly(filters: Filters, agreement: AgreementName = None) -> list[dict[str, Any]]:
        """Weekly counts of matching ASSAULT/COERCE events inside each zone/corridor, before
        and after its start."""
        return store.zone_weekly(agreement=agreement or None, **filters)

    @api("/api/zones/patrols", list[PatrolRow])
    def patrols(filters: Filters, agreement: AgreementName = None) -> list[dict[str, Any]]:
        """Matching patrol events checked against agreed patrol routes and start dates."""
        return store.patrols(agreement=agreement or None, **filters)

    return app


def serve(db: str, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Open the database and serve the dashboard with uvicorn (loopback by default)."""
    import uvicorn

    from sitroom.store import Store

    uvicorn.run(create_app(Store(db, create=False)), host=host, port=port, log_level="info")
