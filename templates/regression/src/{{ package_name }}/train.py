"""Compare a mean-predicting baseline, a linear model and gradient boosting; evaluate the best once.

Run ``python -m <package>.train``. Writes ``reports/metrics.json`` (the selected model on the
held-out test split), ``reports/model_comparison.json`` (every candidate), figures in
``reports/figures/`` and the fitted model in ``models/model.joblib``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sklearn.dummy import DummyRegressor
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.linear_model import RidgeCV
from sklearn.model_selection import KFold, train_test_split
from sklearn.pipeline import make_pipeline

from .cli import train_main
from .comparison import compare_candidates
from .data import load_dataset
from .evaluate import (
    METRICS,
    evaluate_model,
    plot_predicted_vs_actual,
    plot_residuals,
    regression_metrics,
)
from .experiment import save_model
from .features import build_preprocessor
from .numeric_metrics import FUNCTIONS
from .params import load_params
from .paths import MODELS_DIR, REPORTS_DIR
from .permutation import explain_tabular
from .reporting import save_run
from .slice_columns import column_slices
from .uncertainty import bootstrap_intervals

BASELINE = "mean_baseline"


def candidates(settings: dict[str, Any], seed: int) -> dict[str, Any]:
    """The naive baseline first, then the linear model and gradient boosting."""
    boosting = GradientBoostingRegressor(
        n_estimators=settings["boosting_trees"],
        learning_rate=settings["boosting_learning_rate"],
        max_depth=settings["boosting_depth"],
        subsample=0.8,
        random_state=seed,
    )
    return {
        BASELINE: make_pipeline(build_preprocessor(), DummyRegressor(strategy="mean")),
        "linear_ridge": make_pipeline(build_preprocessor(), RidgeCV(alphas=[0.1, 1.0, 10.0])),
        "gradient_boosting": make_pipeline(build_preprocessor(), boosting),
    }


def run(reports_dir: Path = REPORTS_DIR, models_dir: Path = MODELS_DIR,
        params: dict[str, Any] | None = None) -> dict[str, float]:
    """Train, select by cross-validated RMSE, evaluate on the test split and save everything."""
    params = params or load_params()
    seed = params["split"]["seed"]
    features, target = load_dataset(params)
    x_train, x_test, y_train, y_test = train_test_split(
        features, target, test_size=params["split"]["test_size"], random_state=seed
    )
    comparison = compare_candidates(
        candidates(params["train"], seed), (x_train, y_train), (x_test, y_test),
        cv=KFold(params["train"]["cv_folds"], shuffle=True, random_state=seed),
        scoring="neg_root_mean_squared_error", evaluate=evaluate_model,
    )
    selected = comparison.best(BASELINE)
    model = comparison.fitted[selected]
    predictions = model.predict(x_test)
    metrics = regression_metrics(y_test, predictions)
    intervals = bootstrap_intervals(regression_metrics, (y_test, predictions), seed=seed,
                                    resamples=params["evaluate"]["bootstrap_resamples"])

    save_run(reports_dir, metrics, intervals, selected=selected, baseline=BASELINE,
             models=comparison.scores,
             evaluated_on=f"the held-out test split ({len(y_test)} rows)")
    figures = reports_dir / "figures"
    plot_predicted_vs_actual(y_test, predictions, figures / "predicted_vs_actual.png")
    plot_residuals(y_test, predictions, figures / "residuals.png")
    explain_tabular(model, selected, x_test, y_test, scoring="neg_root_mean_squared_error",
                    score_label="RMSE", repeats=params["explain"]["repeats"],
                    seed=seed, reports_dir=reports_dir)
    column_slices(x_test, y_test, predictions, params["slices"], metric="mae", label="MAE",
                  score=FUNCTIONS["mae"], higher_is_better=False, reports_dir=reports_dir)
    output = f"predicted_{target.name}"
    save_model({"model": model, "columns": list(features.columns), "output": output}, models_dir)
    return metrics


def main(argv: list[str] | None = None) -> None:
    """Command-line entry point."""
    train_main(run, __doc__.splitlines()[0], METRICS, argv)


if __name__ == "__main__":
    main()
