"""Consistency checks for the held-out fusion corpora in tests/fixtures/heldout*/.

These tests only check that the reports and the hand-made gold agree with each other and
that sitroom's ingest reads the reports as intended. They never run or score the pipeline.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sitroom.ingest import iter_articles
from sitroom.records import Article

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures"

# Publication date each document states (date line, dateline with year, metadata or the
# JSONL field), or None when it gives none or only a dateline without a year.
UKRAINE_2022_PUBLISHED: dict[str, str | None] = {
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

KARABAKH_2020_PUBLISHED: dict[str, str | None] = {
    "yel_shushi_cathedral_shelled": "2020-10-08",
    "neva_cathedral_journalists": "2020-10-08",
    "cd_baku_rejects_cathedral_claim": "2020-10-08",
    "aras_cathedral_heritage": "2020-10-12",
    "cd_moscow_truce_agreed": "2020-10-10",
    "neva_lavrov_humanitarian_truce": "2020-10-10",
    "https://caucasus-roundup.example/2020/10/10/moscow-humanitarian-pause": "2020-10-10",
    "cd_ganja_missile_night": "2020-10-11",
    "yel_ganja_denial_truce_violations": "2020-10-11",
    "cd_ganja_second_strike": None,  # dateline "GANJA, Oct 17" has no year
    "neva_ganja_new_strike": "2020-10-17",
    "https://caucasus-roundup.example/2020/10/18/ganja-toll-13": "2020-10-18",
    "aras_ganja_civilian_toll": None,
    "cd_shusha_liberated": "2020-11-08",
    "yel_shushi_battle_continues": "2020-11-08",
    "neva_shusha_karabakh_confirms": "2020-11-09",
    "neva_mi24_downed_armenia": "2020-11-09",
    "cd_baku_apology_helicopter": "2020-11-09",
    "yel_statement_signed_protests": "2020-11-10",
    "cd_trilateral_statement": "2020-11-10",
    "https://caucasus-roundup.example/2020/11/10/helicopter-apology-and-ceasefire": "2020-11-10",
    "neva_peacekeepers_ulyanovsk": "2020-11-10",
    "aras_after_ceasefire": None,
    "https://caucasus-roundup.example/2020/11/13/peacekeepers-take-up-posts": "2020-11-13",
}


SUDAN_2023_PUBLISHED: dict[str, str | None] = {
    "rsw_khartoum_fighting_erupts": "2023-04-15",
    "omc_army_denies_palace_claims": "2023-04-15",
    "sen_rsf_takes_palace_airport": "2023-04-15",
    "sen_marawi_airport_egyptians": "2023-04-15",
    "ncm_khartoum_toll_56": "2023-04-16",
    "rsw_wfp_staff_killed": "2023-04-16",
    "https://horn-briefing.example/2023/04/16/wfp-pause-toll-56": "2023-04-16",
    "ncm_aid_workers_darfur": None,
    "rsw_us_convoy_fired_on": "2023-04-18",
    "https://horn-briefing.example/2023/04/18/24-hour-truce-six-pm": "2023-04-18",
    "omc_truce_militia_breached": "2023-04-19",
    "sen_truce_army_violations": "2023-04-19",
    "rsw_us_evacuates_embassy": "2023-04-22",
    "sen_rsf_coordinated_evacuation": "2023-04-23",
    "omc_burhan_facilitates_evacuations": "2023-04-23",
    "rsw_72_hour_ceasefire": None,  # dateline "KHARTOUM, April 25" has no year
    "omc_ceasefire_militia_reinforcing": "2023-04-25",
    "https://horn-briefing.example/2023/04/25/three-day-truce-omdurman": "2023-04-25",
    "rsw_jeddah_week_ceasefire": "2023-05-21",
    "sen_jeddah_truce_violations": "2023-05-23",
    "omc_jeddah_militia_violations": "2023-05-23",
    "omc_geneina_governor_killed": "2023-06-15",
    "sen_rsf_condemns_governor_killing": "2023-06-15",
    "https://horn-briefing.example/2023/06/15/geneina-governor-killed": "2023-06-15",
    "ncm_west_darfur_note": None,
}


LIBYA_2019_PUBLISHED: dict[str, str | None] = {
    "sro_haftar_forces_enter_gharyan": "2019-04-04",
    "trib_gheryan_aggression": "2019-04-04",
    "cyr_gharian_liberation_march": "2019-04-04",
    "cyr_airport_in_army_hands": "2019-04-05",
    "https://maghreb-brief.example/2019/04/05/gharyan-old-airport": "2019-04-05",
    "trib_matiga_airport_strike": "2019-04-08",
    "sro_mitiga_strike": "2019-04-08",
    "mmw_tripoli_airports_note": None,
    "sro_gharyan_falls_to_gna": "2019-06-26",
    "trib_gheryan_liberated": "2019-06-26",
    "cyr_gharian_treachery": "2019-06-27",
    "sro_tajoura_strike": "2019-07-03",
    "trib_tajura_massacre": "2019-07-03",
    "cyr_army_denies_tajoura": "2019-07-03",
    "https://maghreb-brief.example/2019/07/04/tajoura-toll-44": "2019-07-04",
    "mmw_tajoura_toll_53": "2019-07-05",
    "sro_military_college_strike": "2020-01-05",
    "trib_hadaba_cadets": "2020-01-05",
    "cyr_sirt_liberated": "2020-01-06",
    "https://maghreb-brief.example/2020/01/06/sirte-falls": "2020-01-06",
    "mmw_military_college_note": None,
    "cyr_army_accepts_truce": "2020-01-12",
    "trib_truce_violations": "2020-01-13",
    "sro_haftar_leaves_moscow": None,  # dateline "MOSCOW, Jan 14" has no year
    "https://maghreb-brief.example/2020/01/14/moscow-no-signature": "2020-01-14",
}


M23_2022_PUBLISHED: dict[str, str | None] = {
    "flv_monusco_helicopter_shot_down": "2022-03-29",
    "klw_un_helicopter_down_tshanzu": "2022-03-30",
    "tho_m23_rejects_helicopter_claim": "2022-03-30",
    "https://lakes-digest.example/2022/03/31/peacekeepers-flown-to-goma": "2022-03-31",
    "flv_fardc_routs_m23_bunagana": "2022-06-12",
    "klw_m23_seizes_bunagana": "2022-06-13",
    "https://lakes-digest.example/2022/06/13/bunagana-falls-to-m23": "2022-06-13",
    "tho_kigali_rejects_invasion_claim": "2022-06-14",
    "klw_rebels_take_kiwanja_rutshuru": "2022-10-29",
    "flv_rutshuru_occupied_envoy_expelled": "2022-10-30",
    "tho_kiwanja_residents_return": "2022-10-31",
    "klw_luanda_summit_ceasefire": "2022-11-23",
    "flv_luanda_roadmap_withdrawal": "2022-11-24",
    "https://lakes-digest.example/2022/11/25/truce-from-six-pm": "2022-11-25",
    "flv_kishishe_massacre_50": "2022-12-01",
    "tho_m23_denies_kishishe_killings": "2022-12-03",
    "klw_kishishe_toll_272": "2022-12-05",
    "klw_un_kishishe_131": "2022-12-08",
    "glcm_kishishe_figures_note": None,
    "klw_m23_hands_over_kibumba": "2022-12-23",
    "flv_kibumba_decoy": "2022-12-24",
    "tho_sukhoi_defensive_measures": "2023-01-24",
    "flv_sukhoi_act_of_war": "2023-01-25",
    "klw_m23_claims_kitshanga": None,  # dateline "GOMA, Jan 27" has no year
    "https://lakes-digest.example/2023/01/27/kitshanga-changes-hands": "2023-01-27",
    "glcm_north_kivu_january_note": None,
}


KASHMIR_2019_PUBLISHED: dict[str, str | None] = {
    "iw_pulwama_convoy_bombing": "2019-02-14",
    "https://subcontinent-digest.example/2019/02/14/convoy-blast-pulwama": "2019-02-14",
    "cs_pulwama_jawans_martyred": "2019-02-15",
    "mh_pakistan_rejects_pulwama_link": "2019-02-15",
    "iw_indian_jets_strike_balakot": "2019-02-26",
    "cs_iaf_destroys_jaish_camp": "2019-02-26",
    "mh_payload_dropped_jabba": "2019-02-26",
    "mh_paf_downs_indian_jets": "2019-02-27",
    "cs_mig21_lost_f16_downed": "2019-02-27",
    "iw_air_clash_pilot_captured": "2019-02-27",
    "cs_budgam_chopper_crash": "2019-02-27",
    "https://subcontinent-digest.example/2019/02/27/airspace-closed": "2019-02-27",
    "iw_balakot_villagers": "2019-02-28",
    "mh_pilot_release_peace_gesture": "2019-02-28",
    "iw_pilot_returns_wagah": "2019-03-01",
    "cs_poonch_family_killed": "2019-03-02",
    "mh_nakyal_soldiers_martyred": "2019-03-02",
    "bvm_loc_shelling_note": None,
    "iw_pakistan_detains_44": None,  # dateline "ISLAMABAD, March 5" has no year
    "mh_crackdown_not_under_pressure": "2019-03-05",
    "https://subcontinent-digest.example/2019/03/05/44-detained": "2019-03-05",
    "cs_kartarpur_talks_attari": "2019-03-14",
    "https://subcontinent-digest.example/2019/03/14/kartarpur-first-round": "2019-03-14",
    "cs_iaf_chief_own_missile": "2019-10-04",
    "bvm_kashmir_february_note": None,
}


@dataclass(frozen=True)
class Corpus:
    """One held-out folder with the dates and area its gold events must fall in."""

    name: str
    published: dict[str, str | None]
    first_day: date
    last_day: date
    lat: tuple[float, float]
    lon: tuple[float, float]

    @property
    def docs_dir(self) -> Path:
        return FIXTURES / self.name / "docs"

    @property
    def gold_file(self) -> Path:
        return FIXTURES / self.name / "gold.jsonl"


CORPORA = [
    # A box around Ukraine, the Black Sea and Turkey.
    Corpus(
        "heldout",
        UKRAINE_2022_PUBLISHED,
        date(2022, 2, 24),
        date(2022, 12, 31),
        (35.5, 52.5),
        (22.0, 45.0),
    ),
    # A box from the South Caucasus north to Moscow.
    Corpus(
        "heldout2",
        KARABAKH_2020_PUBLISHED,
        date(2020, 9, 27),
        date(2020, 12, 31),
        (38.0, 56.5),
        (37.0, 51.0),
    ),
    # A box around Sudan, reaching east across the Red Sea to Jeddah.
    Corpus(
        "heldout3",
        SUDAN_2023_PUBLISHED,
        date(2023, 4, 15),
        date(2023, 6, 30),
        (10.0, 24.0),
        (21.0, 42.0),
    ),
    # A box from Libya north-east to Moscow, where the January 2020 talks were held.
    Corpus(
        "heldout4",
        LIBYA_2019_PUBLISHED,
        date(2019, 4, 4),
        date(2020, 1, 31),
        (25.0, 56.5),
        (9.0, 42.0),
    ),
    # A box from Luanda, where the November 2022 summit was held, north-east to North Kivu.
    Corpus(
        "heldout5",
        M23_2022_PUBLISHED,
        date(2022, 3, 28),
        date(2023, 1, 31),
        (-10.0, 1.0),
        (12.0, 31.0),
    ),
    # A box around Kashmir, reaching south to the Wagah-Attari crossing and west to Balakot.
    Corpus(
        "heldout6",
        KASHMIR_2019_PUBLISHED,
        date(2019, 2, 14),
        date(2019, 3, 31),
        (30.0, 36.0),
        (72.0, 76.0),
    ),
]
CORPUS_IDS = [c.name for c in CORPORA]


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
CONTRADICTION_FIELDS = {"perpetrator", "target", "fatalities", "outcome", "date", "location"}
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


def load_documents(docs_dir: Path) -> dict[str, tuple[str, str]]:
    """Return doc id -> (format, searchable text), read without sitroom."""
    docs: dict[str, tuple[str, str]] = {}

    def add(doc_id: str, fmt: str, text: str) -> None:
        assert doc_id not in docs, f"duplicate doc id {doc_id}"
        docs[doc_id] = (fmt, text)

    for path in sorted(docs_dir.rglob("*")):
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


DOCS = {c.name: load_documents(c.docs_dir) for c in CORPORA}
GOLD = {c.name: _read_jsonl(c.gold_file) for c in CORPORA}
MENTIONS = [
    (c.name, event["cluster"], m)
    for c in CORPORA
    for event in GOLD[c.name]
    for m in event["mentions"]
]
MENTION_IDS = [f"{name}:{cluster}:{m['doc'][-30:]}" for name, cluster, m in MENTIONS]
PUBLISHED = [(c.name, doc_id) for c in CORPORA for doc_id in sorted(c.published)]
BY_NAME = {c.name: c for c in CORPORA}


@pytest.fixture(scope="module")
def articles() -> dict[str, dict[str, Article]]:
    """Read every corpus once through sitroom's ingest: corpus name -> doc id -> Article."""
    found: dict[str, dict[str, Article]] = {}
    for corpus in CORPORA:
        docs: dict[str, Article] = {}
        for item in iter_articles([corpus.docs_dir]):
            assert isinstance(item, Article), f"ingest problem: {item}"
            assert item.doc not in docs, f"duplicate doc id from ingest: {item.doc}"
            docs[item.doc] = item
        found[corpus.name] = docs
    return found


@pytest.mark.parametrize("corpus", CORPORA, ids=CORPUS_IDS)
def test_corpus_shape(corpus: Corpus) -> None:
    docs = DOCS[corpus.name]
    formats = Counter(fmt for fmt, _ in docs.values())
    assert 18 <= len(docs) <= 26
    assert 3 <= formats["html"] <= 5
    assert formats["jsonl"] >= 3
    assert set(docs) == set(corpus.published)
    assert sum(1 for v in corpus.published.values() if v is None) <= 3
    assert 7 <= len(GOLD[corpus.name]) <= 9


@pytest.mark.parametrize("corpus", CORPORA, ids=CORPUS_IDS)
def test_ingest_yields_expected_docs(
    articles: dict[str, dict[str, Article]], corpus: Corpus
) -> None:
    assert set(articles[corpus.name]) == set(DOCS[corpus.name])


@pytest.mark.parametrize(("name", "doc_id"), PUBLISHED)
def test_ingest_reads_publication_date(
    articles: dict[str, dict[str, Article]], name: str, doc_id: str
) -> None:
    assert articles[name][doc_id].published == BY_NAME[name].published[doc_id]


@pytest.mark.parametrize("corpus", CORPORA, ids=CORPUS_IDS)
def test_gold_fields_and_ids(corpus: Corpus) -> None:
    gold = GOLD[corpus.name]
    clusters = [event["cluster"] for event in gold]
    assert len(clusters) == len(set(clusters)), "cluster ids must be unique"
    for event in gold:
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


@pytest.mark.parametrize("corpus", CORPORA, ids=CORPUS_IDS)
def test_gold_dates_are_iso(corpus: Corpus) -> None:
    for event in GOLD[corpus.name]:
        assert ISO_DATE.match(event["date_start"]) and ISO_DATE.match(event["date_end"])
        start = date.fromisoformat(event["date_start"])
        end = date.fromisoformat(event["date_end"])
        assert corpus.first_day <= start <= end <= corpus.last_day, event["cluster"]
        assert event["date_precision"] in {"day", "week", "month"}


@pytest.mark.parametrize("corpus", CORPORA, ids=CORPUS_IDS)
def test_gold_coordinates_plausible(corpus: Corpus) -> None:
    for event in GOLD[corpus.name]:
        assert corpus.lat[0] <= event["lat"] <= corpus.lat[1], event["cluster"]
        assert corpus.lon[0] <= event["lon"] <= corpus.lon[1], event["cluster"]


@pytest.mark.parametrize(("name", "cluster", "mention"), MENTIONS, ids=MENTION_IDS)
def test_mention_occurs_in_named_document_only(name: str, cluster: str, mention: dict) -> None:
    docs = DOCS[name]
    doc, needle = mention["doc"], mention["sentence_contains"]
    assert doc in docs, f"{cluster}: unknown doc {doc}"
    assert needle in docs[doc][1], f"{cluster}: {needle!r} not in {doc}"
    others = [other for other, (_, text) in docs.items() if other != doc and needle in text]
    assert not others, f"{cluster}: {needle!r} also occurs in {others}"
    assert not SENTENCE_BREAK.search(needle), f"{cluster}: {needle!r} spans two sentences"


@pytest.mark.parametrize(("name", "cluster", "mention"), MENTIONS, ids=MENTION_IDS)
def test_mention_survives_ingest(
    articles: dict[str, dict[str, Article]], name: str, cluster: str, mention: dict
) -> None:
    assert mention["sentence_contains"] in articles[name][mention["doc"]].text, cluster


@pytest.mark.parametrize("corpus", CORPORA, ids=CORPUS_IDS)
def test_no_duplicate_mentions(corpus: Corpus) -> None:
    pairs = Counter(
        (m["doc"], m["sentence_contains"]) for event in GOLD[corpus.name] for m in event["mentions"]
    )
    assert all(n == 1 for n in pairs.values()), [p for p, n in pairs.items() if n > 1]


@pytest.mark.parametrize("corpus", CORPORA, ids=CORPUS_IDS)
def test_every_document_is_used(corpus: Corpus) -> None:
    used = {m["doc"] for event in GOLD[corpus.name] for m in event["mentions"]}
    assert set(DOCS[corpus.name]) - used == set()


@pytest.mark.parametrize("corpus", CORPORA, ids=CORPUS_IDS)
def test_each_event_has_several_outlets(corpus: Corpus) -> None:
    for event in GOLD[corpus.name]:
        docs = {m["doc"] for m in event["mentions"]}
        assert len(docs) >= 2, event["cluster"]
