"""Sentence boundaries the parser is told up front (``paragraph_breaks``)."""

from __future__ import annotations

from sitroom.nlp import get_nlp


def _sentences(text: str) -> list[str]:
    return [s.text.strip() for s in get_nlp()(text).sents if s.text.strip()]


def test_a_title_ends_at_its_paragraph_break():
    assert _sentences("Grain deal signed\n\nTwo ministers signed it on Friday.") == [
        "Grain deal signed", "Two ministers signed it on Friday."]


def test_a_lower_case_word_after_a_word_never_starts_a_sentence():
    text = ("Grain corridor deals signed at Dolmabahce\n\nTurkey and the United Nations "
            "brokered twin agreements with Russia and Ukraine on Friday. The texts were "
            "signed in Istanbul.")
    assert _sentences(text)[1].startswith("Turkey and the United Nations brokered")
    assert len(_sentences(text)) == 3


def test_a_dateline_with_its_agency_stays_one_sentence():
    from sitroom.nlp import get_nlp

    text = ("Baku apologises for downed helicopter\n\nBAKU, Nov 9, 2020 (Caspian Dispatch) - "
            "Azerbaijan apologised to Russia on Monday for shooting down a helicopter.")
    sents = [s.text.strip() for s in get_nlp()(text).sents]
    assert sents[1].startswith("BAKU, Nov 9, 2020") and sents[1].endswith("helicopter.")
