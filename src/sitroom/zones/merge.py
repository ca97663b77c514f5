"""Merging agreements: mentions across articles into one record, and user files over extraction.

Two records are the same agreement when they share an id, a normalised name, or
the same parties and a compatible signing date (``--03-05`` matches
``2020-03-05``; ``2018-09`` matches ``2018-09-17``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date

from sitroom.zones.records import Agreement, Term, agreement_id, norm_name

_GENERIC = re.compile(r"^(Ceasefire|Agreement) of ")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")  # fmt: skip


def date_rank(value: str | None) -> int:
    """How precise an ISO-ish date is: 3 full, 2 year-month, 1 month-day, 0 unknown."""
    if not value:
        return 0
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return 3
    return 2 if re.fullmatch(r"\d{4}-\d{2}", value) else 1


def dates_compatible(a: str | None, b: str | None) -> bool:
    """Whether two partial dates can name the same day (both known)."""
    if not a or not b:
        return False
    if a == b or a.startswith(b) or b.startswith(a):
        return True
    md_a, md_b = a[-6:] if a.startswith("--") else a[4:], b[-6:] if b.startswith("--") else b[4:]
    return (a.startswith("--") or b.startswith("--")) and md_a == md_b


def anchor_month_day(month_day: str, anchor: str, *, forward: bool) -> str:
    """Give ``--MM-DD`` the year of ``anchor`` (YYYY-...), stepping a year if the order demands.

    ``forward``: the day is on or after the anchor (a start date after signing);
    otherwise on or before it (a past date in a report).
    """
    year, mm_dd, anchor_md = int(anchor[:4]), month_day[2:], anchor[5:10]
    if len(anchor) >= 10:
        if forward and mm_dd < anchor_md:
            year += 1
        elif not forward and mm_dd > anchor_md:
            year -= 1
    return f"{year}-{mm_dd}"


def human_date(value: str) -> str:
    """Readable date: ``2020-03-05`` → ``5 March 2020``, ``--03-05`` → ``5 March``."""
    if value.startswith("--"):
        return f"{int(value[5:7])} {_MONTHS[int(value[2:4]) - 1]}"
    if date_rank(value) == 2:
        return f"{_MONTHS[int(value[5:7]) - 1]} {value[:4]}"
    d = date.fromisoformat(value)
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


def generic_name(ceasefire: bool, signed: str | None) -> str:
    """Name for an agreement known only by its date: ``Ceasefire of 5 March 2020``."""
    word = "Ceasefire" if ceasefire else "Agreement"
    return f"{word} of {human_date(signed)}" if signed else f"{word} of unknown date"


def same_agreement(a: Agreement, b: Agreement) -> bool:
    """Whether two records describe one agreement (see the module docstring)."""
    if a.id == b.id:
        return True
    if not (_GENERIC.match(a.name) or _GENERIC.match(b.name)) and norm_name(a.name) == norm_name(
        b.name
    ):
        return True
    return bool(a.parties) and set(a.parties) == set(b.parties) and dates_compatible(
        a.signed, b.signed
    )


def _merge_evidence(a: list[dict], b: list[dict]) -> list[dict]:
    """Union of evidence lists, keeping order, one entry per (article, offsets)."""
    seen = {(e.get("article_id"), e.get("start"), e.get("end")) for e in a}
    return a + [e for e in b if (e.get("article_id"), e.get("start"), e.get("end")) not in seen]


def combine_terms(a: Term, b: Term, *, authoritative: bool = False) -> Term:
    """One term from two tellings: ``a``'s values win, ``b`` fills the gaps, evidence unites.

    Dates: the more precise wins, unless ``a`` is ``authoritative`` (a user's record).
    """
    keep = a.start and (authoritative or date_rank(a.start) >= date_rank(b.start))
    start = a.start if keep else b.start
    widths = (a.buffer_km, a.buffer_km_north, a.buffer_km_south)
    if all(w is None for w in widths):  # widths travel together: "2 km" must not keep "6 N"
        widths = (b.buffer_km, b.buffer_km_north, b.buffer_km_south)
    return replace(
        a,
        geometry=a.geometry or b.geometry,
        buffer_km=widths[0],
        buffer_km_north=widths[1],
        buffer_km_south=widths[2],
        parties=a.parties or b.parties,
        start=start,
        road=a.road or b.road,
        sides=a.sides or b.sides,
        admin1=a.admin1 or b.admin1,
        evidence=_merge_evidence(a.evidence, b.evidence),
    )


def _merge_terms(first: list[Term], second: list[Term], authoritative: bool) -> list[Term]:
    """Terms of ``first`` (winning) plus those of ``second``, combined where they match."""
    out = list(first)
    index = {t.key(): i for i, t in enumerate(out)}
    for t in second:
        if t.key() in index:
            out[index[t.key()]] = combine_terms(out[index[t.key()]], t, authoritative=authoritative)
        else:
            index[t.key()] = len(out)
            out.append(t)
    return out


def combine(a: Agreement, b: Agreement) -> Agreement:
    """One agreement from two records: ``a`` wins on conflicts, ``b`` fills gaps.

    An imported ``a`` (a user's record) keeps its own dates and parties when it has them;
    otherwise the more precise date wins and the parties are united.
    """
    user = a.origin == "imported"
    keep = a.signed and (user or date_rank(a.signed) >= date_rank(b.signed))
    signed = a.signed if keep else b.signed
    name = a.name
    if _GENERIC.match(a.name) and not _GENERIC.match(b.name):
        name = b.name
    if _GENERIC.match(name):
        ceasefire = name.startswith("Ceasefire") or b.name.startswith("Ceasefire")
        name = generic_name(ceasefire, signed)
    merged = replace(
        a,
        name=name,
        parties=a.parties if user and a.parties else sorted(set(a.parties) | set(b.parties)),
        signed=signed,
        effective_from=a.effective_from or b.effective_from,
        effective_to=a.effective_to or b.effective_to,
        terms=_merge_terms(a.terms, b.terms, user),
        sources=_merge_evidence(a.sources, b.sources),
    )
    return finish(merged, keep_id=user)


def finish(a: Agreement, *, keep_id: bool = False) -> Agreement:
    """Anchor month-day term starts on the signing year and settle the stable id."""
    if date_rank(a.signed) >= 2:
        a.terms = [
            replace(t, start=anchor_month_day(t.start, a.signed, forward=True))
            if t.start and t.start.startswith("--")
            else t
            for t in a.terms
        ]
    if date_rank(a.effective_from) == 1 and date_rank(a.signed) >= 2:
        a.effective_from = anchor_month_day(a.effective_from, a.signed, forward=True)
    if not keep_id:
        a.id = agreement_id(a.name, a.parties, a.signed)
    return a


def merge_all(agreements: Iterable[Agreement]) -> list[Agreement]:
    """Fold a list of agreements so that each real agreement appears once (earlier wins)."""
    out: list[Agreement] = []
    for a in agreements:
        for i, b in enumerate(out):
            if same_agreement(b, a):
                out[i] = combine(b, a)
                break
        else:
            out.append(a)
    return out


def merge_agreements(
    extracted: Sequence[Agreement], imported: Sequence[Agreement]
) -> list[Agreement]:
    """Merge extracted agreements across articles, then let user (imported) records win.

    An imported record keeps its own values and id; the matching extracted record only
    fills what the user left out (dates, terms of other kinds) and adds its evidence.
    """
    ext = merge_all(extracted)
    imp: list[Agreement] = []
    for a in imported:  # a later user record replaces an earlier one for the same agreement
        imp = [b for b in imp if not same_agreement(b, a)] + [a]
    out: list[Agreement] = []
    for a in imp:
        for b in [b for b in ext if same_agreement(a, b)]:
            ext.remove(b)
            a = combine(a, b)
        out.append(a)
    return sorted(out + ext, key=lambda x: (x.signed or "", x.name))
