"""Places: toponyms in a parsed doc → resolved PlaceRefs, and the event location of a sentence.

Recognition takes the model's GPE/LOC/FAC entities (helped by :func:`ruler_patterns` for
names the stock model mislabels) plus capitalised names the model missed that the
gazetteer knows well. Resolution ranks gazetteer candidates by size, feature type, the
countries and first-level divisions the document talks about, and distance to the
document's unambiguous places.
"""

from __future__ import annotations

import calendar
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

import yaml
from spacy.tokens import Doc, Span, Token

from sitroom.extract.gazetteer import (
    SUPPLEMENT,
    Entry,
    get_gazetteer,
    haversine_km,
    normalise,
)
from sitroom.nlp import doc_text
from sitroom.records import PlaceRef

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_ADMIN1_WORDS = frozenset({"province", "governorate", "region", "state", "oblast", "prefecture",
                           "provinces", "countryside"})
_ADMIN2_WORDS = frozenset({"county", "district", "parish", "borough"})
_LOCATIVE = frozenset({"in", "at", "near", "on", "outside", "inside", "around", "across", "into",
                       "through", "throughout", "between", "along", "within", "toward", "towards",
                       "over", "onto", "via", "off", "beyond", "past", "among"})
# prepositions that make a country or capital a location rather than its government:
# "in Ankara" is a place, "called on Ankara" or "talks between Ankara and Moscow" are not
_GOV_LOCATIVE = frozenset({"in", "at", "near", "outside", "inside", "around", "across",
                           "into", "throughout", "within", "over", "toward", "towards"})
_DATELINE = re.compile(
    r"(?:report(?:s|ed|ing)?|speak(?:s|ing)?|writ(?:es|ing)|said|says)\s+from\s+$", re.IGNORECASE)
_ORIGIN = frozenset({"from"})
# an unknown name right before a weapon noun is the weapon's ("Kalibr cruise missiles")
_WEAPON_AFTER = re.compile(r"\s+(?:[a-z-]+\s+)?(?:missiles?|rockets?|drones?)\b")
# an agency dateline: a name in capitals opening a line or following a headline's full stop,
# then ", State." / ", April 5" / " (Agency)" / " - " / ": " ("SALINA, Kan. Strong winds")
_DATELINE_AT = re.compile(
    r"(?:^|(?<=[.!?\"”)\d] ))([A-Z][A-Z'’.]+(?:[ -][A-Z][A-Z'’.]+){0,3})"
    r"(?=,\s+[A-Z]|\s\([A-Z][\w.-]*(?: [\w.-]+)?\)|\s*[–—\x97]|\s+--?\s*[A-Z]"
    r"|(?P<colon>:)\s+[A-Z])", re.MULTILINE)
_LABEL_BY_FEATURE = {"road": "FAC", "crossing": "FAC", "airport": "FAC", "region": "LOC",
                     "sea": "LOC", "ocean": "LOC", "river": "LOC", "island": "LOC"}
# ranking weights: country share of the document, national capital, nearness to anchors
W_SHARE, W_CAPITAL, W_NEAR = 3.0, 1.5, 1.0
W_DIVISION = 0.75  # per other name (up to two) the first pass placed in the same admin1
# per other name with a candidate in the same admin1, shared among that name's admin1s
W_SUPPORT = 0.75
# entity labels the small model puts on place names, and the population a place needs
# before such an entity is taken as that place
_MISLABELS = {"ORG": 20000, "PERSON": 100000, "NORP": 100000, "WORK_OF_ART": 20000,
              "PRODUCT": 20000}
UNRESOLVED = "unresolved"  # a name the gazetteer lacks, placed at its document's main place
_SETTLEMENTS = frozenset({"town", "city", "village", "port", "outskirts", "suburb"})
_SITE_NOUNS = frozenset({"detention", "airport", "hospital", "market", "camp", "port", "refinery",
                         "base", "airbase", "prison", "district"})
# day and month names the model sometimes tags as places ("Tripoli in January")
_TIME_WORDS = frozenset(n.lower() for n in (*calendar.day_name, *calendar.month_name) if n)
_ASSAULT_NOUNS = frozenset({"attack", "assault", "offensive", "advance", "push", "march", "raid",
                            "strike", "bombardment", "shelling", "siege"})
_SLOT_PREPS = frozenset({"in", "into", "at", "near", "outside", "around", "toward", "towards"})
_ENTRY_VERBS = frozenset({"enter", "capture", "seize", "recapture", "retake", "liberate",
                          "storm", "reach"})
VARIANT_MIN_POP = 10000  # a spelling variant outside any entity must name a sizeable town
_NOT_PLACES = frozenset({"PERSON", "NORP", "ORG", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT"})
_RANK = {"exact": 0, "town": 1, "admin2": 2, "admin1": 3, "country": 4}
_BROAD = frozenset({"country", "continent", "sea", "ocean"})
_FEATURES = frozenset({"river", "island", "landmark", "sea"})


def ruler_patterns() -> list[dict]:
    """EntityRuler patterns for the supplement's places (and their spellings)."""
    data = yaml.safe_load(SUPPLEMENT.read_text(encoding="utf-8"))
    patterns: list[dict] = []
    seen: set[str] = set()
    for place in data.get("places", []):
        if not place.get("cc") or place.get("feature") == "landmark":
            continue  # "the White House said": a landmark's name mostly stands for its occupant
        label = _LABEL_BY_FEATURE.get(place.get("feature", "town"), "GPE")
        for name in [place["name"], *place.get("names", [])]:
            for variant in _spellings(name):
                if variant.lower() not in seen:
                    seen.add(variant.lower())
                    patterns.append({"label": label, "pattern": variant, "id": place["name"]})
    for name in data.get("ruler_names", []):
        for variant in _spellings(name):
            if variant.lower() not in seen:
                seen.add(variant.lower())
                patterns.append({"label": "GPE", "pattern": variant, "id": name})
    return patterns


def _spellings(name: str) -> list[str]:
    """A name with and without an Arabic article prefix (al-Nayrab / Nayrab / el-Nayrab)."""
    m = re.match(r"^(?:al|el|Al|El)[- ](.+)$", name)
    core = m.group(1) if m else name
    if " " in core or not core[:1].isupper():
        return [name, core] if m else [name]
    return [core, f"al-{core}", f"el-{core}", f"Al-{core}"]


@dataclass
class _Mention:
    """A toponym span and what we know of it before resolution."""

    start: int
    end: int
    text: str
    hint: str | None = None  # admin1 | admin2 | None
    candidates: list[tuple[Entry, bool]] = field(default_factory=list)
    best: Entry | None = None
    fuzzy: bool = False  # candidates came from the spelling-tolerant index
    inherited: bool = False  # best is the document's main place, not this name's own entry
    variant: bool = False  # found only as a spelling variant in a place slot, not as an entity

    @property
    def key(self) -> str:
        """The name as the context counts it: repeats of a name share one vote."""
        return normalise(self.text)


def _strip_article(doc_text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading 'the ' and a trailing possessive from a span."""
    text = doc_text[start:end]
    if text.lower().startswith("the "):
        start += 4
    if text.endswith(("'s", "’s")):
        end -= 2
    elif text.endswith(("'", "’")):
        end -= 1
    return start, end


def _admin_hint(text: str, start: int, end: int) -> str | None:
    """'Idlib province' / 'province of Idlib' → admin1; 'X County' → admin2; else None."""
    words = text[start:end].split()
    last = words[-1].lower() if len(words) > 1 else ""
    after = re.match(r"\s+([A-Za-z]+)", text[end : end + 20])
    for word in (last, after.group(1).lower() if after else ""):
        if word in _ADMIN1_WORDS:
            return "admin1"
        if word in _ADMIN2_WORDS:
            return "admin2"
    before = re.search(r"([A-Za-z]+)\s+of\s+(?:the\s+)?$", text[max(0, start - 30) : start])
    if before and before.group(1).lower() in _ADMIN1_WORDS:
        return "admin1"
    return None


def _abbreviation(text: str) -> bool:
    """A two- or three-letter word in capitals ('UN', 'OAS', 'US'): an abbreviation."""
    return 2 <= len(text) <= 3 and text.isalpha() and text.isupper()


def _exact(text: str) -> list[tuple[Entry, bool]]:
    """Exact-name candidates; an abbreviation names only places our curated data lists under
    it (US, UAE, DRC, EU), never a town whose name folds to the same letters (UN is not Un,
    India; OAS is not Oas, Philippines)."""
    cands = get_gazetteer().lookup(text, fuzzy=False)
    return [(e, p) for e, p in cands if e.curated] if _abbreviation(text) else cands


def _lookup(text: str, *, demonyms: bool = False) -> tuple[list[tuple[Entry, bool]], bool]:
    """Candidates for a surface form (also without admin words), and whether only fuzzily."""
    gaz = get_gazetteer()
    if demonyms and (country := gaz.demonym(text)) is not None:
        return [(country, True)], False
    cands = _exact(text)
    if cands or _abbreviation(text):
        return cands, False
    words = text.split()
    if len(words) > 1 and words[-1].lower() in _ADMIN1_WORDS | _ADMIN2_WORDS | {"city", "town"}:
        cands = gaz.lookup(" ".join(words[:-1]), fuzzy=False)
        if cands:
            return cands, False
    cands = gaz.lookup(text, fuzzy=True)
    return cands, bool(cands)


def _prior(entry: Entry, primary: bool, m: _Mention) -> float:
    """Context-free score: size, feature type, curated data, name quality, admin hints."""
    hint = m.hint
    if entry.feature == "admin1" and hint != "admin1" and _same_name_city(entry, m.candidates):
        return math.log10(entry.population + 1) * 0.8 - 1.5
    score = math.log10(entry.population + 1) * 0.8
    if entry.feature in ("country", "continent"):
        score += 4.0
    elif entry.curated and not entry.cc:
        score += 9.0  # seas, oceans and world regions outrank villages named after them
    elif entry.feature == "admin1":
        score += 1.5
    elif entry.curated and entry.feature in _FEATURES:
        score += 4.0  # a named river, island or landmark outranks a small town of that name
    if entry.capital:
        score += W_CAPITAL
    if entry.curated:
        score += 0.5
    if not primary:
        score -= 1.5
    if hint == "admin1":
        if entry.feature == "admin1":
            score += 3.0
        elif entry.feature in ("city", "town", "village"):
            score -= 1.0
    elif hint == "admin2":
        score += 3.0 if entry.feature == "admin2" else -3.0 if entry.feature in (
            "country", "admin1") else 0.0
    return score


def _same_name_city(entry: Entry, cands: list[tuple[Entry, bool]]) -> bool:
    """An admin1 sharing its name with a sizeable city in the same country (Idlib, New York)."""
    floor = max(10000, entry.population // 10)  # a city of note within its division
    return any(e.feature == "city" and e.cc == entry.cc and e.population >= floor
               and (p or e.population >= 100000) for e, p in cands)


@dataclass
class _Context:
    """What the document tells us about where it is: countries, admin1s, anchor points."""

    countries: Counter = field(default_factory=Counter)
    explicit: Counter = field(default_factory=Counter)
    own: dict[str, tuple[str, bool]] = field(default_factory=dict)  # name → (cc, explicit)
    admin1s: set[tuple[str, str]] = field(default_factory=set)
    divisions: Counter = field(default_factory=Counter)  # (cc, admin1) → distinct names in it
    own_division: dict[str, tuple[str, str]] = field(default_factory=dict)
    support: Counter = field(default_factory=Counter)  # (cc, admin1) → names that could be in it
    own_support: dict[str, tuple[set, float]] = field(default_factory=dict)
    points: list[tuple[str, float, float]] = field(default_factory=list)  # (name, lat, lon)


def _score(entry: Entry, primary: bool, m: _Mention, ctx: _Context) -> float:
    """Prior plus document context: country share, admin1 named, nearby anchors."""
    score = _prior(entry, primary, m)
    key = m.key
    own_cc, own_explicit = ctx.own.get(key, ("", False))
    total = sum(ctx.countries.values()) - (1 if own_cc else 0)
    if entry.cc and total > 0:
        score += W_SHARE * (ctx.countries[entry.cc] - (own_cc == entry.cc)) / total
    if ctx.explicit[entry.cc] - (own_explicit and own_cc == entry.cc) > 0:
        score += 1.5
    if (entry.cc, entry.admin1) in ctx.admin1s and entry.feature != "admin1":
        score += 2.0
    division = (entry.cc, entry.admin1)
    if entry.admin1 and entry.feature != "country":
        others = ctx.divisions[division] - (ctx.own_division.get(key) == division)
        score += W_DIVISION * min(others, 2)
        divs, weight = ctx.own_support.get(key, (set(), 0.0))
        score += W_SUPPORT * min(ctx.support[division] - weight * (division in divs), 2.0)
    if entry.feature not in _BROAD and ctx.points:
        near = min((haversine_km(entry.lat, entry.lon, la, lo) for k, la, lo in ctx.points
                    if k != key), default=None)
        if near is not None:
            score += W_NEAR * (1.5 if near < 50 else 1.0 if near < 200 else 0.5 if near < 800
                               else 0.0)
    return score


def _build_context(mentions: list[_Mention], extra: Sequence[str] = (),
                   chosen: _Context | None = None, cues: Counter | None = None) -> _Context:
    """Countries, admin1s and anchor points from each mention's context-free best candidate;
    given a first pass's context, the admin1s that pass chose vote as well."""
    ctx = _Context()
    ctx.countries.update(cues or {})
    if chosen is not None:
        for m in mentions:
            e = m.best
            if e is not None and e.admin1 and e.feature != "country" \
                    and m.key not in ctx.own_division:
                ctx.own_division[m.key] = (e.cc, e.admin1)
                ctx.divisions[(e.cc, e.admin1)] += 1
    for cc in extra:
        ctx.countries[cc] += 2
        ctx.explicit[cc] += 1
    for m in mentions:
        if m.candidates and m.key not in ctx.own_support:
            divs = {(e.cc, e.admin1) for e, _ in m.candidates
                    if e.admin1 and e.feature not in _BROAD}
            weight = 1.0 / len(divs) if divs else 0.0
            ctx.own_support[m.key] = (divs, weight)
            for d in divs:
                ctx.support[d] += weight
    for m in mentions:
        if not m.candidates or m.key in ctx.own:
            continue  # one vote per distinct name: repeats do not outvote the rest
        ranked = sorted((_prior(e, p, m), k) for k, (e, p) in enumerate(m.candidates))
        top_score, top_k = ranked[-1]
        top = m.candidates[top_k][0]
        margin = top_score - ranked[-2][0] if len(ranked) > 1 else 99.0
        if not top.cc:
            continue
        ctx.countries[top.cc] += 1
        explicit = top.feature in ("country", "admin1")
        ctx.explicit[top.cc] += explicit
        ctx.own[m.key] = (top.cc, explicit)
        if top.feature == "admin1" and margin >= 1.0:
            ctx.admin1s.add((top.cc, top.admin1))
        if margin >= 1.5 and top.feature not in _BROAD:
            ctx.points.append((m.key, top.lat, top.lon))
    return ctx


def _comma_parents(doc_text: str, mentions: list[_Mention]) -> None:
    """'Columbus, Ohio': keep only the candidates of X that lie inside the Y that follows."""
    for a, b in zip(mentions, mentions[1:], strict=False):
        if not re.fullmatch(r",\s*", doc_text[a.end : b.start]):
            continue
        parents = [e for e, _ in b.candidates if e.feature in ("admin1", "country")]
        inside = [(e, p) for e, p in a.candidates if e.feature not in ("admin1", "country")
                  and any(e.cc == q.cc and (q.feature == "country" or e.admin1 == q.admin1)
                          for q in parents)]
        if inside:
            a.candidates = inside
            b.candidates = [(e, p) for e, p in b.candidates
                            if any(e.cc == x.cc for x, _ in inside)] or b.candidates


# wording that marks a document as American local news (county sheriffs, state legislators,
# dollar amounts): a weak vote for the United States when a name is ambiguous
_US_CUES = re.compile(r"\b(?:[Ss]heriff|County|[Cc]ounty (?:commission|board|jail|officials)"
                      r"|Gov\.|Sen\.|Rep\.|[RD]-[A-Z][a-z]|Interstate|ZIP)\b|\$\d")


def _cue_countries(doc_text: str) -> Counter:
    """Countries the document's wording (not its place names) points to."""
    hits = len(_US_CUES.findall(doc_text))
    return Counter({"US": min(hits, 3)}) if hits else Counter()


def _resolve_mentions(doc_text: str, mentions: list[_Mention],
                      countries: Sequence[str] = ()) -> None:
    """Pick each mention's best candidate using the document's context."""
    _comma_parents(doc_text, mentions)
    cues = _cue_countries(doc_text)
    ctx = _build_context(mentions, countries, cues=cues)
    for m in mentions:
        if m.candidates:
            m.best = max(m.candidates, key=lambda ep, m=m: _score(ep[0], ep[1], m, ctx))[0]
    ctx = _build_context(mentions, countries, ctx, cues=cues)
    for m in mentions:
        if m.candidates:
            m.best = max(m.candidates, key=lambda ep, m=m: _score(ep[0], ep[1], m, ctx))[0]
        own_cc = ctx.own.get(m.key, ("", False))[0]
        if m.fuzzy and m.best and ctx.countries[m.best.cc] - (own_cc == m.best.cc) <= 0:
            m.best = None  # a loose spelling match far from everything else the text names
        elif (m.hint == "admin2" and m.best and m.best.feature == "city"
              and (m.best.cc, m.best.admin1) not in ctx.admin1s
              and not any(haversine_km(m.best.lat, m.best.lon, la, lo) < 150
                          for k, la, lo in ctx.points if k != m.key)):
            m.best = None  # "X County": a town X elsewhere is not the county
    home = _home_place(mentions)
    for m in mentions:
        if home is not None and m.best is None:
            m.best, m.inherited = home, True
        elif m.best is not None and m.best.approximate:
            m.best = _anchor_inside(m.best, mentions, home)


def _anchor_inside(entry: Entry, mentions: list[_Mention], home: Entry | None) -> Entry:
    """A division known only by its state's centre, moved to the document's main place in the
    same state (a county the text names is usually where its towns are)."""
    inside = [e for e in [home, *(m.best for m in mentions)]
              if e is not None and not e.approximate and e.feature in _LOCAL
              and (e.cc, e.admin1) == (entry.cc, entry.admin1)]
    return replace(entry, lat=inside[0].lat, lon=inside[0].lon) if inside else entry


_LOCAL = frozenset({"city", "town", "village", "admin2", "landmark", "island"})


def _home_place(mentions: list[_Mention]) -> Entry | None:
    """The document's main local place (most named town or county, earliest on ties; else its
    main state or province): a street, building or hamlet the gazetteer lacks is likely there."""
    for kinds in (_LOCAL, {"admin1"}):
        counts: Counter = Counter()
        first: dict[Entry, int] = {}
        for k, m in enumerate(mentions):
            if m.best is not None and not m.inherited and m.best.feature in kinds \
                    and not m.best.approximate:
                counts[m.best] += 1
                first.setdefault(m.best, k)
        if counts:
            return max(counts, key=lambda e: (counts[e], -first[e]))
    return None


def _to_ref(m: _Mention) -> PlaceRef:
    """A resolved (or unresolved) mention as a PlaceRef with the doc's character offsets."""
    e = m.best
    if e is None:
        return PlaceRef(name=m.text, text=m.text, start=m.start, end=m.end)
    gaz = get_gazetteer()
    if m.inherited:  # somewhere in or near the document's main place: its point, coarser
        return PlaceRef(name=m.text, lat=round(e.lat, 5), lon=round(e.lon, 5),
                        country=gaz.iso3.get(e.cc) if e.cc else None, admin1=gaz.admin1_name(e),
                        precision="admin2", feature=UNRESOLVED, text=m.text, start=m.start,
                        end=m.end)
    precision = e.precision
    if m.hint == "admin1" and e.feature in ("city", "town", "village"):
        admin = gaz.admin1_entry.get((e.cc, e.admin1))
        if admin is not None:
            e = gaz.entries[admin]
        precision = "admin1"
    return PlaceRef(name=e.name, lat=round(e.lat, 5), lon=round(e.lon, 5),
                    country=gaz.iso3.get(e.cc) if e.cc else None, admin1=gaz.admin1_name(e),
                    precision=precision, geonameid=e.geonameid,
                    feature=e.feature if precision != "admin1" else "admin1",
                    text=m.text, start=m.start, end=m.end)


def _mention(doc: Doc, start: int, end: int, *, fuzzy: bool = True) -> _Mention | None:
    """A mention over doc.text[start:end] with its admin hint and candidates."""
    start, end = _strip_article(doc_text(doc), start, end)
    if end <= start:
        return None
    hint = _admin_hint(doc_text(doc), start, end)
    text = doc_text(doc)[start:end]
    if get_gazetteer().demonym(text) is not None or text.lower() in _TIME_WORDS:
        return None
    if fuzzy:
        cands, loose = _lookup(text)
        return _Mention(start, end, text, hint, cands, fuzzy=loose)
    return _Mention(start, end, text, hint, _exact(text))


def _missed_names(doc: Doc, taken: list[tuple[int, int]]) -> list[_Mention]:
    """Capitalised proper nouns outside name entities that the gazetteer knows as big places."""
    gaz = get_gazetteer()
    out: list[_Mention] = []
    busy = {i for s, e in taken for i in range(s, e)}
    i, n = 0, len(doc)
    while i < n:
        tok = doc[i]
        if (tok.pos_ != "PROPN" or not tok.is_title or tok.is_sent_start or tok.idx in busy
                or tok.ent_type_ in _NOT_PLACES):
            variant = _variant_spelling(doc, i) if tok.idx not in busy else None
            if variant is not None:
                out.append(variant)
            i += 1
            continue
        hit = None
        for j in range(min(n, i + min(gaz.max_words, 5)), i, -1):
            span = doc[i:j]
            if not all(t.is_title or t.is_punct for t in span):
                continue
            cands = gaz.lookup(span.text, fuzzy=False)
            good = _well_known(cands, 100000)
            if good:
                hit = _Mention(span.start_char, span.end_char, span.text, None, good)
                break
        if hit is None:
            hit = _variant_spelling(doc, i)
        if hit:
            hit.hint = _admin_hint(doc_text(doc), hit.start, hit.end)
            out.append(hit)
            while i < n and doc[i].idx < hit.end:
                i += 1
        else:
            i += 1
    return out


def _place_slot(doc: Doc, i: int) -> bool:
    """Token i is where a place goes: after "into", "in", "near"…, after "town/city of", after
    an attack "on", the object of an entering or capturing verb ("entered Gharian"), or naming
    a site ("the Tajoura detention centre")."""
    if i == 0:
        return False
    prev = doc[i - 1]
    if prev.lower_ in _SLOT_PREPS or prev.lemma_ in _ENTRY_VERBS:
        return True
    if prev.lower_ in {"on", "against"} and prev.head.lemma_.lower() in _ASSAULT_NOUNS:
        return True  # "the attack on Gharian"
    if i + 1 < len(doc) and doc[i + 1].lower_ in _SITE_NOUNS:
        return True
    return prev.lower_ == "of" and i > 1 and doc[i - 2].lower_ in _SETTLEMENTS


def _variant_spelling(doc: Doc, i: int) -> _Mention | None:
    """A one-word name in a place slot that is another spelling of a town of 10,000 or more
    ('Gheryan' for Gharyan, 'Surt' for Sirte), whatever entity label the model gave it;
    resolution keeps it only where the text's other places support its country."""
    tok = doc[i]
    if (not tok.is_title or tok.pos_ != "PROPN" or tok.lower_ in _TIME_WORDS
            or not _place_slot(doc, i)
            or (i + 1 < len(doc) and doc[i + 1].is_title and doc[i + 1].pos_ == "PROPN")):
        return None
    cands = [(e, p) for e, p in get_gazetteer().lookup(tok.text)
             if e.feature == "city" and (e.curated or e.population >= VARIANT_MIN_POP)]
    if not cands:
        return None
    return _Mention(tok.idx, tok.idx + len(tok), tok.text, None, cands, fuzzy=True, variant=True)


def _well_known(cands: list[tuple[Entry, bool]], min_pop: int) -> list[tuple[Entry, bool]]:
    """Candidates safe to accept without a place label: main names of sizeable places (not
    landmarks, whose names mostly stand for their occupants: "the Kremlin said")."""
    return [(e, p) for e, p in cands if p and e.feature != "landmark" and (
        e.curated or e.feature in ("country", "admin1") or e.population >= min_pop)]


def _entity_spans(doc: Doc) -> list[tuple[int, int, str]]:
    """The doc's entities as (start, end, label), a place entity joined to the entity right
    after it when together they are a place's main name the model split ('Boa' + 'Vista')."""
    ents = list(doc.ents)
    out: list[tuple[int, int, str]] = []
    k = 0
    while k < len(ents):
        a = ents[k]
        b = ents[k + 1] if k + 1 < len(ents) else None
        if b is not None and a.end == b.start and PLACE_LABELS & {a.label_, b.label_} \
                and any(p for _, p in _exact(doc_text(doc)[a.start_char : b.end_char])):
            label = a.label_ if a.label_ in PLACE_LABELS else b.label_
            out.append((a.start_char, b.end_char, label))
            k += 2
            continue
        out.append((a.start_char, a.end_char, a.label_))
        k += 1
    return out


def _doc_mentions(doc: Doc) -> list[_Mention]:
    """Toponym mentions in a doc: place entities plus missed gazetteer names, by position."""
    mentions: list[_Mention] = []
    for start, end, label in _entity_spans(doc):
        if label in PLACE_LABELS:
            m = _mention(doc, start, end)
            if m is None or not m.candidates and (
                    label == "FAC" or _WEAPON_AFTER.match(doc_text(doc), end)):
                continue
        elif label in _MISLABELS:
            m = _mention(doc, start, end, fuzzy=False)
            if m is None:
                continue
            m.candidates = _well_known(m.candidates, _MISLABELS[label])
            if not m.candidates:
                span = doc.char_span(start, end)
                if span is None or len(span) != 1 \
                        or (m := _variant_spelling(doc, span.start)) is None:
                    continue
        else:
            continue
        mentions.append(m)
    mentions.extend(_datelines(doc, [(m.start, m.end) for m in mentions]))
    mentions.extend(_missed_names(doc, [(m.start, m.end) for m in mentions]))
    return sorted(mentions, key=lambda m: m.start)


def _datelines(doc: Doc, taken: list[tuple[int, int]]) -> list[_Mention]:
    """Agency datelines the model misses, their names being in capitals ("SALINA, Kan.",
    "BOSTON (Reuters) -"): a place's main name, a big place's before a colon ("BEIRUT:")."""
    text = doc_text(doc)
    others = [(e.start_char, e.end_char) for e in doc.ents if e.label_ not in PLACE_LABELS]
    out: list[_Mention] = []
    for m in _DATELINE_AT.finditer(text):
        start, end = m.span(1)
        if any(s < end and start < e for s, e in [*taken, *others]):
            continue
        cands = _well_known(_exact(m.group(1)), 100000 if m.group("colon") else 0)
        if cands:
            out.append(_Mention(start, end, m.group(1), _admin_hint(text, start, end), cands))
    return out


def geoparse(doc: Doc) -> list[PlaceRef]:
    """All toponyms in the doc with character offsets, each resolved where the gazetteer can."""
    mentions = _doc_mentions(doc)
    _resolve_mentions(doc_text(doc), mentions)
    return [_province_named(doc_text(doc), _to_ref(m)) for m in mentions
            if not m.variant or m.best is not None and not m.inherited]


_CITY_WORD = re.compile(r"\bcity\b", re.IGNORECASE)


def _province_named(text: str, ref: PlaceRef) -> PlaceRef:
    """A bare town name that is also its province's name ("in Idlib") may mean either:
    keep the town's point (as ACLED does for a provincial capital) but claim only admin1
    precision, unless the text says "city" right beside it."""
    if ref.precision != "town" or not ref.admin1 or ref.start is None or ref.end is None:
        return ref
    if _norm_name(ref.name) != _norm_name(ref.admin1):
        return ref
    near = text[max(0, ref.start - 12) : ref.end + 8]
    return ref if _CITY_WORD.search(near) else replace(ref, precision="admin1")


def province_of(ref: PlaceRef) -> PlaceRef:
    """The first-level division a place lies in, as an admin1-precision PlaceRef that keeps
    the offsets of the name it was inferred from (the place itself when no division is known)."""
    gaz = get_gazetteer()
    for (cc, _code), idx in gaz.admin1_entry.items():
        e = gaz.entries[idx]
        if gaz.iso3.get(cc) == ref.country and e.name == ref.admin1:
            return PlaceRef(name=e.name, lat=round(e.lat, 5), lon=round(e.lon, 5),
                            country=ref.country, admin1=e.name, precision="admin1",
                            geonameid=e.geonameid, feature="admin1", text=ref.text,
                            start=ref.start, end=ref.end)
    return ref


def _norm_name(name: str) -> str:
    return re.sub(r"[^a-z]", "", name.lower())


def resolve_spans(doc: Doc, spans: Sequence[tuple[int, int]]) -> list[PlaceRef]:
    """Resolve given toponym spans (e.g. gold spans) together, as one document's context."""
    mentions = []
    for s, e in spans:
        hint = _admin_hint(doc_text(doc), s, e)
        text = doc_text(doc)[s:e]
        cands, loose = _lookup(text, demonyms=True)
        mentions.append(_Mention(s, e, text, hint, cands, fuzzy=loose))
    _resolve_mentions(doc_text(doc), mentions)
    return [_to_ref(m) for m in mentions]


def _iso2(code: str) -> str | None:
    """ISO2 for an ISO2 or ISO3 country code."""
    gaz = get_gazetteer()
    code = code.upper()
    if code in gaz.iso3:
        return code
    return _iso3_to_iso2().get(code)


@lru_cache(maxsize=1)
def _iso3_to_iso2() -> dict[str, str]:
    """ISO3 → ISO2 for every country the gazetteer knows."""
    return {v: k for k, v in get_gazetteer().iso3.items()}


def resolve(name: str, *, countries: Sequence[str] = ()) -> PlaceRef | None:
    """Resolve a bare place name, preferring the given countries (ISO2 or ISO3)."""
    text = name.strip()
    if not text:
        return None
    m = _Mention(0, len(text), text, _admin_hint(text, 0, len(text)), _lookup(text)[0])
    if not m.candidates:
        return None
    ccs = [c for c in (_iso2(x) for x in countries) if c]
    _resolve_mentions(text, [m], ccs)
    ref = _to_ref(m)
    ref.start = ref.end = None
    return ref


def distance_km(a: PlaceRef, b: PlaceRef) -> float | None:
    """Great-circle distance between two resolved places; None if either lacks coordinates."""
    if None in (a.lat, a.lon, b.lat, b.lon):
        return None
    return haversine_km(a.lat, a.lon, b.lat, b.lon)


def within(inner: PlaceRef, outer: PlaceRef) -> bool:
    """Whether ``inner`` lies in ``outer``: same country / admin1, or the same town."""
    if outer.precision == "country" or outer.feature == "country":
        return bool(inner.country) and inner.country == outer.country
    if outer.precision == "admin1":
        return (bool(inner.country) and inner.country == outer.country
                and inner.admin1 is not None and inner.admin1 == outer.admin1)
    if outer.geonameid is not None and inner.geonameid == outer.geonameid:
        return True
    d = distance_km(inner, outer)
    limit = 25.0 if outer.precision == "admin2" else 3.0
    return d is not None and d <= limit and _RANK.get(inner.precision or "", 9) <= _RANK.get(
        outer.precision or "", 9)


_SPATIAL_NOUNS = frozenset({
    "outskirt", "outskirts", "edge", "centre", "center", "village", "town", "city", "area",
    "vicinity", "suburb", "district", "countryside", "part", "heart", "entrance",
    "neighbourhood", "neighbourhoods", "neighborhood", "neighborhoods", "street", "streets",
})
# facilities a city's name places: "at Khartoum airport" is in Khartoum, not its government's
_FACILITIES = frozenset({"airport", "port", "airbase", "station", "harbour", "harbor"})


def _root(sent: Span, ref: PlaceRef) -> Token | None:
    """The syntactic head of a place name in its sentence's parse."""
    span = sent.doc.char_span(ref.start, ref.end, alignment_mode="expand")
    return span.root if span is not None else None


def _governing_prep(sent: Span, ref: PlaceRef) -> str | None:
    """The preposition a place hangs off ('in Idlib' → 'in'), through compounds and lists."""
    span = sent.doc.char_span(ref.start, ref.end, alignment_mode="expand")
    if span is None:
        return None
    tok = span.root
    for _ in range(5):
        if tok.dep_ == "pobj":
            if tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in _SPATIAL_NOUNS:
                return "in"  # "the outskirts of Mhambal", "the town of Sarmin": a location
            if tok.head.dep_ == "agent":
                return "agent"  # "groups backed by Ankara": a doer, not a place
            return tok.head.lower_
        if tok.dep_ in ("compound", "conj", "amod", "appos", "nmod", "nummod", "cc") \
                and tok.head is not tok:
            tok = tok.head
            continue
        break
    prev = span.start - 1
    while prev >= sent.start and sent.doc[prev].lower_ in ("the", "a", "northern", "southern",
                                                           "eastern", "western", "central"):
        prev -= 1
    if prev >= sent.start and sent.doc[prev].dep_ == "prep":
        return sent.doc[prev].lower_
    return None


def _actor_like(sent: Span, ref: PlaceRef) -> bool:
    """A country or capital used for its government: subject or possessor ('Ankara said')."""
    root = _root(sent, ref)
    if root is None:
        return False
    if root.dep_ in ("nsubj", "poss") or ref.text and doc_text(sent.doc)[ref.end : ref.end + 2] in (
            "'s", "’s"):
        return True
    return root.dep_ in ("conj",) and root.head.dep_ in ("nsubj", "poss")


def _modifier(sent: Span, ref: PlaceRef) -> bool:
    """A name modifying a common noun ('a US vehicle', 'Turkish-Russian centre')."""
    root = _root(sent, ref)
    if root is None:
        return False
    return root.dep_ in ("compound", "amod", "nmod") and root.head.ent_type_ not in PLACE_LABELS \
        and root.head.lemma_.lower() not in _FACILITIES


# heads of a talks/deal phrase: a place hanging off one is where the deal was made
_DEAL_WORDS = frozenset({"agree", "sign", "negotiate", "talk", "talks", "summit", "meeting",
                         "deal", "conference", "accord", "agreement", "broker"})


# a place inside "since/after/before ... X" belongs to the earlier or later happening X
_TEMPORAL_PREPS = frozenset({"since", "after", "before", "following", "until", "ahead"})


def _side_clauses(sent: Span, ref: PlaceRef, trigger: Token | None) -> int:
    """How many side clauses, not holding the event's trigger, a place sits in: relative or
    participial clauses and talks/deal phrases ("a zone agreed with Iran [in Astana]")
    tell of another happening than the sentence's own."""
    root = _root(sent, ref)
    if root is None:
        return 0
    count = 0
    for t in root.ancestors:
        if trigger is not None and (t.i == trigger.i or trigger in t.subtree):
            break
        side = t.dep_ == "relcl" or (t.dep_ == "acl" and t.tag_ in ("VBN", "VBG"))
        earlier = t.dep_ == "prep" and t.lower_ in _TEMPORAL_PREPS  # "since the Balyun attack"
        count += side or earlier or t.lemma_.lower() in _DEAL_WORDS
    return count


def _capital(ref: PlaceRef) -> bool:
    """Whether the place is a national capital (its name often stands for the government)."""
    if ref.geonameid is None or ref.feature != "city":
        return False
    gaz = get_gazetteer()
    return any(e.capital for e, _ in gaz.lookup(ref.name, fuzzy=False)
               if e.geonameid == ref.geonameid)


def _is_dateline(text: str, ref: PlaceRef) -> bool:
    """An agency dateline opening a paragraph ("ANKARA, March 15 (Agency) -"): the desk's
    city, not where the event happened."""
    assert ref.start is not None and ref.end is not None
    m = _DATELINE_AT.match(text, ref.start)
    return m is not None and m.end(1) >= ref.end


# people who speak about an event from where they sit: "officials in Donetsk said ..."
_SPEAKER_NOUNS = frozenset({"official", "officials", "authority", "authorities", "source",
                            "sources", "analyst", "analysts", "diplomat", "diplomats",
                            "spokesman", "spokeswoman", "spokesperson", "correspondent",
                            "journalist", "journalists", "reporter", "reporters", "observer",
                            "observers", "commentator", "commentators", "expert", "experts"})


def _speakers_place(sent: Span, ref: PlaceRef) -> bool:
    """A place qualifying who speaks ("regional officials in Donetsk"), not the event."""
    tok = _root(sent, ref)
    return tok is not None and tok.dep_ == "pobj" and tok.head.dep_ == "prep" and \
        tok.head.head.lemma_.lower() in _SPEAKER_NOUNS


def _launch_site(sent: Span, ref: PlaceRef) -> bool:
    """Where a missile or aircraft set off ("fired from Kursk region", "fired from bombers
    flying over Kursk region"), not where it hit."""
    root = _root(sent, ref)
    for tok in root.ancestors if root is not None else ():
        if tok.dep_ == "prep" and tok.lower_ == "from":
            return tok.head.lemma_.lower() in {"fire", "launch", "shoot", "take"}
        if tok.pos_ == "VERB" and tok.dep_ != "acl":  # a participle describes the launcher
            return False
    return False


# travel verbs: "towards X" after one is where the travellers were going, not where they were
_TRAVEL_VERBS = frozenset({"head", "turn", "move", "go", "travel", "drive", "proceed", "roll",
                           "continue", "set"})


def _heading(sent: Span, ref: PlaceRef) -> bool:
    """Where a convoy or troops were heading ("the troops were headed towards the western
    part of Aleppo province"): a direction, not the place of the act."""
    tok = _root(sent, ref)
    for _ in range(6):  # up through "the western countryside of Aleppo province"
        if tok is not None and tok.dep_ in {"compound", "amod", "conj", "appos"}:
            tok = tok.head
            continue
        if tok is None or tok.dep_ != "pobj":
            return False
        prep = tok.head
        if prep.lower_ in {"toward", "towards"}:
            return prep.head.lemma_.lower() in _TRAVEL_VERBS
        tok = prep.head if prep.lower_ == "of" else None
    return False


def _location_score(sent: Span, ref: PlaceRef, trigger: Token | None = None) -> float | None:
    """How likely a place in the sentence is where the event happened; None if it is not."""
    if _speakers_place(sent, ref) or _launch_site(sent, ref) or _heading(sent, ref):
        return None
    prep = _governing_prep(sent, ref)
    actor = _actor_like(sent, ref)
    broad = ref.precision == "country" or ref.feature in _BROAD
    government = broad or _capital(ref)  # names that often stand for a state, not a place
    if government and (actor or prep not in _GOV_LOCATIVE or _modifier(sent, ref)):
        return None
    text = doc_text(sent.doc)
    if _is_dateline(text, ref) or _DATELINE.search(text[max(0, ref.start - 30) : ref.start]):
        return None  # where the reporter is, not where it happened
    score = {"exact": 2.2, "town": 2.0, "admin2": 1.6, "admin1": 1.0, "country": 0.0}.get(
        ref.precision or "", 0.0)
    if ref.feature == "road":
        score = 1.0  # a road runs through many places: a town on it says more
    if prep in _LOCATIVE:
        score += 3.0
    elif prep in _ORIGIN:
        score -= 1.0
    elif prep == "of":
        score += 1.0
    score -= 2.5 * _side_clauses(sent, ref, trigger)
    return score if score > 0 else None  # only named for another happening


def _paragraph_start(text: str, pos: int) -> int:
    """Start offset of the paragraph holding ``pos`` (blank-line separated, else line)."""
    sep = "\n\n" if "\n\n" in text else "\n"
    cut = text.rfind(sep, 0, pos)
    return 0 if cut < 0 else cut + len(sep)


def locate(sent: Span, places: list[PlaceRef], trigger: int | None = None) -> PlaceRef | None:
    """The event location for a sentence: its most specific locative place in the clause of
    the trigger (a character offset), else the paragraph's last location before it."""
    inside = [p for p in places if p.lat is not None and p.start is not None
              and sent.start_char <= p.start and p.end <= sent.end_char]
    head = sent.doc.char_span(trigger, trigger + 1, alignment_mode="expand") \
        if trigger is not None else None
    tok = head.root if head is not None else None
    scored = [(s, -p.start, p) for p in inside
              if (s := _location_score(sent, p, tok)) is not None]
    if scored:
        return max(scored, key=lambda x: (x[0], x[1]))[2]
    text = doc_text(sent.doc)
    para = _paragraph_start(text, sent.start_char)
    before = [p for p in places if p.lat is not None and p.start is not None
              and para <= p.start < sent.start_char
              and p.precision not in ("country", None) and p.feature not in _BROAD]
    for p in reversed(before):  # the paragraph's last place that was a location where it stood
        span = sent.doc.char_span(p.start, p.end, alignment_mode="expand")
        if span is not None and _location_score(span.sent, p) is not None:
            return p
    return None
