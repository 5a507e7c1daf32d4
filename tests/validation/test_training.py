"""Training on a SemEval-format import: hierarchy, thresholds stored and applied, progress to a
non-terminal, manifest, language-stratified folds."""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pytest
from rich.console import Console
from tests.conftest import make_article

from narrascope.cli._progress import step_progress
from narrascope.codebook import load_codebook
from narrascope.detect import get_detector
from narrascope.detect.hierarchy import decide
from narrascope.detect.supervised import (
    FeatureConfig,
    docs_from_sentences,
    load_model,
    predict_proba,
)
from narrascope.text import segment
from narrascope.validation.semeval import ingest_semeval
from narrascope.validation.training import group_folds, labelled_set, train_supervised

CODEBOOK = load_codebook("semeval")
FAST = FeatureConfig(embeddings=False, inner_folds=3)
WEST = "URW: Blaming the war on others rather than the invader"
MIGHT = "URW: Praise of Russia"
TEXTS = {
    f"{WEST}\t{WEST}: The West are the aggressors": [
        "NATO pushed its tanks to the border and provoked the war, the minister said.",
        "Washington armed Kyiv for years to start this conflict against Moscow.",
        "The alliance expanded east and left Russia no choice, the envoy claimed.",
        "Western capitals wanted this war and fuel it with weapons every week.",
        "The Pentagon planned the escalation long ago, the broadcaster said.",
        "London and Washington sabotaged the peace talks to prolong the fighting.",
    ],
    f"{MIGHT}\t{MIGHT}: Praise of Russian military might": [
        "The new hypersonic missile is unstoppable, the general boasted on air.",
        "Russian artillery crushed the enemy positions in a single night.",
        "The army's drones destroyed a whole column of foreign armour.",
        "Our air defence shot down every incoming rocket, the ministry said.",
        "The navy's new submarine has no equal anywhere in the world.",
        "Russian troops advanced ten kilometres in a day, the commander said.",
    ],
    "Other\tOther": [
        "The city council opened a new library on Monday.",
        "Heavy rain flooded several streets in the capital.",
        "The football club announced a new coach for the season.",
        "A new bridge will connect the two districts next year.",
        "The museum showed a collection of old maps this weekend.",
        "Farmers expect a good harvest after a warm spring.",
    ],
}


def _semeval_folder(root: Path) -> Path:
    docs = root / "EN" / "raw-documents"
    docs.mkdir(parents=True)
    lines = []
    n = 0
    for labels, texts in TEXTS.items():
        for text in texts:
            n += 1
            name = f"EN_T_{n:03d}.txt"
            filler = "Officials gave no further details. The report was published on Tuesday."
            (docs / name).write_text(f"Report {n}\n\n{text} {filler}\n", encoding="utf-8")
            lines.append(f"{name}\t{labels}\n")
    (root / "EN" / "subtask-2-annotations.txt").write_text("".join(lines), encoding="utf-8")
    return root


@pytest.fixture
def semeval_store(store, tmp_path):  # type: ignore[no-untyped-def]
    ingest_semeval(store, _semeval_folder(tmp_path / "data"))
    return store


def test_thresholds_from_inner_cv_are_stored_and_applied(semeval_store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "model"
    manifest = train_supervised(semeval_store, CODEBOOK, out, config=FAST, folds=3)
    on_disk = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    west, west_fine = "urw-blaming-others", "urw-blaming-others-west-aggressors"
    assert set(on_disk["labels"]) == {
        west,
        west_fine,
        "urw-praise-russia",
        "urw-praise-russia-military-might",
    }
    assert "other" in on_disk["rule_labels"]  # predicted by rule, never learned
    thresholds = on_disk["thresholds"]["*"]["*"]
    assert set(thresholds) == set(on_disk["labels"])
    assert all(0 < t < 1 for t in thresholds.values())
    assert on_disk["label_tree"]["other"] == "other"
    assert on_disk["label_tree"]["parents"][west_fine] == west
    assert on_disk["feature_config"]["inner_folds"] == 3
    assert on_disk["encoders"] == {}  # no embeddings in this configuration
    assert on_disk["training_seconds"]["cpu"] >= 0
    assert {"samples_f1_coarse", "samples_f1_fine"} <= set(manifest["cv"])

    model = load_model(out)
    data = labelled_set(semeval_store, CODEBOOK)
    docs = docs_from_sentences(data.sentences)
    _, limits = predict_proba(model, docs)
    stored = np.array([thresholds[lab] for lab in model.labels])
    assert np.allclose(limits, stored[None, :])
    # the stored thresholds decide: moving them moves the decisions
    model.heads["*"].thresholds["*"] = np.full(len(model.labels), 1.01)
    assert predict_proba(model, docs)[1].min() == pytest.approx(1.01)
    assert all(s == {"other"} for s in decide(*predict_proba(model, docs), model.tree))


def test_detector_applies_the_hierarchy_rules(semeval_store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    train_supervised(semeval_store, CODEBOOK, tmp_path / "m", config=FAST, folds=0)
    det = get_detector("supervised", model=str(tmp_path / "m"))
    text = "NATO provoked the war and armed Kyiv to fight Moscow, the envoy said. It rained."
    article = make_article(text, url="new")
    hits = det.detect(segment(article.id, article.text, "en"), CODEBOOK)
    labels = {h.narrative for h in hits}
    assert "urw-blaming-others-west-aggressors" in labels
    assert "other" not in labels  # Other is the absence of narratives: no evidence hits
    fine = [h for h in hits if h.narrative == "urw-blaming-others-west-aggressors"]
    assert fine[0].sentence_index == 0  # the evidence is the NATO sentence
    scores = det.article_scores(segment(article.id, article.text, "en"), CODEBOOK)
    assert scores[article.id]["urw-blaming-others-west-aggressors"] >= 0.5  # 0.5 = decision


def test_training_shows_progress_to_a_non_terminal(semeval_store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    sink = io.StringIO()
    console = Console(file=sink, force_terminal=False, width=200)
    with step_progress("training", console=console) as update:
        train_supervised(
            semeval_store, CODEBOOK, tmp_path / "m", config=FAST, folds=2, progress=update
        )
    lines = sink.getvalue().splitlines()
    # 3 inner folds + final fit, for the model and for each of 2 outer folds
    assert lines[0] == "training: step 1/12"
    assert lines[-1] == "training: step 12/12"
    assert len(lines) == 12


def test_folds_are_stratified_by_language() -> None:
    articles = [make_article(f"en {i}", url=f"e{i}") for i in range(10)]
    articles += [make_article(f"ru {i}", url=f"r{i}", language="ru") for i in range(5)]
    language = {a.id: a.language for a in articles}
    folds = group_folds(articles, 5)
    assert sorted(a for f in folds for a in f) == sorted(a.id for a in articles)
    for fold in folds:
        assert [language[a] for a in fold].count("ru") == 1
        assert [language[a] for a in fold].count("en") == 2
