"""Talking to the GitHub REST API: the token, the server, a paced client, readable failures.

Everything that touches PyGithub goes through here so that three promises hold in one place:
the token is looked up the way the GitHub CLI users expect, it never appears in a message we
raise (PyGithub and requests put URLs and bodies in theirs; we scrub defensively), and write
requests are paced the way GitHub's secondary rate limits ask for unless a caller opts out.
PyGithub is imported only inside functions: it costs a noticeable part of start-up time.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from generator.errors import GitHubError, TokenError, UsageError

if TYPE_CHECKING:
    from github import Github

DEFAULT_API_URL = "https://api.github.com"
API_URL_ENV = "PORTFOLIO_GITHUB_API"
TOKEN_ENVS = ("GITHUB_TOKEN", "GH_TOKEN")
# PyGithub's own defaults (github.Consts), repeated so reading them does not import PyGithub:
# at least 1 s between writes and 0.25 s between any requests, as GitHub asks of integrations.
DEFAULT_WRITE_PAUSE = 1.0
DEFAULT_READ_PAUSE = 0.25
HTTP_TIMEOUT = 15
MASK = "***"


def resolve_token(token_env: str | None = None, api: str | None = None) -> str:
    """The token to use: ``$token_env`` only when a name is given, else the usual places.

    The default order is ``GITHUB_TOKEN``, ``GH_TOKEN``, then ``gh auth token`` when the GitHub
    CLI is installed and logged in (for the Enterprise host of ``api`` when that is not
    github.com). A missing token is an error that names every option, since the person reading
    it is usually setting this up for the first time.
    """
    if token_env:
        value = os.environ.get(token_env, "").strip()
        if not value:
            raise TokenError(f"no GitHub token: environment variable {token_env} is not set or empty")
        return value
    for name in TOKEN_ENVS:
        value = os.environ.get(name, "").strip()
        if value:
            return value
    from_gh = _gh_cli_token(api)
    if from_gh:
        return from_gh
    raise TokenError(
        "no GitHub token: set GITHUB_TOKEN or GH_TOKEN, name another variable with --token-env, "
        "or log in with the GitHub CLI (gh auth login)"
    )


def _gh_cli_token(api: str | None) -> str | None:
    """``gh auth token`` output, or None when gh is missing, logged out or slow."""
    gh = shutil.which("gh")
    if gh is None:
        return None
    from urllib.parse import urlsplit

    host = urlsplit(api or DEFAULT_API_URL).hostname or ""
    hostname = [] if host in {"api.github.com", "github.com"} else ["--hostname", host]
    try:
        result = subprocess.run(
            [gh, "auth", "token", *hostname], capture_output=True, text=True, timeout=10, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    token = result.stdout.strip()
    return token if result.returncode == 0 and token else None


def api_url(explicit: str | None = None) -> str:
    """The REST API root: the option, else ``$PORTFOLIO_GITHUB_API``, else api.github.com.

    For GitHub Enterprise Server this is ``https://HOST/api/v3``.
    """
    url = (explicit or os.environ.get(API_URL_ENV, "") or DEFAULT_API_URL).strip().rstrip("/")
    if not url.startswith(("https://", "http://")):
        raise UsageError(f"GitHub API URL must start with https:// (got {url!r})")
    return url


def client(
    token: str,
    api_url: str,
    *,
    write_pause: float = DEFAULT_WRITE_PAUSE,
    timeout: int = HTTP_TIMEOUT,
) -> Github:
    """A PyGithub client for ``api_url`` that waits ``write_pause`` seconds between writes.

    Reads are paced at PyGithub's 0.25 s but never more than the write pause, so
    ``write_pause=0`` turns all pacing off (tests, a single publish against a private server).
    """
    if write_pause < 0:
        raise UsageError(f"--write-pause must be 0 or more seconds (got {write_pause})")
    from github import Auth, Github

    return Github(
        auth=Auth.Token(token),
        base_url=api_url,
        timeout=timeout,
        seconds_between_writes=write_pause,
        seconds_between_requests=min(DEFAULT_READ_PAUSE, write_pause),
    )


def scrub(text: str, *secrets: str) -> str:
    """``text`` with every secret (and its base64 forms, as sent in Basic auth) masked."""
    import base64

    for secret in secrets:
        if not secret:
            continue
        forms = {secret}
        for user in ("x-access-token", "x", "token", ""):
            forms.add(base64.b64encode(f"{user}:{secret}".encode()).decode())
        for form in sorted(forms, key=len, reverse=True):
            text = text.replace(form, MASK)
    return text


def github_message(error: BaseException) -> str:
    """GitHub's own words from an error response: ``message`` plus each ``errors[].message``."""
    data = getattr(error, "data", None)
    if not isinstance(data, dict):
        return str(getattr(error, "message", "") or "")
    parts = [str(data.get("message") or "")]
    for item in data.get("errors") or []:
        if isinstance(item, dict) and item.get("message"):
            parts.append(str(item["message"]))
        elif isinstance(item, str):
            parts.append(item)
    return ": ".join(part for part in parts if part)


@contextmanager
def api_errors(action: str, token: str, api_url: str) -> Iterator[None]:
    """Turn PyGithub and network exceptions raised while doing ``action`` into one-line errors."""
    from github import BadCredentialsException, GithubException, RateLimitExceededException
    from requests import RequestException

    try:
        yield
    except BadCredentialsException:
        raise TokenError(
            f"{action}: GitHub rejected the token (401 Bad credentials) at {api_url}; "
            "check it has not expired and has the 'repo' scope",
            401,
        ) from None
    except RateLimitExceededException as error:
        raise GitHubError(f"{action}: GitHub rate limit exceeded; try again later", error.status) from None
    except GithubException as error:
        detail = scrub(github_message(error), token) or "no details"
        raise GitHubError(f"{action}: GitHub answered {error.status} ({detail})", error.status) from None
    except RequestException as error:
        raise GitHubError(f"{action}: cannot reach {api_url} ({_network_reason(error)})") from None


def _network_reason(error: BaseException) -> str:
    text = str(error)
    for reason in ("Connection refused", "Name or service not known", "timed out",
                   "Temporary failure in name resolution", "Connection reset", "certificate verify failed"):
        if reason.lower() in text.lower():
            return reason.lower()
    return type(error).__name__
