"""Event typing: sentence → PLOVER / CAMEO / ACLED codes. Stub, to be filled."""

from __future__ import annotations

TRIGGER_LEMMAS: frozenset[str] = frozenset()
