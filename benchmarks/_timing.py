"""Shared timing helpers for the benchmarks: run commands, take medians, print ratios."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

PYTHON = sys.executable
REPO = Path(__file__).resolve().parents[1]
ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "Bench",
    "GIT_AUTHOR_EMAIL": "bench@example.com",
    "GIT_COMMITTER_NAME": "Bench",
    "GIT_COMMITTER_EMAIL": "bench@example.com",
    "MPLBACKEND": "Agg",
}


def run(command: Sequence[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> None:
    """Run a command, failing loudly (a benchmark of a failing command measures nothing)."""
    result = subprocess.run(list(command), cwd=cwd, env=env or ENV, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"benchmark command failed: {' '.join(command)}\n{result.stderr[-2000:]}")


def paired_medians(ours: Callable[[int], None], theirs: Callable[[int], None], repeats: int) -> tuple[float, float]:
    """Median wall times of two actions run alternately, so load on the machine hits both alike."""
    times: tuple[list[float], list[float]] = ([], [])
    for index in range(repeats):
        for action, bucket in ((ours, times[0]), (theirs, times[1])):
            started = time.perf_counter()
            action(index)
            bucket.append(time.perf_counter() - started)
    return statistics.median(times[0]), statistics.median(times[1])


def copier_copy_command(template: Path, destination: Path, **answers: str) -> list[str]:
    """``copier copy`` as a person would run it by hand, the baseline ``portfolio`` is measured against."""
    data = [part for name, value in answers.items() for part in ("--data", f"{name}={value}")]
    return [PYTHON, "-m", "copier", "copy", "--defaults", "--trust", "--quiet", *data, str(template), str(destination)]


def portfolio_command() -> list[str]:
    """The installed console script when there is one, else ``python -m generator``."""
    script = shutil.which("portfolio", path=str(Path(PYTHON).parent))
    return [script] if script else [PYTHON, "-m", "generator"]


def report(label: str, ours: float, theirs: float, target: float) -> bool:
    """Print one comparison line; return whether the ratio meets the target."""
    ratio = ours / theirs
    verdict = "ok" if ratio <= target else "MISSED"
    print(
        f"{label:<48} {ours * 1000:8.0f} ms vs {theirs * 1000:8.0f} ms  "
        f"ratio {ratio:5.2f} (target <= {target}) {verdict}"
    )
    return ratio <= target
