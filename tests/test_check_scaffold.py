"""For every catalog type: a fresh scaffold scores low with every section unfilled; with the sections
written and `portfolio sync` run, it scores >= 90."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.catalog.entries import load_catalog
from generator.check import check_project
from generator.check.placeholders import GUIDE_COMMENT
from tests.generated import rendered_copy
from tests.helpers import run_cli

FILLED = Path(__file__).parent / "fixtures" / "filled"
SECTIONS = ("problem", "data", "method", "metrics", "outcome")
TYPES = {entry.id: entry.metrics for entry in load_catalog()}


@pytest.fixture(params=sorted(TYPES))
def scaffold(request: pytest.FixtureRequest, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``portfolio new TYPE --defaults``: a private copy of the run's one render of the type
    (``rendered_copy``, shared with test_generated_projects)."""
    return rendered_copy(request.param, tmp_path / request.param, tmp_path_factory).path


@pytest.mark.slow
def test_fresh_scaffold_scores_low_and_lists_every_section_unfilled(scaffold: Path) -> None:
    report = check_project(scaffold)

    assert report.score < 50
    assert not report.passed
    assert set(report.sections) == set(SECTIONS)
    assert all(not hit.filled for hit in report.sections.values())
    assert all(hit.where.startswith("README.md:") for hit in report.sections.values())
    failed = {finding.check for finding in report.findings}
    assert {f"section.{name}" for name in SECTIONS} <= failed
    guides = [f for f in report.findings if f.check == "placeholders" and "portfolio:guide" in f.message]
    assert len([f for f in guides if f.file == "README.md"]) == len(SECTIONS)
    assert any(f.file and f.file.startswith("notebooks/") for f in guides)  # the notebook's own guidance too
    assert any("make train" in f.message for f in report.findings if f.check == "placeholders")
    assert report.problem_summary is None
    workflow = (scaffold / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8")
    assert "portfolio check" not in workflow  # opt-in only: a fresh scaffold must not fail its own CI


@pytest.mark.slow
def test_written_and_synced_scaffold_scores_at_least_90(scaffold: Path) -> None:
    readme = scaffold / "README.md"
    texts = iter((FILLED / f"{name}.md").read_text(encoding="utf-8").strip() for name in SECTIONS)
    readme.write_text(GUIDE_COMMENT.sub(lambda _: next(texts), readme.read_text(encoding="utf-8")), encoding="utf-8")
    # the learner writes in the notebook and the data card too (guidance left in docs/*.md is a finding)
    for page in [*(scaffold / "notebooks").glob("*.ipynb"), *(scaffold / "docs").glob("*.md")]:
        text = page.read_text(encoding="utf-8")
        page.write_text(GUIDE_COMMENT.sub("Written by the learner.", text), encoding="utf-8")
    metrics = {metric: round(0.9737 - index / 100, 4) for index, metric in enumerate(TYPES[scaffold.name])}
    (scaffold / "reports" / "metrics.json").write_text(json.dumps(metrics), encoding="utf-8")
    result = run_cli(["sync", str(scaffold)])
    assert result.exit_code == 0, result.output

    report = check_project(scaffold)

    assert report.score >= 90, [f.message for f in report.findings]
    assert report.passed
    assert all(hit.filled for hit in report.sections.values())
    failed = {finding.check for finding in report.findings}
    assert failed.isdisjoint({"placeholders", "metrics.values", "metrics.consistent"})
    assert report.metrics[TYPES[scaffold.name][0]] == pytest.approx(0.9737)
    assert report.problem_summary == "Pathologists review hundreds of fine-needle aspirate biopsies a week."
    assert report.title
