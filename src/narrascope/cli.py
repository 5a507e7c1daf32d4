"""The ``narrascope`` command line: parse, call a plain function, print. No logic here."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from typer.core import TyperGroup

from narrascope.errors import NarrascopeError


class _Group(TyperGroup):
    """Turns a NarrascopeError into a one-line message and its exit code."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except NarrascopeError as exc:
            Console(stderr=True).print(f"[red]error:[/red] {exc.one_line()}", highlight=False)
            raise typer.Exit(exc.exit_code) from None


app = typer.Typer(
    cls=_Group,
    help="Measure crisis-diplomacy narratives in state media and relate them to opinion polls.",
    no_args_is_help=True,
    add_completion=False,
)


class _State:
    db: Path = Path("narrascope.duckdb")
    quiet: bool = False
    config: Path | None = None


state = _State()
console = Console()

DbOption = Annotated[Path | None, typer.Option("--db", help="DuckDB store file.")]


@app.callback()
def _main(
    db: DbOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bars.")] = False,
    config: Annotated[
        Path | None, typer.Option("--config", help="TOML settings file (see `narrascope config`).")
    ] = None,
) -> None:
    from narrascope.config import load_config

    state.config = config
    state.quiet = quiet
    state.db = db or Path(load_config(config)["store.path"])


def db_path(db: Path | None) -> Path:
    """The store path: a command's own --db, else the global one."""
    return db or state.db


def print_frame(frame: Any, title: str | None = None) -> None:
    """Print a DataFrame as a rich table."""
    table = Table(title=title, show_lines=False)
    for col in frame.columns:
        table.add_column(str(col))
    for row in frame.itertuples(index=False):
        table.add_row(*("" if v is None else str(v) for v in row))
    console.print(table)


# -- ingest -----------------------------------------------------------------------------------
def _col_option(name: str) -> Any:
    return typer.Option(
        f"--{name}-col", help=f"Column/key holding the {name} (overrides \\[ingest.mapping])."
    )


@app.command("ingest")
def ingest_command(
    sources: Annotated[list[str], typer.Argument(help="Files, folders or RSS/Atom feed URLs.")],
    outlet: Annotated[str | None, typer.Option(help="Outlet name for every article.")] = None,
    language: Annotated[
        str | None, typer.Option(help="ISO code for every article (skips language detection).")
    ] = None,
    glob: Annotated[
        list[str] | None,
        typer.Option("--glob", help="Pattern for files inside folders, e.g. '**/*.md' (repeat)."),
    ] = None,
    text_col: Annotated[str | None, _col_option("text")] = None,
    title_col: Annotated[str | None, _col_option("title")] = None,
    date_col: Annotated[str | None, _col_option("date")] = None,
    url_col: Annotated[str | None, _col_option("url")] = None,
    outlet_col: Annotated[str | None, _col_option("outlet")] = None,
    language_col: Annotated[str | None, _col_option("language")] = None,
    fetch_articles: Annotated[
        bool, typer.Option("--fetch-articles", help="Download and extract each feed item's page.")
    ] = False,
    db: DbOption = None,
) -> None:
    """Read JSONL, CSV/TSV, text/Markdown, HTML pages or RSS/Atom feeds into the store."""
    from narrascope.config import load_config
    from narrascope.ingest import IngestOptions, exit_code, ingest
    from narrascope.store import Store

    columns = {"text": text_col, "title": title_col, "date": date_col, "url": url_col}
    columns |= {"outlet": outlet_col, "language": language_col}
    options = IngestOptions(
        outlet=outlet,
        language=language,
        globs=tuple(glob or ()),
        mapping={name: col for name, col in columns.items() if col},
        fetch_articles=fetch_articles,
        quiet=state.quiet,
        config=load_config(state.config),
    )
    with Store(db_path(db)) as store:
        summary = ingest(sources, store, options=options)
    _print_ingest(summary)
    code = exit_code(summary)
    if code:
        raise typer.Exit(code)


def _print_ingest(summary: Any) -> None:
    from rich.markup import escape

    err = Console(stderr=True, highlight=False, soft_wrap=True)
    for source in summary.sources:
        for reason in source.examples:
            label = "[red]error:[/red]" if reason == source.error else "[yellow]rejected:[/yellow]"
            err.print(f"{label} {escape(reason)}", markup=True)
        more = source.rejected - len(source.examples)
        if more > 0:
            where = escape(source.source)
            err.print(f"… and {more} more rejected in {where} (see `narrascope stats`)")
    short = {"already_stored": "already", "exact_duplicates": "exact dup"}
    short |= {"near_duplicates": "near dup"}
    frame = summary.as_frame().rename(columns=short)
    frame["source"] = _display_names(list(frame["source"]))
    print_frame(frame, title="ingested")
    if not summary.ok:
        err.print("[red]error:[/red] nothing was ingested", markup=True)


def _display_names(sources: list[str]) -> list[str]:
    """File sources relative to their common folder (URLs and 'total' unchanged)."""
    import os

    files = [s for s in sources if "://" not in s and s != "total"]
    if not files:
        return sources
    root = os.path.commonpath([os.path.dirname(os.path.abspath(f)) for f in files])
    return [os.path.relpath(os.path.abspath(s), root) if s in files else s for s in sources]


# -- store ------------------------------------------------------------------------------------
@app.command()
def stats(db: DbOption = None) -> None:
    """Articles by outlet, language and month; duplicates; rejected records."""
    from narrascope.store import Store

    with Store(db_path(db), read_only=True) as store:
        for name, frame in store.stats().items():
            print_frame(frame, title=name.replace("_", " "))


@app.command()
def duplicates(db: DbOption = None) -> None:
    """Near-duplicate and exact-duplicate clusters (wire copies)."""
    from narrascope.store import Store

    with Store(db_path(db), read_only=True) as store:
        frame = store.duplicate_clusters()
    if frame.empty:
        console.print("no duplicates")
        return
    print_frame(frame, title=f"{len(frame)} duplicates")


@app.command()
def export(
    table: Annotated[str, typer.Argument(help="articles, sentences, hits, article_labels, ...")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output file (or folder).")],
    fmt: Annotated[
        str, typer.Option("--format", help="parquet or csv; semeval for `predictions`.")
    ] = "parquet",
    partition_size: Annotated[
        int | None, typer.Option(help="Rows per Parquet file; --out becomes a folder.")
    ] = None,
    run: Annotated[str | None, typer.Option(help="Run for `predictions` (default: latest).")] = (
        None
    ),
    detector: Annotated[str | None, typer.Option(help="Detector for `predictions`.")] = None,
    codebook: Annotated[
        str | None, typer.Option(help="Codebook for `predictions` (default: the run's).")
    ] = None,
    db: DbOption = None,
) -> None:
    """Export a table to Parquet or CSV, or a run's `predictions` in the SemEval format."""
    from narrascope.store import Store

    if table == "predictions":
        from narrascope.cli_learned import export_predictions

        export_predictions(out, fmt, run, detector, codebook, db)
        return

    with Store(db_path(db), read_only=True) as store:
        path = store.export(table, out, fmt, partition_size)
    console.print(f"wrote {path}")


# -- codebooks and analysis ----------------------------------------------------------------
codebook_app = typer.Typer(help="Validate and inspect codebooks.", no_args_is_help=True)
app.add_typer(codebook_app, name="codebook")


@codebook_app.command("validate")
def codebook_validate(
    file: Annotated[Path, typer.Argument(help="Codebook YAML file.")],
) -> None:
    """Check a codebook; errors name the line and the fix."""
    from narrascope.codebook import load_codebook

    cb = load_codebook(file)
    console.print(
        f"[green]ok[/green] {cb.id} v{cb.short_version} — {len(cb.narratives)} narratives, "
        f"languages {', '.join(cb.languages)}"
    )


@codebook_app.command("show")
def codebook_show(
    name: Annotated[str, typer.Argument(help="Shipped codebook name or a YAML path.")] = (
        "crisis-diplomacy"
    ),
) -> None:
    """List a codebook's narratives with cue and example counts per language."""
    from narrascope.codebook import load_codebook

    cb = load_codebook(name)
    table = Table(title=f"{cb.id} v{cb.short_version}: {cb.label}")
    for col in ("id", "parent", "label", *(f"{lang} cues/ex/counter" for lang in cb.languages)):
        table.add_column(col)
    for n in cb.narratives:
        counts = [
            f"{len(n.block(lg).cues)}/{len(n.block(lg).examples)}/"
            f"{len(n.block(lg).counter_examples)}"
            for lg in cb.languages
        ]
        table.add_row(n.id, n.parent or "", n.label, *counts)
    console.print(table)


@codebook_app.command("list")
def codebook_list() -> None:
    """Codebooks shipped with narrascope."""
    from narrascope.codebook import available_codebooks

    for name in available_codebooks():
        console.print(name)


@app.command()
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
    from narrascope.codebook import load_codebook
    from narrascope.config import load_config
    from narrascope.parallel import analyze_parallel, describe_run
    from narrascope.pipeline import analyze as run_analysis
    from narrascope.pipeline import build_detectors
    from narrascope.progress import progress_bar
    from narrascope.store import Store

    cfg = load_config(state.config)
    cb = load_codebook(codebook or cfg["analyze.codebook"])
    names = [n.strip() for n in (detectors or cfg["analyze.detectors"]).split(",") if n.strip()]
    local = engine == "local"
    dets = build_detectors(names, model=str(model) if model else None) if local else []
    from narrascope.pipeline import actor_quote_extractors

    extractors = actor_quote_extractors() if actors and local else (None, None)
    with Store(db_path(db)) as store, progress_bar("analyzing", None, quiet=state.quiet) as upd:
        if local:
            summary = run_analysis(
                store,
                cb,
                dets,
                batch_size=batch_size or cfg["analyze.batch_size"],
                actors=extractors[0],
                quotes=extractors[1],
                progress=upd,
            )
        else:
            summary = analyze_parallel(
                engine,
                store,
                cb,
                names,
                workers=workers,
                scheduler=scheduler,
                model=str(model) if model else None,
                actors=actors,
                batch_size=batch_size or cfg["analyze.batch_size"],
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
    if not local:
        console.print(describe_run(summary))


@app.command()
def hits(
    narrative: Annotated[str | None, typer.Option(help="Narrative id.")] = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet name.")] = None,
    language: Annotated[str | None, typer.Option(help="Language code.")] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="YYYY-MM-DD.")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="YYYY-MM-DD (inclusive).")] = None,
    detector: Annotated[str | None, typer.Option(help="Detector name.")] = None,
    run: Annotated[str | None, typer.Option(help="Run id (default: latest).")] = None,
    limit: Annotated[int, typer.Option(help="Rows to show.")] = 50,
    fmt: Annotated[str, typer.Option("--format", help="table, csv or json.")] = "table",
    db: DbOption = None,
) -> None:
    """Keyword-in-context listing of narrative evidence."""
    from narrascope.errors import UsageError
    from narrascope.store import Store

    if fmt not in ("table", "csv", "json"):
        raise UsageError(f"unknown format {fmt!r}", hint="use table, csv or json")
    with Store(db_path(db), read_only=True) as store:
        frame = store.hits_listing(
            run or store.latest_run(),
            narrative=narrative,
            outlet=outlet,
            language=language,
            date_from=date_from,
            date_to=date_to,
            detector=detector,
            limit=limit,
        )
    if fmt == "csv":
        typer.echo(frame.to_csv(index=False), nl=False)
    elif fmt == "json":
        typer.echo(frame.to_json(orient="records", date_format="iso", force_ascii=False))
    else:
        _print_kwic(frame)


def _print_kwic(frame: Any) -> None:
    from rich.markup import escape

    table = Table("narrative", "outlet", "date", "sentence")
    for r in frame.itertuples(index=False):
        s, a, b = r.sentence, int(r.cue_start), int(r.cue_end)
        text = f"{escape(s[:a])}[bold yellow]{escape(s[a:b])}[/bold yellow]{escape(s[b:])}"
        date = r.published_at.strftime("%Y-%m-%d") if r.published_at is not None else ""
        table.add_row(r.narrative, escape(str(r.outlet or "")), date, text)
    console.print(table)
    if frame.empty:
        console.print("no hits match")


# -- actors and quotes -------------------------------------------------------------------------
ActorsFileOption = Annotated[
    Path | None, typer.Option("--actors-file", help="Your actor registry YAML (merged).")
]
RunOption = Annotated[str | None, typer.Option("--run", help="Run id (default: latest).")]


@app.command("actors")
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
        frame = store.actor_summary(run or store.latest_run(), by=by, types=types, limit=limit)
    frame = ActorRegistry.load(actors_file).annotate(frame)
    print_frame(frame if by else frame.drop(columns="grp"), title="actors")


@app.command("quotes")
def quotes_command(
    actor: Annotated[str, typer.Option("--actor", help="Actor id, name or alias (e.g. Лавров).")],
    narrative: Annotated[str | None, typer.Option(help="Only quotes voicing this.")] = None,
    limit: Annotated[int, typer.Option(help="Quotes to show.")] = 20,
    actors_file: ActorsFileOption = None,
    run: RunOption = None,
    db: DbOption = None,
) -> None:
    """Quotes of one actor, with the narrative evidence inside each quote."""
    from narrascope.actors import ActorRegistry
    from narrascope.store import Store

    keys = ActorRegistry.load(actors_file).speaker_keys(actor)
    with Store(db_path(db), read_only=True) as store:
        frame = store.quotes_of(keys, run or store.latest_run(), narrative=narrative, limit=limit)
    if frame.empty:
        console.print(f"no quotes of {actor!r}" + (f" voicing {narrative}" if narrative else ""))
        return
    columns = ["published_at", "outlet", "kind", "quote", "narratives", "evidence"]
    print_frame(frame[columns], title=f"quotes of {keys[0]}")


# -- report and dashboard ---------------------------------------------------------------------
@app.command()
def report(
    out: Annotated[Path, typer.Option("--out", "-o", help="HTML file to write.")] = Path(
        "report.html"
    ),
    run: Annotated[
        str | None, typer.Option("--run", help="Run id (default: the newest finished run).")
    ] = None,
    codebook: Annotated[
        str | None,
        typer.Option("--codebook", help="Codebook name or YAML path (default: the run's own)."),
    ] = None,
    db: DbOption = None,
) -> None:
    """Write the self-contained offline HTML report of one analysis run."""
    from narrascope.report import write_report
    from narrascope.store import Store

    with Store(db_path(db), read_only=True) as store:
        path = write_report(store, out, run_id=run, codebook=codebook)
    console.print(f"wrote {path}")


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to bind (local only by default).")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port.")] = 8000,
) -> None:
    """Browse runs, narratives and evidence in a local read-only web dashboard."""
    from narrascope.web import serve as serve_dashboard

    serve_dashboard(db_path(db), host=host, port=port)


@app.command()
def demo(
    out: Annotated[Path, typer.Option("--out", "-o", help="HTML report to write.")] = Path(
        "report.html"
    ),
    actors: Annotated[
        bool, typer.Option("--actors/--no-actors", help="Extract actors and quotes.")
    ] = True,
    db: DbOption = None,
) -> None:
    """Run the whole method on the bundled sample corpus and write the report."""
    from narrascope.demo import run_demo
    from narrascope.progress import progress_bar

    with progress_bar("analyzing sample", None, quiet=state.quiet) as update:
        result = run_demo(db_path(db), out, quiet=state.quiet, actors=actors, progress=update)
    print_frame(result.ingest, title="ingested (sample corpus)")
    print_frame(result.narratives, title=f"narratives (run {result.run_id})")
    for note in result.notes:
        console.print(f"[yellow]note:[/yellow] {note}")
    console.print(f"store: {result.db}\nreport: [bold]{result.report.resolve()}[/bold]")


@app.command("config")
def show_config() -> None:
    """List every setting with its current value and help."""
    from narrascope.config import SETTINGS, load_config

    values = load_config(state.config)
    table = Table("setting", "value", "help")
    for s in SETTINGS:
        table.add_row(s.name, repr(values[s.name]), s.help)
    console.print(table)


# -- trends, events, polls, link (commands in cli_trends.py) ---------------------------------
def _register_trends() -> None:
    from narrascope.cli_trends import register

    register(app)


_register_trends()


def _register_learned() -> None:
    from narrascope.cli_learned import register

    register(app)


_register_learned()


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":
    main()
