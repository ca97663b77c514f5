"""Dates: relative expressions resolved against the publication date only, never invented."""

from __future__ import annotations

import pytest
from seedtext import seed as _seed
from seedtext import sentence as _sentence

from sitroom.extract.dates import awaits_anchor, event_date, find_dates, resolve, weekday_of


@pytest.mark.parametrize(
    ("expression", "anchor", "start", "end", "precision"),
    [
        ("on Thursday", "2020-02-27", "2020-02-27", "2020-02-27", "day"),  # a Thursday itself
        ("on Monday", "2020-09-22", "2020-09-21", "2020-09-21", "day"),
        ("last Thursday", "2020-02-27", "2020-02-20", "2020-02-20", "day"),
        ("next Monday", "2020-09-22", "2020-09-28", "2020-09-28", "day"),
        ("yesterday", "2020-03-16", "2020-03-15", "2020-03-15", "day"),
        ("last night", "2020-03-16", "2020-03-15", "2020-03-15", "day"),
        ("today", "2020-03-16", "2020-03-16", "2020-03-16", "day"),
        ("5 March 2020", None, "2020-03-05", "2020-03-05", "day"),
        ("March 5, 2020", None, "2020-03-05", "2020-03-05", "day"),
        ("Tuesday, 22 September, 2020", None, "2020-09-22", "2020-09-22", "day"),
        ("on Monday, September 21, 2020", "2021-01-01", "2020-09-21", "2020-09-21", "day"),
        ("March 15", "2020-03-16", "2020-03-15", "2020-03-15", "day"),
        ("on March 5", "2020-09-22", "2020-03-05", "2020-03-05", "day"),
        ("March 17", "2020-03-16", "2020-03-17", "2020-03-17", "day"),  # dateline slack
        ("December 30", "2020-01-02", "2019-12-30", "2019-12-30", "day"),
        ("late February", "2020-03-15", "2020-02-20", "2020-02-29", "month"),
        ("early March", "2020-03-15", "2020-03-01", "2020-03-10", "month"),
        ("mid-February", "2020-03-15", "2020-02-11", "2020-02-20", "month"),
        ("late February 2019", None, "2019-02-20", "2019-02-28", "month"),
        ("February 2020", None, "2020-02-01", "2020-02-29", "month"),
        ("in February", "2020-03-15", "2020-02-01", "2020-02-29", "month"),
        ("in September 2018", None, "2018-09-01", "2018-09-30", "month"),
        ("in 2018", None, "2018-01-01", "2018-12-31", "year"),
        ("last week", "2020-09-22", "2020-09-14", "2020-09-20", "week"),
        ("last week's", "2022-12-05", "2022-11-28", "2022-12-04", "week"),  # "... attack"
        # on a Sunday, the working week just ended may be meant: both weeks
        ("last week", "2020-03-01", "2020-02-24", "2020-02-28", "week"),
        ("over recent weeks", "2020-09-22", "2020-08-26", "2020-09-22", "month"),
        ("in the past few weeks", "2020-09-22", "2020-08-26", "2020-09-22", "month"),
        ("this week", "2020-09-22", "2020-09-16", "2020-09-22", "week"),
        ("the past few days", "2020-09-22", "2020-09-16", "2020-09-22", "week"),
        ("previous year", "2017-10-13", "2016-01-01", "2016-12-31", "year"),
        ("last year", "2020-02-27", "2019-01-01", "2019-12-31", "year"),
        ("three days ago", "2020-02-27", "2020-02-24", "2020-02-24", "day"),
        ("late Tuesday", "2020-02-27", "2020-02-25", "2020-02-25", "day"),
        ("late on Thursday", "2020-03-01", "2020-02-27", "2020-02-27", "day"),
        ("overnight Thursday", "2020-03-01", "2020-02-27", "2020-02-27", "day"),
        ("on Thursday, February 27", "2020-03-01", "2020-02-27", "2020-02-27", "day"),
        ("Feb. 27", "2020-03-01", "2020-02-27", "2020-02-27", "day"),
        ("at the end of February", "2020-03-01", "2020-02-20", "2020-02-29", "month"),
        ("mid-January 2020", None, "2020-01-11", "2020-01-20", "month"),
        ("Sunday afternoon", "2020-02-27", "2020-02-23", "2020-02-23", "day"),
        ("last weekend", "2020-02-27", "2020-02-22", "2020-02-23", "week"),
        ("the last four days", "2020-02-27", "2020-02-23", "2020-02-27", "week"),
        ("the 1990s", None, "1990-01-01", "1999-12-31", "year"),
    ],
)
def test_resolve_rules(expression, anchor, start, end, precision):
    ref = resolve(expression, anchor)
    assert (ref.start, ref.end, ref.precision) == (start, end, precision)
    assert ref.text == expression
    assert ref.anchor == anchor


@pytest.mark.parametrize("expression", ["on Thursday", "last week", "previous year", "yesterday"])
def test_resolve_relative_without_anchor_is_unknown(expression):
    ref = resolve(expression, None)
    assert ref.precision == "unknown"
    assert ref.start is None and ref.end is None
    assert ref.text == expression


def test_resolve_month_day_without_anchor_keeps_month_day_only():
    ref = resolve("March 15", None)
    assert (ref.start, ref.end, ref.precision, ref.month_day) == (None, None, "day", "--03-15")
    assert ref.text == "March 15"


def test_resolve_month_part_without_anchor_keeps_text_not_a_year():
    ref = resolve("late February", None)
    assert ref.start is None and ref.end is None
    assert ref.text == "late February"


@pytest.mark.parametrize(("expression", "waits"), [
    ("last week", True), ("late February", True), ("in recent days", True),
    ("on Thursday", False), ("March 15", False), ("a row", False), ("several weeks", False)])
def test_what_a_publication_day_would_resolve_awaits_one(expression, waits):
    # a report with no publication date keeps these until fusion has dated it; weekdays
    # and month-days are matched as they stand, and words that are no date never wait
    assert awaits_anchor(resolve(expression, None)) is waits


@pytest.mark.parametrize("expression", ["around 22:15 local time", "at dawn", "several weeks", ""])
def test_resolve_time_or_vague_is_unknown(expression):
    ref = resolve(expression, "2020-02-27")
    assert ref.precision == "unknown" and ref.start is None


def test_resolve_leap_day_and_impossible_date():
    assert resolve("February 29", "2020-03-10").start == "2020-02-29"
    assert resolve("February 30", "2020-03-10").precision == "unknown"


def test_find_dates_offsets_are_doc_offsets(nlp):
    text = "Intro sentence here. Turkey on Thursday launched an operation into Idlib."
    sent = _sentence(nlp, text, "launched")
    found = find_dates(sent, "2020-02-27")
    assert [(d.text, d.start) for d in found] == [("on Thursday", "2020-02-27")]
    assert text[found[0].char_start : found[0].char_end] == "on Thursday"


def test_find_dates_catches_what_ner_misses(nlp):
    sent = _sentence(nlp, "The regime killed 34 Turkish troops in late February.", "killed")
    found = find_dates(sent, "2020-03-15")
    assert [(d.text, d.start, d.end) for d in found] == [
        ("late February", "2020-02-20", "2020-02-29")
    ]


def test_find_dates_dateline_split_by_ner(nlp):
    sent = _sentence(nlp, "Tuesday, 22 September, 2020 - 08:30", "2020")
    found = find_dates(sent, None)
    assert len(found) == 1 and found[0].start == "2020-09-22"


def test_seed_002_report_date_without_anchor(nlp):
    sent = _sentence(nlp, _seed("002"), "Turkish Defense Ministry said on March 15")
    ref = event_date(sent, None)
    assert (ref.start, ref.month_day, ref.text) == (None, "--03-15", "March 15")


def test_seed_002_report_date_with_anchor_skips_agreement_date(nlp):
    sent = _sentence(nlp, _seed("002"), "Turkish Defense Ministry said on March 15")
    ref = event_date(sent, "2020-03-16")
    assert (ref.start, ref.end, ref.precision) == ("2020-03-15", "2020-03-15", "day")
    assert sent.doc.text[ref.char_start : ref.char_end] == "March 15"


def test_seed_002_agreement_date_is_not_the_event_date(nlp):
    sent = _sentence(nlp, _seed("002"), "Sochi Agreement")
    assert event_date(sent, "2020-03-16").precision == "unknown"


def test_seed_002_late_february(nlp):
    sent = _sentence(nlp, _seed("002"), "aerial attack in late February")
    ref = event_date(sent, "2020-03-15")
    assert (ref.start, ref.end, ref.precision, ref.text) == (
        "2020-02-20",
        "2020-02-29",
        "month",
        "late February",
    )


def test_seed_003_on_thursday(nlp):
    sent = _sentence(nlp, _seed("003"), "Turkey on Thursday launched")
    ref = event_date(sent, "2020-02-27")
    assert (ref.start, ref.precision, ref.text) == ("2020-02-27", "day", "on Thursday")
    assert event_date(sent, None).precision == "unknown"


def test_seed_004_on_monday_and_last_week(nlp):
    text = _seed("004")
    drill = event_date(_sentence(nlp, text, "joint military drill in"), "2020-09-22")
    assert (drill.start, drill.precision) == ("2020-09-21", "day")
    refused = event_date(_sentence(nlp, text, "refused to hold a joint patrol"), "2020-09-22")
    assert (refused.start, refused.end, refused.precision) == ("2020-09-14", "2020-09-20", "week")


def test_seed_004_main_verb_date_beats_later_one(nlp):
    sent = _sentence(nlp, _seed("004"), "On March 5, Ankara and Moscow agreed")
    assert event_date(sent, "2020-09-22").start == "2020-03-05"


def test_seed_000_previous_year(nlp):
    sent = _sentence(nlp, _seed("000"), "previous year")
    ref = event_date(sent, "2017-10-13")
    assert (ref.start, ref.end, ref.precision) == ("2016-01-01", "2016-12-31", "year")


def test_event_date_without_any_date_is_unknown_with_anchor(nlp):
    sent = _sentence(nlp, "The army shelled the town.", "shelled")
    ref = event_date(sent, "2020-02-27")
    assert (ref.precision, ref.start, ref.anchor) == ("unknown", None, "2020-02-27")


@pytest.mark.parametrize(
    "text",
    [
        "No Turkish soldier had died in Idlib since the truce took effect on March 6.",
        "It was the first attack since 6 March.",
    ],
)
def test_since_bounds_a_period_not_the_event(nlp, text):
    assert event_date(_sentence(nlp, text, "since"), "2020-03-19").precision == "unknown"


def test_month_day_ahead_of_the_anchor_for_plans() -> None:
    # a 5 March report of patrols "starting March 15" looks ten days ahead, not a year back
    assert resolve("March 15", "2020-03-05").start == "2020-03-15"
    assert resolve("on March 5", "2020-09-22").start == "2020-03-05"
    assert resolve("December 28", "2020-01-03").start == "2019-12-28"


def test_an_unanchored_weekday_on_the_event_verb_is_kept_for_fusion(nlp):
    sent = _sentence(nlp, "Dozens of Turkish soldiers were killed on Thursday night when "
                          "their position came under fire.", "killed")
    ref = event_date(sent, None)
    assert (ref.start, ref.precision, ref.text) == (None, "unknown", "on Thursday")
    assert weekday_of(ref) == 3
    said = _sentence(nlp, "The ministry said on Thursday that soldiers were killed.", "killed")
    assert weekday_of(event_date(said, None)) is None  # the day of the telling, not the act


def test_year_less_day_month_in_a_sentence_is_found(nlp):
    sent = next(nlp("The second raid, in the night to 4 March, hit the depot.").sents)
    assert [r.month_day for r in find_dates(sent, None) if r.month_day] == ["--03-04"]


def test_the_day_a_deal_was_signed_is_its_date_when_the_deal_is_the_event(nlp):
    sent = next(nlp("Envoys of both sides signed an agreement in Jeddah on Saturday for a "
                    "ceasefire that is to take effect on Monday evening, the mediators "
                    "said.").sents)
    assert event_date(sent, "2023-05-21", deal=True).start == "2023-05-20"
    # any other act in the sentence is not dated by the agreement
    assert event_date(sent, "2023-05-21").start != "2023-05-20"


def test_a_date_the_model_ran_on_past_a_comma_is_still_read(nlp):
    sent = next(nlp("Haftar's forces entered Gharyan on April 4, the day he ordered the march "
                    "on the capital.").sents)
    assert event_date(sent, "2019-06-26").start == "2019-04-04"


@pytest.mark.parametrize(("text", "start"), [
    ("Talks on the terms of the ceasefire are expected in Moscow on Monday.", "2020-01-13"),
    ("The leaders will meet on Monday.", "2020-01-13"),
    ("Rebels attacked the town on Monday.", "2020-01-06"),
    ("The army said the truce that was due to begin on Monday had been broken.", "2020-01-06"),
])
def test_a_weekday_of_something_to_come_is_the_coming_one(nlp, text, start):
    assert event_date(next(nlp(text).sents), "2020-01-12").start == start


def test_what_an_inquiry_found_is_dated_by_the_act_not_the_finding(nlp):
    from sitroom.extract.dates import event_date

    sent = next(nlp("A UN inquiry this month found that the M23 killed at least 131 civilians in "
                    "Kishishe at the end of November.").sents)
    found = event_date(sent, "2022-12-23")
    assert (found.start, found.end) == ("2022-11-20", "2022-11-30")


def test_the_day_a_deal_takes_effect_from_is_not_the_deals_date(nlp):
    from sitroom.extract.dates import event_date

    sent = next(nlp("Regional leaders agreed on Wednesday to a ceasefire from Friday.").sents)
    assert event_date(sent, "2022-11-23", deal=True).start == "2022-11-23"
