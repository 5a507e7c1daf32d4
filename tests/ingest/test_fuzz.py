"""A small seeded run of the ingest fuzz campaign (bench/fuzz_ingest.py): no crash, no hang,
no silent loss across JSONL, CSV, TXT, HTML, RSS and Parquet inputs."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

FUZZ = Path(__file__).resolve().parents[2] / "bench" / "fuzz_ingest.py"


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_seeded_fuzz_campaign_finds_nothing() -> None:
    spec = importlib.util.spec_from_file_location("fuzz_ingest", FUZZ)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["fuzz_ingest"] = module
    spec.loader.exec_module(module)
    report = module.campaign(300, 7, module.FORMATS, per_store=100, timeout=30.0).as_dict()
    assert report["inputs"] == 300
    assert set(report["by_format"]) == set(module.FORMATS)
    problems = {k: report[k] for k in ("crash", "hang", "loss")}
    assert problems == {"crash": 0, "hang": 0, "loss": 0}, report["examples"]
