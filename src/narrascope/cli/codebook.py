"""Codebook commands: ``codebook validate``, ``codebook show`` and ``codebook list``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from narrascope.cli._options import console, warn

codebook_app = typer.Typer(help="Validate and inspect codebooks.", no_args_is_help=True)


@codebook_app.command("validate")
def codebook_validate(
    file: Annotated[Path, typer.Argument(help="Codebook YAML file.")],
) -> None:
    """Check a codebook; errors name the line and the fix."""
    from narrascope.codebook import load_codebook

    cb = load_codebook(file)
    warn(list(cb.warnings))
    console.print(
        f"[green]ok[/green] {cb.id} v{cb.short_version} — {len(cb.narratives)} narratives, "
        f"languages {', '.join(cb.languages)}"
        + (f", {len(cb.warnings)} warning(s)" if cb.warnings else "")
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


def register(app: typer.Typer) -> None:
    """Add the ``codebook`` command group to ``app``."""
    app.add_typer(codebook_app, name="codebook")
