"""How long does publishing take, and what do the pacing and our checks cost?

Runs against the loopback GitHub stand-in from the test suite (REST API + ``git http-backend``),
so it needs no network and no token. Prints medians and ratios:

* ``git push`` alone (the floor: what any publish must at least do);
* ``publish_project`` with ``write_pause=0`` (our API calls, checks and the push);
* ``publish_project`` with the default pacing (what a real GitHub publish waits, by design);
* a re-run on an already published project (the idempotent path: no create, no push).

Usage: ``python benchmarks/bench_publish.py [--runs N]``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generator.github.api import DEFAULT_WRITE_PAUSE
from generator.github.plan import PublishOptions
from generator.github.publish import publish_project
from generator.github.remote import auth_env
from tests.github_server import FakeGitHub

IDENTITY = {
    "GIT_AUTHOR_NAME": "Bench",
    "GIT_AUTHOR_EMAIL": "bench@example.com",
    "GIT_COMMITTER_NAME": "Bench",
    "GIT_COMMITTER_EMAIL": "bench@example.com",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def make_project(root: Path, name: str) -> Path:
    """A repository with a README and ~50 small files in one commit."""
    project = root / name
    (project / "src").mkdir(parents=True)
    (project / "README.md").write_text(f"# {name}\n\nA benchmark project.\n", encoding="utf-8")
    for number in range(50):
        (project / "src" / f"module_{number}.py").write_text(f"VALUE = {number}\n" * 20, encoding="utf-8")
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "First version"]):
        subprocess.run(["git", *args], cwd=project, check=True, env={**os.environ, **IDENTITY})
    return project


def median_seconds(runs: int, setup: Callable[[int], object], action: Callable[[object], object]) -> float:
    times = []
    for number in range(runs):
        state = setup(number)
        started = time.perf_counter()
        action(state)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    os.environ.update(IDENTITY)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        with FakeGitHub(root / "github") as hub:

            def options(pause: float) -> PublishOptions:
                return PublishOptions(token=hub.token, api_url=hub.api_url, write_pause=pause)

            def fresh(prefix: str) -> Callable[[int], object]:
                return lambda number: make_project(root, f"{prefix}-{number}")

            def project_and_remote(number: int) -> Path:
                project = make_project(root, f"push-{number}")
                hub.create_repo_record(hub.login, project.name)
                return project

            def plain_push(project: object) -> None:
                assert isinstance(project, Path)
                url = hub.clone_url(hub.login, project.name)
                subprocess.run(
                    ["git", "push", "-q", url, "main:main"],
                    cwd=project,
                    check=True,
                    env={**os.environ, **auth_env(hub.token, url)},
                )

            push = median_seconds(runs, project_and_remote, plain_push)
            fast = median_seconds(runs, fresh("fast"), lambda p: publish_project(Path(str(p)), options(0)))
            paced = median_seconds(
                max(1, runs // 2),
                fresh("paced"),
                lambda p: publish_project(Path(str(p)), options(DEFAULT_WRITE_PAUSE)),
            )
            done = make_project(root, "rerun")
            publish_project(done, options(0))
            rerun = median_seconds(runs, lambda _: done, lambda p: publish_project(Path(str(p)), options(0)))

    print(f"runs: {runs} (median seconds; loopback GitHub, 51-file project)")
    print(f"git push alone (repo pre-created):       {push:7.3f} s")
    print(f"publish, write pause 0:                  {fast:7.3f} s   ratio to git push: {fast / push:5.2f}x")
    print(
        f"publish, default pacing ({DEFAULT_WRITE_PAUSE:.1f} s writes): {paced:7.3f} s   "
        f"ratio to unpaced: {paced / fast:5.2f}x"
    )
    print(f"re-run on a published project:           {rerun:7.3f} s   ratio to first publish: {rerun / fast:5.2f}x")


if __name__ == "__main__":
    main()
