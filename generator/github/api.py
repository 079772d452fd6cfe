"""Talking to the GitHub REST API: the token, the server, a paced client, readable failures.

Everything that touches PyGithub goes through here so that three promises hold in one place:
the token is looked up the way the GitHub CLI users expect, it never appears in a message we
raise (PyGithub and requests put URLs and bodies in theirs; we scrub defensively), and write
requests are paced the way GitHub's secondary rate limits ask for unless a caller opts out.
PyGithub is imported only inside functions: it costs a noticeable part of start-up time.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from generator.errors import GitHubError, TokenError, UsageError
from generator.vcs import network_timeout

if TYPE_CHECKING:
    from github import Github

DEFAULT_API_URL = "https://api.github.com"
API_URL_ENV = "PORTFOLIO_GITHUB_API"
TOKEN_ENVS = ("GITHUB_TOKEN", "GH_TOKEN")
# PyGithub's own defaults (github.Consts), repeated so reading them does not import PyGithub:
# at least 1 s between writes and 0.25 s between any requests, as GitHub asks of integrations.
DEFAULT_WRITE_PAUSE = 1.0
DEFAULT_READ_PAUSE = 0.25
HTTP_TIMEOUT = 15  # seconds, for one-shot read-only clients (no retries) elsewhere
MASK = "***"
RETRIES = 2  # after the first try: a flaky 502 passes, a down GitHub fails in bounded time


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
    read_pause: float = DEFAULT_READ_PAUSE,
    timeout: int | None = None,
) -> Github:
    """A PyGithub client for ``api_url`` that waits ``write_pause`` seconds between writes.

    Reads are paced at ``read_pause`` (PyGithub's 0.25 s unless a caller knows better) but never
    more than the write pause, so ``write_pause=0`` turns all pacing off (tests, a single publish
    against a private server).
    Every call is bounded in total time, retries included (see :func:`bounded_retry`);
    ``timeout`` (default :func:`~generator.vcs.network_timeout`) bounds each request.
    """
    if write_pause < 0:
        raise UsageError(f"--write-pause must be 0 or more seconds (got {write_pause})")
    from github import Auth, Github

    quiet_pygithub()
    seconds = timeout or max(1, round(network_timeout()))
    return Github(
        auth=Auth.Token(token),
        base_url=api_url,
        timeout=seconds,
        retry=bounded_retry(seconds),
        seconds_between_writes=write_pause,
        seconds_between_requests=min(read_pause, write_pause),
    )


def quiet_pygithub() -> None:
    """Keep PyGithub's and urllib3's log lines off the user's terminal.

    Importing PyGithub attaches a stderr handler at INFO to the ``github`` logger, so every retry
    and rate-limit wait ("Request POST ... failed with 403", "Setting next backoff to 60s") would be
    printed around our one error line; urllib3 warns through Python's last-resort handler.
    """
    import logging

    for name in ("github", "urllib3"):
        logger = logging.getLogger(name)
        for handler in list(logger.handlers):
            if type(handler) is logging.StreamHandler:
                logger.removeHandler(handler)
        logger.addHandler(logging.NullHandler())
        logger.propagate = False


def bounded_retry(budget: float) -> Any:
    """PyGithub's retry policy with every wait capped at ``budget`` seconds and :data:`RETRIES` retries.

    PyGithub's default retries ten times and sleeps whatever GitHub asks (``Retry-After``, a
    primary reset, 60 s for a secondary limit): a stalled API took minutes to fail. Here a wait
    longer than ``budget`` fails at once as a rate-limit error, so one call takes at most about
    (1 + RETRIES) x (timeout + budget).
    """
    from github.GithubException import RateLimitExceededExceedsMaxWait
    from github.GithubRetry import GithubRetry

    class BoundedRetry(GithubRetry):
        def sleep_for_retry(self, response: Any) -> bool:
            wait = self.get_retry_after(response)
            if wait is not None and wait > budget:
                raise RateLimitExceededExceedsMaxWait(
                    response.status,
                    {"message": f"GitHub asks to wait {wait:g} s before retrying"},
                    dict(response.headers),
                    wait=wait,
                )
            return bool(super().sleep_for_retry(response))

    return BoundedRetry(
        total=RETRIES,
        backoff_factor=min(0.5, budget / 10),
        secondary_rate_wait=min(60.0, budget),
        max_rate_limit_wait=budget,
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
    from requests.exceptions import RetryError

    try:
        yield
    except BadCredentialsException:
        raise TokenError(
            f"{action}: GitHub rejected the token (401 Bad credentials) at {api_url}; "
            "check it has not expired and has the 'repo' scope",
            401,
        ) from None
    except RateLimitExceededException as error:
        raise GitHubError(f"{action}: {_rate_limit_reason(error)}", error.status) from None
    except GithubException as error:
        detail = scrub(github_message(error), token) or "no details"
        raise GitHubError(f"{action}: GitHub answered {error.status} ({detail})", error.status) from None
    except RetryError as error:
        status = re.search(r"too many (\d{3}) error responses", str(error))
        code = int(status.group(1)) if status else None
        if code == 403:  # PyGithub retries a 403 only when GitHub says it is a rate limit
            raise GitHubError(f"{action}: {_rate_limit_reason(RuntimeError('secondary rate limit'))}", 403) from None
        raise GitHubError(
            f"{action}: {api_url} answered {code or 'errors'} {1 + RETRIES} times in a row "
            "(GitHub is having trouble); nothing more was done: try again later",
            code,
        ) from None
    except RequestException as error:
        raise GitHubError(f"{action}: cannot reach {api_url} ({_network_reason(error)})") from None


def _rate_limit_reason(error: BaseException) -> str:
    """Which limit was hit, in GitHub's terms, and what to do about it."""
    message = github_message(error) or str(error)
    if "secondary rate limit" in message.lower() or "abuse" in message.lower():
        return (
            "GitHub's secondary rate limit (too many requests too quickly); wait a few minutes, "
            "then run again with a larger --write-pause"
        )
    if "asks to wait" in message:
        return f"rate limited: {message}; try again then"
    return "GitHub's rate limit is used up; try again after it resets (usually within the hour)"


def _network_reason(error: BaseException) -> str:
    text = str(error)
    for reason in (
        "Connection refused",
        "Name or service not known",
        "timed out",
        "Temporary failure in name resolution",
        "Connection reset",
        "certificate verify failed",
    ):
        if reason.lower() in text.lower():
            return reason.lower()
    return type(error).__name__
