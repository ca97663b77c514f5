"""Walk files and folders and send each file to the reader its type calls for."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from sitroom.errors import IngestError, IngestProblem
from sitroom.ingest.feeds import looks_like_feed, read_feed_file
from sitroom.ingest.html import read_html_file
from sitroom.ingest.jsonl import read_jsonl_file
from sitroom.ingest.text import read_text_file
from sitroom.ingest.warc import read_warc_file
from sitroom.records import Article

Reader = Callable[[Path, int], Iterator[Article | IngestProblem]]

READERS: dict[str, Reader] = {
    ".txt": read_text_file,
    ".text": read_text_file,
    ".md": read_text_file,
    ".html": read_html_file,
    ".htm": read_html_file,
    ".jsonl": read_jsonl_file,
    ".ndjson": read_jsonl_file,
    ".xml": read_feed_file,
    ".rss": read_feed_file,
    ".atom": read_feed_file,
    ".warc": read_warc_file,
    ".warc.gz": read_warc_file,
}


def iter_articles(
    paths: Iterable[str | Path], *, max_bytes: int = 20_000_000
) -> Iterator[Article | IngestProblem]:
    """Yield an Article per readable report and an IngestProblem per bad input, never raising.

    Folders are walked recursively in sorted order, skipping hidden files and folders.
    ``max_bytes`` bounds a whole file, or one line / one record in JSONL and WARC, which
    are streamed.
    """
    if isinstance(paths, str | Path):
        paths = [paths]
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for file in _walk(path):
                if isinstance(file, IngestProblem):
                    yield file
                else:
                    yield from _read_file(file, max_bytes)
        elif path.exists():
            yield from _read_file(path, max_bytes)
        else:
            yield IngestProblem(str(path), "no such file or directory")


def _walk(folder: Path) -> Iterator[Path | IngestProblem]:
    """Yield the non-hidden files under a folder in sorted order, and unreadable folders."""
    errors: list[OSError] = []
    for root, dirs, files in os.walk(folder, onerror=errors.append):
        yield from _folder_problems(errors)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(root) / name
    yield from _folder_problems(errors)


def _folder_problems(errors: list[OSError]) -> Iterator[IngestProblem]:
    """Turn the errors os.walk met (unreadable folders) into problems, emptying the list."""
    while errors:
        error = errors.pop(0)
        yield IngestProblem(str(error.filename), f"cannot read folder: {error.strerror}")


def _read_file(path: Path, max_bytes: int) -> Iterator[Article | IngestProblem]:
    """Run the right reader on one file, turning any failure into an IngestProblem."""
    try:
        reader = reader_for(path)
        yield from reader(path, max_bytes)
    except IngestError as exc:
        yield IngestProblem(str(path), str(exc))
    except Exception as exc:  # noqa: BLE001 - a bad input must never stop the batch
        yield IngestProblem(str(path), f"could not be read ({type(exc).__name__}: {exc})")


def reader_for(path: Path) -> Reader:
    """Pick a reader by extension, sniffing the content of files that have none."""
    name = path.name.lower()
    if name.endswith(".warc.gz"):
        return read_warc_file
    suffix = path.suffix.lower()
    if suffix in READERS:
        return READERS[suffix]
    if suffix:
        raise IngestError(f"unsupported file type {suffix}")
    return _sniff(path)


def _sniff(path: Path) -> Reader:
    """Guess the reader for a file without extension from its first bytes."""
    try:
        with path.open("rb") as handle:
            head = handle.read(2048)
    except OSError as exc:
        raise IngestError(f"cannot read file: {exc.strerror or exc}") from exc
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith(b"warc/") or start.startswith(b"\x1f\x8b"):
        return read_warc_file
    if looks_like_feed(head):
        return read_feed_file
    if start.startswith((b"<!doctype html", b"<html")):
        return read_html_file
    if start.startswith(b"{"):
        return read_jsonl_file
    return read_text_file
