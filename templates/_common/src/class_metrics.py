"""Metrics and the confusion-matrix figure for multi-class predictions (labels as names)."""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
from sklearn.metrics import ConfusionMatrixDisplay, accuracy_score, f1_score

from .reporting import save_figure


def label_metrics(y_true, y_pred) -> dict[str, float]:
    """Accuracy and macro-averaged F1 (every class counts the same, whatever its size)."""
    return {
        "accuracy": float(accuracy_score(y_true, y_pred)),
        "macro_f1": float(f1_score(y_true, y_pred, average="macro", zero_division=0)),
    }


def evaluate_labels(model, features, labels) -> dict[str, float]:
    """:func:`label_metrics` of a fitted model on held-out data."""
    return label_metrics(labels, model.predict(features))


def plot_confusion_matrix(y_true, y_pred, class_names: list[str], path: Path) -> Path:
    """Save the confusion matrix (counts; rows are true classes) as PNG.

    ``class_names`` label the sorted distinct values of ``y_true`` and ``y_pred``.
    """
    size = max(4.0, 0.5 * len(class_names) + 2)
    figure, axis = plt.subplots(figsize=(size + 1, size))
    ConfusionMatrixDisplay.from_predictions(
        y_true, y_pred, display_labels=class_names, ax=axis, colorbar=False, xticks_rotation=45
    )
    axis.set_title("Confusion matrix (test split)")
    return save_figure(figure, path)

