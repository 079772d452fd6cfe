"""The local half of a publish: what would be created and pushed, checked before anything remote.

:func:`plan_publish` reads the project (its git state, answers file and README) and decides the
repository's name, description and topics; ``--dry-run`` prints exactly this plan. Nothing here
talks to GitHub, so every local problem is reported before a repository exists.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.errors import GitError, UsageError
from generator.github import api as github_api
from generator.naming import repo_name, slugify

if TYPE_CHECKING:
    from git import Repo
    from github import Github

    from generator.catalog.entries import Catalog

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
        warnings.append(f"{path.name} has uncommitted changes; they are not published, only {branch} at {commit[:12]}")
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
    from generator.catalog.entries import load_catalog
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
                f"repository name {explicit!r} may use only letters, digits, '.', '-' and '_' (at most 100 characters)"
            )
        return explicit
    recorded = (answers or {}).get("repo_name")
    if isinstance(recorded, str) and _REPO_NAME.match(recorded) and recorded not in {".", ".."}:
        return recorded
    return repo_name(path.name)


# -- the remote half ----------------------------------------------------------------------------
