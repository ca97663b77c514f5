"""Earlier acts told in passing: "The strike came a week after Tripoli forces recaptured
Gharyan", "Since Haftar's militias entered Gheryan last Thursday, fighting has spread". Such
a sentence adds nothing to the act or state it goes on to tell (its article tells it
elsewhere) but names an earlier act: dated back from the sentence's own date ("a week
after"), or by the date inside the clause ("since ... last Thursday").

A sentence may also name acts beside its own (``side_acts``): what its act followed or came
after, and what those it hit were supporting. Each is a second mention of the sentence."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from spacy.tokens import Span, Token

from sitroom.records import DateRef

# verbs that place one act after another: "came", "followed"
_SEQUENCE_VERBS = frozenset({"come", "follow"})
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
            "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_UNIT_DAYS = {"hour": 0, "day": 1, "week": 7}
_SLACK_DAYS = {"hour": 0, "day": 0, "week": 1}  # "a week after" is rarely exactly seven days


@dataclass(frozen=True)
class EarlierClause:
    """The "after" clause of a sentence and how many days before the sentence's act it was
    (``None`` when the gap is not said: "came after")."""

    span: Span
    days: tuple[int, int] | None
    own_date: bool = False  # the clause dates itself ("Since ... last Thursday,")


def earlier_clause(sent: Span) -> EarlierClause | None:
    """The act clause of "<X> came <gap> after <clause>" or of a leading "Since <clause or
    act>, ...", or None for any other sentence."""
    first = sent[0]
    if first.lower_ == "since" and first.dep_ in {"mark", "prep"}:
        part = first.head if first.dep_ == "mark" else next(
            (c for c in first.children if c.dep_ == "pobj"), None)
        if part is not None:
            end = max(t.i for t in part.subtree) + 1
            return EarlierClause(sent.doc[first.i + 1 : min(end, sent.end)], None, own_date=True)
    for tok in sent:
        if tok.lower_ != "after" or tok.dep_ != "mark":
            continue
        verb = tok.head
        if verb.dep_ != "advcl" or verb.head.lemma_.lower() not in _SEQUENCE_VERBS:
            continue
        end = max(t.i for t in verb.subtree) + 1
        span = sent.doc[tok.i + 1 : min(end, sent.end)]
        around = (*tok.children, *verb.children)
        gap = next((c for c in around if c.dep_ == "npadvmod"), None)
        days = _days(gap) if gap is not None else None
        if days is not None and any(c.lower_ in {"less", "under", "within"} for c in around):
            days = (0, days[1])  # "less than a day after"
        return EarlierClause(span, days)
    return None


def _days(gap: Token) -> tuple[int, int] | None:
    """The day range a gap stands for: "hours" (0, 0), "two days" (2, 2), "a week" (6, 8),
    "days" (1, 6); None for months or anything unknown."""
    unit = gap.lemma_.lower()
    if unit not in _UNIT_DAYS:
        return None
    count = next((c for c in gap.children if c.dep_ in {"det", "nummod"}), None)
    if count is None:  # "hours", "days", "weeks": a few of them
        return (0, 0) if unit == "hour" else (_UNIT_DAYS[unit], 6 * _UNIT_DAYS[unit])
    n = _NUMBERS.get(count.lower_) or (int(count.text) if count.text.isdigit() else None)
    if n is None:
        return None
    days, slack = n * _UNIT_DAYS[unit], _SLACK_DAYS[unit]
    return days - slack, days + slack


def shifted(ref: DateRef, days: tuple[int, int] | None) -> DateRef:
    """The date ``days`` before ``ref`` (a range when the gap is loose); unknown when the gap
    or the date is."""
    if days is None or not ref.start or ref.precision != "day":
        return DateRef(precision="unknown", anchor=ref.anchor)
    day = date.fromisoformat(ref.start)
    lo, hi = day - timedelta(days=days[1]), day - timedelta(days=days[0])
    return replace(ref, start=lo.isoformat(), end=hi.isoformat(),
                   precision="day" if lo == hi else "week", month_day=None)


_SUPPORT_VERBS = frozenset({"support", "back", "cover", "assist", "aid"})
_ACT_DAYS = (0, 7)  # "struck on Thursday after militants broke through": that week or day


def side_acts(sent: Span) -> list[EarlierClause]:
    """Second acts a sentence names beside its own, each a mention of its own:
    - what its act followed ("launched Operation Spring Shield following the killing of
      Turkish troops in an air strike last week"), dated only by the words inside it;
    - what happened before it ("struck armed groups on Thursday after militants broke
      through army positions"): its own date, else the week up to the sentence's;
    - what those it hit were supporting ("hit Turkish troops supporting an offensive by
      rebel groups towards Nayrab"): the sentence's date;
    - what its speaker went on to demand or threaten ("..., and called on Ankara to end its
      support for terrorists"): the sentence's date."""
    out = []
    for tok in sent:
        low = tok.lower_
        if low in {"following", "after"} and tok.dep_ == "prep":
            obj = next((c for c in tok.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.pos_ == "NOUN":
                out.append(EarlierClause(_rest(tok, obj), None, own_date=True))
        elif low == "after" and tok.dep_ == "mark" and tok.head.dep_ == "advcl" and \
                tok.head.head.lemma_.lower() not in _SEQUENCE_VERBS:
            out.append(EarlierClause(_rest(tok, tok.head), _ACT_DAYS))
        elif tok.lemma_.lower() in _SUPPORT_VERBS and tok.dep_ == "acl" and tok.pos_ == "VERB":
            obj = next((c for c in tok.children if c.dep_ == "dobj" and c.pos_ == "NOUN"), None)
            if obj is not None:
                out.append(EarlierClause(_rest(tok, tok), (0, 0)))
        elif tok.lemma_.lower() in _APPEAL_VERBS and tok.dep_ == "conj" and \
                tok.pos_ == "VERB" and not any(c.dep_ == "nsubj" for c in tok.children):
            out.append(EarlierClause(sent.doc[tok.i : tok.right_edge.i + 1], (0, 0)))
    return out


# what a speaker also did in words, after the act it told of ("said its planes had bombed
# armed groups, and called on Ankara to end its support for terrorists")
_APPEAL_VERBS = frozenset({"call", "urge", "demand", "warn", "threaten", "accuse", "appeal"})


def _rest(start: Token, head: Token) -> Span:
    """The words after ``start`` up to the end of ``head``'s subtree, within the sentence."""
    end = max(t.i for t in head.subtree) + 1
    return start.doc[start.i + 1 : min(end, start.sent.end)]
