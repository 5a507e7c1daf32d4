"""Stratified random samples of articles or sentences for human coding.

Units are the store's canonical articles (near-duplicate copies are left out), or their
sentences. Strata are the combinations of the ``by`` dimensions:

- ``outlet``, ``month`` (UTC ``YYYY-MM`` of publication, ``(undated)`` when missing),
  ``language``;
- ``score-band``: ``none`` (no hit of the run in the unit), ``low`` or ``high`` (the unit's
  highest hit score below, or at or above, the median of that score over the units with a
  hit). Bands only shape the sample; they never appear in the coding sheet (coding is blind).

Allocation is proportional with a floor: every stratum first gets ``min(population,
minimum)`` units, the rest of ``n`` is shared in proportion to the strata's populations
(largest remainders, ties by stratum order), never more than a stratum holds. A stratum with
fewer units than the floor is taken whole and reported as short. Within a stratum units are
drawn in ``md5(seed || unit key)`` order, so the same store, ``n``, strata and seed give the
same sample.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pandas as pd

from narrascope.errors import StoreError, UsageError

if TYPE_CHECKING:
    from narrascope.store import Store

__all__ = ["BY_CHOICES", "Sample", "allocate", "draw_sample", "parse_by"]

BY_CHOICES = {"outlet": "outlet", "month": "month", "language": "language", "score-band": "band"}


def parse_by(value: str | None) -> list[str]:
    """``outlet,month`` -> store column names; a clear error naming the valid dimensions."""
    names = [v.strip() for v in (value or "").split(",") if v.strip()]
    bad = [n for n in names if n not in BY_CHOICES]
    if bad:
        raise UsageError(
            f"unknown stratum {', '.join(map(repr, bad))}",
            hint=f"use a comma-separated subset of {', '.join(BY_CHOICES)}",
        )
    if len(set(names)) != len(names):
        raise UsageError(f"a stratum is named twice in {value!r}")
    return [BY_CHOICES[n] for n in names]


def allocate(population: list[int], n: int, minimum: int) -> list[int]:
    """Units to draw per stratum: a floor of ``minimum``, the rest proportional to size.

    Example:
        >>> allocate([80, 15, 5], 20, 2)
        [15, 3, 2]
    """
    if n < 0 or minimum < 0:
        raise UsageError("--n and --min-per-stratum must be 0 or more")
    total = sum(population)
    if n >= total:
        return list(population)
    take = [min(size, minimum) for size in population]
    if sum(take) > n:
        raise UsageError(
            f"--n {n} is too small for {len(population)} strata with at least {minimum} each "
            f"({sum(take)} needed)",
            hint="raise --n, lower --min-per-stratum, or stratify by fewer dimensions",
        )
    remaining = n - sum(take)
    while remaining > 0:
        open_ = [i for i, size in enumerate(population) if take[i] < size]
        weight = sum(population[i] for i in open_)
        quota = {i: remaining * population[i] / weight for i in open_}
        given = {i: min(math.floor(quota[i]), population[i] - take[i]) for i in open_}
        if not any(given.values()):  # every quota below 1: largest remainders get one each
            order = sorted(open_, key=lambda i: (-(quota[i] - math.floor(quota[i])), i))
            given = {i: 1 for i in order[:remaining]}
        for i, k in given.items():
            take[i] += k
        remaining = n - sum(take)
    return take


@dataclass
class Sample:
    """A drawn sample: its units and how the strata were filled."""

    unit: str
    by: list[str]
    seed: int
    n: int
    minimum: int
    run_id: str | None
    cut: float | None
    items: pd.DataFrame
    strata: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def short(self) -> pd.DataFrame:
        """Strata that held fewer units than the floor (taken whole)."""
        return self.strata[self.strata["short"]]

    def to_dict(self) -> dict[str, Any]:
        strata = self.strata.rename(columns={"band": "score-band"})
        return {
            "unit": self.unit,
            "by": self.by,
            "seed": self.seed,
            "n_asked": self.n,
            "n_drawn": len(self.items),
            "min_per_stratum": self.minimum,
            "run_id": self.run_id,
            "score_band_cut": self.cut,
            "strata": strata.to_dict(orient="records"),
        }


def draw_sample(
    store: Store,
    *,
    n: int,
    unit: str = "article",
    by: list[str] | None = None,
    seed: int = 7,
    minimum: int = 1,
    run_id: str | None = None,
) -> Sample:
    """Draw a stratified random sample (see the module docstring for the design).

    Args:
        store: the store to sample from.
        n: units to draw in all (all units when the store holds fewer).
        unit: ``article`` or ``sentence``.
        by: store column names (from :func:`parse_by`): outlet, month, language, band.
        seed: the random seed (same seed, same sample).
        minimum: the floor per stratum.
        run_id: the run whose hits define score bands (default: the newest finished run;
            without any run every unit is in band ``none``).
    """
    if unit not in ("article", "sentence"):
        raise UsageError(f"unknown unit {unit!r}", hint="use article or sentence")
    by = list(by or [])
    run = _run(store, run_id)
    cut = store.score_cut(unit, run) if run else None
    strata = store.sampling_strata(unit, run, by, cut)
    if strata.empty:
        raise UsageError("the store holds no articles to sample", hint="run `narrascope ingest`")
    strata["k"] = allocate([int(p) for p in strata["population"]], n, minimum)
    strata["short"] = strata["population"] < minimum
    items = store.sampling_draw(unit, run, by, cut, strata[strata["k"] > 0], seed)
    if by:
        counts = items.groupby(by).size().to_dict()
        keys = strata[by].itertuples(index=False, name=None)
        strata["drawn"] = [int(counts.get(k if len(by) > 1 else k[0], 0)) for k in keys]
    else:
        strata["drawn"] = len(items)
    return Sample(unit, by, seed, n, minimum, run, cut, items, strata.drop(columns=["k"]))


def _run(store: Store, run_id: str | None) -> str | None:
    if run_id:
        return store.run_id(run_id)
    try:
        return store.latest_run()
    except StoreError:
        return None
