"""Cited extractive summary of the Feb–Mar 2020 Idlib story (hand-made mentions)."""

from __future__ import annotations

import re

from sitroom.demo import sample_corpus
from sitroom.extract.attribution import dateline_end
from sitroom.extract.gazetteer import country_name
from sitroom.fuse import fuse
from sitroom.records import ActorRef, Article, DateRef, Mention, PlaceRef, Quantity
from sitroom.summary import is_headline, render_markdown, summarize

SYR = ActorRef("Syrian Arab Army", "SYR", "MIL")
RUS = ActorRef("Russian Armed Forces", "RUS", "MIL")
TUR = ActorRef("Turkish Armed Forces", "TUR", "MIL")
AZE = ActorRef("Azerbaijani civilians", "AZE", "CVL")
BALYUN = PlaceRef("Balyun", 35.69, 36.50, "SYR", "Idlib", "town")
ROAD = PlaceRef("M4 highway", 35.80, 36.65, "SYR", "Idlib", "town")
STRIKE_DAY = DateRef("2020-02-27", "2020-02-27", "day")
WIRE = "Turkish soldiers were killed in an air strike on their position in Idlib, AFP reported."


def _story() -> tuple[list[Mention], dict[str, Article]]:
    outlets = {"a1": "Daily Sabah", "a2": "Al Jazeera", "a3": "France 24", "a4": "The National",
               "a5": "TASS"}
    articles = {aid: Article(id=aid, doc=f"doc_{aid}", text="…", outlet=o, title=f"Report {aid}",
                             published="2020-02-28" if aid != "a5" else "2020-03-15")
                for aid, o in outlets.items()}
    strike = dict(event_type="ASSAULT", mode="aerial", actor2=TUR, location=BALYUN,
                  date=STRIKE_DAY, published="2020-02-28",
                  acled_sub_event_type="Air/drone strike")
    ms = [
        Mention("m1", "a1", actor1=SYR, attribution=["Fahrettin Altun"], outlet="Daily Sabah",
                fatalities=Quantity("killed", 33, 33, 33),
                sentence="Altun said 33 soldiers died when Syrian regime forces bombed them.",
                **strike),
        Mention("m2", "a2", actor1=RUS, attribution=["activists"], outlet="Al Jazeera",
                fatalities=Quantity("killed", 34, 34, 34),
                sentence="Activists said Russian jets killed 34 Turkish soldiers near Balyun.",
                **strike),
        Mention("m3", "a3", attribution=["AFP"], outlet="France 24", sentence=WIRE, **strike),
        Mention("m4", "a4", attribution=["AFP"], outlet="The National", sentence=WIRE,
                **strike),
        Mention("p1", "a5", event_type="COOPERATE", actor1=TUR, location=ROAD, outlet="TASS",
                date=DateRef("2020-03-15", "2020-03-15", "day"), published="2020-03-15",
                sentence="The first joint patrol on the M4 highway took place on Sunday."),
    ]
    return ms, articles


def test_summary_cites_and_states_contradictions():
    ms, articles = _story()
    events = fuse(ms).events
    assert len(events) == 2
    summary = summarize(events, {m.id: m for m in ms}, articles)
    texts = [s.text for s in summary.sentences]
    # every sentence cites at least one existing reference
    numbers = {r.n for r in summary.references}
    assert all(s.refs and set(s.refs) <= numbers for s in summary.sentences)
    # chronological: the February strike comes before the March patrol
    strike_first = [s.event_id for s in summary.sentences]
    assert strike_first[0] == events[0].id and strike_first[-1] == events[1].id
    perp = next(t for t in texts if t.startswith("Sources disagree on who carried out"))
    assert "Fahrettin Altun attributed it to Syria" in perp
    assert "activists attributed it to Russia" in perp
    assert re.search(r"Syria \[\d\]; activists", perp)
    assert any(t.startswith("Reported death tolls for the air strike differ") for t in texts)
    # the wire copy in two outlets is one sentence citing both articles
    wire = next(s for s in summary.sentences if s.text == WIRE)
    assert len(wire.refs) == 2
    md = render_markdown(summary)
    assert "## References" in md
    assert re.search(r"^\d\. Daily Sabah, “Report a1”, 2020-02-28\. doc_a1$", md, re.M)
    assert "AFP reported [" in md


def test_budget_and_country_names():
    ms, articles = _story()
    events = fuse(ms).events
    short = summarize(events, {m.id: m for m in ms}, articles, max_sentences=1)
    assert len(short.sentences) == 1
    assert country_name("RUS") == "Russia" and country_name("XYZ") == "XYZ"
    assert summarize([], {}, {}).sentences == []


def _sample(name: str) -> str:
    """Text of one file of the bundled sample corpus."""
    return (sample_corpus() / name).read_text(encoding="utf-8")


def _flat(text: str | None) -> str:
    return " ".join(re.findall(r"\w+", (text or "").lower()))


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def _article(aid: str, text: str, outlet: str) -> Article:
    """An article whose first paragraph is its title, as the ingest stage stores them."""
    return Article(id=aid, doc=aid, text=text, title=_paragraphs(text)[0], outlet=outlet,
                   published="2020-03-05")


def _mention(mid: str, art: Article, sentence: str, **kw) -> Mention:
    start = art.text.index(sentence)
    return Mention(mid, art.id, event_type=kw.pop("event_type", "AGREE"), sentence=sentence,
                   start=start, end=start + len(sentence), outlet=art.outlet,
                   published=art.published, **kw)


def test_dateline_is_cut_and_body_sentence_beats_headline():
    text = _sample("aws_moscow_ceasefire_deal.txt")
    headline, lead = _paragraphs(text)[:2]
    art = _article("aws", text, "Anatolia Wire")
    day = DateRef("2020-03-05", "2020-03-05", "day")
    ms = [_mention("h", art, headline, date=day, actor1=TUR, actor2=RUS),
          _mention("b", art, lead, date=day, actor1=TUR, actor2=RUS, modality="reported")]
    events = fuse(ms).events
    summary = summarize(events, {m.id: m for m in ms}, {art.id: art})
    assert [s.text for s in summary.sentences] == [lead[lead.index("President"):]]
    assert summary.sentences[0].refs == [1]
    # the headline alone still tells its event when there is nothing else
    only = summarize(fuse(ms[:1]).events, {"h": ms[0]}, {art.id: art})
    assert [s.text for s in only.sentences] == [headline + "."]


def test_is_headline_on_a_sample_report():
    text = _sample("aws_first_joint_patrol.txt")
    art = _article("aws", text, "Anatolia Wire")
    headline, lead = _paragraphs(text)[:2]
    assert is_headline(_mention("h", art, headline), art)
    assert not is_headline(_mention("b", art, lead), art)


def _balyun_dispute() -> tuple[list[Mention], dict[str, Article]]:
    """Three reports of the Balyun strike from the sample corpus, each side with its voices."""
    monitors = _article("nfm", _sample("nfm_balyun_monitors.txt"), "Northern Frontier Monitor")
    hatay = _article("aws", _sample("aws_hatay_governor_toll.txt"), "Anatolia Wire")
    strike = dict(event_type="ASSAULT", mode="aerial", actor2=TUR, location=BALYUN,
                  date=STRIKE_DAY, acled_sub_event_type="Air/drone strike", modality="reported")
    group = next(p for p in _paragraphs(monitors.text) if p.startswith("A war monitoring"))
    lead = next(p for p in _paragraphs(hatay.text) if p.startswith("HATAY"))
    officials = next(p for p in _paragraphs(hatay.text) if p.startswith("The soldiers were hit"))
    officials = officials[: officials.index("officials said.") + len("officials said.")]
    ms = [
        _mention("m1", monitors, group, actor1=RUS, attribution=["war monitoring group"],
                 **strike),
        _mention("m2", hatay, lead, actor1=SYR, attribution=["Rahmi Doğan"], **strike),
        _mention("m3", hatay, officials, actor1=SYR, attribution=["officials"], **strike),
        _mention("m4", monitors, group, actor1=RUS, attribution=["War monitoring group"],
                 **strike),
    ]
    return ms, {monitors.id: monitors, hatay.id: hatay}


def test_contradiction_names_each_speaker_with_its_own_citations():
    ms, articles = _balyun_dispute()
    events = fuse(ms).events
    summary = summarize(events, {m.id: m for m in ms}, articles)
    perp = next(s.text for s in summary.sentences if s.kind == "contradiction")
    # the report's own article before the speaker; spellings of one speaker merge into one
    assert re.search(r"a war monitoring group attributed it to Russia \[\d\]", perp), perp
    assert re.search(r"Rahmi Doğan \[(\d)\] and officials \[\1\] attributed it to Syria", perp)
    for side in perp.split(": ", 1)[1].split("; "):
        cited = re.findall(r"\[(\d+)\]", side)
        assert cited, side
    assert not re.search(r"\[\d\]\[\d\].*\[\d\]\[\d\]", perp)


def test_one_government_under_two_names_is_one_voice():
    ms, articles = _balyun_dispute()
    monitors = articles["nfm"]
    denial = next(p for p in _paragraphs(monitors.text) if p.startswith("The Russian Federation"))
    blame = next(p for p in _paragraphs(monitors.text) if p.startswith("Ankara has blamed"))
    neg = dict(event_type="ASSAULT", mode="aerial", actor2=TUR, location=BALYUN,
               date=STRIKE_DAY, acled_sub_event_type="Air/drone strike")
    ms += [_mention("d1", monitors, denial, actor1=RUS, modality="denied",
                    attribution=["Russian Federation"], **neg),
           _mention("b1", monitors, blame, actor1=SYR, modality="claimed",
                    attribution=["Ankara"], **neg)]
    headline = "Moscow denies Russian aircraft were involved in Balyun strike"
    assert headline in _sample("caspian_dispatch_feed.xml")
    articles["cd"] = _article("cd", headline, "Caspian Dispatch")
    ms.append(_mention("d2", articles["cd"], headline, actor1=RUS, modality="denied",
                       attribution=["Moscow"], **neg))
    events = fuse(ms).events
    perp = next(s.text for s in summarize(events, {m.id: m for m in ms}, articles).sentences
                if s.kind == "contradiction")
    assert re.search(r"(Moscow|the Russian Federation) denied that Russia was responsible "
                     r"\[\d\]\[\d\]", perp), perp
    # Ankara and 'officials' of the Hatay report stay apart: 'officials' names no government
    assert "Ankara [" in perp and "officials [" in perp


def test_sample_summary_reads_as_an_analyst_expects(sample_db):
    from sitroom.store import Store

    store = Store(sample_db, create=False)
    summary = store.digest(max_sentences=10)
    numbers = {r.n for r in summary.references}
    assert summary.sentences and all(s.refs and set(s.refs) <= numbers
                                     for s in summary.sentences)
    titles = {_flat(r.title) for r in summary.references if r.title}
    for s in summary.sentences:
        if s.kind == "extract":
            assert dateline_end(s.text) == 0, s.text
            assert _flat(s.text) not in titles, s.text
            continue
        for side in s.text.split(": ", 1)[1].split("; "):
            for voice in re.split(r", | and ", side):
                cited = re.findall(r"\[(\d+)\]", voice)
                assert len(cited) == len(set(cited)), voice
    outcome = next(s.text for s in summary.sentences
                   if s.text.startswith("Sources disagree on how"))
    assert re.search(r"the Russian defence ministry (\[\d+\])* ?said it was cut short", outcome)
    assert "the Turkish defence ministry" in outcome
    assert "First joint patrol" not in outcome


def test_a_capture_claimed_and_denied_is_stated_as_a_dispute_over_the_ground():
    town = PlaceRef("Lachin", 39.64, 46.55, "AZE", None, "town")
    day = DateRef("2020-11-08", "2020-11-08", "day")
    articles = {a: Article(id=a, doc=f"doc_{a}", text="…", outlet=o, published="2020-11-08")
                for a, o in (("b1", "Baku Wire"), ("y1", "Yerevan Daily"))}
    battle = dict(event_type="ASSAULT", location=town, date=day, published="2020-11-08",
                  acled_event_type="Battles", acled_sub_event_type="Government regains territory")
    ms = [Mention("c1", "b1", outcome="taken", attribution=["the president"],
                  outlet="Baku Wire", sentence="The president said the army had liberated Lachin.",
                  **battle),
          Mention("c2", "y1", outcome="contested", attribution=["the defence ministry"],
                  outlet="Yerevan Daily", sentence="Fighting for Lachin goes on, the defence "
                  "ministry said.", **battle)]
    events = fuse(ms).events
    assert len(events) == 1
    text = next(s.text for s in summarize(events, {m.id: m for m in ms}, articles).sentences
                if s.kind == "contradiction")
    assert text.startswith("Sources disagree on who holds the ground")
    assert "said the place was taken" in text and "said fighting for the place went on" in text


def test_a_capture_claimed_and_denied_is_a_dispute_over_the_ground():
    town = PlaceRef("Lachin", 39.64, 46.55, "AZE", None, "town")
    day = DateRef("2020-11-08", "2020-11-08", "day")
    articles = {a: Article(id=a, doc=f"doc_{a}", text="…", outlet=o, published="2020-11-08")
                for a, o in (("r1", "Rebel Radio"), ("a1", "Army Herald"))}
    battle = dict(event_type="ASSAULT", location=town, date=day, published="2020-11-08",
                  outcome="taken", acled_event_type="Battles",
                  acled_sub_event_type="Non-state actor overtakes territory")
    ms = [Mention("d1", "r1", attribution=["the rebels"], outlet="Rebel Radio",
                  sentence="The rebels said they had captured Lachin.", **battle),
          Mention("d2", "a1", modality="denied", attribution=["the army"], outlet="Army Herald",
                  sentence="The army denied that the rebels had captured Lachin.", **battle)]
    events = fuse(ms).events
    assert [c.field for c in events[0].contradictions] == ["outcome"]
    text = next(s.text for s in summarize(events, {m.id: m for m in ms}, articles).sentences
                if s.kind == "contradiction")
    assert "said the place was taken" in text and "denied that the place was taken" in text


def test_a_revised_toll_is_told_as_a_change_in_order_of_reporting():
    town = PlaceRef("Ganja", 40.68, 46.36, "AZE", None, "town")
    day = DateRef("2020-10-11", "2020-10-11", "day")
    articles = {a: Article(id=a, doc=f"doc_{a}", text="…", outlet=o, published=p)
                for a, o, p in (("c1", "Caspian Wire", "2020-10-11"),
                                ("r1", "Caucasus Roundup", "2020-10-18"))}
    strike = dict(event_type="ASSAULT", location=town, date=day, actor2=AZE)
    ms = [Mention("m1", "c1", outlet="Caspian Wire", published="2020-10-11",
                  fatalities=Quantity("killed", 9, 9, 9), attribution=["Baku"],
                  sentence="Nine people died when the missile struck Ganja.", **strike),
          Mention("m2", "r1", outlet="Caucasus Roundup", published="2020-10-18",
                  fatalities=Quantity("killed", 10, 10, 10),
                  sentence="The missile strike on Ganja on 11 October killed ten people.",
                  **strike)]
    events = fuse(ms).events
    assert len(events) == 1 and [c.kind for c in events[0].contradictions] == ["revision"]
    text = next(s.text for s in summarize(events, {m.id: m for m in ms}, articles).sentences
                if s.kind == "contradiction")
    assert text.startswith("The reported death toll for the")
    assert text.index("9 according to") < text.index("10 according to")


def test_a_military_or_civilian_target_dispute_says_what_each_side_says_was_hit():
    town = PlaceRef("Kremenchuk", 49.07, 33.42, "UKR", None, "town")
    day = DateRef("2022-06-27", "2022-06-27", "day")
    articles = {a: Article(id=a, doc=f"doc_{a}", text="…", outlet=o, published="2022-06-27")
                for a, o in (("u1", "Kyiv Wire"), ("r1", "Volga Courier"))}
    strike = dict(event_type="ASSAULT", location=town, date=day, published="2022-06-27")
    ms = [Mention("m1", "u1", outlet="Kyiv Wire", target_kinds=["civilian"],
                  attribution=["regional officials"],
                  sentence="A missile struck a busy shopping centre in Kremenchuk.", **strike),
          Mention("m2", "r1", outlet="Volga Courier", target_kinds=["military"],
                  attribution=["the defence ministry"],
                  sentence="The strike in Kremenchuk hit hangars holding Western weapons.",
                  **strike)]
    events = fuse(ms).events
    assert len(events) == 1
    text = next(s.text for s in summarize(events, {m.id: m for m in ms}, articles).sentences
                if s.kind == "contradiction")
    assert text.startswith("Sources disagree on what the")
    assert "said it hit civilian sites" in text and "said it hit military targets" in text
