"""``make demo``: run everything on the bundled sample corpus and say where to look."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from rich.console import Console

from sitroom import export, summary, timeline
from sitroom.pipeline import run
from sitroom.store import Store


def sample_corpus() -> Path:
    """Folder of the sample reports shipped inside the package."""
    return Path(str(resources.files("sitroom") / "data" / "sample"))


def run_demo(*, db: str, out: Path, console: Console) -> None:
    """Build ``db`` from the sample corpus and write every export into ``out``."""
    report = run([sample_corpus()], db=db)
    store = Store(db)
    out.mkdir(parents=True, exist_ok=True)
    records = store.events(limit=None)
    written = [
        export.write(records, fmt, out / f"events.{ext}")
        for fmt, ext in (("jsonl", "jsonl"), ("acled-csv", "csv"), ("geojson", "geojson"),
                         ("plover-json", "plover.json"))
    ]  # fmt: skip
    entries = store.timeline()
    (out / "timeline.html").write_text(timeline.render_html(entries), encoding="utf-8")
    (out / "timeline.md").write_text(timeline.render_markdown(entries), encoding="utf-8")
    digest = store.digest(max_sentences=12)
    (out / "summary.md").write_text(summary.render_markdown(digest), encoding="utf-8")
    stats = store.stats()
    console.rule("sitroom demo")
    console.print(
        f"{report.articles_new} new articles ({report.articles_read} read, "
        f"{report.duplicates} already stored, {len(report.problems)} skipped) → "
        f"{stats['n_mentions']} mentions → {stats['n_events']} events, "
        f"{stats['n_events_with_contradictions']} with contradictions, "
        f"{report.agreements_total} agreements"
    )
    top = ", ".join(f"{k} {v}" for k, v in list(stats["by_type"].items())[:6])
    console.print(f"top event types: {top}")
    for line in timeline.render_text(entries).splitlines()[:12]:
        console.print(f"  {line}", highlight=False, markup=False)
    console.print(f"database: {db}")
    console.print("exports:  " + ", ".join(str(p) for p in written))
    console.print(f"timeline: {out / 'timeline.html'}   summary: {out / 'summary.md'}")
    console.print(
        f"next:     .venv/bin/sitroom serve --db {db}   (dashboard on http://127.0.0.1:8000/)"
    )
