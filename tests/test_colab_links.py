"""The Open in Colab links of a generated project: rendered from the answers, and pointed at the
published repository by ``publish`` (a follow-up commit) when its owner or name differ."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.colab import colab_badge_markdown, point_to_repository, repository_url
from generator.github.plan import PublishOptions
from generator.github.publish import publish_project
from tests.generated import GeneratedProject, generate, isolated_home
from tests.github_server import FakeGitHub
from tests.helpers import build_tree, git

NOTEBOOK = "notebooks/01-regression.ipynb"


def options(hub: FakeGitHub, **extra) -> PublishOptions:
    return PublishOptions(token=hub.token, api_url=hub.api_url, write_pause=0, **extra)


def badge_and_url(project: Path) -> tuple[str, str]:
    """The README's Colab badge line and the notebook's REPO_URL value."""
    import json

    import nbformat

    readme = (project / "README.md").read_text(encoding="utf-8")
    badge = readme.split("<!-- portfolio:colab:start -->\n", 1)[1].split("\n", 1)[0]
    notebook = nbformat.read(project / NOTEBOOK, as_version=4)
    nbformat.validate(notebook)
    first = next(cell for cell in notebook.cells if cell.cell_type == "code")
    line = next(line for line in first.source.splitlines() if "REPO_URL = " in line)
    return badge, json.loads(line.split("=", 1)[1])


@pytest.fixture(scope="module")
def rendered_once(tmp_path_factory: pytest.TempPathFactory) -> GeneratedProject:
    root = tmp_path_factory.mktemp("colab")
    with isolated_home(root / "home"):
        return generate("regression", root / "project", "--data", "github_owner=alice")


@pytest.fixture
def rendered(rendered_once: GeneratedProject, tmp_path: Path) -> GeneratedProject:
    """A regression project whose answers name a GitHub owner, ``alice``: a private copy of one render
    (a render is a Python process and a copier run)."""
    import dataclasses
    import shutil

    shutil.copytree(rendered_once.path, tmp_path / "project", symlinks=True)
    return dataclasses.replace(rendered_once, path=tmp_path / "project")


@pytest.mark.slow
def test_links_are_rendered_from_the_answers(rendered: GeneratedProject):
    badge, url = badge_and_url(rendered.path)
    name = rendered.answers["repo_name"]
    assert badge == colab_badge_markdown("alice", name, NOTEBOOK)
    assert f"colab.research.google.com/github/alice/{name}/blob/main/{NOTEBOOK})" in badge
    assert url == repository_url("alice", name) == f"https://github.com/alice/{name}"


@pytest.mark.slow
def test_pointing_twice_changes_files_once(rendered: GeneratedProject):
    changed = point_to_repository(rendered.path, "bob", "renamed")
    assert sorted(path.name for path in changed) == ["01-regression.ipynb", "README.md"]
    assert badge_and_url(rendered.path) == (
        colab_badge_markdown("bob", "renamed", NOTEBOOK),
        "https://github.com/bob/renamed",
    )
    assert point_to_repository(rendered.path, "bob", "renamed") == []


@pytest.mark.slow
def test_publish_points_the_links_at_the_real_repository(github_server: FakeGitHub, rendered, tmp_path: Path):
    first = git(rendered.path, "rev-parse", "HEAD")
    result = publish_project(rendered.path, options(github_server, name="my-model"))

    head = git(rendered.path, "rev-parse", "HEAD")
    assert result.pushed_commit == head != first
    assert git(rendered.path, "rev-parse", "HEAD~1") == first
    assert git(rendered.path, "log", "-1", "--format=%s") == "Point the Open in Colab links at ada-learner/my-model"
    assert git(rendered.path, "log", "-1", "--format=%an") == git(rendered.path, "log", "-1", "--format=%an", first)
    assert sorted(git(rendered.path, "show", "--name-only", "--format=", "HEAD").splitlines()) == [
        "README.md",
        NOTEBOOK,
    ]
    assert git(rendered.path, "status", "--porcelain") == ""
    assert github_server.refs("ada-learner", "my-model")["refs/heads/main"] == head
    assert badge_and_url(rendered.path)[1] == "https://github.com/ada-learner/my-model"

    again = publish_project(rendered.path, options(github_server, name="my-model"))
    assert again.pushed_commit == head == git(rendered.path, "rev-parse", "HEAD")


@pytest.mark.slow
def test_publish_leaves_links_alone_when_they_are_right(github_server: FakeGitHub, tmp_path: Path):
    project = generate("regression", tmp_path / "project", "--data", "github_owner=ada-learner")
    first = git(project.path, "rev-parse", "HEAD")
    assert publish_project(project.path, options(github_server)).pushed_commit == first


@pytest.mark.slow
def test_publish_never_commits_the_persons_uncommitted_readme(github_server: FakeGitHub, rendered):
    readme = rendered.path / "README.md"
    draft = readme.read_text(encoding="utf-8") + "\nA draft paragraph.\n"
    build_tree(rendered.path, {"README.md": draft})
    warnings: list[str] = []
    result = publish_project(rendered.path, options(github_server, warn=warnings.append))
    assert git(rendered.path, "rev-list", "--count", "HEAD") == "1"
    assert result.pushed_commit == git(rendered.path, "rev-parse", "HEAD")
    assert readme.read_text(encoding="utf-8") == draft
    assert any("Open in Colab links are left as they are" in warning for warning in warnings)
