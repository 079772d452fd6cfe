"""Load the dataset named in params.toml: the bundled Breast Cancer data, or your own CSV."""

from __future__ import annotations

from typing import Any

import pandas as pd
from sklearn.datasets import load_breast_cancer

from .params import load_params
from .paths import PROJECT_ROOT


def load_dataset(params: dict[str, Any] | None = None) -> tuple[pd.DataFrame, pd.Series]:
    """Return features ``X`` and labels ``y`` (rows with a missing label are dropped)."""
    data = (params or load_params())["data"]
    if data.get("csv"):
        return _load_csv(PROJECT_ROOT / data["csv"], data["target"])
    bunch = load_breast_cancer(as_frame=True)
    labels = bunch.target.map(dict(enumerate(bunch.target_names)))
    return bunch.data, labels.rename("diagnosis")


def _load_csv(path, target: str) -> tuple[pd.DataFrame, pd.Series]:
    if not path.exists():
        raise FileNotFoundError(f"dataset not found: {path}")
    frame = pd.read_csv(path)
    if target not in frame.columns:
        raise KeyError(f"target column {target!r} not in {path.name}: {', '.join(frame.columns)}")
    frame = frame.dropna(subset=[target])
    return frame.drop(columns=[target]), frame[target].astype(str)
