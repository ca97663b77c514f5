"""Incremental fusion: a later ingest reads and rewrites only the events its period reaches."""

from __future__ import annotations

import shutil
from pathlib import Path

import orjson
import pytest
from sqlalchemy import select

import sitroom
from sitroom import fuse, pipeline
from sitroom.demo import sample_corpus
from sitroom.records import DateRef, Mention
from sitroom.store import Store, events_table

LATE = Path("ceasefire", "aws_idlib_radical_groups_attack.txt")  # March 2020, no agreement


def _events(db: Path) -> dict[str, dict]:
    with Store(db).engine.connect() as conn:
        return {r[0]: orjson.loads(r[1])
                for r in conn.execute(select(events_table.c.id, events_table.c.data))}


def _two_ingests(tmp: Path, name: str) -> Path:
    """Ingest the sample corpus without one late report, then that report alone."""
    first, second = tmp / f"{name}-a", tmp / f"{name}-b"
    shutil.copytree(sample_corpus(), first)
    second.mkdir()
    shutil.move(first / LATE, second / LATE.name)
    db = tmp / f"{name}.db"
    sitroom.run([first], db=db)
    sitroom.run([second], db=db)
    return db


@pytest.fixture(scope="module")
def windowed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _two_ingests(tmp_path_factory.mktemp("inc"), "windowed")


def test_a_windowed_refresh_equals_one_that_reads_every_event(
        windowed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fuse, "time_window", lambda mentions: None)  # always read everything
    full = _two_ingests(tmp_path, "full")
    assert _events(windowed) == _events(full)


def test_the_late_report_reads_only_events_of_its_period(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    shutil.copytree(sample_corpus(), first)
    second.mkdir()
    shutil.move(first / LATE, second / LATE.name)
    db = tmp_path / "s.db"
    sitroom.run([first], db=db)
    before = _events(db)
    read: list[str] = []
    near = Store.events_near

    def spy(self: Store, since: str, until: str) -> list:
        events = near(self, since, until)
        read.extend(e.id for e in events)
        return events

    monkeypatch.setattr(Store, "events_near", spy)
    monkeypatch.setattr(Store, "event_records",
                        lambda self, **kw: pytest.fail("read every event"))
    sitroom.run([second], db=db)
    after = _events(db)
    convoy = [i for i, e in before.items() if (e["date"]["start"] or "").startswith("2017")]
    assert convoy and not set(convoy) & set(read)  # 2017 events were neither read ...
    assert all(after[i] == before[i] for i in convoy)  # ... nor changed
    assert set(before) <= set(after) | set(read)  # nothing outside the window was lost


def _m(mid: str, start: str | None, published: str | None) -> Mention:
    return Mention(id=mid, article_id=mid, event_type="ASSAULT",
                   date=DateRef(start, start, "day" if start else "unknown"),
                   published=published)


def test_time_window_covers_dates_and_the_month_before_publication() -> None:
    assert fuse.time_window([_m("a", "2020-03-10", "2020-03-11"),
                             _m("b", None, "2020-03-20")]) == ("2020-02-12", "2020-03-27")
    assert fuse.time_window([_m("c", None, None)]) is None  # could belong to any time


def test_a_refresh_with_nothing_new_writes_nothing(windowed: Path) -> None:
    before = _events(windowed)
    assert pipeline.refresh(Store(windowed)) == []
    assert _events(windowed) == before
