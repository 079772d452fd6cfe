"""Fixture READMEs written like real ones: expected sections and score bands."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest

from generator.check import check_project
from tests.helpers import build_tree

FIXTURES = Path(__file__).parent / "fixtures" / "readmes"
EXPECTED = tomllib.loads((FIXTURES / "expected.toml").read_text(encoding="utf-8"))
PROJECT_FILES = {
    "LICENSE": "MIT License\n",
    "requirements.txt": "pandas\n",
    "tests/test_smoke.py": "def test(): ...\n",
}


def test_every_fixture_folder_has_expectations() -> None:
    folders = {path.name for path in FIXTURES.iterdir() if path.is_dir()}
    assert folders == set(EXPECTED)
    assert len(folders) >= 12


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_sections_and_score(name: str, tmp_path: Path) -> None:
    expected = EXPECTED[name]
    project = tmp_path / name
    shutil.copytree(FIXTURES / name, project)
    build_tree(project, PROJECT_FILES)

    report = check_project(project)

    written = {key for key, hit in report.sections.items() if hit.filled}
    unwritten = {key for key, hit in report.sections.items() if not hit.filled}
    assert written == set(expected["written"])
    assert unwritten == set(expected.get("unwritten", []))
    low, high = expected["score"]
    assert low <= report.score <= high, [finding.message for finding in report.findings]
    messages = "\n".join(f.message for f in report.findings if f.check == "placeholders")
    for text in expected.get("placeholders", []):
        assert text in messages
    if not expected.get("placeholders"):
        assert not messages
