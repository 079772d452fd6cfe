"""`portfolio update` against `copier update` + `git commit` by hand, on the same project, in one run.

    python benchmarks/bench_update.py [--repeats N]

A catalog made by `portfolio catalog init` is tagged v1, a project is generated from it, the catalog
author changes the shared README template and tags v2; then each round resets the project to its
first commit and updates it, alternately with our command and with copier's CLI (pointed at the same
template store). Also prints `portfolio update --check`. Target: update <= 1.2x copier by hand (our
extra work: refreshing the store from the catalog, the trust check, the conflict scan).
Exit status 1 when the target is missed.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import _timing
from _timing import PYTHON, paired_medians, portfolio_command, report, run


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    repeats = parser.parse_args().repeats
    work = Path(tempfile.mkdtemp(prefix="bench-update-"))
    _timing.ENV["XDG_CACHE_HOME"] = str(work / "cache")  # fresh template stores, outside the user's cache
    portfolio = portfolio_command()
    try:
        catalog, project = work / "catalog", work / "project"
        run([*portfolio, "catalog", "init", str(catalog), "--id", "bench"])
        for command in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "v1"], ["tag", "v1"]):
            run(["git", *command], cwd=catalog)
        run(
            [
                *portfolio,
                "--catalog",
                str(catalog),
                "new",
                "bench",
                str(project),
                "--defaults",
                "--author",
                "Bench <bench@example.com>",
            ]
        )
        first = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=project, capture_output=True, text=True, check=True
        ).stdout.strip()
        readme = catalog / "templates" / "_common" / "README.md.jinja"
        readme.write_text(readme.read_text().replace("## Project structure", "## Project structure\n\nNew in v2.\n"))
        for command in (["commit", "-q", "-am", "v2"], ["tag", "v2"]):
            run(["git", *command], cwd=catalog)

        def reset() -> None:
            run(["git", "reset", "-q", "--hard", first], cwd=project)
            run(["git", "clean", "-q", "-fdx"], cwd=project)

        def ours(_: int) -> None:
            reset()
            run([*portfolio, "update", str(project)])

        def by_hand(_: int) -> None:
            reset()
            run(
                [
                    PYTHON,
                    "-m",
                    "copier",
                    "update",
                    "--trust",
                    "--defaults",
                    "--skip-answered",
                    "--quiet",
                    "--vcs-ref",
                    "v2",
                    "--conflict",
                    "inline",
                    str(project),
                ]
            )
            run(["git", "add", "-A"], cwd=project)
            run(["git", "commit", "-q", "-m", "Update template"], cwd=project)

        update_ours, update_hand = paired_medians(ours, by_hand, repeats)
        assert "New in v2." in (project / "README.md").read_text()
        reset()
        checks = []
        for _ in range(repeats):
            started = time.perf_counter()
            subprocess.run([*portfolio, "update", str(project), "--check"], env=_timing.ENV, capture_output=True)
            checks.append(time.perf_counter() - started)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"medians of {repeats} runs")
    print(f"{'portfolio update --check':<48} {statistics.median(checks) * 1000:8.0f} ms")
    ok = report("portfolio update vs copier update + git by hand", update_ours, update_hand, 1.2)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
