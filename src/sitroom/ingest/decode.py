"""Bytes to text with clear reasons for refusal: size, empty, binary, bad encoding."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from sitroom.errors import IngestError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """Read a whole file, refusing ones that are too large, empty or unreadable."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise IngestError(f"file too large ({size:,} bytes > max_bytes {max_bytes:,})")
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except PermissionError as exc:
        raise IngestError("cannot read file: permission denied") from exc
    except IsADirectoryError as exc:
        raise IngestError("cannot read file: is a directory") from exc
    except OSError as exc:
        raise IngestError(f"cannot read file: {exc.strerror or exc}") from exc
    if len(data) > max_bytes:
        raise IngestError(f"file too large (> max_bytes {max_bytes:,})")
    if not data.strip():
        raise IngestError("empty file")
    return data


def bom_encoding(data: bytes) -> str | None:
    """Return the codec named by a leading byte-order mark, if any."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec
    return None


def decode_text(data: bytes, *, fallback: str | None = None) -> str:
    """Decode UTF-8 (or a BOM-marked UTF-16/32), else ``fallback``; explain any failure."""
    codec = bom_encoding(data)
    if codec is not None:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as exc:
            raise IngestError(f"not valid {codec} despite its byte-order mark") from exc
        return _require_content(text)
    if b"\x00" in data:
        if _looks_utf16(data):
            raise IngestError("UTF-16 text without a byte-order mark (re-save as UTF-8)")
        raise IngestError("binary file (contains NUL bytes)")
    try:
        return _require_content(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        if fallback is not None:
            try:
                return _require_content(data.decode(fallback))
            except (UnicodeDecodeError, LookupError):
                pass
        bad = data[exc.start : exc.start + 1].hex().upper()
        raise IngestError(
            f"not valid UTF-8: byte 0x{bad} at offset {exc.start} (re-save the file as UTF-8)"
        ) from exc


def _looks_utf16(data: bytes) -> bool:
    """Return True when every other byte of the start is NUL, as in BOM-less UTF-16 text."""
    head = data[:200]
    return len(head) >= 8 and (head[0::2].count(0) == len(head[0::2]) or not any(head[1::2]))


def declared_html_charset(data: bytes) -> str | None:
    """Return the charset an HTML page declares in a <meta> tag, if any."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii").lower() if match else None


def _require_content(text: str) -> str:
    """Refuse text that is empty or mostly control characters (binary read as text)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise IngestError("empty file")
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\t\f\v")
    if controls > max(8, len(text) // 100):
        raise IngestError("binary file (control characters in text)")
    return text
