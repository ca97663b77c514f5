"""Scale-out: the same pipeline, with batch extraction mapped over Dask workers.

Ingest (cheap, I/O) and storing (one writer, one transaction per batch) stay
in the driver; the parse + extraction of each batch — the dominant cost —
runs on worker processes, each of which loads spaCy once. Only a bounded
number of batches is in flight, so memory stays flat as the input grows.
Point ``db`` at a PostgreSQL URL for a team database.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from sitroom.pipeline import Extracted, RunReport, extract_batch, run
from sitroom.records import Article


def dask_map(client: Any, *, max_in_flight: int = 4) -> Any:
    """A ``map_batches`` for :func:`sitroom.pipeline.run` that extracts on Dask workers."""
    from dask.distributed import as_completed

    def mapper(batches: Iterable[list[Article]]) -> Iterator[Extracted]:
        pending = as_completed()
        for batch in batches:
            pending.add(client.submit(extract_batch, batch, pure=False))
            while pending.count() >= max_in_flight:
                yield next(pending).result()
        for future in pending:
            yield future.result()

    return mapper


def run_distributed(
    paths: Iterable[str | Path],
    db: str | Path = "sitroom.db",
    *,
    n_workers: int = 2,
    batch_size: int = 16,
    client: Any = None,
    **options: Any,
) -> RunReport:
    """Run the pipeline with extraction on a local Dask cluster (or the given client).

    ``options`` (progress, on_problem) pass through to :func:`sitroom.pipeline.run`.
    """
    if client is not None:
        return run(paths, db=db, batch_size=batch_size, map_batches=dask_map(client), **options)
    from dask.distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=n_workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
        ) as cluster,
        Client(cluster) as local,
    ):
        return run(paths, db=db, batch_size=batch_size, map_batches=dask_map(local), **options)
