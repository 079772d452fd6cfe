"""``portfolio sync``: the README table from reports/metrics.json, and nothing else touched."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.errors import SyncError
from generator.scaffold.sync import END, START, sync_metrics
from tests.helpers import build_tree, run_cli

README = (
    f"# P\n\nIntro *kept*  \n\n## Metrics\n\n{START}\n| Metric | Value |\n|---|---|\n| F1 | _todo_ |\n{END}\n\nAfter.\n"
)


def project(tmp_path: Path, metrics: object = None, readme: str = README) -> Path:
    files: dict[str, str] = {"README.md": readme}
    if metrics is not None:
        files["reports/metrics.json"] = metrics if isinstance(metrics, str) else json.dumps(metrics)
    return build_tree(tmp_path / "p", files)


def test_table_is_filled_and_the_rest_kept_byte_for_byte(tmp_path: Path):
    root = project(tmp_path, {"f1": 0.912345, "rmse": 1234.5, "naive_mae": 3.0})
    assert sync_metrics(root).changed
    text = (root / "README.md").read_text()
    assert "| F1 | 0.9123 |" in text and "| RMSE | 1,234.5 |" in text and "| MAE (naive) | 3.0000 |" in text
    before, after = README.split(START)[0], README.split(END)[1]
    assert text.startswith(before) and text.endswith(after)


def test_second_sync_changes_nothing(tmp_path: Path):
    root = project(tmp_path, {"accuracy": 0.9})
    sync_metrics(root)
    first = (root / "README.md").read_bytes()
    assert not sync_metrics(root).changed
    assert (root / "README.md").read_bytes() == first


@pytest.mark.parametrize(
    "metrics, readme, message",
    [
        (None, README, "metrics.json not found"),
        ("{not json", README, "not valid JSON"),
        ([1, 2], README, "JSON object"),
        ({"f1": "high"}, README, "finite number"),
        ({"f1": True}, README, "finite number"),
        ({"f1": 0.5}, "# no markers\n", "has no metrics table"),
        ({"f1": 0.5}, README + README, "more than one"),
    ],
)
def test_bad_input_is_a_clear_error_and_changes_nothing(tmp_path: Path, metrics, readme: str, message: str):
    root = project(tmp_path, metrics, readme)
    with pytest.raises(SyncError, match=message):
        sync_metrics(root)
    assert (root / "README.md").read_text() == readme


def test_cli_reports_one_line_errors(tmp_path: Path):
    result = run_cli(["sync", str(tmp_path / "nowhere")])
    assert result.exit_code == 1 and "README.md not found" in result.stderr


def test_intervals_beside_the_metrics_give_the_table_training_writes(tmp_path: Path):
    """A generated project's training writes Value and 95% interval; sync after it must keep both."""
    root = project(tmp_path, {"f1": 0.9512, "roc_auc": 0.996})
    build_tree(root, {"reports/metrics_intervals.json": json.dumps({"f1": [0.8888, 0.9907]})})
    assert sync_metrics(root).changed
    text = (root / "README.md").read_text()
    assert "| Metric | Value | 95% interval |" in text
    assert "| F1 | 0.9512 | 0.8888 \u2013 0.9907 |" in text
    assert "| ROC AUC | 0.9960 | 0.9960 \u2013 0.9960 |" in text  # no interval: the point, as training writes
    assert not sync_metrics(root).changed


@pytest.mark.parametrize("intervals", ['{"f1": [0.1]}', '{"f1": ["a", "b"]}', "[1, 2]", "{not json"])
def test_malformed_intervals_are_one_clear_error(tmp_path: Path, intervals: str):
    root = project(tmp_path, {"f1": 0.9})
    build_tree(root, {"reports/metrics_intervals.json": intervals})
    with pytest.raises(SyncError, match=r"metrics_intervals\.json is not a JSON object"):
        sync_metrics(root)
