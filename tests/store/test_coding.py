"""Store queries of the coding workflow: streamed listings, per-item coding, sentence spans."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from tests.store.test_listing import kwic_store

from narrascope.records import Annotation
from narrascope.store import Store


def test_batches_hold_every_row_in_the_listing_order(tmp_path: Path) -> None:
    path = kwic_store(tmp_path / "k.duckdb", n=57, undated=1)
    with Store(path, read_only=True) as store:
        run = store.run_id()
        whole = store.hits_listing(run)
        batches = list(store.hits_listing_batches(run, batch_size=10))
        total = store.hits_listing_total(run)
        page = store.hits_listing_page(run, limit=7, offset=7)
        family = store.hits_listing_total(run, narratives=["double-standards"])
    joined = pd.concat(batches, ignore_index=True)
    assert len(batches) == -(-len(whole) // 10) and all(len(b) <= 10 for b in batches)
    assert len(joined) == len(whole) == total == store_count(path)
    keys = ["article_id", "sentence_index", "narrative", "detector"]
    assert joined[keys].equals(whole[keys])
    assert page[keys].reset_index(drop=True).equals(joined[keys].iloc[7:14].reset_index(drop=True))
    assert 0 < family < total


def store_count(path: Path) -> int:
    with Store(path, read_only=True) as store:
        return store.count("hits")


def test_replace_item_coding_touches_one_item_of_one_coder(tmp_path: Path) -> None:
    path = kwic_store(tmp_path / "k.duckdb", n=3)
    with Store(path) as store:
        ids = sorted(store.article_index()["id"])
        store.write_annotations([Annotation(ids[0], "x", "ann")], "file")
        store.replace_item_coding("adj", ids[0], None, [Annotation(ids[0], "a", "adj")])
        store.replace_item_coding("adj", ids[0], 1, [Annotation(ids[0], "b", "adj", 1)])
        store.replace_item_coding("adj", ids[0], None, [Annotation(ids[0], "c", "adj")])
        frame = store.annotations()
        spans = store.sentence_spans([(ids[0], 0), (ids[0], 999)])
    got = sorted(zip(frame["annotator"], frame["label"], strict=True))
    assert got == [("adj", "b"), ("adj", "c"), ("ann", "x")]
    assert list(spans) == [(ids[0], 0)]
