"""sitroom: news reports about armed conflict → a traceable situation picture.

Public API::

    import sitroom
    report = sitroom.run(["reports/"], db="sitroom.db")   # ingest, extract, fuse, store
    db = sitroom.open("sitroom.db")
    db.events(event_type="ASSAULT", since="2020-02-01")   # public event records
"""

from __future__ import annotations

from pathlib import Path

from sitroom.errors import IngestProblem, SitroomError
from sitroom.pipeline import RunReport, run
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

__version__ = "0.1.0"


def open(db: str | Path = "sitroom.db") -> Store:  # noqa: A001 - mirrors sqlite3.connect-style API
    """Open (or create) a sitroom database and return its :class:`Store`."""
    return Store(db)


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
