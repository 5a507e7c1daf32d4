"""Gold labels: import human coding into the store and read it back against a codebook.

Accepted files (one record per JSONL line or CSV row):

- JSONL: ``{"article_id" | "url", "annotator", "labels": [...], "sentences": [{"text":
  exact sentence substring | "sentence_index" | "char_start"/"char_end", "labels": [...]}]}``.
  ``labels`` may also be one string with ``;`` between labels; ``label`` (singular) works too.
- CSV: columns ``article_id`` or ``url``, ``label`` or ``labels`` (``;``-separated), optional
  ``annotator``, ``sentence_index``, ``char_start``, ``char_end``, ``text``. A row with a
  sentence column is a sentence-level label, otherwise an article-level one.

Articles are matched by ``article_id``, else by ``url``. Labels are resolved against the
codebook by id, or by label text (case and spacing ignored); known labels are stored as narrative
ids, unknown ones as written and listed in the import report. An article coded with no
narrative is stored as one row with the label :data:`NO_LABEL`, so "coded, nothing found" is
not confused with "not coded". An article carries every label of its sentences; a sentence
coded with no narrative (``NO_LABEL`` with a ``sentence_index``) is a sentence-level code only
and never makes its article "coded, nothing found" (only an article-level ``NO_LABEL`` does).
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, SupportsInt

from narrascope.errors import InputError, UsageError
from narrascope.records import Annotation, Article, Sentence

if TYPE_CHECKING:
    from narrascope.codebook import Codebook
    from narrascope.store import Store

__all__ = [
    "LEVELS",
    "NO_LABEL",
    "Gold",
    "ImportReport",
    "at_level",
    "import_annotations",
    "label_resolver",
    "load_gold",
    "read_records",
]

NO_LABEL = "-"
LEVELS = ("coarse", "fine", "all")
Level = Literal["coarse", "fine", "all"]
_SPACES = re.compile(r"\s+")


# --------------------------------------------------------------------------- labels


def _key(text: str) -> str:
    return _SPACES.sub(" ", text.replace("’", "'")).strip().casefold()


def label_resolver(*codebooks: Codebook) -> dict[str, str]:
    """``normalised id or label -> narrative id`` for every narrative of the codebooks."""
    table: dict[str, str] = {}
    for codebook in codebooks:
        for narrative in codebook.narratives:
            table.setdefault(_key(narrative.label), narrative.id)
    for codebook in codebooks:
        for narrative in codebook.narratives:
            table[_key(narrative.id)] = narrative.id
    return table


def resolve(table: dict[str, str], raw: str) -> str | None:
    """The narrative id for a raw label, or None when the codebook does not know it."""
    return table.get(_key(raw))


def with_ancestors(codebook: Codebook, labels: Iterable[str]) -> set[str]:
    """The labels plus every ancestor of each (labels unknown to the codebook are dropped)."""
    known = set(codebook.ids)
    out: set[str] = set()
    for label in labels:
        if label in known:
            out.add(label)
            out.update(codebook.ancestors(label))
    return out


def at_level(codebook: Codebook, labels: Iterable[str], level: str) -> set[str]:
    """Labels at one level of the hierarchy.

    ``coarse``: the top-level narratives (each label mapped to its root); ``fine``: the leaf
    narratives (those without sub-narratives); ``all``: the labels with their ancestors.
    """
    full = with_ancestors(codebook, labels)
    if level == "all":
        return full
    if level == "coarse":
        return {n for n in full if codebook.narrative(n).parent is None}
    if level == "fine":
        return {n for n in full if not codebook.children(n)}
    raise UsageError(f"unknown level {level!r}", hint=f"use one of {', '.join(LEVELS)}")


# --------------------------------------------------------------------------- reading files


def _split_labels(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [p.strip() for p in value.split(";") if p.strip()]
    if isinstance(value, list | tuple):
        return [str(v).strip() for v in value if str(v).strip()]
    raise ValueError(f"labels must be a list or a ';'-separated string, not {value!r}")


def _read_jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    with path.open(encoding="utf-8") as fh:
        for line_no, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"invalid JSON: {exc.msg}", path=path, line=line_no) from None
            if not isinstance(record, dict):
                raise InputError("each line must be a JSON object", path=path, line=line_no)
            yield line_no, record


def _csv_record(row: dict[str, Any]) -> dict[str, Any]:
    record = {k: v for k, v in row.items() if k and v not in (None, "")}
    sentence = {
        k: record.pop(k)
        for k in ("sentence_index", "char_start", "char_end", "text")
        if k in record
    }
    labels = record.pop("labels", record.pop("label", ""))
    if sentence:
        record["sentences"] = [{**sentence, "labels": labels}]
    else:
        record["labels"] = labels
    return record


def _read_csv(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    with path.open(encoding="utf-8", newline="") as fh:
        for line_no, row in enumerate(csv.DictReader(fh), 2):
            yield line_no, _csv_record(row)


def read_records(path: str | Path) -> list[tuple[int, dict[str, Any]]]:
    """``(line, record)`` pairs of a JSONL or CSV annotation file."""
    path = Path(path)
    if not path.is_file():
        raise InputError("annotation file not found", path=path, hint="check the path")
    if path.suffix.lower() == ".csv":
        return list(_read_csv(path))
    return list(_read_jsonl(path))


# --------------------------------------------------------------------------- importing


@dataclass
class ImportReport:
    """What an import stored, and what it could not place."""

    source: str
    annotations: int = 0
    articles: int = 0
    annotators: list[str] = field(default_factory=list)
    unknown_articles: list[tuple[int, str]] = field(default_factory=list)
    unknown_labels: dict[str, int] = field(default_factory=dict)
    unmatched_sentences: list[tuple[int, str]] = field(default_factory=list)

    def warnings(self) -> list[str]:
        """One human-readable line per problem kind (empty when everything matched)."""
        out = []
        if self.unknown_articles:
            shown = ", ".join(f"line {n}: {ref}" for n, ref in self.unknown_articles[:10])
            out.append(f"{len(self.unknown_articles)} records name unknown articles ({shown})")
        if self.unknown_labels:
            shown = ", ".join(f"{k!r} ×{v}" for k, v in sorted(self.unknown_labels.items()))
            out.append(f"labels unknown to the codebook (stored as written): {shown}")
        if self.unmatched_sentences:
            shown = ", ".join(f"line {n}: {t[:40]!r}" for n, t in self.unmatched_sentences[:5])
            out.append(
                f"{len(self.unmatched_sentences)} sentences not found in their article ({shown})"
            )
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "annotations": self.annotations,
            "articles": self.articles,
            "annotators": self.annotators,
            "unknown_articles": [{"line": n, "ref": r} for n, r in self.unknown_articles],
            "unknown_labels": self.unknown_labels,
            "unmatched_sentences": [{"line": n, "text": t} for n, t in self.unmatched_sentences],
        }


def _match_articles(store: Store, records: list[tuple[int, dict[str, Any]]]) -> dict[str, str]:
    """``reference (id or url) -> article id`` for the records' articles that are stored."""
    ids = {str(r["article_id"]) for _, r in records if r.get("article_id")}
    urls = [str(r["url"]) for _, r in records if r.get("url") and not r.get("article_id")]
    found = {i: i for i in store.existing_article_ids(ids)}
    found.update(store.article_ids_for_urls(sorted(set(urls))))
    return found


def _reference(record: dict[str, Any]) -> str:
    return str(record.get("article_id") or record.get("url") or "")


def _find_span(text: str, needle: str) -> tuple[int, int] | None:
    start = text.find(needle)
    if start >= 0:
        return start, start + len(needle)
    words = needle.split()
    if not words:
        return None
    match = re.search(r"\s+".join(re.escape(w) for w in words), text)
    return match.span() if match else None


def _sentence_at(sentences: list[Sentence], offset: int) -> int | None:
    for sentence in sentences:
        if sentence.start <= offset < sentence.end:
            return sentence.index
    return None


class _Importer:
    """Turns records into Annotation rows for one file (state: the report)."""

    def __init__(
        self, codebook: Codebook, articles: dict[str, tuple[Article, list[Sentence]]], src: str
    ) -> None:
        self.table = label_resolver(codebook)
        self.articles = articles
        self.report = ImportReport(source=src)
        self.unknown: Counter[str] = Counter()

    def labels(self, raw: Any, line: int) -> list[str]:
        try:
            names = _split_labels(raw)
        except ValueError as exc:
            raise InputError(str(exc), path=self.report.source, line=line) from None
        out = []
        for name in names:
            resolved = resolve(self.table, name)
            if resolved is None:
                self.unknown[name] += 1
            out.append(resolved or name)
        return out

    def sentence_span(self, aid: str, item: dict[str, Any]) -> tuple[int, int, int] | None:
        article, sentences = self.articles[aid]
        if "text" in item:
            span = _find_span(article.text, str(item["text"]))
        elif "char_start" in item and "char_end" in item:
            span = int(item["char_start"]), int(item["char_end"])
        elif "sentence_index" in item:
            idx = int(item["sentence_index"])
            hit = [s for s in sentences if s.index == idx]
            return (idx, hit[0].start, hit[0].end) if hit else None
        else:
            return None
        if span is None:
            return None
        index = _sentence_at(sentences, span[0])
        return None if index is None else (index, span[0], span[1])

    def record(self, line: int, record: dict[str, Any], aid: str, default: str) -> list[Annotation]:
        annotator = str(record.get("annotator") or default)
        labels = self.labels(record.get("labels", record.get("label")), line)
        rows = [Annotation(aid, label, annotator) for label in labels]
        missed = 0
        for item in record.get("sentences") or []:
            span = self.sentence_span(aid, item)
            if span is None:
                self.report.unmatched_sentences.append((line, str(item.get("text", item))))
                missed += 1
                continue
            for label in self.labels(item.get("labels", item.get("label")), line):
                rows.append(Annotation(aid, label, annotator, *span))
        if not rows and not missed:
            rows.append(Annotation(aid, NO_LABEL, annotator))
        return rows


def import_annotations(
    store: Store,
    path: str | Path,
    codebook: Codebook,
    *,
    annotator: str = "gold",
    strict: bool = False,
) -> ImportReport:
    """Import gold labels from a JSONL or CSV file into the store's ``annotations`` table.

    Re-importing the same file replaces what it imported before.

    Args:
        store: the target store (its articles must already be ingested).
        path: the annotation file.
        codebook: labels are resolved against it.
        annotator: used for records without an ``annotator`` field.
        strict: raise instead of warning on unknown articles, labels or sentences.

    Returns:
        An :class:`ImportReport`; its ``warnings()`` list what could not be placed.

    Raises:
        InputError: unreadable file, or no record matches a stored article (or, with
            ``strict``, any problem at all).
    """
    records = read_records(path)
    source = str(Path(path).resolve())
    refs = _match_articles(store, records)
    arts, sens = store.load_articles(sorted(set(refs.values())))
    by_id: dict[str, list[Sentence]] = defaultdict(list)
    for sentence in sens:
        by_id[sentence.article_id].append(sentence)
    imp = _Importer(codebook, {a.id: (a, by_id[a.id]) for a in arts}, source)
    rows: list[Annotation] = []
    for line, record in records:
        aid = refs.get(_reference(record))
        if aid is None:
            imp.report.unknown_articles.append((line, _reference(record) or "(no id or url)"))
            continue
        rows.extend(imp.record(line, record, aid, annotator))
    return _finish(store, imp, rows, path, strict)


def _finish(
    store: Store, imp: _Importer, rows: list[Annotation], path: str | Path, strict: bool
) -> ImportReport:
    report = imp.report
    report.unknown_labels = dict(imp.unknown)
    if not rows:
        raise InputError(
            "no annotation matches a stored article",
            path=path,
            hint="ingest the articles first; records are matched by article_id or url",
        )
    if strict and report.warnings():
        raise InputError(
            "; ".join(report.warnings()), path=path, hint="fix the file or drop --strict"
        )
    report.annotations = store.write_annotations(rows, report.source)
    report.articles = len({r.article_id for r in rows})
    report.annotators = sorted({r.annotator for r in rows})
    return report


# --------------------------------------------------------------------------- reading gold


@dataclass
class Gold:
    """Gold labels resolved against a codebook.

    ``articles[annotator][article_id]`` is the set of narrative ids (with ancestors) an
    annotator gave an article (its sentences' labels included); ``sentences[annotator]`` maps
    ``(article_id, sentence_index)`` to the labels of that sentence (an empty set: the sentence
    was coded with no narrative; its article is then not coded by that alone). ``unknown``
    counts labels
    the codebook does not know (they are left out of both).
    """

    articles: dict[str, dict[str, set[str]]] = field(default_factory=dict)
    sentences: dict[str, dict[tuple[str, int], set[str]]] = field(default_factory=dict)
    unknown: dict[str, int] = field(default_factory=dict)

    @property
    def annotators(self) -> list[str]:
        return sorted(self.articles)

    def pick(self, annotator: str | None = None) -> str:
        """The annotator to use as gold: the one named, else ``gold``, else the most prolific."""
        if not self.articles:
            raise UsageError(
                "the store has no annotations",
                hint="import gold labels with `narrascope annotations import FILE`",
            )
        if annotator is not None:
            if annotator not in self.articles:
                raise UsageError(
                    f"no annotations by {annotator!r}",
                    hint=f"annotators: {', '.join(self.annotators)}",
                )
            return annotator
        if "gold" in self.articles:
            return "gold"
        return min(self.articles, key=lambda a: (-len(self.articles[a]), a))


def load_gold(store: Store, codebook: Codebook) -> Gold:
    """All annotations in the store, resolved against ``codebook``."""
    frame = store.annotations()
    table = label_resolver(codebook)
    gold = Gold()
    unknown: Counter[str] = Counter()
    for row in frame.itertuples(index=False):
        annotator, article_id, label = str(row.annotator), str(row.article_id), str(row.label)
        index = _sentence_index(row.sentence_index)
        if label == NO_LABEL and index is not None:
            # a sentence coded "no narrative" says nothing about the rest of its article
            sents = gold.sentences.setdefault(annotator, {})
            sents.setdefault((article_id, index), set())
            continue
        labels = gold.articles.setdefault(annotator, {}).setdefault(article_id, set())
        if label == NO_LABEL:
            continue
        resolved = resolve(table, label)
        if resolved is None:
            unknown[label] += 1
            continue
        expanded = with_ancestors(codebook, [resolved])
        labels.update(expanded)
        if index is not None:
            sents = gold.sentences.setdefault(annotator, {})
            sents.setdefault((article_id, index), set()).update(expanded)
    gold.unknown = dict(unknown)
    return gold


def _sentence_index(value: object) -> int | None:
    """A nullable INTEGER cell as an int; ``None`` when missing (None, NaN or pandas NA)."""
    if _missing(value):
        return None
    assert isinstance(value, SupportsInt)  # a number: int, float or a numpy scalar
    return int(value)


def _missing(value: Any) -> bool:
    """None, NaN or pandas NA."""
    import pandas as pd

    return value is None or bool(pd.isna(value))
