"""Checks that the bundled sample corpus and its hand-made gold files agree with each other."""

from __future__ import annotations

import gzip
import html
import json
from collections import Counter
from pathlib import Path

import feedparser
import pytest
from warcio.archiveiterator import ArchiveIterator

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "src" / "sitroom" / "data" / "sample"
GOLD = ROOT / "src" / "sitroom" / "data" / "gold"
FORMAT_OF_SUFFIX = {".txt": "txt", ".html": "html", ".xml": "rss", ".jsonl": "jsonl", ".gz": "warc"}


def _read_jsonl(path: Path) -> list[dict]:
    """Parse one JSON object per non-empty line."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _rss_docs(path: Path) -> dict[str, str]:
    """Map each feed item's link to its title and (unescaped) content."""
    feed = feedparser.parse(str(path))
    assert not feed.bozo, feed.get("bozo_exception")
    docs = {}
    for entry in feed.entries:
        content = " ".join(c.value for c in entry.get("content", []))
        docs[entry.link] = html.unescape(f"{entry.title}\n{entry.get('summary', '')}\n{content}")
    return docs


def _warc_docs(path: Path) -> dict[str, str]:
    """Map each WARC response's target URI to its unescaped HTML payload."""
    docs = {}
    with path.open("rb") as fh:
        for record in ArchiveIterator(fh):
            if record.rec_type == "response":
                uri = record.rec_headers.get_header("WARC-Target-URI")
                docs[uri] = html.unescape(record.content_stream().read().decode("utf-8"))
    return docs


def load_documents() -> dict[str, tuple[str, str, str]]:
    """Return doc id -> (format, relative file, searchable text) for every sample report."""
    docs: dict[str, tuple[str, str, str]] = {}

    def add(doc_id: str, fmt: str, path: Path, text: str) -> None:
        assert doc_id not in docs, f"duplicate doc id {doc_id}"
        docs[doc_id] = (fmt, path.relative_to(SAMPLE).as_posix(), text)

    for path in sorted(SAMPLE.rglob("*")):
        if not path.is_file():
            continue
        fmt = FORMAT_OF_SUFFIX.get(path.suffix)
        if fmt == "txt":
            add(path.stem, fmt, path, path.read_text(encoding="utf-8"))
        elif fmt == "html":
            add(path.stem, fmt, path, html.unescape(path.read_text(encoding="utf-8")))
        elif fmt == "rss":
            for url, text in _rss_docs(path).items():
                add(url, fmt, path, text)
        elif fmt == "jsonl":
            for rec in _read_jsonl(path):
                add(rec["url"], fmt, path, f"{rec['title']}\n{rec['text']}")
        elif fmt == "warc":
            for url, text in _warc_docs(path).items():
                add(url, fmt, path, text)
    return docs


DOCS = load_documents()
GOLD_EVENTS = _read_jsonl(GOLD / "sample_events.jsonl")
GOLD_DOCS = _read_jsonl(GOLD / "sample_docs.jsonl")


def test_sample_corpus_size_and_formats():
    formats = Counter(fmt for fmt, _, _ in DOCS.values())
    assert len(DOCS) >= 26
    assert len(formats) >= 4, formats


def test_sample_corpus_report_lengths():
    for doc_id, (fmt, _, text) in DOCS.items():
        if fmt in {"txt", "jsonl"}:
            assert 80 <= len(text.split()) <= 300, doc_id


def test_sample_corpus_files_are_utf8():
    for path in SAMPLE.rglob("*"):
        if path.is_file():
            raw = path.read_bytes()
            (gzip.decompress(raw) if path.suffix == ".gz" else raw).decode("utf-8")


def test_sample_docs_manifest_matches_corpus():
    manifest = {d["doc"]: d for d in GOLD_DOCS}
    assert set(manifest) == set(DOCS)
    for doc_id, (fmt, rel, _) in DOCS.items():
        assert manifest[doc_id]["format"] == fmt
        assert manifest[doc_id]["file"] == rel
    assert len({d["outlet"] for d in GOLD_DOCS}) >= 5


def test_sample_records_have_unique_urls():
    urls = [rec["url"] for rec in _read_jsonl(SAMPLE / "meridian_desk.jsonl")]
    urls += list(_rss_docs(SAMPLE / "caspian_dispatch_feed.xml"))
    urls += list(_warc_docs(SAMPLE / "orontes_crawl.warc.gz"))
    assert len(urls) == len(set(urls))


def test_sample_jsonl_records_have_the_documented_fields():
    records = _read_jsonl(SAMPLE / "meridian_desk.jsonl")
    assert 3 <= len(records) <= 5
    for rec in records:
        assert set(rec) == {"url", "outlet", "title", "published", "text"}
    assert any(rec["published"] is None for rec in records)


def test_sample_rss_items_have_dates_and_links():
    feed = feedparser.parse(str(SAMPLE / "caspian_dispatch_feed.xml"))
    assert 3 <= len(feed.entries) <= 5
    for entry in feed.entries:
        assert entry.link.startswith("https://") and entry.published_parsed


def test_sample_warc_date_is_crawl_time_not_publication():
    with (SAMPLE / "orontes_crawl.warc.gz").open("rb") as fh:
        dates = [r.rec_headers.get_header("WARC-Date") for r in ArchiveIterator(fh)]
    published = {d["published"] for d in GOLD_DOCS if d["format"] == "warc"}
    assert len(dates) == 2 and not {d[:10] for d in dates} & published


def test_ceasefire_folder_holds_dated_incident_reports():
    folder = {d["doc"] for d in GOLD_DOCS if d["file"].startswith("ceasefire/")}
    assert 5 <= len(folder) <= 6
    assert all(d["published"] for d in GOLD_DOCS if d["doc"] in folder)


@pytest.mark.parametrize("event", GOLD_EVENTS, ids=lambda e: e["cluster"])
def test_gold_mentions_are_in_their_documents(event):
    assert event["mentions"]
    for mention in event["mentions"]:
        assert mention["doc"] in DOCS, mention["doc"]
        assert mention["sentence_contains"] in DOCS[mention["doc"]][2], mention


def test_gold_events_are_well_formed():
    clusters = [e["cluster"] for e in GOLD_EVENTS]
    assert len(clusters) == len(set(clusters))
    for e in GOLD_EVENTS:
        assert e["date_start"] <= e["date_end"]
        assert e["date_precision"] in {"day", "week", "month", "year"}
        assert -90 <= e["lat"] <= 90 and -180 <= e["lon"] <= 180
        assert set(e["contradictions"]) <= {
            "perpetrator", "target", "fatalities", "outcome", "date", "location"
        }


def test_gold_covers_the_required_disagreements():
    fields = Counter(f for e in GOLD_EVENTS for f in e["contradictions"])
    assert {"perpetrator", "fatalities", "outcome"} <= set(fields)
    for e in GOLD_EVENTS:
        for field in e["contradictions"]:
            outlets = {d["outlet"] for d in GOLD_DOCS if d["doc"] in {
                m["doc"] for m in e["mentions"]}}
            assert len(outlets) >= 2, (e["cluster"], field)


def test_gold_mentions_survive_ingest():
    from sitroom.ingest import iter_articles
    from sitroom.records import Article

    articles = {a.doc: a for a in iter_articles([SAMPLE]) if isinstance(a, Article)}
    assert set(articles) == set(DOCS)
    for event in GOLD_EVENTS:
        for mention in event["mentions"]:
            assert mention["sentence_contains"] in articles[mention["doc"]].text, mention


def test_ingest_publication_dates_match_gold():
    from sitroom.ingest import iter_articles
    from sitroom.records import Article

    found = {a.doc: a.published for a in iter_articles([SAMPLE]) if isinstance(a, Article)}
    assert found == {d["doc"]: d["published"] for d in GOLD_DOCS}
