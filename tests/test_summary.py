"""Cited extractive summary of the Feb–Mar 2020 Idlib story (hand-made mentions)."""

from __future__ import annotations

import re

from sitroom.fuse import fuse
from sitroom.records import ActorRef, Article, DateRef, Mention, PlaceRef, Quantity
from sitroom.summary import country_name, render_markdown, summarize

SYR = ActorRef("Syrian Arab Army", "SYR", "MIL")
RUS = ActorRef("Russian Armed Forces", "RUS", "MIL")
TUR = ActorRef("Turkish Armed Forces", "TUR", "MIL")
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
