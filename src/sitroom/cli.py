"""The ``sitroom`` command: a thin shell over the library (all logic lives elsewhere)."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from sitroom import export as exporter
from sitroom.errors import SitroomError

app = typer.Typer(
    help="Turn news reports about armed conflict into a traceable situation picture.",
    no_args_is_help=True,
    add_completion=False,
)
zones_app = typer.Typer(help="Ceasefire agreements, zones, corridors and observation posts.")
app.add_typer(zones_app, name="zones")

console = Console()
err = Console(stderr=True)
F = TypeVar("F", bound=Callable[..., Any])

DB = typer.Option("sitroom.db", "--db", help="SQLite file or database URL.")
SINCE = typer.Option(None, "--since", help="Only events ending on/after this ISO date.")
UNTIL = typer.Option(None, "--until", help="Only events starting on/before this ISO date.")
TYPE = typer.Option(None, "--type", help="PLOVER event type(s), comma-separated.")
ACTOR = typer.Option(None, "--actor", help="Actor name part or ISO3 country code.")
ZONES_DB = typer.Option(
    None, "--db", help="SQLite file or database URL (default: the zones --db, else sitroom.db)."
)
AGREEMENT = typer.Option(None, "--agreement", help="Agreement name part.")
TABLE_OR_JSON = typer.Option("table", "--format", help="table | json")
PLACE = typer.Option(None, "--place", help="Place or admin1 name part, or ISO3 country code.")


def friendly(fn: F) -> F:
    """Turn library errors into one clear line and exit code 1."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except SitroomError as exc:
            err.print(f"[red]error:[/red] {exc}")
            raise typer.Exit(1) from exc

    return wrapper  # type: ignore[return-value]


def _filters(**kw: Any) -> dict[str, Any]:
    return {k: v for k, v in kw.items() if v is not None}


WORKERS = typer.Option(1, "--workers", help="Extract on this many Dask worker processes.")


def _run(paths: list[Path], db: str, workers: int = 1) -> Any:
    from sitroom.pipeline import run

    with Progress(
        SpinnerColumn(),
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        TextColumn("{task.completed} articles"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as bar:
        task = bar.add_task("extracting", total=None)
        options: dict[str, Any] = {
            "progress": lambda _a: bar.advance(task),
            "on_problem": lambda p: err.print(f"[yellow]skipped[/yellow] {p}"),
        }
        if workers > 1:
            from sitroom.scale import run_distributed

            report = run_distributed(paths, db, n_workers=workers, **options)
        else:
            report = run(paths, db=db, **options)
    console.print(
        f"read {report.articles_read} articles: {report.articles_new} new, "
        f"{report.duplicates} already stored; {report.mentions_new} new mentions; "
        f"{report.events_total} events; {len(report.problems)} inputs skipped → {db}"
    )
    if report.reextracted:
        console.print(f"re-extracted {report.reextracted} stored articles (new extractor)")
    return report


@app.command()
@friendly
def run(paths: list[Path], db: str = DB, workers: int = WORKERS) -> None:
    """Ingest, extract, fuse and store reports from files and folders."""
    _run(paths, db, workers)


@app.command()
@friendly
def ingest(paths: list[Path], db: str = DB, workers: int = WORKERS) -> None:
    """Same as ``run``: ingesting always extracts and fuses, and is a no-op when repeated."""
    _run(paths, db, workers)


def _event_table(records: list[dict]) -> Table:
    table = Table(show_lines=False)
    for col in ("id", "date", "type", "actor1 → actor2", "place", "killed", "src", "!"):
        table.add_column(col, overflow="fold")
    for r in records:
        d, loc, fat = r["date"], r["location"], r["fatalities"]
        when = d["start"] or d.get("month_day") or "?"
        a1 = (r["actor1"] or {}).get("name") or "?"
        a2 = (r["actor2"] or {}).get("name") or "?"
        table.add_row(
            r["id"],
            f"{when} ({d['precision']})",
            f"{r['event_type']}/{r['mode'] or '-'}",
            f"{a1} → {a2}",
            f"{loc['name']} ({loc['precision']})" if loc else "?",
            "" if not fat else f"{fat['low']}–{fat['high']} ({fat['best']})",
            str(r["n_sources"]),
            "⚠" if any(c.get("kind") != "revision" for c in r["contradictions"]) else "",
        )
    return table


@app.command()
@friendly
def events(
    db: str = DB,
    type: str | None = TYPE,  # noqa: A002 - the flag users type
    actor: str | None = ACTOR,
    place: str | None = PLACE,
    since: str | None = SINCE,
    until: str | None = UNTIL,
    contradicted: bool = typer.Option(False, help="Only events whose sources disagree."),
    limit: int = typer.Option(100, help="At most this many events."),
    format: str = typer.Option("table", "--format", help="table | json | csv"),  # noqa: A002
) -> None:
    """List fused events, filtered."""
    from sitroom.store import Store

    filters = _filters(
        event_type=type, actor=actor, place=place, since=since, until=until,
        has_contradiction=True if contradicted else None,
    )  # fmt: skip
    records = Store(db, create=False).events(limit=limit, **filters)
    if format == "json":
        console.print_json(json.dumps(records, ensure_ascii=False))
    elif format == "csv":
        typer.echo(exporter.render(records, "acled-csv"), nl=False)
    else:
        console.print(_event_table(records))


@app.command()
@friendly
def show(event_id: str, db: str = DB) -> None:
    """One event with its evidence sentences, sources and contradictions."""
    from sitroom.store import Store

    record = Store(db, create=False).event(event_id)
    if record is None:
        raise SitroomError(f"no event {event_id} in {db}")
    console.print(_event_table([record]))
    for n, s in enumerate(record["sources"], 1):
        chain = " ← ".join(s["attribution"]) or "(no attribution)"
        console.print(
            f"[bold][{n}][/bold] {s['outlet'] or s['doc']} ({s['published'] or 'date unknown'}) "
            f"{s['modality']}, via {chain}\n"
            f"    “{s['sentence']}” [dim]@{s['start']}–{s['end']}[/dim]",
            markup=True,
            highlight=False,
        )
    for c in record["contradictions"]:
        sides = "  vs  ".join(
            f"{cl['value']} ({', '.join(cl['attribution']) or 'unattributed'})"
            for cl in c["claims"]
        )
        if c.get("kind") == "revision":
            console.print(f"[yellow]{c['field']} revised:[/yellow] {sides}")
        else:
            console.print(f"[red]contradiction on {c['field']}:[/red] {sides}")
    for v in record["violations"]:
        console.print(f"[magenta]potential violation:[/magenta] {v}")


@app.command("export")
@friendly
def export_cmd(
    format: str = typer.Option("jsonl", "--format", help=" | ".join(exporter.FORMATS)),  # noqa: A002
    output: Path = typer.Option(..., "-o", "--output", help="File to write."),
    level: str = typer.Option("events", help="events | mentions"),
    db: str = DB,
    type: str | None = TYPE,  # noqa: A002
    actor: str | None = ACTOR,
    place: str | None = PLACE,
    since: str | None = SINCE,
    until: str | None = UNTIL,
) -> None:
    """Export events as JSONL, ACLED-style CSV, GeoJSON or PLOVER JSON."""
    from sitroom.store import Store

    store = Store(db, create=False)
    filters = _filters(event_type=type, actor=actor, place=place, since=since, until=until)
    if level == "mentions":
        records = store.mentions(**filters)
    else:
        records = store.events(limit=None, **filters)
    path = exporter.write(records, format, output)
    console.print(f"wrote {len(records)} {level} as {format} → {path}")


@app.command()
@friendly
def timeline(
    db: str = DB,
    actor: str | None = ACTOR,
    place: str | None = PLACE,
    since: str | None = SINCE,
    until: str | None = UNTIL,
    format: str = typer.Option("text", "--format", help="text | md | html"),  # noqa: A002
    output: Path | None = typer.Option(None, "-o", "--output", help="Write to a file."),
) -> None:
    """Events in date order, with date precision, sources and contradiction markers."""
    from sitroom import timeline as tl
    from sitroom.store import Store

    filters = _filters(actor=actor, place=place, since=since, until=until)
    entries = Store(db, create=False).timeline(**filters)
    renderers = {"text": tl.render_text, "md": tl.render_markdown, "html": tl.render_html}
    if format not in renderers:
        raise SitroomError(f"unknown timeline format {format!r}: use text, md or html")
    _emit(renderers[format](entries), output)


def _emit(text: str, output: Path | None) -> None:
    if output:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
        console.print(f"wrote {output}")
    else:
        typer.echo(text)


@app.command()
@friendly
def summary(
    db: str = DB,
    type: str | None = TYPE,  # noqa: A002
    actor: str | None = ACTOR,
    place: str | None = PLACE,
    since: str | None = SINCE,
    until: str | None = UNTIL,
    max_sentences: int = typer.Option(10, "--max-sentences", help="Length of the summary."),
    output: Path | None = typer.Option(None, "-o", "--output", help="Write Markdown to a file."),
) -> None:
    """A chronological extractive summary where every sentence cites its articles."""
    from sitroom import summary as sm
    from sitroom.store import Store

    filters = _filters(event_type=type, actor=actor, place=place, since=since, until=until)
    digest = Store(db, create=False).digest(max_sentences=max_sentences, **filters)
    _emit(sm.render_markdown(digest), output)


@zones_app.callback(invoke_without_command=True)
@friendly
def zones_list(
    ctx: typer.Context,
    db: str = DB,
    format: str = typer.Option("table", "--format", help="table | json | geojson"),  # noqa: A002
) -> None:
    """List agreements and their terms (zones, corridors, posts, patrols)."""
    if ctx.invoked_subcommand is not None:
        ctx.obj = db  # `sitroom zones --db X import F` imports into X
        return
    from sitroom.store import Store

    store = Store(db, create=False)
    records = store.agreement_records()
    if format == "json":
        console.print_json(json.dumps(records, ensure_ascii=False))
        return
    if format == "geojson":
        console.print_json(json.dumps(store.zones_geojson(), ensure_ascii=False))
        return
    table = Table()
    for col in ("agreement", "parties", "signed", "effective", "terms", "origin"):
        table.add_column(col, overflow="fold")
    for a in records:
        terms = "; ".join(_term_label(t) for t in a.get("terms", []))
        table.add_row(
            a["name"], ", ".join(a.get("parties", [])), a.get("signed") or "?",
            a.get("effective_from") or "?", terms, a.get("origin") or "",
        )  # fmt: skip
    console.print(table)


def _term_label(t: dict[str, Any]) -> str:
    label = f"{t['kind']}: {t.get('name') or ''}"
    north, south = t.get("buffer_km_north"), t.get("buffer_km_south")
    if north is not None or south is not None:
        label += f" ({north} km N / {south} km S)"
    elif t.get("buffer_km") is not None:
        label += f" (±{t['buffer_km']} km)"
    if t.get("start"):
        label += f" from {t['start']}"
    return label


@zones_app.command("import")
@friendly
def zones_import(ctx: typer.Context, path: Path, db: str | None = ZONES_DB) -> None:
    """Add or correct agreements from a YAML or GeoJSON file (wins over extraction)."""
    from sitroom.pipeline import import_agreements

    n = import_agreements(path, _zones_db(ctx, db))
    console.print(f"imported {n} agreements from {path}; violations re-checked")


@zones_app.command("weekly")
@friendly
def zones_weekly(
    ctx: typer.Context,
    db: str | None = ZONES_DB,
    agreement: str | None = AGREEMENT,
    format: str = TABLE_OR_JSON,  # noqa: A002
) -> None:
    """Weekly hostile events inside each zone or corridor, before and after it took effect."""
    rows = _zones_store(ctx, db).zone_weekly(agreement=agreement)
    _rows_out(
        rows,
        format,
        (
            "agreement_name",
            "term_name",
            "week_start",
            "before_effective",
            "inside",
            "possibly_inside",
            "outside",
        ),
    )


@zones_app.command("patrols")
@friendly
def zones_patrols(
    ctx: typer.Context,
    db: str | None = ZONES_DB,
    agreement: str | None = AGREEMENT,
    format: str = TABLE_OR_JSON,  # noqa: A002
) -> None:
    """Patrol events checked against agreed patrols: on the route, after the start, outcome."""
    rows = _zones_store(ctx, db).patrols(agreement=agreement)
    _rows_out(
        rows,
        format,
        (
            "event_date",
            "agreement_name",
            "term_name",
            "outcome",
            "status",
            "on_route",
            "after_start",
            "distance_km",
            "event_id",
        ),
    )


def _zones_db(ctx: typer.Context, db: str | None) -> str:
    """A zones subcommand's own --db, else the one given to `sitroom zones`, else the default."""
    return db or ctx.obj or "sitroom.db"


def _zones_store(ctx: typer.Context, db: str | None) -> Any:
    """The existing database a zones query reads."""
    from sitroom.store import Store

    return Store(_zones_db(ctx, db), create=False)


def _rows_out(rows: list[dict[str, Any]], fmt: str, cols: tuple[str, ...]) -> None:
    """Print rows as JSON or as a table of the given columns."""
    if fmt == "json":
        console.print_json(json.dumps(rows, ensure_ascii=False))
        return
    table = Table()
    for col in cols:
        table.add_column(col, overflow="fold")
    for row in rows:
        table.add_row(*("" if row.get(c) is None else str(row.get(c)) for c in cols))
    console.print(table)


@app.command()
@friendly
def violations(
    db: str = DB,
    agreement: str | None = AGREEMENT,
    since: str | None = SINCE,
    until: str | None = UNTIL,
    format: str = TABLE_OR_JSON,  # noqa: A002
) -> None:
    """Events flagged as potential violations of an active zone or corridor."""
    from sitroom.store import Store

    filters = _filters(agreement=agreement, since=since, until=until)
    rows = Store(db, create=False).violations(**filters)
    cols = (
        "event_id",
        "event_date",
        "agreement_name",
        "term_kind",
        "term_name",
        "status",
        "distance_km",
        "location_precision",
    )
    _rows_out(rows, format, cols)


@app.command()
@friendly
def stats(db: str = DB) -> None:
    """Counts of articles, mentions, events and event types."""
    from sitroom.store import Store

    console.print_json(json.dumps(Store(db, create=False).stats()))


@app.command()
@friendly
def serve(
    db: str = DB,
    host: str = typer.Option("127.0.0.1", help="Interface to bind (local only by default)."),
    port: int = typer.Option(8000, help="Port."),
) -> None:
    """Start the local dashboard and JSON API."""
    from sitroom.web.app import serve as serve_app

    console.print(f"sitroom dashboard on http://{host}:{port}/  (Ctrl-C to stop)")
    serve_app(db, host=host, port=port)


@app.command("eval")
@friendly
def eval_cmd(
    dataset: str = typer.Argument(
        "all", help="case2021_task2 | plover_gsr | geowebnews | lgl | tr_news | sample | all"
    ),
    split: str = typer.Option("dev", help="Which split file to score (DATASET/SPLIT.jsonl)."),
    data_dir: Path = typer.Option(Path("../shared/eval"), help="Folder holding the datasets."),
    task: str | None = typer.Option(
        None, help="Score FILE as this task: case | plover | geo | sample."
    ),
    file: Path | None = typer.Option(None, help="A JSONL file in a dataset's format."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable scores."),
    write: Path | None = typer.Option(None, help="Also write a Markdown report here."),
    heldout: list[Path] = typer.Option(  # noqa: B008
        [], help="Also score a held-out corpus folder (docs/ + gold.jsonl) like sample; "
        "repeatable, rows are named after each folder."
    ),
    seeds: Path | None = typer.Option(
        None, help="Also score the sample corpus read together with the seed reports in "
        "this folder (rows 'sample+seeds')."
    ),
) -> None:
    """Score the pipeline on public gold data (or any file in the same format)."""
    from sitroom import evaluate

    if task:
        if file is None:
            raise SitroomError("--task needs --file FILE.jsonl")
        rows = evaluate.score_file(task, file)
    else:
        rows = evaluate.score_datasets(dataset, data_dir=data_dir, split=split)
    for folder in heldout:
        rows += evaluate.score_heldout(folder)
    if seeds is not None:
        rows += evaluate.score_with_seeds(seeds)
    if as_json:
        typer.echo(json.dumps([r.to_dict() for r in rows], indent=2))
    else:
        console.print(evaluate.table(rows))
    if write:
        write.write_text(evaluate.markdown_report(rows), encoding="utf-8")
        console.print(f"wrote {write}")


@app.command()
@friendly
def demo(
    db: str = DB,
    out: Path = typer.Option(Path("out"), help="Folder for exports, timeline and summary."),
) -> None:
    """Run the whole pipeline on the bundled sample corpus and say where to look."""
    from sitroom import demo as demo_mod

    demo_mod.run_demo(db=db, out=out, console=console)


@app.command()
@friendly
def reextract(db: str = DB) -> None:
    """Re-extract stored articles an older extractor produced, from their stored text."""
    from sitroom.pipeline import reextract as reextract_db
    from sitroom.store import Store

    Store(db, create=False)
    report = reextract_db(db)
    console.print(f"re-extracted {report.reextracted} stored articles; "
                  f"{report.mentions_new} mentions; {report.events_total} events → {db}")


if __name__ == "__main__":  # pragma: no cover
    app()
