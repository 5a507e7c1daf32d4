"""The case study quotes no stale number: every marked value equals the script's fresh output.

Runs ``examples/moscow_format.py`` (the whole method on the sample corpus, about 20-60 s) and
checks docs/case-study-moscow-format.md against the ``numbers.json`` it writes:

- every ``<!-- n:KEY -->VALUE<!-- /n -->`` marker names a produced key and shows its value;
- no number in the prose escapes a marker (dates, section numbers and a few constants aside);
- the generated tables are what ``--sync-doc`` would write today;
- every figure the page shows is produced, and the committed ``docs/case-study/`` is current;
- quoted codebook excerpts are lines of the shipped codebook;
- without the poll files the script still runs, skips the poll section and says so.
"""

from __future__ import annotations

import importlib.util
import json
import math
import os
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "examples" / "moscow_format.py"
DOC = ROOT / "docs" / "case-study-moscow-format.md"
COMMITTED = ROOT / "docs" / "case-study"
MARKER = re.compile(r"<!-- n:(?P<key>[^ ]+) -->(?P<value>.*?)<!-- /n -->", re.S)
FIGURE = re.compile(r"!\[[^\]]*\]\(case-study/(?P<name>[^)]+)\)")
EXCERPT = re.compile(r"<!-- excerpt: (?P<path>\S+) -->\n```\w*\n(?P<body>.*?)```", re.S)
POLL_KEYS = ("polls.", "aligned.", "link.")
NLP_KEYS = ("voices.", "actors.", "run.quotes", "run.mentions")
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# Numbers the prose may write without a marker: years, "9 November", list and heading
# numbers, "section 7", the CI level and Krippendorff's conventional 0.8 bar.
ALLOWED = re.compile(
    rf"\b(1[89]|20)\d\d\b|\b\d{{1,2}} ({MONTHS})\b|^\s*(#+\s*)?\d+\.\s|\b[Ss]ection \d\b"
    r"|\b95%|\b0\.8 bar\b|\bS-400\b",
    re.M,
)


def run_script(out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    return subprocess.run(
        [sys.executable, str(SCRIPT), "--out", str(out), *extra],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


@pytest.fixture(scope="module")
def produced(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    out = tmp_path_factory.mktemp("case-study")
    result = run_script(out)
    assert result.returncode == 0, result.stderr[-3000:]
    return out, json.loads((out / "numbers.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def doc() -> str:
    return DOC.read_text(encoding="utf-8")


def casedoc() -> ModuleType:
    """``examples/_casedoc.py``, the helper that writes the generated tables."""
    spec = importlib.util.spec_from_file_location("_casedoc", SCRIPT.parent / "_casedoc.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def optional(key: str, meta: dict[str, Any]) -> bool:
    """Keys legitimately absent: polls without the poll files, voices without ``nlp``."""
    return (meta.get("polls") is None and key.startswith(POLL_KEYS)) or (
        not meta.get("nlp") and key.startswith(NLP_KEYS)
    )


def require_complete(meta: dict[str, Any]) -> None:
    """Skip comparisons of whole files when the poll files or the ``nlp`` extra are missing."""
    if meta.get("polls") is None or not meta.get("nlp"):
        pytest.skip("the committed case study was made with the poll files and the nlp extra")


def same(shown: str, value: Any) -> bool:
    text = shown.replace("\\|", "|").replace("−", "-").strip()
    if isinstance(value, bool) or not isinstance(value, int | float):
        return text == str(value)
    try:
        return math.isclose(float(text), float(value), rel_tol=0, abs_tol=1e-9)
    except ValueError:
        return False


def test_every_marked_number_equals_the_scripts_output(
    produced: tuple[Path, dict[str, Any]], doc: str
) -> None:
    _, payload = produced
    numbers, meta = payload["numbers"], payload["meta"]
    markers = list(MARKER.finditer(without_code(doc)))
    assert len(markers) > 100
    unknown = [
        m["key"] for m in markers if m["key"] not in numbers and not optional(m["key"], meta)
    ]
    assert not unknown, f"markers name keys the script does not produce: {unknown}"
    stale = [
        f"{m['key']}: page shows {m['value']!r}, script gives {numbers[m['key']]!r}"
        for m in markers
        if m["key"] in numbers and not same(m["value"], numbers[m["key"]])
    ]
    assert not stale, "stale numbers (rerun with --sync-doc):\n" + "\n".join(stale)


def without_code(doc: str) -> str:
    """The page without fenced blocks and inline code (which show markers literally)."""
    text = re.sub(r"```.*?```", " ", doc, flags=re.S)
    return re.sub(r"`[^`\n]*`", " ", text)


def _prose(doc: str) -> str:
    """The page without code, markers, comments and link targets."""
    text = MARKER.sub(" ", without_code(doc))
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.S)
    return re.sub(r"\]\([^)]*\)", "]", text)


def test_no_number_in_the_prose_escapes_a_marker(doc: str) -> None:
    bare = []
    for lineno, line in enumerate(_prose(doc).splitlines(), start=1):
        cleaned = ALLOWED.sub(" ", line)
        for match in re.finditer(r"(?<![\w-])\d+(?:[.,]\d+)?", cleaned):
            bare.append(f"{lineno}: {match.group()} in {line.strip()[:80]!r}")
    assert not bare, "numbers without a <!-- n:KEY --> marker:\n" + "\n".join(bare)


def test_no_line_starts_with_a_marker(doc: str) -> None:
    """CommonMark ends a paragraph at a line that opens with ``<!--``: keep markers inline."""
    lead = re.compile(r"^\s*(>\s*)?([-*]\s+|\d+\.\s+)?<!-- n:")
    starts = [n for n, line in enumerate(doc.splitlines(), start=1) if lead.match(line)]
    assert not starts, f"lines starting with a marker: {starts}"


def test_generated_tables_are_current(
    produced: tuple[Path, dict[str, Any]], doc: str, tmp_path: Path
) -> None:
    require_complete(produced[1]["meta"])
    copy = tmp_path / DOC.name
    copy.write_text(doc, encoding="utf-8")
    casedoc().sync(copy, produced[1])
    assert copy.read_text(encoding="utf-8") == doc, "run the script with --sync-doc"


def test_every_referenced_figure_is_produced(
    produced: tuple[Path, dict[str, Any]], doc: str
) -> None:
    out, payload = produced
    shown = [m["name"] for m in FIGURE.finditer(doc)]
    assert len(shown) >= 4
    missing = [name for name in shown if name not in payload["figures"]]
    assert not missing, f"figures referenced but not produced: {missing}"
    for name in payload["figures"]:
        svg = (out / name).read_text(encoding="utf-8")
        assert svg.startswith("<svg") and svg.rstrip().endswith("</svg>")


def test_committed_numbers_and_figures_are_current(produced: tuple[Path, dict[str, Any]]) -> None:
    out, payload = produced
    require_complete(payload["meta"])
    committed = json.loads((COMMITTED / "numbers.json").read_text(encoding="utf-8"))
    assert committed["numbers"] == payload["numbers"], "rerun: --out docs/case-study"
    assert committed["figures"] == payload["figures"]
    for name in payload["figures"]:
        assert (COMMITTED / name).read_bytes() == (out / name).read_bytes(), name


def test_codebook_excerpts_are_quoted_from_the_codebook(doc: str) -> None:
    excerpts = list(EXCERPT.finditer(doc))
    assert excerpts
    for match in excerpts:
        source = {line.strip() for line in (ROOT / match["path"]).read_text().splitlines()}
        foreign = [
            line.strip()
            for line in match["body"].splitlines()
            if line.strip() and line.strip() not in source
        ]
        assert not foreign, f"not in {match['path']}: {foreign}"


def test_script_runs_without_polls(tmp_path: Path) -> None:
    result = run_script(tmp_path / "out", "--polls", str(tmp_path / "no-polls"))
    assert result.returncode == 0, result.stderr[-3000:]
    assert "poll section is skipped" in result.stderr
    payload = json.loads((tmp_path / "out" / "numbers.json").read_text(encoding="utf-8"))
    assert payload["meta"]["polls"] is None
    assert not any(key.startswith(POLL_KEYS) for key in payload["numbers"])
    assert "polls.svg" not in payload["figures"]
