"""Corpus commands: ``ingest``, ``stats``, ``duplicates`` and ``export``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from narrascope.cli import sources as crawl_sources
from narrascope.cli._options import (
    DbOption,
    OutletListOption,
    StateMediaOption,
    console,
    db_path,
    print_frame,
    state,
)


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
    app.add_typer(crawl_sources.ingest_app(ingest_command, _print_ingest), name="ingest")
    app.command("stats")(stats)
    app.command("duplicates")(duplicates)
    app.command("export")(export)


def _col_option(name: str) -> Any:
    return typer.Option(
        f"--{name}-col", help=f"Column/key holding the {name} (overrides \\[ingest.mapping])."
    )


def ingest_command(
    sources: Annotated[
        list[str], typer.Argument(help="Files, folders, feed URLs or Telegram result.json.")
    ],
    outlet: Annotated[
        str | None, typer.Option(help="Outlet for articles whose record names none.")
    ] = None,
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
    outlet_list: OutletListOption = None,
    state_media: StateMediaOption = False,
    channel_username: Annotated[
        str | None,
        typer.Option(help="Telegram channel's @name, for its posts' t.me links (exports lack it)."),
    ] = None,
    date_from: Annotated[
        str | None, typer.Option("--from", help="Only articles dated from this day, YYYY-MM-DD.")
    ] = None,
    date_to: Annotated[
        str | None, typer.Option("--to", help="Only articles dated up to this day (inclusive).")
    ] = None,
    db: DbOption = None,
) -> None:
    """Read JSONL, CSV/TSV, text/Markdown, HTML pages, RSS/Atom feeds or Telegram channel
    exports (result.json) into the store."""
    from narrascope.cli._progress import source_bars
    from narrascope.config import load_config
    from narrascope.ingest import IngestOptions, exit_code, ingest
    from narrascope.ingest.outlets import outlet_list_from
    from narrascope.store import Store, parse_day

    columns = {"text": text_col, "title": title_col, "date": date_col, "url": url_col}
    columns |= {"outlet": outlet_col, "language": language_col}
    options = IngestOptions(
        outlet=outlet,
        language=language,
        globs=tuple(glob or ()),
        mapping={name: col for name, col in columns.items() if col},
        fetch_articles=fetch_articles,
        config=load_config(state.config),
        outlets=outlet_list_from(outlet_list, state_media),
        channel_username=channel_username,
        window=_window(parse_day(date_from, "--from"), parse_day(date_to, "--to")),
    )
    with Store(db_path(db)) as store, source_bars(quiet=state.quiet) as bars:
        summary = ingest(sources, store, options=options, progress=bars)
    _print_ingest(summary)
    code = exit_code(summary)
    if code:
        raise typer.Exit(code)


def _window(start: Any, end: Any) -> Any:
    from narrascope.ingest.dates import DateWindow

    try:
        return DateWindow(start, end)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--from/--to") from None


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
    for warning in summary.warnings:
        err.print(f"[yellow]warning:[/yellow] {escape(warning)}", markup=True)


def _display_names(sources: list[str]) -> list[str]:
    """File sources relative to their common folder (URLs, crawls and 'total' unchanged)."""
    import os

    files = [s for s in sources if "://" not in s and s != "total" and os.path.exists(s)]
    if not files:
        return sources
    root = os.path.commonpath([os.path.dirname(os.path.abspath(f)) for f in files])
    return [os.path.relpath(os.path.abspath(s), root) if s in files else s for s in sources]


def stats(db: DbOption = None) -> None:
    """Articles by outlet, language and month; duplicates; rejected records."""
    from narrascope.store import Store

    with Store(db_path(db), read_only=True) as store:
        for name, frame in store.stats().items():
            print_frame(frame, title=name.replace("_", " "))


def duplicates(
    threshold: Annotated[
        float,
        typer.Option(
            min=0.0, max=1.0, help="Least similarity (Jaccard or containment) of a near copy."
        ),
    ] = 0.8,
    db: DbOption = None,
) -> None:
    """Exact and near duplicates (wire copies), with their similarity.

    Lists the copies linked at ingest and, among the other articles, the pairs whose
    similarity (the larger of the Jaccard index of their word shingles and the containment
    of the shorter text in the longer) reaches ``--threshold``.
    """
    from narrascope.ingest.duplicates import similar_pairs
    from narrascope.store import Store

    with Store(db_path(db), read_only=True) as store:
        frame = similar_pairs(store, threshold)
    if frame.empty:
        console.print("no duplicates")
        return
    print_frame(frame, title=f"{len(frame)} duplicates (similarity >= {threshold:g})")


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
    language: Annotated[
        str | None, typer.Option(help="Only this language's articles, for `predictions`.")
    ] = None,
    raw_csv: Annotated[
        bool, typer.Option("--raw-csv", help="Write CSV cells verbatim (no formula guard).")
    ] = False,
    db: DbOption = None,
) -> None:
    """Export a table to Parquet or CSV, or a run's `predictions` in the SemEval format."""
    from narrascope.store import Store

    if table == "predictions":
        from narrascope.cli.validation import export_predictions

        export_predictions(out, fmt, run, detector, codebook, db, language)
        return

    with Store(db_path(db), read_only=True) as store:
        path = store.export(table, out, fmt, partition_size, raw_csv=raw_csv)
    console.print(f"wrote {path}")
