"""RSS and Atom feeds: one article per item, dated by the item's pubDate."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import feedparser

from sitroom.errors import IngestError, IngestProblem
from sitroom.ingest.assemble import build_article
from sitroom.ingest.dates import parse_date
from sitroom.ingest.decode import read_bytes
from sitroom.ingest.html import fragment_text
from sitroom.records import Article

FEED_MARKERS = (b"<rss", b"<feed", b"<rdf:rdf")
_SECTION_SEPARATOR = re.compile(r"\s+[|–—:-]\s+|:\s+")


def looks_like_feed(head: bytes) -> bool:
    """Return True when the first bytes of a file open an RSS, Atom or RDF feed."""
    lowered = head[:2048].lower()
    return any(marker in lowered for marker in FEED_MARKERS)


def feed_outlet(title: str | None) -> str | None:
    """Return a feed's outlet name without its section ("Caspian Dispatch - World")."""
    if not title or not title.strip():
        return None
    return _SECTION_SEPARATOR.split(title.strip(), maxsplit=1)[0].strip() or None


def read_feed_file(path: Path, max_bytes: int) -> Iterator[Article | IngestProblem]:
    """Yield one Article per feed item; an item without text is reported."""
    data = read_bytes(path, max_bytes)
    if b"\x00" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise IngestError("binary file (contains NUL bytes)")
    parsed = feedparser.parse(data)
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception")
        raise IngestError(f"not an RSS/Atom feed{f' ({reason})' if reason else ''}")
    if not parsed.entries:
        raise IngestError("feed has no items")
    outlet = feed_outlet(parsed.feed.get("title"))
    for n, entry in enumerate(parsed.entries, 1):
        try:
            yield _entry_article(entry, n=n, path=path, outlet=outlet)
        except IngestError as exc:
            yield IngestProblem(f"{path}#{n}", str(exc))


def _entry_article(entry: Any, *, n: int, path: Path, outlet: str | None) -> Article:
    """Build the Article one feed item describes."""
    bodies = [c.get("value", "") for c in entry.get("content", [])]
    bodies.append(entry.get("summary", ""))
    text = fragment_text(max(bodies, key=len)) if any(bodies) else ""
    title = entry.get("title") or None
    if not text.strip() and not title:
        raise IngestError("feed item has neither text nor title")
    url = entry.get("link") or None
    published = _entry_date(entry)
    return build_article(
        text or title or "",
        doc=url or f"{path.stem}#{n}",
        fmt="rss",
        source_path=path,
        title=title,
        url=url,
        outlet=outlet,
        published=published,
        published_how="feed" if published else None,
    )


def _entry_date(entry: Any) -> str | None:
    """Return the item's stated publication (else update) day, as written in its time zone."""
    for key in ("published", "updated"):
        day = parse_date(entry.get(key))
        if day is None and entry.get(f"{key}_parsed"):
            day = time.strftime("%Y-%m-%d", entry[f"{key}_parsed"])
        if day is not None:
            return day
    return None
