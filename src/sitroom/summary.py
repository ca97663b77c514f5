"""Extractive multi-document summary of fused events, every sentence citing its articles.

Candidates are the evidence sentences of each event's mentions, agency datelines cut off;
near-identical sentences from several articles collapse into one candidate citing all of
them, and a headline is used only when no body sentence tells the event. Relevance mixes
TF-IDF centrality among the event's sentences, how many articles support a sentence and
how much it says on its own (where, when, who says so, no pronoun or connective leaning on
the sentence before). Events are taken by importance (confidence, independent sources,
disputes, deaths) and each contributes its best sentence under maximal marginal relevance,
then as many of its disputes as the budget allows. A dispute becomes a generated sentence
naming each side's speakers as the reports do ("a war monitoring group", "the Russian
defence ministry"), each with its own citations. The output is in chronological order.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

from sitroom.extract.actors import canonical_actor
from sitroom.extract.attribution import dateline_end
from sitroom.fuse import TARGET_KIND_WORDS, side_name
from sitroom.records import Article, Claim, Contradiction, Event, Mention
from sitroom.timeline import timeline

NEAR_DUPLICATE = 0.9  # cosine at which two sentences are one candidate
REDUNDANT = 0.8  # cosine to an already chosen sentence at which a candidate is skipped
MMR_LAMBDA = 0.85  # overlap only breaks near-ties: events of one story share words
EXTRACT_MODALITIES = {"asserted", "reported", "claimed", "denied", "negated"}
NOUNS = {
    "ASSAULT": "attack", "COERCE": "use of force", "MOBILIZE": "deployment",
    "COOPERATE": "joint operation", "AGREE": "agreement", "CONSULT": "talks",
    "PROTEST": "protest", "THREATEN": "threat", "ACCUSE": "accusation",
    "RETREAT": "withdrawal", "AID": "aid delivery", "SANCTION": "sanction",
}
SUB_EVENT_NOUNS = {
    "Air/drone strike": "air strike", "Shelling/artillery/missile attack": "shelling",
    "Armed clash": "clash", "Remote explosive/landmine/IED": "explosion",
    "Attack": "attack", "Suicide bomb": "bombing", "Grenade": "grenade attack",
    "Abduction/forced disappearance": "abduction", "Peaceful protest": "protest",
    "Agreement": "agreement",
}
OUTCOME_WORDS = {"completed": "it was completed", "cut_short": "it was cut short",
                 "refused": "it was refused", "failed": "it failed",
                 "cancelled": "it was called off", "postponed": "it was put off",
                 "taken": "the place was taken", "contested": "fighting for the place went on",
                 "violated": "the truce was broken", "held": "the truce held"}
DISPUTE_ORDER = {f: i for i, f in enumerate(
    ("perpetrator", "fatalities", "target", "outcome", "location", "date"))}
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
MAX_DISPUTES = 2  # disagreements stated per event; the timeline lists them all
MAX_VOICES = 3  # speakers named on one side of a disagreement; the rest are "other reports"


@dataclass
class SummarySentence:
    """One summary sentence with the reference numbers that support it."""

    text: str
    refs: list[int] = field(default_factory=list)
    event_id: str | None = None
    kind: str = "extract"  # extract (refs appended) | contradiction (refs inline)


@dataclass
class Reference:
    """A numbered source article."""

    n: int
    article_id: str
    outlet: str | None = None
    title: str | None = None
    url: str | None = None
    published: str | None = None
    doc: str | None = None


@dataclass
class Summary:
    """Sentences in chronological order and the reference list they cite."""

    sentences: list[SummarySentence] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)


class _Refs:
    """Numbers articles in the order they are first cited."""

    def __init__(self, articles: Mapping[str, Article], mentions: Mapping[str, Mention]):
        self.articles = articles
        self.mentions = mentions
        self.by_article = {m.article_id: m for m in mentions.values()}
        self.order: dict[str, int] = {}

    def n(self, article_id: str) -> int:
        """The reference number of an article, assigning the next one on first use."""
        return self.order.setdefault(article_id, len(self.order) + 1)

    def cite(self, article_ids: Sequence[str]) -> str:
        """Reference markers for some articles, in number order: "[3][5]"."""
        return "".join(f"[{n}]" for n in sorted({self.n(a) for a in article_ids}))

    def outlet(self, article_id: str) -> str | None:
        """Outlet of an article, from the article or else one of its mentions."""
        a = self.articles.get(article_id)
        m = self.by_article.get(article_id)
        return (a.outlet if a else None) or (m.outlet if m else None)

    def references(self) -> list[Reference]:
        """The reference list in citation order."""
        out = []
        for aid, n in sorted(self.order.items(), key=lambda t: t[1]):
            a, m = self.articles.get(aid), self.by_article.get(aid)
            out.append(Reference(
                n=n, article_id=aid, outlet=self.outlet(aid),
                title=a.title if a else None,
                url=(a.url if a else None) or (m.url if m else None),
                published=(a.published if a else None) or (m.published if m else None),
                doc=(a.doc if a else None) or (m.doc if m else None)))
        return out


@dataclass
class _Candidate:
    """One distinct evidence sentence of an event and the articles that carry it."""

    text: str
    event_id: str
    article_ids: list[str]
    row: int  # row in the TF-IDF matrix
    relevance: float = 0.0
    headline: bool = True  # every copy of it is a headline
    tells: float = 0.0  # share of where and when the sentence itself says (best copy)
    aside: bool = True  # every copy only follows an act told elsewhere (no act word)


def _clean(text: str) -> str:
    """Collapse whitespace, drop an agency dateline, end the sentence with punctuation."""
    text = re.sub(r"\s+", " ", text).strip()
    if cut := dateline_end(text):
        text = text[cut:]
        text = text[:1].upper() + text[1:]
    return text if text[-1:] in ".!?\"'”’" else text + "."


def _flat(text: str | None) -> str:
    """Lower-case words only, to compare a sentence with a title."""
    return " ".join(re.findall(r"\w+", (text or "").lower()))


def is_headline(m: Mention, article: Article | None) -> bool:
    """Is a mention's sentence its article's headline (the title, or a first line of its own)?"""
    if article is None:
        return False
    if article.title and _flat(m.sentence) == _flat(article.title):
        return True
    return m.start == 0 and article.text[m.end : m.end + 2].lstrip(" ").startswith("\n")


# openings that lean on the sentence before: a pronoun, a connective
_LEANING_OPENING = re.compile(
    r"^(?:It|They|He|She|This|These|That|Those|However|But|Also|Moreover|Meanwhile|Yet|Still"
    r"|Nevertheless|Instead|Therefore|Thus)\b")


def _leans(sentence: str) -> bool:
    """Does a sentence need the one before it: a pronoun or connective opening, or a
    quotation opened or closed outside it ('"This is what we know so far: ...')?"""
    text = sentence.strip()
    straight = text.count('"') % 2 == 1
    curly = text.count("\u201c") != text.count("\u201d")
    return bool(_LEANING_OPENING.match(text)) or straight or curly


def _tells(m: Mention) -> float:
    """How much of where, when and who says so a sentence tells in its own words (0 to 1).

    "Two soldiers were killed near Qaminas on Thursday, Turkey's defence ministry said"
    stands alone; "... in the raid, the ministry added" leans on sentences left out."""
    where = bool(m.location and m.location.text and m.location.text in m.sentence)
    when = bool(m.date.text and m.date.text in m.sentence)
    who = not _leans(m.sentence) and (
        not m.attribution or m.attribution[0].lower() in m.sentence.lower())
    return (where + when + who) / 3


def _candidates(events: Sequence[Event], mentions: Mapping[str, Mention],
                articles: Mapping[str, Article]) -> tuple[
        dict[str, list[_Candidate]], np.ndarray | None]:
    """Distinct evidence sentences per event, their TF-IDF rows and relevance."""
    texts: list[str] = []
    raw: list[tuple[str, Mention]] = []  # (event id, mention)
    for e in events:
        for mid in e.mention_ids:
            m = mentions.get(mid)
            if m and m.sentence.strip() and m.modality in EXTRACT_MODALITIES:
                raw.append((e.id, m))
                texts.append(m.sentence)
    if not texts:
        return {}, None
    try:
        x = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts)
    except ValueError:  # no content words at all
        return {}, None
    sims = cosine_similarity(x)
    per_event: dict[str, list[_Candidate]] = {}
    for row, (eid, m) in enumerate(raw):
        cands = per_event.setdefault(eid, [])
        same = next((c for c in cands if sims[row, c.row] >= NEAR_DUPLICATE), None)
        if same is None:
            same = _Candidate(text=_clean(m.sentence), event_id=eid, article_ids=[], row=row)
            cands.append(same)
        if m.article_id not in same.article_ids:
            same.article_ids.append(m.article_id)
        if same.headline and not is_headline(m, articles.get(m.article_id)):
            same.text, same.headline = _clean(m.sentence), False  # a body copy words it
        same.tells = max(same.tells, _tells(m))
        same.aside = same.aside and m.follows is not None
    for cands in per_event.values():
        most = max(len(c.article_ids) for c in cands)
        for c in cands:
            others = [sims[c.row, o.row] for o in cands if o is not c]
            central = float(np.mean(others)) if others else 0.5
            c.relevance = 0.5 * central + 0.3 * len(c.article_ids) / most + 0.2 * c.tells \
                - 0.2 * c.aside  # a detail told about the act is rarely the best telling
        if not all(c.headline for c in cands):  # a headline only if nothing else tells it
            cands[:] = [c for c in cands if not c.headline]
    return per_event, sims


def _noun(e: Event) -> str:
    """What to call the event in a generated sentence: from its ACLED sub-type or type."""
    return SUB_EVENT_NOUNS.get(e.acled_sub_event_type or "") or NOUNS.get(e.event_type, "event")


@dataclass
class _Voice:
    """One speaker on one side of a disagreement and the articles that quote them."""

    speaker: str
    article_ids: list[str]
    where: list[tuple[str, str]]  # (sentence, article id) it was named in


@lru_cache(maxsize=1024)
def _government(speaker: str) -> str | None:
    """The government a speaker names as a whole ('Moscow', 'Russian Federation' → Russian
    government; 'Turkish officials' → Turkish government), else None."""
    ref = canonical_actor(speaker)
    return ref.name if ref is not None and ref.sector == "GOV" and ref.country else None


def _same_speaker(a: str, b: str) -> bool:
    """'Turkish Defence Ministry' = 'Turkish defence ministry'; 'Russian ministry' is a
    shorter 'Russian defence ministry' (same last word, no word of its own); 'Moscow' and
    'the Russian Federation' are both the Russian government."""
    wa, wb = a.lower().split(), b.lower().split()
    if wa and wb and wa[-1] == wb[-1] and (set(wa) <= set(wb) or set(wb) <= set(wa)):
        return True
    return _government(a) is not None and _government(a) == _government(b)


def _voices(claim: Claim, refs: _Refs) -> list[_Voice]:
    """The speakers behind a claim, each with its own articles, most cited first.

    A mention's speaker is the first name in its attribution chain; an article of the
    claim that names nobody speaks in its outlet's name. Spellings of one speaker merge
    into the fullest one."""
    voices: list[_Voice] = []
    spoken: set[str] = set()
    mentions = [m for mid in claim.mention_ids if (m := refs.mentions.get(mid))]
    for m in mentions:
        if speaker := (_doubters(m, claim) or m.attribution[:1]):
            _add_voice(voices, speaker[0], m.article_id, m.sentence)
            spoken.add(m.article_id)
    if not mentions and claim.attribution:  # a claim built without its mentions
        _add_voice(voices, claim.attribution[0], claim.article_ids[0], "")
        spoken.add(claim.article_ids[0])
    for aid in claim.article_ids:
        if aid not in spoken:
            _add_voice(voices, refs.outlet(aid) or "one report", aid, "")
    first = {id(v): i for i, v in enumerate(voices)}
    return sorted(voices, key=lambda v: (-len(v.article_ids), first[id(v)]))


def _doubters(m: Mention, claim: Claim) -> list[str]:
    """Who disputes the figure a mention's sentence gives, when ``claim`` is their answer
    ("far lower", "invented"): they speak for it, not the sentence's speaker."""
    c = m.contested
    return list(c.by) if c is not None and claim.value == c.counter else []


def _add_voice(voices: list[_Voice], speaker: str, article_id: str, sentence: str) -> None:
    """Add one article to the voice of ``speaker``, merging spellings of the same speaker."""
    v = next((v for v in voices if _same_speaker(v.speaker, speaker)), None)
    if v is None:
        voices.append(_Voice(speaker, [article_id], [(sentence, article_id)]))
        return
    if _government(speaker) is None and len(speaker) > len(v.speaker):
        v.speaker = speaker  # the fullest spelling, but a government keeps its first name
    if article_id not in v.article_ids:
        v.article_ids.append(article_id)
    v.where.append((sentence, article_id))


_DET = re.compile(r"\b(the|a|an)\s+$", re.I)


def _determiner(speaker: str, where: Sequence[tuple[str, str]], refs: _Refs) -> str | None:
    """The article the reports themselves put before a speaker's name ("the", "a" or none).

    Looked up where the speaker was named, then in the articles' body text (a headline
    drops its articles); a name never written out gets "the" if it is a singular common
    noun ("Hatay governor") and nothing if it looks like a proper name or a plural."""
    texts = [sentence for sentence, _ in where if sentence]
    for _, aid in where:
        a = refs.articles.get(aid)
        if a is not None and a.text:
            body = a.text[len(a.title):] if a.title and a.text.startswith(a.title) else a.text
            texts.append(body)
    pattern = re.compile(rf"(?<![\w-]){re.escape(speaker)}(?![\w-])", re.I)
    for text in texts:
        for hit in pattern.finditer(text):
            if hit.start() == 0 or text[hit.start() - 1] == "\n":
                continue  # a headline or paragraph opening: no article either way
            det = _DET.search(text[: hit.start()])
            return det[1].lower() if det else None
    last = speaker.split()[-1]
    return "the" if last.islower() and not last.endswith("s") else None


def _label(v: _Voice, refs: _Refs) -> str:
    """A speaker as a noun phrase: 'the Russian defence ministry', 'a war monitoring group'."""
    det = _determiner(v.speaker, v.where, refs)
    return f"{det} {v.speaker}" if det else v.speaker


def _who_cited(claim: Claim, refs: _Refs) -> tuple[str, str]:
    """(speakers, trailing citation) for one side: one speaker is cited after the clause
    ("X attributed it to Syria [2]"), several each right after their name."""
    voices = _voices(claim, refs)
    if len(voices) == 1:
        return _label(voices[0], refs), " " + refs.cite(voices[0].article_ids)
    shown = [f"{_label(v, refs)} {refs.cite(v.article_ids)}" for v in voices[:MAX_VOICES]]
    named = {aid for v in voices[:MAX_VOICES] for aid in v.article_ids}
    rest = [aid for v in voices[MAX_VOICES:] for aid in v.article_ids if aid not in named]
    if rest:
        shown.append(f"other reports {refs.cite(rest)}")
    return ", ".join(shown[:-1]) + " and " + shown[-1], ""


def _readable(field: str, value: object) -> str:
    """A claim's value in words: dates as '27 February 2020', ranges as 'between ... and'."""
    text = str(value)
    if field != "date":
        return text
    days = [_day(part) for part in text.split("/")]
    return f"between {days[0]} and {days[1]}" if len(days) == 2 else days[0]


def _day(iso: str) -> str:
    """'2020-02-27' → '27 February 2020'; '--03-15' → '15 March'; anything else unchanged."""
    m = re.fullmatch(r"(\d{4}|-)-(\d{2})-(\d{2})", iso)
    if not m or not 1 <= int(m[2]) <= 12:
        return iso
    month = MONTHS[int(m[2]) - 1]
    return f"{int(m[3])} {month}" + (f" {m[1]}" if m[1] != "-" else "")


def _is_kind(value: object) -> bool:
    """A target told by kind ("civilian sites", "infrastructure and military targets")."""
    words = set(TARGET_KIND_WORDS.values())
    return all(part in words for part in str(value).split(" and "))


def contradiction_sentence(c: Contradiction, noun: str, refs: _Refs) -> SummarySentence:
    """An explicit sentence naming every side of a disagreement, with citations."""
    parts = []
    kinds = c.field == "target" and all(_is_kind(cl.value) for cl in c.claims)
    for claim in c.claims:
        who, cite = _who_cited(claim, refs)
        text = str(claim.value)
        if kinds:
            parts.append(f"{who} said it hit {text}{cite}")
        elif c.field in ("perpetrator", "target"):
            if text.startswith("not "):
                role = "was responsible" if c.field == "perpetrator" else "was targeted"
                parts.append(f"{who} denied that {side_name(text[4:])} {role}{cite}")
            elif c.field == "perpetrator":
                parts.append(f"{who} attributed it to {side_name(text)}{cite}")
            else:
                parts.append(f"{who} named {side_name(text)} as the target{cite}")
        elif c.field == "outcome" and text.startswith("not "):
            told = OUTCOME_WORDS.get(text[4:], "it was " + text[4:])
            parts.append(f"{who} denied that {told}{cite}")
        elif c.field == "outcome":
            parts.append(f"{who} said {OUTCOME_WORDS.get(text, 'it was ' + text)}{cite}")
        elif any(_doubters(m, claim) for mid in claim.mention_ids
                 if (m := refs.mentions.get(mid))):
            told = "disputed the figure" if text == "disputed" else f"said the figure was {text}"
            parts.append(f"{who} {told}{cite}")
        else:
            parts.append(f"{_readable(c.field, claim.value)} according to {who}{cite}")
    lead = {
        "perpetrator": f"Sources disagree on who carried out the {noun}",
        "target": f"Sources disagree on what the {noun} hit" if kinds
        else f"Sources disagree on who was targeted in the {noun}",
        "fatalities": f"Reported death tolls for the {noun} differ" if c.disputed
        else f"The reported death toll for the {noun} changed as reports came in",
        "outcome": f"Sources disagree on how the {noun} ended" if not any(
            str(claim.value).removeprefix("not ") in {"taken", "contested"}
            for claim in c.claims)
        else f"Sources disagree on who holds the ground after the {noun}",
        "date": f"Sources give different dates for the {noun}",
        "location": f"Sources place the {noun} in different locations",
    }.get(c.field, f"Sources disagree on the {c.field} of the {noun}")
    refs_used = sorted({refs.n(aid) for claim in c.claims for aid in claim.article_ids})
    return SummarySentence(text=f"{lead}: {'; '.join(parts)}.", refs=refs_used,
                           kind="contradiction")


def _importance(e: Event) -> float:
    """How much an event deserves a place: confidence, independent sources, disputes, deaths;
    halved for an event with no date, which the chronology cannot place."""
    killed = next((v for v in (e.fatalities.best, e.fatalities.low, e.fatalities.high)
                   if v is not None), 0) if e.fatalities else 0
    disputed = sum(c.disputed for c in e.contradictions)
    weight = (e.confidence * (1.0 + math.log1p(e.n_sources)) + 0.3 * disputed
              + 0.2 * math.log1p(killed))
    return weight if e.date.start else weight / 2


def _disputes(e: Event) -> list[Contradiction]:
    """An event's disagreements, the ones a reader needs first (who did it, the toll) first;
    revised tolls after every disagreement."""
    return sorted(e.contradictions, key=lambda c: (
        not c.disputed, DISPUTE_ORDER.get(c.field, len(DISPUTE_ORDER))))


def summarize(
    events: Sequence[Event],
    mentions: Mapping[str, Mention],
    articles: Mapping[str, Article],
    *,
    max_sentences: int = 10,
) -> Summary:
    """Chronological extractive summary: one sentence per chosen event plus its disputes.

    Events are taken by importance; each gets its best sentence under maximal marginal
    relevance and then as many of its disputes as the remaining budget allows."""
    ordered = [t.event for t in timeline(events, mentions)]
    per_event, sims = _candidates(ordered, mentions, articles)
    chosen: dict[str, _Candidate] = {}
    disputes: dict[str, list[Contradiction]] = {}
    used = 0
    for e in sorted(ordered, key=lambda e: (-_importance(e), e.id)):
        if used >= max_sentences:
            break
        best, best_score = None, -math.inf
        for c in per_event.get(e.id, []):
            overlap = max((sims[c.row, o.row] for o in chosen.values()), default=0.0)
            if overlap >= REDUNDANT:
                continue
            score = MMR_LAMBDA * c.relevance - (1 - MMR_LAMBDA) * overlap
            if score > best_score:
                best, best_score = c, score
        room = max_sentences - used - (1 if best else 0)
        kept = _disputes(e)[:min(room, MAX_DISPUTES)]
        if best is None and not kept:
            continue
        if best is not None:
            chosen[e.id] = best
        disputes[e.id] = kept
        used += (1 if best else 0) + len(kept)
    refs = _Refs(articles, mentions)
    sentences: list[SummarySentence] = []
    for e in ordered:
        if e.id not in disputes:
            continue
        if e.id in chosen:
            c = chosen[e.id]
            sentences.append(SummarySentence(text=c.text, event_id=e.id,
                                             refs=[refs.n(a) for a in c.article_ids]))
        noun = _noun(e)
        for con in disputes[e.id]:
            s = contradiction_sentence(con, noun, refs)
            s.event_id = e.id
            sentences.append(s)
    return Summary(sentences=sentences, references=refs.references())


def _with_refs(s: SummarySentence) -> str:
    """Sentence text with its reference markers before the final punctuation."""
    if s.kind != "extract" or not s.refs:
        return s.text
    marks = "".join(f"[{n}]" for n in s.refs)
    if s.text[-1:] in ".!?":
        return f"{s.text[:-1]} {marks}{s.text[-1]}"
    return f"{s.text} {marks}"


def render_markdown(summary: Summary) -> str:
    """The summary as Markdown paragraphs followed by a numbered reference list."""
    lines = ["# Summary", ""]
    paragraphs: dict[str | None, list[str]] = {}
    for s in summary.sentences:
        paragraphs.setdefault(s.event_id, []).append(_with_refs(s))
    for para in paragraphs.values():
        lines += [" ".join(para), ""]
    if not paragraphs:
        lines += ["No events to summarize.", ""]
    lines += ["## References", ""]
    for r in summary.references:
        bits = [r.outlet or "Unknown outlet"]
        if r.title:
            bits.append(f"“{r.title}”")
        if r.published:
            bits.append(r.published)
        where = r.url or r.doc
        lines.append(f"{r.n}. {', '.join(bits)}" + (f". {where}" if where else ""))
    return "\n".join(lines) + "\n"
