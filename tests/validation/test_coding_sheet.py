"""Coding sheets: blind CSV and HTML, reading back with clear errors, the sentence rule."""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from pathlib import Path

import pytest
from tests.conftest import make_article

from narrascope.codebook import parse_codebook
from narrascope.errors import InputError
from narrascope.records import ArticleLabel, Hit
from narrascope.text import segment
from narrascope.validation.annotations import NO_LABEL, load_gold
from narrascope.validation.coding_sheet import (
    import_sheet,
    is_coding_sheet,
    sheet_frame,
    write_sheet_csv,
    write_sheet_html,
)
from narrascope.validation.sampling import draw_sample, parse_by

CODEBOOK = parse_codebook(
    """
id: mini
label: Mini
languages: [en]
narratives:
  - id: indispensable-power
    label: Russia is indispensable
  - id: double-standards
    label: Double standards
"""
)
NARRATIVES = ["indispensable-power", "double-standards"]


@pytest.fixture
def stored(store):  # type: ignore[no-untyped-def]
    arts = [
        make_article(
            f"Story {i} began. Russia is indispensable, said envoy {i}. Rain fell.",
            outlet="Wire" if i % 2 else "Daily",
            published_at=datetime(2019, 1 + i % 2, 5, tzinfo=UTC),
            url=f"u{i}",
        )
        for i in range(8)
    ]
    store.write_articles(arts, [s for a in arts for s in segment(a.id, a.text, a.language)])
    store.start_run("r1", {})
    hits = [Hit(a.id, 1, 0, 5, "indispensable-power", "lexicon", 0.9, "SECRET") for a in arts]
    labels = [ArticleLabel(h.article_id, h.narrative, h.detector, 0.9, 1, 3) for h in hits]
    store.write_results("r1", hits, labels)
    store.finish_run("r1", len(arts))
    return store


def _sheet(store, tmp_path: Path, unit: str = "article") -> Path:  # type: ignore[no-untyped-def]
    drawn = draw_sample(store, n=6, unit=unit, by=parse_by("outlet,score-band"), seed=7)
    frame = sheet_frame(drawn, NARRATIVES)
    path = write_sheet_csv(frame, tmp_path / f"{unit}.csv")
    write_sheet_html(frame, tmp_path / f"{unit}.html", CODEBOOK, NARRATIVES)
    return path


def _fill(path: Path, out: Path, codes: dict[int, dict[str, str]], **extra: str) -> Path:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for i, row in enumerate(rows):
        row.update(codes.get(i, {}))
        row.update(extra)
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return out


def test_sheet_is_blind_and_self_contained(stored, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = _sheet(stored, tmp_path)
    header = path.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header[:7] == ["item_id", "article_id", "outlet", "date", "language", "title", "text"]
    assert header[7:] == [*NARRATIVES, "coder", "notes"]
    for name in ("article.csv", "article.html"):
        text = (tmp_path / name).read_text(encoding="utf-8")
        assert "SECRET" not in text and "lexicon" not in text and "0.9" not in text
        assert "band" not in text.split("\n")[0]
    html = (tmp_path / "article.html").read_text(encoding="utf-8")
    assert "http://" not in html and "https://" not in html.replace("u0", "")
    assert "<script src" not in html and "<link" not in html
    assert is_coding_sheet(path)


def test_import_reads_codes_and_skips_blank_rows(stored, tmp_path) -> None:  # type: ignore[no-untyped-def]
    sheet = _sheet(stored, tmp_path)
    filled = _fill(
        sheet,
        tmp_path / "ann.csv",
        {0: {"indispensable-power": "1", "double-standards": "0"}, 1: {"double-standards": "0"}},
    )
    result = import_sheet(stored, filled, CODEBOOK, coder="ann", batch="b1")
    assert len(result.items) == 2 and result.blank_rows == 4
    frame = stored.annotations("ann")
    assert sorted(frame["label"]) == sorted(["indispensable-power", NO_LABEL])
    assert set(frame["source"]) == {"coding-sheet batch=b1 coder=ann"}
    again = import_sheet(stored, filled, CODEBOOK, coder="ann", batch="b1")  # replaces
    assert again.stored == 2 and len(stored.annotations("ann")) == 2


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        ({"indispensable-power": "yes"}, r"bad.csv:2: column 'indispensable-power' holds 'yes'"),
        (
            {"article_id": "no-such-article", "double-standards": "1"},
            r"bad.csv:2: article 'no-such-article' is not in the store",
        ),
    ],
)
def test_bad_cells_name_row_and_column(stored, tmp_path, edit, message) -> None:  # type: ignore[no-untyped-def]
    filled = _fill(_sheet(stored, tmp_path), tmp_path / "bad.csv", {0: edit})
    with pytest.raises(InputError, match=message):
        import_sheet(stored, filled, CODEBOOK, coder="ann")


def test_unknown_narrative_column_lists_the_valid_ones(stored, tmp_path) -> None:  # type: ignore[no-untyped-def]
    sheet = _sheet(stored, tmp_path)
    text = sheet.read_text(encoding="utf-8").replace("double-standards", "made-up", 1)
    bad = tmp_path / "renamed.csv"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=r"'made-up'.*valid narrative ids: indispensable-power"):
        import_sheet(stored, bad, CODEBOOK, coder="ann")


def test_duplicated_items_are_refused(stored, tmp_path) -> None:  # type: ignore[no-untyped-def]
    sheet = _sheet(stored, tmp_path)
    lines = sheet.read_text(encoding="utf-8").splitlines(keepends=True)
    dup = tmp_path / "dup.csv"
    dup.write_text("".join([*lines, lines[1]]), encoding="utf-8")
    with pytest.raises(InputError, match=r"appears twice \(rows 2 and 8\)"):
        import_sheet(stored, dup, CODEBOOK, coder="ann")


def test_coded_row_needs_a_coder(stored, tmp_path) -> None:  # type: ignore[no-untyped-def]
    filled = _fill(_sheet(stored, tmp_path), tmp_path / "x.csv", {2: {"double-standards": "1"}})
    with pytest.raises(InputError, match=r"x.csv:4: coded row without a coder"):
        import_sheet(stored, filled, CODEBOOK)


def test_sentence_rejection_never_becomes_an_article_level_no(stored, tmp_path) -> None:  # type: ignore[no-untyped-def]
    sheet = _sheet(stored, tmp_path, unit="sentence")
    rows = list(csv.DictReader(sheet.open(encoding="utf-8", newline="")))
    filled = _fill(sheet, tmp_path / "s.csv", {0: {"indispensable-power": "0"}}, coder="ann")
    import_sheet(stored, filled, CODEBOOK)
    stored_rows = stored.annotations("ann")
    assert list(stored_rows["label"]) == [NO_LABEL]
    assert int(stored_rows["sentence_index"].iloc[0]) == int(rows[0]["sentence_index"])
    gold = load_gold(stored, CODEBOOK)
    assert rows[0]["article_id"] not in gold.articles.get("ann", {})  # not "coded: nothing"
    key = (rows[0]["article_id"], int(rows[0]["sentence_index"]))
    assert gold.sentences["ann"][key] == set()
    # only an explicit article-level code says "no narrative" for the article
    article_sheet = _sheet(stored, tmp_path)
    arows = list(csv.DictReader(article_sheet.open(encoding="utf-8", newline="")))
    filled = _fill(article_sheet, tmp_path / "a.csv", {0: {"double-standards": "0"}}, coder="bo")
    import_sheet(stored, filled, CODEBOOK)
    assert load_gold(stored, CODEBOOK).articles["bo"][arows[0]["article_id"]] == set()


CHROMIUM = Path("/usr/bin/chromium")


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium")
def test_html_form_codes_offline_and_its_csv_imports(stored, tmp_path) -> None:  # type: ignore[no-untyped-def]
    sync_api = pytest.importorskip("playwright.sync_api")
    _sheet(stored, tmp_path)
    form = tmp_path / "article.html"
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page(accept_downloads=True)
        requests: list[str] = []
        errors: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(form.as_uri())
        items = page.locator("section.item")
        assert items.count() == 6
        items.nth(0).locator("input[data-narrative=indispensable-power]").check()
        items.nth(1).locator("input[data-narrative=none]").check()
        items.nth(1).locator("textarea").fill("quoted, not endorsed")
        assert page.inner_text("#progress") == "2 of 6 coded"
        page.fill("#coder", "cleo")
        with page.expect_download() as info:
            page.click("#download")
        filled = tmp_path / "filled-by-form.csv"
        info.value.save_as(filled)
        browser.close()
    assert errors == [] and all(u.startswith("file:") for u in requests), requests
    result = import_sheet(stored, filled, CODEBOOK, batch="form")
    assert result.coders == ["cleo"] and len(result.items) == 2 and result.blank_rows == 4
    frame = stored.annotations("cleo")
    assert sorted(frame["label"]) == sorted(["indispensable-power", NO_LABEL])
