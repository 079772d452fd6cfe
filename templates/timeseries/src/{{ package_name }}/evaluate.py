"""Forecast errors, the forecast-vs-actual figure and where the errors are."""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from .numeric_metrics import evaluator, numeric_metrics
from .reporting import save_figure

ERRORS = {"mae": "MAE", "rmse": "RMSE", "mape": "MAPE"}  # id -> label in the README
BASELINES = {"naive": "naive", "seasonal_naive": "seasonal naive"}
METRICS = {  # id -> label in the README: the model's errors, then each baseline's
    **ERRORS,
    **{f"{baseline}_{error}": f"{label} ({words})"
       for baseline, words in BASELINES.items() for error, label in ERRORS.items()},
}
evaluate_model = evaluator(ERRORS)


def forecast_errors(actual, model, naive, seasonal_naive) -> dict[str, float]:
    """The errors of the model's forecasts, then of both baselines' (``naive_mae``, ...)."""
    metrics = numeric_metrics(actual, model, ERRORS)
    for name, forecast in (("naive", naive), ("seasonal_naive", seasonal_naive)):
        metrics.update({f"{name}_{error}": value
                        for error, value in numeric_metrics(actual, forecast, ERRORS).items()})
    return metrics


def plot_forecast(history: pd.Series, actual: pd.Series, forecasts: dict[str, pd.Series],
                  path: Path) -> Path:
    """The end of the training period, the test period and each forecast over it."""
    figure, axis = plt.subplots(figsize=(11, 4.2))
    axis.plot(history.index, history.to_numpy(), color="grey", linewidth=1, label="training data")
    axis.plot(actual.index, actual.to_numpy(), color="black", linewidth=1.2, label="actual")
    for name, forecast in forecasts.items():
        axis.plot(forecast.index, forecast.to_numpy(), linewidth=1, label=name.replace("_", " "))
    axis.axvline(actual.index[0], linestyle="--", color="grey")
    axis.set(title="One-step-ahead forecasts over the test period", xlabel="date",
             ylabel=actual.name or "value")
    axis.legend(loc="upper left", fontsize="small")
    return save_figure(figure, path)


def plot_errors(actual: pd.Series, forecast: pd.Series, by_horizon: dict[int, float],
                path: Path) -> Path:
    """Residuals over the test period (left) and the MAE of recursive forecasts by how many
    days ahead they reach (right): the first shows when the model errs, the second how fast
    its errors grow when each forecast feeds the next."""
    residuals = actual - forecast
    figure, (over_time, horizon) = plt.subplots(1, 2, figsize=(11, 3.8),
                                                gridspec_kw={"width_ratios": [2, 1]})
    over_time.plot(residuals.index, residuals.to_numpy(), linewidth=1)
    over_time.axhline(0, linestyle="--", color="grey")
    over_time.set(title="Residuals over the test period (actual - forecast)", xlabel="date",
                  ylabel=actual.name or "value")
    days = sorted(by_horizon)
    horizon.plot(days, [by_horizon[day] for day in days], marker="o")
    horizon.set(title="Error by horizon (recursive forecasts)", xlabel="days ahead",
                ylabel="MAE", xticks=days[::max(1, len(days) // 7)], ylim=(0, None))
    figure.autofmt_xdate()
    return save_figure(figure, path)


def mae_by_horizon(paths: list[pd.Series], actual: pd.Series) -> dict[int, float]:
    """Mean absolute error at each step of several recursive forecast paths."""
    errors = np.array([np.abs(path.to_numpy() - actual.loc[path.index].to_numpy())
                       for path in paths])
    return {step + 1: float(value) for step, value in enumerate(errors.mean(axis=0))}
