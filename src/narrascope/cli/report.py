"""Output commands: ``report``, ``serve`` (the dashboard), ``demo`` and ``config``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from narrascope.cli._options import DbOption, console, db_path, print_frame, state

RunOption = Annotated[
    str | None, typer.Option("--run", help="Run id (default: the newest finished run).")
]
RunCodebookOption = Annotated[
    str | None,
    typer.Option("--codebook", help="Codebook name or YAML path (default: the run's own)."),
]


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
    app.command("report")(report)
    app.command("methods")(methods)
    app.command("serve")(serve)
    app.command("demo")(demo)
    app.command("config")(show_config)


def report(
    out: Annotated[Path, typer.Option("--out", "-o", help="HTML file to write.")] = Path(
        "report.html"
    ),
    run: RunOption = None,
    codebook: RunCodebookOption = None,
    db: DbOption = None,
) -> None:
    """Write the self-contained offline HTML report of one analysis run."""
    from narrascope.report import write_report
    from narrascope.store import Store

    with Store(db_path(db), read_only=True) as store:
        path = write_report(store, out, run_id=run, codebook=codebook)
    console.print(f"wrote {path}")


def methods(
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Markdown file (default: print it).")
    ] = None,
    run: RunOption = None,
    codebook: RunCodebookOption = None,
    db: DbOption = None,
) -> None:
    """Write the methods appendix of a run as Markdown: sources, dedup, codebook, detectors,
    models, stance and counting rules, evaluation protocol (from what the store records)."""
    from narrascope.report.methods import write_methods
    from narrascope.store import Store

    with Store(db_path(db), read_only=True) as store:
        text = write_methods(store, run_id=run, codebook=codebook)
    if out is None:
        typer.echo(text, nl=False)
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    console.print(f"wrote {out}")


def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to bind (local only by default).")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port.")] = 8000,
    coding: Annotated[
        bool, typer.Option(help="Let the adjudication page store codes (opens the store rw).")
    ] = False,
) -> None:
    """Browse runs, narratives and evidence in a local read-only web dashboard."""
    from narrascope.web import serve as serve_dashboard

    serve_dashboard(db_path(db), host=host, port=port, coding=coding)


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
    from narrascope.cli._progress import progress_bar, source_bars
    from narrascope.cli.demo import run_demo

    with (
        progress_bar("analyzing sample", None, quiet=state.quiet) as update,
        source_bars(quiet=state.quiet) as bars,
    ):
        result = run_demo(db_path(db), out, actors=actors, progress=update, ingest_progress=bars)
    print_frame(result.ingest, title="ingested (sample corpus)")
    print_frame(result.narratives, title=f"narratives (run {result.run_id})")
    for note in result.notes:
        console.print(f"[yellow]note:[/yellow] {note}")
    console.print(f"store: {result.db}\nreport: [bold]{result.report.resolve()}[/bold]")


def show_config() -> None:
    """List every setting with its current value and help."""
    from narrascope.config import SETTINGS, load_config

    values = load_config(state.config)
    table = Table("setting", "value", "help")
    for s in SETTINGS:
        table.add_row(s.name, repr(values[s.name]), s.help)
    console.print(table)
