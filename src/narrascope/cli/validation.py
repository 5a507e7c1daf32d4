"""CLI commands for gold labels, training and evaluation (registered by ``narrascope.cli``).

``annotations import``, ``ingest-semeval``, ``train``, ``evaluate`` and the ``predictions``
table of ``export``. Parse, call a plain function, print: the logic lives in
:mod:`narrascope.validation.annotations`, :mod:`narrascope.validation.semeval`,
:mod:`narrascope.detect.supervised` and :mod:`narrascope.validation.evaluate`.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Annotated, Any

import pandas as pd
import typer

from narrascope.cli._options import (
    CodebookOption,
    DbOption,
    console,
    db_path,
    show_table,
    state,
    warn,
)
from narrascope.records import finite

AnnotatorOption = Annotated[
    str | None,
    typer.Option(help="Whose labels are gold (default: 'gold', else the most prolific)."),
]
LEVELS_HELP = "coarse (top-level narratives), fine (leaf narratives) or all."

annotations_app = typer.Typer(help="Import gold labels (human coding).", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    """Add ``annotations import``, ``ingest-semeval``, ``train`` and ``evaluate``."""
    app.add_typer(annotations_app, name="annotations")
    app.command("ingest-semeval")(ingest_semeval)
    app.command("train")(train)
    app.command("evaluate")(evaluate)


def _codebook(name: str | None) -> Any:
    from narrascope.codebook import load_codebook
    from narrascope.config import load_config

    return load_codebook(name or load_config(state.config)["analyze.codebook"])


@annotations_app.command("import")
def annotations_import(
    file: Annotated[Path, typer.Argument(help="JSONL or CSV gold labels.")],
    codebook: CodebookOption = None,
    annotator: Annotated[
        str, typer.Option(help="Annotator for records without an 'annotator' field.")
    ] = "gold",
    strict: Annotated[
        bool, typer.Option(help="Fail on unknown articles, labels or sentences.")
    ] = False,
    coder: Annotated[
        str | None, typer.Option(help="Coder of a coding sheet (else its 'coder' column).")
    ] = None,
    batch: Annotated[
        str | None, typer.Option(help="Batch of a coding sheet (default: the file's name).")
    ] = None,
    db: DbOption = None,
) -> None:
    """Import gold labels (article or sentence level) into the store's annotations table.

    A coding sheet from `narrascope sample` (a CSV with an item_id column) is read with its own
    rules (see docs/coding.md); other CSV and JSONL files as before.
    """
    from narrascope.store import Store
    from narrascope.validation.annotations import import_annotations
    from narrascope.validation.coding_sheet import import_sheet, is_coding_sheet

    if is_coding_sheet(file):
        with Store(db_path(db)) as store:
            who = coder or (annotator if annotator != "gold" else None)
            sheet = import_sheet(store, file, _codebook(codebook), coder=who, batch=batch)
        left = f"; {sheet.blank_rows} of {sheet.rows} rows left blank (not coded)"
        console.print(
            f"imported {len(sheet.items)} coded {sheet.unit}s ({sheet.stored} codes) by "
            f"{', '.join(sheet.coders)} as batch {sheet.batch!r}"
            + (left if sheet.blank_rows else "")
        )
        return
    with Store(db_path(db)) as store:
        report = import_annotations(
            store, file, _codebook(codebook), annotator=annotator, strict=strict
        )
    warn(report.warnings())
    console.print(
        f"imported {report.annotations} labels for {report.articles} articles "
        f"({', '.join(report.annotators)})"
    )


def ingest_semeval(
    folder: Annotated[Path, typer.Argument(help="SemEval-2025 Task 10 data folder.")],
    db: DbOption = None,
) -> None:
    """Ingest SemEval-2025 Task 10 subtask-2 documents and their narrative annotations."""
    from narrascope.store import Store
    from narrascope.validation.semeval import ingest_semeval as run

    with Store(db_path(db)) as store:
        report = run(store, folder)
    warn(report.warnings())
    langs = ", ".join(f"{k}: {v}" for k, v in report.languages.items())
    console.print(f"stored {report.articles} documents ({langs}), {report.annotations} labels")


def train(
    out: Annotated[Path, typer.Option("--out", "-o", help="Model directory to write.")],
    codebook: CodebookOption = None,
    annotator: AnnotatorOption = None,
    cv: Annotated[int | None, typer.Option(help="CV folds for the manifest's metrics.")] = None,
    min_examples: Annotated[
        int | None, typer.Option(help="Fewest annotated articles per label.")
    ] = None,
    drop_rare: Annotated[
        bool,
        typer.Option(
            "--drop-rare/--no-drop-rare",
            " /--strict",
            help="Leave out labels with too few examples (listed) instead of failing.",
        ),
    ] = True,
    embeddings: Annotated[
        bool, typer.Option(help="Use pooled sentence embeddings as features.")
    ] = True,
    db: DbOption = None,
) -> None:
    """Train the supervised detector on the store's annotations; writes OUT/model.joblib.

    Without --codebook, labels imported by ingest-semeval use the semeval codebook.
    """
    from narrascope.config import load_config
    from narrascope.detect.supervised import FeatureConfig
    from narrascope.store import Store
    from narrascope.validation.semeval import default_codebook
    from narrascope.validation.training import train_supervised

    cfg = load_config(state.config)
    config = FeatureConfig(
        embeddings=embeddings, model_en=cfg["embed.model_en"], model_ru=cfg["embed.model_ru"]
    )
    from narrascope.cli._progress import step_progress

    steps = step_progress("training (encode, fit, then CV folds)", quiet=state.quiet)
    least = min_examples or cfg["train.min_examples"]
    from narrascope.embed import VectorCache

    cache = VectorCache(str(cfg["embed.cache_dir"]) or None, batch_size=cfg["embed.batch_size"])
    with Store(db_path(db), read_only=True) as store:
        codebook = codebook or default_codebook(store, annotator)
        with steps as update:
            manifest = train_supervised(
                store,
                _codebook(codebook),
                out,
                annotator=annotator,
                config=config,
                min_examples=least,
                drop_rare=drop_rare,
                folds=cv if cv is not None else cfg["train.cv_folds"],
                cache=cache,
                progress=update,
            )
    cache.flush()
    if dropped := manifest.get("dropped_labels"):
        n = manifest["n_documents"]
        shown = ", ".join(f"{lab} ({c} of {n})" for lab, c in sorted(dropped.items()))
        warn(
            [
                f"left out {len(dropped)} labels with too few examples to learn (each needs "
                f"{least} annotated articles with it and one without): {shown}"
            ]
        )
    metrics = manifest.get("cv", {})
    keys = ("micro_f1", "macro_f1", "samples_f1_coarse", "samples_f1_fine")
    summary = ", ".join(f"{k} {metrics[k]:.3f}" for k in keys if k in metrics)
    console.print(
        f"wrote {out} — codebook {manifest['codebook_id']}, {len(manifest['labels'])} labels, "
        f"{manifest['n_documents']} articles" + (f"; CV {summary}" if summary else "")
    )


def evaluate(
    run: Annotated[str | None, typer.Option(help="Run id (default: the latest).")] = None,
    detector: Annotated[
        str | None,
        typer.Option(
            help="Detector(s), comma-separated (default: each one of the run; all four with --cv)."
        ),
    ] = None,
    level: Annotated[str, typer.Option(help=LEVELS_HELP)] = "coarse",
    annotator: AnnotatorOption = None,
    cv: Annotated[
        int | None, typer.Option(help="K-fold CV on the annotated articles instead of a run.")
    ] = None,
    codebook: Annotated[
        str | None, typer.Option(help="Codebook (default: the run's, or analyze.codebook).")
    ] = None,
    model: Annotated[
        Path | None, typer.Option(help="Supervised model for --cv with ensemble (optional).")
    ] = None,
    bootstrap: Annotated[int | None, typer.Option(help="Bootstrap resamples.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
    include_training: Annotated[
        bool,
        typer.Option(
            "--include-training",
            help="Score a model even on articles it was trained on (marked; flatters it).",
        ),
    ] = False,
    db: DbOption = None,
) -> None:
    """Score detectors against human coding: P/R/F1, samples F1, alpha, bootstrap CIs."""
    from narrascope.cli._progress import step_progress
    from narrascope.config import load_config
    from narrascope.store import Store
    from narrascope.validation.evaluate import cross_validate, evaluate_run

    cfg = load_config(state.config)
    samples = bootstrap if bootstrap is not None else cfg["evaluate.bootstrap"]
    with Store(db_path(db), read_only=True) as store:
        chosen = [d.strip() for d in (detector or "").split(",") if d.strip()]
        if cv:
            names = chosen or ["lexicon", "embedding", "supervised", "ensemble"]
            with step_progress(
                f"cross-validating {', '.join(names)}", "fold", quiet=state.quiet
            ) as update:
                result = cross_validate(
                    store,
                    _codebook(codebook),
                    names,
                    folds=cv,
                    level=level,
                    annotator=annotator,
                    n_samples=samples,
                    progress=update,
                )
        else:
            record = store.run(run)
            run_id = str(record["run_id"])
            cb = _codebook(codebook or record.get("codebook_id"))
            result = evaluate_run(
                store,
                cb,
                run_id=run_id,
                detectors=chosen or None,
                level=level,
                annotator=annotator,
                n_samples=samples,
                include_training=include_training,
            )
    if as_json:
        payload = finite(result.to_dict())
        typer.echo(json.dumps(payload, indent=2, ensure_ascii=False, allow_nan=False, default=str))
        return
    print_evaluation(result)


def _f(value: float) -> str:
    return (
        "—" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{value:.3f}"
    )


def _ci(value: float, ci: list[float] | None) -> str:
    if not ci or any(math.isnan(c) for c in ci):
        return _f(value)
    return f"{_f(value)} [{ci[0]:.2f}, {ci[1]:.2f}]"


def print_evaluation(result: Any) -> None:
    """Terminal tables for an :class:`~narrascope.validation.evaluate.Evaluation`."""
    where = f"{result.cv_folds}-fold CV" if result.cv_folds else f"run {result.run_id}"
    title = (
        f"{where}, level {result.level}, gold = {result.annotator}, "
        f"{result.n_documents} articles (95% bootstrap CIs)"
    )
    rows = [
        [
            det.detector,
            *(_ci(det.scores[k], det.ci.get(k)) for k in ("micro_f1", "macro_f1", "samples_f1")),
        ]
        for det in result.detectors
    ]
    columns = ["detector", "micro F1", "macro F1", "samples F1"]
    show_table(pd.DataFrame(rows, columns=columns), title, keys=("detector",))
    _language_table(result)
    warn(
        [
            f"{det.detector}: {det.trained_on} of the {result.n_documents} scored articles were "
            "training articles of its model: these scores flatter it"
            for det in result.detectors
            if det.trained_on
        ]
    )
    for det in result.detectors:
        _per_label(det, result.annotator)
    if result.coder_alpha:
        _coder_table(result.coder_alpha)
    if result.unknown_gold_labels:
        warn(
            [
                f"gold labels unknown to the codebook (left out): "
                f"{', '.join(f'{k!r} ×{v}' for k, v in sorted(result.unknown_gold_labels.items()))}"
            ]
        )


def _language_table(result: Any) -> None:
    """The same scores per language (pooled scores can hide a detector that works in one)."""
    if len(result.by_language) < 2:
        return
    rows = [
        [lang, scores.n_documents, det.detector]
        + [_f(det.scores[k]) for k in ("micro_f1", "macro_f1", "samples_f1")]
        for lang, scores in sorted(result.by_language.items())
        for det in scores.detectors
    ]
    columns = ["language", "articles", "detector", "micro F1", "macro F1", "samples F1"]
    show_table(pd.DataFrame(rows, columns=columns), "per language", keys=("language", "detector"))


def _per_label(det: Any, annotator: str) -> None:
    columns = ["label", "precision", "recall", "F1 [95% CI]", "support", "predicted"]
    rows = [
        [
            label,
            _f(row["precision"]),
            _f(row["recall"]),
            _ci(row["f1"], det.ci.get("per_label", {}).get(label)),
            str(row["support"]),
            str(row["predicted"]),
            _f(det.alpha.get(f"{annotator}:{label}", math.nan)),
        ]
        for label, row in det.scores["per_label"].items()
    ]
    frame = pd.DataFrame(rows, columns=[*columns, f"alpha vs {annotator}"])
    show_table(frame, f"{det.detector}: per label", keys=("label",))


def _coder_table(alpha: dict[str, dict[str, float]]) -> None:
    pairs = list(alpha)
    labels = sorted({label for values in alpha.values() for label in values})
    rows = [[label, *(_f(alpha[p].get(label, math.nan)) for p in pairs)] for label in labels]
    title = "Krippendorff's alpha between coders (nominal)"
    show_table(pd.DataFrame(rows, columns=["label", *pairs]), title, keys=("label",))


def export_predictions(
    out: Path,
    fmt: str,
    run: str | None,
    detector: str | None,
    codebook: str | None,
    db: Path | None,
    language: str | None = None,
) -> None:
    """``export predictions --format semeval``: a run's labels in the SemEval format."""
    from narrascope.errors import UsageError
    from narrascope.store import Store
    from narrascope.validation.semeval import write_predictions

    if fmt != "semeval":
        raise UsageError(f"predictions export in format {fmt!r}", hint="use --format semeval")
    with Store(db_path(db), read_only=True) as store:
        record = store.run(run)
        run_id = str(record["run_id"])
        cb = _codebook(codebook or record.get("codebook_id"))
        languages = [language] if language else None
        path = write_predictions(
            store, cb, out, run_id=run_id, detector=detector, languages=languages
        )
    console.print(f"wrote {path}")
