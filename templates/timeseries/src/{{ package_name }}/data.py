"""The series to forecast: a synthetic daily series generated with a seed, or your own CSV.

The synthetic series is *documented*, not hidden: a linear trend, a weekly and a yearly cycle
and Gaussian noise, with every setting in params.toml. Knowing the truth lets you check what a
model can learn (and the noise sets a floor no model can beat).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from .params import load_params
from .paths import PROJECT_ROOT


def generate_series(settings: dict[str, Any]) -> pd.Series:
    """Daily values: level + trend * t + weekly and yearly sine cycles + noise (seeded)."""
    dates = pd.date_range(settings["start"], periods=settings["days"], freq="D", name="date")
    t = np.arange(len(dates), dtype=float)
    rng = np.random.default_rng(settings["seed"])
    values = (
        settings["level"]
        + settings["trend_per_day"] * t
        + settings["weekly_amplitude"] * np.sin(2 * np.pi * dates.day_of_week.to_numpy() / 7)
        + settings["yearly_amplitude"] * np.sin(2 * np.pi * dates.day_of_year.to_numpy() / 365.25)
        + rng.normal(0.0, settings["noise_sd"], len(dates))
    )
    return pd.Series(values, index=dates, name="demand")


def load_series(params: dict[str, Any] | None = None) -> pd.Series:
    """The series in time order with a daily DatetimeIndex (gaps in a CSV are interpolated)."""
    data = (params or load_params())["data"]
    if not data.get("csv"):
        return generate_series(data["synthetic"])
    path = PROJECT_ROOT / data["csv"]
    if not path.exists():
        raise FileNotFoundError(f"dataset not found: {path}")
    frame = pd.read_csv(path, parse_dates=[data["date_column"]])
    for column in (data["date_column"], data["target"]):
        if column not in frame.columns:
            raise KeyError(f"column {column!r} not in {path.name}: {', '.join(frame.columns)}")
    series = frame.set_index(data["date_column"])[data["target"]].sort_index()
    return series.asfreq("D").interpolate(limit_direction="both").rename(data["target"])
