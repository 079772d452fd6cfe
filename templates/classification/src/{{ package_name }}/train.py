"""Compare a baseline and stronger models with cross-validation, then evaluate the best once.

Run ``python -m <package>.train``. Writes ``reports/metrics.json`` (the selected model on the
held-out test split), ``reports/metrics_intervals.json`` (their bootstrap 95 % intervals),
``reports/model_comparison.json`` (every candidate), figures in ``reports/figures/`` and the
fitted model in ``models/model.joblib``; then the README's key result and metrics table.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from sklearn.base import ClassifierMixin
from sklearn.dummy import DummyClassifier
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score
from sklearn.model_selection import StratifiedKFold, train_test_split
from sklearn.pipeline import Pipeline

from .cli import train_main
from .comparison import compare_candidates
from .data import load_dataset
from .evaluate import (
    METRICS,
    classification_metrics,
    evaluate_classifier,
    plot_confusion_matrix,
    plot_roc_curve,
    positive_scores,
)
from .experiment import save_model
from .features import build_preprocessor
from .params import load_params
from .paths import MODELS_DIR, REPORTS_DIR
from .permutation import explain_tabular
from .reporting import save_run
from .slice_columns import column_slices
from .uncertainty import bootstrap_intervals

BASELINE = "majority_class"


def candidates(settings: dict[str, Any], seed: int) -> dict[str, ClassifierMixin]:
    """The models compared, each behind the same preprocessing: a naive baseline first."""
    models = {
        BASELINE: DummyClassifier(strategy="most_frequent"),
        "logistic_regression": LogisticRegression(max_iter=2000),
        "random_forest": RandomForestClassifier(
            n_estimators=settings["forest_trees"], random_state=seed, n_jobs=-1
        ),
    }
    return {name: Pipeline([("features", build_preprocessor()), ("model", model)])
            for name, model in models.items()}


def encode_labels(labels, positive_label: str) -> tuple[np.ndarray, list[str]]:
    """Encode labels 0..k-1, putting the positive class last (so it is 1 when binary)."""
    classes = sorted(set(map(str, labels)))
    if positive_label and positive_label in classes:
        classes.remove(positive_label)
        classes.append(positive_label)
    index = {name: position for position, name in enumerate(classes)}
    return np.array([index[str(label)] for label in labels]), classes


def run(
    reports_dir: Path = REPORTS_DIR,
    models_dir: Path = MODELS_DIR,
    params: dict[str, Any] | None = None,
) -> dict[str, float]:
    """Train, select by cross-validated F1, evaluate once on the test split, save everything."""
    params = params or load_params()
    seed = params["split"]["seed"]
    features, labels = load_dataset(params)
    y, class_names = encode_labels(labels, params["data"].get("positive_label", ""))
    x_train, x_test, y_train, y_test = train_test_split(
        features, y, test_size=params["split"]["test_size"], stratify=y, random_state=seed
    )
    comparison = compare_candidates(
        candidates(params["train"], seed), (x_train, y_train), (x_test, y_test),
        cv=StratifiedKFold(params["train"]["cv_folds"], shuffle=True, random_state=seed),
        scoring="f1" if len(class_names) == 2 else "f1_macro", evaluate=evaluate_classifier,
    )
    best = comparison.best(BASELINE)
    model = comparison.fitted[best]
    y_pred, y_score = model.predict(x_test), positive_scores(model, x_test)
    metrics = classification_metrics(y_test, y_pred, y_score)
    intervals = bootstrap_intervals(classification_metrics, (y_test, y_pred, y_score), seed=seed,
                                    resamples=params["evaluate"]["bootstrap_resamples"])

    save_run(reports_dir, metrics, intervals, selected=best, baseline=BASELINE,
             models=comparison.scores,
             evaluated_on=f"the held-out test split ({len(y_test)} rows)")
    figures = reports_dir / "figures"
    plot_confusion_matrix(y_test, y_pred, class_names, figures / "confusion_matrix.png")
    plot_roc_curve(y_test, y_score, class_names, figures / "roc_curve.png")
    explain_tabular(model, best, x_test, y_test, scoring=comparison.scoring,
                    score_label="F1" if comparison.scoring == "f1" else "macro F1",
                    repeats=params["explain"]["repeats"], seed=seed, reports_dir=reports_dir)
    column_slices(x_test, y_test, y_pred, params["slices"], metric="accuracy", label="Accuracy",
                  score=accuracy_score, higher_is_better=True, reports_dir=reports_dir)
    bundle = {"model": model, "classes": class_names, "columns": list(features.columns)}
    save_model({**bundle, "output": "prediction"}, models_dir)
    return metrics


def main(argv: list[str] | None = None) -> None:
    """Command-line entry point."""
    train_main(run, __doc__.splitlines()[0], METRICS, argv)


if __name__ == "__main__":
    main()
