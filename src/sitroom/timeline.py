"""Dated timeline of fused events, rendered as Markdown, a standalone HTML page or text."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from sitroom.records import DateRef, Event, Mention

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass
class TimelineEntry:
    """One event on the timeline with its readable date, sources and disagreements."""

    event: Event
    date_label: str
    headline: str
    sources: list[str] = field(default_factory=list)  # distinct outlets, as named
    contradictions: list[str] = field(default_factory=list)  # disputed fields
    revisions: list[str] = field(default_factory=list)  # fields revised as reports came in
    sort_key: str = ""


def date_label(d: DateRef) -> str:
    """A date at its own precision: "2020-02-27 (day)", "Feb 2020 (month)", "15 Mar (year...)"."""
    if d.start:
        try:
            start = date.fromisoformat(d.start)
        except ValueError:
            return f"{d.start} ({d.precision})"
        end = d.end or d.start
        anchored = ", year-less reports dated by another" if d.anchored_by else ""
        if d.precision == "day":
            label = d.start
        elif d.precision == "month":
            label = f"{MONTHS[start.month - 1]} {start.year}"
        elif d.precision == "year":
            label = str(start.year)
        else:
            label = d.start if end == d.start else f"{d.start} to {end}"
        return f"{label} ({d.precision}{anchored})"
    if d.month_day:
        month, day = int(d.month_day[2:4]), int(d.month_day[5:7])
        return f"{day} {MONTHS[month - 1]} (year unknown)"
    return "date unknown"


def _sort_key(d: DateRef) -> str:
    """Dated events in order; year-less and undated events after them."""
    if d.start:
        return f"0 {d.start} {d.end or d.start}"
    if d.month_day:
        return f"1 {d.month_day}"
    return "2"


# Types where actor2 is on the receiving end; for the rest (talks, deals, joint patrols)
# the second actor is a partner or the addressee.
HOSTILE_TYPES = frozenset({"ASSAULT", "COERCE", "THREATEN", "SANCTION", "ACCUSE", "DEMAND",
                           "DISAPPROVE", "REJECT", "PROTEST"})


def headline(e: Event) -> str:
    """Who did what to whom where, with the death toll, in one line."""
    what = e.event_type + (f" ({e.mode})" if e.mode else "")
    if e.acled_sub_event_type:
        what = f"{e.acled_sub_event_type} [{what}]"
    who = e.actor1.name if e.actor1 else "unknown actor"
    line = f"{what}: {who}"
    if e.actor2:
        link = "against" if e.event_type in HOSTILE_TYPES else "with"
        line += f" {link} {e.actor2.name}"
    if e.location:
        line += f" at {e.location.name}"
    if e.fatalities and e.fatalities.best is not None:
        f = e.fatalities
        span = f" ({f.low}–{f.high})" if f.low != f.high else ""
        line += f"; {f.best} killed{span}"
    if e.modality not in ("asserted", "reported"):
        line += f" [{e.modality}]"
    return line


def _matches(text: str, *values: str | None) -> bool:
    """Case-insensitive substring filter over some fields."""
    needle = text.lower()
    return any(v and needle in v.lower() for v in values)


def timeline(
    events: Sequence[Event],
    mentions: Mapping[str, Mention],
    *,
    since: str | None = None,
    until: str | None = None,
    place: str | None = None,
    actor: str | None = None,
) -> list[TimelineEntry]:
    """Events in date order, filtered by date range, place and actor (substring match)."""
    out = []
    for e in events:
        d = e.date
        if (since or until) and not d.start:
            continue
        if since and (d.end or d.start) < since:
            continue
        if until and d.start > until:
            continue
        loc = e.location
        if place and not (loc and _matches(place, loc.name, loc.admin1, loc.country)):
            continue
        actors = [a for a in (e.actor1, e.actor2) if a]
        if actor and not any(_matches(actor, a.name, a.country) for a in actors):
            continue
        outlets = []
        for mid in e.mention_ids:
            m = mentions.get(mid)
            name = (m.outlet or m.doc) if m else None
            if name and name not in outlets:
                outlets.append(name)
        out.append(TimelineEntry(event=e, date_label=date_label(d), headline=headline(e),
                                 sources=outlets,
                                 contradictions=[c.field for c in e.contradictions
                                                 if c.disputed],
                                 revisions=[c.field for c in e.contradictions
                                            if not c.disputed],
                                 sort_key=_sort_key(d)))
    out.sort(key=lambda t: (t.sort_key, t.event.first_reported or "9999", t.event.id))
    return out


def _marker(entry: TimelineEntry) -> str:
    """Plain-text note of disputed and revised fields."""
    notes = [f"disputed: {', '.join(entry.contradictions)}"] if entry.contradictions else []
    notes += [f"revised: {', '.join(entry.revisions)}"] if entry.revisions else []
    return "; ".join(notes)


def render_markdown(entries: Sequence[TimelineEntry]) -> str:
    """Markdown list: bold date, headline, sources, disputed fields."""
    lines = ["# Timeline", ""]
    for t in entries:
        line = f"- **{t.date_label}** — {t.headline}"
        if t.sources:
            line += f" _(sources: {', '.join(t.sources)})_"
        if t.contradictions:
            line += f" ⚠ {_marker(t)}"
        elif t.revisions:
            line += f" ({_marker(t)})"
        lines.append(line)
    return "\n".join(lines) + "\n"


def render_text(entries: Sequence[TimelineEntry]) -> str:
    """Plain lines for the terminal."""
    rows = []
    for t in entries:
        row = f"{t.date_label:<32} {t.headline}"
        extra = [f"{len(t.sources)} source(s): {', '.join(t.sources)}"] if t.sources else []
        extra += [_marker(t)] if t.contradictions or t.revisions else []
        rows.append(row + ("  | " + " | ".join(extra) if extra else ""))
    return "\n".join(rows) + "\n"


STYLE = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; color: #222; }
h1 { font-size: 1.4rem; }
ol { list-style: none; padding: 0; border-left: 3px solid #8a9bb0; }
li { margin: 0 0 1rem 0; padding-left: 1rem; position: relative; }
li::before { content: ""; position: absolute; left: -0.5rem; top: 0.4rem; width: 0.7rem;
  height: 0.7rem; border-radius: 50%; background: #8a9bb0; }
.date { font-weight: 600; color: #35506b; }
.sources { color: #666; font-size: 0.9em; }
.disputed { color: #a3361b; font-size: 0.9em; font-weight: 600; }
.revised { color: #6b5a1f; font-size: 0.9em; }
"""


def render_html(entries: Sequence[TimelineEntry], title: str = "Timeline") -> str:
    """A standalone HTML page; every piece of text is escaped."""
    esc = html.escape
    items = []
    for t in entries:
        parts = [f'<span class="date">{esc(t.date_label)}</span> {esc(t.headline)}']
        if t.sources:
            parts.append(f'<div class="sources">Sources: {esc(", ".join(t.sources))}</div>')
        if t.contradictions or t.revisions:
            kind = "disputed" if t.contradictions else "revised"
            parts.append(f'<div class="{kind}">{esc(_marker(t))}</div>')
        items.append(f'<li id="{esc(t.event.id)}">' + "".join(parts) + "</li>")
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>{esc(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        f"<h1>{esc(title)}</h1>\n<ol>\n" + "\n".join(items) + "\n</ol>\n</body>\n</html>\n"
    )
