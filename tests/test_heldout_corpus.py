"""Consistency checks for the held-out fusion corpus in tests/fixtures/heldout/.

These tests only check that the reports and the hand-made gold agree with each other and
that sitroom's ingest reads the reports as intended. They never run or score the pipeline.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sitroom.ingest import iter_articles
from sitroom.records import Article

ROOT = Path(__file__).resolve().parents[1]
HELDOUT = ROOT / "tests" / "fixtures" / "heldout"
DOCS_DIR = HELDOUT / "docs"
GOLD_FILE = HELDOUT / "gold.jsonl"

# Publication date each document states (date line, dateline with year, metadata or the
# JSONL field), or None when it gives none or only a dateline without a year.
EXPECTED_PUBLISHED: dict[str, str | None] = {
    "bw_mariupol_theatre_strike": "2022-03-16",
    "kch_theatre_toll_300": "2022-03-25",
    "volga_mariupol_theatre_azov": "2022-03-17",
    "bw_kramatorsk_station_strike": "2022-04-08",
    "volga_kramatorsk_tochka": "2022-04-08",
    "steppe_kramatorsk_toll_update": None,
    "bw_moskva_sinks": "2022-04-14",
    "volga_moskva_sank_under_tow": "2022-04-14",
    "kch_moskva_neptune": "2022-04-14",
    "https://bosphorus-brief.example/2022/04/22/moskva-crew-figures": "2022-04-22",
    "kch_kremenchuk_mall_strike": "2022-06-27",
    "volga_kremenchuk_depot": "2022-06-28",
    "steppe_kremenchuk_missing": "2022-06-28",
    "bw_grain_deal_istanbul": "2022-07-22",
    "https://bosphorus-brief.example/2022/07/22/grain-corridor-signed": "2022-07-22",
    "kch_odesa_port_after_deal": "2022-07-23",
    "https://bosphorus-brief.example/2022/07/24/odesa-port-moscow-explains": "2022-07-24",
    "volga_yelenovka_himars": "2022-07-29",
    "kch_olenivka_blame": "2022-07-29",
    "steppe_olenivka_toll": None,
    "bw_crimea_bridge_blast": None,  # dateline "MOSCOW, Oct 8" has no year
    "volga_crimean_bridge_terror": "2022-10-09",
    "kch_kyiv_rush_hour_missiles": "2022-10-10",
    "volga_massive_strike_kiev": "2022-10-10",
}

GOLD_FIELDS = {
    "cluster",
    "event_type",
    "acled_sub_event_type",
    "date_start",
    "date_end",
    "date_precision",
    "place",
    "lat",
    "lon",
    "geo_precision",
    "admin1",
    "fatalities_best",
    "actor1_country",
    "actor2_country",
    "mentions",
    "contradictions",
}
OPTIONAL_FIELDS = {"contested_values"}
PLOVER = {
    "ASSAULT",
    "AGREE",
    "RETREAT",
    "MOBILIZE",
    "COOPERATE",
    "REJECT",
    "PROTEST",
    "COERCE",
    "CONSULT",
    "DEMAND",
    "THREATEN",
    "SUPPORT",
    "ACCUSE",
    "AID",
    "SANCTION",
    "REQUEST",
}
CONTRADICTION_FIELDS = {"perpetrator", "target", "fatalities", "outcome"}
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO3 = re.compile(r"^[A-Z]{3}$")
# A sentence boundary: end punctuation, optional closing quote, space, then a capital.
SENTENCE_BREAK = re.compile(r"[.!?][\"')\]]?\s+[\"'(]?[A-Z0-9]")


class _VisibleText(HTMLParser):
    """Collect the text of an HTML page outside <head>, <script> and <style>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in {"head", "script", "style"}:
            self._skip += 1
        elif tag in {"p", "h1", "h2", "h3", "li", "div", "br", "time", "figcaption"}:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in {"head", "script", "style"}:
            self._skip = max(0, self._skip - 1)
        elif tag in {"p", "h1", "h2", "h3", "li", "div"}:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def _visible_text(raw: str) -> str:
    parser = _VisibleText()
    parser.feed(raw)
    parser.close()
    return html.unescape("".join(parser.parts))


def _read_jsonl(path: Path) -> list[dict]:
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def load_documents() -> dict[str, tuple[str, str]]:
    """Return doc id -> (format, searchable text), read without sitroom."""
    docs: dict[str, tuple[str, str]] = {}

    def add(doc_id: str, fmt: str, text: str) -> None:
        assert doc_id not in docs, f"duplicate doc id {doc_id}"
        docs[doc_id] = (fmt, text)

    for path in sorted(DOCS_DIR.rglob("*")):
        if not path.is_file():
            continue
        if path.suffix == ".txt":
            add(path.stem, "txt", path.read_text(encoding="utf-8"))
        elif path.suffix == ".html":
            add(path.stem, "html", _visible_text(path.read_text(encoding="utf-8")))
        elif path.suffix == ".jsonl":
            for rec in _read_jsonl(path):
                add(rec["url"], "jsonl", f"{rec['title']}\n{rec['text']}")
        else:
            raise AssertionError(f"unexpected file in held-out corpus: {path.name}")
    return docs


DOCS = load_documents()
GOLD = _read_jsonl(GOLD_FILE)
MENTIONS = [(event["cluster"], m) for event in GOLD for m in event["mentions"]]


@pytest.fixture(scope="module")
def articles() -> dict[str, Article]:
    found: dict[str, Article] = {}
    for item in iter_articles([DOCS_DIR]):
        assert isinstance(item, Article), f"ingest problem: {item}"
        assert item.doc not in found, f"duplicate doc id from ingest: {item.doc}"
        found[item.doc] = item
    return found


def test_corpus_shape() -> None:
    formats = Counter(fmt for fmt, _ in DOCS.values())
    assert 18 <= len(DOCS) <= 26
    assert 3 <= formats["html"] <= 5
    assert set(DOCS) == set(EXPECTED_PUBLISHED)
    assert sum(1 for v in EXPECTED_PUBLISHED.values() if v is None) <= 3
    assert 7 <= len(GOLD) <= 9


def test_ingest_yields_expected_docs(articles: dict[str, Article]) -> None:
    assert set(articles) == set(DOCS)


@pytest.mark.parametrize("doc_id", sorted(EXPECTED_PUBLISHED))
def test_ingest_reads_publication_date(articles: dict[str, Article], doc_id: str) -> None:
    assert articles[doc_id].published == EXPECTED_PUBLISHED[doc_id]


def test_gold_fields_and_ids() -> None:
    clusters = [event["cluster"] for event in GOLD]
    assert len(clusters) == len(set(clusters)), "cluster ids must be unique"
    for event in GOLD:
        keys = set(event)
        assert GOLD_FIELDS <= keys <= GOLD_FIELDS | OPTIONAL_FIELDS, event["cluster"]
        assert event["cluster"].startswith(event["date_start"]), event["cluster"]
        assert event["event_type"] in PLOVER
        assert event["acled_sub_event_type"]
        for key in ("actor1_country", "actor2_country"):
            assert event[key] is None or ISO3.match(event[key]), (event["cluster"], key)
        assert event["fatalities_best"] is None or (
            isinstance(event["fatalities_best"], int) and event["fatalities_best"] >= 0
        )
        assert set(event["contradictions"]) <= CONTRADICTION_FIELDS
        assert set(event.get("contested_values", {})) <= set(event["contradictions"])
        assert event["geo_precision"] in {"exact", "town", "admin1"}


def test_gold_dates_are_iso() -> None:
    for event in GOLD:
        assert ISO_DATE.match(event["date_start"]) and ISO_DATE.match(event["date_end"])
        start = date.fromisoformat(event["date_start"])
        end = date.fromisoformat(event["date_end"])
        assert date(2022, 2, 24) <= start <= end <= date(2022, 12, 31), event["cluster"]
        assert event["date_precision"] in {"day", "week", "month"}


def test_gold_coordinates_plausible() -> None:
    # A box around Ukraine, the Black Sea and Turkey.
    for event in GOLD:
        assert 35.5 <= event["lat"] <= 52.5, event["cluster"]
        assert 22.0 <= event["lon"] <= 45.0, event["cluster"]


@pytest.mark.parametrize(
    ("cluster", "mention"), MENTIONS, ids=[f"{c}:{m['doc'][-30:]}" for c, m in MENTIONS]
)
def test_mention_occurs_in_named_document_only(cluster: str, mention: dict) -> None:
    doc, needle = mention["doc"], mention["sentence_contains"]
    assert doc in DOCS, f"{cluster}: unknown doc {doc}"
    assert needle in DOCS[doc][1], f"{cluster}: {needle!r} not in {doc}"
    others = [other for other, (_, text) in DOCS.items() if other != doc and needle in text]
    assert not others, f"{cluster}: {needle!r} also occurs in {others}"
    assert not SENTENCE_BREAK.search(needle), f"{cluster}: {needle!r} spans two sentences"


@pytest.mark.parametrize(
    ("cluster", "mention"), MENTIONS, ids=[f"{c}:{m['doc'][-30:]}" for c, m in MENTIONS]
)
def test_mention_survives_ingest(articles: dict[str, Article], cluster: str, mention: dict) -> None:
    assert mention["sentence_contains"] in articles[mention["doc"]].text, cluster


def test_no_duplicate_mentions() -> None:
    pairs = Counter((m["doc"], m["sentence_contains"]) for _, m in MENTIONS)
    assert all(n == 1 for n in pairs.values()), [p for p, n in pairs.items() if n > 1]


def test_every_document_is_used() -> None:
    used = {m["doc"] for _, m in MENTIONS}
    assert set(DOCS) - used == set()


def test_each_event_has_several_outlets() -> None:
    for event in GOLD:
        docs = {m["doc"] for m in event["mentions"]}
        assert len(docs) >= 2, event["cluster"]
