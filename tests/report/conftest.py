"""Fixtures for the report tests: a built result store (see ``builder.py``)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest


def load_builder() -> ModuleType:
    """Import ``tests/report/builder.py`` by path (tests are not a package)."""
    name = "narrascope_test_builder"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name("builder.py"))
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


@pytest.fixture
def builder() -> ModuleType:
    return load_builder()


@pytest.fixture
def built(tmp_path: Path, builder: ModuleType):  # type: ignore[no-untyped-def]
    return builder.build(tmp_path / "results.duckdb")
