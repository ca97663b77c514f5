"""Figures a report itself says are disputed: "the operation had neutralized over 2,000
Syrian troops, a claim that independent monitors put far lower", "... a number that Moscow
and Damascus dismiss as invented". One sentence then holds two sides of a casualty dispute:
the speaker's figure and the doubters' answer, each with its own source. A figure that
merely "could not be verified" is doubted by no one and is not a dispute."""

from __future__ import annotations

import re

from spacy.tokens import Span

from sitroom.records import Contest, Quantity

_CONTESTED = re.compile(
    r",\s+(?:a|the)\s+(?:claim|figure|number|toll|count|tally|total)\s+(?:that|which)\s+"
    r"(?P<by>[^,;.]+?)\s+(?P<verb>put|puts|estimated?|estimates|placed?|places|"
    r"dismiss(?:ed|es)?|reject(?:ed|s)?|den(?:y|ied|ies)|disputed?|disputes|"
    r"contest(?:ed|s)?|call(?:ed|s)?)\b(?P<rest>[^,;.]*)",
    re.I,
)
_COMPARED = re.compile(r"\b(?:(?:far|much|well|considerably)\s+)?(?:lower|higher|smaller|"
                       r"larger)\b", re.I)
_AS_WORDS = re.compile(r"^(?:as\s+)?(?P<what>(?:an?\s+)?[\w-]+(?:\s+[\w-]+)?)", re.I)
_NO_ANSWER = frozenset({"not", "never", "cannot", "could", "would"})  # "could not verify"


def contested(sent: Span, counts: list[Quantity]) -> Contest | None:
    """The figure of ``counts`` the sentence says others dispute, what they say of it
    ("far lower", "invented"; else "disputed") and who they are; None when none is."""
    found = _CONTESTED.search(sent.text)
    if found is None or found.group("by").split()[-1].lower() in _NO_ANSWER:
        return None
    at = sent.start_char + found.start()
    figure = max((q for q in counts if q.end is not None and q.end <= at + 1 and q.text),
                 key=lambda q: q.end or 0, default=None)
    if figure is None or figure.text is None:
        return None
    rest = found.group("rest").strip()
    if (compared := _COMPARED.search(rest)) is not None:
        counter = compared.group().lower()
    elif found.group("verb").lower().startswith(("dismiss", "call")) and \
            (named := _AS_WORDS.match(rest)) is not None:
        counter = named.group("what").lower()
    else:
        counter = "disputed"
    return Contest(figure=figure.text, counter=counter, by=[found.group("by").strip()])
