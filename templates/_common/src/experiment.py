"""Saving what a training run produced: its numbers, how the model was chosen, the model."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import joblib

from .reporting import save_json, save_metrics


def save_run(reports_dir: Path, metrics: dict[str, float], intervals: dict[str, list[float]], *,
             selected: str, baseline: str | None, models: dict[str, dict[str, float]],
             evaluated_on: str) -> None:
    """Write ``metrics.json`` (flat: metric -> value), ``metrics_intervals.json`` (metric ->
    [low, high]) and ``model_comparison.json`` (every candidate, the choice, the test data)."""
    save_metrics(metrics, reports_dir)
    save_json(intervals, reports_dir / "metrics_intervals.json")
    comparison = {"selected": selected, "baseline": baseline, "evaluated_on": evaluated_on,
                  "models": models}
    save_json(comparison, reports_dir / "model_comparison.json")


def save_model(bundle: dict[str, Any], models_dir: Path) -> Path:
    """Pickle the fitted model with what predicting needs (class names, settings)."""
    models_dir.mkdir(parents=True, exist_ok=True)
    path = models_dir / "model.joblib"
    joblib.dump(bundle, path)
    return path


def load_model(path: Path) -> dict[str, Any]:
    """The bundle written by :func:`save_model`, or a clear error when training has not run."""
    if not path.exists():
        raise FileNotFoundError(f"no trained model at {path}: run training first")
    return joblib.load(path)
