"""Writing the run's evidence: metrics, intervals and the comparison as JSON, figures as PNG."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")  # figures are files; no display needed (CI, servers)

import matplotlib.pyplot as plt  # noqa: E402


def save_json(data: dict[str, Any], path: Path) -> Path:
    """Write ``data`` as indented JSON in the order given, floats rounded to 4 decimals."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(_rounded(data), indent=2) + "\n", encoding="utf-8")
    return path


def save_metrics(metrics: dict[str, float], reports_dir: Path) -> Path:
    """Write ``reports/metrics.json``, the flat metric -> value object behind the README table."""
    for name, value in metrics.items():
        if not math.isfinite(value):
            raise ValueError(f"metric {name} is not a finite number: {value}")
    return save_json(metrics, reports_dir / "metrics.json")


def save_run(reports_dir: Path, metrics: dict[str, float], intervals: dict[str, list[float]], *,
             selected: str, baseline: str | None, models: dict[str, dict[str, float]],
             evaluated_on: str) -> None:
    """Write ``metrics.json`` (flat: metric -> value), ``metrics_intervals.json`` (metric ->
    [low, high]) and ``model_comparison.json`` (every candidate, the choice, the test data)."""
    save_metrics(metrics, reports_dir)
    save_json(intervals, reports_dir / "metrics_intervals.json")
    comparison = {"selected": selected, "baseline": baseline, "evaluated_on": evaluated_on,
                  "models": models}
    save_json(comparison, reports_dir / "model_comparison.json")


def save_figure(figure: plt.Figure, path: Path) -> Path:
    """Save a matplotlib figure as PNG and free its memory."""
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.tight_layout()
    figure.savefig(path, dpi=120)
    plt.close(figure)
    return path


def _rounded(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, dict):
        return {key: _rounded(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_rounded(item) for item in value]
    return value
