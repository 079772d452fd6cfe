"""How fast `portfolio check` reads local projects: 500 generated-and-filled projects, one process.

Generates one classification project with `portfolio new`, writes the five README sections
(the test fixtures' text), adds reports/metrics.json, runs `portfolio sync`, copies the result
500 times and checks every copy with `check_project` in this process. Prints projects per second
against the target of 200/s.

    python benchmarks/bench_check.py [--count 500]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.check import check_project, load_rubric  # noqa: E402
from generator.check.placeholders import GUIDE_COMMENT  # noqa: E402

FILLED = ROOT / "tests" / "fixtures" / "filled"
SECTIONS = ("problem", "data", "method", "metrics", "outcome")
TARGET_PER_SECOND = 200
BATCH = 50


def portfolio(*args: str, cwd: Path) -> None:
    """Run the CLI from this checkout, as a user would."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, env=env, check=True,
                   capture_output=True, text=True)


def filled_project(folder: Path) -> Path:
    """A fresh scaffold with every section written and the metrics synced."""
    project = folder / "template-project"
    portfolio("new", "classification", str(project), "--defaults", "--author", "Bench <bench@example.com>",
              cwd=folder)
    readme = project / "README.md"
    texts = iter((FILLED / f"{name}.md").read_text(encoding="utf-8").strip() for name in SECTIONS)
    readme.write_text(GUIDE_COMMENT.sub(lambda _: next(texts), readme.read_text(encoding="utf-8")),
                      encoding="utf-8")
    metrics = {"accuracy": 0.9737, "precision": 0.9722, "recall": 0.9859, "f1": 0.979, "roc_auc": 0.9957}
    (project / "reports" / "metrics.json").write_text(json.dumps(metrics), encoding="utf-8")
    portfolio("sync", str(project), cwd=folder)
    shutil.rmtree(project / ".git")
    return project


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=500)
    count = parser.parse_args().count
    with tempfile.TemporaryDirectory(prefix="bench-check-") as temporary:
        folder = Path(temporary)
        template = filled_project(folder)
        files = sum(1 for path in template.rglob("*") if path.is_file())
        copies = [folder / f"project-{index:04}" for index in range(count)]
        for copy in copies:
            shutil.copytree(template, copy)
        rubric = load_rubric()
        check_project(template, rubric)  # warm-up: imports markdown-it and nbformat once

        scores: list[int] = []
        batches: list[float] = []
        started, cpu_started = time.perf_counter(), time.process_time()
        for first in range(0, count, BATCH):
            batch_started = time.perf_counter()
            scores += [check_project(copy, rubric).score for copy in copies[first:first + BATCH]]
            batches.append((min(count, first + BATCH) - first) / (time.perf_counter() - batch_started))
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started

    rate, cpu_rate, best = count / elapsed, count / cpu, max(batches)
    print(f"projects checked:     {count} ({files} files each: README, notebook, metrics.json, code)")
    print(f"scores:               min {min(scores)}, max {max(scores)}")
    print(f"wall time:            {elapsed:.2f} s ({1000 * elapsed / count:.2f} ms per project)")
    print(f"CPU time:             {cpu:.2f} s ({1000 * cpu / count:.2f} ms per project)")
    print(f"projects/second:      {rate:.0f} overall, {best:.0f} in the fastest batch of {BATCH}, "
          f"{cpu_rate:.0f} per CPU-second")
    print(f"vs target {TARGET_PER_SECOND}/s:      overall {rate / TARGET_PER_SECOND:.2f}x, "
          f"fastest batch {best / TARGET_PER_SECOND:.2f}x (other load on the machine slows the overall figure)")


if __name__ == "__main__":
    main()
