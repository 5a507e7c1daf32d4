"""Fixtures for the dashboard tests: the report tests' built store behind a TestClient."""

from __future__ import annotations

from collections.abc import Iterator
from types import ModuleType
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the dashboard needs the [web] extra")

from fastapi.testclient import TestClient

from narrascope.web import create_app


@pytest.fixture(scope="module")
def builder() -> ModuleType:
    from tests import _result_store

    return _result_store


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, builder: ModuleType) -> Any:
    return builder.build(tmp_path_factory.mktemp("web") / "results.duckdb")


@pytest.fixture(scope="module")
def client(built: Any, builder: ModuleType) -> Iterator[TestClient]:
    app = create_app(built.path, codebook=builder.codebook())
    with TestClient(app) as test_client:
        yield test_client
