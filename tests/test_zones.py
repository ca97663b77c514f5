"""Zones: corridor geometry, violations, patrols, weekly counts, user files, merging, GeoJSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitroom.records import DateRef, Event, PlaceRef
from sitroom.zones import (
    Agreement,
    Term,
    agreements_geojson,
    distance_to_line_km,
    load_agreements_file,
    merge_agreements,
    patrol_status,
    violations,
    weekly_counts,
)
from sitroom.zones.geometry import contains, corridor_polygon_m
from sitroom.zones.reference import observation_posts, road, zone

M4 = road("M4")["geometry"]
EXAMPLE = Path(__file__).resolve().parents[1] / "src" / "sitroom" / "data" / "zones"
EXAMPLE = EXAMPLE / "example_agreements.yaml"

# Town coordinates (GeoNames / maps): on the M4 and 20 km south of it.
ARIHA = (35.8128, 36.6086)
NAYRAB = (35.857, 36.735)
KAFR_NABL = (35.6138, 36.5645)
IDLIB_CITY = (35.9306, 36.6339)


def _ceasefire(north: float = 6, south: float = 6, **kw) -> Agreement:
    corridor = Term(kind="corridor", name="M4 security corridor", geometry=M4, road="M4",
                    buffer_km_north=north, buffer_km_south=south, admin1=["Idlib", "Latakia"])
    patrol = Term(kind="patrol", name="M4 joint patrols", geometry=M4, road="M4",
                  start="2020-03-15")
    defaults = dict(id="agr_test", name="Ceasefire of 5 March 2020", parties=["RUS", "TUR"],
                    signed="2020-03-05", effective_from="2020-03-06", terms=[corridor, patrol])
    return Agreement(**{**defaults, **kw})


def _event(eid: str, where: tuple[float, float] | None, start: str | None, end: str | None = None,
           *, precision: str = "town", etype: str = "ASSAULT", admin1: str | None = "Idlib",
           **kw) -> Event:
    loc = None
    if where is not None:
        loc = PlaceRef(name=eid, lat=where[0], lon=where[1], country="SYR", admin1=admin1,
                       precision=precision)
    date = DateRef(start=start, end=end or start, precision="day" if start else "unknown")
    return Event(id=eid, event_type=etype, location=loc, date=date, **kw)


def test_zones_reference_data_is_complete():
    assert len(observation_posts()) == 12
    assert all(p["properties"]["source"] for p in observation_posts())
    assert road("m-4") is road("M4 highway")
    assert zone()["geometry"]["type"] == "Polygon"


@pytest.mark.parametrize(("where", "km"), [(ARIHA, 1), (NAYRAB, 1), (KAFR_NABL, 15)])
def test_zones_distance_to_m4(where, km):
    d = distance_to_line_km(*where, M4)
    assert (d < km) if km == 1 else (d > km)


def test_zones_asymmetric_corridor_keeps_north_and_south_apart():
    band = corridor_polygon_m(M4, 6, 2)
    lat, lon = ARIHA
    four_km = 4 / 111.0  # degrees of latitude
    assert contains(band, lat + four_km, lon)
    assert not contains(band, lat - four_km, lon)
    symmetric = corridor_polygon_m(M4, 6, 6)
    assert contains(symmetric, lat - four_km, lon)


def test_zones_assault_on_m4_after_ceasefire_is_inside():
    found = violations([_event("e1", ARIHA, "2020-03-19")], [_ceasefire()])
    assert len(found) == 1
    v = found[0]
    assert (v.status, v.term_kind, v.location_precision) == ("inside", "corridor", "town")
    assert v.distance_km < 6
    assert v.event_date == "2020-03-19"


def test_zones_assault_before_effective_date_is_not_flagged():
    assert violations([_event("e1", ARIHA, "2020-03-01")], [_ceasefire()]) == []


def test_zones_date_range_straddling_the_start_is_possible():
    found = violations([_event("e1", NAYRAB, "2020-03-01", "2020-03-10")], [_ceasefire()])
    assert [v.status for v in found] == ["possibly_inside"]


def test_zones_assault_far_from_the_m4_is_not_flagged():
    assert violations([_event("e1", KAFR_NABL, "2020-03-19")], [_ceasefire()]) == []


def test_zones_province_level_event_is_possibly_inside():
    # representative point of Idlib province placed away from the corridor on purpose
    event = _event("e1", (35.65, 36.55), "2020-03-19", precision="admin1",
                   admin1="Idlib Governorate")
    assert [v.status for v in violations([event], [_ceasefire()])] == ["possibly_inside"]
    aleppo = _event("e2", (36.2, 37.16), "2020-03-19", precision="admin1", admin1="Aleppo")
    assert violations([aleppo], [_ceasefire()]) == []


def test_zones_unknown_date_is_possible_only_when_place_is_sure():
    town = _event("e1", ARIHA, None)
    province = _event("e2", (35.65, 36.55), None, precision="admin1")
    assert [v.event_id for v in violations([town, province], [_ceasefire()])] == ["e1"]
    assert violations([town], [_ceasefire()])[0].status == "possibly_inside"


def test_zones_only_hostile_events_and_known_widths_count():
    patrol = _event("e1", ARIHA, "2020-03-19", etype="COOPERATE")
    assert violations([patrol], [_ceasefire()]) == []
    unknown_width = _ceasefire(north=None, south=None)
    assert violations([_event("e2", ARIHA, "2020-03-19")], [unknown_width]) == []


def test_zones_event_in_de_escalation_zone():
    astana = Agreement(id="agr_a", name="Astana de-escalation agreement",
                       parties=["IRN", "RUS", "TUR"], signed="2017-05-04",
                       terms=[Term(kind="zone", name="Idlib de-escalation zone",
                                   geometry=zone()["geometry"])])
    found = violations([_event("e1", IDLIB_CITY, "2019-06-01")], [astana])
    assert [(v.status, v.term_kind, v.distance_km) for v in found] == [("inside", "zone", None)]
    damascus = _event("e2", (33.51, 36.29), "2019-06-01")
    assert violations([damascus], [astana]) == []


def test_zones_agreement_round_trips_through_dicts():
    a = _ceasefire()
    assert Agreement.from_dict(json.loads(json.dumps(a.to_dict()))) == a
    v = violations([_event("e1", ARIHA, "2020-03-19")], [a])[0]
    assert type(v).from_dict(v.to_dict()) == v


def test_zones_patrol_status_against_the_arrangement():
    events = [
        _event("p1", (35.8645, 36.8059), "2020-03-15", etype="COOPERATE", mode="patrol",
               outcome="cut_short"),
        _event("p2", NAYRAB, "2020-03-10", etype="COOPERATE", mode="patrol"),
        _event("p3", KAFR_NABL, "2020-03-20", etype="COOPERATE", mode="patrol"),
        _event("p4", ARIHA, "2020-03-20"),
    ]
    events.append(_event("p5", (35.65, 36.55), "2020-03-20", precision="admin1",
                         etype="COOPERATE", mode="patrol"))
    rows = {r["event_id"]: r for r in patrol_status(events, [_ceasefire()])}
    assert set(rows) == {"p1", "p2", "p5"}
    assert (rows["p5"]["on_route"], rows["p5"]["status"]) == (None, "unclear")
    assert rows["p1"]["status"] == "as_agreed" and rows["p1"]["outcome"] == "cut_short"
    assert rows["p2"]["status"] == "before_start"


def test_zones_weekly_counts_before_and_after():
    events = [_event("a", ARIHA, "2020-03-02"), _event("b", NAYRAB, "2020-03-19"),
              _event("c", KAFR_NABL, "2020-03-19"), _event("d", ARIHA, None)]
    events.append(_event("e", NAYRAB, "2020-03-07"))  # same week as "a", after the start
    rows = weekly_counts(events, _ceasefire())
    table = {(r["week_start"], r["before_effective"]): (r["inside"], r["outside"])
             for r in rows if r["term_kind"] == "corridor"}
    assert table == {("2020-03-02", True): (1, 0), ("2020-03-02", False): (1, 0),
                     ("2020-03-16", False): (1, 1)}


def test_zones_example_file_loads():
    agreements = {a.name: a for a in load_agreements_file(EXAMPLE)}
    moscow = agreements["Moscow ceasefire protocol"]
    assert moscow.origin == "imported" and moscow.effective_from == "2020-03-06"
    corridor = next(t for t in moscow.terms if t.kind == "corridor")
    assert (corridor.buffer_km_north, corridor.buffer_km_south) == (6, 6)
    assert corridor.geometry == M4 and corridor.sides == {"north": "TUR", "south": "RUS"}
    assert sum(t.kind == "post" for t in agreements["Sochi agreement"].terms) == 12


def test_zones_user_yaml_overrides_extracted_buffer(tmp_path):
    extracted = _ceasefire(id="agr_x", effective_from=None)
    extracted.origin = "extracted"
    extracted.sources = [{"article_id": "art_1", "doc": "002", "sentence": "s", "start": 0,
                          "end": 1}]
    user = tmp_path / "mine.yaml"
    user.write_text(
        "agreements:\n"
        "  - name: Moscow protocol\n    parties: [Turkey, RUS]\n    signed: 2020-03-05\n"
        "    effective_from: 2020-03-06\n    terms:\n"
        "      - {kind: corridor, road: M4, buffer_km: 2}\n",
        encoding="utf-8",
    )
    merged = merge_agreements([extracted], load_agreements_file(user))
    assert len(merged) == 1
    a = merged[0]
    assert a.name == "Moscow protocol" and a.origin == "imported"
    assert a.effective_from == "2020-03-06" and a.parties == ["RUS", "TUR"]
    corridor = next(t for t in a.terms if t.kind == "corridor")
    assert corridor.buffer_km == 2 and corridor.buffer_km_north is None
    assert any(t.kind == "patrol" for t in a.terms)  # kept from extraction
    assert a.sources[-1]["article_id"] == "art_1"
    # 4 km north of Ariha: inside a 6 km corridor, outside a 2 km one
    event = _event("e1", (ARIHA[0] + 4 / 111.0, ARIHA[1]), "2020-03-19")
    assert violations([event], [extracted]) and not violations([event], merged)


def test_zones_geojson_user_file(tmp_path):
    fc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "LineString",
                                         "coordinates": [[36.80, 35.86], [36.61, 35.81]]},
         "properties": {"agreement": "Test deal", "parties": ["TUR", "RUS"],
                        "signed": "2020-03-05", "kind": "corridor", "buffer_km": 3}},
        {"type": "Feature", "geometry": None,
         "properties": {"agreement": "Test deal", "kind": "patrol", "road": "M4",
                        "start": "2020-03-15"}},
    ]}  # fmt: skip
    path = tmp_path / "deal.geojson"
    path.write_text(json.dumps(fc), encoding="utf-8")
    (a,) = load_agreements_file(path)
    assert [t.kind for t in a.terms] == ["corridor", "patrol"]
    assert a.terms[0].buffer_km == 3 and a.terms[1].geometry == M4


def test_zones_bad_user_file_is_one_clear_error(tmp_path):
    from sitroom.errors import SitroomError

    path = tmp_path / "bad.yaml"
    path.write_text("agreements:\n  - name: X\n    terms: [{kind: corridor, road: M99}]\n")
    with pytest.raises(SitroomError, match="unknown road"):
        load_agreements_file(path)


def test_zones_merge_anchors_month_day_on_the_dated_telling():
    undated = _ceasefire(id="a1", name="Ceasefire of 5 March", signed="--03-05",
                         effective_from=None)
    undated.terms[1].start = "--03-15"
    dated = _ceasefire(id="a2", effective_from=None, terms=[])
    (merged,) = merge_agreements([undated, dated], [])
    assert merged.signed == "2020-03-05" and merged.name == "Ceasefire of 5 March 2020"
    assert next(t for t in merged.terms if t.kind == "patrol").start == "2020-03-15"


def test_zones_agreements_geojson_features():
    fc = agreements_geojson(load_agreements_file(EXAMPLE))
    roles = [f["properties"]["role"] for f in fc["features"]]
    assert roles.count("post") == 12 and roles.count("zone") == 1
    assert {"corridor_band", "corridor_line", "patrol_route"} <= set(roles)
    band = next(f for f in fc["features"] if f["properties"]["role"] == "corridor_band")
    assert band["geometry"]["type"] in ("Polygon", "MultiPolygon")
    assert band["properties"]["style"]["color"]
    lon, lat = band["geometry"]["coordinates"][0][0][:2]
    assert 35.5 < lon < 37 and 35 < lat < 36.5


def test_zones_undated_and_month_dated_agreements():
    zone_term = Term(kind="zone", name="Idlib de-escalation zone", geometry=zone()["geometry"])
    undated = Agreement(id="agr_u", name="Astana de-escalation agreement", terms=[zone_term])
    assert violations([_event("e1", IDLIB_CITY, "2019-06-01")], [undated]) == []
    monthly = Agreement(id="agr_m", name="Sochi agreement", signed="2018-09", terms=[zone_term])
    statuses = [
        [v.status for v in violations([_event("e", IDLIB_CITY, day)], [monthly])]
        for day in ("2018-08-31", "2018-09-20", "2018-10-01")
    ]
    assert statuses == [[], ["possibly_inside"], ["inside"]]
