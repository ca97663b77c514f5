"""sitroom: news reports about armed conflict → a traceable situation picture.

Public API::

    import sitroom
    report = sitroom.run(["reports/"], db="sitroom.db")   # ingest, extract, fuse, store
    db = sitroom.open("sitroom.db")
    db.events(event_type="ASSAULT", since="2020-02-01")   # public event records
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sitroom.errors import IngestProblem, SitroomError
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

if TYPE_CHECKING:
    from sitroom.pipeline import RunReport
    from sitroom.store import Store

__version__ = "0.1.0"


def run(paths: Any, db: str | Path = "sitroom.db", **options: Any) -> RunReport:
    """Ingest, extract, fuse and store reports (see :func:`sitroom.pipeline.run`)."""
    from sitroom.pipeline import run as _run

    return _run(paths, db=db, **options)


def open(db: str | Path = "sitroom.db") -> Store:  # noqa: A001 - mirrors sqlite3.connect-style API
    """Open (or create) a sitroom database and return its :class:`Store`."""
    from sitroom.store import Store

    return Store(db)


def __getattr__(name: str) -> Any:
    """Load the heavier public classes on first use, so ``import sitroom`` stays light."""
    if name == "RunReport":
        from sitroom.pipeline import RunReport

        return RunReport
    if name == "Store":
        from sitroom.store import Store

        return Store
    raise AttributeError(f"module 'sitroom' has no attribute {name!r}")


__all__ = [
    "ActorRef",
    "Article",
    "Claim",
    "Contradiction",
    "DateRef",
    "Event",
    "IngestProblem",
    "Mention",
    "PlaceRef",
    "Quantity",
    "RunReport",
    "SitroomError",
    "Store",
    "open",
    "run",
]
