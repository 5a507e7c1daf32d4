"""Exact and near-duplicate detection: signatures, the band index, the deduplicator."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from narrascope.ingest import IngestOptions, ingest
from narrascope.ingest import dedup as dedup_module
from narrascope.ingest._lsh import BandIndex, band_params
from narrascope.ingest.dedup import Deduplicator
from narrascope.ingest.fingerprint import content_hash, signature, similarity
from narrascope.store import Store
from narrascope.store._dedup import KIND_ORIGIN

VOCAB = [
    "minister", "talks", "sanctions", "trade", "energy", "partner", "summit", "treaty",
    "grain", "corridor", "security", "india", "china", "russia", "moscow", "beijing",
    "delhi", "geneva", "vienna", "officials", "said", "tuesday", "agreed", "review",
    "expand", "deepen", "pressure", "west", "double", "standards", "multipolar", "world",
]  # fmt: skip


def _article_words(seed: int, n: int = 300) -> list[str]:
    rng = random.Random(seed)
    return [rng.choice(VOCAB) + str(rng.randrange(50)) for _ in range(n)]


def _sig(words: list[str]) -> bytes:
    result = signature(words, shingle_size=5, num_perm=64)
    assert result is not None
    return result


# -- signatures ---------------------------------------------------------------------------------
def test_signature_shape_and_short_texts() -> None:
    assert len(_sig(["one", "two", "three", "four", "five"])) == 256
    assert signature(["only", "four", "words", "here"]) is None


def test_signature_is_pinned() -> None:
    """Stored signatures must stay comparable across versions: pin one."""
    words = ["the", "quick", "brown", "fox", "jumps", "over", "the", "lazy", "dog", "again"]
    assert _sig(words)[:16].hex() == PINNED_PREFIX


PINNED_PREFIX = "1d1f5f2201b0cd0b19e7e5232655a342"


def test_signature_is_identical_in_another_process() -> None:
    words = _article_words(1)
    code = (
        "import sys; from narrascope.ingest.fingerprint import signature; "
        "sys.stdout.write(signature(sys.argv[1].split()).hex())"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run(
        [sys.executable, "-c", code, " ".join(words)], capture_output=True, text=True, env=env
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout == _sig(words).hex()


def test_similarity_tracks_jaccard() -> None:
    words = _article_words(2)
    edited = list(words)
    edited[100:105] = ["changed"] * 5
    assert similarity(_sig(words), _sig(words)) == 1.0
    assert 0.8 <= similarity(_sig(words), _sig(edited)) < 1.0
    assert similarity(_sig(words), _sig(_article_words(3))) < 0.2


# -- the band index -----------------------------------------------------------------------------
def test_band_params_match_datasketch() -> None:
    from datasketch import MinHashLSH

    for threshold, num_perm, weights in [(0.9, 64, (0.1, 0.9)), (0.8, 128, (0.5, 0.5))]:
        lsh = MinHashLSH(threshold=threshold, num_perm=num_perm, weights=weights)
        assert band_params(threshold, num_perm, weights) == (lsh.b, lsh.r)


def test_band_index_finds_the_same_candidates_as_datasketch() -> None:
    from datasketch import LeanMinHash, MinHashLSH

    rng = np.random.default_rng(7)
    base = rng.integers(0, 2**32, size=(6000, 64), dtype=np.uint32)
    base[3000:4000] = base[:1000]  # planted copies ...
    base[3000:4000, :30] = rng.integers(0, 2**32, size=(1000, 30), dtype=np.uint32)  # ... edited
    bands, rows = band_params(0.9, 64, (0.1, 0.9))
    ours = BandIndex(bands, rows)
    reference = MinHashLSH(num_perm=64, params=(bands, rows))
    for item, values in enumerate(base[:5000]):
        ours.insert(item, ours.band_keys(values))
        reference.insert(item, LeanMinHash(seed=1, hashvalues=values, scheme="affine32"))
    for values in base[2500:6000:7]:
        expected = set(reference.query(LeanMinHash(seed=1, hashvalues=values, scheme="affine32")))
        assert ours.query(ours.band_keys(values)) == expected


# -- the deduplicator ---------------------------------------------------------------------------
def test_exact_near_and_distinct() -> None:
    dedup = Deduplicator(threshold=0.9, num_perm=64)
    words = _article_words(4)
    copy = [*words, "first", "published", "by", "an", "agency"]
    assert dedup.check("a", content_hash(words), _sig(words)) == (None, None)
    assert dedup.check("b", content_hash(words), _sig(words)) == ("a", "exact")
    assert dedup.check("c", content_hash(copy), _sig(copy)) == ("a", "near")
    other = _article_words(5)
    assert dedup.check("d", content_hash(other), _sig(other)) == (None, None)
    assert len(dedup) == 2


def test_short_texts_get_exact_dedup_only() -> None:
    dedup = Deduplicator()
    short = ["talks", "resumed", "in", "geneva"]
    assert dedup.check("a", content_hash(short), None) == (None, None)
    assert dedup.check("b", content_hash(short), None) == ("a", "exact")
    other = ["talks", "resumed", "in", "vienna"]
    assert dedup.check("c", content_hash(other), None) == (None, None)


def test_earliest_canonical_wins_on_ties() -> None:
    dedup = Deduplicator()
    words = _article_words(6)
    first, second = [*words, "x1"], [*words, "x2"]
    dedup.check("first", content_hash(first), _sig(first))
    assert dedup.check("second", content_hash(second), _sig(second)) == ("first", "near")
    third = [*words, "x3"]
    assert dedup.check("third", content_hash(third), _sig(third)) == ("first", "near")


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(VOCAB), min_size=1, max_size=80),
    st.lists(st.sampled_from([" ", "  ", "\n", "\t", "\n\n"]), min_size=80, max_size=80),
    st.booleans(),
)
def test_whitespace_and_case_variants_cluster(
    words: list[str], gaps: list[str], upper: bool
) -> None:
    text = " ".join(words)
    variant = "".join(w + g for w, g in zip(words, gaps, strict=False))
    variant = variant.upper() if upper else variant.title()
    dedup = Deduplicator()
    first = text.casefold().split()
    second = variant.casefold().split()
    dedup.check("a", content_hash(first), signature(first))
    assert dedup.check("b", content_hash(second), signature(second)) == ("a", "exact")


def test_store_seeded_deduplicator_finds_copies_of_stored_articles(
    tmp_path: Path, store: Store
) -> None:
    text = " ".join(_article_words(8))
    first = tmp_path / "first.jsonl"
    first.write_text(f'{{"text": "{text}"}}\n', encoding="utf-8")
    second = tmp_path / "second.jsonl"
    second.write_text(f'{{"text": "{text} with a new closing line."}}\n', encoding="utf-8")
    ingest([first], store, options=IngestOptions(workers=1))
    summary = ingest([second], store, options=IngestOptions(workers=1))
    assert summary.totals.near_duplicates == 1
    clusters = store.duplicate_clusters()
    assert list(clusters["dup_kind"]) == ["near"]


@pytest.mark.parametrize("threshold", [0.5, 0.99])
def test_threshold_is_respected(threshold: float) -> None:
    dedup = Deduplicator(threshold=threshold)
    words = _article_words(9)
    edited = list(words)
    for i in range(0, 300, 30):
        edited[i] = "changed"
    dedup.check("a", content_hash(words), _sig(words))
    estimated = similarity(_sig(words), _sig(edited))
    result = dedup.check("b", content_hash(edited), _sig(edited))
    assert result == (("a", "near") if estimated >= threshold else (None, None))


# -- the store-backed deduplicator ------------------------------------------------------------
def _stream(n_originals: int = 12) -> list[tuple[str, list[str]]]:
    """Originals with exact and lightly edited copies interleaved, as (id, words)."""
    items: list[tuple[str, list[str]]] = []
    for k in range(n_originals):
        words = _article_words(100 + k)
        items.append((f"o{k}", words))
        if k % 3 == 0:
            items.append((f"e{k}", list(words)))
        if k % 4 == 1:
            items.append((f"n{k}", [*words, "reported", "by", "a", "wire"]))
    return items


def _assign_in_batches(dedup: Deduplicator, store: Store, items: list, size: int) -> list:
    from tests.conftest import make_article

    out = []
    for i in range(0, len(items), size):
        batch = items[i : i + size]
        articles = [
            replace(make_article(" ".join(w)), id=aid, content_hash=content_hash(w))
            for aid, w in batch
        ]
        sigs = [_sig(w) for _, w in batch]
        assigned = dedup.assign_batch(articles, sigs)
        canonical = {a.id: s for a, s in zip(assigned, sigs, strict=True) if a.dup_kind is None}
        store.append_articles(assigned, [b""] * len(assigned), canonical, dedup.index_entries())
        dedup.forget()
        out += [(a.id, a.canonical_id, a.dup_kind) for a in assigned]
    return out


@pytest.mark.parametrize("cached", [1, 20_000])
@pytest.mark.parametrize("batch_size", [1, 4, 100])
def test_store_backed_dedup_matches_the_in_memory_one(
    store: Store, batch_size: int, cached: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Same answers whether candidate signatures come from the cache or from the store."""
    monkeypatch.setattr(dedup_module, "_RECENT_SIGNATURES", cached)
    items = _stream()
    memory = Deduplicator()
    expected = [(aid, *memory.check(aid, content_hash(w), _sig(w))) for aid, w in items]
    dedup = Deduplicator.from_store(store)
    assert _assign_in_batches(dedup, store, items, batch_size) == expected
    kinds = [kind for _, _, kind in expected]
    assert kinds.count("exact") == 4 and kinds.count("near") == 3


def test_store_backed_dedup_holds_only_the_current_batch(store: Store) -> None:
    dedup = Deduplicator.from_store(store)
    _assign_in_batches(dedup, store, _stream(), 5)
    ids, keys = dedup.index_entries()
    assert (len(dedup), ids, keys.shape[0]) == (0, [], 0)
    canonicals = store.query("SELECT count(*) AS n FROM articles WHERE dup_kind IS NULL")
    assert store.count("minhashes") == int(canonicals["n"][0])
    kinds = store.query("SELECT kind, count(*) AS n FROM lookup_keys GROUP BY 1 ORDER BY 1")
    n, stored = int(canonicals["n"][0]), int(store.count("articles"))
    assert kinds["n"].tolist() == [stored, n] + [n] * 5 + [stored]  # ids, texts, bands, origins


def test_lsh_bands_are_rebuilt_when_the_threshold_changes(store: Store) -> None:
    items = _stream(4)
    _assign_in_batches(Deduplicator.from_store(store, threshold=0.9), store, items, 2)
    strict_layout = store.lsh_layout()
    loose = Deduplicator.from_store(store, threshold=0.5)
    assert store.lsh_layout() == loose.layout != strict_layout
    kinds = store.query("SELECT DISTINCT kind FROM lookup_keys ORDER BY kind")["kind"].tolist()
    assert kinds == [*range(2 + loose._bands), KIND_ORIGIN]
    edited = list(items[0][1])
    for i in range(0, 300, 40):
        edited[i] = "changed"
    assert 0.5 <= similarity(_sig(items[0][1]), _sig(edited)) < 0.9
    result = _assign_in_batches(loose, store, [("late", edited)], 1)
    assert result == [("late", "o0", "near")]
