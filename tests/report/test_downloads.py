"""CSV downloads in the self-contained report: each chart's plotted values and each table,
made in the page (no network, allowed by the report's CSP), checked in a real Chromium."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest

from narrascope.report import write_report
from narrascope.store import Store

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


def test_report_inlines_the_download_script(demo_db: Path, tmp_path: Path) -> None:
    with Store(demo_db, read_only=True) as store:
        html = write_report(store, tmp_path / "r.html").read_text(encoding="utf-8")
    assert "CSV of the plotted values" in html and "CSV of this table" in html


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium")
def test_every_chart_and_table_downloads_as_csv(demo_db: Path, tmp_path: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    with Store(demo_db, read_only=True) as store:
        out = write_report(store, tmp_path / "report.html")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=ARGS
        )
        page = browser.new_page(accept_downloads=True)
        errors: list[str] = []
        requests: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("request", lambda r: requests.append(r.url))
        page.goto(out.as_uri())
        page.wait_for_selector("#chart-timeline svg.main-svg", timeout=30_000)
        charts = page.locator("script.chart-data").count()
        buttons = page.locator("p.chart-downloads button")
        assert charts > 0 and buttons.count() == charts
        tables = page.locator("p.table-downloads button")
        assert tables.count() == page.locator("table").count()
        timeline = _download(page, "p.chart-downloads[data-chart=chart-timeline] button")
        assert timeline[0][:3] == ["trace", "x", "y"] and len(timeline) > 10
        spec = page.evaluate(
            "() => JSON.parse(document.querySelector("
            "'script.chart-data[data-target=chart-timeline]').textContent)"
        )
        points = sum(len(t.get("x") or []) for t in spec["data"])
        assert len(timeline) - 1 == points  # one row per plotted point, none dropped
        table = _download(page, "p.table-downloads button")
        first = page.locator("table").first.locator("tr")
        assert len(table) == first.count()
        assert errors == []
        assert all(u.startswith(("file:", "blob:", "data:")) for u in requests), requests
        browser.close()


def _download(page: Any, selector: str) -> list[list[str]]:
    with page.expect_download() as info:
        page.locator(selector).first.click()
    text = Path(info.value.path()).read_text(encoding="utf-8")
    return list(csv.reader(io.StringIO(text)))
