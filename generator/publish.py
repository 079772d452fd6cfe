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

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator import github_api
from generator.errors import GitError, GitHubError, PushError, RepositoryExistsError, UsageError
from generator.naming import repo_name, slugify

if TYPE_CHECKING:
    from git import Repo
    from github import Github
    from github.Repository import Repository

    from generator.catalog import Catalog

ANSWERS_FILE = ".copier-answers.yml"
MAX_TOPICS = 20
MAX_DESCRIPTION = 350
_REPO_NAME = re.compile(r"^[A-Za-z0-9._-]{1,100}$")


def _ignore(message: str) -> None:
    """Default progress/warning sink: library callers that do not print get silence."""


@dataclass
class PublishOptions:
    """What to create and how to reach GitHub; every field has a sensible default.

    ``client`` lets a caller publishing many projects share one paced PyGithub client; the
    ``token`` (explicit, else looked up via ``token_env``) is still needed for ``git push``.
    """

    name: str | None = None
    org: str | None = None
    private: bool = False
    homepage: str | None = None
    topics: Sequence[str] = ()
    token: str | None = None
    token_env: str | None = None
    api_url: str | None = None
    write_pause: float = github_api.DEFAULT_WRITE_PAUSE
    client: Github | None = None
    catalog: Catalog | None = None
    progress: Callable[[str], None] = _ignore
    warn: Callable[[str], None] = _ignore


@dataclass(frozen=True)
class PublishPlan:
    """What publishing would do, worked out without touching the network."""

    path: Path
    owner: str | None  # None: the authenticated user
    name: str
    private: bool
    description: str
    homepage: str | None
    topics: tuple[str, ...]
    branch: str
    commit: str
    dirty: bool
    api_url: str
    warnings: tuple[str, ...] = field(default=())

    @property
    def visibility(self) -> str:
        return "private" if self.private else "public"

    def to_dict(self) -> dict[str, Any]:
        return {
            "dry_run": True,
            "owner": self.owner,
            "name": self.name,
            "private": self.private,
            "description": self.description,
            "homepage": self.homepage,
            "topics": list(self.topics),
            "branch": self.branch,
            "commit": self.commit,
            "uncommitted_changes": self.dirty,
            "api_url": self.api_url,
        }

    def describe(self) -> list[str]:
        """Human-readable lines for ``--dry-run``."""
        owner = self.owner or "the token's user"
        lines = [
            f"Would create {self.visibility} repository {self.name!r} under {owner} at {self.api_url}",
            f"  description: {self.description or '(none)'}",
            f"  homepage:    {self.homepage or '(none)'}",
            f"  topics:      {', '.join(self.topics) or '(none)'}",
            f"Would push {self.branch} at {self.commit[:12]} and set origin as its upstream",
        ]
        return lines


@dataclass(frozen=True)
class PublishResult:
    """What happened: the repository's web URL, whether this run created it, what was pushed."""

    url: str
    created: bool
    pushed_commit: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"url": self.url, "created": self.created, "pushed_commit": self.pushed_commit}


# -- the local half ------------------------------------------------------------------------------
def plan_publish(path: Path, options: PublishOptions) -> PublishPlan:
    """Check the repository is publishable and work out name, description and topics.

    Raises :class:`GitError` for a folder that is not the top of a git repository, has no
    commits or a detached HEAD. Uncommitted changes are only a warning: what is committed gets
    pushed, and the person may well want exactly that.
    """
    path = path.resolve()
    with open_repository(path) as repo:
        branch, commit = _current_branch(repo, path)
        dirty = repo.is_dirty(untracked_files=True)
    warnings: list[str] = []
    if dirty:
        warnings.append(
            f"{path.name} has uncommitted changes; they are not published, only {branch} at {commit[:12]}"
        )
    answers = read_answers(path)
    topics, dropped = normalise_topics([*catalog_topics(answers, options, warnings), *options.topics])
    if dropped:
        warnings.append(f"GitHub allows {MAX_TOPICS} topics; left out: {', '.join(dropped)}")
    for warning in warnings:
        options.warn(warning)
    return PublishPlan(
        path=path,
        owner=options.org,
        name=repository_name(path, options.name, answers),
        private=options.private,
        description=project_description(path, answers),
        homepage=options.homepage or None,
        topics=topics,
        branch=branch,
        commit=commit,
        dirty=dirty,
        api_url=github_api.api_url(options.api_url),
        warnings=tuple(warnings),
    )


def open_repository(path: Path) -> Repo:
    """The git repository whose top folder is ``path``, or a message saying how to make one.

    Use it in a ``with`` block: a Repo keeps ``git cat-file`` processes until it is closed,
    and a cohort publishes many projects in one process.
    """
    from git import InvalidGitRepositoryError, NoSuchPathError, Repo

    if not path.is_dir():
        raise GitError(f"{path} does not exist or is not a folder")
    try:
        repo = Repo(path, search_parent_directories=True)
    except (InvalidGitRepositoryError, NoSuchPathError):
        raise GitError(
            f"{path} is not a git repository; create one first: "
            "git init -b main && git add -A && git commit -m 'First version'"
        ) from None
    top = Path(repo.working_tree_dir or "").resolve()
    if top != path:
        repo.close()
        raise GitError(f"{path} is inside the git repository at {top}; publish {top} itself")
    return repo


def _current_branch(repo: Repo, path: Path) -> tuple[str, str]:
    if not repo.head.is_valid():
        raise GitError(f"{path} has no commits yet; commit your work first (git add -A && git commit)")
    if repo.head.is_detached:
        raise GitError(
            f"HEAD of {path} is detached at {repo.head.commit.hexsha[:12]}; "
            "switch to the branch to publish first (git switch main)"
        )
    return repo.active_branch.name, repo.head.commit.hexsha


def read_answers(path: Path) -> dict[str, Any]:
    """The copier answers a generated project records (empty for any other repository)."""
    import yaml

    answers_file = path / ANSWERS_FILE
    if not answers_file.is_file():
        return {}
    try:
        data = yaml.safe_load(answers_file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def project_description(path: Path, answers: dict[str, Any]) -> str:
    """The one-line summary: the generated project's ``description``, else the README's lead line."""
    description = answers.get("description")
    if not isinstance(description, str) or not description.strip():
        description = _readme_summary(path / "README.md")
    one_line = " ".join(description.split())
    return one_line if len(one_line) <= MAX_DESCRIPTION else one_line[: MAX_DESCRIPTION - 1] + "…"


def _readme_summary(readme: Path) -> str:
    """The first line of prose after the README's H1 (badges, images and comments skipped)."""
    try:
        lines = readme.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return ""
    seen_title = False
    in_comment = False
    for raw in lines:
        line = raw.strip()
        if in_comment:
            in_comment = "-->" not in line
            continue
        if line.startswith("<!--"):
            in_comment = "-->" not in line
            continue
        if not seen_title:
            seen_title = line.startswith("# ")
            continue
        if not line or line.startswith(("![", "[![", "<", "|", "```", "---")):
            continue
        if line.startswith("#"):
            return ""
        return re.sub(r"[*_`]+", "", line.lstrip("> "))
    return ""


def catalog_topics(answers: dict[str, Any], options: PublishOptions, warnings: list[str]) -> list[str]:
    """The topics of the catalog entry this project was generated from (none for other repos)."""
    project_type = answers.get("project_type")
    if not isinstance(project_type, str) or not project_type:
        return []
    from generator.catalog import load_catalog
    from generator.errors import PortfolioError

    try:
        catalog = options.catalog if options.catalog is not None else load_catalog()
        return list(catalog.get(project_type).topics)
    except PortfolioError as error:
        warnings.append(f"no catalog topics for project type {project_type!r}: {error}")
        return []


def normalise_topics(topics: Sequence[str]) -> tuple[tuple[str, ...], list[str]]:
    """GitHub topic rules: lowercase letters, digits and dashes, at most 50 characters, 20 topics.

    Returns the topics to set (in order, duplicates removed) and those beyond the limit.
    """
    cleaned: list[str] = []
    for topic in topics:
        slug = slugify(topic)[:50].strip("-")
        if slug and slug not in cleaned:
            cleaned.append(slug)
    return tuple(cleaned[:MAX_TOPICS]), cleaned[MAX_TOPICS:]


def repository_name(path: Path, explicit: str | None, answers: dict[str, Any] | None = None) -> str:
    """``--name`` (validated), else the generated project's ``repo_name``, else the folder's name."""
    if explicit is not None:
        if not _REPO_NAME.match(explicit) or explicit in {".", ".."}:
            raise UsageError(
                f"repository name {explicit!r} may use only letters, digits, '.', '-' and '_' "
                "(at most 100 characters)"
            )
        return explicit
    recorded = (answers or {}).get("repo_name")
    if isinstance(recorded, str) and _REPO_NAME.match(recorded) and recorded not in {".", ".."}:
        return recorded
    return repo_name(path.name)


# -- the remote half ----------------------------------------------------------------------------
def publish_project(path: Path, options: PublishOptions) -> PublishResult:
    """Create (or reuse) the GitHub repository for ``path`` and push its current branch."""
    from generator import git_remote

    plan = plan_publish(path, options)
    with open_repository(plan.path) as repo:
        api = plan.api_url
        token = options.token or github_api.resolve_token(options.token_env, api)
        gh = options.client or github_api.client(token, api, write_pause=options.write_pause)
        account, owner = _owner(gh, plan, token)
        full_name = f"{owner}/{plan.name}"
        _check_origin(repo, owner, plan.name)

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
                raise PushError(f"{error}; {full_name} is left as it is and the local repository is "
                                "unchanged: fix the cause and run `portfolio publish` again") from None
        git_remote.set_upstream(repo, remote.clone_url, plan.branch, plan.commit)
        return PublishResult(url=remote.html_url, created=created, pushed_commit=plan.commit)


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
        return repo.is_ancestor(commit, head)
    except (GitCommandError, ValueError):
        return False


def add_collaborator(client: Github, full_name: str, username: str, permission: str = "push") -> bool:
    """Invite ``username`` to ``full_name``; True if invited now, False if already a collaborator."""
    with github_api.api_errors(f"adding {username} to {full_name}", "", "GitHub"):
        invitation = client.get_repo(full_name).add_to_collaborators(username, permission)
    return invitation is not None
