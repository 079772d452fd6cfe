"""Metric values per block, computed once, and the one value a project reports per metric.

Sections overlap (``## Results`` contains ``### Test set``), so each block's values are cached on
the block. When a README lists several models, the reported value is the one marked final
(selected, best, tuned…), else the best unmarked one, and a baseline's only when nothing else is given.
"""

from __future__ import annotations

from collections.abc import Iterable

from generator.check.document import Block
from generator.check.metrics_text import MetricValue, from_rows, from_text

LOWER_IS_BETTER = frozenset({"rmse", "mse", "mae", "mape", "log_loss", "davies_bouldin", "wer", "perplexity"})
_ROLE_RANK = {"final": 2, "": 1, "baseline": 0}


def block_values(block: Block) -> list[MetricValue]:
    """Metric numbers in one block (tables, prose, printed output), cached on the block."""
    if block.metric_values is None:
        if block.kind == "table":
            block.metric_values = (from_rows(block.rows, block.row_lines) if block.rows
                                   else from_text(block.text, block.line))
        elif block.kind in ("prose", "code"):
            block.metric_values = from_text(block.text, block.line)
        else:
            block.metric_values = []
    return block.metric_values


def values_in(blocks: Iterable[Block]) -> list[MetricValue]:
    """Metric numbers in a run of blocks."""
    return [value for block in blocks for value in block_values(block)]


def reported(values: Iterable[MetricValue]) -> dict[str, float]:
    """Metric id -> the value a reader takes as the project's result (final model over baseline)."""
    best: dict[str, MetricValue] = {}
    for value in values:
        current = best.get(value.metric)
        if current is None or _better(value, current):
            best[value.metric] = value
    return {metric: value.value for metric, value in best.items()}


def _better(value: MetricValue, current: MetricValue) -> bool:
    rank, current_rank = _ROLE_RANK[value.role], _ROLE_RANK[current.role]
    if rank != current_rank:
        return rank > current_rank
    if value.metric in LOWER_IS_BETTER:
        return value.value < current.value
    return value.value > current.value
