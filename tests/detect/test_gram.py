"""Logistic regression through the Gram matrix matches the direct fit on the features."""

from __future__ import annotations

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression

from narrascope.detect._gram import Gram


def test_gram_fit_equals_the_direct_fit_on_new_documents() -> None:
    rng = np.random.default_rng(3)
    dense = rng.random((40, 300)) * (rng.random((40, 300)) < 0.05)  # sparse-ish, d >> n
    x = sparse.csr_matrix(dense)
    y = np.stack([dense[:, :5].sum(axis=1) > 0.2, dense[:, 5:10].sum(axis=1) > 0.3], axis=1)
    y = y.astype(int)
    train, test = np.arange(30), np.arange(30, 40)
    gram = Gram(x, c=10.0)
    head = gram.head(gram.fit(train, y[train]))
    via_gram = head.proba(x[test])
    for j in range(y.shape[1]):
        direct = LogisticRegression(
            C=10.0, class_weight="balanced", solver="liblinear", tol=1e-8, max_iter=10_000
        ).fit(x[train], y[train, j])
        assert np.allclose(via_gram[:, j], direct.predict_proba(x[test])[:, 1], atol=2e-3)
    # probabilities of held-out training rows agree with the feature-space head
    fit = gram.fit(train[:20], y[train[:20]])
    assert np.allclose(gram.proba(fit, test), gram.head(fit).proba(x[test]), atol=1e-5)


def test_a_label_with_one_class_gets_a_constant() -> None:
    x = sparse.csr_matrix(np.eye(6))
    y = np.array([[1, 0], [1, 1], [1, 0], [1, 1], [1, 0], [1, 1]])
    gram = Gram(x, c=1.0)
    proba = gram.proba(gram.fit(np.arange(6), y), np.arange(6))
    assert np.all(proba[:, 0] > 0.99)
    assert np.all(proba[[1, 3, 5], 1] > proba[[0, 2, 4], 1].max())
