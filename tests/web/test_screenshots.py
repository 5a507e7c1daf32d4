"""Screenshots of the report and every dashboard page on the sample corpus, in the real
headless Chromium, each chart checked for overlapping or clipped labels (``tests/artifacts/``;
the guide's copies live in ``docs/img/``)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from narrascope.report import write_report
from narrascope.store import Store
from narrascope.web import create_app

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium"),
]

# every text Plotly draws: titles, axis titles, tick labels, annotations, legend entries
_LABELS = """(root) => {
  const picked = root.querySelectorAll(
    '.gtitle, .g-xtitle text, .g-ytitle text, .xtick text, .ytick text, ' +
    '.annotation-text, .legendtext, .cbtitle text, .cbaxis text');
  const box = root.getBoundingClientRect();
  const rects = [];
  for (const el of picked) {
    const r = el.getBoundingClientRect();
    if (!el.textContent.trim() || r.width === 0) continue;
    rects.push({text: el.textContent, l: r.left, r: r.right, t: r.top, b: r.bottom});
  }
  const overlaps = [];
  for (let i = 0; i < rects.length; i++) {
    for (let j = i + 1; j < rects.length; j++) {
      const a = rects[i], b = rects[j];
      const w = Math.min(a.r, b.r) - Math.max(a.l, b.l);
      const h = Math.min(a.b, b.b) - Math.max(a.t, b.t);
      if (w > 1 && h > 1) overlaps.push(a.text + ' / ' + b.text);
    }
  }
  const clipped = rects.filter(a => a.l < box.left - 1 || a.r > box.right + 1 ||
                                    a.t < box.top - 1 || a.b > box.bottom + 1)
                       .map(a => a.text);
  return {overlaps, clipped, count: rects.length};
}"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The demo (sample corpus, actors on) with two shipped Levada series, and its report."""
    from narrascope.cli.demo import run_demo
    from narrascope.trends.polls import import_polls, levada_path

    folder = tmp_path_factory.mktemp("shots")
    result = run_demo(folder / "sample.duckdb", folder / "first.html")
    with Store(result.db) as store:
        for name in ("levada_attitude_usa.csv", "levada_putin_approval_monthly.csv"):
            import_polls(store, levada_path(name))
    with Store(result.db, read_only=True) as store:
        report = write_report(store, folder / "report.html")
    return Path(result.db), report


@pytest.fixture(scope="module")
def server(sample: tuple[Path, Path]) -> Iterator[str]:
    import uvicorn

    port = _free_port()
    config = uvicorn.Config(create_app(sample[0]), host="127.0.0.1", port=port, log_level="warning")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not instance.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def page(server: str) -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=ARGS
        )
        tab = browser.new_page(viewport={"width": 1280, "height": 900})
        errors: list[str] = []
        tab.on("pageerror", lambda e: errors.append(str(e)))
        yield tab
        browser.close()
        assert errors == []


def _check_charts(page: Any) -> list[str]:
    """Wait for every chart; assert none has overlapping or clipped labels; their ids."""
    ids = [c.get_attribute("id") for c in page.query_selector_all("div.chart")]
    for chart_id in ids:
        page.wait_for_selector(f"#{chart_id} svg.main-svg", timeout=30_000)
    page.wait_for_timeout(300)
    for chart_id in ids:
        found = page.eval_on_selector(f"#{chart_id}", _LABELS)
        assert found["count"] > 0, chart_id
        assert found["overlaps"] == [], (chart_id, found["overlaps"])
        assert found["clipped"] == [], (chart_id, found["clipped"])
    return ids


def _shot(page: Any, name: str, selector: str | None = None) -> None:
    """The element, else the page's first 1,800 pixels (the guide shows them)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    if selector is None:
        height = min(int(page.evaluate("document.body.scrollHeight")), 1800)
        clip = {"x": 0, "y": 0, "width": 1280, "height": height}
        page.screenshot(path=str(ARTIFACTS / name), full_page=True, clip=clip)
    else:
        page.locator(selector).first.screenshot(path=str(ARTIFACTS / name))


def test_report_charts_have_no_overlapping_or_clipped_labels(
    page: Any, sample: tuple[Path, Path]
) -> None:
    page.goto(sample[1].as_uri())
    ids = _check_charts(page)
    assert {"chart-timeline", "chart-voiced", "cmp-0-outlet", "cmp-0-language"} <= set(ids)
    assert any(i.startswith("link-") for i in ids)  # the poll panels
    _shot(page, "report-top.png", "header.top")
    page.evaluate("document.querySelector('nav.toc').style.position = 'static'")
    for section in ("narratives", "timeline", "actors", "validation", "methods"):
        _shot(page, f"report-{section}.png", f"section#{section}")
    for section in ("compare", "polls"):  # their first chart (one narrative)
        _shot(page, f"report-{section}.png", f"section#{section} figure.chart-block")
    assert page.locator("section#validation table.validation tbody tr").count() == 3
    # each evidence sentence shows its hit's stance (the demo extracts quotes)
    items = page.locator("section#evidence li.evidence-item").count()
    assert items > 0 and page.locator("section#evidence span.stance").count() == items
    assert page.locator("section#evidence span.stance-attributed").count() > 0


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("/", "dashboard-overview.png"),
        ("/narratives/indispensable-power", "dashboard-narrative.png"),
        ("/actors", "dashboard-actors.png"),
        ("/polls", "dashboard-polls.png"),
        ("/evidence?narrative=indispensable-power", "dashboard-evidence-list.png"),
        ("/adjudication", "dashboard-adjudication-page.png"),
    ],
)
def test_dashboard_pages_have_no_overlapping_or_clipped_labels(
    page: Any, server: str, path: str, name: str
) -> None:
    page.goto(server + path)
    page.wait_for_load_state("networkidle")
    ids = _check_charts(page)
    assert ids or path.startswith(("/evidence", "/adjudication"))  # lists, no chart
    _shot(page, name)


def test_dashboard_article_page(page: Any, server: str) -> None:
    page.goto(server + "/narratives/indispensable-power")
    page.locator("li.evidence-item a.title").first.click()
    page.wait_for_url("**/articles/**")
    assert page.locator(".article-text mark").count() >= 1
    _shot(page, "dashboard-article.png")
