"""Analysis commands: ``analyze``, ``hits``, ``actors`` and ``quotes``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from narrascope.cli._options import (
    DbOption,
    ExactOption,
    RunOption,
    StanceOption,
    console,
    db_path,
    err,
    load_settings,
    print_frame,
    state,
)


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
    app.command("analyze")(analyze)
    app.command("hits")(hits)
    app.command("actors")(actors_command)
    app.command("quotes")(quotes_command)


def analyze(
    codebook: Annotated[
        str | None, typer.Option(help="Codebook name or YAML path (default: crisis-diplomacy).")
    ] = None,
    detectors: Annotated[
        str | None, typer.Option(help="Comma-separated detectors: lexicon, embedding, ...")
    ] = None,
    model: Annotated[
        Path | None, typer.Option(help="Trained model directory for supervised/ensemble.")
    ] = None,
    actors: Annotated[
        bool, typer.Option("--actors/--no-actors", help="Also extract actors and quotes.")
    ] = False,
    batch_size: Annotated[int | None, typer.Option(help="Articles per batch.")] = None,
    engine: Annotated[
        str, typer.Option(help="local, processes or dask (see docs/scaling.md).")
    ] = "local",
    workers: Annotated[int, typer.Option(help="Worker processes (processes/dask).")] = 2,
    scheduler: Annotated[
        str | None, typer.Option(help="Dask scheduler address, e.g. tcp://host:8786.")
    ] = None,
    partition_dir: Annotated[
        Path | None, typer.Option(help="Dask partitions/results folder seen by all workers.")
    ] = None,
    db: DbOption = None,
) -> None:
    """Detect narratives in every stored article and store hits and article labels."""
    from narrascope.analysis import analyze as run_analysis
    from narrascope.analysis import describe_run
    from narrascope.cli._progress import progress_bar
    from narrascope.codebook import load_codebook
    from narrascope.store import Store

    cfg = load_settings()
    cb = load_codebook(codebook or cfg["analyze.codebook"])
    names = [n.strip() for n in (detectors or cfg["analyze.detectors"]).split(",") if n.strip()]
    with Store(db_path(db)) as store, progress_bar("analyzing", None, quiet=state.quiet) as upd:
        summary = run_analysis(
            store,
            cb,
            names,
            engine=engine,
            actors=actors,
            model=str(model) if model else None,
            batch_size=batch_size or cfg["analyze.batch_size"],
            workers=workers,
            scheduler=scheduler,
            partition_dir=partition_dir,
            progress=upd,
        )
        labels = store.label_summary(summary.run_id)
    print_frame(
        labels, title=f"run {summary.run_id}: {summary.articles} articles, {summary.hits} hits"
    )
    for lang, n in summary.skipped_languages.items():
        console.print(
            f"[yellow]skipped[/yellow] {n} articles in language {lang!r}: "
            f"codebook {cb.id} covers {', '.join(cb.languages)}"
        )
    if engine != "local":
        console.print(describe_run(summary))


def hits(
    narrative: Annotated[
        str | None, typer.Option(help="Narrative id (with its sub-narratives unless --exact).")
    ] = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet name (any case).")] = None,
    language: Annotated[str | None, typer.Option(help="Language code.")] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="YYYY-MM-DD.")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="YYYY-MM-DD (inclusive).")] = None,
    detector: Annotated[str | None, typer.Option(help="Detector name.")] = None,
    run: Annotated[str | None, typer.Option(help="Run id (default: latest).")] = None,
    limit: Annotated[
        int | None,
        typer.Option(help="Rows to list (default: 50 in the table, all for csv and json)."),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="table, csv or json.")] = "table",
    exact: ExactOption = False,
    stance: StanceOption = None,
    raw_csv: Annotated[
        bool, typer.Option("--raw-csv", help="Write CSV cells verbatim (no formula guard).")
    ] = False,
    db: DbOption = None,
) -> None:
    """Keyword-in-context listing of narrative evidence, with the stance of each hit."""
    from narrascope.errors import UsageError
    from narrascope.store import Store, check_stances, neutralize_csv, parse_day

    if fmt not in ("table", "csv", "json"):
        raise UsageError(f"unknown format {fmt!r}", hint="use table, csv or json")
    if limit is not None and limit < 0:
        raise UsageError(f"--limit must be 0 or more (got {limit})")
    filters: dict[str, Any] = {
        "date_from": parse_day(date_from, "--from"),
        "date_to": parse_day(date_to, "--to"),
        "stances": check_stances(stance),
    }
    with Store(db_path(db), read_only=True) as store:
        run_id = store.run_id(run)
        store.check_narrative(run_id, narrative)
        filters |= {
            "narrative": narrative,
            "outlet": store.check_value("outlet", outlet),
            "language": store.check_value("language", language),
            "detector": store.check_value("detector", detector, run_id),
        }
        shown = limit if limit is not None or fmt != "table" else 50
        frame = store.hits_listing(run_id, limit=shown, exact=exact, **filters)
        total = store.hits_listing_count(run_id, exact=exact, **filters)
    if fmt == "csv":
        typer.echo((frame if raw_csv else neutralize_csv(frame)).to_csv(index=False), nl=False)
    elif fmt == "json":
        typer.echo(frame.to_json(orient="records", date_format="iso", force_ascii=False))
    else:
        _print_kwic(frame)
    if len(frame) < total:
        err.print(
            f"{len(frame)} of {total} hits; use --limit N"
            + (" or --format csv" if fmt == "table" else "")
        )
    if fmt == "table":
        err.print(f"stances: {', '.join(filters['stances'] or ['all'])}")


def _print_kwic(frame: Any) -> None:
    import pandas as pd
    from rich.markup import escape

    table = Table()
    table.add_column("narrative", overflow="fold")  # an id users type: folded, never cut
    table.add_column("outlet", overflow="fold")
    table.add_column("date", no_wrap=True, min_width=10)
    table.add_column("stance", overflow="fold")
    table.add_column("sentence", ratio=1)
    for r in frame.itertuples(index=False):
        s, a, b = r.sentence, int(r.cue_start), int(r.cue_end)
        text = f"{escape(s[:a])}[bold yellow]{escape(s[a:b])}[/bold yellow]{escape(s[b:])}"
        date = r.published_at.strftime("%Y-%m-%d") if pd.notna(r.published_at) else "(undated)"
        voice = r.stance + (f" ({r.speaker})" if isinstance(r.speaker, str) else "")
        table.add_row(r.narrative, escape(str(r.outlet or "")), date, escape(voice), text)
    console.print(table)
    if frame.empty:
        console.print("no hits match")


ActorsFileOption = Annotated[
    Path | None, typer.Option("--actors-file", help="Your actor registry YAML (merged).")
]


def actors_command(
    by: Annotated[str | None, typer.Option("--by", help="Group by outlet or month.")] = None,
    limit: Annotated[int, typer.Option(help="Actors to show (per group).")] = 30,
    all_entities: Annotated[
        bool, typer.Option("--all-entities", help="Also unknown places and nationalities.")
    ] = False,
    actors_file: ActorsFileOption = None,
    run: RunOption = None,
    db: DbOption = None,
) -> None:
    """Actors with their mentions, quotes and the narratives they voice."""
    from narrascope.actors import ActorRegistry
    from narrascope.store import Store

    types = None if all_entities else ["PER", "ORG"]
    with Store(db_path(db), read_only=True) as store:
        frame = store.actor_summary(store.run_id(run), by=by, types=types, limit=limit)
    frame = ActorRegistry.load(actors_file).annotate(frame)
    print_frame(frame if by else frame.drop(columns="grp"), title="actors")


def quotes_command(
    actor: Annotated[str, typer.Option("--actor", help="Actor id, name or alias (e.g. Лавров).")],
    narrative: Annotated[
        str | None,
        typer.Option(help="Only quotes voicing this (or a sub-narrative, unless --exact)."),
    ] = None,
    limit: Annotated[int, typer.Option(help="Quotes to show.")] = 20,
    exact: ExactOption = False,
    actors_file: ActorsFileOption = None,
    run: RunOption = None,
    db: DbOption = None,
) -> None:
    """Quotes of one actor, with the narrative evidence inside each quote."""
    from narrascope.actors import ActorRegistry
    from narrascope.store import Store

    keys = ActorRegistry.load(actors_file).speaker_keys(actor)
    with Store(db_path(db), read_only=True) as store:
        run_id = store.run_id(run)
        store.check_narrative(run_id, narrative)
        frame = store.quotes_of(keys, run_id, narrative=narrative, limit=limit, exact=exact)
    if frame.empty:
        console.print(f"no quotes of {actor!r}" + (f" voicing {narrative}" if narrative else ""))
        return
    columns = ["published_at", "outlet", "kind", "quote", "narratives", "evidence"]
    print_frame(frame[columns], title=f"quotes of {keys[0]}")
