"""Quote attribution on real English news: PolNeAR (train and dev splits only), speed per article.

PolNeAR (networkdynamics/PolNeAR, political news of 2015-2016, BRAT standoff annotations of
attribution relations: source / cue / content) is read from a local copy; no text of it is
stored or printed. The test split is refused.

Scores (one annotation file per article: the first annotator in name order):
- content: a predicted quote is correct when its span overlaps a gold content span; recall
  counts gold contents so overlapped;
- speaker: as content, and the speaker is right: the predicted speaker's head word (surname,
  or the head noun of a phrase such as "officials"; an actor's registry name for known actors)
  occurs in the gold source span; when the gold source is a pronoun, in the 600 characters
  before it (the antecedent). Gold relations without a source count for content only.
Each score is given for all gold attributions and for those whose cue holds a speech verb
(``said``, ``told``, ``according to`` …, the list below), the part a quote extractor aims at.
Speed: wall and CPU milliseconds per article for NER (on candidate sentences) + quotes.

Usage: python bench/bench_polnear.py [--data DIR] [--split train|dev ...] [--limit N]
       (DIR defaults to $NARRASCOPE_POLNEAR; prints JSON; exits 0 with a note when the data is
       absent)
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = os.environ.get("NARRASCOPE_POLNEAR")
PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "his", "their"}
SPEECH_CUE = re.compile(
    r"\b(said|say|says|saying|told|tell|tells|according|added|adds|stated|states|announced|"
    r"declared|explained|noted|notes|wrote|writes|tweeted|asked|asks|argued|argues|insisted|"
    r"claimed|claims|warned|stressed|replied|responded|acknowledged|admitted|confirmed|"
    r"reported|reports|suggested|continued|recalled|called|quoted)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[\w.’'-]+")


@dataclass
class Relation:
    """One gold attribution: content spans, the source span and its text, the cue text."""

    content: list[tuple[int, int]]
    source: tuple[int, int] | None
    source_text: str
    cue: str


@dataclass
class Doc:
    name: str
    text: str
    relations: list[Relation] = field(default_factory=list)


def _spans(field_text: str) -> list[tuple[int, int]]:
    out = []
    for part in field_text.split(";"):
        a, b = part.split()
        out.append((int(a), int(b)))
    return out


def parse_ann(path: Path) -> list[Relation]:
    """Attribution relations of one BRAT ``.ann`` file."""
    spans: dict[str, tuple[str, list[tuple[int, int]], str]] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if line.startswith("T") and len(cols) >= 2:
            kind, _, offsets = cols[1].partition(" ")
            spans[cols[0]] = (kind, _spans(offsets), cols[2] if len(cols) > 2 else "")
        elif line.startswith("E") and len(cols) >= 2:
            parts = cols[1].split()
            events.append(dict(p.split(":", 1) for p in parts))
    out = []
    for event in events:
        roles = {k.rstrip("0123456789"): v for k, v in event.items()}
        content = spans.get(roles.get("Content", ""))
        if content is None:
            continue
        source = spans.get(roles.get("Source", ""))
        cue = spans.get(roles.get("Cue", ""))
        out.append(
            Relation(
                content=content[1],
                source=(source[1][0][0], source[1][-1][1]) if source else None,
                source_text=source[2] if source else "",
                cue=cue[2] if cue else "",
            )
        )
    return out


def load_split(data: Path, split: str) -> Iterator[Doc]:
    """The articles of ``split`` with the relations of their first annotation file."""
    if split not in ("train", "dev"):
        raise SystemExit(f"bench_polnear: split {split!r} refused (train and dev only)")
    folder = data / "data" / split
    anns: dict[str, Path] = {}
    for ann in sorted((folder / "attributions").glob("*.ann")):
        anns.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    for txt in sorted((folder / "text").glob("*.txt")):
        ann_path = anns.get(txt.stem)
        if ann_path is None:
            continue
        yield Doc(txt.stem, txt.read_text(encoding="utf-8"), parse_ann(ann_path))


def _words(text: str) -> list[str]:
    return [
        w.lower().strip(".’'-").removesuffix("’s").removesuffix("'s") for w in _WORD.findall(text)
    ]


def head_word(speaker: str, actor_id: str | None) -> frozenset[str]:
    """The words a predicted speaker is recognised by: surname or head noun; for a registry
    actor, the last word of its name and of each English alias ("press" or "ap")."""
    names = [speaker]
    if actor_id:
        from narrascope.actors import default_registry

        actor = default_registry().get(actor_id)
        names = [actor.name, *actor.aliases.get("en", ())] if actor else names
    heads = (_words(name) for name in names)
    return frozenset(words[-1] for words in heads if words and words[-1])


def speaker_ok(doc: Doc, rel: Relation, head: frozenset[str]) -> bool:
    """Whether the predicted speaker (one of its head words) is the gold source."""
    if rel.source is None or not head:
        return False
    words = _words(rel.source_text)
    if head & set(words):
        return True
    if words and all(w in PRONOUNS for w in words):
        before = doc.text[max(0, rel.source[0] - 600) : rel.source[0]]
        return bool(head & set(_words(before)))
    return False


def _overlaps(a: int, b: int, spans: list[tuple[int, int]]) -> bool:
    return any(min(b, e) > max(a, s) for s, e in spans)


def predict(doc: Doc, tools: Any) -> list[dict[str, Any]]:
    """Quotes of one article (NER on candidate sentences, as ``narrascope analyze`` runs it)."""
    from narrascope.text import segment

    sys.path.insert(0, str(ROOT / "bench"))
    from bench_quotes import make_article

    actors, quotes = tools
    article = make_article(doc.text, "en", doc.name)
    sentences = segment(article.id, article.text, "en")
    only = quotes.candidate_sentences(article, sentences)
    mentions = actors.extract(article, sentences, only_sentences=only)
    return [
        {"start": q.char_start, "end": q.char_end, "head": head_word(q.speaker, q.actor_id)}
        for q in quotes.extract(article, sentences, mentions)
    ]


def _prf(tp_p: int, n_p: int, tp_g: int, n_g: int) -> dict[str, float]:
    p = tp_p / n_p if n_p else 1.0
    r = tp_g / n_g if n_g else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def score(
    docs: list[Doc], predicted: list[list[dict[str, Any]]], speech_only: bool
) -> dict[str, Any]:
    """Content and speaker P/R/F1 over ``docs``."""
    counts = dict.fromkeys(("n_pred", "n_gold", "n_gold_src", "c_p", "c_g", "s_p", "s_g"), 0)
    for doc, preds in zip(docs, predicted, strict=True):
        gold = [r for r in doc.relations if not speech_only or SPEECH_CUE.search(r.cue)]
        allc = [s for r in doc.relations for s in r.content]
        counts["n_gold"] += len(gold)
        counts["n_gold_src"] += sum(r.source is not None for r in gold)
        for p in preds:
            # a prediction on a non-speech gold relation is not held against speech-only scores
            if (
                speech_only
                and _overlaps(p["start"], p["end"], allc)
                and not any(_overlaps(p["start"], p["end"], r.content) for r in gold)
            ):
                continue
            counts["n_pred"] += 1
            hits = [r for r in gold if _overlaps(p["start"], p["end"], r.content)]
            counts["c_p"] += bool(hits)
            counts["s_p"] += any(speaker_ok(doc, r, p["head"]) for r in hits)
        for r in gold:
            hits = [p for p in preds if _overlaps(p["start"], p["end"], r.content)]
            counts["c_g"] += bool(hits)
            counts["s_g"] += r.source is not None and any(
                speaker_ok(doc, r, p["head"]) for p in hits
            )
    return {
        "n_gold": counts["n_gold"],
        "n_predicted": counts["n_pred"],
        "content": _prf(counts["c_p"], counts["n_pred"], counts["c_g"], counts["n_gold"]),
        "speaker": _prf(counts["s_p"], counts["n_pred"], counts["s_g"], counts["n_gold_src"]),
    }


def run_split(data: Path, split: str, limit: int | None, tools: Any) -> dict[str, Any]:
    docs = list(load_split(data, split))[:limit]
    wall, cpu = time.perf_counter(), time.process_time()
    predicted = [predict(d, tools) for d in docs]
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return {
        "articles": len(docs),
        "mean_chars": round(sum(len(d.text) for d in docs) / max(len(docs), 1)),
        "ms_per_article_wall": round(1000 * wall / max(len(docs), 1), 1),
        "ms_per_article_cpu": round(1000 * cpu / max(len(docs), 1), 1),
        "all_attributions": score(docs, predicted, speech_only=False),
        "speech_cue_attributions": score(docs, predicted, speech_only=True),
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT, help="PolNeAR checkout")
    parser.add_argument("--split", nargs="+", default=["dev", "train"], help="train and/or dev")
    parser.add_argument("--limit", type=int, default=None, help="first N articles of a split")
    parser.add_argument(
        "--no-syntax", action="store_true", help="rules only (no parse of reported speech)"
    )
    args = parser.parse_args(argv)
    if args.data is None or not (args.data / "data").is_dir():
        print(f"bench_polnear: no PolNeAR data at {args.data}; skipped (pass --data DIR)")
        return 0
    warnings.filterwarnings("ignore")
    from narrascope.actors import ActorExtractor, QuoteExtractor

    actors = ActorExtractor()
    tools = actors, QuoteExtractor(actors.registry, syntax=() if args.no_syntax else ("en",))
    predict(Doc("warm", "Warm-up, he said. “Yes,” Lavrov said."), tools)
    report = {s: run_split(args.data, s, args.limit, tools) for s in args.split}
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    raise SystemExit(main(sys.argv[1:]))
