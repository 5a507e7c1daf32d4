"""Importing gold labels: JSONL (the sample gold shape) and CSV, matching, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.conftest import make_article

from narrascope.codebook import parse_codebook
from narrascope.errors import InputError
from narrascope.text import segment
from narrascope.validation.annotations import (
    NO_LABEL,
    at_level,
    import_annotations,
    label_resolver,
    load_gold,
    resolve,
)

CODEBOOK = parse_codebook(
    """
id: mini
label: Mini
languages: [en]
narratives:
  - id: indispensable-power
    label: Russia is indispensable
  - id: unique-leverage
    label: "Russia's unique leverage"
    parent: indispensable-power
  - id: double-standards
    label: Double standards
"""
)

TEXT = (
    "Talks opened in Moscow. Nothing can be settled without Russia, an adviser said.\n\n"
    "Moscow has channels to every party. The weather was cold."
)


@pytest.fixture
def stored(store):  # type: ignore[no-untyped-def]
    articles = [
        make_article(TEXT, url="https://wire.example/1"),
        make_article("A quiet day in parliament.", url="https://wire.example/2"),
    ]
    store.write_articles(articles, [s for a in articles for s in segment(a.id, a.text, a.language)])
    return store, articles


def _write(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_jsonl_with_sentences_like_the_sample_gold(stored, tmp_path) -> None:  # type: ignore[no-untyped-def]
    store, (first, second) = stored
    gold = _write(
        tmp_path / "gold.jsonl",
        [
            {
                "url": "https://wire.example/1",
                "annotator": "coder-a",
                "labels": ["indispensable-power"],
                "sentences": [
                    {"text": "Moscow has channels to every party.", "labels": ["unique-leverage"]}
                ],
            },
            {"url": "https://wire.example/2", "annotator": "coder-a", "labels": []},
        ],
    )
    report = import_annotations(store, gold, CODEBOOK)
    assert report.warnings() == []
    assert report.articles == 2 and report.annotators == ["coder-a"]
    rows = store.annotations().sort_values("label")
    sentence_row = rows[rows["sentence_index"].notna()].iloc[0]
    assert sentence_row["sentence_index"] == 2
    start, end = int(sentence_row["char_start"]), int(sentence_row["char_end"])
    assert first.text[start:end] == "Moscow has channels to every party."
    assert NO_LABEL in set(rows[rows["article_id"] == second.id]["label"])
    gold_sets = load_gold(store, CODEBOOK)
    assert gold_sets.articles["coder-a"][first.id] == {"indispensable-power", "unique-leverage"}
    assert gold_sets.articles["coder-a"][second.id] == set()
    assert gold_sets.sentences["coder-a"][(first.id, 2)] == {
        "unique-leverage",
        "indispensable-power",
    }


def test_reimport_replaces_and_labels_resolve_by_text(stored, tmp_path) -> None:  # type: ignore[no-untyped-def]
    store, (first, _) = stored
    gold = _write(tmp_path / "g.jsonl", [{"article_id": first.id, "labels": "Double  standards"}])
    import_annotations(store, gold, CODEBOOK)
    import_annotations(store, gold, CODEBOOK)
    rows = store.annotations()
    assert list(rows["label"]) == ["double-standards"]
    assert list(rows["annotator"]) == ["gold"]


def test_csv_rows_at_article_and_sentence_level(stored, tmp_path) -> None:  # type: ignore[no-untyped-def]
    store, (first, _) = stored
    path = tmp_path / "gold.csv"
    path.write_text(
        "article_id,annotator,labels,sentence_index\n"
        f"{first.id},b,double-standards;indispensable-power,\n"
        f"{first.id},b,unique-leverage,1\n",
        encoding="utf-8",
    )
    report = import_annotations(store, path, CODEBOOK)
    assert report.annotations == 3
    gold = load_gold(store, CODEBOOK)
    assert (first.id, 1) in gold.sentences["b"]


def test_unknown_articles_labels_and_sentences_are_listed(stored, tmp_path) -> None:  # type: ignore[no-untyped-def]
    store, _ = stored
    gold = _write(
        tmp_path / "bad.jsonl",
        [
            {
                "url": "https://wire.example/1",
                "labels": ["made-up"],
                "sentences": [
                    {"text": "This sentence is not in the article.", "labels": ["double-standards"]}
                ],
            },
            {"url": "https://elsewhere.example/9", "labels": ["double-standards"]},
        ],
    )
    report = import_annotations(store, gold, CODEBOOK)
    text = " ".join(report.warnings())
    assert "https://elsewhere.example/9" in text and "line 2" in text
    assert "'made-up' ×1" in text
    assert "not found" in text
    with pytest.raises(InputError, match="made-up"):
        import_annotations(store, gold, CODEBOOK, strict=True)


def test_nothing_matching_is_an_error(stored, tmp_path) -> None:  # type: ignore[no-untyped-def]
    store, _ = stored
    gold = _write(tmp_path / "none.jsonl", [{"url": "https://nowhere.example", "labels": ["x"]}])
    with pytest.raises(InputError, match="no annotation matches"):
        import_annotations(store, gold, CODEBOOK)
    bad = tmp_path / "broken.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"broken\.jsonl:1"):
        import_annotations(store, bad, CODEBOOK)


def test_levels_and_resolution() -> None:
    table = label_resolver(CODEBOOK)
    assert resolve(table, "russia’s unique leverage") == "unique-leverage"
    labels = {"unique-leverage", "double-standards"}
    assert at_level(CODEBOOK, labels, "coarse") == {"indispensable-power", "double-standards"}
    assert at_level(CODEBOOK, labels, "fine") == {"unique-leverage", "double-standards"}
    assert at_level(CODEBOOK, {"indispensable-power"}, "fine") == set()
    assert at_level(CODEBOOK, labels, "all") == labels | {"indispensable-power"}
