"""Every error sitroom raises, in one place.

SitroomError
├── IngestError        an input could not be read as an article (bad file, encoding, format)
├── StoreError         the database could not be opened or written
├── ExtractionError    the NLP pipeline could not be loaded
└── EvaluationError    a gold file or task name is not understood
"""

from __future__ import annotations

from dataclasses import dataclass


class SitroomError(Exception):
    """Base class: the CLI turns any of these into one clear line for the user."""


class IngestError(SitroomError):
    """An input could not be turned into an Article."""


class StoreError(SitroomError):
    """The database could not be opened, migrated or written."""


class ExtractionError(SitroomError):
    """The NLP pipeline or an extractor's data could not be loaded."""


class EvaluationError(SitroomError):
    """An evaluation dataset or task is missing or malformed."""


@dataclass
class IngestProblem:
    """A reported, skipped input: which one and why. The rest of the batch goes on."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"
