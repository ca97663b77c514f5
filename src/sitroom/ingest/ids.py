"""Article ids: a hash of the normalized text, so one report read twice gets one id."""

from __future__ import annotations

import re
import unicodedata

from sitroom.records import stable_id

_SPACE = re.compile(r"\s+")


def normalize_for_id(text: str) -> str:
    """Return text in NFKC, casefolded, with whitespace collapsed: what the id hashes."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()


def article_id(text: str) -> str:
    """Return ``art_`` + 16 hex of SHA-1 over the normalized text, stable across formats."""
    return stable_id("art", normalize_for_id(text))
