"""Loading your own CSV: one table, one column to predict (rows without it are dropped).

A CSV that cannot train stops here with one line saying what to fix, not a pandas or
scikit-learn traceback further on (``portfolio new --dataset`` checks the same when it copies
one in).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

MIN_ROWS = 20  # a 20 % test split and 5-fold cross-validation need at least this many rows


def load_csv(path: Path, target: str) -> tuple[pd.DataFrame, pd.Series]:
    """Return the other columns and ``target``; exit with a one-line message when the data
    cannot train."""
    if not path.exists():
        raise SystemExit(f"error: dataset not found: {path}")
    try:
        frame = pd.read_csv(path)
    except (ValueError, UnicodeDecodeError) as error:  # EmptyDataError, ParserError: ValueErrors
        reason = " ".join(str(error).split())
        raise SystemExit(f"error: cannot read {path.name} as a CSV: {reason}") from None
    if target not in frame.columns:
        columns = ", ".join(map(str, frame.columns))
        raise SystemExit(f"error: target column {target!r} not in {path.name}: {columns}")
    frame = frame.dropna(subset=[target])
    if len(frame) < MIN_ROWS:
        raise SystemExit(f"error: {path.name} has {len(frame)} rows with a {target!r} value; "
                         f"training needs {MIN_ROWS}")
    return frame.drop(columns=[target]), frame[target]
