"""Extraction in context: which place, doer, type, count and date a sentence's event gets."""

from __future__ import annotations

import pytest

from sitroom.extract import event_type, mentions_from_doc, places, quantities
from sitroom.nlp import get_nlp
from sitroom.records import Article


def _sent(text: str):
    doc = get_nlp()(text)
    return doc, next(iter(doc.sents))


def _location(text: str) -> str | None:
    doc, sent = _sent(text)
    code = event_type.classify_sentence(sent)
    loc = places.locate(sent, places.geoparse(doc), code.trigger_start if code else None)
    return loc.name if loc else None


@pytest.mark.parametrize(("text", "not_there"), [
    # a place in a side clause about another happening (where a deal was made)
    ("Turkey moved more than 100 soldiers into Syria's Idlib province late on Thursday, "
     "starting a mission to observe a zone agreed with Russia and Iran in Astana.", "Astana"),
    # a capital standing for its government
    ("In a statement, Moscow said Russian planes had bombed armed groups backed by Ankara "
     "and called on Ankara to end its support for terrorists.", "Ankara"),
    # a place naming an earlier event
    ("Akar said Turkish forces had neutralized more than 2,000 Syrian troops since the "
     "Balyun attack.", "Balyun"),
])
def test_places_of_other_happenings_are_not_the_location(text, not_there):
    assert _location(text) != not_there


def test_the_location_in_the_triggers_own_clause_still_wins():
    assert _location("The ceasefire that Erdogan and Putin agreed in Moscow on Thursday came "
                     "into force at midnight, but analysts in Beirut doubt it will hold.") == \
        "Moscow"


@pytest.mark.parametrize("text", [
    "Moscow's troops stayed away from a planned joint patrol on the M4 on Monday.",
    "Russian units pulled out of a planned joint patrol on the M4 after militant attacks.",
    "The opposition boycotted the talks in Geneva.",
])
def test_refusing_a_planned_act_is_a_rejection(text):
    _, sent = _sent(text)
    assert event_type.classify_sentence(sent).plover == "REJECT"


@pytest.mark.parametrize(("text", "killed", "wounded"), [
    ("Two Turkish soldiers lost their lives and one was injured on Thursday.", (2, False),
     (1, False)),
    ("Two Turkish soldiers were killed and another was wounded in a rocket attack.",
     (2, False), (1, False)),
    ("With Thursday's deaths, 15 Turkish soldiers have been killed in Idlib in February.",
     (15, True), None),
    ("Turkey has now lost 15 soldiers in Idlib this month.", (15, True), None),
    ("More than 380,000 people have been killed since the war began in 2011.",
     (380001, True), None),
])
def test_counts_of_dead_and_wounded(text, killed, wounded):
    _, sent = _sent(text)
    k, w = quantities.casualties(sent)
    assert (k.best, k.cumulative) == killed
    assert (w.best, w.cumulative) == wounded if wounded else w is None


def _mentions(text: str, published: str | None = "2020-02-28") -> list:
    article = Article(id="art_test", text=text, published=published, doc="test",
                      outlet="Test Wire")
    return mentions_from_doc(get_nlp()(text), article)


def test_doers_and_targets_in_context():
    ms = _mentions("Turkey mourns 34 soldiers killed at Balyun.\n\n"
                   "The raid came hours after Turkish-backed fighters attacked regime lines at "
                   "Nayrab.\n\nTurkish forces killed as many as 50 regime fighters.")
    mourns, raid, hit = ms
    assert mourns.actor1 is None or mourns.actor1.country != "TUR"  # the bereaved, not the doer
    assert raid.actor1 is None or raid.actor1.country != "TUR"  # backed by Turkey, not Turkey
    assert (hit.actor2.country, hit.actor2.sector) == ("SYR", "MIL")  # the regime's forces


def test_blame_is_also_a_claimed_perpetrator_of_the_reported_attack():
    ms = _mentions("Dozens of Turkish soldiers were killed on Thursday night when their "
                   "position near Balyun in southern Idlib was hit from the air.\n\n"
                   "Turkish officials blamed the forces of the Syrian government.")
    claims = [m for m in ms if m.event_type == "ASSAULT" and m.modality == "claimed"]
    assert len(claims) == 1
    claim = claims[0]
    assert claim.actor1.country == "SYR"
    assert claim.attribution[0] == "Turkish officials"
    assert "blamed" in claim.sentence
    assert any(m.event_type == "ACCUSE" for m in ms)  # the accusation stays an event too


def test_a_condemnation_of_the_killing_is_also_a_mention_of_the_attack():
    ms = _mentions("Three aid workers were killed on Saturday when gunmen opened fire on their "
                   "convoy near Kabkabiya.\n\n"
                   "UN Secretary-General Antonio Guterres condemned the deaths of the aid "
                   "workers on Sunday.", published="2023-04-16")
    lead = next(m for m in ms if m.event_type == "ASSAULT" and not m.follows)
    told = [m for m in ms if m.follows == lead.id and "condemned" in m.sentence]
    assert len(told) == 1 and told[0].event_type == "ASSAULT" and told[0].actor1 is None
    assert told[0].date == lead.date  # when the attack was, not the condemnation
    assert any(m.event_type == "DISAPPROVE" for m in ms)  # the condemnation stays an event


def test_a_sentence_with_no_place_takes_its_articles_province():
    ms = _mentions("Turkish drones struck government positions near Saraqib on Thursday.\n\n"
                   "The strikes killed at least 19 soldiers, the ministry said.")
    lead, toll = ms
    assert lead.location.name == "Saraqib"
    assert (toll.location.precision, toll.location.admin1) == ("admin1", "Idlib")
    assert toll.location.text == "Saraqib"  # traceable to the name it was inferred from


def test_counts_and_denials_without_an_act_word_follow_the_attack_they_report_on():
    ms = _mentions("Two missiles struck the railway station in Kramatorsk on Friday morning, "
                   "killing at least 50 people.\n\n"
                   "More than a hundred people were injured.\n\n"
                   "Russia's defence ministry denied any involvement.", published="2022-04-08")
    lead = ms[0]
    assert lead.event_type == "ASSAULT" and lead.follows is None
    injured = next(m for m in ms if "injured" in m.sentence)
    assert injured.follows == lead.id and injured.trigger is None
    assert injured.event_type == "ASSAULT" and injured.wounded.best >= 100
    assert injured.date == lead.date
    denial = next(m for m in ms if "denied" in m.sentence)
    assert denial.follows == lead.id and denial.modality == "denied"
    assert denial.actor1.country == "RUS"  # the denier: a "not RUS" perpetrator claim


def test_a_place_that_says_where_the_speakers_sit_is_not_the_location():
    assert _location("Regional officials in Donetsk said on Saturday that 52 people were "
                     "killed in the missile strike on Kramatorsk station.") != "Donetsk"


def test_ukrainian_oblasts_nest_their_towns():
    oblast = places.resolve("Donetsk region")
    town = places.resolve("Kramatorsk")
    assert (oblast.precision, oblast.name) == ("admin1", "Donetsk Oblast")
    assert town.admin1 == "Donetsk Oblast" and places.within(town, oblast)


def test_a_launch_site_is_not_where_the_missiles_hit():
    assert _location("Missiles fired from Belgorod struck the centre of Kharkiv on Monday.") \
        == "Kharkiv"
    assert _location("Missiles fired from bombers flying over Russia's Kursk region struck a "
                     "shopping centre in Kremenchuk.") == "Kremenchuk"



def test_a_deal_named_by_its_date_is_dated_by_it():
    ms = _mentions("The joint patrols are a key part of the March 5 deal between Erdogan and "
                   "Putin, which created a security corridor along the M4.",
                   published="2020-03-15")
    deal = next(m for m in ms if m.event_type == "AGREE")
    assert deal.date.start == "2020-03-05"


def test_two_nationalities_on_one_patrol_make_it_joint():
    _, sent = _sent("The first Turkish-Russian patrol on the M4 highway took place on Sunday.")
    assert event_type.classify_sentence(sent).plover == "COOPERATE"
    _, solo = _sent("A Turkish patrol moved along the M4 highway on Monday.")
    assert event_type.classify_sentence(solo).plover == "MOBILIZE"


def test_whom_a_report_blames_for_an_attack_is_its_claimed_perpetrator():
    ms = _mentions("Ukrainian authorities attribute the attack on the railway station in "
                   "Kramatorsk to Russian forces.", published="2022-04-10")
    attack = next(m for m in ms if m.event_type == "ASSAULT")
    assert attack.actor1.country == "RUS" and attack.actor2 is None
    assert attack.modality == "claimed" and attack.attribution == ["Ukrainian authorities"]


def test_a_year_less_dateline_dates_the_undated_lead_and_its_headline():
    text = ("Rockets hit market town\n\n"
            "SHUSHA, Oct 4 (Test Wire) - Rockets struck a market in the town overnight into "
            "Sunday, killing five people, officials said.\n\n"
            "A week earlier, on 27 September, shells had hit the same district.")
    dates = {m.sentence.lstrip("- ")[:14]: m.date.month_day for m in _mentions(text, None)}
    assert dates == {"Rockets hit ma": "--10-04", "Rockets struck": "--10-04",
                     "A week earlier": "--09-27"}


def test_harm_told_without_a_count_follows_the_attack():
    text = ("Shells hit the old cathedral in Shusha on Thursday, officials said.\n\n"
            "One of the foreign reporters filming inside was seriously hurt.")
    found = _mentions(text)
    lead = next(m for m in found if m.follows is None)
    hurt = next(m for m in found if "seriously hurt" in m.sentence)
    assert (hurt.follows, hurt.event_type) == (lead.id, "ASSAULT")


def test_a_dated_deal_named_beside_another_act_is_a_mention_of_that_deal():
    # seed 002: no publication date; the patrol's sentence names the deal by its day, and
    # the report's later, undated sentences on "a deal" take that day
    text = ("Turkish and Russian troops have conducted the first joint patrol on the M4 "
            "highway, the ministry said on March 15, in line with the March 5 agreement "
            "sealed between Ankara and Moscow.\n\n"
            "A deal brokered by Erdogan and Putin has stipulated joint patrolling on the M4.")
    found = _mentions(text, None)
    kinds = {m.event_type for m in found if m.sentence.startswith("Turkish and Russian")}
    assert {"COOPERATE", "AGREE"} <= kinds
    deals = [m for m in found if m.event_type == "AGREE"]
    assert {m.date.month_day for m in deals} == {"--03-05"}
    assert len(deals) == 2


def test_a_relative_date_in_a_report_with_no_publication_date_waits_for_fusion():
    found = _mentions("Following technical talks with the Russian counterparts in Ankara in "
                      "the last week, Turkish officials announced that Turkish troops will "
                      "control the northern strip.", None)  # seed 002
    (talks,) = [m for m in found if m.event_type == "CONSULT"]
    assert (talks.date.start, talks.date.text) == (None, "the last week")


def test_earlier_in_the_day_is_the_day_just_told_of():
    found = _mentions("Turkish officials met Russian envoys in Ankara on Thursday.\n\n"
                      "Hayat Tahrir al-Sham said its fighters had recaptured Saraqeb from "
                      "government forces earlier in the day.", "2020-02-28")
    (taken,) = [m for m in found if "Saraqeb" in m.sentence]
    assert taken.date.start == "2020-02-27"


def test_it_after_a_deal_is_the_deal_and_what_it_provides_are_its_terms():
    found = _mentions("Erdogan and Putin reached the deal in Moscow on Thursday. It creates a "
                      "security corridor on each side of the M4 highway and provides for "
                      "joint patrols.", "2020-03-06")
    deal = next(m for m in found if m.follows is None and m.event_type == "AGREE")
    terms = [m for m in found if m.sentence.startswith("It creates")]
    assert terms and all((m.event_type, m.follows) == ("AGREE", deal.id) for m in terms)
    # "it" after a statement is not a deal
    found = _mentions("The army said in a statement that a jet violated its airspace. It was "
                      "the third violation of the kind, the statement said.", "2020-03-06")
    assert not [m for m in found if m.sentence.startswith("It was") and m.follows]


def test_sentences_saying_more_of_a_deal_follow_it():
    text = ("Armenia and Azerbaijan agreed in Moscow on Saturday to a humanitarian ceasefire.\n\n"
            "The truce is meant to let both sides swap prisoners and the dead.")
    found = _mentions(text, "2020-10-10")
    deal = next(m for m in found if m.follows is None)
    more = next(m for m in found if m.sentence.startswith("The truce"))
    assert (more.follows, more.event_type) == (deal.id, "AGREE")


def test_an_accusation_of_breaking_a_deal_is_also_a_mention_of_the_deal():
    text = ("Armenia and Azerbaijan agreed in Moscow on Saturday to a humanitarian ceasefire.\n\n"
            "Both sides accused each other of breaking the truce within hours.")
    found = _mentions(text, "2020-10-10")
    deal = next(m for m in found if m.event_type == "AGREE" and m.follows is None)
    about = [m for m in found if m.sentence.startswith("Both sides")]
    assert {m.event_type for m in about} == {"ACCUSE", "AGREE"}
    assert next(m for m in about if m.event_type == "AGREE").follows == deal.id


def test_a_term_of_the_deal_is_also_a_mention_of_the_deal():
    ms = _mentions("Russia and Turkey agreed on Thursday in Moscow to a ceasefire in Idlib.\n\n"
                   "Under the agreement, Russian and Turkish troops will patrol the M4 "
                   "highway from March 15.", published="2020-03-05")
    deal = next(m for m in ms if m.event_type == "AGREE" and not m.follows)
    terms = [m for m in ms if m.follows == deal.id]
    assert len(terms) == 1 and terms[0].event_type == "AGREE"
    assert "Under the agreement" in terms[0].sentence
    assert len({m.id for m in ms}) == len(ms)


def test_an_accusation_naming_no_one_is_still_a_mention_of_the_attack():
    ms = _mentions("Fighting broke out between the army and the paramilitary forces in the "
                   "capital on Saturday.\n\nEach side accused the other of firing first.",
                   published="2023-04-15")
    lead = next(m for m in ms if m.event_type == "ASSAULT" and not m.follows)
    told = [m for m in ms if m.follows == lead.id and "accused" in m.sentence]
    assert len(told) == 1 and told[0].actor1 is None and told[0].event_type == "ASSAULT"


def test_an_attack_told_as_a_breach_of_the_deal_is_also_a_mention_of_the_deal():
    ms = _mentions("The two governments agreed on Saturday to a ceasefire around the capital.\n\n"
                   "The army said rebel militias had breached the ceasefire within hours, "
                   "shelling its positions in the southern suburbs.", published="2020-01-12")
    deal = next(m for m in ms if m.event_type == "AGREE" and not m.follows)
    breach = [m for m in ms if m.sentence.startswith("The army said")]
    assert any(m.event_type == "AGREE" and m.follows == deal.id for m in breach)


def test_a_town_held_since_a_day_was_taken_that_day():
    ms = _mentions("Army consolidates hold on Sirte\n\nThe army has held Sirte since last "
                   "Monday, a spokesman said.", published="2020-01-15")
    held = next(m for m in ms if m.sentence.startswith("The army has held"))
    assert (held.event_type, held.date.start) == ("ASSAULT", "2020-01-13")


def test_a_lead_before_a_background_date_does_not_take_that_date(nlp):
    from sitroom.extract import mentions_from_doc
    from sitroom.records import Article

    text = ("The spokesperson said the army fired at the jet over Rubavu.\n\n"
            "On 7 November a jet landed briefly at Rubavu airport.")
    article = Article(id="art_r", text=text, published="2023-01-24", doc="r")
    fired = next(m for m in mentions_from_doc(nlp(text), article) if m.trigger == "fired")
    assert fired.date.start != "2022-11-07"
