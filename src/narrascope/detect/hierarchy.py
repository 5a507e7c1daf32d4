"""Hierarchical label decisions: per-label thresholds, a fine label implies its coarse label, and
the SemEval-2025 Task 10 ``Other`` rules.

A :class:`LabelTree` holds the trained labels (top-level "coarse" narratives and their
sub-narratives) and the codebook's fallback labels: a top-level narrative labelled ``Other``
and, per coarse narrative, a child whose label ends with ``": Other"``. :func:`decide` turns
article probabilities into label sets:

1. a label passes when its probability reaches its threshold;
2. a passing sub-narrative implies its coarse narrative;
3. a coarse narrative with no passing sub-narrative gets its ``"<coarse>: Other"`` child;
4. an article where nothing passes gets the top-level ``Other`` -- or, where ``fallback`` asks
   for it (a language whose training articles are rarely ``Other``), its most probable coarse
   narrative, which then follows rule 3.

Rules 3 and 4 apply only when the codebook has those labels (the ``semeval``, ``urw`` and ``cc``
codebooks do); otherwise a decision is plain thresholds plus rule 2.

:func:`decide_expected` is the alternative to thresholds: it picks, per article, the label set
with the highest *expected* samples F1 (mean of the coarse and the fine level, the same rules
2-4 applied) under a distribution of gold label sets built from calibrated probabilities
(:class:`Calibration`, Platt scaling per level): the coarse set is one of the coarse label sets
seen in training (:func:`coarse_support`), weighted by its likelihood under independent
coarse probabilities, so co-occurrence is learned from the data; each sub-narrative then comes
with probability ``p(fine) / p(coarse)`` under a chosen coarse parent. Sets are built greedily
(add the label that gains most, stop when none gains), estimated on seeded Monte-Carlo draws;
``at_least_one`` makes an article always take a label (for a language whose training articles
are never ``Other``).

:func:`choose_thresholds` picks the thresholds from out-of-fold probabilities: starting at 0.5
(the decision point of a class-balanced logistic regression), coordinate ascent on the mean of
the coarse and fine samples F1 (SemEval's official metric) of the decided sets moves a label's
threshold only when that gains at least one article's worth, so the thresholds serve the
hierarchy rules without chasing noise.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from narrascope.codebook import Codebook

__all__ = [
    "GRID",
    "Calibration",
    "LabelTree",
    "choose_thresholds",
    "coarse_support",
    "complete",
    "decide",
    "decide_expected",
    "expected_f1",
    "level_scores",
    "top_coarse",
]

OTHER = "Other"
SAMPLES = 4000
"""Monte-Carlo draws of gold label sets per article in :func:`decide_expected`."""
SAMPLE_SEED = 20250310
GRID = np.round(np.arange(0.05, 0.96, 0.05), 2)
"""Candidate thresholds."""


@dataclass(frozen=True)
class LabelTree:
    """Trained labels and the hierarchy facts :func:`decide` needs (picklable, no codebook)."""

    labels: tuple[str, ...]
    parent: dict[str, str | None]
    other: str | None = None
    other_child: dict[str, str] = field(default_factory=dict)
    coarse: tuple[str, ...] = ()
    fine: tuple[str, ...] = ()

    @classmethod
    def from_codebook(cls, codebook: Codebook, labels: Sequence[str]) -> LabelTree:
        """The tree of ``labels`` (trained label ids) under ``codebook``'s hierarchy.

        Coarse labels are the top-level narratives, fine labels the leaves (as
        ``evaluate --level coarse/fine`` counts them); each label's parent is its root.
        """
        roots = {n.id: _root(codebook, n.id) for n in codebook.narratives}
        other = next((n.id for n in codebook.top_level() if n.label.strip() == OTHER), None)
        other_child = {
            top.id: child
            for top in codebook.top_level()
            for child in codebook.children(top.id)
            if codebook.narrative(child).label.endswith(f": {OTHER}")
        }
        return cls(
            labels=tuple(labels),
            parent={lab: (roots[lab] if roots[lab] != lab else None) for lab in labels},
            other=other,
            other_child=other_child,
            coarse=tuple(n.id for n in codebook.top_level()),
            fine=tuple(n.id for n in codebook.narratives if not codebook.children(n.id)),
        )

    @property
    def fallbacks(self) -> set[str]:
        """Labels predicted by rule, never learned: ``Other`` and the ``X: Other`` children."""
        return {*self.other_child.values(), *([self.other] if self.other else [])}

    def to_dict(self) -> dict[str, Any]:
        return {
            "other": self.other,
            "other_children": dict(sorted(self.other_child.items())),
            "parents": {k: v for k, v in self.parent.items() if v},
        }


def _root(codebook: Codebook, narrative_id: str) -> str:
    ancestors = codebook.ancestors(narrative_id)
    return ancestors[-1] if ancestors else narrative_id


def _passing(proba: np.ndarray, thresholds: np.ndarray) -> np.ndarray:
    """Labels at or above their threshold (``thresholds``: one per label, or per cell)."""
    limits = thresholds if thresholds.ndim == 2 else thresholds[None, :]
    return np.asarray(proba >= limits)


def top_coarse(proba: np.ndarray, tree: LabelTree) -> np.ndarray:
    """Per article, the column of its most probable coarse label (-1 when none is trained)."""
    coarse = np.array([tree.parent.get(lab) is None for lab in tree.labels], dtype=bool)
    if not coarse.any():
        return np.full(len(proba), -1, dtype=int)
    masked = np.where(coarse[None, :], proba, -np.inf)
    return np.asarray(np.argmax(masked, axis=1), dtype=int)


def _with_fallback(passing: np.ndarray, top: np.ndarray | None) -> np.ndarray:
    """``passing`` where an article with nothing passing takes its ``top`` column instead."""
    if top is None:
        return passing
    empty = ~passing.any(axis=1) & (top >= 0)
    if not empty.any():
        return passing
    out = passing.copy()
    rows = np.flatnonzero(empty)
    out[rows, top[rows]] = True
    return out


def decide(
    proba: np.ndarray,
    thresholds: np.ndarray,
    tree: LabelTree,
    fallback: np.ndarray | None = None,
) -> list[set[str]]:
    """Label sets of articles from (articles x ``tree.labels``) probabilities (module rules).

    ``fallback`` (one bool per article): where true, an article with nothing passing gets its
    most probable coarse label instead of ``Other``.

    Example:
        >>> tree = LabelTree(("a", "a1"), {"a": None, "a1": "a"}, "other", {"a": "a-other"})
        >>> proba = np.array([[0.9, 0.1], [0.2, 0.8], [0.1, 0.1]])
        >>> sets = decide(proba, np.array([0.5, 0.5]), tree)
        >>> [sorted(s) for s in sets]
        [['a', 'a-other'], ['a', 'a1'], ['other']]
    """
    passing = _passing(proba, thresholds)
    if fallback is not None and fallback.any():
        top = np.where(fallback, top_coarse(proba, tree), -1)
        passing = _with_fallback(passing, top)
    out = []
    for row in passing:
        chosen = {tree.labels[j] for j in np.flatnonzero(row)}
        out.append(complete(chosen, tree))
    return out


def complete(chosen: Collection[str], tree: LabelTree) -> set[str]:
    """Rules 2-4 on one article's passing labels (the label set SemEval's scorer sees)."""
    labels = set(chosen)
    labels.update(p for lab in chosen if (p := tree.parent.get(lab)))
    coarse = {lab for lab in labels if tree.parent.get(lab) is None}
    covered = {tree.parent[lab] for lab in labels if tree.parent.get(lab)}
    for top in coarse - covered:
        if top in tree.other_child:
            labels.add(tree.other_child[top])
    if not labels and tree.other:
        labels.add(tree.other)
    return labels


# --------------------------------------------------------------------------- expected F1


def _logit(p: np.ndarray) -> np.ndarray:
    q = np.clip(p, 1e-6, 1 - 1e-6)
    return np.asarray(np.log(q / (1 - q)))


@dataclass(frozen=True)
class Calibration:
    """Platt scaling of label probabilities: one slope and bias for the coarse labels, one for
    the sub-narratives (``p -> sigmoid(a * logit(p) + b)``); the default is the identity."""

    coarse: tuple[float, float] = (1.0, 0.0)
    fine: tuple[float, float] = (1.0, 0.0)

    @classmethod
    def fit(
        cls, proba: np.ndarray, gold: Sequence[Collection[str]], tree: LabelTree
    ) -> Calibration:
        """Fit on (articles x ``tree.labels``) out-of-fold probabilities and gold label sets."""
        from narrascope.detect._calibration import fit_platt

        y = np.array([[lab in g for lab in tree.labels] for g in gold], dtype=bool)
        y = y.reshape(len(gold), len(tree.labels))
        z = _logit(np.asarray(proba, dtype=float))
        coarse = _coarse_mask(tree)
        levels = []
        for mask in (coarse, ~coarse):
            levels.append(fit_platt(z[:, mask].ravel(), y[:, mask].ravel()))
        return cls(levels[0], levels[1])

    def apply(self, proba: np.ndarray, tree: LabelTree) -> np.ndarray:
        """Calibrated probabilities (same shape; columns are ``tree.labels``)."""
        z = _logit(np.asarray(proba, dtype=float))
        coarse = _coarse_mask(tree)
        a = np.where(coarse, self.coarse[0], self.fine[0])
        b = np.where(coarse, self.coarse[1], self.fine[1])
        return np.asarray(1.0 / (1.0 + np.exp(-np.clip(a * z + b, -40, 40))))

    def to_dict(self) -> dict[str, list[float]]:
        return {"coarse": list(self.coarse), "fine": list(self.fine)}


def _coarse_mask(tree: LabelTree) -> np.ndarray:
    return np.array([tree.parent.get(lab) is None for lab in tree.labels], dtype=bool)


def coarse_support(gold: Sequence[Collection[str]], tree: LabelTree) -> np.ndarray:
    """The distinct coarse label sets of ``gold`` (rows of bools over ``tree.labels``; only
    coarse columns set; the empty set included when an article has no trained coarse label)."""
    coarse = _coarse_mask(tree)
    rows = np.zeros((len(gold), len(tree.labels)), dtype=bool)
    for i, labels in enumerate(gold):
        for j, lab in enumerate(tree.labels):
            rows[i, j] = coarse[j] and lab in labels
    if not len(rows):
        return rows
    return np.asarray(np.unique(rows, axis=0))


def _sample_sets(
    proba: np.ndarray,
    tree: LabelTree,
    support: np.ndarray,
    n: int,
    rng: np.random.Generator,
    at_least_one: bool,
) -> np.ndarray:
    """``n`` gold label sets ("passing" rows over ``tree.labels``) for one article's calibrated
    probabilities: a coarse set from ``support`` by likelihood, sub-narratives under it."""
    coarse = _coarse_mask(tree)
    options = support
    if at_least_one:
        options = support[support.any(axis=1)] if support.any() else support
    if not len(options):
        options = np.zeros((1, len(tree.labels)), dtype=bool)
    p = np.clip(proba, 1e-6, 1 - 1e-6)
    loglik = np.where(options, np.log(p), np.log(1 - p))[:, coarse].sum(axis=1)
    weights = np.exp(loglik - loglik.max())
    drawn = options[rng.choice(len(options), size=n, p=weights / weights.sum())].copy()
    col = {lab: j for j, lab in enumerate(tree.labels)}
    for j, lab in enumerate(tree.labels):
        parent = tree.parent.get(lab)
        if parent is None or parent not in col:
            continue
        k = col[parent]
        chance = min(1.0, float(p[j] / p[k]))
        drawn[:, j] = drawn[:, k] & (rng.random(n) < chance)
    return drawn


def _f1(pred: np.ndarray, gold: np.ndarray) -> np.ndarray:
    """(candidates x draws) samples F1 between boolean rows."""
    inter = pred.astype(np.float32) @ gold.T.astype(np.float32)
    size = pred.sum(axis=1)[:, None] + gold.sum(axis=1)[None, :]
    return np.asarray(np.where(size > 0, 2 * inter / np.maximum(size, 1), 1.0))


class _Draws:
    """Drawn gold sets at both levels, deduplicated with weights."""

    def __init__(self, scorer: _Scorer, passing: np.ndarray) -> None:
        coarse, fine = scorer.predicted(passing)
        both = np.hstack([coarse, fine])
        slot: dict[bytes, int] = {}  # distinct row -> its position in rows / counts
        rows: list[int] = []
        counts: list[int] = []
        for i, key in enumerate(map(bytes, np.packbits(both, axis=1))):
            if key in slot:
                counts[slot[key]] += 1
            else:
                slot[key] = len(rows)
                rows.append(i)
                counts.append(1)
        unique = both[rows]
        self.coarse = unique[:, : coarse.shape[1]]
        self.fine = unique[:, coarse.shape[1] :]
        self.weights = np.array(counts, dtype=float) / len(both)

    def expected(self, scorer: _Scorer, candidates: np.ndarray) -> np.ndarray:
        """Mean of the coarse and the fine expected samples F1 of candidate passing rows."""
        coarse, fine = scorer.predicted(candidates)
        return np.asarray(
            0.5 * (_f1(coarse, self.coarse) @ self.weights + _f1(fine, self.fine) @ self.weights)
        )


def expected_f1(candidates: np.ndarray, draws: np.ndarray, tree: LabelTree) -> np.ndarray:
    """Mean coarse and fine samples F1 of each candidate (passing rows over ``tree.labels``)
    averaged over gold sets ``draws`` (passing rows too; rules 2-4 applied to both)."""
    scorer = _Scorer(tree, [])
    return _Draws(scorer, draws).expected(scorer, candidates)


def decide_expected(
    proba: np.ndarray,
    tree: LabelTree,
    support: np.ndarray,
    at_least_one: np.ndarray | None = None,
    *,
    samples: int = SAMPLES,
    seed: int = SAMPLE_SEED,
) -> list[set[str]]:
    """Label sets of articles chosen for the highest expected samples F1 (module docstring).

    ``proba``: calibrated (articles x ``tree.labels``) probabilities; ``support``: coarse label
    sets seen in training (:func:`coarse_support`); ``at_least_one`` (one bool per article):
    never decide ``Other`` (nor draw it). Each article's draws use a fresh generator seeded with
    ``seed``, so its decision does not depend on the other articles.
    """
    scorer = _Scorer(tree, [])
    n_labels = len(tree.labels)
    out = []
    for i, row in enumerate(np.asarray(proba, dtype=float)):
        force = bool(at_least_one[i]) if at_least_one is not None else False
        rng = np.random.default_rng(seed)
        draws = _Draws(scorer, _sample_sets(row, tree, support, samples, rng, force))
        chosen = np.zeros(n_labels, dtype=bool)
        best = float(draws.expected(scorer, chosen[None, :])[0])
        while not chosen.all():
            free = np.flatnonzero(~chosen)
            trial = np.repeat(chosen[None, :], len(free), axis=0)
            trial[np.arange(len(free)), free] = True
            values = draws.expected(scorer, trial)
            k = int(np.argmax(values))
            if values[k] <= best + 1e-9 and not (force and not chosen.any()):
                break
            chosen, best = trial[k], float(values[k])
        out.append(complete({tree.labels[j] for j in np.flatnonzero(chosen)}, tree))
    return out


# --------------------------------------------------------------------------- scoring


class _Groups:
    """Column j of a matrix belongs to group ``groups[j]`` (-1: none); :meth:`any` ORs each
    group's columns."""

    def __init__(self, groups: Sequence[int], n_groups: int) -> None:
        member = np.array([j for j, g in enumerate(groups) if g >= 0], dtype=int)
        keys = np.array([groups[j] for j in member], dtype=int)
        order = np.argsort(keys, kind="stable")
        self.columns = member[order]
        self.targets, self.starts = np.unique(keys[order], return_index=True)
        self.n_groups = n_groups

    def any(self, matrix: np.ndarray) -> np.ndarray:
        out = np.zeros((len(matrix), self.n_groups), dtype=bool)
        if len(self.columns):
            reduced = np.logical_or.reduceat(matrix[:, self.columns], self.starts, axis=1)
            out[:, self.targets] = reduced
        return out


class _Scorer:
    """Vectorised coarse and fine samples F1 of decided label sets (for threshold search)."""

    def __init__(self, tree: LabelTree, gold: Sequence[Collection[str]]) -> None:
        self.tree = tree
        coarse, fine = list(tree.coarse), list(tree.fine)
        self.coarse_col = {lab: j for j, lab in enumerate(coarse)}
        self.fine_col = {lab: j for j, lab in enumerate(fine)}
        self.gold_coarse = self._matrix(gold, self.coarse_col)
        self.gold_fine = self._matrix(gold, self.fine_col)
        labels = tree.labels
        n_c, n_f = len(coarse), len(fine)
        # passing label j -> coarse column (itself or its parent) and fine column (if a leaf)
        tops = [self.coarse_col.get(tree.parent.get(lab) or lab, -1) for lab in labels]
        subs = [tree.parent.get(lab) is not None for lab in labels]
        self.to_coarse = _Groups(tops, n_c)
        self.sub_to_coarse = _Groups(
            [c if sub else -1 for c, sub in zip(tops, subs, strict=True)], n_c
        )
        pairs = [(j, self.fine_col[lab]) for j, lab in enumerate(labels) if lab in self.fine_col]
        self.fine_from = np.array([j for j, _ in pairs], dtype=int)
        self.fine_to = np.array([f for _, f in pairs], dtype=int)
        # coarse column -> its "X: Other" fine column
        others = [
            (self.coarse_col[top], self.fine_col[child])
            for top, child in tree.other_child.items()
            if top in self.coarse_col and child in self.fine_col
        ]
        self.other_from = np.array([c for c, _ in others], dtype=int)
        self.other_to = np.array([f for _, f in others], dtype=int)
        self.n_fine = n_f
        self.other_c = self.coarse_col.get(tree.other) if tree.other else None
        self.other_f = self.fine_col.get(tree.other) if tree.other else None

    @staticmethod
    def _matrix(sets: Sequence[Collection[str]], col: dict[str, int]) -> np.ndarray:
        out = np.zeros((len(sets), len(col)), dtype=bool)
        for i, labels in enumerate(sets):
            for lab in labels:
                if lab in col:
                    out[i, col[lab]] = True
        return out

    def predicted(self, passing: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Coarse and fine boolean matrices of the decided sets."""
        coarse = self.to_coarse.any(passing)
        fine = np.zeros((len(passing), self.n_fine), dtype=bool)
        fine[:, self.fine_to] = passing[:, self.fine_from]
        bare = coarse & ~self.sub_to_coarse.any(passing)
        fine[:, self.other_to] |= bare[:, self.other_from]
        nothing = ~coarse.any(axis=1)
        if self.other_c is not None:
            coarse[nothing, self.other_c] = True
        if self.other_f is not None:
            fine[nothing, self.other_f] = True
        return coarse, fine

    def score(self, passing: np.ndarray) -> tuple[float, float]:
        coarse, fine = self.predicted(passing)
        return _samples_f1(self.gold_coarse, coarse), _samples_f1(self.gold_fine, fine)


def _samples_f1(y: np.ndarray, p: np.ndarray) -> float:
    inter = (y & p).sum(axis=1)
    size = y.sum(axis=1) + p.sum(axis=1)
    per_doc = np.where(size > 0, 2 * inter / np.maximum(size, 1), 1.0)
    return float(per_doc.mean()) if len(y) else float("nan")


def level_scores(
    proba: np.ndarray,
    thresholds: np.ndarray,
    tree: LabelTree,
    gold: Sequence[Collection[str]],
    *,
    fallback: bool = False,
) -> tuple[float, float]:
    """Coarse and fine samples F1 of :func:`decide`'s sets against ``gold`` (labels with their
    ancestors; the fallback labels count like any other, as in SemEval's scorer)."""
    top = top_coarse(proba, tree) if fallback else None
    return _Scorer(tree, gold).score(_with_fallback(_passing(proba, thresholds), top))


def choose_thresholds(
    proba: np.ndarray,
    gold: Sequence[Collection[str]],
    tree: LabelTree,
    *,
    grid: np.ndarray = GRID,
    rounds: int = 2,
    start: str = "balanced",
    fallback: bool = False,
) -> np.ndarray:
    """Per-label thresholds from out-of-fold probabilities (see the module docstring).

    ``start``: ``"balanced"`` begins at 0.5 (the decision point of a class-balanced model) and
    ``"f1"`` at each label's F1-best threshold; ``rounds`` of coordinate ascent then move a
    threshold only when the decided sets gain at least one article's worth of samples F1.
    ``fallback``: score the decisions as :func:`decide` makes them with the top-coarse fallback.
    """
    labels = tree.labels
    y = np.array([[lab in g for lab in labels] for g in gold], dtype=bool).reshape(
        len(gold), len(labels)
    )
    if start == "f1":
        thresholds = np.array([_best_f1(proba[:, j], y[:, j], grid) for j in range(len(labels))])
    else:
        thresholds = np.full(len(labels), 0.5)
    scorer = _Scorer(tree, gold)
    top = top_coarse(proba, tree) if fallback else None
    passing = _passing(proba, thresholds)
    best = float(np.mean(scorer.score(_with_fallback(passing, top))))
    gain = 0.5 / max(len(gold), 1)  # half an article's F1 at each of the two levels
    for _ in range(rounds):
        improved = False
        for j in range(len(labels)):
            column = proba[:, j]
            candidate, value_of = thresholds[j], best
            for t in grid:
                trial = passing.copy()
                trial[:, j] = column >= t
                value = float(np.mean(scorer.score(_with_fallback(trial, top))))
                if value > value_of + 1e-12:
                    candidate, value_of = t, value
            if value_of >= best + gain:
                thresholds[j], best, improved = candidate, value_of, True
                passing[:, j] = column >= candidate
        if not improved:
            break
    return thresholds


def _best_f1(scores: np.ndarray, truth: np.ndarray, grid: np.ndarray) -> float:
    """The grid threshold with the best F1 of one label (ties: the middle one)."""
    positives = truth.sum()
    if positives == 0:
        return float(grid[-1])
    f1 = []
    for t in grid:
        pred = scores >= t
        tp = float((pred & truth).sum())
        f1.append(2 * tp / (pred.sum() + positives))
    values = np.array(f1)
    ties = np.flatnonzero(values >= values.max() - 1e-12)
    return float(grid[ties[len(ties) // 2]])
