"""Plain-text and Markdown files: one article per file."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from sitroom.ingest.assemble import build_article
from sitroom.ingest.decode import decode_text, read_bytes
from sitroom.records import Article

_MD_HEADING = re.compile(r"^#{1,6}\s+", re.MULTILINE)


def read_text_file(path: Path, max_bytes: int) -> Iterator[Article]:
    """Yield the one Article a .txt/.text/.md file holds."""
    text = decode_text(read_bytes(path, max_bytes))
    if path.suffix.lower() == ".md":
        text = _MD_HEADING.sub("", text)
    yield build_article(text, doc=path.stem, fmt="txt", source_path=path)
