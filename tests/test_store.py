"""Store: round-trips records, filters on indexed columns, stays idempotent."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitroom.errors import StoreError
from sitroom.records import (
    ActorRef,
    Article,
    Claim,
    Contradiction,
    DateRef,
    Event,
    Mention,
    PlaceRef,
    Quantity,
)
from sitroom.store import Store


def _article(n: int, text: str = "Text.") -> Article:
    return Article(
        id=f"art_{n}", doc=f"doc{n}", text=text, outlet=f"Outlet {n}", published="2020-02-28"
    )


def _mention(n: int, article: str, place: PlaceRef | None = None) -> Mention:
    return Mention(
        id=f"men_{n}",
        article_id=article,
        event_type="ASSAULT",
        mode="aerial",
        actor1=ActorRef("Syrian Arab Army", "SYR", "MIL"),
        actor2=ActorRef("Turkish Armed Forces", "TUR", "MIL"),
        location=place,
        date=DateRef("2020-02-27", "2020-02-27", "day", "on Thursday"),
        fatalities=Quantity("killed", 33, 33, 33),
        sentence="An air strike killed 33 soldiers.",
        start=0,
        end=5,
        attribution=["Rahmi Dogan"],
        doc=f"doc{n}",
        outlet="Outlet",
    )


BALYUN = PlaceRef("Balyun", 35.66, 36.56, "SYR", "Idlib", "town")


def _event(eid: str, mids: list[str], place: PlaceRef | None = BALYUN, **kw) -> Event:
    return Event(
        id=eid,
        event_type=kw.get("event_type", "ASSAULT"),
        actor1=ActorRef("Syrian Arab Army", "SYR", "MIL"),
        actor2=ActorRef("Turkish Armed Forces", "TUR", "MIL"),
        date=DateRef(kw.get("date", "2020-02-27"), kw.get("date", "2020-02-27"), "day"),
        location=place,
        fatalities=Quantity("killed", 12, 33, 34),
        n_sources=len(mids),
        mention_ids=mids,
        contradictions=kw.get("contradictions", []),
    )


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "t.db")
    s.add_batch([_article(1), _article(2)], [_mention(1, "art_1", BALYUN), _mention(2, "art_2")])
    contra = Contradiction(
        "perpetrator",
        [Claim("SYR", ["art_1"], ["Fahrettin Altun"]), Claim("RUS", ["art_2"], ["activists"])],
    )
    s.replace_events(
        [
            _event("evt_a", ["men_1", "men_2"], contradictions=[contra]),
            _event("evt_b", [], place=None, event_type="AGREE", date="2020-03-05"),
        ]
    )
    return s


def test_store_round_trips_event_records_with_sources(store: Store) -> None:
    rec = store.event("evt_a")
    assert rec is not None
    assert rec["schema"] == 1
    assert rec["location"]["name"] == "Balyun"
    assert {s["article_id"] for s in rec["sources"]} == {"art_1", "art_2"}
    assert rec["contradictions"][0]["claims"][1]["attribution"] == ["activists"]
    assert len(rec["mentions"]) == 2
    assert store.event("evt_missing") is None


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, {"evt_a", "evt_b"}),
        ({"event_type": "assault"}, {"evt_a"}),
        ({"actor": "SYR"}, {"evt_a", "evt_b"}),
        ({"place": "balyun"}, {"evt_a"}),
        ({"since": "2020-03-01"}, {"evt_b"}),
        ({"until": "2020-02-28"}, {"evt_a"}),
        ({"has_contradiction": True}, {"evt_a"}),
        ({"bbox": (36, 35, 37, 36)}, {"evt_a"}),
        ({"min_sources": 2}, {"evt_a"}),
        ({"q": "activists"}, {"evt_a"}),
    ],
)
def test_store_filters(store: Store, filters: dict, expected: set[str]) -> None:
    assert {r["id"] for r in store.events(**filters)} == expected
    assert store.count_events(**filters) == len(expected)


def test_store_knows_articles_and_keeps_reference_tables(store: Store) -> None:
    assert store.known_article_ids(["art_1", "art_9"]) == {"art_1"}
    stats = store.stats()
    assert stats["n_articles"] == 2 and stats["n_events"] == 2
    assert stats["n_events_with_contradictions"] == 1


def test_store_rejects_a_duplicate_batch_without_losing_data(store: Store) -> None:
    with pytest.raises(StoreError):
        store.add_batch([_article(3), _article(1)], [])
    assert store.known_article_ids(["art_1", "art_3"]) == {"art_1"}


def test_store_timeline_buckets_by_week(store: Store) -> None:
    buckets = store.timeline_buckets(bucket="week")
    assert [b["start"] for b in buckets] == ["2020-02-24", "2020-03-02"]
    assert buckets[0]["by_type"] == {"ASSAULT": 1}


def test_store_unfused_mentions_are_those_outside_events(tmp_path: Path) -> None:
    s = Store(tmp_path / "u.db")
    s.add_batch([_article(1)], [_mention(1, "art_1"), _mention(2, "art_1")])
    s.replace_events([_event("evt_a", ["men_1"])])
    assert [m.id for m in s.unfused_mentions()] == ["men_2"]


def test_store_reports_an_unopenable_database(tmp_path: Path) -> None:
    with pytest.raises(StoreError):
        Store(tmp_path / "missing-dir" / "x.db")
