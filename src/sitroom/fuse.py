"""Fusion: group mentions that tell the same real-world happening into events.

How it decides (all rules deterministic, so the same input gives the same events):

* Candidates come only from blocks: a time window (2-day buckets; ranges are widened by a
  day of slack for day precision, three for week precision) crossed with a place block (a
  0.25° grid cells within 25 km for towns, the admin1 cell for admin1-level places, the
  country for country-level places). Month-day-only dates ("--03-15") have their own block.
  Talks and deals (``SPOKEN_TYPES``) are also looked up by time alone: one is told from its
  venue or from the place it concerns. Mentions with no date or no place are looked up by
  place alone or time alone; mentions with neither only fuse with near-identical sentences
  of the same article or of articles published within a few days. Any coarse block grown
  larger than ``BLOCK_CAP`` (``DEAL_BLOCK_CAP`` for the days of talks and deals, which are
  few and often told with no place) is searched through sub-blocks keyed by the sentence's
  most salient TF-IDF terms instead, each read only for its ``SUB_CAP`` most recent
  members, which keeps the work per mention bounded in dense data.
* A pair score mixes date, place, event type, target, casualty counts (killed and wounded
  agree or not) and TF-IDF text similarity. An undated report published 0–3 days after a
  dated event counts as fair date evidence; one with no date and no publication date as weak
  evidence. Hard conflicts forbid the pair: incompatible types, non-overlapping dates, a
  report published before the event began (or an undated one published more than
  ``STALE_DAYS`` after it), places neither nested nor within 25 km (except
  for talks and deals), different targets of a hostile act (another country, or state forces
  against armed groups), reprisals (one report's target is the other's perpetrator), and a
  planted device against fired munitions ("a roadside bomb" vs "mortar shells").
  Differing perpetrators never split: that is a contradiction.
* A mention joins the best-scoring earlier cluster (half mean, half best pair score over the
  cluster's first ``MEMBER_CAP`` members, none of them in hard conflict; a sentence of the same
  article counts in full) if the score reaches ``THRESHOLD``, otherwise it starts a new event
  whose id is ``stable_id("evt", <first mention id>)``. Mentions are processed in publication
  order, so the first mention is the earliest report.
* Three passes then undo what arrival order got wrong: clusters that fit are merged; each new
  mention moves to a clearly better cluster (``MOVE_MARGIN``, other articles' evidence only);
  and an undated article (no publication date, no dated sentence) is dated by the events most
  of its sentences joined, after which its relative dates ("last week") are read against
  that day and its sentences drawn to a later event move out.
* A mention that ``follows`` another (a casualty count or denial with no act word of its own)
  takes no part in clustering: it joins the event of the mention it follows, unless in
  conflict with it. So such sentences add evidence but never bridge two events.
* Existing events are clusters seeded before any new mention; they keep their ids, and two of
  them are never merged.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from sitroom.extract.dates import awaits_anchor, resolve, weekday_of
from sitroom.extract.gazetteer import normalise, skeleton
from sitroom.extract.places import UNRESOLVED
from sitroom.records import (
    ActorRef,
    Claim,
    Contradiction,
    DateRef,
    Event,
    Mention,
    PlaceRef,
    Quantity,
    stable_id,
)

THRESHOLD = 0.6
LOW_THRESHOLD = 0.5  # enough for two clusters that are each other's only plausible match
LONE_TEXT = 0.1  # ... if they also share some wording
LINK_MEAN = 0.5  # cluster score: this share of the mean pair score, the rest from the best pair
TEXT_FULL = 0.3  # TF-IDF cosine that counts as full text agreement
SAME_ARTICLE = 0.75  # floor for two same-type mentions of one article that do not conflict
NEAR_KM = 25.0
SAME_PLACE_KM = 2.0
GRID_DEG = 0.25
BUCKET_DAYS = 2
MEMBER_CAP = 8
MOVE_MARGIN = 0.05  # a mention changes cluster only for a clearly better fit
SALIENT_TERMS = 5
BLOCK_CAP = 8
DEAL_BLOCK_CAP = 64
SUB_CAP = 32  # of a busy block's word sub-block, only the most recent members are candidates
UNDATED_WINDOW = 30
STALE_DAYS = 180  # an undated sentence does not tell of an act this long before its report
DATELINE_LAG = 2  # days a year-less dateline may trail the events its report is dated by
WEIGHTS = {"date": 0.25, "place": 0.25, "type": 0.15, "actor": 0.10, "text": 0.25, "toll": 0.2}
TOLL_RATIO = 1.25  # two death tolls this close (33 and 34, "dozens" and 30) agree
TOLL_REVISED = 2.5  # up to this far apart they may be a first and a revised count (40, 53)
TOLL_APART = 4.0  # beyond this no revision explains the gap (2 and "dozens"): two happenings

# Pairs of PLOVER types that the same act is often coded as (one act, two readings).
COMPATIBLE_TYPES = {
    frozenset({"ASSAULT", "COERCE"}),
    frozenset({"AGREE", "CONSULT"}),
    frozenset({"COOPERATE", "AID"}),
}
# Acts whose doer can be in dispute. For joint acts (agreements, talks, joint patrols) who
# is "actor1" is an accident of word order, not a claim about who did it.
PERPETRATED_TYPES = frozenset({"ASSAULT", "COERCE", "THREATEN", "SANCTION"})
# Acts whose place is where words were exchanged: a deal "on Idlib" is signed "in Moscow",
# so reports naming either place can tell of the same act.
SPOKEN_TYPES = frozenset({"AGREE", "CONSULT"})
PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3, "unknown": 4}
GEO_RANK = {"exact": 0, "town": 1, "admin2": 2, "admin1": 3, "country": 4}
MODALITY_ORDER = ("asserted", "reported", "claimed", "planned", "hypothetical", "denied", "negated")
CLAIM_MODALITIES = {"asserted", "reported", "claimed", "denied", "negated"}
DENIALS = frozenset({"denied", "negated"})  # claims that something did not happen
WIRES = {
    "afp": "AFP", "agence france presse": "AFP", "agence france-presse": "AFP",
    "reuters": "Reuters", "ap": "AP", "associated press": "AP",
    "anadolu": "Anadolu", "anadolu agency": "Anadolu", "ria": "RIA", "ria novosti": "RIA",
    "tass": "TASS", "interfax": "Interfax", "sana": "SANA", "dpa": "dpa",
}
_WIRE_RE = re.compile(r"\b(" + "|".join(sorted(map(re.escape, WIRES), key=len, reverse=True))
                      + r")\b", re.IGNORECASE)


@dataclass
class FusionResult:
    """Fused events plus which event each mention went to."""

    events: list[Event]
    assignments: dict[str, str] = field(default_factory=dict)  # mention id -> event id


# ---------------------------------------------------------------- field helpers


@lru_cache(maxsize=65536)
def _ordinal(iso: str | None) -> int | None:
    """ISO date (YYYY-MM-DD, or a YYYY-MM / YYYY prefix) → proleptic ordinal, or None."""
    if not iso:
        return None
    try:
        return date.fromisoformat(iso[:10]).toordinal()
    except ValueError:
        return None


def date_range(d: DateRef) -> tuple[int, int] | None:
    """The (start, end) day ordinals a date bounds, or None when the year is unknown."""
    start = _ordinal(d.start)
    if start is None:
        return None
    end = _ordinal(d.end)
    return (start, end if end is not None and end >= start else start)


def _slack(d: DateRef) -> int:
    """Days of tolerance: reports of one event often differ by a day at day precision."""
    return {"day": 1, "week": 3}.get(d.precision, 0)


def _month_days(rng: tuple[int, int]) -> list[str]:
    """The "--MM-DD" keys of every day in a short range (empty for long ranges)."""
    if rng[1] - rng[0] > 7:
        return []
    return [date.fromordinal(o).strftime("--%m-%d") for o in range(rng[0], rng[1] + 1)]


def _shift_md(md: str, days: int) -> str:
    """Shift a "--MM-DD" key by some days (in a leap year, so 29 Feb exists)."""
    base = date.fromisoformat("2020" + md[1:])
    return (base + timedelta(days=days)).strftime("--%m-%d")


def haversine_km(a: PlaceRef, b: PlaceRef) -> float | None:
    """Great-circle distance between two places in km, or None without coordinates."""
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return None
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


@lru_cache(maxsize=65536)
def _norm(text: str | None) -> str:
    """Lower-case, accent-light, punctuation-free form for name comparison."""
    return re.sub(r"[^a-z0-9]+", " ", (text or "").lower()).strip()


def _geo_level(p: PlaceRef | None) -> str:
    """fine | admin1 | country | none: how a place takes part in blocking.

    A road is as coarse as its admin1: its point says little about where along it.
    """
    if p is None:
        return "none"
    if p.admin1 and p.country and p.feature == "road":
        return "admin1"
    if p.lat is not None and p.lon is not None and GEO_RANK.get(p.precision or "town", 1) <= 2:
        return "fine"
    if p.admin1 and p.country:
        return "admin1"
    if p.country:
        return "country"
    return "none"


def same_name(a: str | None, b: str | None) -> bool:
    """Two spellings of one name ("Nayrab", "Nairab"): equal transliteration keys."""
    if not a or not b:
        return False
    ka, kb = normalise(a), normalise(b)
    return ka == kb or (len(ka) >= 4 and skeleton(ka) == skeleton(kb))


def place_relation(a: PlaceRef | None, b: PlaceRef | None) -> float | None:
    """Place compatibility in [0, 1]; None when the places conflict (not nested, >25 km)."""
    if a is not None and b is not None and UNRESOLVED in (a.feature, b.feature) and \
            same_name(a.text or a.name, b.text or b.name):
        return 1.0  # one town the gazetteer lacks, named alike in two reports
    la, lb = _geo_level(a), _geo_level(b)
    if la == "none" or lb == "none":
        return 0.2
    assert a is not None and b is not None
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return 1.0
    if la == "fine" and lb == "fine":
        km = haversine_km(a, b) or 0.0  # "fine" places always have coordinates
        if km > NEAR_KM:
            # a name the gazetteer lacks stands at its report's main place: no proof
            return 0.2 if UNRESOLVED in (a.feature, b.feature) else None
        if km <= SAME_PLACE_KM or _norm(a.name) == _norm(b.name):
            return 1.0
        return 0.5 - 0.3 * km / NEAR_KM  # a neighbouring town: possible, the text decides
    if a.country and b.country and a.country != b.country:
        return None
    if la == "country" or lb == "country":
        return 0.4
    if a.admin1 and b.admin1 and _norm(a.admin1) != _norm(b.admin1):
        return None
    return 0.9 if la == lb else 0.6


def date_relation(a: DateRef, b: DateRef) -> float | None:
    """Date compatibility in [0, 1]; None when the ranges cannot be the same happening."""
    ra, rb = date_range(a), date_range(b)
    if ra and rb:
        if ra[0] <= rb[1] and rb[0] <= ra[1]:
            both_day = a.precision == "day" and b.precision == "day"
            return 1.0 if both_day else 0.7
        slack = max(_slack(a), _slack(b))
        if ra[0] - slack <= rb[1] and rb[0] - slack <= ra[1]:
            return 0.2
        return None
    if ra or rb:
        vague, rng, other = (a, rb, b) if rb else (b, ra, a)
        assert rng is not None
        if rng[1] - rng[0] > 7:  # a long range: a month-day alone cannot be checked, weak
            return 0.2
        slack = _slack(other)
        if vague.month_day:
            if vague.month_day in _month_days(rng):
                return 0.8
            return 0.2 if vague.month_day in _month_days((rng[0] - slack, rng[1] + slack)) \
                else None
        if (wd := weekday_of(vague)) is not None:
            if any(_weekday(day) == wd for day in range(rng[0], rng[1] + 1)):
                return 0.8
            near = range(rng[0] - max(slack, 1), rng[1] + max(slack, 1) + 1)
            return 0.2 if any(_weekday(day) == wd for day in near) else None
        return 0.2
    if a.month_day and b.month_day:
        return 0.8 if a.month_day == b.month_day else None
    wa, wb = weekday_of(a), weekday_of(b)
    if wa is not None and wb is not None:
        gap = min((wa - wb) % 7, (wb - wa) % 7)
        return 0.8 if gap == 0 else 0.2 if gap == 1 else None
    return 0.2


def _weekday(ordinal: int) -> int:
    """Weekday (Monday 0) of a proleptic Gregorian day ordinal."""
    return (ordinal - 1) % 7


def _lag_score(undated: Mention, pub: int | None, rng: tuple[int, int],
               score: float) -> float | None:
    """An undated report published (day ordinal ``pub``) within days after a dated event is
    weak support for it; one published before the event began cannot tell of it (None: a
    day's slack for time zones)."""
    if undated.date.month_day or pub is None:
        return score
    if pub < rng[0] - 1:
        return None
    lag = pub - rng[1]
    if 0 <= lag <= 3:
        return max(score, 0.6)
    if lag > STALE_DAYS:
        return None  # told with no date at all, an act that old would be named as past
    return score if 0 <= lag <= UNDATED_WINDOW else 0.1


def _timeless(m: Mention, pub: int | None) -> bool:
    """Neither a date (not even a month-day) nor a publication date."""
    return pub is None and date_range(m.date) is None and not m.date.month_day


_TERRITORY = frozenset({"Government regains territory", "Non-state actor overtakes territory"})


def _taken_vs_bombed(a: Mention, b: Mention) -> bool:
    """A town taken by one side and an air strike by another, not at that town, or
    aircraft shot down and ground targets struck, are two acts however close in time and
    place ("rebels recaptured Saraqeb" vs "Turkish jets shot down two Su-24s over Idlib")."""
    kinds = {a.acled_sub_event_type, b.acled_sub_event_type}
    sides = {_side(a.actor1), _side(b.actor1)}
    if kinds & _TERRITORY and "Air/drone strike" in kinds and len(sides) == 2 and \
            None not in sides and "none" not in (_geo_level(a.location), _geo_level(b.location)) \
            and place_relation(a.location, b.location) != 1.0:
        return True  # taken by one side, bombed by another somewhere else (not a rival account)
    # aircraft shot down and ground targets struck: two acts of one day's fighting
    return any(_downed(x) and not _downed(y) and y.target_kinds for x, y in ((a, b), (b, a)))


_PLANTED = re.compile(r"\b(?:roadside|car|truck|suicide|planted) bombs?\b|\bland ?mines?\b|"
                      r"\bIEDs?\b|\bimprovised explosive|\bbooby[- ]trap", re.IGNORECASE)
_FIRED_WORDS = re.compile(r"\bmortars?\b|\bshell(?:s|ed|ing)?\b|\bair ?strikes?\b|"
                          r"\bmissiles?\b|\brockets?\b|\bartillery\b", re.IGNORECASE)


def planted(sentence: str) -> bool | None:
    """Does the sentence name a planted device (True) or fired munitions (False)? None when
    it names neither or both. A roadside bomb and mortar rounds are two blasts, however
    near; "blown up" and "missiles" are rival accounts of one, so neither counts."""
    device, fired = _PLANTED.search(sentence), _FIRED_WORDS.search(sentence)
    return None if bool(device) == bool(fired) else bool(device)


_DOWNED = re.compile(r"\b(?:shot|shoots?|shooting) down\b|\bdown(?:ed|ing)\b", re.I)


_AIRCRAFT = re.compile(r"\b(?:jets?|warplanes?|planes?|aircraft|helicopters?|drones?|bombers?|"
                       r"fighters?|su-\d+\w*|mig-\d+\w*|mi-\d+\w*|f-\d+s?)\b", re.I)


def _downed(m: Mention) -> bool:
    """Is the mention's act an aircraft shot down ("F-16s shot down two Su-24 jets"), not
    missiles intercepted?"""
    return bool(m.trigger) and m.trigger.lower() in {"shot", "shoot", "shoots", "shooting",
                                                     "downed", "downing"} and \
        bool(_DOWNED.search(m.sentence or "")) and \
        m.actor2 is not None and bool(_AIRCRAFT.search(m.actor2.text or m.actor2.name))


def types_compatible(a: str, b: str) -> float | None:
    """1 for the same PLOVER type, 0.7 for a compatible pair, None otherwise."""
    if a == b:
        return 1.0
    return 0.7 if frozenset({a, b}) in COMPATIBLE_TYPES else None


def _family(event_type: str) -> str:
    """Blocking family: a type and the types compatible with it share one family."""
    members = {event_type}
    for pair in COMPATIBLE_TYPES:
        if event_type in pair:
            members |= pair
    return min(members)


_STATE = frozenset({"GOV", "MIL", "POL", "SPY", "JUD", "LEG"})
_BYSTANDERS = frozenset({"CVL", "MED", "NGO"})


def _side(actor: ActorRef | None) -> tuple[str, str] | None:
    """An actor's side in a fight: its country and whether it is the state or a group."""
    if actor is None or not actor.country:
        return None
    return (actor.country, "state" if actor.sector in _STATE or actor.sector is None
            else str(actor.sector))


def _target(m: Mention) -> ActorRef | None:
    """A mention's target, unless it is its perpetrator's own side named again (a parse
    slip: "Russian missiles hit Kyiv, Russia's ministry said" has no Russian target)."""
    if m.actor2 is not None and _side(m.actor2) is not None and \
            _side(m.actor2) == _side(m.actor1):
        return None
    return m.actor2


def _clash(m: Mention) -> bool:
    """An armed clash: both sides fire."""
    return "clash" in (m.acled_sub_event_type or "").lower()


def _battle(m: Mention) -> bool:
    """A battle (a clash, a town taken): two armed sides, either named as its target."""
    return m.acled_event_type == "Battles"


def _bystander(actor: ActorRef | None) -> bool:
    """Civilians, the press, aid agencies and the UN: hit by attacks, never their doers."""
    return actor is not None and (actor.sector in _BYSTANDERS or actor.country in {"IGO", "NGO"})


def _reversed(a: Mention, b: Mention) -> bool:
    """Who was hit in one report strikes in the other: a reprisal, not the same act (armed
    clashes, where both sides fire, excepted)."""
    if _clash(a) or _clash(b) or _bystander(b.actor1):
        return False  # an aid agency or a newspaper "doing" an attack is a parse slip
    target, doer = _side(_target(a)), _side(b.actor1)
    if _side(b.actor2) == doer:  # a report naming one side twice: its roles are a parse slip
        return False
    return target is not None and target == doer


_REPRISAL = re.compile(r"\b(?:in (?:response|retaliation|reprisal)|hit back|retaliat\w*|"
                       r"respond(?:s|ed|ing)? to)\b", re.IGNORECASE)


def _answers(a: Mention, b: Mention) -> bool:
    """One side's act told as an answer ("Turkish forces hit back") to an act whose doer is
    of another country: two acts, not two claims about one doer."""
    if not (a.actor1 and b.actor1 and a.actor1.country and b.actor1.country) or \
            a.actor1.country == b.actor1.country or _bystander(a.actor1) or _bystander(b.actor1):
        return False
    return bool(_REPRISAL.search(a.sentence or "")) and not _REPRISAL.search(b.sentence or "")


def actor_relation(a: Mention, b: Mention) -> float | None:
    """Target agreement; None when both targets of a hostile act are known and differ (in
    country, or state forces vs armed groups of one country), or when one report's target
    is the other's perpetrator (a reprisal).

    In a joint act (talks, deals, joint patrols) the parties are named in either order, so
    the pair of countries is compared as a set and a difference is no evidence of two
    happenings.
    """
    hostile = a.event_type in PERPETRATED_TYPES or b.event_type in PERPETRATED_TYPES
    if hostile and (_reversed(a, b) or _reversed(b, a) or _answers(a, b) or _answers(b, a)):
        return None
    if _battle(a) and _battle(b):  # both sides fight: who is named first is no evidence
        sa = {s for s in map(_side, (a.actor1, a.actor2)) if s}
        sb = {s for s in map(_side, (b.actor1, b.actor2)) if s}
        if sa & sb:
            return 1.0
        return None if len(sa) == 2 and len(sb) == 2 else 0.5
    if not hostile:
        pa = {x.country for x in (a.actor1, a.actor2) if x and x.country}
        pb = {x.country for x in (b.actor1, b.actor2) if x and x.country}
        if len(pa) == 2 and pa == pb:
            return 1.0
    ta, tb = (_target(a), _target(b)) if hostile else (a.actor2, b.actor2)
    ca = ta.country if ta else None
    cb = tb.country if tb else None
    if ta and tb and ca and cb:
        if ca != cb:
            if not hostile:
                return 0.5
            # foreign reporters or aid workers are hit where a local target is: no proof
            return 0.0 if {ta.sector, tb.sector} & _BYSTANDERS else None
        # rebels and the army of one country are different targets; its civilians, press
        # or government may be how another report names either
        sides = {_side(ta), _side(tb)}
        return None if hostile and {s[1] for s in sides if s} == {"state", "REB"} else 1.0
    return 0.5


def _toll_bounds(q: Quantity) -> tuple[float, float] | None:
    """The range a death toll allows: "at least"/"dozens" are open upwards, "up to" down to
    zero, "about N" a quarter either way."""
    if q.best is None and q.low is None and q.high is None:
        return None
    if q.low is None and q.high is None:
        return (q.best / TOLL_RATIO, q.best * TOLL_RATIO)  # type: ignore[operator]
    if q.high is None:
        return (float(q.low if q.low is not None else q.best), math.inf)  # type: ignore[arg-type]
    return (float(q.low if q.low is not None else 0), float(q.high))


def _count_gap(qa: Quantity | None, qb: Quantity | None) -> float | None:
    """How far apart two counts are: the higher one's floor over the lower one's ceiling
    (1 or less when their ranges overlap); None unless both are given and neither is a
    running total."""
    if qa is None or qb is None or qa.cumulative or qb.cumulative:
        return None
    ia, ib = _toll_bounds(qa), _toll_bounds(qb)
    if ia is None or ib is None:
        return None
    lo, hi = sorted((ia, ib))
    return hi[0] / max(1.0, lo[1])


def _count_match(qa: Quantity | None, qb: Quantity | None) -> float | None:
    """1 when two counts overlap or are close (33 and 34), 0.5 when they could be a first
    and a revised count (40 and 53), 0 when far apart (2 and 33)."""
    if (ratio := _count_gap(qa, qb)) is None:
        return None
    return 1.0 if ratio <= TOLL_RATIO else 0.5 if ratio <= TOLL_REVISED else 0.0


def tolls_conflict(a: Mention, b: Mention) -> bool:
    """Death tolls too far apart to be one count revised (two killed and "dozens"): the
    reports tell of different happenings, unless both name the same village or town (sides
    counting one massacre: 50, 131 and 272 dead at Kishishe)."""
    if (_count_gap(a.fatalities, b.fatalities) or 0.0) <= TOLL_APART:
        return False
    return not (_geo_level(a.location) == _geo_level(b.location) == "fine"
                and place_relation(a.location, b.location) == 1.0)


def toll_relation(a: Mention, b: Mention) -> float | None:
    """Casualty agreement, killed and wounded alike (soft: tolls get revised); None when
    the two reports share no count."""
    found = [x for x in (_count_match(a.fatalities, b.fatalities),
                         _count_match(a.wounded, b.wounded)) if x is not None]
    return sum(found) / len(found) if found else None


@lru_cache(maxsize=65536)
def normalize_outlet(name: str | None) -> str | None:
    """Outlet name → comparison key ("www.aljazeera.com" and "Al Jazeera" agree)."""
    if not name:
        return None
    s = name.lower().strip()
    s = re.sub(r"^https?://", "", s)
    s = re.sub(r"^www\.", "", s)
    s = s.split("/")[0] if "." in s.split("/")[0] else s
    s = re.sub(r"\.(com|org|net|co|uk|tr|ru|sy|info|news)\b", "", s)
    s = re.sub(r"^the\s+", "", s)
    s = re.sub(r"\b(english|online|news|newspaper|agency|daily)\b", "", s)
    s = re.sub(r"[^a-z0-9]+", "", s)
    return s or None


def _wires(m: Mention) -> set[str]:
    """Wire agencies a mention credits, in its attribution chain or its sentence."""
    found = {WIRES[_norm(x)] for x in m.attribution if _norm(x) in WIRES}
    found |= {WIRES[x.group(1).lower()] for x in _WIRE_RE.finditer(m.sentence or "")
              if x.group(1).lower() in WIRES and (x.group(1).isupper() or len(x.group(1)) > 3)}
    return found


def _shingles(text: str) -> set[str]:
    """Word bigrams of a sentence, for near-identity of wire copies."""
    words = _norm(text).split()
    return {" ".join(words[i : i + 2]) for i in range(max(1, len(words) - 1))}


def source_groups(mentions: Sequence[Mention]) -> list[list[Mention]]:
    """Partition mentions into independent sources: one outlet, or one wire copy."""
    parent = list(range(len(mentions)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    keys: dict[str, int] = {}
    for i, m in enumerate(mentions):
        key = normalize_outlet(m.outlet) or f"article:{m.article_id}"
        if key in keys:
            parent[find(i)] = find(keys[key])
        else:
            keys[key] = i
    shingles = [_shingles(m.sentence) for m in mentions]
    wires = [_wires(m) for m in mentions]
    for i in range(len(mentions)):
        for j in range(i + 1, len(mentions)):
            if not (wires[i] & wires[j]) or find(i) == find(j):
                continue
            a, b = shingles[i], shingles[j]
            if a and b and len(a & b) / len(a | b) >= 0.6:
                parent[find(j)] = find(i)
    groups: dict[int, list[Mention]] = defaultdict(list)
    for i, m in enumerate(mentions):
        groups[find(i)].append(m)
    return list(groups.values())


# ---------------------------------------------------------------- contradictions


def _claimable(m: Mention) -> bool:
    """Only statements about what happened are claims (not plans or hypotheticals)."""
    return m.modality in CLAIM_MODALITIES


def _claims(pairs: Iterable[tuple[object, Mention]]) -> list[Claim]:
    """Group (value, mention) pairs into claims, in first-seen order."""
    out: dict[object, Claim] = {}
    for value, m in pairs:
        c = out.setdefault(value, Claim(value=value))
        if m.article_id not in c.article_ids:
            c.article_ids.append(m.article_id)
        c.mention_ids.append(m.id)
        for who in m.attribution:
            if who not in c.attribution:
                c.attribution.append(who)
    return list(out.values())


@lru_cache(maxsize=4096)
def _speaker_country_of(name: str) -> str | None:
    """The country of a named speaker ("Defence Minister Hulusi Akar" → TUR), if known."""
    from sitroom.extract.actors import canonical_actor

    ref = canonical_actor(name)
    return ref.country if ref is not None else None


def _speaker_country(m: Mention) -> str | None:
    """Whose side the first speaker of a mention's attribution chain is on."""
    return _speaker_country_of(m.attribution[0]) if m.attribution else None


@lru_cache(maxsize=4096)
def _speaker_side_of(name: str) -> tuple[str, str] | None:
    """The side of a named speaker: its country and whether it is the state or a group."""
    from sitroom.extract.actors import canonical_actor

    return _side(canonical_actor(name))


ARMED_GROUPS = "armed groups"  # a target claim naming armed groups of no stated country
GROUPS_OF = " armed groups"  # "SDN armed groups": a country's armed groups, not its state


def side_name(value: str) -> str:
    """A perpetrator or target claim in words: "SDN" → "Sudan", "SDN armed groups" →
    "armed groups of Sudan", "not RUS" → "not Russia"."""
    from sitroom.extract.gazetteer import country_name

    negated = value.startswith("not ")
    code = value[4:] if negated else value
    groups = code.endswith(GROUPS_OF)
    code = code.removesuffix(GROUPS_OF)
    name = country_name(code) or code
    words = f"armed groups of {name}" if groups else name
    return f"not {words}" if negated else words


def _split_countries(actors: Iterable[ActorRef]) -> set[str]:
    """Countries whose state and whose armed groups are both named (a civil war): their
    groups are a side of their own in a claim ("SDN armed groups")."""
    kinds: dict[str, set[bool]] = defaultdict(set)
    for a in actors:
        if a.country:
            kinds[a.country].add(a.sector == "REB")
    return {c for c, k in kinds.items() if len(k) == 2}


def _side_value(a: ActorRef, split: set[str]) -> str:
    """An actor's side in a claim: its country, or its country's armed groups."""
    return f"{a.country}{GROUPS_OF}" if a.country in split and a.sector == "REB" \
        else str(a.country)


def _actor_claims(mentions: Sequence[Mention], role: str) -> Contradiction | None:
    """Perpetrator/target: countries differ, or a denial meets the claim it denies.

    A denial speaks to who did it, so it only yields a perpetrator claim ("not X"). A
    perpetrator named only by its own side ("HTS said its fighters took the town", "Akar
    said Turkish troops struck back") is a claim of its own act, not a rival account of
    another side's, so it disputes nothing unless someone else names it too.
    """
    told = []
    for m in mentions:
        actor = m.actor1 if role == "actor1" else _target(m)
        negative = m.modality in DENIALS
        if not _claimable(m) or actor is None or (negative and role == "actor2") or \
                (role == "actor1" and _bystander(actor)):
            continue  # an aid agency or a newspaper named as the doer is a parse slip
        told.append((actor, negative, m))
    # who did it, not whom it hit: in a battle both the state and its armed groups are hit
    split = _split_countries(a for a, _, _ in told) if role == "actor1" else set()
    pairs = []
    for actor, negative, m in told:
        if actor.country:
            value = _side_value(actor, split)
            pairs.append((f"not {value}" if negative else value, m))
        elif role == "actor2" and actor.sector == "REB":
            pairs.append((ARMED_GROUPS, m))  # "bombed armed groups", whoever's they are
    if any(m.actor2 and m.actor2.sector == "REB" and v != ARMED_GROUPS for v, m in pairs):
        pairs = [(v, m) for v, m in pairs if v != ARMED_GROUPS]  # maybe the same group, named
    values = {v for v, _ in pairs}
    positive = {v for v in values if not v.startswith("not ")}
    denied = {v[4:] for v in values if v.startswith("not ")}
    if role == "actor1":  # a side only ever named by itself claims its own act: no rival
        positive = {v for v in positive if any(val == v and not _own_side(m, v, split)
                                               for val, m in pairs)}
        # a state named beside the armed groups it backs fights with them: no rival
        patrons = {c for a, _, m in told if a.sector == "REB" for c in _patrons(m)}
        if positive - patrons:
            positive -= patrons
    if len(positive) > 1 or positive & denied:
        return Contradiction(field="perpetrator" if role == "actor1" else "target",
                             claims=_claims(pairs))
    return None


_BACKED = re.compile(r"\b(?:(\w+)-backed|backed by (?:the )?(\w+))", re.IGNORECASE)


def _patrons(m: Mention) -> set[str]:
    """Countries the sentence says back its armed groups ("Turkish-backed fighters",
    "rebel factions backed by Turkey")."""
    from sitroom.extract.actors import canonical_actor

    found = set()
    for hit in _BACKED.finditer(m.sentence or ""):
        ref = canonical_actor(hit.group(1) or hit.group(2))
        if ref is not None and ref.country and ref.sector in _STATE:
            found.add(ref.country)
    return found


def _own_side(m: Mention, value: str, split: set[str]) -> bool:
    """Whether the mention's first speaker is on the side a claim names: of its country,
    and, where the country's state and armed groups are named apart, of the same one."""
    speaker = _speaker_side_of(m.attribution[0]) if m.attribution else None
    country = value.removesuffix(GROUPS_OF)
    if speaker is None or speaker[0] != country:
        return False
    return country not in split or (speaker[1] == "REB") == value.endswith(GROUPS_OF)


TARGET_KIND_WORDS = {"civilian": "civilian sites", "infrastructure": "infrastructure",
                     "military": "military targets"}


def target_kind_label(kinds: Sequence[str]) -> str:
    """What one report says was hit, in words: "infrastructure and military targets"."""
    return " and ".join(TARGET_KIND_WORDS.get(k, k) for k in kinds)


def _target_kind_claims(mentions: Sequence[Mention]) -> Contradiction | None:
    """Military or not: one report says the attack hit military targets, another report,
    from a side not known to be the same speaker's, says it hit only civilian sites or
    infrastructure (a busy shopping centre vs hangars holding weapons)."""
    told = [m for m in mentions if m.target_kinds and _claimable(m) and m.modality not in DENIALS]
    military = [m for m in told if "military" in m.target_kinds]
    other = [m for m in told if "military" not in m.target_kinds]
    if not any(a.article_id != b.article_id and (
            _speaker_country(a) is None or _speaker_country(a) != _speaker_country(b))
            for a in military for b in other):
        return None
    return Contradiction(field="target",
                         claims=_claims((target_kind_label(m.target_kinds), m) for m in told))


def _best_value(q: Quantity) -> int | None:
    """One number for a figure: best, else low, else high."""
    return next((v for v in (q.best, q.low, q.high) if v is not None), None)


_VAGUE_TOLL = re.compile(r"\b(?:dozens|scores|hundreds|thousands|several|many|a dozen)\b",
                         re.IGNORECASE)


def _toll_value(q: Quantity) -> int | str:
    """A toll as a claim shows it: the number, or the word when the report gave only a vague
    one ("dozens", "hundreds"), since any one number would put words in its mouth."""
    vague = _VAGUE_TOLL.search(q.text or "")
    return vague.group(0).lower() if vague else _best_value(q) or 0


def latest_tolls(mentions: Sequence[Mention]) -> list[tuple[Mention, Quantity]]:
    """Each independent source's latest non-cumulative death toll (later reports refine)."""
    counted = [m for m in mentions if m.fatalities and not m.fatalities.cumulative
               and _claimable(m) and _best_value(m.fatalities) is not None]
    out = []
    for group in source_groups(counted) if counted else []:
        m = max(group, key=lambda m: (m.published or "", _best_value(m.fatalities) or 0, m.id))
        out.append((m, m.fatalities))
    return out


def _is_refinement(a: tuple[Mention, Quantity], b: tuple[Mention, Quantity]) -> bool:
    """A higher toll published at least two days after a lower one is an update."""
    (ma, qa), (mb, qb) = sorted((a, b), key=lambda t: _best_value(t[1]) or 0)
    da, db = _ordinal(ma.published), _ordinal(mb.published)
    return da is not None and db is not None and db - da >= 2


def _fatality_claims(mentions: Sequence[Mention]) -> Contradiction | None:
    """Independent, roughly simultaneous sources with non-overlapping tolls disagree."""
    tolls = latest_tolls(mentions)
    contest = _contest_claims(mentions)
    sides: set[int] = set()  # tolls in disagreement; a vague one ("dozens") fitting all is none
    for i in range(len(tolls)):
        for j in range(i + 1, len(tolls)):
            ia, ib = _toll_bounds(tolls[i][1]), _toll_bounds(tolls[j][1])
            if ia and ib and (ia[1] < ib[0] or ib[1] < ia[0]) \
                    and not _is_refinement(tolls[i], tolls[j]):
                sides |= {i, j}
    if not sides:
        return Contradiction(field="fatalities", claims=contest) if contest else \
            _toll_revision(mentions)
    tolls = [t for k, t in enumerate(tolls) if k in sides]
    tolls.sort(key=lambda t: (-(_best_value(t[1]) or 0), t[0].published or "", t[0].id))
    return Contradiction(field="fatalities",
                         claims=_claims((_toll_value(q), m) for m, q in tolls) + contest)


def _contest_claims(mentions: Sequence[Mention]) -> list[Claim]:
    """A figure its own report says others dispute: the speaker's figure and the doubters'
    answer ("far lower", "invented"), two claims resting on one sentence."""
    out: list[Claim] = []
    for m in mentions:
        if m.contested is None or not _claimable(m):
            continue
        c = m.contested
        out += [Claim(value=c.figure, article_ids=[m.article_id],
                      attribution=list(m.attribution), mention_ids=[m.id]),
                Claim(value=c.counter, article_ids=[m.article_id], attribution=list(c.by),
                      mention_ids=[m.id])]
    return out


def _toll_revision(mentions: Sequence[Mention]) -> Contradiction | None:
    """Tolls that changed as reports came in (nine dead, then ten; "more than 30", then 52),
    with no simultaneous disagreement: a revision, stored so readers see every figure and
    who gave it, first reported first."""
    told = sorted(((m, m.fatalities) for m in mentions if m.fatalities and _claimable(m)
                   and not m.fatalities.cumulative and _best_value(m.fatalities) is not None),
                  key=lambda t: (t[0].published or "9999", _best_value(t[1]) or 0, t[0].id))
    if len({_best_value(q) for _, q in told}) < 2:
        return None
    return Contradiction(field="fatalities", kind="revision",
                         claims=_claims((_toll_value(q), m) for m, q in told))


def _date_value(d: DateRef) -> str:
    """A date claim's value: "start/end" or the month-day when the year is unknown."""
    if d.start:
        return d.start if (d.end or d.start) == d.start else f"{d.start}/{d.end}"
    return d.month_day or ""


def _date_claims(mentions: Sequence[Mention]) -> Contradiction | None:
    """Dated mentions whose ranges do not overlap at all disagree on the date.

    A year-less day ("Feb 28", often an agency dateline: the day of the report) keeps a
    day's slack against full dates; full dates get none."""
    dated = [m for m in mentions if _claimable(m) and (m.date.start or m.date.month_day)]

    def apart(a: DateRef, b: DateRef) -> bool:
        # a year-less day given its year by inference keeps its slack
        a, b = (replace(d, start=None, end=None) if d.month_day else d for d in (a, b))
        if a.start and b.start:
            a, b = replace(a, precision="x"), replace(b, precision="x")
        return date_relation(a, b) is None

    conflict = any(apart(a.date, b.date) for i, a in enumerate(dated) for b in dated[i + 1 :])
    if not conflict:
        return None
    return Contradiction(field="date", claims=_claims((_date_value(m.date), m) for m in dated))


def _location_claims(mentions: Sequence[Mention]) -> Contradiction | None:
    """Places neither nested nor within 25 km of each other disagree on the location."""
    placed = [m for m in mentions if _claimable(m) and _geo_level(m.location) != "none"
              and m.event_type not in SPOKEN_TYPES]  # a deal's venue vs its subject: no dispute
    conflict = any(place_relation(a.location, b.location) is None
                   for i, a in enumerate(placed) for b in placed[i + 1 :])
    if not conflict:
        return None
    return Contradiction(field="location",
                         claims=_claims((m.location.name, m) for m in placed if m.location))


def _outcome_claims(mentions: Sequence[Mention]) -> Contradiction | None:
    """Different stated outcomes (completed vs cut short) disagree; so does an outcome
    denied ("not taken": the army denied the town had fallen) against the same one told."""
    pairs = [(f"not {m.outcome}" if m.modality in DENIALS else m.outcome, m)
             for m in mentions if _claimable(m) and m.outcome]
    if len({v for v, _ in pairs}) < 2:
        return None
    return Contradiction(field="outcome", claims=_claims(pairs))


def contradictions(mentions: Sequence[Mention]) -> list[Contradiction]:
    """Where the mentions of one event disagree: perpetrator, target, toll, outcome, date, place.

    Rules: perpetrator and target are only disputed for hostile acts (PERPETRATED_TYPES;
    not for agreements, talks or joint patrols, where both sides are actors by nature);
    only asserted/reported/claimed/denied/negated mentions are claims; a denial or
    negation of actor X is the claim value ``"not X"`` and contradicts a claim of X.
    Where a country's state and its armed groups are both named as doers (a civil war),
    the groups are a side of their own (``"SDN armed groups"``); aid agencies, the UN, the
    press and civilians are never doers. A target named as "armed groups" of no country
    disputes a state's forces named as the target. With no dispute over the target's
    country, the target is disputed when one report
    says the attack hit military targets and another only civilian sites or
    infrastructure (values in words, "civilian sites").
    Death tolls: each independent source contributes its latest non-cumulative figure;
    two figures disagree when the ranges they allow do not overlap ("dozens" and "at least
    N" are open upwards, "up to N" downwards), unless the higher one
    was published two or more days after the lower one (a refinement). Refined or
    differing tolls with no disagreement are stored as ``kind="revision"``: every figure
    and its source, none of them disputed. Running totals ("bringing the toll to 15")
    never take part.
    """
    ordered = sorted(mentions, key=_order_key)
    one_sided = [m for m in ordered if m.event_type in PERPETRATED_TYPES]
    found = [
        _actor_claims(one_sided, "actor1"),
        _actor_claims(one_sided, "actor2") or _target_kind_claims(one_sided),
        _fatality_claims(ordered),
        _outcome_claims(ordered),
        _date_claims(ordered),
        _location_claims(ordered),
    ]
    return [c for c in found if c is not None]


# ---------------------------------------------------------------- building events


def _majority(values: Iterable[tuple[object, float]]) -> object | None:
    """Most frequent non-None value; ties go to higher summed confidence, then smaller repr."""
    counts: Counter = Counter()
    conf: dict[object, float] = defaultdict(float)
    for v, c in values:
        if v is not None:
            counts[v] += 1
            conf[v] += c
    if not counts:
        return None
    return min(counts, key=lambda v: (-counts[v], -conf[v], repr(v)))


def _pick_actor(mentions: Sequence[Mention], role: str) -> ActorRef | None:
    """Majority actor for a role among claim-bearing mentions (denials excluded)."""
    pool = [m for m in mentions if getattr(m, role) and m.modality not in DENIALS]
    key = _majority(((getattr(m, role).name, getattr(m, role).country), m.confidence)
                    for m in pool)
    if key is None:
        return None
    return next(replace(getattr(m, role)) for m in pool
                if (getattr(m, role).name, getattr(m, role).country) == key)


def _pick_date(mentions: Sequence[Mention]) -> DateRef:
    """Most precise majority date; a year-less mention's date is anchored by a dated one."""
    dated = [m for m in mentions if date_range(m.date)]
    if not dated:
        md = _majority((m.date.month_day, m.confidence) for m in mentions)
        src = next((m for m in mentions if md and m.date.month_day == md), None)
        return replace(src.date) if src else DateRef()
    top = min(PRECISION_RANK.get(m.date.precision, 4) for m in dated)
    pool = [m for m in dated if PRECISION_RANK.get(m.date.precision, 4) == top]
    # a sentence that follows its article's act repeats that act's date: it is no new vote;
    # a year-less report ("on 15 April") votes for the full date on its day
    voters = [m for m in pool if not m.follows] or pool
    days = {m.date.start[4:]: (m.date.start, m.date.end) for m in pool if m.date.start}
    votes = [((m.date.start, m.date.end), m.confidence) for m in voters]
    votes += [(days[m.date.month_day[1:]], m.confidence) for m in mentions
              if not m.follows and not date_range(m.date) and m.date.month_day
              and m.date.month_day[1:] in days]
    key = _majority(votes)
    src = next(m for m in pool if (m.date.start, m.date.end) == key)
    out = replace(src.date, char_start=None, char_end=None)
    rng = date_range(out)
    days = set(_month_days((rng[0] - 1, rng[1] + 1))) if rng else set()
    if any((not date_range(m.date) and m.date.month_day in days) or m.date.anchored_by
           for m in mentions if m is not src):
        out.anchored_by = out.anchored_by or src.article_id
    return out


def _pick_location(mentions: Sequence[Mention]) -> PlaceRef | None:
    """Most precise place (a town beats admin1), majority name among the most precise."""
    placed = [m for m in mentions if m.location is not None]
    if not placed:
        return None
    top = min(GEO_RANK.get(m.location.precision or "country", 4) for m in placed)
    pool = [m for m in placed if GEO_RANK.get(m.location.precision or "country", 4) == top]
    key = _majority((_norm(m.location.name), m.confidence) for m in pool)
    src = next(m for m in pool if _norm(m.location.name) == key)
    return replace(src.location, text=None, start=None, end=None)


def event_fatalities(mentions: Sequence[Mention]) -> Quantity | None:
    """UCDP-style toll across sources, never summed, running totals excluded.

    Each independent source gives its latest figure; low = smallest figure, high = largest,
    best = the figure given by most sources (ties: the latest report, then the larger value).
    """
    tolls = latest_tolls(mentions)
    if not tolls:
        return None
    values = [(_best_value(q), m.published or "") for m, q in tolls]
    counts = Counter(v for v, _ in values)
    latest = {v: max(p for w, p in values if w == v) for v in counts}
    best = max(counts, key=lambda v: (counts[v], latest[v], v))
    return Quantity(kind="killed", low=min(counts), best=best, high=max(counts),
                    cumulative=False)


def _order_key(m: Mention) -> tuple:
    """Processing order: earliest publication first, then article and position."""
    return (m.published or "9999-99-99", m.article_id, m.start, m.id)


def build_event(event_id: str, mentions: Sequence[Mention]) -> Event:
    """Derive every event field from its mentions (majorities, most precise, UCDP tolls)."""
    ms = sorted(mentions, key=_order_key)
    etype = _majority((m.event_type, m.confidence) for m in ms)
    typed = [m for m in ms if m.event_type == etype]

    def pick(attr: str) -> object | None:
        return _majority((getattr(m, attr), m.confidence) for m in typed)

    groups = source_groups(ms)
    found = contradictions(ms)
    present = {m.modality for m in ms}
    modality = next((x for x in MODALITY_ORDER if x in present), ms[0].modality)
    miss = 1.0
    for g in groups:
        miss *= 1.0 - min(0.95, max(m.confidence for m in g))
    confidence = max(0.05, min(0.99, (1.0 - miss) * (1.0 - 0.1 * len(found))))
    published = sorted(m.published for m in ms if m.published)
    return Event(
        id=event_id,
        event_type=str(etype),
        mode=pick("mode"),
        cameo=pick("cameo"),
        acled_event_type=pick("acled_event_type"),
        acled_sub_event_type=pick("acled_sub_event_type"),
        actor1=_pick_actor(ms, "actor1"),
        actor2=_pick_actor(ms, "actor2"),
        date=_pick_date(ms),
        location=_pick_location(ms),
        fatalities=event_fatalities(ms),
        modality=modality,
        confidence=round(confidence, 3),
        n_sources=len(groups),
        first_reported=published[0] if published else None,
        last_reported=published[-1] if published else None,
        outcome=_majority((m.outcome, m.confidence) for m in ms if _claimable(m)),
        mention_ids=[m.id for m in ms],
        contradictions=found,
    )


def _pseudo_mention(e: Event) -> Mention:
    """Stand-in for an existing event whose mentions were not supplied."""
    return Mention(id=f"{e.id}#event", article_id=f"{e.id}#event", event_type=e.event_type,
                   actor1=e.actor1, actor2=e.actor2, location=e.location, date=e.date,
                   outlet=f"event:{e.id}", published=e.first_reported,
                   confidence=e.confidence)


# ---------------------------------------------------------------- blocking and clustering


def _place_keys(p: PlaceRef | None, query: bool) -> list[tuple]:
    """Place block keys to index a mention under, or to look candidates up in.

    A town is indexed in its 0.25° grid cell and looks up every cell its 25 km circle
    touches; towns are also members of their admin1 and country, which is where
    province- and country-level mentions look for them (and vice versa).
    """
    level = _geo_level(p)
    if level == "none":
        return [("none",)]
    assert p is not None
    c, a1 = p.country, _norm(p.admin1) or None
    if p.feature == UNRESOLVED:  # also met by its name, wherever its reports stand
        return [("u", skeleton(normalise(p.text or p.name)))] + _place_keys(
            replace(p, feature=None), query)
    if level == "fine":
        assert p.lat is not None and p.lon is not None
        if not query:
            gx, gy = int(math.floor(p.lon / GRID_DEG)), int(math.floor(p.lat / GRID_DEG))
            return [("g", gx, gy)] + ([("in_a", c, a1)] if a1 else []) + \
                ([("in_c", c)] if c else [])
        dlat = NEAR_KM / 111.0
        dlon = dlat / max(0.1, math.cos(math.radians(p.lat)))
        xs = range(int(math.floor((p.lon - dlon) / GRID_DEG)),
                   int(math.floor((p.lon + dlon) / GRID_DEG)) + 1)
        ys = range(int(math.floor((p.lat - dlat) / GRID_DEG)),
                   int(math.floor((p.lat + dlat) / GRID_DEG)) + 1)
        cells = [("g", x, y) for x in xs for y in ys]
        return cells + ([("a", c, a1)] if a1 else []) + ([("c", c)] if c else []) + [("none",)]
    if level == "admin1":
        if not query:
            return [("a", c, a1), ("in_c", c)]
        return [("in_a", c, a1), ("a", c, a1), ("c", c), ("none",)]
    if not query:
        return [("c", c)]
    return [("in_c", c), ("c", c), ("none",)]


def _time_keys(m: Mention, query: bool) -> list[object]:
    """Time block keys: day buckets over the (slackened) range, or "?" when undated.

    An undated mention of a dated article is blocked (not scored) as if it happened in the
    ``UNDATED_WINDOW`` days before publication: news reports tell of recent events.
    """
    d = m.date
    rng = date_range(d)
    s = _slack(d) if query else 0
    if not rng:
        pub = _ordinal(m.published)
        if pub is None:
            return ["?"]
        rng, s = (pub - UNDATED_WINDOW, pub), 0
    keys: list[object] = list(range((rng[0] - s) // BUCKET_DAYS, (rng[1] + s) // BUCKET_DAYS + 1))
    return keys + (["?"] if query else [])


def time_window(mentions: Iterable[Mention]) -> tuple[str, str] | None:
    """The ISO dates an existing event must touch to be a candidate for any of these
    mentions: their ranges (undated ones: the ``UNDATED_WINDOW`` days before publication),
    widened by a week for slack and for events whose reports drift by a day or two. None
    when one of them has neither a date nor a publication date: it may join an event of
    any time."""
    lo = hi = None
    for m in mentions:
        rng = date_range(m.date)
        if rng is None:
            pub = _ordinal(m.published)
            if pub is None:
                return None
            rng = (pub - UNDATED_WINDOW, pub)
        lo = rng[0] if lo is None else min(lo, rng[0])
        hi = rng[1] if hi is None else max(hi, rng[1])
    if lo is None or hi is None:
        return None
    return date.fromordinal(lo - 7).isoformat(), date.fromordinal(hi + 7).isoformat()


def _month_day_keys(m: Mention, fam: str, query: bool) -> list[tuple]:
    """Year-less dates meet short dated ranges on the same month-day, by country."""
    country = m.location.country if m.location and m.event_type not in SPOKEN_TYPES else None
    rng = date_range(m.date)
    if query:
        if rng or not m.date.month_day:
            return []
        days = [_shift_md(m.date.month_day, k) for k in (-1, 0, 1)]
        return [("md", fam, md, country or "*") for md in days]
    cells = [country, "*"] if country else ["*"]
    return [("md", fam, md, c) for md in (_month_days(rng) if rng else []) for c in cells]


def _is_fine(key: tuple) -> bool:
    """A day-bucket × grid-cell block: always searched in full, however busy."""
    return key[0] == "tp" and isinstance(key[2], int) and key[3][0] == "g"


def _cap(key: tuple) -> int:
    """How big a block may be before it is narrowed by salient words: the days of deals and
    talks (few, and often told with no place) get a larger allowance than the rest."""
    return DEAL_BLOCK_CAP if key[0] == "t" and key[1] == _family("AGREE") else BLOCK_CAP


def _article_keys(m: Mention, query: bool) -> list[tuple]:
    """Article neighbourhood: the same article, or publication within ±3 days."""
    keys: list[tuple] = [("art", m.article_id)]
    pub = _ordinal(m.published)
    if pub is not None:
        lo, hi = (pub - 3, pub + 3) if query else (pub, pub)
        keys += [("pub", k) for k in range(lo // BUCKET_DAYS, hi // BUCKET_DAYS + 1)]
    return keys


class _Fuser:
    """Greedy, order-deterministic clustering of mentions over the block index.

    Blocks: ``tp`` (time × place) for mentions with both; for mentions missing one of them,
    ``p`` (place, any time), ``t`` (time, anywhere) and ``a`` (article neighbourhood). A
    coarse block (anything but day bucket × grid cell) holding more than ``BLOCK_CAP``
    mentions is searched only through its sub-blocks keyed by the sentence's most salient
    TF-IDF terms, so the work per mention stays bounded as the data grows denser.
    """

    def __init__(self, mentions: list[Mention]) -> None:
        self.mentions = mentions
        texts = [m.sentence or "" for m in mentions]
        self.vecs: list[dict[int, float]] = [{} for _ in mentions]
        if any(t.strip() for t in texts):
            try:
                x = TfidfVectorizer(sublinear_tf=True, stop_words="english",
                                    dtype=np.float64).fit_transform(texts).tocsr()
            except ValueError:  # only stop words: no vocabulary
                x = None
            if x is not None:
                for i in range(len(mentions)):
                    lo, hi = x.indptr[i], x.indptr[i + 1]
                    self.vecs[i] = dict(zip(x.indices[lo:hi].tolist(), x.data[lo:hi].tolist(),
                                            strict=True))
        self.salient = [sorted(v, key=lambda t, v=v: (-v[t], t))[:SALIENT_TERMS]
                        for v in self.vecs]
        self.planted = [planted(m.sentence or "") for m in mentions]
        self.rng = [date_range(m.date) for m in mentions]
        self.pub = [_ordinal(m.published) for m in mentions]  # inferred for undated articles
        self.pub_source: list[str | None] = [None] * len(mentions)  # who dated the inference
        self.slack = [_slack(m.date) for m in mentions]
        self.lat = [m.location.lat if m.location and _geo_level(m.location) == "fine"
                    and m.location.feature != UNRESOLVED else None for m in mentions]
        self.cluster_of: list[int] = [-1] * len(mentions)
        self.stop = len(mentions)  # mentions from here on only follow (see ``follow``)
        self.clusters: list[list[int]] = []
        self.blocks: dict[tuple, list[int]] = defaultdict(list)

    def text_sim(self, i: int, j: int) -> float | None:
        """TF-IDF cosine of two mention sentences; None when either has no text."""
        a, b = self.vecs[i], self.vecs[j]
        if not a or not b:
            return None
        if len(a) > len(b):
            a, b = b, a
        return sum(w * b.get(t, 0.0) for t, w in a.items())

    def pair_score(self, i: int, j: int) -> float | None:
        """Weighted evidence that mentions i and j are one happening; None on hard conflict."""
        ra, rb, la, lb = self.rng[i], self.rng[j], self.lat[i], self.lat[j]
        if ra and rb:  # quick rejections before the full comparison
            s = max(self.slack[i], self.slack[j])
            if ra[0] - s > rb[1] or rb[0] - s > ra[1]:
                return None
        a, b = self.mentions[i], self.mentions[j]
        if a.article_id == b.article_id and a.event_type == b.event_type and a.sentence and \
                (a.start, a.sentence) == (b.start, b.sentence):
            return None  # one sentence's two acts ("struck them after they broke through")
        spoken = a.event_type in SPOKEN_TYPES and b.event_type in SPOKEN_TYPES
        if la is not None and lb is not None and abs(la - lb) > NEAR_KM / 110.0 and not spoken:
            return None
        typ = types_compatible(a.event_type, b.event_type)
        pa, pb = self.planted[i], self.planted[j]
        if typ is None or (pa is not None and pb is not None and pa != pb) or \
                _taken_vs_bombed(a, b):
            return None  # also a planted device and fired munitions: two blasts
        dat = date_relation(a.date, b.date)
        if dat is None:
            return None
        if (ra is None) != (rb is None):
            k = j if ra else i
            dat = _lag_score(self.mentions[k], self.pub[k], ra or rb, dat)  # type: ignore[arg-type]
            if dat is None:
                return None
        if dat == 0.2 and (_timeless(a, self.pub[i]) or _timeless(b, self.pub[j])):
            dat = 0.4  # no date, no publication date: weak, not absent, evidence
        plc = place_relation(a.location, b.location)
        if plc is None:
            if not spoken:
                return None
            plc = 0.0  # a deal's venue and the place it concerns
        act = actor_relation(a, b)
        if act is None or tolls_conflict(a, b):
            return None
        txt = self.text_sim(i, j)
        # One report retelling its event: same article, same type, nothing in conflict.
        retold = SAME_ARTICLE if a.article_id == b.article_id and typ == 1.0 else 0.0
        if self._unknown(a) or self._unknown(b):  # only words to go on: near-identical wording
            return max(retold, 1.0 if txt is not None and txt >= 0.6 else 0.0)
        if txt is not None:  # paraphrases of one happening rarely pass a cosine of 0.3
            txt = min(1.0, txt / TEXT_FULL)
        parts = {"date": dat, "place": plc, "type": typ, "actor": act, "text": txt,
                 "toll": toll_relation(a, b)}
        total = sum(WEIGHTS[k] for k, v in parts.items() if v is not None)
        return max(retold, sum(WEIGHTS[k] * v for k, v in parts.items() if v is not None) / total)

    @staticmethod
    def _unknown(m: Mention) -> bool:
        """Neither a usable date (nor a publication day) nor a usable place."""
        return date_range(m.date) is None and not m.date.month_day and not m.published and \
            _geo_level(m.location) == "none"

    def _keys(self, i: int, query: bool) -> list[tuple]:
        """Every block key of mention i (without salient words), for indexing or lookup."""
        m = self.mentions[i]
        fam = _family(m.event_type)
        tkeys, pkeys = _time_keys(m, query), _place_keys(m.location, query)
        dated, placed = tkeys != ["?"], pkeys != [("none",)]
        keys = []
        if (dated and placed) or (not query and (dated or placed)):
            keys += [("tp", fam, t, p) for t in tkeys for p in pkeys]
        if placed and (not query or not dated):
            keys += [("p", fam, p) for p in pkeys]
        if dated and (not query or not placed or m.event_type in SPOKEN_TYPES):
            keys += [("t", fam, t) for t in tkeys]  # talks and deals: wherever they were held
        if not query or self._unknown(m):
            keys += [("a", fam, k) for k in _article_keys(m, query)]
        return keys + _month_day_keys(m, fam, query)

    def candidates(self, i: int) -> set[int]:
        """Earlier mentions sharing a block with mention i; big blocks narrowed by words."""
        out: set[int] = set()
        for key in self._keys(i, True):
            block = self.blocks.get(key, ())
            if len(block) <= _cap(key) or _is_fine(key):
                out.update(block)
            else:  # the most recent reports sharing each salient word: bounded work
                for w in self.salient[i]:
                    out.update(self.blocks.get((*key, w), ())[-SUB_CAP:])
        return out

    def add_to_index(self, i: int) -> None:
        """Register mention i in its blocks; a block outgrowing BLOCK_CAP splits by words."""
        for key in self._keys(i, False):
            block = self.blocks[key]
            block.append(i)
            if len(block) > BLOCK_CAP and not _is_fine(key):
                for j in block if len(block) == BLOCK_CAP + 1 else (i,):
                    for w in self.salient[j]:
                        self.blocks[(*key, w)].append(j)

    def assign(self, i: int) -> None:
        """Put mention i into its best-scoring candidate cluster, or a new cluster."""
        best, best_score = -1, THRESHOLD - 1e-9
        for cid in sorted({self.cluster_of[j] for j in self.candidates(i)}):
            # the whole cluster (up to a cap), not only the members met in the blocks: an
            # undated or unplaced member must not bridge two different happenings
            score = self.link([i], self.clusters[cid])
            if score is not None and score > best_score:
                best, best_score = cid, score  # clusters in creation order: earliest wins a tie
        if best < 0:
            best = self._new_cluster()
        self.clusters[best].append(i)
        self.cluster_of[i] = best
        self.add_to_index(i)

    def _new_cluster(self) -> int:
        """Open an empty cluster and return its index."""
        self.clusters.append([])
        return len(self.clusters) - 1

    def link(self, a: list[int], b: list[int], *, retold: bool = True) -> float | None:
        """Score of joining two clusters (their first ``MEMBER_CAP`` members each), None when
        any pair is in conflict: part mean, part best pair; a pair retold by one article
        counts in full, so an article's vague sentences follow its lead."""
        scores, same = [], 0.0
        for i in a[:MEMBER_CAP]:
            own = self.mentions[i].article_id
            for j in b[:MEMBER_CAP]:
                if (pair := self.pair_score(i, j)) is None:
                    return None
                scores.append(pair)
                if retold and self.mentions[j].article_id == own:
                    same = max(same, pair)
            for j in b[MEMBER_CAP:] if retold else ():  # the article's own sentences, however late
                if self.mentions[j].article_id == own:
                    if (pair := self.pair_score(i, j)) is None:
                        return None
                    same = max(same, pair)
        mixed = LINK_MEAN * sum(scores) / len(scores) + (1 - LINK_MEAN) * max(scores)
        return max(mixed, same)

    def adopt_pass(self, first: int) -> None:
        """A new mention still alone at the end joins the event its own article tells of
        with other reports (its retold act), when nothing conflicts: blocks narrowed by
        words may never have shown it its article's other sentences."""
        by_article: dict[str, list[int]] = defaultdict(list)
        for i in range(first, self.stop):
            by_article[self.mentions[i].article_id].append(i)
        for i in range(first, self.stop):
            if len(self.clusters[self.cluster_of[i]]) != 1:
                continue
            fam = _family(self.mentions[i].event_type)
            best, best_key = -1, (THRESHOLD - 1e-9, -math.inf)
            own, at = self.mentions[i].article_id, self.mentions[i].start or 0
            for cid in sorted({self.cluster_of[j] for j in by_article[own]
                               if j != i and _family(self.mentions[j].event_type) == fam}):
                if all(self.mentions[j].article_id == own for j in self.clusters[cid]):
                    continue  # only an event other reports tell too: no cluster of asides
                score = self.link([i], self.clusters[cid])
                # as good a fit: the act its report told nearest to it (the sentence before)
                near = min((at - (self.mentions[j].start or 0) for j in self.clusters[cid]
                            if self.mentions[j].article_id == own
                            and (self.mentions[j].start or 0) < at), default=math.inf)
                if score is not None and (score, -near) > best_key and \
                        not self._adds_dispute(i, cid):
                    best, best_key = cid, (score, -near)
            if best >= 0:
                self.clusters[self.cluster_of[i]].remove(i)
                self.clusters[best].append(i)
                self.cluster_of[i] = best

    def _adds_dispute(self, i: int, cid: int) -> bool:
        """Would mention i bring cluster ``cid`` a dispute it does not have? An aside taken
        in for want of a better home must not be what makes its reports disagree."""
        ms = [self.mentions[j] for j in self.clusters[cid]]
        before = {c.field for c in contradictions(ms)}
        return bool({c.field for c in contradictions([*ms, self.mentions[i]])} - before)

    def reassign_pass(self, first: int) -> None:
        """Move each new mention (index ``first`` on) to a cluster it now fits clearly better
        than its own: clusters seen later can outbid the one its early arrival forced. Only
        other articles' reports count here, so an article does not drag its own sentences."""
        for i in range(first, self.stop):
            own = self.cluster_of[i]
            rest = [j for j in self.clusters[own] if j != i]
            here = self.link([i], rest, retold=False) if rest else THRESHOLD
            # in conflict with its own cluster (a date learnt since): it must go, to its
            # article's other sentences if they fit, else alone
            best, best_score = (own, here + MOVE_MARGIN) if here is not None else \
                (-1, THRESHOLD - 1e-9)
            for cid in sorted({self.cluster_of[j] for j in self.candidates(i)} - {own}):
                score = self.link([i], self.clusters[cid], retold=here is None)
                if score is not None and score > best_score:
                    best, best_score = cid, score
            if best < 0:
                best = self._new_cluster()
            if best != own:
                self.clusters[own].remove(i)
                self.clusters[best].append(i)
                self.cluster_of[i] = best

    def infer_publication(self, first: int) -> bool:
        """Date an undated article (no publication date, no dated sentence) by the events
        its sentences joined: the date most of them point to. Returns whether any was set.

        A report cannot tell of an event that began after it was published, so its
        sentences that were drawn to a later event are then pulled back out. Of two days
        with as many votes, the one its earliest sentence (the lead) points to is taken.
        Its relative dates ("last week") are then read against that day."""
        by_article: dict[str, list[int]] = defaultdict(list)
        for i in range(first, len(self.mentions)):  # followers, not yet placed, only take it
            by_article[self.mentions[i].article_id].append(i)
        changed = False
        for article, members in by_article.items():
            if any(self.pub[i] is not None or self.rng[i] for i in members):
                continue
            votes: Counter[int] = Counter()
            source: dict[int, str] = {}  # a day voted for → an article dated that day
            for i in members:
                if i >= self.stop:
                    continue
                ends = sorted((self.rng[j][1], self.mentions[j].article_id)
                              for j in self.clusters[self.cluster_of[i]]
                              if self.rng[j] and self.mentions[j].article_id != article)
                if ends:
                    day, by = ends[len(ends) // 2]
                    votes[day] += 1
                    source.setdefault(day, by)
            if votes:
                first = {d: k for k, d in enumerate(source)}  # in the article's order
                voted = max(votes, key=lambda d: (votes[d], -first[d]))
                day = self._dateline_day(members, voted)
                for i in members:
                    self.pub[i] = day
                    self.pub_source[i] = source[voted]
                    self._date_relative(i)
                changed = True
        return changed

    def _dateline_day(self, members: list[int], day: int) -> int:
        """The day an article dated by its events (``day``) was written: a year-less day it
        names up to ``DATELINE_LAG`` days later ("HATAY, Feb 28" over a strike on the 27th)
        is its dateline, the latest such day."""
        year = date.fromordinal(day).year
        later = []
        for i in members:
            if md := self.mentions[i].date.month_day:
                with suppress(ValueError):
                    if day < (d := date(year, int(md[2:4]), int(md[5:7])).toordinal()) <= \
                            day + DATELINE_LAG:
                        later.append(d)
        return max(later, default=day)

    def _date_relative(self, i: int) -> None:
        """Resolve a relative or year-less date ("last week", "in late February") against
        the article's newly inferred publication day (weekdays and month-days are resolved
        by ``anchored``: they are matched as they stand)."""
        m, pub = self.mentions[i], self.pub[i]
        if pub is None or not awaits_anchor(m.date):
            return
        anchor = date.fromordinal(pub).isoformat()
        ref = resolve(m.date.text, anchor)
        if ref.start:
            self.mentions[i] = replace(m, date=replace(
                ref, anchored_by=self.pub_source[i], char_start=m.date.char_start,
                char_end=m.date.char_end))
            self.rng[i], self.slack[i] = date_range(ref), _slack(ref)

    def anchored(self, i: int) -> Mention:
        """Mention i with a year-less date ("March 1", "on Sunday") resolved against its
        article's inferred publication day, so its event gets a full date."""
        m, pub = self.mentions[i], self.pub[i]
        if pub is None or m.published or m.date.start:
            return m
        latest = date.fromordinal(pub + 1)  # a day's slack for time zones
        day: date | None = None
        if m.date.month_day:
            month, dom = int(m.date.month_day[2:4]), int(m.date.month_day[5:7])
            for year in (latest.year, latest.year - 1):
                with suppress(ValueError):
                    if (d := date(year, month, dom)) <= latest:
                        day = d
                        break
        elif (wd := weekday_of(m.date)) is not None:
            day = latest - timedelta(days=(latest.weekday() - wd) % 7)
        if day is None:
            return m
        return replace(m, date=replace(m.date, start=day.isoformat(), end=day.isoformat(),
                                       precision="day", anchor=date.fromordinal(pub).isoformat(),
                                       anchored_by=self.pub_source[i]))

    def merge_pass(self, n_seeds: int) -> None:
        """Join clusters that greedy, one-mention-at-a-time assignment left apart (an early
        report that only a later one bridges); two existing events are never joined."""
        alive = [bool(c) for c in self.clusters]
        for cid in range(len(self.clusters)):
            if not alive[cid]:
                continue
            while True:
                best, best_score = -1, THRESHOLD - 1e-9
                for other in sorted(self._near(cid)):
                    if not alive[other] or (cid < n_seeds and other < n_seeds):
                        continue
                    score = self.link(self.clusters[cid], self.clusters[other])
                    if score is not None and score > best_score:
                        best, best_score = other, score
                if best < 0:
                    break
                keep, gone = min(cid, best), max(cid, best)
                self._join(keep, gone)
                alive[gone] = False
                if keep != cid:
                    break

    def lone_merge_pass(self, n_seeds: int) -> None:
        """Join clusters whose links reach only ``LOW_THRESHOLD`` when they are each other's
        only plausible matches (a pair, or a group in which every one finds exactly the
        others plausible): in a quiet neighbourhood weaker evidence suffices, where
        several happenings compete it cannot tell them apart."""
        seen: dict[int, set[int]] = {}  # plausible matches, valid until the next join

        def plausible(cid: int) -> set[int]:
            if cid not in seen:
                seen[cid] = {other for other in self._near(cid)
                             if self.clusters[other] and not (cid < n_seeds and other < n_seeds)
                             and (self.link(self.clusters[cid], self.clusters[other]) or 0.0)
                             >= LOW_THRESHOLD}
            return seen[cid]

        def dated(cid: int) -> bool:  # a date, or its report's, to check the match by
            return any(self.rng[i] is not None or self.pub[i] is not None
                       for i in self.clusters[cid])

        for cid in range(len(self.clusters)):
            if not self.clusters[cid] or not dated(cid):
                continue
            mine = plausible(cid)
            group = mine | {cid}
            # each other's only plausible matches: a pair, or a group all plausible together
            if not mine or any(not dated(o) or plausible(o) | {o} != group for o in mine) or \
                    not any(self._worded(cid, o) for o in mine):
                continue
            keep = min(group)
            for other in sorted(group - {keep}):
                self._join(keep, other)
            seen.clear()

    def _worded(self, a: int, b: int) -> bool:
        """Do two clusters share wording: some pair of their sentences with a TF-IDF cosine
        of at least ``LONE_TEXT`` (shared names or words, not only shared circumstances)?"""
        return any((self.text_sim(i, j) or 0.0) >= LONE_TEXT
                   for i in self.clusters[a][:MEMBER_CAP] for j in self.clusters[b][:MEMBER_CAP])

    def _near(self, cid: int) -> set[int]:
        """Other clusters sharing a block with a member of cluster ``cid``."""
        return {self.cluster_of[j] for i in self.clusters[cid]
                for j in self.candidates(i)} - {cid}

    def _join(self, keep: int, gone: int) -> None:
        """Move every member of cluster ``gone`` into cluster ``keep``."""
        for i in self.clusters[gone]:
            self.cluster_of[i] = keep
        self.clusters[keep].extend(self.clusters[gone])
        self.clusters[gone] = []

    def follow(self, i: int, lead: int | None) -> None:
        """A supporting sentence joins the event of the act it reports on (pool index
        ``lead``), unless they conflict; it never bridges two events."""
        cid = self.cluster_of[lead] if lead is not None else -1
        if cid >= 0 and self.link([i], self.clusters[cid]) is None:
            # a place that alone sets it apart is where the count was taken ("the wounded
            # were treated in hospitals in Hatay"), not where the act was: it is dropped
            m, lat = self.mentions[i], self.lat[i]
            self.mentions[i], self.lat[i] = replace(m, location=None), None
            if self.link([i], self.clusters[cid]) is None:
                self.mentions[i], self.lat[i] = m, lat
                cid = -1
        if cid < 0:
            cid = self._new_cluster()
        self.clusters[cid].append(i)
        self.cluster_of[i] = cid

    def seed(self, members: list[int]) -> None:
        """Start a cluster from an existing event's mentions."""
        cid = len(self.clusters)
        self.clusters.append(list(members))
        for i in members:
            self.cluster_of[i] = cid
            self.add_to_index(i)


def fuse(
    mentions: Sequence[Mention],
    existing: Sequence[Event] = (),
    *,
    existing_mentions: Mapping[str, Mention] | None = None,
) -> FusionResult:
    """Group mentions into events; existing events keep their ids and their mentions.

    An existing event whose mentions are neither in ``existing_mentions`` nor in
    ``mentions`` is compared through its own fields (a stand-in mention).
    """
    known = {m.id: m for m in mentions} | dict(existing_mentions or {})
    pool: list[Mention] = []
    seeds: list[tuple[Event, list[int]]] = []
    taken: dict[str, str] = {}
    for e in existing:
        idx = []
        for mid in e.mention_ids:
            if mid in known and mid not in taken:  # already fused: stays where it is
                taken[mid] = e.id
                idx.append(len(pool))
                pool.append(known[mid])
        if not idx:
            idx.append(len(pool))
            pool.append(_pseudo_mention(e))
        seeds.append((e, idx))
    n_seeded = len(pool)
    fresh: dict[str, Mention] = {}
    for m in mentions:
        if m.id not in taken:
            fresh.setdefault(m.id, m)
    ordered = sorted(fresh.values(), key=_order_key)
    pool.extend(m for m in ordered if not m.follows)
    n_acts = len(pool)
    pool.extend(m for m in ordered if m.follows)
    where = {m.id: k for k, m in enumerate(pool)}

    fuser = _Fuser(pool)
    fuser.stop = n_acts
    for _, idx in seeds:
        fuser.seed(idx)
    for i in range(n_seeded, n_acts):
        fuser.assign(i)
    fuser.merge_pass(len(seeds))
    fuser.lone_merge_pass(len(seeds))
    fuser.reassign_pass(n_seeded)
    if fuser.infer_publication(0):  # old events too: their year-less dates stay anchored
        fuser.reassign_pass(n_seeded)
        fuser.merge_pass(len(seeds))  # the newly dated may now join what they could not
        fuser.lone_merge_pass(len(seeds))  # ... or be a lone match
    fuser.adopt_pass(n_seeded)
    for i in range(n_acts, len(pool)):
        fuser.follow(i, where.get(pool[i].follows or ""))

    events: list[Event] = []
    assignments: dict[str, str] = {}
    for cid, members in enumerate(fuser.clusters):
        if not members:
            continue
        ms = [fuser.anchored(i) for i in members]
        if cid < len(seeds):
            old = seeds[cid][0]
            if all(i < n_seeded for i in members):
                event = old
            else:
                event = build_event(old.id, ms)
                pseudo = f"{old.id}#event"
                if pseudo in event.mention_ids:
                    rest = [x for x in event.mention_ids if x != pseudo]
                    event.mention_ids = list(old.mention_ids) + [
                        x for x in rest if x not in old.mention_ids]
        else:
            event = build_event(stable_id("evt", ms[0].id), ms)
        for mid in event.mention_ids:
            assignments[mid] = event.id
        events.append(event)
    events.sort(key=lambda e: (e.date.start or "9999", e.first_reported or "9999", e.id))
    return FusionResult(events=events, assignments=assignments)
