"""One classification run: split, compare, evaluate once, save.

A stratified split, a cross-validated comparison by macro F1 against a majority-class baseline,
one evaluation of the selected model on the test split (with bootstrap intervals), and the
confusion matrix.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import matplotlib.pyplot as plt
from sklearn.dummy import DummyClassifier
from sklearn.metrics import ConfusionMatrixDisplay, accuracy_score, f1_score
from sklearn.model_selection import StratifiedKFold, train_test_split

from .comparison import compare_candidates
from .experiment import save_model
from .reporting import save_figure, save_run
from .uncertainty import bootstrap_intervals

BASELINE = "majority_class"
METRICS = {"accuracy": "Accuracy", "macro_f1": "Macro F1"}  # id -> label in the README


@dataclass
class ClassifierRun:
    """The selected model, its held-out predictions and every fitted candidate (for figures)."""

    selected: str
    x_test: Any
    y_test: Any
    y_pred: Any
    metrics: dict[str, float]
    fitted: dict[str, Any]


def majority_baseline() -> DummyClassifier:
    """The naive baseline every classifier must beat: always the most frequent class."""
    return DummyClassifier(strategy="most_frequent")


def train_classifiers(candidates: dict[str, Any], features, labels, params: dict[str, Any],
                      reports_dir: Path, models_dir: Path, unit: str) -> ClassifierRun:
    """Compare ``candidates`` (one named :data:`BASELINE`), evaluate the best once, save all.

    Writes ``metrics.json``, ``metrics_intervals.json``, ``model_comparison.json``,
    ``figures/confusion_matrix.png`` and the selected model with the input columns it reads
    (``models/model.joblib``). ``unit`` names the rows in reports ("texts", "images").
    """
    seed = params["split"]["seed"]
    x_train, x_test, y_train, y_test = train_test_split(
        features, labels, test_size=params["split"]["test_size"], stratify=labels,
        random_state=seed,
    )
    comparison = compare_candidates(
        candidates, (x_train, y_train), (x_test, y_test),
        cv=StratifiedKFold(params["train"]["cv_folds"], shuffle=True, random_state=seed),
        scoring="f1_macro", evaluate=evaluate_labels,
    )
    selected = comparison.best(BASELINE)
    model = comparison.fitted[selected]
    y_pred = model.predict(x_test)
    metrics = label_metrics(y_test, y_pred)
    intervals = bootstrap_intervals(label_metrics, (y_test, y_pred), seed=seed,
                                    resamples=params["evaluate"]["bootstrap_resamples"])
    save_run(reports_dir, metrics, intervals, selected=selected, baseline=BASELINE,
             models=comparison.scores,
             evaluated_on=f"the held-out test split ({len(y_test)} {unit})")
    figure = reports_dir / "figures" / "confusion_matrix.png"
    plot_confusion_matrix(y_test, y_pred, sorted(set(labels)), figure)
    save_model({"model": model, "columns": list(features.columns), "output": "predicted_label"},
               models_dir)
    return ClassifierRun(selected, x_test, y_test, y_pred, metrics, comparison.fitted)


def label_metrics(y_true, y_pred) -> dict[str, float]:
    """Accuracy and macro-averaged F1 (every class counts the same, whatever its size)."""
    return {
        "accuracy": float(accuracy_score(y_true, y_pred)),
        "macro_f1": float(f1_score(y_true, y_pred, average="macro", zero_division=0)),
    }


def evaluate_labels(model, features, labels) -> dict[str, float]:
    """:func:`label_metrics` of a fitted model on held-out data."""
    return label_metrics(labels, model.predict(features))


def plot_confusion_matrix(y_true, y_pred, classes: list, path: Path) -> Path:
    """Save the confusion matrix (counts; rows are true classes, in the order of ``classes``)."""
    size = max(4.0, 0.5 * len(classes) + 2)
    figure, axis = plt.subplots(figsize=(size + 1, size))
    ConfusionMatrixDisplay.from_predictions(
        y_true, y_pred, labels=classes, display_labels=[str(name) for name in classes], ax=axis,
        colorbar=False, xticks_rotation=45,
    )
    axis.set_title("Confusion matrix (test split)")
    return save_figure(figure, path)

