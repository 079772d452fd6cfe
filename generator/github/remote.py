"""Pushing to an HTTPS remote with a token that never touches disk.

The token reaches git only through the environment of the one ``git`` process that needs it
(``GIT_CONFIG_COUNT``/``GIT_CONFIG_KEY_n``/``GIT_CONFIG_VALUE_n`` adding an
``http.<url>.extraHeader``), so it is not in ``.git/config``, the remote URL, the reflog or a
credential store. Credential helpers and prompts are switched off for that call: a wrong token
fails at once instead of hanging on a prompt or being saved by a helper.

A push is pushed to the URL itself; ``origin`` and the upstream are written only after the
remote confirmed the update, so a failed push leaves the local repository exactly as it was.
GitPython is imported inside the functions (start-up time).
"""

from __future__ import annotations

import base64
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from generator.errors import GitError, PushError
from generator.github.api import scrub
from generator.vcs import config_environment, network_timeout

if TYPE_CHECKING:
    from git import Repo

REMOTE_NAME = "origin"


def auth_env(token: str, url: str) -> dict[str, str]:
    """Environment for one git call to ``url``: the token as an HTTP header, no helpers, no prompts.

    The header is keyed to ``url`` itself and preceded by an empty value, which clears any
    ``http.<url>.extraHeader`` already configured (CI checkouts leave a stale one behind):
    git applies the most specific URL match, so a generic ``http.extraHeader`` would lose.
    """
    basic = base64.b64encode(f"x-access-token:{token}".encode()).decode()
    header_key = f"http.{url}.extraHeader"
    pairs = [(header_key, ""), (header_key, f"Authorization: Basic {basic}"), ("credential.helper", "")]
    return {
        **config_environment(pairs),  # also: no hooks (pre-push) or fsmonitor; stalls time out
        "GIT_TERMINAL_PROMPT": "0",
        "GIT_ASKPASS": "true",
        "SSH_ASKPASS": "true",
    }


@contextmanager
def _authenticated(repo: Repo, token: str, url: str) -> Iterator[None]:
    # GitPython logs failed pushes as warnings; with no handler configured Python's
    # last-resort handler would print them to the user's terminal behind our back.
    logging.getLogger("git").addHandler(logging.NullHandler())
    with repo.git.custom_environment(**auth_env(token, url)):
        yield


def remote_refs(repo: Repo, url: str, token: str) -> dict[str, str]:
    """``{ref: commit}`` advertised by the remote at ``url`` (empty for an empty repository)."""
    from git import GitCommandError

    try:
        with _authenticated(repo, token, url):
            output = str(repo.git.ls_remote(url, kill_after_timeout=_total_timeout()))
    except GitCommandError as error:
        raise GitError(f"cannot read {url}: {_git_reason(error, token)}") from None
    refs: dict[str, str] = {}
    for line in output.splitlines():
        commit, _, ref = line.partition("\t")
        if ref and ref != "HEAD":
            refs[ref] = commit
    return refs


def push_branch(repo: Repo, url: str, token: str, branch: str) -> str:
    """Push ``branch`` to the same name at ``url``; return the commit the remote now has.

    Any ref the remote did not accept raises :class:`PushError`: GitPython only reports a
    rejected ref in the returned flags, so a push is never taken as done without checking them.
    """
    from git import GitCommandError, PushInfo, Remote, RemoteProgress

    commit = repo.commit(branch).hexsha
    refspec = f"refs/heads/{branch}:refs/heads/{branch}"
    progress = RemoteProgress()
    try:
        with _authenticated(repo, token, url):
            results = Remote(repo, url).push(refspec, progress=progress, kill_after_timeout=_total_timeout())
    except GitCommandError as error:
        raise PushError(f"push to {url} failed: {_git_reason(error, token)}") from None
    failed = PushInfo.ERROR | PushInfo.REJECTED | PushInfo.REMOTE_REJECTED | PushInfo.REMOTE_FAILURE
    mine = [info for info in results if info.remote_ref_string == f"refs/heads/{branch}"]
    if not mine or any(info.flags & failed for info in mine):
        summary = " ".join(info.summary.strip() for info in mine) or "no ref was updated"
        remote_lines = [line.strip() for line in progress.other_lines if line.strip().startswith("remote:")]
        detail = "; ".join([summary, *remote_lines])
        raise PushError(f"push to {url} was rejected: {scrub(detail, token)}")
    return commit


def set_upstream(repo: Repo, url: str, branch: str, commit: str) -> None:
    """Record ``origin`` = ``url`` (plain, no credentials) and make it ``branch``'s upstream."""
    if REMOTE_NAME in [remote.name for remote in repo.remotes]:
        origin = repo.remote(REMOTE_NAME)
        if origin.url != url:
            origin.set_url(url)
    else:
        origin = repo.create_remote(REMOTE_NAME, url)
    repo.git.update_ref(f"refs/remotes/{REMOTE_NAME}/{branch}", commit)
    with repo.config_writer() as config:
        section = f'branch "{branch}"'
        config.set_value(section, "remote", REMOTE_NAME)
        config.set_value(section, "merge", f"refs/heads/{branch}")


def _total_timeout() -> float:
    """A whole ls-remote or push may take this long (a slow trickle is not a stall, so not zero)."""
    return 5 * network_timeout()


def _git_reason(error: BaseException, token: str) -> str:
    """The last meaningful line git printed, without the token."""
    stderr = str(getattr(error, "stderr", "") or "")
    lines = [line.strip().strip("'").strip() for line in stderr.splitlines()]
    lines = [line.removeprefix("stderr:").strip().strip("'") for line in lines if line]
    reason = lines[-1] if lines else f"git exited with status {getattr(error, 'status', '?')}"
    return scrub(reason, token)
