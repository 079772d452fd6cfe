"""Local git work: who the author is, the first commit of a project, and running git itself."""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
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
            "GIT_AUTHOR_NAME": self.name,
            "GIT_AUTHOR_EMAIL": self.email,
            "GIT_COMMITTER_NAME": self.name,
            "GIT_COMMITTER_EMAIL": self.email,
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
                cwd=outside_any_repo,
                capture_output=True,
                text=True,
                check=False,
                timeout=10,
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


def committed_bytes(repo: Path, name: str) -> bytes:
    """The bytes of ``name`` as committed at ``HEAD`` (empty when it is not there)."""
    safety = [part for key, value in SAFE_CONFIG for part in ("-c", f"{key}={value}")]
    result = subprocess.run(
        ["git", *safety, "-C", str(repo), "show", f"HEAD:{name}"],
        capture_output=True,
        check=False,
        timeout=LOCAL_TIMEOUT,
    )
    return result.stdout if result.returncode == 0 else b""


GIT_MISSING = "git is not installed (https://git-scm.com/downloads)"
# Repository-local settings that make git run a program of the repository's choosing. A project's
# .git/config is not ours to trust (a template, a clone, a classmate's zip may have written it),
# so every git command we run, and copier's and GitPython's inside :func:`safe_git_environment`,
# overrides them: no file-system monitor, no hooks.
SAFE_CONFIG: tuple[tuple[str, str], ...] = (("core.fsmonitor", "false"), ("core.hooksPath", os.devnull))
LOCAL_TIMEOUT = 120  # seconds: local git work on a project never takes longer; a hang becomes an error
NETWORK_TIMEOUT_ENV = "PORTFOLIO_NETWORK_TIMEOUT"
DEFAULT_NETWORK_TIMEOUT = 60.0


def network_timeout() -> float:
    """Seconds a network step may stall (git transfer below 1 kB/s, an API request) before it fails.

    ``$PORTFOLIO_NETWORK_TIMEOUT`` changes it (tests use a second or two; a slow link may want more).
    A whole push or API call with its retries is bounded by a small multiple of it.
    """
    raw = os.environ.get(NETWORK_TIMEOUT_ENV, "").strip()
    try:
        value = float(raw) if raw else DEFAULT_NETWORK_TIMEOUT
    except ValueError:
        value = DEFAULT_NETWORK_TIMEOUT
    return value if value > 0 else DEFAULT_NETWORK_TIMEOUT


def config_environment(pairs: Sequence[tuple[str, str]]) -> dict[str, str]:
    """Environment variables giving git ``pairs`` as command-line-level config (beats every file).

    The pairs are applied after :data:`SAFE_CONFIG` and the network bounds (a transfer slower
    than 1 kB/s for :func:`network_timeout` seconds is abandoned instead of hanging), so callers
    add settings, never remove those.
    """
    bounds = (("http.lowSpeedLimit", "1000"), ("http.lowSpeedTime", str(max(1, round(network_timeout())))))
    everything = [*SAFE_CONFIG, *bounds, *pairs]
    env = {"GIT_CONFIG_COUNT": str(len(everything))}
    for index, (key, value) in enumerate(everything):
        env[f"GIT_CONFIG_KEY_{index}"] = key
        env[f"GIT_CONFIG_VALUE_{index}"] = value
    return env


@contextmanager
def safe_git_environment() -> Iterator[None]:
    """Run the block with :data:`SAFE_CONFIG` and the network bounds in force for every git process
    started (copier, GitPython, a catalog clone)."""
    added = config_environment(())
    saved = {name: os.environ.get(name) for name in added}
    os.environ.update(added)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def git_run(args: Iterable[str], *, cwd: Path | None = None, env: dict[str, str] | None = None) -> str:
    """Run git and return stdout; failures become :class:`GitError` with git's own message.

    :data:`SAFE_CONFIG` is always in force: no repository can make our git run its programs.
    """
    safety = [part for key, value in SAFE_CONFIG for part in ("-c", f"{key}={value}")]
    command = ["git", *safety, *args]
    try:
        result = subprocess.run(
            command,
            cwd=cwd,
            env={**os.environ, **(env or {})},
            capture_output=True,
            text=True,
            check=False,
            timeout=LOCAL_TIMEOUT,
        )
    except FileNotFoundError:
        raise GitError(GIT_MISSING) from None
    except subprocess.TimeoutExpired:
        raise GitError(f"git {' '.join(map(str, args))[:80]} did not finish within {LOCAL_TIMEOUT} s") from None
    if result.returncode != 0:
        detail = " ".join((result.stderr or result.stdout).split())[:300]
        raise GitError(f"git {' '.join(command[1 + len(safety) : 3 + len(safety)])} failed: {detail}")
    return result.stdout.strip()
