"""Scoring with the registered model bundle (what the API and batch jobs call)."""

from __future__ import annotations

from typing import Any

import pandas as pd


def score(bundle: dict[str, Any], readings: pd.DataFrame) -> pd.DataFrame:
    """Failure probability per reading and whether it crosses the alarm threshold.

    ``bundle`` is what the register stage saved (``experiment.load_model`` reads it back).
    """
    probability = bundle["model"].predict_proba(readings[bundle["features"]])[:, 1]
    return pd.DataFrame(
        {"failure_probability": probability, "alarm": probability >= bundle["threshold"]},
        index=readings.index,
    )
