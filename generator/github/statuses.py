"""The documentation check's result as a commit status: written by the action, read by the instructor.

The composite action (``action.yml``) runs ``portfolio check --post-status`` in each student's
repository; the result lands on the checked commit as the status ``portfolio/docs`` whose
description carries score, grade and the first fix. ``portfolio cohort check --from-status``
then reads every repository's combined status of ``main``, one request each and no clone,
which is what lets a class of 1,000 be graded in about a minute within GitHub's rate limits.
The description is the only payload a status has (140 characters), so its format lives here,
written and parsed in one place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from generator.errors import GitHubError
from generator.github import api as github_api

if TYPE_CHECKING:
    from github import Github

CONTEXT = "portfolio/docs"
# GitHub's secondary rate limit allows 900 REST points a minute and a GET costs one: 0.07 s between
# reads stays inside it and reads a class of 1,000 in about 70 s (PyGithub's 0.25 s would take 4 min).
STATUS_READ_PAUSE = 0.07
MAX_DESCRIPTION = 140  # GitHub truncates longer descriptions
_DESCRIPTION = re.compile(r"^(?P<score>\d{1,3})/100, grade (?P<grade>[^;]{1,20}?)(?:; fix: (?P<fix>.*))?$")


@dataclass(frozen=True)
class DocsStatus:
    """A ``portfolio/docs`` status as read back: what the class report needs from it."""

    score: int
    grade: str
    passed: bool
    first_fix: str
    details_url: str  # the workflow run that posted it ("" when not given)


def describe(score: int, grade: str, first_fix: str = "") -> str:
    """``82/100, grade B; fix: <first fix>``, cut to GitHub's 140 characters."""
    text = f"{score}/100, grade {grade}" + (f"; fix: {' '.join(first_fix.split())}" if first_fix else "")
    return text if len(text) <= MAX_DESCRIPTION else text[: MAX_DESCRIPTION - 1] + "…"


def parse(status: dict[str, Any]) -> DocsStatus | None:
    """The result in one status of the API's combined status (None: not one of ours or unreadable)."""
    match = _DESCRIPTION.match(str(status.get("description") or ""))
    if status.get("context") != CONTEXT or match is None:
        return None
    return DocsStatus(
        score=int(match["score"]),
        grade=match["grade"],
        passed=status.get("state") == "success",
        first_fix=match["fix"] or "",
        details_url=str(status.get("target_url") or ""),
    )


def post_status(
    client: Github,
    full_name: str,
    sha: str,
    *,
    passed: bool,
    description: str,
    target_url: str | None,
    token: str,
    api_url: str,
) -> None:
    """Set ``portfolio/docs`` on ``full_name``@``sha``: success at or above the pass mark, else failure."""
    body: dict[str, Any] = {"state": "success" if passed else "failure", "description": description, "context": CONTEXT}
    if target_url:
        body["target_url"] = target_url
    with github_api.api_errors(f"setting the {CONTEXT} status on {full_name}@{sha[:12]}", token, api_url):
        client.requester.requestJsonAndCheck("POST", f"/repos/{full_name}/statuses/{sha}", input=body)


@dataclass(frozen=True)
class RepositoryStatus:
    """One repository's answer: its web URL (as the API gives it) and its result, if any."""

    full_name: str
    html_url: str
    result: DocsStatus | None
    error: str = ""


def read_status(client: Github, full_name: str, ref: str, *, token: str, api_url: str) -> RepositoryStatus:
    """The latest ``portfolio/docs`` result on ``ref`` of ``full_name``: one GET, no clone."""
    try:
        with github_api.api_errors(f"reading the status of {full_name}", token, api_url):
            _, data = client.requester.requestJsonAndCheck("GET", f"/repos/{full_name}/commits/{ref}/status")
    except GitHubError as error:
        if error.status == 404:
            return RepositoryStatus(full_name, "", None, "repository not found (or not visible with this token)")
        if error.status == 422:
            return RepositoryStatus(full_name, "", None, f"no commit on {ref} yet")
        return RepositoryStatus(full_name, "", None, str(error))
    repository = data.get("repository") or {}
    results = [parsed for parsed in map(parse, data.get("statuses") or []) if parsed is not None]
    return RepositoryStatus(full_name, str(repository.get("html_url") or ""), results[0] if results else None)
