"""Hierarchical decisions: fine implies coarse, the Other rules, thresholds from out-of-fold
probabilities."""

from __future__ import annotations

import itertools

import numpy as np

from narrascope.codebook import load_codebook, parse_codebook
from narrascope.detect.hierarchy import (
    SAMPLE_SEED,
    SAMPLES,
    Calibration,
    LabelTree,
    _sample_sets,
    choose_thresholds,
    coarse_support,
    complete,
    decide,
    decide_expected,
    expected_f1,
    level_scores,
)

TREE_YAML = """
id: tree
label: Tree
languages: [en]
narratives:
  - {id: other, label: Other}
  - {id: blame, label: Blame}
  - {id: blame-west, label: "Blame: The West", parent: blame}
  - {id: blame-kyiv, label: "Blame: Kyiv", parent: blame}
  - {id: blame-other, label: "Blame: Other", parent: blame}
  - {id: praise, label: Praise}
  - {id: praise-army, label: "Praise: Army", parent: praise}
"""
CODEBOOK = parse_codebook(TREE_YAML)
LABELS = ["blame", "blame-west", "blame-kyiv", "praise", "praise-army"]
TREE = LabelTree.from_codebook(CODEBOOK, LABELS)


def test_tree_finds_the_other_labels_of_a_codebook() -> None:
    assert TREE.other == "other"
    assert TREE.other_child == {"blame": "blame-other"}  # praise has no "Other" child
    assert TREE.fallbacks == {"other", "blame-other"}
    assert TREE.parent["blame-west"] == "blame" and TREE.parent["blame"] is None
    shipped = LabelTree.from_codebook(load_codebook("semeval"), [])
    assert shipped.other == "other"
    assert shipped.other_child["urw-blaming-others"] == "urw-blaming-others-other"


def test_decide_applies_fine_implies_coarse_and_the_other_rules() -> None:
    proba = np.array(
        [
            [0.1, 0.9, 0.1, 0.1, 0.1],  # fine only -> its coarse too
            [0.9, 0.1, 0.1, 0.1, 0.1],  # coarse without fine -> "Blame: Other"
            [0.1, 0.1, 0.1, 0.9, 0.1],  # coarse without fine, no Other child -> coarse alone
            [0.1, 0.1, 0.1, 0.1, 0.1],  # nothing -> Other
            [0.9, 0.1, 0.8, 0.1, 0.7],  # two branches
        ]
    )
    sets = decide(proba, np.full(5, 0.5), TREE)
    assert sets[0] == {"blame", "blame-west"}
    assert sets[1] == {"blame", "blame-other"}
    assert sets[2] == {"praise"}
    assert sets[3] == {"other"}
    assert sets[4] == {"blame", "blame-kyiv", "praise", "praise-army"}


def test_per_document_thresholds_and_a_codebook_without_other() -> None:
    proba = np.array([[0.6, 0.1, 0.1, 0.1, 0.1], [0.6, 0.1, 0.1, 0.1, 0.1]])
    limits = np.array([[0.5] * 5, [0.7] * 5])
    flat = parse_codebook(
        "id: flat\nlabel: Flat\nlanguages: [en]\nnarratives:\n  - {id: a, label: A}\n"
        "  - {id: a1, label: A one, parent: a}\n"
    )
    tree = LabelTree.from_codebook(flat, ["a", "a1"])
    assert tree.other is None and not tree.other_child
    sets = decide(proba[:, :2], limits[:, :2], tree)
    assert sets == [{"a"}, set()]  # no Other label in this codebook: nothing is nothing


def test_complete_is_what_the_export_writes() -> None:
    assert complete({"blame-kyiv"}, TREE) == {"blame", "blame-kyiv"}
    assert complete(set(), TREE) == {"other"}


def test_thresholds_are_chosen_from_out_of_fold_probabilities() -> None:
    rng = np.random.default_rng(0)
    n = 200
    gold: list[set[str]] = []
    proba = np.zeros((n, len(LABELS)))
    for i in range(n):
        west = i % 4 == 0
        gold.append({"blame", "blame-west"} if west else {"other"})
        # a weak model: positives sit near 0.3, negatives near 0.1
        proba[i, 0] = proba[i, 1] = (0.3 if west else 0.1) + rng.normal(0, 0.03)
        proba[i, 2:] = rng.uniform(0, 0.2, 3)
    fixed = level_scores(proba, np.full(len(LABELS), 0.5), TREE, gold)
    chosen = choose_thresholds(proba, gold, TREE)
    tuned = level_scores(proba, chosen, TREE, gold)
    assert 0.1 < chosen[1] <= 0.3
    assert tuned[0] > fixed[0] and tuned[1] > fixed[1]
    assert tuned[1] > 0.9


def test_fallback_gives_an_empty_article_its_most_probable_coarse_label() -> None:
    proba = np.array(
        [
            [0.3, 0.1, 0.1, 0.4, 0.45],  # nothing passes: praise beats blame (fine ignored)
            [0.2, 0.1, 0.1, 0.1, 0.1],  # nothing passes: blame -> "Blame: Other"
            [0.9, 0.8, 0.1, 0.1, 0.1],  # something passes: no fallback needed
        ]
    )
    limits = np.full(5, 0.5)
    assert decide(proba, limits, TREE, np.ones(3, dtype=bool)) == [
        {"praise"},
        {"blame", "blame-other"},
        {"blame", "blame-west"},
    ]
    only_second = decide(proba, limits, TREE, np.array([False, True, False]))
    assert only_second[0] == {"other"} and only_second[1] == {"blame", "blame-other"}


def test_thresholds_searched_with_the_fallback_when_articles_are_never_other() -> None:
    rng = np.random.default_rng(1)
    n = 120
    gold: list[set[str]] = []
    proba = np.zeros((n, len(LABELS)))
    for i in range(n):
        blame = i % 2 == 0
        gold.append({"blame", "blame-other"} if blame else {"praise"})
        # a timid model: every probability under 0.5, the right coarse label a bit higher
        proba[i, 0] = (0.35 if blame else 0.2) + rng.normal(0, 0.02)
        proba[i, 3] = (0.2 if blame else 0.35) + rng.normal(0, 0.02)
        proba[i, [1, 2, 4]] = rng.uniform(0, 0.1, 3)
    high = np.full(len(LABELS), 0.95)  # nothing passes: all Other, or all fallback
    assert level_scores(proba, high, TREE, gold) == (0.0, 0.0)
    assert level_scores(proba, high, TREE, gold, fallback=True) == (1.0, 1.0)
    chosen = choose_thresholds(proba, gold, TREE, fallback=True)
    assert level_scores(proba, chosen, TREE, gold, fallback=True)[0] > 0.95


def test_platt_calibration_brings_probabilities_to_the_observed_rates() -> None:
    rng = np.random.default_rng(2)
    n = 400
    gold: list[set[str]] = []
    proba = np.zeros((n, len(LABELS)))
    for i in range(n):
        west = rng.random() < 0.1  # a rare label ...
        gold.append({"blame", "blame-west"} if west else {"other"})
        # ... that a class-balanced model scores near 0.5 on every article
        proba[i, :] = np.clip(rng.normal(0.6 if west else 0.45, 0.05, len(LABELS)), 0.01, 0.99)
    calibration = Calibration.fit(proba, gold, TREE)
    calibrated = calibration.apply(proba, TREE)
    assert calibration.coarse != (1.0, 0.0) and calibration.fine != calibration.coarse
    truth = np.array([[lab in g for lab in LABELS] for g in gold])
    for level in ([0, 3], [1, 2, 4]):  # coarse, fine: each level's mean meets its rate
        rate = truth[:, level].mean()  # ~0.05 and ~0.03; the raw means are ~0.46
        assert abs(calibrated[:, level].mean() - rate) < 0.01
        assert proba[:, level].mean() > rate + 0.3
    # and the articles with the label still rank above those without
    assert calibrated[truth[:, 1], 1].mean() > 3 * calibrated[~truth[:, 1], 1].mean()
    assert calibrated.shape == proba.shape
    assert np.allclose(Calibration().apply(proba, TREE), proba, atol=1e-6)


def _brute_force_best(row: np.ndarray, support: np.ndarray, force: bool) -> float:
    """Best expected F1 over every label subset, on the draws decide_expected makes."""
    rng = np.random.default_rng(SAMPLE_SEED)
    draws = _sample_sets(row, TREE, support, SAMPLES, rng, force)
    subsets = np.array(list(itertools.product([False, True], repeat=len(LABELS))), dtype=bool)
    if force:
        subsets = subsets[subsets.any(axis=1)]
    return float(expected_f1(subsets, draws, TREE).max())


def _passing(labels: set[str]) -> np.ndarray:
    return np.array([[lab in labels for lab in LABELS]], dtype=bool)


def test_expected_f1_decisions_follow_the_hierarchy_and_beat_every_other_set() -> None:
    gold = [{"blame", "blame-west"}, {"blame", "blame-other"}, {"praise"}, {"other"}]
    support = coarse_support(gold, TREE)
    assert support.shape == (3, len(LABELS))  # {blame}, {praise}, {} -- coarse columns only
    assert not support[:, [1, 2, 4]].any()
    proba = np.array(
        [
            [0.95, 0.9, 0.05, 0.05, 0.02],  # blame and its West sub-narrative
            [0.95, 0.2, 0.1, 0.05, 0.02],  # blame, no sub-narrative likely: "Blame: Other"
            [0.3, 0.05, 0.05, 0.1, 0.05],  # most likely nothing: Other
            [0.05, 0.02, 0.02, 0.8, 0.7],  # a likely sub-narrative (0.7 / 0.8 under praise)
            [0.7, 0.3, 0.4, 0.65, 0.5],  # several labels
        ]
    )
    sets = decide_expected(proba, TREE, support)
    assert sets[0] == {"blame", "blame-west"}
    assert sets[1] == {"blame", "blame-other"}
    assert sets[2] == {"other"}
    assert sets[3] == {"praise", "praise-army"}
    forced = decide_expected(proba, TREE, support, np.ones(len(proba), dtype=bool))
    assert forced[2] == {"blame", "blame-other"}  # never Other: the most probable narrative
    assert forced[:2] == sets[:2]
    for i, row in enumerate(proba):
        for force, decided in ((False, sets[i]), (True, forced[i])):
            rng = np.random.default_rng(SAMPLE_SEED)
            draws = _sample_sets(row, TREE, support, SAMPLES, rng, force)
            value = float(expected_f1(_passing(decided - TREE.fallbacks), draws, TREE)[0])
            assert value >= _brute_force_best(row, support, force) - 0.01
    # the same article decides the same way whatever else is in the batch
    assert decide_expected(proba[[4, 0]], TREE, support)[0] == sets[4]


def test_expected_f1_draws_keep_to_the_coarse_sets_seen_in_training() -> None:
    exclusive = coarse_support([{"blame"}, {"praise"}], TREE)  # never both, never Other
    row = np.array([0.8, 0.3, 0.3, 0.8, 0.5])
    rng = np.random.default_rng(0)
    draws = _sample_sets(row, TREE, exclusive, 2000, rng, False)
    assert not (draws[:, 0] & draws[:, 3]).any()
    assert draws[:, [0, 3]].any(axis=1).all()
    assert not (draws[:, [1, 2]].any(axis=1) & ~draws[:, 0]).any()  # fine only under coarse
    # a sub-narrative comes with p(fine) / p(coarse) under its drawn parent
    west = draws[draws[:, 0], 1].mean()
    assert abs(west - 0.3 / 0.8) < 0.05
