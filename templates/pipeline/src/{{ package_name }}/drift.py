"""Drift check: does new data still look like the data the model was trained on?

For each feature the population stability index (PSI) compares the share of rows per bin
(deciles of the training reference; categories for ``machine_type``) between the reference and
the new batch: PSI = sum((new - ref) * ln(new / ref)). Rule of thumb: below 0.1 stable,
0.1-0.25 worth a look, above 0.25 a shift. A feature at or above ``drift.psi_threshold``
(params.toml) is flagged. ``python -m <package>.drift [new.csv]`` writes
``reports/drift_report.json`` and ``reports/figures/feature_drift.png`` and exits with 1 when
any feature drifted (2 when the batch breaks the schema), so a scheduled job can alert on it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from .data import generate_readings
from .params import load_params
from .paths import MODELS_DIR, REPORTS_DIR
from .reporting import save_figure, save_json
from .schema import FEATURES, TARGET
from .validate import DataValidationError, validate

SMALLEST_SHARE = 1e-4  # an empty bin would make ln(new / ref) infinite


def psi(reference: pd.Series, current: pd.Series, bins: int = 10) -> float:
    """Population stability index of a numeric feature over the reference's quantile bins."""
    inner_edges = np.unique(np.quantile(reference, np.linspace(0, 1, bins + 1))[1:-1])
    edges = np.concatenate([[-np.inf], inner_edges, [np.inf]])
    expected = np.histogram(reference, edges)[0] / len(reference)
    actual = np.histogram(current, edges)[0] / len(current)
    return _psi_from_shares(expected, actual)


def category_psi(reference: pd.Series, current: pd.Series) -> float:
    """Population stability index of a categorical feature over the categories of both."""
    categories = sorted(set(reference) | set(current))
    expected = reference.value_counts(normalize=True).reindex(categories, fill_value=0).to_numpy()
    actual = current.value_counts(normalize=True).reindex(categories, fill_value=0).to_numpy()
    return _psi_from_shares(expected, actual)


def drift_report(
    reference: pd.DataFrame, current: pd.DataFrame, threshold: float, bins: int = 10
) -> dict[str, Any]:
    """PSI per feature, which ones reach ``threshold``, and whether the batch drifted at all."""
    features: dict[str, dict[str, Any]] = {}
    for name in FEATURES:
        if pd.api.types.is_numeric_dtype(reference[name]):
            value = psi(reference[name], current[name], bins)
        else:
            value = category_psi(reference[name], current[name])
        features[name] = {"psi": value, "drifted": bool(value >= threshold)}
    drifted = [name for name, result in features.items() if result["drifted"]]
    return {
        "method": "population stability index",
        "threshold": threshold,
        "reference_rows": len(reference),
        "current_rows": len(current),
        "drifted": bool(drifted),
        "drifted_features": drifted,
        "features": features,
    }


def plot_drift(report: dict[str, Any], path: Path) -> Path:
    """Horizontal bars of PSI per feature, drifted ones in red, with the threshold as a line."""
    names = list(report["features"])
    values = [report["features"][name]["psi"] for name in names]
    colours = ["tab:red" if report["features"][name]["drifted"] else "tab:blue" for name in names]
    figure, axis = plt.subplots(figsize=(6, 3.5))
    axis.barh(names, values, color=colours)
    axis.axvline(
        report["threshold"], color="black", linestyle="--", label=f"threshold {report['threshold']}"
    )
    axis.invert_yaxis()
    axis.set_xlabel("Population stability index (new batch vs training reference)")
    axis.set_title("Feature drift: " + ("DRIFT DETECTED" if report["drifted"] else "no drift"))
    axis.legend(loc="lower right", fontsize="small")
    return save_figure(figure, path)


def check_drift(
    current: pd.DataFrame,
    reference_path: Path = MODELS_DIR / "reference.csv",
    reports_dir: Path = REPORTS_DIR,
    params: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Validate ``current``, compare it with the training reference, write the report and figure."""
    settings = (params or load_params())["drift"]
    if not reference_path.exists():
        raise FileNotFoundError(f"no training reference at {reference_path}: run training first")
    current = validate(current.drop(columns=[TARGET], errors="ignore"), labelled=False)
    reference = pd.read_csv(reference_path)
    report = drift_report(reference, current, settings["psi_threshold"], settings["bins"])
    save_json(report, reports_dir / "drift_report.json")
    plot_drift(report, reports_dir / "figures" / "feature_drift.png")
    return report


def _psi_from_shares(expected: np.ndarray, actual: np.ndarray) -> float:
    expected = np.clip(expected, SMALLEST_SHARE, None)
    actual = np.clip(actual, SMALLEST_SHARE, None)
    return float(np.sum((actual - expected) * np.log(actual / expected)))


def main(argv: list[str] | None = None) -> None:
    """Command-line entry point: exit status 1 means drift was found, 2 an invalid batch."""
    parser = argparse.ArgumentParser(
        description="Compare new sensor readings with the training data."
    )
    parser.add_argument(
        "csv", nargs="?", type=Path, help="new readings (CSV); default: a simulated batch"
    )
    parser.add_argument(
        "--simulate-drift",
        type=float,
        default=0.0,
        metavar="STRENGTH",
        help="without CSV: how far the simulated batch moves from training (0 = not at all)",
    )
    args = parser.parse_args(argv)
    params = load_params()
    if args.csv:
        current = pd.read_csv(args.csv)
    else:
        settings = params["drift"]
        current = generate_readings(
            settings["batch_rows"], settings["batch_seed"], drift=args.simulate_drift
        )
    try:
        report = check_drift(current, params=params)
    except DataValidationError as error:
        print("invalid batch, not compared:\n  " + "\n  ".join(error.problems), file=sys.stderr)
        raise SystemExit(2) from None
    for name, result in report["features"].items():
        print(f"{name:>24}: PSI {result['psi']:.3f}{'  DRIFT' if result['drifted'] else ''}")
    print("drift detected" if report["drifted"] else "no drift", "- see reports/drift_report.json")
    raise SystemExit(1 if report["drifted"] else 0)


if __name__ == "__main__":
    main()
