"""Fixtures for the dashboard tests: the report tests' built store behind a TestClient."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the dashboard needs the [web] extra")

from fastapi.testclient import TestClient

from narrascope.web import create_app

BUILDER = Path(__file__).resolve().parents[1] / "report" / "builder.py"


def load_builder() -> ModuleType:
    """Import ``tests/report/builder.py`` by path (tests are not a package)."""
    name = "narrascope_test_builder"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, BUILDER)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


@pytest.fixture(scope="module")
def builder() -> ModuleType:
    return load_builder()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, builder: ModuleType) -> Any:
    return builder.build(tmp_path_factory.mktemp("web") / "results.duckdb")


@pytest.fixture(scope="module")
def client(built: Any, builder: ModuleType) -> Iterator[TestClient]:
    app = create_app(built.path, codebook=builder.codebook())
    with TestClient(app) as test_client:
        yield test_client
