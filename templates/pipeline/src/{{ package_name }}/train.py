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

import pandas as pd
from sklearn.base import ClassifierMixin
from sklearn.dummy import DummyClassifier
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import make_scorer
from sklearn.model_selection import StratifiedKFold, TunedThresholdClassifierCV, train_test_split
from sklearn.pipeline import Pipeline

from .binary_metrics import binary_f1
from .comparison import Comparison, compare_candidates
from .data import generate_readings, ingest
from .drift import check_drift
from .evaluate import (
    METRICS,
    alarm_f1,
    alarm_threshold,
    evaluate_alarms,
    failure_metrics,
    plot_roc,
)
from .features import build_features
from .params import load_params
from .paths import MODELS_DIR, PROJECT_ROOT, REPORTS_DIR
from .permutation import explain_tabular
from .readme import publish_results
from .reporting import save_run
from .schema import FEATURES, TARGET
from .slice_columns import column_slices
from .uncertainty import bootstrap_intervals
from .validate import DataValidationError, validate

BASELINE = "majority_class"


def candidates(params: dict[str, Any]) -> dict[str, ClassifierMixin]:
    """A baseline that never raises an alarm, a linear model, and gradient-boosted trees.

    The two models learn their alarm threshold: the probability that maximises F1 (a
    precision-recall trade-off) on a stratified share of their own training rows held out from
    fitting. Wrapped this way, cross-validation tunes it inside each fold and the test split
    sees the threshold tuned on the training split: one rule, never tuned on the rows it scores.
    """
    seed = params["split"]["seed"]
    models: dict[str, ClassifierMixin] = {
        "logistic_regression": LogisticRegression(max_iter=1000),
        # Single-threaded on purpose: OpenMP boosters crawl on small, busy machines.
        "gradient_boosting": GradientBoostingClassifier(
            n_estimators=params["train"]["boosting_trees"], max_depth=3, subsample=0.8,
            random_state=seed,
        ),
    }
    tuned = {
        name: TunedThresholdClassifierCV(
            Pipeline([("features", build_features()), ("model", model)]),
            scoring=make_scorer(binary_f1),
            cv=params["train"]["threshold_holdout"], random_state=seed,
        )
        for name, model in models.items()
    }
    never_alarm = DummyClassifier(strategy="prior")
    baseline = Pipeline([("features", build_features()), ("model", never_alarm)])
    return {BASELINE: baseline, **tuned}


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
    # MLflow and skops (behind register) take seconds to import: bad data is reported without them.
    import mlflow

    from .register import register
    from .tracking import flatten, start_run

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
            comparison = compare(x_train, y_train, (x_test, y_test), params)
        with stage("evaluate", timings):
            best, metrics = report_comparison(comparison, (x_test, y_test), reports_dir, params)
        with stage("explain", timings):
            explain(comparison.fitted[best], best, (x_test, y_test), params, reports_dir)
        with stage("register", timings):
            bundle = register(comparison.fitted[best], x_test.head(5), metrics, params, models_dir)
            x_train.to_csv(models_dir / "reference.csv", index=False)
        with stage("drift", timings):
            current = production_batch(params, fallback=x_test)
            report = check_drift(current, models_dir / "reference.csv", reports_dir, params)
        mlflow.set_tag("selected_model", best)
        mlflow.log_metrics(
            {
                **metrics,
                **{
                    f"{name}_cv_f1": scores["cv_f1_mean"]
                    for name, scores in comparison.scores.items()
                },
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


def compare(
    x_train: pd.DataFrame,
    y_train: pd.Series,
    test: tuple[pd.DataFrame, pd.Series],
    params: dict[str, Any],
) -> Comparison:
    """Cross-validated F1 of each candidate on the training split, then one held-out score."""
    seed = params["split"]["seed"]
    return compare_candidates(
        candidates(params),
        (x_train, y_train),
        test,
        cv=StratifiedKFold(params["train"]["cv_folds"], shuffle=True, random_state=seed),
        scoring="f1",
        evaluate=evaluate_alarms,
    )


def report_comparison(
    comparison: Comparison,
    test: tuple[pd.DataFrame, pd.Series],
    reports_dir: Path,
    params: dict[str, Any],
) -> tuple[str, dict[str, float]]:
    """Select by CV F1 (never the baseline); write metrics with their intervals, the comparison
    and the ROC figure."""
    best = comparison.best(BASELINE)
    metrics = {name: comparison.scores[best][name] for name in METRICS}
    x_test, y_test = test
    probabilities = {
        name: model.predict_proba(x_test)[:, 1] for name, model in comparison.fitted.items()
    }
    threshold = comparison.fitted[best].best_threshold_
    intervals = bootstrap_intervals(
        lambda y, probability: failure_metrics(y, probability, threshold),
        (y_test, probabilities[best]),
        seed=params["split"]["seed"],
        resamples=params["evaluate"]["bootstrap_resamples"],
    )
    save_run(reports_dir, metrics, intervals, selected=best, baseline=BASELINE,
             models=comparison.scores,
             evaluated_on=f"the held-out test split ({len(y_test)} readings, "
                          f"{int(y_test.sum())} failures)")
    plot_roc(y_test, probabilities, reports_dir / "figures" / "roc_curve.png")
    return best, metrics


def explain(model: Any, name: str, test: tuple[pd.DataFrame, pd.Series],
            params: dict[str, Any], reports_dir: Path) -> None:
    """What drives the alarms (permutation importance for ROC AUC) and where they fail (F1 per
    slice of ``[slices]`` columns, machine type by default, at the model's own alarm
    threshold), both on the held-out readings."""
    x_test, y_test = test
    explain_tabular(model, name, x_test, y_test, scoring="roc_auc", score_label="ROC AUC",
                    repeats=params["explain"]["repeats"], seed=params["split"]["seed"],
                    reports_dir=reports_dir)
    column_slices(x_test, y_test, model.predict_proba(x_test)[:, 1], params["slices"],
                  metric="f1", label="F1", score=alarm_f1(alarm_threshold(model)),
                  higher_is_better=True, reports_dir=reports_dir)


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
    publish_results(REPORTS_DIR, METRICS, PROJECT_ROOT)
    summary = ", ".join(f"{name} {value:.4f}" for name, value in metrics.items())
    print(
        f"{summary}; trained in {time.perf_counter() - started:.1f} s (reports/, `make mlflow-ui`)"
    )


if __name__ == "__main__":
    main()
