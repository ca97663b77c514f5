"""Fusion tests on hand-made mentions modelled on the Idlib 2020 reports."""

from __future__ import annotations

from dataclasses import replace

from sitroom.fuse import (
    actor_relation,
    build_event,
    contradictions,
    date_relation,
    fuse,
    normalize_outlet,
    place_relation,
    side_name,
)
from sitroom.records import ActorRef, DateRef, Mention, PlaceRef, Quantity, stable_id, to_dict

SYR = ActorRef("Syrian Arab Army", "SYR", "MIL")
RUS = ActorRef("Russian Armed Forces", "RUS", "MIL")
TUR = ActorRef("Turkish Armed Forces", "TUR", "MIL")
BALYUN = PlaceRef("Balyun", 35.69, 36.50, "SYR", "Idlib", "town")
IDLIB = PlaceRef("Idlib Governorate", 35.8, 36.6, "SYR", "Idlib", "admin1")
AL_BAB = PlaceRef("Al-Bab", 36.37, 37.52, "SYR", "Aleppo", "town")  # ~120 km from Balyun
SARAQIB = PlaceRef("Saraqib", 35.86, 36.80, "SYR", "Idlib", "town")
DAY = DateRef("2020-02-27", "2020-02-27", "day", "on Thursday")


def killed(n: int, cumulative: bool = False) -> Quantity:
    """A death toll as the quantities extractor would give it."""
    return Quantity("killed", low=n, best=n, high=n, cumulative=cumulative)


def mention(mid: str, art: str, outlet: str, **kw) -> Mention:
    """An ASSAULT mention with sensible defaults; keyword arguments override."""
    base = dict(id=mid, article_id=art, event_type="ASSAULT", mode="aerial", cameo="195",
                actor2=TUR, location=BALYUN, date=DAY, outlet=outlet,
                published="2020-02-28", confidence=0.7)
    base.update(kw)
    return Mention(**base)


def balyun_mentions() -> list[Mention]:
    """The 27 Feb 2020 strike told by four outlets with differing tolls and perpetrators."""
    return [
        mention("m1", "a1", "Daily Sabah", actor1=SYR, fatalities=killed(33),
                attribution=["Fahrettin Altun"], modality="reported",
                sentence="Altun said 33 Turkish soldiers were killed in an air strike by "
                         "Syrian regime forces in Idlib."),
        mention("m2", "a2", "Al Jazeera", actor1=RUS, fatalities=killed(34),
                attribution=["activists"], modality="reported",
                sentence="Activists said Russian jets carried out the air strike that killed "
                         "34 Turkish soldiers near Balyun."),
        mention("m3", "a3", "The Guardian", fatalities=Quantity("killed", low=12, best=12,
                                                                high=12, text="dozens"),
                location=IDLIB, sentence="Dozens of Turkish troops died in an air raid on "
                                         "their position in Idlib province."),
        mention("m4", "a4", "www.bbc.co.uk", actor1=SYR, fatalities=killed(34),
                sentence="At least 34 Turkish soldiers were killed in the air strike in "
                         "Balyun, Turkish officials said."),
    ]


def test_balyun_four_outlets_fuse_into_one_event_with_contradictions():
    ms = balyun_mentions()
    res = fuse(ms)
    assert len(res.events) == 1
    ev = res.events[0]
    assert sorted(ev.mention_ids) == ["m1", "m2", "m3", "m4"]
    assert ev.id == stable_id("evt", "m1")
    assert ev.n_sources == 4
    assert ev.location.name == "Balyun"  # the town beats the province
    assert ev.date.start == "2020-02-27" and ev.date.precision == "day"
    assert (ev.fatalities.low, ev.fatalities.best, ev.fatalities.high) == (12, 34, 34)
    assert ev.actor1.country == "SYR"  # majority; the disagreement is recorded below
    by_field = {c.field: c for c in ev.contradictions}
    perp = by_field["perpetrator"]
    claims = {c.value: c for c in perp.claims}
    assert set(claims) == {"SYR", "RUS"}
    assert claims["SYR"].attribution == ["Fahrettin Altun"]
    assert claims["RUS"].attribution == ["activists"]
    assert claims["RUS"].article_ids == ["a2"]
    assert {c.value for c in by_field["fatalities"].claims} == {33, 34, "dozens"}
    assert set(res.assignments) == {"m1", "m2", "m3", "m4"}


def test_strike_100km_away_same_day_stays_separate():
    ms = balyun_mentions() + [
        mention("x1", "a5", "Reuters", location=AL_BAB, fatalities=killed(3),
                sentence="An air strike killed three people in Al-Bab on Thursday."),
    ]
    res = fuse(ms)
    assert len(res.events) == 2
    assert res.assignments["x1"] != res.assignments["m1"]


def test_different_day_same_place_stays_separate():
    later = replace(DAY, start="2020-03-05", end="2020-03-05")
    res = fuse(balyun_mentions() + [mention("y1", "a6", "Reuters", date=later,
                                            sentence="Another strike hit Balyun.")])
    assert len(res.events) == 2


def test_different_target_country_never_fuses():
    other = mention("z1", "a7", "SANA", actor2=ActorRef("HTS", None, "REB"),
                    sentence="Jets struck HTS positions.")
    other.actor2 = ActorRef("Syrian opposition", "SYR", "REB")
    assert len(fuse([balyun_mentions()[0], other]).events) == 2


def test_patrol_outcome_contradiction_and_month_day_anchoring():
    road = PlaceRef("M4 highway", 35.80, 36.65, "SYR", "Idlib", "town", feature="road")
    dated = DateRef("2020-03-15", "2020-03-15", "day", "on Sunday")
    patrol = dict(event_type="COOPERATE", mode=None, actor1=TUR, actor2=None, location=road)
    ms = [
        mention("p1", "b1", "Anadolu Agency", date=dated, outcome="completed",
                attribution=["Turkish Defence Ministry"], published="2020-03-15",
                sentence="The first joint Turkish-Russian patrol on the M4 highway was "
                         "completed, the ministry said.", **patrol),
        mention("p2", "b2", "TASS", date=dated, outcome="cut_short",
                attribution=["Russian Defence Ministry", "RIA"], published="2020-03-15",
                sentence="The joint patrol on the M4 was cut short because of provocations "
                         "by militants.", **patrol),
        mention("p3", "b3", "Some Blog", published=None,
                date=DateRef(None, None, "unknown", "March 15", month_day="--03-15"),
                sentence="On March 15 Turkish and Russian troops held a joint patrol along "
                         "the M4 highway.", **patrol),
    ]
    res = fuse(ms)
    assert len(res.events) == 1
    ev = res.events[0]
    assert ev.date.start == "2020-03-15"
    assert ev.date.anchored_by == "b1"
    out = next(c for c in ev.contradictions if c.field == "outcome")
    assert {c.value for c in out.claims} == {"completed", "cut_short"}
    cut = next(c for c in out.claims if c.value == "cut_short")
    assert cut.attribution == ["Russian Defence Ministry", "RIA"]


def test_month_day_with_wrong_day_does_not_join():
    dated = DateRef("2020-03-15", "2020-03-15", "day")
    a = mention("q1", "c1", "TASS", event_type="COOPERATE", date=dated, sentence="Patrol.")
    b = mention("q2", "c2", "Blog", event_type="COOPERATE",
                date=DateRef(None, None, "unknown", "March 20", month_day="--03-20"),
                sentence="Patrol.")
    assert len(fuse([a, b]).events) == 2


def test_incremental_fusion_keeps_event_ids_and_rerun_is_identical():
    ms = balyun_mentions()
    first = fuse(ms[:2])
    assert len(first.events) == 1
    eid = first.events[0].id
    second = fuse(ms[2:], first.events, existing_mentions={m.id: m for m in ms[:2]})
    assert [e.id for e in second.events] == [eid]
    assert sorted(second.events[0].mention_ids) == ["m1", "m2", "m3", "m4"]
    assert second.assignments == {m.id: eid for m in ms}
    assert [to_dict(e) for e in fuse(ms).events] == [to_dict(e) for e in fuse(ms).events]
    again = fuse(ms, second.events, existing_mentions={m.id: m for m in ms})
    assert [to_dict(e) for e in again.events] == [to_dict(e) for e in second.events]
    # mentions already fused, passed again as "new", stay in their event
    assert fuse(ms, second.events).assignments == second.assignments


def test_existing_event_without_its_mentions_still_attracts_new_ones():
    ms = balyun_mentions()
    first = fuse(ms[:2])
    second = fuse(ms[2:], first.events)
    assert [e.id for e in second.events] == [first.events[0].id]
    assert second.events[0].mention_ids[:2] == first.events[0].mention_ids


def test_cumulative_toll_is_not_a_contradiction():
    ms = [
        mention("c1", "d1", "Reuters", fatalities=killed(9), sentence="Nine soldiers died."),
        mention("c2", "d2", "AFP", fatalities=killed(9), sentence="Nine soldiers were killed."),
        mention("c3", "d3", "Hurriyet", fatalities=killed(15, cumulative=True),
                sentence="The toll rises to 15 after six more soldiers died."),
    ]
    res = fuse(ms)
    assert len(res.events) == 1
    ev = res.events[0]
    assert not [c for c in ev.contradictions if c.field == "fatalities"]
    assert (ev.fatalities.low, ev.fatalities.best, ev.fatalities.high) == (9, 9, 9)
    assert not ev.fatalities.cumulative


def test_later_higher_toll_is_a_refinement_not_a_contradiction():
    early = mention("r1", "e1", "Reuters", fatalities=killed(22), published="2020-02-27",
                    sentence="At least 22 soldiers were killed.")
    same_outlet_later = mention("r2", "e2", "Reuters", fatalities=killed(33),
                                published="2020-02-28", sentence="The toll rose to 33.")
    other_much_later = mention("r3", "e3", "BBC", fatalities=killed(34), published="2020-03-02",
                               sentence="34 soldiers were killed in the strike.")
    # a refinement is no disagreement, but every figure is kept as a revision, first first
    for later in (same_outlet_later, other_much_later):
        found = [c for c in contradictions([later, early]) if c.field == "fatalities"]
        assert [c.kind for c in found] == ["revision"]
        assert [cl.value for cl in found[0].claims] == [22, later.fatalities.best]
    rival = mention("r4", "e4", "BBC", fatalities=killed(22), published="2020-02-28",
                    sentence="22 soldiers died.")
    assert [c.field for c in contradictions([same_outlet_later, rival])] == ["fatalities"]


def test_wire_copies_count_as_one_source():
    text = "Turkish artillery shelled Syrian government positions near Saraqib, AFP reported."
    ms = [
        mention("w1", "f1", "France 24", location=SARAQIB, attribution=["AFP"], sentence=text),
        mention("w2", "f2", "The National", location=SARAQIB, attribution=["AFP"],
                sentence=text.replace("shelled", "shelled the")),
        mention("w3", "f3", "Reuters", location=SARAQIB,
                sentence="Turkey's army pounded regime posts around Saraqib."),
    ]
    res = fuse(ms)
    assert len(res.events) == 1
    assert res.events[0].n_sources == 2


def test_denial_is_a_claim_and_hypothetical_is_not():
    claim = mention("d1", "g1", "Al Jazeera", actor1=RUS, attribution=["activists"],
                    sentence="Activists blamed Russian jets.")
    denial = mention("d2", "g2", "TASS", actor1=RUS, modality="denied",
                     attribution=["Russian Defence Ministry"],
                     sentence="Moscow denied its aircraft were involved.")
    hypo = mention("d3", "g3", "Blog", actor1=ActorRef("Iran", "IRN"), modality="hypothetical",
                   sentence="An Iranian role would carry major implications.")
    found = contradictions([claim, denial, hypo])
    assert [c.field for c in found] == ["perpetrator"]
    assert {c.value for c in found[0].claims} == {"RUS", "not RUS"}
    assert not contradictions([replace(claim, actor1=SYR), denial])


def test_location_and_date_contradictions():
    far = mention("l1", "h1", "X", location=AL_BAB, sentence="a")
    assert [c.field for c in contradictions([mention("l0", "h0", "Y"), far])] == ["location"]
    other_day = mention("l2", "h2", "Z", date=DateRef("2020-03-01", "2020-03-01", "day"))
    assert [c.field for c in contradictions([mention("l0", "h0", "Y"), other_day])] == ["date"]


def test_relations_respect_precision_and_nesting():
    month = DateRef("2020-02-01", "2020-02-29", "month", "February")
    assert date_relation(DAY, month) is not None
    assert date_relation(DAY, DateRef()) == 0.2  # unknown: compatible but weak
    assert date_relation(DateRef(month_day="--02-27"), DAY) == 0.8
    assert place_relation(BALYUN, IDLIB) == 0.6  # town inside its admin1
    assert place_relation(BALYUN, SARAQIB) is None  # ~32 km apart
    assert place_relation(BALYUN, None) == 0.2
    assert normalize_outlet("www.aljazeera.com") == normalize_outlet("Al Jazeera English")


def test_undated_unplaced_mentions_fuse_only_on_near_identical_text():
    base = dict(location=None, date=DateRef(), published="2020-02-28")
    a = mention("u1", "k1", "X", sentence="Turkish drones destroyed several regime tanks.",
                **base)
    b = mention("u2", "k2", "Y", sentence="Turkish drones destroyed several regime tanks.",
                **base)
    c = mention("u3", "k3", "Z", sentence="Clashes continued elsewhere.", **base)
    res = fuse([a, b, c])
    assert res.assignments["u1"] == res.assignments["u2"] != res.assignments["u3"]


def test_neighbouring_town_joins_only_with_supporting_text():
    nayrab = PlaceRef("Nayrab", 35.86, 36.73, "SYR", "Idlib", "town")  # ~6 km from Saraqib
    a = mention("s1", "n1", "Reuters", location=SARAQIB, actor2=None,
                sentence="Turkish drones hit a Syrian army convoy near Saraqib on Thursday.")
    same = mention("s2", "n2", "BBC", location=nayrab, actor2=None,
                   sentence="Turkish drones hit a Syrian army convoy outside Nayrab on Thursday.")
    afis = PlaceRef("Afis", 35.89, 36.78, "SYR", "Idlib", "town")  # ~4 km from Saraqib
    other = mention("s3", "n3", "SANA", location=afis, actor2=None,
                    sentence="Militants shelled homes, wounding a child.")
    res = fuse([a, same, other])
    assert res.assignments["s1"] == res.assignments["s2"] != res.assignments["s3"]


def test_month_day_one_day_off_joins_weakly_and_is_no_date_dispute():
    # A year-less day (often an agency dateline: the day of the report) keeps a day's slack.
    night = mention("n2", "o2", "Anadolu", fatalities=killed(33),
                    date=DateRef(None, None, "unknown", "28 February", month_day="--02-28"),
                    sentence="33 Turkish soldiers were killed in the air strike in Balyun.")
    res = fuse([balyun_mentions()[3], night])
    assert len(res.events) == 1
    ev = res.events[0]
    assert ev.date.start == "2020-02-27" and ev.date.anchored_by == "a4"
    assert "date" not in {c.field for c in ev.contradictions}


def test_undated_report_joins_a_recent_event_at_the_same_place_only():
    dated = balyun_mentions()[3]
    undated = mention("v1", "q1", "TASS", date=DateRef(), actor2=None, published="2020-02-28",
                      sentence="Moscow denied its aircraft were involved in the Balyun raid.")
    stale = mention("v2", "q2", "TASS", date=DateRef(), actor2=None, published="2020-02-20",
                    sentence="Moscow denied its aircraft were involved in the Balyun raid.")
    assert len(fuse([dated, undated]).events) == 1
    assert len(fuse([dated, stale]).events) == 2  # published before the strike happened


def test_death_and_wound_counts_are_pair_evidence():
    from sitroom.fuse import toll_relation

    a = mention("t1", "b1", "A", fatalities=killed(33))
    dozens = mention("t2", "b2", "B", fatalities=Quantity("killed", low=12, best=12, high=None))
    assert toll_relation(a, replace(a, id="t3", fatalities=killed(34))) == 1.0  # close
    assert toll_relation(a, dozens) == 1.0  # "dozens" is open upwards
    assert toll_relation(a, replace(a, id="t4", fatalities=killed(2))) == 0.0
    assert toll_relation(a, replace(a, id="t5", fatalities=None)) is None
    two = mention("t6", "b3", "C", fatalities=killed(2), wounded=Quantity("wounded", 5, 5, 5))
    other = replace(two, id="t7", wounded=Quantity("wounded", 1, 1, 1))
    assert toll_relation(two, other) == 0.5  # same dead, different wounded
    # "dozens" against 33 and 34 is no toll dispute; 33 against 34 from rival sources is
    fat = {c.field: c for c in fuse(balyun_mentions()).events[0].contradictions}["fatalities"]
    assert {c.value for c in fat.claims} >= {33, 34}


def test_a_reprisal_is_not_the_act_it_answers():
    strike = mention("r1", "c1", "A", actor1=SYR, actor2=TUR, fatalities=killed(33),
                     sentence="Syrian government aircraft struck Turkish troops near Balyun.")
    hit_back = mention("r2", "c2", "B", actor1=TUR, actor2=SYR, location=IDLIB,
                       sentence="Turkish artillery struck Syrian government targets in response.")
    assert len(fuse([strike, hit_back]).events) == 2
    rebels = ActorRef("Syrian rebels", "SYR", "REB")
    on_rebels = mention("r3", "c3", "C", actor1=RUS, actor2=rebels,
                        sentence="Russian jets hit militants near Balyun.")
    on_army = mention("r4", "c4", "D", actor1=TUR, actor2=SYR,
                      sentence="Turkish drones hit army positions near Balyun.")
    assert len(fuse([on_rebels, on_army]).events) == 2  # one country, two different targets


def test_a_deal_told_from_its_venue_and_its_subject_is_one_event():
    moscow = PlaceRef("Moscow", 55.75, 37.62, "RUS", "Moscow", "town")
    base = dict(event_type="AGREE", mode=None, cameo="057", published="2020-03-06",
                date=DateRef("2020-03-05", "2020-03-05", "day", "on Thursday"))
    at = mention("d1", "e1", "A", actor1=RUS, actor2=TUR, location=moscow,
                 sentence="Erdogan and Putin agreed a ceasefire in Moscow on Thursday.", **base)
    about = mention("d2", "e2", "B", actor1=TUR, actor2=RUS, location=IDLIB,
                    sentence="Turkey and Russia agreed on Thursday to halt fighting in Idlib.",
                    **base)
    ariha = PlaceRef("Ariha", 35.81, 36.61, "SYR", "Idlib", "town")
    far = mention("d3", "e3", "C", actor1=None, actor2=TUR, location=ariha,
                  sentence="The patrols are part of the March 5 deal between Erdogan and Putin.",
                  **base)
    res = fuse([at, about, far])
    assert len(res.events) == 1  # parties named in either order, venue vs subject
    assert "location" not in {c.field for c in res.events[0].contradictions}


def test_undated_article_is_dated_by_its_events_and_leaves_a_later_one():
    qaminas = PlaceRef("Qaminas", 35.88, 36.68, "SYR", "Idlib", "town")
    feb = DateRef("2020-02-20", "2020-02-20", "day", "on Thursday")
    mar = DateRef("2020-03-19", "2020-03-19", "day", "on Thursday")
    dated = [
        mention("u1", "f1", "A", location=qaminas, date=feb, published="2020-02-20",
                fatalities=killed(2), sentence="Two Turkish soldiers were killed in an air "
                                               "strike near Qaminas on Thursday."),
        mention("u2", "f2", "B", location=qaminas, date=feb, published="2020-02-21",
                actor1=RUS, sentence="Russian bombers struck near Qaminas on Thursday."),
        mention("u3", "f3", "C", location=IDLIB, date=mar, published="2020-03-19",
                fatalities=killed(2), sentence="Two Turkish soldiers were killed in a rocket "
                                               "attack in Idlib on Thursday."),
        mention("u4", "f4", "D", location=IDLIB, date=mar, published="2020-03-20",
                fatalities=killed(2), sentence="Two Turkish soldiers were killed in Idlib "
                                               "despite the truce."),
    ]
    undated = dict(date=DateRef(), published=None)
    lead = mention("u5", "f5", "E", location=qaminas, actor1=RUS, **undated,
                   sentence="Activists say a Russian jet struck Turkish troops near Qaminas.")
    vague = mention("u6", "f5", "E", location=IDLIB, fatalities=killed(2), **undated,
                    sentence="Two Turkish soldiers were killed in Idlib in the raid.")
    res = fuse([*dated, lead, vague])
    assert res.assignments["u5"] == res.assignments["u1"]
    # dated by its lead (20 Feb), the article cannot tell of the 19 March attack
    assert res.assignments["u6"] != res.assignments["u3"]


def test_report_published_before_an_event_cannot_tell_of_it():
    later = mention("p1", "g1", "A", date=DateRef("2020-03-19", "2020-03-19", "day"),
                    location=IDLIB, published="2020-03-19", fatalities=killed(2),
                    sentence="Two Turkish soldiers were killed in Idlib.")
    early = mention("p2", "g2", "B", date=DateRef(), location=IDLIB, published="2020-02-20",
                    fatalities=killed(2), sentence="Two Turkish soldiers were killed in Idlib.")
    assert len(fuse([later, early]).events) == 2


def test_a_following_sentence_joins_its_act_and_never_bridges_two_events():
    a = mention("f1", "h1", "A", actor1=SYR, fatalities=killed(33),
                sentence="33 Turkish soldiers were killed in an air strike near Balyun.")
    b = mention("f2", "h2", "B", location=IDLIB, fatalities=killed(2), actor2=None,
                sentence="Two soldiers were killed in Idlib province.")
    follower = mention("f3", "h1", "A", trigger=None, follows="f1", date=DateRef(),
                       location=IDLIB, actor2=None, fatalities=None,
                       sentence="Soldiers were killed in Idlib province, officials said.")
    alone = fuse([b, replace(follower, follows=None)])
    assert len(alone.events) == 1  # on its own the sentence would go with b
    res = fuse([a, b, follower])
    assert res.assignments["f3"] == res.assignments["f1"]


def test_a_perpetrator_named_again_as_target_is_no_target():
    echo = mention("e1", "k1", "A", actor1=RUS, actor2=RUS, location=SARAQIB,
                   sentence="Russian missiles hit Saraqib, Russia's ministry said.")
    hit = mention("e2", "k2", "B", actor1=RUS, actor2=SYR, location=SARAQIB,
                  sentence="Russian missiles hit Syrian positions in Saraqib.")
    res = fuse([echo, hit])
    assert len(res.events) == 1  # no reprisal, no target dispute
    assert "target" not in {c.field for c in res.events[0].contradictions}


def test_a_side_claiming_its_own_act_is_no_rival_perpetrator():
    hts = ActorRef("Hayat Tahrir al-Sham", "SYR", "REB")
    own = mention("s1", "m1", "A", actor1=hts, actor2=SYR, modality="reported",
                  attribution=["Hayat Tahrir al-Sham"], location=SARAQIB,
                  sentence="Hayat Tahrir al-Sham said its fighters had attacked army positions.")
    turkish = mention("s2", "m2", "B", actor1=TUR, actor2=SYR, location=SARAQIB,
                      sentence="Turkish drones struck army positions near Saraqib.")
    assert "perpetrator" not in {c.field for c in contradictions([own, turkish])}
    rival = replace(own, id="s3", attribution=["activists"])  # someone else names HTS
    assert "perpetrator" in {c.field for c in contradictions([rival, turkish])}


def test_an_undated_weekday_matches_only_events_on_that_weekday():
    thursday = DateRef(None, None, "unknown", "on Thursday night")
    undated = mention("w1", "n1", "A", date=thursday, published=None, location=IDLIB,
                      actor1=None, sentence="Turkish soldiers were killed on Thursday night.")
    assert date_relation(thursday, DAY) == 0.8  # 27 Feb 2020 was a Thursday
    assert date_relation(thursday, replace(DAY, start="2020-02-28", end="2020-02-28")) == 0.2
    assert date_relation(thursday, replace(DAY, start="2020-03-02", end="2020-03-02")) is None
    assert date_relation(thursday, DateRef(None, None, "unknown", "on Monday")) is None
    monday = mention("w2", "n2", "B", date=DateRef("2020-03-02", "2020-03-02", "day"),
                     location=IDLIB, published="2020-03-02",
                     sentence="Turkish soldiers were killed in Idlib.")
    assert len(fuse([undated, monday]).events) == 2
    res = fuse([balyun_mentions()[0], undated])
    assert len(res.events) == 1


def test_death_tolls_no_revision_explains_are_two_happenings():
    two = mention("t1", "q1", "A", actor1=None, fatalities=killed(2), location=IDLIB,
                  sentence="Two Turkish soldiers were killed in an air strike in Idlib.")
    dozens = mention("t2", "q2", "B", actor1=None, location=IDLIB,
                     fatalities=Quantity("killed", low=12, best=12, high=None, text="dozens"),
                     sentence="Dozens of Turkish soldiers were killed in an air strike in Idlib.")
    assert len(fuse([two, dozens]).events) == 2
    # a first count and its revision stay together: 9 then 22 killed
    first = replace(two, fatalities=killed(9))
    revised = replace(dozens, fatalities=killed(22))
    assert len(fuse([first, revised]).events) == 1


def test_a_vague_toll_that_fits_every_figure_is_no_side_in_a_toll_dispute():
    reports = balyun_mentions()  # "dozens" as the quantities extractor gives it: 12 or more
    reports[2].fatalities = Quantity("killed", low=12, best=12, high=None, text="dozens")
    res = fuse(reports)
    tolls = next(c for c in res.events[0].contradictions if c.field == "fatalities")
    assert sorted(c.value for c in tolls.claims) == [33, 34]


def _strike_33(mid: str, art: str, *, on: str | None = None) -> Mention:
    """A report of the 33-dead strike: dated and published, or (``on`` = "Feb 27") from an
    undated article with a year-less day."""
    if on is None:
        return mention(mid, art, "A", fatalities=killed(33), date=DAY, published="2020-02-28",
                       sentence="33 Turkish soldiers were killed in an air strike near Balyun.")
    md = f"--02-{on[-2:]}"
    return mention(mid, art, "B", published=None, fatalities=killed(33),
                   date=DateRef(None, None, "day", on, month_day=md),
                   sentence=f"33 Turkish soldiers were killed near Balyun on {on}.")


def test_a_year_less_date_takes_the_year_of_the_reports_its_article_joined():
    undated_day = _strike_33("y2", "r2", on="Feb 27")
    other = mention("y3", "r2", "B", published=None, event_type="ASSAULT", date=DateRef(),
                    fatalities=killed(33), sentence="The strike near Balyun killed 33 soldiers.")
    res = fuse([undated_day, other, _strike_33("y1", "r1")])
    assert len(res.events) == 1
    assert res.events[0].date.start == "2020-02-27"
    alone = fuse([undated_day, other])
    assert alone.events[0].date.start is None  # nothing to take a year from: none invented


def test_a_dateline_day_given_its_year_by_inference_keeps_a_days_slack():
    res = fuse([_strike_33("d2", "s2", on="Feb 28"), _strike_33("d1", "s1")])
    assert len(res.events) == 1
    assert res.events[0].date.start == "2020-02-27"
    assert not [c for c in res.events[0].contradictions if c.field == "date"]


def test_a_countrys_civilians_and_its_government_can_name_one_target():
    ukr = ActorRef("Ukraine government", "UKR", "GOV")
    civilians = ActorRef("Ukrainian civilians", "UKR", "CVL")
    theatre = PlaceRef("Mariupol", 47.10, 37.55, "UKR", "Donetsk", "town")
    day = DateRef("2022-03-16", "2022-03-16", "day")
    a = mention("c1", "v1", "A", actor1=RUS, actor2=civilians, location=theatre, date=day,
                published="2022-03-16", sentence="Russian jets bombed the theatre where "
                                                 "Ukrainian civilians sheltered in Mariupol.")
    b = mention("c2", "v2", "B", actor1=RUS, actor2=ukr, location=theatre, date=day,
                published="2022-03-17", sentence="Russian jets bombed the drama theatre in "
                                                 "Mariupol, Ukraine said.")
    assert len(fuse([a, b]).events) == 1
    rebels = replace(b, id="c3", article_id="v3", actor2=ActorRef("Azov", "UKR", "REB"))
    army = replace(b, id="c4", article_id="v4", actor2=ActorRef("Ukraine army", "UKR", "MIL"))
    assert len(fuse([rebels, army]).events) == 2  # state forces and armed groups: two targets


def test_a_count_told_where_the_wounded_were_treated_still_follows_its_act():
    hatay = PlaceRef("Hatay", 36.2, 36.16, "TUR", "Hatay", "admin1")
    lead = mention("h1", "t1", "A", actor1=SYR, fatalities=killed(33),
                   sentence="33 Turkish soldiers were killed in an air strike near Balyun.")
    treated = mention("h2", "t1", "A", trigger=None, follows="h1", location=hatay,
                      wounded=Quantity("wounded", low=12, best=12, high=None, text="dozens"),
                      sentence="Dozens of wounded troops were treated in hospitals in Hatay.")
    res = fuse([lead, treated])
    assert len(res.events) == 1
    event = res.events[0]
    assert event.location.name == "Balyun"
    assert not [c for c in event.contradictions if c.field == "location"]


def test_an_event_rebuilt_in_a_later_run_keeps_the_year_its_reports_were_given():
    sunday = DateRef("2020-03-01", "2020-03-01", "day")
    drones = mention("s1", "dated", "A", actor1=TUR, actor2=SYR, location=IDLIB, date=sunday,
                     published="2020-03-02", sentence="Turkish drones struck Syrian army "
                                                      "positions across Idlib on Sunday.")
    retold = replace(drones, id="s2", article_id="undated", outlet="B", published=None,
                     date=DateRef(), sentence="Turkish drones struck Syrian army positions.")
    jets = mention("s3", "undated", "B", actor1=SYR, actor2=TUR, location=IDLIB, published=None,
                   date=DateRef(None, None, "day", "March 1", month_day="--03-01"),
                   sentence="Syrian air defences shot down a Turkish drone on March 1.")
    first = fuse([drones, retold, jets])
    shootdown = next(e for e in first.events if "s3" in e.mention_ids)
    assert "s1" not in shootdown.mention_ids and shootdown.date.start == "2020-03-01"
    later = replace(jets, id="s4", article_id="other", outlet="C",
                    sentence="A Turkish drone was downed by Syrian air defences on March 1.")
    known = {m.id: m for m in (drones, retold, jets)}
    second = fuse([later], first.events, existing_mentions=known)
    rebuilt = next(e for e in second.events if "s4" in e.mention_ids)
    assert rebuilt.id == shootdown.id and rebuilt.date.start == "2020-03-01"


def test_a_report_naming_one_side_twice_is_no_reprisal():
    """A parse that gives one side as both doer and target says nothing of who struck."""
    hit = mention("r1", "a1", "Daily Sabah", actor2=RUS, actor1=None,
                  sentence="A Russian helicopter was shot down near Balyun on Thursday.")
    slip = mention("r2", "a2", "TASS", actor1=RUS, actor2=RUS,
                   sentence="Moscow said its helicopter was shot down near Balyun.")
    assert len(fuse([hit, slip]).events) == 1


def test_foreign_bystanders_hit_do_not_make_a_different_target():
    local = mention("b1", "a1", "Daily Sabah", actor2=TUR,
                    sentence="Shells hit Turkish positions at Balyun on Thursday.")
    press = mention("b2", "a2", "TASS", actor2=ActorRef("Russia media", "RUS", "MED"),
                    sentence="Shells hit Balyun on Thursday, wounding Russian reporters.")
    assert len(fuse([local, press]).events) == 1


def test_an_unplaced_sentence_of_a_dated_report_joins_on_shared_words():
    """Its report's publication day is evidence of when; shared words do the rest."""
    lead = mention("u1", "a1", "Daily Sabah", published="2020-02-27",
                   sentence="Shells hit the old cathedral at Balyun on Thursday, wounding "
                            "reporters.")
    aside = mention("u2", "a2", "TASS", location=None, actor2=None,
                    date=DateRef(precision="unknown"), published="2020-02-27",
                    sentence="The reporters had gone to film the old cathedral when shells "
                             "hit it.")
    assert len(fuse([lead, aside]).events) == 1


def test_in_a_battle_either_side_may_be_named_as_the_target():
    """'Armenian troops still fight for the town' and 'Azerbaijani forces took the town'."""
    arm = ActorRef("Armenian Armed Forces", "ARM", "MIL")
    aze = ActorRef("Azerbaijani Armed Forces", "AZE", "MIL")
    took = mention("t1", "a1", "Baku Wire", actor1=aze, actor2=arm,
                   acled_event_type="Battles", acled_sub_event_type="Government regains territory",
                   sentence="Azerbaijani forces took the town of Balyun on Thursday.")
    fight = mention("t2", "a2", "Yerevan Daily", actor1=None, actor2=aze,
                    acled_event_type="Battles", acled_sub_event_type="Armed clash",
                    sentence="Fighting for Balyun went on on Thursday, denying claims that "
                             "Azerbaijani forces had taken the town.")
    assert len(fuse([took, fight]).events) == 1


def test_weak_evidence_joins_only_a_lone_plausible_match():
    """An unplaced report of a strike that week, worded a little alike, joins the one strike
    known then; with a second strike that day nearby it cannot tell which, stays apart."""
    at_balyun = mention("l1", "a1", "Daily Sabah", actor2=None,
                        sentence="Jets bombed an army post at Balyun on Thursday.")
    unplaced = mention("l2", "a2", "TASS", location=None, actor2=None,
                       date=DateRef("2020-02-24", "2020-03-01", "week", "last week"),
                       sentence="Planes struck an army post last week, a monitor said.")
    assert len(fuse([at_balyun, unplaced]).events) == 1
    at_saraqib = mention("l3", "a3", "SANA", location=SARAQIB, actor2=None,
                         sentence="Jets bombed an army post at Saraqib on Thursday.")
    assert len(fuse([at_balyun, unplaced, at_saraqib]).events) == 3


def test_a_group_of_weak_matches_with_no_rival_joins_as_one():
    """Three unplaced reports of that week's strike, each worded a little like another
    (every pair between 0.5 and 0.6) and with nothing else near: one event."""
    week = DateRef("2020-02-24", "2020-03-01", "week", "last week")
    reports = [mention(f"g{k}", f"a{k}", outlet, location=None, actor2=None, date=week,
                       sentence=text)
               for k, (outlet, text) in enumerate([
                   ("TASS", "Jets struck a depot near the river."),
                   ("SANA", "The depot burned through the night after the raid."),
                   ("BBC", "Residents said the raid came from jets flying low.")])]
    assert len(fuse(reports).events) == 1


def test_military_or_civilian_target_is_a_target_dispute():
    mall = mention("k1", "u1", "Kyiv Wire", target_kinds=["civilian"], attribution=["officials"],
                   sentence="A missile struck a busy shopping centre.")
    depot = mention("k2", "r1", "Volga Courier", target_kinds=["military"],
                    attribution=["defence ministry"],
                    sentence="The strike hit hangars holding Western weapons.")
    [found] = [c for c in contradictions([mall, depot]) if c.field == "target"]
    assert {cl.value: cl.mention_ids for cl in found.claims} == {
        "civilian sites": ["k1"], "military targets": ["k2"]}
    # one report telling both, or two reports saying the same, dispute nothing
    both = replace(depot, target_kinds=["civilian", "military"])
    assert not [c for c in contradictions([both]) if c.field == "target"]
    same = replace(depot, id="k3", article_id="r2", outlet="Other")
    assert not [c for c in contradictions([depot, same]) if c.field == "target"]


def test_a_changed_figure_is_a_revision_even_when_the_ranges_overlap():
    early = mention("t1", "e1", "Rail Wire", fatalities=Quantity("killed", 31, 31, None),
                    published="2022-04-08", sentence="More than 30 people were killed.")
    later = mention("t2", "e2", "Donetsk Daily", fatalities=killed(52), published="2022-04-09",
                    sentence="The toll from the station strike rose to 52.")
    [found] = [c for c in contradictions([later, early]) if c.field == "fatalities"]
    assert found.kind == "revision" and [cl.value for cl in found.claims] == [31, 52]
    same = mention("t3", "e3", "Other", fatalities=killed(52), published="2022-04-09")
    assert not [c for c in contradictions([later, same]) if c.field == "fatalities"]


def test_own_troops_hit_vs_armed_groups_bombed_is_a_target_dispute():
    ankara = mention("g1", "a1", "Anatolia Wire", actor2=TUR, attribution=["Altun"])
    moscow = mention("g2", "m1", "Caspian Dispatch", actor1=RUS, attribution=["Moscow"],
                     actor2=ActorRef("armed groups", None, "REB", text="armed groups"))
    [found] = [c for c in contradictions([ankara, moscow]) if c.field == "target"]
    assert {cl.value for cl in found.claims} == {"TUR", "armed groups"}
    # a named group (rebels of a country) may be the same one: no dispute by itself
    named = replace(moscow, id="g3", actor2=ActorRef("Syrian rebels", "SYR", "REB"))
    assert {cl.value for c in contradictions([ankara, moscow, named]) if c.field == "target"
            for cl in c.claims} == {"TUR", "SYR"}


def test_a_toll_given_in_words_is_claimed_in_words():
    words = mention("w1", "e1", "Volga Courier", published="2022-04-08",
                    fatalities=Quantity("killed", 12, 12, None, text="dozens of people"),
                    sentence="Officials said dozens of people were killed.")
    exact = mention("w2", "e2", "Rail Wire", fatalities=killed(52), published="2022-04-09",
                    sentence="52 people were killed.")
    [found] = [c for c in contradictions([words, exact]) if c.field == "fatalities"]
    assert [cl.value for cl in found.claims] == ["dozens", 52]
    three = replace(words, fatalities=Quantity("killed", 3, 3, None, text="at least three"))
    assert [cl.value for c in contradictions([three, exact]) if c.field == "fatalities"
            for cl in c.claims] == [3, 52]


def test_an_aid_agency_named_as_doer_is_no_reprisal():
    wfp = ActorRef("World Food Programme", "IGO", "GOV", text="The World Food Programme")
    killed_staff = mention("p1", "n1", "Monitor", actor2=wfp, fatalities=killed(3),
                           sentence="Three staff members of the World Food Programme were killed.")
    suspended = mention("p2", "w1", "Wire", actor1=wfp, actor2=None, fatalities=killed(3),
                        sentence="The World Food Programme suspended its work after three of "
                                 "its staff were killed.")
    assert actor_relation(killed_staff, suspended) is not None
    assert not [c for c in contradictions([killed_staff, suspended, replace(
        killed_staff, id="p5", article_id="n2", actor1=SYR)]) if c.field == "perpetrator"]
    # a real reprisal still is one: who was hit strikes back
    struck = mention("p3", "s1", "Wire", actor1=SYR, actor2=TUR)
    back = mention("p4", "t1", "Wire", actor1=TUR, actor2=SYR)
    assert actor_relation(struck, back) is None


def test_sentences_that_follow_their_act_do_not_outvote_other_reports_on_the_date():
    sun = DateRef("2020-02-28", "2020-02-28", "day")
    lead = mention("d1", "w1", "Wire", date=sun, sentence="The agency halted its work on Friday.")
    followers = [replace(lead, id=f"d{k}", follows="d1", sentence=f"Detail {k}.")
                 for k in (2, 3, 4)]
    other = mention("d5", "m1", "Monitor", sentence="Three staff were killed on Thursday.")
    yearless = mention("d6", "n1", "Note", date=DateRef(None, None, "day", "27 February",
                                                        month_day="--02-27"),
                       sentence="Three staff were killed on 27 February.")
    assert build_event("evt_x", [lead, *followers, other, yearless]).date.start == "2020-02-27"


def test_in_a_civil_war_the_state_and_its_armed_groups_are_rival_perpetrators():
    army = ActorRef("Sudanese Armed Forces", "SDN", "MIL")
    rsf = ActorRef("Rapid Support Forces", "SDN", "REB")
    by_rsf = mention("c1", "r1", "Sentinel", actor1=army, actor2=rsf, attribution=["the RSF"])
    by_army = mention("c2", "o1", "Courier", actor1=rsf, actor2=army,
                      attribution=["Sudanese Armed Forces"])
    [found] = [c for c in contradictions([by_rsf, by_army]) if c.field == "perpetrator"]
    assert {cl.value for cl in found.claims} == {"SDN", "SDN armed groups"}
    assert side_name("SDN armed groups") == "armed groups of Sudan"
    # a side naming only itself disputes nothing
    assert not [c for c in contradictions([by_army]) if c.field == "perpetrator"]


def test_a_town_the_gazetteer_lacks_is_one_place_in_reports_standing_apart():
    """An unresolved name stands at its report's main place; two reports with main places
    100 km apart still tell of one happening when they name the same town."""
    from sitroom.extract.places import UNRESOLVED

    here = replace(BALYUN, name="Kafr Tellin", text="Kafr Tellin", geonameid=None,
                   precision="admin2", feature=UNRESOLVED)
    there = replace(here, lat=AL_BAB.lat, lon=AL_BAB.lon, text="Kafr Telin")
    ms = [mention("u1", "a1", "Reuters", location=here, fatalities=killed(5),
                  sentence="Five people were killed in an air strike on Kafr Tellin."),
          mention("u2", "a2", "AFP", location=there, fatalities=killed(5),
                  sentence="An air strike on Kafr Telin killed five people on Thursday.")]
    assert place_relation(here, there) == 1.0
    res = fuse(ms)
    assert res.assignments["u1"] == res.assignments["u2"]
    # a resolved town that far away from a named, resolved one still sets them apart
    assert place_relation(BALYUN, AL_BAB) is None


def test_an_answering_strike_by_another_side_is_its_own_act():
    """"Turkish forces hit back": a strike told as an answer, by another country than the
    first act's doer, is a second act, not a second claim about the first one's doer."""
    attack = mention("r1", "a1", "Reuters", actor1=SYR, actor2=TUR, fatalities=killed(2),
                     sentence="An air strike by Syrian forces killed two Turkish soldiers.")
    answer = mention("r2", "a2", "AFP", actor1=TUR, actor2=SYR, fatalities=None,
                     sentence="Turkish forces hit back, striking Syrian positions nearby.")
    assert actor_relation(attack, answer) is None
    # a report of the same answer, by the same side, is not set apart
    again = mention("r3", "a3", "AP", actor1=TUR, actor2=SYR, fatalities=None,
                    sentence="Turkish artillery struck Syrian positions nearby.")
    assert actor_relation(answer, again) is not None


def test_a_town_taken_and_aircraft_downed_elsewhere_are_two_acts():
    day = DateRef("2020-03-01", "2020-03-01", "day", "on Sunday")
    hts = ActorRef("Hayat Tahrir al-Sham", "SYR", "REB")
    taken = mention("k1", "d1", "A", actor1=hts, actor2=SYR, location=SARAQIB, date=day,
                    mode="firearms", acled_sub_event_type="Non-state actor overtakes territory",
                    trigger="recaptured",
                    sentence="HTS said its fighters had recaptured Saraqeb from the army.")
    downed = mention("k2", "d2", "B", actor1=TUR, actor2=ActorRef("two Syrian Su-24 jets", "SYR"),
                     location=IDLIB, date=day, acled_sub_event_type="Air/drone strike",
                     trigger="shot",
                     sentence="Turkish F-16s shot down two Syrian Su-24 jets over Idlib.")
    struck = mention("k3", "d3", "C", actor1=TUR, actor2=SYR, location=IDLIB, date=day,
                     acled_sub_event_type="Air/drone strike", trigger="struck",
                     target_kinds=["military"],
                     sentence="Turkish drones struck Syrian army positions across Idlib.")
    assert len(fuse([taken, downed]).events) == 2  # one side took a town, another flew
    assert len(fuse([downed, struck]).events) == 2  # jets shot down, positions bombed
    # the same town taken, and blamed on another side's drones: a rival account, one act
    drones = replace(downed, id="k4", actor2=SYR, location=SARAQIB, trigger="attack",
                     sentence="Turkish drones were behind the attack on Saraqeb.")
    assert len(fuse([taken, drones]).events) == 1
    # missiles shot down are part of the strike they belong to
    intercepted = replace(struck, id="k5", trigger="shot", target_kinds=[],
                          actor2=ActorRef("two of the missiles", None),
                          sentence="Two of the missiles were shot down over Idlib.")
    assert len(fuse([struck, intercepted]).events) == 1


def test_an_attack_carried_out_by_someone_has_no_outcome(nlp):
    from sitroom.extract import mentions_from_doc
    from sitroom.records import Article

    text = "Turkish officials said the raid on Balyun was carried out by Syrian aircraft."
    article = Article(id="art_o", text=text, published="2020-02-28", doc="o")
    (m,) = [m for m in mentions_from_doc(nlp(text), article) if m.event_type == "ASSAULT"]
    assert m.outcome is None  # who did it, not how it ended


def test_tolls_far_apart_at_one_named_village_are_a_dispute_not_two_events():
    village = PlaceRef("Kishishe", -1.03, 29.15, "COD", "North Kivu", "town")
    army = mention("v1", "e1", "A", location=village, fatalities=killed(50), actor2=None,
                   sentence="Rebels massacred some fifty civilians in Kishishe on Tuesday.")
    govt = mention("v2", "e2", "B", location=village, fatalities=killed(272), actor2=None,
                   sentence="The government said 272 civilians were killed in Kishishe.")
    (event,) = fuse([army, govt]).events
    assert "fatalities" in {c.field for c in event.contradictions}
    # in a province, two tolls this far apart are still two happenings
    apart = [replace(m, location=IDLIB) for m in (army, govt)]
    assert len(fuse(apart).events) == 2


def test_last_week_in_an_undated_report_is_read_once_fusion_has_dated_it():
    """The Spring Shield lead with no year: "following the killing of Turkish troops in an
    air strike last week". Dated by its own lead (1 March 2020, a Sunday), "last week" is
    the working week just ended, so it is the 27 February strike, not the 20 February one."""
    feb20 = DateRef("2020-02-20", "2020-02-20", "day", "on Thursday")
    strikes = [
        mention("k1", "b1", "A", location=IDLIB, date=feb20, published="2020-02-20",
                sentence="Turkish troops were killed in an air strike on Thursday."),
        mention("k2", "b2", "B", location=IDLIB, date=DAY, published="2020-02-28",
                sentence="Turkish troops were killed in an air strike on Thursday night."),
    ]
    march1 = DateRef("2020-03-01", "2020-03-01", "day", "on Sunday")
    operation = [
        mention(f"o{k}", f"c{k}", "C", actor1=TUR, actor2=SYR, location=IDLIB, date=march1,
                published="2020-03-01", sentence="Turkey launched Operation Spring Shield "
                                                 f"against Syrian forces, report {k}.")
        for k in (1, 2)]
    lead = mention("u1", "undated", "D", actor1=TUR, actor2=SYR, location=IDLIB,
                   published=None, date=DateRef(None, None, "day", "March 1",
                                                month_day="--03-01"),
                   sentence="Turkey launched Operation Spring Shield after Turkish troops "
                            "were killed in an air strike last week.")
    side = replace(lead, id="u2", actor1=None, actor2=TUR,
                   date=DateRef(None, None, "unknown", "last week"))
    res = fuse([*strikes, *operation, lead, side])
    assert res.assignments["u1"] == res.assignments["o1"]
    # the lead votes 1 March, the side act 20 February: the lead dates the report
    assert res.assignments["u2"] == res.assignments["k2"]
    event = next(e for e in res.events if e.id == res.assignments["u2"])
    assert event.date.start == "2020-02-27"



def test_a_year_less_dateline_a_day_after_the_events_is_the_reports_day():
    """"HATAY, Feb 28": the report joins the strike of the 27th, but was written on the
    28th, so its "overnight" meeting is the night before the 28th."""
    dateline = mention("h1", "hatay", "W", published=None, fatalities=killed(33),
                       date=DateRef(None, None, "day", "Feb 28", month_day="--02-28"),
                       sentence="Thirty-three Turkish soldiers were killed near Balyun.")
    meeting = mention("h2", "hatay", "W", event_type="CONSULT", published=None, actor2=None,
                      location=PlaceRef("Ankara", 39.92, 32.85, "TUR", "Ankara", "town"),
                      date=DateRef(None, None, "unknown", "overnight"),
                      sentence="Erdogan chaired an emergency security meeting overnight.")
    res = fuse([*balyun_mentions(), dateline, meeting])
    assert res.assignments["h1"] == res.assignments["m1"]
    talks = next(e for e in res.events if e.id == res.assignments["h2"])
    assert talks.date.start == "2020-02-27"


def test_an_undated_sentence_does_not_tell_of_an_act_years_before_its_report():
    convoy = DateRef("2017-10-12", "2017-10-12", "day", "on Thursday")
    entered = mention("c1", "r2017", "A", event_type="MOBILIZE", actor1=TUR, actor2=None,
                      location=IDLIB, date=convoy, published="2017-10-13",
                      sentence="Turkish troops and armoured vehicles crossed into Idlib.")
    massing = mention("c2", "r2020", "B", event_type="MOBILIZE", actor1=TUR, actor2=None,
                      location=IDLIB, date=DateRef(), published="2020-02-20",
                      sentence="For weeks Turkey has massed troops and armoured vehicles "
                               "near Idlib.")
    assert len(fuse([entered, massing]).events) == 2
    recent = replace(massing, id="c3", published="2017-10-20")
    assert len(fuse([entered, recent]).events) == 1


def test_a_state_beside_the_armed_groups_it_backs_is_no_rival_perpetrator():
    nayrab = PlaceRef("Nayrab", 35.86, 36.75, "SYR", "Idlib", "town")
    rebels = ActorRef("Syrian National Army", "SYR", "REB")
    day = DateRef("2020-02-20", "2020-02-20", "day", "on Thursday")
    backed = mention("b1", "n1", "A", actor1=rebels, actor2=SYR, location=nayrab, date=day,
                     sentence="Syrian rebel factions backed by Turkey attacked Nayrab.")
    turkey = mention("b2", "n2", "B", actor1=ActorRef("Turkish government", "TUR", "GOV"),
                     actor2=SYR, location=nayrab, date=day,
                     sentence="Turkey launched an operation towards Nayrab on Thursday.")
    (event,) = fuse([backed, turkey]).events
    assert not [c for c in event.contradictions if c.field == "perpetrator"]
    # an air strike's doer disputed between a state and its ally stays disputed
    jets = [replace(backed, id="j1", actor1=SYR, actor2=TUR,
                    sentence="Syrian jets bombed Turkish troops near Nayrab."),
            replace(turkey, id="j2", actor1=RUS, actor2=TUR,
                    sentence="Russian-backed forces' ally Russia bombed Turkish troops.")]
    (strike,) = fuse(jets).events
    assert [c for c in strike.contradictions if c.field == "perpetrator"]


def test_a_roadside_bomb_and_mortar_rounds_at_one_crossing_are_two_acts():
    crossing = PlaceRef("Bab al-Hawa", 36.23, 36.67, "SYR", "Idlib", "town")
    bomb = mention("r1", "x1", "A", location=crossing, actor2=None, date=DateRef(),
                   published=None, sentence="A roadside bomb exploded near the Bab al-Hawa "
                                            "crossing, killing two workers.")
    mortars = mention("r2", "x2", "B", location=crossing, actor2=None, date=DateRef(),
                      published=None, sentence="Several mortar shells landed near the Bab "
                                               "al-Hawa crossing.")
    assert len(fuse([bomb, mortars]).events) == 2
    # "blown up" against "missiles" is how rival accounts of one blast differ: no rule here
    blown = replace(bomb, id="r3", sentence="Moscow says the building was blown up from inside.")
    missiles = replace(mortars, id="r4", sentence="Kyiv says missiles hit the building.")
    assert len(fuse([blown, missiles]).events) == 1
