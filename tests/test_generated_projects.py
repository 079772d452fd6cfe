"""Every catalog type, rendered for real: its own tests pass, it trains offline, its notebook runs.

One project per type per module (module-scoped fixture), a copy of the run's one render of that
type; the generated projects run in this test run's environment (PYTHONPATH=src) instead of one
virtual environment each.
"""

from __future__ import annotations

import json
import math
import re
import subprocess
import sys

import pytest

from generator.catalog.entries import load_catalog
from generator.scaffold.sync import END, START, format_value
from tests.generated import (
    PNG_MAGIC,
    PROJECT_PYTEST_PLUGINS_OFF,
    GeneratedProject,
    actionlint,
    assert_notebook_ran_without_training,
    assert_notebook_shows_the_explanation,
    model_registry,
    outputs_digest,
    rendered_copy,
    trained_copy,
    trains_projects,
)
from tests.helpers import git
from tests.test_reproduce import TYPE as REPRODUCED

CATALOG = load_catalog()
TYPES = [entry.id for entry in CATALOG]
# Metrics that are scores bounded by 0 and 1 wherever they appear.
UNIT_INTERVAL = {"accuracy", "precision", "recall", "f1", "roc_auc", "macro_f1"}
TYPES_WITHOUT_BASELINE = {"clustering"}
LOWER_IS_BETTER = ("rmse", "mae", "mape", "davies_bouldin", "log_loss")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module", params=TYPES)
def project(request, tmp_path_factory) -> GeneratedProject:
    """``portfolio new TYPE --defaults`` (the run's one render of it, shared with ``trained``: see
    ``rendered_copy``)."""
    return rendered_copy(request.param, tmp_path_factory.mktemp(request.param) / "project", tmp_path_factory)


@trains_projects(scope="module")
def trained(project: GeneratedProject, tmp_path_factory) -> GeneratedProject:
    """The same type trained (once per run, shared with other modules: see ``trained_copy``)."""
    type_id = project.answers["project_type"]
    return trained_copy(type_id, tmp_path_factory.mktemp(f"{type_id}-trained") / "project", tmp_path_factory)


def test_result_is_one_clean_commit_on_main(project: GeneratedProject):
    assert git(project.path, "branch", "--show-current") == "main"
    assert git(project.path, "rev-list", "--count", "HEAD") == "1"
    assert git(project.path, "status", "--porcelain") == ""
    assert project.answers["project_type"] == CATALOG.get(project.answers["project_type"]).id


def test_skeleton_files_exist(project: GeneratedProject):
    package = f"src/{project.package}"
    expected = {
        "README.md",
        "LICENSE",
        ".gitignore",
        "Makefile",
        "pyproject.toml",
        "params.toml",
        ".copier-answers.yml",
        ".github/workflows/ci.yml",
        "docs/data_card.md",
        f"notebooks/01-{project.answers['project_type']}.ipynb",
        *(f"{package}/{name}.py" for name in ("__init__", "data", "train", "evaluate")),
    }
    missing = sorted(name for name in expected if not (project.path / name).is_file())
    assert not missing
    assert list((project.path / "tests").glob("test_*.py"))


def test_no_template_syntax_survives(project: GeneratedProject):
    leftovers = []
    for path in project.path.rglob("*"):
        if ".git" in path.parts or not path.is_file() or path.suffix in {".png", ".csv", ".joblib"}:
            continue
        text = path.read_text(encoding="utf-8")
        if "{%" in text or re.search(r"(?<!\$)\{\{ ", text) or "{#" in text:  # ${{ }} is GitHub's
            leftovers.append(path.relative_to(project.path).as_posix())
    assert not leftovers


def test_toml_files_are_plain_toml(project: GeneratedProject):
    import tomllib

    for name in ("pyproject.toml", "params.toml"):
        text = (project.path / name).read_text(encoding="utf-8")
        assert "\\u00" not in text, name  # Jinja's tojson escapes > as \u003e
        tomllib.loads(text)
    pyproject = tomllib.loads((project.path / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["requires-python"] == f">={project.answers['python_version']}"
    assert pyproject["build-system"]["requires"] == ["hatchling>=1.27"]  # PEP 639 licence strings


def test_ci_is_least_privilege_and_current(project: GeneratedProject):
    import yaml

    path = project.path / ".github" / "workflows" / "ci.yml"
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow["concurrency"]["cancel-in-progress"] is True
    uses = [step["uses"] for step in workflow["jobs"]["test"]["steps"] if "uses" in step]
    assert uses[:3] == ["actions/checkout@v6", "actions/setup-python@v6", "astral-sh/setup-uv@v8.1.0"]
    dependabot = yaml.safe_load((project.path / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    assert {update["package-ecosystem"] for update in dependabot["updates"]} == {"github-actions", "pip"}


def test_every_types_ci_workflow_is_actionlint_clean(tmp_path_factory: pytest.TempPathFactory):
    """All types' workflows in one actionlint run (see ``actionlint``), each a copy of its type's render."""
    projects = [
        rendered_copy(type_id, tmp_path_factory.mktemp(type_id) / "project", tmp_path_factory) for type_id in TYPES
    ]
    assert actionlint(*(project.path / ".github" / "workflows" / "ci.yml" for project in projects)) == []


def test_readme_has_review_sections_with_guidance(project: GeneratedProject):
    readme = (project.path / "README.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+)$", readme, flags=re.MULTILINE)
    for section in ("Problem", "Data", "Method", "Metrics", "Outcome", "Reproduce", "Project structure"):
        assert section in headings
    assert headings.index("Problem") < headings.index("Outcome") < headings.index("Reproduce")
    assert readme.count("<!-- portfolio:guide") >= 5
    assert readme.count(START) == readme.count(END) == 1


def test_notebook_is_valid_nbformat(project: GeneratedProject):
    import nbformat

    notebook = nbformat.read(project.path / "notebooks" / f"01-{project.answers['project_type']}.ipynb", as_version=4)
    nbformat.validate(notebook)
    kinds = {cell.cell_type for cell in notebook.cells}
    assert kinds == {"markdown", "code"}
    markdown = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")
    for section in ("Problem", "Data", "Method", "Metrics", "Outcome"):
        assert f"## {section}" in markdown


# test_reproduce runs the Reproduce block (which ends in `pytest`) of one type: the others here.
@pytest.mark.parametrize("project", [type_id for type_id in TYPES if type_id != REPRODUCED], indirect=True)
def test_project_tests_pass_out_of_the_box(project: GeneratedProject):
    result = project.run("python", "-m", "pytest", "-q", "-p", "no:cacheprovider", *PROJECT_PYTEST_PLUGINS_OFF)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert re.search(r"\d+ passed", result.stdout)


def test_project_code_is_ruff_clean(project: GeneratedProject):
    result = project.run("python", "-m", "ruff", "check", "--no-cache", "src", "tests")
    assert result.returncode == 0, result.stdout


def test_training_writes_exactly_the_catalog_metrics(trained: GeneratedProject):
    entry = CATALOG.get(trained.answers["project_type"])
    metrics = trained.metrics()
    assert list(metrics) == list(entry.metrics)
    for name, value in metrics.items():
        assert isinstance(value, int | float) and math.isfinite(value), name
        if name in UNIT_INTERVAL:
            assert 0.0 <= value <= 1.0, (name, value)


def test_training_writes_png_figures_the_readme_shows(trained: GeneratedProject):
    readme = (trained.path / "README.md").read_text(encoding="utf-8")
    referenced = re.findall(r"!\[[^\]]*\]\((reports/figures/[^)]+\.png)\)", readme)
    assert referenced
    for figure in referenced:
        assert (trained.path / figure).read_bytes()[:8] == PNG_MAGIC, figure


def test_selected_model_beats_its_baseline(trained: GeneratedProject):
    comparison_path = trained.path / "reports" / "model_comparison.json"
    comparison = json.loads(comparison_path.read_text(encoding="utf-8"))
    if not comparison.get("baseline"):  # only clustering has no model to beat: it is not a prediction
        assert trained.answers["project_type"] in TYPES_WITHOUT_BASELINE, comparison
        return
    primary = CATALOG.get(trained.answers["project_type"]).metrics[0]
    selected = comparison["models"][comparison["selected"]][primary]
    baseline = comparison["models"][comparison["baseline"]][primary]
    better = selected < baseline if primary.endswith(LOWER_IS_BETTER) else selected > baseline
    assert better, (primary, selected, baseline)


def _outside_regions(text: str) -> str:
    return re.sub(r"<!-- portfolio:([\w-]+):start -->.*?<!-- portfolio:\1:end -->", "", text, flags=re.DOTALL)


def test_training_writes_the_results_into_the_readme_and_model_card_once(trained: GeneratedProject):
    readme = (trained.path / "README.md").read_text(encoding="utf-8")
    card = (trained.path / "docs" / "model_card.md").read_text(encoding="utf-8")
    intervals = json.loads((trained.path / "reports" / "metrics_intervals.json").read_text(encoding="utf-8"))
    metrics = trained.metrics()
    assert list(intervals) == list(metrics)  # metrics.json stays flat; the intervals sit beside it
    for name, value in metrics.items():
        low, high = intervals[name]
        assert low <= value + 1e-4 and value - 1e-4 <= high, name
        row = f"| {format_value(value)} | {format_value(low)} \N{EN DASH} {format_value(high)} |"
        assert row in readme and row in card, name
    headline = next(iter(metrics))
    key_line = next(line for line in readme.splitlines() if line.startswith("**Key result:**"))
    assert format_value(metrics[headline]) in key_line and "95% interval" in key_line
    assert "make train`" not in readme and "portfolio sync" not in readme
    assert "_Run `make train`" not in card
    rendered = git(trained.path, "show", "HEAD:README.md")
    assert _outside_regions(readme).strip() == _outside_regions(rendered).strip()  # the rest is the learner's
    # the labels the run wrote (the metrics table's first column, in metrics.json's order): taking them
    # from `train` would import the modelling stack just to re-publish
    table = next(region["body"] for region in REGION.finditer(readme) if region["name"] == "metrics")
    labels = dict(zip(metrics, re.findall(r"^\| ([^|]+?) \| ", table, flags=re.MULTILINE)[1:], strict=True))
    again = trained.run(
        "python",
        "-c",
        (
            f"import json, sys; from {trained.package}.paths import REPORTS_DIR; "
            f"from {trained.package}.readme import publish_results; "
            "publish_results(REPORTS_DIR, json.loads(sys.argv[1]))"
        ),
        json.dumps(labels),
    )
    assert again.returncode == 0, again.stderr
    assert (trained.path / "README.md").read_text(encoding="utf-8") == readme
    assert (trained.path / "docs" / "model_card.md").read_text(encoding="utf-8") == card


# test_reproduce runs the notebooks of its type as its README says, and checks them the same way.
NOTEBOOK_TYPES = [type_id for type_id in TYPES if type_id != REPRODUCED]


@pytest.fixture(scope="module")
def executed_notebook(trained: GeneratedProject):
    """The project's notebook run top to bottom once, with models/, reports/ and the MLflow
    registry as they were before the run."""
    import nbformat
    from nbclient import NotebookClient

    before, registry = outputs_digest(trained), model_registry(trained)
    path = trained.path / "notebooks" / f"01-{trained.answers['project_type']}.ipynb"
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(
        notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    ).execute()
    return notebook, before, registry


@pytest.mark.parametrize("project", NOTEBOOK_TYPES, indirect=True)
def test_notebook_runs_on_the_trained_model_and_changes_nothing(trained: GeneratedProject, executed_notebook):
    notebook, before, registry = executed_notebook
    assert_notebook_ran_without_training(notebook)
    assert outputs_digest(trained) == before  # models/ and reports/ byte for byte
    assert model_registry(trained) == registry  # no MLflow model version registered


def test_generated_code_has_no_unused_functions_classes_or_imports(project: GeneratedProject):
    """vulture over src/ and tests/: unused variables and attributes are left out, because
    frameworks read them by name (pydantic fields, scikit-learn's fitted attributes)."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "vulture",
            "src",
            "tests",
            "--min-confidence",
            "60",
            "--ignore-decorators",
            "@app.get,@app.post,@pytest.fixture",
        ],
        cwd=project.path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    dead = [
        line
        for line in result.stdout.splitlines()
        if re.search(r"unused (function|class|method|import|property)", line)
    ]
    assert not dead


# --- what each type promises beyond the shared skeleton -------------------------------------

DATASHEET_HEADINGS = ("Motivation", "Composition", "Collection", "Preprocessing", "Uses", "Distribution", "Maintenance")
MODEL_CARD_HEADINGS = (
    "Model details",
    "Intended use",
    "Factors",
    "Metrics",
    "Evaluation data",
    "Training data",
    "Ethical considerations",
    "Caveats and recommendations",
)


def test_cards_follow_datasheets_and_model_cards(project: GeneratedProject):
    cards = {"docs/data_card.md": DATASHEET_HEADINGS, "docs/model_card.md": MODEL_CARD_HEADINGS}
    for name, expected in cards.items():
        headings = re.findall(r"^## (.+)$", (project.path / name).read_text(encoding="utf-8"), re.MULTILINE)
        assert list(expected) == headings, name


def _comparison(project: GeneratedProject) -> dict:
    return json.loads((project.path / "reports" / "model_comparison.json").read_text(encoding="utf-8"))


def _regression(project: GeneratedProject, metrics: dict[str, float]) -> None:
    baseline = _comparison(project)["models"]["mean_baseline"]
    assert metrics["rmse"] < 0.9 * baseline["rmse"] and metrics["mae"] < baseline["mae"]
    assert 0.0 < metrics["r2"] <= 1.0 and metrics["mae"] <= metrics["rmse"]


def _clustering(project: GeneratedProject, metrics: dict[str, float]) -> None:
    comparison = _comparison(project)
    assert comparison["baseline"] is None  # unsupervised: no naive model, k chosen by silhouette
    scan = comparison["models"]
    assert comparison["selected"] == max(scan, key=lambda name: scan[name]["silhouette"])
    assert -1.0 <= metrics["silhouette"] <= 1.0 and metrics["davies_bouldin"] >= 0.0
    assert metrics["adjusted_rand"] > 0.5  # the hidden labels are recovered far better than chance


def _timeseries(project: GeneratedProject, metrics: dict[str, float]) -> None:
    for baseline in ("naive", "seasonal_naive"):
        for error in ("mae", "rmse", "mape"):
            assert metrics[error] < metrics[f"{baseline}_{error}"], (baseline, error)
    assert metrics["mape"] < 1.0  # a fraction, not a percentage


def _nlp(project: GeneratedProject, metrics: dict[str, float]) -> None:
    import csv

    with (project.path / "data" / "raw" / "support_messages.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) >= 400 and len({row["label"] for row in rows}) >= 3
    assert "CC0" in (project.path / "docs" / "data_card.md").read_text(encoding="utf-8")
    assert "transformer_embeddings" not in _comparison(project)["models"]  # no local model configured
    assert metrics["macro_f1"] > 0.7


def _vision(project: GeneratedProject, metrics: dict[str, float]) -> None:
    import importlib.util

    has_torch = importlib.util.find_spec("torch") is not None
    assert ("cnn" in _comparison(project)["models"]) == has_torch  # the CNN only with PyTorch
    assert metrics["accuracy"] > 0.9


def _pipeline(project: GeneratedProject, metrics: dict[str, float]) -> None:
    # API, MLflow store and drift CLI are exercised in tests/test_pipeline_project.py.
    assert metrics["roc_auc"] > 0.8 and metrics["f1"] > 0.3
    drift = json.loads((project.path / "reports" / "drift_report.json").read_text(encoding="utf-8"))
    assert drift["drifted"] is False  # a fresh batch from the training process
    assert (project.path / "mlflow.db").is_file() and (project.path / "models" / "reference.csv").is_file()


def _classification(project: GeneratedProject, metrics: dict[str, float]) -> None:
    # Breast Cancer Wisconsin: a linear model separates it well; anything less is a broken pipeline.
    assert metrics["accuracy"] > 0.9 and metrics["roc_auc"] > 0.95


TYPE_CHECKS = {
    "classification": _classification,
    "regression": _regression,
    "clustering": _clustering,
    "timeseries": _timeseries,
    "nlp": _nlp,
    "vision": _vision,
    "pipeline": _pipeline,
}


def test_type_specific_results(trained: GeneratedProject):
    TYPE_CHECKS[trained.answers["project_type"]](trained, trained.metrics())


# --- why the model decides, where it does worse, one click to run --------------------------

EXPLANATION_METHODS = {
    "classification": "permutation_importance",
    "regression": "permutation_importance",
    "pipeline": "permutation_importance",
    "timeseries": "permutation_importance",
    "nlp": "linear_term_contributions",
    "vision": "occlusion_saliency",
    "clustering": "standardised_centroid_differences",
}
# The columns each type slices its held-out rows by; types not listed define no slices.
SLICE_COLUMNS = {
    "classification": {"mean radius"},
    "regression": {"sex", "age"},
    "pipeline": {"machine_type"},
    "timeseries": {"day type", "month"},
    "nlp": {"words per message"},
}
REGION = re.compile(
    r"<!-- portfolio:(?P<name>[\w-]+):start -->\n(?P<body>.*?)\n"
    r"<!-- portfolio:(?P=name):end -->",
    re.DOTALL,
)


def _regions(text: str) -> dict[str, str]:
    return {match["name"]: match["body"] for match in REGION.finditer(text)}


def _section(markdown: str, heading: str) -> str:
    """The text under ``## heading`` up to the next level-2 heading."""
    return re.search(rf"^## {heading}\n(.*?)(?=^## |\Z)", markdown, re.MULTILINE | re.DOTALL)[1]


def _report(project: GeneratedProject, name: str) -> dict:
    return json.loads((project.path / "reports" / name).read_text(encoding="utf-8"))


def test_training_explains_the_selected_model_in_json_figure_and_readme(trained: GeneratedProject):
    project_type = trained.answers["project_type"]
    explanation = _report(trained, "explanation.json")
    assert explanation["method"] == EXPLANATION_METHODS[project_type]
    assert explanation["model"] == _comparison(trained)["selected"]
    assert (trained.path / "reports" / explanation["figure"]).read_bytes()[:8] == PNG_MAGIC
    region = _regions((trained.path / "README.md").read_text(encoding="utf-8"))["explanation"]
    assert explanation["summary"] in region
    rows = explanation["table"]["rows"]
    assert rows and all(f"| {' | '.join(row)} |" in region for row in rows)
    if explanation["method"] == "permutation_importance":
        importances = list(explanation["importances"].values())
        means = [value["mean"] for value in importances]
        assert means == sorted(means, reverse=True) and means[0] > 0
        assert all(value["std"] >= 0 for value in importances) and explanation["repeats"] >= 5


def test_training_writes_only_between_markers(trained: GeneratedProject):
    """Outside its marked regions the README is the learner's. That a second run writes the same
    reports is the project's own test (`test_a_second_run_writes_the_same_reports`, run by
    test_project_tests_pass_out_of_the_box); that the same reports give the same README is
    test_training_writes_the_results_into_the_readme_and_model_card_once."""
    committed = git(trained.path, "show", "HEAD:README.md")
    readme = (trained.path / "README.md").read_text(encoding="utf-8")
    assert REGION.sub("", committed).strip() == REGION.sub("", readme).strip()
    assert REGION.findall(readme) and readme != committed


def test_slice_metrics_where_the_type_defines_slices(trained: GeneratedProject):
    project_type = trained.answers["project_type"]
    path = trained.path / "reports" / "slices.json"
    if project_type not in SLICE_COLUMNS:
        assert not path.exists()
        return
    report = _report(trained, "slices.json")
    slices = report["slices"]
    assert {item["column"] for item in slices} == SLICE_COLUMNS[project_type]
    per_column = {
        column: sum(item["rows"] for item in slices if item["column"] == column)
        for column in SLICE_COLUMNS[project_type]
    }
    assert len(set(per_column.values())) == 1  # each column splits the same held-out rows
    ranked = [item["value"] for item in slices if item["rows"] >= report["min_rows"] and item["value"] is not None]
    worst = report["worst"]
    assert worst in slices
    assert worst["value"] == (min(ranked) if report["higher_is_better"] else max(ranked))
    assert report["gap"] == pytest.approx(worst["value"] - report["overall"], abs=2e-4)
    labels = {item["slice"] for item in slices}
    expected = {"pipeline": {"L", "M", "H"}, "timeseries": {"weekday", "weekend"}}
    assert expected.get(project_type, set()) <= labels
    quoted = f"{worst['value']:.4f}"
    card = (trained.path / "docs" / "model_card.md").read_text(encoding="utf-8")
    card_regions = _regions(card)
    assert quoted in card_regions["slices"] and card_regions["slices"] in _section(card, "Factors")
    assert quoted in card_regions["slice-gap"]
    assert card_regions["slice-gap"] in _section(card, "Ethical considerations")
    readme = (trained.path / "README.md").read_text(encoding="utf-8")
    assert quoted in _regions(readme)["slices"]
    assert "where the model does worse" in _section(readme, "Outcome").lower()


def _notebook_cells(project: GeneratedProject):
    import nbformat

    path = project.path / "notebooks" / f"01-{project.answers['project_type']}.ipynb"
    return nbformat.read(path, as_version=4).cells


def test_colab_cell_comes_first_and_does_nothing_outside_colab(project: GeneratedProject, tmp_path):
    import subprocess
    import sys

    first = next(cell for cell in _notebook_cells(project) if cell.cell_type == "code")
    assert '"google.colab" in sys.modules' in first.source and "git" in first.source
    result = subprocess.run(
        [sys.executable, "-c", first.source], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    assert not list(tmp_path.iterdir())  # nothing cloned, installed or written


def test_readme_colab_badge_waits_for_an_owner(project: GeneratedProject):
    readme = (project.path / "README.md").read_text(encoding="utf-8")
    assert "colab" in _regions(readme)
    assert "colab.research.google.com" not in readme  # no owner in the answers: publish fills it


@pytest.mark.parametrize("project", NOTEBOOK_TYPES, indirect=True)
def test_notebook_shows_the_explanation(trained: GeneratedProject, executed_notebook):
    notebook, _, _ = executed_notebook
    assert_notebook_shows_the_explanation(notebook, trained)
