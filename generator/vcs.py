"""Local git work: who the author is, the first commit of a project, and running git itself."""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from generator.errors import GitError

_AUTHOR_PATTERN = re.compile(r"^\s*(?P<name>[^<>]+?)\s*<(?P<email>[^<>\s]+@[^<>\s]+)>\s*$")
AUTHOR_HELP = (
    'set one with `git config --global user.name "Your Name"` and '
    '`git config --global user.email you@example.com`, or pass --author "Name <email>"'
)


@dataclass(frozen=True)
class Author:
    """A git identity."""

    name: str
    email: str

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"

    def environment(self) -> dict[str, str]:
        """The variables that make git record this identity as both author and committer."""
        return {
            "GIT_AUTHOR_NAME": self.name, "GIT_AUTHOR_EMAIL": self.email,
            "GIT_COMMITTER_NAME": self.name, "GIT_COMMITTER_EMAIL": self.email,
        }


def parse_author(text: str) -> Author:
    """Parse ``"Name <email>"``."""
    match = _AUTHOR_PATTERN.match(text)
    if not match:
        raise GitError(f'invalid --author {text!r}: expected "Name <email@example.com>"')
    return Author(match["name"], match["email"])


def resolve_author(explicit: str | None = None) -> Author:
    """The author for the first commit: ``--author`` if given, else git's configured identity."""
    if explicit:
        return parse_author(explicit)
    configured = configured_author()
    if configured is None:
        raise GitError(f"no git author configured: {AUTHOR_HELP}")
    return configured


def configured_author() -> Author | None:
    """Git's identity (``GIT_AUTHOR_*``, then ``user.name``/``user.email``), or None if it has none."""
    configured = _git_identity()
    name = os.environ.get("GIT_AUTHOR_NAME") or configured.get("user.name")
    email = os.environ.get("GIT_AUTHOR_EMAIL") or configured.get("user.email")
    return Author(name, email) if name and email else None


def _git_identity() -> dict[str, str]:
    """``user.name`` and ``user.email`` as a new repository would see them.

    Read from the system and global config, not from the repository the command happens to run in.
    """
    with tempfile.TemporaryDirectory(prefix="portfolio-git-") as outside_any_repo:
        try:
            result = subprocess.run(
                ["git", "config", "--get-regexp", r"^user\.(name|email)$"],
                cwd=outside_any_repo, capture_output=True, text=True, check=False, timeout=10,
            )
        except FileNotFoundError:
            raise GitError(GIT_MISSING) from None
    pairs = (line.split(" ", 1) for line in result.stdout.splitlines() if " " in line)
    return {key.lower(): value.strip() for key, value in pairs}


def init_and_commit(path: Path, author: Author, message: str) -> str:
    """Make ``path`` a repository on branch ``main`` with everything in one commit; return its sha.

    The identity is passed explicitly, so a missing global git identity never makes this fail
    half-way; the user's hooks and signing settings cannot interfere with a commit of generated
    files. git itself does the work, as for a commit by hand: GitPython's import alone would
    cost more than the three commands.
    """
    try:
        git_run(["init", "--quiet", "--initial-branch=main"], cwd=path)
        git_run(["add", "--all"], cwd=path)
        git_run(
            ["commit", "--quiet", "--no-verify", "--no-gpg-sign", "-m", message], cwd=path, env=author.environment()
        )
        return git_run(["rev-parse", "HEAD"], cwd=path)
    except GitError as error:
        raise GitError(f"could not create the first commit in {path}: {error}") from error


def commit_changes(path: Path, message: str, author: Author | None = None) -> str | None:
    """Stage everything in the repository at ``path`` and commit it; the new sha, or None if nothing changed.

    Without ``author`` git's configured identity is used. Hooks are skipped (the commit is the
    tool's own); signing follows the user's settings, as it is their history.
    """
    git_run(["add", "--all"], cwd=path)
    if not git_run(["status", "--porcelain"], cwd=path):
        return None
    git_run(["commit", "--quiet", "--no-verify", "-m", message], cwd=path, env=author.environment() if author else None)
    return git_run(["rev-parse", "HEAD"], cwd=path)


GIT_MISSING = "git is not installed (https://git-scm.com/downloads)"


def git_run(args: Iterable[str], *, cwd: Path | None = None, env: dict[str, str] | None = None) -> str:
    """Run git and return stdout; failures become :class:`GitError` with git's own message."""
    command = ["git", *args]
    try:
        result = subprocess.run(
            command, cwd=cwd, env={**os.environ, **(env or {})}, capture_output=True, text=True, check=False
        )
    except FileNotFoundError:
        raise GitError(GIT_MISSING) from None
    if result.returncode != 0:
        detail = " ".join((result.stderr or result.stdout).split())[:300]
        raise GitError(f"git {' '.join(command[1:3])} failed: {detail}")
    return result.stdout.strip()
