"""Bad inputs become IngestProblems naming the file and reason; the batch goes on."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from sitroom.errors import IngestProblem
from sitroom.ingest import iter_articles
from sitroom.records import Article

GOOD = "Shelling near Kafranbel\n\nShells fell on Kafranbel on Sunday, residents said.\n"


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def _single(path: Path, **kwargs: int) -> Article | IngestProblem:
    (item,) = list(iter_articles([path], **kwargs))
    return item


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\n \t\n", "empty file"),
        ("empty.jsonl", b"", "empty file"),
        ("empty.html", b"", "empty file"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file"),
        ("image.jsonl", b'{"text": "a"}\n\x00\x01\x02', "binary file"),
        ("notes.xyz", GOOD.encode(), "unsupported file type .xyz"),
        ("wide.txt", GOOD.encode("utf-16-le"), "UTF-16 text without a byte-order mark"),
        ("page.html", b"<html><body></body></html>", "no main text found in HTML"),
        ("menu.html", b"<html><body><nav>Home</nav></body></html>", "no text left after"),
        ("feed.xml", b"<?xml version='1.0'?><catalog><book/></catalog>", "not an RSS/Atom feed"),
        ("broken.warc", b"this is not an archive at all\n", "not a readable WARC file"),
    ],
)
def test_ingest_bad_input_reported(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    path = _write(tmp_path, name, data)
    item = _single(path)
    assert isinstance(item, IngestProblem)
    assert item.path == str(path)
    assert reason in item.reason


def test_ingest_latin1_reports_byte_offset(tmp_path: Path) -> None:
    text = "Clashes near Ma'arrat\n\nThe caf\u00e9 on the main road was hit, residents said.\n"
    path = _write(tmp_path, "latin1.txt", text.encode("latin-1"))
    item = _single(path)
    assert isinstance(item, IngestProblem)
    offset = text.encode("latin-1").index(b"\xe9")
    assert item.reason.startswith("not valid UTF-8")
    assert f"0xE9 at offset {offset}" in item.reason
    assert str(item).startswith(f"{path}: not valid UTF-8")


@pytest.mark.parametrize("codec", ["utf-8-sig", "utf-16", "utf-16-be"])
def test_ingest_accepts_bom_encodings(tmp_path: Path, codec: str) -> None:
    data = GOOD.encode(codec)
    if codec == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    item = _single(_write(tmp_path, "bom.txt", data))
    assert isinstance(item, Article)
    assert item.title == "Shelling near Kafranbel"
    assert not item.text.startswith("\ufeff")


def test_ingest_html_declared_charset_is_honoured(tmp_path: Path) -> None:
    body = "<p>Le caf\u00e9 du march\u00e9 a \u00e9t\u00e9 touch\u00e9 par un obus hier soir."
    markup = f'<html><head><meta charset="iso-8859-1"></head><body><article>{body * 4}'
    item = _single(_write(tmp_path, "latin.html", markup.encode("latin-1")))
    assert isinstance(item, Article)
    assert "caf\u00e9" in item.text


def test_ingest_too_large(tmp_path: Path) -> None:
    path = _write(tmp_path, "big.txt", GOOD.encode() * 10)
    item = _single(path, max_bytes=100)
    assert isinstance(item, IngestProblem)
    assert "too large" in item.reason and "max_bytes" in item.reason


def test_ingest_jsonl_line_too_large(tmp_path: Path) -> None:
    lines = b'{"text": "short report on a strike"}\n{"text": "' + b"x" * 300 + b'"}\n'
    items = list(iter_articles([_write(tmp_path, "feed.jsonl", lines)], max_bytes=200))
    assert isinstance(items[0], Article)
    assert isinstance(items[1], IngestProblem) and items[1].path.endswith("feed.jsonl:2")


def test_ingest_jsonl_bad_utf8_line_reports_file_offset(tmp_path: Path) -> None:
    first = b'{"text": "a drone was shot down near Saraqib"}\n'
    path = _write(tmp_path, "mixed.jsonl", first + b'{"text": "caf\xe9"}\n')
    good, bad = iter_articles([path])
    assert isinstance(good, Article)
    assert isinstance(bad, IngestProblem)
    assert bad.path == f"{path}:2"
    assert f"offset {len(first) + 13}" in bad.reason


def test_ingest_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path, "locked.txt", GOOD.encode())
    real_open = Path.open

    def guarded(self: Path, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", guarded)
    item = _single(path)
    assert isinstance(item, IngestProblem)
    assert item.reason == "cannot read file: permission denied"


def test_ingest_missing_path() -> None:
    item = _single(Path("/nonexistent/sitroom/report.txt"))
    assert isinstance(item, IngestProblem) and item.reason == "no such file or directory"


def test_ingest_batch_goes_on_past_bad_inputs(tmp_path: Path) -> None:
    _write(tmp_path, "a_good.txt", GOOD.encode())
    _write(tmp_path, "b_empty.txt", b"")
    _write(tmp_path, "c_binary.txt", b"\x00\xff\x00\xfe")
    _write(tmp_path, "d_latin1.txt", "caf\u00e9 bombed\n".encode("latin-1"))
    _write(tmp_path, "e_unknown.xyz", b"whatever")
    _write(tmp_path, "f_good.md", b"# Strike on Binnish\n\nA strike hit Binnish on Friday.\n")
    items = list(iter_articles([tmp_path]))
    kinds = [type(i).__name__ for i in items]
    assert kinds == [
        "Article",
        "IngestProblem",
        "IngestProblem",
        "IngestProblem",
        "IngestProblem",
        "Article",
    ]
    assert items[-1].title == "Strike on Binnish"  # type: ignore[union-attr]


def test_ingest_unreadable_folder_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    _write(tmp_path, "a_good.txt", GOOD.encode())
    locked = tmp_path / "locked"
    locked.mkdir()
    _write(locked, "inside.txt", GOOD.encode())
    real_scandir = os.scandir

    def guarded(path: object = "."):  # type: ignore[no-untyped-def]
        if Path(str(path)) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", guarded)
    good, problem = iter_articles([tmp_path])
    assert isinstance(good, Article)
    assert isinstance(problem, IngestProblem)
    assert (problem.path, problem.reason) == (str(locked), "cannot read folder: Permission denied")


def test_ingest_accepts_a_single_path(tmp_path: Path) -> None:
    path = _write(tmp_path, "one.txt", GOOD.encode())
    (item,) = iter_articles(str(path))  # type: ignore[arg-type]
    assert isinstance(item, Article) and item.doc == "one"
