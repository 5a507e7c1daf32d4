"""Poll linkage in the report: the linkage modules' figures when there is enough data."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from narrascope.records import Article, ArticleLabel, Hit, PollPoint, Sentence
from narrascope.report.linkage import linkage_charts
from narrascope.report.model import Narratives, run_summary
from narrascope.store import Store


def _monthly_store(path: Path) -> None:
    """24 months of articles; the share of double-standards rises and the poll follows it."""
    articles, sentences, hits, labels, polls = [], [], [], [], []
    for m in range(24):
        day = date(2017 + m // 12, m % 12 + 1, 10)
        for k in range(6):
            aid = f"m{m:02d}{k}"
            text = "Washington shows double standards." if k < 1 + m % 5 else "Nothing here."
            stamp = datetime(day.year, day.month, day.day, tzinfo=UTC)
            articles.append(
                Article(aid, None, "Wire", "en", stamp, "t", text, None, aid, stamp, "test", aid)
            )
            sentences.append(Sentence(aid, 0, 0, len(text), text))
            if "double" in text:
                hits.append(Hit(aid, 0, 19, 35, "double-standards", "lexicon", 1.0))
                labels.append(ArticleLabel(aid, "double-standards", "lexicon", 1.0, 1, 1))
        polls.append(PollPoint("attitude-usa", "Attitude", "Negative", day, 40.0 + 3 * (m % 5)))
    with Store(path) as store:
        store.write_articles(articles, sentences)
        store.start_run("r", {"detectors": ["lexicon"]})
        store.write_results("r", hits, labels)
        store.finish_run("r", len(articles))
        store.write_polls(polls)


def test_linkage_uses_the_linkage_modules(tmp_path: Path, builder: ModuleType) -> None:
    pytest.importorskip("narrascope.trends.polls")
    pytest.importorskip("narrascope.report.plots")
    _monthly_store(tmp_path / "monthly.duckdb")
    with Store(tmp_path / "monthly.duckdb", read_only=True) as store:
        summary = run_summary(store, "r")
        names = Narratives.build(builder.codebook(), summary.narratives)
        charts, note = linkage_charts(store, "r", names, summary)
    assert note == ""
    ids = [c.id for c in charts]
    assert "link-0-0-overlay" in ids and "link-0-0-ccf" in ids, ids
    ccf = next(c for c in charts if c.id == "link-0-0-ccf")
    assert ccf.note  # link()'s plain-language summary
    assert all(hasattr(c.spec, "to_plotly_json") or isinstance(c.spec, dict) for c in charts)


def test_too_few_points_fall_back_to_a_plain_overlay(built: Any, builder: ModuleType) -> None:
    with Store(built.path, read_only=True) as store:
        summary = run_summary(store, built.run_id)
        names = Narratives.build(builder.codebook(), summary.narratives)
        charts, _ = linkage_charts(store, built.run_id, names, summary)
    assert [c.id for c in charts] == ["link-0-overlay", "link-1-overlay", "link-2-overlay"]


def test_report_embeds_the_linkage_figures(tmp_path: Path, builder: ModuleType) -> None:
    import json

    from bs4 import BeautifulSoup

    from narrascope.report import write_report

    pytest.importorskip("narrascope.report.plots")
    _monthly_store(tmp_path / "monthly.duckdb")
    with Store(tmp_path / "monthly.duckdb", read_only=True) as store:
        out = write_report(store, tmp_path / "r.html", codebook=builder.codebook())
    soup = BeautifulSoup(out.read_text(encoding="utf-8"), "html.parser")
    blocks = {b["data-target"]: json.loads(b.string) for b in soup.select("script.chart-data")}
    overlay = blocks["link-0-0-overlay"]
    assert str(overlay["data"][0]["x"]).startswith(("2017", "{'dtype'", "['2017"))
    assert "link-0-0-ccf" in blocks
