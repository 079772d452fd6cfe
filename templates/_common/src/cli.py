"""The training command: run, print the numbers, and write them into the README."""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable

from .paths import REPORTS_DIR
from .readme import number, publish_results


def train_main(run: Callable[[], dict[str, float]], description: str, labels: dict[str, str],
               argv: list[str] | None = None) -> None:
    """Train, print each metric with its 95 % interval and the wall time, update the README."""
    argparse.ArgumentParser(description=description).parse_args(argv)
    started = time.perf_counter()
    metrics = run()
    intervals = json.loads((REPORTS_DIR / "metrics_intervals.json").read_text(encoding="utf-8"))
    width = max(map(len, metrics))
    for name, value in metrics.items():
        low, high = intervals[name]
        print(f"{name:>{width}}: {number(value)}  (95% interval {number(low)} – {number(high)})")
    publish_results(REPORTS_DIR, labels)
    print(f"trained in {time.perf_counter() - started:.1f} s; see reports/ and README.md")
