"""Metric names next to numbers, wherever a README puts them.

Three shapes are read: Markdown tables (a metric per row, or metrics as column headers),
loose rows (tab- or pipe-separated lines the parser saw as a paragraph), and prose
("an accuracy of 0.93", "F1 = 0.91", "reached 93% accuracy"). Every value is a number as
written plus its precision, so "0.9" agrees with 0.91 but "0.99" does not.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

# metric id -> spellings (lower case; matched as whole words, spaces/dashes/underscores alike)
METRIC_NAMES: dict[str, tuple[str, ...]] = {
    "macro_f1": ("macro f1", "macro f1 score", "f1 macro", "macro avg f1", "macro averaged f1"),
    "weighted_f1": ("weighted f1", "f1 weighted"),
    "accuracy": ("accuracy", "acc", "test accuracy", "balanced accuracy"),
    "precision": ("precision",),
    "recall": ("recall", "sensitivity"),
    "f1": ("f1", "f1 score", "f score", "f measure"),
    "roc_auc": ("roc auc", "auc roc", "auroc", "auc", "roc"),
    "pr_auc": ("pr auc", "average precision", "auprc"),
    "log_loss": ("log loss", "logloss", "cross entropy"),
    "rmse": ("rmse", "root mean squared error", "root mean square error"),
    "mse": ("mse", "mean squared error"),
    "mae": ("mae", "mean absolute error"),
    "mape": ("mape", "mean absolute percentage error"),
    "r2": ("r2", "r²", "r^2", "r squared", "coefficient of determination"),
    "silhouette": ("silhouette", "silhouette score"),
    "davies_bouldin": ("davies bouldin", "davies bouldin index", "davies bouldin score"),
    "adjusted_rand": ("adjusted rand", "adjusted rand index", "adjusted rand score", "ari"),
    "bleu": ("bleu",),
    "rouge": ("rouge", "rouge l", "rouge 1"),
    "perplexity": ("perplexity",),
    "iou": ("iou", "miou", "mean iou", "jaccard"),
    "dice": ("dice",),
    "map": ("map", "mean average precision"),
    "ndcg": ("ndcg",),
    "wer": ("wer", "word error rate"),
}
_SPELLING_TO_ID = {s: metric for metric, spellings in METRIC_NAMES.items() for s in spellings}
_BY_LENGTH = sorted(_SPELLING_TO_ID, key=len, reverse=True)
_NAME_RE = "|".join(re.escape(s).replace(r"\ ", r"[\s_-]?") for s in _BY_LENGTH)
_NAME = re.compile(rf"(?<![\w^])(?:{_NAME_RE})(?![\w²])", re.IGNORECASE)
_NUMBER = r"[-+]?(?:\d+(?:[.,]\d+)?|\.\d+)(?:\s?%)?"
_CELL_NUMBER = re.compile(rf"^\s*\**\s*({_NUMBER})\s*\**\s*(?:±\s*\S+|\(.*\))?\s*$")
_GAP = r"(?:\s*[:=]\s*|\s+(?:score\s+|value\s+)?(?:of|is|was|=|:|at|reaches|reached|around|about|~|≈)?\s*)"
_PROSE_AFTER = re.compile(rf"(?<![\w^])({_NAME_RE})(?![\w²])(?:\s*\([^)]*\))?{_GAP}\**({_NUMBER})(?!\w|\.\d)",
                          re.IGNORECASE)
_PROSE_BEFORE = re.compile(rf"(?<![\w.])({_NUMBER})\**\s+(?:\w+\s+)?({_NAME_RE})(?![\w²])", re.IGNORECASE)
MAX_COLUMNS = 40
"""Cells per row looked at: wider "tables" are data dumps, not metric tables (and must stay linear)."""
_DIGIT = re.compile(r"\d")
_WIDE_GAP = re.compile(r"\S {2,}\S")
_BOUNDED = {"accuracy", "precision", "recall", "f1", "macro_f1", "weighted_f1", "roc_auc", "pr_auc",
            "r2", "silhouette", "iou", "dice", "map", "ndcg"}


@dataclass(frozen=True)
class MetricValue:
    """A number written next to a metric name: value as a fraction when it was a percentage."""

    metric: str
    value: float
    decimals: int
    line: int

    def agrees_with(self, truth: float) -> bool:
        """Whether ``truth`` rounds to what the README wrote (with a little slack for rounding)."""
        tolerance = 0.5 * 10 ** (-self.decimals) + 1e-9
        return abs(self.value - truth) <= max(tolerance, 0.005 * abs(truth))


@lru_cache(maxsize=4096)
def metric_id(name: str) -> str | None:
    """The metric id for a display name or key (``"ROC AUC"``, ``"roc_auc"``, ``"R²"``)."""
    key = " ".join(re.sub(r"[\s_\-]+", " ", name.strip().strip("*`:").lower()).split())
    return _SPELLING_TO_ID.get(key) or _SPELLING_TO_ID.get(key.replace(" ", ""))


def parse_number(text: str) -> tuple[float, int] | None:
    """``"93.1%"`` -> (0.931, 3); ``"0.95"`` -> (0.95, 2); not a number -> None."""
    cleaned = text.strip().replace(" ", "")
    percent = cleaned.endswith("%")
    cleaned = cleaned.rstrip("%")
    if cleaned.count(",") == 1 and "." not in cleaned and len(cleaned.split(",")[1]) != 3:
        cleaned = cleaned.replace(",", ".")
    cleaned = cleaned.replace(",", "")
    try:
        value = float(cleaned)
    except ValueError:
        return None
    if not math.isfinite(value):
        return None
    decimals = len(cleaned.split(".")[1]) if "." in cleaned else 0
    if percent:
        return value / 100, decimals + 2
    return value, decimals


def _value(metric: str, number: str, line: int) -> MetricValue | None:
    parsed = parse_number(number)
    if parsed is None:
        return None
    value, decimals = parsed
    if metric in _BOUNDED and not -1 <= value <= 1:
        if 1 < value <= 100 and not number.strip().endswith("%"):
            value, decimals = value / 100, decimals + 2
        else:
            return None
    return MetricValue(metric, value, decimals, line)


def from_rows(rows: list[list[str]], lines: Sequence[int]) -> list[MetricValue]:
    """Values from a table: metric-per-row (``| Accuracy | 0.95 |``) or metric-per-column.

    ``lines`` holds each row's source line.
    """
    found: list[MetricValue] = []
    rows = [row[:MAX_COLUMNS] for row in rows]
    for number, row in enumerate(rows):
        ids = [metric_id(cell) for cell in row]
        for position, metric in enumerate(ids):
            if metric is None:
                continue
            for cell in row[position + 1:position + 4]:  # the value sits next to its name
                match = _CELL_NUMBER.match(cell)
                if match:
                    value = _value(metric, match.group(1), lines[number])
                    if value:
                        found.append(value)
                    break
    if rows:
        header = [metric_id(cell) for cell in rows[0]]
        for number, row in enumerate(rows[1:], start=1):
            for metric, cell in zip(header, row, strict=False):
                match = _CELL_NUMBER.match(cell) if metric else None
                if metric and match:
                    value = _value(metric, match.group(1), lines[number])
                    if value:
                        found.append(value)
    return found


def from_text(text: str, line: int) -> list[MetricValue]:
    """Values from prose and loose rows (tab, pipe or multi-space separated lines).

    Consecutive loose rows are read together as one table, so a header row of metric
    names applies to the number rows under it.
    """
    if not _DIGIT.search(text):
        return []  # no number, no metric value (a header row alone gives nothing either)
    found: list[MetricValue] = []
    rows: list[list[str]] = []
    for offset, raw in enumerate([*text.split("\n"), ""]):
        number = line + offset
        cells = _loose_cells(raw)
        if cells:
            rows.append(cells)
            continue
        if rows:
            found.extend(from_rows(rows, range(number - len(rows), number)))
            rows = []
        if not _DIGIT.search(raw):
            continue
        for match in _PROSE_AFTER.finditer(raw):
            metric = metric_id(match.group(1))
            value = _value(metric, match.group(2), number) if metric else None
            if value:
                found.append(value)
        for match in _PROSE_BEFORE.finditer(raw):
            metric = metric_id(match.group(2))
            value = _value(metric, match.group(1), number) if metric else None
            if value and not any(v.metric == value.metric and v.line == number for v in found):
                found.append(value)
    return found


def _loose_cells(raw: str) -> list[str]:
    """Cells of a tab-, pipe- or wide-space-separated line; [] for ordinary prose."""
    if "\t" not in raw and "|" not in raw and "  " not in raw.strip():
        return []
    if "\t" not in raw and raw.count("|") < 2 and not _WIDE_GAP.search(raw):
        return []
    cells = [c.strip() for c in re.split(r"\t+|\||\s{2,}", raw) if c.strip()]
    return cells if len(cells) >= 2 else []


def mentions(text: str) -> set[str]:
    """Metric ids named anywhere in ``text`` (with or without numbers)."""
    return {metric for match in _NAME.finditer(text) if (metric := metric_id(match.group()))}


def load_metrics_json(text: str) -> dict[str, float]:
    """``reports/metrics.json`` as {metric id or key: number}; nested objects are flattened.

    Raises ``ValueError`` for anything that is not a JSON object of numbers.
    """
    data = json.loads(text)
    if not isinstance(data, dict):
        raise ValueError("expected a JSON object of metric names to numbers")
    flat: dict[str, float] = {}
    _flatten(data, flat)
    return flat


def _flatten(data: Mapping[str, object], into: dict[str, float]) -> None:
    for key, value in data.items():
        if isinstance(value, bool):
            continue
        if isinstance(value, int | float) and math.isfinite(value):
            into.setdefault(metric_id(str(key)) or str(key), float(value))
        elif isinstance(value, dict):
            _flatten(value, into)


def disagreements(
    readme: Iterable[MetricValue], truth: Mapping[str, float]
) -> list[tuple[MetricValue, float]]:
    """README values whose metric is in ``truth`` but none of whose numbers agree with it."""
    by_metric: dict[str, list[MetricValue]] = {}
    for value in readme:
        by_metric.setdefault(value.metric, []).append(value)
    result: list[tuple[MetricValue, float]] = []
    for metric, values in by_metric.items():
        if metric in truth and not any(v.agrees_with(truth[metric]) for v in values):
            result.append((values[0], truth[metric]))
    return result
