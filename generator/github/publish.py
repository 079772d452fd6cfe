"""Publish a local git repository to GitHub: create the repository, set its topics, push.

The steps run in the order that keeps every failure recoverable by running the same command
again: all local checks first (nothing remote is touched if the project is not publishable),
then the repository is created (or an empty one left by an earlier failed run is reused), then
the branch is pushed, and only once the remote confirmed the push are ``origin`` and the
upstream written locally. A repository that already holds history which is not this
project's is never written to.

:func:`plan_publish` is the local half (also the ``--dry-run`` output); :func:`publish_project`
does the rest. Cohorts call :func:`publish_project` many times with one shared client.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.errors import GitError, GitHubError, PushError, RepositoryExistsError
from generator.github import api as github_api
from generator.github.plan import PublishOptions, PublishPlan, PublishResult, open_repository, plan_publish

if TYPE_CHECKING:
    from git import Repo
    from github import Github
    from github.Repository import Repository


def publish_project(path: Path, options: PublishOptions) -> PublishResult:
    """Create (or reuse) the GitHub repository for ``path`` and push its current branch.

    Every git process (GitPython's too) runs with :data:`generator.vcs.SAFE_CONFIG`: the project's
    own ``.git/config`` cannot make ``git status`` or ``git push`` run a program.
    """
    from generator.vcs import safe_git_environment

    with safe_git_environment():
        return _publish(path, options)


def _publish(path: Path, options: PublishOptions) -> PublishResult:
    from generator.github import remote as git_remote

    plan = plan_publish(path, options)
    with open_repository(plan.path) as repo:
        api = plan.api_url
        token = options.token or github_api.resolve_token(options.token_env, api)
        gh = options.client or github_api.client(token, api, write_pause=options.write_pause)
        account, owner = _owner(gh, plan, token)
        full_name = f"{owner}/{plan.name}"
        _check_origin(repo, owner, plan.name)
        plan = _point_colab_links(plan, owner, options)

        remote, created = _ensure_repository(gh, account, plan, full_name, token, options)
        refs = git_remote.remote_refs(repo, remote.clone_url, token)
        foreign = [ref for ref, commit in refs.items() if not _is_ancestor(repo, commit, plan.commit)]
        if foreign:
            raise RepositoryExistsError(
                f"{full_name} already exists with history that is not this project's ({foreign[0]}); "
                "nothing was changed: choose another name with --name or empty that repository"
            )

        if plan.topics and list(remote.topics or []) != list(plan.topics):
            options.progress(f"Setting topics: {', '.join(plan.topics)}")
            with github_api.api_errors(f"setting topics on {full_name}", token, api):
                remote.replace_topics(list(plan.topics))

        remote_ref = f"refs/heads/{plan.branch}"
        if refs.get(remote_ref) == plan.commit:
            options.progress(f"{plan.branch} is already at {plan.commit[:12]} on {full_name}")
        else:
            options.progress(f"Pushing {plan.branch} ({plan.commit[:12]}) to {remote.clone_url}")
            try:
                git_remote.push_branch(repo, remote.clone_url, token, plan.branch)
            except PushError as error:
                raise PushError(
                    f"{error}; {full_name} is left as it is and so are the local commits: "
                    "fix the cause and run `portfolio publish` again"
                ) from None
        git_remote.set_upstream(repo, remote.clone_url, plan.branch, plan.commit)
        return PublishResult(url=remote.html_url, created=created, pushed_commit=plan.commit)


def _point_colab_links(plan: PublishPlan, owner: str, options: PublishOptions) -> PublishPlan:
    """Commit the README's Open in Colab badge and the notebooks' clone URL for ``owner/name``
    when they differ, so the published README opens the published notebook; the plan of the
    new commit (or ``plan`` when nothing changed).

    The commit is the project author's (the last commit's identity) and holds only those files;
    files with uncommitted changes of the person's are never touched.
    """
    from generator import colab, vcs

    files = [path.relative_to(plan.path).as_posix() for path in colab.link_files(plan.path)]
    if not files:
        return plan
    if vcs.git_run(["status", "--porcelain", "--", *files], cwd=plan.path):
        options.warn("README.md or a notebook has uncommitted changes; the Open in Colab links are left as they are")
        return plan
    if not colab.point_to_repository(plan.path, owner, plan.name, plan.branch):
        return plan
    name, email = vcs.git_run(["log", "-1", "--format=%an%n%ae"], cwd=plan.path).splitlines()
    message = f"Point the Open in Colab links at {owner}/{plan.name}"
    vcs.git_run(
        ["commit", "--quiet", "--no-verify", "-m", message, "--", *files],
        cwd=plan.path,
        env=vcs.Author(name, email).environment(),
    )
    commit = vcs.git_run(["rev-parse", "HEAD"], cwd=plan.path)
    options.progress(f"{message} ({commit[:12]})")
    return dataclasses.replace(plan, commit=commit)


def _ensure_repository(
    gh: Github, account: Any, plan: PublishPlan, full_name: str, token: str, options: PublishOptions
) -> tuple[Repository, bool]:
    """The repository to push to and whether this run created it (reusing one a failed run left)."""
    remote = get_repository(gh, full_name, token, plan.api_url)
    if remote is not None:
        options.progress(f"Repository {full_name} already exists; checking it holds only this project")
        if remote.private != plan.private:
            actual = "private" if remote.private else "public"
            options.warn(f"{full_name} already exists as a {actual} repository; its visibility is left as it is")
        return remote, False
    options.progress(f"Creating {plan.visibility} repository {full_name}")
    remote = _create_repository(account, plan, full_name, token)
    if remote is not None:
        return remote, True
    remote = get_repository(gh, full_name, token, plan.api_url)  # created meanwhile (422)
    if remote is None:
        raise RepositoryExistsError(
            f"{full_name} already exists but is not visible with this token; choose another name with --name"
        )
    return remote, False


def _owner(gh: Github, plan: PublishPlan, token: str) -> tuple[Any, str]:
    """The account to create under (organisation or the token's user) and its login.

    Asking for the user first is also the token check: a bad token fails here, before anything.
    """
    with github_api.api_errors("checking the token", token, plan.api_url):
        user = gh.get_user()
        login = user.login
    if plan.owner is None:
        return user, login
    try:
        with github_api.api_errors(f"looking up organisation {plan.owner}", token, plan.api_url):
            org = gh.get_organization(plan.owner)
    except GitHubError as error:
        if error.status == 404:
            message = f"organisation {plan.owner!r} not found (or not visible to {login})"
            raise GitHubError(message, 404) from None
        raise
    return org, org.login


def _check_origin(repo: Repo, owner: str, name: str) -> None:
    """Refuse before creating anything if ``origin`` already points somewhere else."""
    if "origin" not in [remote.name for remote in repo.remotes]:
        return
    url = repo.remote("origin").url
    tail = url.rstrip("/").removesuffix(".git").lower()
    if not tail.endswith(f"/{owner}/{name}".lower()):
        shown = re.sub(r"//[^/@]*@", "//", url)  # never echo credentials someone put in a URL
        raise GitError(
            f"remote 'origin' already points to {shown}; rename it first (git remote rename origin upstream)"
        )


def get_repository(gh: Github, full_name: str, token: str, api: str) -> Repository | None:
    """The repository ``full_name``, or None when GitHub says 404; other errors are one-line errors."""
    try:
        with github_api.api_errors(f"looking up {full_name}", token, api):
            return gh.get_repo(full_name)
    except GitHubError as error:
        if error.status == 404:
            return None
        raise


def _create_repository(account: Any, plan: PublishPlan, full_name: str, token: str) -> Repository | None:
    """The new repository, or None when GitHub says the name is taken (422), e.g. by a rerun."""
    from github.GithubObject import NotSet

    try:
        with github_api.api_errors(f"creating {full_name}", token, plan.api_url):
            return account.create_repo(
                plan.name,
                description=plan.description or NotSet,
                homepage=plan.homepage or NotSet,
                private=plan.private,
            )
    except GitHubError as error:
        if error.status == 422 and "already exists" in str(error):
            return None
        raise


def _is_ancestor(repo: Repo, commit: str, head: str) -> bool:
    """Whether the remote's ``commit`` is part of our history (unknown commits are not)."""
    from git import GitCommandError

    try:
        return repo.is_ancestor(commit, head)  # type: ignore[arg-type]  # any rev works, not only a Commit
    except (GitCommandError, ValueError):
        return False


def add_collaborator(client: Github, full_name: str, username: str, permission: str = "push") -> bool:
    """Invite ``username`` to ``full_name``; True if invited now, False if already a collaborator."""
    with github_api.api_errors(f"adding {username} to {full_name}", "", "GitHub"):
        invitation = client.get_repo(full_name).add_to_collaborators(username, permission)
    return invitation is not None
