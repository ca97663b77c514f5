"""Ingest: files and folders (text, HTML, JSONL, RSS/Atom, WARC) → Articles.

Bad inputs come back as :class:`~sitroom.errors.IngestProblem` items in the
same stream, so one broken file never stops a batch.
"""

from __future__ import annotations

from sitroom.ingest.ids import article_id
from sitroom.ingest.walk import iter_articles

__all__ = ["article_id", "iter_articles"]
