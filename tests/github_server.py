"""A loopback stand-in for GitHub: the REST endpoints PyGithub calls, plus a real git remote.

Tests that publish, check, index or run cohorts talk to this server exactly as they would to
GitHub Enterprise Server, so nothing reaches the internet and nothing is mocked in the code
under test.

* REST API at ``api_url`` = ``http://127.0.0.1:PORT/api/v3`` (the GitHub Enterprise layout;
  pass it as PyGithub's ``base_url`` or as ``portfolio publish --api-url``). Requests carry
  ``Authorization: token X`` or ``Bearer X``; an unknown token gets GitHub's
  ``401 {"message": "Bad credentials"}``. Response bodies follow GitHub's shapes (a subset of
  the fields) and status codes: 201 on create, 404 ``{"message": "Not Found"}``, 422
  ``Repository creation failed.`` with ``name already exists on this account``.
* Git smart-HTTP at ``http://127.0.0.1:PORT/git/{owner}/{repo}.git`` (each repository's
  ``clone_url``), served by ``git http-backend`` as a CGI subprocess per request over bare
  repositories created when the API creates a repository. Pushing, and reading a private
  repository, need the token as HTTP Basic password (any user name) or a Bearer header, from
  a user who may write to it (owner, organisation member or collaborator).

Failure hooks for tests: :meth:`FakeGitHub.reject_pushes` (a real ``pre-receive`` hook says
no), :meth:`FakeGitHub.fail_after_create` (the repository is created but the answer is a 502),
:meth:`FakeGitHub.stop` (the server goes away; the port refuses connections), and
:attr:`GitHubState.requests` to assert which calls were (not) made.

Pull requests (list with ``head``/``base``/``state`` filters, create with ``draft``, update),
commit statuses (create, combined status of a ref) and the viewer's organisation membership
live in their own section; :meth:`FakeGitHub.push_commit` is a student pushing to ``main``.

``portfolio index`` (section at the end): profile fields on ``GET /users/{login}``
(:meth:`IndexSiteState.set_profile`), avatars at ``/avatars/{login}`` and the Pages site of a
repository (``GET``/``POST /repos/{owner}/{repo}/pages``), in :attr:`FakeGitHub.index_site`.
"""

from __future__ import annotations

import base64
import itertools
import json
import os
import re
import secrets
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

API_PREFIX = "/api/v3"
GIT_PREFIX = "/git"
AVATAR_PREFIX = "/avatars/"
DEFAULT_LOGIN = "ada-learner"
_NAME = re.compile(r"^[A-Za-z0-9._-]{1,100}$")
_TOPIC = re.compile(r"^[a-z0-9][a-z0-9-]{0,49}$")
_PERMISSIONS = {"pull", "triage", "push", "maintain", "admin"}
_GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "Someone Else",
    "GIT_AUTHOR_EMAIL": "someone@example.com",
    "GIT_COMMITTER_NAME": "Someone Else",
    "GIT_COMMITTER_EMAIL": "someone@example.com",
}


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class Account:
    """A user or an organisation."""

    login: str
    id: int
    type: str  # "User" | "Organization"
    members: set[str] = field(default_factory=set)  # organisations only (user logins)
    # Organisations only: "write" lets members write every repository; "none" only the ones
    # they created or collaborate on (GitHub's "base permission"), so others' private ones 404.
    base_permission: str = "write"


@dataclass
class RepoRecord:
    """One repository as the API knows it; its git data lives in a bare repository on disk."""

    owner: str
    name: str
    id: int
    private: bool = False
    description: str | None = None
    homepage: str | None = None
    topics: list[str] = field(default_factory=list)
    collaborators: dict[str, str] = field(default_factory=dict)  # login -> permission
    created_by: str | None = None
    created_at: str = field(default_factory=_now)

    @property
    def full_name(self) -> str:
        return f"{self.owner}/{self.name}"


@dataclass
class PullRecord:
    """One pull request: ``head`` and ``base`` are branch names of the same repository."""

    number: int
    id: int
    title: str
    body: str
    head: str
    base: str
    draft: bool
    user: str
    state: str = "open"
    created_at: str = field(default_factory=_now)


@dataclass
class GitHubState:
    """Everything the server holds in memory; tests read and change it directly."""

    accounts: dict[str, Account] = field(default_factory=dict)  # lower-case login -> account
    tokens: dict[str, str] = field(default_factory=dict)  # token -> user login
    repos: dict[tuple[str, str], RepoRecord] = field(default_factory=dict)  # lower-case key
    requests: list[tuple[str, str]] = field(default_factory=list)  # (method, path) in order
    lock: threading.RLock = field(default_factory=threading.RLock)
    # Pull requests and commit statuses (see the "pull requests, statuses, memberships" section).
    pulls: dict[tuple[str, str], list[PullRecord]] = field(default_factory=dict)  # lower-case repo key
    statuses: dict[tuple[str, str], dict[str, list[dict[str, Any]]]] = field(default_factory=dict)  # key -> sha

    def account(self, login: str) -> Account | None:
        return self.accounts.get(login.lower())

    def repo(self, owner: str, name: str) -> RepoRecord | None:
        return self.repos.get((owner.lower(), name.lower()))

    def can_write(self, login: str | None, record: RepoRecord) -> bool:
        """Owner, member of the owning organisation, or a collaborator with push or more."""
        if login is None:
            return False
        if login.lower() == record.owner.lower():
            return True
        owner = self.account(record.owner)
        if (
            owner is not None
            and login in owner.members
            and (owner.base_permission == "write" or record.created_by == login)
        ):
            return True
        return record.collaborators.get(login, "pull") in {"push", "maintain", "admin"}

    def can_read(self, login: str | None, record: RepoRecord) -> bool:
        return (
            not record.private or self.can_write(login, record) or (login is not None and login in record.collaborators)
        )


class FakeGitHub:
    """The server, its state and the helpers tests use to arrange a scenario."""

    def __init__(self, root: Path, login: str = DEFAULT_LOGIN) -> None:
        self.root = root
        self.git_root = root / "git"
        self.git_root.mkdir(parents=True, exist_ok=True)
        self.reject_file = root / "reject-push"
        self.failing_creates = 0  # see fail_after_create()
        self.org_admins: set[str] = set()  # logins whose organisation membership role is "admin"
        self.index_site = IndexSiteState()  # profiles, avatars and Pages (see the section at the end)
        self.state = GitHubState()
        self._ids = itertools.count(1000)
        self.login = login
        self.token = self.add_user(login)
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._httpd.daemon_threads = True
        self.port = self._httpd.server_address[1]
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.api_url = self.base_url + API_PREFIX
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()
        self._running = True
        self.faults: list[Fault] = []  # see "Fault injection" at the end of this module
        self.released = threading.Event()  # set on stop(): stalled handlers give up

    # -- lifecycle -------------------------------------------------------------------------
    def __enter__(self) -> FakeGitHub:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def stop(self) -> None:
        """Shut the server down; afterwards connections to its port are refused."""
        if self._running:
            self._running = False
            self.released.set()
            self._httpd.shutdown()
            self._httpd.server_close()
            self._thread.join(timeout=5)

    # -- arranging state ---------------------------------------------------------------------
    def add_user(self, login: str, token: str | None = None) -> str:
        """Create a user and return its token (a fresh random one unless given)."""
        token = token or f"ghp_test{secrets.token_hex(16)}"
        with self.state.lock:
            self.state.accounts[login.lower()] = Account(login, next(self._ids), "User")
            self.state.tokens[token] = login
        return token

    def add_org(self, login: str, members: Iterable[str] = (), base_permission: str = "write") -> Account:
        """Create an organisation whose members may create repositories in it (and write to them)."""
        account = Account(login, next(self._ids), "Organization", set(members), base_permission)
        with self.state.lock:
            self.state.accounts[login.lower()] = account
        return account

    def add_repo(
        self,
        owner: str,
        name: str,
        *,
        private: bool = False,
        description: str | None = None,
        topics: Iterable[str] = (),
        files: Mapping[str, str] | None = None,
    ) -> RepoRecord:
        """Create a repository directly (as if made on github.com); ``files`` gives it a commit."""
        record = self.create_repo_record(owner, name, private=private, description=description)
        record.topics = list(topics)
        if files:
            self.seed_history(owner, name, files)
        return record

    def create_repo_record(self, owner: str, name: str, **attributes: Any) -> RepoRecord:
        """Register a repository and its empty bare git repository (what POST .../repos does)."""
        account = self.state.account(owner)
        if account is None:
            raise ValueError(f"no account {owner!r}")
        record = RepoRecord(owner=account.login, name=name, id=next(self._ids), **attributes)
        bare = self.bare_path(record.owner, name)
        bare.parent.mkdir(parents=True, exist_ok=True)
        _run_git(["init", "-q", "--bare", "-b", "main", str(bare)])
        _run_git(["config", "http.receivepack", "true"], cwd=bare)
        hook = bare / "hooks" / "pre-receive"
        hook.write_text(
            f'#!/bin/sh\nif [ -f "{self.reject_file}" ]; then cat "{self.reject_file}" >&2; exit 1; fi\nexit 0\n',
            encoding="utf-8",
        )
        hook.chmod(0o755)
        with self.state.lock:
            self.state.repos[(record.owner.lower(), name.lower())] = record
        return record

    def seed_history(self, owner: str, name: str, files: Mapping[str, str]) -> str:
        """Commit ``files`` and push them to ``main`` of the bare repository; return the commit."""
        with tempfile.TemporaryDirectory() as work:
            work_dir = Path(work)
            _run_git(["init", "-q", "-b", "main", str(work_dir)])
            for relative, text in files.items():
                path = work_dir / relative
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
            _run_git(["add", "-A"], cwd=work_dir)
            _run_git(["commit", "-q", "-m", "Existing history"], cwd=work_dir)
            _run_git(["push", "-q", str(self.bare_path(owner, name)), "main:main"], cwd=work_dir)
            return _run_git(["rev-parse", "HEAD"], cwd=work_dir)

    def repo(self, owner: str, name: str) -> RepoRecord | None:
        """The repository record, or None."""
        return self.state.repo(owner, name)

    def bare_path(self, owner: str, name: str) -> Path:
        """Where the repository's git data lives (canonical owner spelling)."""
        account = self.state.account(owner)
        return self.git_root / (account.login if account else owner) / f"{name}.git"

    def clone_url(self, owner: str, name: str) -> str:
        return f"{self.base_url}{GIT_PREFIX}/{owner}/{name}.git"

    def refs(self, owner: str, name: str) -> dict[str, str]:
        """``{ref: commit}`` of the bare repository (read from disk, no HTTP)."""
        output = _run_git(["for-each-ref", "--format=%(refname) %(objectname)"], cwd=self.bare_path(owner, name))
        return dict(line.split(" ", 1) for line in output.splitlines() if line)

    def reject_pushes(self, message: str = "pushes are disabled by a test hook") -> None:
        """Make every repository's ``pre-receive`` hook decline pushes with ``message``."""
        self.reject_file.write_text(message + "\n", encoding="utf-8")

    def fail_after_create(self, times: int = 1) -> None:
        """The next ``times`` repository creations succeed but answer 502 (a response lost on the way)."""
        self.failing_creates = times

    def allow_pushes(self) -> None:
        self.reject_file.unlink(missing_ok=True)

    def inject(self, fault: Fault) -> Fault:
        """Misbehave as ``fault`` says (see "Fault injection" below); its ``hits`` count requests."""
        with self.state.lock:
            self.faults.append(fault)
        return fault

    def calls(self, method: str, path_pattern: str) -> list[str]:
        """Paths of the requests with ``method`` whose path matches the regex ``path_pattern``."""
        with self.state.lock:
            return [p for m, p in self.state.requests if m == method and re.search(path_pattern, p)]

    # -- pull requests, commit statuses, memberships ----------------------------------------------
    def pulls(self, owner: str, name: str) -> list[PullRecord]:
        """The repository's pull requests, oldest first."""
        with self.state.lock:
            return list(self.state.pulls.get((owner.lower(), name.lower()), []))

    def push_commit(
        self, owner: str, name: str, files: Mapping[str, str], branch: str = "main", message: str = "A student's change"
    ) -> str:
        """Commit ``files`` on top of ``branch`` (as someone pushing from their laptop); return the commit."""
        with tempfile.TemporaryDirectory() as work:
            clone = Path(work) / "clone"
            _run_git(["clone", "-q", "-b", branch, str(self.bare_path(owner, name)), str(clone)])
            for relative, text in files.items():
                path = clone / relative
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
            _run_git(["add", "-A"], cwd=clone)
            _run_git(["commit", "-q", "-m", message], cwd=clone)
            _run_git(["push", "-q", "origin", branch], cwd=clone)
            return _run_git(["rev-parse", "HEAD"], cwd=clone)

    def show_file(self, owner: str, name: str, ref: str, path: str) -> str:
        """A file's text at ``ref`` (a branch or commit) of the bare repository."""
        return _run_git(["show", f"{ref}:{path}"], cwd=self.bare_path(owner, name))

    def add_status(
        self,
        owner: str,
        name: str,
        ref: str,
        state: str,
        description: str,
        context: str = "portfolio/docs",
        target_url: str | None = None,
    ) -> dict[str, Any]:
        """Record a commit status on ``ref`` (a commit, or a branch resolved now) as POST .../statuses does."""
        bare = self.bare_path(owner, name)
        sha = ref if re.fullmatch(r"[0-9a-f]{40}", ref) else _run_git(["rev-parse", ref], cwd=bare)
        with self.state.lock:
            by_sha = self.state.statuses.setdefault((owner.lower(), name.lower()), {})
            status = {
                "id": next(self._ids),
                "state": state,
                "description": description,
                "context": context,
                "target_url": target_url,
                "created_at": _now(),
                "updated_at": _now(),
            }
            by_sha.setdefault(sha, []).insert(0, status)  # newest first, as GitHub lists them
        return status

    def branch_commit(self, owner: str, name: str, branch: str) -> str | None:
        """The commit of ``branch`` read from the bare repository's files (no git process), or None.

        A class of 1,000 answers 1,000 status requests: a subprocess per request would measure
        this stand-in, not the code under test.
        """
        bare = self.bare_path(owner, name)
        loose = bare / "refs" / "heads" / branch
        if loose.is_file():
            return loose.read_text(encoding="ascii").strip()
        packed = bare / "packed-refs"
        if packed.is_file():
            for line in packed.read_text(encoding="ascii").splitlines():
                sha, _, ref = line.partition(" ")
                if ref == f"refs/heads/{branch}":
                    return sha
        return None

    def combined_status(self, record: RepoRecord, viewer: str | None, ref: str) -> dict[str, Any]:
        """GitHub's combined status of ``ref``: the newest status per context, and an overall state."""
        bare = self.bare_path(record.owner, record.name)
        sha = self.branch_commit(record.owner, record.name, ref)
        if sha is None:
            try:
                sha = _run_git(["rev-parse", "--verify", f"{ref}^{{commit}}"], cwd=bare)
            except subprocess.CalledProcessError:
                raise _Reply(422, {"message": f"No commit found for SHA: {ref}"}) from None
        with self.state.lock:
            every = self.state.statuses.get((record.owner.lower(), record.name.lower()), {}).get(sha, [])
            latest: dict[str, dict[str, Any]] = {}
            for status in every:
                latest.setdefault(status["context"], status)
        states = {status["state"] for status in latest.values()}
        overall = (
            "failure"
            if states & {"failure", "error"}
            else "pending"
            if "pending" in states or not states
            else "success"
        )
        return {
            "state": overall,
            "sha": sha,
            "total_count": len(latest),
            "statuses": list(latest.values()),
            "repository": self.repo_json(record, viewer),
            "commit_url": f"{self.api_url}/repos/{record.full_name}/commits/{sha}",
            "url": f"{self.api_url}/repos/{record.full_name}/commits/{sha}/status",
        }

    def pull_json(self, record: RepoRecord, pull: PullRecord) -> dict[str, Any]:
        refs = self.refs(record.owner, record.name)
        user = self.state.account(pull.user)
        assert user is not None
        api = f"{self.api_url}/repos/{record.full_name}"

        def side(branch: str) -> dict[str, Any]:
            return {
                "label": f"{record.owner}:{branch}",
                "ref": branch,
                "sha": refs.get(f"refs/heads/{branch}", ""),
                "repo": self.repo_json(record, None),
            }

        return {
            "id": pull.id,
            "node_id": f"PR_{pull.id}",
            "number": pull.number,
            "state": pull.state,
            "title": pull.title,
            "body": pull.body,
            "draft": pull.draft,
            "locked": False,
            "user": self.account_json(user),
            "head": side(pull.head),
            "base": side(pull.base),
            "merged": False,
            "created_at": pull.created_at,
            "updated_at": pull.created_at,
            "url": f"{api}/pulls/{pull.number}",
            "html_url": f"{self.base_url}{GIT_PREFIX}/{record.full_name}/pull/{pull.number}",
        }

    # -- JSON shapes ----------------------------------------------------------------------------
    def account_json(self, account: Account) -> dict[str, Any]:
        kind = "orgs" if account.type == "Organization" else "users"
        data: dict[str, Any] = {
            "login": account.login,
            "id": account.id,
            "node_id": f"U_{account.id}",
            "avatar_url": f"{self.base_url}/avatars/{account.login}",
            "url": f"{self.api_url}/{kind}/{account.login}",
            "html_url": f"{self.base_url}/{account.login}",
            "repos_url": f"{self.api_url}/{kind}/{account.login}/repos",
            "type": account.type,
            "site_admin": False,
        }
        if account.type == "Organization":
            data["description"] = None
        return data

    def repo_json(self, record: RepoRecord, viewer: str | None) -> dict[str, Any]:
        owner = self.state.account(record.owner)
        assert owner is not None
        api = f"{self.api_url}/repos/{record.full_name}"
        writable = self.state.can_write(viewer, record)
        empty = self.branch_commit(record.owner, record.name, "main") is None and not self.refs(
            record.owner, record.name
        )
        return {
            "id": record.id,
            "node_id": f"R_{record.id}",
            "name": record.name,
            "full_name": record.full_name,
            "private": record.private,
            "visibility": "private" if record.private else "public",
            "owner": self.account_json(owner),
            "html_url": f"{self.base_url}{GIT_PREFIX}/{record.full_name}",
            "description": record.description,
            "fork": False,
            "url": api,
            "clone_url": self.clone_url(record.owner, record.name),
            "git_url": f"git://127.0.0.1:{self.port}/{record.full_name}.git",
            "ssh_url": f"git@127.0.0.1:{record.full_name}.git",
            "homepage": record.homepage,
            "size": 0 if empty else 1,
            "stargazers_count": 0,
            "watchers_count": 0,
            "forks_count": 0,
            "open_issues_count": 0,
            "language": None,
            "default_branch": "main",
            "topics": list(record.topics),
            "archived": False,
            "disabled": False,
            "has_issues": True,
            "created_at": record.created_at,
            "updated_at": record.created_at,
            "pushed_at": None if empty else record.created_at,
            "permissions": {
                "admin": writable,
                "maintain": writable,
                "push": writable,
                "triage": writable,
                "pull": True,
            },
        }


# -- HTTP -----------------------------------------------------------------------------------------
class _Reply(Exception):
    """Raised inside a route to send a status and JSON body."""

    def __init__(self, status: int, body: Any = None, headers: Mapping[str, str] | None = None) -> None:
        super().__init__(status)
        self.status, self.body, self.headers = status, body, dict(headers or {})


def _not_found() -> _Reply:
    return _Reply(404, {"message": "Not Found", "documentation_url": "https://docs.github.com/rest", "status": "404"})


def _unprocessable(message: str, errors: list[dict[str, str]]) -> _Reply:
    return _Reply(
        422,
        {"message": message, "errors": errors, "documentation_url": "https://docs.github.com/rest", "status": "422"},
    )


def _handler_for(hub: FakeGitHub) -> type[BaseHTTPRequestHandler]:
    class Handler(_Handler):
        github = hub

    return Handler


class _Handler(BaseHTTPRequestHandler):
    github: FakeGitHub
    server_version = "FakeGitHub/1.0"

    def log_message(self, format: str, *args: Any) -> None:  # quiet test output
        pass

    def do_GET(self) -> None:
        self._dispatch("GET")

    def do_POST(self) -> None:
        self._dispatch("POST")

    def do_PUT(self) -> None:
        self._dispatch("PUT")

    def do_PATCH(self) -> None:
        self._dispatch("PATCH")

    def do_DELETE(self) -> None:
        self._dispatch("DELETE")

    # -- plumbing ---------------------------------------------------------------------------------
    def _dispatch(self, method: str) -> None:
        url = urlsplit(self.path)
        with self.github.state.lock:
            self.github.state.requests.append((method, url.path))
        if _apply_fault(self, method, url.path):
            return
        try:
            if url.path.startswith(AVATAR_PREFIX):
                _serve_avatar(self, url.path[len(AVATAR_PREFIX) :])
                return
            if url.path.startswith(GIT_PREFIX + "/"):
                self._serve_git(method, url.path[len(GIT_PREFIX) :], url.query)
                return
            if not url.path.startswith(API_PREFIX + "/"):
                raise _not_found()
            self._serve_api(method, url.path[len(API_PREFIX) :], parse_qs(url.query))
        except _Reply as reply:
            self._send_json(reply.status, reply.body, reply.headers)

    def _send_json(self, status: int, body: Any, headers: Mapping[str, str] | None = None) -> None:
        payload = b"" if body is None else json.dumps(body).encode()
        self.send_response(status)
        if body is not None:
            self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("X-GitHub-Media-Type", "github.v3; format=json")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if payload:
            self.wfile.write(payload)

    def _body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    self.rfile.readline()
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _json_body(self) -> dict[str, Any]:
        raw = self._body()
        try:
            data = json.loads(raw or b"{}")
        except ValueError:
            raise _Reply(400, {"message": "Problems parsing JSON"}) from None
        if not isinstance(data, dict):
            raise _Reply(400, {"message": "Problems parsing JSON"})
        return data

    def _token(self) -> str | None:
        """The token from ``token X``, ``Bearer X`` or Basic (password = token)."""
        header = self.headers.get("Authorization", "")
        scheme, _, value = header.partition(" ")
        if scheme.lower() in {"token", "bearer"}:
            return value.strip()
        if scheme.lower() == "basic":
            try:
                decoded = base64.b64decode(value.strip()).decode()
            except ValueError:
                return ""
            return decoded.partition(":")[2]
        return None

    def _viewer(self, *, required: bool) -> str | None:
        """The login behind the request's token; 401 for a bad token (or none when required)."""
        token = self._token()
        if token is None:
            if required:
                raise _Reply(
                    401,
                    {
                        "message": "Requires authentication",
                        "documentation_url": "https://docs.github.com/rest",
                        "status": "401",
                    },
                )
            return None
        login = self.github.state.tokens.get(token)
        if login is None:
            raise _Reply(
                401,
                {"message": "Bad credentials", "documentation_url": "https://docs.github.com/rest", "status": "401"},
            )
        return login

    # -- REST -----------------------------------------------------------------------------------
    def _serve_api(self, method: str, path: str, query: dict[str, list[str]]) -> None:
        hub, state = self.github, self.github.state
        parts = [part for part in path.split("/") if part]
        with state.lock:
            route = (method, *[p if i % 2 == 0 else "*" for i, p in enumerate(parts)])
            if (method, *parts) == ("GET", "user"):
                viewer = self._viewer(required=True)
                account = state.account(viewer or "")
                assert account is not None
                raise _Reply(200, hub.account_json(account))
            if (method, *parts) == ("GET", "user", "repos"):
                viewer = self._viewer(required=True)
                records = [r for r in state.repos.values() if state.can_write(viewer, r) or viewer in r.collaborators]
                self._paginated(records, viewer, query)
            if route == ("GET", "users", "*"):
                self._viewer(required=False)
                account = self._account(parts[1], "User")
                raise _Reply(200, {**hub.account_json(account), **hub.index_site.profile(account.login)})
            if route == ("GET", "users", "*", "repos"):
                viewer = self._viewer(required=False)
                account = self._account(parts[1], "User")
                records = [r for r in state.repos.values() if r.owner == account.login and not r.private]
                self._paginated(records, viewer, query)
            if route == ("GET", "orgs", "*"):
                self._viewer(required=False)
                raise _Reply(200, hub.account_json(self._account(parts[1], "Organization")))
            if route == ("GET", "orgs", "*", "repos"):
                viewer = self._viewer(required=False)
                account = self._account(parts[1], "Organization")
                records = [r for r in state.repos.values() if r.owner == account.login and state.can_read(viewer, r)]
                self._paginated(records, viewer, query)
            if (method, *parts) == ("POST", "user", "repos"):
                viewer = self._viewer(required=True)
                assert viewer is not None
                self._create_repo(viewer, viewer)
            if route == ("POST", "orgs", "*", "repos"):
                viewer = self._viewer(required=True)
                account = self._account(parts[1], "Organization")
                if viewer not in account.members:
                    raise _Reply(
                        403,
                        {
                            "message": "You need admin access to the organization before adding a repository to it.",
                            "documentation_url": "https://docs.github.com/rest",
                            "status": "403",
                        },
                    )
                assert viewer is not None
                self._create_repo(viewer, account.login)
            if method == "GET" and len(parts) == 4 and parts[:3] == ["user", "memberships", "orgs"]:
                self._serve_membership(self._viewer(required=True), parts[3])
            if len(parts) >= 3 and parts[0] == "repos":
                self._serve_repo(method, parts[1], parts[2], parts[3:])
        raise _not_found()

    def _account(self, login: str, kind: str) -> Account:
        account = self.github.state.account(login)
        if account is None or account.type != kind:
            raise _not_found()
        return account

    def _create_repo(self, viewer: str, owner: str) -> None:
        data = self._json_body()
        name = data.get("name")
        if not isinstance(name, str) or not name:
            raise _unprocessable(
                "Repository creation failed.", [{"resource": "Repository", "code": "missing_field", "field": "name"}]
            )
        if not _NAME.match(name) or name in {".", ".."}:
            raise _unprocessable(
                "Repository creation failed.",
                [{"resource": "Repository", "code": "custom", "field": "name", "message": "name is invalid"}],
            )
        if self.github.state.repo(owner, name) is not None:
            raise _unprocessable(
                "Repository creation failed.",
                [
                    {
                        "resource": "Repository",
                        "code": "custom",
                        "field": "name",
                        "message": "name already exists on this account",
                    }
                ],
            )
        private = bool(data.get("private", False)) or data.get("visibility") == "private"
        record = self.github.create_repo_record(
            owner,
            name,
            private=private,
            created_by=viewer,
            description=data.get("description") or None,
            homepage=data.get("homepage") or None,
        )
        if self.github.failing_creates > 0:
            self.github.failing_creates -= 1
            raise _Reply(502, {"message": "Server Error"})
        raise _Reply(
            201, self.github.repo_json(record, viewer), {"Location": f"{self.github.api_url}/repos/{record.full_name}"}
        )

    def _serve_repo(self, method: str, owner: str, name: str, rest: list[str]) -> None:
        state = self.github.state
        viewer = self._viewer(required=False)
        record = state.repo(owner, name)
        if record is None or not state.can_read(viewer, record):
            raise _not_found()
        if method == "GET" and not rest:
            raise _Reply(200, self.github.repo_json(record, viewer))
        if rest == ["pages"]:
            _serve_pages(self, method, record, viewer)
        if rest == ["topics"]:
            if method == "GET":
                raise _Reply(200, {"names": list(record.topics)})
            if method == "PUT":
                self._require_write(viewer, record)
                names = self._json_body().get("names")
                if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
                    raise _unprocessable(
                        "Invalid request.", [{"resource": "Repository", "code": "invalid", "field": "names"}]
                    )
                invalid = [n for n in names if not _TOPIC.match(n)]
                if invalid or len(names) > 20:
                    raise _unprocessable(
                        "Validation Failed",
                        [
                            {
                                "resource": "Repository",
                                "code": "invalid",
                                "field": "topics",
                                "message": f"{', '.join(invalid) or 'too many'} is not a valid topic.",
                            }
                        ],
                    )
                record.topics = list(dict.fromkeys(names))
                raise _Reply(200, {"names": list(record.topics)})
        if len(rest) == 2 and rest[0] == "collaborators":
            login = rest[1]
            if method == "GET":
                if viewer is None:
                    raise _Reply(401, {"message": "Requires authentication"})
                raise _Reply(
                    204 if login in record.collaborators else 404,
                    None if login in record.collaborators else {"message": "Not Found"},
                )
            if method == "PUT":
                self._require_write(viewer, record)
                user = state.account(login)
                if user is None or user.type != "User":
                    raise _not_found()
                permission = self._json_body().get("permission", "push")
                if permission not in _PERMISSIONS:
                    raise _unprocessable(
                        "Validation Failed", [{"resource": "Repository", "code": "invalid", "field": "permission"}]
                    )
                if user.login in record.collaborators:
                    record.collaborators[user.login] = permission
                    raise _Reply(204)
                record.collaborators[user.login] = permission
                owner_account = state.account(viewer or "")
                assert owner_account is not None
                raise _Reply(
                    201,
                    {
                        "id": next(self.github._ids),
                        "node_id": "RI_1",
                        "repository": self.github.repo_json(record, viewer),
                        "invitee": self.github.account_json(user),
                        "inviter": self.github.account_json(owner_account),
                        "permissions": "write" if permission == "push" else permission,
                        "created_at": _now(),
                        "expired": False,
                        "url": f"{self.github.api_url}/user/repository_invitations/1",
                        "html_url": f"{self.github.base_url}{GIT_PREFIX}/{record.full_name}/invitations",
                    },
                )
        if rest and rest[0] in {"pulls", "statuses", "commits"}:
            self._serve_collaboration(method, record, viewer, rest)
        raise _not_found()

    def _require_write(self, viewer: str | None, record: RepoRecord) -> None:
        if viewer is None:
            raise _Reply(401, {"message": "Requires authentication"})
        if not self.github.state.can_write(viewer, record):
            raise _Reply(
                403,
                {
                    "message": "Must have admin rights to Repository.",
                    "documentation_url": "https://docs.github.com/rest",
                    "status": "403",
                },
            )

    def _paginated(self, records: list[RepoRecord], viewer: str | None, query: dict[str, list[str]]) -> None:
        """A page of repositories with GitHub's ``Link`` header (``next``/``last``/...)."""
        per_page = max(1, min(100, int(query.get("per_page", ["30"])[0])))
        page = max(1, int(query.get("page", ["1"])[0]))
        records = sorted(records, key=lambda r: r.full_name.lower())
        last = max(1, -(-len(records) // per_page))
        items = records[(page - 1) * per_page : page * per_page]
        base = f"http://127.0.0.1:{self.github.port}{urlsplit(self.path).path}"
        flat = {k: v[0] for k, v in query.items()}

        def link(number: int, rel: str) -> str:
            return f'<{base}?{urlencode({**flat, "per_page": per_page, "page": number})}>; rel="{rel}"'

        links = []
        if page < last:
            links += [link(page + 1, "next"), link(last, "last")]
        if page > 1:
            links += [link(1, "first"), link(page - 1, "prev")]
        raise _Reply(
            200, [self.github.repo_json(r, viewer) for r in items], {"Link": ", ".join(links)} if links else None
        )

    # -- pull requests, commit statuses, memberships ----------------------------------------------
    # What `cohort update --org` (branches + pull requests), the composite action (statuses) and
    # the permission check before a cohort (memberships) talk to. Kept apart from the rest.
    def _serve_membership(self, viewer: str | None, org: str) -> None:
        """``GET /user/memberships/orgs/{org}``: 404 unless the viewer is a member."""
        hub = self.github
        account = self._account(org, "Organization")
        if viewer is None or viewer not in account.members:
            raise _not_found()
        user = hub.state.account(viewer)
        assert user is not None
        raise _Reply(
            200,
            {
                "url": f"{hub.api_url}/orgs/{account.login}/memberships/{viewer}",
                "state": "active",
                "role": "admin" if viewer in hub.org_admins else "member",
                "organization": hub.account_json(account),
                "user": hub.account_json(user),
            },
        )

    def _serve_collaboration(self, method: str, record: RepoRecord, viewer: str | None, rest: list[str]) -> None:
        hub, state = self.github, self.github.state
        key = (record.owner.lower(), record.name.lower())
        pulls = state.pulls.setdefault(key, [])
        if rest == ["pulls"] and method == "GET":
            query = parse_qs(urlsplit(self.path).query)
            wanted_state = query.get("state", ["open"])[0]
            head = query.get("head", [""])[0].partition(":")[2] or None
            base = query.get("base", [None])[0]
            found = [
                p
                for p in pulls
                if wanted_state in {"all", p.state}
                and (head is None or p.head == head)
                and (base is None or p.base == base)
            ]
            raise _Reply(200, [hub.pull_json(record, p) for p in found])
        if rest == ["pulls"] and method == "POST":
            self._require_write(viewer, record)
            data = self._json_body()
            head, base = str(data.get("head", "")).rpartition(":")[2], str(data.get("base", ""))
            refs = hub.refs(record.owner, record.name)
            if f"refs/heads/{head}" not in refs or f"refs/heads/{base}" not in refs:
                raise _unprocessable(
                    "Validation Failed",
                    [{"resource": "PullRequest", "code": "invalid", "field": "head" if base else "base"}],
                )
            if any(p.head == head and p.base == base and p.state == "open" for p in pulls):
                raise _unprocessable(
                    "Validation Failed",
                    [
                        {
                            "resource": "PullRequest",
                            "code": "custom",
                            "message": f"A pull request already exists for {record.owner}:{head}.",
                        }
                    ],
                )
            assert viewer is not None
            pull = PullRecord(
                number=len(pulls) + 1,
                id=next(hub._ids),
                title=str(data.get("title", "")),
                body=str(data.get("body") or ""),
                head=head,
                base=base,
                draft=bool(data.get("draft", False)),
                user=viewer,
            )
            pulls.append(pull)
            raise _Reply(201, hub.pull_json(record, pull))
        if len(rest) == 2 and rest[0] == "pulls" and rest[1].isdigit():
            pull = next((p for p in pulls if p.number == int(rest[1])), None)
            if pull is None:
                raise _not_found()
            if method == "PATCH":
                self._require_write(viewer, record)
                data = self._json_body()
                pull.title = str(data.get("title", pull.title))
                pull.body = str(data.get("body", pull.body))
                pull.state = str(data.get("state", pull.state))
            raise _Reply(200, hub.pull_json(record, pull))
        if len(rest) == 2 and rest[0] == "statuses" and method == "POST":
            self._require_write(viewer, record)
            data = self._json_body()
            if data.get("state") not in {"error", "failure", "pending", "success"}:
                raise _unprocessable("Validation Failed", [{"resource": "Status", "code": "custom", "field": "state"}])
            status = hub.add_status(
                record.owner,
                record.name,
                rest[1],
                str(data["state"]),
                str(data.get("description") or ""),
                str(data.get("context") or "default"),
                data.get("target_url"),
            )
            raise _Reply(201, status)
        if len(rest) == 3 and rest[0] == "commits" and rest[2] == "status" and method == "GET":
            raise _Reply(200, hub.combined_status(record, viewer, rest[1]))
        raise _not_found()

    # -- git smart HTTP -------------------------------------------------------------------------
    def _serve_git(self, method: str, path: str, query: str) -> None:
        match = re.match(r"^/([^/]+)/([^/]+?)(?:\.git)?(/.*)?$", path)
        if not match:
            raise _not_found()
        owner, name, rest = match.group(1), match.group(2), match.group(3) or ""
        state = self.github.state
        record = state.repo(owner, name)
        write = rest == "/git-receive-pack" or "service=git-receive-pack" in query
        token = self._token()
        login = state.tokens.get(token) if token else None
        readable = record is not None and state.can_read(login, record)
        if record is None or (not readable and not write):
            if token is None and record is not None:
                raise _Reply(401, {"message": "Authentication required"}, {"WWW-Authenticate": 'Basic realm="GitHub"'})
            raise _Reply(404, {"message": "Repository not found."})
        if write and not state.can_write(login, record):
            if login is None:
                raise _Reply(401, {"message": "Authentication required"}, {"WWW-Authenticate": 'Basic realm="GitHub"'})
            raise _Reply(403, {"message": f"Permission to {record.full_name}.git denied to {login}."})
        if not rest:  # the html_url: a browser would get a page here
            raise _Reply(200, {"full_name": record.full_name})
        body = self._body()
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "GIT_PROJECT_ROOT": str(self.github.git_root),
            "GIT_HTTP_EXPORT_ALL": "1",
            "PATH_INFO": f"/{record.owner}/{record.name}.git{rest}",
            "REQUEST_METHOD": method,
            "QUERY_STRING": query,
            "CONTENT_TYPE": self.headers.get("Content-Type", ""),
            "CONTENT_LENGTH": str(len(body)),
            "REMOTE_USER": login or "",
            "REMOTE_ADDR": "127.0.0.1",
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_CONFIG_GLOBAL": os.devnull,
            "HOME": str(self.github.root),
        }
        for header, variable in (("Content-Encoding", "HTTP_CONTENT_ENCODING"), ("Git-Protocol", "GIT_PROTOCOL")):
            if self.headers.get(header):
                env[variable] = self.headers[header]
        result = subprocess.run(
            ["git", "http-backend"], input=body, env=env, capture_output=True, timeout=120, check=False
        )
        head, _, payload = result.stdout.partition(b"\r\n\r\n")
        if not _ and b"\n\n" in result.stdout:
            head, _, payload = result.stdout.partition(b"\n\n")
        status, headers = 200, []
        for line in head.decode("latin-1").splitlines():
            key, _, value = line.partition(":")
            if key.lower() == "status":
                status = int(value.strip().split()[0])
            elif key:
                headers.append((key, value.strip()))
        self.send_response(status)
        for key, value in headers:
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)


def _run_git(args: list[str], cwd: Path | None = None) -> str:
    git = shutil.which("git") or "git"
    env = {**os.environ, **_GIT_IDENTITY}
    result = subprocess.run([git, *args], cwd=cwd, env=env, capture_output=True, text=True, check=True)
    return result.stdout.strip()


# -- Fault injection ------------------------------------------------------------------------------
# Added for the bad-input corpus (tests/test_bad_input.py): the server misbehaves the ways real
# networks and GitHub do. Arrange with FakeGitHub.inject(Fault(...)); the first matching fault
# with uses left handles the request instead of the normal routes.
@dataclass
class Fault:
    """How to misbehave for requests whose method and path match.

    ``kind``: ``reply`` answers ``status`` with ``body``/``headers`` (5xx, 403 secondary rate
    limit with ``Retry-After``...); ``stall`` sends nothing until the test ends (a hung server);
    ``slow`` waits ``delay`` seconds, then serves normally; ``cut`` reads the request, starts a
    response and closes the connection mid-way (a push that dies).
    """

    path: str  # regex searched in the request path
    kind: str = "reply"
    method: str = "*"
    status: int = 500
    body: Any = None
    headers: Mapping[str, str] = field(default_factory=dict)
    delay: float = 0.0
    times: int = -1  # how many requests it applies to; -1: all
    hits: int = 0


def _apply_fault(handler: _Handler, method: str, path: str) -> bool:
    """Handle the request with the first matching fault; False when none applies."""
    hub = handler.github
    with hub.state.lock:
        fault = next(
            (f for f in hub.faults if f.times != 0 and f.method in ("*", method) and re.search(f.path, path)), None
        )
        if fault is None:
            return False
        fault.hits += 1
        if fault.times > 0:
            fault.times -= 1
    if fault.kind == "slow":
        hub.released.wait(fault.delay)
        return False
    if fault.kind == "stall":
        hub.released.wait(600)
        handler.close_connection = True
        return True
    if fault.kind == "cut":
        handler._body()
        handler.send_response(200)
        handler.send_header("Content-Type", "application/x-git-receive-pack-result")
        handler.send_header("Content-Length", "100000")
        handler.end_headers()
        handler.wfile.write(b"000eunpack ok\n")
        handler.wfile.flush()
        handler.close_connection = True
        return True
    handler._body()
    handler._send_json(fault.status, fault.body, fault.headers)
    return True


# -- portfolio index: profiles, avatars and GitHub Pages (issue 16) ------------------------------------
# The owner header reads ``GET /users/{login}`` (name, bio, location, blog) and downloads
# ``avatar_url``; publishing to Pages reads and creates ``/repos/{owner}/{repo}/pages``. Kept here,
# apart from the rest, so other extensions of the stand-in do not collide with it.


@dataclass
class IndexSiteState:
    """Profile fields per user, which avatars are served, and each repository's Pages site."""

    profiles: dict[str, dict[str, Any]] = field(default_factory=dict)  # lower-case login -> fields
    pages: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)  # lower-case key -> source
    avatar_requests: list[tuple[str, str | None]] = field(default_factory=list)  # (login, Authorization)

    def set_profile(self, login: str, **fields: Any) -> None:
        """GitHub's profile fields for ``login``: ``name``, ``bio``, ``location``, ``blog``…"""
        self.profiles[login.lower()] = fields

    def profile(self, login: str) -> dict[str, Any]:
        base = {"name": None, "bio": None, "location": None, "blog": "", "twitter_username": None}
        return {**base, **self.profiles.get(login.lower(), {})}


def pages_url(owner: str, name: str) -> str:
    """The address GitHub gives a Pages site: the user site at the root, others under their name."""
    host = f"https://{owner.lower()}.github.io/"
    return host if name.lower() == f"{owner.lower()}.github.io" else f"{host}{name}/"


def _serve_pages(handler: _Handler, method: str, record: RepoRecord, viewer: str | None) -> None:
    hub = handler.github
    key = (record.owner.lower(), record.name.lower())
    source = hub.index_site.pages.get(key)

    def site(current: dict[str, str]) -> dict[str, Any]:
        return {
            "url": f"{hub.api_url}/repos/{record.full_name}/pages",
            "status": "built",
            "cname": None,
            "custom_404": False,
            "html_url": pages_url(record.owner, record.name),
            "source": current,
            "public": True,
            "https_enforced": True,
            "build_type": "legacy",
        }

    if method == "GET":
        if source is None:
            raise _not_found()
        raise _Reply(200, site(source))
    if method == "POST":
        handler._require_write(viewer, record)
        if source is not None:
            raise _Reply(409, {"message": "GitHub Pages is already enabled.", "status": "409"})
        wanted = handler._json_body().get("source") or {}
        branch = wanted.get("branch") if isinstance(wanted, dict) else None
        if f"refs/heads/{branch}" not in hub.refs(record.owner, record.name):
            raise _unprocessable(
                "Invalid request.",
                [
                    {
                        "resource": "Page",
                        "code": "invalid",
                        "field": "source",
                        "message": f"The {branch} branch must exist before GitHub Pages can be built.",
                    }
                ],
            )
        hub.index_site.pages[key] = {"branch": str(branch), "path": str(wanted.get("path") or "/")}
        raise _Reply(201, site(hub.index_site.pages[key]))
    raise _not_found()


def _serve_avatar(handler: _Handler, login: str) -> None:
    """A small PNG per known user, as avatars.githubusercontent.com would serve it."""
    hub = handler.github
    hub.index_site.avatar_requests.append((login, handler.headers.get("Authorization")))
    if hub.state.account(login) is None:
        raise _not_found()
    payload = solid_png(48, 48, (0x40, 0x80, 0xC0))
    handler.send_response(200)
    handler.send_header("Content-Type", "image/png")
    handler.send_header("Content-Length", str(len(payload)))
    handler.end_headers()
    handler.wfile.write(payload)


def solid_png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A valid one-colour PNG, made without an imaging library."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
