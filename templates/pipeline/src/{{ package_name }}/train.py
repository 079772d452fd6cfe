"""The pipeline, stage by stage: ingest -> validate -> features -> train -> evaluate -> register.

Run ``python -m <package>.train``. Everything is recorded in one MLflow run (parameters, metrics
and the reports as artifacts). Writes ``reports/metrics.json`` (the selected model on held-out
readings), ``reports/model_comparison.json``, ``reports/drift_report.json`` (a fresh simulated
production batch against the training reference), figures in ``reports/figures/``, and
``models/model.joblib`` + ``models/reference.csv`` for the API and the drift check.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import mlflow
import pandas as pd
from sklearn.base import ClassifierMixin
from sklearn.dummy import DummyClassifier
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score, train_test_split
from sklearn.pipeline import Pipeline

from .data import generate_readings, ingest
from .drift import check_drift
from .evaluate import failure_metrics, plot_roc
from .features import build_features
from .params import load_params
from .paths import MODELS_DIR, REPORTS_DIR
from .register import register
from .reporting import save_json, save_metrics
from .schema import FEATURES, TARGET
from .tracking import flatten, start_run
from .validate import DataValidationError, validate

BASELINE = "majority_class"


def candidates(seed: int) -> dict[str, ClassifierMixin]:
    """A baseline that never raises an alarm, a linear model, and gradient-boosted trees."""
    return {
        BASELINE: DummyClassifier(strategy="prior"),
        "logistic_regression": LogisticRegression(max_iter=1000),
        # Single-threaded on purpose: OpenMP boosters crawl on small, busy machines.
        "gradient_boosting": GradientBoostingClassifier(
            n_estimators=100, max_depth=3, subsample=0.8, random_state=seed
        ),
    }


@contextmanager
def stage(name: str, timings: dict[str, float]) -> Iterator[None]:
    """Time one stage and say so on the console, so a slow stage is easy to spot."""
    started = time.perf_counter()
    yield
    timings[name] = time.perf_counter() - started
    print(f"[{name:>8}] {timings[name]:.1f} s")


def run(
    *,
    params: dict[str, Any] | None = None,
    reports_dir: Path = REPORTS_DIR,
    models_dir: Path = MODELS_DIR,
) -> dict[str, float]:
    """Run every stage in one MLflow run and return the held-out metrics (keywords only)."""
    params = params or load_params()
    timings: dict[str, float] = {}
    with stage("ingest", timings):
        frame = ingest(params)
    with stage("validate", timings):
        validate(frame)
    x_train, x_test, y_train, y_test = train_test_split(
        frame[FEATURES],
        frame[TARGET],
        test_size=params["split"]["test_size"],
        stratify=frame[TARGET],
        random_state=params["split"]["seed"],
    )
    with start_run(params):
        mlflow.log_params(flatten(params))
        with stage("train", timings):
            fitted, cv_f1 = train_candidates(x_train, y_train, params)
        with stage("evaluate", timings):
            best, metrics = evaluate_candidates(fitted, cv_f1, x_test, y_test, params, reports_dir)
        with stage("register", timings):
            bundle = register(fitted[best], x_test.head(5), metrics, params, models_dir)
            x_train.to_csv(models_dir / "reference.csv", index=False)
        with stage("drift", timings):
            current = production_batch(params, fallback=x_test)
            report = check_drift(current, models_dir / "reference.csv", reports_dir, params)
        mlflow.set_tag("selected_model", best)
        mlflow.log_metrics(
            {
                **metrics,
                **{f"{name}_cv_f1": value for name, value in cv_f1.items()},
                "drift_max_psi": max(feature["psi"] for feature in report["features"].values()),
                **{f"seconds_{name}": value for name, value in timings.items()},
            }
        )
        mlflow.log_artifacts(str(reports_dir), artifact_path="reports")
    version = bundle["version"] or "not registered"
    print(f"selected {best} (model version: {version}); drift: {report['drifted']}")
    return metrics


def production_batch(params: dict[str, Any], fallback: pd.DataFrame) -> pd.DataFrame:
    """New readings for the post-training drift check: a fresh simulated batch for the generated
    data; with your own CSV (which the simulator knows nothing about), the held-out split.
    """
    if params["data"].get("csv"):
        return fallback
    return generate_readings(params["drift"]["batch_rows"], params["drift"]["batch_seed"])


def train_candidates(
    x_train: pd.DataFrame, y_train: pd.Series, params: dict[str, Any]
) -> tuple[dict[str, Pipeline], dict[str, float]]:
    """Cross-validated F1 of each candidate on the training split, then each refitted on it."""
    seed = params["split"]["seed"]
    folds = StratifiedKFold(params["train"]["cv_folds"], shuffle=True, random_state=seed)
    fitted: dict[str, Pipeline] = {}
    cv_f1: dict[str, float] = {}
    for name, estimator in candidates(seed).items():
        model = Pipeline([("features", build_features()), ("model", estimator)])
        scores = cross_val_score(model, x_train, y_train, cv=folds, scoring="f1")
        cv_f1[name] = float(scores.mean())
        fitted[name] = model.fit(x_train, y_train)
    return fitted, cv_f1


def evaluate_candidates(
    fitted: dict[str, Pipeline],
    cv_f1: dict[str, float],
    x_test: pd.DataFrame,
    y_test: pd.Series,
    params: dict[str, Any],
    reports_dir: Path,
) -> tuple[str, dict[str, float]]:
    """Pick the best non-baseline model by CV F1, score every model once on the test split."""
    threshold = params["train"]["threshold"]
    probabilities = {name: model.predict_proba(x_test)[:, 1] for name, model in fitted.items()}
    comparison = {
        name: {"cv_f1_mean": cv_f1[name], **failure_metrics(y_test, probability, threshold)}
        for name, probability in probabilities.items()
    }
    best = max((name for name in fitted if name != BASELINE), key=lambda name: cv_f1[name])
    metrics = failure_metrics(y_test, probabilities[best], threshold)
    save_metrics(metrics, reports_dir)
    save_json(
        {"selected": best, "baseline": BASELINE, "models": comparison},
        reports_dir / "model_comparison.json",
    )
    plot_roc(y_test, probabilities, reports_dir / "figures" / "roc_curve.png")
    return best, metrics


def main(argv: list[str] | None = None) -> None:
    """Command-line entry point; ``--no-register`` tracks a run without a new model version."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-register", action="store_true", help="skip the model registry")
    args = parser.parse_args(argv)
    params = load_params()
    params["tracking"]["register_model"] = (
        params["tracking"]["register_model"] and not args.no_register
    )
    started = time.perf_counter()
    try:
        metrics = run(params=params)
    except DataValidationError as error:  # bad input is the user's to fix: no traceback
        raise SystemExit(
            "invalid data, nothing trained:\n  " + "\n  ".join(error.problems)
        ) from None
    summary = ", ".join(f"{name} {value:.4f}" for name, value in metrics.items())
    print(
        f"{summary}; trained in {time.perf_counter() - started:.1f} s (reports/, `make mlflow-ui`)"
    )


if __name__ == "__main__":
    main()
