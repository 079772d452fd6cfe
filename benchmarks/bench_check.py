"""How fast `portfolio check` is: projects per second in every output format, and a huge README.

1. Copies the calibration set's trained scaffold (tests/fixtures/calibration/specific: README, notebook
   with outputs, reports/metrics.json, code and tests) 200 times and, for each format (text, json,
   markdown, sarif), checks every copy in this process and renders the reports — as a cohort run does.
   Goal: 300 projects/s in every format (moonshot 500/s).
2. The same for 200 projects cycling through every folder of the calibration set (51 READMEs of every
   style, most of them smaller than the scaffold's, some notebooks and metrics files).
3. Checks a project whose README has 16,000 headings (goal: under 1 s; linear in size).

No two projects are identical: each README gets a line of its own at the end. That is not what keeps
the figures honest, though: whatever a check remembers about a text (its words, its sentences, its
metric values) is dropped after each project, so a copy is read as if it were the first. Only
language-level facts outlive a project: which term lists a word belongs to, how a heading scores for
each section, which metric a table cell names (a cohort shares most words and headings too).
``check_project`` pauses the cyclic garbage collector while it checks a project, as the CLI does for
every command: a check makes no reference cycles (tests/test_check_memory.py), so memory stays bounded
by one project either way.

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
from generator.check.evidence import README_NAMES  # noqa: E402
from generator.check.report import FORMATS, render  # noqa: E402

CALIBRATION = ROOT / "tests" / "fixtures" / "calibration"
TEMPLATE = CALIBRATION / "specific"
GOAL_PER_SECOND = 300
GOAL_HUGE_SECONDS = 1.0


def make_copies(sources: list[Path], folder: Path, count: int) -> list[Path]:
    """``count`` projects copied from ``sources`` in turn, each README ending in a line of its own."""
    folder.mkdir()
    copies = []
    for index in range(count):
        copy = folder / f"project-{index:04}"
        shutil.copytree(sources[index % len(sources)], copy)
        readme = next((copy / name for name in README_NAMES if (copy / name).is_file()), None)
        if readme is not None:
            text = readme.read_text(encoding="utf-8")
            readme.write_text(f"{text.rstrip()}\n\nBenchmark copy {index} ends here.\n", encoding="utf-8")
        copies.append(copy)
    return copies


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
        copies = make_copies([TEMPLATE], folder / "scaffold", options.count)
        files = sum(1 for path in copies[0].rglob("*") if path.is_file())
        print(f"{options.count} copies of {TEMPLATE.relative_to(ROOT)} ({files} files each), one process:")
        per_format(copies)
        sources = sorted(path for path in CALIBRATION.iterdir() if path.is_dir())
        mixed = make_copies(sources, folder / "mixed", options.count)
        print(f"{options.count} projects cycling through the {len(sources)} calibration projects, one process:")
        per_format(mixed)
        huge_readme(folder, options.headings)


if __name__ == "__main__":
    main()
