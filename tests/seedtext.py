"""Helpers for extractor tests: seed report texts and the sentence that holds a phrase."""

from __future__ import annotations

from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "seeds"


def sentence(nlp, text: str, containing: str):
    """Parse ``text`` and return its sentence containing ``containing``."""
    doc = nlp(text)
    return next(s for s in doc.sents if containing in s.text)


def seed(prefix: str) -> str:
    """Text of the seed report whose file name starts with ``prefix`` (skip if absent)."""
    path = next(SEEDS.glob(f"{prefix}_*.txt"), None)
    if path is None:
        pytest.skip("../shared/corpus/seeds is not present")
    return path.read_text(encoding="utf-8")
