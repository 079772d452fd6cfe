"""Custom catalogs: ``catalog init`` / ``catalog validate``, git catalogs with ``@REF``, and the cache."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.catalog.authoring import init_catalog, validate_catalog
from generator.catalog.entries import load_catalog
from generator.catalog.source import (
    cache_root,
    is_git_location,
    parse_git_location,
    redact,
    resolve_catalog_root,
)
from generator.errors import CatalogError, DestinationError
from generator.resources import builtin_catalog_dir
from generator.scaffold.render import NewProject, render_project
from tests.helpers import AUTHOR, build_tree, git, git_init_commit, run_cli

GOOD_ENTRY = (
    'title = "Churn"\nsummary = "Who leaves."\nlevel = "foundational"\nskills = ["pandas"]\n'
    'metrics = ["f1"]\ntopics = ["bootcamp"]\ndataset = { name = "Telco", source = "IBM", licence = "CC0" }\n'
)
COPIER_T = 'template = { engine = "copier", path = "t" }\n'


@pytest.mark.slow
def test_init_writes_a_catalog_that_validates_and_renders(tmp_path: Path):
    root = tmp_path / "bootcamp-catalog"
    result = run_cli(["catalog", "init", str(root), "--id", "churn-2026"])
    assert result.exit_code == 0, result.stderr
    entry_file = root / "project_catalog" / "churn-2026.toml"
    assert entry_file.is_file()
    templates = root / "templates"
    assert (templates / "copier.yml").is_file()
    assert (templates / "_common" / "macros.jinja").is_file()  # a shared part the type uses
    assert not any(path.is_symlink() for path in root.rglob("*"))  # symlinks resolved
    assert (
        (templates / "classification" / "Makefile.jinja")
        .read_text()
        .startswith((Path(__file__).parents[1] / "templates" / "_common" / "Makefile.jinja").read_text()[:40])
    )
    assert validate_catalog(root).problems == []

    project = tmp_path / "student"
    made = run_cli(["--catalog", str(root), "new", "churn-2026", str(project), "--defaults", "--author", AUTHOR])
    assert made.exit_code == 0, made.stderr
    assert (project / "README.md").is_file() and (project / "notebooks" / "01-classification.ipynb").is_file()
    listed = run_cli(["--catalog", str(root), "list", "--json"])
    builtin_ids = [entry.id for entry in load_catalog()]
    assert [entry["id"] for entry in json.loads(listed.stdout)] == [*builtin_ids, "churn-2026"]  # extend
    replaced = run_cli(["--catalog", str(root), "--catalog-mode", "replace", "list", "--json"])
    assert [entry["id"] for entry in json.loads(replaced.stdout)] == ["churn-2026"]


def test_init_refuses_a_folder_with_files(tmp_path: Path):
    build_tree(tmp_path / "busy", {"keep.txt": "mine"})
    with pytest.raises(DestinationError, match="not an empty folder"):
        init_catalog(tmp_path / "busy")
    assert (tmp_path / "busy" / "keep.txt").read_text() == "mine"


def test_validate_reports_all_five_mistakes_in_one_run(tmp_path: Path):
    root = build_tree(
        tmp_path / "cat",
        {
            # 1. unknown field
            "project_catalog/a.toml": 'id = "a"\ncolour = "red"\n' + COPIER_T + GOOD_ENTRY,
            # 2. a level that does not exist
            "project_catalog/b.toml": GOOD_ENTRY.replace("foundational", "expert")
            + 'id = "b"\ntemplate = { engine = "copier", path = "t" }\n',
            # 3. template folder missing
            "project_catalog/c.toml": 'id = "c"\ntemplate = { engine = "copier", path = "nowhere" }\n' + GOOD_ENTRY,
            # 4. not TOML at all
            "project_catalog/d.toml": 'id = "d"\ntitle = "unterminated\n',
            # 5. a template whose question default does not render
            "project_catalog/e.toml": 'id = "e"\ntemplate = { engine = "copier", path = "broken" }\n' + GOOD_ENTRY,
            "t/copier.yml": "project_name:\n  type: str\n  default: X\n",
            "t/README.md.jinja": "# {{ project_name }}\n",
            "broken/copier.yml": 'cohort:\n  type: str\n  default: "{{ no_such_answer.title }}"\n',
            "broken/README.md.jinja": "# {{ project_name }}\n",
        },
    )
    result = run_cli(["catalog", "validate", str(root)])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 5, result.stdout
    expected = [
        "project_catalog/a.toml: colour: unknown field",
        "project_catalog/b.toml: level: 'expert' is not one of",
        "project_catalog/c.toml: template.path: template folder 'nowhere' not found",
        "project_catalog/d.toml: -: invalid TOML",
        "project_catalog/e.toml: template: does not render with its defaults",
    ]
    for line, start in zip(sorted(lines), expected, strict=True):
        assert line.startswith(start), line
    assert "no_such_answer" in sorted(lines)[4]
    assert "5 problem(s)" in result.stderr


def test_validate_catches_cookiecutter_problems_without_running_hooks(tmp_path: Path):
    root = build_tree(
        tmp_path / "cat",
        {
            "project_catalog/cc.toml": 'id = "cc"\ntemplate = { engine = "cookiecutter", path = "cc" }\n' + GOOD_ENTRY,
            "project_catalog/empty.toml": 'id = "empty"\n'
            + 'template = { engine = "cookiecutter", path = "empty" }\n'
            + GOOD_ENTRY,
            "cc/cookiecutter.json": '{"project_slug": "x"}',
            "cc/hooks/post_gen_project.py": "open('/dev/null/should-not-run', 'w')\n",  # would fail if run
            "cc/{{cookiecutter.project_slug}}/README.md": "# x\n",
            "empty/README.md": "not a template\n",
        },
    )
    report = validate_catalog(root)
    assert len(report.problems) == 1
    assert report.problems[0].startswith(f"{root}/project_catalog/empty.toml: template: ")
    assert "no cookiecutter.json" in report.problems[0]


def test_catalog_that_is_not_one_is_a_clear_error(tmp_path: Path):
    result = run_cli(["--catalog", str(tmp_path), "list"])
    assert result.exit_code == 1
    assert "project_catalog: folder not found" in result.stderr


@pytest.mark.parametrize(
    ("location", "url", "ref"),
    [
        ("file:///srv/catalog.git", "file:///srv/catalog.git", None),
        ("file:///srv/catalog.git@v2", "file:///srv/catalog.git", "v2"),
        (
            "https://user:tok3n@git.example.org/camp/catalog.git@v1.2",
            "https://user:tok3n@git.example.org/camp/catalog.git",
            "v1.2",
        ),
        (
            "https://user:tok3n@git.example.org/camp/catalog.git",
            "https://user:tok3n@git.example.org/camp/catalog.git",
            None,
        ),
        ("git@github.com:camp/catalog.git", "git@github.com:camp/catalog.git", None),
        ("git@github.com:camp/catalog.git@main", "git@github.com:camp/catalog.git", "main"),
    ],
)
def test_git_locations_split_url_and_ref(location: str, url: str, ref: str | None):
    assert is_git_location(location)
    parsed = parse_git_location(location)
    assert (parsed.url, parsed.ref) == (url, ref)
    assert "tok3n" not in parsed.display


def test_local_paths_are_not_git_locations():
    assert not is_git_location("./catalog") and not is_git_location("/srv/catalog@v1")
    assert redact("https://user:secret@host/x.git") == "https://***@host/x.git"


def test_git_catalog_is_cached_refreshed_and_pinned(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    files = {
        "project_catalog/churn.toml": 'id = "churn"\ntemplate = { engine = "copier", path = "t" }\n' + GOOD_ENTRY,
        "t/copier.yml": "project_name:\n  type: str\n  default: X\n",
        "t/README.md.jinja": "# {{ project_name }} v1\n",
    }
    author = git_init_commit(build_tree(tmp_path / "author", files), tag="v1")
    bare = tmp_path / "catalog.git"
    git(tmp_path, "clone", "--quiet", "--bare", str(author), str(bare))
    url = f"file://{bare}"

    root = resolve_catalog_root(url)
    assert root.is_relative_to(cache_root())
    assert (root / "t" / "README.md.jinja").read_text().endswith("v1\n")

    build_tree(author, {"t/README.md.jinja": "# {{ project_name }} v2\n"})
    git_init_commit(author, "v2", tag="v2")
    build_tree(author, {"t/README.md.jinja": "# {{ project_name }} unreleased\n"})
    git_init_commit(author, "work in progress")
    git(author, "push", "--quiet", "--tags", str(bare), "main")

    assert resolve_catalog_root(url) == root  # same cache folder, fetched
    assert (root / "t" / "README.md.jinja").read_text().endswith("v2\n")  # newest tag, not the branch
    resolve_catalog_root(url + "@main")
    assert (root / "t" / "README.md.jinja").read_text().endswith("unreleased\n")
    resolve_catalog_root(url + "@v1")
    assert (root / "t" / "README.md.jinja").read_text().endswith("v1\n")

    with pytest.raises(CatalogError, match="unknown ref 'v9'"):
        resolve_catalog_root(url + "@v9")
    with pytest.raises(CatalogError, match="is not a tag, branch or commit"):
        resolve_catalog_root(url + "@--upload-pack=touch")
    shutil.rmtree(bare)  # offline (or the server is gone): the cached copy is used, with a warning
    capsys.readouterr()
    assert resolve_catalog_root(url + "@v2") == root
    assert "cannot fetch" in capsys.readouterr().err
    assert (root / "t" / "README.md.jinja").read_text().endswith("v2\n")
    with pytest.raises(CatalogError, match="cannot fetch"):
        resolve_catalog_root(f"file://{tmp_path}/missing.git")


@pytest.mark.slow
@pytest.mark.parametrize("type_id", [path.stem for path in sorted(builtin_catalog_dir().glob("*.toml"))])
def test_init_copies_everything_a_builtin_type_needs(type_id: str, tmp_path: Path):
    """A catalog made by `init --from TYPE` renders byte for byte what the built-in type renders."""
    result = init_catalog(tmp_path / "catalog", from_type=type_id)
    custom = load_catalog(result.root, "replace").get(result.type_id)
    builtin = load_catalog().get(type_id)
    made = {}
    for entry in (custom, builtin):
        destination = tmp_path / ("custom" if entry is custom else "builtin")
        render_project(NewProject(entry=entry, destination=destination, answers={"project_name": "Demo"}, commit=False))
        made[entry.id if entry is builtin else "custom"] = {
            path.relative_to(destination).as_posix(): path.read_bytes()
            for path in destination.rglob("*")
            if path.is_file() and path.name != ".copier-answers.yml"
        }
    assert made["custom"] == made[type_id]
