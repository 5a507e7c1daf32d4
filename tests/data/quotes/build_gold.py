"""Build gold_*.jsonl from the marked-up gold_*.src.txt (en, ru and the held-out sets).

Markup: ``[[speaker|d|text]]`` (direct) or ``[[speaker|r|text]]`` (reported). Blocks are separated
by a line ``---``; the lines of a block are paragraphs (joined by a blank line); lines starting
with ``#`` before the first block are comments.

Usage: python tests/data/quotes/build_gold.py [--check]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).parent
KINDS = {"d": "direct", "r": "reported"}
MARKS = "«»“”„\"‘’'"


def parse_block(block: str) -> dict:
    """One marked-up passage -> ``{"text", "quotes"}`` with offsets into the clean text."""
    source = "\n\n".join(line.strip() for line in block.strip().splitlines() if line.strip())
    out: list[str] = []
    quotes = []
    pos = 0
    while (start := source.find("[[", pos)) >= 0:
        out.append(source[pos:start])
        head_end = source.index("|", source.index("|", start) + 1)
        speaker, kind = source[start + 2 : head_end].split("|")
        close = source.index("]]", head_end)
        span = source[head_end + 1 : close]
        offset = sum(len(part) for part in out)
        quotes.append(
            {"speaker": speaker, "start": offset, "end": offset + len(span), "kind": KINDS[kind]}
        )
        out.append(span)
        pos = close + 2
    out.append(source[pos:])
    return {"text": "".join(out), "quotes": quotes}


def check(record: dict) -> None:
    """Offsets inside the text, non-empty, trimmed, no quotation marks at the edges."""
    text = record["text"]
    assert "[[" not in text and "]]" not in text, text
    for q in record["quotes"]:
        span = text[q["start"] : q["end"]]
        assert 0 <= q["start"] < q["end"] <= len(text), q
        assert span == span.strip(), span
        assert span[0] not in MARKS and span[-1] not in MARKS, span


def build(name: str) -> list[dict]:
    """The records of ``gold_{name}.src.txt`` (``name``: en, ru, en_heldout, ...)."""
    source = (HERE / f"gold_{name}.src.txt").read_text(encoding="utf-8")
    lines = source.splitlines()
    while lines and lines[0].startswith("#"):
        lines.pop(0)
    blocks = "\n".join(lines).split("\n---\n")
    records = [parse_block(b) for b in blocks if b.strip()]
    for record in records:
        check(record)
    return records


def main(argv: list[str]) -> int:
    for source in sorted(HERE.glob("gold_*.src.txt")):
        name = source.name.removeprefix("gold_").removesuffix(".src.txt")
        records = build(name)
        target = HERE / f"gold_{name}.jsonl"
        text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
        if "--check" in argv:
            if target.read_text(encoding="utf-8") != text:
                print(f"{target} is out of date: run build_gold.py", file=sys.stderr)
                return 1
        else:
            target.write_text(text, encoding="utf-8")
        n = sum(len(r["quotes"]) for r in records)
        print(f"{name}: {len(records)} passages, {n} quotes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
