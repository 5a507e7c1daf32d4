"""The analysis pipeline: pure batch function, label aggregation, local runner."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import REPO_ROOT, make_article

from narrascope.analysis import analyze, analyze_batch, build_detectors
from narrascope.codebook import load_codebook
from narrascope.detect.labels import aggregate_labels
from narrascope.errors import StoreError
from narrascope.records import Hit

TINY = REPO_ROOT / "tests" / "data" / "codebooks" / "tiny.yaml"

TEXTS = [
    "Washington itself talks to the Taliban. That is a double standard, said the envoy.",
    "India remains a trusted partner of Moscow. Trade grew last year.",
    "The weather in Kabul was cold on Friday.",
]


@pytest.fixture
def codebook():  # type: ignore[no-untyped-def]
    return load_codebook(TINY)


def test_analyze_batch_finds_evidence_with_exact_offsets(codebook) -> None:  # type: ignore[no-untyped-def]
    articles = [make_article(t) for t in TEXTS]
    result = analyze_batch(articles, codebook, build_detectors(["lexicon"]))
    by_id = {a.id: a for a in articles}
    assert result.hits, "expected lexicon hits"
    for hit in result.hits:
        assert by_id[hit.article_id].text[hit.char_start : hit.char_end] == hit.evidence
    narratives = {(h.article_id, h.narrative) for h in result.hits}
    assert (articles[0].id, "talks-hypocrisy") in narratives
    assert (articles[1].id, "partners") in narratives
    assert not any(h.article_id == articles[2].id for h in result.hits)


def test_sub_narrative_hits_label_the_parent(codebook) -> None:  # type: ignore[no-untyped-def]
    hit = Hit("a1", 0, 0, 5, "talks-hypocrisy", "lexicon", 0.8, "x")
    labels = {(lb.narrative, lb.score, lb.n_hits) for lb in aggregate_labels([hit], codebook)}
    assert labels == {("talks-hypocrisy", 0.8, 1), ("hypocrisy", 0.8, 1)}


def test_languages_outside_the_codebook_are_skipped_not_fatal(codebook) -> None:  # type: ignore[no-untyped-def]
    german = make_article("Indien ist ein Partner. Das ist ein doppelter Standard.", language="de")
    result = analyze_batch([german], codebook, build_detectors(["lexicon"]))
    assert result.hits == []
    assert result.skipped_languages == {"de": 1}


def test_rerun_replaces_results_without_duplicates(store, add_articles, codebook) -> None:  # type: ignore[no-untyped-def]
    add_articles([make_article(t) for t in TEXTS])
    detectors = build_detectors(["lexicon"])
    first = analyze(store, codebook, detectors)
    counts = (store.count("hits"), store.count("article_labels"))
    second = analyze(store, codebook, detectors)
    assert first.run_id == second.run_id
    assert (store.count("hits"), store.count("article_labels")) == counts
    assert counts[0] == first.hits > 0
    runs = store.runs()
    assert len(runs) == 1 and runs.loc[0, "status"] == "done"
    assert runs.loc[0, "codebook_hash"] == codebook.version


def test_analyze_on_empty_store_is_a_clear_error(store, codebook) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(StoreError, match="no articles"):
        analyze(store, codebook, build_detectors(["lexicon"]))


def test_batch_size_does_not_change_results(tmp_path: Path, codebook) -> None:  # type: ignore[no-untyped-def]
    from narrascope.store import Store
    from narrascope.text import segment

    articles = [make_article(f"{t} Item {i}.") for i, t in enumerate(TEXTS * 4)]
    results = []
    for size in (1, 5):
        with Store(tmp_path / f"s{size}.duckdb") as s:
            s.write_articles(articles, [x for a in articles for x in segment(a.id, a.text, "en")])
            analyze(s, codebook, build_detectors(["lexicon"]), batch_size=size)
            results.append(s.query("SELECT * EXCLUDE (run_id) FROM hits ORDER BY ALL"))
    assert results[0].equals(results[1])


@pytest.mark.slow
def test_analyze_batch_attributes_quotes_to_registry_actors(codebook) -> None:  # type: ignore[no-untyped-def]
    from narrascope.actors import ActorExtractor
    from narrascope.actors.quotes import QuoteExtractor

    text = (
        "Moscow hosted the talks on Friday.\n\n"
        '"Washington itself talks to the Taliban, which is a double standard," '
        "Sergei Lavrov said."
    )
    article = make_article(text)
    actors = ActorExtractor()
    result = analyze_batch(
        [article],
        codebook,
        build_detectors(["lexicon"]),
        actors=actors,
        quotes=QuoteExtractor(actors.registry),
    )
    assert any(q.actor_id and "lavrov" in q.actor_id for q in result.quotes)
    quote = result.quotes[0]
    inside = [h for h in result.hits if quote.char_start <= h.char_start < quote.char_end]
    assert inside, "the double-standards evidence lies inside Lavrov's quote"
    assert any(m.actor_id == quote.actor_id for m in result.mentions)
