"""Where the model does worse: one metric per slice of the held-out rows, and the worst gap.

An overall score hides the groups a model fails: a slice is the test rows sharing one value of a
column (numeric columns are cut into quantile bins). The numbers go to ``reports/slices.json``,
to the model card's *Factors* and *Ethical considerations* and to one README line, all rewritten
between their markers on every run.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .readme import markdown_table, write_region
from .reporting import save_json

# Slices smaller than this are listed but never named the worst: their scores are mostly noise.
MIN_ROWS = 10


def slice_report(segments: pd.DataFrame, y_true, y_pred, *, metric: str,
                 score: Callable[[np.ndarray, np.ndarray], float],
                 higher_is_better: bool) -> dict[str, Any]:
    """``score`` overall and per slice, and the worst slice (at least :data:`MIN_ROWS` rows).

    ``score`` may return NaN where the metric is undefined (a slice with one class only); such
    slices are listed with ``value`` null.
    """
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    slices = []
    for column in segments.columns:
        labels = segments[column].to_numpy()
        for label in sorted(set(labels), key=_natural):
            mask = labels == label
            value = float(score(y_true[mask], y_pred[mask]))
            slices.append({"column": str(column), "slice": str(label), "rows": int(mask.sum()),
                           "value": value if math.isfinite(value) else None})
    ranked = [item for item in slices if item["rows"] >= MIN_ROWS and item["value"] is not None]
    pick = min if higher_is_better else max
    worst = pick(ranked, key=lambda item: item["value"]) if ranked else None
    overall = float(score(y_true, y_pred))
    return {"metric": metric, "higher_is_better": higher_is_better, "overall": overall,
            "min_rows": MIN_ROWS, "slices": slices, "worst": worst,
            "gap": worst["value"] - overall if worst else None}


def publish_slices(report: dict[str, Any], label: str, reports_dir: Path) -> Path:
    """Write ``slices.json``, the model card's Factors table and Ethical considerations line,
    and the README line, for the project that holds ``reports_dir``."""
    path = save_json(report, reports_dir / "slices.json")
    root = reports_dir.parent
    card = root / "docs" / "model_card.md"
    rows = [[f"`{item['column']}` = {item['slice']}", str(item["rows"]), _number(item["value"]),
             _number(None if item["value"] is None else item["value"] - report["overall"], "+")]
            for item in report["slices"]]
    write_region(card, "slices", (
        f"Measured by training on the held-out split (`reports/slices.json`): {label} per slice, "
        f"{_number(report['overall'])} overall. Slices under {MIN_ROWS} rows are listed but not "
        f"ranked.\n\n" + markdown_table(["Slice", "Rows", label, "Gap to overall"], rows)))
    write_region(card, "slice-gap", ethics_line(report, label))
    where = ("the [model card](docs/model_card.md#factors)" if card.is_file()
             else "`reports/slices.json`")
    write_region(root / "README.md", "slices",
                 f"**Where it does worse:** {worst_line(report, label)} Every slice: {where}.")
    return path


def worst_line(report: dict[str, Any], label: str) -> str:
    """One sentence naming the worst slice and its gap, or saying why none is named."""
    worst = report["worst"]
    if worst is None:
        return f"no slice has {MIN_ROWS} or more held-out rows with a defined {label}."
    return (f"`{worst['column']}` = {worst['slice']} ({worst['rows']} test rows): {label} "
            f"{_number(worst['value'])} against {_number(report['overall'])} overall, a gap of "
            f"{_number(report['gap'], '+')}.")


def ethics_line(report: dict[str, Any], label: str) -> str:
    """The Ethical considerations paragraph: who bears more of the errors, by the numbers."""
    if report["worst"] is None:
        return f"No worst slice can be named: {worst_line(report, label)}"
    return (f"The model does worst on {worst_line(report, label)} Whoever that slice stands for "
            "bears more of the model's errors: say whether it is a group of people, machines or "
            "periods that matters, and collect more data for it before relying on the model there.")


def _number(value: float | None, sign: str = "") -> str:
    return "n/a" if value is None else f"{value:{sign}.4f}"


def _natural(label: str) -> tuple:
    """Bins ("2.5–7.1") sort by their lower edge, other labels alphabetically."""
    head = label.split("–")[0]
    try:
        return (0, float(head), label)
    except ValueError:
        return (1, 0.0, label)
