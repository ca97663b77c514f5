"""The situation picture on real inputs: the sample corpus and the seeds together.

Fusion (one event per happening, contradictions kept), agreement extraction and
ceasefire-violation flags, checked end to end through ``sitroom.run``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitroom.evaluate import sample_gold_path
from sitroom.evaluate.sample import score_store
from sitroom.store import Store

pytestmark = pytest.mark.slow


def _events(db: Path, **filters) -> list[dict]:
    return Store(db).events(limit=None, **filters)


def _claims(event: dict, field: str) -> set:
    return {
        cl["value"] for c in event["contradictions"] if c["field"] == field for cl in c["claims"]
    }


def test_balyun_strike_is_one_event_with_its_perpetrator_disputed(combined_db: Path) -> None:
    strikes = [
        e for e in _events(combined_db, event_type="ASSAULT", place="Balyun")
        if e["date"]["start"] == "2020-02-27"
    ]  # fmt: skip
    assert len(strikes) == 1
    strike = strikes[0]
    assert strike["n_sources"] >= 3
    assert {"SYR", "RUS"} <= _claims(strike, "perpetrator")
    syr = next(
        cl for c in strike["contradictions"] if c["field"] == "perpetrator"
        for cl in c["claims"] if cl["value"] == "SYR"
    )  # fmt: skip
    assert syr["attribution"] and syr["article_ids"]
    # each claim names the source sentences that make it
    sources = {src["mention_id"]: src for src in strike["sources"]}
    assert syr["mention_ids"] and set(syr["mention_ids"]) <= set(sources)
    assert {sources[m]["article_id"] for m in syr["mention_ids"]} == set(syr["article_ids"])
    assert syr["label"] == "Syria"
    # reports that tell the strike only in passing, with no year to date it by: the seed's
    # "after the regime killed 34 Turkish troops in an aerial attack in late February" and
    # the Spring Shield lead's "following the killing of Turkish troops ... last week"
    said = [s["sentence"] for s in strike["sources"]]
    assert any("after the regime killed 34 Turkish troops" in s for s in said)
    assert any("following the killing of Turkish troops in an air strike last week" in s
               for s in said)


def test_qaminas_strike_gathers_the_seed_and_the_undated_report(combined_db: Path) -> None:
    strikes = [
        e for e in _events(combined_db, event_type="ASSAULT", place="Qaminas")
        if e["date"]["start"] == "2020-02-20"
    ]  # fmt: skip
    assert len(strikes) == 1
    docs = {s["doc"] for s in strikes[0]["sources"]}
    # the seed report, and a report with no date that is dated by the events it joins
    assert {"003_751a1e32f3fb7b38", "nfm_qaminas_jet_dispute"} <= docs
    assert {"SYR", "RUS"} <= _claims(strikes[0], "perpetrator")
    # a vague sentence of the seed report, never met in the busy Idlib blocks, still
    # joins the event its report tells of
    assert any(s["sentence"].startswith("Analysts have also used maps")
               for s in strikes[0]["sources"])


def test_first_joint_patrol_carries_the_outcome_dispute(combined_db: Path) -> None:
    patrols = [
        e for e in _events(combined_db, event_type="COOPERATE", since="2020-03-15",
                           until="2020-03-15")
        if "outcome" in {c["field"] for c in e["contradictions"]}
    ]  # fmt: skip
    assert len(patrols) == 1
    patrol = patrols[0]
    assert {"completed", "cut_short"} <= _claims(patrol, "outcome")
    docs = {s["doc"] for s in patrol["sources"]}
    assert "002_62335940e15ec100" in docs, "the undated seed report joins the dated event"
    assert len({s["outlet"] for s in patrol["sources"]}) >= 3


def _scores(db: Path, gold_path: Path) -> dict:
    """Score a pipeline database against a gold clusters file."""
    return _scored(db, [json.loads(line) for line in gold_path.read_text().splitlines()])


def _scored(db: Path, gold: list[dict]) -> dict:
    """Score a pipeline database against gold clusters."""
    store = Store(db)
    events = store.event_records(limit=None)
    return score_store(gold, events, store.mentions_by_id(m for e in events for m in e.mention_ids))


def test_sample_corpus_scores_stay_above_measured_floors(sample_db: Path) -> None:
    scores = _scores(sample_db, sample_gold_path())
    # floors set a little under what docs/evaluation.md records for this commit
    assert scores["event_recall"] >= 0.95
    assert scores["mention_recall"] >= 0.9
    assert scores["event_type_accuracy"] >= 0.85
    assert scores["fatalities_accuracy"] >= 0.8
    assert scores["place_accuracy_25km"] >= 0.7
    assert scores["date_accuracy"] >= 0.9
    assert scores["cluster_bcubed_precision"] >= 0.98
    assert scores["cluster_bcubed_recall"] >= 0.98
    assert scores["cluster_bcubed_f1"] >= 0.98
    assert scores["contradiction_recall"] >= 0.95


def test_sample_and_seeds_together_score_above_measured_floors(combined_db: Path) -> None:
    from sitroom.evaluate import read_jsonl, seeds_gold_path
    from sitroom.evaluate.sample import with_seeds

    scores = _scored(combined_db, with_seeds(read_jsonl(sample_gold_path()),
                                             read_jsonl(seeds_gold_path())))
    # floors a little under docs/evaluation.md's sample+seeds rows
    assert scores["cluster_bcubed_precision"] >= 0.99
    assert scores["cluster_bcubed_recall"] >= 0.99
    assert scores["cluster_bcubed_f1"] >= 0.99
    assert scores["mention_recall"] >= 0.99
    assert scores["contradiction_recall"] >= 0.95
    assert scores["contradiction_precision"] >= 0.95


FIXTURES = Path(__file__).resolve().parent / "fixtures"
# floors under the held-out scores in docs/evaluation.md; they only guard regressions
HELDOUT_FLOORS = {
    "heldout": {"event_recall": 0.9, "mention_recall": 0.7, "cluster_bcubed_precision": 0.95,
                "cluster_bcubed_f1_extracted_only": 0.88, "cluster_bcubed_f1": 0.67,
                "contradiction_recall": 0.6},
    "heldout2": {"event_recall": 0.9, "mention_recall": 0.63, "cluster_bcubed_precision": 0.9,
                 "cluster_bcubed_f1_extracted_only": 0.77, "cluster_bcubed_f1": 0.52,
                 "contradiction_recall": 0.7},
    "heldout3": {"event_recall": 0.85, "mention_recall": 0.75, "cluster_bcubed_precision": 0.9,
                 "cluster_bcubed_f1_extracted_only": 0.72, "cluster_bcubed_f1": 0.58},
    "heldout4": {"event_recall": 0.95, "mention_recall": 0.7, "cluster_bcubed_precision": 0.93,
                 "cluster_bcubed_f1_extracted_only": 0.7, "cluster_bcubed_f1": 0.46},
    "heldout5": {"mention_recall": 0.6, "cluster_bcubed_precision": 0.92,
                 "cluster_bcubed_f1_extracted_only": 0.57, "cluster_bcubed_f1": 0.32,
                 "place_accuracy_25km": 0.8},
    # blind: never tuned on; the floor only catches a regression
    "heldout6": {"mention_recall": 0.6, "cluster_bcubed_precision": 0.88,
                 "cluster_bcubed_f1_extracted_only": 0.42, "cluster_bcubed_f1": 0.24},
}


@pytest.mark.parametrize("corpus", sorted(HELDOUT_FLOORS))
def test_heldout_corpus_scores_stay_above_measured_floors(
        corpus: str, tmp_path: Path) -> None:
    from sitroom.pipeline import run

    db = tmp_path / f"{corpus}.db"
    run([FIXTURES / corpus / "docs"], db=db)
    scores = _scores(db, FIXTURES / corpus / "gold.jsonl")
    for metric, floor in HELDOUT_FLOORS[corpus].items():
        assert scores[metric] >= floor, metric


def _ceasefire(db: Path) -> dict:
    agreements = Store(db).agreement_records()
    return next(a for a in agreements if a.get("signed") == "2020-03-05")


@pytest.mark.parametrize("fixture", ["seed_db", "sample_db"])
def test_march_5_agreement_has_the_m4_corridor_and_patrols(
    fixture: str, request: pytest.FixtureRequest
) -> None:
    agreement = _ceasefire(request.getfixturevalue(fixture))
    assert set(agreement["parties"]) == {"TUR", "RUS"}
    corridor = next(t for t in agreement["terms"] if t["kind"] == "corridor")
    assert (corridor["buffer_km_north"], corridor["buffer_km_south"]) == (6.0, 6.0)
    patrol = next(t for t in agreement["terms"] if t["kind"] == "patrol")
    assert patrol["start"] == "2020-03-15"
    assert all(t["evidence"] for t in agreement["terms"] if t["kind"] in ("corridor", "patrol"))


def test_the_march_5_deal_holds_the_undated_seed_reports_sentences_on_it(
    combined_db: Path,
) -> None:
    deals = [e for e in _events(combined_db, event_type="AGREE", since="2020-03-05",
                                until="2020-03-05")]
    assert len(deals) == 1
    said = {s["sentence"] for s in deals[0]["sources"] if s["doc"] == "002_62335940e15ec100"}
    assert any(s.startswith("A deal brokered by President Recep") for s in said)
    assert any(s.startswith("The deal has brought about") for s in said)
    assert not [e for e in _events(combined_db, event_type="AGREE")
                if e["date"]["start"] is None
                and any(s["doc"] == "002_62335940e15ec100" for s in e["sources"])]


def _flag(event: dict) -> str | None:
    statuses = {v["status"] for v in event["violations"]}
    return "inside" if "inside" in statuses else next(iter(statuses), None)


def test_violation_flags_on_the_sample_corpus(sample_db: Path) -> None:
    assaults = _events(sample_db, event_type="ASSAULT")
    by = {(e["date"]["start"], (e["location"] or {}).get("name")): e for e in assaults}
    mhambal = by[("2020-03-24", "Mhambal")]  # on the M4, after the ceasefire
    assert _flag(mhambal) == "inside"
    assert mhambal["violations"][0]["distance_km"] < 6
    ariha = by[("2020-02-26", "Ariha")]  # on the M4, before the ceasefire
    assert _flag(ariha) is None
    far = [e for e in assaults if e["date"]["start"] == "2020-03-28"]  # ~36 km north
    assert far and all(_flag(e) is None for e in far)
    province = [
        e for e in assaults
        if e["date"]["start"] == "2020-03-19" and e["location"]["precision"] == "admin1"
    ]  # fmt: skip
    assert province and all(_flag(e) == "possibly_inside" for e in province)


def test_weekly_counts_and_patrols_track_the_march_5_terms(sample_db: Path) -> None:
    store = Store(sample_db)
    weekly = store.zone_weekly(agreement="5 March")
    corridor = [r for r in weekly if r["term_kind"] == "corridor"]
    assert any(r["before_effective"] for r in corridor)
    assert any(not r["before_effective"] and r["inside"] for r in corridor)
    patrols = store.patrols(agreement="5 March")
    assert any(p["status"] == "as_agreed" and p["after_start"] for p in patrols)
    disputed = [store.event(p["event_id"]) for p in patrols]
    assert any(c["field"] == "outcome" for e in disputed for c in e["contradictions"])
    # both follow the same event filters as the rest of the query API
    assert not store.zone_weekly(agreement="5 March", since="2031-01-01")
    assert not store.patrols(agreement="5 March", until="2019-12-31")
    assert store.patrols(agreement="5 March", event_type="COOPERATE") == patrols


def test_a_gold_dispute_over_a_field_that_is_not_scored_is_no_miss() -> None:
    from sitroom.records import Contradiction, Event, Mention

    mention = Mention("m1", "a1", "ASSAULT", sentence="Shells hit the town.", doc="d1")
    event = Event("e1", "ASSAULT", mention_ids=["m1"],
                  contradictions=[Contradiction(field="perpetrator")])
    gold = [{"cluster": "c1", "event_type": "ASSAULT", "contradictions": ["perpetrator", "date"],
             "mentions": [{"doc": "d1", "sentence_contains": "Shells hit"}]}]
    scores = score_store(gold, [event], {"m1": mention})
    assert scores["contradiction_recall"] == 1.0  # the date dispute is not scored


def test_spring_shield_carries_the_disputed_neutralized_figure(combined_db: Path) -> None:
    shield = [
        e for e in _events(combined_db, event_type="ASSAULT", since="2020-03-01",
                           until="2020-03-01")
        if "fatalities" in {c["field"] for c in e["contradictions"]}
    ]  # fmt: skip
    assert len(shield) == 1
    claims = _claims(shield[0], "fatalities")
    assert {"far lower", "invented"} <= claims  # the monitors' and Moscow's answers


def test_the_nayrab_offensive_is_apart_from_the_strike_told_in_one_sentence_with_it(
    combined_db: Path,
) -> None:
    def holding(words: str) -> list[dict]:
        return [e for e in _events(combined_db, event_type="ASSAULT", since="2020-02-20",
                                   until="2020-02-20")
                if any(words in s["sentence"] for s in e["sources"])]

    (offensive,) = holding("Syrian rebel factions backed by Turkey launched an attack")
    (strike,) = holding("Two Turkish soldiers were killed and five were wounded on Thursday")
    assert offensive["id"] != strike["id"]
    # one sentence, two acts: a source of both events
    assert offensive in holding("supporting an offensive") and \
        strike in holding("supporting an offensive")
    # "struck armed groups on Thursday after militants ... broke through": both again
    both = holding("after militants backed by Turkish artillery broke through")
    assert offensive in both and strike in both
    # the seed's "Turkey launched an operation into regime-held parts": Turkey fights beside
    # the rebels it backs, which is no dispute over who attacked
    assert offensive in holding("launched an operation into regime-held parts of Idlib")
    # the seed's next sentence, with no date or place of its own, goes with the act told
    # just before it; an aside never brings its event a dispute
    assert offensive in holding("Footage on social media showed Turkish troops")
    assert not offensive["contradictions"]


def test_the_2017_convoy_is_one_event_with_the_seeds_and_where_it_was_heading(
    combined_db: Path,
) -> None:
    convoys = [e for e in _events(combined_db, event_type="MOBILIZE")
               if any(s["doc"] == "001_a37cb9fa4c79dbd1" for s in e["sources"])]
    assert len(convoys) == 1
    (convoy,) = convoys
    assert convoy["date"]["start"] == "2017-10-12"
    said = [s["sentence"] for s in convoy["sources"]]
    # where the convoy was heading (western Aleppo province) is not where it crossed
    assert any("the troops were headed towards" in s for s in said)
    assert any("the convoy turned west after crossing" in s for s in said)
    # a 2020 report's undated "for several weeks Turkey has been amassing troops" is not it
    assert "003_751a1e32f3fb7b38" not in {s["doc"] for s in convoy["sources"]}
    assert len({s["outlet"] for s in convoy["sources"]}) >= 4


def test_technical_talks_in_march_are_apart_from_the_february_emergency_meeting(
    combined_db: Path,
) -> None:
    def holding(words: str) -> dict:
        (event,) = [e for e in _events(combined_db, event_type="CONSULT")
                    if any(words in s["sentence"] for s in e["sources"])]
        return event

    talks = holding("Following technical talks with the Russian counterparts")
    assert talks == holding("said after technical talks in Ankara")
    meeting = holding("chaired an emergency security meeting in Ankara overnight")
    assert meeting["id"] != talks["id"]
    # "overnight" in a report headed "HATAY, Feb 28": the night of the Balyun strike
    assert meeting["date"]["start"] == "2020-02-27"
    assert talks["date"]["start"] >= "2020-03-06"  # "in the last week" of a 15 March report


def test_a_campaign_told_over_recent_weeks_by_two_reports_is_one_event(
    combined_db: Path,
) -> None:
    # "Over recent weeks Russian jets have also bombed HTS bases" (a report with no date)
    # and seed 004's "Russia has recently stepped up its attacks on ... Idlib"
    campaigns = [e for e in _events(combined_db, event_type="ASSAULT")
                 if any("Over recent weeks Russian jets" in s["sentence"] for s in e["sources"])]
    assert len(campaigns) == 1
    said = [s["sentence"] for s in campaigns[0]["sources"]]
    assert any(s.startswith("Russia has recently stepped up its attacks") for s in said)
    assert campaigns[0]["date"]["precision"] == "month"
