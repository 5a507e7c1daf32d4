"""Agreement between human coders, per coder pair and per batch, and their disagreements.

Units are items: an article (article-level codes) or one sentence of it (sentence-level codes);
a coder *coded* a unit when the store holds any code of theirs for it (``NO_LABEL`` included).
Codes are compared as stored (narrative ids; no ancestors added). The coder ``adjudicated``
(the dashboard's adjudication) is left out of agreement.

For each pair of coders and each narrative, over the ``n`` units both coded:

- percent agreement: share of units where both give the narrative, or both do not;
- Krippendorff's alpha, nominal (present/absent per unit;
  :func:`~narrascope.validation.metrics.krippendorff_alpha` gives the same number), with a
  95% percentile bootstrap interval (units resampled, fixed seed); NaN when undefined (no
  variation: nobody or everybody gave the narrative);

and a row ``(all)``: percent of units with the very same set of codes, and alpha over every
(unit, narrative) decision pooled. Per batch: the same over the units both coded in one batch
(a coding-sheet import's ``--batch``; codes imported otherwise are batch ``(other)``). Per
language: the same over the units of each article language.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from itertools import combinations
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from narrascope.validation.annotations import NO_LABEL, label_resolver, resolve
from narrascope.validation.coding_sheet import parse_source
from narrascope.validation.metrics import BOOTSTRAP_SAMPLES, SEED

if TYPE_CHECKING:
    from narrascope.codebook import Codebook
    from narrascope.store import Store

__all__ = [
    "ADJUDICATED",
    "ALL",
    "OTHER_BATCH",
    "Codings",
    "Disagreement",
    "agreement_table",
    "binary_alpha",
    "disagreements",
    "load_codings",
]

ADJUDICATED = "adjudicated"
ALL = "(all)"
OTHER_BATCH = "(other)"
Unit = tuple[str, int | None]  # (article_id, sentence_index or None)


@dataclass
class Codings:
    """``codes[coder][unit]`` = narrative ids; ``batch[coder][unit]`` = the batch it came in."""

    codes: dict[str, dict[Unit, set[str]]] = field(default_factory=dict)
    batch: dict[str, dict[Unit, str]] = field(default_factory=dict)
    narratives: list[str] = field(default_factory=list)
    language: dict[str, str] = field(default_factory=dict)  # article id -> language

    @property
    def coders(self) -> list[str]:
        return sorted(c for c in self.codes if c != ADJUDICATED)


def load_codings(store: Store, codebook: Codebook) -> Codings:
    """Every coder's codes per unit (labels resolved against ``codebook``; unknown ones kept)."""
    frame = store.annotations()
    table = label_resolver(codebook)
    out = Codings(narratives=[n.id for n in codebook.narratives])
    records: list[dict[Any, Any]] = frame.to_dict(orient="records")
    for row in records:
        coder, raw = str(row["annotator"]), row["sentence_index"]
        index = None if raw is None or pd.isna(raw) else int(raw)
        unit: Unit = (str(row["article_id"]), index)
        codes = out.codes.setdefault(coder, {}).setdefault(unit, set())
        out.batch.setdefault(coder, {})[unit] = parse_source(row["source"]) or OTHER_BATCH
        if str(row["label"]) != NO_LABEL:
            codes.add(resolve(table, str(row["label"])) or str(row["label"]))
    coded = {u[0] for units in out.codes.values() for u in units}
    out.language = store.article_languages(sorted(coded))
    return out


def binary_alpha(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Nominal alpha of two coders' 0/1 codes; ``a``, ``b``: (resamples x units) booleans.

    With ``N`` units, ``D`` units coded differently and ``n1`` ones among the ``2N`` values:
    ``alpha = 1 - (2N - 1) D / (n0 n1)``; NaN when ``n0 n1 = 0``.
    """
    a, b = np.atleast_2d(a), np.atleast_2d(b)
    n = 2 * a.shape[1]
    ones = a.sum(axis=1) + b.sum(axis=1)
    diff = (a != b).sum(axis=1)
    expected = (n - ones) * ones
    with np.errstate(divide="ignore", invalid="ignore"):
        alpha = 1 - (n - 1) * diff / expected
    return np.where(expected > 0, alpha, np.nan)


def _row(a: np.ndarray, b: np.ndarray, idx: np.ndarray) -> dict[str, Any]:
    alpha = float(binary_alpha(a, b)[0])
    draws = binary_alpha(a[idx], b[idx])
    draws = draws[~np.isnan(draws)]
    low, high = (
        (float(np.percentile(draws, 2.5)), float(np.percentile(draws, 97.5)))
        if draws.size and not math.isnan(alpha)
        else (math.nan, math.nan)
    )
    return {
        "n": int(a.size),
        "percent_agreement": float((a == b).mean()) if a.size else math.nan,
        "alpha": alpha,
        "alpha_low": low,
        "alpha_high": high,
    }


def _pair_rows(
    left: list[set[str]], right: list[set[str]], narratives: list[str], n_samples: int, seed: int
) -> list[dict[str, Any]]:
    n = len(left)
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, n, (n_samples, n))
    a = np.array([[lab in s for s in left] for lab in narratives], dtype=bool)
    b = np.array([[lab in s for s in right] for lab in narratives], dtype=bool)
    rows = []
    for j, label in enumerate(narratives):
        rows.append({"narrative": label, **_row(a[j], b[j], idx)})
    # pooled: every (unit, narrative) decision; resample units, keep their decisions together
    flat_a, flat_b = a.T.reshape(-1), b.T.reshape(-1)
    k = len(narratives)
    flat_idx = (idx[:, :, None] * k + np.arange(k)).reshape(n_samples, -1)
    pooled = _row(flat_a, flat_b, flat_idx)
    pooled["n"] = n
    pooled["percent_agreement"] = float(np.mean([x == y for x, y in zip(left, right, strict=True)]))
    return [{"narrative": ALL, **pooled}, *rows]


def agreement_table(
    codings: Codings,
    *,
    by: str | None = None,
    n_samples: int = BOOTSTRAP_SAMPLES,
    seed: int = SEED,
) -> pd.DataFrame:
    """One row per group, coder pair and narrative: n, percent agreement, alpha, interval.

    ``by``: None (one group, ``(all)``), ``batch`` (units both coders coded in the same batch)
    or ``language`` (the unit's article language). Narratives nobody in the pair gave are left
    out (alpha is undefined there); the ``(all)`` row comes first for each pair. The group is
    in the column ``group`` (and, for compatibility, ``batch``).
    """
    rows: list[dict[str, Any]] = []
    for first, second in combinations(codings.coders, 2):
        left, right = codings.codes[first], codings.codes[second]
        shared = sorted(set(left) & set(right), key=lambda u: (u[0], -1 if u[1] is None else u[1]))
        groups = _groups(codings, first, second, shared, by)
        for batch, units in sorted(groups.items()):
            if not units:
                continue
            ls, rs = [left[u] for u in units], [right[u] for u in units]
            given = sorted(set().union(*ls, *rs))
            labels = [n for n in codings.narratives if n in given]
            labels += [n for n in given if n not in labels]
            for row in _pair_rows(ls, rs, labels, n_samples, seed):
                rows.append(
                    {"group": batch, "batch": batch, "coder_a": first, "coder_b": second, **row}
                )
    columns = ["group", "batch", "coder_a", "coder_b", "narrative", "n", "percent_agreement"]
    columns += ["alpha", "alpha_low", "alpha_high"]
    return pd.DataFrame(rows, columns=columns)


def _groups(
    codings: Codings, first: str, second: str, shared: list[Unit], by: str | None
) -> dict[str, list[Unit]]:
    if by is None:
        return {ALL: shared}
    if by not in ("batch", "language"):
        raise ValueError(f"unknown grouping {by!r} (use batch or language)")
    groups: dict[str, list[Unit]] = {}
    for unit in shared:
        if by == "language":
            groups.setdefault(codings.language.get(unit[0], "(unknown)"), []).append(unit)
            continue
        b1, b2 = codings.batch[first][unit], codings.batch[second][unit]
        if b1 == b2:
            groups.setdefault(b1, []).append(unit)
    return groups


@dataclass(frozen=True)
class Disagreement:
    """One item the coders coded differently."""

    article_id: str
    sentence_index: int | None
    codes: dict[str, list[str]]
    adjudicated: list[str] | None

    @property
    def item_id(self) -> str:
        return (
            self.article_id
            if self.sentence_index is None
            else (f"{self.article_id}#{self.sentence_index}")
        )

    @property
    def given(self) -> list[str]:
        """Every code any coder gave (the adjudicator chooses among these)."""
        return sorted(set().union(*(set(v) for v in self.codes.values())))


def disagreements(codings: Codings, *, include_settled: bool = True) -> list[Disagreement]:
    """Items at least two coders (not ``adjudicated``) coded, with different codes.

    ``include_settled=False`` leaves out items that already have an adjudicated code.
    """
    units: dict[Unit, dict[str, list[str]]] = {}
    for coder in codings.coders:
        for unit, codes in codings.codes[coder].items():
            units.setdefault(unit, {})[coder] = sorted(codes)
    settled = codings.codes.get(ADJUDICATED, {})
    out = []
    for unit in sorted(units, key=lambda u: (u[0], -1 if u[1] is None else u[1])):
        given = units[unit]
        if len(given) < 2 or len({tuple(v) for v in given.values()}) < 2:
            continue
        done = sorted(settled[unit]) if unit in settled else None
        if done is not None and not include_settled:
            continue
        out.append(Disagreement(unit[0], unit[1], given, done))
    return out
