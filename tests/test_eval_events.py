"""Event scorers compute known values on tiny hand-made inputs."""

from __future__ import annotations

import pytest

from sitroom.evaluate.events import case_scores, plover_scores


def test_case_scores_by_subtask():
    records = [
        {"text": "a", "label": "ARREST", "subtasks": [1, 2, 3]},
        {"text": "b", "label": "ARREST", "subtasks": [1, 2, 3]},
        {"text": "c", "label": "AIR_STRIKE", "subtasks": [1, 2, 3]},
        {"text": "d", "label": "DIPLO", "subtasks": [3]},
    ]
    pred = ["ARREST", "AIR_STRIKE", "AIR_STRIKE", "ATTRIB"]
    s = case_scores(records, pred)
    # ARREST: P=1, R=1/2, F1=2/3 (support 2); AIR_STRIKE: P=1/2, R=1, F1=2/3 (support 1)
    assert s["subtask1_n"] == 3
    assert s["subtask1_weighted_f1"] == pytest.approx(2 / 3)
    assert s["subtask1_accuracy"] == pytest.approx(2 / 3)
    assert s["subtask2_weighted_f1"] == s["subtask1_weighted_f1"]
    # subtask 3 adds DIPLO (F1 0): macro over 3 gold labels
    assert s["subtask3_n"] == 4
    assert s["subtask3_macro_f1"] == pytest.approx((2 / 3 + 2 / 3 + 0) / 3)
    assert s["subtask3_weighted_f1"] == pytest.approx((2 * 2 / 3 + 2 / 3) / 4)


def test_plover_scores():
    records = [
        {"event": "AGREE", "source": [{"code": "HUN", "sector": "GOV"}],
         "target": [{"code": "ROU"}]},
        {"event": "PROTEST", "source": [{"code": "ALB", "sector": "CVLalb"}], "target": []},
    ]
    preds = [
        {"event": "AGREE", "source": [{"code": "HUN", "sector": "GOV"}], "target": []},
        {"event": "DEMAND", "source": [{"code": "SRB", "sector": "CVL"}], "target": []},
    ]
    s = plover_scores(records, preds)
    assert s["event_accuracy"] == 0.5
    assert s["source_country_accuracy"] == 0.5
    assert s["source_sector_accuracy"] == 1.0  # CVLalb counts as CVL
    assert (s["target_country_accuracy"], s["target_country_n"]) == (0.0, 1)
    assert s["target_sector_n"] == 0


def test_seed_mentions_join_the_sample_clusters_they_name_and_add_their_own():
    from sitroom.evaluate import read_jsonl, sample_gold_path, seeds_gold_path
    from sitroom.evaluate.sample import with_seeds

    sample, seeds = read_jsonl(sample_gold_path()), read_jsonl(seeds_gold_path())
    before = [len(g["mentions"]) for g in sample]
    merged = with_seeds(sample, seeds)
    by_id = {g["cluster"]: g for g in merged}
    shared = [g for g in seeds if g["cluster"] in {s["cluster"] for s in sample}]
    assert shared and all(set(map(str, g["mentions"])) <= set(map(
        str, by_id[g["cluster"]]["mentions"])) for g in shared)
    assert len(merged) == len(sample) + len(seeds) - len(shared)
    # every seed-only event is a full record the scorer can check
    for g in seeds:
        if g not in shared:
            assert {"event_type", "date_start", "lat", "contradictions"} <= set(g)
    assert [len(g["mentions"]) for g in sample] == before  # the sample gold is left as it was
