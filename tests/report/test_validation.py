"""The report's validation section from the demo's gold coding, and its alpha."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from bs4 import BeautifulSoup

from narrascope.cli.demo import default_detectors
from narrascope.codebook import load_codebook
from narrascope.report.validation import MIN_CODED, pooled_alpha, validation_section
from narrascope.store import Store
from narrascope.validation.evaluate import evaluate_run
from narrascope.validation.metrics import krippendorff_alpha

DETECTOR = default_detectors()[0]  # what the demo runs


@pytest.mark.parametrize("seed", range(5))
def test_pooled_alpha_is_krippendorffs(seed: int) -> None:
    rng = np.random.default_rng(seed)
    y = rng.random((30, 4)) < 0.3
    p = y ^ (rng.random((30, 4)) < 0.2)
    expected = krippendorff_alpha(np.stack([y.ravel(), p.ravel()]).astype(float))
    assert pooled_alpha(y, p) == pytest.approx(expected)
    assert pooled_alpha(y, y) == pytest.approx(1.0)
    assert math.isnan(pooled_alpha(np.zeros((3, 2), bool), np.zeros((3, 2), bool)))


def test_validation_matches_evaluate_per_language(demo_db: Path) -> None:
    codebook = load_codebook("crisis-diplomacy")
    with Store(demo_db, read_only=True) as store:
        run = store.run_id()
        section = validation_section(store, run, codebook)
        expected = evaluate_run(store, codebook, run_id=run, n_samples=50)
    assert section.note == ""
    assert section.annotator == expected.annotator and section.coders == ["coder-a", "coder-b"]
    rows = {(r.detector, r.language): r for r in section.rows}
    assert set(rows) == {(DETECTOR, "all"), (DETECTOR, "en"), (DETECTOR, "ru")}
    pooled = expected.detectors[0].scores
    assert rows[DETECTOR, "all"].n_coded == expected.n_documents == 72
    assert rows[DETECTOR, "all"].f1 == pytest.approx(pooled["micro_f1"])
    assert rows[DETECTOR, "all"].samples_f1 == pytest.approx(pooled["samples_f1"])
    for lang, scores in expected.by_language.items():
        row = rows[DETECTOR, lang]
        assert row.n_coded == scores.n_documents
        assert row.f1 == pytest.approx(scores.detectors[0].scores["micro_f1"])
    for row in section.rows:
        lo, hi = row.alpha_ci
        assert lo <= row.alpha <= hi and row.f1_ci[0] <= row.f1 <= row.f1_ci[1]
        assert bool(row.flags) == (row.n_coded < MIN_CODED)  # no model trained on them
    assert rows[DETECTOR, "ru"].n_coded < MIN_CODED  # the demo codes 24 RU articles
    (pair,) = section.coder_rows
    assert pair["pair"] == "coder-a ~ coder-b" and pair["n_coded"] > 0


def test_report_shows_the_demo_gold_coding(demo: Any) -> None:
    soup = BeautifulSoup(Path(demo.report).read_text(encoding="utf-8"), "html.parser")
    section = soup.find("section", id="validation")
    assert section is not None
    table = section.find("table", class_="validation")
    cells = [
        [td.get_text(" ", strip=True) for td in tr.find_all("td")]
        for tr in table.tbody.find_all("tr")
    ]
    assert [c[:3] for c in cells] == [
        [DETECTOR, "all", "72"],
        [DETECTOR, "en", "48"],
        [DETECTOR, "ru", "24"],
    ]
    assert "fewer than" not in cells[0][-1] and "coded articles" in cells[2][-1]  # RU flagged
    assert "coder-a ~ coder-b" in section.get_text()
