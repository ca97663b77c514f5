"""JSON Lines: one article per line; a bad line is reported and the rest go on."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sitroom.errors import IngestError, IngestProblem
from sitroom.ingest.assemble import build_article
from sitroom.ingest.dates import parse_date
from sitroom.ingest.decode import bom_encoding, decode_text, read_bytes
from sitroom.ingest.html import fragment_text
from sitroom.records import Article

TEXT_FIELDS = ("text", "content", "body")
TITLE_FIELDS = ("title", "headline")
URL_FIELDS = ("url", "link")
OUTLET_FIELDS = ("outlet", "source", "site")
DATE_FIELDS = ("published", "date", "pubDate")
_LOOKS_HTML = re.compile(r"<(p|div|br|span|a|h[1-6])\b[^>]*>", re.IGNORECASE)


def read_jsonl_file(path: Path, max_bytes: int) -> Iterator[Article | IngestProblem]:
    """Yield one Article per good line and one IngestProblem per bad line."""
    found = False
    for lineno, line in _lines(path, max_bytes):
        if isinstance(line, IngestError):
            found = True
            yield IngestProblem(f"{path}:{lineno}", str(line))
            continue
        if not line.strip():
            continue
        found = True
        try:
            yield _record_article(json.loads(line), path=path, lineno=lineno)
        except json.JSONDecodeError as exc:
            reason = f"invalid JSON: {exc.msg} (column {exc.colno})"
            yield IngestProblem(f"{path}:{lineno}", reason)
        except IngestError as exc:
            yield IngestProblem(f"{path}:{lineno}", str(exc))
    if not found:
        raise IngestError("empty file")


def _lines(path: Path, max_bytes: int) -> Iterator[tuple[int, str | IngestError]]:
    """Yield (line number, decoded line or why not); streams UTF-8 line by line."""
    with path.open("rb") as probe:
        head = probe.read(8192)
    if bom_encoding(head) not in (None, "utf-8-sig"):
        yield from enumerate(decode_text(read_bytes(path, max_bytes)).split("\n"), 1)
        return
    if b"\x00" in head:
        raise IngestError("binary file (contains NUL bytes)")
    offset = 0
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise IngestError(f"cannot read file: {exc.strerror or exc}") from exc
    with handle:
        for lineno, raw in enumerate(handle, 1):
            start, offset = offset, offset + len(raw)
            if lineno == 1:
                raw = raw.removeprefix(b"\xef\xbb\xbf")
            if len(raw) > max_bytes:
                yield lineno, IngestError(f"line longer than max_bytes {max_bytes:,}")
                continue
            try:
                yield lineno, raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                bad = raw[exc.start : exc.start + 1].hex().upper()
                reason = f"not valid UTF-8: byte 0x{bad} at offset {start + exc.start}"
                yield lineno, IngestError(reason)


def _record_article(record: Any, *, path: Path, lineno: int) -> Article:
    """Build the Article one JSON object describes."""
    if not isinstance(record, dict):
        raise IngestError(f"expected a JSON object, got {type(record).__name__}")
    text = _first_text(record, TEXT_FIELDS)
    if text is None:
        raise IngestError(f"no text field ({'/'.join(TEXT_FIELDS)})")
    if _LOOKS_HTML.search(text):
        text = fragment_text(text)
    url = _first_text(record, URL_FIELDS)
    published = next(
        (d for d in (parse_date(record.get(k)) for k in DATE_FIELDS) if d is not None), None
    )
    return build_article(
        text,
        doc=url or f"{path.stem}#{lineno}",
        fmt="jsonl",
        source_path=path,
        title=_first_text(record, TITLE_FIELDS),
        url=url,
        outlet=_first_text(record, OUTLET_FIELDS),
        published=published,
        published_how="jsonl" if published else None,
    )


def _first_text(record: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    """Return the first non-empty string among the keys (a list of strings is joined)."""
    for key in keys:
        value = record.get(key)
        if isinstance(value, dict):
            value = value.get("name") or value.get("title")
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            value = "\n\n".join(value)
        if isinstance(value, str) and value.strip():
            return value
    return None
