"""Metrics and figures for a fitted classifier on held-out data."""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
from sklearn.metrics import (
    ConfusionMatrixDisplay,
    RocCurveDisplay,
    accuracy_score,
    f1_score,
    precision_score,
    recall_score,
    roc_auc_score,
)

from .reporting import save_figure


def classification_metrics(y_true, y_pred, y_score) -> dict[str, float]:
    """Accuracy, precision, recall, F1 and ROC AUC.

    Labels are encoded 0..k-1 with 1 the positive class when there are two classes; with more,
    precision/recall/F1 are macro averages and ROC AUC is one-vs-rest.
    """
    binary = y_score.ndim == 1
    average = "binary" if binary else "macro"
    return {
        "accuracy": float(accuracy_score(y_true, y_pred)),
        "precision": float(precision_score(y_true, y_pred, average=average, zero_division=0)),
        "recall": float(recall_score(y_true, y_pred, average=average, zero_division=0)),
        "f1": float(f1_score(y_true, y_pred, average=average, zero_division=0)),
        "roc_auc": float(
            roc_auc_score(y_true, y_score)
            if binary
            else roc_auc_score(y_true, y_score, multi_class="ovr")
        ),
    }


def positive_scores(model, features) -> np.ndarray:
    """Scores for ROC AUC: P(positive) for two classes, the full probability matrix otherwise."""
    probabilities = model.predict_proba(features)
    return probabilities[:, 1] if probabilities.shape[1] == 2 else probabilities


def plot_confusion_matrix(y_true, y_pred, class_names: list[str], path: Path) -> Path:
    """Save the confusion matrix (counts) as PNG."""
    figure, axis = plt.subplots(figsize=(5, 4))
    ConfusionMatrixDisplay.from_predictions(
        y_true, y_pred, display_labels=class_names, ax=axis, colorbar=False
    )
    axis.set_title("Confusion matrix (test split)")
    return save_figure(figure, path)


def plot_roc_curve(y_true, y_score, path: Path) -> Path:
    """Save the ROC curve (binary) or one curve per class (one-vs-rest) as PNG."""
    figure, axis = plt.subplots(figsize=(5, 4))
    if y_score.ndim == 1:
        RocCurveDisplay.from_predictions(y_true, y_score, ax=axis)
    else:
        for index in range(y_score.shape[1]):
            RocCurveDisplay.from_predictions(
                np.asarray(y_true) == index, y_score[:, index], ax=axis, name=f"class {index}"
            )
    axis.plot([0, 1], [0, 1], linestyle="--", color="grey", label="chance")
    axis.set_title("ROC curve (test split)")
    axis.legend(loc="lower right")
    return save_figure(figure, path)
