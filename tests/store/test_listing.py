"""Listings: every row unless limited, the sub-narrative rule, checked filters, cut fields."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from tests.conftest import make_article

from narrascope.errors import UsageError
from narrascope.records import Article, ArticleLabel, Hit, Quote
from narrascope.store import Store
from narrascope.store._listing import LISTING_MAX_CHARS, clip_around, parse_day
from narrascope.text import segment

RUN = "run-listing"
PARENTS: dict[str, str | None] = {
    "double-standards": None,
    "accuses-others": "double-standards",
    "quiet-narrative": None,
}
CUES = {"double standards": "double-standards", "hypocrisy": "accuses-others"}
TEXT = "Washington shows double standards on the Taliban. Critics call it hypocrisy."


def _hits(article: Article) -> list[Hit]:
    sentences = segment(article.id, article.text, article.language)
    out = []
    for cue, narrative in CUES.items():
        start = article.text.find(cue)
        if start >= 0:
            k = next(s.index for s in sentences if s.start <= start < s.end)
            out.append(Hit(article.id, k, start, start + len(cue), narrative, "lexicon", 1.0, cue))
    return out


def _labels(hits: list[Hit]) -> list[ArticleLabel]:
    by: dict[tuple[str, str], int] = {}
    for h in hits:
        for n in (h.narrative, PARENTS.get(h.narrative)):
            if n:
                by[(h.article_id, n)] = by.get((h.article_id, n), 0) + 1
    return [ArticleLabel(a, n, "lexicon", 1.0, k, 1) for (a, n), k in sorted(by.items())]


def kwic_store(
    path: Path, *, n: int = 57, undated: int = 0, extra: list[Article] | None = None
) -> Path:
    """``n`` dated articles (one hit of each narrative), ``undated`` without a date, ``extra``."""
    day = datetime(2018, 11, 1, 12, tzinfo=UTC)
    articles = [
        make_article(f"{TEXT} Item {i}.", published_at=day + timedelta(days=i % 20))
        for i in range(n)
    ]
    for i in range(undated):
        undated_article = make_article(f"{TEXT} Undated {i}.", outlet="Sample State TV")
        articles.append(replace(undated_article, published_at=None))
    articles += extra or []
    with Store(path) as store:
        sentences = [s for a in articles for s in segment(a.id, a.text, a.language)]
        store.write_articles(articles, sentences)
        store.start_run(RUN, {"detectors": ["lexicon"], "parents": PARENTS})
        hits = [h for a in articles for h in _hits(a)]
        quote = Quote(
            articles[0].id, "Lavrov", "said", 0, len(TEXT), 0, 1, "direct", TEXT, "lavrov"
        )
        store.write_results(RUN, hits, _labels(hits), (), [quote])
        store.finish_run(RUN, len(articles))
    return path


@pytest.fixture
def listing(tmp_path: Path) -> Iterator[Store]:
    with Store(kwic_store(tmp_path / "k.duckdb", undated=1), read_only=True) as store:
        yield store


def test_listing_without_limit_returns_every_row(listing: Store) -> None:
    family = dict(narrative="double-standards")
    assert len(listing.hits_listing(RUN, **family)) == 116
    assert len(listing.hits_listing(RUN, limit=50, **family)) == 50
    assert listing.hits_listing_count(RUN, **family) == 116


def test_a_narrative_counts_its_sub_narratives_everywhere_unless_exact(listing: Store) -> None:
    summary = listing.label_summary(RUN).set_index("narrative")
    listed = listing.hits_listing(RUN, narrative="double-standards")
    assert int(summary.loc["double-standards", "hits"]) == len(listed) == 116
    assert set(listed["narrative"]) == {"double-standards", "accuses-others"}
    exact = listing.hits_listing(RUN, narrative="double-standards", exact=True)
    assert set(exact["narrative"]) == {"double-standards"} and len(exact) == 58
    exact_summary = listing.label_summary(RUN, exact=True).set_index("narrative")
    assert int(exact_summary.loc["double-standards", "hits"]) == 58
    counts = listing.period_narrative_counts(RUN, "month", narratives=["double-standards"])
    assert int(counts["n_hits"].sum()) == 2 * int(counts["n_labelled"].sum())
    exact_counts = listing.period_narrative_counts(
        RUN, "month", narratives=["double-standards"], exact=True
    )
    assert int(exact_counts["n_hits"].sum()) == int(exact_counts["n_labelled"].sum())
    quotes = listing.quotes_of("lavrov", RUN, narrative="double-standards")
    assert len(quotes) == 1
    assert listing.quotes_of("lavrov", RUN, narrative="accuses-others", exact=True).shape[0] == 1


def test_unknown_values_are_refused_with_the_valid_ones_closest_first(listing: Store) -> None:
    with pytest.raises(UsageError, match="doble-standards") as exc:
        listing.check_narrative(RUN, "doble-standards")
    assert exc.value.hint and exc.value.hint.startswith("valid: double-standards")
    listing.check_narrative(RUN, "quiet-narrative")  # in the codebook, without hits
    with pytest.raises(UsageError, match="Test Wyre") as exc:
        listing.check_value("outlet", "Test Wyre")
    assert exc.value.hint and exc.value.hint.startswith("valid: Test Wire")
    assert listing.check_value("outlet", "test wire") == "Test Wire"
    assert len(listing.hits_listing(RUN, outlet="TEST WIRE")) == 114
    assert int(listing.period_totals("month", outlets=["test wire"])["n_articles"].sum()) == 57


def test_bad_days_name_the_value_and_the_format() -> None:
    with pytest.raises(UsageError, match=r"2018-11-31.*YYYY-MM-DD"):
        parse_day("2018-11-31", "--from")
    with pytest.raises(UsageError, match="YYYY-MM-DD"):
        parse_day("11/09/2018", "--to")
    assert parse_day("2018-11-09", "--from") == date(2018, 11, 9)


def test_long_fields_are_cut_in_listings_around_the_evidence(tmp_path: Path) -> None:
    long_text = "word " * 40_000 + TEXT
    huge = make_article(long_text.replace(".", ","), title="T" * 200_000)
    path = kwic_store(tmp_path / "long.duckdb", n=1, extra=[huge])
    with Store(path, read_only=True) as store:
        frame = store.hits_listing(RUN, narrative="double-standards")
    row = frame[frame["article_id"] == huge.id].iloc[0]
    assert len(row["title"]) < LISTING_MAX_CHARS + 50 and "chars]" in row["title"]
    assert len(row["sentence"]) < LISTING_MAX_CHARS + 60
    cue = row["sentence"][int(row["cue_start"]) : int(row["cue_end"])]
    assert cue == row["evidence"]


def test_clip_around_keeps_offsets_valid() -> None:
    text = "x" * 10_000 + "CUE" + "y" * 10_000
    clipped, shift = clip_around(text, 10_000, 10_003, limit=100)
    assert clipped[10_000 - shift : 10_003 - shift] == "CUE" and len(clipped) < 140
