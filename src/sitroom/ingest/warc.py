"""WARC archives: HTML and text responses, each read as a page.

WARC-Date is when the crawler fetched the page, not when it was published, so
it is never used as the publication date.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

from sitroom.errors import IngestError, IngestProblem
from sitroom.ingest.assemble import build_article
from sitroom.ingest.decode import decode_text
from sitroom.ingest.html import extract_page, page_article
from sitroom.records import Article

HTML_TYPES = ("text/html", "application/xhtml+xml")
MAGIC = (b"WARC/", b"\x1f\x8b", b"filedesc://")  # WARC, gzip, legacy ARC
TEXT_TYPES = ("text/plain",)


def warc_stem(path: Path) -> str:
    """Return the file name without .warc / .warc.gz."""
    name = path.name
    for suffix in (".gz", ".warc"):
        name = name.removesuffix(suffix) if name.lower().endswith(suffix) else name
    return name


def read_warc_file(path: Path, max_bytes: int) -> Iterator[Article | IngestProblem]:
    """Yield one Article per HTML/text response record; other records are skipped."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise IngestError(f"cannot read file: {exc.strerror or exc}") from exc
    found = 0
    with handle:
        head = handle.read(16)
        if not head.strip():
            raise IngestError("empty file")
        if not head.startswith(MAGIC):
            raise IngestError("not a readable WARC file (no WARC header)")
        handle.seek(0)
        try:
            for record in ArchiveIterator(handle):
                kind = _content_kind(record)
                if kind is None:
                    continue
                found += 1
                where = f"{path}#{found}"
                try:
                    yield _record_article(record, kind, n=found, path=path, max_bytes=max_bytes)
                except IngestError as exc:
                    yield IngestProblem(where, str(exc))
        except ArchiveLoadFailed as exc:
            raise IngestError(f"not a readable WARC file ({exc.msg})") from exc
    if not found:
        raise IngestError("WARC file holds no HTML or text responses")


def _content_kind(record: ArcWarcRecord) -> str | None:
    """Return "html" or "text" for a successful page record, else None."""
    if record.rec_type == "response":
        if record.http_headers is None or record.http_headers.get_statuscode() != "200":
            return None
        mime = record.http_headers.get_header("Content-Type") or ""
    elif record.rec_type == "resource":
        mime = record.rec_headers.get_header("Content-Type") or ""
    else:
        return None
    mime = mime.split(";")[0].strip().lower()
    if mime in HTML_TYPES:
        return "html"
    return "text" if mime in TEXT_TYPES else None


def _record_article(
    record: ArcWarcRecord, kind: str, *, n: int, path: Path, max_bytes: int
) -> Article:
    """Read one record's payload and build its Article."""
    url = record.rec_headers.get_header("WARC-Target-URI") or None
    payload = record.content_stream().read(max_bytes + 1)
    if len(payload) > max_bytes:
        raise IngestError(f"record larger than max_bytes {max_bytes:,}")
    if not payload.strip():
        raise IngestError("empty record")
    doc = url or f"{warc_stem(path)}#{n}"
    if kind == "html":
        page = extract_page(payload, url=url)
        return page_article(page, doc=doc, fmt="warc", source_path=path, url=url)
    return build_article(decode_text(payload), doc=doc, fmt="warc", source_path=path, url=url)
