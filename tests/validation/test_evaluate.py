"""Metrics against scikit-learn, a hand-computed case and Krippendorff's worked example."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from sklearn.metrics import f1_score, precision_recall_fscore_support
from tests.conftest import TEST_DATA, make_article

from narrascope.analysis import analyze
from narrascope.codebook import parse_codebook
from narrascope.detect import get_detector
from narrascope.errors import DataError, UsageError
from narrascope.validation.annotations import import_annotations
from narrascope.validation.evaluate import (
    bootstrap_ci,
    evaluate_run,
    krippendorff_alpha,
    label_alpha,
    multilabel_scores,
    samples_f1,
)

LABELS = ["a", "b", "c", "d"]


def _random_sets(rng: np.random.Generator, n: int) -> list[set[str]]:
    return [{lab for lab in LABELS if rng.random() < 0.35} for _ in range(n)]


def _binary(sets: list[set[str]]) -> np.ndarray:
    return np.array([[lab in s for lab in LABELS] for s in sets], dtype=int)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_scores_match_scikit_learn(seed: int) -> None:
    rng = np.random.default_rng(seed)
    gold, pred = _random_sets(rng, 40), _random_sets(rng, 40)
    ours = multilabel_scores(gold, pred, LABELS)
    y, p = _binary(gold), _binary(pred)
    precision, recall, f1, support = precision_recall_fscore_support(y, p, zero_division=0)
    for j, label in enumerate(LABELS):
        row = ours["per_label"][label]
        assert row["precision"] == pytest.approx(precision[j])
        assert row["recall"] == pytest.approx(recall[j])
        assert row["f1"] == pytest.approx(f1[j])
        assert row["support"] == support[j]
    assert ours["micro_f1"] == pytest.approx(f1_score(y, p, average="micro"))
    assert ours["macro_f1"] == pytest.approx(f1_score(y, p, average="macro", zero_division=0))
    samples = f1_score(y, p, average="samples", zero_division=1.0)
    assert ours["samples_f1"] == pytest.approx(samples)


def test_hand_computed_case() -> None:
    gold = [{"a", "b"}, {"a"}, set(), {"c"}]
    pred = [{"a"}, {"a", "c"}, set(), set()]
    scores = multilabel_scores(gold, pred)
    # a: tp 2 -> P 1, R 1; b: fn 1; c: fp 1, fn 1. Micro: tp 2, fp 1, fn 2 -> 4/7.
    assert scores["per_label"]["a"]["f1"] == 1.0
    assert scores["per_label"]["b"] == {
        "precision": 0.0,
        "recall": 0.0,
        "f1": 0.0,
        "support": 1,
        "predicted": 0,
    }
    assert scores["micro_f1"] == pytest.approx(4 / 7)
    assert scores["macro_f1"] == pytest.approx(1 / 3)
    # per document: 2/3, 2/3, 1 (both empty), 0
    assert scores["samples_f1"] == pytest.approx((2 / 3 + 2 / 3 + 1 + 0) / 4)


def test_samples_f1_empty_case_is_defined() -> None:
    empty = np.zeros((2, 3), dtype=bool)
    assert samples_f1(empty, empty) == 1.0
    assert samples_f1(empty, empty, empty=0.0) == 0.0


def test_krippendorff_worked_example() -> None:
    # Krippendorff, K. (2011). "Computing Krippendorff's Alpha-Reliability", Annenberg School
    # for Communication, University of Pennsylvania, section C: four observers, twelve units,
    # nominal values with missing data; the paper reports alpha = 0.743.
    # Coincidence matrix (our computation, as in the paper's table): n = 40 pairable values,
    # n_c = (9, 13, 10, 5, 3) for values 1..5, off-diagonal sum 8, and
    # sum_{c != k} n_c n_k = 40^2 - (81 + 169 + 100 + 25 + 9) = 1216, so
    # alpha = 1 - (n - 1) * 8 / 1216 = 1 - 39 * 8 / 1216 = 0.74342.
    nan = math.nan
    data = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, nan, nan, nan],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nan, 3],
        [nan, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nan],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nan],
    ]
    assert krippendorff_alpha(data) == pytest.approx(0.743, abs=5e-4)


def test_krippendorff_limits() -> None:
    assert krippendorff_alpha([[1, 0, 1, 0], [1, 0, 1, 0]]) == pytest.approx(1.0)
    assert math.isnan(krippendorff_alpha([[1, 1, 1], [1, 1, 1]]))  # no variation
    with pytest.raises(UsageError):
        krippendorff_alpha([1, 2, 3])


def test_label_alpha_treats_uncoded_documents_as_missing() -> None:
    codings = {
        "x": {"d1": {"a"}, "d2": set(), "d3": {"a"}},
        "y": {"d1": {"a"}, "d2": set(), "d4": {"a"}},
    }
    alpha = label_alpha(codings, ["a"])
    # only d1 and d2 are pairable: perfect agreement on them
    assert alpha["a"] == pytest.approx(1.0)


def test_bootstrap_is_deterministic_and_brackets_the_estimate() -> None:
    rng = np.random.default_rng(5)
    gold, pred = _random_sets(rng, 60), _random_sets(rng, 60)
    first = bootstrap_ci(gold, pred, LABELS, n_samples=300)
    again = bootstrap_ci(gold, pred, LABELS, n_samples=300)
    assert first == again
    point = multilabel_scores(gold, pred, LABELS)
    for key in ("micro_f1", "macro_f1", "samples_f1"):
        low, high = first[key]
        assert low <= point[key] <= high


CODEBOOK = (TEST_DATA / "codebooks" / "mini.yaml").read_text(encoding="utf-8")


def _gold_store(store, tmp_path):  # type: ignore[no-untyped-def]
    arts = [
        make_article("Washington applies double standards again.", url="u1"),
        make_article("India is a reliable partner, officials said.", url="u2"),
        make_article("The weather was fine in Moscow.", url="u3"),
        make_article("Critics see double standards in the ruling.", url="u4"),
    ]
    from narrascope.text import segment

    store.write_articles(arts, [s for a in arts for s in segment(a.id, a.text, a.language)])
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        '{"url": "u1", "annotator": "x", "labels": ["double-standards"]}\n'
        '{"url": "u2", "annotator": "x", "labels": ["Partners"]}\n'
        '{"url": "u3", "annotator": "x", "labels": []}\n'
        '{"url": "u4", "annotator": "x", "labels": ["partners", "not-in-codebook"]}\n'
        '{"url": "u1", "annotator": "y", "labels": ["double-standards"]}\n'
        '{"url": "u3", "annotator": "y", "labels": []}\n',
        encoding="utf-8",
    )
    return gold


def test_evaluate_run_scores_a_stored_run(store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    cb = parse_codebook(CODEBOOK)
    import_annotations(store, _gold_store(store, tmp_path), cb)
    summary = analyze(store, cb, [get_detector("lexicon")])
    result = evaluate_run(store, cb, annotator="x", n_samples=50)
    assert result.run_id == summary.run_id
    assert result.n_documents == 4
    (lex,) = result.detectors
    # u1 right, u2 right, u3 right (empty), u4: predicted double-standards, gold partners
    assert lex.scores["per_label"]["double-standards"]["precision"] == 0.5
    assert lex.scores["samples_f1"] == pytest.approx(0.75)
    assert result.unknown_gold_labels == {"not-in-codebook": 1}
    assert result.coder_alpha["x~y"]["double-standards"] == pytest.approx(1.0)
    assert "x:partners" in lex.alpha
    with pytest.raises(DataError, match="no detector"):
        evaluate_run(store, cb, detectors=["embedding"])


BILINGUAL = """
id: bilingual
label: Bilingual
languages: [en, ru]
narratives:
  - id: double-standards
    label: Double standards
    en:
      cues: ["double standard*"]
    ru:
      cues: ["двойные стандарты"]
"""


def test_evaluate_reports_each_language_beside_the_pooled_scores(store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A detector that works in English only must not hide behind a pooled number."""
    from narrascope.text import segment

    cb = parse_codebook(BILINGUAL)
    arts = [
        make_article("Washington applies double standards again.", url="e1"),
        make_article("Critics see double standards in the ruling.", url="e2"),
        make_article(
            "Вашингтон снова судит по-разному о себе и о других.", language="ru", url="r1"
        ),
        make_article("Запад применяет к России иные мерки, чем к себе.", language="ru", url="r2"),
    ]
    store.write_articles(arts, [s for a in arts for s in segment(a.id, a.text, a.language)])
    gold = tmp_path / "gold.jsonl"
    rows = [
        {"url": u, "annotator": "x", "labels": ["double-standards"]}
        for u in ("e1", "e2", "r1", "r2")
    ]
    gold.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
    )
    import_annotations(store, gold, cb)
    analyze(store, cb, [get_detector("lexicon")])
    result = evaluate_run(store, cb, annotator="x", n_samples=20)
    (pooled,) = result.detectors
    assert pooled.scores["samples_f1"] == pytest.approx(0.5)
    assert set(result.by_language) == {"en", "ru"}
    en, ru = result.by_language["en"], result.by_language["ru"]
    assert (en.n_documents, ru.n_documents) == (2, 2)
    assert en.detectors[0].scores["samples_f1"] == pytest.approx(1.0)
    assert ru.detectors[0].scores["samples_f1"] == pytest.approx(0.0)
    assert result.to_dict()["by_language"]["ru"]["n_documents"] == 2
