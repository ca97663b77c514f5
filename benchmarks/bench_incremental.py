"""Incremental ingest benchmark: a day's new reports refreshed against a large database.

Builds a SQLite database of synthetic, already fused mentions over several years (the
generator of ``bench_fusion.py``), then adds one day of new reports and times
``pipeline.refresh`` two ways in the same run, each on its own copy of the database:
windowed (only the events the new reports' period can reach are read and rewritten, the
default) and full (every stored event read and rewritten, as when agreements change).
Prints CPU seconds, events read, and the full/windowed ratio.

Usage: python benchmarks/bench_incremental.py [--mentions 20000] [--years 4] [--new 20]
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from bench_fusion import START, make_mentions

from sitroom import fuse, pipeline
from sitroom.records import Article, DateRef, Mention
from sitroom.store import Store


def _articles(mentions: list[Mention]) -> list[Article]:
    """One stored article per synthetic article id (the text is the mention's sentence)."""
    seen: dict[str, Article] = {}
    for m in mentions:
        seen.setdefault(m.article_id, Article(id=m.article_id, doc=m.article_id,
                                              text=m.sentence or "", outlet=m.outlet,
                                              published=m.published))
    return list(seen.values())


def _store(db: Path, mentions: list[Mention]) -> None:
    store = Store(db)
    for i in range(0, len(mentions), 2000):
        chunk = mentions[i : i + 2000]
        store.add_batch(_articles(chunk), chunk)


def _timed_refresh(db: Path, *, full: bool) -> tuple[float, int]:
    """CPU seconds of one refresh, and how many stored events it read."""
    window = fuse.time_window
    if full:
        fuse.time_window = lambda mentions: None  # what a change of agreements forces
    try:
        start = time.process_time()
        events = pipeline.refresh(Store(db))
        return time.process_time() - start, len(events)
    finally:
        fuse.time_window = window


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mentions", type=int, default=20000)
    parser.add_argument("--years", type=int, default=4)
    parser.add_argument("--new", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "base.db"
        old, _ = make_mentions(args.mentions, seed=7, days=365 * args.years)
        _store(base, old)
        start = time.process_time()
        pipeline.refresh(Store(base))
        built = time.process_time() - start
        n_events = Store(base).stats()["n_events"]
        day = (START + timedelta(days=365 * args.years - 10)).isoformat()
        new, _ = make_mentions(args.new, seed=11, days=1)
        new = [replace(m, id=f"new{m.id}", article_id=f"new{m.article_id}",
                       date=DateRef(day, day, "day"), published=day) for m in new]
        print(f"database: {len(old):,} mentions, {n_events:,} events "
              f"(first fusion {built:.1f} s CPU); adding {len(new)} reports of {day}")
        times = {}
        for label, full in (("windowed", False), ("full", True)):
            db = Path(tmp) / f"{label}.db"
            shutil.copy(base, db)
            _store(db, new)
            seconds, read = _timed_refresh(db, full=full)
            times[label] = seconds
            print(f"{label:9} refresh: {seconds:7.2f} s CPU, {read:,} events read and rewritten")
        print(f"full / windowed: {times['full'] / max(times['windowed'], 1e-9):.1f}x")


if __name__ == "__main__":
    main()
