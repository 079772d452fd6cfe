"""Catalog entries that bring their own template: cookiecutter (with our documentation layer) and
copier with ``_tasks``. Code in a template runs only with --trust."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.catalog.entries import load_catalog
from generator.errors import UntrustedTemplateError
from generator.scaffold.doc_layer import found_sections
from generator.scaffold.render import NewProject, render_project
from generator.vcs import Author
from tests.helpers import AUTHOR, build_tree, git, run_cli

ENTRY = (
    'title = "Sales forecast"\nsummary = "Forecast weekly sales."\nlevel = "advanced"\n'
    'skills = ["pandas"]\nmetrics = ["mae", "rmse"]\ntopics = ["bootcamp"]\n'
    'dataset = { name = "Store sales", source = "Kaggle", licence = "CC BY 4.0", '
    'url = "https://example.org/d" }\n'
)
COOKIECUTTER_JSON = {
    "project_name": "My Project",
    "project_slug": "{{ cookiecutter.project_name.lower().replace(' ', '-') }}",
    "module_name": "{{ cookiecutter.project_slug.replace('-', '_') }}",
    "full_name": "Someone",
    "email": "someone@example.com",
    "open_source_license": ["BSD-3-Clause", "MIT License", "Not open source"],
    "use_docker": ["n", "y"],
}
LICENCE_LINE = "{{ cookiecutter.open_source_license }} {{ cookiecutter.full_name }}\n"
HOOK = "from pathlib import Path\n\nPath('HOOK_RAN').write_text('{{ cookiecutter.project_slug }}')\n"
THEIR_README = (
    "# {{ cookiecutter.project_name }}\n\n## Overview\n\nTheir own intro.\n\n## Installation\n\npip install .\n"
)


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    """A catalog: cookiecutter entries (one with a hook, one with overwrite) and a copier one with _tasks."""
    slug = "{{cookiecutter.project_slug}}"
    module = "{{cookiecutter.module_name}}"
    return build_tree(
        tmp_path / "catalog",
        {
            "project_catalog/sales.toml": 'id = "sales"\n'
            + ENTRY
            + 'template = { engine = "cookiecutter", path = "cc", directory = "sales" }\n',
            "project_catalog/plain.toml": 'id = "plain"\n'
            + ENTRY
            + 'template = { engine = "cookiecutter", path = "cc", directory = "plain", overwrite = true }\n',
            "project_catalog/tasks.toml": 'id = "tasks"\n'
            + ENTRY
            + 'template = { engine = "copier", path = "copier-tasks" }\n',
            "cc/sales/cookiecutter.json": json.dumps(COOKIECUTTER_JSON),
            "cc/sales/hooks/post_gen_project.py": HOOK,
            f"cc/sales/{slug}/README.md": THEIR_README,
            f"cc/sales/{slug}/LICENSE": LICENCE_LINE,
            f"cc/sales/{slug}/{module}/__init__.py": '"""{{ cookiecutter.use_docker }}"""\n',
            "cc/plain/cookiecutter.json": json.dumps({"project_name": "X", "project_slug": "x"}),
            "cc/plain/{{cookiecutter.project_slug}}/README.md": THEIR_README,
            "cc/plain/{{cookiecutter.project_slug}}/docs/data_card.md": "their card\n",
            "copier-tasks/copier.yml": (
                "project_name:\n  type: str\n  default: X\n"
                "_tasks:\n  - [\"{{ _copier_python }}\", \"-c\", \"open('TASK_RAN', 'w').write('yes')\"]\n"
            ),
            "copier-tasks/README.md.jinja": "# {{ project_name }}\n",
        },
    )


def new(catalog: Path, type_id: str, destination: Path, *extra: str):
    return run_cli(
        [
            "--catalog",
            str(catalog),
            "new",
            type_id,
            str(destination),
            "--defaults",
            "--author",
            AUTHOR,
            *extra,
        ]
    )


def test_cookiecutter_hook_is_refused_without_trust(catalog: Path, tmp_path: Path):
    result = new(catalog, "sales", tmp_path / "p")
    assert result.exit_code == 1
    assert "hooks/post_gen_project.py" in result.stderr and "--trust" in result.stderr
    assert not (tmp_path / "p").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["catalog"]  # no staging folder left behind


def test_cookiecutter_entry_renders_with_mapped_answers_hook_and_documentation_layer(catalog: Path, tmp_path: Path):
    result = new(
        catalog,
        "sales",
        tmp_path / "p",
        "--trust",
        "--name",
        "Café Sales",
        "--license",
        "MIT",
        "--data",
        "use_docker=y",
    )
    assert result.exit_code == 0, result.stderr
    project = tmp_path / "p"
    assert (project / "HOOK_RAN").read_text() == "cafe-sales"  # the hook ran, with our repo name as slug
    assert (project / "cafe_sales" / "__init__.py").read_text() == '"""y"""\n'
    assert (project / "LICENSE").read_text() == "MIT License Ada Learner\n"
    readme = (project / "README.md").read_text(encoding="utf-8")
    assert readme.startswith("# Café Sales\n\n## Overview\n\nTheir own intro.")  # their file, kept
    assert found_sections(readme) == {"problem", "data", "method", "metrics", "outcome"}
    assert readme.count("## Overview") == 1 and "## Problem" not in readme  # Overview counts as Problem
    assert "<!-- portfolio:metrics:start -->" in readme and "| MAE |" in readme and "| RMSE |" in readme
    assert "<!-- portfolio:guide" in readme and "Store sales" in readme
    card = (project / "docs" / "data_card.md").read_text(encoding="utf-8")
    assert card.startswith("# Data card: Store sales") and "CC BY 4.0" in card
    assert "added README sections the template lacks: data, method, metrics, outcome" in result.stderr
    assert git(project, "status", "--porcelain") == ""
    assert "README.md" in git(project, "ls-files")


def test_cookiecutter_overwrite_replaces_readme_and_data_card(catalog: Path, tmp_path: Path):
    entry = load_catalog(catalog, "replace").get("plain")
    result = render_project(
        NewProject(
            entry=entry,
            destination=tmp_path / "p",
            answers={"project_name": "Demo"},
            author=Author("Ada", "ada@example.com"),
        )
    )
    readme = (result.path / "README.md").read_text(encoding="utf-8")
    assert "Their own intro" not in readme and readme.startswith("# Demo\n")
    assert [line for line in readme.splitlines() if line.startswith("## ")] == [
        "## Problem",
        "## Data",
        "## Method",
        "## Metrics",
        "## Outcome",
    ]
    assert (result.path / "docs" / "data_card.md").read_text(encoding="utf-8") != "their card\n"
    assert result.commit


def test_cookiecutter_preview_runs_no_hook(catalog: Path):
    result = run_cli(["--catalog", str(catalog), "show", "sales", "--json"])
    assert result.exit_code == 0, result.stderr
    files = json.loads(result.stdout)["files"]
    assert "HOOK_RAN" not in files
    assert files == ["LICENSE", "README.md", "docs/data_card.md", "sales_forecast/__init__.py"]


def test_cookiecutter_bad_choice_is_one_clear_error(catalog: Path, tmp_path: Path):
    result = new(catalog, "sales", tmp_path / "p", "--trust", "--data", "use_docker=maybe")
    assert result.exit_code == 1
    assert "use_docker='maybe' is not one of n, y" in result.stderr


def test_copier_tasks_run_only_with_trust(catalog: Path, tmp_path: Path):
    entry = load_catalog(catalog, "replace").get("tasks")
    author = Author("Ada", "ada@example.com")
    with pytest.raises(UntrustedTemplateError, match="_tasks"):
        render_project(NewProject(entry=entry, destination=tmp_path / "untrusted", author=author))
    assert not (tmp_path / "untrusted").exists()
    result = new(catalog, "tasks", tmp_path / "refused")
    assert result.exit_code == 1 and "--trust" in result.stderr
    preview = run_cli(["--catalog", str(catalog), "show", "tasks", "--json"])  # a preview runs no task
    assert preview.exit_code == 0, preview.stderr
    assert json.loads(preview.stdout)["files"] == ["README.md"]
    trusted = render_project(NewProject(entry=entry, destination=tmp_path / "trusted", author=author, trust=True))
    assert (trusted.path / "TASK_RAN").read_text() == "yes"


def test_a_catalog_the_user_trusts_runs_its_hooks_without_the_flag(
    catalog: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("PORTFOLIO_TRUSTED_CATALOGS", f"https://example.org/other.git, {catalog}")
    result = new(catalog, "sales", tmp_path / "p")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "p" / "HOOK_RAN").is_file()
    monkeypatch.setenv("PORTFOLIO_TRUSTED_CATALOGS", str(tmp_path / "elsewhere"))
    assert new(catalog, "sales", tmp_path / "q").exit_code == 1


def test_a_copier_package_template_without_project_name_gets_our_answers_and_documentation_layer(
    tmp_path: Path,
) -> None:
    """A real-world shape: a tagged package template asking package_name and author_fullname only."""
    catalog = build_tree(
        tmp_path / "catalog",
        {
            "project_catalog/pkg.toml": 'id = "pkg"\n' + ENTRY + 'template = { engine = "copier", path = "pkg" }\n',
            "pkg/copier.yml": "package_name:\n  type: str\n  default: mypkg\nauthor_fullname:\n  type: str\n"
            "  default: Someone\n",
            "pkg/README.md.jinja": "# {{ package_name }}\n\nA package by {{ author_fullname }}.\n\n"
            "## Overview\n\nTheirs.\n",
            "pkg/{{ package_name }}/__init__.py": "",
        },
    )

    result = new(catalog, "pkg", tmp_path / "weekly-sales")

    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    project = tmp_path / "weekly-sales"
    readme = (project / "README.md").read_text(encoding="utf-8")
    assert readme.startswith("# weekly_sales\n\nA package by Ada Learner.\n\n## Overview\n\nTheirs.\n")  # theirs kept
    assert {"data", "method", "metrics", "outcome"} <= found_sections(readme)  # our layer appended
    assert "| MAE | _your final model's value on the test set_ |" in readme  # no `make train` there
    assert (project / "docs" / "data_card.md").is_file()
    assert "Next: cd" in result.stdout and "make" not in result.stdout.split("Next:")[1]
    assert ".train" not in result.stdout
    message = git(project, "log", "-1", "--format=%s")
    assert message.startswith("Create Weekly") and message.endswith("from the portfolio 'pkg' template")
