"""Actors: surface names → canonical actors (ISO3 country + sector). Stub, to be filled."""

from __future__ import annotations


def ruler_patterns() -> list[dict]:
    """EntityRuler patterns for actor names the stock model misses."""
    return []
