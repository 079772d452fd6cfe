"""Training time of every catalog type's generated project, against the catalog's promise.

    python benchmarks/bench_train.py [TYPE ...] [--limit SECONDS] [--threads N]

Renders each type with ``portfolio new TYPE --defaults``, then times ``python -m <package>.train``
in a subprocess (imports included: what a learner waits for). Prints seconds per type and the
ratio to the limit; exit status 1 when any type takes ``--limit`` seconds (60) or more.
``--threads N`` sets OMP/OpenBLAS/MKL thread counts (default: the machine's own settings).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

from _timing import ENV, PYTHON, REPO, portfolio_command, run

sys.path.insert(0, str(REPO))

from generator.catalog.entries import load_catalog

THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def train_seconds(project: Path, threads: int | None) -> float:
    """Wall time of one training run of the project rendered at ``project``."""
    package = re.search(
        r"^package_name: (\S+)$", (project / ".copier-answers.yml").read_text(), flags=re.MULTILINE
    ).group(1)
    env = {**ENV, "PYTHONPATH": str(project / "src")}
    if threads:
        env.update({name: str(threads) for name in THREAD_VARIABLES})
    started = time.perf_counter()
    run([PYTHON, "-m", f"{package}.train"], cwd=project, env=env)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("types", nargs="*", help="type ids (default: every catalog entry)")
    parser.add_argument("--limit", type=float, default=60.0, help="seconds allowed per type")
    parser.add_argument("--threads", type=int, help="BLAS/OpenMP threads for the training runs")
    args = parser.parse_args()
    types = args.types or [entry.id for entry in load_catalog()]
    work = Path(tempfile.mkdtemp(prefix="bench-train-"))
    print(f"CPU cores: {os.cpu_count()}; limit {args.limit:.0f} s per type")
    failures = []
    try:
        for type_id in types:
            project = work / type_id
            run([*portfolio_command(), "new", type_id, str(project), "--defaults"])
            seconds = train_seconds(project, args.threads)
            verdict = "ok" if seconds < args.limit else "MISSED"
            print(f"{type_id:<16} {seconds:7.1f} s  ratio to limit {seconds / args.limit:5.2f}  {verdict}")
            if seconds >= args.limit:
                failures.append(type_id)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if failures:
        print(f"over the limit: {', '.join(failures)}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
