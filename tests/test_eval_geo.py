"""Geoparsing evaluation runs on real GeoWebNews records and reports every metric."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitroom.evaluate.geo import score_geo

GWN = Path(__file__).resolve().parents[1] / ".." / "shared" / "eval" / "geowebnews" / "dev.jsonl"
KEYS = {"precision", "recall", "f1", "acc_161km", "mean_error_km", "exact_match", "n_gold"}


@pytest.fixture(scope="module")
def records():
    """The first ten GeoWebNews DEV records."""
    if not GWN.is_file():
        pytest.skip("../shared/eval/geowebnews is not present")
    with GWN.open(encoding="utf-8") as fh:
        return [json.loads(line) for _, line in zip(range(10), fh, strict=False)]


def test_resolution_mode_metrics(records):
    m = score_geo(records, mode="resolution")
    assert set(m) >= KEYS
    assert m["recall"] == 1.0 and m["n_gold"] == sum(len(r["toponyms"]) for r in records)
    assert 0.3 < m["acc_161km"] <= 1.0
    assert all(isinstance(v, float) for v in m.values())


@pytest.mark.slow
def test_end2end_mode_metrics(records):
    m = score_geo(records, mode="end2end")
    assert set(m) >= KEYS
    assert 0.3 < m["precision"] <= 1.0 and 0.2 < m["recall"] <= 1.0


def test_unknown_mode_is_rejected(records):
    with pytest.raises(ValueError):
        score_geo(records, mode="fast")
