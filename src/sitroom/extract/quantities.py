"""Quantities: counted things in a sentence, with UCDP-style low/best/high bounds.

Bounds follow what the words commit the source to (UCDP-GED keeps a low,
best and high estimate; ACLED turns vague plurals into fixed numbers):

=====================  =======  =======  =======
wording (N)            low      best     high
=====================  =======  =======  =======
exactly N              N        N        N
at least N             N        N        None
more than / over N     N+1      N+1      None
as many as / up to N   None     N        N
almost / nearly N      None     N        N
about / around / some  None     N        None
fewer / less than N    None     N-1      N-1
dozens                 12       12       None     (ACLED's rule)
hundreds / thousands   100/1000 same     None
=====================  =======  =======  =======

``kind`` comes from the counted noun first (vehicles stay vehicles even when
"destroyed"), then from the casualty words around the number. A number that
is the new value of a running total ("bring the number killed to 15", "the
death toll rose to 34") is ``cumulative``, unless the toll is one named act's over no
period ("killed in Thursday's air strike has risen to 34": that act's revised count).
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from sitroom.nlp import doc_text
from sitroom.records import Quantity

_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
          "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
          "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
          "seventy": 70, "eighty": 80, "ninety": 90, "a dozen": 12, "dozen": 12}
_TENS = {"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
_VAGUE = {"dozens": 12, "hundreds": 100, "thousands": 1000, "millions": 1_000_000}
_SKIP_ENTS = {"DATE", "TIME", "PERCENT", "MONEY", "ORDINAL", "QUANTITY"}

_AT_LEAST = ("at least", "no fewer than", "no less than", "a minimum of")
_MORE = ("more than", "over", "upwards of", "in excess of", "above")
_UP_TO = ("as many as", "up to", "at most", "a maximum of")
_ALMOST = ("almost", "nearly", "close to", "just under", "roughly under")
_ABOUT = ("about", "around", "some", "approximately", "roughly", "an estimated", "estimated",
          "circa")
_FEWER = ("fewer than", "less than", "under")

KILLED = {"kill", "killing", "dead", "die", "death", "toll", "fatality", "slay", "perish",
          "execute", "massacre", "behead", "body", "martyr", "life", "lose"}
WOUNDED = {"wound", "injure", "injury", "hurt", "wounded", "injured"}
DISPLACED = {"displace", "flee", "fled", "refugee", "uproot", "displaced", "homeless"}
ARRESTED = {"arrest", "detain", "capture", "abduct", "kidnap", "seize", "detention", "prisoner",
            "hostage", "round"}
TROOPS = {"soldier", "troop", "fighter", "militant", "commando", "personnel", "rebel", "officer",
          "policeman", "police", "militiaman", "gunman", "jihadist", "insurgent", "serviceman",
          "force", "mercenary", "marine", "paratrooper", "guard", "cadet", "recruit"}
VEHICLES = {"vehicle", "tank", "truck", "carrier", "howitzer", "launcher", "jet", "plane",
            "aircraft", "helicopter", "drone", "apc", "bulldozer", "armor", "armour", "convoy"}
PEOPLE = {"people", "person", "civilian", "man", "woman", "child", "boy", "girl", "resident",
          "protester", "demonstrator", "worker", "journalist", "villager", "student", "member",
          "other", "victim", "passenger", "citizen", "suspect", "individual", "family",
          "teenager", "youth", "infant", "baby", "refugee", "migrant", "pilgrim", "worshipper",
          "policeman", "guard", "staff", "employee", "doctor", "nurse", "teacher", "farmer"}
_PERSON_ENDINGS = ("ists", "ers", "ians", "men", "ees", "ites", "ans")
_CUMULATIVE_VERBS = {"bring", "rise", "raise", "climb", "reach", "increase", "jump", "mount",
                     "swell", "push", "stand", "hit", "grow"}


def _value(tokens: list[Token]) -> int | None:
    """The integer a run of number tokens spells: '2,000', '1 million', 'five', '1.5 million'."""
    total, current = 0, None
    for tok in tokens:
        word = tok.lower_.replace(",", "")
        if word in _SCALES:
            current = (current if current is not None else 1) * _SCALES[word]
            if _SCALES[word] >= 1000:
                total += current
                current = None
            continue
        try:
            number = float(word)
        except ValueError:
            number = _WORDS.get(word)
            if number is None:
                return None
        current = (current or 0) + number
    value = total + (current or 0)
    return int(value) if value else None


def _continues(prev: Token, tok: Token) -> bool:
    """Does ``tok`` extend the number ending at ``prev``: '1 million', 'Thirty-three'."""
    if prev.i == tok.i - 1:
        return tok.lower_ in _SCALES
    return (prev.i == tok.i - 2 and tok.nbor(-1).text == "-" and prev.lower_ in _TENS
            and tok.lower_ in _WORDS)


def _number_runs(sent: Span) -> list[list[Token]]:
    runs: list[list[Token]] = []
    for tok in sent:
        if tok.ent_type_ in _SKIP_ENTS and tok.lower_ not in _VAGUE:
            continue
        is_num = tok.like_num or tok.lower_ in _SCALES or tok.lower_ in _VAGUE
        if not is_num or not re.search(r"[\w]", tok.text):
            continue
        known_word = tok.lower_ in _WORDS or tok.lower_ in _SCALES or tok.lower_ in _VAGUE
        if re.search(r"[A-Za-z]", tok.text) and not known_word:
            continue
        if runs and _continues(runs[-1][-1], tok):
            runs[-1].append(tok)
        else:
            runs.append([tok])
    return runs


def _modifier(sent: Span, first: Token) -> tuple[str, int]:
    """The bounding phrase just before the number, and the char offset where it starts."""
    before = doc_text(sent.doc)[max(sent.start_char, first.idx - 24):first.idx].lower()
    for kind, phrases in (("at_least", _AT_LEAST), ("more", _MORE), ("up_to", _UP_TO),
                          ("almost", _ALMOST), ("fewer", _FEWER), ("about", _ABOUT)):
        for phrase in phrases:
            if re.search(rf"\b{phrase}\s+$", before):
                return kind, first.idx - len(re.search(rf"{phrase}\s+$", before).group())
    return "exact", first.idx


def _bounds(kind: str, n: int, vague: bool) -> tuple[int | None, int | None, int | None]:
    if vague:
        return n, n, None
    return {
        "exact": (n, n, n),
        "at_least": (n, n, None),
        "more": (n + 1, n + 1, None),
        "up_to": (None, n, n),
        "almost": (None, n, n),
        "about": (None, n, None),
        "fewer": (None, n - 1, n - 1),
    }[kind]


def _counted_noun(run: list[Token]) -> Token | None:
    last = run[-1]
    if last.lower_ in _VAGUE:
        for child in last.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                objs = [c for c in child.children if c.dep_ == "pobj"]
                if objs:
                    return objs[0]
        return None
    head = last.head
    if last.dep_ in {"nummod", "quantmod", "compound"} and head.pos_ in {"NOUN", "PROPN"}:
        return head
    return None


_HEARSAY = frozenset({"report", "feel", "fear", "say", "believe", "think", "confirm", "presume"})


def _context_lemmas(run: list[Token], noun: Token | None) -> set[str]:
    """Casualty words tied to the number: its governing verb, the noun's modifiers."""
    out: set[str] = set()
    anchor = noun if noun is not None else run[-1]
    if noun is not None and noun.head.head.i == run[-1].i:  # "dozens of soldiers killed"
        out.update(c.lemma_.lower() for c in run[-1].children if c.dep_ in {"acl", "relcl"})
    out.update(c.lemma_.lower() for c in anchor.children if c.dep_ in {"amod", "acl", "relcl",
                                                                         "compound", "conj"})
    out.update(c.lower_ for c in anchor.children if c.dep_ in {"amod", "acl"})
    for node in anchor.ancestors:
        if node.pos_ in {"VERB", "AUX"} and anchor.dep_ == "nsubj" and node.i == anchor.head.i and \
                any(c.dep_ == "dobj" and c.lemma_.lower() != "life" for c in node.children):
            break  # "two bombers killed 23 people": the subject is the agent, not the victims
        out.add(node.lemma_.lower())
        out.add(node.lower_)
        if node.pos_ in {"VERB", "AUX"}:
            for c in node.children:  # "the number of dead rose to 40": the subject counts
                if c.dep_ in {"nsubj", "nsubjpass", "dobj"}:
                    out.update(t.lemma_.lower() for t in c.subtree)
                elif c.dep_ == "xcomp" and node.lemma_.lower() in _HEARSAY:
                    out.add(c.lemma_.lower())  # "soldiers reported killed"
            break
    if noun is None:
        # "two killed and five wounded": the number is the subject of the casualty verb
        for c in run[-1].head.children:
            if c.dep_ == "acomp":
                out.add(c.lemma_.lower())
    return out


def _forms(tok: Token | None) -> set[str]:
    """Lemma and crude singular: title-case headlines leave PROPN lemmas unreduced."""
    if tok is None:
        return set()
    low = tok.lower_
    return {tok.lemma_.lower(), low, low[:-1] if low.endswith("s") else low}


def _person_like(noun: Token | None) -> bool:
    """Counts of people can be casualties; counts of rockets or incidents cannot."""
    if noun is None:
        return True
    forms = _forms(noun)
    return (not forms.isdisjoint(PEOPLE | TROOPS) or noun.ent_type_ in {"NORP", "PERSON"}
            or noun.lower_.endswith(_PERSON_ENDINGS))


def _kind(run: list[Token], noun: Token | None, context: set[str]) -> str:
    forms = _forms(noun)
    if noun is not None and noun.i > run[-1].i:  # "30 Armored Vehicles Cross": any noun between
        for tok in noun.doc[run[-1].i + 1:noun.i]:
            forms |= _forms(tok) if tok.pos_ in {"NOUN", "PROPN"} else set()
    if not forms.isdisjoint(VEHICLES):
        return "vehicles"
    for kind, words in (("killed", KILLED), ("wounded", WOUNDED), ("displaced", DISPLACED),
                        ("arrested", ARRESTED)):
        if not forms.isdisjoint(words) or (_person_like(noun) and not context.isdisjoint(words)):
            return kind
    if not forms.isdisjoint(TROOPS):
        return "troops"
    return "other"


_MONTHS = frozenset({"january", "february", "march", "april", "may", "june", "july", "august",
                     "september", "october", "november", "december"})
_SPANS = frozenset({"month", "year", "week", "months", "years", "weeks", "days"})


def _over_period(verb: Token) -> bool:
    """A count over a period, not one incident: "killed in Idlib in February", "killed this
    year", "have died since the offensive began", "killed so far"."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == "since" or c.dep_ == "advcl" and any(
                m.dep_ == "mark" and m.lower_ == "since" for m in c.children):
            return True
        if c.dep_ == "prep" and c.lower_ in {"in", "during", "over", "throughout"} and any(
                o.lower_ in _MONTHS or o.lower_ in _SPANS for o in c.children
                if o.dep_ == "pobj"):
            return True
        if c.dep_ == "npadvmod" and c.lower_ in _SPANS:  # "killed this month"
            return True
        if c.dep_ == "advmod" and (c.lower_ == "altogether" or (
                c.lower_ == "far" and any(g.lower_ == "so" for g in c.children))):
            return True
    return False


_ACT_NOUNS = frozenset({"attack", "strike", "raid", "airstrike", "bombing", "shelling",
                        "explosion", "blast", "assault"})


def _several_acts(subject: Token) -> bool:
    """"Two missile attacks have killed 23", "both strikes killed": a sum over incidents."""
    if subject.lemma_.lower() not in _ACT_NOUNS or subject.tag_ != "NNS":
        return False
    return any(c.dep_ in {"nummod", "det", "amod"} and (
        (c.like_num and c.lower_ not in {"one", "1"}) or
        c.lower_ in {"both", "several", "multiple", "two", "three", "repeated"})
        for c in subject.children)


_CAMPAIGNS = frozenset({"offensive", "war", "conflict", "fighting", "campaign", "siege",
                        "violence", "bombardment", "insurgency"})


def _campaign_toll(run: list[Token], noun: Token | None) -> bool:
    """"The offensive has killed hundreds of civilians": a campaign's running toll, not one
    act's."""
    counted = noun if noun is not None and noun.i > run[-1].i and noun.dep_ != "pobj" \
        else run[-1]
    verb = counted.head
    if counted.dep_ != "dobj" or not any(c.dep_ == "aux" and c.lemma_ == "have"
                                         for c in verb.children):
        return False
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subjects and verb.dep_ == "conj":  # "the offensive, launched in April, has killed"
        subjects = [c for c in verb.head.children if c.dep_ == "nsubj"]
    return any(c.lemma_.lower() in _CAMPAIGNS for c in subjects)


def _one_act_toll(sent: Span, lemmas: set[str]) -> bool:
    """A toll said to have risen for one named act ("killed in Thursday's air strike has
    risen to 34"), over no period: that act's revised count, not a running total."""
    acts = [t for t in sent if t.lemma_.lower() in _ACT_NOUNS]
    return bool(acts) and all(t.tag_ == "NN" for t in acts) and \
        lemmas.isdisjoint(_SPANS | _MONTHS) and not lemmas & {"total", "tally", "so", "since"}


def _cumulative(run: list[Token], noun: Token | None) -> bool:
    last = run[-1]
    prep = last.head if last.dep_ == "pobj" else None
    if prep is not None and prep.lower_ in {"to", "at"}:
        lemmas = {t.lemma_.lower() for t in last.sent}
        if _one_act_toll(last.sent, lemmas):
            return False  # "killed in the air strike at Balyun has risen to 34": its new toll
        return not lemmas.isdisjoint(_CUMULATIVE_VERBS) or "toll" in lemmas
    anchor = noun if noun is not None else last
    if any(node.lower_ in {"total", "tally"} for node in anchor.ancestors):
        return True
    if anchor.dep_ in {"nsubj", "nsubjpass", "dobj"} and _over_period(anchor.head):
        return True
    verb = anchor.head  # "the toll reached 36"
    if anchor.dep_ == "dobj" and any(_several_acts(c) for c in verb.children
                                     if c.dep_ == "nsubj"):
        return True
    return anchor.dep_ == "dobj" and verb.lemma_.lower() in _CUMULATIVE_VERBS and any(
        c.dep_ == "nsubj" and c.lemma_.lower() in {"toll", "number", "tally", "total"}
        for c in verb.children
    )


def find_quantities(sent: Span) -> list[Quantity]:
    """Every count in the sentence with its kind, bounds and doc char offsets."""
    out: list[Quantity] = []
    used: set[int] = set()
    for run in _number_runs(sent):
        if run[0].i in used:
            continue
        vague = run[0].lower_ in _VAGUE
        n = _VAGUE[run[0].lower_] if vague else _value(run)
        if n is None:
            continue
        doc = sent.doc
        after = run[-1].i + 2
        if vague and after < sent.end and doc[after - 1].lower_ == "of" and \
                doc[after].lower_ in _VAGUE:  # "hundreds of thousands"
            n *= _VAGUE[doc[after].lower_]
            used.add(after)
            run = [*run, doc[after - 1], doc[after]]
        noun = _counted_noun(run)
        if noun is None and run[-1].lower_ == "one" and run[-1].dep_ != "nummod":
            continue  # "one of its allies", "no one"
        if _subset(run, noun) or (noun is not None and noun.lemma_.lower() in _ACCOUNTS):
            continue  # "17 of the dead", "four different death tolls"
        mod, start = _modifier(sent, run[0])
        low, best, high = _bounds(mod, n, vague)
        end = (noun.idx + len(noun.text)) if noun is not None and noun.i > run[-1].i else \
            run[-1].idx + len(run[-1].text)
        kind = _kind(run, noun, _context_lemmas(run, noun))
        out.append(Quantity(kind=kind, low=low, best=best, high=high,
                            cumulative=_cumulative(run, noun) or (
                                kind == "killed" and _campaign_toll(run, noun)),
                            text=doc_text(sent.doc)[start:end], start=start, end=end))
    return out + _single_victims(sent, {q.start for q in out})


def _subset(run: list[Token], noun: Token | None) -> bool:
    """A part of another count ("53, six of them children", "including six children", "17 of
    the dead"), not a toll of its own."""
    last, first = run[-1], run[0]
    after_comma = first.i > 0 and first.doc[first.i - 1].text == ","
    if after_comma and any(c.dep_ == "prep" and c.lower_ == "of" and any(
            g.lower_ in {"them", "whom", "those"} for g in c.children) for c in last.children):
        return True  # "killing 28 of them" is the count itself
    if any(c.dep_ == "prep" and c.lower_ == "of" and any(
            g.lemma_.lower() in _THE_DEAD for g in c.children) for c in last.children):
        return True  # "17 of the dead were children"
    head = (noun if noun is not None else last).head
    return head.lower_ in {"including", "among"}


_THE_DEAD = frozenset({"dead", "victim", "casualty", "wounded", "injured"})
_ACCOUNTS = frozenset({"toll", "figure", "estimate", "tally", "count", "version", "account"})


_NOT_VICTIMS = VEHICLES | {"total", "number", "tally", "toll", "attack", "strike", "raid",
                            "bomb", "blast", "explosion", "building", "house", "car", "plan",
                            "deal", "project", "bill", "proposal", "fire", "engine"}
_SINGLE_VERBS = {"kill": "killed", "die": "killed", "shoot": "killed", "wound": "wounded",
                 "injure": "wounded", "arrest": "arrested", "detain": "arrested",
                 "abduct": "arrested", "kidnap": "arrested"}


def _single_victims(sent: Span, taken: set[int | None]) -> list[Quantity]:
    """'A journalist was killed', '... and another was wounded': one victim, stated without
    a number."""
    out: list[Quantity] = []
    for tok in sent:
        verb = tok.head
        kind = _SINGLE_VERBS.get(verb.lemma_.lower())
        if kind is not None and tok.lower_ in {"one", "another"} and tok.dep_ == "nsubjpass" \
                and tok.idx not in taken:  # "two were killed and one/another was wounded"
            out.append(Quantity(kind=kind, low=1, best=1, high=1, text=tok.text, start=tok.idx,
                                end=tok.idx + len(tok.text)))
            continue
        if kind is None or tok.tag_ != "NN" or not _forms(tok).isdisjoint(_NOT_VICTIMS):
            continue
        victim = tok.dep_ in {"nsubjpass", "dobj"} or (
            tok.dep_ == "nsubj" and verb.lemma_.lower() == "die")
        if verb.lemma_.lower() == "shoot":  # "shot dead"
            victim = victim and any(c.lower_ == "dead" for c in verb.children)
        dets = [c for c in tok.children if c.dep_ == "det" and c.lower_ in {"a", "an"}]
        if not victim or not dets or dets[0].idx in taken:
            continue
        start, end = dets[0].idx, tok.idx + len(tok.text)
        out.append(Quantity(kind=kind, low=1, best=1, high=1, text=doc_text(sent.doc)[start:end],
                            start=start, end=end))
    return out


def casualties(sent: Span) -> tuple[Quantity | None, Quantity | None]:
    """(killed, wounded) for the sentence's event: first new count, else a running total."""
    found = find_quantities(sent)

    def pick(kind: str) -> Quantity | None:
        fresh = [q for q in found if q.kind == kind and not q.cumulative]
        total = [q for q in found if q.kind == kind and q.cumulative]
        return (fresh or total or [None])[0]

    return pick("killed"), pick("wounded")
