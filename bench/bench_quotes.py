"""Quote attribution benchmark: accuracy on the gold passages and throughput (EN and RU).

Accuracy (per language, NER on all sentences, on quote sentences only, and registry only):
- speaker: a predicted quote is correct when its span overlaps a gold quote with the same
  speaker (actor id, or name compared by lemmas); recall counts gold quotes so matched;
- span exact: identical offsets; span overlap: the overlap covers >= 50% of the longer span.
Throughput: articles/s for NER + quotes over the bundled sample corpus (synthetic articles),
NER on all sentences, only on candidate quote sentences (``QuoteExtractor.candidate_sentences``)
or on none (registry aliases only).

Usage: python bench/bench_quotes.py [--repeat N] [--accuracy-only] [--sets en ru_news ...]
       [--syntax [LANG ...]]   (prints JSON; --syntax: languages whose unattributed speech
       sentences get a dependency parse in the NER modes, default en; registry_only never parses)
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import warnings
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "quotes"
SAMPLE = ROOT / "src" / "narrascope" / "sample" / "articles.jsonl"
MODES = ("ner_all", "ner_quote_sentences", "registry_only")
SETS = ("en", "ru", "en_heldout", "ru_heldout", "ru_news", "ru_news_heldout")
SYNTAX: tuple[str, ...] | None = None  # languages parsed (--syntax; None: the library default)


def load_gold(name: str) -> list[dict[str, Any]]:
    """The gold passages of ``name``: ``en``, ``ru``, ``en_heldout``, ``ru_heldout``,
    ``ru_news`` or ``ru_news_heldout`` (bench/data/quotes_ru_news*.src.txt: ~100 + 29 varied
    Russian news-style passages written by us, parsed with the markup of
    tests/data/quotes/build_gold.py)."""
    if name.startswith("ru_news"):
        import importlib.util

        spec = importlib.util.spec_from_file_location("build_gold", GOLD / "build_gold.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        source = (ROOT / "bench" / "data" / f"quotes_{name}.src.txt").read_text(encoding="utf-8")
        lines = [line for line in source.splitlines() if not line.startswith("#")]
        blocks = "\n".join(lines).split("\n---\n")
        records: list[dict[str, Any]] = [module.parse_block(b) for b in blocks if b.strip()]
        for record in records:
            module.check(record)
        return records
    path = GOLD / f"gold_{name}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def same_speaker(predicted: str, gold: str, language: str) -> bool:
    """Speakers agree: same id or name, case-insensitive, or the same lemmas."""
    from narrascope.actors import lemma_key

    if predicted.casefold() == gold.casefold():
        return True
    return lemma_key(predicted, language) == lemma_key(gold, language)


def _overlap(a: dict[str, Any], b: dict[str, Any]) -> int:
    return max(0, min(a["end"], b["end"]) - max(a["start"], b["start"]))


def _prf(tp_pred: int, n_pred: int, tp_gold: int, n_gold: int) -> dict[str, float]:
    p = tp_pred / n_pred if n_pred else 1.0
    r = tp_gold / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def score_quotes(
    gold: Sequence[Sequence[dict[str, Any]]],
    predicted: Sequence[Sequence[dict[str, Any]]],
    language: str,
) -> dict[str, Any]:
    """P/R/F1 of speaker attribution and of quote spans (exact, overlap >= 50%).

    Args:
        gold: per passage, quotes as ``{"speaker", "start", "end", ...}``.
        predicted: per passage, predicted quotes in the same shape.
        language: for comparing surface speakers by lemmas.
    """
    checks: dict[str, Callable[[dict[str, Any], dict[str, Any]], bool]] = {
        "speaker": lambda p, g: (
            _overlap(p, g) > 0 and same_speaker(p["speaker"], g["speaker"], language)
        ),
        "span_exact": lambda p, g: (p["start"], p["end"]) == (g["start"], g["end"]),
        "span_overlap50": lambda p, g: (
            _overlap(p, g) >= 0.5 * max(p["end"] - p["start"], g["end"] - g["start"])
        ),
    }
    n_pred = sum(len(p) for p in predicted)
    n_gold = sum(len(g) for g in gold)
    out: dict[str, Any] = {"n_gold": n_gold, "n_predicted": n_pred}
    for name, ok in checks.items():
        tp_pred = sum(
            any(ok(p, g) for g in gs) for ps, gs in zip(predicted, gold, strict=True) for p in ps
        )
        tp_gold = sum(
            any(ok(p, g) for p in ps) for ps, gs in zip(predicted, gold, strict=True) for g in gs
        )
        out[name] = _prf(tp_pred, n_pred, tp_gold, n_gold)
    return out


def make_article(text: str, language: str, article_id: str = "gold") -> Any:
    from narrascope.records import Article

    return Article(
        id=article_id,
        url=None,
        outlet="gold",
        language=language,
        published_at=None,
        title=None,
        text=text,
        source_path=None,
        raw_sha256="",
        ingested_at=datetime.now(UTC),
        extractor="gold",
    )


def _extractor(mode: str) -> Any:
    from narrascope.actors.quotes import SYNTAX_LANGUAGES, QuoteExtractor

    syntax = SYNTAX_LANGUAGES if SYNTAX is None else SYNTAX
    return QuoteExtractor(syntax=() if mode == "registry_only" else syntax)


def predict(text: str, language: str, mode: str) -> list[dict[str, Any]]:
    """Quotes of one passage as plain dicts, with NER per ``mode``."""
    from narrascope.actors import ActorExtractor
    from narrascope.text import segment

    article = make_article(text, language)
    sentences = segment(article.id, text, language)
    quotes = _extractor(mode)
    mentions = None
    if mode == "ner_all":
        mentions = ActorExtractor().extract(article, sentences)
    elif mode == "ner_quote_sentences":
        only = quotes.candidate_sentences(article, sentences)
        mentions = ActorExtractor().extract(article, sentences, only_sentences=only)
    return [
        {"speaker": q.speaker, "start": q.char_start, "end": q.char_end, "kind": q.kind}
        for q in quotes.extract(article, sentences, mentions)
    ]


def accuracy(name: str, mode: str) -> dict[str, Any]:
    """Scores on the gold set ``name`` (its language is the name's first two letters)."""
    language = name[:2]
    records = load_gold(name)
    predicted = [predict(r["text"], language, mode) for r in records]
    return score_quotes([r["quotes"] for r in records], predicted, language)


def _articles(language: str) -> list[str]:
    """Texts of the bundled sample corpus (synthetic news articles) in ``language``."""
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    return [r["text"] for r in map(json.loads, filter(None, lines)) if r["language"] == language]


def _ner_sentences(quotes: Any, article: Any, sentences: list[Any], mode: str) -> set[int] | None:
    """The sentences NER runs on in ``mode`` (None: all of them)."""
    if mode == "ner_all":
        return None
    if mode == "registry_only":
        return set()
    return quotes.candidate_sentences(article, sentences)


def throughput(language: str, mode: str, repeat: int) -> dict[str, float]:
    """Articles per second for NER + quotes (models loaded): best and median of ``repeat``
    passes over the corpus (the best pass is the least disturbed by other load)."""
    from narrascope.actors import ActorExtractor
    from narrascope.text import segment

    actors = ActorExtractor()
    quotes = _extractor(mode)
    articles = [make_article(t, language, f"a{i}") for i, t in enumerate(_articles(language))]
    prepared = [(a, segment(a.id, a.text, language)) for a in articles]
    ner_sentences, passes, cpu = 0, [], []
    for _ in range(repeat):
        started, cpu_started = time.perf_counter(), time.process_time()
        for article, sentences in prepared:
            only = _ner_sentences(quotes, article, sentences, mode)
            ner_sentences += len(sentences) if only is None else len(only)
            mentions = actors.extract(article, sentences, only_sentences=only)
            quotes.extract(article, sentences, mentions)
        passes.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
    total = repeat * sum(len(s) for _, s in prepared)
    return {
        "articles": len(prepared),
        "mean_chars": round(sum(len(a.text) for a in articles) / len(articles)),
        "ner_sentence_share": round(ner_sentences / total, 3),
        "articles_per_s": round(len(prepared) / min(passes), 1),
        "articles_per_s_median": round(len(prepared) / sorted(passes)[len(passes) // 2], 1),
        "articles_per_cpu_s": round(len(prepared) / min(cpu), 1),  # steadier under load
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="passes over the articles")
    parser.add_argument("--accuracy-only", action="store_true", help="skip throughput")
    parser.add_argument("--sets", nargs="+", default=list(SETS), help="gold sets to score")
    parser.add_argument(
        "--syntax", nargs="*", default=None, help="languages to parse (default: the library's)"
    )
    args = parser.parse_args(argv)
    global SYNTAX
    if args.syntax is not None:
        SYNTAX = tuple(args.syntax)
    warnings.filterwarnings("ignore")
    report: dict[str, Any] = {"accuracy": {}, "throughput": {}}
    for name in args.sets:
        report["accuracy"][name] = {mode: accuracy(name, mode) for mode in MODES}
    for language in () if args.accuracy_only else ("en", "ru"):
        throughput(language, "ner_all", 1)  # warm-up: models and lemma caches
        report["throughput"][language] = {
            mode: throughput(language, mode, args.repeat) for mode in MODES
        }
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    raise SystemExit(main(sys.argv[1:]))
