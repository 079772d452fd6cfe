"""The catalog: built-in entries load; broken entries report `file: field: message`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.catalog.entries import load_catalog, read_entries
from tests.helpers import build_tree, run_cli

VALID = """\
id = "churn"
title = "Churn"
summary = "Predict churn."
level = "foundational"
skills = ["pandas"]
dataset = { name = "d", source = "s", licence = "CC0" }
metrics = ["accuracy"]
topics = ["ml"]
template = { engine = "copier", path = "tpl" }
"""


def catalog_with(tmp_path: Path, **entries: str) -> Path:
    files = {f"project_catalog/{name}.toml": text for name, text in entries.items()}
    files["tpl/copier.yml"] = "project_name: x\n"
    return build_tree(tmp_path / "catalog", files)


def test_builtin_catalog_is_valid_and_complete():
    catalog = load_catalog()
    assert "classification" in catalog.entries
    for entry in catalog:
        assert entry.template.path is not None and (entry.template.path / "copier.yml").is_file()
        assert set(entry.sections) >= {"problem", "data", "method", "metrics", "outcome"}


def test_valid_custom_entry_loads(tmp_path: Path):
    entries, problems = read_entries(catalog_with(tmp_path, churn=VALID), builtin=False)
    assert problems == []
    assert entries[0].id == "churn" and entries[0].dataset.licence == "CC0"


@pytest.mark.parametrize(
    "change, field, message",
    [
        (('level = "foundational"', 'level = "expert"'), "level", "not one of"),
        (('id = "churn"', 'id = "Churn Model"'), "id", "lowercase"),
        (('metrics = ["accuracy"]', "metrics = []"), "metrics", "non-empty list"),
        (('summary = "Predict churn."\n', ""), "summary", "required"),
        (('licence = "CC0"', 'licence = ""'), "dataset.licence", "required"),
        (('engine = "copier"', 'engine = "make"'), "template.engine", "must be one of"),
        (('path = "tpl"', 'path = "../outside"'), "template.path", "inside the catalog"),
        (('path = "tpl"', 'path = "missing"'), "template.path", "not found"),
        (('topics = ["ml"]', 'topics = ["ml"]\ncolour = "red"'), "colour", "unknown field"),
        (('title = "Churn"', "title = ["), "-", "invalid TOML"),
    ],
)
def test_each_problem_is_file_field_message(tmp_path: Path, change: tuple[str, str], field: str, message: str):
    text = VALID.replace(*change)
    assert text != VALID
    root = catalog_with(tmp_path, churn=text)
    _, problems = read_entries(root, builtin=False)
    assert any(
        p.startswith(f"{root / 'project_catalog' / 'churn.toml'}: {field}: ") and message in p for p in problems
    ), problems


def test_all_problems_of_an_entry_are_reported_together(tmp_path: Path):
    text = VALID.replace('level = "foundational"', 'level = "x"').replace('metrics = ["accuracy"]', "metrics = 3")
    _, problems = read_entries(catalog_with(tmp_path, churn=text), builtin=False)
    assert len(problems) == 2


def test_duplicate_ids_are_reported(tmp_path: Path):
    _, problems = read_entries(catalog_with(tmp_path, a=VALID, b=VALID), builtin=False)
    assert any("already defined in a.toml" in p for p in problems)


def test_broken_custom_catalog_is_one_line_from_the_cli(tmp_path: Path):
    root = catalog_with(tmp_path, churn=VALID.replace('level = "foundational"', 'level = "x"'))
    result = run_cli(["--catalog", str(root), "list"])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "churn.toml: level:" in result.stderr


def test_list_json_has_the_documented_fields():
    result = run_cli(["list", "--json"])
    assert result.exit_code == 0
    entries = json.loads(result.stdout)
    assert {"id", "title", "summary", "level", "skills", "dataset", "metrics", "topics", "sections"} <= set(entries[0])


def test_list_table_names_every_type():
    result = run_cli(["list"])
    assert result.exit_code == 0
    for entry in load_catalog():
        assert entry.id in result.stdout


def test_show_lists_dataset_metrics_and_generated_files():
    result = run_cli(["show", "classification"])
    assert result.exit_code == 0, result.output
    for fragment in (
        "Breast Cancer Wisconsin",
        "roc_auc",
        "README.md",
        "notebooks/01-classification.ipynb",
        "LICENSE",
        ".github/workflows/ci.yml",
    ):
        assert fragment in result.stdout


def test_show_unknown_type_suggests(tmp_path: Path):
    result = run_cli(["show", "classifcation"])
    assert result.exit_code == 1 and "did you mean 'classification'" in result.stderr


@pytest.mark.slow
@pytest.mark.parametrize("type_id", [entry.id for entry in load_catalog()])
def test_show_lists_each_types_files_and_skills(type_id: str):
    entry = load_catalog().get(type_id)
    result = run_cli(["show", type_id])
    assert result.exit_code == 0, result.output
    expected = [f"notebooks/01-{type_id}.ipynb", "docs/data_card.md", "params.toml", *entry.skills]
    if entry.level in ("advanced", "end-to-end"):
        expected.append("docs/model_card.md")
    for fragment in expected:
        assert fragment in result.stdout, fragment
