"""The bad-input corpus's harness: one case = one command line against a prepared workspace.

Every case asserts the same five promises (issue 13): the exit code; exactly one line on stderr;
no traceback (in the output or as an escaped exception); nothing written outside the project
(the workspace is compared file by file, only the paths a case declares may change); and the
GitHub token nowhere (output, workspace, ``.git/``, caches, status files).
"""

from __future__ import annotations

import base64
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.helpers import build_tree, run_cli

TOKEN = "ghp_corpusSECRET0123456789abcdefABCDEF"
AUTHOR = "Ada Learner <ada@example.com>"
MINI_ENTRY = (
    'title = "Mini"\nsummary = "A tiny template."\nlevel = "foundational"\nskills = ["pandas"]\n'
    'topics = ["bootcamp"]\ndataset = {{ name = "D", source = "S", licence = "CC0" }}\n'
    'metrics = [{metrics}]\ntemplate = {{ engine = "copier", path = "templates/mini" }}\n'
)
MINI_FILES = {
    "project_catalog/mini.toml": 'id = "mini"\n' + MINI_ENTRY.format(metrics='"accuracy"'),
    "project_catalog/mini-reg.toml": 'id = "mini-reg"\n' + MINI_ENTRY.format(metrics='"mae"'),
    "templates/mini/copier.yml": (
        "project_name:\n  type: str\n  help: Name\n  default: Mini\n"
        "description:\n  type: str\n  default: Tiny.\n"
        "python_version:\n  type: str\n  default: '3.11'\n"
        "flavour:\n  type: str\n  default: plain\n  choices: [plain, fancy]\n"
    ),
    "templates/mini/README.md.jinja": (  # the five sections: no documentation layer notice on success
        "# {{ project_name }}\n\n{{ description }}\n\n## Problem\n\nP.\n\n## Data\n\nD.\n\n## Method\n\nM.\n\n"
        "## Metrics\n\n<!-- portfolio:metrics:start -->\n<!-- portfolio:metrics:end -->\n\n## Outcome\n\nO.\n"
    ),
    "templates/mini/{{ _copier_conf.answers_file }}.jinja": (
        "# Changes here will be overwritten by Copier\n{{ _copier_answers|to_nice_yaml -}}\n"
    ),
}


@dataclass
class Workspace:
    """Where a case runs: ``ws`` (its files), the mini catalog, HOME, and the environment."""

    root: Path
    home: Path
    env: dict[str, str] = field(default_factory=dict)

    @property
    def ws(self) -> Path:
        return self.root / "ws"

    @property
    def catalog(self) -> Path:
        return self.root / "catalog"

    def write(self, relative: str, content: str | bytes) -> Path:
        build_tree(self.ws, {relative: content})
        return self.ws / relative

    def path(self, relative: str) -> str:
        return str(self.ws / relative)


@dataclass(frozen=True)
class Case:
    """One bad input: how to arrange it, the command, and what the user must see."""

    id: str
    argv: Callable[[Workspace], list[str]]
    code: int
    expect: str  # a fragment of the one stderr line (case-insensitive)
    setup: Callable[[Workspace], Any] | None = None
    writes: tuple[str, ...] = ()  # workspace paths (prefixes) the command may change
    lines: int | None = 1  # stderr lines: 1 for an error, notices before it counted; None: progress, not counted

    error_line: bool = True  # False: a report (index, catalog validate) whose exit code is the verdict

    def __str__(self) -> str:
        return self.id


def make_workspace(root: Path, home: Path) -> Workspace:
    workspace = Workspace(root, home, {"GITHUB_TOKEN": TOKEN, "PORTFOLIO_NETWORK_TIMEOUT": "1"})
    workspace.ws.mkdir(parents=True)
    build_tree(workspace.catalog, MINI_FILES)
    return workspace


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """``{path: (size, mtime_ns)}`` of every file below ``root``, folders as ``(0, 0)`` (links not followed).

    A folder's own time changes whenever git takes a lock file in it; what is in it is what counts.
    """
    result = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs:
            result[Path(folder, name).relative_to(root).as_posix()] = (0, 0)
        for name in files:
            info = Path(folder, name).lstat()
            result[Path(folder, name).relative_to(root).as_posix()] = (info.st_size, info.st_mtime_ns)
    return result


def run_case(case: Case, workspace: Workspace) -> Any:
    """Arrange, run, and check the five promises; returns the click result for extra checks."""
    if case.setup is not None:
        case.setup(workspace)
    before = snapshot(workspace.ws)
    started = time.monotonic()
    result = run_cli(case.argv(workspace), env=workspace.env)
    elapsed = time.monotonic() - started
    output = result.stdout + result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in output, output
    assert result.exit_code == case.code, output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert case.lines is None or len(lines) == case.lines, result.stderr
    if case.code != 0 and case.lines is None and case.error_line:  # after progress, the failure is one line
        assert sum(line.startswith(("error:", "Error:")) for line in lines) == 1, result.stderr
    assert case.expect.lower() in result.stderr.lower(), result.stderr
    assert elapsed < 30, f"took {elapsed:.1f} s: a hang"
    changed = changes(before, snapshot(workspace.ws))
    outside = [path for path in changed if not path.startswith(case.writes or ("\0",))]
    assert outside == [], f"written outside the project: {outside}"
    assert_no_token(output, workspace.root, workspace.home)
    return result


def changes(before: dict[str, tuple[int, int]], after: dict[str, tuple[int, int]]) -> list[str]:
    return sorted(path for path in before.keys() | after.keys() if before.get(path) != after.get(path))


def token_forms(token: str = TOKEN) -> list[bytes]:
    forms = [token.encode()]
    forms += [base64.b64encode(f"{user}:{token}".encode()) for user in ("x-access-token", "x", "token", "")]
    return forms


def assert_no_token(output: str, *roots: Path) -> None:
    forms = token_forms()
    assert not any(form.decode() in output for form in forms), "token in the output"
    for path in every_file(*roots):
        data = path.read_bytes()
        assert not any(form in data for form in forms), f"token in {path}"


def every_file(*roots: Path) -> Iterator[Path]:
    for root in roots:
        for folder, _dirs, files in os.walk(root):
            for name in files:
                path = Path(folder, name)
                if path.is_file() and not path.is_symlink():
                    yield path
