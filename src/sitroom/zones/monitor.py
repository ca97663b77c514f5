"""Events checked against agreements: potential violations, patrols, weekly counts.

Where an event is (by ``location.precision``):

- ``exact``/``town``: "inside" when the point lies in the zone or corridor band.
- ``admin2``: "possibly_inside" when the district's representative point lies in
  the area or within 50 km of it (a district is roughly that wide).
- ``admin1``: "possibly_inside" when the point lies in the area, or the event's
  province is one the area lies in (``Term.admin1``); for a term without a
  province list, when the point is within 100 km of the area.
- ``country`` or unknown precision: "possibly_inside" only when the point lies in
  the area (a country centroid rarely does).

When (``date.start``/``date.end`` against the term's start, else the agreement's
``effective_from``, else ``signed``, and ``effective_to``): an event that ended
before the start is not flagged; a date range straddling the start (or the end) is
"possibly"; an unknown date, or a start known only as a month-day, is "possibly"; a
start known to the month ("September 2018") is sure only after that month.
An agreement with no date at all is not checked (import a file that dates it).

Status: "inside" only when place and time are both certain; one uncertain part
gives "possibly_inside"; two uncertain parts are not flagged. A corridor whose
width is unknown is not checked.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from sitroom.records import Event
from sitroom.zones import geometry as geo
from sitroom.zones.merge import date_rank
from sitroom.zones.records import Agreement, Term, Violation

HOSTILE = ("ASSAULT", "COERCE")
NEAR_KM = {"admin2": 50.0, "admin1": 100.0}
ROUTE_KM = 3.0  # a patrol event this close to the route (or inside the corridor) is on it

_SURE, _MAYBE, _NO = 2, 1, 0


def _norm_admin(name: str | None) -> str:
    """Province names compare without 'governorate'/'province' and Idleb/Idlib spelling."""
    words = re.sub(r"\b(governorate|province|muhafazat)\b", "", (name or "").lower())
    return re.sub(r"[^a-z]", "", words).replace("idleb", "idlib")


def term_start(term: Term, agreement: Agreement) -> str | None:
    """First day a term is in force: its own start, else the agreement's."""
    return term.start or agreement.effective_from or agreement.signed


def _when(event: Event, start: str | None, end: str | None) -> int:
    """Whether the event's dates fall in [start, end]: sure, maybe or no."""
    d_start, d_end = event.date.start, event.date.end or event.date.start
    if not start:
        return _NO
    if date_rank(start) == 2 and d_start:  # "September 2018": sure only after that month
        month_end = (dt.date.fromisoformat(start + "-01") + dt.timedelta(days=31)).replace(day=1)
        if d_end < start + "-01":
            return _NO
        return _SURE if d_start >= month_end.isoformat() else _MAYBE
    if not d_start or date_rank(start) < 3:
        return _MAYBE
    if d_end < start:
        return _NO
    if end and date_rank(end) == 3 and d_start > end:
        return _NO
    if d_start < start or (end and date_rank(end) == 3 and d_end > end):
        return _MAYBE
    return _SURE


@dataclass
class _Area:
    """A zone/corridor term made ready for many point tests: projected and prepared once."""

    agreement: Agreement
    term: Term
    area_m: BaseGeometry
    line_m: BaseGeometry | None
    admin1: frozenset[str]

    @classmethod
    def of(cls, agreement: Agreement, term: Term) -> _Area | None:
        area = geo.term_area_m(term)
        if area is None:
            return None
        shapely.prepare(area)
        line = geo.to_metres(shape(term.geometry)) if term.kind == "corridor" else None
        return cls(agreement, term, area, line, frozenset(_norm_admin(a) for a in term.admin1))


def _where(event: Event, area: _Area, point_m: BaseGeometry | None) -> tuple[int, float | None]:
    """Whether the event's place lies in the term's area, and its distance to a corridor line."""
    loc = event.location
    if loc is None or point_m is None:
        return _NO, None
    dist = None if area.line_m is None else float(area.line_m.distance(point_m)) / 1000.0
    inside = bool(area.area_m.covers(point_m))
    precision = loc.precision
    if precision in ("exact", "town"):
        return (_SURE if inside else _NO), dist
    if inside:
        return _MAYBE, dist
    if precision == "admin1" and area.admin1:
        return (_MAYBE if _norm_admin(loc.admin1 or loc.name) in area.admin1 else _NO), dist
    near = NEAR_KM.get(precision or "")
    if near is not None and float(area.area_m.distance(point_m)) / 1000.0 <= near:
        return _MAYBE, dist
    return _NO, dist


def _point_m(event: Event) -> BaseGeometry | None:
    """The event's location projected to metres, or None when it has no coordinates."""
    loc = event.location
    if loc is None or loc.lat is None or loc.lon is None:
        return None
    return geo.point_m(loc.lat, loc.lon)


def _areas(agreements: Sequence[Agreement]) -> list[_Area]:
    """The zone and corridor terms that have an area (corridors need a width)."""
    out = []
    for a in agreements:
        for t in a.terms:
            if t.kind in ("zone", "corridor") and (prepared := _Area.of(a, t)) is not None:
                out.append(prepared)
    return out


def violations(events: Iterable[Event], agreements: Sequence[Agreement]) -> list[Violation]:
    """ASSAULT/COERCE events inside an active zone or corridor (rules in the module docstring)."""
    areas = _areas(agreements)
    out: list[Violation] = []
    for event in events:
        if event.event_type not in HOSTILE or not areas:
            continue
        point = _point_m(event)
        for area in areas:
            where, dist = _where(event, area, point)
            if where == _NO:
                continue
            agreement, term = area.agreement, area.term
            when = _when(event, term_start(term, agreement), agreement.effective_to)
            if when == _NO or (where == _MAYBE and when == _MAYBE):
                continue
            out.append(
                Violation(
                    event_id=event.id,
                    agreement_id=agreement.id,
                    agreement_name=agreement.name,
                    term_kind=term.kind,
                    term_name=term.name,
                    status="inside" if where == when == _SURE else "possibly_inside",
                    distance_km=None if dist is None else round(dist, 2),
                    location_precision=event.location.precision if event.location else None,
                    event_date=event.date.start,
                )
            )
    return out


def _is_patrol(event: Event) -> bool:
    """A COOPERATE event that is a patrol (mode or trigger), or military cooperation."""
    if event.event_type != "COOPERATE":
        return False
    trigger = str(getattr(event, "trigger", None) or "")
    return event.mode in ("patrol", "military") or "patrol" in trigger.lower()


def patrol_status(events: Iterable[Event], agreements: Sequence[Agreement]) -> list[dict[str, Any]]:
    """Patrol events tracked against each agreed patrol: on the route, on/after its start.

    A patrol event is a COOPERATE event with mode ``patrol`` or ``military`` (or a
    trigger word "patrol"). Returns one dict per (patrol event, patrol term) for events
    that are, or may be, on the route: ``on_route`` (True within 3 km of the route at
    town/exact precision; None for a coarser place within 100 km), ``after_start``
    (True/False, None when either date is unknown), ``distance_km`` to the route, the
    event's ``outcome`` (completed, cut_short, refused...) and ``status``: ``as_agreed``
    (on the route, on/after the start), ``before_start`` or ``unclear``. Events with no
    coordinates are left out.
    """
    patrols = [
        (a, t, geo.to_metres(shape(t.geometry)))
        for a in agreements
        for t in a.terms
        if t.kind == "patrol" and t.geometry
    ]
    rows: list[dict[str, Any]] = []
    for event in events:
        if not _is_patrol(event):
            continue
        point = _point_m(event)
        if point is None:
            continue
        for agreement, term, line_m in patrols:
            dist = float(line_m.distance(point)) / 1000.0
            precise = event.location.precision in ("exact", "town")
            if dist > (ROUTE_KM if precise else NEAR_KM["admin1"]):
                continue  # off the route: some other patrol
            on_route = True if precise else None
            start = term_start(term, agreement)
            after = None
            if event.date.start and date_rank(start) == 3:
                after = (event.date.end or event.date.start) >= start
            status = "unclear"
            if after is False:
                status = "before_start"
            elif on_route and after:
                status = "as_agreed"
            rows.append({
                "event_id": event.id, "agreement_id": agreement.id,
                "agreement_name": agreement.name, "term_name": term.name,
                "event_date": event.date.start, "outcome": event.outcome,
                "on_route": on_route, "after_start": after,
                "distance_km": round(dist, 2), "status": status,
            })  # fmt: skip
    return rows


def _week_start(iso: str) -> str:
    """Monday of the ISO week containing ``iso``."""
    d = dt.date.fromisoformat(iso)
    return (d - dt.timedelta(days=d.weekday())).isoformat()


def weekly_counts(events: Iterable[Event], agreement: Agreement) -> list[dict[str, Any]]:
    """Weekly ASSAULT/COERCE counts inside each zone/corridor of ``agreement``, before and after.

    One row per (term, ISO week, before/after the term's start) with ``inside``
    (town/exact precision in the area), ``possibly_inside`` (coarser places that may
    be in it), ``outside`` (the other dated hostile events) and ``before_effective``
    (the events ended before the term's start; a week that holds the start has a row
    for each side). Events without a day-anchored date are not counted.
    """
    hostile = [e for e in events if e.event_type in HOSTILE and e.date.start]
    rows: list[dict[str, Any]] = []
    points = {e.id: _point_m(e) for e in hostile}
    for area in _areas([agreement]):
        a, term = area.agreement, area.term
        start = term_start(term, a)
        known = date_rank(start) == 3
        counts: dict[tuple[str, bool], dict[str, int]] = defaultdict(
            lambda: {"inside": 0, "possibly_inside": 0, "outside": 0}
        )
        for e in hostile:
            where, _ = _where(e, area, points[e.id])
            bucket = {_SURE: "inside", _MAYBE: "possibly_inside", _NO: "outside"}[where]
            before = known and (e.date.end or e.date.start) < start
            counts[(_week_start(e.date.start), before)][bucket] += 1
        for week, before in sorted(counts, key=lambda k: (k[0], not k[1])):
            rows.append({
                "term_kind": term.kind, "term_name": term.name, "week_start": week,
                **counts[(week, before)], "before_effective": before,
            })  # fmt: skip
    return rows
