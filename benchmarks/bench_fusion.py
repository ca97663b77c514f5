"""Fusion scaling benchmark: blocked fusion vs an all-pairs baseline timed in the same run.

Times are CPU seconds of this process (robust on a shared machine). Synthetic but
realistic mentions: ~3–5 per event, events on random days over two years at
towns spread over a region, a few event types, mostly day-precision dates with some
month-precision, undated, province-level and unplaced mentions. Prints seconds per mention,
growth ratios (10k/1k, 100k/10k; ~10 means linear), peak memory, B-cubed F1 against the
synthetic truth, and the blocked time as a fraction of the all-pairs baseline (measured on
1k, extrapolated quadratically). Two series: a fixed two-year period (more events per
day and place as N grows), and a period that grows with N (constant density).

Usage: python benchmarks/bench_fusion.py [--max 100000] [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import resource
import time
from datetime import date, timedelta

from sitroom.evaluate.clusters import bcubed
from sitroom.fuse import _Fuser, fuse
from sitroom.records import ActorRef, DateRef, Mention, PlaceRef

TYPES = ["ASSAULT", "ASSAULT", "ASSAULT", "COERCE", "MOBILIZE", "COOPERATE", "PROTEST"]
WORDS = {
    "ASSAULT": ["air strike", "shelling", "drone attack", "artillery fire", "clashes"],
    "COERCE": ["raid", "arrests", "seizure", "blockade"],
    "MOBILIZE": ["reinforcements", "convoy", "deployment", "troops massed"],
    "COOPERATE": ["joint patrol", "joint exercise", "coordination"],
    "PROTEST": ["demonstration", "protest", "sit-in"],
}
COUNTRIES = ["TUR", "SYR", "RUS", "IRN", None]
OUTLETS = [f"Outlet {i}" for i in range(40)]
START = date(2019, 1, 1)


def make_places(rng: random.Random, n: int) -> list[PlaceRef]:
    """Towns scattered over a 5°×7° region, with admin1 as 1.5° blocks."""
    out = []
    for k in range(n):
        lat, lon = rng.uniform(32.0, 37.0), rng.uniform(35.5, 42.5)
        admin1 = f"Province {int((lat - 32) // 1.5)}-{int((lon - 35.5) // 1.5)}"
        out.append(PlaceRef(f"Town{k}", round(lat, 4), round(lon, 4), "SYR", admin1, "town"))
    return out


def make_mentions(n: int, seed: int, days: int = 730) -> tuple[list[Mention], dict[str, str]]:
    """n synthetic mentions over a period of some days, and each mention's true event."""
    rng = random.Random(seed)
    places = make_places(rng, 3000)
    mentions: list[Mention] = []
    gold: dict[str, str] = {}
    ev = 0
    while len(mentions) < n:
        ev += 1
        etype = rng.choice(TYPES)
        day = START + timedelta(days=rng.randrange(days))
        place = rng.choice(places)
        target = rng.choice(COUNTRIES)
        what = rng.choice(WORDS[etype])
        killed = rng.randrange(1, 40)
        for k in range(rng.randint(3, 5)):
            if len(mentions) >= n:
                break
            mid = f"m{len(mentions)}"
            r = rng.random()
            if r < 0.8:
                d = day + timedelta(days=1 if rng.random() < 0.1 else 0)
                dref = DateRef(d.isoformat(), d.isoformat(), "day")
            elif r < 0.9:
                first = day.replace(day=1)
                last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
                dref = DateRef(first.isoformat(), last.isoformat(), "month")
            else:
                dref = DateRef()
            r = rng.random()
            if r < 0.85:
                loc: PlaceRef | None = place
            elif r < 0.95:
                loc = PlaceRef(place.admin1 or "", None, None, "SYR", place.admin1, "admin1")
            else:
                loc = None
            pub = day + timedelta(days=rng.randint(0, 3))
            who = rng.choice(["forces", "units", "fighters", "militants"])
            did = rng.choice(["advanced", "retreated", "regrouped"])
            toll = killed + rng.choice([0, 0, 1])
            sentence = f"Reports said {what} hit {place.name} as {who} {did}, killing {toll}."
            mentions.append(Mention(
                id=mid, article_id=f"art{ev}_{k}", event_type=etype, location=loc, date=dref,
                actor2=ActorRef(target, target) if target else None,
                sentence=sentence, outlet=rng.choice(OUTLETS), published=pub.isoformat(),
                confidence=0.6))
            gold[mid] = f"e{ev}"
    rng.shuffle(mentions)
    return mentions, gold


def all_pairs_seconds(mentions: list[Mention]) -> float:
    """Time scoring every pair once (the quadratic baseline), same scoring function."""
    t0 = time.process_time()
    f = _Fuser(list(mentions))
    for i in range(len(mentions)):
        for j in range(i):
            f.pair_score(i, j)
    return time.process_time() - t0


def main() -> None:
    """Run the sizes up to --max and print the table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--max", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    sizes = [s for s in (1_000, 10_000, 100_000) if s <= args.max]
    base_ms, _ = make_mentions(1_000, args.seed)
    base = all_pairs_seconds(base_ms)
    print(f"all-pairs baseline on 1,000 mentions: {base:.2f} s (quadratic extrapolation below)")
    for label, density in (("fixed two-year period (denser as N grows)", False),
                           ("period grows with N (constant density: 2 years per 10k)", True)):
        print(f"\n{label}")
        print(f"{'mentions':>9} {'events':>7} {'seconds':>8} {'us/mention':>10} {'growth':>7} "
              f"{'vs all-pairs':>12} {'B3 F1':>6} {'maxRSS MB':>9}")
        prev = None
        for n in sizes:
            ms, gold = make_mentions(n, args.seed, days=max(1, 73 * n // 1_000) if density
                                     else 730)
            t0 = time.process_time()
            res = fuse(ms)
            secs = time.process_time() - t0
            growth = f"{secs / prev:.1f}" if prev else "-"
            quad = base * (n / 1_000) ** 2
            f1 = bcubed(res.assignments, gold)["f1"]
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"{n:>9,} {len(res.events):>7,} {secs:>8.2f} {1e6 * secs / n:>10.1f} "
                  f"{growth:>7} {secs / quad:>12.4f} {f1:>6.3f} {rss:>9.0f}")
            prev = secs


if __name__ == "__main__":
    main()
