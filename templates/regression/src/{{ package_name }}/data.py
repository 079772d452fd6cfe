"""Load the dataset named in params.toml: scikit-learn's bundled Diabetes data, or your own CSV."""

from __future__ import annotations

from typing import Any

import pandas as pd
from sklearn.datasets import load_diabetes

from .params import load_params
from .paths import PROJECT_ROOT
from .tabular import load_csv


def load_dataset(params: dict[str, Any] | None = None) -> tuple[pd.DataFrame, pd.Series]:
    """Return features ``X`` and the numeric target ``y``.

    The bundled Diabetes features are already centred and scaled by their publishers; the
    target is a quantitative measure of disease progression one year after baseline.
    """
    data = (params or load_params())["data"]
    if data.get("csv"):
        features, target = load_csv(PROJECT_ROOT / data["csv"], data["target"])
        return features, pd.to_numeric(target, errors="raise").astype(float)
    bunch = load_diabetes(as_frame=True)
    return bunch.data, bunch.target.rename("disease_progression")
