"""Predict labels for new rows with the saved model.

``python -m <package>.predict new_rows.csv --output predictions.csv``
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .cli import predict_main
from .experiment import load_model
from .paths import MODELS_DIR


def predict(rows: pd.DataFrame, model_path: Path = MODELS_DIR / "model.joblib") -> pd.Series:
    """Predicted class names for ``rows`` (same columns as the training features)."""
    bundle = load_model(model_path)
    codes = bundle["model"].predict(rows)
    return pd.Series([bundle["classes"][code] for code in codes], index=rows.index, name="prediction")


def main(argv: list[str] | None = None) -> None:
    """Command-line entry point."""
    predict_main(predict, __doc__.splitlines()[0], argv)


if __name__ == "__main__":
    main()
