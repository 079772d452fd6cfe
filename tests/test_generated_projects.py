"""Every catalog type, rendered for real: its own tests pass, it trains offline, its notebook runs.

One project per type per module (module-scoped fixture); the generated projects run in this test
run's environment (PYTHONPATH=src) instead of one virtual environment each.
"""

from __future__ import annotations

import json
import math
import re

import pytest

from generator.catalog.entries import load_catalog
from generator.scaffold.sync import END, START, display_name, format_value
from tests.generated import PNG_MAGIC, GeneratedProject, generate, trains_projects
from tests.helpers import git, run_portfolio

CATALOG = load_catalog()
TYPES = [entry.id for entry in CATALOG]
# Metrics that are scores bounded by 0 and 1 wherever they appear.
UNIT_INTERVAL = {"accuracy", "precision", "recall", "f1", "roc_auc", "macro_f1"}
LOWER_IS_BETTER = ("rmse", "mae", "mape", "davies_bouldin", "log_loss")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module", params=TYPES)
def project(request, tmp_path_factory) -> GeneratedProject:
    return generate(request.param, tmp_path_factory.mktemp(request.param) / "project")


@trains_projects(scope="module")
def trained(project: GeneratedProject) -> GeneratedProject:
    result = project.run("python", "-m", f"{project.package}.train")
    assert result.returncode == 0, result.stdout + result.stderr
    return project


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
        if "{%" in text or "{{ " in text or "{#" in text:
            leftovers.append(path.relative_to(project.path).as_posix())
    assert not leftovers


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

    notebook = nbformat.read(
        project.path / "notebooks" / f"01-{project.answers['project_type']}.ipynb", as_version=4
    )
    nbformat.validate(notebook)
    kinds = {cell.cell_type for cell in notebook.cells}
    assert kinds == {"markdown", "code"}
    markdown = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")
    for section in ("Problem", "Data", "Method", "Metrics", "Outcome"):
        assert f"## {section}" in markdown


def test_project_tests_pass_out_of_the_box(project: GeneratedProject):
    result = project.run("python", "-m", "pytest", "-q", "-p", "no:cacheprovider")
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
    if not comparison.get("baseline"):
        pytest.skip("this type names no baseline")
    primary = CATALOG.get(trained.answers["project_type"]).metrics[0]
    selected = comparison["models"][comparison["selected"]][primary]
    baseline = comparison["models"][comparison["baseline"]][primary]
    better = selected < baseline if primary.endswith(LOWER_IS_BETTER) else selected > baseline
    assert better, (primary, selected, baseline)


def test_sync_writes_the_real_numbers_once(trained: GeneratedProject):
    result = run_portfolio(["sync", str(trained.path)])
    assert result.returncode == 0, result.stderr
    readme = (trained.path / "README.md").read_text(encoding="utf-8")
    for name, value in trained.metrics().items():
        assert f"| {display_name(name)} | {format_value(value)} |" in readme
    assert "_run `make train`" not in readme
    again = run_portfolio(["sync", str(trained.path)])
    assert again.returncode == 0
    assert (trained.path / "README.md").read_text(encoding="utf-8") == readme


def test_notebook_executes_without_errors(trained: GeneratedProject):
    import nbformat
    from nbclient import NotebookClient

    path = trained.path / "notebooks" / f"01-{trained.answers['project_type']}.ipynb"
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(
        notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    ).execute()
    errors = [o for cell in notebook.cells for o in cell.get("outputs", []) if o.output_type == "error"]
    assert not errors
    assert any(cell.get("outputs") for cell in notebook.cells if cell.cell_type == "code")


# --- what each type promises beyond the shared skeleton -------------------------------------

DATASHEET_HEADINGS = ("Motivation", "Composition", "Collection", "Preprocessing", "Uses", "Distribution",
                      "Maintenance")
MODEL_CARD_HEADINGS = ("Model details", "Intended use", "Factors", "Metrics", "Evaluation data",
                       "Training data", "Ethical considerations", "Caveats and recommendations")


def test_cards_follow_datasheets_and_model_cards(project: GeneratedProject):
    entry = CATALOG.get(project.answers["project_type"])
    cards = {"docs/data_card.md": DATASHEET_HEADINGS}
    if entry.level in ("advanced", "end-to-end"):
        cards["docs/model_card.md"] = MODEL_CARD_HEADINGS
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


TYPE_CHECKS = {"regression": _regression, "clustering": _clustering, "timeseries": _timeseries,
               "nlp": _nlp, "vision": _vision, "pipeline": _pipeline}


def test_type_specific_results(trained: GeneratedProject):
    check = TYPE_CHECKS.get(trained.answers["project_type"])
    if check is None:
        pytest.skip("no checks beyond the shared ones for this type")
    check(trained, trained.metrics())
