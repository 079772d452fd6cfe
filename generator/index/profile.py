"""``portfolio index --publish``: put the public index into a GitHub repository, token-safely.

Two destinations share one engine (:func:`push_destination`): the profile repository
``USER/USER`` (README.md and index.html; GitHub shows its README on the user's profile) and
GitHub Pages (:mod:`generator.index.pages`). Both go through ``publish``'s code so the token
handling is the same:

* the repository is missing: the files are committed in a fresh repository and
  :func:`generator.github.publish.publish_project` creates it and pushes;
* the branch is missing (an empty repository, or no ``gh-pages`` yet): a fresh branch holding
  only the files is pushed with :func:`generator.github.remote.push_branch`;
* the branch exists: it is cloned, only the generated regions are replaced (whatever the learner
  wrote around them on GitHub stays), and one commit is pushed — nothing is committed or pushed
  when nothing changed.

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

from generator.errors import GitError, GitHubError, UsageError
from generator.index.build import HTML, README, write_page, write_readme
from generator.index.model import Portfolio

if TYPE_CHECKING:
    from github import Github

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
    """The repository's web address, whether it was created, and the commit pushed (if any)."""

    url: str
    created: bool
    pushed_commit: str | None


@dataclass(frozen=True)
class Session:
    """One authenticated client and the login the token belongs to."""

    gh: Github
    token: str
    api: str
    login: str


@dataclass(frozen=True)
class Destination:
    """Where the files go: ``name`` under the token's login, on ``branch`` (None: the default one)."""

    name: str
    branch: str | None
    files: tuple[str, ...]  # copied from the output folder into a fresh branch
    update: Callable[[Path], bool]  # replaces the generated regions in a checkout; whether it changed
    create: bool  # create the repository when it is missing


def connect(options: ProfileOptions, user: str | None = None) -> Session:
    """Check the token (and that ``user``, when given, is its owner) before anything is written."""
    from generator.github import api as github_api

    token = options.token or github_api.resolve_token(options.token_env)
    api = github_api.api_url(options.api_url)
    gh = github_api.client(token, api, write_pause=options.write_pause)
    with github_api.api_errors("checking the token", token, api):
        login = gh.get_user().login
    if user and user.lower() != login.lower():
        raise UsageError(
            f"--publish writes to the token's own profile repository ({login}/{login}); "
            f"the token belongs to {login}, not {user}"
        )
    return Session(gh, token, api, login)


def publish_site(
    portfolio: Portfolio,
    out_dir: Path,
    user: str | None,
    options: ProfileOptions,
    session: Session | None = None,
    *,
    include_all: bool = False,
) -> ProfileResult:
    """Publish the public README and page written in ``out_dir`` to ``USER/USER``."""
    session = session or connect(options, user)
    public, _ = portfolio.public(include_all=include_all)
    destination = Destination(
        name=session.login,
        branch=None,
        files=(README, HTML),
        create=True,
        update=lambda work: write_readme(public, work) | write_page(public, work),
    )
    return push_destination(session, destination, out_dir, options)


def push_destination(
    session: Session, destination: Destination, out_dir: Path, options: ProfileOptions
) -> ProfileResult:
    """Create, start or update ``destination`` with one commit; push nothing when nothing changed."""
    from generator.github.plan import PublishOptions
    from generator.github.publish import get_repository, publish_project

    full_name = f"{session.login}/{destination.name}"
    remote = get_repository(session.gh, full_name, session.token, session.api)
    with tempfile.TemporaryDirectory(prefix="portfolio-site-") as temporary:
        work = Path(temporary) / destination.name
        if remote is None:
            if not destination.create:
                raise GitHubError(
                    f"{full_name} does not exist on {session.api}; create it first "
                    "or leave out --pages-repo to publish to your own .github.io site",
                    404,
                )
            _fresh(work, out_dir, destination, "main")
            options.progress(f"publishing the index to {full_name}")
            result = publish_project(
                work,
                PublishOptions(
                    name=destination.name,
                    token=session.token,
                    api_url=session.api,
                    write_pause=options.write_pause,
                    client=session.gh,
                    progress=options.progress,
                ),
            )
            return ProfileResult(result.url, result.created, result.pushed_commit)
        branch = destination.branch or remote.default_branch or "main"
        heads = _heads(remote.clone_url, session.token)
        if f"refs/heads/{branch}" in heads:
            options.progress(f"updating the index in {full_name} ({branch})")
            _clone(remote.clone_url, work, session.token, branch)
            if not destination.update(work):
                options.progress(f"{full_name} ({branch}) is already up to date")
                return ProfileResult(remote.html_url, False, None)
            _commit(work, initial=False)
        else:
            options.progress(f"starting branch {branch} of {full_name}")
            _fresh(work, out_dir, destination, branch)
        from git import Repo

        from generator.github import remote as git_remote

        with Repo(work) as repo:
            commit = git_remote.push_branch(repo, remote.clone_url, session.token, branch)
        return ProfileResult(remote.html_url, False, commit)


def _fresh(work: Path, out_dir: Path, destination: Destination, branch: str) -> None:
    """A new repository on ``branch`` holding the files as written in ``out_dir`` (the learner's text too)."""
    work.mkdir()
    for name in destination.files:
        shutil.copy2(out_dir / name, work / name)
    _commit(work, initial=True, branch=branch)


def _git(
    args: list[str], cwd: Path | None = None, auth: tuple[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run git; ``auth`` = ``(token, url)`` sends the token to that URL only, as publish does."""
    from generator.github import remote as git_remote

    env = {**os.environ, **(git_remote.auth_env(*auth) if auth else {})}
    try:
        return subprocess.run(
            ["git", *args],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=CLONE_TIMEOUT,
            stdin=subprocess.DEVNULL,
            check=False,
        )
    except (OSError, subprocess.SubprocessError) as error:
        raise GitError(f"git {args[0]} failed ({type(error).__name__})") from None


def _heads(clone_url: str, token: str) -> set[str]:
    result = _git(["ls-remote", "--heads", clone_url], auth=(token, clone_url))
    if result.returncode != 0:
        raise GitError(f"cannot read {clone_url}: {_reason(result, token)}")
    return {line.partition("\t")[2] for line in result.stdout.splitlines() if "\t" in line}


def _clone(clone_url: str, destination: Path, token: str, branch: str) -> None:
    result = _git(
        ["clone", "--quiet", "--single-branch", "--branch", branch, "--", clone_url, str(destination)],
        auth=(token, clone_url),
    )
    if result.returncode != 0:
        raise GitError(f"cannot clone {clone_url}: {_reason(result, token)}")


def _commit(work: Path, *, initial: bool, branch: str = "main") -> None:
    """Commit everything in ``work`` (a new repository on ``branch`` when ``initial``)."""
    from generator.vcs import commit_changes, git_run, init_and_commit, resolve_author

    author = resolve_author()
    if initial:
        init_and_commit(work, author, COMMIT_MESSAGE)
        if branch != "main":
            git_run(["branch", "-M", branch], cwd=work)
        return
    commit_changes(work, COMMIT_MESSAGE, author)


def _reason(result: subprocess.CompletedProcess[str], token: str) -> str:
    from generator.github.api import scrub

    lines = [line for line in result.stderr.strip().splitlines() if line.strip()]
    reason = lines[-1].removeprefix("fatal: ") if lines else f"git exited with {result.returncode}"
    return scrub(reason, token)
