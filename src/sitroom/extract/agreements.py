"""Agreements stated in reports: who agreed, when, and which zones, corridors, posts and patrols.

Rules over the sentences of a parsed Doc (offsets are into ``Article.text``):

- An agreement is a sentence with an agreement word (agreement, deal, ceasefire,
  accord, protocol, memorandum, agreed...) plus a date, or a name next to such a
  word ("the Sochi Agreement", "the Astana agreements"); "de-escalation zone" names
  the Astana agreement. A dated agreement that is neither a ceasefire nor has a
  spatial term is dropped (it is no monitoring regime). Parties are countries, their
  capitals and leaders (Ankara, Moscow, the Kremlin, Erdogan, Putin); after
  "between" only the names that follow count, and "in Syria" is a place, not a party.
- The agreement's date is the last date before the agreement word ("the March 5
  agreement", "On March 5, Ankara and Moscow agreed"), else a date just after one
  ("agreed in Moscow on Thursday"); a named agreement takes a date next to its name
  ("the Sochi Agreement ... in September 2018"). A date without a year takes the
  publication year (the most recent such day on or before publication); with no
  publication date it stays ``--MM-DD``. "from/at midnight" makes ``effective_from``
  the next day.
- Sentences that say "the deal"/"the agreement" without a date, or state a corridor
  or when patrols will start without naming a deal, add terms to the agreement last
  mentioned in the article; sentences reporting a refusal or cancellation add none.
- Terms: a *corridor* along a road (``M4``, or the road the article named last)
  with widths ("six kilometers to the north and six km to the south", "6 km on
  either side"); a *patrol* when the sentence arranges patrols (stipulated, agreed,
  decided, starting ...) or dates the first joint patrol, with its start ("starting
  March 15", "on 15 March", "from the fifteenth of the month"; year from the
  agreement date; "on Thursday" from the publication date);
  *posts* ("observation posts" with a named agreement: the 12 bundled Turkish
  posts); a *zone* ("de-escalation zone": the bundled Idlib outline). "Turkish troops
  will control the northern strip while the Russians ... the southern" sets the
  corridor's (or else the patrol's) ``sides``.

Mentions of the same agreement across articles are merged by
:func:`sitroom.zones.merge_agreements`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from spacy.tokens import Doc

from sitroom.nlp import doc_text
from sitroom.records import Article
from sitroom.zones import reference
from sitroom.zones.merge import anchor_month_day, finish, generic_name
from sitroom.zones.records import Agreement, Term, agreement_id
from sitroom.zones.reference import country_code, country_names, party_regex

_MONTHS = {m.lower(): i for i, m in enumerate(
    ("January", "February", "March", "April", "May", "June", "July", "August", "September",
     "October", "November", "December"), start=1)}  # fmt: skip
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
                 "twenty": 20, "thirty": 30}  # fmt: skip
_NUM = r"(\d+(?:\.\d+)?|" + "|".join(_NUMBER_WORDS) + r")"
_KM = r"(?:-|\s)?(?:kilometers?|kilometres?|kms?)\b"

_ORD = r"(?:st|nd|rd|th)?"
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}}){_ORD}\s+({_MONTH_RE})\b(?:,?\s+(\d{{4}}))?", re.I)
_MONTH_DAY = re.compile(rf"\b({_MONTH_RE})\s+(\d{{1,2}}){_ORD}\b(?:,\s*(\d{{4}}))?", re.I)
_MONTH_YEAR = re.compile(rf"\b({_MONTH_RE})\s+(\d{{4}})\b", re.I)
_START_WORDS = re.compile(
    r"\b(?:starting|from|beginning|as of|as from|effective)\s+(?:on\s+)?$", re.I
)

_AGREE = re.compile(r"\b(agreements?|deals?|accords?|cease-?fires?|truces?|memorand(?:um|a)|"
                    r"protocols?|understandings?|agreed)\b", re.I)  # fmt: skip
_CEASEFIRE = re.compile(r"\b(cease-?fires?|truces?)\b", re.I)
_NAMED = {"sochi": "Sochi agreement", "astana": "Astana de-escalation agreement"}
_NAMED_RE = re.compile(r"\b(Sochi|Astana)\b")
_DEESCALATION = re.compile(r"\bde-?escalation (?:zones?|areas?)\b", re.I)
_CORRIDOR = re.compile(r"\bcorridor\b", re.I)
_PATROL = re.compile(r"\bpatroll?(?:s|ing)?\b", re.I)
_ARRANGE = re.compile(r"\b(stipulat\w*|agreed|decided|provides? for|envisag\w*|calls? for|"
                      r"starting|beginning|to (?:hold|conduct|carry out|launch|begin|start)|"
                      r"will (?:hold|conduct|carry out|start|begin|launch))\b", re.I)  # fmt: skip
_FIRST_PATROL = re.compile(r"\bfirst joint patrol", re.I)
_POSTS = re.compile(r"\bobservation (?:posts?|points?)\b", re.I)
_ROAD = re.compile(r"\bM\s?-?(\d{1,2})\b")
_MIDNIGHT = re.compile(r"\b(?:from|at|as of)\s+midnight\b", re.I)
_REFUSAL = re.compile(r"\b(refus\w*|declin\w*|reject\w*|cancel\w*|suspend\w*)\b", re.I)
_LOCATIVE = re.compile(r"\b(?:in|into|inside|across|from|near|on|at|toward|towards)\s+"
                       r"(?:[a-z][\w-]*\s+){0,2}$")  # fmt: skip
_PLACE_AFTER = re.compile(r"^['’]s\s+(?:[A-Z][\w-]*\s+)?(?:region|province|governorate|border|"
                          r"territory|city|countryside|north|south|east|west)", re.I)  # fmt: skip
_NORTH_KM = re.compile(rf"{_NUM}{_KM}\s+(?:to the\s+)?north", re.I)
_SOUTH_KM = re.compile(rf"{_NUM}{_KM}\s+(?:to the\s+)?south", re.I)
_BOTH_KM = re.compile(rf"{_NUM}{_KM}\s+(?:(?:deep|wide)\s+)?(?:on|to)\s+(?:either|each|both)\s+"
                      r"sides?", re.I)  # fmt: skip
_TERM_CUE = re.compile(r"\bcorridor\b|\bpatrols?\b.*\b(?:will|to) (?:start|begin)\b", re.I)
_SIDE = re.compile(r"\b(?:(north|south)ern\s+(?:strip|side|part|bank|section|half)|"
                   r"(?:area|strip|side|part)\s+(north|south)\s+of)\b", re.I)  # fmt: skip

_WEEKDAY = re.compile(r"\bon\s+(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_ORDINALS = {w: i for i, w in enumerate(
    ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
     "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
     "seventeenth", "eighteenth", "nineteenth", "twentieth"], start=1)}  # fmt: skip
_OF_THE_MONTH = re.compile(rf"\bthe\s+({'|'.join(_ORDINALS)}|\d{{1,2}}(?:st|nd|rd|th))\s+of\s+"
                           r"the\s+month\b", re.I)  # fmt: skip
_DEMONYMS = {"turkish": "TUR", "turks": "TUR", "russian": "RUS", "russians": "RUS",
             "iranian": "IRN", "iranians": "IRN", "syrian": "SYR"}  # fmt: skip


def _parties(text: str) -> list[str]:
    """Parties named in a sentence (see the module docstring for 'between' and 'in X')."""
    between = re.search(r"\bbetween\b", text)
    found = []
    for m in party_regex().finditer(text):
        if not m.group(0)[0].isupper():
            continue
        if between and m.start() < between.end():
            continue
        if _LOCATIVE.search(text[max(0, m.start() - 40) : m.start()]):
            continue
        if _PLACE_AFTER.match(text[m.end() : m.end() + 40]):
            continue
        found.append(country_names()[m.group(0).lower()])
    return sorted(set(found))


@dataclass
class _Sent:
    """A sentence (or a line of one: titles run into text without a full stop)."""

    text: str
    start_char: int
    end_char: int


_LINE = re.compile(r"[^\n]+")
_PLAIN_SENTENCE = re.compile(r"[^.!?]+(?:[.!?]+[\"'”’)]*|$)")


def _pieces(text: str, offset: int, splitter: re.Pattern[str]) -> list[_Sent]:
    """Stripped, non-empty pieces of ``text`` matched by ``splitter``, offsets shifted."""
    out = []
    for m in splitter.finditer(text):
        piece = m.group(0)
        if piece.strip():
            start = offset + m.start() + len(piece) - len(piece.lstrip())
            out.append(_Sent(piece.strip(), start, start + len(piece.strip())))
    return out


def _sentences(doc: Doc, text: str) -> list[_Sent]:
    """The Doc's sentences split at line breaks; lines the parse left blank split by punctuation.

    The pipeline parses a copy of the article with trigger-less paragraphs blanked
    (same offsets), so an agreement stated in such a paragraph is read from ``text``.
    """
    out = [p for sent in doc.sents for p in _pieces(sent.text, sent.start_char, _LINE)]
    if doc_text(doc) != text:
        for line in _LINE.finditer(text):
            if line.group(0).strip() and not doc_text(doc)[line.start() : line.end()].strip():
                out.extend(_pieces(line.group(0), line.start(), _PLAIN_SENTENCE))
    return sorted(out, key=lambda s: s.start_char)


@dataclass
class _Date:
    start: int
    end: int
    value: str  # YYYY-MM-DD, YYYY-MM or --MM-DD
    is_start: bool  # preceded by "starting"/"from": a term's start, not the agreement's date


def _iso_day(value: str | None) -> dt.date | None:
    """A ``YYYY-MM-DD`` string as a date; None for anything else."""
    try:
        return dt.date.fromisoformat(value) if value and len(value) == 10 else None
    except ValueError:
        return None


def _dates(text: str, published: str | None = None) -> list[_Date]:
    """Dates written in a sentence, day or month precise, year kept only when written.

    "on Thursday" counts only with a publication date: the last such day on or before it.
    """
    out: list[_Date] = []
    taken: list[tuple[int, int]] = []
    pub = _iso_day(published)
    if pub is not None:
        for m in _WEEKDAY.finditer(text):
            wanted = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
                      "Sunday").index(m.group(1))  # fmt: skip
            day = pub - dt.timedelta(days=(pub.weekday() - wanted) % 7)
            out.append(_Date(m.start(), m.end(), day.isoformat(), False))
            taken.append((m.start(), m.end()))
    for regex, order in ((_DAY_MONTH, "dm"), (_MONTH_DAY, "md"), (_MONTH_YEAR, "my")):
        for m in regex.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            if order == "my":
                value = f"{m.group(2)}-{_MONTHS[m.group(1).lower()]:02d}"
            else:
                day, month = (m.group(1), m.group(2)) if order == "dm" else (m.group(2), m.group(1))
                mm, dd = _MONTHS[month.lower()], int(day)
                try:
                    dt.date(2000, mm, dd)
                except ValueError:
                    continue
                value = f"{m.group(3)}-{mm:02d}-{dd:02d}" if m.group(3) else f"--{mm:02d}-{dd:02d}"
            taken.append((m.start(), m.end()))
            is_start = bool(_START_WORDS.search(text[max(0, m.start() - 20) : m.start()]))
            out.append(_Date(m.start(), m.end(), value, is_start))
    return sorted(out, key=lambda d: d.start)


def _resolve(value: str, anchor: str | None, *, forward: bool) -> str:
    """Give a month-day the anchor's year (past for report dates, forward for starts)."""
    if value.startswith("--") and anchor and re.match(r"\d{4}(-\d{2}(-\d{2})?)?$", anchor):
        return anchor_month_day(value, anchor, forward=forward)
    return value


def _km(value: str) -> float:
    return float(_NUMBER_WORDS.get(value.lower(), 0) or value)


def _widths(text: str) -> tuple[float | None, float | None, float | None]:
    """(north, south, both) corridor widths in km stated in a sentence."""
    north, south, both = _NORTH_KM.search(text), _SOUTH_KM.search(text), _BOTH_KM.search(text)
    return (
        _km(north.group(1)) if north else None,
        _km(south.group(1)) if south else None,
        _km(both.group(1)) if both else None,
    )


def _road(text: str) -> dict | None:
    """The bundled reference road named in a sentence (M4, M5), if any."""
    for m in _ROAD.finditer(text):
        feature = reference.road(f"M{m.group(1)}")
        if feature is not None:
            return feature
    return None


class _ArticleState:
    """What one article has said so far: its agreements, the last one, the last road."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.agreements: list[Agreement] = []
        self.current: Agreement | None = None
        self.road: dict | None = None

    def evidence(self, sent: _Sent) -> dict:
        return {"article_id": self.article.id, "sentence": sent.text,
                "start": sent.start_char, "end": sent.end_char}  # fmt: skip

    def source(self, sent: _Sent) -> dict:
        return {**self.evidence(sent), "doc": self.article.doc}

    def find(self, name: str | None, signed: str | None, parties: list[str]) -> Agreement | None:
        for a in self.agreements:
            if name and a.name == name:
                return a
            if signed and a.signed == signed and (not parties or set(parties) <= set(a.parties)):
                return a
        return None

    def agreement(self, sent: _Sent, name: str | None, signed: str | None,
                  parties: list[str], ceasefire: bool) -> Agreement:  # fmt: skip
        """The article's record for this agreement, created or updated with this sentence."""
        a = self.find(name, signed, parties)
        if a is None:
            label = name or generic_name(ceasefire, signed)
            a = Agreement(id=agreement_id(label, parties, signed), name=label,
                          parties=list(parties), signed=signed)  # fmt: skip
            self.agreements.append(a)
        else:
            a.parties = sorted(set(a.parties) | set(parties))
            if ceasefire and a.name.startswith("Agreement of"):
                a.name = generic_name(True, a.signed)
        if sent.start_char not in {s["start"] for s in a.sources}:
            a.sources.append(self.source(sent))
        self.current = a
        return a


def _add_term(agreement: Agreement, term: Term) -> Term:
    """Add a term, or fold it into the agreement's existing term of the same key."""
    from sitroom.zones.merge import combine_terms

    for i, t in enumerate(agreement.terms):
        if t.key() == term.key():
            agreement.terms[i] = combine_terms(t, term)
            return agreement.terms[i]
    agreement.terms.append(term)
    return term


def _names_agreement(text: str, name: re.Match[str]) -> bool:
    """ "Sochi"/"Astana" names an agreement only next to an agreement word ("Sochi Agreement")."""
    window = text[max(0, name.start() - 40) : name.end() + 40]
    return bool(_AGREE.search(window) or _DEESCALATION.search(window))


def _agreement_in(sent: _Sent, state: _ArticleState) -> Agreement | None:
    """The agreement a sentence states (or refers back to), updating the article state."""
    text = sent.text
    cue = _AGREE.search(text)
    named = next((m for m in _NAMED_RE.finditer(text) if _names_agreement(text, m)), None)
    deesc = _DEESCALATION.search(text)
    if not (cue or named or deesc):
        return None
    parties = _parties(text)
    published = state.article.published
    dates = [d for d in _dates(text, published) if not d.is_start]
    ceasefire = bool(_CEASEFIRE.search(text))
    if named or deesc:
        name = _NAMED[named.group(1).lower()] if named else _NAMED["astana"]
        near = [d for d in dates if named and not _WEEKDAY.match(text, d.start)
                and named.start() - 25 <= d.start <= named.end() + 60]  # fmt: skip
        signed = _resolve(near[0].value, published, forward=False) if near else None
        return state.agreement(sent, name, signed, parties, ceasefire)
    cues = list(_AGREE.finditer(text))
    before = [d for d in dates if d.end <= cues[0].start()]
    # "agreed in Moscow on 5 March", "the ceasefire that Erdogan and Putin agreed on Thursday"
    after = [d for d in dates if any(0 <= d.start - c.end() <= 40 for c in cues)]
    if before or after:
        signed = _resolve((before[-1] if before else after[0]).value, published, forward=False)
        if len(parties) >= 2 or state.find(None, signed, parties):
            a = state.agreement(sent, None, signed, parties, ceasefire)
            if _MIDNIGHT.search(text) and a.signed and len(a.signed) in (7, 10):
                a.effective_from = _next_day(a.signed)
            return a
    return state.current


def _next_day(value: str) -> str:
    """The day after ``YYYY-MM-DD`` or ``--MM-DD`` (a ceasefire from midnight)."""
    if value.startswith("--"):
        nxt = dt.date(2000, int(value[2:4]), int(value[5:7])) + dt.timedelta(days=1)
        return nxt.strftime("--%m-%d")
    return (dt.date.fromisoformat(value) + dt.timedelta(days=1)).isoformat()


def _day_of_the_month(text: str, signed: str | None) -> str | None:
    """ "from the fifteenth of the month": that day in the agreement's month, if known."""
    m = _OF_THE_MONTH.search(text)
    if m is None or not signed or len(signed) < 7:
        return None
    word = m.group(1).lower()
    day = _ORDINALS.get(word) or int(re.sub(r"\D", "", word))
    month = signed[2:4] if signed.startswith("--") else signed[5:7]
    return f"--{month}-{day:02d}"


def _terms(sent: _Sent, agreement: Agreement, state: _ArticleState) -> None:
    """Add the corridor, patrol, post and zone terms a sentence states to ``agreement``."""
    text = sent.text
    road = _road(text) or state.road  # "the road", "the patrols": the road named last
    evidence = [state.evidence(sent)]
    if _CORRIDOR.search(text) and road is not None:
        north, south, both = _widths(text)
        props = road["properties"]
        _add_term(agreement, Term(
            kind="corridor", name=f"{props['name']} security corridor", geometry=road["geometry"],
            buffer_km=both, buffer_km_north=north, buffer_km_south=south,
            parties=list(agreement.parties), road=props["name"],
            admin1=list(props.get("admin1", [])), evidence=evidence))  # fmt: skip
    if _PATROL.search(text) and road is not None:
        first = _FIRST_PATROL.search(text)
        if _ARRANGE.search(text) or first:
            signed_md = (agreement.signed or "")[-5:]
            starts = [d.value for d in _dates(text, state.article.published)
                      if d.is_start or d.value[-5:] != signed_md]  # fmt: skip
            of_month = _day_of_the_month(text, agreement.signed)
            start = starts[0] if starts else of_month
            start = _resolve(start, agreement.signed, forward=True) if start else None
            props = road["properties"]
            _add_term(agreement, Term(
                kind="patrol", name=f"{props['name']} joint patrols", geometry=road["geometry"],
                parties=list(agreement.parties), start=start, road=props["name"],
                admin1=list(props.get("admin1", [])), evidence=evidence))  # fmt: skip
    if _POSTS.search(text) and _NAMED_RE.search(text):
        for post in reference.observation_posts():
            p = post["properties"]
            _add_term(agreement, Term(
                kind="post", name=f"Turkish observation post {p['name']}",
                geometry=post["geometry"], parties=["TUR"], admin1=[p.get("admin1", "")],
                evidence=evidence))  # fmt: skip
    if _DEESCALATION.search(text):
        feature = reference.zone()
        if feature is not None:
            _add_term(agreement, Term(
                kind="zone", name=feature["properties"]["name"], geometry=feature["geometry"],
                parties=list(agreement.parties), admin1=list(feature["properties"]["admin1"]),
                evidence=evidence))  # fmt: skip


def _sides(sent: _Sent, state: _ArticleState) -> None:
    """Who holds which side: "Turkish troops ... the northern strip while the Russians ..."."""
    terms = state.current.terms if state.current else []
    corridor = next((t for t in terms if t.kind == "corridor"), None) or next(
        (t for t in terms if t.kind == "patrol"), None
    )
    if corridor is None:
        return
    text, sides = sent.text, {}
    for m in _SIDE.finditer(text):
        clause_start = max(text.rfind(w, 0, m.start()) for w in (" while ", ", ", " and ", ";"))
        clause = text[max(clause_start, 0) : m.start()]
        who = [_DEMONYMS.get(w.lower()) or country_code(w) for w in re.findall(r"\w+", clause)]
        who = [w for w in who if w]
        if who:
            sides[(m.group(1) or m.group(2)).lower()] = who[-1]
    if sides:
        corridor.sides = {**corridor.sides, **sides}
        corridor.evidence.append(state.evidence(sent))


def extract_agreements(doc: Doc, article: Article) -> list[Agreement]:
    """Agreements and their spatial terms stated in one article (rules in the module docstring).

    Args:
        doc: the parsed article (or its copy with trigger-less paragraphs blanked).
        article: the article, for its id, doc name and publication date (year anchor).

    Returns:
        One :class:`~sitroom.zones.Agreement` per agreement the article mentions, each
        term and source with its evidence sentence and character offsets.
    """
    state = _ArticleState(article)
    for sent in _sentences(doc, article.text):
        agreement = _agreement_in(sent, state)
        if agreement is None and state.current is not None and _TERM_CUE.search(sent.text):
            agreement = state.current  # "Joint patrols will start on 15 March, the document says"
        if agreement is not None and not _REFUSAL.search(sent.text):
            _terms(sent, agreement, state)
        elif _SIDE.search(sent.text):
            _sides(sent, state)
        road = _road(sent.text)
        if road is not None:
            state.road = road
    # an undated, unnamed "agreement" with no zone, corridor, post or patrol is not a regime
    return [finish(a) for a in state.agreements if a.terms or not a.name.startswith("Agreement")]
