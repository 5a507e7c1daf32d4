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
