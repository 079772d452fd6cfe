"""Regression metrics and the two figures a reviewer looks at first."""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

from .numeric_metrics import evaluator, numeric_metrics
from .reporting import save_figure

METRICS = {"rmse": "RMSE", "mae": "MAE", "r2": "R²"}  # id -> label in the README
evaluate_model = evaluator(METRICS)


def regression_metrics(y_true, y_pred) -> dict[str, float]:
    """RMSE and MAE (in the target's units) and R² (share of variance explained)."""
    return numeric_metrics(y_true, y_pred, METRICS)


def plot_predicted_vs_actual(y_true, y_pred, path: Path) -> Path:
    """Scatter of predictions against truth; the diagonal is a perfect model."""
    figure, axis = plt.subplots(figsize=(5, 5))
    axis.scatter(y_true, y_pred, alpha=0.6, edgecolor="none")
    limits = [min(np.min(y_true), np.min(y_pred)), max(np.max(y_true), np.max(y_pred))]
    axis.plot(limits, limits, linestyle="--", color="grey", label="perfect prediction")
    axis.set(xlabel="actual", ylabel="predicted", title="Predicted vs actual (test split)")
    axis.legend(loc="upper left")
    return save_figure(figure, path)


def plot_residuals(y_true, y_pred, path: Path) -> Path:
    """Residuals against predictions: structure here means the model misses a pattern."""
    residuals = np.asarray(y_true) - np.asarray(y_pred)
    figure, (scatter, histogram) = plt.subplots(1, 2, figsize=(9, 4))
    scatter.scatter(y_pred, residuals, alpha=0.6, edgecolor="none")
    scatter.axhline(0, linestyle="--", color="grey")
    scatter.set(xlabel="predicted", ylabel="actual - predicted", title="Residuals (test split)")
    histogram.hist(residuals, bins=20)
    histogram.set(xlabel="actual - predicted", ylabel="count", title="Residual distribution")
    return save_figure(figure, path)
