"""Builders shared by the tests: file trees, git repositories, and running the CLI.

Tests use real parts (real copier renders, real git); these helpers only make the set-up short.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from typer.testing import CliRunner

from generator.cli.app import app

# One BLAS/OpenMP thread per process, and joblib's n_jobs=-1 (the generated random forests) counting one
# CPU: two test workers training side by side on a 2-core runner must not oversubscribe it.
ONE_THREAD = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "LOKY_MAX_CPU_COUNT")

GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "Test Author",
    "GIT_AUTHOR_EMAIL": "test@example.com",
    "GIT_COMMITTER_NAME": "Test Author",
    "GIT_COMMITTER_EMAIL": "test@example.com",
}
AUTHOR = "Ada Learner <ada@example.com>"


def build_tree(root: Path, files: Mapping[str, str | bytes]) -> Path:
    """Write ``{relative path: content}`` below ``root`` and return ``root``."""
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def git(cwd: Path, *args: str) -> str:
    """Run git with a fixed identity; return its stdout (raises on failure)."""
    env = {**os.environ, **GIT_IDENTITY}
    result = subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True)
    return result.stdout.strip()


def git_init_commit(root: Path, message: str = "initial", tag: str | None = None) -> Path:
    """Make ``root`` a git repository on ``main`` with everything committed (and tagged)."""
    if not (root / ".git").exists():
        git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message, "--allow-empty")
    if tag:
        git(root, "tag", tag)
    return root


def run_cli(args: Sequence[str], input: str | None = None, env: Mapping[str, str] | None = None):
    """Invoke the app in-process (fast); returns click's Result with stdout/stderr apart."""
    return CliRunner().invoke(app, list(args), input=input, env=dict(env or {}))


def run_portfolio(
    args: Sequence[str],
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
    timeout: float = 300,
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m generator`` in a subprocess, exactly as a user's shell would."""
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
    )
