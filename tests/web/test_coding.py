"""The adjudication page: disagreements listed, adjudicated codes stored (TestClient and a real
headless Chromium), read-only unless started with ``coding=True``, cross-site posts refused."""

from __future__ import annotations

import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from narrascope.records import Annotation
from narrascope.store import Store
from narrascope.validation.coding_sheet import source_key
from narrascope.web import create_app

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


@pytest.fixture
def coded(built: Any, builder: Any, tmp_path: Path) -> Path:
    """A copy of the result store with two coders who disagree on a000, a001 and a099."""
    path = tmp_path / "coded.duckdb"
    shutil.copy(built.path, path)
    ann = {"a000": ["double-standards"], "a001": ["indispensable-power"], "a002": [],
           "a099": ["partners-beyond-west"]}  # fmt: skip
    bob = {"a000": [], "a001": ["indispensable-power", "double-standards"], "a002": [],
           "a099": ["double-standards"]}  # fmt: skip
    with Store(path) as store:
        for coder, codes in (("ann", ann), ("bob", bob)):
            rows = [
                Annotation(aid, label, coder)
                for aid, labels in codes.items()
                for label in labels or ["-"]
            ]
            store.write_annotations(rows, source_key("b1", coder))
    return path


def test_page_lists_each_disagreement_with_each_coders_codes(coded: Path, builder: Any) -> None:
    with TestClient(create_app(coded, codebook=builder.codebook())) as client:
        page = client.get("/adjudication")
    assert page.status_code == 200
    items = re.findall(r'data-item="([^"]+)"', page.text)
    assert items == ["a000", "a001", "a099"]  # a002: both said "no narrative"
    assert "read-only" in page.text and '<form method="post"' not in page.text
    assert "<script>alert" not in page.text  # the hostile article's text is escaped


def test_post_needs_a_coding_dashboard(coded: Path, builder: Any) -> None:
    with TestClient(create_app(coded, codebook=builder.codebook())) as client:
        refused = client.post("/adjudication", data={"article_id": "a000"})
    assert refused.status_code == 403 and "serve --coding" in refused.text


def test_post_stores_the_adjudicated_code_and_checks_input(coded: Path, builder: Any) -> None:
    app = create_app(coded, codebook=builder.codebook(), coding=True)
    with TestClient(app) as client:
        ok = client.post(
            "/adjudication",
            data={"article_id": "a001", "narrative": ["indispensable-power"], "run": ""},
            follow_redirects=False,
        )
        assert ok.status_code == 303 and ok.headers["location"].endswith("#item-a001")
        again = client.post("/adjudication", data={"article_id": "a000"}, follow_redirects=False)
        assert again.status_code == 303  # nothing ticked: "no narrative"
        bad = client.post("/adjudication", data={"article_id": "a000", "narrative": "made-up"})
        assert bad.status_code == 422 and "indispensable-power" in bad.text
        assert client.post("/adjudication", data={"article_id": "zzz"}).status_code == 404
        xsite = client.post(
            "/adjudication", data={"article_id": "a000"}, headers={"origin": "https://evil.test"}
        )
        assert xsite.status_code == 403
        sandboxed = client.post(
            "/adjudication",
            data={"article_id": "a000"},
            headers={"origin": "null", "sec-fetch-site": "cross-site"},
        )
        assert sandboxed.status_code == 403
        page = client.get("/adjudication", params={"open_only": "true"}).text
        assert re.findall(r'data-item="([^"]+)"', page) == ["a099"]
    with Store(coded, read_only=True) as store:
        frame = store.annotations("adjudicated")
    assert sorted(zip(frame["article_id"], frame["label"], strict=True)) == [
        ("a000", "-"),
        ("a001", "indispensable-power"),
    ]
    assert set(frame["source"]) == {"adjudication"}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def coding_server(coded: Path, builder: Any) -> Iterator[str]:
    import uvicorn

    port = _free_port()
    app = create_app(coded, codebook=builder.codebook(), coding=True)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium")
def test_adjudicate_in_chromium(coding_server: str, coded: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=ARGS
        )
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        errors: list[str] = []
        dialogs: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(coding_server + "/adjudication")
        item = page.locator("article.disagreement[data-item=a099]")
        assert item.locator("td.codes-ann").inner_text().strip() != ""
        assert "Western double standards" in item.locator("td.codes-bob").inner_text()
        assert item.locator("tr.adjudicated").inner_text().endswith("not yet")
        item.locator("input[name=narrative][value=double-standards]").check()
        item.locator("button[type=submit]").click()
        page.wait_for_url("**/adjudication**#item-a099")
        item = page.locator("article.disagreement[data-item=a099]")
        assert "Western double standards" in item.locator("tr.adjudicated").inner_text()
        assert item.locator("input[value=double-standards]").is_checked()
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "dashboard-adjudication.png"), full_page=True)
        # the overview's charts lead to their sentences: click a bar of the overall chart
        page.goto(coding_server + "/")
        page.wait_for_selector("#chart-overall svg.main-svg", timeout=20_000)
        links = page.locator("p.evidence-links[data-chart=chart-overall] a")
        assert links.first.inner_text() == "Sentences behind this chart"
        assert page.locator("p.chart-downloads button.csv-download").count() >= 3
        with page.expect_download() as info:
            page.locator("p.chart-downloads[data-chart=chart-overall] button").click()
        assert info.value.suggested_filename == "chart-overall.csv"
        lines = Path(info.value.path()).read_text(encoding="utf-8").splitlines()
        assert lines[0].startswith("trace,") and len(lines) > 1
        bar = page.locator("#chart-overall g.point path").first
        bar.evaluate("el => el.scrollIntoView({block: 'center'})")
        box = bar.bounding_box()
        assert box is not None
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)  # real click
        page.wait_for_url("**/evidence?**narrative=**")
        assert page.locator("table.evidence-table tbody tr mark").count() >= 1
        page.screenshot(path=str(ARTIFACTS / "dashboard-evidence.png"), full_page=True)
        assert errors == [] and dialogs == []
        browser.close()
    with Store(coded) as store:  # the server still holds it open for writing: same mode
        frame = store.annotations("adjudicated")
    assert list(zip(frame["article_id"], frame["label"], strict=True)) == [
        ("a099", "double-standards")
    ]
