"""Build one Article from raw text plus whatever metadata the reader found."""

from __future__ import annotations

from pathlib import Path

from sitroom.errors import IngestError
from sitroom.ingest.clean import clean
from sitroom.ingest.ids import article_id
from sitroom.records import Article


def build_article(
    raw_text: str,
    *,
    doc: str,
    fmt: str,
    source_path: Path,
    title: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
    published_how: str | None = None,
) -> Article:
    """Clean the text and fill the Article; a dateline dates it when metadata did not."""
    cleaned = clean(raw_text, title=title, outlet=outlet)
    text = "\n\n".join(cleaned.paragraphs)
    if not text:
        raise IngestError("no text left after removing boilerplate")
    if published is None and cleaned.dateline is not None:
        published, published_how = cleaned.dateline, "dateline"
    return Article(
        id=article_id(text),
        doc=doc,
        text=text,
        title=cleaned.title,
        url=url or None,
        outlet=cleaned.outlet,
        published=published,
        published_how=published_how if published else None,
        format=fmt,
        source_path=str(source_path),
    )
