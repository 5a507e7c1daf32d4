"""The dashboard treats every stored string and every parameter as hostile."""

from __future__ import annotations

from typing import Any

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient

from narrascope.web.app import SECURITY_HEADERS

INJECTIONS = [
    "' OR 1=1 --",
    "'; DROP TABLE hits; --",
    '" OR ""="',
    "x') UNION SELECT text FROM articles --",
    "%' OR '%'='",
]

OUR_SCRIPTS = (
    "/static/plotly.min.js",
    "/static/narrascope.js",
    "/static/downloads.js",
    "/static/evidence.js",
)


def _assert_inert(html: str) -> BeautifulSoup:
    """No script but ours, no inline handler, no javascript: URL, no injected element."""
    soup = BeautifulSoup(html, "html.parser")
    for script in soup.find_all("script"):
        if script.get("type") == "application/json":
            continue
        assert script.get("src") in OUR_SCRIPTS, script
        assert not (script.string or "").strip(), script
    assert soup.find_all(["img", "iframe", "object", "embed", "svg"]) == []
    for tag in soup.find_all(True):
        for name, value in tag.attrs.items():
            assert not name.lower().startswith("on"), tag
            text = " ".join(value) if isinstance(value, list) else str(value)
            if text == "data:,":  # our empty favicon
                continue
            assert not text.strip().lower().startswith(("javascript:", "data:")), tag
    return soup


@pytest.mark.parametrize(
    "path",
    ["/", "/narratives/double-standards", "/narratives/partners-beyond-west", "/actors", "/polls"],
)
def test_pages_are_inert(client: TestClient, path: str) -> None:
    _assert_inert(client.get(path).text)


def test_hostile_article_is_shown_as_text(client: TestClient, built: Any, builder: Any) -> None:
    hostile = built.hostile
    soup = _assert_inert(client.get(f"/articles/{hostile.id}").text)
    assert soup.select_one("h2.article-title").get_text() == builder.XSS_TITLE
    assert soup.select_one(".article-text").get_text() == builder.XSS_TEXT
    assert builder.XSS_OUTLET in soup.get_text()
    assert builder.XSS_URL in soup.get_text()  # shown, never linked
    assert not [a for a in soup.find_all("a", href=True) if "alert" in a["href"]]


def test_chart_json_cannot_break_out(client: TestClient, builder: Any) -> None:
    html = client.get("/").text
    soup = BeautifulSoup(html, "html.parser")
    for block in soup.select("script.chart-data"):
        assert "<" not in block.string and ">" not in block.string
    # outlet escaped for Plotly, then for JSON (a long label may wrap with a <br> of ours)
    assert "\\u0026lt;img src=x" in html


def test_security_headers_on_every_response(client: TestClient) -> None:
    for path in ("/", "/api/overview", "/static/narrascope.js", "/nope"):
        response = client.get(path)
        for name, value in SECURITY_HEADERS.items():
            assert response.headers[name] == value, (path, name)
    assert "script-src 'self'" in SECURITY_HEADERS["Content-Security-Policy"]


@pytest.mark.parametrize("value", INJECTIONS)
def test_filters_are_bound_parameters(client: TestClient, value: str) -> None:
    for name in ("outlet", "language", "detector"):
        response = client.get(
            "/api/evidence", params={"narrative": "double-standards", name: value}
        )
        # an unknown filter value is a 400 naming it (issue 16, item 6), never run as SQL
        assert response.status_code == 400, response.text
        assert f"unknown {name}" in response.json()["detail"]
        page = client.get("/narratives/double-standards", params={name: value})
        assert page.status_code == 400
        _assert_inert(page.text)
    assert client.get("/api/evidence", params={"narrative": value}).status_code == 404
    assert client.get("/", params={"run": value}).status_code == 404
    assert client.get(f"/api/articles/{value}").status_code == 404
    assert client.get("/api/overview").json()["total_articles"] == 7  # nothing was dropped


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("size=201", "size"),
        ("size=0", "size"),
        ("size=abc", "size"),
        ("page=0", "page"),
        ("page=99999999999999999999", "page"),
        ("date_from=2018-13-45", "date_from"),
        ("date_to=yesterday", "date_to"),
        ("order=random()", "order"),
        ("outlet=" + "x" * 400, "outlet"),
    ],
)
def test_bad_parameters_are_422_with_a_message(client: TestClient, query: str, field: str) -> None:
    api = client.get(f"/api/evidence?narrative=double-standards&{query}")
    assert api.status_code == 422
    assert any(field in e["loc"] for e in api.json()["detail"]), api.json()
    page = client.get(f"/narratives/double-standards?{query}")
    assert page.status_code == 422
    assert field in BeautifulSoup(page.text, "html.parser").select_one(".error-message").get_text()


def test_inverted_date_range_and_missing_narrative(client: TestClient) -> None:
    bad = client.get("/narratives/double-standards?date_from=2019-01-01&date_to=2018-01-01")
    assert bad.status_code == 422 and "after date_to" in bad.text
    missing = client.get("/api/evidence")
    assert missing.status_code == 422 and missing.json()["detail"][0]["loc"] == [
        "query",
        "narrative",
    ]


def test_page_size_is_capped(client: TestClient) -> None:
    assert client.get("/api/evidence?narrative=double-standards&size=200").status_code == 200
    assert client.get("/api/evidence?narrative=double-standards&size=201").status_code == 422


def test_only_get_endpoints(client: TestClient) -> None:
    for route in client.app.routes:
        methods = getattr(route, "methods", None) or set()
        assert methods <= {"GET", "HEAD"}, (route.path, methods)
    assert client.post("/api/evidence").status_code == 405
    assert client.delete("/api/articles/a000").status_code == 405


def test_store_is_opened_read_only(client: TestClient) -> None:
    dashboard = client.app.state.dashboard
    assert dashboard.store().read_only
