"""Timeline ordering, date labels, filters and safe rendering."""

from __future__ import annotations

from sitroom.fuse import fuse
from sitroom.records import ActorRef, DateRef, Mention, PlaceRef, Quantity
from sitroom.timeline import date_label, render_html, render_markdown, render_text, timeline

TUR = ActorRef("Turkish Armed Forces", "TUR", "MIL")
SYR = ActorRef("Syrian Arab Army", "SYR", "MIL")
BALYUN = PlaceRef("Balyun", 35.69, 36.50, "SYR", "Idlib", "town")
ROAD = PlaceRef("M4 highway", 35.80, 36.65, "SYR", "Idlib", "town")


def _m(mid: str, **kw) -> Mention:
    base = dict(id=mid, article_id=f"a_{mid}", event_type="ASSAULT", outlet="Reuters",
                published="2020-03-16", sentence=f"sentence {mid}")
    base.update(kw)
    return Mention(**base)


def _story() -> dict[str, Mention]:
    ms = [
        _m("patrol", event_type="COOPERATE", actor1=TUR, location=ROAD, outlet="Anadolu",
           date=DateRef("2020-03-15", "2020-03-15", "day"), outcome="completed"),
        _m("patrol2", event_type="COOPERATE", actor1=TUR, location=ROAD, outlet="TASS",
           date=DateRef("2020-03-15", "2020-03-15", "day"), outcome="cut_short"),
        _m("strike", actor1=SYR, actor2=TUR, location=BALYUN, fatalities=Quantity("killed", 34, 34,
                                                                                  34),
           date=DateRef("2020-02-27", "2020-02-27", "day"), published="2020-02-28"),
        _m("month", event_type="MOBILIZE", actor1=TUR, location=None, outlet="<script>x</script>",
           date=DateRef("2020-02-01", "2020-02-29", "month", "in February"),
           sentence="Turkey sent <b>reinforcements</b> & more."),
        _m("nodate", event_type="PROTEST", location=None, date=DateRef(), published=None),
        _m("yearless", event_type="AGREE", location=None, published=None,
           date=DateRef(None, None, "unknown", "March 5", month_day="--03-05")),
    ]
    return {m.id: m for m in ms}


def test_labels_keep_precision():
    assert date_label(DateRef("2020-02-27", "2020-02-27", "day")) == "2020-02-27 (day)"
    assert date_label(DateRef("2020-02-01", "2020-02-29", "month")) == "Feb 2020 (month)"
    assert date_label(DateRef(month_day="--03-15")) == "15 Mar (year unknown)"
    assert date_label(DateRef()) == "date unknown"


def test_order_filters_and_contradiction_markers():
    ms = _story()
    events = fuse(list(ms.values())).events
    entries = timeline(events, ms)
    labels = [t.date_label for t in entries]
    # ordered by range start; year-less and undated events last
    assert labels == ["Feb 2020 (month)", "2020-02-27 (day)", "2020-03-15 (day)",
                      "5 Mar (year unknown)", "date unknown"]
    patrol = entries[2]
    assert patrol.sources == ["Anadolu", "TASS"]
    assert patrol.contradictions == ["outcome"]
    assert "34 killed" in entries[1].headline
    only_march = timeline(events, ms, since="2020-03-01", until="2020-03-31")
    assert [t.date_label for t in only_march] == ["2020-03-15 (day)"]
    assert [t.event.location.name for t in timeline(events, ms, place="balyun")] == ["Balyun"]
    assert len(timeline(events, ms, actor="SYR")) == 1
    md = render_markdown(entries)
    assert "**2020-02-27 (day)**" in md and "disputed: outcome" in md
    assert "2020-03-15 (day)" in render_text(entries)


def test_html_escapes_everything():
    ms = _story()
    page = render_html(timeline(fuse(list(ms.values())).events, ms), title="Idlib <2020>")
    assert page.startswith("<!DOCTYPE html>")
    assert "<script>" not in page
    assert "&lt;script&gt;x&lt;/script&gt;" in page
    assert "Idlib &lt;2020&gt;" in page
    assert "<style>" in page


def test_a_revised_toll_is_marked_revised_not_disputed():
    day = DateRef("2020-02-27", "2020-02-27", "day")
    first = _m("first", actor1=SYR, actor2=TUR, location=BALYUN, date=day, published="2020-02-27",
               fatalities=Quantity("killed", 22, 22, 22), sentence="22 soldiers were killed.")
    later = _m("later", actor1=SYR, actor2=TUR, location=BALYUN, date=day, published="2020-03-01",
               outlet="BBC", fatalities=Quantity("killed", 34, 34, 34),
               sentence="The toll from the strike at Balyun rose to 34 soldiers.")
    ms = {m.id: m for m in (first, later)}
    [entry] = timeline(fuse(list(ms.values())).events, ms)
    assert (entry.contradictions, entry.revisions) == ([], ["fatalities"])
    assert "revised: fatalities" in render_text([entry])
    assert "⚠" not in render_markdown([entry])
