"""Metric values per block, computed once, and the one value a project reports per metric.

Sections overlap (``## Results`` contains ``### Test set``), so each block's values are cached on
the block. The reported value is what a reviewer reads as the result: the final model's value on
held-out data. Values marked final (selected, best, tuned…) come first, then test values, then
unmarked ones, then training scores; goals and baselines are never the result. When a README lists
several models, one row is chosen — the marked one, else the best on the first metric of the first
table — and its metrics are reported together rather than each column's maximum from different rows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from generator.check.document import Block
from generator.check.metric_names import BOUNDED, LOWER_IS_BETTER
from generator.check.metric_roles import NOT_RESULTS, ROLE_RANK
from generator.check.metrics_text import MetricValue, from_rows, from_text, loose_cells, mentions, metric_id

_NUMBER_CELL = re.compile(r"^[-+]?[\d.,]+%?$")


def block_values(block: Block) -> list[MetricValue]:
    """Metric numbers in one block (tables, prose, printed output), cached on the block."""
    if block.metric_values is None:
        if block.kind == "table":
            block.metric_values = (
                from_rows(block.rows, block.row_lines) if block.rows else from_text(block.text, block.line)
            )
        elif block.kind in ("prose", "code", "heading"):
            block.metric_values = from_text(block.text_without_alt(), block.line)
        else:
            block.metric_values = []
    return block.metric_values


MAX_VALUES = 400
"""Metric values read from one run of blocks: enough to judge and compare; a README of 16,000 result
paragraphs is not read to the end for more."""


def values_in(blocks: Iterable[Block]) -> list[MetricValue]:
    """Metric numbers in a run of blocks, including space-aligned tables whose rows are separate
    paragraphs (Pandoc's simple tables: a header line of metric names, then one paragraph per row).

    ``Model: 0.90`` lines name no metric; a run of them takes the one metric named by the text that
    introduces it, right above ("Each model was scored by accuracy:")."""
    found: list[MetricValue] = []
    header: list[str] | None = None
    previous: Block | None = None
    introduced: str | None = None
    in_run = False
    for block in blocks:
        if len(found) >= MAX_VALUES:
            break
        values = block_values(block)
        unnamed = bool(values) and not all(value.named for value in values)
        if unnamed:
            adjacent = previous is not None and block.line - previous.line - previous.text.count("\n") <= MAX_GAP
            if not (adjacent and in_run):
                introduced = _the_metric(previous) if adjacent and previous else None
            found += _named(values, _the_metric(block) or introduced)
        else:
            found += values
        previous, in_run = block, unnamed
        cells = loose_cells(block.text) if block.kind == "prose" and "\n" not in block.text else []
        named = sum(metric_id(cell) is not None for cell in cells)
        if cells and named >= 2 and not any(map(_NUMBER_CELL.match, cells)):
            header = cells
        elif header is not None and cells and len(cells) == len(header):
            found += [value for value in from_rows([header, cells], [block.line, block.line]) if value not in values]
        elif block.kind != "html":
            header = None
    return found


MAX_GAP = 2
"""Lines from the end of one block to the start of the next when nothing stands between them but a
blank line (a heading between them takes more): the text right above a list introduces it."""


def _the_metric(block: Block) -> str | None:
    """The one metric a block's text names, if it names exactly one."""
    named = mentions(block.text)
    return next(iter(named)) if len(named) == 1 else None


def _named(values: list[MetricValue], metric: str | None) -> list[MetricValue]:
    """Unnamed model scores given ``metric`` (one bounded like ``score``, so the number reads the same)."""
    if metric is None or metric not in BOUNDED:
        return values
    return [value if value.named else replace(value, metric=metric, named=True) for value in values]


def reported(values: Iterable[MetricValue]) -> dict[str, float]:
    """Metric id -> the value a reader takes as the project's result (see the module's docstring)."""
    candidates = [value for value in values if value.role not in NOT_RESULTS]
    chosen = _chosen_row(candidates)
    best: dict[str, MetricValue] = {}
    for value in candidates:
        current = best.get(value.metric)
        if current is None or _preference(value, chosen) > _preference(current, chosen):
            best[value.metric] = value
    return {metric: value.value for metric, value in best.items()}


def _chosen_row(values: list[MetricValue]) -> tuple[int, str] | None:
    """The model whose row a reviewer reads as the result: among rows marked final, else all rows
    (not training scores), the best on the first metric of the first table (or list of models)."""
    rows = [value for value in values if value.row and ROLE_RANK[value.role] >= ROLE_RANK[""]]
    pool = [value for value in rows if value.role == "final"] or rows
    if not pool:
        return None
    first = pool[0]
    same = [value for value in pool if value.table == first.table and value.metric == first.metric]
    top = max(same, key=lambda value: (ROLE_RANK[value.role], _direction(value)))
    return top.table, top.row


def _preference(value: MetricValue, chosen: tuple[int, str] | None) -> tuple[int, bool, float]:
    return ROLE_RANK[value.role], (value.table, value.row) == chosen, _direction(value)


def _direction(value: MetricValue) -> float:
    return -value.value if value.metric in LOWER_IS_BETTER else value.value
