"""Lag, rolling and calendar features built only from the past of each day (no leakage).

Every lag and rolling window is shifted so that the row for day *t* uses values up to *t - 1*:
the same features are available when forecasting tomorrow.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd


def make_features(series: pd.Series, settings: dict[str, Any]) -> pd.DataFrame:
    """One row per day: lags, rolling means and spreads of the past, calendar cycles, time index.

    Rows whose lags reach before the start of the series are dropped.
    """
    past = series.shift(1)
    columns = {f"lag_{lag}": series.shift(lag) for lag in settings["lags"]}
    for window in settings["rolling_windows"]:
        columns[f"rolling_mean_{window}"] = past.rolling(window).mean()
        columns[f"rolling_std_{window}"] = past.rolling(window).std()
    index = series.index
    for name, position, period in (("day_of_week", index.day_of_week, 7),
                                   ("day_of_year", index.day_of_year, 365.25)):
        angle = 2 * np.pi * np.asarray(position) / period
        columns[f"{name}_sin"] = pd.Series(np.sin(angle), index=index)
        columns[f"{name}_cos"] = pd.Series(np.cos(angle), index=index)
    columns["time_index"] = pd.Series(np.arange(len(index), dtype=float), index=index)
    return pd.DataFrame(columns).iloc[max(settings["lags"] + settings["rolling_windows"]):]


def time_split(features: pd.DataFrame, target: pd.Series, test_days: int):
    """Train on everything before the last ``test_days`` days, test on those: never shuffled."""
    if not 0 < test_days < len(features):
        raise ValueError(f"test_days must be between 1 and {len(features) - 1}, got {test_days}")
    cut = len(features) - test_days
    target = target.loc[features.index]
    return (features.iloc[:cut], target.iloc[:cut]), (features.iloc[cut:], target.iloc[cut:])


def calendar_segments(dates: pd.DatetimeIndex) -> pd.DataFrame:
    """The natural slices of a daily series: weekday or weekend, and the month of each day."""
    return pd.DataFrame({
        "day type": np.where(dates.day_of_week >= 5, "weekend", "weekday"),
        "month": dates.strftime("%Y-%m"),
    }, index=dates)
