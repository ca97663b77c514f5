"""B-cubed and pairwise clustering scores on tiny examples worked out by hand."""

from __future__ import annotations

import pytest

from sitroom.evaluate.clusters import bcubed, pairwise

GOLD = {"a": "1", "b": "1", "c": "1", "d": "2", "e": "2"}


def test_perfect_clustering_scores_one():
    pred = {"a": "x", "b": "x", "c": "x", "d": "y", "e": "y"}
    assert bcubed(pred, GOLD)["f1"] == pytest.approx(1.0)
    assert pairwise(pred, GOLD)["f1"] == pytest.approx(1.0)


def test_everything_merged():
    pred = dict.fromkeys(GOLD, "x")
    b = bcubed(pred, GOLD)
    # precision per item: a,b,c → 3/5; d,e → 2/5 ⇒ (9/5 + 4/5) / 5 = 13/25
    assert b["precision"] == pytest.approx(13 / 25)
    assert b["recall"] == pytest.approx(1.0)
    p = pairwise(pred, GOLD)
    # 10 predicted pairs, 3 + 1 true pairs all found
    assert p["precision"] == pytest.approx(4 / 10)
    assert p["recall"] == pytest.approx(1.0)


def test_all_singletons_and_missing_items():
    pred = {"a": "1", "b": "2", "c": "3", "d": "4", "e": "5", "zz": "5"}
    b = bcubed(pred, GOLD)
    assert b["precision"] == pytest.approx(1.0)
    # recall per item: a,b,c → 1/3; d,e → 1/2 ⇒ (1 + 1) / 5
    assert b["recall"] == pytest.approx(2 / 5)
    assert b["n"] == 5  # "zz" is not in gold and is ignored
    p = pairwise({}, GOLD)  # nothing predicted: every item its own cluster
    assert p["recall"] == 0.0 and p["pairs_gold"] == 4


def test_split_cluster():
    pred = {"a": "x", "b": "x", "c": "y", "d": "z", "e": "z"}
    p = pairwise(pred, GOLD)
    assert p["precision"] == pytest.approx(1.0)
    assert p["recall"] == pytest.approx(2 / 4)
    b = bcubed(pred, GOLD)
    # recall: a,b → 2/3, c → 1/3, d,e → 1 ⇒ (4/3 + 1/3 + 2) / 5 = 11/15
    assert b["recall"] == pytest.approx(11 / 15)
