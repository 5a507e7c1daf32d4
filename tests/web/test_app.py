"""Dashboard pages and JSON API over a small built store."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient

from narrascope.errors import StoreError
from narrascope.web import create_app


def _soup(client: TestClient, path: str) -> BeautifulSoup:
    response = client.get(path)
    assert response.status_code == 200, response.text
    return BeautifulSoup(response.text, "html.parser")


def test_overview_lists_narratives_with_links_and_charts(client: TestClient) -> None:
    soup = _soup(client, "/")
    links = {a.get_text(): a["href"] for a in soup.select("a.narrative-link")}
    assert links["Western double standards"].startswith("/narratives/double-standards?run=")
    assert {b["data-target"] for b in soup.select("script.chart-data")} == {
        "chart-overall",
        "chart-outlets",
        "chart-timeline",
    }
    scripts = [s["src"] for s in soup.find_all("script", src=True)]
    assert scripts == [
        "/static/plotly.min.js",
        "/static/narrascope.js",
        "/static/downloads.js",
        "/static/evidence.js",
    ]


def test_narrative_page_filters_and_paginates(client: TestClient, built: Any) -> None:
    soup = _soup(client, "/narratives/double-standards")
    items = soup.select("li.evidence-item")
    assert len(items) == 3  # two own hits + one from the sub-narrative
    assert "hypocrisy" in {m.get_text() for m in soup.select("li.evidence-item mark")}
    one = _soup(client, "/narratives/double-standards?outlet=Sample+State+Wire")
    assert [i.select_one("mark").get_text() for i in one.select("li.evidence-item")] == [
        "double standards"
    ]
    page = _soup(client, "/narratives/double-standards?size=2&page=2&order=oldest")
    assert len(page.select("li.evidence-item")) == 1
    assert page.select_one("a[rel=prev]") is not None and page.select_one("a[rel=next]") is None
    dated = _soup(client, "/narratives/double-standards?date_from=2018-11-01&date_to=2018-11-30")
    assert len(dated.select("li.evidence-item")) == 1
    empty_fields = "?outlet=&language=&detector=&date_from=&date_to=&run="
    assert (
        len(_soup(client, f"/narratives/double-standards{empty_fields}").select("li.evidence-item"))
        == 3
    )


def test_article_page_marks_evidence_quotes_and_actors(client: TestClient, built: Any) -> None:
    article = built.articles[0]
    soup = _soup(client, f"/articles/{article.id}")
    text = soup.select_one(".article-text")
    assert text.get_text() == article.text
    assert [m.get_text() for m in text.find_all("mark")] == ["double standards"]
    assert text.select_one("mark")["id"].startswith("hit-")
    assert "Washington" in [s.get_text() for s in text.select(".actor")]
    assert "".join(s.get_text() for s in text.select(".quote")).startswith("Washington shows")


def test_actor_and_poll_pages(client: TestClient) -> None:
    actors = _soup(client, "/actors")
    assert "Envoy <script>x</script>" in actors.get_text()
    assert actors.select_one("script.chart-data")["data-target"] == "chart-voiced"
    polls = _soup(client, "/polls")
    assert "levada-usa" in polls.get_text() and polls.select("script.chart-data")


def test_api_overview_narratives_evidence_article(client: TestClient, built: Any) -> None:
    overview = client.get("/api/overview").json()
    assert overview["run"]["run_id"] == built.run_id and overview["total_articles"] == 7
    counts = {n["id"]: n["articles"] for n in overview["narratives"]}
    assert counts["double-standards"] == 3
    assert client.get("/api/narratives").json() == overview["narratives"]
    evidence = client.get("/api/evidence", params={"narrative": "indispensable-power"}).json()
    assert evidence["total"] == 2 and {i["match"] for i in evidence["items"]} == {"indispensable"}
    article = client.get(f"/api/articles/{built.articles[0].id}").json()
    assert article["text"] == built.articles[0].text and article["hits"][0]["narrative"]


def test_openapi_schema_lists_the_api(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert {
        "/api/overview",
        "/api/narratives",
        "/api/evidence",
        "/api/articles/{article_id}",
    } <= set(schema["paths"])
    assert client.get("/docs").status_code == 404  # Swagger UI would load a CDN script


def test_static_plotly_is_served_locally(client: TestClient) -> None:
    response = client.get("/static/plotly.min.js")
    assert response.status_code == 200 and b"plotly" in response.content[:2000].lower()


def test_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such store"):
        create_app(tmp_path / "absent.duckdb")


def test_store_without_runs_gives_a_404_page(tmp_path: Path) -> None:
    from narrascope.store import Store

    Store(tmp_path / "empty.duckdb").close()
    with TestClient(create_app(tmp_path / "empty.duckdb")) as client:
        response = client.get("/")
    assert response.status_code == 404 and "narrascope analyze" in response.text


def test_serve_binds_localhost_by_default(built: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn
    from typer.testing import CliRunner

    from narrascope.cli import app

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda application, **kw: calls.append(kw))
    result = CliRunner().invoke(app, ["--db", str(built.path), "serve", "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert calls == [{"host": "127.0.0.1", "port": 8123, "log_level": "warning"}]


@pytest.fixture
def kwic_client(tmp_path: Path) -> Any:
    from tests.conftest import make_article
    from tests.store.test_listing import RUN, TEXT, kwic_store

    long = make_article(f"{'word ' * 30_000}{TEXT}".replace(".", ","), title="T" * 200_000)
    path = kwic_store(tmp_path / "kwic.duckdb", n=3, undated=1, extra=[long])
    with TestClient(create_app(path)) as client:
        yield client, RUN, long


def test_evidence_of_undated_articles_and_unknown_filters(kwic_client: Any) -> None:
    client, run, _ = kwic_client
    ok = client.get("/api/evidence", params={"narrative": "double-standards", "run": run})
    assert ok.status_code == 200, ok.text
    assert any(item["published_at"] is None for item in ok.json()["items"])
    page = client.get("/narratives/double-standards", params={"run": run, "outlet": "test wire"})
    assert page.status_code == 200
    bad = client.get(
        "/api/evidence", params={"narrative": "double-standards", "outlet": "Test Wyre"}
    )
    assert bad.status_code == 400 and "valid: Test Wire" in bad.text


def test_long_fields_are_cut_in_listings_but_not_on_the_article_page(kwic_client: Any) -> None:
    client, run, long = kwic_client
    params = {"narrative": "double-standards", "run": run, "size": 200}
    response = client.get("/api/evidence", params=params)
    assert response.status_code == 200 and len(response.content) < 100_000
    items = [i for i in response.json()["items"] if i["article_id"] == long.id]
    assert items and all(i["match"] in ("double standards", "hypocrisy") for i in items)
    article = client.get(f"/api/articles/{long.id}", params={"run": run}).json()
    assert article["title"] == long.title and article["text"] == long.text
