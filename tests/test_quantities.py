"""Quantities: counts with kind, UCDP-style bounds, running totals, on seeds and small sentences."""

from __future__ import annotations

import pytest
from seedtext import seed as _seed
from seedtext import sentence as _sentence

from sitroom.extract.quantities import casualties, find_quantities


def _rows(sent):
    return [(q.kind, q.low, q.best, q.high, q.cumulative) for q in find_quantities(sent)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("More than 100 soldiers crossed the border.", [("troops", 101, 101, None, False)]),
        ("At least 30 armored vehicles entered Idlib.", [("vehicles", 30, 30, None, False)]),
        ("As many as 50 fighters were killed.", [("killed", None, 50, 50, False)]),
        (
            "The offensive displaced almost 1 million people.",
            [("displaced", None, 1_000_000, 1_000_000, False)],
        ),
        ("Dozens of military vehicles crossed into Syria.", [("vehicles", 12, 12, None, False)]),
        ("Hundreds of people fled the town.", [("displaced", 100, 100, None, False)]),
        ("The regime killed 34 Turkish troops.", [("killed", 34, 34, 34, False)]),
        ("34 Turkish soldiers were killed in the strike.", [("killed", 34, 34, 34, False)]),
        ("33 soldiers killed in an air strike.", [("killed", 33, 33, 33, False)]),
        ("Five wounded in the attack.", [("wounded", 5, 5, 5, False)]),
        ("Police arrested 12 protesters.", [("arrested", 12, 12, 12, False)]),
        ("Some 20 civilians were detained.", [("arrested", None, 20, None, False)]),
        ("Fewer than 10 people died.", [("killed", None, 9, 9, False)]),
        ("The army destroyed five tanks.", [("vehicles", 5, 5, 5, False)]),
        ("The death toll rose to 34.", [("killed", 34, 34, 34, True)]),
        ("The toll from the strike reached 36 on Friday.", [("killed", 36, 36, 36, True)]),
        ("The number of dead rose to 40.", [("killed", 40, 40, 40, True)]),
        ("A total of 59 soldiers have been killed.", [("killed", 59, 59, 59, True)]),
        ("The strike killed 34.", [("killed", 34, 34, 34, False)]),
        ("Turkey lost 2 soldiers.", [("killed", 2, 2, 2, False)]),
        ("Thirty-three Turkish soldiers were killed.", [("killed", 33, 33, 33, False)]),
        ("Some 1.5 million people fled.", [("displaced", None, 1_500_000, None, False)]),
        ("Russian Su-24 bombers struck within 24 hours.", []),
        (
            "Turkey said it neutralized more than 2,000 Syrian troops.",
            [("troops", 2001, 2001, None, False)],
        ),
    ],
)
def test_find_quantities_small_sentences(nlp, text, expected):
    assert _rows(_sentence(nlp, text, text[:10])) == expected


def test_two_killed_and_five_wounded(nlp):
    sent = _sentence(nlp, "Two soldiers were killed and five wounded in the shelling.", "Two")
    killed, wounded = casualties(sent)
    assert (killed.best, wounded.best) == (2, 5)


def test_fresh_count_beats_running_total(nlp):
    sent = _sentence(nlp, "Two soldiers were killed, bringing the death toll to 40.", "Two")
    killed, _ = casualties(sent)
    assert (killed.best, killed.cumulative) == (2, False)
    assert [q.best for q in find_quantities(sent) if q.cumulative] == [40]


def test_offsets_are_doc_offsets(nlp):
    text = "A first sentence. More than 100 soldiers crossed the border."
    sent = _sentence(nlp, text, "soldiers")
    (q,) = find_quantities(sent)
    assert text[q.start : q.end] == q.text == "More than 100 soldiers"


def test_dates_and_years_are_not_counts(nlp):
    sent = _sentence(nlp, "On March 5, 2020 the sides agreed a truce in Idlib.", "truce")
    assert find_quantities(sent) == []


def test_hundreds_of_thousands(nlp):
    sent = _sentence(nlp, "Hundreds of thousands of people slept in the open.", "people")
    assert _rows(sent) == [("other", 100_000, 100_000, None, False)]


def test_seed_003_title(nlp):
    sent = _sentence(nlp, _seed("003"), "five wounded in fighting")
    killed, wounded = casualties(sent)
    assert killed is None
    assert (wounded.kind, wounded.best, wounded.text) == ("wounded", 5, "five")


def test_seed_003_as_many_as_50_and_tanks(nlp):
    sent = _sentence(nlp, _seed("003"), "as many as 50 Syrian regime fighters")
    rows = _rows(sent)
    assert rows[0] == ("killed", None, 50, 50, False)
    assert ("vehicles", 5, 5, 5, False) in rows  # "five tanks destroyed" is not a death count
    killed, wounded = casualties(sent)
    assert (killed.best, wounded) == (50, None)


def test_seed_003_cumulative_count(nlp):
    sent = _sentence(nlp, _seed("003"), "bring the number of Turkish soldiers killed")
    (q,) = find_quantities(sent)
    assert (q.kind, q.best, q.cumulative, q.text) == ("killed", 15, True, "15")
    killed, _ = casualties(sent)
    assert killed is q or (killed.best, killed.cumulative) == (15, True)


def test_seed_003_displaced(nlp):
    sent = _sentence(nlp, _seed("003"), "displaced almost 1 million")
    rows = _rows(sent)
    assert rows[0] == ("displaced", None, 1_000_000, 1_000_000, False)


def test_seed_001_convoy(nlp):
    para = next(p for p in _seed("001").split("\n\n") if p.startswith("A large Turkish"))
    sent = _sentence(nlp, para, "A large Turkish army convoy")
    assert _rows(sent) == [("troops", 101, 101, None, False), ("vehicles", 30, 30, None, False)]
    assert casualties(sent) == (None, None)


def test_seed_002_killed_34(nlp):
    sent = _sentence(nlp, _seed("002"), "killed 34 Turkish troops")
    killed, _ = casualties(sent)
    assert (killed.best, killed.text) == (34, "34 Turkish troops")


def test_perpetrator_count_is_not_a_death_toll(nlp):
    sent = _sentence(nlp, "Two gunmen killed 23 people in the market.", "gunmen")
    killed, _ = casualties(sent)
    assert (killed.best, killed.text) == (23, "23 people")
    assert find_quantities(sent)[0].kind == "troops"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("A journalist was killed in a car bomb explosion.", "killed"),
        ("A Turkish soldier died of his wounds.", "killed"),
        ("A civilian was wounded by shrapnel.", "wounded"),
    ],
)
def test_single_victim_with_an_article(nlp, text, kind):
    (q,) = find_quantities(_sentence(nlp, text, text[:6]))
    assert (q.kind, q.low, q.best, q.high) == (kind, 1, 1, 1)
    assert q.text.startswith("A ")


def test_counted_things_are_not_casualties(nlp):
    sent = _sentence(nlp, "Police arrested nine men after three grenade attacks.", "Police")
    assert [(q.text, q.kind) for q in find_quantities(sent)] == [
        ("nine men", "arrested"),
        ("three grenade attacks", "other"),
    ]
    sent = _sentence(nlp, "Two rockets killed a shepherd near the town.", "rockets")
    assert [(q.text, q.kind) for q in find_quantities(sent)] == [
        ("Two rockets", "other"),
        ("a shepherd", "killed"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dozens of Turkish soldiers killed in Idlib air raid",
         [("killed", 12, 12, None, False)]),
        ("Dozens of Turkish soldiers reported killed in Idlib air raid",
         [("killed", 12, 12, None, False)]),
        ("Two soldiers reported wounded in attack", [("wounded", 2, 2, 2, False)]),
    ],
)
def test_headline_counts_carry_their_casualty_verb(nlp, text, expected):
    assert _rows(_sentence(nlp, text, text[:10])) == expected


@pytest.mark.parametrize(("text", "cumulative"), [
    ("Two rocket attacks on the city have killed 19 civilians, officials say.", True),
    ("Both strikes killed 12 people.", True),
    ("The rocket attack on the city killed 19 civilians.", False),
    ("Air strikes killed 12 people in the town on Monday.", False),
])
def test_a_toll_of_several_numbered_attacks_is_a_sum(nlp, text, cumulative):
    killed, _ = casualties(next(nlp(text).sents))
    assert killed.cumulative is cumulative


def test_one_acts_risen_toll_is_its_revised_count_not_a_running_total(nlp):
    from sitroom.extract.quantities import casualties

    def killed(text):
        return casualties(next(nlp(text).sents))[0]

    risen = killed("The number of soldiers killed in Thursday's air strike near Balyun has "
                   "risen to 34, the ministry said.")
    assert (risen.best, risen.cumulative) == (34, False)
    assert killed("The deaths bring the number of soldiers killed in Idlib to 15.").cumulative
    assert killed("The attack brought the toll this month to 40.").cumulative


@pytest.mark.parametrize("text,best", [
    ("The toll from the strike on the detention centre has risen to 53, six of them "
     "children.", 53),
    ("At least 44 people died, including six children.", 44),
])
def test_a_part_of_a_toll_is_not_the_toll(nlp, text, best):
    killed, _ = casualties(next(nlp(text).sents))
    assert killed is not None and killed.best == best


@pytest.mark.parametrize("text", [
    "The government said 17 of the dead were children.",  # a part of a toll told elsewhere
    "Four different death tolls have now been given for the killings.",  # tolls, not dead
])
def test_a_part_of_the_dead_or_a_number_of_tolls_is_no_toll(nlp, text):
    assert casualties(next(nlp(text).sents)) == (None, None)


def test_cadets_are_counted_and_killing_n_of_them_is_the_count(nlp):
    killed, _ = casualties(next(nlp("An air strike on a military academy killed 30 cadets, the "
                                    "ministry said, raising an earlier toll of 28.").sents))
    assert killed is not None and killed.best == 30
    killed, _ = casualties(next(nlp("A drone struck the college as cadets lined up, killing 28 "
                                    "of them.").sents))
    assert killed is not None and killed.best == 28


def test_a_campaigns_toll_is_a_running_total(nlp):
    killed, _ = casualties(next(nlp("The offensive on the capital, launched last April, has "
                                    "killed hundreds of civilians and fighters.").sents))
    assert killed is not None and killed.cumulative
    killed, _ = casualties(next(nlp("The strike has killed 34 soldiers.").sents))
    assert killed is not None and not killed.cumulative
