"""Linking hits to quoted speakers in the store, and the `actors` / `quotes` commands."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pytest
from tests.conftest import make_article
from typer.testing import CliRunner, Result

from narrascope.actors import ActorExtractor
from narrascope.actors.quotes import QuoteExtractor
from narrascope.cli import app
from narrascope.errors import UsageError
from narrascope.records import Article, ArticleLabel, Hit
from narrascope.store import Store
from narrascope.text import segment

TEXTS = [
    (
        "Sample State Wire",
        "en",
        datetime(2018, 11, 9, tzinfo=UTC),
        '"Washington applies double standards in Afghanistan," Zakharova said. '
        "Lavrov met Khalilzad. Kabulov said that Moscow was an indispensable power in the region.",
    ),
    (
        "Sample State TV",
        "ru",
        datetime(2018, 12, 3, tzinfo=UTC),
        "«Россия и Индия — партнеры в многополярном мире», — заявил Лавров. "
        "Захарова говорила о двойных стандартах на брифинге.",
    ),
]
CUES = {
    "double standards": "double-standards",
    "indispensable power": "indispensable-power",
    "многополярном мире": "partners-beyond-west",
    "двойных стандартах": "double-standards",
}


def _hits(article: Article) -> list[Hit]:
    sentences = segment(article.id, article.text, article.language)
    out = []
    for phrase, narrative in CUES.items():
        start = article.text.find(phrase)
        if start >= 0:
            k = next(s.index for s in sentences if s.start <= start < s.end)
            out.append(
                Hit(article.id, k, start, start + len(phrase), narrative, "lexicon", 1.0, phrase)
            )
    return out


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "actors.duckdb"
    articles = [
        make_article(text, outlet=outlet, language=lang, published_at=when)
        for outlet, lang, when, text in TEXTS
    ]
    with Store(path) as store:
        sentences = [s for a in articles for s in segment(a.id, a.text, a.language)]
        store.write_articles(articles, sentences)
        store.start_run("r1", {"detectors": ["lexicon"]})
        for article in articles:
            sents = [s for s in sentences if s.article_id == article.id]
            mentions = ActorExtractor().extract(article, sents, only_sentences=set())
            hits = _hits(article)
            labels = [ArticleLabel(article.id, h.narrative, "lexicon", 1.0, 1, 1) for h in hits]
            quotes = QuoteExtractor().extract(article, sents, mentions)
            store.write_results("r1", hits, labels, mentions, quotes)
        store.finish_run("r1", len(articles))
    return path


def test_voiced_narratives_joins_hits_to_quotes_by_the_stance_rule(db: Path) -> None:
    with Store(db, read_only=True) as store:
        frame = store.voiced_narratives("r1")
    voiced = sorted(zip(frame["speaker"], frame["narrative"], frame["kind"], strict=True))
    assert voiced == [
        ("kabulov", "indispensable-power", "reported"),
        ("lavrov", "partners-beyond-west", "direct"),
        ("zakharova", "double-standards", "direct"),
        # «Захарова говорила о двойных стандартах»: the hit is her reported speech's content
        ("zakharova", "double-standards", "reported"),
    ]
    # at least half of the shorter of hit and quote overlap (as the stance rule asks)
    overlap = frame[["hit_end", "quote_end"]].min(axis=1) - frame[["hit_start", "quote_start"]].max(
        axis=1
    )
    shorter = pd.concat(
        [frame["hit_end"] - frame["hit_start"], frame["quote_end"] - frame["quote_start"]], axis=1
    ).min(axis=1)
    assert (overlap > 0).all() and (2 * overlap >= shorter).all()
    with Store(db, read_only=True) as store:
        only = store.voiced_narratives("r1", speaker=["Zakharova"], narrative="double-standards")
    assert list(only["speaker"]) == ["zakharova", "zakharova"]


def test_actor_summary_by_outlet_and_month(db: Path) -> None:
    with Store(db, read_only=True) as store:
        overall = store.actor_summary("r1").set_index("actor")
        by_outlet = store.actor_summary("r1", by="outlet")
        by_month = store.actor_summary("r1", by="month", limit=2)
    assert overall.loc["zakharova", "mentions"] == 2
    assert overall.loc["zakharova", "quotes"] == 2  # the direct quote and «говорила о …»
    assert overall.loc["zakharova", "narratives"] == "double-standards (2)"
    assert overall.loc["lavrov", "narratives"] == "partners-beyond-west (1)"
    assert set(by_outlet["grp"]) == {"Sample State Wire", "Sample State TV"}
    assert set(by_month["grp"]) == {"2018-11", "2018-12"}
    assert by_month.groupby("grp").size().max() <= 2
    with Store(db, read_only=True) as store, pytest.raises(UsageError):
        store.actor_summary("r1", by="weekday")


def test_quotes_of_with_evidence(db: Path) -> None:
    with Store(db, read_only=True) as store:
        lavrov = store.quotes_of(["lavrov"], "r1")
        none = store.quotes_of("lavrov", "r1", narrative="double-standards")
    assert list(lavrov["narratives"]) == ["partners-beyond-west"]
    assert list(lavrov["evidence"]) == ["многополярном мире"]
    assert none.empty


def run(db: Path, *args: str) -> Result:
    """Invoke the CLI on ``db`` with a wide console (rich wraps tables to the width)."""
    return CliRunner().invoke(app, [*args, "--db", str(db)], env={"COLUMNS": "250"})


def test_cli_actors(db: Path) -> None:
    result = run(db, "actors")
    assert result.exit_code == 0, result.output
    assert "zakharova" in result.output and "Maria Zakharova" in result.output
    by_month = run(db, "actors", "--by", "month")
    assert by_month.exit_code == 0 and "2018-12" in by_month.output
    bad = run(db, "actors", "--by", "weekday")
    assert bad.exit_code == UsageError.exit_code


def test_cli_quotes_by_alias_and_narrative(db: Path) -> None:
    result = run(db, "quotes", "--actor", "Лавров")
    assert result.exit_code == 0, result.output
    assert "partners-beyond-west" in result.output and "многополярном мире" in result.output
    filtered = run(db, "quotes", "--actor", "zakharova", "--narrative", "double-standards")
    assert filtered.exit_code == 0 and "double-standards" in filtered.output
    empty = run(db, "quotes", "--actor", "Trump")
    assert empty.exit_code == 0 and "no quotes" in empty.output


@pytest.fixture
def kwic(tmp_path: Path) -> Path:
    from tests.store.test_listing import kwic_store

    return kwic_store(tmp_path / "kwic.duckdb", n=57, undated=1)


def test_hits_exports_every_row_and_the_table_says_when_it_is_cut(kwic: Path) -> None:
    csv = run(kwic, "hits", "--narrative", "double-standards", "--exact", "--format", "csv")
    assert csv.exit_code == 0, csv.output
    assert len(csv.stdout.strip().splitlines()) == 1 + 58
    data = run(kwic, "hits", "--format", "json")
    assert data.exit_code == 0 and len(json.loads(data.stdout)) == 116
    table = run(kwic, "hits", "--narrative", "double-standards", "--exact")
    assert table.exit_code == 0, table.output
    assert "50 of 58 hits; use --limit N or --format csv" in table.output
    limited = run(kwic, "hits", "--format", "csv", "--limit", "5")
    assert len(limited.stdout.strip().splitlines()) == 6 and "5 of 116 hits" in limited.stderr


def test_hits_lists_undated_articles_and_refuses_impossible_days(kwic: Path) -> None:
    result = run(kwic, "hits", "--outlet", "Sample State TV")
    assert result.exit_code == 0, result.output
    assert "(undated)" in result.output
    bad = run(kwic, "hits", "--from", "2018-11-31")
    assert bad.exit_code == UsageError.exit_code
    assert "'2018-11-31'" in bad.output and "YYYY-MM-DD" in bad.output
    assert "Traceback" not in bad.output


def test_unknown_narrative_or_outlet_is_an_error_listing_the_valid_ones(kwic: Path) -> None:
    typo = run(kwic, "hits", "--narrative", "double-standard")
    assert typo.exit_code == UsageError.exit_code
    assert "valid: double-standards" in " ".join(typo.output.split())
    outlet = run(kwic, "hits", "--outlet", "Sample State")
    assert outlet.exit_code == UsageError.exit_code and "Sample State TV" in outlet.output
    any_case = run(kwic, "hits", "--outlet", "sample state tv", "--format", "csv")
    assert any_case.exit_code == 0 and len(any_case.stdout.strip().splitlines()) == 3
    quotes = run(kwic, "quotes", "--actor", "lavrov", "--narrative", "acuses-others")
    assert quotes.exit_code == UsageError.exit_code and "accuses-others" in quotes.output


def test_quotes_of_a_narrative_include_its_sub_narratives_unless_exact(kwic: Path) -> None:
    parent = run(kwic, "quotes", "--actor", "lavrov", "--narrative", "double-standards")
    assert parent.exit_code == 0 and "accuses-others" in parent.output
    exact = run(kwic, "quotes", "--actor", "lavrov", "--narrative", "quiet-narrative", "--exact")
    assert exact.exit_code == 0 and "no quotes" in exact.output


def test_hits_csv_guards_formula_cells_unless_raw(tmp_path: Path) -> None:
    from tests.store.test_listing import TEXT, kwic_store

    evil = make_article(f"{TEXT} Evil.", title="=HYPERLINK(1)", outlet="\t=1+1")
    path = kwic_store(tmp_path / "evil.duckdb", n=1, extra=[evil])
    guarded = run(path, "hits", "--format", "csv", "--outlet", "\t=1+1").stdout
    assert "'=HYPERLINK(1)" in guarded and "'\t=1+1" in guarded
    raw = run(path, "hits", "--format", "csv", "--raw-csv").stdout
    assert ",=HYPERLINK(1)," in raw
