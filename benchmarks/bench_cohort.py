"""How long does a cohort take: one process for the class vs one ``copier copy`` CLI run per student?

Both sides render the built-in classification template with the same answers, in the same run:

* ``portfolio cohort``: :func:`generator.cohort.runs.run_cohort` for N students (roster parsing,
  render, first commit, status file after every student) in this process;
* ``copier CLI``: N invocations of ``python -m copier copy --defaults --trust --data ...``
  (render only: no commit, so this side does less work).

Prints both times, per-student times and the ratio; the target is a ratio <= 0.25.

Usage: ``python benchmarks/bench_cohort.py [--students N]`` (default 100).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.catalog.entries import load_catalog  # noqa: E402 (after the sys.path line)
from generator.cohort.roster import read_roster  # noqa: E402 (after the sys.path line)
from generator.cohort.runs import CohortOptions, run_cohort  # noqa: E402 (after the sys.path line)
from generator.naming import package_name  # noqa: E402 (after the sys.path line)
from generator.vcs import Author  # noqa: E402 (after the sys.path line)

TARGET = 0.25
NAMES = ["Ana María", "José Núñez", "李雷", "Zoë O'Brien", "Jean-Luc", "Ørjan", "Ελένη", "Иван", "Bo", "Cy"]


def write_roster(folder: Path, students: int) -> Path:
    roster = folder / "roster.csv"
    rows = [f'"{NAMES[i % len(NAMES)]} {i // len(NAMES)}"' for i in range(students)]
    roster.write_text("name\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return roster


def time_cohort(folder: Path, students: int) -> float:
    entry = load_catalog().get("classification")
    started = time.perf_counter()
    roster = read_roster(write_roster(folder, students), prefix="bench-")
    result = run_cohort(roster, CohortOptions(entry, folder / "cohort", Author("Bench", "bench@example.com")))
    elapsed = time.perf_counter() - started
    if result.failed or result.created != students:
        raise SystemExit(f"cohort run failed: {result.failed[:3]}")
    return elapsed


def time_copier_cli(folder: Path, students: int) -> float:
    entry = load_catalog().get("classification")
    template = entry.template.path
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    started = time.perf_counter()
    for index in range(students):
        name = f"{NAMES[index % len(NAMES)]} {index // len(NAMES)}"
        repo = f"bench-cli-{index}"
        subprocess.run(
            [sys.executable, "-m", "copier", "copy", "--defaults", "--trust", "--quiet",
             "--data", f"project_type={entry.id}", "--data", f"project_name={entry.title}",
             "--data", f"author_name={name}", "--data", f"package_name={package_name(entry.title)}",
             "--data", f"repo_name={repo}", str(template), str(folder / "cli" / repo)],
            check=True, env=env, capture_output=True,
        )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-cohort-") as work:
        folder = Path(work)
        cohort = time_cohort(folder, args.students)
        cli = time_copier_cli(folder, args.students)
    ratio = cohort / cli
    n = args.students
    verdict = "met" if ratio <= TARGET else "NOT met"
    print(f"students:                  {n}")
    print(f"portfolio cohort (1 proc): {cohort:8.2f} s  ({cohort / n * 1000:6.1f} ms/student, with commit)")
    print(f"copier copy CLI x {n}:{' ' * (8 - len(str(n)))}{cli:8.2f} s  ({cli / n * 1000:6.1f} ms/student)")
    print(f"ratio cohort / CLI:        {ratio:8.3f}  (target <= {TARGET}: {verdict})")


if __name__ == "__main__":
    main()
