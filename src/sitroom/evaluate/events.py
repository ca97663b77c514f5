"""Scores for event typing and actor coding on CASE 2021 task 2 and PLOVER GSR records.

``score_*`` score the shipped model (which has seen the DEV data, so those
numbers are optimistic); ``crossval_*`` retrain per fold with the same
training code and are the honest numbers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import StratifiedKFold

from sitroom.extract import event_type


def _f1s(gold: Sequence[str], pred: Sequence[str]) -> dict[str, float]:
    if not gold:
        return {"n": 0, "weighted_f1": 0.0, "macro_f1": 0.0, "accuracy": 0.0}
    labels = sorted(set(gold))  # like the official scorer: gold labels only
    return {
        "n": len(gold),
        "weighted_f1": float(f1_score(gold, pred, labels=labels, average="weighted",
                                      zero_division=0)),
        "macro_f1": float(f1_score(gold, pred, labels=labels, average="macro", zero_division=0)),
        "accuracy": float(accuracy_score(gold, pred)),
    }


def case_scores(records: Sequence[dict[str, Any]], pred: Sequence[str]) -> dict[str, Any]:
    """Per-subtask scores ``subtask{k}_{n,weighted_f1,macro_f1,accuracy}``.

    Subtask k uses the records whose ``subtasks`` contain k.
    F1 is averaged over the gold labels present in that subset (weighted by
    their support for ``weighted_f1``); a prediction outside the subset's label
    set simply counts as an error.
    """
    out: dict[str, Any] = {}
    for k in (1, 2, 3):
        idx = [i for i, r in enumerate(records) if k in r["subtasks"]]
        scores = _f1s([records[i]["label"] for i in idx], [pred[i] for i in idx])
        out.update({f"subtask{k}_{name}": value for name, value in scores.items()})
    return out


def score_case(
    records: Sequence[dict[str, Any]],
    predict: Callable[[list[str]], list[str]] = event_type.predict_case,
) -> dict[str, Any]:
    """Weighted/macro F1 and accuracy of ``predict`` per official CASE 2021 task 2 subtask."""
    return case_scores(records, predict([r["text"] for r in records]))


def _actor_key(actors: Sequence[dict[str, Any]]) -> tuple[str | None, str | None]:
    """The first actor's (country code, 3-letter sector); sectors like CVLalb → CVL, *** → None."""
    if not actors:
        return None, None
    a = actors[0]
    sector = (a.get("sector") or "")[:3].upper()
    return a.get("code"), (sector if sector.isalpha() else None)


def plover_scores(
    records: Sequence[dict[str, Any]], preds: Sequence[dict[str, Any]]
) -> dict[str, Any]:
    """Event accuracy/macro F1 and actor accuracies.

    Actor scores compare the FIRST gold actor of ``source`` (resp. ``target``)
    with the first predicted one. ``*_country_accuracy``: over records whose gold
    list is non-empty, the share where the predicted code equals the gold code
    (an empty prediction is wrong). ``*_sector_accuracy``: over records whose first
    gold actor has an alphabetic sector, the share where the predicted sector
    equals the gold sector's first three letters.
    """
    gold_ev = [r["event"] for r in records]
    pred_ev = [p["event"] for p in preds]
    out: dict[str, Any] = {
        "n": len(records),
        "event_accuracy": float(accuracy_score(gold_ev, pred_ev)) if records else 0.0,
        "event_macro_f1": float(f1_score(gold_ev, pred_ev, labels=sorted(set(gold_ev)),
                                         average="macro", zero_division=0)) if records else 0.0,
    }
    for role in ("source", "target"):
        country_hits, country_n, sector_hits, sector_n = 0, 0, 0, 0
        for r, p in zip(records, preds, strict=True):
            g_code, g_sector = _actor_key(r.get(role) or [])
            p_code, p_sector = _actor_key(p.get(role) or [])
            if g_code is not None:
                country_n += 1
                country_hits += p_code == g_code
            if g_sector is not None:
                sector_n += 1
                sector_hits += p_sector == g_sector
        out[f"{role}_country_accuracy"] = country_hits / country_n if country_n else 0.0
        out[f"{role}_country_n"] = country_n
        out[f"{role}_sector_accuracy"] = sector_hits / sector_n if sector_n else 0.0
        out[f"{role}_sector_n"] = sector_n
    return out


def score_plover(
    records: Sequence[dict[str, Any]],
    predict: Callable[[list[str]], list[dict[str, Any]]] = event_type.predict_plover,
) -> dict[str, Any]:
    """Score the shipped PLOVER coder (event type + actors) on GSR records."""
    return plover_scores(records, predict([r["text"] for r in records]))


def _crossval_labels(texts: list[str], labels: list[str], task: str, k: int) -> list[str]:
    """Out-of-fold predictions from models retrained per stratified fold (seed 0)."""
    y = np.array(labels)
    pred = np.empty(len(y), dtype=object)
    folds = StratifiedKFold(n_splits=k, shuffle=True, random_state=0)
    for train, test in folds.split(np.zeros(len(y)), y):
        model = event_type.fit_model(task, [texts[i] for i in train], [labels[i] for i in train])
        pred[test] = model.predict([texts[i] for i in test])
    return [str(p) for p in pred]


def crossval_case(records: Sequence[dict[str, Any]], k: int = 5) -> dict[str, Any]:
    """Stratified k-fold CV of the CASE classifier (same training code as the shipped model)."""
    texts = [r["text"] for r in records]
    pred = _crossval_labels(texts, [r["label"] for r in records], "case", k)
    return case_scores(records, pred)


def crossval_plover(records: Sequence[dict[str, Any]], k: int = 5) -> dict[str, Any]:
    """Stratified k-fold CV of the PLOVER event classifier; actors come from the rule coder."""
    from sitroom.extract.actors import code_text_actors

    texts = [r["text"] for r in records]
    events = _crossval_labels(texts, [r["event"] for r in records], "plover", k)
    preds = []
    for text, ev in zip(texts, events, strict=True):
        source, target = code_text_actors(text, ev)
        preds.append({"event": ev, "source": source, "target": target})
    return plover_scores(records, preds)
