"""How sure the test numbers are: seeded bootstrap intervals over the evaluated rows.

A score on 100 test rows moves by several points if other rows had been drawn. Resampling the
rows with replacement and recomputing every metric shows by how much: the middle 95 % of the
resampled values is the interval reported next to each metric.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np


def bootstrap_intervals(metrics_of: Callable[..., dict[str, float]], arrays: Sequence,
                        *, seed: int, resamples: int, block: int = 1,
                        level: float = 0.95) -> dict[str, list[float]]:
    """``[low, high]`` for each metric that ``metrics_of(*arrays)`` returns.

    Every array is resampled ``resamples`` times with the same row indices. ``block`` > 1
    draws runs of that many consecutive rows (a moving-block bootstrap) for time-ordered rows,
    whose neighbours are alike. A resample on which a metric is undefined (a single class for
    ROC AUC) is skipped.
    """
    arrays = [np.asarray(array) for array in arrays]
    rows = len(arrays[0])
    rng = np.random.default_rng(seed)
    draws: dict[str, list[float]] = {}
    for _ in range(resamples):
        index = _resample(rng, rows, block)
        try:
            values = metrics_of(*(array[index] for array in arrays))
        except ValueError:
            continue
        for name, value in values.items():
            draws.setdefault(name, []).append(value)
    tail = 100 * (1 - level) / 2
    return {
        name: [float(np.percentile(values, tail)), float(np.percentile(values, 100 - tail))]
        for name, values in draws.items()
    }


def _resample(rng: np.random.Generator, rows: int, block: int) -> np.ndarray:
    if block <= 1:
        return rng.integers(0, rows, rows)
    starts = rng.integers(0, rows - block + 1, -(-rows // block))
    return (starts[:, None] + np.arange(block)).ravel()[:rows]
