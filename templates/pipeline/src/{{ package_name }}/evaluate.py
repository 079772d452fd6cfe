"""Evaluate stage: failure-detection metrics on held-out readings, and the ROC figure.

F1 at the decision threshold says how useful the alarms are (missed failures and false alarms
both count); ROC AUC says how well the scores rank risky readings, whatever the threshold.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
from sklearn.metrics import f1_score, roc_auc_score, roc_curve

from .reporting import save_figure

METRICS = {"f1": "F1", "roc_auc": "ROC AUC"}  # id -> label in the README


def alarm_threshold(model) -> float:
    """The probability at which ``model`` raises an alarm: the threshold tuned on the training
    folds, or 0.5 for a model that was not tuned (the baseline)."""
    return float(getattr(model, "best_threshold_", 0.5))


def evaluate_alarms(model, readings, y_true) -> dict[str, float]:
    """:func:`failure_metrics` of a fitted model at its own alarm threshold."""
    return failure_metrics(y_true, model.predict_proba(readings)[:, 1], alarm_threshold(model))


def failure_metrics(y_true, probability: np.ndarray, threshold: float) -> dict[str, float]:
    """``f1`` of the alarms raised at ``threshold`` and ``roc_auc`` of the probabilities."""
    alarms = (np.asarray(probability) >= threshold).astype(int)
    return {
        "f1": float(f1_score(y_true, alarms, zero_division=0)),
        "roc_auc": float(roc_auc_score(y_true, probability)),
    }


def alarm_f1(threshold: float):
    """``score(y_true, probability)``: F1 of the alarms at ``threshold``, NaN for a slice without
    failures (where F1 says nothing about the alarms)."""

    def score(y_true, probability) -> float:
        if not np.asarray(y_true).any():
            return float("nan")
        return float(f1_score(y_true, np.asarray(probability) >= threshold, zero_division=0))

    return score


def plot_roc(y_true, probabilities: dict[str, np.ndarray], path: Path) -> Path:
    """One ROC curve per model on the same axes, so the gain over the baseline is visible."""
    figure, axis = plt.subplots(figsize=(5, 4.5))
    for name, probability in probabilities.items():
        false_alarms, detected, _ = roc_curve(y_true, probability)
        auc = roc_auc_score(y_true, probability)
        axis.plot(false_alarms, detected, label=f"{name} (AUC {auc:.3f})")
    axis.plot([0, 1], [0, 1], linestyle=":", color="grey")
    axis.set_xlabel("False alarm rate")
    axis.set_ylabel("Failures detected (recall)")
    axis.set_title("ROC on the held-out readings")
    axis.legend(loc="lower right", fontsize="small")
    return save_figure(figure, path)
