"""``portfolio new --publish``: render, commit and publish in one command, through a real subprocess."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.catalog.entries import load_catalog
from tests.github_server import FakeGitHub
from tests.helpers import AUTHOR, git, run_portfolio
from tests.test_publish import assert_token_nowhere, clone_back, one_error_line


def new_publish(hub: FakeGitHub, destination: Path, *extra: str, env: dict[str, str] | None = None):
    return run_portfolio(
        [
            "new",
            "classification",
            str(destination),
            "--defaults",
            "--author",
            AUTHOR,
            "--name",
            "Churn Predictor",
            "--publish",
            "--api-url",
            hub.api_url,
            "--write-pause",
            "0",
            *extra,
        ],
        env={"GITHUB_TOKEN": hub.token, **(env or {})},
    )


@pytest.mark.slow
def test_new_publish_creates_the_repository_and_pushes_head(github_server: FakeGitHub, tmp_path: Path):
    destination = tmp_path / "work"
    result = new_publish(github_server, destination, "--private", "--json")

    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    head = git(destination, "rev-parse", "HEAD")
    assert data["published"] == {
        "url": f"{github_server.base_url}/git/ada-learner/churn-predictor",
        "created": True,
        "pushed_commit": head,
    }
    record = github_server.repo("ada-learner", "churn-predictor")
    assert record is not None and record.private
    entry = load_catalog().get("classification")
    assert record.description == " ".join(entry.summary.split())
    assert record.topics == list(entry.topics)
    clone = clone_back(github_server, "ada-learner", "churn-predictor", tmp_path / "c", github_server.token)
    assert git(clone, "rev-parse", "HEAD") == head
    assert git(destination, "status", "--porcelain") == ""
    assert_token_nowhere(github_server.token, destination, result.stdout, result.stderr)


def test_new_publish_without_token_stops_before_rendering(github_server: FakeGitHub, tmp_path: Path):
    destination = tmp_path / "work"
    result = new_publish(github_server, destination, env={"GITHUB_TOKEN": "", "PATH": "/usr/bin:/bin"})
    assert result.returncode == 1
    assert "no GitHub token" in one_error_line(result.stderr)
    assert not destination.exists()
    assert github_server.state.requests == []


@pytest.mark.slow
def test_failed_publish_keeps_the_project_and_says_how_to_retry(github_server: FakeGitHub, tmp_path: Path):
    destination = tmp_path / "work"
    github_server.reject_pushes("quota exceeded")

    failed = new_publish(github_server, destination)

    assert failed.returncode == 1
    line = one_error_line(failed.stderr)
    assert "quota exceeded" in line and f"portfolio publish {destination}" in line
    assert git(destination, "rev-parse", "HEAD")  # rendered and committed
    assert git(destination, "remote") == ""
    assert_token_nowhere(github_server.token, destination, failed.stdout, failed.stderr)

    github_server.allow_pushes()
    retried = run_portfolio(
        ["publish", str(destination), "--api-url", github_server.api_url, "--write-pause", "0", "--json"],
        env={"GITHUB_TOKEN": github_server.token},
    )
    assert retried.returncode == 0, retried.stderr
    assert json.loads(retried.stdout)["created"] is False
    assert len(github_server.calls("POST", r"/user/repos$")) == 1
    assert github_server.refs("ada-learner", "churn-predictor")["refs/heads/main"] == git(
        destination, "rev-parse", "HEAD"
    )
    assert_token_nowhere(github_server.token, destination, retried.stdout, retried.stderr)
