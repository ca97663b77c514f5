"""Public records and exports: JSONL (the contract), ACLED-style CSV, GeoJSON, PLOVER JSON.

All exports derive from the same event record built by :func:`event_record`,
so a field means the same thing everywhere (docs/formats.md).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import orjson

from sitroom.fuse import side_name
from sitroom.records import SCHEMA_VERSION, Event, Mention, to_dict

FORMATS = ("jsonl", "acled-csv", "geojson", "plover-json")

ACLED_TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
ACLED_GEO_PRECISION = {"exact": 1, "town": 1, "admin2": 2, "admin1": 3, "country": 3}
ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type",
    "actor1", "actor2", "country", "admin1", "location", "latitude", "longitude",
    "geo_precision", "source", "notes", "fatalities", "sitroom_event_type", "sitroom_n_sources",
]  # fmt: skip


def _actor(a: Any) -> dict[str, Any] | None:
    if a is None:
        return None
    return {"name": a.name, "country": a.country, "sector": a.sector}


def _location(p: Any) -> dict[str, Any] | None:
    if p is None:
        return None
    return {
        "name": p.name, "lat": p.lat, "lon": p.lon, "country": p.country,
        "admin1": p.admin1, "precision": p.precision, "geonameid": p.geonameid,
    }  # fmt: skip


def _date(d: Any) -> dict[str, Any]:
    out = {"start": d.start, "end": d.end, "precision": d.precision, "text": d.text}
    if d.anchored_by:
        out["anchored_by"] = d.anchored_by
    if d.month_day and not d.start:
        out["month_day"] = d.month_day
    return out


def _fatalities(q: Any) -> dict[str, Any] | None:
    if q is None:
        return None
    return {"low": q.low, "best": q.best, "high": q.high, "cumulative": q.cumulative}


def source_record(m: Mention) -> dict[str, Any]:
    """One mention as a source line of an event: where, who said it, the evidence."""
    return {
        "mention_id": m.id,
        "article_id": m.article_id,
        "doc": m.doc,
        "outlet": m.outlet,
        "url": m.url,
        "published": m.published,
        "attribution": list(m.attribution),
        "source_type": m.source_type,
        "modality": m.modality,
        "sentence": m.sentence,
        "start": m.start,
        "end": m.end,
    }


def event_record(e: Event, mentions: Mapping[str, Mention]) -> dict[str, Any]:
    """The public event record (docs/formats.md) for one fused event."""
    sources = [source_record(mentions[mid]) for mid in e.mention_ids if mid in mentions]
    return {
        "schema": SCHEMA_VERSION,
        "id": e.id,
        "event_type": e.event_type,
        "mode": e.mode,
        "cameo": e.cameo,
        "acled_event_type": e.acled_event_type,
        "acled_sub_event_type": e.acled_sub_event_type,
        "actor1": _actor(e.actor1),
        "actor2": _actor(e.actor2),
        "date": _date(e.date),
        "location": _location(e.location),
        "fatalities": _fatalities(e.fatalities),
        "modality": e.modality,
        "outcome": e.outcome,
        "confidence": round(e.confidence, 3),
        "n_sources": e.n_sources,
        "first_reported": e.first_reported,
        "last_reported": e.last_reported,
        "sources": sources,
        "contradictions": [
            {
                "field": c.field,
                "kind": c.kind,
                "claims": [
                    {
                        "value": cl.value,
                        "label": claim_label(c.field, cl.value),
                        "article_ids": cl.article_ids,
                        "attribution": cl.attribution,
                        "mention_ids": cl.mention_ids,
                    }
                    for cl in c.claims
                ],
            }
            for c in e.contradictions
        ],
        "violations": list(e.violations),
    }


def mention_record(m: Mention) -> dict[str, Any]:
    """A mention in the event shape with exactly one source (``--level mentions``)."""
    return {
        "schema": SCHEMA_VERSION,
        "id": m.id,
        "event_type": m.event_type,
        "mode": m.mode,
        "cameo": m.cameo,
        "acled_event_type": m.acled_event_type,
        "acled_sub_event_type": m.acled_sub_event_type,
        "trigger": m.trigger,
        "follows": m.follows,
        "actor1": _actor(m.actor1),
        "actor2": _actor(m.actor2),
        "date": _date(m.date),
        "location": _location(m.location),
        "fatalities": _fatalities(m.fatalities),
        "wounded": _fatalities(m.wounded),
        "modality": m.modality,
        "outcome": m.outcome,
        "target_kinds": list(m.target_kinds),
        "contested": to_dict(m.contested) if m.contested else None,
        "confidence": round(m.confidence, 3),
        "n_sources": 1,
        "sources": [source_record(m)],
        "contradictions": [],
    }


def claim_label(field: str, value: Any) -> str:
    """A claim's value in words: countries named ("not Russia"), outcomes spelled out."""
    text = str(value)
    if field in {"perpetrator", "target"}:
        return side_name(text)
    return text.replace("_", " ")


def country_name(iso3: str | None) -> str | None:
    """ISO3 code → English country name (ACLED writes names, not codes)."""
    from sitroom.extract.gazetteer import country_name as name

    return name(iso3) if iso3 else None


def _actor_label(a: dict[str, Any] | None) -> str:
    if not a:
        return ""
    return a["name"] or ""


def acled_rows(records: Iterable[dict[str, Any]]) -> Iterable[dict[str, Any]]:
    """ACLED-style rows; fatalities use the conservative (low) figure, as ACLED does."""
    for n, r in enumerate(records, 1):
        loc = r["location"] or {}
        fat = r["fatalities"] or {}
        date = r["date"]
        conservative = fat.get("low") if fat.get("low") is not None else fat.get("best")
        yield {
            "event_id_cnty": f"{loc.get('country') or 'XXX'}{n}",
            "event_date": date["start"] or "",
            "year": (date["start"] or "")[:4],
            "time_precision": ACLED_TIME_PRECISION.get(date["precision"], ""),
            "event_type": r["acled_event_type"] or "",
            "sub_event_type": r["acled_sub_event_type"] or "",
            "actor1": _actor_label(r["actor1"]),
            "actor2": _actor_label(r["actor2"]),
            "country": country_name(loc.get("country")) or "",
            "admin1": loc.get("admin1") or "",
            "location": loc.get("name") or "",
            "latitude": loc.get("lat") if loc.get("lat") is not None else "",
            "longitude": loc.get("lon") if loc.get("lon") is not None else "",
            "geo_precision": ACLED_GEO_PRECISION.get(loc.get("precision") or "", ""),
            "source": "; ".join(sorted({s["outlet"] or s["doc"] or "" for s in r["sources"]})),
            "notes": " ".join(s["sentence"] for s in r["sources"][:1]),
            "fatalities": conservative if conservative is not None else 0,
            "sitroom_event_type": r["event_type"],
            "sitroom_n_sources": r["n_sources"],
        }


def geojson(records: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """A FeatureCollection of located events (events without coordinates are left out)."""
    features = []
    for r in records:
        loc = r["location"]
        if not loc or loc.get("lat") is None or loc.get("lon") is None:
            continue
        props = {k: v for k, v in r.items() if k != "location"}
        props["place"] = loc
        features.append(
            {
                "type": "Feature",
                "id": r["id"],
                "geometry": {"type": "Point", "coordinates": [loc["lon"], loc["lat"]]},
                "properties": props,
            }
        )
    return {"type": "FeatureCollection", "features": features}


def plover(records: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """PLOVER-style event objects (the field names of the PLOVER gold records)."""
    out = []
    for r in records:
        loc = r["location"]
        fat = r["fatalities"] or {}
        first = r["sources"][0] if r["sources"] else {}
        out.append(
            {
                "id": r["id"],
                "date": r["date"]["start"],
                "event": r["event_type"],
                "mode": r["mode"],
                "context": None,
                "source": [_plover_actor(r["actor1"])] if r["actor1"] else [],
                "target": [_plover_actor(r["actor2"])] if r["actor2"] else [],
                "eventLoc": (
                    {
                        "name": loc["name"],
                        "lat": loc["lat"],
                        "lon": loc["lon"],
                        "country code": loc["country"],
                    }
                    if loc
                    else None
                ),  # fmt: skip
                "dead": fat.get("best"),
                "text": first.get("sentence"),
                "publication": first.get("outlet"),
                "language": "en",
                "version": f"sitroom-schema-{SCHEMA_VERSION}",
            }
        )
    return out


def _plover_actor(a: dict[str, Any]) -> dict[str, Any]:
    return {"actorText": a["name"], "code": a["country"], "sector": a["sector"]}


def render(records: list[dict[str, Any]], fmt: str) -> str:
    """Serialise event records in one of :data:`FORMATS`."""
    if fmt == "jsonl":
        return "".join(orjson.dumps(r).decode("utf-8") + "\n" for r in records)
    if fmt == "geojson":
        return orjson.dumps(geojson(records), option=orjson.OPT_INDENT_2).decode("utf-8")
    if fmt == "plover-json":
        return orjson.dumps(plover(records), option=orjson.OPT_INDENT_2).decode("utf-8")
    if fmt == "acled-csv":
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=ACLED_COLUMNS)
        writer.writeheader()
        writer.writerows(acled_rows(records))
        return buf.getvalue()
    raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")


def write(records: list[dict[str, Any]], fmt: str, path: str | Path) -> Path:
    """Write an export file and return its path."""
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render(records, fmt), encoding="utf-8")
    return out
