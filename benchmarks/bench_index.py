"""How long `portfolio index` takes per project, and what it adds on top of `portfolio check`.

Generates one classification project, gives it a metrics.json (no training: this measures
indexing, not models), copies it into N folders and a hand-made project into N more, then times
`check` alone over all of them against `index` (check + answers + metrics + inference + three
files), and an unchanged re-run. Prints seconds, per-project milliseconds and ratios.

    python benchmarks/bench_index.py [N]
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.catalog.entries import load_catalog
from generator.check import check_project, load_rubric
from generator.index import CollectOptions, IndexRequest, build_portfolio, write_site

HAND_MADE = (
    "# House prices\n\n## Overview\n\nPredict the sale price of a house from its size and location.\n\n"
    "## Results\n\n| Metric | Value |\n|---|---|\n| RMSE | 23456.7 |\n| R² | 0.81 |\n"
)


def best_of(runs: int, action: Callable[[], None]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def main(count: int) -> None:
    with tempfile.TemporaryDirectory(prefix="bench-index-") as temporary:
        root = Path(temporary)
        seed = root / "seed"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "generator",
                "new",
                "classification",
                str(seed),
                "--defaults",
                "--author",
                "Bench <bench@example.com>",
            ],
            check=True,
            capture_output=True,
        )
        (seed / "reports" / "metrics.json").write_text(json.dumps({"f1": 0.95, "accuracy": 0.96}))
        targets = []
        for number in range(count):
            generated = root / f"generated-{number}"
            shutil.copytree(seed, generated)
            hand = root / f"hand-{number}"
            hand.mkdir()
            (hand / "README.md").write_text(HAND_MADE, encoding="utf-8")
            (hand / "requirements.txt").write_text("pandas\nscikit-learn\n", encoding="utf-8")
            targets += [str(generated), str(hand)]
        rubric, catalog = load_rubric(), load_catalog()
        out = root / "site"

        def check_all() -> None:
            for target in targets:
                check_project(Path(target), rubric)

        def index_all() -> None:
            request = IndexRequest(targets=targets, collect=CollectOptions(catalog=catalog, rubric=rubric))
            write_site(build_portfolio(request, out), out)

        check_s = best_of(3, check_all)
        index_s = best_of(3, index_all)
        rerun = [best_of(1, index_all) for _ in range(5)]  # files already written: nothing changes
        html_kb = (out / "index.html").stat().st_size / 1024
    projects = len(targets)
    print(f"projects indexed:          {projects} ({count} generated + {count} hand-made)")
    print(f"check only:                {check_s:.3f} s ({1000 * check_s / projects:.1f} ms/project)")
    print(f"index (check + rest):      {index_s:.3f} s ({1000 * index_s / projects:.1f} ms/project)")
    print(f"index / check ratio:       {index_s / check_s:.2f}x")
    print(f"unchanged re-run:          {min(rerun):.3f} s best, {statistics.median(rerun):.3f} s median of 5")
    print(f"index.html size:           {html_kb:.1f} KiB (self-contained)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10)
