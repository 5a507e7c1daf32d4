"""Stratified sampling: allocation rule, strata, reproducibility, blind sheets."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from tests.conftest import make_article

from narrascope.errors import UsageError
from narrascope.records import ArticleLabel, Hit
from narrascope.text import segment
from narrascope.validation.sampling import allocate, draw_sample, parse_by


def test_allocation_has_a_floor_then_is_proportional() -> None:
    take = allocate([80, 15, 5, 1], 30, 2)
    assert sum(take) == 30
    assert take[3] == 1  # a stratum smaller than the floor is taken whole
    assert take[0] > take[1] > take[2] >= 2


def test_allocation_takes_everything_when_asked_for_more() -> None:
    assert allocate([3, 4], 50, 2) == [3, 4]


def test_allocation_refuses_a_floor_it_cannot_meet() -> None:
    with pytest.raises(UsageError, match="too small for 3 strata"):
        allocate([10, 10, 10], 4, 2)


def test_allocation_never_exceeds_a_stratum() -> None:
    take = allocate([100, 2, 2], 50, 0)
    assert take[1] <= 2 and take[2] <= 2 and sum(take) == 50


def test_parse_by_names_the_valid_dimensions() -> None:
    assert parse_by("outlet,score-band") == ["outlet", "band"]
    with pytest.raises(UsageError, match="score-band"):
        parse_by("outlet,weather")


@pytest.fixture
def corpus(store):  # type: ignore[no-untyped-def]
    arts = []
    for i in range(40):
        outlet = "Wire A" if i % 4 else "Wire B"
        month = 1 + (i % 3)
        lang = "ru" if i % 5 == 0 else "en"
        text = f"Item {i} opened. Russia is indispensable in talk {i}. The day ended."
        arts.append(
            make_article(
                text,
                outlet=outlet,
                language=lang,
                published_at=datetime(2019, month, 3, tzinfo=UTC),
                url=f"u{i}",
            )
        )
    store.write_articles(arts, [s for a in arts for s in segment(a.id, a.text, a.language)])
    store.start_run("r1", {"codebook_id": "mini"})
    hits = [
        Hit(a.id, 1, 0, 5, "indispensable-power", "lexicon", 0.2 + (i % 10) / 10, "x")
        for i, a in enumerate(arts)
        if i % 2
    ]
    labels = [ArticleLabel(h.article_id, h.narrative, h.detector, h.score, 1, 3) for h in hits]
    store.write_results("r1", hits, labels)
    store.finish_run("r1", len(arts))
    return store, arts


def test_stratified_article_sample_is_reproducible_and_covers_strata(corpus) -> None:  # type: ignore[no-untyped-def]
    store, _arts = corpus
    by = parse_by("outlet,month,score-band")
    first = draw_sample(store, n=15, by=by, seed=7, minimum=1)
    again = draw_sample(store, n=15, by=by, seed=7, minimum=1)
    other = draw_sample(store, n=15, by=by, seed=8, minimum=1)
    assert list(first.items["key"]) == list(again.items["key"])
    assert set(first.items["key"]) != set(other.items["key"])
    assert len(first.items) == 15 and first.items["key"].is_unique
    assert int(first.strata["drawn"].sum()) == 15
    assert (first.strata["drawn"] >= 1).all()  # every stratum got its floor
    assert set(first.items["band"]) == {"none", "low", "high"}
    assert first.cut is not None


def test_sentence_sample_draws_sentences_with_their_text(corpus) -> None:  # type: ignore[no-untyped-def]
    store, arts = corpus
    drawn = draw_sample(store, n=12, unit="sentence", by=parse_by("language"), seed=1)
    assert len(drawn.items) == 12
    by_id = {a.id: a for a in arts}
    for row in drawn.items.itertuples(index=False):
        assert row.key == f"{row.article_id}#{row.sentence_index}"
        assert row.text in by_id[row.article_id].text and len(row.text) < 60


def test_short_strata_are_reported(corpus) -> None:  # type: ignore[no-untyped-def]
    store, _ = corpus
    drawn = draw_sample(store, n=20, by=parse_by("language,month"), seed=3, minimum=4)
    assert not drawn.short.empty  # the ru strata hold fewer than 4 articles
    assert (drawn.short["drawn"] == drawn.short["population"]).all()
