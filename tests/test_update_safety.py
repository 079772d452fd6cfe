"""``portfolio update`` loses no work: edited files the new version deletes are kept, and an
interrupted update (failure, SIGTERM, even SIGKILL) leaves the project exactly as it was."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import build_tree, git, git_init_commit, run_cli
from tests.test_update import catalog_files, new_from_catalog

TEMPLATE = "templates/late-trains"


@pytest.fixture
def catalog_v1(tmp_path: Path) -> Path:
    files = {
        **catalog_files("Delays."),
        f"{TEMPLATE}/docs/notes.md": "template notes\n",
        f"{TEMPLATE}/docs/old.md": "an old page\n",
    }
    return git_init_commit(build_tree(tmp_path / "catalog", files), "v1", tag="v1")


def release(catalog: Path, *, remove: tuple[str, ...] = (), add: dict[str, str] | None = None, tag: str = "v2"):
    for name in remove:
        (catalog / TEMPLATE / name).unlink()
    build_tree(catalog / TEMPLATE, add or {})
    git_init_commit(catalog, tag, tag=tag)


def snapshot(project: Path) -> dict[str, bytes]:
    """Every file of the project but .git, by content: "exactly as it was" means this is equal."""
    return {
        p.relative_to(project).as_posix(): p.read_bytes()
        for p in project.rglob("*")
        if p.is_file() and ".git" not in p.relative_to(project).parts
    }


@pytest.mark.slow
@pytest.mark.parametrize("change", ["delete", "rename"])
def test_an_edited_file_the_new_version_drops_is_kept_and_named(catalog_v1: Path, tmp_path: Path, change: str):
    project = new_from_catalog(catalog_v1, tmp_path / "student")
    (project / "docs" / "notes.md").write_text("my three weeks of notes\n", encoding="utf-8")
    git_init_commit(project, "my notes")
    added = {"docs/journal.md": "template notes\n"} if change == "rename" else {}
    release(catalog_v1, remove=("docs/notes.md", "docs/old.md"), add=added)
    result = run_cli(["update", str(project)])
    assert result.exit_code == 1, result.stdout + result.stderr
    assert "kept docs/notes.md" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert (project / "docs" / "notes.md").read_text() == "my three weeks of notes\n"
    assert not (project / "docs" / "old.md").exists()  # never touched by the student: it may go
    assert (project / "docs" / "journal.md").exists() == (change == "rename")
    assert git(project, "log", "-1", "--format=%s") == "my notes"  # left for review, not committed


@pytest.mark.slow
def test_an_untouched_file_the_new_version_deletes_goes(catalog_v1: Path, tmp_path: Path):
    project = new_from_catalog(catalog_v1, tmp_path / "student")
    release(catalog_v1, remove=("docs/old.md",))
    result = run_cli(["update", str(project)])
    assert result.exit_code == 0, result.stderr
    assert not (project / "docs" / "old.md").exists()
    assert git(project, "status", "--porcelain") == ""


def slow_release(catalog: Path, marker: Path) -> None:
    """v2 rewrites the README, adds a file, then its task waits (late in the update) until killed."""
    copier = (catalog / TEMPLATE / "copier.yml").read_text()
    code = f"import pathlib, time; pathlib.Path('{marker}').touch(); time.sleep(60)"
    task = f'_tasks:\n  - ["{{{{ _copier_python }}}}", "-c", "{code}"]\n'
    release(
        catalog,
        add={
            "copier.yml": copier + task,
            "README.md.jinja": "# {{ project_name }}\n\nNew.\n",
            "added.md": "new file\n",
        },
    )


def start_update(project: Path, marker: Path) -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "update", str(project), "--trust"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while not marker.exists():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.05)
    return process


@pytest.mark.slow
@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGINT])
def test_an_interrupted_update_puts_everything_back(catalog_v1: Path, tmp_path: Path, how: signal.Signals):
    project = new_from_catalog(catalog_v1, tmp_path / "student")
    before, head = snapshot(project), git(project, "rev-parse", "HEAD")
    marker = tmp_path / "TASK_STARTED"
    slow_release(catalog_v1, marker)
    process = start_update(project, marker)
    process.send_signal(how)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode != 0 and "Traceback" not in stderr, stderr
    assert snapshot(project) == before and git(project, "rev-parse", "HEAD") == head
    assert git(project, "status", "--porcelain", "--untracked-files=all") == ""


@pytest.mark.slow
def test_an_update_killed_outright_is_undone_by_the_next_run(catalog_v1: Path, tmp_path: Path):
    project = new_from_catalog(catalog_v1, tmp_path / "student")
    before = snapshot(project)
    marker = tmp_path / "TASK_STARTED"
    slow_release(catalog_v1, marker)
    process = start_update(project, marker)
    os.killpg(process.pid, signal.SIGKILL)  # the update and its task, as a closed terminal or OOM would
    process.communicate(timeout=30)
    assert snapshot(project) != before  # half-done: the SIGKILL left the update's files behind
    result = run_cli(["update", str(project), "--to", "v1"])
    assert "was interrupted; the project was put back" in result.stderr, result.stderr
    assert result.exit_code == 0 and snapshot(project) == before


@pytest.mark.slow
def test_sigterm_during_new_leaves_no_project_and_no_staging_folder(tmp_path: Path):
    marker = tmp_path / "TASK_STARTED"
    code = f"import pathlib, time; pathlib.Path('{marker}').touch(); time.sleep(60)"
    files = {
        **catalog_files("Delays."),
        f"{TEMPLATE}/copier.yml": catalog_files("x")[f"{TEMPLATE}/copier.yml"]
        + f'_tasks:\n  - ["{{{{ _copier_python }}}}", "-c", "{code}"]\n',
    }
    catalog = build_tree(tmp_path / "catalog", files)
    work = tmp_path / "work"
    work.mkdir()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "generator",
            "--catalog",
            str(catalog),
            "new",
            "late-trains",
            str(work / "student"),
            "--defaults",
            "--trust",
            "--author",
            "Ada <ada@example.com>",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while not marker.exists():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.05)
    process.terminate()
    _, stderr = process.communicate(timeout=60)
    assert process.returncode != 0 and "Traceback" not in stderr, stderr
    assert list(work.iterdir()) == []  # no project, no .student.portfolio-XXXX
