"""Geoparsing evaluation on GeoWebNews / LGL / TR-News style records.

Recognition is scored by span overlap; geocoding as accuracy within 161 km (100 miles,
the field's usual threshold), mean error in km and exact GeoNames-id match.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sitroom.extract.gazetteer import haversine_km
from sitroom.extract.places import geoparse, resolve_spans
from sitroom.nlp import get_nlp
from sitroom.records import PlaceRef

MODES = ("end2end", "resolution")
ACC_KM = 161.0


def predict_spans(texts: Sequence[str], *, batch_size: int = 16) -> list[list[PlaceRef]]:
    """Geoparse many texts, parsing them in batches with ``nlp.pipe``."""
    return [geoparse(doc) for doc in get_nlp().pipe(texts, batch_size=batch_size)]


def _resolve_gold(records: list[dict]) -> list[list[PlaceRef]]:
    """Resolve each record's gold spans together (tokenizer only: context is the text)."""
    nlp = get_nlp()
    return [resolve_spans(nlp.make_doc(r["text"]), [(t["start"], t["end"]) for t in r["toponyms"]])
            for r in records]


def _match(gold: list[dict], pred: list[PlaceRef]) -> list[PlaceRef | None]:
    """For each gold toponym, the first unused prediction overlapping it."""
    used: set[int] = set()
    out: list[PlaceRef | None] = []
    for g in gold:
        hit = None
        for k, p in enumerate(pred):
            if k not in used and p.start < g["end"] and g["start"] < p.end:
                hit = k
                break
        if hit is not None:
            used.add(hit)
        out.append(pred[hit] if hit is not None else None)
    return out


def score_geo(records: Iterable[dict], *, mode: str = "end2end") -> dict[str, float]:
    """Recognition P/R/F1 and geocoding accuracy@161 km, mean error and exact-id accuracy."""
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, not {mode!r}")
    records = list(records)
    preds = (_resolve_gold(records) if mode == "resolution"
             else predict_spans([r["text"] for r in records]))
    n_gold = n_pred = tp_pred = tp_gold = 0
    n_geo = n_within = n_ids = n_exact = 0
    errors: list[float] = []
    for rec, pred in zip(records, preds, strict=True):
        gold = rec["toponyms"]
        n_gold += len(gold)
        n_pred += len(pred)
        tp_pred += sum(any(p.start < g["end"] and g["start"] < p.end for g in gold) for p in pred)
        matched = _match(gold, pred)
        tp_gold += sum(m is not None for m in matched)
        for g, m in zip(gold, matched, strict=True):
            if g.get("lat") is None:
                continue
            n_geo += 1
            if g.get("geonameid") is not None:
                n_ids += 1
                n_exact += m is not None and m.geonameid == g["geonameid"]
            if m is None or m.lat is None:
                continue
            err = haversine_km(g["lat"], g["lon"], m.lat, m.lon)
            errors.append(err)
            n_within += err <= ACC_KM
    precision = tp_pred / n_pred if n_pred else 0.0
    recall = tp_gold / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "acc_161km": n_within / n_geo if n_geo else 0.0,
        "mean_error_km": sum(errors) / len(errors) if errors else 0.0,
        "exact_match": n_exact / n_ids if n_ids else 0.0,
        "n_docs": float(len(records)),
        "n_gold": float(n_gold),
        "n_pred": float(n_pred),
        "n_geocoded_gold": float(n_geo),
        "n_resolved": float(len(errors)),
        "n_with_geonameid": float(n_ids),
    }
