"""Scale-out: extraction on Dask worker processes gives the same database as a serial run."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitroom.scale import run_distributed
from sitroom.store import Store

pytestmark = pytest.mark.slow


def test_scale_dask_run_matches_the_serial_run(
    tmp_path: Path, seeds_dir: Path, seed_db: Path
) -> None:
    db = tmp_path / "dask.db"
    report = run_distributed([seeds_dir], db=db, n_workers=2, batch_size=2)
    assert report.articles_new == 5 and not report.problems
    serial, parallel = Store(seed_db), Store(db)
    assert parallel.stats() == serial.stats()
    assert [e["id"] for e in parallel.events(limit=None)] == [
        e["id"] for e in serial.events(limit=None)
    ]
