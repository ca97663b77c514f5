"""Shared fixtures: paths to the shared seeds/gold data, and databases built once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
EVAL = SHARED / "eval"
SAMPLE = ROOT / "src" / "sitroom" / "data" / "sample"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The five real reports in ../shared/corpus/seeds."""
    if not SEEDS.is_dir():
        pytest.skip("../shared/corpus/seeds is not present")
    return SEEDS


@pytest.fixture(scope="session")
def nlp():
    """The project's spaCy pipeline, loaded once."""
    from sitroom.nlp import get_nlp

    return get_nlp()


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> Path:
    """A database built from the five seed reports."""
    import sitroom

    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    sitroom.run([seeds_dir], db=db)
    return db


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database built from the bundled sample corpus."""
    import sitroom

    db = tmp_path_factory.mktemp("sample") / "sample.db"
    sitroom.run([SAMPLE], db=db)
    return db


@pytest.fixture(scope="session")
def combined_db(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> Path:
    """Seeds and sample corpus together, as issue 5 asks fusion to handle them."""
    import sitroom

    db = tmp_path_factory.mktemp("combined") / "combined.db"
    sitroom.run([SAMPLE, seeds_dir], db=db)
    return db
