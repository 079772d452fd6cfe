"""The generated README's Reproduce steps, run as written in a fresh virtual environment, end with a
README that shows the run's metrics and a notebook that ran on the trained model without changing it.

One type (regression, the quickest to train) keeps the time bounded. Nothing is downloaded: the new
environment sees this test run's packages through a ``.pth`` file, and pip, told by its environment
variables to use no index, installs only the project itself (its build backend, hatchling with
editables, comes from the same place: the test extra).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from generator.scaffold.sync import format_value
from tests.generated import (
    PROJECT_PYTEST_PLUGINS_OFF,
    assert_notebook_ran_without_training,
    assert_notebook_shows_the_explanation,
    outputs_digest,
    rendered_copy,
)

pytestmark = pytest.mark.slow

# The type whose README is followed; its Reproduce block runs the project's own tests too, so
# test_generated_projects leaves this type out of its own-tests check.
TYPE = "regression"


def reproduce_commands(readme: str) -> list[str]:
    """The shell lines of the README's Reproduce block, comments dropped."""
    block = re.search(r"^## Reproduce\n\n```bash\n(.*?)^```", readme, flags=re.MULTILINE | re.DOTALL)
    assert block, "no Reproduce block"
    return [re.sub(r"\s+#.*$", "", line) for line in block.group(1).splitlines() if line.strip()]


def offline_venv(project: Path) -> None:
    """Create ``.venv`` as the README's first step will, seeing this run's site-packages."""
    subprocess.run([sys.executable, "-m", "venv", str(project / ".venv")], check=True, timeout=300)
    purelib = Path(
        sysconfig.get_path("purelib", vars={"base": str(project / ".venv"), "platbase": str(project / ".venv")})
    )
    (purelib / "test-environment.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")


def test_the_readme_reproduce_steps_work_as_written(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory):
    project = rendered_copy(TYPE, tmp_path / "project", tmp_path_factory)
    readme = (project.path / "README.md").read_text(encoding="utf-8")
    commands = reproduce_commands(readme)
    assert commands[0].startswith("python -m venv .venv && . .venv/bin/activate")
    assert not any("portfolio" in command for command in commands)  # not installed in the learner's venv
    offline_venv(project.path)
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "PIP_NO_INDEX": "1",  # no network: everything the project needs is already there
        "PIP_NO_DEPS": "1",
        "PIP_NO_BUILD_ISOLATION": "0",  # pip reads "0" as "build without isolation"
        "MPLBACKEND": "Agg",
        # the learner's venv has none of this run's pytest plugins; the .pth shows them to this one
        "PYTEST_ADDOPTS": " ".join(PROJECT_PYTEST_PLUGINS_OFF),
    }
    env.pop("PYTHONPATH", None)
    *steps, run_notebooks = commands
    assert run_notebooks.startswith("jupyter execute")
    run_in_shell(steps, project.path, env)
    trained = outputs_digest(project)
    # the same shell state for the last step: the first line activated the virtual environment
    run_in_shell([". .venv/bin/activate", run_notebooks], project.path, env)

    written = (project.path / "README.md").read_text(encoding="utf-8")
    metrics = project.metrics()
    intervals = json.loads((project.path / "reports" / "metrics_intervals.json").read_text(encoding="utf-8"))
    for name, value in metrics.items():
        low, high = intervals[name]
        assert f"| {format_value(value)} | {format_value(low)} \N{EN DASH} {format_value(high)} |" in written
    assert re.search(r"^\*\*Key result:\*\* .*\d\.\d{4}", written, flags=re.MULTILINE)
    assert "make train`" not in written
    # the notebook checks test_generated_projects makes for the other types
    import nbformat

    executed = nbformat.read(project.path / "notebooks" / f"01-{TYPE}.ipynb", as_version=4)
    assert_notebook_ran_without_training(executed)
    assert outputs_digest(project) == trained  # models/ and reports/ byte for byte
    assert_notebook_shows_the_explanation(executed, project)


def run_in_shell(lines: list[str], cwd: Path, env: dict[str, str]) -> None:
    """Run README lines in one bash, stopping at the first failure; fails the test with the output."""
    result = subprocess.run(
        ["bash", "-c", "set -euo pipefail\n" + "\n".join(lines)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=1500,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
