"""Write the README's metrics table from ``reports/metrics.json``: the numbers are the run's own.

The table lives between ``<!-- portfolio:metrics:start -->`` and ``<!-- portfolio:metrics:end -->``;
everything outside the markers is left byte-for-byte as it was, and syncing twice changes nothing.
"""

from __future__ import annotations

import json
import math
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from generator.errors import SyncError

START = "<!-- portfolio:metrics:start -->"
END = "<!-- portfolio:metrics:end -->"
_REGION = re.compile(re.escape(START) + r".*?" + re.escape(END), re.DOTALL)

# How metric ids read in a table; unknown ids are shown as written.
DISPLAY_NAMES = {
    "accuracy": "Accuracy",
    "precision": "Precision",
    "recall": "Recall",
    "f1": "F1",
    "roc_auc": "ROC AUC",
    "macro_f1": "Macro F1",
    "rmse": "RMSE",
    "mae": "MAE",
    "r2": "R²",
    "mape": "MAPE",
    "silhouette": "Silhouette",
    "davies_bouldin": "Davies-Bouldin",
    "adjusted_rand": "Adjusted Rand index",
    "log_loss": "Log loss",
    "auc": "AUC",
}


@dataclass(frozen=True)
class SyncResult:
    """Whether the README changed, and the metrics written."""

    readme: Path
    changed: bool
    metrics: dict[str, float]


def display_name(metric_id: str) -> str:
    """The label for ``metric_id`` in the README (``naive_mae`` -> "MAE (naive)")."""
    if metric_id in DISPLAY_NAMES:
        return DISPLAY_NAMES[metric_id]
    for suffix in sorted(DISPLAY_NAMES, key=len, reverse=True):
        if metric_id.endswith("_" + suffix):
            prefix = metric_id[: -len(suffix) - 1].replace("_", " ")
            return f"{DISPLAY_NAMES[suffix]} ({prefix})"
    return metric_id.replace("_", " ")


def format_value(value: float) -> str:
    """Four significant decimals for scores, fewer for large errors: readable, stable."""
    return f"{value:.4f}" if abs(value) < 1000 else f"{value:,.1f}"


def read_metrics(path: Path) -> dict[str, float]:
    """Load a flat ``{metric: number}`` JSON object, refusing anything else with a clear message."""
    if not path.is_file():
        raise SyncError(f"{path} not found: run the training first (e.g. `make train`)")
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise SyncError(f"{path} is not valid JSON ({error})") from None
    except RecursionError:  # "[[[[...": nesting deeper than Python's parser goes, never a metrics file
        raise SyncError(f"{path} is nested too deeply to be a flat object of metric names to numbers") from None
    except OSError as error:
        raise SyncError(f"cannot read {path}: {error.strerror or error}") from None
    if not isinstance(raw, dict) or not raw:
        raise SyncError(f"{path} must be a JSON object of metric names to numbers")
    metrics: dict[str, float] = {}
    for key, value in raw.items():
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            raise SyncError(f"{path}: {key!r} must be a finite number, got {value!r}")
        metrics[str(key)] = float(value)
    return metrics


EN_DASH = " \u2013 "  # between an interval's bounds, as the generated training writes it


def read_intervals(path: Path) -> dict[str, tuple[float, float]] | None:
    """``reports/metrics_intervals.json`` (``{metric: [low, high]}``) beside the metrics, if training wrote one."""
    if not path.is_file():
        return None
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError, OSError):
        raise SyncError(f"{path} is not a JSON object of metric names to [low, high]") from None
    intervals: dict[str, tuple[float, float]] = {}
    for key, pair in raw.items() if isinstance(raw, dict) else [("", None)]:
        if not (isinstance(pair, list) and len(pair) == 2 and all(_finite(bound) for bound in pair)):
            raise SyncError(f"{path} is not a JSON object of metric names to [low, high]")
        intervals[str(key)] = (float(pair[0]), float(pair[1]))
    return intervals


def _finite(value: object) -> bool:
    return not isinstance(value, bool) and isinstance(value, int | float) and math.isfinite(value)


def metrics_table(metrics: dict[str, float], intervals: dict[str, tuple[float, float]] | None = None) -> str:
    """The Markdown table between the markers (markers included).

    With the intervals a generated project's training writes, the table is the one training writes
    (Metric | Value | 95% interval), so ``sync`` after ``train`` changes nothing.
    """
    if intervals is None:
        rows = [f"| {display_name(name)} | {format_value(value)} |" for name, value in metrics.items()]
        return "\n".join([START, "| Metric | Value |", "|---|---|", *rows, END])
    rows = []
    for name, value in metrics.items():
        low, high = intervals.get(name, (value, value))
        interval = f"{format_value(low)}{EN_DASH}{format_value(high)}"
        rows.append(f"| {display_name(name)} | {format_value(value)} | {interval} |")
    return "\n".join([START, "| Metric | Value | 95% interval |", "|---|---|---|", *rows, END])


def sync_metrics(project: Path) -> SyncResult:
    """Rewrite the metrics table in ``project/README.md``; atomic, and a no-op when up to date."""
    readme = project / "README.md"
    if not readme.is_file():
        raise SyncError(f"{readme} not found")
    metrics = read_metrics(project / "reports" / "metrics.json")
    intervals = read_intervals(project / "reports" / "metrics_intervals.json")
    text = readme.read_text(encoding="utf-8")
    regions = _REGION.findall(text)
    if len(regions) != 1:
        problem = "has no" if not regions else "has more than one"
        raise SyncError(f"{readme} {problem} metrics table between '{START}' and '{END}'")
    updated = _REGION.sub(lambda _: metrics_table(metrics, intervals), text, count=1)
    if updated == text:
        return SyncResult(readme, False, metrics)
    _write_atomically(readme, updated)
    return SyncResult(readme, True, metrics)


def _write_atomically(path: Path, text: str) -> None:
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        os.chmod(temporary, path.stat().st_mode & 0o777)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
