"""The supervised detector: training from the store, artifacts, evidence, refusals."""

from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
import pytest
from tests.conftest import make_article

from narrascope.codebook import parse_codebook
from narrascope.detect import get_detector
from narrascope.detect.supervised import (
    Doc,
    FeatureConfig,
    check_counts,
    fit_model,
    manifest_for,
    predict_labels,
)
from narrascope.errors import DataError, ModelError
from narrascope.text import segment
from narrascope.validation.annotations import import_annotations
from narrascope.validation.training import train_supervised

CODEBOOK_YAML = """
id: mini
label: Mini
languages: [en]
narratives:
  - id: hypocrisy
    label: Western hypocrisy
  - id: hypocrisy-sanctions
    label: Sanctions hypocrisy
    parent: hypocrisy
  - id: partners
    label: Partners in Asia
"""
CODEBOOK = parse_codebook(CODEBOOK_YAML)
FAST = FeatureConfig(embeddings=False)

HYPOCRISY = [
    "The West preaches sanctions yet buys our oil through third countries.",
    "Brussels condemns sanctions evasion while its firms quietly trade with us.",
    "Washington lectures others on sanctions it breaks itself.",
    "European capitals demand sanctions but keep importing the same goods.",
]
PARTNERS = [
    "India and Russia agreed to expand trade in national currencies.",
    "Delhi and Moscow signed a new defence cooperation plan.",
    "China and Russia held joint talks on Asian security.",
    "Beijing praised its partnership with Moscow at the summit.",
]
NEUTRAL = [
    "The city council opened a new library on Monday.",
    "Heavy rain flooded several streets in the capital.",
    "The football club announced a new coach.",
    "A new bridge will connect the two districts next year.",
]


def _corpus(store, tmp_path):  # type: ignore[no-untyped-def]
    rows, articles = [], []
    for i, text in enumerate(HYPOCRISY + PARTNERS + NEUTRAL):
        filler = "Officials gave no further details. The report was published on Tuesday."
        article = make_article(f"{text} {filler}", url=f"u{i}")
        articles.append(article)
        labels = ["hypocrisy-sanctions"] if i < 4 else ["partners"] if i < 8 else []
        rows.append({"url": f"u{i}", "labels": labels})
    store.write_articles(articles, [s for a in articles for s in segment(a.id, a.text, "en")])
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    import_annotations(store, path, CODEBOOK)
    return articles


def test_train_save_load_and_detect_with_evidence(store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _corpus(store, tmp_path)
    out = tmp_path / "model"
    manifest = train_supervised(store, CODEBOOK, out, config=FAST, folds=3)
    assert (out / "model.joblib").is_file()
    on_disk = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert on_disk["codebook_hash"] == CODEBOOK.version
    assert on_disk["labels"] == ["hypocrisy", "hypocrisy-sanctions", "partners"]
    assert on_disk["label_counts"]["hypocrisy"] == 4  # parents learn from their children
    assert len(on_disk["training_data_hash"]) == 64
    assert {"micro_f1", "macro_f1", "samples_f1"} <= set(manifest["cv"])
    assert on_disk["feature_config"]["embeddings"] is False
    det = get_detector("supervised", model=str(out))
    test = make_article(
        "Tourism numbers rose this summer. Paris demands sanctions while its banks trade "
        "with Moscow.",
        url="new",
    )
    hits = det.detect(segment(test.id, test.text, "en"), CODEBOOK)
    by_label = {h.narrative: h for h in hits}
    assert "hypocrisy-sanctions" in by_label
    evidence = by_label["hypocrisy-sanctions"]
    assert evidence.evidence == test.text[evidence.char_start : evidence.char_end]
    assert evidence.detector == "supervised"
    ranked = [h for h in hits if h.narrative == "hypocrisy-sanctions"]
    assert ranked[0].sentence_index == 1 or len(ranked) == 2
    assert det.model_info()["codebook_hash"] == CODEBOOK.version


def test_a_model_for_another_codebook_is_refused(store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _corpus(store, tmp_path)
    train_supervised(store, CODEBOOK, tmp_path / "m", config=FAST, folds=0)
    other = parse_codebook(CODEBOOK_YAML.replace("Partners in Asia", "Partners in the East"))
    det = get_detector("supervised", model=str(tmp_path / "m"))
    sentence = segment("x", "India and Russia met.", "en")
    with pytest.raises(ModelError) as info:
        det.detect(sentence, other)
    assert CODEBOOK.version in str(info.value) and other.version in str(info.value)
    assert info.value.exit_code == 8


def test_too_few_examples_names_labels_and_counts(store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _corpus(store, tmp_path)
    with pytest.raises(DataError) as info:
        train_supervised(store, CODEBOOK, tmp_path / "m", config=FAST, min_examples=5, folds=0)
    message = str(info.value)
    assert "hypocrisy (4 of 12)" in message and "partners (4 of 12)" in message
    assert "--drop-rare" in message
    kept, dropped = check_counts([{"a"}, {"a"}, {"a", "b"}, set()], 2, drop_rare=True)
    assert kept == ["a"] and dropped == {"b": 1}
    with pytest.raises(DataError, match="no label"):
        check_counts([{"a"}, set()], 3, drop_rare=True)


def test_missing_model_folder_is_a_model_error(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ModelError, match="narrascope train"):
        get_detector("supervised", model=str(tmp_path))


def test_fit_in_memory_from_sentence_labels() -> None:
    det = get_detector("supervised", config=FAST, min_examples=2)
    sentences, labels = [], []
    for i, text in enumerate(HYPOCRISY + PARTNERS + NEUTRAL):
        sents = segment(f"a{i}", f"{text} Nothing else happened.", "en")
        sentences += sents
        tag = {"hypocrisy"} if i < 4 else {"partners"} if i < 8 else set()
        labels += [tag, set()]
    det.fit(sentences, labels)
    scores = det.article_scores(segment("z", PARTNERS[0], "en"), CODEBOOK)
    assert scores["z"]["partners"] > scores["z"]["hypocrisy"]


@pytest.mark.slow
def test_embedding_features(store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _corpus(store, tmp_path)
    manifest = train_supervised(store, CODEBOOK, tmp_path / "m", folds=0)
    assert manifest["feature_config"]["embeddings"] is True
    det = get_detector("supervised", model=str(tmp_path / "m"))
    hits = det.detect(segment("n", "Delhi and Moscow deepen their partnership.", "en"), CODEBOOK)
    assert "partners" in {h.narrative for h in hits}


@pytest.mark.slow
def test_label_centroid_directions_point_to_their_articles() -> None:
    docs = [
        Doc(f"a{i}", "en", [text, "Officials gave no further details."])
        for i, text in enumerate(HYPOCRISY + PARTNERS + NEUTRAL)
    ]
    labels = [{"partners"} if 4 <= i < 8 else set() for i in range(len(docs))]
    model = fit_model(docs, labels, replace(FeatureConfig(), inner_folds=0), CODEBOOK)
    featurizer = model.featurizer
    (directions,) = featurizer.directions.values()
    assert directions.shape[0] == len(model.labels)
    partners = model.labels.index("partners")
    assert np.isclose(np.linalg.norm(directions[partners]), 1.0, atol=1e-5)
    n = len(model.labels)
    top = featurizer.transform(docs).toarray()[:, -2 * n :]  # max, then top-3 mean, per label
    assert top[4:8, partners].min() > top[[0, 1, 2, 3, 8, 9, 10, 11], partners].max()
    no_centroids = fit_model(docs, labels, replace(FeatureConfig(), centroids=False), CODEBOOK)
    assert no_centroids.featurizer.directions == {}


@pytest.mark.slow
def test_each_language_gets_its_own_label_directions() -> None:
    russian = [
        "Индия и Россия договорились расширить торговлю в национальных валютах.",
        "Дели и Москва подписали новый план оборонного сотрудничества.",
        "Китай и Россия провели переговоры о безопасности в Азии.",
        "Пекин высоко оценил партнёрство с Москвой на саммите.",
        "В городе открылась новая библиотека.",
        "Сильный дождь затопил несколько улиц столицы.",
    ]
    docs = [Doc(f"e{i}", "en", [t]) for i, t in enumerate(PARTNERS + NEUTRAL)]
    docs += [Doc(f"r{i}", "ru", [t]) for i, t in enumerate(russian)]
    labels = [{"partners"} if i < 4 else set() for i in range(8)]
    labels += [{"partners"} if i < 4 else set() for i in range(6)]
    model = fit_model(docs, labels, replace(FeatureConfig(), inner_folds=0), CODEBOOK)
    directions = model.featurizer.directions
    assert set(directions) == {"en", "ru"}
    assert not np.allclose(directions["en"], directions["ru"])


def test_missing_scikit_learn_names_the_embed_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    from narrascope.errors import MissingExtraError

    real = importlib.util.find_spec

    def fake(name: str, *args: object) -> object:
        return None if name == "sklearn" else real(name, *args)

    monkeypatch.setattr(importlib.util, "find_spec", fake)
    with pytest.raises(MissingExtraError, match=r"narrascope\[embed\]"):
        get_detector("supervised")


def test_ensemble_uses_a_trained_model(store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _corpus(store, tmp_path)
    train_supervised(store, CODEBOOK, tmp_path / "m", config=FAST, folds=0)
    det = get_detector("ensemble", model=str(tmp_path / "m"), members=["lexicon"])
    assert det.member_names == ["lexicon", "supervised"]
    text = "Tourism rose. Paris demands sanctions while its banks trade with Moscow."
    hits = det.detect(segment("n", text, "en"), CODEBOOK)
    # two members: the quorum is one, so the supervised model alone suffices
    evidence = {h.sentence_index for h in hits if h.narrative == "hypocrisy-sanctions"}
    assert evidence and 1 in evidence
    assert det.model_info()["members"]["supervised"]["codebook_hash"] == CODEBOOK.version


def _bilingual_docs() -> tuple[list[Doc], list[set[str]]]:
    """English articles coded with both labels, Russian ones never without a narrative."""
    ru_hypocrisy = [
        "Запад призывает к санкциям, но сам покупает нашу нефть через третьи страны.",
        "Брюссель осуждает обход санкций, а его фирмы тайно торгуют с нами.",
        "Вашингтон поучает других санкциям, которые сам нарушает.",
        "Европейские столицы требуют санкций, но продолжают закупать те же товары.",
    ]
    ru_partners = [
        "Индия и Россия договорились расширить торговлю в национальных валютах.",
        "Дели и Москва подписали новый план оборонного сотрудничества.",
        "Китай и Россия провели совместные переговоры по безопасности в Азии.",
        "Пекин высоко оценил партнёрство с Москвой на саммите.",
    ]
    docs, labels = [], []
    for i, text in enumerate(HYPOCRISY + PARTNERS + NEUTRAL):
        docs.append(Doc(f"en{i}", "en", [text, "Officials gave no further details."]))
        labels.append(
            {"hypocrisy", "hypocrisy-sanctions"} if i < 4 else {"partners"} if i < 8 else set()
        )
    for i, text in enumerate(ru_hypocrisy + ru_partners):
        docs.append(Doc(f"ru{i}", "ru", [text, "Подробности не сообщаются."]))
        labels.append({"hypocrisy", "hypocrisy-sanctions"} if i < 4 else {"partners"})
    return docs, labels


def test_fallback_is_chosen_per_language_on_inner_folds() -> None:
    docs, labels = _bilingual_docs()
    languages = sorted({d.language for d in docs})
    config = FeatureConfig(embeddings=False, inner_folds=2, fallback="auto", decision="thresholds")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("narrascope.detect.supervised.MIN_LANGUAGE_DOCS", 4)
        model = fit_model(docs, labels, config, CODEBOOK, min_examples=2)
    head = model.heads["*"]
    assert set(head.fallback) == {"*", *languages}
    thresholds = FeatureConfig(embeddings=False, decision="thresholds")
    never = fit_model(docs, labels, replace(thresholds, fallback="other"), CODEBOOK, min_examples=2)
    assert not any(never.heads["*"].fallback.values())
    del never.heads["*"].fallback  # a model saved before the fallback existed: never
    assert not never.heads["*"].fallback_for("ru")
    forced = fit_model(docs, labels, replace(thresholds, fallback="top"), CODEBOOK, min_examples=2)
    assert all(forced.heads["*"].fallback.values())
    # a forced fallback never leaves an article with no label
    decided = predict_labels(forced, [Doc("q", "en", ["Nothing to see here at all."])])
    assert decided[0] & {"hypocrisy", "partners"}
    with pytest.raises(ValueError, match="fallback must be one of other, top, auto"):
        fit_model(docs, labels, FeatureConfig(embeddings=False, fallback="oter"), CODEBOOK)


def test_expected_f1_decision_is_calibrated_per_language_and_stored() -> None:
    docs, labels = _bilingual_docs()
    config = FeatureConfig(embeddings=False, inner_folds=2, decision="expected-f1")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("narrascope.detect.supervised.MIN_LANGUAGE_DOCS", 4)
        model = fit_model(docs, labels, config, CODEBOOK, min_examples=2)
    head = model.heads["*"]
    assert set(head.calibration) == {"*", "en", "ru"}
    assert head.calibration["ru"] != head.calibration["en"]
    # Russian training articles always carry a narrative, English ones not
    assert head.at_least_one == {"*": False, "en": False, "ru": True}
    assert head.support is not None and len(head.support) == 3  # hypocrisy, partners, none
    # one neutral text, read as Russian and as English: only English may be left empty
    neutral = docs[8].sentences
    decided = predict_labels(model, [Doc("q", "ru", neutral), Doc("r", "en", neutral), docs[0]])
    assert decided[0] & {"hypocrisy", "partners"}
    assert decided[1] == set()
    assert decided[2] == {"hypocrisy", "hypocrisy-sanctions"}
    plain = FeatureConfig(embeddings=False, inner_folds=2, decision="thresholds")
    plain_head = fit_model(docs, labels, plain, CODEBOOK, min_examples=2).heads["*"]
    assert plain_head.support is None and not plain_head.calibration
    manifest = manifest_for(model, CODEBOOK, docs, labels, {})
    assert manifest["feature_config"]["decision"] == "expected-f1"
    assert set(manifest["calibration"]["*"]) == {"*", "en", "ru"}
    assert manifest["at_least_one"]["*"]["ru"] is True
    with pytest.raises(ValueError, match="decision must be one of thresholds, expected-f1"):
        fit_model(docs, labels, FeatureConfig(embeddings=False, decision="ef1"), CODEBOOK)
