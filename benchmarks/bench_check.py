"""How fast `portfolio check` is: projects per second in every output format, and a huge README.

1. Copies the calibration set's trained scaffold (tests/fixtures/calibration/specific: README, notebook
   with outputs, reports/metrics.json, code and tests) 200 times and, for each format (text, json,
   markdown, sarif), checks every copy in this process and renders the reports — as a cohort run does.
   Goal: 300 projects/s in every format (moonshot 500/s).
2. Checks a project whose README has 16,000 headings (goal: under 1 s; linear in size).

    python benchmarks/bench_check.py [--count 200] [--headings 16000]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.check import check_project, load_rubric  # noqa: E402
from generator.check.report import FORMATS, render  # noqa: E402

TEMPLATE = ROOT / "tests" / "fixtures" / "calibration" / "specific"
GOAL_PER_SECOND = 300
GOAL_HUGE_SECONDS = 1.0


def per_format(copies: list[Path]) -> None:
    """Check every copy and render the whole report, once per format; best of three rounds each."""
    rubric = load_rubric()
    check_project(copies[0], rubric)  # warm-up: imports and the rubric's caches
    for fmt in FORMATS:
        best, best_cpu = float("inf"), float("inf")
        for _ in range(3):
            started, cpu = time.perf_counter(), time.process_time()
            reports = [check_project(copy, rubric) for copy in copies]
            render(reports, [], rubric, fmt, color=False, width=110)
            best, best_cpu = min(best, time.perf_counter() - started), min(best_cpu, time.process_time() - cpu)
        rate, cpu_rate = len(copies) / best, len(copies) / best_cpu
        verdict = "meets" if rate >= GOAL_PER_SECOND else "below"
        print(
            f"{fmt:9} {rate:5.0f} projects/s wall, {cpu_rate:5.0f} per CPU-second  "
            f"({1000 * best / len(copies):.1f} ms each; {verdict} the goal of {GOAL_PER_SECOND}/s)"
        )


def huge_readme(folder: Path, headings: int) -> None:
    """A README of ``headings`` sections, each a heading and a short paragraph with a number."""
    project = folder / "huge"
    project.mkdir()
    lines = ["# Huge", ""]
    for index in range(headings):
        lines += [f"## Section {index}", "", f"Paragraph {index} reports an accuracy of 0.{index % 100:02d}.", ""]
    (project / "README.md").write_text("\n".join(lines), encoding="utf-8")
    size = (project / "README.md").stat().st_size
    best, best_cpu = float("inf"), float("inf")
    for _ in range(3):
        started, cpu = time.perf_counter(), time.process_time()
        check_project(project)
        best, best_cpu = min(best, time.perf_counter() - started), min(best_cpu, time.process_time() - cpu)
    verdict = "meets" if best < GOAL_HUGE_SECONDS else "misses"
    print(
        f"README with {headings:,} headings ({size / 1e6:.1f} MB): {best:.2f} s wall, {best_cpu:.2f} s CPU "
        f"({verdict} the goal of {GOAL_HUGE_SECONDS:.0f} s)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--headings", type=int, default=16_000)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-check-") as temporary:
        folder = Path(temporary)
        copies = [folder / f"project-{index:04}" for index in range(options.count)]
        for copy in copies:
            shutil.copytree(TEMPLATE, copy)
        files = sum(1 for path in copies[0].rglob("*") if path.is_file())
        print(f"{options.count} copies of {TEMPLATE.relative_to(ROOT)} ({files} files each), one process:")
        per_format(copies)
        huge_readme(folder, options.headings)


if __name__ == "__main__":
    main()
