"""An organisation as a class: who may write to it, and where its repositories are on the web.

A cohort run checks access once, before its first student (token, organisation, membership),
so that a mistyped ``--org`` or a token of a non-member fails once, not once per student. The
class report links to the web URLs the API returns, which on GitHub Enterprise are on another
host than github.com.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.errors import GitHubError
from generator.github import api as github_api

if TYPE_CHECKING:
    from github import Github


def check_access(client: Github, org: str | None, token: str, api_url: str) -> str:
    """The login the repositories belong to (the organisation, else the token's user), checked.

    One request for the token, and for an organisation two more: it exists, and the token's user
    is an active member of it (what lets them create and push to its repositories).
    """
    with github_api.api_errors("checking the token", token, api_url):
        login = client.get_user().login
    if org is None:
        return login
    try:
        with github_api.api_errors(f"looking up organisation {org}", token, api_url):
            organisation = client.get_organization(org)
            name = organisation.login
    except GitHubError as error:
        if error.status == 404:
            raise GitHubError(f"organisation {org!r} not found (or not visible to {login}); check --org", 404) from None
        raise
    try:
        with github_api.api_errors(f"checking {login}'s membership of {name}", token, api_url):
            membership = client.get_user().get_organization_membership(name)
            state = membership.state
    except GitHubError as error:
        if error.status in {403, 404}:
            raise GitHubError(
                f"{login} is not a member of organisation {name}, so cannot create or push to its repositories; "
                "ask an owner of the organisation to add you, or use a token of a member",
                error.status,
            ) from None
        raise
    if state != "active":
        raise GitHubError(f"{login}'s membership of {name} is {state}; accept the invitation first")
    return name


def repository_urls(client: Github, org: str, *, token: str, api_url: str) -> dict[str, str]:
    """``{lower-case repository name: web URL}`` of the organisation's repositories (100 per request)."""
    try:
        with github_api.api_errors(f"listing the repositories of {org}", token, api_url):
            client.per_page = 100
            return {repo.name.lower(): repo.html_url for repo in client.get_organization(org).get_repos()}
    except GitHubError as error:
        if error.status == 404:
            raise GitHubError(f"organisation {org!r} not found at {api_url}; check --org", 404) from None
        raise
