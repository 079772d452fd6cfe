"""Metrics and figures for a fitted classifier on held-out data."""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
from sklearn.metrics import (
    ConfusionMatrixDisplay,
    accuracy_score,
    precision_recall_fscore_support,
    roc_auc_score,
    roc_curve,
)

from .reporting import save_figure

METRICS = {"accuracy": "Accuracy", "precision": "Precision", "recall": "Recall", "f1": "F1",
           "roc_auc": "ROC AUC"}  # id -> label in the README


def classification_metrics(y_true, y_pred, y_score) -> dict[str, float]:
    """Accuracy, precision, recall, F1 and ROC AUC.

    Labels are encoded 0..k-1 with 1 the positive class when there are two classes; with more,
    precision/recall/F1 are macro averages and ROC AUC is one-vs-rest.
    """
    binary = y_score.ndim == 1
    precision, recall, f1, _ = precision_recall_fscore_support(
        y_true, y_pred, average="binary" if binary else "macro", zero_division=0
    )
    return {
        "accuracy": float(accuracy_score(y_true, y_pred)),
        "precision": float(precision),
        "recall": float(recall),
        "f1": float(f1),
        "roc_auc": float(
            roc_auc_score(y_true, y_score)
            if binary
            else roc_auc_score(y_true, y_score, multi_class="ovr")
        ),
    }


def evaluate_classifier(model, features, y_true) -> dict[str, float]:
    """:func:`classification_metrics` of a fitted model on held-out rows."""
    return classification_metrics(y_true, model.predict(features), positive_scores(model, features))


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


def plot_roc_curve(y_true, y_score, class_names: list[str], path: Path) -> Path:
    """Save the ROC curve of the positive class (binary) or of each class against the rest.

    The legend names the class and gives the AUC to three decimals (0.996 is not 1.00).
    """
    figure, axis = plt.subplots(figsize=(5, 4))
    y_true = np.asarray(y_true)
    if y_score.ndim == 1:
        curves = [(class_names[1], y_true == 1, y_score)]
    else:
        curves = [(f"{name} vs rest", y_true == index, y_score[:, index])
                  for index, name in enumerate(class_names)]
    for label, is_class, score in curves:
        false_positive_rate, true_positive_rate, _ = roc_curve(is_class, score)
        auc = roc_auc_score(is_class, score)
        axis.plot(false_positive_rate, true_positive_rate, label=f"{label} (AUC {auc:.3f})")
    axis.plot([0, 1], [0, 1], linestyle="--", color="grey", label="chance")
    axis.set(xlabel="False positive rate", ylabel="True positive rate (recall)",
             title="ROC curve (test split)")
    axis.legend(loc="lower right", fontsize="small")
    return save_figure(figure, path)
