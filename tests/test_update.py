"""``portfolio update``: template stores, version tags and copier's 3-way merge, all real."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import generator
from generator import resources
from generator.catalog.entries import load_catalog
from generator.cohort.batch import BatchRenderer
from generator.errors import UpdateError
from generator.scaffold.render import NewProject, render_project
from generator.scaffold.update import update_project, update_status
from generator.scaffold.versions import read_answers, store_tags
from generator.vcs import Author
from tests.helpers import AUTHOR, build_tree, git, git_init_commit, run_cli

STUDENT = Author("Ada Learner", "ada@example.com")
PROBLEM_GUIDE = "<!-- say what problem this solves -->"
STUDENT_PROBLEM = "We predict which trains run late so that commuters can plan ahead."


def catalog_files(data_line: str) -> dict[str, str]:
    """A small custom catalog: one entry whose copier template writes a README with review sections."""
    return {
        "project_catalog/late-trains.toml": (
            'id = "late-trains"\ntitle = "Late trains"\nsummary = "Predict delays."\nlevel = "foundational"\n'
            'skills = ["pandas"]\nmetrics = ["mae"]\ntopics = ["bootcamp"]\n'
            'dataset = { name = "Delays", source = "The railway", licence = "CC0" }\n'
            'template = { engine = "copier", path = "templates/late-trains" }\n'
        ),
        "templates/late-trains/copier.yml": (
            "project_name:\n  type: str\n  help: Project name\n  default: Late trains\n"
            "description:\n  type: str\n  help: One line\n  default: Predict delays.\n"
        ),
        "templates/late-trains/README.md.jinja": (
            f"# {{{{ project_name }}}}\n\n{{{{ description }}}}\n\n## Problem\n\n{PROBLEM_GUIDE}\n\n"
            f"## Data\n\n{data_line}\n\n## Method\n\nA baseline first.\n"
        ),
        "templates/late-trains/{{ _copier_conf.answers_file }}.jinja": (
            "# Changes here will be overwritten by Copier; NEVER EDIT MANUALLY\n{{ _copier_answers|to_nice_yaml -}}\n"
        ),
    }


@pytest.fixture
def catalog_repo(tmp_path: Path) -> Path:
    """The bootcamp's catalog repository, released as v1."""
    root = build_tree(tmp_path / "catalog", catalog_files("Delays per station, 2024."))
    return git_init_commit(root, "catalog v1", tag="v1")


def release_v2(catalog: Path, data_line: str = "Delays per station, 2024 and 2025.") -> None:
    """The catalog author improves the template and tags v2."""
    build_tree(
        catalog,
        {"templates/late-trains/README.md.jinja": catalog_files(data_line)["templates/late-trains/README.md.jinja"]},
    )
    git_init_commit(catalog, "catalog v2", tag="v2")


def new_from_catalog(catalog: Path, destination: Path) -> Path:
    result = run_cli(
        [
            "--catalog",
            f"file://{catalog}",
            "new",
            "late-trains",
            str(destination),
            "--defaults",
            "--author",
            AUTHOR,
        ]
    )
    assert result.exit_code == 0, result.stderr
    return destination


def student_edits(project: Path, old: str, new: str, message: str = "my problem statement") -> None:
    readme = project / "README.md"
    text = readme.read_text(encoding="utf-8")
    assert old in text
    readme.write_text(text.replace(old, new), encoding="utf-8")
    (project / "notes.md").write_text("my own notes\n", encoding="utf-8")
    git_init_commit(project, message)


@pytest.mark.slow
@pytest.mark.parametrize("location", ["file-url", "local-checkout"])
def test_git_catalog_update_keeps_student_text_and_gains_template_change(
    catalog_repo: Path, tmp_path: Path, location: str
):
    project = tmp_path / "student"
    catalog = f"file://{catalog_repo}" if location == "file-url" else str(catalog_repo)
    made = run_cli(["--catalog", catalog, "new", "late-trains", str(project), "--defaults", "--author", AUTHOR])
    assert made.exit_code == 0, made.stderr
    assert read_answers(project)["_commit"] == "v1"
    student_edits(project, PROBLEM_GUIDE, STUDENT_PROBLEM)
    assert run_cli(["update", str(project), "--check"]).exit_code == 0

    release_v2(catalog_repo)
    check = run_cli(["update", str(project), "--check"])
    assert check.exit_code == 1
    assert "v1 -> v2" in check.stdout

    result = run_cli(["update", str(project)])
    assert result.exit_code == 0, result.stderr
    readme = (project / "README.md").read_text(encoding="utf-8")
    assert STUDENT_PROBLEM in readme
    assert "Delays per station, 2024 and 2025." in readme
    assert PROBLEM_GUIDE not in readme
    assert (project / "notes.md").read_text(encoding="utf-8") == "my own notes\n"
    assert read_answers(project)["_commit"] == "v2"
    assert git(project, "status", "--porcelain") == ""
    assert git(project, "log", "-1", "--format=%s") == "Update template from v1 to v2"
    assert run_cli(["update", str(project), "--check"]).exit_code == 0


@pytest.mark.slow
def test_conflicting_edit_gets_markers_nonzero_exit_and_loses_no_file(catalog_repo: Path, tmp_path: Path):
    project = new_from_catalog(catalog_repo, tmp_path / "student")
    student_edits(project, "Delays per station, 2024.", "Delays per line, which I scraped myself.")
    files_before = {p.relative_to(project) for p in project.rglob("*") if ".git" not in p.parts}
    release_v2(catalog_repo)

    result = run_cli(["update", str(project)])
    assert result.exit_code != 0
    assert "conflicts in README.md" in result.stderr
    readme = (project / "README.md").read_text(encoding="utf-8")
    assert "<<<<<<< before updating" in readme and ">>>>>>> after updating" in readme
    assert "Delays per line, which I scraped myself." in readme
    assert "Delays per station, 2024 and 2025." in readme
    files_after = {p.relative_to(project) for p in project.rglob("*") if ".git" not in p.parts}
    assert files_before <= files_after


def test_dirty_project_is_refused(catalog_repo: Path, tmp_path: Path):
    project = new_from_catalog(catalog_repo, tmp_path / "student")
    release_v2(catalog_repo)
    (project / "scratch.py").write_text("print('wip')\n", encoding="utf-8")
    result = run_cli(["update", str(project)])
    assert result.exit_code == 1
    assert "uncommitted changes (scratch.py)" in result.stderr
    assert read_answers(project)["_commit"] == "v1"


@pytest.mark.slow
def test_catalog_ref_pins_an_older_tag_and_update_to(catalog_repo: Path, tmp_path: Path):
    release_v2(catalog_repo)
    project = tmp_path / "student"
    result = run_cli(
        [
            "--catalog",
            f"file://{catalog_repo}@v1",
            "new",
            "late-trains",
            str(project),
            "--defaults",
            "--author",
            AUTHOR,
        ]
    )
    assert result.exit_code == 0, result.stderr
    assert read_answers(project)["_commit"] == "v1"
    assert "2024 and 2025" not in (project / "README.md").read_text(encoding="utf-8")
    updated = update_project(project, to="v2", author=STUDENT)
    assert updated.changed and not updated.conflicts
    assert "2024 and 2025" in (project / "README.md").read_text(encoding="utf-8")
    with pytest.raises(UpdateError, match="unknown template version 'v9'"):
        update_project(project, to="v9")


@pytest.mark.slow
def test_update_on_another_machine_rebuilds_the_store_from_the_catalog(
    catalog_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    project = new_from_catalog(catalog_repo, tmp_path / "student")
    assert str(read_answers(project)["_src_path"]).startswith("~/.cache/portfolio/templates/")
    student_edits(project, PROBLEM_GUIDE, STUDENT_PROBLEM)
    release_v2(catalog_repo)
    laptop = tmp_path / "laptop"  # the student's machine: another home, an empty cache
    monkeypatch.setenv("HOME", str(laptop))
    monkeypatch.setenv("XDG_CACHE_HOME", str(laptop / ".cache"))

    missing = run_cli(["update", str(project), "--check"])
    assert missing.exit_code == 1
    assert "missing on this machine" in missing.stderr and "--catalog" in missing.stderr
    result = run_cli(["--catalog", f"file://{catalog_repo}", "update", str(project)])
    assert result.exit_code == 0, result.stderr
    readme = (project / "README.md").read_text(encoding="utf-8")
    assert STUDENT_PROBLEM in readme and "2024 and 2025" in readme


@pytest.fixture
def builtin_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The built-in catalog and templates copied to a temporary folder that the tool then uses."""
    root = tmp_path / "release"
    shutil.copytree(resources.builtin_catalog_dir(), root / "project_catalog")
    shutil.copytree(resources.builtin_templates_dir(), root / "templates", symlinks=True)
    monkeypatch.setattr(resources, "builtin_catalog_dir", lambda: root / "project_catalog")
    monkeypatch.setattr(resources, "builtin_templates_dir", lambda: root / "templates")
    return root / "templates"


@pytest.mark.slow
def test_builtin_project_is_updated_by_a_later_release(
    builtin_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(generator, "__version__", "0.1.0")
    entry = load_catalog().get("classification")
    project = render_project(NewProject(entry=entry, destination=tmp_path / "p", author=STUDENT)).path
    assert read_answers(project)["_commit"] == "v0.1.0"
    readme = (project / "README.md").read_text(encoding="utf-8")
    guide_start = readme.index("## Problem") + len("## Problem\n\n")
    guide = readme[guide_start : readme.index("-->", guide_start) + 3]
    student_edits(project, guide, STUDENT_PROBLEM)
    assert not update_status(project).available

    # The next release: a new version and a template improvement.
    monkeypatch.setattr(generator, "__version__", "0.2.0")
    common_readme = builtin_copy / "_common" / "README.md.jinja"
    common_readme.write_text(
        common_readme.read_text(encoding="utf-8").replace(
            "## Project structure", "## Project structure\n\nRelease 0.2.0 explains the layout.\n"
        ),
        encoding="utf-8",
    )
    status = update_status(project)
    assert (status.current, status.latest, status.available) == ("v0.1.0", "v0.2.0", True)
    result = update_project(project, author=STUDENT)
    assert result.changed and not result.conflicts and result.commit
    readme = (project / "README.md").read_text(encoding="utf-8")
    assert STUDENT_PROBLEM in readme
    assert "Release 0.2.0 explains the layout." in readme
    assert not update_status(project).available

    # A template edited without a version bump still gets its own, later version.
    common_readme.write_text(common_readme.read_text(encoding="utf-8") + "\nLocal tweak.\n", encoding="utf-8")
    status = update_status(project)
    assert status.available and status.latest.startswith("v0.2.0+1.")
    assert store_tags(status.store)[:2] == ["v0.1.0", "v0.2.0"]


@pytest.mark.slow
def test_new_project_answers_match_a_render_from_the_store(tmp_path: Path):
    """The answers file `new` writes is byte-identical to copier's own render from the store."""
    import copier

    entry = load_catalog().get("classification")
    project = render_project(NewProject(entry=entry, destination=tmp_path / "p", author=STUDENT)).path
    answers = read_answers(project)
    data = {key: value for key, value in answers.items() if not key.startswith("_")}
    copier.run_copy(
        answers["_src_path"],
        str(tmp_path / "again"),
        data=data,
        vcs_ref=answers["_commit"],
        defaults=True,
        unsafe=True,
        quiet=True,
    )
    name = ".copier-answers.yml"
    assert (tmp_path / "again" / name).read_text() == (project / name).read_text()


def test_update_refuses_projects_of_other_copier_templates(tmp_path: Path):
    answers = "_commit: v1\n_src_path: https://token@example.org/their/template.git\nproject_name: x\n"
    project = git_init_commit(build_tree(tmp_path / "theirs", {".copier-answers.yml": answers}))
    result = run_cli(["update", str(project)])
    assert result.exit_code == 1
    assert "not from a portfolio catalog" in result.stderr and "token" not in result.stderr


def test_update_refuses_projects_without_version(tmp_path: Path):
    plain = git_init_commit(build_tree(tmp_path / "plain", {"README.md": "# x\n"}))
    result = run_cli(["update", str(plain), "--check"])
    assert result.exit_code == 1
    assert "no .copier-answers.yml" in result.stderr


@pytest.mark.slow
def test_plain_catalog_folder_gets_content_versions(tmp_path: Path):
    catalog = build_tree(tmp_path / "catalog", catalog_files("Delays per station, 2024."))  # no git at all
    project = tmp_path / "student"
    made = run_cli(["--catalog", str(catalog), "new", "late-trains", str(project), "--defaults", "--author", AUTHOR])
    assert made.exit_code == 0, made.stderr
    assert read_answers(project)["_commit"] == "v0.0.0"
    student_edits(project, PROBLEM_GUIDE, STUDENT_PROBLEM)
    release_files = catalog_files("Delays per station, 2024 and 2025.")
    build_tree(catalog, {name: text for name, text in release_files.items() if name.endswith("README.md.jinja")})

    status = update_status(project)
    assert status.available and status.latest.startswith("v0.0.0+1.")
    result = update_project(project, author=STUDENT)
    assert result.changed and not result.conflicts
    readme = (project / "README.md").read_text(encoding="utf-8")
    assert STUDENT_PROBLEM in readme and "2024 and 2025" in readme


@pytest.mark.slow
def test_template_given_by_url_in_an_entry_is_fetched_pinned_and_updated(tmp_path: Path):
    files = catalog_files("Delays per station, 2024.")
    prefix = "templates/late-trains/"
    template = {name[len(prefix) :]: text for name, text in files.items() if name.startswith(prefix)}
    template_repo = git_init_commit(build_tree(tmp_path / "template-repo", template), tag="v1")
    entry = files["project_catalog/late-trains.toml"].replace(
        'path = "templates/late-trains"', f'url = "file://{template_repo}", ref = "v1"'
    )
    catalog = build_tree(tmp_path / "catalog", {"project_catalog/late-trains.toml": entry})
    build_tree(template_repo, {"README.md.jinja": catalog_files("Delays, 2024 and 2025.")[prefix + "README.md.jinja"]})
    git_init_commit(template_repo, "v2", tag="v2")

    project = tmp_path / "student"
    # --name: the batch render below takes the entry title; the CLI would otherwise name it after DEST
    args = ["--catalog", str(catalog), "new", "late-trains", str(project), "--name", "Late trains"]
    made = run_cli([*args, "--defaults", "--author", AUTHOR])
    assert made.exit_code == 0, made.stderr
    assert read_answers(project)["_commit"] == "v1"  # the entry's ref, although v2 exists
    assert "2024 and 2025" not in (project / "README.md").read_text(encoding="utf-8")
    with BatchRenderer(load_catalog(catalog, "replace").get("late-trains")) as renderer:  # a cohort's render
        batch = renderer.render(NewProject(entry=renderer.entry, destination=tmp_path / "batch", author=STUDENT))
    assert read_answers(batch.path)["_commit"] == "v1"
    assert (batch.path / "README.md").read_text() == (project / "README.md").read_text()
    assert update_status(project).latest == "v2"
    assert update_project(project, author=STUDENT).changed
    assert "2024 and 2025" in (project / "README.md").read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_checkouts_editor_and_cache_files_do_not_make_a_new_version(builtin_copy: Path, tmp_path: Path):
    """An editable install (a checkout with notebooks and caches around) and a wheel of the same
    release hold the same template content, so they must agree on its version: no spurious update."""
    entry = load_catalog().get("classification")
    project = render_project(NewProject(entry=entry, destination=tmp_path / "p", author=STUDENT)).path
    made_with = read_answers(project)["_commit"]
    build_tree(
        builtin_copy,
        {
            "classification/notebooks/.ipynb_checkpoints/01-exploration-checkpoint.ipynb": "{}",
            "_common/__pycache__/x.cpython-311.pyc": b"\x00",
            ".pytest_cache/v/cache/lastfailed": "{}",
            ".DS_Store": b"\x00",
            "classification/.vscode/settings.json": "{}",
        },
    )
    status = update_status(project)
    assert (status.current, status.latest, status.available) == (made_with, made_with, False)
    assert store_tags(status.store) == [made_with]
