"""Load the dataset named in params.toml: the bundled Breast Cancer data, or your own CSV."""

from __future__ import annotations

from typing import Any

import pandas as pd
from sklearn.datasets import load_breast_cancer

from .params import load_params
from .paths import PROJECT_ROOT
from .tabular import load_csv


def load_dataset(params: dict[str, Any] | None = None) -> tuple[pd.DataFrame, pd.Series]:
    """Return features ``X`` and labels ``y`` (rows with a missing label are dropped)."""
    data = (params or load_params())["data"]
    if data.get("csv"):
        features, labels = load_csv(PROJECT_ROOT / data["csv"], data["target"])
        return features, labels.astype(str)
    bunch = load_breast_cancer(as_frame=True)
    labels = bunch.target.map(dict(enumerate(bunch.target_names)))
    return bunch.data, labels.rename("diagnosis")

