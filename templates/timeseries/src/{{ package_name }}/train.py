"""Forecast one day ahead: naive and seasonal-naive baselines against ridge and gradient boosting.

Run ``python -m <package>.train``. The split is by time: the last ``test_days`` days are held
out, and model selection uses time-series cross-validation (each fold trains on the past and
validates on the following block). Writes ``reports/metrics.json`` (the selected model and
both baselines on the test period), ``reports/metrics_intervals.json``,
``reports/model_comparison.json``, the forecast and error figures and ``models/model.joblib``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.linear_model import RidgeCV
from sklearn.model_selection import TimeSeriesSplit
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from .baselines import LagForecast
from .cli import train_main
from .comparison import compare_candidates
from .data import load_series
from .evaluate import (
    BASELINES,
    METRICS,
    evaluate_model,
    forecast_errors,
    mae_by_horizon,
    plot_errors,
    plot_forecast,
)
from .experiment import save_model
from .features import calendar_segments, make_features, time_split
from .numeric_metrics import FUNCTIONS
from .params import load_params
from .paths import MODELS_DIR, REPORTS_DIR
from .permutation import explain_tabular
from .predict import forecast_with
from .reporting import save_run
from .slices import publish_slices, slice_report
from .uncertainty import bootstrap_intervals


def candidates(settings: dict[str, Any], seed: int) -> dict[str, Any]:
    """The two naive baselines first, then the models."""
    return {
        "naive": LagForecast(1),
        "seasonal_naive": LagForecast(settings["season_length"]),
        "ridge": make_pipeline(StandardScaler(), RidgeCV(alphas=[0.1, 1.0, 10.0, 100.0])),
        "gradient_boosting": GradientBoostingRegressor(
            n_estimators=settings["boosting_trees"], learning_rate=0.05, max_depth=3,
            subsample=0.8, random_state=seed,
        ),
    }


def run(reports_dir: Path = REPORTS_DIR, models_dir: Path = MODELS_DIR,
        params: dict[str, Any] | None = None) -> dict[str, float]:
    """Build features, split by time, compare, evaluate on the test period, save everything."""
    params = params or load_params()
    series = load_series(params)
    features = make_features(series, params["features"])
    train, test = time_split(features, series, params["split"]["test_days"])
    comparison = compare_candidates(
        candidates(params["train"], params["train"]["seed"]), train, test,
        cv=TimeSeriesSplit(params["train"]["cv_folds"]),
        scoring="neg_mean_absolute_error", evaluate=evaluate_model,
    )
    selected = comparison.best(*BASELINES)
    x_test, y_test = test
    forecasts = {name: comparison.fitted[name].predict(x_test)
                 for name in (selected, *BASELINES)}
    arrays = (y_test, forecasts[selected], *(forecasts[name] for name in BASELINES))
    metrics = forecast_errors(*arrays)
    # Neighbouring days are alike, so the bootstrap resamples whole weeks, not single days.
    intervals = bootstrap_intervals(forecast_errors, arrays, seed=params["train"]["seed"],
                                    block=params["train"]["season_length"],
                                    resamples=params["evaluate"]["bootstrap_resamples"])
    save_run(reports_dir, metrics, intervals, selected=selected, baseline="seasonal_naive",
             models=comparison.scores,
             evaluated_on=f"the held-out last {len(y_test)} days, one day ahead")
    explain_tabular(comparison.fitted[selected], selected, x_test, y_test,
                    scoring="neg_mean_absolute_error", score_label="MAE",
                    repeats=params["explain"]["repeats"], seed=params["train"]["seed"],
                    reports_dir=reports_dir)
    slices = slice_report(calendar_segments(y_test.index), y_test, forecasts[selected],
                          metric="mae", score=FUNCTIONS["mae"], higher_is_better=False)
    publish_slices(slices, "MAE", reports_dir)
    bundle = {"model": comparison.fitted[selected], "columns": list(features.columns),
              "features": params["features"], "output": f"forecast_{series.name}"}
    save_model(bundle, models_dir)
    figures = reports_dir / "figures"
    one_day = {name: pd.Series(forecasts[name], index=y_test.index)
               for name in (selected, "seasonal_naive")}
    history = train[1].iloc[-3 * params["split"]["test_days"]:]
    plot_forecast(history, y_test, one_day, figures / "forecast_vs_actual.png")
    horizon = params["split"]["horizon"]
    origins = y_test.index[:-horizon:params["train"]["season_length"]]
    paths = [forecast_with(bundle, series.loc[:origin - pd.Timedelta(days=1)], horizon)
             for origin in origins]
    plot_errors(y_test, one_day[selected], mae_by_horizon(paths, series),
                figures / "forecast_errors.png")
    return metrics


def main(argv: list[str] | None = None) -> None:
    """Command-line entry point."""
    train_main(run, __doc__.splitlines()[0], METRICS, argv)


if __name__ == "__main__":
    main()
