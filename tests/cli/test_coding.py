"""The coding loop via the CLI: sample -> code (two coders) -> import -> agreement -> evaluate."""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from tests.conftest import TEST_DATA, make_article
from typer.testing import CliRunner

from narrascope.cli import app
from narrascope.store import Store
from narrascope.text import segment

runner = CliRunner()
CODEBOOK = (TEST_DATA / "codebooks" / "mini.yaml").read_text(encoding="utf-8")
FIXED = {"item_id", "article_id", "sentence_index", "outlet", "date", "language", "title", "text"}


def _run(db: Path, *args: str) -> object:
    return runner.invoke(app, ["--db", str(db), *args])


@pytest.fixture
def analysed(tmp_path: Path) -> tuple[Path, Path]:
    """24 articles over two outlets and two months, analysed with the lexicon."""
    db, cb = tmp_path / "c.duckdb", tmp_path / "mini.yaml"
    cb.write_text(CODEBOOK, encoding="utf-8")
    texts = [
        "Washington applies double standards again.",
        "India is a reliable partner, officials said.",
        "The weather was fine in Moscow.",
    ]
    arts = [
        make_article(
            f"{texts[i % 3]} Report {i}.",
            outlet="Wire" if i % 2 else "Daily",
            published_at=datetime(2019, 1 + i % 2, 10, tzinfo=UTC),
            url=f"u{i}",
        )
        for i in range(24)
    ]
    with Store(db) as store:
        store.write_articles(arts, [s for a in arts for s in segment(a.id, a.text, "en")])
    result = _run(db, "-q", "analyze", "--codebook", str(cb), "--detectors", "lexicon")
    assert result.exit_code == 0, result.output
    return db, cb


def _code(sheet: Path, out: Path, coder: str, flip: set[int]) -> Path:
    """Code like the lexicon would (from the text), except the rows in ``flip``."""
    rows = list(csv.DictReader(sheet.open(encoding="utf-8", newline="")))
    for i, row in enumerate(rows):
        truth = {
            "double-standards": "double standards" in row["text"],
            "partners": "reliable partner" in row["text"],
        }
        for name in (c for c in row if c not in FIXED | {"coder", "notes"}):
            value = truth.get(name, False) != (i in flip)
            row[name] = "1" if value else "0"
        row["coder"] = coder
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return out


def test_sample_code_import_agreement_evaluate(analysed, tmp_path) -> None:  # type: ignore[no-untyped-def]
    db, cb = analysed
    sheet, form = tmp_path / "sheet.csv", tmp_path / "sheet.html"
    args = ["sample", "--n", "12", "--by", "outlet,month,score-band", "--seed", "7"]
    result = _run(db, *args, "--out", str(sheet), "--html", str(form), "--codebook", str(cb))
    assert result.exit_code == 0, result.output
    assert "12 of 12 articles" in result.output and form.is_file()
    again = tmp_path / "again.csv"
    _run(db, *args, "--out", str(again), "--codebook", str(cb))
    assert again.read_text(encoding="utf-8") == sheet.read_text(encoding="utf-8")  # seeded
    header = sheet.read_text(encoding="utf-8").splitlines()[0]
    assert "lexicon" not in header and "score" not in header and "band" not in header

    ann = _code(sheet, tmp_path / "ann.csv", "ann", flip=set())
    bob = _code(sheet, tmp_path / "bob.csv", "bob", flip={0, 5})
    for path, coder in ((ann, "ann"), (bob, "bob")):
        result = _run(db, "annotations", "import", str(path), "--coder", coder, "--batch", "b1",
                      "--codebook", str(cb))  # fmt: skip
        assert result.exit_code == 0, result.output
        assert "12 coded articles" in result.output and "batch 'b1'" in result.output

    result = _run(db, "agreement", "--by-batch", "--by-language", "--json", "--bootstrap", "100",
                  "--codebook", str(cb))  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    overall = next(r for r in rows if r["narrative"] == "(all)" and r["grouping"] == "all")
    assert (overall["coder_a"], overall["coder_b"], overall["n"]) == ("ann", "bob", 12)
    assert overall["percent_agreement"] == pytest.approx(10 / 12)
    assert any(r["grouping"] == "batch" and r["group"] == "b1" for r in rows)
    assert any(r["grouping"] == "language" and r["group"] == "en" for r in rows)
    table = _run(db, "agreement", "--bootstrap", "50", "--codebook", str(cb))
    assert "ann × bob" in table.output and "alpha" in table.output

    result = _run(db, "evaluate", "--annotator", "ann", "--codebook", str(cb), "--json",
                  "--bootstrap", "50")  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["n_documents"] == 12
    assert data["detectors"][0]["samples_f1"] == 1.0  # ann coded what the lexicon finds
    assert "ann~bob" in data["coder_alpha"]


def test_import_errors_name_the_row(analysed, tmp_path) -> None:  # type: ignore[no-untyped-def]
    db, cb = analysed
    sheet = tmp_path / "s.csv"
    assert _run(db, "sample", "--n", "4", "--out", str(sheet), "--codebook", str(cb)).exit_code == 0
    text = sheet.read_text(encoding="utf-8").splitlines()
    header = text[0].split(",")
    col = header.index("partners")
    cells = next(csv.reader([text[1]]))
    cells[col] = "2"
    buf = tmp_path / "bad.csv"
    with buf.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([header, cells])
    result = _run(db, "annotations", "import", str(buf), "--coder", "x", "--codebook", str(cb))
    assert result.exit_code != 0
    assert "bad.csv:2: column 'partners' holds '2'" in " ".join(result.output.split())


def test_sample_refuses_impossible_floor(analysed, tmp_path) -> None:  # type: ignore[no-untyped-def]
    db, cb = analysed
    result = _run(db, "sample", "--n", "2", "--by", "outlet,month", "--min-per-stratum", "2",
                  "--out", str(tmp_path / "x.csv"), "--codebook", str(cb))  # fmt: skip
    assert result.exit_code != 0 and "too small for 2 strata" in " ".join(result.output.split())
