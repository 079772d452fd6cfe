"""Targets: local folders, local git repositories, git URLs (shallow clones) and GitHub owner/repo."""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path

import pytest

from generator.check import check_project, check_target
from generator.check.targets import clone_environment, is_git_url
from generator.errors import GitHubError, TargetError, TokenError
from tests.check_project_builder import FILES, README, build_project
from tests.github_server import FakeGitHub
from tests.helpers import git, git_init_commit, run_cli


@pytest.fixture
def bare_remote(tmp_path: Path) -> tuple[Path, Path]:
    """A complete project committed twice, and a bare clone of it (the "remote")."""
    work = build_project(tmp_path / "work")
    git_init_commit(work, "first")
    (work / "CHANGELOG.md").write_text("second commit\n", encoding="utf-8")
    git_init_commit(work, "second")
    bare = tmp_path / "remote.git"
    git(tmp_path, "clone", "-q", "--bare", str(work), str(bare))
    return work, bare


def test_git_url_over_file_is_shallow_cloned_and_checked(bare_remote: tuple[Path, Path]) -> None:
    work, bare = bare_remote
    url = bare.as_uri()

    report = check_target(url)

    local = check_project(work)
    assert report.target == url
    assert report.path is None
    assert report.score == local.score == 100
    assert set(report.sections) == set(local.sections)


def test_bare_repository_path_is_cloned(bare_remote: tuple[Path, Path]) -> None:
    _, bare = bare_remote
    report = check_target(str(bare))
    assert report.score == 100
    assert report.target == str(bare)


def test_local_git_working_tree_is_checked_in_place(bare_remote: tuple[Path, Path]) -> None:
    work, _ = bare_remote
    report = check_target(str(work))
    assert report.path == work
    assert report.score == 100


def test_clone_failure_is_one_line(tmp_path: Path) -> None:
    url = (tmp_path / "missing.git").as_uri()
    with pytest.raises(TargetError, match="cannot clone") as error:
        check_target(url)
    assert "\n" not in str(error.value)
    result = run_cli(["check", url])
    assert result.exit_code == 1
    assert result.stderr.startswith("error:") and "Traceback" not in result.output


def test_clone_leaves_no_temporary_folder(
    bare_remote: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    check_target(bare_remote[1].as_uri())
    assert list(scratch.iterdir()) == []


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("https://github.com/ada/churn.git", True),
        ("file:///srv/git/churn.git", True),
        ("git@github.com:ada/churn.git", True),
        ("ssh://git@example.com/ada/churn", True),
        ("ada/churn", False),
        ("./churn", False),
    ],
)
def test_git_url_recognition(target: str, expected: bool) -> None:
    assert is_git_url(target) is expected


def test_token_travels_only_as_an_extra_header() -> None:
    url = "https://github.example/ada/churn.git"
    env = clone_environment("ghp_secret123", url)
    count = int(env["GIT_CONFIG_COUNT"])
    settings = [(env[f"GIT_CONFIG_KEY_{i}"], env[f"GIT_CONFIG_VALUE_{i}"]) for i in range(count)]
    expected = base64.b64encode(b"x-access-token:ghp_secret123").decode()
    assert (f"http.{url}.extraHeader", f"Authorization: Basic {expected}") in settings
    assert ("core.hooksPath", os.devnull) in settings
    assert env["GIT_TERMINAL_PROMPT"] == "0"
    assert all("ghp_secret123" not in value for value in env.values())
    anonymous = clone_environment(None, url)
    keys = [anonymous[f"GIT_CONFIG_KEY_{i}"] for i in range(int(anonymous["GIT_CONFIG_COUNT"]))]
    assert keys == ["core.hooksPath"]


def _published_files() -> dict[str, str]:
    """The complete project as text files (the loopback remote is seeded with text)."""
    files = {name: content for name, content in FILES.items() if isinstance(content, str)}
    files["README.md"] = README.replace("![Residuals](reports/figures/residuals.png)\n", "")
    return files


def test_owner_repo_is_read_through_the_github_api_and_cloned(github_server: FakeGitHub) -> None:
    github_server.add_repo("ada-learner", "diabetes", files=_published_files())

    report = check_target("ada-learner/diabetes", api_url=github_server.api_url)

    assert report.target == "ada-learner/diabetes"
    assert report.path is None
    assert report.score == 100
    assert report.title == "Diabetes progression"
    assert github_server.calls("GET", "/repos/ada-learner/diabetes")


def test_private_owner_repo_needs_the_token(github_server: FakeGitHub) -> None:
    github_server.add_repo("ada-learner", "secret-project", private=True, files=_published_files())
    with pytest.raises(TargetError, match=r"repository not found .* needs GITHUB_TOKEN"):
        check_target("ada-learner/secret-project", api_url=github_server.api_url)

    result = run_cli(
        ["check", "ada-learner/secret-project", "--api-url", github_server.api_url, "-f", "json"],
        env={"GITHUB_TOKEN": github_server.token},
    )

    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["projects"][0]["score"] == 100
    assert github_server.token not in result.stdout + result.stderr


def test_owner_repo_errors_are_one_line(github_server: FakeGitHub) -> None:
    api = github_server.api_url
    with pytest.raises(TargetError, match="ada-learner/nothing: repository not found"):
        check_target("ada-learner/nothing", api_url=api)
    with pytest.raises(TokenError, match="rejected the token"):
        check_target("ada-learner/nothing", api_url=api, token="ghp_wrong")
    github_server.stop()
    result = run_cli(["check", "ada-learner/nothing", "--api-url", api])
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ada-learner/nothing: reading the repository: cannot reach")
    assert result.stderr.count("\n") == 1


def test_owner_repo_with_unreachable_api_is_one_line() -> None:
    with pytest.raises(GitHubError, match=r"cannot reach http://127\.0\.0\.1:9"):
        check_target("ada/churn", api_url="http://127.0.0.1:9")


def test_unknown_target_kind_is_an_error() -> None:
    with pytest.raises(TargetError, match="not a git URL or GitHub owner/repo"):
        check_target("no such thing here")
