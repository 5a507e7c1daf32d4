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
from narrascope.records import Article, ArticleLabel, Hit, Quote
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


def test_voiced_counts_and_top_quotes_follow_the_stance_rule(tmp_path: Path) -> None:
    """A sentence-wide hit around a quote is voiced by its speaker; a rejected one is not."""
    text = 'Lavrov said: "The West shows double standards." Kabul denied double standards.'
    article = make_article(text)
    sentences = segment(article.id, text, "en")
    first, second = sentences[0], sentences[1]
    q0 = text.index('"')
    quote = Quote(
        article.id,
        "Lavrov",
        "said",
        q0,
        text.index('"', q0 + 1) + 1,
        first.start,
        first.end,
        "direct",
        text[q0 : text.index('"', q0 + 1) + 1],
        actor_id="lavrov",
    )
    wide = Hit(article.id, 0, first.start, first.end, "ds", "embedding", 0.9, stance="attributed")
    wide = replace(wide, speaker="Lavrov", actor_id="lavrov")
    rejected = Hit(
        article.id, 1, second.start, second.end, "ds", "embedding", 0.8, stance="rejected"
    )
    label = ArticleLabel(article.id, "ds", "embedding", 0.9, 2, 2)
    with Store(tmp_path / "v.duckdb") as store:
        store.write_articles([article], sentences)
        store.start_run(RUN, {"detectors": ["embedding"], "parents": {"ds": None}})
        store.write_results(RUN, [wide, rejected], [label], quotes=[quote])
        store.finish_run(RUN, 1)
        voiced = store.speaker_narrative_counts(RUN)
        top = store.top_quotes(RUN)
    assert voiced[["actor", "narrative", "hits"]].values.tolist() == [["lavrov", "ds", 1]]
    assert top["actor"].tolist() == ["lavrov"] and int(top["hits"].iloc[0]) == 1


def _colon_quote(article: Article, speaker: str, key: str) -> Quote:
    """The quotation after "X said: " that ends ``article``, by ``speaker`` of actor ``key``."""
    text = article.text
    q0 = text.index(":") + 2
    return Quote(
        article.id, speaker, "said", q0, len(text) - 1, 0, len(text), "direct", text[q0:-1],
        actor_key=key,
    )  # fmt: skip


def _stored(path: Path, articles: list[Article], hits: list[Hit], quotes: list[Quote]) -> Store:
    """A store holding ``articles`` and one finished run of ``hits`` and ``quotes``."""
    labels = [ArticleLabel(h.article_id, h.narrative, "lexicon", 1.0, 1, 1) for h in hits]
    store = Store(path)
    store.write_articles(articles, [s for a in articles for s in segment(a.id, a.text, "en")])
    store.start_run(RUN, {"detectors": ["lexicon"], "parents": {"ds": None}})
    store.write_results(RUN, hits, labels, quotes=quotes)
    store.finish_run(RUN, len(articles))
    return store


def test_voiced_counts_merge_one_speaker_across_scripts(tmp_path: Path) -> None:
    """Quotes of "Viktor Loginov" and «Виктор Логинов» share an actor key: one speaker."""
    en = make_article('Viktor Loginov said: "The West shows double standards."')
    ru = make_article("Виктор Логинов заявил: «Запад демонстрирует двойные стандарты».")
    quotes = [_colon_quote(en, "Viktor Loginov", "~loginov.v")]
    quotes.append(_colon_quote(ru, "Виктор Логинов", "~loginov.v"))
    hits = [
        Hit(q.article_id, 0, q.char_start, q.char_end, "ds", "lexicon", 1.0, stance="attributed")
        for q in quotes
    ]
    hits = [replace(h, speaker=q.speaker) for h, q in zip(hits, quotes, strict=True)]
    with _stored(tmp_path / "m.duckdb", [en, ru], hits, quotes) as store:
        voiced = store.speaker_narrative_counts(RUN)
    assert voiced[["narrative", "hits", "articles"]].values.tolist() == [["ds", 2, 2]]
    assert voiced["actor"].iloc[0] in {"Viktor Loginov", "Виктор Логинов"}


def test_quotes_of_a_name_include_the_same_actor_in_another_script(tmp_path: Path) -> None:
    """``quotes --actor "Виктор Логинов"`` also lists the quotes of "Viktor Loginov"."""
    en = make_article('Viktor Loginov said: "Moscow is the only venue."')
    ru = make_article("Виктор Логинов заявил: «Москва — единственная площадка».")
    other = make_article('Anna Petrova said: "Nothing new."')
    quotes = [
        _colon_quote(en, "Viktor Loginov", "~loginov.v"),
        _colon_quote(ru, "Виктор Логинов", "~loginov.v"),
        _colon_quote(other, "Anna Petrova", "~petrova.a"),
    ]
    with _stored(tmp_path / "q.duckdb", [en, ru, other], [], quotes) as store:
        found = store.quotes_of("Виктор Логинов", RUN)
    assert sorted(found["speaker"]) == ["Viktor Loginov", "Виктор Логинов"]
