"""The whole pipeline in one call: ingest → nlp → extract → store → fuse → zones.

Articles stream through in batches (memory stays flat in the number of
articles); each batch is parsed with ``nlp.pipe`` and stored in one
transaction, so a failure never leaves half an article behind. Articles
already in the database are skipped, which makes re-running an ingest a no-op.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sitroom import fuse, ingest, nlp, zones
from sitroom.errors import IngestProblem
from sitroom.extract import focus_text, mentions_from_doc
from sitroom.extract.agreements import extract_agreements
from sitroom.records import Article, Event, Mention, to_dict
from sitroom.store import Store

Progress = Callable[[Article], None]
Extracted = tuple[list[Article], list[Mention], list]
MapBatches = Callable[[Iterable[list[Article]]], Iterable[Extracted]]


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


def extract_batch(articles: list[Article]) -> Extracted:
    """Parse one batch with ``nlp.pipe`` and extract its mentions and agreements (pure)."""
    mentions: list[Mention] = []
    agreements: list = []
    for article, doc in zip(articles, nlp.parse(focus_text(a.text) for a in articles), strict=True):
        mentions.extend(mentions_from_doc(doc, article))
        agreements.extend(extract_agreements(doc, article))
    return articles, mentions, agreements


def serial_map(batches: Iterable[list[Article]]) -> Iterator[Extracted]:
    """Extract batches one after another in this process (the default)."""
    for batch in batches:
        yield extract_batch(batch)


def _new_batches(
    items: Iterable[Article | IngestProblem],
    store: Store,
    report: RunReport,
    batch_size: int,
    on_problem: Callable[[IngestProblem], None] | None,
) -> Iterator[list[Article]]:
    """Group readable, not-yet-stored articles into batches; report the rest."""
    seen: set[str] = set()
    batch: list[Article] = []

    def flush() -> list[Article]:
        known = store.known_article_ids(a.id for a in batch)
        fresh = [a for a in batch if a.id not in known]
        report.duplicates += len(batch) - len(fresh)
        return fresh

    for item in items:
        if isinstance(item, IngestProblem):
            report.problems.append(item)
            if on_problem:
                on_problem(item)
            continue
        report.articles_read += 1
        if item.id in seen:
            report.duplicates += 1
            continue
        seen.add(item.id)
        batch.append(item)
        if len(batch) >= batch_size:
            fresh = flush()
            batch = []
            if fresh:
                yield fresh
    if batch and (fresh := flush()):
        yield fresh


def run(
    paths: Iterable[str | Path],
    db: str | Path = "sitroom.db",
    *,
    batch_size: int = 32,
    progress: Progress | None = None,
    on_problem: Callable[[IngestProblem], None] | None = None,
    map_batches: MapBatches = serial_map,
) -> RunReport:
    """Ingest files/folders into ``db`` and bring events, contradictions and zones up to date.

    Args:
        paths: files and folders of .txt, .html, .jsonl, RSS/Atom and WARC reports.
        db: SQLite file path or database URL.
        batch_size: articles parsed per ``nlp.pipe`` call and stored per transaction.
        progress: called once per new article after it is extracted.
        on_problem: called for each input that could not be read (the batch goes on).
        map_batches: how batches get extracted; :mod:`sitroom.scale` passes a Dask one.

    Returns:
        A :class:`RunReport`; bad inputs are listed in ``problems``, never raised.
    """
    store = Store(db)
    report = RunReport(db=str(db))
    new_agreements: list = []
    batches = _new_batches(ingest.iter_articles(paths), store, report, batch_size, on_problem)
    for articles, mentions, agreements in map_batches(batches):
        store.add_batch(articles, mentions)
        new_agreements.extend(agreements)
        report.articles_new += len(articles)
        report.mentions_new += len(mentions)
        if progress:
            for article in articles:
                progress(article)
    if report.articles_new:
        refresh(store, extracted=new_agreements)
    report.events_total = store.stats()["n_events"]
    report.agreements_total = len(store.agreement_records())
    return report


def refresh(store: Store, extracted: Sequence = (), imported: Sequence = ()) -> list[Event]:
    """Fuse not-yet-fused mentions into the stored events, then re-check agreements.

    ``extracted`` and ``imported`` are new :class:`sitroom.zones.Agreement` records; they
    are merged with the stored ones, and imported (user) records win over extracted ones.
    """
    existing = store.event_records(limit=None)
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
