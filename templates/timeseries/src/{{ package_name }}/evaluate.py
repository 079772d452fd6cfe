"""Forecast errors and the forecast-vs-actual figure."""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

from .numeric_metrics import evaluator
from .reporting import save_figure

ERRORS = ("mae", "rmse", "mape")
evaluate_model = evaluator(ERRORS)


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
