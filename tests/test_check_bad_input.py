"""Hostile or broken input becomes findings or one-line errors, never a traceback or a hang."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from generator.check import check_project, check_target
from generator.check.files import MAX_DEPTH, MAX_FILES, ProjectFiles
from generator.errors import TargetError
from tests.check_project_builder import PNG, build_project
from tests.helpers import build_tree, run_cli, run_portfolio


def _findings(root: Path, check: str) -> list[str]:
    return [f.message for f in check_project(root).findings if f.check == check]


def test_missing_path_is_one_error_line(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    with pytest.raises(TargetError, match="no such directory"):
        check_target(str(missing))
    result = run_cli(["check", str(missing)])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error:")
    assert "Traceback" not in result.output


def test_a_file_is_not_a_project(tmp_path: Path) -> None:
    file = build_tree(tmp_path, {"notes.md": "# Notes\n"}) / "notes.md"
    with pytest.raises(TargetError, match="not a directory"):
        check_target(str(file))


def test_empty_directory_scores_zero_with_findings(tmp_path: Path) -> None:
    report = check_project(tmp_path)
    assert report.score == 0
    assert report.sections == {}
    assert "No README.md" in next(f.message for f in report.findings if f.check == "readme.present")


def test_directory_without_readme(tmp_path: Path) -> None:
    build_tree(tmp_path, {"train.py": "print(1)\n", "LICENSE": "MIT\n", "docs/README.md": "# not the root\n"})
    report = check_project(tmp_path)
    assert {r.id: r.status for r in report.checks}["readme.present"] == "failed"
    assert {r.id: r.status for r in report.checks}["project.licence"] == "passed"


def test_50_mb_readme_is_not_read(tmp_path: Path) -> None:
    with (tmp_path / "README.md").open("w", encoding="utf-8") as handle:
        line = "# Big\n" + "word " * 200 + "\n"
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            handle.write(line)
    report = check_project(tmp_path)
    [message] = [f.message for f in report.findings if f.check == "readme.present"]
    assert "over the 1 MB limit" in message
    assert any("README.md" in m for m in _findings(tmp_path, "files.readable"))


def test_binary_file_named_readme(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_bytes(PNG)
    assert "binary file" in _findings(tmp_path, "readme.present")[0]


def test_readme_that_is_not_utf8(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_bytes("# Données\n\nrésumé".encode("latin-1"))
    assert "not valid UTF-8" in _findings(tmp_path, "readme.present")[0]


@pytest.mark.parametrize("content", ['{"cells": [', "[]", '{"nbformat": 4, "cells": 3}', ""])
def test_invalid_notebook_json(tmp_path: Path, content: str) -> None:
    root = build_project(tmp_path / "project")
    (root / "notebooks" / "exploration.ipynb").write_text(content, encoding="utf-8")
    [message] = _findings(root, "notebooks.parse")
    assert message.startswith("notebooks/exploration.ipynb")


def test_symlink_loops_are_findings_not_hangs(tmp_path: Path) -> None:
    root = build_project(tmp_path / "project")
    os.symlink("loop-b", root / "loop-a")
    os.symlink("loop-a", root / "loop-b")
    os.symlink(".", root / "notebooks" / "itself")
    messages = _findings(root, "files.readable")
    assert "loop-a: symlink loop." in messages and "loop-b: symlink loop." in messages


def test_symlinks_out_of_the_project_are_not_followed(tmp_path: Path) -> None:
    outside = build_tree(
        tmp_path / "outside",
        {
            "secret.md": "# Secret\n\n## Problem\n\nThis text lives outside the project; never read it.\n",
            "figures/plot.png": PNG,
        },
    )
    root = tmp_path / "project"
    root.mkdir()
    os.symlink(outside / "secret.md", root / "README.md")
    os.symlink(outside / "figures", root / "figures")

    report = check_project(root)

    assert report.sections == {}
    [message] = [f.message for f in report.findings if f.check == "readme.present"]
    assert "README.md: symlink points outside the project" in message
    readable = [f.message for f in report.findings if f.check == "files.readable"]
    assert any(m.startswith("figures: symlink points outside") for m in readable)


def test_symlink_inside_the_project_is_read(tmp_path: Path) -> None:
    root = build_project(tmp_path / "project")
    (root / "docs").mkdir()
    (root / "README.md").rename(root / "docs" / "README.md")
    os.symlink("docs/README.md", root / "README.md")
    assert check_project(root).score == 100


def test_file_walk_is_bounded(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    for index in range(MAX_FILES + 50):
        (tmp_path / "data" / f"part-{index:05}.csv").touch()
    (tmp_path / "README.md").write_text("# Many files\n", encoding="utf-8")

    files = ProjectFiles.scan(tmp_path)

    assert files.truncated and len(files.files) <= MAX_FILES
    assert check_project(tmp_path).readme == "README.md"


@pytest.mark.slow
def test_a_crowded_subfolder_does_not_hide_the_root(tmp_path: Path) -> None:
    """3,000 images in one folder used up the walk before pyproject.toml and tests/ were seen."""
    build_tree(
        tmp_path,
        {
            "README.md": "# Many images\n",
            "pyproject.toml": "[project]\nname = 'x'\n",
            "tests/test_x.py": "def test(): ...\n",
            "zzz/LICENSE-notes.txt": "x\n",
        },
    )
    (tmp_path / "images").mkdir()
    for index in range(3_000):
        (tmp_path / "images" / f"img-{index:05}.png").touch()

    statuses = {check.id: check.status for check in check_project(tmp_path).checks}

    assert statuses["project.dependencies"] == statuses["project.tests"] == "passed"


def test_folder_depth_is_bounded(tmp_path: Path) -> None:
    deep = tmp_path.joinpath(*[f"level{index}" for index in range(MAX_DEPTH + 3)])
    deep.mkdir(parents=True)
    (deep / "test_deep.py").write_text("", encoding="utf-8")
    assert ProjectFiles.scan(tmp_path).files == []


def test_cli_never_shows_a_traceback(tmp_path: Path) -> None:
    binary = tmp_path / "binary"
    binary.mkdir()
    (binary / "README.md").write_bytes(PNG)
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run_portfolio(["check", str(tmp_path / "missing"), str(binary), str(empty)], timeout=60)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stderr.strip().splitlines() == [
        f"error: {tmp_path / 'missing'}: no such directory, and not a git URL or GitHub owner/repo"
    ]
    assert "binary file" in result.stdout


def test_hostile_markdown_cannot_stall_the_check(tmp_path: Path) -> None:
    """A paragraph of 500,000 '[' makes inline parsing quadratic (minutes); it stays plain text instead."""
    (tmp_path / "README.md").write_text("# Trap\n\n" + "[" * 500_000 + "\n", encoding="utf-8")
    started = time.perf_counter()
    report = check_project(tmp_path)
    assert time.perf_counter() - started < 20  # generous: a shared CI machine; unbounded it takes minutes
    assert report.title == "Trap"
