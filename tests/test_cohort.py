"""``portfolio cohort new``: 40 awkward names, interruptions, failures, re-runs and publishing."""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import pytest

from generator.catalog.entries import load_catalog
from generator.cohort.roster import read_roster
from generator.cohort.runs import STATUS_FILE, CohortEvent, CohortOptions, PublishSettings, read_status, run_cohort
from generator.errors import CohortError, GitHubError, TokenError
from generator.vcs import Author
from tests.helpers import build_tree, git, run_cli
from tests.test_batch_render import tasky_catalog

TEACHER = Author("Teacher", "teacher@example.com")
GITHUB_REPO = re.compile(r"^[a-z0-9][a-z0-9-]{0,99}$")
AWKWARD = [
    "Ana María",
    "ana maria",
    "ANA MARIA",
    "José 🎉 Núñez",
    "李雷",
    "韩梅梅",
    "🎉🎉",
    "  Zoë   O'Brien ",
    "Jean-Luc Picard",
    "Renée Ümlaut",
    "Ørjan Ødegård",
    "Łukasz Żółć",
    "Søren Kierkegaard",
    "Nguyễn Văn A",
    "O'Neil, Shaquille",
    "d'Artagnan",
    "María-José",
    "Maria Jose",
    "Ελένη",
    "Иван Петров",
]


def awkward_roster(tmp_path: Path, count: int = 40, github: bool = False) -> Path:
    """A roster of ``count`` students: the awkward names, then repeats of them (more duplicates)."""
    lines = ["\ufeffName,GitHub,Email"]
    for index in range(count):
        name = AWKWARD[index % len(AWKWARD)]
        login = f"student-{index + 1}" if github else ""
        lines.append(f'"{name}",{login},')
    lines.insert(5, "")  # a blank line in the middle
    path = tmp_path / "roster.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def options(tmp_path: Path, **changes) -> CohortOptions:
    return CohortOptions(
        entry=load_catalog().get("classification"), destination=tmp_path / "class", author=TEACHER, **changes
    )


def head(path: Path) -> str:
    return git(path, "rev-parse", "HEAD")


@pytest.mark.slow
def test_forty_awkward_names_give_forty_distinct_valid_committed_repos(tmp_path: Path) -> None:
    students = read_roster(awkward_roster(tmp_path), prefix="term-2026-")
    result = run_cohort(students, options(tmp_path))

    assert result.created == 40 and not result.failed
    repos = [row.repo for row in result.statuses]
    assert len(set(repos)) == 40
    assert all(GITHUB_REPO.match(repo) and repo.startswith("term-2026-") for repo in repos)
    assert repos[:3] == ["term-2026-ana-maria", "term-2026-ana-maria-2", "term-2026-ana-maria-3"]
    folders = sorted(p.name for p in (tmp_path / "class").iterdir())
    assert folders == sorted([*repos, STATUS_FILE])
    for student, row in zip(students, result.statuses, strict=True):
        project = Path(row.path)
        assert git(project, "status", "--porcelain") == ""
        assert git(project, "log", "--format=%an <%ae>") == "Teacher <teacher@example.com>"
        answers = (project / ".copier-answers.yml").read_text(encoding="utf-8")
        assert f"repo_name: {row.repo}" in answers
        assert student.name.strip() in (project / "LICENSE").read_text(encoding="utf-8")
    with (tmp_path / "class" / STATUS_FILE).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["status"] for r in rows] == ["ok"] * 40
    assert rows[3]["student"] == "José 🎉 Núñez"


@pytest.mark.slow
def test_an_interrupted_run_resumes_without_redoing_finished_students(tmp_path: Path) -> None:
    students = read_roster(awkward_roster(tmp_path))

    def stop_at_twenty(event: CohortEvent) -> None:
        if event.kind == "started" and event.index == 20:
            raise KeyboardInterrupt  # what Ctrl-C or a killed terminal does mid-run

    with pytest.raises(KeyboardInterrupt):
        run_cohort(students, options(tmp_path, on_event=stop_at_twenty))
    status = read_status(tmp_path / "class" / STATUS_FILE)
    assert [row.repo for row in status.values()] == [s.repo for s in students[:19]]
    assert all(row.ok for row in status.values())
    assert not (tmp_path / "class" / students[19].repo).exists()
    leftovers = [p.name for p in (tmp_path / "class").iterdir() if p.name.startswith(".")]
    assert leftovers == []  # no staging folder or half-written status file
    before = {s.repo: head(tmp_path / "class" / s.repo) for s in students[:19]}

    events: list[CohortEvent] = []
    result = run_cohort(students, options(tmp_path, on_event=events.append))

    assert result.skipped == 19 and result.created == 21 and not result.failed
    assert [e.index for e in events if e.kind == "skipped"] == list(range(1, 20))
    assert [e.index for e in events if e.kind == "started"] == list(range(20, 41))
    assert {s.repo: head(tmp_path / "class" / s.repo) for s in students[:19]} == before


@pytest.mark.slow
def test_a_failing_student_does_not_stop_the_others_and_is_retried(tmp_path: Path) -> None:
    roster = awkward_roster(tmp_path)
    students = read_roster(roster)
    blocker = tmp_path / "class" / students[19].repo
    blocker.parent.mkdir(parents=True)
    blocker.write_text("a file where student 20's project should go", encoding="utf-8")

    argv = ["cohort", "new", str(roster), "--type", "classification", "--dest", str(tmp_path / "class")]
    argv += ["--author", str(TEACHER), "--quiet"]
    first = run_cli(argv)
    assert first.exit_code == 1, first.output
    assert "39/40 students ok" in first.stdout
    assert students[19].repo in first.stdout and "exists and is not a folder" in first.stdout
    status = read_status(tmp_path / "class" / STATUS_FILE)
    assert status[students[19].repo].status.startswith("failed: render: destination")
    assert sum(row.ok for row in status.values()) == 39
    heads = {s.repo: head(tmp_path / "class" / s.repo) for s in students if s.repo != students[19].repo}

    blocker.unlink()
    second = run_cli(argv)  # the same command again: only the failed student is made
    assert second.exit_code == 0, second.output
    assert "40/40 students ok (1 done now, 39 already done)" in second.stdout
    assert (blocker / "README.md").is_file()
    assert {repo: head(tmp_path / "class" / repo) for repo in heads} == heads


@pytest.mark.slow
def test_a_finished_student_whose_folder_was_deleted_is_recreated(tmp_path: Path) -> None:
    students = read_roster(awkward_roster(tmp_path, count=3))
    run_cohort(students, options(tmp_path))
    shutil.rmtree(tmp_path / "class" / students[1].repo)
    result = run_cohort(students, options(tmp_path))
    assert (result.skipped, result.created) == (2, 1)
    assert (tmp_path / "class" / students[1].repo / "README.md").is_file()


def test_a_status_file_that_is_not_ours_is_refused(tmp_path: Path) -> None:
    students = read_roster(awkward_roster(tmp_path, count=2))
    (tmp_path / "class").mkdir()
    (tmp_path / "class" / STATUS_FILE).write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(CohortError, match="not a cohort status file"):
        run_cohort(students, options(tmp_path))


def test_cli_reports_roster_errors_in_one_line(tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text("student\nAna\n", encoding="utf-8")
    result = run_cli(["cohort", "new", str(roster), "--type", "classification", "--author", str(TEACHER)])
    assert result.exit_code == 2
    assert "roster.csv:1: no 'name' column" in result.stderr
    assert "Traceback" not in result.output


def test_publish_without_a_token_fails_before_creating_anything(tmp_path: Path) -> None:
    students = read_roster(awkward_roster(tmp_path, count=2))
    with pytest.raises(TokenError):
        run_cohort(students, options(tmp_path, publish=PublishSettings(api_url="http://127.0.0.1:9/api/v3")))
    assert not (tmp_path / "class").exists()


@pytest.mark.slow
def test_publish_creates_every_repo_in_the_org_with_the_student_as_collaborator(
    tmp_path: Path, github_server, monkeypatch: pytest.MonkeyPatch
) -> None:
    for index in range(40):
        github_server.add_user(f"student-{index + 1}")
    github_server.add_org("bootcamp", members=[github_server.login])
    monkeypatch.setenv("GITHUB_TOKEN", github_server.token)
    roster = awkward_roster(tmp_path, github=True)
    students = read_roster(roster, prefix="t1-")
    blocker = tmp_path / "class" / students[19].repo
    blocker.parent.mkdir(parents=True)
    blocker.write_text("not a folder", encoding="utf-8")

    command = [
        "cohort",
        "new",
        str(roster),
        "--type",
        "classification",
        "--prefix",
        "t1-",
        "--publish",
        "--org",
        "bootcamp",
        "--api-url",
        github_server.api_url,
        "--write-pause",
        "0",
        "--dest",
        str(tmp_path / "class"),
        "--author",
        str(TEACHER),
        "--quiet",
    ]
    first = run_cli(command)
    assert first.exit_code == 1, first.output
    assert len(github_server.calls("POST", r"/orgs/bootcamp/repos$")) == 39
    blocker.unlink()
    second = run_cli(command)
    assert second.exit_code == 0, second.output
    assert len(github_server.calls("POST", r"/orgs/bootcamp/repos$")) == 40  # nobody created twice

    status = read_status(tmp_path / "class" / STATUS_FILE)
    for index, student in enumerate(students):
        record = github_server.repo("bootcamp", student.repo)
        assert record is not None, student.repo
        assert record.collaborators == {f"student-{index + 1}": "push"}
        project = tmp_path / "class" / student.repo
        assert github_server.refs("bootcamp", student.repo)["refs/heads/main"] == head(project)
        assert status[student.repo].url.endswith(f"/bootcamp/{student.repo}")
        assert "github_owner: bootcamp" in (project / ".copier-answers.yml").read_text(encoding="utf-8")


@pytest.mark.slow
def test_cli_shows_progress_on_stderr_and_the_summary_on_stdout(tmp_path: Path) -> None:
    roster = awkward_roster(tmp_path, count=2)
    result = run_cli(
        [
            "cohort",
            "new",
            str(roster),
            "--type",
            "classification",
            "--dest",
            str(tmp_path / "class"),
            "--author",
            str(TEACHER),
            "--data",
            "license=Apache-2.0",
        ]
    )
    assert result.exit_code == 0, result.output
    assert "2/2" in result.stderr  # the progress bar's count
    assert result.stdout.startswith("2/2 students ok (2 done now, 0 already done)")
    assert "Apache License" in (tmp_path / "class" / "ana-maria" / "LICENSE").read_text(encoding="utf-8")


def test_org_without_publish_is_a_usage_error(tmp_path: Path) -> None:
    roster = awkward_roster(tmp_path, count=1)
    result = run_cli(["cohort", "new", str(roster), "--type", "classification", "--org", "x"])
    assert result.exit_code == 2
    assert "--org only makes sense with --publish" in result.stderr


@pytest.mark.slow
def test_a_failed_publish_is_retried_without_rendering_again(
    tmp_path: Path, github_server, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_TOKEN", github_server.token)
    students = read_roster(awkward_roster(tmp_path, count=3))
    publish = PublishSettings(api_url=github_server.api_url, write_pause=0)
    github_server.reject_pushes("the server is read-only today")

    first = run_cohort(students, options(tmp_path, publish=publish))

    assert len(first.failed) == 3
    assert all(row.status.startswith("failed: publish:") for row in first.failed)
    assert "read-only today" in first.failed[0].status
    heads = {s.repo: head(tmp_path / "class" / s.repo) for s in students}
    github_server.allow_pushes()
    second = run_cohort(students, options(tmp_path, publish=publish))
    assert not second.failed and second.created == 3
    for student in students:
        assert head(tmp_path / "class" / student.repo) == heads[student.repo]  # the same project, not a new one
        assert github_server.refs(github_server.login, student.repo)["refs/heads/main"] == heads[student.repo]


@pytest.mark.slow
def test_a_reordered_roster_never_gives_a_student_someone_elses_project(tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text("name\nAna María\nana maria\n", encoding="utf-8")
    run_cohort(read_roster(roster), options(tmp_path))
    roster.write_text("name\nana maria\nAna María\n", encoding="utf-8")  # same names, other order

    result = run_cohort(read_roster(roster), options(tmp_path))

    assert len(result.failed) == 2
    assert "was made for 'Ana María' in an earlier run" in result.failed[0].status
    license_text = (tmp_path / "class" / "ana-maria" / "LICENSE").read_text(encoding="utf-8")
    assert "Ana María" in license_text  # untouched


def test_template_tasks_run_only_with_trust_or_a_trusted_catalog(tmp_path: Path) -> None:
    catalog = tasky_catalog(tmp_path / "catalog")
    roster = awkward_roster(tmp_path, count=2)
    command = [
        "--catalog",
        str(catalog),
        "cohort",
        "new",
        str(roster),
        "--type",
        "tasky",
        "--author",
        str(TEACHER),
        "--quiet",
    ]

    refused = run_cli([*command, "--dest", str(tmp_path / "a")])
    assert refused.exit_code == 1
    assert "--trust" in refused.stderr and "_tasks" in refused.stderr
    assert not (tmp_path / "a").exists()  # refused before any student

    trusted = run_cli([*command, "--dest", str(tmp_path / "b"), "--trust"])
    assert trusted.exit_code == 0, trusted.output
    assert (tmp_path / "b" / "ana-maria" / "pwned").is_file()

    setting = run_cli([*command, "--dest", str(tmp_path / "c")], env={"PORTFOLIO_TRUSTED_CATALOGS": str(catalog)})
    assert setting.exit_code == 0, setting.output
    assert (tmp_path / "c" / "ana-maria-2" / "pwned").is_file()


def test_a_cookiecutter_entry_renders_for_every_student_and_its_hook_needs_trust(tmp_path: Path) -> None:
    catalog = build_tree(
        tmp_path / "catalog",
        {
            "project_catalog/cc.toml": (
                'id = "cc"\ntitle = "Cookie"\nsummary = "A bootcamp template."\nlevel = "foundational"\n'
                'skills = ["x"]\nmetrics = ["mae"]\ntopics = ["x"]\n'
                'dataset = { name = "d", source = "s", licence = "CC0" }\n'
                'template = { engine = "cookiecutter", path = "cc" }\n'
            ),
            "cc/cookiecutter.json": json.dumps({"project_name": "X", "project_slug": "x"}),
            "cc/hooks/post_gen_project.py": "from pathlib import Path\nPath('HOOK_RAN').write_text('yes')\n",
            "cc/{{cookiecutter.project_slug}}/README.md": "# {{ cookiecutter.project_name }}\n",
        },
    )
    roster = awkward_roster(tmp_path, count=3)
    command = [
        "--catalog",
        str(catalog),
        "cohort",
        "new",
        str(roster),
        "--type",
        "cc",
        "--author",
        str(TEACHER),
        "--quiet",
    ]

    refused = run_cli([*command, "--dest", str(tmp_path / "a")])
    assert refused.exit_code == 1 and "hooks/post_gen_project.py" in refused.stderr
    assert not (tmp_path / "a").exists()  # refused before the first student, not once per student

    trusted = run_cli([*command, "--dest", str(tmp_path / "b"), "--trust"])
    assert trusted.exit_code == 0, trusted.output
    for repo in ("ana-maria", "ana-maria-2", "ana-maria-3"):
        assert (tmp_path / "b" / repo / "HOOK_RAN").is_file()
        assert git(tmp_path / "b" / repo, "status", "--porcelain") == ""


def _publishing_class(tmp_path: Path, server, monkeypatch: pytest.MonkeyPatch, count: int = 2):
    for index in range(count):
        server.add_user(f"student-{index + 1}")
    server.add_org("bootcamp", members=[server.login])
    monkeypatch.setenv("GITHUB_TOKEN", server.token)
    students = read_roster(awkward_roster(tmp_path, count=count, github=True))
    return students, PublishSettings(org="bootcamp", api_url=server.api_url, write_pause=0)


KILL_POINTS = {  # the first thing a run does after each moment: raising there is a kill at that moment
    "after render": lambda event: event.kind == "rendered",
    "after create": lambda event: event.detail.startswith("Pushing"),
    "after push": lambda event: event.detail.startswith("Adding"),
}


@pytest.mark.slow
@pytest.mark.parametrize("moment", list(KILL_POINTS))
def test_a_student_killed_mid_way_is_taken_up_and_finished_by_the_next_run(
    tmp_path: Path, github_server, monkeypatch: pytest.MonkeyPatch, moment: str
) -> None:
    students, publish = _publishing_class(tmp_path, github_server, monkeypatch)
    second = students[1]
    project = tmp_path / "class" / second.repo

    def kill(event: CohortEvent) -> None:
        if event.index == 2 and KILL_POINTS[moment](event):
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_cohort(students, options(tmp_path, publish=publish, on_event=kill))
    assert project.is_dir() and second.repo not in read_status(tmp_path / "class" / STATUS_FILE)
    assert (github_server.repo("bootcamp", second.repo) is None) == (moment == "after render")
    made = head(project)

    result = run_cohort(students, options(tmp_path, publish=publish))

    assert not result.failed, result.failed
    assert (result.skipped, result.created) == (1, 1)
    assert head(project) == made  # the same project, taken up, not a new one
    assert github_server.refs("bootcamp", second.repo)["refs/heads/main"] == made
    assert github_server.repo("bootcamp", second.repo).collaborators == {"student-2": "push"}
    assert len(github_server.calls("POST", r"/orgs/bootcamp/repos$")) == 2


@pytest.mark.slow
def test_a_student_whose_folder_went_after_the_push_is_cloned_back_not_re_made(
    tmp_path: Path, github_server, monkeypatch: pytest.MonkeyPatch
) -> None:
    students, publish = _publishing_class(tmp_path, github_server, monkeypatch)
    first = students[0]

    def kill(event: CohortEvent) -> None:
        if KILL_POINTS["after push"](event):
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_cohort(students, options(tmp_path, publish=publish, on_event=kill))
    pushed = github_server.refs("bootcamp", first.repo)["refs/heads/main"]
    shutil.rmtree(tmp_path / "class" / first.repo)

    result = run_cohort(students, options(tmp_path, publish=publish))

    assert not result.failed, result.failed
    assert head(tmp_path / "class" / first.repo) == pushed
    assert github_server.refs("bootcamp", first.repo)["refs/heads/main"] == pushed


def test_a_mistyped_org_fails_once_before_any_student_is_rendered(
    tmp_path: Path, github_server, monkeypatch: pytest.MonkeyPatch
) -> None:
    _publishing_class(tmp_path, github_server, monkeypatch)
    roster = awkward_roster(tmp_path, count=3, github=True)
    result = run_cli(
        [
            "cohort",
            "new",
            str(roster),
            "--type",
            "classification",
            "--publish",
            "--org",
            "bootcmap",
            "--api-url",
            github_server.api_url,
            "--write-pause",
            "0",
            "--dest",
            str(tmp_path / "class"),
            "--author",
            str(TEACHER),
            "--quiet",
        ]
    )
    assert result.exit_code == 1
    assert result.stderr.count("organisation 'bootcmap' not found") == 1
    assert not (tmp_path / "class").exists()


def test_a_token_of_someone_outside_the_org_fails_before_any_student_is_rendered(
    tmp_path: Path, github_server, monkeypatch: pytest.MonkeyPatch
) -> None:
    students, publish = _publishing_class(tmp_path, github_server, monkeypatch)
    monkeypatch.setenv("GITHUB_TOKEN", github_server.add_user("outsider"))
    with pytest.raises(GitHubError, match="outsider is not a member of organisation bootcamp"):
        run_cohort(students, options(tmp_path, publish=publish))
    assert not (tmp_path / "class").exists()
