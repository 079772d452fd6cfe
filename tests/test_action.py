"""The composite action (``action.yml``): its interface, actionlint, its check step run for real,
and ``cohort check --from-status`` reading back the commit statuses it sets.

The check step's shell script is taken from action.yml and run with bash, with the variables
GitHub Actions would set, against the loopback GitHub stand-in; only the install step (a pip
install of the action's own checkout) is replaced by a ``portfolio`` on PATH that runs this tree.
"""

from __future__ import annotations

import csv
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.generated import actionlint
from tests.helpers import run_cli
from tests.test_class_report import WRITTEN_README

ROOT = Path(__file__).resolve().parents[1]
ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))


def test_the_action_offers_the_agreed_inputs_and_installs_from_its_own_checkout() -> None:
    inputs = {name: spec.get("default") for name, spec in ACTION["inputs"].items()}
    assert inputs == {
        "path": ".",
        "min-score": "70",
        "sarif": "false",
        "status": "true",
        "token": "${{ github.token }}",
    }
    assert ACTION["runs"]["using"] == "composite"
    runs = [step.get("run", "") for step in ACTION["runs"]["steps"]]
    assert any('pip install --quiet "${{ github.action_path }}"' in run for run in runs)
    uses = [step.get("uses", "") for step in ACTION["runs"]["steps"]]
    assert any(use.startswith("github/codeql-action/upload-sarif@") for use in uses)


@pytest.mark.slow
def test_the_actions_steps_are_actionlint_clean(tmp_path: Path) -> None:
    """actionlint checks workflows, not action metadata: lint the steps inside a reusable workflow
    that declares the same inputs (``inputs.*``, ``steps.*``, ``github.*`` resolve the same way)."""
    inputs = {
        name: {
            "type": "string",
            "required": False,
            "default": "" if "${{" in str(spec["default"]) else str(spec["default"]),
        }
        for name, spec in ACTION["inputs"].items()
    }
    workflow = {
        "name": "action steps",
        "on": {"workflow_call": {"inputs": inputs}},
        "permissions": {"contents": "read", "statuses": "write", "security-events": "write"},
        "jobs": {"check": {"runs-on": "ubuntu-latest", "steps": ACTION["runs"]["steps"]}},
    }
    path = tmp_path / ".github" / "workflows" / "action-steps.yml"
    path.parent.mkdir(parents=True)
    path.write_text(yaml.safe_dump(workflow, sort_keys=False), encoding="utf-8")
    assert actionlint(path) == []


def check_step_script() -> str:
    (step,) = [step for step in ACTION["runs"]["steps"] if step.get("id") == "check"]
    return step["run"]


def portfolio_on_path(tmp_path: Path) -> Path:
    """A ``portfolio`` command running this tree, standing in for the pip-installed one."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "portfolio"
    shim.write_text(f'#!/bin/sh\nPYTHONPATH="{ROOT}" exec "{sys.executable}" -m generator "$@"\n', encoding="utf-8")
    shim.chmod(shim.stat().st_mode | stat.S_IXUSR)
    return bin_dir


def run_check_step(tmp_path: Path, server, project: Path, sha: str, **inputs: str) -> tuple[int, Path]:
    runner = tmp_path / "runner"
    runner.mkdir(exist_ok=True)
    summary, outputs = runner / "summary.md", runner / "output.txt"
    bin_dir = tmp_path / "bin" if (tmp_path / "bin").is_dir() else portfolio_on_path(tmp_path)
    env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "PROJECT": str(project),
        "MIN_SCORE": inputs.get("min_score", "70"),
        "WANT_SARIF": inputs.get("sarif", "false"),
        "WANT_STATUS": inputs.get("status", "true"),
        "GITHUB_TOKEN": server.token,
        "PORTFOLIO_GITHUB_API": server.api_url,
        "PORTFOLIO_STATUS_URL": f"{server.base_url}/bootcamp/ana/actions/runs/1",
        "GITHUB_REPOSITORY": "bootcamp/ana",
        "GITHUB_SHA": sha,
        "RUNNER_TEMP": str(runner),
        "GITHUB_STEP_SUMMARY": str(summary),
        "GITHUB_OUTPUT": str(outputs),
    }
    result = subprocess.run(
        ["bash", "-e", "-c", check_step_script()], env=env, capture_output=True, text=True, timeout=300, check=False
    )
    return result.returncode, runner


@pytest.fixture
def class_on_github(github_server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    github_server.add_org("bootcamp", members=[github_server.login])
    github_server.add_repo("bootcamp", "ana", files={"README.md": WRITTEN_README})
    github_server.add_repo("bootcamp", "bo", files={"README.md": "# Bo\n"})
    monkeypatch.setenv("GITHUB_TOKEN", github_server.token)
    project = tmp_path / "ana"
    project.mkdir()
    (project / "README.md").write_text(WRITTEN_README, encoding="utf-8")  # the workflow's checkout
    return github_server, project, github_server.refs("bootcamp", "ana")["refs/heads/main"]


@pytest.mark.slow
def test_the_check_step_writes_the_summary_sarif_and_status_and_fails_below_the_pass_mark(
    tmp_path: Path, class_on_github
) -> None:
    server, project, sha = class_on_github

    code, runner = run_check_step(tmp_path, server, project, sha, min_score="0", sarif="true")

    assert code == 0
    summary = (runner / "summary.md").read_text(encoding="utf-8")
    assert summary.startswith("## Documentation check") and "Tumour triage" in summary
    assert "sarif-file=" in (runner / "output.txt").read_text(encoding="utf-8")
    assert json.loads((runner / "portfolio-check.sarif").read_text(encoding="utf-8"))["runs"]
    (status,) = server.state.statuses[("bootcamp", "ana")][sha]
    assert status["context"] == "portfolio/docs" and status["state"] == "success"
    assert status["description"].split(", grade ")[0].endswith("/100")
    assert status["target_url"].endswith("/actions/runs/1")

    failing, _ = run_check_step(tmp_path, server, project, sha, min_score="100", status="true")
    assert failing == 1
    newest = server.state.statuses[("bootcamp", "ana")][sha][0]
    assert newest["state"] == "failure"

    unposted = len(server.state.statuses[("bootcamp", "ana")][sha])
    assert run_check_step(tmp_path, server, project, sha, min_score="0", status="false")[0] == 0
    assert len(server.state.statuses[("bootcamp", "ana")][sha]) == unposted  # status: 'false' posts nothing


@pytest.mark.slow
def test_cohort_check_from_status_reads_every_result_without_cloning(tmp_path: Path, class_on_github) -> None:
    server, project, sha = class_on_github
    assert run_check_step(tmp_path, server, project, sha, min_score="0")[0] == 0
    posted = server.state.statuses[("bootcamp", "ana")][sha][0]["description"]
    roster = tmp_path / "roster.csv"
    roster.write_text("name,github\nAna,ana-gh\nBo,bo-gh\nCy,\n", encoding="utf-8")
    server.state.requests.clear()

    result = run_cli(
        [
            "cohort",
            "check",
            str(roster),
            "--org",
            "bootcamp",
            "--from-status",
            "--api-url",
            server.api_url,
            "--write-pause",
            "0",
            "--output",
            str(tmp_path / "report"),
            "--quiet",
        ]
    )

    assert result.exit_code == 1, result.output  # two students have no result to read
    with (tmp_path / "report" / "class-report.csv").open(encoding="utf-8", newline="") as handle:
        ana, bo, cy = csv.DictReader(handle)
    assert f"{ana['score']}/100, grade {ana['grade']}" == posted.split(";")[0]
    assert ana["passed"] == "yes" and ana["github"] == "ana-gh"
    assert ana["link"] == f"{server.base_url}/git/bootcamp/ana"  # the URL the API returned
    assert "no portfolio/docs result on main yet" in bo["error"]
    assert "repository not found" in cy["error"]
    assert server.calls("GET", r"/commits/main/status$") == [
        f"/api/v3/repos/bootcamp/{r}/commits/main/status" for r in ("ana", "bo", "cy")
    ]
    assert [path for method, path in server.state.requests if "/git/" in path] == []  # no clone


def test_from_status_needs_an_org(tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text("name\nAna\n", encoding="utf-8")
    result = run_cli(["cohort", "check", str(roster), "--from-status"])
    assert result.exit_code == 2 and "--from-status reads results from GitHub: give --org ORG" in result.stderr
