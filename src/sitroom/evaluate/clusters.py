"""Clustering scores for event fusion: B-cubed and pairwise precision/recall/F1."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping


def _f1(p: float, r: float) -> float:
    """Harmonic mean, 0 when both are 0."""
    return 2 * p * r / (p + r) if p + r else 0.0


def _pred_label(pred: Mapping[str, str], item: str) -> tuple[str, str]:
    """Predicted cluster of an item, or a singleton of its own when unpredicted."""
    return ("c", pred[item]) if item in pred else ("single", item)


def bcubed(pred: Mapping[str, str], gold: Mapping[str, str]) -> dict:
    """B-cubed precision, recall and F1 over gold items; unpredicted items are singletons."""
    items = sorted(gold)
    if not items:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0, "n": 0}
    plabel = {i: _pred_label(pred, i) for i in items}
    joint = Counter((plabel[i], gold[i]) for i in items)
    psize = Counter(plabel.values())
    gsize = Counter(gold[i] for i in items)
    p = sum(joint[(plabel[i], gold[i])] / psize[plabel[i]] for i in items) / len(items)
    r = sum(joint[(plabel[i], gold[i])] / gsize[gold[i]] for i in items) / len(items)
    return {"precision": p, "recall": r, "f1": _f1(p, r), "n": len(items)}


def pairwise(pred: Mapping[str, str], gold: Mapping[str, str]) -> dict:
    """Pairwise precision, recall and F1 over gold items (no pairs at all scores 1.0)."""
    items = sorted(gold)
    cells: dict[tuple, int] = defaultdict(int)
    for i in items:
        cells[(_pred_label(pred, i), gold[i])] += 1

    def pairs(counts: Counter | dict) -> int:
        return sum(c * (c - 1) // 2 for c in counts.values())

    together = pairs(cells)
    predicted = pairs(Counter(_pred_label(pred, i) for i in items))
    true = pairs(Counter(gold[i] for i in items))
    p = together / predicted if predicted else 1.0
    r = together / true if true else 1.0
    return {"precision": p, "recall": r, "f1": _f1(p, r), "pairs_pred": predicted,
            "pairs_gold": true}
