"""The sample corpus run end to end once (default detector, no actors), for the report tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(scope="session")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from narrascope.cli.demo import run_demo

    folder = tmp_path_factory.mktemp("demo")
    return run_demo(folder / "demo.duckdb", folder / "report.html", actors=False)


@pytest.fixture(scope="session")
def demo_db(demo: Any) -> Path:
    return Path(demo.db)
