"""`narrascope codebook validate` through Typer's CliRunner."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from narrascope.cli import app

runner = CliRunner()


def test_validate_shows_mixed_script_warnings(tmp_path: Path) -> None:
    path = tmp_path / "mixed.yaml"
    path.write_text(
        "id: t\nlabel: T\nlanguages: [en]\nnarratives:\n  - id: a\n    label: A\n"
        '    en: {cues: ["Mоscow ~2 talks"]}\n',  # a Cyrillic о
        encoding="utf-8",
    )
    result = runner.invoke(app, ["codebook", "validate", str(path)])
    output = " ".join(result.output.split())  # rich may wrap long lines
    assert result.exit_code == 0
    assert "warning:" in output and "mixes Latin and Cyrillic" in output
    assert "1 warning(s)" in output
