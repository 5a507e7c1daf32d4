"""Speaker attribution on real Russian news: Telegram posts and news-site articles, our annotations.

Data, read from local copies (no text is stored here):
- NKTKLN/telegram-news-classifier (Russian Telegram news channels, CC BY 4.0):
  ``DIR/<channel>_messages.json`` (``--data``); splits tune … tune13 and test … test5, by post;
- the public SemEval-2025 Task 10 training articles in Russian (news sites; the text is the whole
  file, as the SemEval import reads it): ``SEMEVAL/RU/raw-documents/*.txt`` (``--semeval``, the
  folder that ``bench_semeval.py --data`` takes); splits semeval-tune, semeval-tune2,
  semeval-tune3, semeval-test and semeval-test2, by article
  (rows with ``"corpus": "semeval"``). Never the task's dev or test documents;
- the factRuEval-2016 collection (dialogue-evaluation/factRuEval-2016: Russian Wikinews and
  «Частный корреспондент» articles, 2009–2015; the text is the whole file):
  ``FACTRU/devset|testset/*.txt`` (``--factru``, the repository folder); splits factru-tune,
  factru-tune2, factru-tune3, factru-tune4, factru-test, factru-test2 and factru-test3, by
  article (rows with ``"corpus": "factru"``; its NER annotations are not used).
The gold (``bench/data/ru_attribution_gold.jsonl``) is standoff only: file, message id, the
SHA-256 of the text, and per attribution the speaker's nominative name (``A|B``: names that all
count), its type (per / org / noun), the offsets of the words naming it and of the content, and
the split. A post whose text no longer hashes the same is reported and left out; a missing file
or message likewise; splits whose data folder is absent are skipped with a note.
Guideline and splits: docs/benchmarks.md.

Scores (the post is one article; NER on candidate sentences, as ``narrascope analyze`` runs it):
- content: a predicted quote is correct when its span overlaps a gold content span; recall
  counts gold contents so overlapped;
- speaker: as content, and the speaker matches that gold attribution's speaker: the predicted
  actor id is the registry actor a gold name names (roles on the post's date), or the actor
  keys agree (:func:`narrascope.actors.merge.actor_key`), or a predicted name (its registry
  name and aliases for a known actor) equals a gold name by lemmas; for a person, the same
  surname in Latin letters («Песков» = «Дмитрий Песков» = "Dmitry Peskov") or as written
  («Набиуллина» = «Эльвира Набиуллина», whose base form pymorphy3 reads as «Набиуллин»); for an
  organisation or noun phrase, one name's lemmas within the other's with the same head noun
  («СМИ» = «местные СМИ», «МИД» = «МИД России», but «Россия» is not «МИД России»); a leading
  English "The" is ignored ("Times" = "The Times").
Speed: wall and CPU milliseconds per post for NER (on candidate sentences) + quotes.

Usage: python bench/bench_attribution_ru.py --data DIR [--semeval SEMEVAL] [--factru FACTRU]
       [--split tune|…|tune13|test|…|test5|semeval-tune…3|semeval-test(2)|factru-tune…4|
       factru-test…3|all|tune+tune2] [--syntax en] [--errors] [--agreement]   (DIR defaults to
       $NARRASCOPE_TGNEWS, SEMEVAL to $NARRASCOPE_SEMEVAL, FACTRU to $NARRASCOPE_FACTRU; prints
       JSON; exits 0 with a note when the data is absent; --errors lists missed and wrong
       attributions of the split, with post text, on stderr: local use only; --agreement
       scores the second annotator's annotation of the posts it covers against the gold
       instead of narrascope: the agreement of two people, a ceiling for any system)
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
import warnings
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "bench" / "data" / "ru_attribution_gold.jsonl"
#: A second annotator's independent annotation of some posts (same format), for agreement.
SECOND = ROOT / "bench" / "data" / "ru_attribution_second.jsonl"
DEFAULT = os.environ.get("NARRASCOPE_TGNEWS")
SEMEVAL = os.environ.get("NARRASCOPE_SEMEVAL")
FACTRU = os.environ.get("NARRASCOPE_FACTRU")


@dataclass
class Post:
    """One annotated post: its text (re-read and verified) and gold attributions."""

    key: str
    text: str
    when: datetime | None
    gold: list[dict[str, Any]]
    language: str = "ru"


SPLITS = (
    "tune",
    "tune2",
    "tune3",
    "tune4",
    "tune5",
    "tune6",
    "tune7",
    "tune8",
    "tune9",
    "tune10",
    "tune11",
    "tune12",
    "tune13",
    "test",
    "test2",
    "test3",
    "test4",
    "test5",
    "semeval-tune",
    "semeval-tune2",
    "semeval-tune3",
    "semeval-test",
    "semeval-test2",
    "factru-tune",
    "factru-tune2",
    "factru-tune3",
    "factru-test",
    "factru-test2",
    "factru-tune4",
    "factru-test3",
)
#: Article corpora: the option naming each one's folder, and a file's place inside it.
ARTICLE_CORPORA = {
    "semeval": ("--semeval", Path("RU") / "raw-documents"),
    "factru": ("--factru", Path()),
}


def parse_split(value: str) -> frozenset[str]:
    """``all`` or splits joined by ``+`` (``tune+tune2``); an unknown name is an error."""
    names = SPLITS if value == "all" else tuple(value.split("+"))
    unknown = [n for n in names if n not in SPLITS]
    if unknown or not names:
        wanted = "+".join(unknown) or repr(value)
        raise argparse.ArgumentTypeError(
            f"unknown split {wanted}: use all, or {' / '.join(SPLITS)} joined by +"
        )
    return frozenset(names)


def _corpus_of(split: str) -> str:
    """The corpus a split's rows come from: an article corpus's name, else ``telegram``."""
    head = split.split("-")[0]
    return head if head in ARTICLE_CORPORA else "telegram"


def _file_article(row: dict[str, Any], folder: Path | None, n: int) -> Post | str:
    """An article of the gold held in a file (text = the whole file, as ``ingest`` reads it)."""
    corpus = row["corpus"]
    option, inside = ARTICLE_CORPORA[corpus]
    path = (folder or Path("-")) / inside / row["file"]
    if not path.is_file():
        return f"{GOLD.name}:{n}: {path} not found (pass {option} DIR); left out"
    text = path.read_bytes().decode("utf-8-sig", errors="replace")
    if hashlib.sha256(text.encode("utf-8")).hexdigest() != row["sha256"]:
        return f"{GOLD.name}:{n}: {path} text changed; left out"
    return Post(f"{corpus}:{row['file']}", text, None, row["attributions"])


def available_splits(splits: frozenset[str], folders: dict[str, Path | None]) -> frozenset[str]:
    """The asked splits whose corpus folder exists; a note on stderr for the others."""

    def have(split: str) -> bool:
        corpus = _corpus_of(split)
        folder = folders.get(corpus)
        inside = ARTICLE_CORPORA[corpus][1] if corpus in ARTICLE_CORPORA else Path()
        return folder is not None and (folder / inside).is_dir()

    kept = frozenset(s for s in splits if have(s))
    if kept and kept != splits:
        print(f"skipped (no data folder): {'+'.join(sorted(splits - kept))}", file=sys.stderr)
    return kept


def load_posts(
    folders: dict[str, Path | None], splits: frozenset[str]
) -> tuple[list[Post], list[str]]:
    """Posts of ``splits`` whose text still hashes as annotated, and one note per post left out.

    ``folders`` maps a corpus (``telegram``, ``semeval``, ``factru``) to its data folder.
    """
    from narrascope.ingest.telegram import flatten_text

    cache: dict[str, dict[int, dict[str, Any]]] = {}
    posts, notes = [], []
    for n, line in enumerate(GOLD.read_text(encoding="utf-8").splitlines(), 1):
        row = json.loads(line)
        if row["split"] not in splits:
            continue
        if row.get("corpus") in ARTICLE_CORPORA:
            found = _file_article(row, folders.get(row["corpus"]), n)
            if isinstance(found, Post):
                posts.append(found)
            else:
                notes.append(found)
            continue
        name = row["file"]
        if name not in cache:
            path = (folders.get("telegram") or Path("-")) / name
            cache[name] = (
                {m["message_id"]: m for m in json.loads(path.read_text(encoding="utf-8"))}
                if path.is_file()
                else {}
            )
        message = cache[name].get(row["message_id"])
        if message is None:
            notes.append(f"{GOLD.name}:{n}: {name} message {row['message_id']} not found; left out")
            continue
        text = flatten_text(message.get("text"))
        if hashlib.sha256(text.encode("utf-8")).hexdigest() != row["sha256"]:
            notes.append(f"{GOLD.name}:{n}: {name} message {row['message_id']} text changed")
            continue
        raw_date = message.get("date")
        when = datetime.fromisoformat(raw_date) if isinstance(raw_date, str) else None
        posts.append(Post(f"{name}#{row['message_id']}", text, when, row["attributions"]))
    return posts, notes


# -- speaker matching ---------------------------------------------------------------------------
_EN_PREPOSITIONS = frozenset({"of", "in", "at", "from", "for", "on", "with"})


def _lemmas(name: str, lang: str = "ru") -> tuple[str, ...]:
    from narrascope.actors import lemma_key

    words = [w for w in lemma_key(name, lang) if any(c.isalnum() for c in w)]
    return tuple(words[1:] if len(words) > 1 and words[0] == "the" else words)


def _head(lemmas: tuple[str, ...], lang: str = "ru") -> str:
    """The first noun (or non-Cyrillic word) of a phrase's lemmas; in English the last word
    before "of" / "in" / "at" / "from" ("officials" in "senior officials in Kyiv")."""
    from narrascope.text.tokens import _morph

    if lang == "en":
        cut = next((i for i, w in enumerate(lemmas) if i and w in _EN_PREPOSITIONS), len(lemmas))
        return lemmas[cut - 1] if cut else ""

    for word in lemmas:
        if not ("а" <= word[:1] <= "я" or word[:1] == "ё"):
            return word
        if any(p.tag.POS == "NOUN" for p in _morph().parse(word)[:2]):
            return word
    return lemmas[0] if lemmas else ""


def _surname(name: str, lang: str = "ru") -> str:
    from narrascope.actors.merge import person_key

    return person_key(name, lang).split(".")[0]


def _names_match(predicted: str, gold: str, kind: str, lang: str = "ru") -> bool:
    p, g = _lemmas(predicted, lang), _lemmas(gold, lang)
    if not p or not g:
        return False
    if p == g:
        return True
    if kind == "per":  # the same surname, in base form or as written («Набиуллина»)
        same = predicted.split()[-1].lower() == gold.split()[-1].lower()
        return same or _surname(predicted, lang) == _surname(gold, lang) != ""
    small, large = sorted((p, g), key=len)
    return set(small) <= set(large) and _head(small, lang) == _head(large, lang)


def speaker_ok(
    quote: Any, gold: dict[str, Any], when: date | None, registry: Any, lang: str = "ru"
) -> bool:
    """Whether a predicted quote's speaker is the gold speaker (rule in the module docstring)."""
    from narrascope.actors.merge import actor_key

    kind = gold["speaker_type"]
    names = quote.speaker.split("|") if isinstance(quote, Annotated) else [quote.speaker]
    actor = registry.get(quote.actor_id) if quote.actor_id else None
    if actor is not None:
        names += [actor.name, *(a for aliases in actor.aliases.values() for a in aliases)]
    for alt in gold["speaker"].split("|"):
        whole = [m for m in registry.find(alt, lang, when) if m.start == 0 and m.end == len(alt)]
        gold_id = registry.holder(whole[0].actor_id, when) if whole else None
        if quote.actor_id and gold_id == quote.actor_id:
            return True
        ner = "PER" if kind == "per" else "ORG"
        if quote.actor_key and quote.actor_key == actor_key(alt, ner, gold_id, lang):
            return True
        if any(_names_match(name, alt, kind, lang) for name in names):
            return True
    return False


# -- prediction and scores --------------------------------------------------------------------
def make_article(post: Post) -> Any:
    from narrascope.records import Article

    return Article(
        id=post.key,
        url=None,
        outlet="telegram",
        language=post.language,
        published_at=post.when,
        title=None,
        text=post.text,
        source_path=None,
        raw_sha256="",
        ingested_at=datetime.now(UTC),
        extractor="bench",
    )


def predict(post: Post, tools: Any) -> list[Any]:
    """Quotes of one post, with NER on candidate sentences (as the pipeline runs it)."""
    from narrascope.text import segment

    actors, quotes = tools
    article = make_article(post)
    sentences = segment(article.id, article.text, post.language)
    only = quotes.candidate_sentences(article, sentences)
    mentions = actors.extract(article, sentences, only_sentences=only)
    return list(quotes.extract(article, sentences, mentions))


def row_key(row: dict[str, Any]) -> str:
    """The :attr:`Post.key` of a gold row."""
    if row.get("corpus") in ARTICLE_CORPORA:
        return f"{row['corpus']}:{row['file']}"
    return f"{row['file']}#{row['message_id']}"


@dataclass
class Annotated:
    """One attribution of the second annotation, scored as a prediction of the first."""

    char_start: int
    char_end: int
    speaker: str
    actor_id: str | None
    actor_key: str | None = None


def second_annotation(
    posts: list[Post], rows: list[dict[str, Any]], registry: Any
) -> tuple[list[Post], list[list[Annotated]]]:
    """The posts a second annotation covers, and its attributions as predictions: one per
    alternative name, so that any of them may match (see :func:`agreement`)."""
    by_key = {row_key(r): r for r in rows}
    kept, predicted = [], []
    for post in posts:
        row = by_key.get(post.key)
        if row is None:
            continue
        when = post.when.date() if post.when else None
        kept.append(post)
        predicted.append([_as_prediction(a, when, registry) for a in row["attributions"]])
    return kept, predicted


def _as_prediction(a: dict[str, Any], when: date | None, registry: Any) -> Annotated:
    names = a["speaker"].split("|")
    whole = [m for m in registry.find(names[0], "ru", when) if m.end == len(names[0])]
    actor = registry.holder(whole[0].actor_id, when) if whole and whole[0].start == 0 else None
    return Annotated(a["content_start"], a["content_end"], a["speaker"], actor)


def _overlaps(q: Any, g: dict[str, Any]) -> bool:
    return min(q.char_end, g["content_end"]) > max(q.char_start, g["content_start"])


def _prf(tp_p: int, n_p: int, tp_g: int, n_g: int) -> dict[str, float]:
    p = tp_p / n_p if n_p else 1.0
    r = tp_g / n_g if n_g else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def score(posts: list[Post], predicted: list[list[Any]], registry: Any) -> dict[str, Any]:
    """Content and speaker P/R/F1 over ``posts``."""
    c = dict.fromkeys(("n_pred", "n_gold", "c_p", "c_g", "s_p", "s_g"), 0)
    for post, quotes in zip(posts, predicted, strict=True):
        when = post.when.date() if post.when else None
        c["n_pred"] += len(quotes)
        c["n_gold"] += len(post.gold)
        for q in quotes:
            hits = [g for g in post.gold if _overlaps(q, g)]
            c["c_p"] += bool(hits)
            c["s_p"] += any(speaker_ok(q, g, when, registry, post.language) for g in hits)
        for g in post.gold:
            hits = [q for q in quotes if _overlaps(q, g)]
            c["c_g"] += bool(hits)
            c["s_g"] += any(speaker_ok(q, g, when, registry, post.language) for q in hits)
    return {
        "n_gold": c["n_gold"],
        "n_predicted": c["n_pred"],
        "content": _prf(c["c_p"], c["n_pred"], c["c_g"], c["n_gold"]),
        "speaker": _prf(c["s_p"], c["n_pred"], c["s_g"], c["n_gold"]),
    }


def print_errors(posts: list[Post], predicted: list[list[Any]], registry: Any) -> None:
    """Missed gold and wrong predictions, with the post text (stderr; local use only)."""
    for post, quotes in zip(posts, predicted, strict=True):
        when = post.when.date() if post.when else None
        lines = []
        for g in post.gold:
            hits = [q for q in quotes if _overlaps(q, g)]
            if not any(speaker_ok(q, g, when, registry, post.language) for q in hits):
                got = [q.speaker for q in hits]
                content = post.text[g["content_start"] : g["content_end"]][:70]
                lines.append(f"  MISS {g['speaker']!r} got={got} | {content!r}")
        for q in quotes:
            hits = [g for g in post.gold if _overlaps(q, g)]
            if not any(speaker_ok(q, g, when, registry, post.language) for g in hits):
                tag = "WRONG" if hits else "FP"
                lines.append(f"  {tag} {q.speaker!r} ({q.cue}) | {q.text[:70]!r}")
        if lines:
            print(f"== {post.key}\n{post.text}\n" + "\n".join(lines) + "\n", file=sys.stderr)


def run(posts: list[Post], tools: Any, errors: bool) -> dict[str, Any]:
    wall, cpu = time.perf_counter(), time.process_time()
    predicted = [predict(p, tools) for p in posts]
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    registry = tools[1].registry
    if errors:
        print_errors(posts, predicted, registry)
    return {
        "posts": len(posts),
        "mean_chars": round(sum(len(p.text) for p in posts) / max(len(posts), 1)),
        "ms_per_post_wall": round(1000 * wall / max(len(posts), 1), 1),
        "ms_per_post_cpu": round(1000 * cpu / max(len(posts), 1), 1),
        **score(posts, predicted, registry),
    }


def agreement(posts: list[Post], splits: frozenset[str]) -> dict[str, Any]:
    """The second annotation scored against the gold with the benchmark's own scorer: how far
    two annotators agree, the ceiling of any system's scores on these posts."""
    from narrascope.actors.registry import default_registry

    registry = default_registry()
    if not SECOND.is_file():
        return {"agreement": f"no second annotation ({SECOND}); nothing scored"}
    rows = [json.loads(line) for line in SECOND.read_text(encoding="utf-8").splitlines()]
    rows = [r for r in rows if r["split"] in splits]
    kept, predicted = second_annotation(posts, rows, registry)
    split = "+".join(s for s in SPLITS if s in splits)
    return {
        "split": split,
        "agreement": "second annotator vs gold",
        "posts": len(kept),
        **score(kept, predicted, registry),
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT, help="folder of *_messages.json")
    parser.add_argument(
        "--semeval", type=Path, default=SEMEVAL, help="SemEval data folder (holds RU/raw-documents)"
    )
    parser.add_argument(
        "--factru", type=Path, default=FACTRU, help="factRuEval-2016 folder (holds devset, testset)"
    )
    parser.add_argument(
        "--split",
        type=parse_split,
        default="tune",
        help="a split (tune..tune13, test..test5, semeval-…, factru-…), all, or a+b",
    )
    parser.add_argument("--syntax", nargs="*", default=None, help="languages to parse (def. en)")
    parser.add_argument("--errors", action="store_true", help="list errors on stderr")
    parser.add_argument(
        "--agreement",
        action="store_true",
        help=f"score the second annotation ({SECOND.name}) against the gold instead of narrascope",
    )
    args = parser.parse_args(argv)
    folders = {"telegram": args.data, "semeval": args.semeval, "factru": args.factru}
    splits = available_splits(args.split, folders)
    if not splits:
        print(
            f"bench_attribution_ru: no data for {'+'.join(sorted(args.split))} "
            f"(Telegram folder {args.data}, SemEval folder {args.semeval}, factRuEval folder "
            f"{args.factru}); skipped (pass --data, --semeval and/or --factru DIR)"
        )
        return 0
    warnings.filterwarnings("ignore")
    from narrascope.actors import ActorExtractor, QuoteExtractor
    from narrascope.actors.quotes import SYNTAX_LANGUAGES

    posts, notes = load_posts(folders, splits)
    for note in notes:
        print(note, file=sys.stderr)
    if args.agreement:
        print(json.dumps(agreement(posts, splits), indent=2, ensure_ascii=False))
        return 0
    actors = ActorExtractor()
    syntax = SYNTAX_LANGUAGES if args.syntax is None else tuple(args.syntax)
    tools = actors, QuoteExtractor(actors.registry, syntax=syntax)
    predict(Post("warm", "Лавров заявил, что всё хорошо.", None, []), tools)
    split = "+".join(s for s in SPLITS if s in splits)
    report = {"split": split, "left_out": len(notes), **run(posts, tools, args.errors)}
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    raise SystemExit(main(sys.argv[1:]))
