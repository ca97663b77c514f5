"""Pipeline speed against bare spaCy parsing of the same texts, measured in one run.

Prints words per second for (a) the spaCy model parsing every full text with
``nlp.pipe`` — the baseline — and (b) sitroom's extraction (trigger filter +
parse of the kept paragraphs + all extractors), and the ratio b/a. Above 1.0
means the whole pipeline is faster than just parsing everything.

    python benchmarks/bench_pipeline.py [--texts N]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from sitroom.nlp import get_nlp
from sitroom.pipeline import extract_batch
from sitroom.records import Article

ROOT = Path(__file__).resolve().parents[1]
SHARED_EVAL = ROOT.parent / "shared" / "eval"


def news_texts(limit: int) -> list[str]:
    """News-like texts: the geoparsing dev sets' articles (real news, varied topics)."""
    texts: list[str] = []
    for name in ("lgl", "geowebnews", "tr_news"):
        with (SHARED_EVAL / name / "dev.jsonl").open(encoding="utf-8") as fh:
            texts.extend(json.loads(line)["text"] for line in fh if line.strip())
    return texts[:limit]


def main() -> None:
    """Time both ways over the same texts and print the ratio."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--texts", type=int, default=300)
    args = parser.parse_args()
    texts = news_texts(args.texts)
    words = sum(len(t.split()) for t in texts)
    nlp = get_nlp()
    list(nlp.pipe(texts[:5]))  # warm-up: load vectors and caches for both runs

    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    bare = time.perf_counter() - t0

    articles = [Article(id=f"art_{i}", doc=f"bench{i}", text=t) for i, t in enumerate(texts)]
    t0 = time.perf_counter()
    n_mentions = 0
    for i in range(0, len(articles), 32):
        n_mentions += len(extract_batch(articles[i : i + 32])[1])
    ours = time.perf_counter() - t0

    print(f"texts: {len(texts)}  words: {words}")
    print(f"bare spaCy parse of full texts: {words / bare:,.0f} words/s")
    print(f"sitroom extraction ({n_mentions} mentions): {words / ours:,.0f} words/s")
    print(f"ratio sitroom / bare parse: {bare / ours:.2f}x")


if __name__ == "__main__":
    main()
