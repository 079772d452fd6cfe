"""Predict for new rows with the model saved by training.

``python -m <package>.predict new_rows.csv --output predictions.csv``

The saved bundle (see ``train.py``) names the input ``columns``, the ``output`` column and,
for classifiers trained on encoded labels, the ``classes`` the codes stand for.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from .experiment import load_model
from .paths import MODELS_DIR


def predict(rows: pd.DataFrame, model_path: Path = MODELS_DIR / "model.joblib") -> pd.Series:
    """One prediction per row of ``rows`` (the training columns; other columns are ignored)."""
    bundle = load_model(model_path)
    missing = [column for column in bundle["columns"] if column not in rows.columns]
    if missing:
        raise KeyError(f"rows lack the training columns: {', '.join(missing)}")
    values = bundle["model"].predict(rows[bundle["columns"]])
    if "classes" in bundle:
        values = [bundle["classes"][code] for code in values]
    return pd.Series(values, index=rows.index, name=bundle["output"])


def main(argv: list[str] | None = None) -> None:
    """Read rows from a CSV, predict them with the saved model, print or write the predictions."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", type=Path, help="rows to predict (CSV with the training columns)")
    parser.add_argument("--output", type=Path, help="write predictions here instead of printing")
    args = parser.parse_args(argv)
    predictions = predict(pd.read_csv(args.csv))
    if args.output:
        predictions.to_csv(args.output, index=False)
    else:
        print(predictions.to_string(index=False))


if __name__ == "__main__":
    main()
