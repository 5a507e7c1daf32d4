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
    fmt: Annotated[str, typer.Option("--format", help="parquet or csv.")] = "parquet",
    partition_size: Annotated[
        int | None, typer.Option(help="Rows per Parquet file; --out becomes a folder.")
    ] = None,
    db: DbOption = None,
) -> None:
    """Export a table to Parquet or CSV."""
    from narrascope.store import Store

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
    db: DbOption = None,
) -> None:
    """Detect narratives in every stored article and store hits and article labels."""
    from narrascope.codebook import load_codebook
    from narrascope.config import load_config
    from narrascope.pipeline import analyze as run_analysis
    from narrascope.pipeline import build_detectors
    from narrascope.progress import progress_bar
    from narrascope.store import Store

    cfg = load_config(state.config)
    cb = load_codebook(codebook or cfg["analyze.codebook"])
    names = [n.strip() for n in (detectors or cfg["analyze.detectors"]).split(",") if n.strip()]
    dets = build_detectors(names, model=str(model) if model else None)
    extractors = _actor_extractors() if actors else (None, None)
    with Store(db_path(db)) as store, progress_bar("analyzing", None, quiet=state.quiet) as upd:
        summary = run_analysis(
            store,
            cb,
            dets,
            batch_size=batch_size or cfg["analyze.batch_size"],
            actors=extractors[0],
            quotes=extractors[1],
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


def _actor_extractors() -> tuple[Any, Any]:
    from narrascope.actors import ActorExtractor
    from narrascope.quotes import QuoteExtractor

    return ActorExtractor(), QuoteExtractor()


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


@app.command("config")
def show_config() -> None:
    """List every setting with its current value and help."""
    from narrascope.config import SETTINGS, load_config

    values = load_config(state.config)
    table = Table("setting", "value", "help")
    for s in SETTINGS:
        table.add_row(s.name, repr(values[s.name]), s.help)
    console.print(table)


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":
    main()
