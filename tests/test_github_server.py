"""The loopback GitHub itself: other test modules rely on its shapes, codes and git access rules."""

from __future__ import annotations

import json
import os
import subprocess
import urllib.request
from pathlib import Path
from urllib.error import HTTPError

import pytest

from tests.github_server import FakeGitHub
from tests.helpers import build_tree, git, git_init_commit


def call(hub: FakeGitHub, method: str, path: str, token: str | None, body: object = None):
    """(status, json or None) for one raw REST request."""
    request = urllib.request.Request(
        hub.api_url + path, method=method, data=None if body is None else json.dumps(body).encode()
    )
    if token is not None:
        request.add_header("Authorization", f"token {token}")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            raw = response.read()
            return response.status, json.loads(raw) if raw else None
    except HTTPError as error:
        raw = error.read()
        return error.code, json.loads(raw) if raw else None


def test_rest_status_codes_and_shapes(github_server: FakeGitHub):
    token = github_server.token
    assert call(github_server, "GET", "/user", None)[0] == 401
    assert call(github_server, "GET", "/user", "ghp_bad") == (
        401,
        {"message": "Bad credentials", "documentation_url": "https://docs.github.com/rest", "status": "401"},
    )
    status, user = call(github_server, "GET", "/user", token)
    assert status == 200 and user["login"] == "ada-learner" and user["type"] == "User"

    status, repo = call(github_server, "POST", "/user/repos", token, {"name": "demo", "private": True})
    assert status == 201
    assert repo["full_name"] == "ada-learner/demo" and repo["private"] is True
    assert repo["clone_url"] == f"{github_server.base_url}/git/ada-learner/demo.git"
    assert repo["url"] == f"{github_server.api_url}/repos/ada-learner/demo"
    status, again = call(github_server, "POST", "/user/repos", token, {"name": "demo"})
    assert status == 422 and again["message"] == "Repository creation failed."
    assert again["errors"] == [
        {"resource": "Repository", "code": "custom", "field": "name", "message": "name already exists on this account"}
    ]
    assert call(github_server, "GET", "/repos/ada-learner/demo", None)[0] == 404  # private
    assert call(github_server, "GET", "/repos/ada-learner/nope", token) == (
        404,
        {"message": "Not Found", "documentation_url": "https://docs.github.com/rest", "status": "404"},
    )
    topics = "/repos/ada-learner/demo/topics"
    assert call(github_server, "PUT", topics, token, {"names": ["ok", "Bad!"]})[0] == 422
    assert call(github_server, "PUT", topics, token, {"names": ["ml"]}) == (200, {"names": ["ml"]})
    assert call(github_server, "POST", "/orgs/nobody/repos", token, {"name": "x"})[0] == 404


def test_paginated_repository_lists_with_pygithub(github_server: FakeGitHub):
    from github import Auth, Github

    for number in range(35):
        github_server.add_repo(github_server.login, f"project-{number:02d}", private=number == 0)
    gh = Github(
        auth=Auth.Token(github_server.token),
        base_url=github_server.api_url,
        seconds_between_requests=0,
        seconds_between_writes=0,
    )
    mine = [repo.name for repo in gh.get_user().get_repos()]
    assert len(mine) == 35 and mine[0] == "project-00"
    public = [repo.name for repo in gh.get_user("ada-learner").get_repos()]
    assert len(public) == 34 and "project-00" not in public
    assert len(github_server.calls("GET", r"/user/repos$")) == 2  # two pages of 30


def test_git_remote_requires_the_token_to_push(github_server: FakeGitHub, tmp_path: Path):
    github_server.add_repo(github_server.login, "demo")
    work = git_init_commit(build_tree(tmp_path / "work", {"a.txt": "a\n"}))
    url = github_server.clone_url("ada-learner", "demo")
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0"}

    def push(*config: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["git", *config, "push", url, "main:main"], cwd=work, env=env, capture_output=True, text=True
        )

    assert push().returncode != 0
    assert push("-c", "http.extraHeader=Authorization: Bearer ghp_wrong").returncode != 0
    assert github_server.refs("ada-learner", "demo") == {}
    assert push("-c", f"http.extraHeader=Authorization: Bearer {github_server.token}").returncode == 0
    assert github_server.refs("ada-learner", "demo")["refs/heads/main"] == git(work, "rev-parse", "HEAD")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", url, str(clone)], env=env, check=True)
    assert (clone / "a.txt").read_text(encoding="utf-8") == "a\n"


def test_reject_hook_and_stop(github_server: FakeGitHub, tmp_path: Path):
    github_server.add_repo(github_server.login, "demo")
    work = git_init_commit(build_tree(tmp_path / "work", {"a.txt": "a\n"}))
    github_server.reject_pushes("closed for marking")
    result = subprocess.run(
        [
            "git",
            "-c",
            f"http.extraHeader=Authorization: Bearer {github_server.token}",
            "push",
            github_server.clone_url("ada-learner", "demo"),
            "main:main",
        ],
        cwd=work,
        capture_output=True,
        text=True,
        env={**os.environ, "GIT_TERMINAL_PROMPT": "0"},
    )
    assert result.returncode != 0 and "closed for marking" in result.stderr
    github_server.stop()
    with pytest.raises(OSError):
        urllib.request.urlopen(github_server.api_url + "/user", timeout=5)
