"""The public page on GitHub Pages: ``USER.github.io`` (created if missing) or ``gh-pages`` of a named repository.

Pushed through the same engine as the profile README (:func:`generator.index.profile.push_destination`),
so it is idempotent and token-safe alike. Afterwards the Pages site is switched on through the
REST API when it is not yet (``POST /repos/{owner}/{repo}/pages`` with the branch as source),
and its live address is read from GitHub (``html_url``) rather than guessed, so a GitHub
Enterprise host or a custom domain is reported as it really is.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.errors import GitHubError
from generator.index.build import HTML, write_page
from generator.index.model import Portfolio
from generator.index.profile import Destination, ProfileOptions, Session, connect, push_destination

PAGES_BRANCH = "gh-pages"


@dataclass(frozen=True)
class PagesResult:
    """The live address, the repository, whether it was created, and the commit pushed (if any)."""

    live_url: str
    repository_url: str
    created: bool
    pushed_commit: str | None


def user_site(login: str) -> str:
    """The repository GitHub serves at the root of the user's Pages domain."""
    return f"{login.lower()}.github.io"


def publish_pages(
    portfolio: Portfolio,
    out_dir: Path,
    options: ProfileOptions,
    repository: str | None = None,
    *,
    include_all: bool = False,
    session: Session | None = None,
) -> PagesResult:
    """Publish ``index.html`` to Pages; ``repository`` names a repository whose ``gh-pages`` to use."""
    session = session or connect(options)
    public, _ = portfolio.public(include_all=include_all)
    if repository:
        destination = Destination(
            name=repository,
            branch=PAGES_BRANCH,
            files=(HTML,),
            create=False,
            update=lambda work: write_page(public, work),
        )
    else:
        destination = Destination(
            name=user_site(session.login),
            branch=None,
            files=(HTML,),
            create=True,
            update=lambda work: write_page(public, work),
        )
    result = push_destination(session, destination, out_dir, options)
    full_name = f"{session.login}/{destination.name}"
    live = _enable(session, full_name, destination.branch, options)
    return PagesResult(live, result.url, result.created, result.pushed_commit)


def _enable(session: Session, full_name: str, branch: str | None, options: ProfileOptions) -> str:
    """Pages' ``html_url``, switching the site on (from ``branch`` or the default one) if it is off."""
    from generator.github import api as github_api

    requester = session.gh.requester
    try:
        with github_api.api_errors(f"reading the Pages site of {full_name}", session.token, session.api):
            _, data = requester.requestJsonAndCheck("GET", f"/repos/{full_name}/pages")
    except GitHubError as error:
        if error.status != 404:
            raise
        if branch is None:
            with github_api.api_errors(f"reading {full_name}", session.token, session.api):
                branch = session.gh.get_repo(full_name).default_branch
        options.progress(f"switching on GitHub Pages for {full_name} ({branch})")
        with github_api.api_errors(f"switching on Pages for {full_name}", session.token, session.api):
            _, data = requester.requestJsonAndCheck(
                "POST",
                f"/repos/{full_name}/pages",
                input={"source": {"branch": branch, "path": "/"}},
            )
    return str(data.get("html_url") or "")
