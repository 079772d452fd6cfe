"""Errors of numeric predictions by name, so every numeric type computes them the same way."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from sklearn.metrics import (
    mean_absolute_error,
    mean_absolute_percentage_error,
    r2_score,
    root_mean_squared_error,
)

FUNCTIONS: dict[str, Callable] = {
    "rmse": root_mean_squared_error,  # in the target's units; punishes large errors more
    "mae": mean_absolute_error,  # in the target's units; the typical error
    "mape": mean_absolute_percentage_error,  # a fraction (0.05 is 5 %); needs values far from 0
    "r2": r2_score,  # share of variance explained; 0 for predicting the mean
}


def numeric_metrics(y_true, y_pred, names: Sequence[str]) -> dict[str, float]:
    """The metrics ``names`` (keys of :data:`FUNCTIONS`) of ``y_pred`` against ``y_true``."""
    return {name: float(FUNCTIONS[name](y_true, y_pred)) for name in names}


def evaluator(names: Sequence[str]) -> Callable[..., dict[str, float]]:
    """An ``evaluate(model, features, target)`` reporting ``names`` for a fitted model."""

    def evaluate(model, features, target) -> dict[str, float]:
        return numeric_metrics(target, model.predict(features), names)

    return evaluate
