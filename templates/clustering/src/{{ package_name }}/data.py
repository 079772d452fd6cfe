"""Load the dataset named in params.toml: scikit-learn's bundled Wine data, or your own CSV.

The labels are returned separately and never shown to the clustering: they only score it
afterwards (adjusted Rand index), which is how we know whether the clusters mean anything.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from sklearn.datasets import load_wine

from .params import load_params
from .paths import PROJECT_ROOT
from .tabular import load_csv


def load_dataset(params: dict[str, Any] | None = None) -> tuple[pd.DataFrame, pd.Series]:
    """Return the features to cluster and the hidden reference labels."""
    data = (params or load_params())["data"]
    if data.get("csv"):
        if not data.get("target"):
            raise ValueError("set [data] target in params.toml: labels that score the clusters")
        features, labels = load_csv(PROJECT_ROOT / data["csv"], data["target"])
        return features, labels.astype(str)
    bunch = load_wine(as_frame=True)
    labels = bunch.target.map(dict(enumerate(bunch.target_names)))
    return bunch.data, labels.rename("cultivar")
