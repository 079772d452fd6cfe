"""Naive forecasts as scikit-learn estimators, so they are compared exactly like the models."""

from __future__ import annotations

from sklearn.base import BaseEstimator, RegressorMixin


class LagForecast(RegressorMixin, BaseEstimator):
    """Predict the value ``lag`` days back: lag 1 is the naive forecast ("tomorrow is like
    today"), the season length (7 for a weekly cycle) the seasonal-naive one. Nothing is learnt."""

    def __init__(self, lag: int = 1) -> None:
        self.lag = lag

    def fit(self, features, target=None) -> LagForecast:
        """Check the lag column exists; there is nothing to estimate."""
        if f"lag_{self.lag}" not in features.columns:
            raise ValueError(f"features lack lag_{self.lag}: add {self.lag} to [features] lags")
        self.is_fitted_ = True
        return self

    def predict(self, features):
        """The lagged value of each row."""
        return features[f"lag_{self.lag}"].to_numpy()
