"""The report's validation section: each detector of a run against the store's human coding.

Per detector and language (and all languages pooled): articles coded, micro precision, recall
and F1, samples F1 (SemEval-2025 Task 10's metric) and Krippendorff's alpha between detector
and coder, each with a bootstrap 95% interval (articles resampled, fixed seed). Rows are
flagged when the coded sample is small (fewer than :data:`MIN_CODED` articles) or overlaps
the articles a detector's model was trained on. Scores are at the ``coarse`` level (top-level
narratives), as ``narrascope evaluate`` by default; metrics come from
:mod:`narrascope.validation.metrics`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import TYPE_CHECKING, Any

import numpy as np

from narrascope.errors import NarrascopeError
from narrascope.validation.annotations import at_level, load_gold
from narrascope.validation.metrics import SEED, bootstrap_ci, multilabel_scores

if TYPE_CHECKING:
    from narrascope.codebook import Codebook
    from narrascope.store import Store

__all__ = [
    "LEVEL",
    "MIN_CODED",
    "N_BOOT",
    "AgreementRow",
    "Validation",
    "pooled_alpha",
    "validation_section",
]

MIN_CODED = 50
"""Fewer coded articles than this: the row is flagged (its intervals are wide)."""
N_BOOT = 1000
LEVEL = "coarse"

Labels = Mapping[str, set[str]]


@dataclass(frozen=True)
class AgreementRow:
    """One detector against the gold coder on the coded articles of one language (or all)."""

    detector: str
    language: str
    n_coded: int
    precision: float
    recall: float
    f1: float
    f1_ci: list[float]
    samples_f1: float
    samples_ci: list[float]
    alpha: float
    alpha_ci: list[float]
    trained_on: int = 0
    flags: list[str] = field(default_factory=list)


@dataclass
class Validation:
    """What the report shows about agreement with human coding (``note`` says why not)."""

    note: str = ""
    annotator: str = ""
    coders: list[str] = field(default_factory=list)
    level: str = LEVEL
    min_coded: int = MIN_CODED
    n_boot: int = N_BOOT
    rows: list[AgreementRow] = field(default_factory=list)
    per_label: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    coder_rows: list[dict[str, Any]] = field(default_factory=list)
    unknown_labels: dict[str, int] = field(default_factory=dict)

    @property
    def languages(self) -> list[str]:
        """Languages with coded articles (``all`` first)."""
        return list(dict.fromkeys(r.language for r in self.rows))


def validation_section(store: Store, run_id: str, codebook: Any) -> Validation:
    """Agreement of each detector of ``run_id`` with the store's gold coding."""
    from narrascope.codebook import Codebook

    if not store.count("annotations"):
        return Validation(
            note="The store holds no human coding: import a coded sample with "
            "`narrascope annotations import` to validate the detectors."
        )
    if not isinstance(codebook, Codebook):
        return Validation(note="The run's codebook could not be loaded: gold labels not resolved.")
    try:
        return _validate(store, run_id, codebook)
    except NarrascopeError as exc:
        return Validation(note=f"No validation: {exc.one_line()}")


def _validate(store: Store, run_id: str, codebook: Codebook) -> Validation:
    gold = load_gold(store, codebook)
    annotator = gold.pick(None)
    coders = {
        c: {a: at_level(codebook, labels, LEVEL) for a, labels in docs.items()}
        for c, docs in gold.articles.items()
    }
    coded = coders[annotator]
    manifest = store.run(run_id)
    predicted = _predictions(store, codebook, run_id)
    detectors = [str(d) for d in manifest.get("detectors") or sorted(predicted)]
    index = store.article_index()
    languages = dict(zip(index["id"].astype(str), index["language"].astype(str), strict=True))
    training = _training(manifest.get("models"))
    labels = sorted(n.id for n in codebook.narratives if n.parent is None)
    result = Validation(annotator=annotator, coders=sorted(coders), unknown_labels=gold.unknown)
    groups: dict[str, list[str]] = {}
    for doc in sorted(coded):
        groups.setdefault(languages.get(doc, "und"), []).append(doc)
    by_language = {"all": sorted(coded), **dict(sorted(groups.items()))}
    for name in detectors:
        pred = predicted.get(name, {})
        seen = training.get(name, set())
        for lang, docs in by_language.items():
            result.rows.append(_row(name, lang, docs, coded, pred, labels, seen))
        result.per_label[name] = _per_label(by_language["all"], coded, pred, labels)
        for entry in result.per_label[name]:
            entry["name"] = codebook.narrative(entry["label"]).label
    result.coder_rows = _coder_agreement(coders, labels)
    return result


def _predictions(store: Store, codebook: Codebook, run_id: str) -> dict[str, dict[str, set[str]]]:
    frame = store.predicted_labels(run_id)
    raw: dict[str, dict[str, list[str]]] = {}
    for det, aid, narrative in zip(
        frame["detector"], frame["article_id"], frame["narrative"], strict=True
    ):
        raw.setdefault(str(det), {}).setdefault(str(aid), []).append(str(narrative))
    return {
        det: {aid: at_level(codebook, labels, LEVEL) for aid, labels in docs.items()}
        for det, docs in raw.items()
    }


def _training(models: Any) -> dict[str, set[str]]:
    """Training article ids per detector, as its run manifest recorded them."""
    info = models.get("detectors", {}) if isinstance(models, dict) else {}
    return {str(name): _ids(model) for name, model in info.items()}


def _ids(info: Any) -> set[str]:
    if not isinstance(info, dict):
        return set()
    found = {str(a) for a in info.get("training_articles") or ()}
    return found.union(*(_ids(v) for v in info.values() if isinstance(v, dict)))


def _row(
    name: str,
    lang: str,
    docs: list[str],
    coded: Labels,
    pred: Labels,
    labels: list[str],
    seen: set[str],
) -> AgreementRow:
    g = [coded[d] for d in docs]
    p = [pred.get(d, set()) for d in docs]
    scores = multilabel_scores(g, p, labels)
    ci = bootstrap_ci(g, p, labels, n_samples=N_BOOT) if docs else {}
    y, q = _matrix(g, labels), _matrix(p, labels)
    tp, fp, fn = int((y & q).sum()), int((~y & q).sum()), int((y & ~q).sum())
    alpha, alpha_ci = pooled_alpha(y, q), _alpha_interval(y, q)
    trained = len(seen & set(docs))
    flags = []
    if len(docs) < MIN_CODED:
        flags.append(f"only {len(docs)} coded articles (< {MIN_CODED}): indicative, wide intervals")
    if trained:
        flags.append(
            f"{trained} of {len(docs)} coded articles were training articles: scores flatter it"
        )
    return AgreementRow(
        detector=name,
        language=lang,
        n_coded=len(docs),
        precision=tp / (tp + fp) if tp + fp else math.nan,
        recall=tp / (tp + fn) if tp + fn else math.nan,
        f1=float(scores["micro_f1"]),
        f1_ci=list(ci.get("micro_f1", [math.nan, math.nan])),
        samples_f1=float(scores["samples_f1"]),
        samples_ci=list(ci.get("samples_f1", [math.nan, math.nan])),
        alpha=alpha,
        alpha_ci=alpha_ci,
        trained_on=trained,
        flags=flags,
    )


def _per_label(
    docs: list[str], coded: Labels, pred: Labels, labels: list[str]
) -> list[dict[str, Any]]:
    scores = multilabel_scores([coded[d] for d in docs], [pred.get(d, set()) for d in docs], labels)
    return [{"label": label, **scores["per_label"][label]} for label in labels]


def _matrix(docs: Sequence[set[str]], labels: Sequence[str]) -> np.ndarray:
    out = np.zeros((len(docs), len(labels)), dtype=bool)
    col = {label: j for j, label in enumerate(labels)}
    for i, doc in enumerate(docs):
        for label in doc & col.keys():
            out[i, col[label]] = True
    return out


def _unit_counts(y: np.ndarray, p: np.ndarray) -> np.ndarray:
    """Per document: (units where both say yes, both no, they differ) over the labels."""
    both = (y & p).sum(axis=1)
    neither = (~y & ~p).sum(axis=1)
    return np.stack([both, neither, y.shape[1] - both - neither], axis=1).astype(float)


def _alpha_from(counts: np.ndarray) -> np.ndarray:
    """Nominal alpha of two coders from (yes-yes, no-no, differ) unit counts (last axis)."""
    yes, no, differ = counts[..., 0], counts[..., 1], counts[..., 2]
    n = 2 * (yes + no + differ)  # pairable values
    n_yes, n_no = 2 * yes + differ, 2 * no + differ
    with np.errstate(divide="ignore", invalid="ignore"):
        alpha = 1 - (n - 1) * differ / (n_yes * n_no)
    return np.where(n_yes * n_no > 0, alpha, np.nan)


def pooled_alpha(y: np.ndarray, p: np.ndarray) -> float:
    """Krippendorff's alpha (nominal) between two complete codings of documents x labels,
    each (document, label) a unit coded present/absent: the same value as
    :func:`narrascope.validation.metrics.krippendorff_alpha` on the two rows, in closed form.
    """
    if y.size == 0:
        return math.nan
    return float(_alpha_from(_unit_counts(y, p).sum(axis=0)))


def _alpha_interval(y: np.ndarray, p: np.ndarray, level: float = 0.95) -> list[float]:
    """Percentile bootstrap interval of :func:`pooled_alpha`, documents resampled."""
    if len(y) == 0:
        return [math.nan, math.nan]
    per_doc = _unit_counts(y, p)
    rng = np.random.default_rng(SEED)
    idx = rng.integers(0, len(y), (N_BOOT, len(y)))
    draws = _alpha_from(per_doc[idx].sum(axis=1))
    draws = draws[~np.isnan(draws)]
    if draws.size == 0:
        return [math.nan, math.nan]
    lo, hi = 100 * (1 - level) / 2, 100 * (1 + level) / 2
    return [float(np.percentile(draws, lo)), float(np.percentile(draws, hi))]


def _coder_agreement(coders: Mapping[str, Labels], labels: list[str]) -> list[dict[str, Any]]:
    """Alpha between each pair of human coders on the articles both coded."""
    out = []
    for a, b in combinations(sorted(coders), 2):
        docs = sorted(set(coders[a]) & set(coders[b]))
        y = _matrix([coders[a][d] for d in docs], labels)
        p = _matrix([coders[b][d] for d in docs], labels)
        out.append(
            {
                "pair": f"{a} ~ {b}",
                "n_coded": len(docs),
                "alpha": pooled_alpha(y, p),
                "alpha_ci": _alpha_interval(y, p),
                "small": len(docs) < MIN_CODED,
            }
        )
    return out
