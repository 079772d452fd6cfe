"""``portfolio publish`` end to end against the loopback GitHub (REST API + git http-backend)."""

from __future__ import annotations

import base64
import json
import os
import subprocess
from pathlib import Path

import pytest

from generator.catalog.entries import load_catalog
from generator.errors import GitError, RepositoryExistsError
from generator.github.plan import PublishOptions
from generator.github.publish import add_collaborator, publish_project
from tests.github_server import FakeGitHub
from tests.helpers import build_tree, git, git_init_commit, run_cli, run_portfolio

README = "# Churn Model\n\n![badge](x.svg)\n\nPredict which customers leave, honestly evaluated.\n\n## Problem\n"


def make_project(root: Path, name: str = "churn-model", files: dict[str, str] | None = None) -> Path:
    """A committed repository on ``main`` with a README."""
    project = build_tree(root / name, files or {"README.md": README, "src/model.py": "X = 1\n"})
    return git_init_commit(project, "First version")


def publish_cli(hub: FakeGitHub, *args: str, token: str | None = None, env: dict[str, str] | None = None):
    """Run ``portfolio publish`` in-process against ``hub`` with no write pacing."""
    environment = {"GITHUB_TOKEN": hub.token if token is None else token, **(env or {})}
    return run_cli(["publish", *args, "--api-url", hub.api_url, "--write-pause", "0"], env=environment)


def snapshot(project: Path) -> dict[str, str]:
    """What a failed publish must leave alone: config, refs, HEAD, index and working tree status."""
    return {
        "config": (project / ".git" / "config").read_text(encoding="utf-8"),
        "refs": git(project, "for-each-ref", "--format=%(refname) %(objectname)"),
        "head": git(project, "symbolic-ref", "-q", "HEAD"),
        "status": git(project, "status", "--porcelain", "--untracked-files=all"),
    }


def assert_token_nowhere(token: str, project: Path, *outputs: str) -> None:
    """The token (raw or as a Basic-auth blob) is in no file under ``project`` nor in any output."""
    forms = [token.encode(), base64.b64encode(f"x-access-token:{token}".encode())]
    for path in project.rglob("*"):
        if path.is_file() and not path.is_symlink():
            data = path.read_bytes()
            assert not any(form in data for form in forms), f"token found in {path}"
    for output in outputs:
        assert not any(form.decode() in output for form in forms), "token found in output"


def clone_back(hub: FakeGitHub, owner: str, name: str, dest: Path, token: str | None = None) -> Path:
    """Clone through the smart-HTTP remote, as a visitor (or with a token for private repos)."""
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0"}
    command = ["git"]
    if token:
        basic = base64.b64encode(f"x:{token}".encode()).decode()
        command += ["-c", f"http.extraHeader=Authorization: Basic {basic}"]
    subprocess.run(
        [*command, "clone", "-q", hub.clone_url(owner, name), str(dest)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return dest


def origin_of(project: Path) -> str:
    return git(project, "remote", "get-url", "origin")


def remote_main(hub: FakeGitHub, name: str, owner: str = "ada-learner") -> str | None:
    return hub.refs(owner, name).get("refs/heads/main")


def one_error_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.startswith("error:")]
    assert len(lines) == 1, stderr
    return lines[0]


# -- success -------------------------------------------------------------------------------------
def test_publish_creates_repo_sets_metadata_and_pushes_main(github_server: FakeGitHub, tmp_path: Path):
    project = make_project(tmp_path)
    head = git(project, "rev-parse", "HEAD")

    result = publish_cli(
        github_server,
        str(project),
        "--topic",
        "Machine Learning",
        "--topic",
        "churn",
        "--homepage",
        "https://ada.example/churn",
        "--json",
    )

    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data == {
        "url": f"{github_server.base_url}/git/ada-learner/churn-model",
        "created": True,
        "pushed_commit": head,
    }
    record = github_server.repo("ada-learner", "churn-model")
    assert record is not None
    assert record.description == "Predict which customers leave, honestly evaluated."
    assert record.homepage == "https://ada.example/churn"
    assert record.private is False
    assert record.topics == ["machine-learning", "churn"]
    clone = clone_back(github_server, "ada-learner", "churn-model", tmp_path / "clone")
    assert git(clone, "rev-parse", "HEAD") == head
    assert git(clone, "branch", "--show-current") == "main"
    # The saved remote is the plain URL and main tracks it.
    assert origin_of(project) == github_server.clone_url("ada-learner", "churn-model")
    assert git(project, "rev-parse", "--abbrev-ref", "main@{upstream}") == "origin/main"
    assert git(project, "status", "-sb").startswith("## main...origin/main")
    assert_token_nowhere(github_server.token, project, result.stdout, result.stderr)


def test_progress_on_stderr_url_on_stdout_and_quiet(github_server: FakeGitHub, tmp_path: Path):
    project = make_project(tmp_path)
    result = publish_cli(github_server, str(project))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == f"{github_server.base_url}/git/ada-learner/churn-model"
    for step in ("Creating public repository ada-learner/churn-model", "Pushing main"):
        assert step in result.stderr

    other = make_project(tmp_path, "second")
    quiet = publish_cli(github_server, str(other), "--quiet")
    assert quiet.exit_code == 0, quiet.stderr
    assert quiet.stderr == ""
    assert quiet.stdout.strip().endswith("/git/ada-learner/second")


def test_generated_project_takes_description_and_catalog_topics(github_server: FakeGitHub, tmp_path: Path):
    catalog_root = build_tree(
        tmp_path / "catalog",
        {
            "project_catalog/forecast.toml": (
                'id = "forecast"\ntitle = "Forecasting"\nsummary = "Forecast a series."\n'
                'level = "advanced"\nskills = ["pandas"]\nmetrics = ["mae"]\n'
                'topics = ["Machine Learning", "time-series", "portfolio"]\n'
                'dataset = { name = "Air", source = "bundled", licence = "CC0" }\n'
                'template = { engine = "copier", path = "templates/forecast" }\n'
            ),
            "templates/forecast/copier.yml": "project_name: {type: str}\n",
        },
    )
    project = make_project(
        tmp_path,
        "Air Passengers!",
        {
            "README.md": "# Air\n\nThe README line is not used.\n",
            ".copier-answers.yml": "_src_path: x\nproject_type: forecast\ndescription: Forecast monthly airline "
            "passengers\n  with seasonal models.\n",
        },
    )
    options = PublishOptions(
        token=github_server.token,
        api_url=github_server.api_url,
        write_pause=0,
        topics=("Forecasting",),
        catalog=load_catalog(catalog_root, "replace"),
    )

    result = publish_project(project, options)

    assert result.created
    record = github_server.repo("ada-learner", "air-passengers")
    assert record is not None
    assert record.description == "Forecast monthly airline passengers with seasonal models."
    assert record.topics == ["machine-learning", "time-series", "portfolio", "forecasting"]


def test_org_and_private(github_server: FakeGitHub, tmp_path: Path):
    github_server.add_org("ml-bootcamp", members=[github_server.login])
    project = make_project(tmp_path)
    result = publish_cli(github_server, str(project), "--org", "ml-bootcamp", "--private", "--name", "Churn_2024")
    assert result.exit_code == 0, result.stderr
    record = github_server.repo("ml-bootcamp", "Churn_2024")
    assert record is not None and record.private
    assert github_server.calls("POST", r"/orgs/ml-bootcamp/repos$")
    assert not github_server.calls("POST", r"/user/repos$")
    with pytest.raises(subprocess.CalledProcessError):  # private: no anonymous clone
        clone_back(github_server, "ml-bootcamp", "Churn_2024", tmp_path / "anon")
    clone = clone_back(github_server, "ml-bootcamp", "Churn_2024", tmp_path / "clone", github_server.token)
    assert git(clone, "rev-parse", "HEAD") == git(project, "rev-parse", "HEAD")
    assert_token_nowhere(github_server.token, project, result.stdout, result.stderr)


def test_rerun_after_success_is_a_no_op_and_new_commits_go_up(github_server: FakeGitHub, tmp_path: Path):
    project = make_project(tmp_path)
    assert publish_cli(github_server, str(project)).exit_code == 0

    again = publish_cli(github_server, str(project), "--json")
    assert again.exit_code == 0, again.stderr
    assert json.loads(again.stdout)["created"] is False
    assert "already at" in again.stderr
    assert len(github_server.calls("POST", r"/user/repos$")) == 1

    build_tree(project, {"NOTES.md": "more\n"})
    git_init_commit(project, "More work")
    later = publish_cli(github_server, str(project), "--json")
    assert later.exit_code == 0, later.stderr
    head = git(project, "rev-parse", "HEAD")
    assert json.loads(later.stdout) == {"url": json.loads(again.stdout)["url"], "created": False, "pushed_commit": head}
    assert github_server.refs("ada-learner", "churn-model")["refs/heads/main"] == head


def test_existing_empty_repository_is_reused(github_server: FakeGitHub, tmp_path: Path):
    github_server.add_repo(github_server.login, "churn-model")
    project = make_project(tmp_path)
    result = publish_cli(github_server, str(project), "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["created"] is False
    assert not github_server.calls("POST", r"/user/repos$")
    assert remote_main(github_server, "churn-model") == git(project, "rev-parse", "HEAD")


def test_lost_create_response_is_recovered_in_the_same_run(github_server: FakeGitHub, tmp_path: Path):
    """Created, but the answer was a 502: PyGithub retries, GitHub says 422, we reuse the empty repo."""
    github_server.fail_after_create()
    project = make_project(tmp_path)
    result = publish_cli(github_server, str(project), "--topic", "nlp", "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["created"] is False  # this run cannot know it was the creator
    assert len(github_server.calls("POST", r"/user/repos$")) == 2
    assert remote_main(github_server, "churn-model") == git(project, "rev-parse", "HEAD")
    record = github_server.repo("ada-learner", "churn-model")
    assert record is not None and record.topics == ["nlp"]


def test_stale_auth_header_in_git_config_does_not_win(github_server: FakeGitHub, tmp_path: Path):
    """A CI checkout leaves ``http.<host>.extraheader`` with an old token; ours must still be used."""
    project = make_project(tmp_path)
    stale = base64.b64encode(b"x-access-token:ghs_expired").decode()
    git(project, "config", f"http.{github_server.base_url}/.extraheader", f"AUTHORIZATION: basic {stale}")
    result = publish_cli(github_server, str(project))
    assert result.exit_code == 0, result.stderr
    assert remote_main(github_server, "churn-model") == git(project, "rev-parse", "HEAD")
    assert git(project, "config", f"http.{github_server.base_url}/.extraheader").endswith(stale)


def test_token_from_named_env_var_and_from_gh_cli(github_server: FakeGitHub, tmp_path: Path):
    project = make_project(tmp_path)
    named = run_cli(
        [
            "publish",
            str(project),
            "--api-url",
            github_server.api_url,
            "--write-pause",
            "0",
            "--token-env",
            "CLASS_TOKEN",
        ],
        env={"CLASS_TOKEN": github_server.token, "GITHUB_TOKEN": "ignored-because-named"},
    )
    assert named.exit_code == 0, named.stderr

    fake_gh = f"#!/bin/sh\n[ \"$1 $2\" = 'auth token' ] && echo {github_server.token}\n"
    bin_dir = build_tree(tmp_path / "bin", {"gh": fake_gh})
    (bin_dir / "gh").chmod(0o755)
    other = make_project(tmp_path, "second")
    via_gh = run_cli(
        ["publish", str(other), "--api-url", github_server.api_url, "--write-pause", "0"],
        env={"PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"},
    )
    assert via_gh.exit_code == 0, via_gh.stderr
    assert github_server.repo("ada-learner", "second") is not None
    assert_token_nowhere(github_server.token, other, via_gh.stdout, via_gh.stderr)


def test_api_url_from_environment(github_server: FakeGitHub, tmp_path: Path):
    project = make_project(tmp_path)
    result = run_cli(
        ["publish", str(project), "--write-pause", "0", "--quiet"],
        env={"GITHUB_TOKEN": github_server.token, "PORTFOLIO_GITHUB_API": github_server.api_url},
    )
    assert result.exit_code == 0, result.stderr
    assert github_server.repo("ada-learner", "churn-model") is not None


def test_dry_run_touches_nothing(github_server: FakeGitHub, tmp_path: Path):
    project = make_project(tmp_path)
    before = snapshot(project)
    result = publish_cli(github_server, str(project), "--dry-run", "--topic", "nlp")
    assert result.exit_code == 0, result.stderr
    assert "Would create public repository 'churn-model'" in result.stdout
    assert "topics:      nlp" in result.stdout
    as_json = json.loads(publish_cli(github_server, str(project), "--dry-run", "--json").stdout)
    assert as_json["name"] == "churn-model" and as_json["commit"] == git(project, "rev-parse", "HEAD")
    assert github_server.state.requests == []
    assert snapshot(project) == before


def test_uncommitted_changes_warn_and_only_commits_are_pushed(github_server: FakeGitHub, tmp_path: Path):
    project = make_project(tmp_path)
    build_tree(project, {"draft.md": "not committed\n", "README.md": README + "edited\n"})
    result = publish_cli(github_server, str(project))
    assert result.exit_code == 0, result.stderr
    assert "warning:" in result.stderr and "uncommitted changes" in result.stderr
    clone = clone_back(github_server, "ada-learner", "churn-model", tmp_path / "clone")
    assert not (clone / "draft.md").exists()
    assert (clone / "README.md").read_text(encoding="utf-8") == README


# -- failures: one line, non-zero exit, local repository unchanged, token nowhere --------------------
def test_no_token(github_server: FakeGitHub, tmp_path: Path):
    project = make_project(tmp_path)
    before = snapshot(project)
    result = run_cli(
        ["publish", str(project), "--api-url", github_server.api_url], env={"PATH": "/usr/bin:/bin"}
    )  # no gh on this PATH
    assert result.exit_code == 1
    assert "no GitHub token" in one_error_line(result.stderr)
    assert "--token-env" in result.stderr
    assert snapshot(project) == before
    assert github_server.state.requests == []


def test_bad_token(github_server: FakeGitHub, tmp_path: Path):
    project = make_project(tmp_path)
    before = snapshot(project)
    bad = "ghp_wrong0123456789abcdef"
    result = publish_cli(github_server, str(project), token=bad)
    assert result.exit_code == 1
    assert "401 Bad credentials" in one_error_line(result.stderr)
    assert snapshot(project) == before
    assert not github_server.calls("POST", ".")
    assert_token_nowhere(bad, project, result.stdout, result.stderr)


def test_name_taken_by_repository_with_history(github_server: FakeGitHub, tmp_path: Path):
    github_server.add_repo(github_server.login, "churn-model", files={"README.md": "# Someone else\n"})
    refs_before = github_server.refs("ada-learner", "churn-model")
    project = make_project(tmp_path)
    before = snapshot(project)
    result = publish_cli(github_server, str(project))
    assert result.exit_code == 1
    line = one_error_line(result.stderr)
    assert "already exists with history that is not this project's" in line
    assert "--name" in line
    assert snapshot(project) == before
    assert github_server.refs("ada-learner", "churn-model") == refs_before
    assert not github_server.calls("PUT", "topics")
    assert_token_nowhere(github_server.token, project, result.stdout, result.stderr)


def test_name_taken_by_a_repository_the_token_cannot_see(github_server: FakeGitHub, tmp_path: Path):
    """GET says 404 but create says 422 "name already exists": stop, nothing written."""
    github_server.add_user("teacher")
    github_server.add_org("lab", members=["teacher", github_server.login], base_permission="none")
    github_server.add_repo("lab", "churn-model", private=True, files={"a.txt": "x\n"})
    project = make_project(tmp_path)
    before = snapshot(project)
    with pytest.raises(RepositoryExistsError, match="already exists but is not visible") as caught:
        publish_project(
            project, PublishOptions(org="lab", token=github_server.token, api_url=github_server.api_url, write_pause=0)
        )
    assert github_server.token not in str(caught.value)
    assert len(github_server.calls("POST", r"/orgs/lab/repos$")) == 1
    assert snapshot(project) == before


def test_unknown_organisation(github_server: FakeGitHub, tmp_path: Path):
    project = make_project(tmp_path)
    result = publish_cli(github_server, str(project), "--org", "no-such-org")
    assert result.exit_code == 1
    assert "organisation 'no-such-org' not found" in one_error_line(result.stderr)
    assert not github_server.calls("POST", ".")


@pytest.mark.slow
def test_server_unreachable(github_server: FakeGitHub, tmp_path: Path):
    project = make_project(tmp_path)
    before = snapshot(project)
    github_server.stop()
    result = publish_cli(github_server, str(project))
    assert result.exit_code == 1
    assert f"cannot reach {github_server.api_url}" in one_error_line(result.stderr)
    assert snapshot(project) == before
    assert_token_nowhere(github_server.token, project, result.stdout, result.stderr)


def test_push_rejected_then_rerun_pushes_without_creating_again(github_server: FakeGitHub, tmp_path: Path):
    project = make_project(tmp_path)
    before = snapshot(project)
    github_server.reject_pushes("protected by a test hook")

    failed = publish_cli(github_server, str(project), "--topic", "nlp")

    assert failed.exit_code == 1
    line = one_error_line(failed.stderr)
    assert "rejected" in line and "protected by a test hook" in line
    assert snapshot(project) == before  # no origin, no upstream, nothing
    assert github_server.repo("ada-learner", "churn-model") is not None  # created before the push
    assert github_server.refs("ada-learner", "churn-model") == {}
    assert_token_nowhere(github_server.token, project, failed.stdout, failed.stderr)

    github_server.allow_pushes()
    retried = publish_cli(github_server, str(project), "--topic", "nlp", "--json")

    assert retried.exit_code == 0, retried.stderr
    assert json.loads(retried.stdout)["created"] is False
    assert len(github_server.calls("POST", r"/user/repos$")) == 1
    assert remote_main(github_server, "churn-model") == git(project, "rev-parse", "HEAD")
    assert origin_of(project) == github_server.clone_url("ada-learner", "churn-model")
    assert_token_nowhere(github_server.token, project, retried.stdout, retried.stderr)


def test_push_refused_by_the_remote_for_lack_of_access(github_server: FakeGitHub, tmp_path: Path):
    """An existing public, empty repository the user may read but not write: git gets 403."""
    github_server.add_user("teacher")
    github_server.add_org("lab", members=["teacher", github_server.login], base_permission="none")
    github_server.add_repo("lab", "shared")
    project = make_project(tmp_path, "shared")
    before = snapshot(project)
    result = publish_cli(github_server, str(project), "--org", "lab")
    assert result.exit_code == 1
    assert "push to" in one_error_line(result.stderr) and "failed" in result.stderr
    assert snapshot(project) == before
    assert github_server.refs("lab", "shared") == {}
    assert_token_nowhere(github_server.token, project, result.stdout, result.stderr)


def test_origin_pointing_elsewhere_stops_before_creating(github_server: FakeGitHub, tmp_path: Path):
    project = make_project(tmp_path)
    git(project, "remote", "add", "origin", f"https://x:{github_server.token}@example.invalid/course/t.git")
    before = snapshot(project)
    result = publish_cli(github_server, str(project))
    assert result.exit_code == 1
    line = one_error_line(result.stderr)
    assert "remote 'origin' already points to https://example.invalid/course/t.git" in line
    assert github_server.token not in result.stderr
    assert not github_server.calls("POST", ".")
    assert snapshot(project) == before


# -- local repository states -------------------------------------------------------------------------
def test_not_a_git_repository(github_server: FakeGitHub, tmp_path: Path):
    folder = build_tree(tmp_path / "plain", {"README.md": "# x\n"})
    result = publish_cli(github_server, str(folder))
    assert result.exit_code == 1
    assert "is not a git repository" in one_error_line(result.stderr)
    assert github_server.state.requests == []


def test_subfolder_of_a_repository(github_server: FakeGitHub, tmp_path: Path):
    project = make_project(tmp_path)
    result = publish_cli(github_server, str(project / "src"))
    assert result.exit_code == 1
    assert f"is inside the git repository at {project}" in one_error_line(result.stderr)


def test_no_commits(github_server: FakeGitHub, tmp_path: Path):
    project = build_tree(tmp_path / "fresh", {"README.md": "# x\n"})
    git(project, "init", "-q", "-b", "main")
    result = publish_cli(github_server, str(project))
    assert result.exit_code == 1
    assert "has no commits yet" in one_error_line(result.stderr)
    assert github_server.state.requests == []


def test_detached_head(github_server: FakeGitHub, tmp_path: Path):
    project = make_project(tmp_path)
    git(project, "checkout", "-q", "--detach")
    result = publish_cli(github_server, str(project))
    assert result.exit_code == 1
    assert "detached" in one_error_line(result.stderr) and "git switch main" in result.stderr
    assert github_server.state.requests == []


def test_library_errors_are_portfolio_errors(github_server: FakeGitHub, tmp_path: Path):
    with pytest.raises(GitError):
        publish_project(tmp_path, PublishOptions(token=github_server.token, api_url=github_server.api_url))


def git_helpers_of_this_process() -> list[str]:
    """Command lines of the git processes this test process has running (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode().strip()
        except (OSError, ValueError, IndexError):
            continue
        if parent == os.getpid() and command.startswith("git "):
            found.append(command)
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").is_file(), reason="needs Linux /proc")
def test_publishing_many_projects_in_one_process_leaves_no_git_helpers(github_server: FakeGitHub, tmp_path: Path):
    """The CLI runs with the cyclic garbage collector off: every GitPython Repo must be closed."""
    import gc

    gc.disable()
    try:
        for index in range(3):
            project = make_project(tmp_path, f"project-{index}")
            publish_project(
                project, PublishOptions(token=github_server.token, api_url=github_server.api_url, write_pause=0)
            )
            assert remote_main(github_server, f"project-{index}") == git(project, "rev-parse", "HEAD")
        assert git_helpers_of_this_process() == []
    finally:
        gc.enable()


def test_add_collaborator(github_server: FakeGitHub, tmp_path: Path):
    from generator.github.api import client

    github_server.add_user("student-1")
    github_server.add_repo(github_server.login, "cohort-project")
    gh = client(github_server.token, github_server.api_url, write_pause=0)
    assert add_collaborator(gh, "ada-learner/cohort-project", "student-1") is True
    assert add_collaborator(gh, "ada-learner/cohort-project", "student-1", "maintain") is False
    record = github_server.repo("ada-learner", "cohort-project")
    assert record is not None and record.collaborators == {"student-1": "maintain"}


@pytest.mark.slow
def test_publishes_the_current_folder_from_a_real_shell(github_server: FakeGitHub, tmp_path: Path):
    project = make_project(tmp_path)
    env = {"GITHUB_TOKEN": github_server.token, "PORTFOLIO_GITHUB_API": github_server.api_url}
    result = run_portfolio(["publish", "--quiet", "--write-pause", "0"], cwd=project, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"{github_server.base_url}/git/ada-learner/churn-model"
    assert result.stderr == ""
