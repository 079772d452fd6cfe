"""`portfolio --help` and `portfolio new` against copier run by hand, side by side in one run.

    python benchmarks/bench_new.py [--repeats N]

Targets: `portfolio --help` <= 0.35x `copier --help`; `portfolio new classification --defaults`
(render + first commit) <= 1.0x `copier copy` of the same template + `git init/add/commit` by hand.
Exit status 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

from _timing import PYTHON, REPO, copier_copy_command, paired_medians, portfolio_command, report, run


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=11)
    repeats = parser.parse_args().repeats
    portfolio = portfolio_command()
    template = REPO / "templates"
    work = Path(tempfile.mkdtemp(prefix="bench-new-"))
    try:
        help_ours, help_copier = paired_medians(
            lambda _: run([*portfolio, "--help"]), lambda _: run([PYTHON, "-m", "copier", "--help"]), repeats
        )

        def ours(index: int) -> None:
            run(
                [
                    *portfolio,
                    "new",
                    "classification",
                    str(work / f"ours-{index}"),
                    "--defaults",
                    "--author",
                    "Bench <bench@example.com>",
                ]
            )

        def by_hand(index: int) -> None:
            destination = work / f"hand-{index}"
            run(
                copier_copy_command(
                    template, destination, project_type="classification", package_name="tabular_classification"
                )
            )
            run(["git", "init", "-q", "-b", "main"], cwd=destination)
            run(["git", "add", "-A"], cwd=destination)
            run(["git", "commit", "-q", "-m", "Initial commit"], cwd=destination)

        new_ours, new_hand = paired_medians(ours, by_hand, repeats)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"medians of {repeats} runs")
    ok = report("portfolio --help vs copier --help", help_ours, help_copier, 0.35)
    ok &= report("portfolio new vs copier copy + git by hand", new_ours, new_hand, 1.0)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
