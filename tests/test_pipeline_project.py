"""The end-to-end `pipeline` type, beyond what every type must show: its FastAPI service answers
through a real uvicorn server on 127.0.0.1, MLflow recorded the run in the project's SQLite store,
the drift check flags a shifted batch and passes an unshifted one, and the Docker build context
holds everything the Dockerfile copies.
"""

from __future__ import annotations

import json
import os
import re
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.generated import GeneratedProject, generate, trained_copy, trains_projects
from tests.helpers import run_portfolio

pytestmark = pytest.mark.slow

READING = {
    "machine_type": "L",
    "air_temperature_k": 299.5,
    "process_temperature_k": 309.8,
    "rotational_speed_rpm": 1480,
    "torque_nm": 44.5,
    "tool_wear_min": 90,
    "vibration_mm_s": 4.1,
}


@trains_projects(scope="module")
def project(tmp_path_factory) -> GeneratedProject:
    """One pipeline project trained with its own command (`python -m <package>.train`), once per run."""
    trained = trained_copy("pipeline", tmp_path_factory.mktemp("pipeline") / "project", tmp_path_factory)
    assert re.search(r"trained in \d+\.\d s", trained.train_output)
    return trained


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server(project: GeneratedProject) -> Iterator[str]:
    """The project's API served by uvicorn on a free loopback port, as `make serve` does."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", f"{project.package}.api:app", "--host", "127.0.0.1", "--port", str(port)],
        cwd=project.path,
        env={**os.environ, "PYTHONPATH": str(project.path / "src")},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url, process)
        yield url
    finally:
        process.terminate()
        process.communicate(timeout=30)  # reaps the process and closes its output pipe


def wait_until_up(url: str, process: subprocess.Popen, timeout: float = 120) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"uvicorn exited with {process.returncode}: {process.stdout.read()[-3000:]}")
        try:
            httpx.get(f"{url}/health", timeout=2)
            return
        except httpx.TransportError:
            time.sleep(0.3)
    pytest.fail(f"the API did not answer within {timeout} s")


def test_health_reports_the_registered_model(server: str, project: GeneratedProject):
    import httpx

    response = httpx.get(f"{server}/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["model_version"] == "1"
    assert body["model_name"] == f"{project.package}_failure_model"


def test_predict_answers_a_valid_reading(server: str):
    import httpx

    response = httpx.post(f"{server}/predict", json=READING)
    assert response.status_code == 200
    body = response.json()
    assert 0.0 <= body["failure_probability"] <= 1.0
    assert body["alarm"] is (body["failure_probability"] >= body["threshold"])


@pytest.mark.parametrize(
    "payload",
    [
        {name: value for name, value in READING.items() if name != "tool_wear_min"},
        {**READING, "rotational_speed_rpm": "fast"},
        {**READING, "torque_nm": -1},
        {**READING, "machine_type": "XL"},
        [READING],
    ],
    ids=["missing-field", "wrong-type", "out-of-range", "unknown-category", "not-an-object"],
)
def test_predict_rejects_a_malformed_payload_with_422(server: str, payload):
    import httpx

    response = httpx.post(f"{server}/predict", json=payload)
    assert response.status_code == 422
    assert response.json()["detail"]


def test_mlflow_recorded_the_run_in_the_local_sqlite_store(project: GeneratedProject):
    store = project.path / "mlflow.db"
    assert store.read_bytes()[:16] == b"SQLite format 3\x00"
    assert not (project.path / "mlruns").exists()
    metrics = project.metrics()
    with sqlite3.connect(store) as connection:
        runs = connection.execute("SELECT run_uuid, status FROM runs").fetchall()
        assert len(runs) == 1 and runs[0][1] == "FINISHED"
        run_id = runs[0][0]
        params = dict(connection.execute("SELECT key, value FROM params WHERE run_uuid = ?", (run_id,)))
        logged = dict(connection.execute("SELECT key, value FROM metrics WHERE run_uuid = ?", (run_id,)))
        versions = connection.execute("SELECT name, version, run_id FROM model_versions").fetchall()
    assert params["split.seed"] == "42" and params["data.n_rows"] == "4000"
    assert params["tracking.uri"] == "sqlite:///mlflow.db"
    for name, value in metrics.items():
        assert logged[name] == pytest.approx(value, abs=1e-4)
    assert versions == [(f"{project.package}_failure_model", 1, run_id)]


def run_drift(project: GeneratedProject, *args: str) -> tuple[int, dict]:
    result = project.run("python", "-m", f"{project.package}.drift", *args)
    assert result.returncode in (0, 1), result.stderr[-3000:]
    report = json.loads((project.path / "reports" / "drift_report.json").read_text(encoding="utf-8"))
    return result.returncode, report


def make_drift(project: GeneratedProject, *variables: str) -> tuple[subprocess.CompletedProcess[str], dict]:
    """``make drift`` as the learner types it: the drift check's exit code said in words, and its report."""
    result = project.run("make", "drift", *variables, f"PYTHON={sys.executable}")
    report = json.loads((project.path / "reports" / "drift_report.json").read_text(encoding="utf-8"))
    return result, report


def test_make_drift_passes_an_unshifted_batch(project: GeneratedProject):
    result, report = make_drift(project)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "No drift" in result.stdout
    assert report["drifted"] is False and report["drifted_features"] == []
    assert all(feature["psi"] < report["threshold"] for feature in report["features"].values())


def test_make_drift_flags_a_shifted_batch_and_says_what_its_exit_code_means(project: GeneratedProject):
    result, report = make_drift(project, "DRIFT=1.0")
    assert result.returncode != 0
    # make says "exit 1" only when the drift check itself exited with 1
    assert "Drift found (exit 1): see reports/drift_report.json" in result.stdout, result.stderr[-3000:]
    assert report["drifted"] is True
    assert {"air_temperature_k", "tool_wear_min"} <= set(report["drifted_features"])
    figure = project.path / "reports" / "figures" / "feature_drift.png"
    assert figure.read_bytes()[:4] == b"\x89PNG"


def test_drift_check_reads_a_csv_of_new_readings(project: GeneratedProject, tmp_path: Path):
    reference = (project.path / "models" / "reference.csv").read_text(encoding="utf-8").splitlines()
    shifted = tmp_path / "new.csv"
    header = reference[0].split(",")
    column = header.index("air_temperature_k")
    rows = []
    for line in reference[1:1001]:
        cells = line.split(",")
        cells[column] = f"{float(cells[column]) + 8:.1f}"
        rows.append(",".join(cells))
    shifted.write_text("\n".join([reference[0], *rows]) + "\n", encoding="utf-8")
    status, report = run_drift(project, str(shifted))
    assert status == 1
    assert report["drifted_features"] == ["air_temperature_k"]


def test_drift_check_refuses_a_batch_that_breaks_the_schema(project: GeneratedProject, tmp_path: Path):
    broken = tmp_path / "broken.csv"
    broken.write_text("machine_type,torque_nm\nL,500\n", encoding="utf-8")
    result = project.run("python", "-m", f"{project.package}.drift", str(broken))
    assert result.returncode == 2
    assert "invalid batch, not compared" in result.stderr
    assert "torque_nm: 1 values outside [0, 100]" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_alarm_threshold_is_tuned_on_training_rows_and_served(server: str, project: GeneratedProject):
    import httpx

    threshold = httpx.post(f"{server}/predict", json=READING).json()["threshold"]  # what the service uses
    assert 0.0 < threshold < 1.0 and threshold != 0.5
    comparison = json.loads((project.path / "reports" / "model_comparison.json").read_text(encoding="utf-8"))
    assert {"cv_f1_mean", "f1", "roc_auc"} <= set(comparison["models"][comparison["selected"]])


def test_serving_needs_neither_mlflow_nor_pyarrow(project: GeneratedProject):
    import tomllib

    pyproject = tomllib.loads((project.path / "pyproject.toml").read_text(encoding="utf-8"))
    serving = pyproject["project"]["dependencies"] + pyproject["project"]["optional-dependencies"]["serve"]
    assert not any(name.startswith(("mlflow", "pyarrow", "skops", "matplotlib")) for name in serving)
    assert 'pip install ".[serve]"' in (project.path / "Dockerfile").read_text(encoding="utf-8")
    # pandas itself imports pyarrow when it happens to be installed; the image does not install it.
    probe = project.run(
        "python",
        "-c",
        (
            f"import sys; from {project.package}.api import create_app; "
            f"app = create_app(); heavy = {{'mlflow', 'skops', 'matplotlib'}} & set(sys.modules); "
            "print(sorted(heavy))"
        ),
    )
    assert probe.returncode == 0, probe.stderr
    assert probe.stdout.strip() == "[]"


def test_docker_build_context_has_what_the_dockerfile_copies(project: GeneratedProject):
    dockerfile = (project.path / "Dockerfile").read_text(encoding="utf-8")
    assert dockerfile.startswith("#") and "FROM python:3.11-slim" in dockerfile
    assert f'"{project.package}.api:app"' in dockerfile
    ignored = (project.path / ".dockerignore").read_text(encoding="utf-8").split()
    for source in re.findall(r"^COPY (.+) \S+$", dockerfile, flags=re.MULTILINE):
        for name in source.split():
            assert (project.path / name).exists(), name
            assert name.rstrip("/") not in ignored, name


def test_ci_builds_and_health_checks_the_image_after_training(project: GeneratedProject):
    import yaml

    workflow = yaml.safe_load((project.path / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))
    steps = [step.get("name", "") for step in workflow["jobs"]["test"]["steps"]]
    assert steps.index("Train (smoke run)") < steps.index("Serving image (build, start, health check)")
    script = workflow["jobs"]["test"]["steps"][-1]["run"]
    assert "docker build" in script and "/health" in script


def test_make_help_lists_the_pipeline_targets(project: GeneratedProject):
    result = project.run("make", "help")
    assert result.returncode == 0, result.stderr
    for target in ("train", "serve", "drift", "mlflow-ui", "docker"):
        assert re.search(rf"^\s+{target}\s+\S", result.stdout, flags=re.MULTILINE), target


def test_show_lists_the_generated_service_files_and_skills():
    result = run_portfolio(["show", "pipeline", "--json"])
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)
    assert shown["level"] == "end-to-end"
    assert shown["metrics"] == ["f1", "roc_auc"]
    assert {"FastAPI", "Docker", "MLflow experiment tracking"} <= set(shown["skills"])
    package = "src/end_to_end_ml_pipeline"
    for name in (
        "Dockerfile",
        "docs/model_card.md",
        f"{package}/api.py",
        f"{package}/drift.py",
        f"{package}/schema.py",
        "tests/test_api.py",
        "notebooks/01-pipeline.ipynb",
    ):
        assert name in shown["files"]


def test_training_on_a_csv_that_breaks_the_schema_says_what_is_wrong(tmp_path: Path):
    dataset = tmp_path / "plant.csv"
    rows = "".join(f"L,{40 + i}.0,{i % 2}\n" for i in range(24))
    dataset.write_text("machine_type,torque_nm,failure\n" + rows, encoding="utf-8")
    generated = generate("pipeline", tmp_path / "own-data", "--dataset", str(dataset), "--target", "failure")
    # The learner later swaps in data that breaks the schema (`new --dataset` refuses it up front).
    (generated.path / "data/raw/plant.csv").write_text("machine_type,torque_nm,failure\nL,40.0,0\nQ,-3.0,1\n")
    result = generated.run("python", "-m", f"{generated.package}.train")
    assert result.returncode == 1
    assert "invalid data, nothing trained" in result.stderr
    assert "missing column 'air_temperature_k'" in result.stderr
    assert "machine_type: unknown categories ['Q']" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (generated.path / "reports" / "metrics.json").exists()
