"""The documentation keeps up with the code: every command and setting is in the user guide.

Commands are collected from the Typer app itself (the click command tree, sub-groups walked), so
a new command or sub-command fails here until ``docs/guide.md`` documents it.
"""

from __future__ import annotations

import importlib
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import typer

from narrascope.cli import app
from narrascope.config import SETTINGS

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "docs" / "guide.md"
README = ROOT / "README.md"


def command_paths(command: Any, prefix: tuple[str, ...] = ()) -> list[str]:
    """Every command and sub-command as ``"events window"``-style paths (groups included)."""
    paths = [" ".join(prefix)] if prefix else []
    for name, sub in sorted((getattr(command, "commands", None) or {}).items()):
        if not getattr(sub, "hidden", False):
            paths += command_paths(sub, (*prefix, name))
    return paths


@pytest.fixture(scope="module")
def commands() -> list[str]:
    found = command_paths(typer.main.get_command(app))
    assert {"ingest", "analyze", "events window", "polls import"} <= set(found)
    return found


@pytest.fixture(scope="module")
def guide() -> str:
    return GUIDE.read_text(encoding="utf-8")


def test_every_command_appears_in_the_guide(commands: list[str], guide: str) -> None:
    missing = [path for path in commands if f"narrascope {path}" not in guide]
    assert not missing, f"docs/guide.md does not document: {missing}"


def test_every_command_has_an_example(commands: list[str], guide: str) -> None:
    blocks = "\n".join(re.findall(r"```console\n(.*?)```", guide, flags=re.S))
    leaves = [p for p in commands if not any(q.startswith(p + " ") for q in commands)]
    missing = [p for p in leaves if not re.search(rf"narrascope (--\S+ \S+ )*{p}\b", blocks)]
    assert not missing, f"no console example in docs/guide.md for: {missing}"


def test_every_setting_appears_in_the_guide_with_its_default(guide: str) -> None:
    rows = {
        line.split("|")[1].strip(): line for line in guide.splitlines() if line.startswith("| `")
    }
    missing = [s.name for s in SETTINGS if f"`{s.name}`" not in rows]
    assert not missing, f"docs/guide.md does not document the settings: {missing}"
    stale = [s.name for s in SETTINGS if f"`{s.default!r}`" not in rows[f"`{s.name}`"]]
    assert not stale, f"docs/guide.md shows an old default for: {stale}"


def _cli_reference(readme: str) -> str | None:
    """The README's CLI reference section, if it has one."""
    match = re.search(
        r"^(#+)\s*(CLI|command[- ]line)\b[^\n]*\n(?P<body>.*?)(?=^\1\s|\Z)",
        readme,
        flags=re.M | re.S | re.I,
    )
    return match.group("body") if match else None


def test_top_level_commands_appear_in_the_readme_cli_reference(commands: list[str]) -> None:
    readme = README.read_text(encoding="utf-8") if README.exists() else ""
    section = _cli_reference(readme)
    if section is None:
        pytest.skip("README.md has no CLI reference section")
    top = [path for path in commands if " " not in path]
    missing = [name for name in top if not re.search(rf"\b{re.escape(name)}\b", section)]
    assert not missing, f"README.md's CLI reference lacks: {missing}"


def test_command_paths_walks_sub_groups() -> None:
    class Leaf:
        pass

    class Group:
        def __init__(self, commands: dict[str, Any]) -> None:
            self.commands = commands

    tree = Group({"b": Group({"y": Leaf(), "x": Leaf()}), "a": Leaf()})
    assert command_paths(tree) == ["a", "b", "b x", "b y"]


def test_readme_python_quickstart_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The README's Python block, as written, on the sample JSONL (``corpus.jsonl`` here)."""
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    quickstart = next(b for b in blocks if "ingest(" in b and "analyze(" in b)
    sample = ROOT / "src" / "narrascope" / "sample" / "articles.jsonl"
    (tmp_path / "corpus.jsonl").write_bytes(sample.read_bytes())
    monkeypatch.chdir(tmp_path)
    importlib.import_module("narrascope.ingest")  # the subpackage shadows the function's name
    exec(compile(quickstart, "README.md", "exec"), {})
    assert (tmp_path / "narrascope.duckdb").stat().st_size > 0


def _guide_files(folder: Path) -> None:
    """The files the guide's Python blocks name, from the shipped sample data."""
    from narrascope.trends.polls import levada_path

    sample = ROOT / "src" / "narrascope" / "sample"
    shutil.copyfile(sample / "articles.jsonl", folder / "corpus.jsonl")
    shutil.copytree(sample / "pages", folder / "pages")
    shutil.copyfile(sample / "gold.jsonl", folder / "gold.jsonl")
    shutil.copyfile(sample / "events.yaml", folder / "events.yaml")
    poll = levada_path("levada_putin_approval_monthly.csv")
    shutil.copyfile(poll, folder / poll.name)
    (folder / "ChatExport_2018-12-01").mkdir()
    export = ROOT / "tests" / "data" / "ingest" / "telegram" / "result.json"
    shutil.copyfile(export, folder / "ChatExport_2018-12-01" / "result.json")


@pytest.mark.slow  # the actors block loads the spaCy and natasha models
def test_guide_python_blocks_run_in_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every ``python`` block of the guide, as written, in order, in one namespace."""
    blocks = re.findall(r"```python\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.S)
    assert len(blocks) >= 9
    _guide_files(tmp_path)
    monkeypatch.chdir(tmp_path)
    importlib.import_module("narrascope.ingest")  # the subpackage shadows the function's name
    namespace: dict[str, Any] = {"__name__": "__guide__"}
    for block in blocks:
        exec(compile(block, str(GUIDE.relative_to(ROOT)), "exec"), namespace)
    assert (tmp_path / "study.duckdb").stat().st_size > 0
    assert (tmp_path / "report.html").stat().st_size > 0
