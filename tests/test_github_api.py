"""Token lookup, API URL, pacing and scrubbing (github_api) and the naming rules of publish."""

from __future__ import annotations

import base64
import os
import re
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.errors import GitHubError, TokenError, UsageError
from generator.github import api as github_api
from generator.github.plan import normalise_topics, project_description, repository_name
from tests.github_server import FakeGitHub
from tests.helpers import build_tree


def fake_gh(folder: Path, body: str) -> str:
    """A ``gh`` executable on a PATH of its own; returns that PATH."""
    build_tree(folder, {"gh": f"#!/bin/sh\n{body}\n"})
    (folder / "gh").chmod(0o755)
    return f"{folder}{os.pathsep}/usr/bin:/bin"


def test_token_order_github_token_then_gh_token(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("GH_TOKEN", "from-gh-token")
    assert github_api.resolve_token() == "from-gh-token"
    monkeypatch.setenv("GITHUB_TOKEN", "from-github-token")
    assert github_api.resolve_token() == "from-github-token"


def test_named_token_env_is_the_only_place_looked(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("GITHUB_TOKEN", "default")
    monkeypatch.setenv("CLASS_TOKEN", " class \n")
    assert github_api.resolve_token("CLASS_TOKEN") == "class"
    monkeypatch.delenv("CLASS_TOKEN")
    with pytest.raises(TokenError, match="CLASS_TOKEN is not set"):
        github_api.resolve_token("CLASS_TOKEN")


def test_gh_cli_token_is_the_last_resort(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.setenv("PATH", fake_gh(tmp_path / "ok", 'test "$1 $2" = "auth token" && echo gho_cli'))
    assert github_api.resolve_token() == "gho_cli"
    enterprise = 'test "$*" = "auth token --hostname ghe.example" && echo gho_enterprise'
    monkeypatch.setenv("PATH", fake_gh(tmp_path / "ghe", enterprise))
    assert github_api.resolve_token(None, "https://ghe.example/api/v3") == "gho_enterprise"
    monkeypatch.setenv("PATH", fake_gh(tmp_path / "logged-out", "echo 'not logged in' >&2; exit 1"))
    with pytest.raises(TokenError, match=r"GITHUB_TOKEN or GH_TOKEN.*--token-env.*gh auth login"):
        github_api.resolve_token()


def test_api_url_option_then_environment_then_github(monkeypatch: pytest.MonkeyPatch):
    assert github_api.api_url(None) == "https://api.github.com"
    monkeypatch.setenv("PORTFOLIO_GITHUB_API", "https://ghe.example/api/v3/")
    assert github_api.api_url(None) == "https://ghe.example/api/v3"
    assert github_api.api_url("http://127.0.0.1:9/api/v3") == "http://127.0.0.1:9/api/v3"
    with pytest.raises(UsageError, match="must start with https://"):
        github_api.api_url("ghe.example")


def test_scrub_masks_raw_and_basic_auth_forms():
    token = "ghp_secret123"
    blob = base64.b64encode(f"x-access-token:{token}".encode()).decode()
    text = f"failed with {token} and header Basic {blob}"
    assert github_api.scrub(text, token) == "failed with *** and header Basic ***"
    assert github_api.scrub("nothing here", "") == "nothing here"


@pytest.mark.slow
def test_write_pause_spaces_writes(github_server: FakeGitHub):
    """Two writes through a client with a 0.8 s pause are at least 0.8 s apart; with 0, not."""
    github_server.add_repo(github_server.login, "paced")
    for pause, check in ((0.8, lambda elapsed: elapsed >= 0.8), (0.0, lambda elapsed: elapsed < 0.8)):
        gh = github_api.client(github_server.token, github_server.api_url, write_pause=pause)
        repo = gh.get_repo("ada-learner/paced")
        started = time.monotonic()
        repo.replace_topics(["one"])
        repo.replace_topics(["two"])
        assert check(time.monotonic() - started)


def test_negative_write_pause_is_a_usage_error():
    with pytest.raises(UsageError):
        github_api.client("t", "https://api.github.com", write_pause=-1)


def test_api_errors_translate_statuses_without_the_token(github_server: FakeGitHub):
    gh = github_api.client(github_server.token, github_server.api_url, write_pause=0)
    with (
        pytest.raises(GitHubError) as caught,
        github_api.api_errors("looking", github_server.token, github_server.api_url),
    ):
        gh.get_repo("ada-learner/missing")
    assert caught.value.status == 404
    assert "GitHub answered 404 (Not Found)" in str(caught.value)
    bad = github_api.client("ghp_nope", github_server.api_url, write_pause=0)
    with pytest.raises(TokenError) as rejected, github_api.api_errors("checking", "ghp_nope", github_server.api_url):
        _ = bad.get_user().login
    assert rejected.value.status == 401 and "ghp_nope" not in str(rejected.value)


@pytest.mark.parametrize(
    ("topics", "expected"),
    [
        (["Machine Learning", "machine-learning", "scikit_learn"], ("machine-learning", "scikit-learn")),
        (["  ", "--", "R²", "Régression"], ("r2", "regression")),
        (["x" * 60], ("x" * 50,)),
    ],
)
def test_topics_follow_github_rules(topics: list[str], expected: tuple[str, ...]):
    assert normalise_topics(topics)[0] == expected


def test_more_than_twenty_topics_are_reported():
    kept, dropped = normalise_topics([f"t{i}" for i in range(23)])
    assert len(kept) == 20 and dropped == ["t20", "t21", "t22"]


@pytest.mark.parametrize(
    ("folder", "expected"),
    [
        ("Churn Model", "churn-model"),
        ("my_project.v2", "my-project-v2"),
        ("Ünïcode Ständ!", "unicode-stand"),
        ("!!!", "project"),
    ],
)
def test_repository_name_from_folder(folder: str, expected: str):
    assert repository_name(Path("/x") / folder, None) == expected


def test_generated_projects_recorded_repository_name_wins_over_folder():
    assert repository_name(Path("/x/work"), None, {"repo_name": "churn-2024"}) == "churn-2024"
    assert repository_name(Path("/x/work"), None, {"repo_name": "bad name"}) == "work"
    assert repository_name(Path("/x/work"), "Mine", {"repo_name": "churn-2024"}) == "Mine"


def test_explicit_repository_name_is_validated():
    assert repository_name(Path("/x/y"), "Keep.Case_1") == "Keep.Case_1"
    for bad in ("has space", "..", "a/b", "x" * 101):
        with pytest.raises(UsageError):
            repository_name(Path("/x/y"), bad)


def test_description_from_readme_skips_badges_and_comments(tmp_path: Path):
    build_tree(
        tmp_path,
        {
            "README.md": "<!-- guidance -->\n# Title\n\n[![ci](b.svg)](x)\n<!--\nmore\n-->\n"
            "> **Forecast** sales\n  weekly.\n\n## Data\n"
        },
    )
    assert project_description(tmp_path, {}) == "Forecast sales"
    assert project_description(tmp_path, {"description": "From  the\nanswers"}) == "From the answers"
    build_tree(tmp_path, {"README.md": "# Title\n\n## Straight to a section\n"})
    assert project_description(tmp_path, {}) == ""


@given(st.lists(st.text(max_size=80), max_size=40))
def test_normalised_topics_always_satisfy_github(topics: list[str]):
    kept, dropped = normalise_topics(topics)
    assert len(kept) <= 20 and len(set(kept)) == len(kept)
    assert all(re.fullmatch(r"[a-z0-9][a-z0-9-]{0,49}", topic) for topic in kept)
    assert not set(kept) & set(dropped)


@given(st.text(min_size=1, max_size=150).filter(lambda name: not {"/", "\0"} & set(name) and name.strip(".")))
def test_repository_names_from_any_folder_are_valid(folder: str):
    name = repository_name(Path("/x") / folder, None)
    assert re.fullmatch(r"[A-Za-z0-9._-]{1,100}", name) and name not in {".", ".."}
