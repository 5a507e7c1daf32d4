"""``narrascope methods``: the appendix documents the run from what the store records."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup
from typer.testing import CliRunner

from narrascope.cli import app
from narrascope.cli.demo import default_detectors
from narrascope.store import Store

DETECTOR = default_detectors()[0]  # what the demo runs


def test_methods_markdown_documents_the_demo_run(demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "methods.md"
    result = CliRunner().invoke(app, ["--db", str(demo_db), "methods", "--out", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    with Store(demo_db, read_only=True) as store:
        manifest = store.run()
        outlets = store.stats()["by_outlet"]
    assert f"run {manifest['run_id']}" in text
    assert manifest["codebook_hash"] in text and "crisis-diplomacy" in text
    for section in (
        "Sources and date ranges",
        "Duplicates",
        "Detectors",
        "Encoder and NER models",
        "Stance",
        "What counts as carrying a narrative",
        "Evaluation protocol",
    ):
        assert f"## {section}" in text
    for outlet, n in zip(outlets["outlet"], outlets["articles"], strict=True):
        assert f"| {outlet} | {n} |" in text
    assert "2018-09-05 to 2019-02-26" in text  # the sample's first and last day
    assert "**gold coder**: coder-a" in text and "en 48" in text and "ru 24" in text
    assert "Wilson 95%" in text and "fewer than 5 articles" in text
    assert "not extracted in this run" in text  # the demo store was analysed without actors
    recorded = (manifest["models"] or {}).get("detectors", {}).get(DETECTOR)
    if recorded:  # what the run recorded is listed, key by key
        assert all(f"{key}:" in text for key in recorded)
    else:  # and what it did not record is said to be so
        assert f"- **{DETECTOR}**: no settings recorded by the run" in text
    printed = CliRunner().invoke(app, ["--db", str(demo_db), "methods"])
    assert printed.output == text
    assert manifest["detectors"] == [DETECTOR]


def test_report_has_the_methods_appendix(demo: Any) -> None:
    soup = BeautifulSoup(Path(demo.report).read_text(encoding="utf-8"), "html.parser")
    section = soup.find("section", id="methods")
    titles = [h.get_text() for h in section.find_all("h3")]
    assert titles[:3] == ["Analysis run", "Sources and date ranges", "Duplicates (wire copies)"]
    assert "Evaluation protocol" in titles
