"""The stance of hits in the store: stored, listed, filtered and counted (store and CLI)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from tests.conftest import make_article
from typer.testing import CliRunner

from narrascope.cli import app
from narrascope.errors import UsageError
from narrascope.records import ArticleLabel, Hit
from narrascope.store import Store, check_stances
from narrascope.text import segment

RUN = "run-stance"
STANCES = ["asserted", "attributed", "rejected", None]  # None: a hit of a run without actors


def _store(path: Path) -> Path:
    """Eight articles, two of each stance, one double-standards hit each."""
    day = datetime(2018, 11, 1, 12, tzinfo=UTC)
    articles = [
        make_article(f"Double standards again, item {i}.", published_at=day + timedelta(days=i))
        for i in range(8)
    ]
    hits = [
        Hit(a.id, 0, 0, 16, "ds", "lexicon", 1.0, "Double standards", stance=STANCES[i % 4])
        for i, a in enumerate(articles)
    ]
    hits[1] = replace(hits[1], speaker="Lavrov", actor_id="lavrov")
    labels = [ArticleLabel(h.article_id, "ds", "lexicon", 1.0, 1, 1) for h in hits]
    with Store(path) as store:
        store.write_articles(articles, [s for a in articles for s in segment(a.id, a.text, "en")])
        store.start_run(RUN, {"detectors": ["lexicon"], "parents": {"ds": None}})
        store.write_results(RUN, hits, labels)
        store.finish_run(RUN, len(articles))
    return path


def test_stances_are_stored_listed_and_filtered(tmp_path: Path) -> None:
    with Store(_store(tmp_path / "s.duckdb"), read_only=True) as store:
        listed = store.hits_listing(RUN)
        assert sorted(listed["stance"].value_counts().items()) == [
            ("asserted", 2),
            ("attributed", 2),
            ("rejected", 2),
            ("undecided", 2),
        ]
        voiced = store.hits_listing(RUN, stances=["attributed"])
        assert set(voiced["stance"]) == {"attributed"} and "lavrov" in set(voiced["actor_id"])
        kept = store.hits_listing_count(RUN, stances=["asserted", "attributed"])
        assert kept == 4
        counts = store.period_narrative_counts(RUN, "month", stances=["rejected"])
        assert int(counts["n_hits"].sum()) == int(counts["n_labelled"].sum()) == 2
        everything = store.period_narrative_counts(RUN, "month")
        assert int(everything["n_hits"].sum()) == 8


def test_stance_names_are_checked() -> None:
    assert check_stances(["asserted,Attributed"]) == ["asserted", "attributed"]
    assert check_stances(None) is None
    with pytest.raises(UsageError, match="rejectd"):
        check_stances(["rejectd"])


def test_cli_hits_and_trends_filter_by_stance_and_say_which(tmp_path: Path) -> None:
    db = str(_store(tmp_path / "s.duckdb"))
    runner = CliRunner()
    env = {"COLUMNS": "200"}
    out = runner.invoke(app, ["--db", db, "hits", "--format", "json", "--stance", "rejected"])
    assert out.exit_code == 0, out.output
    assert out.stdout.count('"stance":"rejected"') == 2 and "asserted" not in out.stdout
    table = runner.invoke(app, ["--db", db, "hits", "--stance", "asserted,attributed"], env=env)
    assert table.exit_code == 0 and "stances: asserted, attributed" in table.output
    trends = runner.invoke(app, ["--db", db, "trends", "--stance", "attributed"], env=env)
    assert trends.exit_code == 0, trends.output
    assert "stances: attributed" in trends.output
    default = runner.invoke(app, ["--db", db, "trends"], env=env)
    assert "stances: all" in default.output
    bad = runner.invoke(app, ["--db", db, "hits", "--stance", "quoted"])
    assert bad.exit_code != 0 and "quoted" in bad.output
