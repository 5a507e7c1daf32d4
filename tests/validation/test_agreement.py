"""Agreement per coder pair and per batch, and the list of disagreements."""

from __future__ import annotations

import math

import numpy as np
import pytest
from tests.conftest import make_article

from narrascope.codebook import parse_codebook
from narrascope.records import Annotation
from narrascope.text import segment
from narrascope.validation.agreement import (
    ALL,
    agreement_table,
    binary_alpha,
    disagreements,
    load_codings,
)
from narrascope.validation.annotations import NO_LABEL
from narrascope.validation.coding_sheet import source_key
from narrascope.validation.metrics import krippendorff_alpha

CODEBOOK = parse_codebook(
    """
id: mini
label: Mini
languages: [en]
narratives:
  - id: a
    label: Narrative A
  - id: b
    label: Narrative B
"""
)


def test_binary_alpha_matches_krippendorff() -> None:
    rng = np.random.default_rng(0)
    for _ in range(20):
        x, y = rng.random(15) < 0.4, rng.random(15) < 0.5
        expected = krippendorff_alpha([x.astype(float), y.astype(float)])
        got = float(binary_alpha(x, y)[0])
        assert (math.isnan(expected) and math.isnan(got)) or got == pytest.approx(expected)


@pytest.fixture
def coded(store):  # type: ignore[no-untyped-def]
    arts = [make_article(f"Text {i}. More.", url=f"u{i}") for i in range(6)]
    store.write_articles(arts, [s for a in arts for s in segment(a.id, a.text, a.language)])
    ids = [a.id for a in arts]
    ann = {0: ["a"], 1: ["a", "b"], 2: [], 3: ["b"], 4: ["a"]}
    bob = {0: ["a"], 1: ["a"], 2: [], 3: ["a"], 4: ["a"], 5: ["b"]}
    for coder, codes, batch in (("ann", ann, "b1"), ("bob", bob, "b1")):
        rows = [
            Annotation(ids[i], lab, coder)
            for i, labs in codes.items()
            for lab in labs or [NO_LABEL]
        ]
        store.write_annotations(rows, source_key(batch, coder))
    # a later batch: both code article 5 the same
    store.write_annotations([Annotation(ids[5], "b", "ann")], source_key("b2", "ann"))
    return store, ids


def test_pairwise_and_per_batch_agreement(coded) -> None:  # type: ignore[no-untyped-def]
    store, _ids = coded
    codings = load_codings(store, CODEBOOK)
    table = agreement_table(codings, n_samples=200)
    overall = table[table["narrative"] == ALL].iloc[0]
    assert overall["n"] == 6  # items both coded
    assert overall["percent_agreement"] == pytest.approx(4 / 6)  # same sets on 0, 2, 4, 5
    row_a = table[table["narrative"] == "a"].iloc[0]
    assert row_a["percent_agreement"] == pytest.approx(5 / 6)
    assert row_a["alpha_low"] <= row_a["alpha"] <= row_a["alpha_high"]
    per_batch = agreement_table(codings, by="batch", n_samples=50)
    assert set(per_batch["batch"]) == {"b1"}  # article 5: ann in b2, bob in b1: no shared batch
    assert per_batch[per_batch["narrative"] == ALL]["n"].iloc[0] == 5


def test_disagreements_list_each_coders_codes(coded) -> None:  # type: ignore[no-untyped-def]
    store, ids = coded
    items = disagreements(load_codings(store, CODEBOOK))
    assert [d.article_id for d in items] == sorted([ids[1], ids[3]])
    first = next(d for d in items if d.article_id == ids[1])
    assert first.codes == {"ann": ["a", "b"], "bob": ["a"]} and first.adjudicated is None
    store.replace_item_coding("adjudicated", ids[1], None, [Annotation(ids[1], "a", "adjudicated")])
    settled = disagreements(load_codings(store, CODEBOOK))
    assert next(d for d in settled if d.article_id == ids[1]).adjudicated == ["a"]
    assert len(disagreements(load_codings(store, CODEBOOK), include_settled=False)) == 1


def test_agreement_per_language(store) -> None:  # type: ignore[no-untyped-def]
    arts = [make_article(f"Text {i}. More.", url=f"l{i}", language="ru" if i < 3 else "en")
            for i in range(6)]  # fmt: skip
    store.write_articles(arts, [s for a in arts for s in segment(a.id, a.text, a.language)])
    for coder, flip in (("ann", set()), ("bob", {4})):
        rows = [Annotation(a.id, "a" if (i % 2) != (i in flip) else NO_LABEL, coder)
                for i, a in enumerate(arts)]  # fmt: skip
        store.write_annotations(rows, source_key("b1", coder))
    table = agreement_table(load_codings(store, CODEBOOK), by="language", n_samples=20)
    overall = table[table["narrative"] == ALL].set_index("group")
    assert overall.loc["ru", "n"] == 3 and overall.loc["ru", "percent_agreement"] == 1.0
    assert overall.loc["en", "n"] == 3 and overall.loc["en", "percent_agreement"] == pytest.approx(
        2 / 3
    )
