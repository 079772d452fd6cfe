"""How long does a cohort take: creating the class, and reading its documentation results back.

1. ``new``: one process for the class vs one ``copier copy`` CLI run per student. Both sides
   render the built-in classification template with the same answers, in the same run:

   * ``portfolio cohort``: :func:`generator.cohort.runs.run_cohort` for N students (roster parsing,
     render, first commit, status file after every student) in this process;
   * ``copier CLI``: N invocations of ``python -m copier copy --defaults --trust --data ...``
     (render only: no commit, so this side does less work).

   Prints both times, per-student times and the ratio; the target is a ratio <= 0.25.

2. ``statuses``: ``cohort check --from-status`` over R repositories of the loopback GitHub
   stand-in (tests/github_server.py; 90% carry a ``portfolio/docs`` status, the rest none),
   pacing off: one REST request per repository, no clone. The goal is under 60 s for 1,000.

Usage: ``python benchmarks/bench_cohort.py [--part new|statuses|all] [--students N] [--repositories R]``
(defaults: all, 100 students, 1,000 repositories).
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

from _timing import copier_copy_command  # noqa: E402 (benchmarks/ is on sys.path when a script runs)

from generator.catalog.entries import load_catalog  # noqa: E402 (after the sys.path line)
from generator.cohort.roster import read_roster  # noqa: E402 (after the sys.path line)
from generator.cohort.runs import CohortOptions, run_cohort  # noqa: E402 (after the sys.path line)
from generator.naming import package_name  # noqa: E402 (after the sys.path line)
from generator.vcs import Author  # noqa: E402 (after the sys.path line)

TARGET = 0.25
STATUS_GOAL = 60.0  # seconds for --from-status over 1,000 repositories
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
        command = copier_copy_command(
            template,
            folder / "cli" / repo,
            project_type=entry.id,
            project_name=entry.title,
            author_name=name,
            package_name=package_name(entry.title),
            repo_name=repo,
        )
        subprocess.run(command, check=True, env=env, capture_output=True)
    return time.perf_counter() - started


def time_from_status(folder: Path, repositories: int) -> tuple[float, int, int]:
    """Seconds to read every repository's result, requests made, and results found."""
    import itertools
    import shutil

    from generator.cohort.report import read_class_statuses, resolve_targets
    from generator.github.statuses import describe
    from tests.github_server import FakeGitHub, RepoRecord

    with FakeGitHub(folder / "github") as server:
        server.add_org("bootcamp", members=[server.login])
        server.add_repo("bootcamp", "seed", files={"README.md": "# A project\n"})
        seed = server.bare_path("bootcamp", "seed")
        sha = server.refs("bootcamp", "seed")["refs/heads/main"]
        roster = folder / "statuses.csv"
        roster.write_text(
            "name\n" + "\n".join(f"student {i:04d}" for i in range(repositories)) + "\n", encoding="utf-8"
        )
        students = read_roster(roster)
        ids = itertools.count(10_000)
        for index, student in enumerate(students):  # copies of one bare repository: setup, not measured
            shutil.copytree(seed, server.bare_path("bootcamp", student.repo))
            server.state.repos[("bootcamp", student.repo)] = RepoRecord("bootcamp", student.repo, next(ids))
            if index % 10:
                server.add_status("bootcamp", student.repo, sha, "success", describe(80 + index % 20, "B"))
        targets = resolve_targets(students, org="bootcamp")
        server.state.requests.clear()
        started = time.perf_counter()
        results = read_class_statuses(targets, api_url=server.api_url, token=server.token, write_pause=0)
        elapsed = time.perf_counter() - started
        requests = len(server.state.requests)
    return elapsed, requests, sum(1 for result in results if result.status is not None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=("new", "statuses", "all"), default="all")
    parser.add_argument("--students", type=int, default=100)
    parser.add_argument("--repositories", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-cohort-") as work:
        folder = Path(work)
        if args.part in {"new", "all"}:
            report_new(folder, args.students)
        if args.part in {"statuses", "all"}:
            elapsed, requests, found = time_from_status(folder, args.repositories)
            n = args.repositories
            verdict = "met" if elapsed * 1000 / n <= STATUS_GOAL else "NOT met"
            print(f"repositories:              {n}  ({found} with a portfolio/docs result)")
            print(
                f"cohort check --from-status:{elapsed:8.2f} s  ({elapsed / n * 1000:6.1f} ms/repository, "
                f"{requests} requests)"
            )
            print(f"goal: 1,000 in < {STATUS_GOAL:.0f} s: {verdict}")


def report_new(folder: Path, students: int) -> None:
    cohort = time_cohort(folder, students)
    cli = time_copier_cli(folder, students)
    ratio = cohort / cli
    n = students
    verdict = "met" if ratio <= TARGET else "NOT met"
    print(f"students:                  {n}")
    print(f"portfolio cohort (1 proc): {cohort:8.2f} s  ({cohort / n * 1000:6.1f} ms/student, with commit)")
    print(f"copier copy CLI x {n}:{' ' * (8 - len(str(n)))}{cli:8.2f} s  ({cli / n * 1000:6.1f} ms/student)")
    print(f"ratio cohort / CLI:        {ratio:8.3f}  (target <= {TARGET}: {verdict})")


if __name__ == "__main__":
    main()
