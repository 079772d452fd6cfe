"""``portfolio index --publish``: put the index into the learner's profile repository (``USER/USER``).

GitHub shows ``USER/USER``'s README on the user's profile page; its ``index.html`` can be served
by GitHub Pages. Two cases, both through ``publish``'s code so the token handling is the same:

* the repository is missing or empty: the three files are committed in a fresh repository and
  :func:`generator.github.publish.publish_project` creates (or reuses) ``USER/USER`` and pushes it;
* it already has history: it is cloned, only the generated regions of its README.md and
  index.html are replaced (whatever the learner wrote there on GitHub stays), portfolio.json
  is rewritten, and a commit is pushed with :func:`generator.github.remote.push_branch` —
  nothing is committed or pushed when nothing changed.

The token reaches git only through the environment of the calls that need it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator.errors import GitError, UsageError
from generator.index.build import HTML, JSON, README, write_site
from generator.index.model import Portfolio

if TYPE_CHECKING:
    pass

COMMIT_MESSAGE = "Update portfolio index"
CLONE_TIMEOUT = 120


def _ignore(message: str) -> None:
    """Default progress sink."""


@dataclass
class ProfileOptions:
    """How to reach GitHub; the token is looked up like ``portfolio publish`` does when not given."""

    token: str | None = None
    token_env: str | None = None
    api_url: str | None = None
    write_pause: float = 1.0
    progress: Callable[[str], None] = _ignore


@dataclass(frozen=True)
class ProfileResult:
    """The profile repository's web address, whether it was created, and the commit pushed (if any)."""

    url: str
    created: bool
    pushed_commit: str | None


def publish_site(
    portfolio: Portfolio, out_dir: Path, user: str | None, options: ProfileOptions
) -> ProfileResult:
    """Publish the index written in ``out_dir`` to ``USER/USER`` (USER = the token's login)."""
    from generator.github import api as github_api
    from generator.github.plan import PublishOptions
    from generator.github.publish import publish_project

    token = options.token or github_api.resolve_token(options.token_env)
    api = github_api.api_url(options.api_url)
    gh = github_api.client(token, api, write_pause=options.write_pause)
    with github_api.api_errors("checking the token", token, api):
        login = gh.get_user().login
    if user and user.lower() != login.lower():
        raise UsageError(f"--publish writes to the token's own profile repository ({login}/{login}); "
                         f"the token belongs to {login}, not {user}")
    full_name = f"{login}/{login}"
    from generator.github.publish import get_repository

    remote = get_repository(gh, full_name, token, api)
    with tempfile.TemporaryDirectory(prefix="portfolio-profile-") as temporary:
        work = Path(temporary) / login
        if remote is None or not _has_history(remote.clone_url, token):
            work.mkdir()
            for name in (README, HTML, JSON):
                shutil.copy2(out_dir / name, work / name)
            _commit(work, initial=True)
            options.progress(f"publishing the index to {full_name}")
            result = publish_project(work, PublishOptions(
                name=login, token=token, api_url=api, write_pause=options.write_pause, client=gh,
                progress=options.progress,
            ))
            return ProfileResult(result.url, result.created, result.pushed_commit)
        options.progress(f"updating the index in {full_name}")
        _clone(remote.clone_url, work, token)
        if not write_site(portfolio, work).changed:
            options.progress(f"{full_name} is already up to date")
            return ProfileResult(remote.html_url, False, None)
        branch = _commit(work, initial=False)
        from git import Repo

        from generator.github import remote as git_remote
        with Repo(work) as repo:
            commit = git_remote.push_branch(repo, remote.clone_url, token, branch)
        return ProfileResult(remote.html_url, False, commit)



def _git(
    args: list[str], cwd: Path | None = None, auth: tuple[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run git; ``auth`` = ``(token, url)`` sends the token to that URL only, as publish does."""
    from generator.github import remote as git_remote
    env = {**os.environ, **(git_remote.auth_env(*auth) if auth else {})}
    try:
        return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True,
                              timeout=CLONE_TIMEOUT, stdin=subprocess.DEVNULL, check=False)
    except (OSError, subprocess.SubprocessError) as error:
        raise GitError(f"git {args[0]} failed ({type(error).__name__})") from None


def _has_history(clone_url: str, token: str) -> bool:
    result = _git(["ls-remote", "--heads", clone_url], auth=(token, clone_url))
    if result.returncode != 0:
        raise GitError(f"cannot read {clone_url}: {_reason(result, token)}")
    return bool(result.stdout.strip())


def _clone(clone_url: str, destination: Path, token: str) -> None:
    result = _git(["clone", "--quiet", "--", clone_url, str(destination)], auth=(token, clone_url))
    if result.returncode != 0:
        raise GitError(f"cannot clone {clone_url}: {_reason(result, token)}")


def _commit(work: Path, *, initial: bool) -> str:
    """Commit everything in ``work`` (a new repository on ``main`` when ``initial``); return the branch."""
    from generator.vcs import commit_changes, git_run, init_and_commit, resolve_author

    author = resolve_author()
    if initial:
        init_and_commit(work, author, COMMIT_MESSAGE)
        return "main"
    commit_changes(work, COMMIT_MESSAGE, author)
    return git_run(["rev-parse", "--abbrev-ref", "HEAD"], cwd=work)


def _reason(result: subprocess.CompletedProcess[str], token: str) -> str:
    from generator.github.api import scrub

    lines = [line for line in result.stderr.strip().splitlines() if line.strip()]
    reason = lines[-1].removeprefix("fatal: ") if lines else f"git exited with {result.returncode}"
    return scrub(reason, token)
