"""Tables fit 80 columns without cutting ids; train and evaluate --cv report progress."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from rich.console import Console
from tests.conftest import make_article
from typer.testing import CliRunner

from narrascope.cli import _options, app, trends
from narrascope.store import Store
from narrascope.text import segment

NARRATIVES = ("accuses-others", "double-standards", "indispensable-power", "partners-beyond-west")


@pytest.fixture
def screen(monkeypatch: pytest.MonkeyPatch) -> io.StringIO:
    """The CLI's console, 80 columns wide, writing into a buffer."""
    out = io.StringIO()
    console = Console(file=out, width=80, color_system=None, legacy_windows=False)
    monkeypatch.setattr(_options, "console", console)
    monkeypatch.setattr(trends, "console", console)
    return out


def _run(db: Path, *args: str) -> Any:
    result = CliRunner().invoke(app, ["--db", str(db), *args])
    assert result.exit_code == 0, result.output
    return result


def _assert_fits(text: str) -> None:
    too_wide = [line for line in text.splitlines() if len(line) > 80]
    assert too_wide == [], too_wide
    assert "…" not in text


def test_trends_by_outlet_keeps_period_counts_and_ids(built: Any, screen: io.StringIO) -> None:
    _run(built.path, "trends", "--by", "outlet")
    text = screen.getvalue()
    _assert_fits(text)
    assert "2018-10" in text and "2018-11" in text
    for column in ("n", "share %", "low %", "high %", "hits/1k"):
        assert column in text
    assert "100.0°" in text and "20.7" in text  # 1 of 1 article: marked, Wilson 20.7–100
    for narrative in NARRATIVES:
        assert narrative in text
    assert "Sample Independent Daily" in text


def test_events_window_shows_every_statistic(built: Any, screen: io.StringIO) -> None:
    _run(built.path, "events", "window", "Moscow format <b>talks</b>", "--days", "30")
    text = screen.getvalue()
    _assert_fits(text)
    for narrative in NARRATIVES:
        assert narrative in text
    for column in ("n b/a/base", "% before→after", "% base", "Δ pts [95% CI]", "p BH"):
        assert column in text
    assert "-50.0 [-100.0,+0.0]" in text and "1.000" in text


def test_show_table_never_cuts_ids(screen: io.StringIO) -> None:
    ids = [f"a-rather-long-narrative-identifier-{i}" for i in range(3)]
    frame = pd.DataFrame(
        {
            "narrative": ids,
            "outlet": ["An Outlet With A Long Name Indeed"] * 3,
            **{f"statistic {k}": ["0.123 [0.01, 0.99]"] * 3 for k in range(4)},
        }
    )
    _options.show_table(frame, "stats", keys=("narrative", "outlet"))
    text = screen.getvalue()
    _assert_fits(text)
    for narrative in ids:
        assert f"{narrative} · An Outlet With A Long Name Indeed" in text
    assert text.count("0.123 [0.01, 0.99]") == 12


def test_a_table_that_fits_stays_a_table(screen: io.StringIO) -> None:
    frame = pd.DataFrame({"narrative": ["double-standards"], "articles": [3], "note": ["x" * 200]})
    _options.show_table(frame, keys=("narrative",))
    text = screen.getvalue()
    _assert_fits(text)
    assert "┃ narrative" in text and "double-standards" in text
    assert text.replace("│", "").replace(" ", "").replace("\n", "").count("x") == 200


# -- progress when output is not a terminal ------------------------------------------------------
CODEBOOK = """
id: mini
label: Mini
languages: [en]
narratives:
  - id: hypocrisy
    label: Western hypocrisy
    en:
      cues: ["sanctions"]
  - id: partners
    label: Partners in Asia
    en:
      cues: ["Moscow"]
"""
TEXTS = [
    ("The West preaches sanctions yet buys our oil.", ["hypocrisy"]),
    ("Brussels condemns sanctions evasion while trading.", ["hypocrisy"]),
    ("Washington lectures others on sanctions it breaks.", ["hypocrisy"]),
    ("European capitals demand sanctions but keep importing.", ["hypocrisy"]),
    ("Delhi and Moscow signed a new defence plan.", ["partners"]),
    ("India and Moscow agreed to expand trade.", ["partners"]),
    ("China and Moscow held joint talks on security.", ["partners"]),
    ("Beijing praised its partnership with Moscow.", ["partners"]),
    ("The city council opened a new library.", []),
    ("Heavy rain flooded several streets.", []),
]


@pytest.fixture
def coded(tmp_path: Path) -> tuple[Path, Path]:
    db, cb = tmp_path / "coded.duckdb", tmp_path / "mini.yaml"
    cb.write_text(CODEBOOK, encoding="utf-8")
    filler = "Officials gave no further details."
    articles = [make_article(f"{t} {filler}", url=f"u{i}") for i, (t, _) in enumerate(TEXTS)]
    with Store(db) as store:
        store.write_articles(articles, [s for a in articles for s in segment(a.id, a.text, "en")])
    gold = tmp_path / "gold.jsonl"
    rows = [{"url": f"u{i}", "labels": labels} for i, (_, labels) in enumerate(TEXTS)]
    gold.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    _run(db, "annotations", "import", str(gold), "--codebook", str(cb))
    return db, cb


def test_evaluate_cv_prints_a_line_per_fold_when_not_a_terminal(coded: tuple[Path, Path]) -> None:
    db, cb = coded
    args = ["evaluate", "--cv", "2", "--detector", "lexicon", "--codebook", str(cb)]
    result = _run(db, *args, "--bootstrap", "20", "--json")
    assert result.stderr.splitlines() == [
        "cross-validating lexicon: fold 1/2",
        "cross-validating lexicon: fold 2/2",
    ]
    assert json.loads(result.stdout)["cv_folds"] == 2
    quiet = _run(db, "-q", *args, "--bootstrap", "20", "--json")
    assert quiet.stderr == ""


def test_train_prints_a_line_per_step_when_not_a_terminal(
    coded: tuple[Path, Path], tmp_path: Path
) -> None:
    db, cb = coded
    out = tmp_path / "model"
    result = _run(
        db,
        "train",
        "--codebook",
        str(cb),
        "--out",
        str(out),
        "--no-embeddings",
        "--cv",
        "2",
        "--min-examples",
        "1",
    )
    assert "skipped" not in json.loads((out / "manifest.json").read_text(encoding="utf-8"))["cv"]
    steps = [line for line in result.stderr.splitlines() if line.startswith("training")]
    # per fit: 4 inner CV folds (thresholds) and the final fit; the model, then 2 CV folds
    total = 5 * 3
    assert steps == [
        f"training (encode, fit, then CV folds): step {i}/{total}" for i in range(1, total + 1)
    ]


def test_a_long_value_in_a_row_block_folds_under_its_field(screen: io.StringIO) -> None:
    words = " ".join(f"word{i}" for i in range(40))
    frame = pd.DataFrame(
        {
            "when": ["2018-11-09 09:10:00+00:00"],
            "outlet": ["An Outlet With A Very Long Name Indeed, For Testing"],
            "kind": ["reported"],
            "quote": [words],
        }
    )
    _options.show_table(frame, keys=("when", "outlet"))  # too wide for a table: row blocks
    lines = screen.getvalue().splitlines()
    _assert_fits("\n".join(lines))
    start = next(k for k, line in enumerate(lines) if line.lstrip().startswith("quote"))
    column = lines[start].index("word0")
    follow = lines[start + 1]
    assert follow[:column].strip() == "" and follow[column : column + 4] == "word"
