"""`portfolio check --format sarif`: valid SARIF 2.1.0 (checked against the OASIS schema, vendored in
tests/fixtures/sarif/), levels by weight, score and grade in the run's properties, project-relative paths
through uriBaseId, no made-up line 1 for project-level findings, rules linking to their documentation."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import jsonschema
import pytest

from generator.check import check_project
from generator.check.sarif import level, render_sarif
from tests.check_project_builder import build_project
from tests.helpers import build_tree, run_portfolio

SCHEMA_FILE = Path(__file__).parent / "fixtures" / "sarif" / "sarif-schema-2.1.0.json"
SCHEMA = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
PYPROJECT = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text(encoding="utf-8"))


@pytest.fixture
def weak(tmp_path: Path) -> Path:
    return build_tree(tmp_path / "weak", {"README.md": "# Weak\n\n## Problem\n\nTODO\n"})


def _validate(document: dict) -> None:
    jsonschema.Draft4Validator(SCHEMA).validate(document)


def test_sarif_of_several_projects_is_valid_against_the_schema(tmp_path: Path, weak: Path) -> None:
    good = build_project(tmp_path / "good")
    (good / "LICENSE").unlink()
    result = run_portfolio(["check", "good", "weak", "-f", "sarif"], cwd=tmp_path, timeout=60)
    document = json.loads(result.stdout)
    _validate(document)
    run = document["runs"][0]
    assert run["properties"]["projects"] == [
        {"target": "good", "score": check_project(good).score, "grade": check_project(good).grade, "passed": True},
        {"target": "weak", "score": check_project(weak).score, "grade": "F", "passed": False},
    ]
    assert run["originalUriBaseIds"]["PROJECT"] == {"uri": "good/", "uriBaseId": "%SRCROOT%"}
    assert run["originalUriBaseIds"]["PROJECT2"] == {"uri": "weak/", "uriBaseId": "%SRCROOT%"}
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.resolve().as_uri() + "/"


def test_findings_are_located_relative_to_their_project(weak: Path) -> None:
    result = run_portfolio(["check", "--format", "sarif"], cwd=weak, timeout=60)
    document = json.loads(result.stdout)
    _validate(document)
    run = document["runs"][0]
    assert run["properties"]["score"] == check_project(weak).score and run["properties"]["grade"] == "F"
    rule_ids = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    todo = next(r for r in run["results"] if r["ruleId"] == "placeholders")
    assert todo["locations"] == [
        {
            "physicalLocation": {
                "artifactLocation": {"uri": "README.md", "uriBaseId": "PROJECT"},
                "region": {"startLine": 5},
            }
        }
    ]
    assert rule_ids[todo["ruleIndex"]] == "placeholders"
    assert "Fix:" in todo["message"]["text"]
    assert run["originalUriBaseIds"]["PROJECT"] == {"uri": "", "uriBaseId": "%SRCROOT%"}


def test_project_level_findings_have_no_made_up_line(tmp_path: Path, weak: Path) -> None:
    good = build_project(tmp_path / "good")
    (good / "LICENSE").unlink()
    document = json.loads(render_sarif([check_project(good)]))
    licence = next(r for r in document["runs"][0]["results"] if r["ruleId"] == "project.licence")
    assert "locations" not in licence  # "no LICENSE file" is about the project, not README line 1
    document = json.loads(render_sarif([check_project(weak)]))
    file_only = next(r for r in document["runs"][0]["results"] if r["ruleId"] == "project.ml")
    assert file_only["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "README.md", "uriBaseId": "PROJECT"}
    }


def test_levels_follow_weights_and_rules_link_to_their_documentation(weak: Path) -> None:
    report = check_project(weak)
    document = json.loads(render_sarif([report]))
    weights = {check.id: check.weight for check in report.checks}
    for rule in document["runs"][0]["tool"]["driver"]["rules"]:
        assert rule["defaultConfiguration"]["level"] == level(weights[rule["id"]])
        assert rule["helpUri"] == document["runs"][0]["tool"]["driver"]["informationUri"]
    homepage = PYPROJECT["project"]["urls"]["Documentation"].split("#")[0]  # one source of truth: pyproject
    assert rule["helpUri"] == homepage + "#the-rubric-and-the-score"
    for result in document["runs"][0]["results"]:
        assert result["level"] == level(weights[result["ruleId"]])
    assert [level(weight) for weight in (8, 6, 5, 3, 2, 1)] == ["error", "error", "warning", "warning", "note", "note"]


def test_a_cloned_target_has_a_described_base(weak: Path) -> None:
    report = check_project(weak)
    report.path = None
    document = json.loads(render_sarif([report]))
    _validate(document)
    assert "uri" not in document["runs"][0]["originalUriBaseIds"]["PROJECT"]


def test_the_schema_rejects_what_it_should() -> None:
    """The validator is live: a SARIF log without its version fails."""
    with pytest.raises(jsonschema.ValidationError):
        _validate({"runs": []})
