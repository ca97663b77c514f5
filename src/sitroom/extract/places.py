"""Places: toponyms → coordinates with precision. Stub, to be filled."""

from __future__ import annotations


def ruler_patterns() -> list[dict]:
    """EntityRuler patterns for place names the stock model misses."""
    return []
