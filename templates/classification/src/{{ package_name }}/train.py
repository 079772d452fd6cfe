"""Compare a baseline and stronger models with cross-validation, then evaluate the best once.

Run ``python -m <package>.train``. Writes ``reports/metrics.json`` (the selected model on the
held-out test split), ``reports/model_comparison.json`` (every candidate), figures in
``reports/figures/`` and the fitted model in ``models/model.joblib``.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.base import ClassifierMixin
from sklearn.dummy import DummyClassifier
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score
from sklearn.model_selection import StratifiedKFold, cross_val_score, train_test_split
from sklearn.pipeline import Pipeline

from .data import load_dataset
from .evaluate import classification_metrics, plot_confusion_matrix, plot_roc_curve, positive_scores
from .experiment import save_model
from .explain import explain_tabular
from .features import build_preprocessor
from .params import load_params
from .paths import MODELS_DIR, REPORTS_DIR
from .reporting import save_json, save_metrics
from .slices import column_slices

BASELINE = "majority_class"


def candidates(seed: int) -> dict[str, ClassifierMixin]:
    """The models compared: a naive baseline first, then real contenders."""
    return {
        BASELINE: DummyClassifier(strategy="most_frequent"),
        "logistic_regression": LogisticRegression(max_iter=2000),
        "random_forest": RandomForestClassifier(n_estimators=200, random_state=seed, n_jobs=-1),
    }


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
    """Train, select, evaluate and save everything; return the test metrics."""
    params = params or load_params()
    seed = params["split"]["seed"]
    features, labels = load_dataset(params)
    y, class_names = encode_labels(labels, params["data"].get("positive_label", ""))
    x_train, x_test, y_train, y_test = train_test_split(
        features, y, test_size=params["split"]["test_size"], stratify=y, random_state=seed
    )
    folds = StratifiedKFold(params["train"]["cv_folds"], shuffle=True, random_state=seed)
    scoring = "f1" if len(class_names) == 2 else "f1_macro"

    comparison: dict[str, dict[str, float]] = {}
    fitted: dict[str, Pipeline] = {}
    for name, estimator in candidates(seed).items():
        pipeline = Pipeline([("features", build_preprocessor(x_train)), ("model", estimator)])
        scores = cross_val_score(pipeline, x_train, y_train, cv=folds, scoring=scoring)
        pipeline.fit(x_train, y_train)
        test = classification_metrics(
            y_test, pipeline.predict(x_test), positive_scores(pipeline, x_test)
        )
        comparison[name] = {
            "cv_f1_mean": float(scores.mean()),
            "cv_f1_std": float(scores.std()),
            **test,
        }
        fitted[name] = pipeline

    best = max(
        (name for name in comparison if name != BASELINE), key=lambda n: comparison[n]["cv_f1_mean"]
    )
    model = fitted[best]
    y_pred, y_score = model.predict(x_test), positive_scores(model, x_test)
    metrics = classification_metrics(y_test, y_pred, y_score)

    save_metrics(metrics, reports_dir)
    save_json(
        {"selected": best, "baseline": BASELINE, "models": comparison},
        reports_dir / "model_comparison.json",
    )
    plot_confusion_matrix(
        y_test, y_pred, class_names, reports_dir / "figures" / "confusion_matrix.png"
    )
    plot_roc_curve(y_test, y_score, reports_dir / "figures" / "roc_curve.png")
    explain_tabular(model, best, x_test, y_test, scoring=scoring,
                    score_label="F1" if scoring == "f1" else "macro F1",
                    repeats=params["explain"]["repeats"], seed=seed, reports_dir=reports_dir)
    column_slices(x_test, y_test, y_pred, params["slices"], metric="accuracy", label="Accuracy",
                  score=accuracy_score, higher_is_better=True, reports_dir=reports_dir)
    bundle = {"model": model, "classes": class_names, "columns": list(features.columns)}
    save_model({**bundle, "output": "prediction"}, models_dir)
    return metrics


def main(argv: list[str] | None = None) -> None:
    """Command-line entry point."""
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args(argv)
    started = time.perf_counter()
    metrics = run()
    for name, value in metrics.items():
        print(f"{name:>10}: {value:.4f}")
    print(f"trained in {time.perf_counter() - started:.1f} s; see reports/")


if __name__ == "__main__":
    main()
