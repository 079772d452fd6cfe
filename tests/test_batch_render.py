"""The batch renderer produces exactly what a plain copier render produces, and keeps its guarantees."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.catalog.entries import load_catalog
from generator.cohort.batch import BatchRenderer
from generator.errors import DestinationError, UntrustedTemplateError
from generator.scaffold.render import NewProject, render_project
from generator.vcs import Author
from tests.helpers import build_tree, git

AUTHOR = Author("Teacher", "teacher@example.com")


def tree(root: Path) -> dict[str, bytes]:
    """Every file below ``root`` except git's own data, with its bytes (and the executable bit)."""
    return {
        f"{p.relative_to(root).as_posix()}{' (x)' if p.stat().st_mode & 0o111 else ''}": p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".git" not in p.relative_to(root).parts
    }


@pytest.mark.slow
def test_batch_renders_are_identical_to_single_renders(tmp_path: Path) -> None:
    entry = load_catalog().get("classification")
    students = [("Ana María", "Churn model"), ("Bo", "Tabular classification"), ("Cy", "Churn model")]

    def request(folder: str, i: int) -> NewProject:
        name, project = students[i]
        answers = {"project_name": project, "author_name": name}
        return NewProject(entry, tmp_path / folder / f"p{i}", answers, AUTHOR)

    with BatchRenderer(entry) as renderer:
        assert renderer.shared
        batch = [renderer.render(request("batch", i)) for i in range(len(students))]
    for i in range(len(students)):
        single = render_project(request("single", i))
        assert tree(batch[i].path) == tree(single.path)
        assert batch[i].answers == single.answers
        assert git(batch[i].path, "status", "--porcelain") == ""
        assert git(batch[i].path, "log", "--format=%an|%s") == git(single.path, "log", "--format=%an|%s")
    assert b"Ana Mar\xc3\xada" in tree(batch[0].path)["LICENSE"]


def test_a_failed_render_leaves_nothing_and_the_batch_continues(tmp_path: Path) -> None:
    entry = load_catalog().get("classification")
    occupied = build_tree(tmp_path / "taken", {"notes.txt": "mine"})
    with BatchRenderer(entry) as renderer:
        with pytest.raises(DestinationError, match="not empty"):
            renderer.render(NewProject(entry, occupied, {}, AUTHOR))
        done = renderer.render(NewProject(entry, tmp_path / "next", {}, AUTHOR))
    assert sorted(p.name for p in occupied.iterdir()) == ["notes.txt"]
    assert (done.path / "README.md").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["next", "taken"]  # no staging folders left


def tasky_catalog(catalog_root: Path) -> Path:
    """A custom catalog whose one copier template runs a task (``touch pwned``) when trusted."""
    return build_tree(
        catalog_root,
        {
            "tasky/copier.yml": "project_name:\n  type: str\n  default: x\n_tasks:\n  - touch pwned\n",
            "tasky/README.md.jinja": "# {{ project_name }}\n",
            "project_catalog/tasky.toml": (
                'id = "tasky"\ntitle = "Tasky"\nsummary = "A template with tasks."\nlevel = "foundational"\n'
                'skills = ["x"]\nmetrics = ["accuracy"]\ntopics = ["x"]\n'
                'dataset = { name = "d", source = "s", licence = "CC0" }\n'
                'template = { engine = "copier", path = "tasky" }\n'
            ),
        },
    )


def test_untrusted_template_code_is_refused_before_any_render(tmp_path: Path) -> None:
    entry = load_catalog(tasky_catalog(tmp_path / "catalog"), "replace").get("tasky")
    with pytest.raises(UntrustedTemplateError, match="--trust"):
        BatchRenderer(entry)
    with BatchRenderer(entry, trust=True) as renderer:
        result = renderer.render(NewProject(entry, tmp_path / "out", {}, AUTHOR, trust=True, commit=False))
    assert (result.path / "pwned").is_file()
