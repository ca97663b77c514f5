"""The whole pipeline in one call: ingest → nlp → extract → store → fuse → zones.

Articles stream through in batches (memory stays flat in the number of
articles); each batch is parsed with ``nlp.pipe`` and stored in one
transaction, so a failure never leaves half an article behind. Articles
already in the database are skipped, which makes re-running an ingest a no-op.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sitroom import fuse, ingest, nlp, zones
from sitroom.errors import IngestProblem
from sitroom.extract import focus_text, mentions_from_doc
from sitroom.extract.agreements import extract_agreements
from sitroom.records import Article, Event, Mention, to_dict
from sitroom.store import Store

Progress = Callable[[Article], None]


@dataclass
class RunReport:
    """What one run did: counts, skipped inputs (with reasons) and where the data went."""

    db: str
    articles_read: int = 0
    articles_new: int = 0
    duplicates: int = 0
    mentions_new: int = 0
    events_total: int = 0
    agreements_total: int = 0
    problems: list[IngestProblem] = field(default_factory=list)


def _process(
    batch: list[Article],
    store: Store,
    report: RunReport,
    agreements: list,
    progress: Progress | None,
) -> None:
    """Parse, extract and store one batch of new articles."""
    known = store.known_article_ids(a.id for a in batch)
    fresh: dict[str, Article] = {}
    for a in batch:
        if a.id in known or a.id in fresh:
            report.duplicates += 1
        else:
            fresh[a.id] = a
    new = list(fresh.values())
    mentions: list[Mention] = []
    for article, doc in zip(new, nlp.parse(focus_text(a.text) for a in new), strict=True):
        mentions.extend(mentions_from_doc(doc, article))
        agreements.extend(extract_agreements(doc, article))
        if progress:
            progress(article)
    store.add_batch(new, mentions)
    report.articles_new += len(new)
    report.mentions_new += len(mentions)


def run(
    paths: Iterable[str | Path],
    db: str | Path = "sitroom.db",
    *,
    batch_size: int = 32,
    progress: Progress | None = None,
    on_problem: Callable[[IngestProblem], None] | None = None,
) -> RunReport:
    """Ingest files/folders into ``db`` and bring events, contradictions and zones up to date.

    Args:
        paths: files and folders of .txt, .html, .jsonl, RSS/Atom and WARC reports.
        db: SQLite file path or database URL.
        batch_size: articles parsed per ``nlp.pipe`` call and stored per transaction.
        progress: called once per new article after it is extracted.
        on_problem: called for each input that could not be read (the batch goes on).

    Returns:
        A :class:`RunReport`; bad inputs are listed in ``problems``, never raised.
    """
    store = Store(db)
    report = RunReport(db=str(db))
    new_agreements: list = []
    batch: list[Article] = []
    for item in ingest.iter_articles(paths):
        if isinstance(item, IngestProblem):
            report.problems.append(item)
            if on_problem:
                on_problem(item)
            continue
        report.articles_read += 1
        batch.append(item)
        if len(batch) >= batch_size:
            _process(batch, store, report, new_agreements, progress)
            batch = []
    if batch:
        _process(batch, store, report, new_agreements, progress)
    if report.articles_new:
        refresh(store, extracted=new_agreements)
    stats = store.stats()
    report.events_total = stats["n_events"]
    report.agreements_total = len(store.agreement_records())
    return report


def refresh(store: Store, extracted: Sequence = (), imported: Sequence = ()) -> list[Event]:
    """Fuse not-yet-fused mentions into the stored events, then re-check agreements.

    ``extracted`` and ``imported`` are new :class:`sitroom.zones.Agreement` records; they
    are merged with the stored ones, and imported (user) records win over extracted ones.
    """
    existing = store.all_events()
    existing_mentions = store.mentions_by_id(mid for e in existing for mid in e.mention_ids)
    result = fuse.fuse(store.unfused_mentions(), existing, existing_mentions=existing_mentions)
    stored = [zones.Agreement.from_dict(d) for d in store.agreement_records()]
    fresh_ids = {a.id for a in imported}
    agreements = zones.merge_agreements(
        [a for a in stored if a.origin == "extracted"] + list(extracted),
        [a for a in stored if a.origin == "imported" and a.id not in fresh_ids] + list(imported),
    )
    by_event = {e.id: e for e in result.events}
    for event in result.events:
        event.violations = []
    for v in zones.violations(result.events, agreements):
        by_event[v.event_id].violations.append(to_dict(v))
    store.replace_agreements(agreements)
    store.replace_events(result.events)
    return result.events


def import_agreements(path: str | Path, db: str | Path = "sitroom.db") -> int:
    """Load user agreements (YAML or GeoJSON), let them win over extraction, re-check events."""
    imported = zones.load_agreements_file(path)
    refresh(Store(db), imported=imported)
    return len(imported)
