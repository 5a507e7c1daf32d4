"""``narrascope ingest gdelt | mediacloud | sitemap`` through the CLI against local servers (the
Wayback command is tested in tests/ingest/test_wayback.py), and the ``ingest`` group routing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.ingest._sites import Reply, Site, article_page, running_site
from typer.testing import CliRunner

from narrascope.cli import app
from narrascope.store import Store

pytestmark = pytest.mark.network
DAYS = ["--from", "2018-11-01", "--to", "2018-11-30"]


@pytest.fixture
def site() -> Iterator[Site]:
    with running_site() as running:
        for n in (1, 2):
            body = f"Moscow hosted talks with a Taliban delegation on Afghanistan, report {n}."
            running.serve(f"/news/{n}", article_page(f"Talks {n}", body))
        yield running


def _invoke(tmp_path: Path, site: Site, *args: str, env: dict[str, str] | None = None) -> str:
    config = tmp_path / "narrascope.toml"
    config.write_text(
        f'[fetch]\nrate_per_host = 0.0\nretries = 0\n[sources]\ngdelt_url = "{site.base}/gdelt"\n'
        f'mediacloud_url = "{site.base}/mc/"\n',
        encoding="utf-8",
    )
    db = tmp_path / "s.duckdb"
    result = CliRunner().invoke(
        app, ["--db", str(db), "--config", str(config), "-q", "ingest", *args], env=env
    )
    assert result.exit_code == 0, result.output
    with Store(db, read_only=True) as store:
        assert store.count("articles") == 2
    return result.output


def test_gdelt_command(site: Site, tmp_path: Path) -> None:
    articles = [{"url": f"{site.base}/news/{n}", "seendate": "20181109T120000Z"} for n in (1, 2)]
    site.serve("/gdelt", Reply(json.dumps({"articles": articles}).encode()))
    output = _invoke(tmp_path, site, "gdelt", "Taliban Moscow", "--sourcecountry", "RS", *DAYS)
    assert "gdelt Taliban Moscow sourcecountry:RS" in output
    assert site.queries("/gdelt")[0]["query"] == ["Taliban Moscow sourcecountry:RS"]


def test_mediacloud_command(site: Site, tmp_path: Path) -> None:
    stories = [{"url": f"{site.base}/news/{n}", "publish_date": "2018-11-09"} for n in (1, 2)]
    for story in stories:
        story |= {"indexed_date": None, "title": "t", "media_name": "m"}
    answer = {"stories": stories, "pagination_token": None}
    site.serve("/mc/search/story-list", Reply(json.dumps(answer).encode()))
    output = _invoke(
        tmp_path, site, "mediacloud", "Taliban", "--collection", "7", *DAYS, env={"MC_API_KEY": "k"}
    )
    assert "mediacloud Taliban" in output
    assert site.queries("/mc/search/story-list")[0]["cs"] == ["7"]


def test_sitemap_command(site: Site, tmp_path: Path) -> None:
    rows = "".join(
        f"<url><loc>{site.base}/news/{n}</loc><lastmod>2018-11-0{n}</lastmod></url>" for n in (1, 2)
    )
    body = f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{rows}</urlset>'
    url = site.serve("/sitemap.xml", Reply(body.encode(), content_type="application/xml"))
    assert f"sitemap {url}" in _invoke(tmp_path, site, "sitemap", url, *DAYS)


def test_ingest_without_a_source_name_is_the_file_ingest(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"text": "Talks in Moscow went on.", "title": "T"}) + "\n")
    db = tmp_path / "s.duckdb"
    runner = CliRunner()
    result = runner.invoke(app, ["--db", str(db), "-q", "ingest", str(corpus), "--language", "en"])
    assert result.exit_code == 0, result.output
    helped = runner.invoke(app, ["ingest", "--help"], env={"COLUMNS": "80"})
    assert "SOURCES" in helped.output.upper() and "wayback" in helped.output
    assert all(len(line) <= 80 for line in helped.output.splitlines())
