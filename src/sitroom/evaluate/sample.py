"""Score the whole pipeline on the bundled sample corpus against its hand-made gold file.

Gold format (one real-world event per line): ``cluster``, ``event_type``,
``date_start``/``date_end``, ``lat``/``lon``, ``fatalities_best``,
``contradictions`` (fields sources disagree on) and ``mentions`` — each a
``doc`` plus a ``sentence_contains`` substring of the reporting sentence. A
predicted mention matches a gold mention when it comes from the same doc and
its sentence contains that substring.
"""

from __future__ import annotations

import math
import tempfile
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sitroom.evaluate.clusters import bcubed, pairwise
from sitroom.records import Event, Mention


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def _match(gold_mention: dict, by_doc: dict[str, list[Mention]],
           event_type: str | None = None) -> Mention | None:
    """The predicted mention of a gold mention's sentence; of the gold event type when the
    sentence carries several (an accusation is also a claim about the attack), and of the
    act whose word the gold quotes when it tells of two acts of one type."""
    needle = " ".join(gold_mention["sentence_contains"].split()).lower()
    found = [m for m in by_doc.get(gold_mention["doc"], [])
             if needle in " ".join(m.sentence.split()).lower()]
    typed = [m for m in found if m.event_type == event_type] or found
    # a sentence telling of two acts has a mention of each: the quoted words name one
    return next((m for m in typed if m.trigger and m.trigger.lower() in needle),
                typed[0] if typed else None)


def _date_ok(event: Event, gold: dict) -> bool:
    d = event.date
    if not d.start or not gold.get("date_start"):
        return False
    return d.start <= gold["date_end"] and (d.end or d.start) >= gold["date_start"]


def _place_ok(event: Event, gold: dict, radius_km: float = 25.0) -> bool:
    loc = event.location
    if loc is None or loc.lat is None or gold.get("lat") is None:
        return False
    return _km(loc.lat, loc.lon, gold["lat"], gold["lon"]) <= radius_km


def _fatalities_ok(event: Event, gold: dict) -> bool:
    want = gold.get("fatalities_best")
    f = event.fatalities
    if want is None:
        return f is None or not f.best
    if f is None:
        return False
    low = f.low if f.low is not None else f.best
    high = f.high if f.high is not None else f.best
    return low is not None and high is not None and low <= want <= high


# the contradiction fields scored: the sample gold annotates no date or location disputes,
# so those are left out of recall and precision for every corpus
_GOLD_FIELDS = frozenset({"perpetrator", "target", "fatalities", "outcome"})


def score_store(gold: list[dict], events: list[Event], mentions: dict[str, Mention]) -> dict:
    """Compare stored events/mentions to gold clusters; return rates (0–1) and counts."""
    event_of = {mid: e.id for e in events for mid in e.mention_ids}
    by_id = {e.id: e for e in events}
    by_doc: dict[str, list[Mention]] = {}
    for m in mentions.values():
        by_doc.setdefault(m.doc or "", []).append(m)
    pred: dict[str, str] = {}
    truth: dict[str, str] = {}
    matched_events: set[str] = set()
    checks: Counter[str] = Counter()
    found_clusters = 0
    n_mentions = matched = 0
    for g in gold:
        votes: Counter[str] = Counter()
        for k, gm in enumerate(g["mentions"]):
            item = f"{g['cluster']}#{k}"
            truth[item] = g["cluster"]
            n_mentions += 1
            m = _match(gm, by_doc, g["event_type"])
            if m is None or m.id not in event_of:
                pred[item] = f"missed:{item}"
                continue
            matched += 1
            pred[item] = event_of[m.id]
            votes[event_of[m.id]] += 1
        if not votes:
            continue
        found_clusters += 1
        matched_events.update(votes)
        event = by_id[votes.most_common(1)[0][0]]
        checks["type"] += event.event_type == g["event_type"]
        checks["date"] += _date_ok(event, g)
        checks["place"] += _place_ok(event, g)
        checks["fatalities"] += _fatalities_ok(event, g)
        wanted = set(g.get("contradictions") or []) & _GOLD_FIELDS  # only fields scored
        flagged = {c.field for c in event.contradictions} & _GOLD_FIELDS
        if wanted:
            checks["contradiction_events"] += 1
            checks["contradictions_found"] += wanted <= flagged
        checks["flags"] += len(flagged)
        checks["flags_right"] += len(flagged & wanted)
    clusters = bcubed(pred, truth)
    pairs = pairwise(pred, truth)
    found = {k: v for k, v in pred.items() if not v.startswith("missed:")}
    fused = bcubed(found, {k: truth[k] for k in found})  # fusion alone, on what was extracted
    n = len(gold)
    return {
        "event_recall": found_clusters / n if n else 0.0,
        "event_precision": len(matched_events) / len(events) if events else 0.0,
        "mention_recall": matched / n_mentions if n_mentions else 0.0,
        "event_type_accuracy": checks["type"] / found_clusters if found_clusters else 0.0,
        "date_accuracy": checks["date"] / found_clusters if found_clusters else 0.0,
        "place_accuracy_25km": checks["place"] / found_clusters if found_clusters else 0.0,
        "fatalities_accuracy": checks["fatalities"] / found_clusters if found_clusters else 0.0,
        "contradiction_recall": (
            checks["contradictions_found"] / checks["contradiction_events"]
            if checks["contradiction_events"]
            else 0.0
        ),
        "contradiction_precision": (
            checks["flags_right"] / checks["flags"] if checks["flags"] else 0.0
        ),
        "cluster_bcubed_precision": clusters["precision"],
        "cluster_bcubed_recall": clusters["recall"],
        "cluster_bcubed_f1": clusters["f1"],
        "cluster_pairwise_precision": pairs["precision"],
        "cluster_pairwise_recall": pairs["recall"],
        "cluster_pairwise_f1": pairs["f1"],
        "cluster_bcubed_f1_extracted_only": fused["f1"],
        "n_gold": n,
        "n_gold_mentions": n_mentions,
        "n_events": len(events),
    }


def with_seeds(sample_gold: list[dict], seeds_gold: list[dict]) -> list[dict]:
    """The sample gold with the seed reports' mentions of its events added (a seeds record
    naming a sample cluster carries only ``mentions``) and the events only seeds tell."""
    merged = [dict(g, mentions=list(g["mentions"])) for g in sample_gold]
    by_id = {g["cluster"]: g for g in merged}
    for g in seeds_gold:
        if g["cluster"] in by_id:
            by_id[g["cluster"]]["mentions"].extend(g["mentions"])
        else:
            merged.append(g)
    return merged


def score_sample(gold: list[dict], *, db: str | Path | None = None,
                 corpus: Path | Sequence[Path] | None = None) -> dict[str, Any]:
    """Run the pipeline on a corpus folder, or several ingested together (default: the
    bundled sample), into ``db`` or a temp file, and score it against ``gold``."""
    from sitroom.demo import sample_corpus
    from sitroom.pipeline import run
    from sitroom.store import Store

    folders = [corpus] if isinstance(corpus, Path) else list(corpus or [sample_corpus()])
    with tempfile.TemporaryDirectory() as tmp:
        path = db or Path(tmp) / "sample.db"
        run(folders, db=path)
        store = Store(path)
        events = store.event_records(limit=None)
        mentions = store.mentions_by_id(mid for e in events for mid in e.mention_ids)
        scores = score_store(gold, events, mentions)
        store.engine.dispose()
    return scores
