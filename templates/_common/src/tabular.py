"""Loading your own CSV: one table, one column to predict (rows without it are dropped)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd


def load_csv(path: Path, target: str) -> tuple[pd.DataFrame, pd.Series]:
    """Return the other columns and ``target``, with messages that say what to fix."""
    if not path.exists():
        raise FileNotFoundError(f"dataset not found: {path}")
    frame = pd.read_csv(path)
    if target not in frame.columns:
        raise KeyError(f"target column {target!r} not in {path.name}: {', '.join(frame.columns)}")
    frame = frame.dropna(subset=[target])
    return frame.drop(columns=[target]), frame[target]
