"""Attribution, modality and outcome: who says so, how sure they are, how it ended.

``chain`` lists the speaker first, then whoever relayed the words
("..., the Russian Defense Ministry was quoted as saying by ... RIA" gives
``["Russian Defense Ministry", "RIA"]``). Names are kept short: a person's
name without their title, an outlet's name without "newspaper"/"agency",
a group without its article ("Turkish sources", "activists"). Pronoun
speakers ("he said") are left out: an empty chain means "unknown", not
"the article itself". A definite speaker that does not say whose it is
("the ministry", "the minister") takes the name of its fuller mention earlier
in the report (a headline's, of the one in the body); an agency dateline
("ANKARA, March 1 (Agency) -") never speaks; in inverted reports ("...,
says Russian ministry") the speaker follows the verb.

``source_type`` is one of a small vocabulary, decided from the speaker's
whole noun phrase (titles included): official, media, monitor, activists,
analysts, local, unnamed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from sitroom.extract.actors import canonical_actor
from sitroom.extract.gazetteer import get_gazetteer

REPORTING = {"say", "report", "announce", "add", "tell", "state", "confirm", "inform", "quote",
             "write", "tweet", "declare", "note", "affirm", "explain", "warn", "insist",
             "stress", "reiterate", "acknowledge", "admit", "disclose", "reveal", "publish"}
# verbs of (not) taking up a topic: "the statement did not refer to reports that ..."
_REFERRING = {"refer", "mention", "comment", "address", "discuss"}
CLAIMING = {"claim", "allege", "accuse", "purport", "assert"}
DENYING = {"deny", "refute", "dismiss", "disavow"}
_CLAIM_NOUNS = {"claim", "report", "allegation", "accusation", "rumour", "rumor", "statement"}
# what a party denies having had in an act: "denied responsibility", "denies any role"
_DENIED_ROLES = {"involvement", "responsibility", "role", "part", "participation"}
_STATEMENT_NOUNS = {"statement", "communique", "announcement", "report", "release", "spokesman",
                    "spokesperson", "spokeswoman"}
_PLANNING = {"plan", "prepare", "intend", "expect", "schedule", "vow", "threaten"}
_PRONOUNS = {"he", "she", "it", "they", "we", "i", "you", "who", "which", "that"}
_OUTLET_NOUNS = {"newspaper", "agency", "daily", "channel", "broadcaster", "outlet", "website",
                 "tv", "television", "radio", "network", "paper", "magazine", "service"}

# Named outlets and monitors (facts about who is a news organisation).
OUTLETS = {"reuters", "afp", "ap", "associated press", "bloomberg", "ria", "ria novosti", "tass",
           "interfax", "sputnik", "anadolu", "anadolu agency", "hurriyet", "hürriyet",
           "al jazeera", "bbc", "cnn", "asharq al-awsat", "sana", "daily sabah", "al arabiya",
           "rudaw", "enab baladi", "trt", "yeni safak", "sabah", "al-watan", "al mayadeen",
           "the new york times", "new york times", "the guardian", "guardian", "haberturk",
           "dha", "demiroren", "ihlas", "rt", "zvezda", "kommersant", "izvestia", "hawar",
           "anha", "north press", "orient news", "step news", "xinhua", "dpa", "efe"}
MONITORS = ("observatory", "sohr", "monitor", "airwars", "violations documentation center")
_TYPE_WORDS = (
    ("local", ("local source", "local sources", "resident", "witness", "eyewitness", "locals",
               "villager", "local official", "rescue worker", "rescuer", "medic", "paramedic",
               "doctor", "hospital")),
    ("monitor", MONITORS),
    ("activists", ("activist",)),
    ("analysts", ("analyst", "expert", "observer", "researcher", "think tank")),
    ("media", ("agency", "newspaper", "news", "tv", "television", "channel", "daily", "outlet",
               "reporter", "correspondent", "journalist", "broadcaster", "footage", "media")),
    ("official", ("ministry", "government", "president", "minister", "director", "governor",
                  "army", "military", "spokesman", "spokesperson", "official", "commander",
                  "general", "kremlin", "presidency", "authorities", "embassy", "office",
                  "command", "armed forces", "council", "parliament", "ambassador", "envoy",
                  "chief", "pentagon", "state department", "defense", "defence", "forces",
                  "police", "navy", "air force", "prosecutor", "mayor", "spokesman")),
    ("unnamed", ("source", "sources")),
)


_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
# An agency dateline opening a paragraph: "MOSCOW, March 5 (Anatolia Wire) - ",
# "IDLIB, Syria, March 5, 2020 (Agency) -- ", "BEIRUT (Agency) - ". It names the desk and the
# wire, never who is speaking.
DATELINE = re.compile(
    rf"^\s*[A-Z][A-Z'.\-]+(?:\s+[A-Z][A-Z'.\-]+)*"
    rf"(?:,\s*(?!{_MONTH}\s)[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)?"
    rf"(?P<date>,\s*(?:{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH})(?:,?\s+\d{{4}})?)?"
    rf"\s*(?P<wire>\([^()]{{1,40}}\))?\s*[-\u2013\u2014]+\s+(?=\S)")


def dateline_end(text: str) -> int:
    """Length of the agency dateline that opens ``text`` (0 if none); it needs a date or wire."""
    m = DATELINE.match(text)
    return m.end() if m and (m["date"] or m["wire"]) else 0


@dataclass
class Attribution:
    """Who stands behind a sentence's claim, and how firmly it is made."""

    chain: list[str] = field(default_factory=list)
    modality: str = "asserted"
    source_type: str | None = None


def _left_edge(tok: Token) -> int:
    """Start of the name phrase: compounds, adjectives, possessors, but no article."""
    start = tok.i
    for child in sorted(tok.lefts, key=lambda c: -c.i):
        if child.dep_ not in {"compound", "amod", "nmod", "poss", "npadvmod"}:
            break
        if child.right_edge.i != start - 1:
            break
        start = child.left_edge.i
    return start


def _phrase(tok: Token) -> Span:
    doc = tok.doc
    start = _left_edge(tok)
    while start < tok.i and (doc[start].dep_ in {"det", "case"} or doc[start].is_punct
                             or doc[start].lower_ in {"many", "some", "several", "other"}):
        start += 1
    return doc[start:tok.i + 1]


def _entity_at(tok: Token, labels: set[str]) -> Span | None:
    for ent in tok.doc.ents:
        if ent.start <= tok.i < ent.end and ent.label_ in labels:
            return ent
    return None


def _strip_article(text: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", text.strip(), flags=re.I).strip()


def _appos_person(tok: Token) -> Span | None:
    """A person named in apposition to a title: 'the governor of Hatay province, Rahmi Dogan'.

    The parser may hang the name on the title itself or on the end of its 'of' phrase."""
    for t in tok.subtree:
        if t.dep_ != "appos" or t.i <= tok.i:
            continue
        path = [a for a in t.ancestors if a.i != tok.i and tok.i in {x.i for x in a.ancestors}]
        if all(a.dep_ in {"prep", "pobj", "compound", "poss"} for a in path):
            person = _entity_at(t, {"PERSON"})
            if person is not None:
                return person
    return None


def _name(tok: Token) -> tuple[str, str]:
    """(short display name, full phrase) of the noun phrase headed by ``tok``."""
    phrase = _phrase(tok)
    full = phrase.text
    person = _entity_at(tok, {"PERSON"}) or _appos_person(tok)
    if person is not None:
        return _strip_article(person.text), full
    words = list(phrase)
    if tok.pos_ == "NOUN":  # "the state news agency TASS": the name follows in apposition
        named = [c for c in tok.rights if c.dep_ == "appos" and c.pos_ == "PROPN"]
        if named:
            return _name(named[0])[0], f"{full} {named[0].text}"
    if tok.pos_ == "PROPN" and any(t.dep_ == "poss" for t in words):
        return _strip_article(full), full  # "Turkey's defence ministry": keep whose it is
    org = _entity_at(tok, {"ORG"})
    if tok.pos_ == "PROPN" and org is not None and tok.text[:1].isupper():
        return _strip_article(org.text), full
    if tok.lower_ in _OUTLET_NOUNS or tok.lemma_.lower() in _OUTLET_NOUNS:
        proper = [t for t in words[:-1] if t.pos_ == "PROPN" and t.ent_type_ != "NORP"]
        if proper:
            return " ".join(t.text for t in proper), full
    if tok.pos_ == "PROPN":
        # "Russian state news agency RIA": the name is the proper-noun run ending at the head
        run = [tok]
        for t in reversed(words[:-1]):
            if t.pos_ != "PROPN" and not (t.ent_type_ == "NORP" and t.text[:1].isupper()):
                break
            run.insert(0, t)
        org = _entity_at(tok, {"ORG", "GPE", "NORP", "FAC"})
        if org is not None and len(org.text) > len(" ".join(t.text for t in run)):
            return _strip_article(org.text), full
        return " ".join(t.text for t in run), full
    return _sentence_case(phrase, _strip_article(full)), full


def _sentence_case(phrase: Span, name: str) -> str:
    """'Activists said' → 'activists': a common noun is capitalised only by its position."""
    first = phrase[0]
    opening = first.i == first.sent.start or _in_dateline(first.doc[first.i - 1])
    common = first.pos_ in {"NOUN", "ADJ"} and first.ent_type_ not in {
        "NORP", "GPE", "ORG", "PERSON", "LOC", "FAC"}
    if opening and common and name[:1].isupper() and not first.text.isupper():
        return name[:1].lower() + name[1:]
    return name


def _whose(phrase: Span) -> bool:
    """Does a speaker phrase say whose it is (a nationality, a country, a possessor, a name)?"""
    if any(t.ent_type_ in {"NORP", "GPE", "PERSON"} or t.dep_ == "poss" for t in phrase):
        return True
    ref = canonical_actor(phrase.text)  # "Turkish Defence Ministry" tagged ORG throughout
    return ref is not None and ref.country is not None


def _antecedent(tok: Token) -> Token | None:
    """The fuller earlier mention of a definite speaker: 'the ministry' → 'the Russian defence
    ministry', 'the minister' → 'Defence Minister Hulusi Akar'.

    The nearest earlier noun phrase with the same head that contains all of the speaker's
    words and says whose it is; a headline (the document's first sentence) looks ahead to
    the body. Indefinite ('a source') and bare plural ('officials') speakers are new or
    generic, never resolved."""
    phrase = _phrase(tok)
    dets = {c.lower_ for c in tok.children if c.dep_ == "det"}
    if _whose(phrase) or _appos_person(tok) is not None or dets & {"a", "an", "another"}:
        return None
    if tok.tag_ in {"NNS", "NNPS"} and "the" not in dets:
        return None
    words = {t.lower_ for t in phrase}
    doc, sent = tok.doc, tok.sent
    order = list(range(sent.start - 1, -1, -1))
    if not doc[: sent.start].text.strip():
        order = list(range(sent.end, len(doc)))
    for i in order:
        cand = doc[i]
        if cand.lower_ != tok.lower_ and cand.lemma_.lower() != tok.lemma_.lower():
            continue
        head = cand.head if cand.dep_ == "compound" else cand
        if head is not cand and _entity_at(head, {"PERSON"}) is None:
            continue  # "ministry sources" is not the ministry
        if words <= {t.lower_ for t in _phrase(head)} | {cand.lower_} and (
                _whose(_phrase(head)) or _appos_person(head) is not None):
            return head
    return None


def _speaker_name(tok: Token) -> tuple[str, str]:
    """(name, full phrase) of a speaker: a statement's author, resolved to its fuller mention."""
    author = _statement_author(tok)
    if author.i != tok.i and any(c.lower_ in {"a", "an"} for c in tok.children):
        return _name(author)  # "a ministry statement": a new one, whoever's it is
    return _name(_antecedent(author) or author)


def _in_dateline(tok: Token) -> bool:
    """A token of the agency dateline opening its sentence ("ANKARA, March 1 (Agency) -")."""
    sent = tok.sent
    return tok.idx - sent.start_char < dateline_end(sent.text)


def _inverted(verb: Token) -> bool:
    """'..., says the ministry' / '..., the ministry says': the words come before the verb."""
    doc = verb.doc
    before = doc[verb.i - 1] if verb.i > verb.sent.start else None
    return before is not None and before.text in {",", '"', "\u201d", "'"}


def _nsubj_of(node: Token, verb: Token) -> Token | None:
    """The subject child of ``node`` that can be a speaker (not in a dateline).

    A headline parse may give a reporting verb two subjects ("First patrol shortened ...,
    says Russian ministry"): the one after an inverted verb is the speaker, else the nearest.
    """
    subs = [c for c in node.children if not _in_dateline(c) and (
        c.dep_ == "nsubj" or (c.dep_ == "nsubjpass" and node.i == verb.i))]
    if len(subs) > 1 and _inverted(node):
        after = [c for c in subs if c.i > node.i]
        subs = after or subs
    return min(subs, key=lambda c: abs(node.i - c.i)) if subs else None


def _clause_governor(tok: Token) -> Token | None:
    """The verb that governs the 'that'-clause or relative clause ``tok`` heads."""
    node = tok.head
    while node.i != node.head.i and node.pos_ not in {"VERB", "AUX"}:
        node = node.head
    return node if node.pos_ in {"VERB", "AUX"} and node.i != tok.i else None


def _subject(verb: Token) -> Token | None:
    """The speaker of a reporting verb, climbing from 'saying'/'to claim' to its governor.

    A reporting verb coordinated into a subordinate clause ("rejected reports that jets
    carried out the raid and says ...") is a misparse: its speaker is the main clause's.
    """
    node: Token | None = verb
    while node is not None:
        subj = _nsubj_of(node, verb)
        if subj is not None:
            return subj
        if node.dep_ == "conj" and node.head.dep_ in {"acl", "relcl", "ccomp"} and any(
                c.dep_ == "mark" for c in node.head.children):
            node = _clause_governor(node.head)
        elif node.dep_ in {"advcl", "xcomp", "pcomp", "conj", "acl"} and node.head.i != node.i:
            node = node.head
        else:
            return None
    return None


def _statement_author(tok: Token) -> Token:
    """'A statement issued by the ministry' → ministry; 'a ministry statement' → ministry."""
    if tok.lemma_.lower() not in _STATEMENT_NOUNS:
        return tok
    for child in tok.children:
        if child.dep_ == "acl":
            for agent in child.children:
                if agent.dep_ == "agent":
                    objs = [o for o in agent.children if o.dep_ == "pobj"]
                    if objs:
                        return objs[0]
        if child.dep_ in {"poss", "compound"} and child.pos_ in {"NOUN", "PROPN"}:
            return child
    return tok


def _by_agent(verb: Token) -> Token | None:
    """The relay in 'was quoted as saying by X'."""
    for node in verb.subtree:
        if node.lower_ == "by" and node.dep_ in {"agent", "prep"}:
            objs = [o for o in node.children if o.dep_ == "pobj"]
            if objs:
                return objs[0]
    return None


def _according_to(sent: Span) -> list[Token]:
    out = []
    for tok in sent:
        if tok.lower_ == "according":
            for to in tok.children:
                if to.lower_ == "to":
                    out.extend(o for o in to.children if o.dep_ == "pobj")
    return out


def _relay_of_source(tok: Token) -> Token | None:
    """'sources who spoke to Asharq Al-Awsat' / 'local sources told Al Jazeera' → the outlet."""
    for node in [tok, *tok.children]:
        verb = node if node.i != tok.i else tok.head
        if node.i != tok.i and node.dep_ != "relcl":
            continue
        if verb.lemma_.lower() not in {"speak", "talk", "tell"}:
            continue
        for child in verb.children:
            objs = [child] if child.dep_ in {"dobj", "dative"} else [
                o for o in child.children if child.lower_ == "to" and o.dep_ == "pobj"]
            for obj in objs:
                if obj.ent_type_ == "ORG" or _is_outlet(obj.text) or obj.pos_ == "PROPN":
                    return obj
    return None


def _is_outlet(text: str) -> bool:
    return _strip_article(text).lower() in OUTLETS


def source_type(phrase: str) -> str | None:
    """Classify a speaker's noun phrase into the small source-type vocabulary."""
    low = phrase.lower()
    if _is_outlet(low) or any(o in low.split() for o in ("ria", "afp", "tass", "reuters")):
        return "media"
    for kind, words in _TYPE_WORDS:
        if any(re.search(rf"\b{re.escape(w)}", low) for w in words):
            return kind
    return None


def _reduced_passive(verb: Token) -> bool:
    """'Soldiers reported killed', 'X reported dead': a headline's passive, no speaker."""
    return verb.lemma_.lower() == "report" and verb.tag_ in {"VBD", "VBN"} and not any(
        c.dep_ in {"aux", "auxpass", "ccomp", "dobj"} for c in verb.children) and any(
        c.dep_ in {"xcomp", "oprd", "acomp"} and c.tag_ in {"VBN", "JJ"} for c in verb.children)


def _speakers(sent: Span) -> list[tuple[str, str, Token]]:
    """(name, full phrase, verb) for each attributed speaker, innermost reporting verb first."""
    verbs = [t for t in sent if t.pos_ in {"VERB", "AUX"}
             and t.lemma_.lower() in REPORTING | CLAIMING | DENYING]
    verbs.sort(key=lambda v: -sum(1 for _ in v.ancestors))
    out: list[tuple[str, str, Token]] = []
    seen: set[int] = set()
    for verb in verbs:
        deps = {c.dep_ for c in verb.children}
        if verb.lemma_.lower() == "tell" and "nsubjpass" in deps:
            continue
        if _reduced_passive(verb):
            continue  # "Dozens of soldiers reported killed": reportedly, by nobody named
        objs = [c for c in verb.children if c.dep_ == "dobj"
                and c.lemma_.lower() not in _CLAIM_NOUNS and c.tag_ != "VBG"]
        if objs and not deps & {"ccomp", "xcomp"} and verb.lemma_.lower() not in {
            "tell", "quote", "say"
        }:
            continue  # "declared a ceasefire", "denied entry": an act, not a report
        subj = _subject(verb)
        if subj is not None and subj.dep_ == "nsubjpass" and verb.lemma_.lower() != "quote":
            subj = _by_agent(verb)  # "has been dismissed by many experts"
        if subj is None or subj.lower_ in _PRONOUNS or subj.i in seen:
            continue
        seen.add(subj.i)
        name, full = _speaker_name(subj)
        out.append((name, full, verb))
        relay = _by_agent(verb) if verb.lemma_.lower() == "quote" else _relay_of_source(subj)
        if relay is not None and relay.i not in seen:
            seen.add(relay.i)
            out.append((*_name(relay), verb))
    return out


# Headlines name their source after a colon or dash: "Mission was cut short: Russia".
_HEADLINE_SOURCE = re.compile(r"\S\s*(?::|\s[-\u2013\u2014])\s+(?P<who>[A-Za-z][\w'. -]{1,40})$")


def _chain(sent: Span) -> tuple[list[str], str | None]:
    speakers = _speakers(sent)
    for tok in _according_to(sent):
        speakers.append((*_speaker_name(tok), tok))
        relay = _relay_of_source(tok)
        if relay is not None:
            speakers.append((*_name(relay), tok))
    if not speakers:
        tail = _HEADLINE_SOURCE.search(sent.text.strip())
        if tail and len(tail["who"].split()) <= 4:
            speakers.append((tail["who"], tail["who"], sent.root))
    chain: list[str] = []
    for name, _full, _tok in speakers:
        if name and name not in chain:
            chain.append(name)
    kind = source_type(speakers[0][1]) if speakers else None
    if speakers and kind is None and _looks_like_state(sent, speakers[0][0]):
        kind = "official"
    return chain, kind


def _looks_like_state(sent: Span, name: str) -> bool:
    """A country, capital or person named as speaker stands for its government."""
    for ent in sent.ents:
        same = ent.text.endswith(name) or name.endswith(_strip_article(ent.text))
        if same and ent.label_ in {"GPE", "PERSON"}:
            return True
    return False


def _event_verbs(sent: Span) -> list[Token]:
    """The verbs that carry the reported event: the root, or what a reporting verb reports."""
    root = sent.root
    reporting = REPORTING | CLAIMING | DENYING
    if root.lemma_.lower() not in reporting:
        return [root]
    comps = [c for c in root.subtree if c.dep_ in {"ccomp", "xcomp"} and c.i != root.i
             and c.lemma_.lower() not in reporting]
    return comps or [root]


def _is_negation(tok: Token) -> bool:
    """'not', 'never', "n't" -- but not 'not only', which adds rather than negates."""
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return (tok.dep_ == "neg" or tok.lower_ in {"never", "not"}) and not (
        nxt is not None and nxt.lower_ == "only")


def _negated(verb: Token) -> bool:
    for child in verb.children:
        if _is_negation(child):
            return True
        if child.dep_ in {"aux", "auxpass"} and any(_is_negation(g) for g in child.children):
            return True
    return False


def _in_reported_speech(verb: Token) -> bool:
    """'they said they would boycott': 'would' is the future of the past, not a condition."""
    return verb.dep_ == "ccomp" and verb.head.lemma_.lower() in REPORTING | CLAIMING


def _modality(sent: Span, has_source: bool, trigger: int | None = None) -> str:
    lemmas = {t.lemma_.lower() for t in sent if t.pos_ in {"VERB", "AUX"}}
    lower = {t.lower_ for t in sent}
    verbs = _event_verbs(sent)
    conditional = any(t.lower_ in {"if", "unless"} and t.dep_ == "mark" for t in sent)
    for verb in verbs:
        aux = {c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}
        would = "would" in aux and (conditional or not _in_reported_speech(verb))
        if would or aux & {"could", "might", "may"} or any(
            c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in verb.children
        ):
            return "hypothetical"
    for tok in sent:
        lemma = tok.lemma_.lower()
        if lemma in {"deny", "refute", "disavow"} and tok.pos_ == "VERB":
            objs = [c for c in tok.children if c.dep_ == "dobj"]
            has_clause = any(c.dep_ == "ccomp" for c in tok.children)
            if has_clause or all(o.lemma_.lower() in _CLAIM_NOUNS | _DENIED_ROLES
                                 or o.tag_ == "VBG" for o in objs):
                return "denied"  # not "denied entry", "denied land allocation"
        if lemma in {"dismiss", "reject"} and tok.pos_ == "VERB":
            objs = [c for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}]
            as_what = lemma == "dismiss" and any(c.lower_ == "as" for c in tok.children)
            if as_what or any(o.lemma_.lower() in _CLAIM_NOUNS for o in objs):
                return "denied"  # "dismissed ... as superficial", "rejected the claims"
    if any(_negated(v) and v.lemma_.lower() not in REPORTING | _REFERRING for v in verbs):
        return "negated"  # "did not say / did not refer to reports that ..." denies nothing
    act = next((t for t in sent if t.idx == trigger), None) if trigger is not None else None
    # a plan elsewhere in the sentence ("as it prepared to leave") is not the act's
    path = {act.i, *(a.i for a in act.ancestors)} if act is not None else None
    for verb in verbs if path is None else [v for v in verbs if v.i in path]:
        aux = {c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}
        if aux & {"will", "shall", "'ll", "would"} or verb.lemma_.lower() in _PLANNING:
            return "planned"
        if verb.head.lemma_.lower() in _PLANNING and verb.dep_ in {"xcomp", "ccomp"}:
            return "planned"
    if lemmas & CLAIMING or "allegedly" in lower:
        return "claimed"
    if has_source or "reportedly" in lower or lemmas & REPORTING:
        return "reported"
    return "asserted"


def attribute(sent: Span, trigger: int | None = None) -> Attribution:
    """Chain of sources (speaker first), modality and source type of one sentence; with the
    act's trigger (a character offset), a plan counts only on the act's own clause path."""
    chain, kind = _chain(sent)
    return Attribution(chain=chain, modality=_modality(sent, bool(chain), trigger),
                       source_type=kind)


_MISSION_NOUNS = {"patrol", "mission", "operation", "drill", "exercise", "convoy", "evacuation",
                  "withdrawal", "deployment", "raid", "offensive", "route", "visit", "talks",
                  "patrolling", "escort", "tour", "inspection", "delivery"}
_OUTCOME_PHRASES = (  # (outcome, pattern, needs a mission noun in the sentence)
    ("cut_short", r"\bcut (?:\w+ )?short\b|\bshorter route\b|\bended early\b|\bshortened\b"
                  r"|\bcurtailed\b|\bturned back\b", False),
    ("refused", r"\brefus(?:ed|es|e) to (?:hold|take part|join|conduct|carry out|participate)"
                r"|\bdeclined to (?:hold|take part|join|conduct|participate)", True),
    ("cancelled", r"\bcancel+ed\b|\bcalled off\b|\bscrapped\b|\babandoned\b", True),
    ("postponed", r"\bpostponed\b|\bdelayed\b|\bput off\b|\brescheduled\b", True),
    ("failed", r"\bfailed to\b|\bunsuccessful\b|\bwas thwarted\b", True),
    ("cut_short", r"\bhalted\b|\bsuspended\b|\binterrupted\b", True),
    ("completed", r"\bconducted\b|\bcarried out\b|\bcompleted\b|\btook place\b"
                  r"|\btaken place\b|\bwas held\b|\bwere held\b|\bconcluded\b", True),
    # who holds a place fought over: still contested, or taken
    ("contested", r"\b(?:fighting|battle|combat)\b(?: \w+){0,4} (?:is |was )?(?:still )?"
                  r"(?:continu\w*|goes on|going on|went on|raging)\b|\bstill (?:\w+ ){0,2}"
                  r"(?:fighting|engaged in combat|in control|holding)\b|\brepel+ed\b|\brepulsed\b"
                  r"|\bremain(?:s|ed)? (?:firmly )?(?:under|in) (?:the )?(?:\w+ ){0,2}"
                  r"(?:control|hands)\b", False),
    ("taken", r"\b(?:captured|recaptured|liberated|seized|took (?:control|full control|over)"
              r"|(?:has|have|had) taken|taken over|overran|fell to|had fallen"
              r"|out of (?:our|their) hands)\b", False),
)


_HOLD_OUTCOMES = {"contested", "taken"}
_PLACE_NOUNS = re.compile(r"\b(?:town|city|village|district|area|region|airport|base|"
                          r"province|hill|bridge|port)s?\b", re.I)


def _names_place(sent: Span) -> bool:
    """A place is named: the "taken" or "contested" is of ground, not of prisoners."""
    return any(e.label_ in {"GPE", "LOC", "FAC"} for e in sent.ents) or \
        bool(_PLACE_NOUNS.search(sent.text)) or any(
            t.pos_ == "PROPN" and get_gazetteer().lookup(t.text, fuzzy=False) for t in sent)


_TRUCE_NOUNS = re.compile(r"\b(?:truce|ceasefire|cease-fire|armistice|pause|lull)s?\b", re.I)
_TRUCE_OUTCOMES = (  # how a truce fared, by who tells it; a claim of keeping it comes first
    ("held", r"(?<!not )(?<!never )\b(?:held|holding|respect(?:ed|ing)|observ(?:ed|ing)|abided by"
             r"|complied with)\b"),
    ("violated", r"\bviolat\w*|\bbreach\w*|\bbr(?:oke|eak|eaks|eaking|oken)\b(?! out| down)"
                 r"|\bcollaps\w*|\b(?:did not|didn't|failed to) hold\b"),
)


def truce_outcome(sent: Span) -> str | None:
    """How a truce the sentence names fared: "violated" (broken, breached, collapsed) or
    "held" (respected, observed), or None."""
    if not _TRUCE_NOUNS.search(sent.text):
        return None
    text = sent.text.lower()
    return next((name for name, pattern in _TRUCE_OUTCOMES if re.search(pattern, text)), None)


def outcome(sent: Span) -> str | None:
    """How a mission/patrol/operation ended (completed, cut_short, refused, ...) or who holds
    a place fought over (taken, contested), or None."""
    text = sent.text.lower()
    has_mission = any(t.lemma_.lower() in _MISSION_NOUNS for t in sent if t.pos_ == "NOUN")
    for name, pattern, needs_mission in _OUTCOME_PHRASES:
        m = re.search(pattern, text)
        if not m or (needs_mission and not has_mission) or (
                name in _HOLD_OUTCOMES and not _names_place(sent)):
            continue
        tok = sent.doc.char_span(sent.start_char + m.start(), sent.start_char + m.end(),
                                 alignment_mode="expand")
        if tok is not None and any(_negated(t) for t in tok) and name not in _HOLD_OUTCOMES:
            continue  # a place said not to be taken is still a claim about it (modality)
        return name
    return None
