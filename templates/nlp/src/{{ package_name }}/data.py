"""Load the labelled texts named in params.toml (by default the support messages shipped here)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from .params import load_params
from .paths import PROJECT_ROOT


def load_dataset(params: dict[str, Any] | None = None) -> tuple[pd.DataFrame, pd.Series]:
    """Return a one-column frame ``text`` and the label of each text.

    Rows with an empty text or label are dropped; texts are stripped of surrounding spaces.
    """
    data = (params or load_params())["data"]
    path = PROJECT_ROOT / data["csv"]
    if not path.exists():
        raise FileNotFoundError(f"dataset not found: {path}")
    frame = pd.read_csv(path, dtype=str)
    for column in (data["text_column"], data["target"]):
        if column not in frame.columns:
            raise KeyError(f"column {column!r} not in {path.name}: {', '.join(frame.columns)}")
    frame = frame.dropna(subset=[data["text_column"], data["target"]])
    texts = frame[data["text_column"]].str.strip()
    keep = texts != ""
    return pd.DataFrame({"text": texts[keep]}), frame.loc[keep, data["target"]].rename("label")
