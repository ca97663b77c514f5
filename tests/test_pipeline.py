"""End to end on real inputs: the five seed reports, bad files, re-runs and exports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import sitroom
from sitroom import export
from sitroom.store import Store

pytestmark = pytest.mark.slow


def _mentions(db: Path) -> list:
    store = Store(db)
    events = store.event_records(limit=None)
    return list(store.mentions_by_id(m for e in events for m in e.mention_ids).values())


def test_pipeline_stores_events_for_every_seed_report(seed_db: Path, seeds_dir: Path) -> None:
    docs = {m.doc for m in _mentions(seed_db)}
    assert docs == {p.stem for p in seeds_dir.glob("*.txt")}


def test_pipeline_keeps_both_attributions_of_the_disputed_strike(seed_db: Path) -> None:
    assaults = [m for m in _mentions(seed_db) if m.event_type == "ASSAULT"]
    claims = [(m.actor1.country if m.actor1 else None, " ".join(m.attribution)) for m in assaults]
    assert any(country == "SYR" and "Altun" in chain for country, chain in claims)
    assert any(country == "RUS" and "activists" in chain for country, chain in claims)


def test_pipeline_places_the_first_patrol_on_the_m4_with_the_year_unknown(seed_db: Path) -> None:
    patrols = [
        m for m in _mentions(seed_db)
        if m.doc == "002_62335940e15ec100" and "joint patrolling mission" in m.sentence
    ]  # fmt: skip
    assert patrols, "the first-patrol sentence of seed 002 was not coded"
    m = patrols[0]
    assert m.date.start is None and m.date.month_day == "--03-15"
    assert m.location is not None
    assert m.location.country == "SYR" and m.location.admin1 and "Idlib" in m.location.admin1


def test_pipeline_rerun_is_a_no_op(seed_db: Path, seeds_dir: Path) -> None:
    before = Store(seed_db).stats()
    report = sitroom.run([seeds_dir], db=seed_db)
    assert report.articles_new == 0 and report.duplicates == 5
    assert Store(seed_db).stats() == before


def test_pipeline_reports_bad_inputs_by_name_and_goes_on(tmp_path: Path, seeds_dir: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_text("")
    (folder / "blob.txt").write_bytes(b"\x00\x01\x02binary\xff\xfe" * 50)
    (folder / "notes.docx").write_bytes(b"PK\x03\x04")
    good = folder / "good.txt"
    good.write_text((seeds_dir / "003_751a1e32f3fb7b38.txt").read_text(encoding="utf-8"))
    db = tmp_path / "bad.db"
    report = sitroom.run([folder], db=db)
    named = {Path(p.path).name for p in report.problems}
    assert {"empty.txt", "blob.txt", "notes.docx"} <= named
    assert all(p.reason for p in report.problems)
    assert report.articles_new == 1
    assert Store(db).stats()["n_events"] > 0


def test_pipeline_geojson_export_lies_in_syria_and_turkey(seed_db: Path, tmp_path: Path) -> None:
    records = Store(seed_db).events(limit=None)
    path = export.write(records, "geojson", tmp_path / "e.geojson")
    data = json.loads(path.read_text())
    assert data["type"] == "FeatureCollection" and data["features"]
    for f in data["features"]:
        lon, lat = f["geometry"]["coordinates"]
        assert 25 <= lon <= 45 and 32 <= lat <= 43, f["properties"]["place"]


def test_pipeline_every_source_offset_points_at_its_sentence(seed_db: Path) -> None:
    store = Store(seed_db)
    for rec in store.events(limit=None):
        for s in rec["sources"]:
            text = store.article(s["article_id"])["text"]
            assert text[s["start"] : s["end"]] == s["sentence"]


def test_a_toll_that_rose_over_days_is_a_revision_end_to_end(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "first.txt").write_text(
        "Air strike kills 22 soldiers near Balyun\n\nThursday, 27 February, 2020\n\n"
        "At least 22 Turkish soldiers were killed on Thursday in an air strike on their "
        "position near Balyun in Idlib province, officials said.\n", encoding="utf-8")
    (docs / "later.txt").write_text(
        "Balyun toll rises to 34\n\nSunday, 1 March, 2020\n\n"
        "The number of Turkish soldiers killed in Thursday's air strike near Balyun in Idlib "
        "province has risen to 34, the defence ministry said.\n", encoding="utf-8")
    db = tmp_path / "t.db"
    sitroom.run([docs], db=db)
    events = [e for e in Store(db).events(limit=50)
              if any(c["field"] == "fatalities" for c in e["contradictions"])]
    assert len(events) == 1
    [revision] = [c for c in events[0]["contradictions"] if c["field"] == "fatalities"]
    assert revision["kind"] == "revision"
    assert [cl["value"] for cl in revision["claims"]] == [22, 34]
