"""``portfolio cohort update``: a template fix reaches every student, as folders or as pull requests.

Real catalog repositories tagged v1/v2, real copier merges, a real git remote and REST API on
127.0.0.1 (tests/github_server.py); pacing off.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cohort.update import UPDATE_STATUS_FILE, read_update_status
from tests.helpers import build_tree, git, git_init_commit, run_cli
from tests.test_update import PROBLEM_GUIDE, STUDENT_PROBLEM, catalog_files, release_v2

TEACHER = "Teacher <teacher@example.com>"
V2_DATA = "Delays per station, 2024 and 2025."


@pytest.fixture
def catalog_repo(tmp_path: Path) -> Path:
    root = build_tree(tmp_path / "catalog", catalog_files("Delays per station, 2024."))
    return git_init_commit(root, "catalog v1", tag="v1")


def write_roster(tmp_path: Path, with_github: bool = True) -> Path:
    roster = tmp_path / "roster.csv"
    rows = ["name,github", "Søren Berg,soren-b", "Łukasz Nowak,lukasz-n", "李雷,li-lei"]
    roster.write_text("\n".join(rows if with_github else [row.split(",")[0] for row in rows]) + "\n", encoding="utf-8")
    return roster


def cohort_new(catalog: Path, roster: Path, dest: Path, *extra: str) -> None:
    result = run_cli(
        [
            "--catalog",
            f"file://{catalog}",
            "cohort",
            "new",
            str(roster),
            "--type",
            "late-trains",
            "--dest",
            str(dest),
            "--author",
            TEACHER,
            "--quiet",
            *extra,
        ]
    )
    assert result.exit_code == 0, result.output


@pytest.fixture
def classroom(github_server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)  # where the update status file of an --org run goes
    for login in ("soren-b", "lukasz-n", "li-lei"):
        github_server.add_user(login)
    github_server.add_org("bootcamp", members=[github_server.login])
    monkeypatch.setenv("GITHUB_TOKEN", github_server.token)
    return github_server


def github_options(server) -> list[str]:
    return ["--org", "bootcamp", "--api-url", server.api_url, "--write-pause", "0"]


@pytest.mark.slow
def test_update_on_github_opens_one_pull_request_per_student_and_never_touches_main(
    catalog_repo: Path, tmp_path: Path, classroom
) -> None:
    server = classroom
    roster = write_roster(tmp_path)
    cohort_new(catalog_repo, roster, tmp_path / "class", "--publish", *github_options(server))
    repos = ["soren-berg", "lukasz-nowak", "li-lei"]
    assert all(server.repo("bootcamp", repo) for repo in repos)
    # Two students rewrite the problem statement; the third rewrites the data line the template changes.
    for repo in repos[:2]:
        readme = server.show_file("bootcamp", repo, "main", "README.md")
        server.push_commit("bootcamp", repo, {"README.md": readme.replace(PROBLEM_GUIDE, STUDENT_PROBLEM)})
    readme = server.show_file("bootcamp", repos[2], "main", "README.md")
    server.push_commit("bootcamp", repos[2], {"README.md": readme.replace("2024.", "2024, cleaned by me.")})
    mains = {repo: server.refs("bootcamp", repo)["refs/heads/main"] for repo in repos}
    release_v2(catalog_repo, V2_DATA)

    command = [
        "--catalog",
        f"file://{catalog_repo}",
        "cohort",
        "update",
        str(roster),
        *github_options(server),
        "--author",
        TEACHER,
        "--quiet",
    ]
    first = run_cli(command)
    assert first.exit_code == 0, first.output

    for repo in repos:
        refs = server.refs("bootcamp", repo)
        assert refs["refs/heads/main"] == mains[repo]  # main untouched
        assert "refs/heads/portfolio/template-v2" in refs
        pulls = server.pulls("bootcamp", repo)
        assert [(p.head, p.base, p.state) for p in pulls] == [("portfolio/template-v2", "main", "open")]
    for repo in repos[:2]:
        branch_readme = server.show_file("bootcamp", repo, "portfolio/template-v2", "README.md")
        assert V2_DATA in branch_readme and STUDENT_PROBLEM in branch_readme  # template change + student edit
        pull = server.pulls("bootcamp", repo)[0]
        assert not pull.draft and "`README.md`" in pull.body and "Conflicts" not in pull.body
    conflicted = server.pulls("bootcamp", repos[2])[0]
    assert conflicted.draft
    assert "### Conflicts to resolve" in conflicted.body and "- `README.md`" in conflicted.body.split("Conflicts")[1]
    branch_readme = server.show_file("bootcamp", repos[2], "portfolio/template-v2", "README.md")
    assert "<<<<<<< before updating" in branch_readme
    assert "pull requests" in first.stdout and "li-lei: conflicts in README.md" in first.stdout

    opened = len(server.calls("POST", r"/pulls$"))
    pushes = len(server.calls("POST", r"git-receive-pack$"))
    again = run_cli(command)
    assert again.exit_code == 0, again.output
    assert len(server.calls("POST", r"/pulls$")) == opened == 3  # no duplicate
    assert len(server.calls("POST", r"git-receive-pack$")) == pushes  # nothing pushed again
    assert all(len(server.pulls("bootcamp", repo)) == 1 for repo in repos)


def test_update_on_github_checks_the_organisation_once_before_any_student(
    catalog_repo: Path, tmp_path: Path, classroom
) -> None:
    roster = write_roster(tmp_path)
    result = run_cli(
        [
            "--catalog",
            f"file://{catalog_repo}",
            "cohort",
            "update",
            str(roster),
            "--org",
            "bootcamp-typo",
            "--api-url",
            classroom.api_url,
            "--write-pause",
            "0",
            "--quiet",
        ]
    )
    assert result.exit_code == 1
    assert "organisation 'bootcamp-typo' not found" in result.stderr
    assert classroom.calls("GET", r"/repos/") == []


@pytest.mark.slow
def test_update_of_folders_updates_every_student_once_and_writes_the_status_after_each(
    catalog_repo: Path, tmp_path: Path
) -> None:
    roster = write_roster(tmp_path, with_github=False)
    cohort_new(catalog_repo, roster, tmp_path / "class")
    conflicting = tmp_path / "class" / "li-lei"
    readme = conflicting / "README.md"
    readme.write_text(readme.read_text(encoding="utf-8").replace("2024.", "2024, cleaned by me."), encoding="utf-8")
    git_init_commit(conflicting, "my data line")
    release_v2(catalog_repo, V2_DATA)
    command = [
        "--catalog",
        f"file://{catalog_repo}",
        "cohort",
        "update",
        str(roster),
        "--status",
        str(tmp_path / "class" / "cohort-status.csv"),
        "--author",
        TEACHER,
        "--quiet",
    ]

    first = run_cli(command)

    assert first.exit_code == 0, first.output
    rows = read_update_status(tmp_path / "class" / UPDATE_STATUS_FILE)
    assert {repo: (row.status, row.version) for repo, row in rows.items()} == {
        "soren-berg": ("updated", "v2"),
        "lukasz-nowak": ("updated", "v2"),
        "li-lei": ("conflicts", "v2"),
    }
    assert rows["li-lei"].conflicts == "README.md"
    for repo in ("soren-berg", "lukasz-nowak"):
        assert V2_DATA in (tmp_path / "class" / repo / "README.md").read_text(encoding="utf-8")
        assert git(tmp_path / "class" / repo, "log", "-1", "--format=%s") == "Update template from v1 to v2"

    second = run_cli(command)
    assert second.exit_code == 0, second.output
    rows = read_update_status(tmp_path / "class" / UPDATE_STATUS_FILE)
    statuses = [rows[repo].status for repo in ("soren-berg", "lukasz-nowak", "li-lei")]
    assert statuses == ["current", "current", "conflicts"]
