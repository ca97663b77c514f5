"""The public API is what __all__ says, and every name in it exists."""

from __future__ import annotations

import sitroom


def test_public_api_names_resolve() -> None:
    for name in sitroom.__all__:
        assert getattr(sitroom, name) is not None


def test_public_api_open_returns_a_store(tmp_path) -> None:
    store = sitroom.open(tmp_path / "x.db")
    assert isinstance(store, sitroom.Store)
    assert store.stats()["n_events"] == 0
