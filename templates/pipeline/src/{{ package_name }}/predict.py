"""Scoring with the registered model bundle (what the API and batch jobs call)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import joblib
import pandas as pd

from .paths import MODELS_DIR


def load_bundle(path: Path = MODELS_DIR / "model.joblib") -> dict[str, Any]:
    """The bundle written by the register stage: fitted pipeline, threshold and provenance."""
    if not path.exists():
        raise FileNotFoundError(f"no trained model at {path}: run training first")
    return joblib.load(path)


def score(bundle: dict[str, Any], readings: pd.DataFrame) -> pd.DataFrame:
    """Failure probability per reading and whether it crosses the alarm threshold."""
    probability = bundle["model"].predict_proba(readings[bundle["features"]])[:, 1]
    return pd.DataFrame(
        {"failure_probability": probability, "alarm": probability >= bundle["threshold"]},
        index=readings.index,
    )
