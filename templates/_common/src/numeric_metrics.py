"""Errors of numeric predictions by name, so every numeric type computes them the same way.

Plain numpy, the same numbers as scikit-learn's functions of the same names: the bootstrap
intervals call them hundreds of times, where scikit-learn's input checks cost more than the
arithmetic.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np


def _errors(y_true, y_pred) -> tuple[np.ndarray, np.ndarray]:
    y_true = np.asarray(y_true, dtype=float)
    return y_true, np.asarray(y_pred, dtype=float) - y_true


def root_mean_squared_error(y_true, y_pred) -> float:
    """In the target's units; punishes large errors more."""
    return float(np.sqrt(np.mean(_errors(y_true, y_pred)[1] ** 2)))


def mean_absolute_error(y_true, y_pred) -> float:
    """In the target's units; the typical error."""
    return float(np.mean(np.abs(_errors(y_true, y_pred)[1])))


def mean_absolute_percentage_error(y_true, y_pred) -> float:
    """A fraction (0.05 is 5 %); needs values far from 0 (divides by at least machine epsilon)."""
    y_true, errors = _errors(y_true, y_pred)
    return float(np.mean(np.abs(errors) / np.maximum(np.abs(y_true), np.finfo(float).eps)))


def r2_score(y_true, y_pred) -> float:
    """Share of variance explained; 0 for predicting the mean (1 or 0 for a constant target)."""
    y_true, errors = _errors(y_true, y_pred)
    residual, total = np.sum(errors**2), np.sum((y_true - y_true.mean()) ** 2)
    if total == 0:
        return 1.0 if residual == 0 else 0.0
    return float(1 - residual / total)


FUNCTIONS: dict[str, Callable] = {
    "rmse": root_mean_squared_error,
    "mae": mean_absolute_error,
    "mape": mean_absolute_percentage_error,
    "r2": r2_score,
}


def numeric_metrics(y_true, y_pred, names: Sequence[str]) -> dict[str, float]:
    """The metrics ``names`` (keys of :data:`FUNCTIONS`) of ``y_pred`` against ``y_true``."""
    return {name: float(FUNCTIONS[name](y_true, y_pred)) for name in names}


def evaluator(names: Sequence[str]) -> Callable[..., dict[str, float]]:
    """An ``evaluate(model, features, target)`` reporting ``names`` for a fitted model."""

    def evaluate(model, features, target) -> dict[str, float]:
        return numeric_metrics(target, model.predict(features), names)

    return evaluate
