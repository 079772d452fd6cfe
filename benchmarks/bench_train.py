"""Training time of every catalog type: each generated project must train in under 60 s.

    python benchmarks/bench_train.py [--types pipeline,classification] [--limit 60]

Renders each type with `portfolio new TYPE --defaults`, then times its own training command
(`python -m <package>.train`, run in this interpreter's environment with PYTHONPATH=src, the
way the test-suite shares one environment). Prints seconds per type and the ratio to the limit;
exit status 1 when a type misses the limit or its training fails.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from _timing import ENV, PYTHON, REPO, portfolio_command, run

sys.path.insert(0, str(REPO))
from generator.catalog import load_catalog


def train_seconds(type_id: str, work: Path) -> tuple[float, float]:
    """Render ``type_id`` into ``work``; return the wall and CPU seconds of its training command.

    CPU time is printed beside wall time because a busy machine inflates only the latter.
    """
    destination = work / type_id
    run([*portfolio_command(), "new", type_id, str(destination), "--defaults",
         "--author", "Bench <bench@example.com>"])
    answers = yaml.safe_load((destination / ".copier-answers.yml").read_text(encoding="utf-8"))
    started, cpu_before = time.perf_counter(), _children_cpu()
    result = subprocess.run(
        [PYTHON, "-m", f"{answers['package_name']}.train"], cwd=destination, capture_output=True,
        text=True, env={**ENV, "PYTHONPATH": str(destination / "src")},
    )
    elapsed, cpu = time.perf_counter() - started, _children_cpu() - cpu_before
    if result.returncode != 0 or not (destination / "reports" / "metrics.json").is_file():
        raise SystemExit(f"{type_id}: training failed\n{result.stderr[-2000:]}")
    return elapsed, cpu


def _children_cpu() -> float:
    times = os.times()
    return times.children_user + times.children_system


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--types", help="comma-separated type ids (default: the whole catalog)")
    parser.add_argument("--limit", type=float, default=60.0, help="seconds allowed per type")
    args = parser.parse_args()
    types = args.types.split(",") if args.types else [entry.id for entry in load_catalog()]
    work = Path(tempfile.mkdtemp(prefix="bench-train-"))
    ok = True
    try:
        for type_id in types:
            seconds, cpu = train_seconds(type_id, work)
            verdict = "ok" if seconds < args.limit else "MISSED"
            ok &= seconds < args.limit
            ratio = seconds / args.limit
            print(f"train {type_id:<16} {seconds:6.1f} s (cpu {cpu:5.1f} s)  ratio to limit {ratio:4.2f} "
                  f"(limit {args.limit:.0f} s) {verdict}", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
