"""Agreement extraction from real reports (seeds 000-004) and hand-made sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitroom.records import Article, stable_id

pytestmark = pytest.mark.slow

SEEDS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "seeds"


@pytest.fixture(scope="module")
def extract():
    """Parse a text with the project pipeline and extract its agreements."""
    from sitroom.extract.agreements import extract_agreements
    from sitroom.nlp import get_nlp

    nlp = get_nlp()

    def run(text: str, published: str | None = None, doc: str = "test"):
        article = Article(id=stable_id("art", text), doc=doc, text=text, published=published)
        return extract_agreements(nlp(text), article)

    return run


def _seed(prefix: str) -> str:
    path = next(SEEDS.glob(f"{prefix}_*.txt"), None)
    if path is None:
        pytest.skip("shared seed corpus not available")
    return path.read_text(encoding="utf-8")


def _by_kind(agreement, kind):
    return [t for t in agreement.terms if t.kind == kind]


def test_agreements_seed_002_march_5_deal_without_year(extract):
    text = _seed("002")
    found = {a.name: a for a in extract(text)}
    deal = found["Ceasefire of 5 March"]
    assert set(deal.parties) == {"TUR", "RUS"}
    assert deal.signed == "--03-05"  # the report never gives the year
    (corridor,) = _by_kind(deal, "corridor")
    assert corridor.road == "M4" and corridor.geometry["type"] == "LineString"
    assert (corridor.buffer_km_north, corridor.buffer_km_south) == (6, 6)  # "six kilometers"
    assert corridor.sides == {"north": "TUR", "south": "RUS"}
    (patrol,) = _by_kind(deal, "patrol")
    assert patrol.start == "--03-15"  # the first joint patrol, year unknown
    for term in (corridor, patrol):
        for ev in term.evidence:
            assert text[ev["start"] : ev["end"]] == ev["sentence"]
    assert "six kilometers to the north" in corridor.evidence[0]["sentence"]


def test_agreements_seed_002_sochi_posts(extract):
    found = {a.name: a for a in extract(_seed("002"))}
    sochi = found["Sochi agreement"]
    assert sochi.signed == "2018-09" and set(sochi.parties) == {"TUR", "RUS"}
    posts = _by_kind(sochi, "post")
    assert len(posts) == 12 and all(p.geometry["type"] == "Point" for p in posts)
    assert "12 observation posts" in posts[0].evidence[0]["sentence"]


def test_agreements_seed_004_dated_report(extract):
    found = {a.name: a for a in extract(_seed("004"), published="2020-09-22")}
    deal = found["Ceasefire of 5 March 2020"]
    assert deal.signed == "2020-03-05" and set(deal.parties) == {"TUR", "RUS"}
    (patrol,) = _by_kind(deal, "patrol")
    assert patrol.start == "2020-03-15" and patrol.road == "M4"
    (corridor,) = _by_kind(deal, "corridor")
    assert corridor.buffer_km_north is None  # "a secure corridor near the M4": no width given


def test_agreements_merge_across_seeds_anchors_the_year(extract):
    from sitroom.zones import merge_agreements

    mentions = extract(_seed("002"), doc="002") + extract(_seed("004"), published="2020-09-22")
    merged = [a for a in merge_agreements(mentions, []) if a.signed == "2020-03-05"]
    assert len(merged) == 1
    deal = merged[0]
    assert {s["article_id"] for s in deal.sources} == {m.sources[0]["article_id"]
                                                       for m in mentions if "March" in m.name}
    (corridor,) = _by_kind(deal, "corridor")
    (patrol,) = _by_kind(deal, "patrol")
    assert (corridor.buffer_km_north, corridor.buffer_km_south) == (6, 6)
    assert patrol.start == "2020-03-15"


@pytest.mark.parametrize("prefix", ["000", "001"])
def test_agreements_astana_de_escalation_zone(extract, prefix):
    (astana,) = [a for a in extract(_seed(prefix)) if a.name.startswith("Astana")]
    assert set(astana.parties) == {"TUR", "RUS", "IRN"}
    (zone,) = _by_kind(astana, "zone")
    assert zone.geometry["type"] == "Polygon" and "Idlib" in zone.admin1


def test_agreements_number_words_and_either_side(extract):
    text = ("On 5 March 2020 Turkey and Russia agreed a ceasefire that takes effect from "
            "midnight. The protocol sets up a corridor of six km on either side of the M-4.")
    (a,) = extract(text)
    assert a.signed == "2020-03-05" and a.effective_from == "2020-03-06"
    (corridor,) = _by_kind(a, "corridor")
    assert corridor.buffer_km == 6 and corridor.road == "M4"


def test_agreements_reports_of_patrols_are_not_arrangements(extract):
    text = "Last week, Russian forces refused to hold a joint patrol on the M4 with Turkish troops."
    assert extract(text, published="2020-09-22") == []


def test_agreements_read_paragraphs_the_parse_left_blank(extract):
    from sitroom.extract.agreements import extract_agreements
    from sitroom.nlp import get_nlp

    text = ("Fighting went on.\n\nOn 5 March 2020 Turkey and Russia agreed a ceasefire. "
            "It sets up a corridor of 6 km on either side of the M4.")
    blanked = text[:19] + "".join(c if c == "\n" else " " for c in text[19:])
    article = Article(id="art_b", doc="b", text=text)
    (a,) = extract_agreements(get_nlp()(blanked), article)
    (corridor,) = _by_kind(a, "corridor")
    ev = corridor.evidence[0]
    assert text[ev["start"] : ev["end"]] == ev["sentence"] and corridor.buffer_km == 6


@pytest.mark.parametrize("text", [
    "Freemason Bogdanov joins the Sochi mayor race.",
    "On March 15th member states of the OAS agreed to support the request of Dominica and "
    "Trinidad and Tobago.",
])  # fmt: skip
def test_agreements_ignores_non_regime_mentions(extract, text):
    assert extract(text, published="2018-04-01") == []


def test_a_summit_saying_what_must_happen_is_a_term_of_its_deal(nlp):
    from sitroom.extract import mentions_from_doc
    from sitroom.records import Article

    text = ("Regional leaders agreed a ceasefire in Luanda on Wednesday.\n\nThe summit also "
            "said the rebels must withdraw from the areas they hold.")
    article = Article(id="art_l", text=text, published="2022-11-23", doc="l")
    found = mentions_from_doc(nlp(text), article)
    terms = [m for m in found if m.sentence.startswith("The summit") and m.event_type == "AGREE"]
    assert terms and terms[0].follows is not None
