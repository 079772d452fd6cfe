"""The class report opens in a real headless Chromium, sorts on click and logs no errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cohort.report import Target, check_class, write_html
from generator.cohort.roster import read_roster
from tests.browser import console_errors, headless_browser, save_screenshot, serve_directory
from tests.helpers import build_tree

pytestmark = pytest.mark.browser

PROSE = "These are the student's own words, written at length so that the section counts as real prose here."


def project(root: Path, sections: list[str]) -> Path:
    """A project whose README has the given sections written out."""
    body = "".join(f"## {name.title()}\n\n{PROSE}\n\n" for name in sections)
    return build_tree(root, {"README.md": f"# Project\n\n{body}"})


@pytest.mark.slow
def test_html_report_sorts_by_clicked_header_in_chromium(tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text("name\nZoë\nAna\nMo\nBea\n", encoding="utf-8")
    students = read_roster(roster)
    sections = {
        "zoe": ["problem"],
        "ana": ["problem", "data", "method", "outcome"],
        "mo": [],
        "bea": ["problem", "method"],
    }
    targets = [
        Target(s, str(project(tmp_path / s.repo, sections[s.repo])), (tmp_path / s.repo).as_uri()) for s in students
    ]
    targets.append(Target(read_roster(_one(tmp_path, "Nobody"))[0], str(tmp_path / "missing"), ""))
    results = check_class(targets)
    scores = {r.student.name: r.score for r in results}
    assert len({scores["Zoë"], scores["Ana"], scores["Mo"], scores["Bea"]}) == 4  # a meaningful order
    page = write_html(results, tmp_path / "report" / "class-report.html")

    with headless_browser(tmp_path) as driver, serve_directory(page.parent) as base:
        driver.get(f"{base}/{page.name}")  # over loopback HTTP, as a published report would be
        assert driver.title == "Class report"

        def column(index: int) -> list[str]:
            return [
                cell.text for cell in driver.find_elements("css selector", f"#report tbody tr td:nth-child({index})")
            ]

        assert column(1) == ["Zoë", "Ana", "Mo", "Bea", "Nobody"]  # roster order first
        score_header = driver.find_element("css selector", 'th[data-key="score"]')
        score_header.click()
        assert score_header.get_attribute("aria-sort") == "ascending"
        ascending = sorted(scores, key=lambda name: -1 if scores[name] is None else scores[name])
        assert column(1) == ascending
        assert column(3)[0] == "-"  # unchecked project first when ascending
        score_header.click()
        assert score_header.get_attribute("aria-sort") == "descending"
        assert column(1) == list(reversed(ascending))
        driver.find_element("css selector", 'th[data-key="student"]').click()
        assert column(1) == ["Ana", "Bea", "Mo", "Nobody", "Zoë"]
        link = driver.find_element("css selector", "#report tbody tr td:nth-child(7) a")
        assert link.get_attribute("href") == (tmp_path / "ana").as_uri()
        assert console_errors(driver) == []
        assert save_screenshot(driver, "class-report").stat().st_size > 0


def _one(tmp_path: Path, name: str) -> Path:
    path = tmp_path / "one.csv"
    path.write_text(f"name\n{name}\n", encoding="utf-8")
    return path
