"""The CLI is a thin shell: each command reaches the library and prints its result."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitroom.cli import app
from sitroom.store import Store

pytestmark = pytest.mark.slow
runner = CliRunner()


def _ok(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_cli_events_json_lists_public_records(seed_db: Path) -> None:
    out = _ok("events", "--db", str(seed_db), "--format", "json", "--limit", "500")
    records = json.loads(out)
    assert records and all(r["schema"] == 1 and r["sources"] for r in records)


def test_cli_show_prints_evidence_and_sources(seed_db: Path) -> None:
    rec = Store(seed_db).events(limit=1)[0]
    out = _ok("show", rec["id"], "--db", str(seed_db))
    assert rec["sources"][0]["sentence"][:30] in " ".join(out.split())


def test_cli_show_unknown_event_is_one_clear_error(seed_db: Path) -> None:
    result = runner.invoke(app, ["show", "evt_nope", "--db", str(seed_db)])
    assert result.exit_code == 1
    assert "no event evt_nope" in result.output


@pytest.mark.parametrize("fmt", ["jsonl", "acled-csv", "geojson", "plover-json"])
def test_cli_export_writes_each_format(seed_db: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"x.{fmt}"
    _ok("export", "--format", fmt, "-o", str(out), "--db", str(seed_db))
    assert out.stat().st_size > 0


def test_cli_export_mentions_level_has_one_source_each(seed_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "m.jsonl"
    _ok("export", "--level", "mentions", "-o", str(out), "--db", str(seed_db))
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert rows and all(len(r["sources"]) == 1 for r in rows)


@pytest.mark.parametrize("fmt", ["text", "md", "html"])
def test_cli_timeline_formats(seed_db: Path, fmt: str) -> None:
    assert _ok("timeline", "--db", str(seed_db), "--format", fmt).strip()


def test_cli_summary_cites_articles(seed_db: Path) -> None:
    out = _ok("summary", "--db", str(seed_db), "--max-sentences", "5")
    assert "[1]" in out


def test_cli_zones_and_violations_run(seed_db: Path) -> None:
    zones = json.loads(_ok("zones", "--db", str(seed_db), "--format", "json"))
    assert isinstance(zones, list)
    _ok("violations", "--db", str(seed_db))
    assert "n_events" in _ok("stats", "--db", str(seed_db))


@pytest.mark.parametrize("command", [["events"], ["timeline"], ["summary"], ["stats"],
                                     ["violations"], ["zones", "weekly"],
                                     ["export", "-o", "out.jsonl"]])
def test_cli_query_on_a_missing_database_is_an_error_not_an_empty_one(
        tmp_path: Path, command: list[str]) -> None:
    missing = tmp_path / "typo.db"
    args = [*command, "--db", str(missing)] if command[0] != "zones" else \
        ["zones", "--db", str(missing), *command[1:]]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert "no sitroom database at" in result.output and str(missing) in result.output
    assert not missing.exists()
