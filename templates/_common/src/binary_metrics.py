"""Two-class metrics in plain numpy: the same numbers as scikit-learn's, without its input checks.

Threshold tuning scores 100 thresholds per fit and the bootstrap intervals recompute every metric
hundreds of times; there scikit-learn's checks of its inputs cost more than the counting itself.
Labels are 0/1 with 1 the positive class.
"""

from __future__ import annotations

import numpy as np
from scipy.stats import rankdata


def binary_counts(y_true, y_pred) -> tuple[int, int, int]:
    """True positives, predicted positives and actual positives."""
    y_true, y_pred = np.asarray(y_true) == 1, np.asarray(y_pred) == 1
    return (int(np.count_nonzero(y_true & y_pred)), int(np.count_nonzero(y_pred)),
            int(np.count_nonzero(y_true)))


def binary_f1(y_true, y_pred) -> float:
    """F1 of the positive class; 0 when there is nothing to find and nothing predicted
    (scikit-learn's ``f1_score(..., zero_division=0)``)."""
    hits, predicted, actual = binary_counts(y_true, y_pred)
    return 2 * hits / (predicted + actual) if predicted + actual else 0.0


def ranked_roc_auc(y_true, score) -> float:
    """ROC AUC as the chance that a positive row scores above a negative one (ties count half):
    scikit-learn's two-class ``roc_auc_score``, from one ranking. Undefined (ValueError, as in
    scikit-learn) when only one class is present."""
    positive = np.asarray(y_true) == 1
    positives = int(np.count_nonzero(positive))
    negatives = positive.size - positives
    if not positives or not negatives:
        raise ValueError("ROC AUC needs both classes")
    ranks = rankdata(score)[positive].sum()
    return float((ranks - positives * (positives + 1) / 2) / (positives * negatives))
