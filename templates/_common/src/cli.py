"""Command-line entry points shared by every type's ``train`` and ``predict`` modules."""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd


def train_main(run: Callable[[], dict[str, float]], description: str,
               argv: list[str] | None = None) -> None:
    """Run training, print each metric and the wall time (the catalog promises seconds on CPU)."""
    argparse.ArgumentParser(description=description).parse_args(argv)
    started = time.perf_counter()
    metrics = run()
    width = max(map(len, metrics))
    for name, value in metrics.items():
        print(f"{name:>{width}}: {value:.4f}")
    print(f"trained in {time.perf_counter() - started:.1f} s; see reports/")


def predict_main(predict: Callable[[pd.DataFrame], pd.Series], description: str,
                 argv: list[str] | None = None) -> None:
    """Read rows from a CSV, predict them with the saved model, print or write the predictions."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("csv", type=Path, help="rows to predict (CSV with the training columns)")
    parser.add_argument("--output", type=Path, help="write predictions here instead of printing")
    args = parser.parse_args(argv)
    predictions = predict(pd.read_csv(args.csv))
    if args.output:
        predictions.to_csv(args.output, index=False)
    else:
        print(predictions.to_string(index=False))
