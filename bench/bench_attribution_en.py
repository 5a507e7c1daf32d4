"""Speaker attribution on real English news articles about the war in Ukraine and climate
change: the public SemEval-2025 Task 10 training articles in English, our annotations.

Data, read from a local copy (no text is stored here): ``SEMEVAL/EN/raw-documents/*.txt``
(``--semeval``, the folder that ``bench_semeval.py --data`` takes; the text is the whole file,
as the SemEval import reads it); splits semeval-en-tune, semeval-en-tune2, semeval-en-tune3,
semeval-en-test and semeval-en-test2 (20 articles each, by article; round 11), and
semeval-en-tune4, semeval-en-tune5 (20 each, drawn from the articles left; round 16), and
semeval-en-tune6 (18: two copies of tune2 articles left out), semeval-en-tune7 (20; round 16).
Never the task's dev or test documents.
The gold (``bench/data/en_attribution_gold.jsonl``) is standoff only, in the format of the
Russian benchmark's gold (``bench_attribution_ru.py``): file, the SHA-256 of the text, and per
attribution the speaker's name (``A|B``: names that all count), its type (per / org / noun), the
offsets of the words naming it and of the content, and the split. An article whose text no
longer hashes the same, or is missing, is named and left out; without the folder the benchmark
exits 0 with a note. Guideline, splits and scores: docs/benchmarks.md.

Scores as in the Russian benchmark (the article is one document, NER on candidate sentences as
``narrascope analyze`` runs it): content P/R/F1 by span overlap; speaker P/R/F1 when the content
overlaps and the speaker matches (same registry actor, same actor key, or the same name by
lemmas: a person by surname, a body or phrase when one name's lemmas lie within the other's with
the same head noun, the last word before "of"/"in"/… in English).

Usage: python bench/bench_attribution_en.py [--semeval SEMEVAL] [--split semeval-en-tune(2..7)|
       semeval-en-test(2)|all|a+b] [--errors]   (SEMEVAL defaults to $NARRASCOPE_SEMEVAL; prints
       JSON; --errors lists missed and wrong attributions with the article text on stderr:
       local use only)
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import warnings
from pathlib import Path
from typing import Any

import bench_attribution_ru as ru

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "bench" / "data" / "en_attribution_gold.jsonl"
SPLITS = (
    "semeval-en-tune",
    "semeval-en-tune2",
    "semeval-en-tune3",
    "semeval-en-tune4",
    "semeval-en-tune5",
    "semeval-en-tune6",
    "semeval-en-tune7",
    "semeval-en-test",
    "semeval-en-test2",
)
INSIDE = Path("EN") / "raw-documents"


def parse_split(value: str) -> frozenset[str]:
    """``all`` or splits joined by ``+``; an unknown name is an error."""
    names = SPLITS if value == "all" else tuple(value.split("+"))
    for wanted in names:
        if wanted not in SPLITS:
            raise argparse.ArgumentTypeError(
                f"unknown split {wanted}: use all, or {' / '.join(SPLITS)} joined by +"
            )
    return frozenset(names)


def load_articles(folder: Path, splits: frozenset[str]) -> tuple[list[ru.Post], list[str]]:
    """Articles of ``splits`` whose text still hashes as annotated, and a note per one left out."""
    posts, notes = [], []
    for n, line in enumerate(GOLD.read_text(encoding="utf-8").splitlines(), 1):
        row = json.loads(line)
        if row["split"] not in splits:
            continue
        path = folder / INSIDE / row["file"]
        if not path.is_file():
            notes.append(f"{GOLD.name}:{n}: {path} not found (pass --semeval DIR); left out")
            continue
        text = path.read_bytes().decode("utf-8-sig", errors="replace")
        if hashlib.sha256(text.encode("utf-8")).hexdigest() != row["sha256"]:
            notes.append(f"{GOLD.name}:{n}: {path} text changed; left out")
            continue
        posts.append(ru.Post(f"semeval-en:{row['file']}", text, None, row["attributions"], "en"))
    return posts, notes


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--semeval", type=Path, default=ru.SEMEVAL, help="SemEval data folder (holds EN/)"
    )
    parser.add_argument(
        "--split", type=parse_split, default="semeval-en-tune", help="a split, all, or a+b"
    )
    parser.add_argument("--errors", action="store_true", help="list errors on stderr")
    args = parser.parse_args(argv)
    if args.semeval is None or not (Path(args.semeval) / INSIDE).is_dir():
        print(
            f"bench_attribution_en: no SemEval English articles under {args.semeval} "
            f"({INSIDE}); skipped (pass --semeval DIR)"
        )
        return 0
    warnings.filterwarnings("ignore")
    from narrascope.actors import ActorExtractor, QuoteExtractor

    posts, notes = load_articles(Path(args.semeval), args.split)
    for note in notes:
        print(note, file=sys.stderr)
    actors = ActorExtractor()
    tools = actors, QuoteExtractor(actors.registry)
    ru.predict(ru.Post("warm", "Lavrov said the talks went well.", None, [], "en"), tools)
    report: dict[str, Any] = {
        "split": "+".join(s for s in SPLITS if s in args.split),
        "left_out": len(notes),
        **ru.run(posts, tools, args.errors),
    }
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    raise SystemExit(main(sys.argv[1:]))
