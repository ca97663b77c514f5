"""Re-ingest after an upgrade: stale extractions are redone, current ones stay a strict no-op."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import DDL, insert, inspect, select, update

import sitroom
from sitroom import pipeline
from sitroom.demo import sample_corpus
from sitroom.errors import StoreError
from sitroom.records import DateRef, stable_id
from sitroom.store import (
    Store,
    articles_table,
    event_mentions_table,
    events_table,
    mentions_table,
    meta_table,
)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled sample corpus ingested once by the current extractor (never modified)."""
    db = tmp_path_factory.mktemp("reextract") / "built.db"
    sitroom.run([sample_corpus()], db=db)
    return db


@pytest.fixture
def db(built: Path, tmp_path: Path) -> Path:
    """A private copy of the built database for one test to change."""
    copy = tmp_path / "copy.db"
    shutil.copy(built, copy)
    return copy


def _snapshot(db: Path) -> dict[str, Any]:
    """Everything extraction and fusion stored, in a comparable form."""
    store = Store(db)
    with store.engine.connect() as conn:
        articles = sorted(conn.execute(select(articles_table.c.id, articles_table.c.text)).all())
        mentions = sorted(conn.execute(select(mentions_table.c.id, mentions_table.c.data)).all())
        events = sorted(conn.execute(select(events_table.c.id, events_table.c.data)).all())
        links = sorted(conn.execute(select(event_mentions_table)).all())
    agreements = sorted((_agreement(a) for a in store.agreement_records()), key=lambda a: a["id"])
    return {"articles": articles, "mentions": mentions, "events": events, "links": links,
            "agreements": agreements}  # fmt: skip


def _agreement(record: dict[str, Any]) -> dict[str, Any]:
    """An agreement with its terms and evidence in a fixed order (merging order may vary)."""

    def by_place(items: list[dict]) -> list[dict]:
        return sorted(items, key=lambda e: (e.get("article_id") or "", e.get("start") or 0))

    terms = [t | {"evidence": by_place(t["evidence"])} for t in record["terms"]]
    return record | {"terms": sorted(terms, key=lambda t: (t["kind"], t["name"])),
                     "sources": by_place(record["sources"])}  # fmt: skip


def _set_extractor(db: Path, value: str | None, article_id: str | None = None) -> None:
    """Pretend another extractor version produced the stored mentions (of one or all)."""
    store = Store(db)
    stmt = update(articles_table).values(extractor=value)
    if article_id:
        stmt = stmt.where(articles_table.c.id == article_id)
    with store.engine.begin() as conn:
        conn.execute(stmt)


def _assert_nothing_duplicated(snap: dict[str, Any]) -> None:
    linked = [mid for _, mid in snap["links"]]
    assert len(linked) == len(set(linked)), "a mention sits in two events"
    assert set(linked) == {mid for mid, _ in snap["mentions"]}, "a mention is left unfused"
    assert {eid for eid, _ in snap["links"]} == {eid for eid, _ in snap["events"]}
    for a in snap["agreements"]:
        keys = [(s.get("article_id"), s.get("start"), s.get("end")) for s in a["sources"]]
        assert len(keys) == len(set(keys)), f"agreement {a['name']} repeats a source"


def test_fingerprint_is_short_hex_and_every_pattern_finds_files() -> None:
    fp = pipeline.extractor_fingerprint()
    assert len(fp) == 16 and int(fp, 16) >= 0
    root = Path(sitroom.__file__).parent
    for pattern in pipeline._EXTRACTOR_FILES:
        assert any(p.is_file() for p in root.glob(pattern)), pattern


def test_rerun_with_the_same_extractor_is_a_strict_no_op(db: Path) -> None:
    before = _snapshot(db)
    report = sitroom.run([sample_corpus()], db=db)
    assert report.articles_new == 0 and report.reextracted == 0 and report.mentions_new == 0
    assert report.duplicates == report.articles_read == len(before["articles"])
    assert _snapshot(db) == before
    _assert_nothing_duplicated(before)


def test_rerun_after_an_upgrade_reextracts_everything_without_duplicates(
    db: Path, built: Path
) -> None:
    _set_extractor(db, "0123456789abcdef")
    report = sitroom.run([sample_corpus()], db=db)
    assert report.reextracted == report.articles_read > 0
    assert report.articles_new == 0 and report.duplicates == 0
    after = _snapshot(db)
    assert after == _snapshot(built)  # same mentions, event ids, links and agreements
    _assert_nothing_duplicated(after)
    assert sitroom.run([sample_corpus()], db=db).reextracted == 0


def test_an_old_extraction_error_is_replaced_and_its_event_dissolved(db: Path, built: Path) -> None:
    store = Store(db)
    event = store.event_records(limit=None)[0]
    good = store.mentions_by_id(event.mention_ids)[event.mention_ids[0]]
    wrong = replace(good, id=stable_id("men", good.article_id, "old-extractor"),
                    date=DateRef(start="2019-03-15", end="2019-03-15", precision="day"))
    with store.engine.begin() as conn:  # a wrongly dated mention an older extractor left, fused
        conn.execute(insert(mentions_table), [Store._mention_row(wrong)])
    pipeline.refresh(store)
    assert wrong.id in {mid for _, mid in _snapshot(db)["links"]}
    _set_extractor(db, None, good.article_id)

    report = sitroom.run([sample_corpus()], db=db)

    assert report.reextracted == 1 and report.articles_new == 0
    after = _snapshot(db)
    assert wrong.id not in {mid for mid, _ in after["mentions"]}
    assert after == _snapshot(built)
    _assert_nothing_duplicated(after)


def test_agreements_of_a_reextracted_article_are_not_duplicated(db: Path, built: Path) -> None:
    agreements = _snapshot(built)["agreements"]
    cited = {s["article_id"] for a in agreements for s in a["sources"] if s.get("article_id")}
    assert cited, "the sample corpus should yield agreements with sources"
    for article_id in sorted(cited):
        _set_extractor(db, "stale", article_id)
    report = sitroom.run([sample_corpus()], db=db)
    assert report.reextracted == len(cited)
    after = _snapshot(db)
    assert after["agreements"] == agreements
    _assert_nothing_duplicated(after)


def test_a_run_that_dies_before_fusion_is_finished_by_the_next_run(
    tmp_path: Path, built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def die(*_args: Any, **_kwargs: Any) -> None:
        raise RuntimeError("killed before fusion")

    db = tmp_path / "died.db"
    with monkeypatch.context() as patch:
        patch.setattr(pipeline, "refresh", die)
        with pytest.raises(RuntimeError):
            sitroom.run([sample_corpus()], db=db)
    assert Store(db).stats()["n_events"] == 0 and Store(db).agreement_records() == []

    report = sitroom.run([sample_corpus()], db=db)
    assert report.reextracted == report.articles_read and report.articles_new == 0
    assert _snapshot(db) == _snapshot(built)


def test_an_old_schema_database_opens_migrates_and_reextracts_from_stored_text(
    db: Path, built: Path
) -> None:
    store = Store(db)
    with store.engine.begin() as conn:  # the articles table as it was before fingerprints
        conn.execute(DDL("DROP INDEX ix_articles_extractor"))
        conn.execute(DDL("ALTER TABLE articles DROP COLUMN extractor"))
        conn.execute(update(meta_table).where(meta_table.c.key == "schema_version")
                     .values(value="1"))  # fmt: skip
    store.engine.dispose()

    migrated = Store(db)
    with migrated.engine.connect() as conn:
        key = meta_table.c.key == "schema_version"
        version = conn.execute(select(meta_table.c.value).where(key)).scalar_one()
    assert int(version) == 2
    indexes = {i["name"] for i in inspect(migrated.engine).get_indexes("articles")}
    assert "ix_articles_extractor" in indexes
    ids = [a for a, _ in _snapshot(built)["articles"]]
    assert set(migrated.article_extractors(ids).values()) == {None}  # unknown: stale
    assert migrated.count_events() == len(_snapshot(built)["events"])  # still readable

    seen: list[str] = []
    report = pipeline.reextract(db, batch_size=5, progress=lambda a: seen.append(a.id))
    assert report.reextracted == report.articles_read == len(ids)
    assert sorted(seen) == sorted(ids)  # every article once, paged in batches of 5
    after = _snapshot(db)
    assert after == _snapshot(built)
    _assert_nothing_duplicated(after)
    assert set(migrated.article_extractors(ids).values()) == {pipeline.extractor_fingerprint()}
    assert pipeline.reextract(db).reextracted == 0


def test_a_database_from_a_newer_sitroom_is_refused(db: Path) -> None:
    with Store(db).engine.begin() as conn:
        conn.execute(update(meta_table).where(meta_table.c.key == "schema_version")
                     .values(value="99"))  # fmt: skip
    with pytest.raises(StoreError, match="newer"):
        Store(db)


def test_cli_reextract_and_run_say_how_many_articles_were_reextracted(db: Path) -> None:
    from typer.testing import CliRunner

    from sitroom.cli import app

    runner = CliRunner()
    assert runner.invoke(app, ["reextract", "--db", str(db.with_name("missing.db"))]).exit_code == 1
    _set_extractor(db, "stale", _snapshot(db)["articles"][0][0])
    result = runner.invoke(app, ["reextract", "--db", str(db)])
    assert result.exit_code == 0 and "re-extracted 1 stored articles" in result.output
    _set_extractor(db, None)
    result = runner.invoke(app, ["run", str(sample_corpus()), "--db", str(db)])
    assert result.exit_code == 0
    assert f"re-extracted {len(_snapshot(db)['articles'])} stored articles" in result.output
