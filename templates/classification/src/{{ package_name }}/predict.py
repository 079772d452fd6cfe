"""Predict labels for new rows with the saved model.

``python -m <package>.predict new_rows.csv --output predictions.csv``
"""

from __future__ import annotations

import argparse
from pathlib import Path

import joblib
import pandas as pd

from .paths import MODELS_DIR


def predict(rows: pd.DataFrame, model_path: Path = MODELS_DIR / "model.joblib") -> pd.Series:
    """Predicted class names for ``rows`` (same columns as the training features)."""
    if not model_path.exists():
        raise FileNotFoundError(f"no trained model at {model_path}: run training first")
    bundle = joblib.load(model_path)
    codes = bundle["model"].predict(rows)
    return pd.Series(
        [bundle["classes"][code] for code in codes], index=rows.index, name="prediction"
    )


def main(argv: list[str] | None = None) -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description="Predict with the trained model.")
    parser.add_argument("csv", type=Path, help="rows to predict (CSV with the feature columns)")
    parser.add_argument("--output", type=Path, help="write predictions here instead of printing")
    args = parser.parse_args(argv)
    predictions = predict(pd.read_csv(args.csv))
    if args.output:
        predictions.to_csv(args.output, index=False)
    else:
        print(predictions.to_string(index=False))


if __name__ == "__main__":
    main()
