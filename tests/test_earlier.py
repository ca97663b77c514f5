"""Earlier acts told in passing ("The strike came a week after forces recaptured Gharyan")."""

from __future__ import annotations

import pytest

from sitroom.extract.earlier import earlier_clause, shifted
from sitroom.records import DateRef


@pytest.mark.parametrize("text,clause,days", [
    ("The strike came a week after Tripoli forces recaptured Gharyan, the LNA's main base.",
     "Tripoli forces recaptured Gharyan, the LNA's main base", (6, 8)),
    ("The raid came hours after rebel fighters attacked regime lines at Nayrab.",
     "rebel fighters attacked regime lines at Nayrab", (0, 0)),
    ("The advance came two days after 30 cadets were killed in a strike on a military "
     "academy.", "30 cadets were killed in a strike on a military academy", (2, 2)),
])
def test_the_after_clause_and_its_gap_are_read(nlp, text, clause, days):
    found = earlier_clause(next(nlp(text).sents))
    assert found is not None
    assert (found.span.text, found.days) == (clause, days)


def test_other_after_clauses_are_not_earlier_acts(nlp):
    assert earlier_clause(next(nlp("Fighting resumed after the truce collapsed.").sents)) is None


def test_the_date_counts_back_from_the_sentence_date():
    day = DateRef(start="2019-07-03", end="2019-07-03", precision="day")
    week = shifted(day, (6, 8))
    assert (week.start, week.end, week.precision) == ("2019-06-25", "2019-06-27", "week")
    assert shifted(day, (2, 2)).start == "2019-07-01"
    assert shifted(day, None).precision == "unknown"


def test_a_sentence_about_an_earlier_act_is_a_mention_of_that_act(nlp):
    from sitroom.extract import mentions_from_doc
    from sitroom.records import Article

    text = ("Air strike hits Tripoli detention centre\n\nAn air strike hit a migrant detention "
            "centre in Tajoura on Tuesday night, killing at least 40 people. The strike came a "
            "week after Tripoli forces recaptured Gharyan, the main base of the eastern army.")
    article = Article(id="art_t", text=text, published="2019-07-03", doc="t")
    found = mentions_from_doc(nlp(text), article)
    later = next(m for m in found if m.sentence.startswith("The strike came"))
    assert later.event_type == "ASSAULT"
    assert later.location is not None and later.location.name == "Gharyan"
    # a week before the strike of Tuesday 2 July, the date the sentence takes from its paragraph
    assert (later.date.start, later.date.end) == ("2019-06-24", "2019-06-26")
    assert later.fatalities is None


def test_less_than_a_gap_reaches_back_to_the_same_day(nlp):
    found = earlier_clause(next(nlp("The strike came less than a day after the grain deal "
                                    "was signed in Istanbul.").sents))
    assert found is not None and found.days == (0, 1)


def test_a_leading_since_clause_is_an_earlier_act_that_dates_itself(nlp):
    from sitroom.extract.dates import first_date

    sent = next(nlp("Since the militias entered Gheryan last Thursday, fighting has spread to "
                    "the southern edge of the capital.").sents)
    found = earlier_clause(sent)
    assert found is not None and found.own_date
    assert found.span.text == "the militias entered Gheryan last Thursday"
    assert first_date(found.span, "2019-04-08").start == "2019-04-04"


def test_an_act_a_sentence_says_its_act_followed_is_a_second_mention(nlp):
    from sitroom.extract import mentions_from_doc
    from sitroom.records import Article

    text = ("Turkey launches offensive\n\nTurkey launched an offensive against Syrian "
            "government forces in Idlib on Sunday, following the killing of 33 Turkish soldiers "
            "in an air strike on Thursday.")
    article = Article(id="art_f", text=text, published="2020-03-01", doc="f")
    found = [m for m in mentions_from_doc(nlp(text), article) if "following" in m.sentence]
    assert sorted(m.date.start for m in found) == ["2020-02-27", "2020-03-01"]
    earlier_act = next(m for m in found if m.date.start == "2020-02-27")
    assert earlier_act.event_type == "ASSAULT" and earlier_act.fatalities.best == 33
    assert len({m.id for m in found}) == 2


def test_the_scorer_matches_a_gold_mention_to_the_act_it_quotes():
    from sitroom.evaluate.sample import _match
    from sitroom.records import Mention

    sentence = "Turkey launched an offensive on Sunday, following the killing of troops."
    main = Mention("m1", "a", "ASSAULT", trigger="offensive", sentence=sentence, doc="d")
    side = Mention("m2", "a", "ASSAULT", trigger="killing", sentence=sentence, doc="d")
    by_doc = {"d": [main, side]}
    gold = {"doc": "d", "sentence_contains": "following the killing of troops"}
    assert _match(gold, by_doc, "ASSAULT") is side
    assert _match({"doc": "d", "sentence_contains": "launched an offensive"}, by_doc,
                  "ASSAULT") is main


@pytest.mark.parametrize(("text", "acts"), [
    # what came before the sentence's act, and what those it hit were supporting
    ("Russian bombers struck armed groups in Idlib on Thursday after militants backed by "
     "Turkish artillery broke through Syrian army positions near Nairab.",
     ["militants backed by Turkish artillery broke through Syrian army positions near Nairab"]),
    ("The strike hit Turkish troops supporting an offensive by Syrian rebel groups towards "
     "Nayrab.", ["an offensive by Syrian rebel groups towards Nayrab"]),
    ("The strike came a week after rebels recaptured the town.", []),  # an earlier clause
])
def test_a_sentences_side_acts_are_read(nlp, text, acts):
    from sitroom.extract.earlier import side_acts

    assert [a.span.text for a in side_acts(next(nlp(text).sents))] == acts


def test_a_side_act_without_a_date_of_its_own_takes_the_week_up_to_the_sentence(nlp):
    from sitroom.extract import mentions_from_doc
    from sitroom.fuse import fuse
    from sitroom.records import Article

    text = ("Russian bombers struck armed groups in Idlib on Thursday after militants broke "
            "through Syrian army positions near Nairab.")
    article = Article(id="art_s", text=text, published="2020-02-20", doc="s")
    found = mentions_from_doc(nlp(text), article)
    side = next(m for m in found if m.trigger == "broke")
    assert (side.date.start, side.date.end, side.date.precision) == \
        ("2020-02-13", "2020-02-20", "week")
    assert side.actor2 is not None and side.actor2.country == "SYR"
    assert len(fuse(found).events) == 2  # one sentence's two acts never fuse


def test_the_date_of_a_side_act_is_not_the_date_of_the_sentences_own_act(nlp):
    from sitroom.extract import mentions_from_doc
    from sitroom.records import Article

    text = ("Turkey said it neutralized more than 2,000 Syrian troops after the regime killed "
            "34 Turkish troops in an aerial attack in late February.")
    article = Article(id="art_n", text=text, published="2020-03-16", doc="n")
    found = {m.trigger: m for m in mentions_from_doc(nlp(text), article)}
    assert found["killed"].date.text == "late February"
    assert found["neutralized"].date.text != "late February"


def test_a_side_acts_toll_is_not_the_toll_of_the_sentences_own_act(nlp):
    from sitroom.extract import mentions_from_doc
    from sitroom.records import Article

    text = ("Turkey said it neutralized more than 2,000 Syrian troops after the regime killed "
            "34 Turkish troops in an aerial attack in late February.")
    article = Article(id="art_t", text=text, published="2020-03-16", doc="t")
    found = {m.trigger: m for m in mentions_from_doc(nlp(text), article)}
    assert found["killed"].fatalities is not None and found["killed"].fatalities.best == 34
    assert found["neutralized"].fatalities is None


def test_what_the_speaker_went_on_to_demand_is_a_second_act(nlp):
    from sitroom.extract import mentions_from_doc
    from sitroom.records import Article

    text = ("In a statement, Moscow said Russian planes had bombed armed groups backed by "
            "Ankara on Thursday, and called on Ankara to end its support for terrorists.")
    found = mentions_from_doc(nlp(text), Article(id="a1", text=text, published="2020-02-21",
                                                 doc="d", outlet="O"))
    kinds = {m.event_type: m for m in found}
    assert {"ASSAULT", "DEMAND"} <= set(kinds)
    demand = kinds["DEMAND"]
    assert demand.actor2 is not None and demand.actor2.country == "TUR"
    assert demand.date.start == "2020-02-20"  # the sentence's day
