"""CLI commands of the coding workflow: ``sample`` (a blind coding sheet) and ``agreement``.

Coded sheets come back with ``narrascope annotations import SHEET.csv --coder NAME``
(:mod:`narrascope.cli.validation`); the logic lives in :mod:`narrascope.validation.sampling`,
:mod:`narrascope.validation.coding_sheet` and :mod:`narrascope.validation.agreement`.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Annotated, Any

import typer

from narrascope.cli._options import CodebookOption, DbOption, console, db_path, show_table, state
from narrascope.records import finite


def register(app: typer.Typer) -> None:
    """Add ``sample`` and ``agreement``."""
    app.command("sample")(sample)
    app.command("agreement")(agreement)


def _codebook(name: str | None) -> Any:
    from narrascope.codebook import load_codebook
    from narrascope.config import load_config

    return load_codebook(name or load_config(state.config)["analyze.codebook"])


def sample(
    out: Annotated[Path, typer.Option("--out", "-o", help="Coding sheet CSV to write.")],
    n: Annotated[int, typer.Option("--n", help="Items to draw in all.")] = 200,
    unit: Annotated[str, typer.Option(help="article or sentence.")] = "article",
    by: Annotated[
        str, typer.Option(help="Strata, comma-separated: outlet, month, language, score-band.")
    ] = "outlet,month,language",
    seed: Annotated[int, typer.Option(help="Random seed (same seed, same sample).")] = 7,
    min_per_stratum: Annotated[
        int, typer.Option(help="Floor per stratum before proportional allocation.")
    ] = 1,
    html: Annotated[
        Path | None, typer.Option(help="Also write a self-contained HTML coding form.")
    ] = None,
    narratives: Annotated[
        str, typer.Option(help="Narrative columns: all, coarse (top level) or fine (leaves).")
    ] = "all",
    run: Annotated[
        str | None, typer.Option(help="Run whose hits define score bands (default: latest).")
    ] = None,
    codebook: CodebookOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the design as JSON.")] = False,
    db: DbOption = None,
) -> None:
    """Draw a stratified random sample into a blind coding sheet (no detector labels)."""
    from narrascope.store import Store
    from narrascope.validation.annotations import at_level
    from narrascope.validation.coding_sheet import (
        check_level,
        sheet_frame,
        write_sheet_csv,
        write_sheet_html,
    )
    from narrascope.validation.sampling import draw_sample, parse_by

    book = _codebook(codebook)
    level = check_level(narratives)
    chosen = [i for i in book.ids if i in at_level(book, book.ids, level)]
    with Store(db_path(db), read_only=True) as store:
        drawn = draw_sample(
            store,
            n=n,
            unit=unit,
            by=parse_by(by),
            seed=seed,
            minimum=min_per_stratum,
            run_id=run,
        )
    frame = sheet_frame(drawn, chosen)
    write_sheet_csv(frame, out)
    if html is not None:
        write_sheet_html(frame, html, book, chosen)
    if as_json:
        typer.echo(json.dumps(finite(drawn.to_dict()), indent=2, ensure_ascii=False, default=str))
        return
    _print_design(drawn, out, html)


def _print_design(drawn: Any, out: Path, html: Path | None) -> None:
    strata = drawn.strata.rename(columns={"band": "score-band"})
    keys = tuple(c for c in strata.columns if c not in ("population", "drawn", "short"))
    strata = strata.assign(short=["fewer than asked" if s else "" for s in strata["short"]])
    title = (
        f"{len(drawn.items)} of {drawn.n} {drawn.unit}s asked, {len(strata)} strata, "
        f"seed {drawn.seed}, at least {drawn.minimum} per stratum"
    )
    show_table(strata, title, keys=keys)
    short = drawn.short
    if len(short):
        console.print(
            f"[yellow]{len(short)} strata held fewer than {drawn.minimum} {drawn.unit}s "
            "and were taken whole[/yellow]"
        )
    if drawn.cut is not None and "band" in drawn.by:
        console.print(f"score bands: low < {drawn.cut:.3f} <= high (median; run {drawn.run_id})")
    elif "band" in drawn.by:
        console.print("[yellow]no analysis run: every item is in score band 'none'[/yellow]")
    console.print(f"wrote {out}" + (f" and {html}" if html else ""))


def agreement(
    by_batch: Annotated[
        bool, typer.Option("--by-batch", help="One table per coding batch too.")
    ] = False,
    by_language: Annotated[
        bool, typer.Option("--by-language", help="One table per article language too.")
    ] = False,
    bootstrap: Annotated[int | None, typer.Option(help="Bootstrap resamples.")] = None,
    codebook: CodebookOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON rows.")] = False,
    db: DbOption = None,
) -> None:
    """Agreement between coders per pair (and per batch or language): alpha with 95% CI,
    percent agreement and the number of items both coded."""
    from narrascope.config import load_config
    from narrascope.errors import UsageError
    from narrascope.store import Store
    from narrascope.validation.agreement import agreement_table, load_codings

    cfg = load_config(state.config)
    samples = bootstrap if bootstrap is not None else cfg["evaluate.bootstrap"]
    with Store(db_path(db), read_only=True) as store:
        codings = load_codings(store, _codebook(codebook))
    if len(codings.coders) < 2:
        raise UsageError(
            f"agreement needs two coders; the store has {len(codings.coders)}",
            hint="import a second coder's sheet with `narrascope annotations import --coder`",
        )
    groupings: list[tuple[str | None, str]] = [(None, "all items")]
    groupings += [("batch", "per batch")] if by_batch else []
    groupings += [("language", "per language")] if by_language else []
    tables = [(agreement_table(codings, by=by, n_samples=samples), by, t) for by, t in groupings]
    if as_json:
        rows = [
            {"grouping": by or "all", **r}
            for frame, by, _ in tables
            for r in frame.to_dict(orient="records")
        ]
        typer.echo(json.dumps(finite(rows), indent=2, ensure_ascii=False))
        return
    for frame, _, title in tables:
        if frame.empty:
            console.print(f"{title}: no item was coded by two coders")
            continue
        show_table(
            _shown(frame),
            f"Agreement between coders ({title}; alpha nominal, 95% CI)",
            keys=("group", "coders", "narrative"),
        )


def _shown(frame: Any) -> Any:
    import pandas as pd

    def ci(r: Any) -> str:
        if math.isnan(r.alpha):
            return "—"
        if math.isnan(r.alpha_low):
            return f"{r.alpha:.2f}"
        return f"{r.alpha:.2f} [{r.alpha_low:.2f}, {r.alpha_high:.2f}]"

    return pd.DataFrame(
        {
            "group": frame["group"],
            "coders": frame["coder_a"] + " × " + frame["coder_b"],
            "narrative": frame["narrative"],
            "n": frame["n"],
            "% agree": [f"{100 * v:.0f}%" for v in frame["percent_agreement"]],
            "alpha [95% CI]": [ci(r) for r in frame.itertuples(index=False)],
        }
    )
