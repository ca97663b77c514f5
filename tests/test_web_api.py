"""The JSON API and pages of sitroom.web, in-process over a small fake Store."""

from __future__ import annotations

import importlib.util
import inspect
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sitroom.web import app as web_app
from sitroom.web.app import create_app, serve

_spec = importlib.util.spec_from_file_location(
    "web_fake_store", Path(__file__).parent / "fixtures" / "web" / "fake_store.py"
)
fake_store = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fake_store)


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app(fake_store.FakeStore()))


def test_events_lists_all_with_total(client):
    body = client.get("/api/events").json()
    assert body["total"] == 4
    assert [e["id"] for e in body["items"]] == ["evt_strike", "evt_clash", "evt_talks",
                                                "evt_patrol"]
    strike = body["items"][0]
    assert strike["schema"] == 1
    assert strike["sources"][0]["attribution"] == ["the governor"]
    assert "anchored_by" not in strike["date"]  # the store's shape is kept, not padded


@pytest.mark.parametrize(
    ("params", "ids"),
    [
        ({"type": "ASSAULT"}, ["evt_strike"]),
        ({"type": "fight,move"}, ["evt_clash", "evt_patrol"]),
        ({"actor": "TUR"}, ["evt_strike", "evt_clash", "evt_talks", "evt_patrol"]),
        ({"place": "saraqib"}, ["evt_clash"]),
        ({"since": "2020-03-04", "until": "2020-03-10"}, ["evt_talks"]),
        ({"bbox": "36.7,35.8,36.9,35.9"}, ["evt_clash", "evt_patrol"]),
        ({"has_contradiction": "true"}, ["evt_strike"]),
        ({"has_contradiction": "false", "min_sources": 1},
         ["evt_clash", "evt_talks", "evt_patrol"]),
        ({"min_sources": 2}, ["evt_strike"]),
        ({"q": "joint patrol"}, ["evt_talks", "evt_patrol"]),
    ],
)
def test_event_filters(client, params, ids):
    body = client.get("/api/events", params=params).json()
    assert [e["id"] for e in body["items"]] == ids
    assert body["total"] == len(ids)


def test_paging_keeps_total(client):
    page = client.get("/api/events", params={"limit": 2, "offset": 1}).json()
    assert page["total"] == 4
    assert [e["id"] for e in page["items"]] == ["evt_clash", "evt_talks"]
    assert (page["limit"], page["offset"]) == (2, 1)


@pytest.mark.parametrize(
    "params",
    [{"limit": 0}, {"limit": 5000}, {"offset": -1}, {"bbox": "1,2,3"}, {"bbox": "a,b,c,d"},
     {"bbox": "40,30,35,36"}, {"min_sources": 0}, {"since": "last week"},
     {"until": "2020-3-5"}],
)
def test_bad_parameters_are_422(client, params):
    assert client.get("/api/events", params=params).status_code == 422


def test_event_detail_has_mentions_and_contradictions(client):
    ev = client.get("/api/events/evt_strike").json()
    assert {c["field"] for c in ev["contradictions"]} == {"perpetrator", "fatalities"}
    perpetrators = {c["value"] for c in ev["contradictions"][0]["claims"]}
    assert perpetrators == {"SYR", "RUS"}
    assert len(ev["mentions"]) == 2
    assert all(s["sentence"] for s in ev["sources"])


def test_missing_records_are_404(client):
    assert client.get("/api/events/evt_nope").status_code == 404
    assert client.get("/api/articles/art_nope").status_code == 404


def test_timeline_buckets(client):
    week = client.get("/api/timeline").json()
    assert week["bucket"] == "week"
    assert sum(b["count"] for b in week["buckets"]) == 4
    month = client.get("/api/timeline", params={"bucket": "month", "type": "ASSAULT"}).json()
    assert month["buckets"] == [{"start": "2020-02-01", "count": 1, "by_type": {"ASSAULT": 1}}]
    assert client.get("/api/timeline", params={"bucket": "year"}).status_code == 422


def test_summary_cites_references(client):
    summary = client.get("/api/summary", params={"max_sentences": 2}).json()
    assert len(summary["sentences"]) == 2
    numbers = {r["n"] for r in summary["references"]}
    assert all(set(s["refs"]) <= numbers for s in summary["sentences"])


def test_articles_stats_zones_violations(client):
    arts = client.get("/api/articles", params={"limit": 2}).json()
    assert arts["total"] == 4 and len(arts["items"]) == 2
    assert "text" not in arts["items"][0]
    stats = client.get("/api/stats").json()
    assert stats["by_type"]["ASSAULT"] == 1 and stats["n_events"] == 4
    zones = client.get("/api/zones").json()
    assert zones["type"] == "FeatureCollection"
    assert {f["properties"]["role"] for f in zones["features"]} == {"zone", "corridor_band", "post"}
    violations = client.get("/api/violations").json()
    assert [(v["event_id"], v["status"]) for v in violations] == [("evt_clash", "inside")]


def test_violations_filter_by_agreement_name(client):
    assert len(client.get("/api/violations", params={"agreement": "idlib MEMO"}).json()) == 1
    assert client.get("/api/violations", params={"agreement": "Sochi"}).json() == []
    both = {"agreement": "memorandum", "type": "ASSAULT"}  # the clash is a FIGHT
    assert client.get("/api/violations", params=both).json() == []


def test_zone_weekly_rows_and_filter(client):
    rows = client.get("/api/zones/weekly").json()
    assert [(r["week_start"], r["before_effective"]) for r in rows] == [
        ("2018-09-10", True), ("2020-02-24", False), ("2020-03-02", False)]
    assert set(rows[0]) == {"agreement_id", "agreement_name", "term_kind", "term_name",
                            "week_start", "inside", "possibly_inside", "outside",
                            "before_effective"}
    assert (rows[0]["inside"], rows[0]["possibly_inside"]) == (2, 1)
    assert client.get("/api/zones/weekly", params={"agreement": "memorandum"}).json() == rows
    assert client.get("/api/zones/weekly", params={"agreement": "Sochi"}).json() == []


def test_zone_patrols_rows_and_filter(client):
    rows = client.get("/api/zones/patrols").json()
    assert len(rows) == 1
    patrol = rows[0]
    assert (patrol["event_id"], patrol["outcome"], patrol["status"]) == (
        "evt_patrol", "completed", "as_agreed")
    assert patrol["on_route"] is True and patrol["distance_km"] == 0.4
    assert client.get("/api/zones/patrols", params={"agreement": "Sochi"}).json() == []
    # the event filters reach the store: a type filter that leaves no patrol event
    assert client.get("/api/zones/patrols", params={"type": "ASSAULT"}).json() == []
    assert client.get("/api/zones/patrols", params={"type": "MOVE"}).json() == rows


def test_script_in_article_comes_back_as_data(client):
    article = client.get("/api/articles/art_a3").json()
    assert fake_store.EVIL in article["text"]
    clash = client.get("/api/events/evt_clash").json()
    assert fake_store.EVIL in clash["sources"][0]["sentence"]


@pytest.mark.parametrize("path", ["/", "/timeline"])
def test_pages_carry_no_data_and_forbid_inline_scripts(client, path):
    page = client.get(path)
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "<script>window.__xss" not in page.text
    assert "evt_" not in page.text  # records are fetched as JSON, never templated in
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "connect-src 'self'" in csp
    assert "http://" not in page.text.replace('href="/', "") and "https://" not in page.text


def test_pages_reference_only_local_assets(client):
    page = client.get("/").text
    for asset in ["/static/vendor/leaflet/leaflet.js", "/static/js/dashboard.js",
                  "/static/js/common.js", "/static/css/sitroom.css"]:
        assert asset in page
        assert client.get(asset).status_code == 200, f"{asset} missing (run `make assets`)"


@pytest.mark.parametrize("path", ["/api/events", "/api/events/evt_strike", "/api/zones",
                                  "/api/zones/weekly", "/api/zones/patrols", "/api/violations",
                                  "/"])
@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
def test_api_is_read_only(client, path, method):
    assert client.request(method, path).status_code == 405


def test_openapi_documents_every_route(client):
    paths = client.get("/openapi.json").json()["paths"]
    for route in ["/api/events", "/api/events/{event_id}", "/api/timeline", "/api/summary",
                  "/api/articles", "/api/articles/{article_id}", "/api/stats", "/api/zones",
                  "/api/violations", "/api/zones/weekly", "/api/zones/patrols"]:
        assert set(paths[route]) == {"get"}
    params = {p["name"] for p in paths["/api/events"]["get"]["parameters"]}
    assert params >= {"since", "until", "type", "actor", "place", "bbox", "has_contradiction",
                      "min_sources", "q", "limit", "offset"}
    for route in ["/api/violations", "/api/zones/weekly", "/api/zones/patrols"]:
        get = paths[route]["get"]
        assert "agreement" in {p["name"] for p in get["parameters"]}
        schema = get["responses"]["200"]["content"]["application/json"]["schema"]
        assert schema["type"] == "array" and "$ref" in schema["items"]


def test_serve_binds_loopback_by_default():
    assert inspect.signature(serve).parameters["host"].default == "127.0.0.1"


def test_web_layer_runs_no_sql():
    source = Path(web_app.__file__).read_text(encoding="utf-8").lower()
    assert "select " not in source and "sqlalchemy" not in source and "sqlite" not in source


@pytest.mark.slow
def test_every_route_serves_the_real_sample_database(sample_db):
    import sitroom

    store = sitroom.open(str(sample_db))
    client = TestClient(create_app(store))
    stats = client.get("/api/stats").json()
    assert stats["n_events"] > 0
    page = client.get("/api/events", params={"limit": 1000}).json()
    assert page["total"] == stats["n_events"] == len(page["items"])
    assert page["items"] == store.events(limit=1000)  # served exactly as the store has them
    disputed = client.get("/api/events", params={"has_contradiction": "true"}).json()
    for ev in disputed["items"]:
        detail = client.get(f"/api/events/{ev['id']}").json()
        assert detail["contradictions"] and detail["mentions"]
    article_id = page["items"][0]["sources"][0]["article_id"]
    assert client.get(f"/api/articles/{article_id}").json()["text"]
    assert client.get("/api/articles").json()["total"] == stats["n_articles"]
    for path in ["/api/timeline", "/api/summary", "/api/zones", "/api/violations"]:
        assert client.get(path).status_code == 200, path
    for path, method in [("/api/zones/weekly", store.zone_weekly),
                         ("/api/zones/patrols", store.patrols)]:
        assert client.get(path).json() == method(), path
    flagged = client.get("/api/violations").json()
    for v in flagged:
        name = v["agreement_name"]
        assert v in client.get("/api/violations", params={"agreement": name}).json()


def test_violations_follow_the_event_filters(client):
    assert [v["event_id"] for v in client.get("/api/violations").json()] == ["evt_clash"]
    assert client.get("/api/violations", params={"type": "ASSAULT"}).json() == []
    assert len(client.get("/api/violations", params={"type": "FIGHT"}).json()) == 1
    assert client.get("/api/violations", params={"since": "2020-03-04"}).json() == []


def test_event_without_location_is_served(client):
    ev = client.get("/api/events/evt_talks").json()
    assert ev["location"] is None and ev["sources"]


@pytest.mark.slow
def test_sample_events_trace_to_their_sentences_and_dates(sample_db):
    """Each source's offsets cut its sentence out of the stored article; dates say how precise
    they are, undated ones come last, and an anchoring article is a stored one."""
    import sitroom

    client = TestClient(create_app(sitroom.open(str(sample_db))))
    items = client.get("/api/events", params={"limit": 1000}).json()["items"]
    texts: dict[str, str] = {}
    for ev in items:
        for src in ev["sources"]:
            aid = src["article_id"]
            texts.setdefault(aid, client.get(f"/api/articles/{aid}").json()["text"])
            assert texts[aid][src["start"]:src["end"]] == src["sentence"]
    for ev in items:
        assert ev["date"]["precision"] in {"day", "week", "month", "year", "unknown"}
        if ev["date"]["start"] is None:  # undated, or only month and day known
            assert ev["date"]["precision"] == "unknown" or ev["date"].get("month_day")
        if ev["date"].get("anchored_by"):
            assert client.get(f"/api/articles/{ev['date']['anchored_by']}").status_code == 200
    starts = [ev["date"]["start"] for ev in items]
    dated = [s for s in starts if s]
    assert starts[: len(dated)] == sorted(dated) and not any(starts[len(dated):])
