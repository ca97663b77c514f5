"""Ingest on the real seeds and on one fixture per supported format."""

from __future__ import annotations

import json
import subprocess
import sys
from io import BytesIO
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from sitroom.errors import IngestProblem
from sitroom.ingest import article_id, iter_articles
from sitroom.records import Article

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "ingest"


def _articles(*paths: str | Path) -> list[Article]:
    items = list(iter_articles(paths))
    assert all(isinstance(i, Article) for i in items), [str(i) for i in items]
    return items  # type: ignore[return-value]


def _by_stem(seeds_dir: Path) -> dict[str, Article]:
    return {a.doc[:3]: a for a in _articles(seeds_dir)}


def test_ingest_every_seed(seeds_dir: Path) -> None:
    articles = _articles(seeds_dir)
    assert [a.doc for a in articles] == sorted(p.stem for p in seeds_dir.glob("*.txt"))
    for article in articles:
        assert article.format == "txt"
        assert article.id == article_id(article.text)
        assert article.text and "\n\n\n" not in article.text
        assert Path(article.source_path).parent == seeds_dir


def test_ingest_seed_004_dateline_not_caption(seeds_dir: Path) -> None:
    article = _by_stem(seeds_dir)["004"]
    assert article.published == "2020-09-22"
    assert article.published_how == "dateline"
    assert "Editor Picks" not in article.text
    assert "Middle-east and International News" not in article.text
    assert "(AFP)" not in article.text
    assert article.outlet == "Asharq Al-awsat"
    assert article.title == (
        "Russia, Turkey Conduct Joint Military Drill to Contain Tension in Idlib"
    )
    assert article.text.count(article.title) == 1
    assert article.text.endswith("during the past few days.")


def test_ingest_seed_001_drops_you_are_here(seeds_dir: Path) -> None:
    article = _by_stem(seeds_dir)["001"]
    assert "You are here" not in article.text
    assert article.title == "More Than 100 Turkish Soldiers, 30 Armored Vehicles Cross Into Syria"
    assert article.published is None


def test_ingest_seed_002_one_title_no_date(seeds_dir: Path) -> None:
    article = _by_stem(seeds_dir)["002"]
    assert article.title == "Turkey, Russia launched first joint patrol in Idlib"
    assert article.text.count(article.title) == 1
    assert article.published is None and article.published_how is None
    assert "\n\nANKARA\n\n" in article.text


def test_ingest_seed_003_lines_become_paragraphs(seeds_dir: Path) -> None:
    article = _by_stem(seeds_dir)["003"]
    assert article.title.startswith("Turkish and Syrian soldiers killed")
    assert "\n\nThe deaths bring the number of Turkish soldiers killed in Idlib to 15.\n\n" in (
        article.text
    )


def test_ingest_html_metadata_and_boilerplate() -> None:
    (article,) = _articles(FIXTURES / "page_meta_date.html")
    assert article.doc == "page_meta_date"
    assert article.format == "html"
    assert article.title == "Joint patrol reaches Saraqib"
    assert article.outlet == "Levant Wire"
    assert (article.published, article.published_how) == ("2020-03-15", "metadata")
    assert article.text.startswith("Joint patrol reaches Saraqib\n\nA column of armoured")
    for junk in ("You are here", "Editor Picks", "(AFP)", "File photo", "Share this", "cookie"):
        assert junk not in article.text
    assert article.text.count("\n\n") == 3


def test_ingest_html_dateline_when_no_metadata() -> None:
    (article,) = _articles(FIXTURES / "page_dateline.html")
    assert (article.published, article.published_how) == ("2020-09-23", "dateline")
    assert "09:15" not in article.text


def test_ingest_rss_items() -> None:
    items = list(iter_articles([FIXTURES / "feed.rss"]))
    first, second, empty = items
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.doc == first.url == "https://frontline.example/2020/02/27/ariha-shelling"
    assert first.outlet == "Frontline Dispatch"
    assert (first.published, first.published_how) == ("2020-02-27", "feed")
    assert first.text == (
        "Shelling reported near Ariha\n\n"
        "Artillery fire hit the outskirts of Ariha on Thursday afternoon, residents said.\n\n"
        "Rescue workers reported three people wounded."
    )
    assert first.format == "rss"
    assert second.doc == "feed#2" and second.url is None
    assert isinstance(empty, IngestProblem)
    assert empty.path.endswith("feed.rss#3")


def test_ingest_atom_prefers_published_over_updated() -> None:
    (article,) = _articles(FIXTURES / "feed.atom")
    assert (article.published, article.published_how) == ("2020-03-05", "feed")
    assert article.outlet == "Border Monitor"
    assert article.url == "https://monitor.example/ceasefire-midnight"
    assert "Monitors said the front lines were quiet" in article.text


def test_ingest_feed_sniffed_without_extension(tmp_path: Path) -> None:
    sniffed = tmp_path / "latest"
    sniffed.write_bytes((FIXTURES / "feed.atom").read_bytes())
    (article,) = _articles(sniffed)
    assert article.format == "rss" and article.published == "2020-03-05"


def test_ingest_jsonl_good_and_bad_lines() -> None:
    path = FIXTURES / "articles.jsonl"
    items = list(iter_articles([path]))
    good = [i for i in items if isinstance(i, Article)]
    bad = [i for i in items if isinstance(i, IngestProblem)]
    assert [a.doc for a in good] == ["https://wire.example/convoy", "articles#2", "articles#7"]
    assert [str(p).split(": ", 1)[0] for p in bad] == [f"{path}:{n}" for n in (3, 4, 5)]
    assert "invalid JSON" in bad[0].reason
    assert "no text field" in bad[2].reason
    convoy, post, drone = good
    assert (convoy.outlet, convoy.published, convoy.published_how) == (
        "Wire Example",
        "2020-02-10",
        "jsonl",
    )
    assert convoy.text.count("Convoy crosses at Kafr Lusin") == 1
    assert post.text == (
        "Observation post reinforced\n\n"
        "Engineers built new fortifications around an observation post near Taftanaz."
    )
    assert (post.outlet, post.published) == ("Post Daily", "2020-02-12")
    assert drone.title is None and drone.published is None


def test_ingest_same_text_txt_and_jsonl_same_id(tmp_path: Path, seeds_dir: Path) -> None:
    seed = seeds_dir / "002_62335940e15ec100.txt"
    raw = seed.read_text(encoding="utf-8")
    jsonl = tmp_path / "copy.jsonl"
    jsonl.write_text(json.dumps({"text": raw.replace("\n\n", "\n \n  ")}) + "\n")
    from_txt, from_jsonl = _articles(seed, jsonl)
    assert from_txt.id == from_jsonl.id
    assert from_jsonl.doc == "copy#1"


def test_article_id_normalizes_whitespace_case_and_width() -> None:
    assert article_id("Turkey  launched\n\nA PATROL") == article_id("turkey launched a patrol")
    assert article_id("ｔｕｒｋｅｙ") == article_id("turkey")
    assert article_id("a patrol") != article_id("a convoy")
    assert article_id("x").startswith("art_") and len(article_id("x")) == 20


def _warc(path: Path) -> None:
    html = (FIXTURES / "page_dateline.html").read_bytes()
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=path.suffix == ".gz")

        def response(uri: str, body: bytes, mime: str, status: str = "200 OK") -> None:
            headers = StatusAndHeaders(status, [("Content-Type", mime)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                uri,
                "response",
                payload=BytesIO(body),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": "2024-05-01T12:00:00Z"},
            )
            writer.write_record(record)

        response("https://news.example/drill", html, "text/html; charset=utf-8")
        response("https://news.example/logo.png", b"\x89PNG\r\n\x1a\n", "image/png")
        gone = b"<html>Not found</html>"
        response("https://news.example/gone", gone, "text/html", "404 Not Found")
        text = b"Convoy seen near Maarat al-Numan\n\nA convoy of trucks was seen heading south."
        response("https://news.example/plain", text, "text/plain")


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_ingest_warc_records(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    _warc(path)
    html, plain = _articles(path)
    assert html.format == plain.format == "warc"
    assert html.doc == html.url == "https://news.example/drill"
    assert (html.published, html.published_how) == ("2020-09-23", "dateline")
    assert "2024-05-01" not in (html.published or "")
    assert html.title == "Drill held near Idlib"
    assert plain.doc == "https://news.example/plain"
    assert plain.title == "Convoy seen near Maarat al-Numan"
    assert plain.published is None


def test_ingest_warc_date_is_never_publication(tmp_path: Path) -> None:
    path = tmp_path / "nodate.warc"
    body = b"<html><body><article><p>" + b"Troops moved north of the town overnight. " * 8
    body += b"</p></article></body></html>"
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=False)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                "https://news.example/nodate",
                "response",
                payload=BytesIO(body),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": "2020-03-01T00:00:00Z"},
            )
        )
    (article,) = _articles(path)
    assert article.published is None and article.published_how is None


def test_ingest_folder_recursion_sorted_skips_hidden() -> None:
    items = list(iter_articles([FIXTURES / "tree"]))
    names = [Path(i.source_path if isinstance(i, Article) else i.path).name for i in items]
    assert names == ["a_report.txt", "b_report.md", "notes.docx"]
    problem = items[-1]
    assert isinstance(problem, IngestProblem)
    assert problem.reason == "unsupported file type .docx"


def test_ingest_does_not_load_spacy() -> None:
    script = (
        "import sys; from sitroom.ingest import iter_articles; "
        f"list(iter_articles([{str(FIXTURES)!r}])); "
        "print('spacy' in sys.modules, 'sitroom.nlp' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_ingest_sample_corpus_matches_gold_docs() -> None:
    root = Path(__file__).resolve().parents[1]
    gold_path = root / "src" / "sitroom" / "data" / "gold" / "sample_docs.jsonl"
    sample = root / "src" / "sitroom" / "data" / "sample"
    if not gold_path.is_file() or not sample.is_dir():
        pytest.skip("sample corpus or its gold is not present")
    gold = {g["doc"]: g for g in map(json.loads, gold_path.read_text().splitlines())}
    got = {a.doc: a for a in _articles(sample)}
    assert set(got) == set(gold)
    for doc, expected in gold.items():
        article = got[doc]
        assert (article.format, article.published) == (expected["format"], expected["published"])
        assert article.outlet is None or expected["outlet"].startswith(article.outlet), doc


def test_ingest_outlet_from_agency_title_and_feed(tmp_path: Path) -> None:
    wire = tmp_path / "wire.txt"
    wire.write_text(
        "Convoy enters Idlib\n\nANKARA, Oct 13 (Anatolia Wire) - A convoy crossed the border.\n"
    )
    page = tmp_path / "page.html"
    paragraph = "<p>Shells hit the outskirts of the town overnight, residents said.</p>"
    page.write_text(
        "<html><head><title>Orontes Daily - Shelling near Ariha</title></head>"
        f"<body><article><h1>Shelling near Ariha</h1>{paragraph * 3}</article></body></html>"
    )
    feed = tmp_path / "world.rss"
    rss = (FIXTURES / "feed.rss").read_text()
    feed.write_text(rss.replace("Frontline Dispatch", "Frontline Dispatch - World"))
    wire_article, page_article = _articles(wire, page)
    assert wire_article.outlet == "Anatolia Wire"
    assert wire_article.published is None
    assert (page_article.title, page_article.outlet) == ("Shelling near Ariha", "Orontes Daily")
    feed_article = next(iter_articles([feed]))
    assert isinstance(feed_article, Article)
    assert feed_article.outlet == "Frontline Dispatch"


def test_ingest_same_report_in_four_formats_same_id(tmp_path: Path) -> None:
    title = "Shelling reported near Ariha"
    paras = [
        "Artillery fire hit the outskirts of Ariha on Thursday afternoon, residents said, "
        "adding that several houses were damaged.",
        "Rescue workers reported three people wounded, one of them a child, and said they had "
        "taken them to a hospital in Idlib city.",
    ]
    html_paras = "".join(f"<p>{p}</p>" for p in paras)
    (tmp_path / "a.txt").write_text(title + "\n\n" + "\n\n".join(paras))
    (tmp_path / "b.html").write_text(
        f"<html><head><title>{title} | Frontline</title></head><body><nav>Home</nav>"
        f"<article><h1>{title}</h1>{html_paras}</article></body></html>"
    )
    (tmp_path / "c.jsonl").write_text(json.dumps({"title": title, "text": "\n".join(paras)}))
    escaped = html_paras.replace("<", "&lt;").replace(">", "&gt;")
    (tmp_path / "d.rss").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Frontline</title><item>'
        f"<title>{title}</title><description>{escaped}</description></item></channel></rss>"
    )
    articles = _articles(tmp_path)
    assert [a.format for a in articles] == ["txt", "html", "jsonl", "rss"]
    assert len({a.id for a in articles}) == 1
    assert len({a.text for a in articles}) == 1
