"""Slices by the columns named in params.toml ``[slices]``: each value of a column (numeric
columns in quantile bins) is one slice of the held-out rows; see :mod:`.slices`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .readme import write_region
from .slices import publish_slices, slice_report


def quantile_bins(values: pd.Series, bins: int) -> pd.Series:
    """``values`` cut into ``bins`` groups of about equal size, labelled "lo–hi"."""
    binned = pd.qcut(values, bins, duplicates="drop")
    return binned.map(lambda span: f"{span.left:.3g}–{span.right:.3g}").astype(str)


def segment(frame: pd.DataFrame, columns: list[str], bins: int) -> pd.DataFrame:
    """One slice label per row and column: the value itself, or for a numeric column with more
    distinct values than ``bins``, its quantile bin ("lo–hi")."""
    missing = [column for column in columns if column not in frame.columns]
    if missing:
        raise KeyError(f"[slices] columns not among the features: {', '.join(missing)} "
                       f"(features: {', '.join(map(str, frame.columns))})")
    labels = {}
    for column in columns:
        values = frame[column]
        if pd.api.types.is_numeric_dtype(values) and values.nunique() > bins:
            labels[column] = quantile_bins(values, bins)
        else:
            labels[column] = values.map(lambda value: f"{value:.3g}" if isinstance(value, float)
                                        else str(value))
    return pd.DataFrame(labels, index=frame.index)


def column_slices(features: pd.DataFrame, y_true, y_pred, settings: dict[str, Any], *,
                  metric: str, label: str, score: Callable[[np.ndarray, np.ndarray], float],
                  higher_is_better: bool, reports_dir: Path) -> dict[str, Any] | None:
    """Slices by the columns named in params.toml ``[slices]``; None when none are named."""
    if not settings.get("columns"):
        (reports_dir / "slices.json").unlink(missing_ok=True)
        unset = ("name the columns to slice the test data by under `[slices]` in `params.toml` "
                 "(a group, a region, a size), then train again.")
        root = reports_dir.parent
        write_region(root / "README.md", "slices", f"**Where it does worse:** {unset}")
        for region in ("slices", "slice-gap"):
            write_region(root / "docs" / "model_card.md", region, f"No slices yet: {unset}")
        return None
    segments = segment(features, list(settings["columns"]), settings.get("bins", 3))
    report = slice_report(segments, y_true, y_pred, metric=metric, score=score,
                          higher_is_better=higher_is_better)
    publish_slices(report, label, reports_dir)
    return report
