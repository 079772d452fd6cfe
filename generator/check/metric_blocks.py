"""Metric values per block, computed once, and the one value a project reports per metric.

Sections overlap (``## Results`` contains ``### Test set``), so each block's values are cached on
the block. When a README lists several models, the reported value is the one marked final
(selected, best, tuned…), else the best unmarked one, and a baseline's only when nothing else is given.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from generator.check.document import Block
from generator.check.metrics_text import ROLE_RANK, MetricValue, from_rows, from_text, loose_cells, metric_id

_NUMBER_CELL = re.compile(r"^[-+]?[\d.,]+%?$")
LOWER_IS_BETTER = frozenset({"rmse", "mse", "mae", "mape", "log_loss", "davies_bouldin", "wer", "perplexity"})


def block_values(block: Block) -> list[MetricValue]:
    """Metric numbers in one block (tables, prose, printed output), cached on the block."""
    if block.metric_values is None:
        if block.kind == "table":
            block.metric_values = (
                from_rows(block.rows, block.row_lines) if block.rows else from_text(block.text, block.line)
            )
        elif block.kind in ("prose", "code", "heading"):
            block.metric_values = from_text(block.text, block.line)
        else:
            block.metric_values = []
    return block.metric_values


MAX_VALUES = 400
"""Metric values read from one run of blocks: enough to judge and compare; a README of 16,000 result
paragraphs is not read to the end for more."""


def values_in(blocks: Iterable[Block]) -> list[MetricValue]:
    """Metric numbers in a run of blocks, including space-aligned tables whose rows are separate
    paragraphs (Pandoc's simple tables: a header line of metric names, then one paragraph per row)."""
    found: list[MetricValue] = []
    header: list[str] | None = None
    for block in blocks:
        if len(found) >= MAX_VALUES:
            break
        found += block_values(block)
        cells = loose_cells(block.text) if block.kind == "prose" and "\n" not in block.text else []
        named = sum(metric_id(cell) is not None for cell in cells)
        if cells and named >= 2 and not any(map(_NUMBER_CELL.match, cells)):
            header = cells
        elif header is not None and cells and len(cells) == len(header):
            found += [
                value
                for value in from_rows([header, cells], [block.line, block.line])
                if value not in block_values(block)
            ]
        elif block.kind != "html":
            header = None
    return found


def reported(values: Iterable[MetricValue]) -> dict[str, float]:
    """Metric id -> the value a reader takes as the project's result (final model over baseline)."""
    best: dict[str, MetricValue] = {}
    for value in values:
        current = best.get(value.metric)
        if current is None or _better(value, current):
            best[value.metric] = value
    return {metric: value.value for metric, value in best.items()}


def _better(value: MetricValue, current: MetricValue) -> bool:
    rank, current_rank = ROLE_RANK[value.role], ROLE_RANK[current.role]
    if rank != current_rank:
        return rank > current_rank
    if value.metric in LOWER_IS_BETTER:
        return value.value < current.value
    return value.value > current.value
