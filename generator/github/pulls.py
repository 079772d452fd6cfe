"""Proposing a change to someone else's repository: a branch and a pull request, never their ``main``.

An instructor's template fix reaches a student's repository as a pull request the student
reviews and merges. Opening it must be idempotent, because a cohort run is re-run after any
failure: an open pull request from the same branch is updated (title, body), never duplicated.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.github import api as github_api

if TYPE_CHECKING:
    from github.Repository import Repository


@dataclass(frozen=True)
class PullRequestResult:
    """The pull request's web URL and number, whether this call opened it, and its state."""

    url: str
    number: int
    opened: bool
    draft: bool
    state: str = "open"  # "closed": the student declined it; it is left closed


def open_pull_request(
    repo: Repository, *, branch: str, base: str, title: str, body: str, draft: bool, token: str, api_url: str
) -> PullRequestResult:
    """Open a pull request from ``branch`` to ``base``, or update the open one from that branch.

    A closed one from the same branch means the student declined this version: it stays closed.
    """
    full_name = repo.full_name
    with github_api.api_errors(f"listing pull requests of {full_name}", token, api_url):
        existing = list(repo.get_pulls(state="all", head=f"{repo.owner.login}:{branch}", base=base))
    existing.sort(key=lambda pull: pull.state != "open")  # an open one first
    if existing:
        pull = existing[0]
        if pull.state != "open":
            return PullRequestResult(pull.html_url, pull.number, opened=False, draft=bool(pull.draft), state=pull.state)
        if pull.title != title or (pull.body or "") != body:
            with github_api.api_errors(f"updating pull request #{pull.number} of {full_name}", token, api_url):
                pull.edit(title=title, body=body)
        return PullRequestResult(pull.html_url, pull.number, opened=False, draft=bool(pull.draft))
    with github_api.api_errors(f"opening a pull request on {full_name}", token, api_url):
        pull = repo.create_pull(base=base, head=branch, title=title, body=body, draft=draft)
    return PullRequestResult(pull.html_url, pull.number, opened=True, draft=draft)
