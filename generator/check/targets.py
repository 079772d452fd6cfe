"""What ``portfolio check`` can be pointed at: a folder, a git repository, a git URL, ``owner/repo``.

Remote targets are shallow-cloned into a temporary folder that is removed afterwards.
Cloning runs git with prompts off, no hooks and only the http(s)/ssh/git/file protocols;
nothing from the clone is ever executed. ``owner/repo`` uses the same API settings as
``portfolio publish`` (:mod:`generator.github.api`), and a token travels only in git's
environment for that one call (:func:`generator.github.remote.auth_env`: an
``http.<url>.extraHeader``) — never in a URL, a file or a message.
"""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
from pathlib import Path

from generator.check.model import ProjectReport
from generator.check.project import check_project
from generator.check.rubric import Rubric, load_rubric
from generator.errors import TargetError

CLONE_TIMEOUT = 120
_URL = re.compile(r"^(?:https?|git|ssh|file)://\S+$|^[\w.-]+@[\w.-]+:\S+$", re.IGNORECASE)
_OWNER_REPO = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}$")


def is_git_url(target: str) -> bool:
    """``https://…``, ``file://…``, ``ssh://…``, ``git://…`` or scp-style ``git@host:path``."""
    return bool(_URL.match(target))


def check_target(
    target: str,
    rubric: Rubric | None = None,
    *,
    api_url: str | None = None,
    token: str | None = None,
) -> ProjectReport:
    """Check any kind of target; the report's ``target`` is what the user typed."""
    rubric = rubric or load_rubric()
    local = Path(target).expanduser()
    if local.exists():
        if local.is_dir() and _is_bare_repository(local):
            return _check_clone(local.resolve().as_uri(), target, rubric)
        return check_project(local, rubric, target=target)
    if is_git_url(target):
        return _check_clone(target, target, rubric)
    if _OWNER_REPO.match(target):
        clone_url = github_clone_url(target, api_url=api_url, token=token)
        return _check_clone(clone_url, target, rubric, token=_token(token))
    raise TargetError(f"{target}: no such directory, and not a git URL or GitHub owner/repo")


def _is_bare_repository(path: Path) -> bool:
    return (path / "HEAD").is_file() and (path / "objects").is_dir() and (path / "refs").is_dir()


def _token(token: str | None) -> str | None:
    return token or os.environ.get("GITHUB_TOKEN") or os.environ.get("GH_TOKEN") or None


def github_clone_url(full_name: str, *, api_url: str | None = None, token: str | None = None) -> str:
    """Ask the GitHub API (read-only; token optional) for ``owner/repo``'s clone URL."""
    from github import Auth, Github, UnknownObjectException

    from generator.github import api as github_api

    base_url = github_api.api_url(api_url)
    secret = _token(token)
    client = Github(
        base_url=base_url, auth=Auth.Token(secret) if secret else None, timeout=github_api.HTTP_TIMEOUT, retry=0
    )
    try:
        with github_api.api_errors(f"{full_name}: reading the repository", secret or "", base_url):
            try:
                return str(client.get_repo(full_name).clone_url)
            except UnknownObjectException:
                hint = "" if secret else " (a private repository needs GITHUB_TOKEN or GH_TOKEN)"
                raise TargetError(f"{full_name}: repository not found on {base_url}{hint}") from None
    finally:
        client.close()


def clone_environment(token: str | None, url: str) -> dict[str, str]:
    """git's environment for one clone: no prompts or hooks; a token only as a header for ``url``."""
    from generator.github.remote import auth_env

    env = {
        **os.environ,
        "GIT_TERMINAL_PROMPT": "0",
        "GIT_ASKPASS": "true",
        "SSH_ASKPASS": "true",
        "GIT_ALLOW_PROTOCOL": "http:https:ssh:git:file",
    }
    settings: list[tuple[str, str]] = []
    if token:
        auth = auth_env(token, url)
        env.update(auth)
        settings = [
            (auth[f"GIT_CONFIG_KEY_{i}"], auth[f"GIT_CONFIG_VALUE_{i}"]) for i in range(int(auth["GIT_CONFIG_COUNT"]))
        ]
    settings.append(("core.hooksPath", os.devnull))
    env["GIT_CONFIG_COUNT"] = str(len(settings))
    for index, (key, value) in enumerate(settings):
        env[f"GIT_CONFIG_KEY_{index}"] = key
        env[f"GIT_CONFIG_VALUE_{index}"] = value
    return env


def shallow_clone(url: str, destination: Path, token: str | None = None) -> None:
    """``git clone --depth 1`` into ``destination``; failures become one readable line."""
    command = ["git", "clone", "--quiet", "--depth", "1", "--single-branch", "--no-tags", "--", url, str(destination)]
    try:
        result = subprocess.run(
            command,
            env=clone_environment(token, url),
            capture_output=True,
            text=True,
            timeout=CLONE_TIMEOUT,
            stdin=subprocess.DEVNULL,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise TargetError(f"{_safe(url)}: clone timed out after {CLONE_TIMEOUT} s") from None
    except FileNotFoundError:
        raise TargetError("git is not installed (needed to check a git URL)") from None
    if result.returncode != 0:
        lines = [line for line in result.stderr.strip().splitlines() if line.strip()]
        reason = lines[-1].removeprefix("fatal: ") if lines else f"git exited with {result.returncode}"
        if token:
            from generator.github.api import scrub

            reason = scrub(reason, token)
        raise TargetError(f"{_safe(url)}: cannot clone ({reason})")


def _check_clone(url: str, target: str, rubric: Rubric, token: str | None = None) -> ProjectReport:
    with tempfile.TemporaryDirectory(prefix="portfolio-check-") as temporary:
        destination = Path(temporary) / "repo"
        shallow_clone(url, destination, token)
        report = check_project(destination, rubric, target=target)
    report.path = None
    return report


def _safe(url: str) -> str:
    """A URL without any user:password part, fit for a message."""
    return re.sub(r"(?<=://)[^/@\s]+@", "", url)
