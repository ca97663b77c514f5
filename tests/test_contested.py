"""Figures a report says others dispute ("a claim that independent monitors put far lower")."""

from __future__ import annotations

import pytest

from sitroom.extract.contested import contested
from sitroom.extract.quantities import find_quantities
from sitroom.fuse import fuse
from sitroom.records import Article, Contest, Mention
from sitroom.summary import summarize


@pytest.mark.parametrize(("text", "expected"), [
    ("Akar said the operation had neutralized over 2,000 Syrian troops, a claim that "
     "independent monitors put far lower.",
     Contest("over 2,000 Syrian troops", "far lower", ["independent monitors"])),
    ("The army said it killed more than 2,000 fighters, a number that Moscow and Damascus "
     "dismiss as invented.",
     Contest("more than 2,000 fighters", "invented", ["Moscow and Damascus"])),
    ("Officials said 40 people were killed, a toll that the opposition rejected.",
     Contest("40 people", "disputed", ["the opposition"])),
])
def test_a_disputed_figure_is_read_with_its_doubters(nlp, text, expected):
    sent = next(nlp(text).sents)
    assert contested(sent, find_quantities(sent)) == expected


@pytest.mark.parametrize("text", [
    # unverified is not disputed; a figure nobody answers is no dispute
    "Akar said 2,000 Syrian troops were neutralized, a figure that could not be verified.",
    "Officials said 40 people were killed in the attack.",
])
def test_an_unverified_or_unanswered_figure_is_no_dispute(nlp, text):
    sent = next(nlp(text).sents)
    assert contested(sent, find_quantities(sent)) is None


def test_a_disputed_figure_is_a_toll_dispute_with_each_side_attributed():
    m = Mention("m1", "a1", "ASSAULT", attribution=["Hulusi Akar"], outlet="Orontes Daily",
                contested=Contest("over 2,000 Syrian troops", "far lower",
                                  ["independent monitors"]),
                sentence="Akar said the operation had neutralized over 2,000 Syrian troops, "
                         "a claim that independent monitors put far lower.")
    event = fuse([m]).events[0]
    (dispute,) = event.contradictions
    assert dispute.field == "fatalities" and dispute.disputed
    assert [(c.value, c.attribution) for c in dispute.claims] == [
        ("over 2,000 Syrian troops", ["Hulusi Akar"]), ("far lower", ["independent monitors"])]
    articles = {"a1": Article(id="a1", doc="d1", text="…", outlet="Orontes Daily")}
    text = " ".join(s.text for s in summarize([event], {"m1": m}, articles).sentences)
    assert "over 2,000 Syrian troops according to Hulusi Akar [1]" in text
    assert "independent monitors said the figure was far lower [1]" in text
