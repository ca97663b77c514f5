"""Extraction: one parsed article → the Mentions it reports, each with its evidence.

One module per field (event_type, actors, places, dates, quantities,
attribution); this module only decides which sentences to code and assembles
their answers into :class:`~sitroom.records.Mention` records.

The full parse dominates run time, so :func:`focus_text` blanks out the
paragraphs that carry no trigger word *before* parsing. Blanking (rather than
cutting) keeps every character offset identical to the article text.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from sitroom.extract import actors, attribution, dates, event_type, places, quantities
from sitroom.records import Article, DateRef, Mention, stable_id

_WORD = re.compile(r"[a-z]+")
_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\n)[^\n]+)*")
_SUFFIXES = ("ings", "ing", "ed", "es", "s", "d")


def _stems(word: str) -> set[str]:
    """The word and its crude suffix-stripped forms: enough for a recall-first filter."""
    forms = {word}
    for suf in _SUFFIXES:
        if word.endswith(suf) and len(word) - len(suf) >= 3:
            forms.add(word[: -len(suf)])
            forms.add(word[: -len(suf)] + "e")
    return forms


def has_trigger(text: str) -> bool:
    """Cheap token-level test: does this text contain any event trigger word?"""
    lexicon = event_type.TRIGGER_LEMMAS
    return any(not lexicon.isdisjoint(_stems(w)) for w in _WORD.findall(text.lower()))


def focus_text(text: str) -> str:
    """Blank paragraphs without trigger words (same length, same offsets), keep the first."""
    chars = list(text)
    for n, para in enumerate(_PARAGRAPH.finditer(text)):
        if n == 0 or has_trigger(para.group()):
            continue
        for i in range(para.start(), para.end()):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


def _paragraph_start(text: str, offset: int) -> int:
    return text.rfind("\n\n", 0, offset) + 1


def _fallback_date(
    sent: Span,
    event: str,
    anchor: str | None,
    recent: dict[int, DateRef],
    by_type: dict[str, DateRef],
) -> DateRef:
    """An undated sentence takes the last date of its paragraph, else its article's last
    date for the same event type (reports retell their lead event); else it stays unknown.
    The DateRef keeps the offsets of the expression it came from, so it stays traceable."""
    para = _paragraph_start(sent.doc.text, sent.start_char)
    if para in recent:
        return recent[para]
    if event in by_type:
        return by_type[event]
    return DateRef(precision="unknown", anchor=anchor)


def mentions_from_doc(doc: Doc, article: Article) -> list[Mention]:
    """Code every event sentence of one parsed article as a Mention."""
    found_places = places.geoparse(doc)
    anchor = article.published
    recent: dict[int, DateRef] = {}
    by_type: dict[str, DateRef] = {}
    out: list[Mention] = []
    for sent in doc.sents:
        if not sent.text.strip() or not has_trigger(sent.text):
            continue
        date = dates.event_date(sent, anchor=anchor)
        para = _paragraph_start(doc.text, sent.start_char)
        if date.precision != "unknown":
            recent[para] = date
        code = event_type.classify_sentence(sent)
        if code is None:
            continue
        if date.precision == "unknown":
            date = _fallback_date(sent, code.plover, anchor, recent, by_type)
        elif date.start or date.month_day:
            by_type[code.plover] = date
        found = actors.find_actors(sent, when=anchor)
        actor1, actor2 = actors.assign_roles(sent, code, found)
        killed, wounded = quantities.casualties(sent)
        attr = attribution.attribute(sent)
        lead = len(sent.text) - len(sent.text.lstrip())
        sentence = sent.text.strip()
        out.append(
            Mention(
                id=stable_id("men", article.id, sent.start_char, code.plover),
                article_id=article.id,
                event_type=code.plover,
                mode=code.mode,
                cameo=code.cameo,
                acled_event_type=code.acled_event_type,
                acled_sub_event_type=code.acled_sub_event_type,
                trigger=code.trigger,
                actor1=actor1,
                actor2=actor2,
                location=places.locate(sent, found_places),
                date=date,
                fatalities=killed,
                wounded=wounded,
                quantities=quantities.find_quantities(sent),
                modality=attr.modality,
                attribution=attr.chain,
                source_type=attr.source_type,
                outcome=attribution.outcome(sent),
                sentence=sentence,
                start=sent.start_char + lead,
                end=sent.start_char + lead + len(sentence),
                confidence=code.confidence,
                doc=article.doc,
                outlet=article.outlet,
                published=article.published,
                url=article.url,
            )
        )
    return out
