"""Validation: human coding, agreement metrics, training and evaluation of learned detectors.

- :mod:`.annotations`: import human coding (article or sentence level) and read gold labels;
- :mod:`.metrics`: P/R/F1, micro/macro/samples F1, Krippendorff's alpha, bootstrap CIs (leaf);
- :mod:`.training`: labelled sets from the store, grouped folds, ``train_supervised``;
- :mod:`.evaluate`: a stored run or cross-validated detectors scored against gold;
- :mod:`.semeval`: SemEval-2025 Task 10 subtask-2 import and prediction export.
"""
