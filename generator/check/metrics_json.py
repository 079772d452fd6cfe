"""``reports/metrics.json``: read as metric id -> number, and compared with the numbers a README writes."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping

from generator.check.metric_names import metric_id
from generator.check.metric_roles import HELD_OUT, ROLE_RANK
from generator.check.metrics_text import MetricValue


def load_metrics_json(text: str) -> dict[str, float]:
    """``reports/metrics.json`` as {metric id or key: number}; nested objects are flattened.

    Raises ``ValueError`` for anything that is not a JSON object of numbers, including JSON
    nested deeper than the parser can follow (no recursion here: a stack of objects).
    """
    try:
        data = json.loads(text)
    except RecursionError:
        raise ValueError("nested too deeply to read") from None
    if not isinstance(data, dict):
        raise ValueError("expected a JSON object of metric names to numbers")
    flat: dict[str, float] = {}
    stack: list[Mapping[str, object]] = [data]
    while stack:
        for key, value in stack.pop().items():
            if isinstance(value, bool):
                continue
            if isinstance(value, int | float) and math.isfinite(value):
                flat.setdefault(metric_id(str(key)) or str(key), float(value))
            elif isinstance(value, dict):
                stack.append(value)
    return flat


def disagreements(readme: Iterable[MetricValue], truth: Mapping[str, float]) -> list[tuple[MetricValue, float]]:
    """README values whose metric is in ``truth`` but none of whose numbers agree with it. Only values
    that may be the held-out result are compared: a training score, a goal or a baseline's number
    differs from the model's result without contradicting it."""
    by_metric: dict[str, list[MetricValue]] = {}
    for value in (value for value in readme if value.role in HELD_OUT):
        by_metric.setdefault(value.metric, []).append(value)
    result: list[tuple[MetricValue, float]] = []
    for metric, values in by_metric.items():
        if metric in truth and not any(v.agrees_with(truth[metric]) for v in values):
            result.append((max(values, key=lambda v: ROLE_RANK[v.role]), truth[metric]))  # the final model's
    return result
