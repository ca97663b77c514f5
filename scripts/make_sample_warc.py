"""Build the sample WARC (two crawled Orontes Daily pages) so the WARC reader has a real input."""

from __future__ import annotations

import html
import uuid
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

OUT = Path(__file__).resolve().parents[1] / "src/sitroom/data/sample/orontes_crawl.warc.gz"
CRAWL_DATE = "2020-03-10T04:12:00Z"  # when the crawler fetched the pages, not when they appeared

PAGE = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Orontes Daily - {title}</title></head>
<body class="article-page">
<div class="gdpr-notice">This site uses cookies. By continuing to browse you agree to our use of
cookies. <a href="/cookies">Find out more</a></div>
<header><div class="masthead"><a href="/">ORONTES DAILY</a></div>
<nav id="menu"><a href="/">Home</a> <a href="/middle-east">Middle East</a>
<a href="/middle-east/syria">Syria</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
</header>
<div class="crumbs"><span>You are here</span> <a href="/">Home</a> /
<a href="/middle-east">Middle East</a></div>
<div class="content">
<h1 class="headline">{title}</h1>
{when}<div class="photo"><img src="/media/{slug}.jpg" alt="photo">
<p class="caption">{caption}</p></div>
<div class="article-text">
{body}
</div>
<div class="read-more"><h4>Read more</h4><ul>
<li><a href="/middle-east/syria/idlib-explained">Idlib explained in five maps</a></li></ul></div>
</div>
<div class="sidebar"><h4>Editor Picks</h4><ul>
<li><a href="/world/olive-harvest">A poor olive harvest in Hatay</a></li></ul>
<h4>Subscribe to our newsletter</h4><p>Get the Orontes Daily headlines every evening.</p></div>
<footer class="site-footer"><p>Copyright Orontes Daily Media.</p></footer>
</body>
</html>
"""

PAGES = [
    {
        "url": "https://orontes-daily.example/middle-east/syria/balyun-toll-34",
        "title": "Turkey mourns 34 soldiers killed at Balyun",
        "when": '<p class="dateline"><time datetime="2020-02-29T08:00:00+03:00">'
        "29 February 2020</time></p>\n",
        "caption": "Rescue workers search rubble in Ariha on January 30, 2020 (AFP)",
        "body": [
            "Turkey said on Friday that 34 of its soldiers had been killed in the air strike on "
            "their position at Balyun in Idlib's Jabal al-Zawiya on Thursday evening.",
            "Turkish officials said the raid was carried out by Syrian government aircraft. "
            "Several analysts who study flight data said the Balyun strike was more likely "
            "carried out by Russian jets, which Moscow denies.",
            "Defence Minister Hulusi Akar said Turkish troops had struck back at more than 200 "
            "regime targets overnight.",
            "Soldiers' coffins were flown to their home towns, and crowds gathered at funerals "
            "in Hatay, Adana and Konya.",
        ],
    },
    {
        "url": "https://orontes-daily.example/middle-east/syria/spring-shield-drones",
        "title": "Turkish drones pound Syrian army as Spring Shield begins",
        "when": "",
        "caption": "Farmers harvest wheat near Raqqa on June 2, 2019 (AFP)",
        "body": [
            "Turkish armed drones struck Syrian army positions, tanks and air defence systems "
            "across Idlib on Sunday as Ankara formally launched Operation Spring Shield.",
            "Defence Minister Hulusi Akar said the operation had neutralized over 2,000 Syrian "
            "troops, a claim that independent monitors put far lower.",
            "Two Syrian Su-24 jets were shot down by Turkish F-16s over the province, and Syria "
            "closed the airspace over the north-west of the country.",
            "Footage released by the Turkish ministry showed drone strikes on armoured vehicles "
            "on roads south of Saraqib.",
        ],
    },
]


def page_html(page: dict) -> bytes:
    """Render one page with its site boilerplate."""
    body = "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in page["body"])
    slug = page["url"].rsplit("/", 1)[-1]
    return PAGE.format(
        title=html.escape(page["title"]), when=page["when"], caption=html.escape(page["caption"]),
        body=body, slug=slug,
    ).encode("utf-8")


def main() -> None:
    """Write both pages as WARC response records with a fixed crawl date and record ids."""
    with OUT.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for page in PAGES:
            payload = page_html(page)
            http_headers = StatusAndHeaders(
                "200 OK",
                [("Content-Type", "text/html; charset=utf-8"),
                 ("Content-Length", str(len(payload)))],
                protocol="HTTP/1.1",
            )
            record = writer.create_warc_record(
                page["url"], "response", payload=BytesIO(payload), http_headers=http_headers,
                warc_headers_dict={
                    "WARC-Date": CRAWL_DATE,
                    "WARC-Record-ID": f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, page['url'])}>",
                },
            )
            writer.write_record(record)
    print(OUT)


if __name__ == "__main__":
    main()
