"""The trained model on disk: saved by training, loaded by predictions, the API and notebooks.

Only joblib here, so loading a model does not import the plotting stack."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import joblib


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
