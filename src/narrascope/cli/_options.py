"""What every command module shares: the global state (``--db``, ``--quiet``, ``--config``),
the consoles, option types and small printing helpers. Command modules import from here, never
from the app."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

import pandas as pd
import typer
from rich.cells import cell_len
from rich.console import Console, JustifyMethod
from rich.markup import escape
from rich.padding import Padding
from rich.table import Table


class _State:
    db: Path = Path("narrascope.duckdb")
    quiet: bool = False
    config: Path | None = None


state = _State()
console = Console()

err = Console(stderr=True, highlight=False)

DbOption = Annotated[Path | None, typer.Option("--db", help="DuckDB store file.")]
RunOption = Annotated[str | None, typer.Option("--run", help="Run id (default: latest).")]
ExactOption = Annotated[
    bool,
    typer.Option("--exact", help="Only the exact narrative, without its sub-narratives."),
]
StanceOption = Annotated[
    list[str] | None,
    typer.Option(
        "--stance",
        help="Only hits of this stance: asserted, attributed, rejected or undecided (repeat "
        "or comma-separate; default: all).",
    ),
]
CodebookOption = Annotated[
    str | None, typer.Option(help="Codebook name or YAML path (default: analyze.codebook).")
]
OutletListOption = Annotated[
    Path | None,
    typer.Option("--outlet-list", help="Source list YAML naming outlets by domain and channel."),
]
StateMediaOption = Annotated[
    bool,
    typer.Option("--state-media", help="Use the shipped state-media source list."),
]


def db_path(db: Path | None) -> Path:
    """The store path: a command's own --db, else the global one."""
    return db or state.db


def print_frame(frame: Any, title: str | None = None) -> None:
    """Print a DataFrame as a rich table that fits the terminal (see :func:`show_table`)."""
    keys = tuple(str(c) for c in frame.columns[:1])
    show_table(frame, title, keys=keys)


TEXT_MIN = 12  # narrowest a folding free-text column gets
TEXT_FROM = 30  # a column wider than this (and no key) is free text that may fold


def show_table(
    frame: Any,
    title: str | None = None,
    *,
    keys: Sequence[str] = (),
    text: Sequence[str] = (),
    group: str | None = None,
) -> None:
    """Print a frame in the console's width without ever cutting a value.

    ``keys`` are the ids and names users type: never folded or cut. ``text`` columns (and any
    non-key column wider than ``TEXT_FROM``) may fold over lines. When the table cannot fit,
    it is printed as one table per ``group`` value, else as one block per row (vertical).
    """
    cells = _cells(frame)
    folding = {
        c for c in cells.columns if c in text or (c not in keys and _width(cells, c) > TEXT_FROM)
    }
    if _fits(cells, folding):
        console.print(_rich_table(cells, title, folding))
    elif group is not None and group in cells.columns and _fits_grouped(cells, folding, group):
        for value, part in cells.groupby(group, sort=False):
            heading = f"{title} · {group} {value!s}" if title else f"{group} {value!s}"
            console.print(_rich_table(part.drop(columns=group), heading, folding))
    else:
        _print_records(cells, title, keys)


def _cells(frame: Any) -> pd.DataFrame:
    cells = pd.DataFrame(
        [["" if _blank(v) else str(v) for v in row] for row in frame.itertuples(index=False)],
        columns=[str(c) for c in frame.columns],
    )
    return cells


def _blank(value: Any) -> bool:
    try:
        return value is None or bool(pd.isna(value))
    except (TypeError, ValueError):  # a list or array cell
        return False


def _width(cells: pd.DataFrame, column: str) -> int:
    widths = [cell_len(v) for v in cells[column]]
    return max([cell_len(column), *widths])


def _numeric(values: pd.Series) -> bool:
    present = values[values != ""]
    return not present.empty and bool(present.str.fullmatch(r"[-+]?[\d.,]+%?").all())


def _fits(cells: pd.DataFrame, folding: set[str]) -> bool:
    widths = [
        min(_width(cells, c), TEXT_MIN) if c in folding else _width(cells, c) for c in cells.columns
    ]
    return sum(widths) + 3 * len(widths) + 1 <= console.width


def _fits_grouped(cells: pd.DataFrame, folding: set[str], group: str) -> bool:
    parts = [part.drop(columns=group) for _, part in cells.groupby(group, sort=False)]
    return len(parts) < len(cells) and all(_fits(p, folding) for p in parts)


def _rich_table(cells: pd.DataFrame, title: str | None, folding: set[str]) -> Table:
    table = Table(title=escape(title) if title else None)
    for col in cells.columns:
        if col in folding:
            table.add_column(
                escape(col), overflow="fold", min_width=min(_width(cells, col), TEXT_MIN)
            )
        else:
            justify: JustifyMethod = "right" if _numeric(cells[col]) else "left"
            table.add_column(escape(col), width=_width(cells, col), no_wrap=True, justify=justify)
    for row in cells.itertuples(index=False):
        table.add_row(*(escape(v) for v in row))
    return table


def _print_records(cells: pd.DataFrame, title: str | None, keys: Sequence[str]) -> None:
    """One block per row: the key values on a line of their own, then ``field  value``, a
    long value folding under itself."""
    heads = [c for c in cells.columns if c in keys] or list(cells.columns[:1])
    rest = [c for c in cells.columns if c not in heads]
    if title:
        console.print(escape(title), style="bold")
    for row in cells.to_dict("records"):
        console.print(escape(" · ".join(row[c] for c in heads)), style="bold", overflow="fold")
        fields = Table.grid(padding=(0, 2), pad_edge=False)
        fields.add_column(no_wrap=True)
        fields.add_column(overflow="fold")
        for col in rest:
            fields.add_row(escape(col), escape(row[col]))
        console.print(Padding(fields, (0, 0, 0, 2)))


def load_settings() -> dict[str, Any]:
    """The settings in force (``--config`` file, ``narrascope.toml``, defaults)."""
    from narrascope.config import load_config

    return dict(load_config(state.config))


def warn(lines: list[str]) -> None:
    """Print each line as a yellow warning on stderr."""
    for line in lines:
        err.print(f"[yellow]warning:[/yellow] {escape(line)}")
