"""CLI commands for trends, events, polls and linkage (registered by ``narrascope.cli``).

Parse, call a plain function, print: the logic lives in :mod:`narrascope.trends`,
:mod:`narrascope.trends.events`, :mod:`narrascope.trends.polls` and
:mod:`narrascope.trends.linkage`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import pandas as pd
import typer
from rich.markup import escape

from narrascope.cli._options import (
    DbOption,
    ExactOption,
    OutletListOption,
    RunOption,
    StanceOption,
    StateMediaOption,
    console,
    db_path,
    err,
    show_table,
)

DetectorOption = Annotated[
    str | None, typer.Option(help="Detector whose labels count (needed if the run has several).")
]
DupOption = Annotated[
    bool,
    typer.Option(
        "--exclude-duplicates/--include-duplicates",
        help="Count canonical articles only (default: wire copies count).",
    ),
]


events_app = typer.Typer(help="Import and list events; narrative shifts around one.")
polls_app = typer.Typer(help="Import and list opinion-poll series.")


def register(app: typer.Typer) -> None:
    """Add ``trends``, ``link``, ``events ...`` and ``polls ...`` to the main app."""
    app.command("trends")(trends)
    app.command("link")(link)
    app.add_typer(events_app, name="events", no_args_is_help=True)
    app.add_typer(polls_app, name="polls", no_args_is_help=True)


def _store(db: Path | None) -> Any:
    from narrascope.store import Store

    return Store(db_path(db), read_only=True)


def _table(
    frame: pd.DataFrame,
    title: str,
    keys: tuple[str, ...] = (),
    *,
    group: str | None = None,
    text: tuple[str, ...] = (),
) -> None:
    """Print a frame that fits the terminal; ``keys`` (names, ids) are never cut."""
    show_table(frame, title, keys=keys, text=text, group=group)


def _pct(value: float) -> str:
    return "" if pd.isna(value) else f"{100 * value:.1f}"


def _num(value: float, digits: int = 3) -> str:
    return "" if pd.isna(value) else f"{value:.{digits}f}"


# -- trends ---------------------------------------------------------------------------------------
def trends(
    narrative: Annotated[str | None, typer.Option(help="Narrative id (default: all).")] = None,
    by: Annotated[str | None, typer.Option(help="outlet, language or detector.")] = None,
    freq: Annotated[str, typer.Option(help="day, week or month.")] = "month",
    run: RunOption = None,
    detector: DetectorOption = None,
    smooth: Annotated[int | None, typer.Option(help="Trailing window of K periods.")] = None,
    exclude_duplicates: DupOption = False,
    outlet: Annotated[list[str] | None, typer.Option(help="Only this outlet (repeat).")] = None,
    outlet_list: OutletListOption = None,
    state_media: StateMediaOption = False,
    exact: ExactOption = False,
    date_from: Annotated[str | None, typer.Option("--from", help="First day, YYYY-MM-DD.")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Last day (inclusive).")] = None,
    stance: StanceOption = None,
    out: Annotated[Path | None, typer.Option("--out", "-o", help=".csv or .parquet")] = None,
    fmt: Annotated[
        str, typer.Option("--format", help="table, csv or json (every row, to stdout).")
    ] = "table",
    db: DbOption = None,
) -> None:
    """Narrative prevalence per period: share of articles with its n and Wilson 95% interval
    (low, high), hits per 1,000 sentences.

    --outlet-list FILE and --state-media (the shipped list) add the outlets a list names.

    A narrative's counts include its sub-narratives unless --exact, and hits of every stance
    (asserted, attributed, rejected) unless --stance picks some. Shares of fewer than 5
    articles are marked (°); periods without articles have no share.
    """
    if fmt not in ("table", "csv", "json"):
        raise typer.BadParameter(f"{fmt!r}: use table, csv or json", param_hint="--format")
    from narrascope.store import check_stances
    from narrascope.trends import prevalence, write_frame
    from narrascope.trends.stats import MIN_N

    with _store(db) as store:
        outlet = _with_listed(store, outlet, outlet_list, state_media)
        frame = prevalence(
            store,
            narrative=narrative,
            by=by,
            freq=freq,
            run_id=run,
            detector=detector,
            smooth=smooth,
            exclude_duplicates=exclude_duplicates,
            outlets=outlet,
            exact=exact,
            date_from=date_from,
            date_to=date_to,
            stances=stance,
        )
    if out is not None:
        console.print(f"wrote {len(frame)} rows to {write_frame(frame, out)}")
        return
    if fmt != "table":
        _print_rows(frame, fmt)
        return
    keys = ("period", by or "", "narrative")
    detectors = ", ".join(sorted(frame["detector"].unique()))
    exactly = ", exact labels only" if exact else ""
    stances = ", ".join(check_stances(stance) or ["all"])
    pooled = f"; smoothed: articles pooled over {smooth} {freq}s" if smooth and smooth > 1 else ""
    title = (
        f"prevalence by {freq} (detector: {detectors}{exactly}; stances: {stances}; "
        f"Wilson 95% CI; ° fewer than {MIN_N} articles{pooled})"
    )
    _table(_trend_display(frame, by, freq), title, keys=keys, group=by or "detector")


def _print_rows(frame: pd.DataFrame, fmt: str) -> None:
    """Every row of a prevalence frame as CSV or JSON records on stdout."""
    from narrascope.store import neutralize_csv

    out = frame.assign(period=frame["period"].dt.strftime("%Y-%m-%d"))
    if fmt == "csv":
        typer.echo(neutralize_csv(out).to_csv(index=False), nl=False)
    else:
        typer.echo(out.to_json(orient="records", indent=1, force_ascii=False))


def _with_listed(
    store: Any, outlets: list[str] | None, path: Path | None, state_media: bool
) -> list[str] | None:
    """``--outlet`` plus the stored outlets the source list names (``--outlet-list``,
    ``--state-media``); a note on stderr says which."""
    from narrascope.errors import UsageError
    from narrascope.ingest.outlets import outlet_list_from

    listed = outlet_list_from(path, state_media)
    if listed is None:
        return outlets
    found = listed.pick(store.outlet_sites())
    if not found:
        raise UsageError(
            f"no stored outlet is in the source list ({len(listed.outlets)} outlets)",
            path=listed.path,
            hint="see `narrascope stats` for the stored outlets; ingest with --state-media or "
            "--outlet-list to name them as the list does",
        )
    shown = ", ".join(found[:8]) + (f", ... (8 of {len(found)} shown)" if len(found) > 8 else "")
    err.print(f"source list: {len(found)} stored outlets ({escape(shown)})")
    return sorted({*(outlets or []), *found})


def _trend_display(frame: pd.DataFrame, by: str | None, freq: str) -> pd.DataFrame:
    fmt = "%Y-%m" if freq == "month" else "%Y-%m-%d"
    shown = pd.DataFrame({"period": frame["period"].dt.strftime(fmt)})
    keep_detector = by == "detector" or frame["detector"].nunique() > 1
    for col in dict.fromkeys([by, "detector" if keep_detector else None, "narrative"]):
        if col:
            shown[col] = frame[col]
    shown["n"] = frame["n"]
    shown["share %"] = [
        _pct(s) + ("°" if few else "")
        for s, few in zip(frame["share"], frame["below_min_n"], strict=True)
    ]
    shown["low %"] = frame["low"].map(_pct)
    shown["high %"] = frame["high"].map(_pct)
    shown["hits/1k"] = frame["hits_per_1000"].map(lambda v: _num(v, 1))
    if "share_smooth" in frame:
        shown["n pooled"] = frame["n_smooth"]
        shown["smoothed % [95% CI]"] = [
            f"{_pct(s)} [{_pct(lo)}–{_pct(hi)}]" if not pd.isna(s) else ""
            for s, lo, hi in zip(
                frame["share_smooth"], frame["low_smooth"], frame["high_smooth"], strict=True
            )
        ]
    return shown


# -- events ---------------------------------------------------------------------------------------
@events_app.command("import")
def events_import(
    file: Annotated[Path, typer.Argument(help="Events YAML or CSV.")], db: DbOption = None
) -> None:
    """Validate and store events (name, date, end_date, description, tags)."""
    from narrascope.store import Store
    from narrascope.trends.events import load_events

    events = load_events(file)
    with Store(db_path(db)) as store:
        store.write_events(events)
    console.print(f"imported {len(events)} events from {file}")


@events_app.command("list")
def events_list(db: DbOption = None) -> None:
    """Stored events, oldest first."""
    with _store(db) as store:
        frame = store.events()
    if frame.empty:
        console.print("no events (run `narrascope events import FILE`)")
        return
    frame["tags"] = frame["tags"].map(lambda t: ", ".join(t) if t is not None else "")
    frame["date"] = pd.to_datetime(frame["date"]).dt.strftime("%Y-%m-%d")
    frame["end_date"] = pd.to_datetime(frame["end_date"]).dt.strftime("%Y-%m-%d").fillna("")
    keys = ("name", "date", "end_date")
    _table(frame, f"{len(frame)} events", keys=keys, text=("description", "tags"))


@events_app.command("window")
def events_window(
    event: Annotated[str, typer.Argument(help="Event name.")],
    days: Annotated[int, typer.Option(help="K: days before and after the event.")] = 7,
    narrative: Annotated[str | None, typer.Option(help="Narrative id (default: all).")] = None,
    run: RunOption = None,
    detector: DetectorOption = None,
    n_perm: Annotated[int, typer.Option(help="Permutations per test.")] = 2000,
    seed: Annotated[int, typer.Option(help="Random seed.")] = 0,
    exclude_duplicates: DupOption = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON records.")] = False,
    db: DbOption = None,
) -> None:
    """Per outlet: prevalence in the K days before vs after an event vs the baseline."""
    from narrascope.trends import event_window

    with _store(db) as store:
        frame = event_window(
            store,
            event,
            days,
            narrative=narrative,
            run_id=run,
            detector=detector,
            n_perm=n_perm,
            seed=seed,
            exclude_duplicates=exclude_duplicates,
        )
    if as_json:
        typer.echo(frame.to_json(orient="records", force_ascii=False))
        return
    keys = ("narrative", "outlet")
    title = f"{event}: {days} days before vs day 0..+{days}"
    _table(_window_display(frame), title, keys=keys, group="narrative")
    for row in frame[frame["note"] != ""].itertuples(index=False):
        console.print(f"[yellow]{escape(str(row.outlet))}[/yellow] ({row.narrative}): {row.note}")


def _window_display(frame: pd.DataFrame) -> pd.DataFrame:
    counts = zip(frame["n_before"], frame["n_after"], frame["n_baseline"], strict=True)
    shares = zip(frame["share_before"], frame["share_after"], strict=True)
    diffs = zip(frame["diff"], frame["diff_lo"], frame["diff_hi"], strict=True)
    return pd.DataFrame(
        {
            "narrative": frame["narrative"],
            "outlet": frame["outlet"],
            "n b/a/base": [f"{a}/{b}/{c}" for a, b, c in counts],
            "% before→after": [f"{_pct(b)}→{_pct(a)}" for b, a in shares],
            "% base": frame["share_baseline"].map(_pct),
            "Δ pts [95% CI]": [
                "" if pd.isna(d) else f"{100 * d:+.1f} [{100 * lo:+.1f},{100 * hi:+.1f}]"
                for d, lo, hi in diffs
            ],
            "p BH": frame["p_bh"].map(_num),
            "p vs base": frame["p_baseline"].map(_num),
        }
    )


# -- polls ----------------------------------------------------------------------------------------
@polls_app.command("import")
def polls_import(
    file: Annotated[Path, typer.Argument(help="Poll CSV (wide or long).")],
    mapping: Annotated[
        list[str] | None, typer.Option("--map", help="KEY=VALUE mapping entry (repeat).")
    ] = None,
    shape: Annotated[str | None, typer.Option(help="wide or long (default: detect).")] = None,
    date_col: Annotated[str | None, typer.Option(help="Survey-date column.")] = None,
    answer_col: Annotated[str | None, typer.Option(help="Answer column (long).")] = None,
    value_col: Annotated[str | None, typer.Option(help="Percentage column (long).")] = None,
    value_cols: Annotated[str | None, typer.Option(help="Comma-separated (wide).")] = None,
    n_col: Annotated[str | None, typer.Option(help="Sample-size column, if any.")] = None,
    series_id: Annotated[str | None, typer.Option(help="Series id (default: file name).")] = None,
    question: Annotated[str | None, typer.Option(help="Question wording.")] = None,
    source: Annotated[str | None, typer.Option(help="Source (default: file name).")] = None,
    date_format: Annotated[str | None, typer.Option(help="strftime format of dates.")] = None,
    on_duplicate: Annotated[
        str, typer.Option(help="Conflicting rows for one date: error, mean or first.")
    ] = "error",
    skip_bad_rows: Annotated[
        bool,
        typer.Option(help="Skip rows with an unparseable date or value, listing them."),
    ] = False,
    db: DbOption = None,
) -> None:
    """Import a poll series; report skipped rows and inconsistencies."""
    from narrascope.store import Store
    from narrascope.trends.polls import PollMapping, import_polls

    spec = PollMapping.from_pairs(
        mapping or [],
        shape=shape,
        date_col=date_col,
        answer_col=answer_col,
        value_col=value_col,
        value_cols=tuple(c.strip() for c in value_cols.split(",")) if value_cols else (),
        n_col=n_col,
        series_id=series_id,
        question=question,
        source=source,
        date_format=date_format,
        on_duplicate=on_duplicate,
        skip_bad_rows=skip_bad_rows or None,
    )
    with Store(db_path(db)) as store:
        result = import_polls(store, file, spec)
    _report_import(result)


def _report_import(result: Any) -> None:
    console.print(
        f"imported {len(result.points)} figures of series [bold]{escape(result.series_id)}"
        f"[/bold] ({result.shape}; answers: {escape(', '.join(result.answers))})"
    )
    if result.derived:
        console.print(f"index columns (not in the 100% check): {', '.join(result.derived)}")
    for line in result.notes:
        console.print(f"note: {escape(line)}")
    for line in result.skipped:
        console.print(f"[yellow]skipped[/yellow] {escape(line)}")
    for line in result.warnings:
        console.print(f"[yellow]warning[/yellow] {escape(line)}")


@polls_app.command("list")
def polls_list(db: DbOption = None) -> None:
    """Stored poll series: one row per series and answer."""
    with _store(db) as store:
        frame = store.poll_series()
    if frame.empty:
        console.print("no polls (run `narrascope polls import FILE`)")
        return
    for col in ("first", "last"):
        frame[col] = pd.to_datetime(frame[col]).dt.strftime("%Y-%m-%d")
    columns = ["series_id", "answer", "points", "first", "last"]
    _table(frame[columns], "poll series", keys=tuple(columns))
    for series in frame.drop_duplicates("series_id").itertuples(index=False):
        console.print(f"{escape(series.series_id)}: {escape(series.question)}", end="")
        console.print(f" [dim](source: {escape(str(series.source))})[/dim]")


# -- link -----------------------------------------------------------------------------------------
def link(
    narrative: Annotated[str, typer.Argument(help="Narrative id.")],
    series: Annotated[str, typer.Argument(help="Poll series id.")],
    answer: Annotated[str | None, typer.Option(help="Answer (needed if several).")] = None,
    max_lag: Annotated[int, typer.Option(help="Lags −K..K (positive: narrative leads).")] = 3,
    freq: Annotated[str, typer.Option(help="auto, month or wave.")] = "auto",
    window_days: Annotated[int, typer.Option(help="Days before each wave (wave).")] = 30,
    measure: Annotated[str, typer.Option(help="share or hits_per_1000.")] = "share",
    run: RunOption = None,
    detector: DetectorOption = None,
    outlet: Annotated[list[str] | None, typer.Option(help="Only this outlet (repeat).")] = None,
    exclude_duplicates: DupOption = False,
    n_boot: Annotated[int, typer.Option(help="Bootstrap resamples.")] = 2000,
    seed: Annotated[int, typer.Option(help="Random seed.")] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="Print the full result as JSON.")] = False,
    db: DbOption = None,
) -> None:
    """Relate a narrative's prevalence to a poll series (correlations, lags, Granger, BH).

    Positive lags mean the narrative leads the poll. Prints a plain-language summary with caveats.
    """
    from narrascope.trends.polls import link as run_link

    with _store(db) as store:
        result = run_link(
            store,
            narrative,
            series,
            answer=answer,
            max_lag=max_lag,
            freq=freq,
            window_days=window_days,
            measure=measure,
            run_id=run,
            detector=detector,
            outlets=outlet,
            exclude_duplicates=exclude_duplicates,
            n_boot=n_boot,
            seed=seed,
        )
    if as_json:
        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        return
    _table(result.stationarity.round(4), "stationarity (ADF, KPSS)", keys=("series",))
    _table(result.correlations.round(4), "correlations", keys=("method",))
    _table(result.ccf.round(4), "lagged correlation (positive lag: narrative leads)")
    _table(result.granger.round(4), "Granger causality", keys=("direction",))
    console.print(escape(result.summary))
