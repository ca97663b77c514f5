"""HTML pages (files or WARC payloads) to main text and metadata via trafilatura."""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import lxml.html
import trafilatura
from lxml.etree import ParserError

from sitroom.errors import IngestError
from sitroom.ingest.assemble import build_article
from sitroom.ingest.dates import parse_date
from sitroom.ingest.decode import declared_html_charset, decode_text, read_bytes
from sitroom.records import Article

# Only dates a page states in its markup (meta, JSON-LD, <time>), not guesses from free text.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
_BLOCKS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "br")
_DROP = ".//script|.//style|.//noscript|.//figcaption"
_TITLE_TAG = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_TITLE_SEPARATOR = re.compile(r"\s+[|–—-]\s+|\s*[|»]\s*")
_HOSTNAME = re.compile(r"[\w-]+(\.[\w-]+)+")
_OUTLET_MAX_WORDS = 5


@dataclass
class Page:
    """What trafilatura found on one page."""

    text: str
    title: str | None
    outlet: str | None
    published: str | None


def extract_page(markup: str | bytes, *, url: str | None = None) -> Page:
    """Extract main text, title, site name and stated publication date from a page."""
    doc = trafilatura.bare_extraction(
        markup,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params=_DATE_PARAMS,
    )
    if doc is None or not (doc.text or "").strip():
        raise IngestError("no main text found in HTML")
    outlet = doc.sitename or None
    if outlet is None or _HOSTNAME.fullmatch(outlet):
        outlet = title_outlet(markup, doc.title) or outlet
    title = doc.title or None
    return Page(text=doc.text, title=title, outlet=outlet, published=parse_date(doc.date))


def title_outlet(markup: str | bytes, title: str | None) -> str | None:
    """Return the site name a <title> adds to the headline ("Orontes Daily - Headline")."""
    if isinstance(markup, bytes):
        markup = markup[:65536].decode("utf-8", errors="replace")
    match = _TITLE_TAG.search(markup)
    if match is None or not title:
        return None
    parts = [p.strip() for p in _TITLE_SEPARATOR.split(html_lib.unescape(match.group(1)))]
    if len(parts) < 2 or not any(_same(p, title) for p in parts):
        return None
    rest = [p for p in parts if p and not _same(p, title)]
    if len(rest) == 1 and len(rest[0].split()) <= _OUTLET_MAX_WORDS:
        return rest[0]
    return None


def _same(a: str, b: str) -> bool:
    """Compare two titles ignoring case and spacing."""
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def page_article(
    page: Page, *, doc: str, fmt: str, source_path: Path, url: str | None = None
) -> Article:
    """Turn an extracted page into an Article, dated by metadata or else a dateline."""
    return build_article(
        page.text,
        doc=doc,
        fmt=fmt,
        source_path=source_path,
        title=page.title,
        url=url,
        outlet=page.outlet,
        published=page.published,
        published_how="metadata" if page.published else None,
    )


def read_html_file(path: Path, max_bytes: int) -> Iterator[Article]:
    """Yield the one Article an .html/.htm file holds."""
    data = read_bytes(path, max_bytes)
    markup = decode_text(data, fallback=declared_html_charset(data))
    yield page_article(extract_page(markup), doc=path.stem, fmt="html", source_path=path)


def fragment_text(markup: str) -> str:
    """Return the text of an HTML fragment (feed item, JSONL field) with paragraph breaks."""
    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (ParserError, ValueError):
        return ""
    for element in root.xpath(_DROP):
        element.drop_tree()
    for element in root.iter(*_BLOCKS):
        element.tail = "\n\n" + (element.tail or "")
    return root.text_content()
