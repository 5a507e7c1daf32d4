"""The ``narrascope`` command line: parse, call a plain function, print. No logic here.

One module per command group registers its commands on :data:`app`, in the order ``--help``
lists them; shared options and printing helpers live in :mod:`._options`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from typer.core import TyperGroup

from narrascope.cli import analysis, codebook, coding, corpus, report, trends, validation
from narrascope.cli._options import DbOption, state
from narrascope.errors import NarrascopeError

__all__ = ["app", "main"]


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


for _module in (corpus, codebook, analysis, report, trends, validation, coding):
    _module.register(app)


def main() -> None:
    """Console-script entry point."""
    app()
