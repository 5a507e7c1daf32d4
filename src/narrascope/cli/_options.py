"""What every command module shares: the global state (``--db``, ``--quiet``, ``--config``),
the consoles, option types and small printing helpers. Command modules import from here, never
from the app."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
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
CodebookOption = Annotated[
    str | None, typer.Option(help="Codebook name or YAML path (default: analyze.codebook).")
]


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


def load_settings() -> dict[str, Any]:
    """The settings in force (``--config`` file, ``narrascope.toml``, defaults)."""
    from narrascope.config import load_config

    return dict(load_config(state.config))


def warn(lines: list[str]) -> None:
    """Print each line as a yellow warning on stderr."""
    for line in lines:
        err.print(f"[yellow]warning:[/yellow] {escape(line)}")
