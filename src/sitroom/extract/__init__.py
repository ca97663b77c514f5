"""Extraction: one parsed article → the Mentions it reports, each with its evidence.

One module per field (event_type, actors, places, dates, quantities,
attribution); this module only decides which sentences to code and assembles
their answers into :class:`~sitroom.records.Mention` records.

The full parse dominates run time, so :func:`focus_text` blanks out the
paragraphs that carry no trigger word *before* parsing. Blanking (rather than
cutting) keeps every character offset identical to the article text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import replace
from itertools import islice

from spacy.tokens import Doc, Span

from sitroom.extract import (
    actors,
    attribution,
    contested,
    dates,
    earlier,
    event_type,
    places,
    quantities,
    targets,
)
from sitroom.nlp import doc_text
from sitroom.records import Article, DateRef, Mention, PlaceRef, stable_id

_WORD = re.compile(r"[a-z]+")
_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\n)[^\n]+)*")
_SAME_DAY = re.compile(r"\b(?:earlier|later) (?:in|on) the day\b|\b(?:on )?the same day\b|"
                       r"\bon that day\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"([.!?][\"”’)]?)\s+(?=[\"“‘(]?[A-Z])")
_SUFFIXES = ("ings", "ing", "ed", "es", "s", "d")


def _stems(word: str) -> set[str]:
    """The word and its crude suffix-stripped forms: enough for a recall-first filter."""
    forms = {word}
    for suf in _SUFFIXES:
        if word.endswith(suf) and len(word) - len(suf) >= 3:
            forms.add(word[: -len(suf)])
            forms.add(word[: -len(suf)] + "e")
    return forms


def has_trigger(text: str) -> bool:
    """Cheap token-level test: does this text contain any event trigger word?"""
    lexicon = event_type.TRIGGER_LEMMAS
    return any(not lexicon.isdisjoint(_stems(w)) for w in _WORD.findall(text.lower()))


# Words that alone make a sentence worth parsing; any other trigger word ("met", "sent",
# "support") needs a conflict cue beside it, or news about anything would all be parsed.
_STRONG = frozenset(
    """
    kill killing killed dead died death wounded injured hurt casualty casualties airstrike
    air-strike bomb bombed bombing bombard bombardment shell shelled shelling clash
    ambush assault massacre explosion explode exploded detonated blast raid abduct
    kidnap arrest arrested detain detained ceasefire cease-fire truce troops convoy
    patrol patrolling offensive deploy deployed deployment mobilize mobilise withdraw
    withdrawal withdrew retreat recapture seize seized neutralize neutralise loot torch
    riot protester protesters demonstrators sanction reinforcement stationed amass
    militants rebels insurgents agreement agreed accord corridor summit observation
""".split()  # noqa: SIM905 - a word list reads best as words
)
_CUES = frozenset(
    """
    military army troops soldiers forces rebels militants fighters police militia regime
    ministry insurgents jihadist gunmen civilians jets jet drone drones missile missiles
    rocket rockets artillery tank tanks weapons war attack attacks strike strikes
""".split()  # noqa: SIM905 - a word list reads best as words
)


# "denied responsibility", "denies any involvement": a perpetrator claim with no act word
_DENIAL = re.compile(r"\bden(?:y|ied|ies|ying|ial)\b.{0,60}?\b(?:responsib\w*|involve\w*|"
                     r"carr\w* out|behind|role)\b", re.IGNORECASE)


def worth_parsing(sentence: str) -> bool:
    """A strong trigger, a weaker one beside a conflict cue, or a denial of involvement:
    the sentence gets parsed."""
    if _DENIAL.search(sentence):
        return True
    words = _WORD.findall(sentence.lower())
    if any(not _STRONG.isdisjoint(_stems(w)) for w in words):
        return True
    return not _CUES.isdisjoint(words) and has_trigger(sentence)


def _units(text: str) -> list[tuple[int, int]]:
    """Sentence-like spans found without a parser: paragraphs cut after . ! ? + capital."""
    out = []
    for para in _PARAGRAPH.finditer(text):
        start = para.start()
        for cut in _SENTENCE_END.finditer(para.group()):
            out.append((start, para.start() + cut.end(1)))
            start = para.start() + cut.end()
        out.append((start, para.end()))
    return out


CONFLICT_SHARE = 0.25  # of a report's sentences worth parsing: it is about armed conflict


def focus_text(text: str) -> str:
    """Blank the sentences not worth parsing (same length, same offsets); keep the first.
    In a report of armed conflict (a quarter of its sentences worth parsing) any act word
    is worth it: "Armenia denied firing at Ganja", "the texts were signed in Istanbul"."""
    chars = list(text)
    units = _units(text)
    worth = [worth_parsing(text[a:b]) for a, b in units]
    conflict = sum(worth) >= CONFLICT_SHARE * len(worth)
    for n, (start, end) in enumerate(units):
        if n == 0 or worth[n] or (conflict and has_trigger(text[start:end])):
            continue
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


def _paragraph_start(text: str, offset: int) -> int:
    return text.rfind("\n\n", 0, offset) + 1


def _fallback_date(
    sent: Span,
    event: str,
    anchor: str | None,
    recent: dict[int, DateRef],
    by_type: dict[str, DateRef],
) -> DateRef:
    """An undated sentence takes the last date of its paragraph, else its article's last
    date for the same event type (reports retell their lead event); else it stays unknown.
    The DateRef keeps the offsets of the expression it came from, so it stays traceable."""
    para = _paragraph_start(doc_text(sent.doc), sent.start_char)
    if para in recent:
        return recent[para]
    if event in by_type:
        return by_type[event]
    return DateRef(precision="unknown", anchor=anchor)


def _yearless_dateline(text: str) -> dict[int, DateRef]:
    """A report with no publication date but a year-less dateline ("GANJA, Oct 17 (…) -"):
    its opening paragraph's undated sentences are of that day."""
    for para in islice(_PARAGRAPH.finditer(text), 3):
        ref = dates.dateline_month_day(para.group(), para.start())
        if ref is not None:
            return {_paragraph_start(text, para.start()): ref}
    return {}


def mentions_from_doc(doc: Doc, article: Article) -> list[Mention]:
    """Code every event sentence of one parsed article as a Mention."""
    found_places = places.geoparse(doc)
    anchor = article.published
    recent = _yearless_dateline(doc_text(doc)) if anchor is None else {}
    by_type: dict[str, DateRef] = {}
    first_by_type: dict[str, DateRef] = {}
    out: list[Mention] = []
    supporting: list[Span] = []
    deal_talk: list[Span] = []
    told: DateRef | None = None  # the last day the report named
    for sent in doc.sents:
        if not sent.text.strip() or not (has_trigger(sent.text) or _DENIAL.search(sent.text)):
            continue
        date = dates.event_date(sent, anchor=anchor)
        para = _paragraph_start(doc_text(doc), sent.start_char)
        code = event_type.classify_sentence(sent)
        if code is not None and code.plover != "AGREE" and _it_is_the_deal(sent):
            code = None  # "It creates a security corridor ...": the deal's terms, not an act
        sides = [side for side in earlier.side_acts(sent)  # acts beside the coded one
                 if not side.span.start_char <= (code.trigger_start or -1) < side.span.end_char
                 ] if code is not None else []
        if any(side.span.start_char <= (date.char_start or -1) < side.span.end_char
               for side in sides):  # "... after the regime killed 34 troops in late February"
            date = DateRef(precision="unknown", anchor=anchor)
        if date.precision == "unknown" and told is not None and _SAME_DAY.search(sent.text):
            date = told  # "recaptured Saraqeb earlier in the day": the day just told of
        if date.precision != "unknown":
            recent[para] = date
        if date.start or date.month_day:
            told = date
        if code is None:
            supporting.append(sent)
            continue
        if code.plover in _DEAL_TALK or (code.plover != "AGREE" and (
                _UNDER_DEAL.search(sent.text) or _BREACH.search(sent.text)
                or _deal_speaks(sent))):
            # "accused each other of breaking the truce", "under the deal, peacekeepers will
            # deploy": of the deal too
            deal_talk.append(sent)
        if code.plover == "AGREE":  # "the March 5 deal", "signed an agreement on Saturday"
            own = dates.date_of_word(sent, anchor, code.trigger_start) or \
                dates.event_date(sent, anchor, deal=True)
            date = own if own.start or own.month_day else date
        if date.precision == "unknown" and not dates.awaits_anchor(date):
            # a bare weekday only when nothing better is known
            fallback = _fallback_date(sent, code.plover, anchor, recent, by_type)
            date = fallback if fallback.start or fallback.month_day else date
        if date.start or date.month_day:  # own or taken from the paragraph: the type's date
            by_type[code.plover] = date
            first_by_type.setdefault(code.plover, date)
        if event_type.held_since(sent, code) and \
                (since := dates.first_date(sent, anchor)).precision != "unknown":
            date = since  # "the army has held Sirt since last Monday": taken last Monday
        scope = sent  # the words that tell of the act
        clause = earlier.earlier_clause(sent)
        if clause is not None and (inner := event_type.classify_sentence(clause.span)):
            # "The strike came a week after Tripoli forces recaptured Gharyan": of the recapture
            code, scope = inner, clause.span
            date = dates.first_date(scope, anchor) if clause.own_date else \
                earlier.shifted(date, clause.days)
        out.append(_act_mention(sent, scope, code, date, article, found_places,
                                asides=[side.span for side in sides] if scope is sent else []))
        if code.plover != "AGREE" and scope is sent and \
                (deal := _dated_deal(sent, anchor)) is not None:
            # "patrolled the M4 in line with the March 5 agreement": a mention of that deal,
            # whose date the article's other sentences on a deal then take
            span, when, inner = deal
            out.append(_act_mention(sent, span, inner, when, article, found_places,
                                    key=span.start_char))
            by_type.setdefault("AGREE", when)
            first_by_type.setdefault("AGREE", when)
        for side in sides if scope is sent else ():
            # "launched Spring Shield following the killing of Turkish troops in an air strike
            # last week": a mention of that killing too
            inner = event_type.classify_sentence(side.span)
            when = dates.first_date(side.span, anchor)
            if when.precision == "unknown" and not side.own_date:
                when = earlier.shifted(date, side.days)
            if when.precision == "unknown" and anchor is None:
                # with no publication date, "last week" waits for fusion to date the report
                when = next((r for r in dates.find_dates(side.span, None)
                             if dates.awaits_anchor(r)), when)
            if inner is not None and (when.precision != "unknown" or dates.awaits_anchor(when)):
                out.append(_act_mention(sent, side.span, inner, when, article, found_places,
                                        key=side.span.start_char))
    for m in out:  # a headline or lead before the first date takes its type's first date,
        # unless it names its own weekday or a relative day fusion will read ("last week";
        # a later date then tells of an earlier happening)
        # or that date is background, weeks before the report ("On 7 November a jet ...")
        if m.date.precision == "unknown" and m.event_type in first_by_type and \
                dates.weekday_of(m.date) is None and not dates.awaits_anchor(m.date) and \
                not _background(first_by_type[m.event_type], anchor):
            m.date = first_by_type[m.event_type]
    out += _blame_claims(out, article)
    out += _supporting_mentions(supporting, out, article, found_places)
    out += _deal_references(supporting + deal_talk, out, article)
    _place_from_article(out)
    unique: dict[str, Mention] = {}
    for m in out:  # one mention per sentence and type: a second reading of it adds nothing
        unique.setdefault(m.id, m)
    return list(unique.values())


def _background(ref: DateRef, published: str | None) -> bool:
    """A date ending more than a week before the report was published: background."""
    if not ref.end or not published:
        return False
    return (dt.date.fromisoformat(published[:10]) - dt.date.fromisoformat(ref.end)).days > 7


def _act_mention(sent: Span, scope: Span, code: event_type.EventCode, date: DateRef,
                 article: Article, found_places: list[PlaceRef],
                 key: int | None = None, asides: list[Span] | None = None) -> Mention:
    """The mention of the act ``code`` that ``scope`` (the sentence, or a clause of it)
    tells of: its actors, place, counts and outcome read from ``scope``, the attribution
    from the whole sentence. ``key`` tells apart a second act of one sentence; the tolls
    of its side acts (``asides``) are theirs, not this act's."""
    anchor = article.published
    found = actors.find_actors(scope, when=anchor)
    actor1, actor2 = actors.assign_roles(scope, code, found)
    blamer = None
    if code.plover == "ASSAULT" and actors.accused(sent, actor2):
        if actors.accused(sent, actor2, code.trigger_start):
            # whom a report blames did it, by the claim of whoever blames them
            blamer, actor1, actor2 = actor1, actor2, None
        else:  # blamed beside an act with its own doer: no target of it either
            actor2 = None
    killed, wounded = (None if q is None or any(a.start_char <= (q.start or -1) < a.end_char
                                                for a in asides or ()) else q
                       for q in quantities.casualties(scope))
    counts = quantities.find_quantities(scope)
    attr = attribution.attribute(sent, code.trigger_start)
    if blamer is not None:
        attr = replace(attr, modality="claimed",
                       chain=attr.chain or [blamer.text or blamer.name])
    lead = len(sent.text) - len(sent.text.lstrip())
    sentence = sent.text.strip()
    return Mention(
        id=stable_id("men", article.id, sent.start_char if key is None else key, code.plover),
        article_id=article.id,
        event_type=code.plover,
        mode=code.mode,
        cameo=code.cameo,
        acled_event_type=code.acled_event_type,
        acled_sub_event_type=code.acled_sub_event_type,
        trigger=code.trigger,
        actor1=actor1,
        actor2=actor2,
        location=places.locate(scope, found_places, code.trigger_start),
        date=date,
        fatalities=killed,
        wounded=wounded,
        quantities=counts,
        modality=attr.modality,
        attribution=attr.chain,
        source_type=attr.source_type,
        outcome=_outcome(scope, code.plover),
        target_kinds=targets.target_kinds(scope, code.trigger_start)
        if code.plover == "ASSAULT" else [],
        contested=contested.contested(scope, counts) if code.plover == "ASSAULT" else None,
        sentence=sentence,
        start=sent.start_char + lead,
        end=sent.start_char + lead + len(sentence),
        confidence=code.confidence,
        doc=article.doc,
        outlet=article.outlet,
        published=article.published,
        url=article.url,
    )


def _outcome(scope: Span, plover: str) -> str | None:
    """How the act ended: a truce held or was violated; a mission was completed or cut
    short. An attack "carried out" by someone says who did it, not how it ended."""
    if plover == "AGREE":
        return attribution.truce_outcome(scope)
    found = attribution.outcome(scope)
    return None if plover == "ASSAULT" and found == "completed" else found


def _supporting_mentions(sents: list[Span], mentions: list[Mention], article: Article,
                         found_places: list) -> list[Mention]:
    """Sentences with no act word of their own that report on the article's attack: a
    casualty count ("More than a hundred people were injured") or a denial of involvement
    ("The ministry denied responsibility"). Each becomes a mention of the attack it follows
    (``follows``: its codes, date and place unless the sentence gives its own)."""
    attacks = [m for m in mentions if m.event_type == "ASSAULT"]
    out: list[Mention] = []
    for sent in sents if attacks else ():
        counts = quantities.casualties(sent)
        if any(q is not None and q.cumulative for q in counts):
            continue  # a running total is no news of this attack
        killed, wounded = counts
        attr = attribution.attribute(sent)
        denies = attr.modality in ("denied", "negated")
        denial = denies and _DENIAL.search(sent.text)
        harmed = not denies and _HARMED.search(sent.text)
        if killed is None and wounded is None and not denial and not harmed:
            continue
        lead = _lead_act(attacks, sent.start_char, article)
        date = dates.event_date(sent, anchor=article.published)
        found = actors.find_actors(sent, when=article.published)
        out.append(_follower(
            lead, sent, article, attr,
            actor1=found[0] if denial and found else None,
            actor2=None if denial else lead.actor2,
            date=date if date.precision != "unknown" else lead.date,
            location=places.locate(sent, found_places) or lead.location,
            fatalities=killed, wounded=wounded, quantities=quantities.find_quantities(sent)))
    return out


def _follower(lead: Mention, sent: Span, article: Article, attr: attribution.Attribution,
              **fields: object) -> Mention:
    """A mention of ``sent`` that follows the act ``lead`` tells of: the lead's codes with
    the sentence's own words, attribution and the given fields."""
    sentence = sent.text.strip()
    start = sent.start_char + len(sent.text) - len(sent.text.lstrip())
    fields.setdefault("outcome", None)
    return replace(
        lead, id=stable_id("men", article.id, sent.start_char, lead.event_type), trigger=None,
        follows=lead.id, modality=attr.modality, attribution=attr.chain,
        source_type=attr.source_type, target_kinds=[], sentence=sentence,
        start=start, end=start + len(sentence), confidence=round(lead.confidence * 0.8, 3),
        **fields)  # type: ignore[arg-type]


# "One of the correspondents was seriously hurt": harm told without a count
_HARMED = re.compile(r"\b(?:was|were|been|being)\s+(?:\w+ly\s+)?(?:killed|wounded|injured|"
                     r"hurt)\b|\b(?:among|of) (?:those|the) (?:killed|wounded|injured|dead)\b",
                     re.I)


# acts about a deal ("urged both sides to observe the ceasefire", "accused each other of
# breaking the truce"): besides their own event, mentions of the deal they name
_DEAL_TALK = frozenset({"ACCUSE", "DEMAND", "REJECT"})
# deals themselves, what "It creates a corridor ..." may stand for
_DEALS = frozenset({"agreement", "deal", "accord", "ceasefire", "cease-fire", "truce",
                    "memorandum", "protocol", "roadmap"})
# and the words that name a deal's text or making
_DEAL_NOUNS = _DEALS | {"pause", "statement", "signing", "document", "arrangement", "summit",
                        "mini-summit", "communique", "communiqué"}
# a term of a deal: "under the agreement, ...", "according to the statement, ..."
_UNDER_DEAL = re.compile(r"\b(?:under|according to) (?:the|this|that|their|its) (?:\w+ ){0,2}"
                         r"(?:agreement|deal|accord|ceasefire|truce|statement|document|"
                         r"protocol|memorandum|arrangement)\b", re.IGNORECASE)


# "breached the ceasefire within hours", "violated the truce": an attack told as of the deal
_BREACH = re.compile(r"\b(?:breach\w*|violat\w*|broke|broken|breaking)\s+(?:\w+\s+){0,2}"
                     r"(?:ceasefire|cease-fire|truce|agreement|deal)\b", re.IGNORECASE)


def _deal_speaks(sent: Span) -> bool:
    """A deal or summit is the subject ("the summit also said the rebels must withdraw",
    "the Luanda mini-summit ordered the M23 to halt all attacks"): its terms."""
    return any(t.dep_ == "nsubj" and t.lemma_.lower() in _DEAL_NOUNS for t in sent)


def _it_is_the_deal(sent: Span) -> bool:
    """"Erdogan and Putin reached the deal in Moscow. It creates a security corridor ...":
    a sentence whose subject is "it", right after one that names a deal in its paragraph."""
    if not any(t.dep_ == "nsubj" and t.lower_ == "it" and t.head.dep_ == "ROOT" for t in sent):
        return False
    if sent.start == 0:
        return False
    before = sent.doc[sent.start - 1].sent
    if "\n\n" in doc_text(sent.doc)[before.end_char : sent.start_char]:
        return False  # another paragraph
    return any(t.lemma_.lower() in _DEALS and t.pos_ == "NOUN" for t in before)



def _dated_deal(sent: Span, anchor: str | None) -> tuple[Span, DateRef, event_type.EventCode
                                                          ] | None:
    """A deal named with its date in a sentence about another act ("in line with the March 5
    agreement sealed between Ankara and Moscow"): its words, date and code."""
    for tok in sent:
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in _DEAL_NOUNS:
            continue
        when = dates.date_of_word(sent, anchor, tok.idx)
        if when is None:
            continue
        span = sent.doc[tok.left_edge.i : tok.right_edge.i + 1]
        code = event_type.classify_sentence(span)
        if code is not None and code.plover == "AGREE":
            return span, when, code
    return None


def _deal_references(sents: list[Span], mentions: list[Mention],
                     article: Article) -> list[Mention]:
    """Sentences of a report on a deal that say more of it ("the truce is meant to let both
    sides swap prisoners", "accused each other of breaking the truce"): mentions of the
    deal they follow."""
    deals = [m for m in mentions if m.event_type == "AGREE" and not m.follows]
    out: list[Mention] = []
    for sent in sents if deals else ():
        if not (_it_is_the_deal(sent) or any(
                t.lemma_.lower() in _DEAL_NOUNS and t.pos_ == "NOUN" and
                any(c.dep_ == "det" and c.lower_ in {"the", "this", "that", "their"}
                    for c in t.children) for t in sent)):
            continue
        lead = _lead_act(deals, sent.start_char, article)
        out.append(_follower(lead, sent, article, attribution.attribute(sent), quantities=[],
                             fatalities=None, wounded=None,
                             outcome=attribution.truce_outcome(sent)))
    return out


def _lead_act(acts: list[Mention], start: int, article: Article) -> Mention:
    """The act a sentence at ``start`` reports on: the last one earlier in its paragraph,
    else the article's first (its lead story)."""
    para = _paragraph_start(article.text, start)
    near = [a for a in acts if para <= a.start <= start]
    return max(near, key=lambda a: a.start) if near else min(acts, key=lambda a: a.start)


# what an accusation or a condemnation names when it is about an attack ("accused them of
# shelling the town", "condemned the deaths of the aid workers")
_ATTACK_WORDS = re.compile(r"\b(attack|strike|raid|bomb|shell|kill|death|massacre|murder"
                           r"|fir(?:e|ed|ing)\b)", re.IGNORECASE)


def _blame_claims(mentions: list[Mention], article: Article) -> list[Mention]:
    """"Turkish officials blamed the Syrian government": besides the accusation itself, a
    claim about who carried out the attack the article reports (see ``_lead_act``; the
    claim ``follows`` it), attributed to the accuser.

    "blame" needs no more; "accuse"/"attribute" only when the sentence names an attack. A
    condemnation that names one ("condemned the deaths of the aid workers") is a mention
    of the attack too (see ``_condemnation``)."""
    attacks = [m for m in mentions if m.event_type == "ASSAULT"]
    out = []
    for m in mentions:
        trigger = (m.trigger or "").lower()
        if attacks and m.event_type in {"DISAPPROVE", "ACCUSE"} and m.actor2 is None and \
                _ATTACK_WORDS.search(m.sentence + " " + trigger):
            # "condemned the deaths", "each side accused the other of firing first"
            out.append(_condemnation(m, _lead_act(attacks, m.start, article), article))
            continue
        if m.event_type != "ACCUSE" or m.actor2 is None or not attacks or not (
                trigger.startswith("blam") or (trigger.startswith(("accus", "attribut"))
                                               and _ATTACK_WORDS.search(m.sentence))):
            continue
        lead = _lead_act(attacks, m.start, article)
        accuser = m.actor1.text or m.actor1.name if m.actor1 else None
        target = lead.actor2 if lead.actor2 and lead.actor2.country != m.actor2.country else None
        out.append(_of_attack(
            m, lead, article, actor1=m.actor2, actor2=target,
            date=m.date if m.date.precision != "unknown" else lead.date,
            location=m.location or lead.location, modality="claimed",
            attribution=[accuser, *m.attribution] if accuser else list(m.attribution)))
    return out


def _condemnation(m: Mention, lead: Mention, article: Article) -> Mention:
    """"The UN condemned the deaths of the aid workers": besides the condemnation itself, a
    mention of the attack the article reports (it ``follows`` it), naming no doer."""
    return _of_attack(m, lead, article, actor1=None, actor2=lead.actor2, date=lead.date,
                      location=lead.location)  # when and where the attack was


def _of_attack(m: Mention, lead: Mention, article: Article, **fields: object) -> Mention:
    """Mention ``m``'s sentence read as a mention of the attack ``lead`` tells of: the
    attack's codes, following it, with no counts of its own, and the given fields."""
    return replace(
        m, id=stable_id("men", article.id, m.start, "ASSAULT"), event_type="ASSAULT",
        mode=lead.mode, cameo=lead.cameo, acled_event_type=lead.acled_event_type,
        acled_sub_event_type=lead.acled_sub_event_type, follows=lead.id, fatalities=None,
        wounded=None, quantities=[], target_kinds=[], **fields)  # type: ignore[arg-type]


def _place_from_article(mentions: list[Mention]) -> None:
    """A mention with no place of its own takes the province of its article's lead story of
    its type (the first placed mention of that type), else the province most of the
    types' lead stories share (admin1 precision; traceable to the name it came from)."""
    lead: dict[str, PlaceRef] = {}
    for m in sorted(mentions, key=lambda m: m.start):
        loc = m.location
        if loc is not None and loc.admin1 and loc.precision != "country":
            lead.setdefault(m.event_type, loc)
    placed = list(lead.values())
    counts = Counter((p.country, p.admin1) for p in placed)
    common = counts.most_common(1)[0] if counts else None
    main = next((p for p in placed if common and (p.country, p.admin1) == common[0]
                 and 2 * common[1] > len(placed)), None)
    for m in mentions:
        if m.location is None and (src := lead.get(m.event_type, main)) is not None:
            m.location = places.province_of(src)
