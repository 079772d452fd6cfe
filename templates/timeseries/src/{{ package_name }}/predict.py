"""Forecast the next days after the end of the series, one step at a time.

``python -m <package>.predict --horizon 14``

Each forecast becomes the newest "observed" value for the next step (recursive forecasting),
so errors compound with the horizon: the test metrics are for one day ahead only.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .data import load_series
from .experiment import load_model
from .features import make_features
from .paths import MODELS_DIR


def forecast(history: pd.Series, horizon: int,
             model_path: Path = MODELS_DIR / "model.joblib") -> pd.Series:
    """The next ``horizon`` daily values after ``history`` (a daily series in time order)."""
    return forecast_with(load_model(model_path), history, horizon)


def forecast_with(bundle: dict[str, Any], history: pd.Series, horizon: int) -> pd.Series:
    """:func:`forecast` with a model bundle already in memory (training uses it to measure
    how errors grow with the horizon)."""
    if horizon < 1:
        raise ValueError(f"horizon must be at least 1, got {horizon}")
    extended = history.copy()
    for _ in range(horizon):
        next_day = extended.index[-1] + pd.Timedelta(days=1)
        extended.loc[next_day] = np.nan
        row = make_features(extended, bundle["features"])[bundle["columns"]].iloc[[-1]]
        extended.loc[next_day] = float(bundle["model"].predict(row)[0])
    return extended.iloc[len(history):].rename(bundle["output"])


def main(argv: list[str] | None = None) -> None:
    """Command-line entry point: forecast after the series named in params.toml."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--horizon", type=int, default=14, help="days to forecast (default 14)")
    parser.add_argument("--output", type=Path, help="write the forecast as CSV instead of printing")
    args = parser.parse_args(argv)
    result = forecast(load_series(), args.horizon)
    if args.output:
        result.to_csv(args.output, index_label="date")
    else:
        print(result.round(2).to_string())


if __name__ == "__main__":
    main()
