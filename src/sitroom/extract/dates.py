"""Dates: resolve what a sentence says about *when*, anchored on the publication date only.

Rules come first and dateparser is the fallback, because dateparser gets the
expressions war reports use most often wrong ("on Thursday" on a Thursday is
a week early, "March 15" lands in the previous year, "late February" and
"previous year" are not parsed at all). Nothing here looks at today's date,
file times or ingest times: with no anchor, a relative expression stays
unknown and a month-day keeps only ``month_day``.

Choices, so users know what a :class:`~sitroom.records.DateRef` means:

- A weekday ("on Thursday") is the most recent such day on or before the
  anchor; "last Thursday" is strictly before it; "next Thursday" after it.
- A month-day without a year ("March 15") is the most recent such date no
  more than two days after the anchor (datelines often trail the event),
  unless the next one is nearer and under 90 days ahead (a report dated
  5 March of patrols "starting March 15" looks ahead).
- "early/mid/late February" bound days 1-10 / 11-20 / 20-end, precision month.
- "last week" is the previous Monday-Sunday week (written at a weekend, the working
  week just ended: Monday to Friday); "this week", "the past few
  days", "in recent days" and "the past/last week" are the seven days ending
  on the anchor (precision week).
- A clock time alone ("around 22:15 local time") dates nothing: unknown.
- ``text`` is the expression as written, with a leading "on"/"in"/"at" kept
  only for weekdays (where it tells how the day was resolved).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import replace
from datetime import date, timedelta

from spacy.tokens import Span, Token

from sitroom.nlp import doc_text
from sitroom.records import DateRef

MONTHS = {
    name.lower(): n
    for n in range(1, 13)
    for name in (calendar.month_name[n], calendar.month_abbr[n])
}
MONTHS["sept"] = 9
WEEKDAYS = {calendar.day_name[n].lower(): n for n in range(7)}
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"

_FULL_DMY = re.compile(rf"{_DAY}\s+(?:of\s+)?(?P<month>{_MONTH}),?\s+{_YEAR}\b")
_FULL_MDY = re.compile(rf"(?P<month>{_MONTH})\s+{_DAY},?\s+{_YEAR}\b")
_ISO = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")
_MD = re.compile(rf"^(?:{_WEEKDAY},?\s+)?(?P<month>{_MONTH})\s+{_DAY}$")
_DM = re.compile(rf"^(?:{_WEEKDAY},?\s+)?{_DAY}\s+(?:of\s+)?(?P<month>{_MONTH})$")
_PART_MONTH = re.compile(
    rf"^(?:the\s+)?(?P<part>early|mid|middle of|late|end of|beginning of|"
    rf"start of)[\s-]+"
    rf"(?P<month>{_MONTH})(?:,?\s+{_YEAR})?$"
)
_MONTH_YEAR = re.compile(rf"^(?:the\s+)?(?:month\s+of\s+)?(?P<month>{_MONTH})(?:,?\s+{_YEAR})?$")
_YEAR_ONLY = re.compile(rf"^(?:the\s+year\s+)?{_YEAR}$")
_WEEKDAY_RE = re.compile(
    rf"^(?:(?P<rel>last|this past|past|this|next)\s+)?"
    rf"(?:(?:early|late|overnight)\s+(?:on\s+)?)?(?P<wd>{_WEEKDAY})"
    r"(?:\s+(?P<part>morning|afternoon|evening|night))?$"
)
_LAST_N_DAYS = re.compile(
    r"^(?:the\s+)?(?:last|past)\s+(?P<n>\d|two|three|four|five|six|seven)"
    r"\s+days$"
)
_DECADE = re.compile(r"^(?:the\s+)?(?P<decade>(?:19|20)\d0)'?s$")
_WEEKEND = {
    "the weekend",
    "weekend",
    "last weekend",
    "the last weekend",
    "the past weekend",
    "over the weekend",
    "this weekend",
    "past weekend",
}
_AGO = re.compile(
    r"^(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
    r"(?P<unit>day|week|month|year)s?\s+ago$"
)
_TIME_ONLY = re.compile(
    r"^(?:around|about|at|shortly after|shortly before|just after|"
    r"just before|after|before|until|by)?\s*[0-2]?\d[:.][0-5]\d"
    r"(?:\s*(?:a\.?m\.?|p\.?m\.?))?(?:\s+(?:local time|gmt|utc))?$"
    r"|^(?:dawn|dusk|midnight|noon|the morning|the evening|the night)$"
)
_LEAD = re.compile(
    r"^(?:on|in|at|during|over|since|from|by|of|around|about|until|as of|"
    r"earlier|later|starting|beginning)\s+",
    re.I,
)
_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
_TODAY = {
    "today",
    "tonight",
    "this morning",
    "this afternoon",
    "this evening",
    "earlier today",
    "later today",
    "earlier on today",
}
_YESTERDAY = {
    "yesterday",
    "last night",
    "yesterday morning",
    "yesterday afternoon",
    "yesterday evening",
    "overnight",
}
_RECENT_WEEK = {
    "this week",
    "the past few days",
    "past few days",
    "the last few days",
    "last few days",
    "recent days",
    "the past week",
    "the last week",
    "past week",
    "the past days",
    "the last days",
    "in recent days",
    "earlier this week",
    "the previous few days",
    "the past several days",
}
_LAST_WEEK = {"last week", "the previous week", "previous week", "a week ago", "earlier last week"}
# a campaign over the last weeks: the four weeks ending on the anchor (precision month)
_RECENT_WEEKS = {"recent weeks", "the past few weeks", "past few weeks", "the last few weeks",
                 "last few weeks", "the past weeks", "the last weeks", "the past several weeks"}
_LAST_YEAR = {
    "last year",
    "previous year",
    "the previous year",
    "the last year",
    "a year ago",
    "the past year",
    "past year",
}
_THIS_YEAR = {"this year", "earlier this year", "the current year"}
_LAST_MONTH = {"last month", "the previous month", "previous month", "a month ago"}
_THIS_MONTH = {"this month", "earlier this month", "the current month"}
# The words our rules know; used to find expressions NER misses.
_SCAN = re.compile(
    rf"\b(?:{_WEEKDAY},?\s+)?[0-3]?\d(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?:19|20)\d\d\b"
    rf"|\b(?:{_WEEKDAY},?\s+)?{_MONTH}\s+[0-3]?\d(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d\b"
    # year-less, the month capitalised ("in the night to 17 October", not "may 5 times")
    rf"|\b[0-3]?\d(?:st|nd|rd|th)?\s+(?-i:(?=[A-Z])){_MONTH}\b"
    rf"|\b(?-i:(?=[A-Z])){_MONTH}\s+[0-3]?\d(?:st|nd|rd|th)?\b(?![\d,])"
    rf"|\b(?:(?:on|last|next|this past)\s+)?{_WEEKDAY}\b"
    rf"|\b(?:early|mid|late)[\s-]+{_MONTH}\b"
    r"|\b(?:the\s+)?(?:previous|last|past)\s+(?:few\s+|several\s+)?(?:year|week|month|days)\b"
    r"|\b(?:this|last|next)\s+(?:week|month|year)\b"
    r"|\b(?:yesterday|today|tonight|last night)\b"
    r"|\b(?:in\s+)?recent\s+days\b",
    re.I,
)
_SLACK_DAYS = 2
_AHEAD_DAYS = 90  # a month-day this close ahead of the anchor (and nearer than the past one)


def _iso(d: date) -> str:
    return d.isoformat()


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _parse_anchor(anchor: str | None) -> date | None:
    if not anchor:
        return None
    try:
        return date.fromisoformat(anchor[:10])
    except ValueError:
        return None


def _day(d: date, text: str, anchor: str | None) -> DateRef:
    return DateRef(start=_iso(d), end=_iso(d), precision="day", text=text, anchor=anchor)


def _range(a: date, b: date, precision: str, text: str, anchor: str | None) -> DateRef:
    return DateRef(start=_iso(a), end=_iso(b), precision=precision, text=text, anchor=anchor)


def _unknown(text: str, anchor: str | None) -> DateRef:
    return DateRef(precision="unknown", text=text, anchor=anchor)


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_year(month: int, year: int | None, base: date | None) -> int | None:
    """The year of a month named without one: the latest not after the anchor's month."""
    if year is not None:
        return year
    if base is None:
        return None
    return base.year if month <= base.month else base.year - 1


def _normalize(expression: str) -> str:
    """Lower-case, single-spaced, without lead words, edge punctuation or a possessive
    ("last week's attack": "last week")."""
    text = re.sub(r"\s+", " ", expression.strip().strip(",.;:()").lower())
    text = re.sub(r"'s$", "", text.replace("’", "'"))
    while True:
        stripped = _LEAD.sub("", text)
        if stripped == text:
            return text
        text = stripped


def _explicit(text: str, raw: str, anchor: str | None) -> DateRef | None:
    """Dates that carry their own year: '5 March 2020', 'Tuesday, 22 September, 2020'."""
    for pattern in (_FULL_DMY, _FULL_MDY):
        m = pattern.search(text)
        if m:
            d = _safe_date(int(m["year"]), _month(m["month"]), int(m["day"]))
            return _day(d, raw, anchor) if d else None
    m = _ISO.search(text)
    if m:
        d = _safe_date(int(m["year"]), int(m["month"]), int(m["day"]))
        return _day(d, raw, anchor) if d else None
    return None


def _weekday(m: re.Match[str], base: date | None, raw: str, anchor: str | None) -> DateRef:
    if base is None:
        return _unknown(raw, anchor)
    back = (base.weekday() - WEEKDAYS[m["wd"]]) % 7
    rel = m["rel"]
    if rel == "next":
        return _day(base + timedelta(days=(7 - back) % 7 or 7), raw, anchor)
    if rel in {"last", "this past", "past"} and back == 0:
        back = 7
    return _day(base - timedelta(days=back), raw, anchor)


def _month_day(month: int, day: int, base: date | None, raw: str, anchor: str | None) -> DateRef:
    if _safe_date(2000, month, day) is None:  # 2000 is a leap year: admits 29 Feb
        return _unknown(raw, anchor)
    if base is None:
        return DateRef(precision="day", text=raw, anchor=None, month_day=f"--{month:02d}-{day:02d}")
    limit = base + timedelta(days=_SLACK_DAYS)
    options = [
        d
        for y in (base.year - 1, base.year, base.year + 1)
        if (d := _safe_date(y, month, day)) is not None
    ]
    past = max((d for d in options if d <= limit), default=None)
    ahead = min((d for d in options if d > limit), default=None)
    # "March 15" in a 5 March report of patrols to come is ten days ahead, not a year back
    if (
        ahead is not None
        and (ahead - base).days <= _AHEAD_DAYS
        and (past is None or (ahead - base) < (base - past))
    ):
        return _day(ahead, raw, anchor)
    return _day(past, raw, anchor) if past is not None else _unknown(raw, anchor)


def _part_of_month(m: re.Match[str], base: date | None, raw: str, anchor: str | None) -> DateRef:
    month = _month(m["month"])
    year = _month_year(month, int(m["year"]) if m["year"] else None, base)
    if year is None:
        return DateRef(precision="month", text=raw, anchor=anchor)
    part = m["part"]
    last = _month_end(year, month)
    if part in {"early", "beginning of", "start of"}:
        a, b = date(year, month, 1), date(year, month, 10)
    elif part in {"mid", "middle of"}:
        a, b = date(year, month, 11), date(year, month, 20)
    else:
        a, b = date(year, month, 20), last
    return _range(a, b, "month", raw, anchor)


def _relative(text: str, base: date, raw: str, anchor: str | None) -> DateRef | None:
    """Expressions that only mean something against the anchor."""
    if text in _TODAY:
        return _day(base, raw, anchor)
    if text in _YESTERDAY:
        return _day(base - timedelta(days=1), raw, anchor)
    if text == "tomorrow":
        return _day(base + timedelta(days=1), raw, anchor)
    if text in _RECENT_WEEK:
        return _range(base - timedelta(days=6), base, "week", raw, anchor)
    if text in _RECENT_WEEKS:
        return _range(base - timedelta(days=27), base, "month", raw, anchor)
    if text in _WEEKEND:
        saturday = base - timedelta(days=(base.weekday() - 5) % 7)
        return _range(saturday, min(saturday + timedelta(days=1), base), "week", raw, anchor)
    m = _LAST_N_DAYS.match(text)
    if m:
        n = int(m["n"]) if m["n"].isdigit() else _NUMBER_WORDS[m["n"]]
        return _range(base - timedelta(days=n), base, "week", raw, anchor)
    if text in _LAST_WEEK:
        monday = base - timedelta(days=base.weekday() + 7)
        if base.weekday() >= 5:  # written at a weekend: the working week just ended
            monday += timedelta(days=7)
        return _range(monday, monday + timedelta(days=6 if base.weekday() < 5 else 4),
                      "week", raw, anchor)
    if text == "next week":
        monday = base + timedelta(days=7 - base.weekday())
        return _range(monday, monday + timedelta(days=6), "week", raw, anchor)
    if text in _LAST_YEAR:
        y = base.year - 1
        return _range(date(y, 1, 1), date(y, 12, 31), "year", raw, anchor)
    if text in _THIS_YEAR:
        return _range(date(base.year, 1, 1), date(base.year, 12, 31), "year", raw, anchor)
    if text in _LAST_MONTH or text in _THIS_MONTH:
        first = base.replace(day=1)
        if text in _LAST_MONTH:
            first = (first - timedelta(days=1)).replace(day=1)
        return _range(first, _month_end(first.year, first.month), "month", raw, anchor)
    m = _AGO.match(text)
    if m:
        n = int(m["n"]) if m["n"].isdigit() else _NUMBER_WORDS[m["n"]]
        unit = m["unit"]
        if unit == "day":
            return _day(base - timedelta(days=n), raw, anchor)
        if unit == "week":
            d = base - timedelta(weeks=n)
            return _range(
                d - timedelta(days=d.weekday()),
                d + timedelta(days=6 - d.weekday()),
                "week",
                raw,
                anchor,
            )
        if unit == "year":
            y = base.year - n
            return _range(date(y, 1, 1), date(y, 12, 31), "year", raw, anchor)
    return None


def _fallback(text: str, raw: str, anchor: str | None) -> DateRef:
    """dateparser, only for expressions that state a year (so no relative guessing)."""
    if not re.search(r"\b(?:19|20)\d\d\b", text) or not re.search(r"\d{1,2}\D", text + " "):
        return _unknown(raw, anchor)
    import dateparser

    try:
        parsed = dateparser.parse(
            text, languages=["en"], settings={"STRICT_PARSING": True, "PREFER_DATES_FROM": "past"}
        )
    except (ValueError, OverflowError):
        parsed = None
    return _day(parsed.date(), raw, anchor) if parsed else _unknown(raw, anchor)


def resolve(expression: str, anchor: str | None) -> DateRef:
    """Turn one date/time expression into bounded dates, using only the given anchor."""
    raw = expression.strip()
    text = _normalize(raw)
    base = _parse_anchor(anchor)
    if not text:
        return _unknown(raw, anchor)
    found = _explicit(text, raw, anchor)
    if found is not None:
        return found
    if _TIME_ONLY.match(text):
        return _unknown(raw, anchor)
    m = _WEEKDAY_RE.match(text)
    if m:
        return _weekday(m, base, raw, anchor)
    m = _MD.match(text) or _DM.match(text)
    if m:
        return _month_day(_month(m["month"]), int(m["day"]), base, raw, anchor)
    m = _PART_MONTH.match(text)
    if m:
        return _part_of_month(m, base, raw, anchor)
    m = _MONTH_YEAR.match(text)
    if m:
        month = _month(m["month"])
        year = _month_year(month, int(m["year"]) if m["year"] else None, base)
        if year is None:
            return DateRef(precision="month", text=raw, anchor=anchor)
        return _range(date(year, month, 1), _month_end(year, month), "month", raw, anchor)
    m = _DECADE.match(text)
    if m:
        y = int(m["decade"])
        return _range(date(y, 1, 1), date(y + 9, 12, 31), "year", raw, anchor)
    m = _YEAR_ONLY.match(text)
    if m:
        y = int(m["year"])
        return _range(date(y, 1, 1), date(y, 12, 31), "year", raw, anchor)
    if base is not None:
        found = _relative(text, base, raw, anchor)
        if found is not None:
            return found
    return _fallback(text, raw, anchor)


# --- finding expressions in a sentence ---------------------------------------------------

_KEEP_LEAD = re.compile(rf"^(?:on|last|next|this past)\s+{_WEEKDAY}\b", re.I)


def _trim(doc_text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading preposition or article unless it carries meaning (weekdays)."""
    chunk = doc_text[start:end]
    if _KEEP_LEAD.match(chunk):
        return start, end
    m = re.match(r"(?:(?:on|in|at|during|the)\s+(?!(?:last|past|previous)\b))+", chunk, re.I)
    if m and m.end() < len(chunk):
        start += m.end()
    return start, end


def _with_weekday_lead(doc_text: str, start: int) -> int:
    """Extend 'Thursday' back over 'on '/'last ' so its text says how it was read."""
    m = re.search(r"\b(?:on|last|next|this past)\s+$", doc_text[max(0, start - 12) : start], re.I)
    return start - (len(m.group()) if m else 0)


def _ner_spans(sent: Span) -> list[tuple[int, int]]:
    """DATE/TIME entities of the sentence, read from token tags (``Span.ents`` scans the doc)."""
    spans: list[tuple[int, int]] = []
    for tok in sent:
        if tok.ent_type_ not in {"DATE", "TIME"}:
            continue
        end = tok.idx + len(tok.text)
        if tok.ent_iob_ == "I" and spans and tok.i > sent.start:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((tok.idx, end))
    return spans


def _candidates(sent: Span) -> list[tuple[int, int]]:
    full = doc_text(sent.doc)
    spans = _ner_spans(sent)
    for m in _SCAN.finditer(sent.text):
        spans.append((sent.start_char + m.start(), sent.start_char + m.end()))
    out: list[tuple[int, int]] = []
    for start, end in spans:
        start, end = _trim(full, start, end)
        if re.match(_WEEKDAY, full[start:end], re.I):
            start = _with_weekday_lead(full, start)
        out.append((start, end))
    # keep the longest of overlapping spans
    out.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    merged: list[tuple[int, int]] = []
    for span in out:
        if merged and span[0] < merged[-1][1]:
            if span[1] > merged[-1][1]:
                merged[-1] = (merged[-1][0], span[1])
            continue
        merged.append(span)
    return merged


def find_dates(sent: Span, anchor: str | None) -> list[DateRef]:
    """Every date or time expression in the sentence, resolved, with doc char offsets."""
    text = doc_text(sent.doc)
    out = []
    for start, end in _candidates(sent):
        ref = resolve(text[start:end], anchor)
        if ref.precision == "unknown" and ", " in text[start:end]:
            # the model ran on past a comma ("April 4, the day he ordered"): the date is before
            end = start + text[start:end].index(", ")
            ref = resolve(text[start:end], anchor)
        out.append(replace(ref, char_start=start, char_end=end))
    return out


# --- the event's date ---------------------------------------------------------------------

REPORTING = {
    "say",
    "report",
    "announce",
    "add",
    "tell",
    "state",
    "confirm",
    "inform",
    "quote",
    "claim",
    "deny",
    "write",
    "tweet",
    "declare",
    "note",
    "affirm",
    "post",
    "publish",
}
_AGREEMENT_NOUNS = {
    "agreement",
    "deal",
    "accord",
    "ceasefire",
    "cease-fire",
    "truce",
    "memorandum",
    "protocol",
    "understanding",
    "summit",
    "treaty",
    "resolution",
    "talks",
}
_PERIOD_START = {"since"}


def first_date(span: Span, anchor: str | None) -> DateRef:
    """The first resolved date in a span, whatever it hangs off ("Since the attack on
    Gharian last week": the attack's); unknown when there is none."""
    found = [r for r in find_dates(span, anchor) if r.precision != "unknown" or r.month_day]
    return found[0] if found else DateRef(precision="unknown", anchor=anchor)


def date_of_word(sent: Span, anchor: str | None, char: int) -> DateRef | None:
    """A date written into the noun at ``char`` ("the March 5 deal"): when that noun is
    the event itself, this is the event's date."""
    for ref in find_dates(sent, anchor):
        if ref.precision == "unknown" and not ref.month_day:
            continue
        tok = _head_token(sent, ref)
        if tok is not None and tok.head.idx == char and tok.dep_ in {"nmod", "compound",
                                                                      "npadvmod"}:
            return ref
    return None


def _head_token(sent: Span, ref: DateRef) -> Token | None:
    span = sent.doc.char_span(ref.char_start, ref.char_end, alignment_mode="expand")
    return span.root if span is not None else None


def _names_agreement(tok: Token) -> bool:
    """True when ``tok`` sits inside a noun phrase headed by an agreement noun."""
    for node in (tok, *tok.ancestors):
        if node.pos_ in {"VERB", "AUX"}:
            return False
        if node.pos_ in {"NOUN", "PROPN"} and node.lemma_.lower() in _AGREEMENT_NOUNS:
            return True
    return False


def _rank(tok: Token | None) -> tuple[int, int]:
    """Lower is better: (0 event verb, 1 reporting verb, 2 period bound, 3 agreement
    modifier), depth."""
    if tok is None:
        return (1, 99)
    # "the Sochi Agreement between Turkey and Russia in September 2018": the parser often hangs
    # the date on the main verb, but the words just before it name an agreement
    first = tok.left_edge
    if first.i > 0 and first.dep_ == "pobj" and first.head.i == first.i - 1:
        first = first.head
    before = tok.doc[first.i - 1] if first.i > 0 else None
    if first.dep_ == "prep" and before is not None and _names_agreement(before):
        return (3, 0)
    if any(
        node.lower_ in _PERIOD_START
        or any(c.dep_ == "mark" and c.lower_ in _PERIOD_START for c in node.children)
        for node in (tok, *tok.ancestors)
    ):
        return (2, 0)  # "since 6 March" bounds a period, it does not date an event
    for node in tok.ancestors:
        if node.pos_ in {"NOUN", "PROPN"} and node.lemma_.lower() in _AGREEMENT_NOUNS:
            return (3, 0)
        if node.pos_ in {"VERB", "AUX"}:
            if node.dep_ != "ROOT" and any(
                c.dep_ in {"nsubj", "nsubjpass"} and c.lemma_.lower() in _AGREEMENT_NOUNS
                for c in node.children
            ):
                return (3, 0)  # "... the ceasefire came into force on 6 March"
            return (int(_reports(node)), sum(1 for _ in node.ancestors))
    return (0, 99)


_FINDING = frozenset({"find", "conclude", "establish", "determine"})


def _reports(verb: Token) -> bool:
    """A verb that reports ("said on Monday"), or tells what an inquiry found ("a UN inquiry
    this month found that the M23 killed ...")."""
    lemma = verb.lemma_.lower()
    return lemma in REPORTING or (lemma in _FINDING and any(c.dep_ == "ccomp"
                                                            for c in verb.children))


def _deal_rank(rank: tuple[int, int], deal: bool, tok: Token | None) -> tuple[int, int]:
    """When the deal is the event, a date on the agreement ("signed an agreement in Jeddah on
    Saturday") is the event's and comes first, and one it takes effect from ("a ceasefire
    from Friday") is no date of the deal."""
    if not deal:
        return rank
    if tok is not None and any(n.lower_ == "from" for n in (tok, *tok.ancestors)):
        return (2, 0)
    return (0, 0) if rank[0] == 3 else rank


def event_date(sent: Span, anchor: str | None, deal: bool = False) -> DateRef:
    """The date of what the sentence reports.

    Prefers an expression hanging off an event verb; one that hangs off a
    reporting verb ("the ministry said on March 15") is used only when the
    sentence has nothing else, since reports are usually same-day; one that
    names an agreement ("the March 5 agreement") is the event's date only when the deal is
    the event (``deal``), and then first.
    """
    found = find_dates(sent, anchor)
    refs = [r for r in found if r.precision != "unknown" or r.month_day]
    # With no anchor, a weekday on the event verb ("killed on Thursday night") stays
    # unresolved but is kept: fusion can still match it against dated reports, or read it
    # ("in the last week") once it has dated the report.
    refs += [r for r in found if r.precision == "unknown" and (
        weekday_of(r) is not None or awaits_anchor(r))]
    ranked = sorted(
        ((_deal_rank(_rank(tok := _head_token(sent, r)), deal, tok), i, r)
         for i, r in enumerate(refs)),
        key=lambda x: (x[0], x[1]),
    )
    for (kind, _depth), _i, ref in ranked:
        if kind < 1 or (kind < 2 and ref.precision != "unknown"):
            return _forward(sent, ref)
    return DateRef(precision="unknown", anchor=anchor)


_MONTH_WORD = re.compile(rf"(?i)\b{_MONTH}\b|\d")  # "Monday, March 2" is dated in full
_FUTURE_VERBS = frozenset({"expect", "schedule", "plan", "due", "set"})


def _forward(sent: Span, ref: DateRef) -> DateRef:
    """A bare weekday of something still to come ("talks are expected in Moscow on Monday",
    "will meet on Monday") is the coming one, not the last."""
    if not ref.start or not ref.anchor or ref.start >= ref.anchor or ref.precision != "day" \
            or not _WEEKDAY_WORD.search(ref.text or "") or _MONTH_WORD.search(ref.text or "") \
            or re.search(r"(?i)\b(?:last|this past|past)\b", ref.text or ""):
        return ref
    tok = _head_token(sent, ref)
    verb = next((t for t in (tok, *tok.ancestors) if t.pos_ in {"VERB", "AUX", "ADJ"}),
                None) if tok is not None else None
    if verb is None or not _future(verb):
        return ref
    day = date.fromisoformat(ref.start) + timedelta(days=7)
    return replace(ref, start=day.isoformat(), end=day.isoformat())


def _future(verb: Token) -> bool:
    """Will, shall, is to, is expected/scheduled/due to: a verb of something to come."""
    aux = {c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}
    if any(c.dep_ in {"aux", "auxpass", "cop"} and c.tag_ == "VBD" for c in verb.children) \
            or (verb.dep_ == "acomp" and verb.head.tag_ == "VBD"):
        return False  # "the truce that was due to begin on Tuesday": past already
    if aux & {"will", "shall", "'ll"}:
        return True
    if verb.lemma_.lower() in _FUTURE_VERBS and (
            aux or verb.tag_ == "VBN" or verb.lemma_.lower() == "due"):
        return True
    head = verb.head  # "are expected to meet on Monday", "is to sign on Monday"
    return verb.dep_ == "xcomp" and head.i != verb.i and _future(head)


# A wire dateline without a year opening a paragraph: "GANJA, Oct 17 (Caspian Dispatch) -".
_YEARLESS_DATELINE = re.compile(
    rf"[A-Z][A-Z .'’-]{{1,40}}(?:,\s*[A-Z][A-Za-z .'’-]{{1,30}})?,\s*"
    rf"(?P<md>(?i:(?P<month>{_MONTH})\s+(?P<day>[0-3]?\d)))\b(?!,?\s*\d)"
    rf"\s*(?:\([^)]{{1,40}}\))?\s*[-–—:]",
)


def dateline_month_day(paragraph: str, offset: int = 0) -> DateRef | None:
    """The month-day of a year-less dateline opening ``paragraph`` (at ``offset`` in the
    article): the report's own day, which its undated lead tells of."""
    m = _YEARLESS_DATELINE.match(paragraph)
    if m is None:
        return None
    month, day = _month(m["month"]), int(m["day"])
    if _safe_date(2000, month, day) is None:
        return None
    return DateRef(precision="day", text=m["md"], month_day=f"--{month:02d}-{day:02d}",
                   char_start=offset + m.start("md"), char_end=offset + m.end("md"))


_WEEKDAY_WORD = re.compile(rf"\b(?P<wd>{_WEEKDAY})\b", re.I)


def weekday_of(ref: DateRef) -> int | None:
    """The weekday (Monday 0) of an unresolved date that names one, else None."""
    if ref.start is not None or ref.month_day or not ref.text:
        return None
    m = _WEEKDAY_WORD.search(ref.text)
    return WEEKDAYS[m["wd"].lower()] if m else None


_ANY_ANCHOR = "2000-06-15"  # a mid-month weekday: every anchored expression resolves on it


def awaits_anchor(ref: DateRef) -> bool:
    """An unresolved date that a publication day would resolve ("last week", "in late
    February"), not a weekday (matched as it stands) nor words that are no date ("a row")."""
    if ref.start is not None or ref.month_day or not ref.text or weekday_of(ref) is not None:
        return False
    return resolve(ref.text, _ANY_ANCHOR).start is not None
