"""Local git work for generated projects: who the author is, and the first commit."""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
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
    name = os.environ.get("GIT_AUTHOR_NAME") or _git_config("user.name")
    email = os.environ.get("GIT_AUTHOR_EMAIL") or _git_config("user.email")
    if not name or not email:
        raise GitError(f"no git author configured: {AUTHOR_HELP}")
    return Author(name, email)


def _git_config(key: str) -> str:
    """Read ``key`` as a new repository would see it: system and global config, not the cwd's repo."""
    try:
        with tempfile.TemporaryDirectory(prefix="portfolio-git-") as outside_any_repo:
            result = subprocess.run(
                ["git", "config", "--get", key],
                cwd=outside_any_repo,
                capture_output=True,
                text=True,
                check=False,
                timeout=10,
            )
    except FileNotFoundError:
        raise GitError("git is not installed (https://git-scm.com/downloads)") from None
    return result.stdout.strip()


def init_and_commit(path: Path, author: Author, message: str) -> str:
    """Make ``path`` a repository on branch ``main`` with everything in one commit; return its sha.

    The identity is passed explicitly, so a missing global git identity never makes this fail
    half-way; the user's global hooks (``core.hooksPath``) and signing settings cannot interfere
    with a commit of generated files. git itself writes the commit (faster than GitPython's
    pure-Python index for a whole tree).
    """
    import git

    identity = {
        "GIT_AUTHOR_NAME": author.name, "GIT_AUTHOR_EMAIL": author.email,
        "GIT_COMMITTER_NAME": author.name, "GIT_COMMITTER_EMAIL": author.email,
    }
    try:
        repo = git.Repo.init(path, initial_branch="main")
        repo.git.add(A=True)
        repo.git.execute(
            ["git", "-c", "commit.gpgsign=false", "commit", "--quiet", "--no-verify", "-m", message],
            env=identity,
        )
        return repo.head.commit.hexsha
    except (git.GitCommandError, OSError, ValueError) as error:
        raise GitError(f"could not create the first commit in {path}: {error}") from error
