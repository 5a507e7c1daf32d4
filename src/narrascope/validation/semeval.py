"""SemEval-2025 Task 10, subtask 2 (narrative classification): import and prediction export.

Input layout (the task's release): one folder per language, named by its code::

    DIR/EN/raw-documents/EN_UA_001.txt          first line = title, the rest = body
    DIR/EN/subtask-2-annotations.txt            file_id<TAB>narratives<TAB>subnarratives
    DIR/RU/...

Labels in a column are separated by ``;``; fine labels read ``URW: Praise of Russia: Russia is a
guarantor of peace and prosperity`` and ``Other`` is a label of its own. ``DIR`` may also be a
single language folder. Documents become articles (text = the whole file, so detectors read the
title too; ``title`` = its first line; language = the folder name in lower case) and are stored
with their sentences; every label becomes an article-level annotation by annotator
``semeval``, stored as written (the shipped ``urw``, ``cc`` and ``semeval`` codebooks resolve
them by label). :func:`write_predictions` writes a run's article labels in the same
three-column format.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from narrascope.config import load_config
from narrascope.errors import InputError, UsageError
from narrascope.ingest._article import Draft, Prepared, PrepareParams, prepare, sha256_hex
from narrascope.ingest.dedup import Deduplicator
from narrascope.records import Annotation, Article, Rejected, Sentence
from narrascope.validation.annotations import Gold, label_resolver, resolve

if TYPE_CHECKING:
    from narrascope.codebook import Codebook
    from narrascope.store import Store

__all__ = [
    "ANNOTATIONS_FILE",
    "ANNOTATOR",
    "DOCUMENTS_DIR",
    "SemEvalReport",
    "default_codebook",
    "format_labels",
    "ingest_semeval",
    "language_dirs",
    "read_annotations",
    "write_predictions",
]

DOCUMENTS_DIR = "raw-documents"
ANNOTATIONS_FILE = "subtask-2-annotations.txt"
ANNOTATOR = "semeval"
EXTRACTOR = "semeval"
OTHER = "Other"
SHIPPED = ("urw", "cc")
CODEBOOK = "semeval"


@dataclass
class SemEvalReport:
    """What :func:`ingest_semeval` stored and what it could not match."""

    articles: int = 0
    annotations: int = 0
    languages: dict[str, int] = field(default_factory=dict)
    rejected: int = 0
    unknown_labels: dict[str, int] = field(default_factory=dict)
    missing_documents: list[str] = field(default_factory=list)
    unannotated: list[str] = field(default_factory=list)

    def warnings(self) -> list[str]:
        """Human-readable problems (empty when everything matched)."""
        out = []
        if self.missing_documents:
            out.append(
                f"{len(self.missing_documents)} annotated files have no document: "
                f"{', '.join(self.missing_documents[:10])}"
            )
        if self.unannotated:
            out.append(
                f"{len(self.unannotated)} documents have no annotation line: "
                f"{', '.join(self.unannotated[:10])}"
            )
        if self.unknown_labels:
            shown = ", ".join(f"{k!r} ×{v}" for k, v in sorted(self.unknown_labels.items()))
            out.append(f"labels outside the shipped taxonomy: {shown}")
        return out

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


# --------------------------------------------------------------------------- reading


def language_dirs(root: str | Path) -> list[Path]:
    """The language folders under ``root`` (or ``root`` itself when it is one)."""
    root = Path(root)
    if not root.is_dir():
        raise InputError("not a folder", path=root, hint="give the SemEval data folder")
    if (root / DOCUMENTS_DIR).is_dir():
        return [root]
    found = sorted(p for p in root.iterdir() if (p / DOCUMENTS_DIR).is_dir())
    if not found:
        raise InputError(
            f"no {DOCUMENTS_DIR}/ folder found",
            path=root,
            hint="expected DIR/<LANG>/raw-documents/*.txt (e.g. DIR/EN/raw-documents)",
        )
    return found


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(";") if part.strip()]


def read_annotations(path: str | Path) -> dict[str, tuple[list[str], list[str]]]:
    """``file_id -> (narratives, subnarratives)`` from a ``subtask-2-annotations.txt`` file."""
    path = Path(path)
    out: dict[str, tuple[list[str], list[str]]] = {}
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            cells = line.rstrip("\n").split("\t")
            if len(cells) < 2:
                raise InputError(
                    "expected file_id<TAB>narratives<TAB>subnarratives", path=path, line=number
                )
            subs = _split(cells[2]) if len(cells) > 2 else []
            out[cells[0].strip()] = (_split(cells[1]), subs)
    return out


def _drafts(folder: Path) -> Iterator[tuple[str, Draft]]:
    for path in sorted((folder / DOCUMENTS_DIR).glob("*.txt")):
        raw = path.read_bytes()
        text = raw.decode("utf-8-sig", errors="replace")
        title = text.strip().split("\n", 1)[0] if text.strip() else None
        yield (
            path.name,
            Draft(
                text=text,
                source_path=str(path),
                line=0,
                raw_sha256=sha256_hex(raw),
                extractor=EXTRACTOR,
                title=title,
            ),
        )


# --------------------------------------------------------------------------- ingesting


def _prepare_folder(
    folder: Path, dedup: Deduplicator, params: PrepareParams
) -> tuple[dict[str, Article], list[Sentence], dict[str, bytes], int]:
    prepared: dict[str, Prepared] = {}
    rejected = 0
    for file_id, draft in _drafts(folder):
        result = prepare(draft, params)
        if isinstance(result, Rejected):
            rejected += 1
            continue
        assert isinstance(result, Prepared)
        prepared[file_id] = result
    found = list(prepared.values())
    assigned = dedup.assign_batch([p.article for p in found], [p.signature for p in found])
    articles = dict(zip(prepared, assigned, strict=True))
    signatures = {a.id: p.signature for a, p in zip(assigned, found, strict=True) if p.signature}
    sentences = [
        Sentence(article.id, i, a, b, article.text[a:b], article.language)
        for article, result in zip(assigned, found, strict=True)
        for i, (a, b) in enumerate(result.spans)
    ]
    return articles, sentences, signatures, rejected


def _annotations_for(
    folder: Path, articles: dict[str, Article], report: SemEvalReport, table: dict[str, str]
) -> list[Annotation]:
    path = folder / ANNOTATIONS_FILE
    if not path.is_file():
        return []
    labels = read_annotations(path)
    rows: list[Annotation] = []
    unknown: Counter[str] = Counter(report.unknown_labels)
    for file_id, (narratives, subs) in labels.items():
        article = articles.get(file_id) or articles.get(f"{file_id}.txt")
        if article is None:
            report.missing_documents.append(f"{folder.name}/{file_id}")
            continue
        for label in dict.fromkeys(narratives + subs):
            if resolve(table, label) is None:
                unknown[label] += 1
            rows.append(Annotation(article.id, label, ANNOTATOR))
    known = set(labels) | {f"{k}.txt" for k in labels}
    report.unannotated += [f"{folder.name}/{f}" for f in articles if f not in known]
    report.unknown_labels = dict(unknown)
    return rows


def ingest_semeval(store: Store, root: str | Path) -> SemEvalReport:
    """Store the documents and subtask-2 annotations of a SemEval-2025 Task 10 folder.

    Re-ingesting the same folder stores nothing twice (article ids are deterministic and
    each language's annotations replace those imported from the same file before).

    Raises:
        InputError: the folder does not have the task's layout.
    """
    from narrascope.codebook import load_codebook

    cfg = load_config()
    table = label_resolver(*(load_codebook(name) for name in SHIPPED))
    dedup = Deduplicator.from_store(
        store, threshold=cfg["dedup.threshold"], num_perm=cfg["dedup.num_perm"]
    )
    report = SemEvalReport()
    for folder in language_dirs(root):
        params = PrepareParams(
            language=folder.name.lower(),
            shingle_size=cfg["dedup.shingle_size"],
            num_perm=cfg["dedup.num_perm"],
        )
        articles, sentences, signatures, rejected = _prepare_folder(folder, dedup, params)
        store.write_articles(list(articles.values()), sentences, signatures, dedup.index_entries())
        dedup.forget()
        rows = _annotations_for(folder, articles, report, table)
        if rows:
            source = str((folder / ANNOTATIONS_FILE).resolve())
            report.annotations += store.write_annotations(rows, source)
        report.articles += len(articles)
        report.rejected += rejected
        report.languages[folder.name.lower()] = len(articles)
    return report


def default_codebook(store: Store, annotator: str | None = None) -> str | None:
    """``semeval`` when the gold labels to use come from :func:`ingest_semeval`, else ``None``.

    The annotator is chosen as training and evaluation choose it (the one named, else
    ``gold``, else the most prolific); its labels are the task's, so the shipped ``semeval``
    codebook (both taxonomies) resolves them.
    """
    frame = store.annotations()
    if frame.empty:
        return None
    articles = {
        str(name): {str(a): set[str]() for a in group["article_id"]}
        for name, group in frame.groupby("annotator")
    }
    return CODEBOOK if Gold(articles).pick(annotator) == ANNOTATOR else None


# --------------------------------------------------------------------------- exporting


def format_labels(codebook: Codebook, labels: set[str]) -> tuple[list[str], list[str]]:
    """SemEval ``(narratives, subnarratives)`` label strings for a set of narrative ids.

    Top-level narratives fill the first column and their sub-narratives the second. A
    narrative predicted without any of its sub-narratives gets its ``<narrative>: Other``
    child when the codebook has one. No narrative at all gives ``Other`` in both columns.
    """
    known = [n for n in codebook.narratives if n.id in labels and n.label != OTHER]
    top = [n for n in known if n.parent is None]
    subs = [n for n in known if n.parent is not None]
    for parent in top:
        if not any(s.parent == parent.id for s in subs):
            other = [
                c
                for c in codebook.children(parent.id)
                if codebook.narrative(c).label.endswith(f": {OTHER}")
            ]
            subs.extend(codebook.narrative(c) for c in other[:1])
    if not top:
        return [OTHER], [OTHER]
    return [n.label for n in top], [n.label for n in subs] or [OTHER]


def _file_id(source_path: Any, extractor: Any, article_id: str) -> str:
    if extractor == EXTRACTOR and isinstance(source_path, str) and source_path:
        return Path(source_path).name
    return article_id


def _run_detector(store: Store, run_id: str, detector: str | None) -> str:
    names = [str(name) for name in store.run(run_id).get("detectors") or []]
    if detector:
        if detector not in names:
            raise UsageError(
                f"run {run_id} has no detector {detector!r}",
                hint=f"detectors of the run: {', '.join(names)}",
            )
        return detector
    if len(names) != 1:
        raise UsageError(
            f"run {run_id} has several detectors",
            hint=f"pick one with --detector ({', '.join(names)})",
        )
    return str(names[0])


def write_predictions(
    store: Store,
    codebook: Codebook,
    out: str | Path,
    *,
    run_id: str | None = None,
    detector: str | None = None,
    languages: Sequence[str] | None = None,
) -> Path:
    """Write one run's article labels as a SemEval subtask-2 prediction file.

    Every article of the store (of ``languages`` when given) gets a line, ``Other`` when it
    has no label. File ids are the document file names for SemEval-ingested articles, else
    article ids. Rows keep the source's order (the annotation file's, else the documents'
    names): the task's official scorer pairs prediction and gold rows by position.
    """
    record = store.run(run_id)
    run_id = str(record["run_id"])
    if record.get("codebook_hash") and record["codebook_hash"] != codebook.version:
        raise UsageError(
            f"run {run_id} used codebook {str(record['codebook_hash'])[:12]}, "
            f"not {codebook.id} {codebook.short_version}",
            hint="pass the run's codebook with --codebook",
        )
    name = _run_detector(store, run_id, detector)
    frame = store.predicted_labels(run_id, name)
    labels: dict[str, set[str]] = {}
    for row in frame.itertuples(index=False):
        labels.setdefault(str(row.article_id), set()).add(str(row.narrative))
    order = _SourceOrder()
    lines = []
    for row in store.article_index().itertuples(index=False):
        if languages and row.language not in languages:
            continue
        article_id = str(row.id)
        narratives, subs = format_labels(codebook, labels.get(article_id, set()))
        fid = _file_id(row.source_path, row.extractor, article_id)
        key = order.key(row.source_path, row.extractor, fid)
        lines.append((key, f"{fid}\t{';'.join(narratives)}\t{';'.join(subs)}"))
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("".join(f"{line}\n" for _, line in sorted(lines)), encoding="utf-8")
    return out


class _SourceOrder:
    """Sort keys that keep the source's order: the task's official scorer pairs prediction and
    gold rows by position, so rows follow the language folder's annotation file, else its
    documents in name order; articles from elsewhere come last, by id."""

    def __init__(self) -> None:
        self.folders: dict[Path, dict[str, int]] = {}

    def key(self, source_path: Any, extractor: Any, file_id: str) -> tuple[int, str, int, str]:
        if extractor != EXTRACTOR or not isinstance(source_path, str) or not source_path:
            return (1, "", 0, file_id)
        folder = Path(source_path).parent.parent
        positions = self._positions(folder)
        position = positions.get(file_id, positions.get(file_id.removesuffix(".txt"), -1))
        return (0, str(folder), position if position >= 0 else len(positions), file_id)

    def _positions(self, folder: Path) -> dict[str, int]:
        if folder not in self.folders:
            path = folder / ANNOTATIONS_FILE
            ids = list(read_annotations(path)) if path.is_file() else []
            self.folders[folder] = {file_id: i for i, file_id in enumerate(ids)}
        return self.folders[folder]
