"""What an attack hit, by kind, read off the parse of real-style sentences."""

from __future__ import annotations

import pytest

from sitroom.extract.event_type import classify_sentence
from sitroom.extract.targets import target_kinds


@pytest.mark.parametrize(("text", "kinds"), [
    ("A Russian missile struck a busy shopping centre in Kremenchuk on Monday.", ["civilian"]),
    ("Russian forces struck hangars holding weapons and ammunition sent by the United States.",
     ["military"]),
    ("Russia fired cruise missiles at the port of Odesa on Saturday morning.",
     ["infrastructure"]),
    ("Two missiles struck the railway station in Kramatorsk on Friday morning.", ["civilian"]),
    # whom an act killed was what it hit
    ("The killing of Turkish troops in an air strike on Thursday shocked Ankara.",
     ["military"]),
    ("Russian missiles struck the centre of Kyiv on Monday morning.", ["civilian"]),
    ("Russian forces carried out a massive strike with long-range weapons against energy, "
     "military command and communications facilities.", ["infrastructure", "military"]),
    ("Turkish artillery shelled Syrian government positions near Saraqib.", ["military"]),
    # nothing said about what was hit
    ("Heavy fighting broke out near the town on Tuesday.", []),
])
def test_what_an_attack_hit_by_kind(nlp, text, kinds):
    sent = next(nlp(text).sents)
    code = classify_sentence(sent)
    assert code is not None and target_kinds(sent, code.trigger_start) == kinds


def test_a_power_station_is_infrastructure_and_a_bare_station_says_nothing(nlp):
    for text, kinds in (("The drone hit a power station near the city.", ["infrastructure"]),
                        ("The drone hit the station.", [])):
        sent = next(nlp(text).sents)
        assert target_kinds(sent, classify_sentence(sent).trigger_start) == kinds


def test_a_killing_told_beside_another_act_is_not_what_that_act_hit(nlp):
    sent = next(nlp("Turkey launched an offensive following the killing of Turkish troops "
                    "in an air strike.").sents)
    launched = next(t for t in sent if t.text == "launched")
    strike = next(t for t in sent if t.text == "strike")
    assert target_kinds(sent, launched.idx) == []
    assert target_kinds(sent, strike.idx) == ["military"]
