"""What an attack hit, by kind: civilian sites, military targets or infrastructure.

"A missile struck a busy shopping centre" and "the missiles destroyed hangars holding
Western weapons" may tell one strike; the kinds of what each says was hit are the
commonest dispute of all, whether the target was military or civilian. The kinds come from
the object of the act's trigger (and what a speaker says it "aimed at"), read off the parse.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

CIVILIAN = "civilian"
MILITARY = "military"
INFRASTRUCTURE = "infrastructure"

_KINDS = {
    CIVILIAN: frozenset("""
        mall shop shopping market supermarket home house apartment residential hospital clinic
        school kindergarten university theatre theater church cathedral mosque shelter civilian
        people resident passenger evacuee refugee camp bus minibus cafe restaurant hotel city
        neighbourhood neighborhood museum playground park maternity dormitory
    """.split()),  # noqa: SIM905 - a word list reads best as words
    MILITARY: frozenset("""
        depot arms weapon ammunition munition hangar warship cruiser frigate barracks base
        military command headquarters position troop soldier tank artillery launcher battery
        defence defense airbase checkpoint fighter militant army armoury armory garrison
    """.split()),  # noqa: SIM905 - a word list reads best as words
    INFRASTRUCTURE: frozenset("""
        port energy power plant substation grid infrastructure bridge railway rail dam pipeline
        refinery fuel oil airport harbour harbor terminal electricity heating
    """.split()),  # noqa: SIM905 - a word list reads best as words
}
# a head that says nothing by itself: its modifiers tell ("shopping centre", "command post")
_GENERIC = frozenset({"centre", "center", "facility", "site", "building", "area", "target",
                      "infrastructure", "station", "object", "installation", "post", "complex",
                      "district", "part", "structure", "system", "network"})
_CENTRE = frozenset({"centre", "center", "heart", "downtown", "streets"})
_STATION_PEOPLE = frozenset({"railway", "train", "bus", "metro", "rail"})
_AT = frozenset({"at", "on", "against", "into", "upon"})
_AIM = frozenset({"aim", "target"})
_LOSS_NOUNS = frozenset({"killing", "death", "loss"})


def _kind_of_word(lemma: str) -> str | None:
    """The kind one word names, if any."""
    return next((kind for kind, words in _KINDS.items() if lemma in words), None)


def _kinds_of(noun: Token) -> set[str]:
    """Kinds one hit object names: its head word, else the words that modify it ("shopping
    centre", "energy facilities", "hangars holding weapons")."""
    lemma = noun.lemma_.lower()
    mods = [c for c in noun.children if c.dep_ in {"compound", "amod", "nmod", "poss"}]
    if lemma == "station":  # a railway station is full of people; a power station is not
        words = {m.lemma_.lower() for m in mods}
        if words & _STATION_PEOPLE:
            return {CIVILIAN}
        return {INFRASTRUCTURE} if words & {"power", "electric", "pumping"} else set()
    own = _kind_of_word(lemma)
    if own is not None and lemma not in _GENERIC:
        return {own}
    if lemma in _CENTRE and any(p.lower_ == "of" and any(
            o.ent_type_ in {"GPE", "LOC"} or o.pos_ == "PROPN" for o in p.children)
            for p in noun.children):
        return {CIVILIAN}  # "the centre of Kyiv": a city's streets
    kinds = {k for m in mods if (k := _kind_of_word(m.lemma_.lower()))}
    if not kinds:  # "hangars holding weapons", "the port of Odesa": what it holds or is
        for c in noun.children:
            if c.dep_ in {"acl", "relcl"}:
                kinds |= {k for t in c.subtree if t.pos_ == "NOUN"
                          and (k := _kind_of_word(t.lemma_.lower()))}
    return kinds or ({own} if own else set())


def _objects(verb: Token) -> list[Token]:
    """What a verb (or an act noun) is aimed at: its object, or the object of an at, on or
    against anywhere under it ("a strike with missiles against energy facilities")."""
    out = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
    for prep in (t for t in verb.subtree if t.dep_ == "prep" and t.lower_ in _AT):
        out += [c for c in prep.children if c.dep_ == "pobj"]
    return out


def target_kinds(sent: Span, trigger_start: int | None) -> list[str]:
    """The kinds of what the act at ``trigger_start`` hit, or what a speaker says it was
    aimed at ("it was aiming at an arms depot"), sorted; empty when nothing says."""
    trigger = next((t for t in sent if t.idx == trigger_start), None)
    if trigger is None:
        return []
    verbs = [trigger]
    if trigger.pos_ == "NOUN" and trigger.dep_ in {"dobj", "nsubjpass", "nsubj"}:
        verbs.append(trigger.head)  # "carried out a strike on X", "the strike hit X"
    verbs += [c for v in list(verbs) for c in v.conjuncts if c.pos_ == "VERB"]  # "... and hit"
    verbs += [t for t in sent if t.lemma_.lower() in _AIM and t.pos_ == "VERB"]
    objects = [obj for verb in verbs for obj in _objects(verb)]
    # "the killing of Turkish troops in an air strike": who the act killed was hit
    losses = [t for t in (trigger, *trigger.ancestors)
              if t.lemma_.lower() in _LOSS_NOUNS and t.pos_ == "NOUN"]
    objects += [o for t in losses for p in t.children if p.dep_ == "prep" and p.lower_ == "of"
                for o in p.children if o.dep_ == "pobj"]
    kinds: set[str] = set()
    for obj in objects:
        for noun in (obj, *obj.conjuncts):
            kinds |= _kinds_of(noun)
    return sorted(kinds)
