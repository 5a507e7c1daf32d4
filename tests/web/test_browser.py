"""A real headless Chromium (Debian's, never downloaded) drives the dashboard and the report."""

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
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="no /usr/bin/chromium (apt-get install chromium)"
    ),
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server(built: Any, builder: Any) -> Iterator[str]:
    import uvicorn

    port = _free_port()
    app = create_app(built.path, codebook=builder.codebook())
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
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
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=ARGS
        )
        yield instance
        instance.close()


class Watch:
    """Records a page's requests, console errors and dialogs (an alert would be an XSS)."""

    def __init__(self, page: Any) -> None:
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("dialog", self._dialog)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def assert_clean(self, allowed: tuple[str, ...]) -> None:
        assert self.dialogs == [], self.dialogs
        assert self.errors == [], self.errors
        assert all(url.startswith(allowed) for url in self.requests), self.requests


def _chart_drawn(page: Any, chart_id: str) -> None:
    page.wait_for_selector(f"#{chart_id} svg.main-svg", timeout=20_000)
    assert page.locator(f"#{chart_id} svg, #{chart_id} canvas").count() > 0


def _shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


def test_overview_to_narrative_to_article(browser: Any, server: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    watch = Watch(page)
    page.goto(server + "/")
    _chart_drawn(page, "chart-overall")
    _chart_drawn(page, "chart-outlets")
    _chart_drawn(page, "chart-timeline")
    _shot(page, "dashboard-overview.png")

    page.click("a.narrative-link:text('Western double standards')")
    page.wait_for_url("**/narratives/double-standards**")
    _chart_drawn(page, "chart-timeline")
    _chart_drawn(page, "chart-outlets")
    assert page.locator("li.evidence-item mark").first.inner_text() in {
        "double standards",
        "hypocrisy",
    }
    _shot(page, "dashboard-narrative.png")

    page.select_option("select[name=outlet]", "Sample State Wire")
    page.click("form.filters button")
    page.wait_for_url("**outlet=Sample+State+Wire**")
    assert page.locator("li.evidence-item").count() == 1

    page.click("li.evidence-item a.title")
    page.wait_for_url("**/articles/a000**")
    mark = page.locator(".article-text mark")
    assert mark.count() == 1 and mark.inner_text() == "double standards"
    assert mark.is_visible()
    color = mark.evaluate("m => getComputedStyle(m).backgroundColor")
    assert color not in ("rgba(0, 0, 0, 0)", "transparent")
    _shot(page, "dashboard-article.png")
    watch.assert_clean((server,))
    page.close()


def test_hostile_article_runs_no_script(
    browser: Any, server: str, built: Any, builder: Any
) -> None:
    page = browser.new_page()
    watch = Watch(page)
    for path in (f"/articles/{built.hostile.id}", "/", "/narratives/partners-beyond-west"):
        page.goto(server + path)
        page.wait_for_load_state("networkidle")
    page.goto(server + f"/articles/{built.hostile.id}")
    assert page.inner_text("h2.article-title") == builder.XSS_TITLE
    assert page.inner_text(".article-text") == builder.XSS_TEXT
    assert page.locator("img").count() == 0
    assert page.evaluate("() => document.querySelectorAll('[onerror]').length") == 0
    _shot(page, "dashboard-hostile-article.png")
    watch.assert_clean((server,))
    page.close()


def test_report_renders_offline(browser: Any, built: Any, builder: Any, tmp_path: Path) -> None:
    with Store(built.path, read_only=True) as store:
        out = write_report(store, tmp_path / "report.html", codebook=builder.codebook())
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    watch = Watch(page)
    page.goto(out.as_uri())
    for chart_id in ("chart-overall", "chart-outlets", "chart-timeline"):
        _chart_drawn(page, chart_id)
    assert page.locator("blockquote.evidence-sentence mark").count() >= 5
    _shot(page, "report.png")
    watch.assert_clean((out.as_uri(),))
    page.close()
