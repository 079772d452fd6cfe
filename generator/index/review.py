"""``--review``: the learner's own view of the portfolio, for the terminal and a private HTML file.

The public page hides what only the learner needs: documentation scores and grades, warnings,
what to fix next and which projects were kept off the page. The review shows all of it. Its
file goes *beside* the output folder (``portfolio-site-review.html`` for ``portfolio-site``), so
publishing or committing the folder never publishes the review by accident.
"""

from __future__ import annotations

from pathlib import Path

from generator.index import html_page
from generator.index.model import Portfolio
from generator.index.regions import write_atomically


def review_path(out_dir: Path) -> Path:
    """``DIR-review.html`` next to the output folder ``DIR``."""
    folder = out_dir.resolve()
    return folder.parent / f"{folder.name}-review.html"


def review_lines(portfolio: Portfolio, left_out: list[tuple[str, str]] | tuple[tuple[str, str], ...]) -> list[str]:
    """One block per project: score and grade, warnings, the fixes worth most points first."""
    lines: list[str] = []
    for card in portfolio.projects:
        score = f"{card.score}/100 ({card.grade})" if card.score is not None else "not checked"
        lines.append(f"{card.title}: documentation {score}")
        lines.extend(f"  ⚠ {warning}" for warning in card.warnings)
        lines.extend(f"  fix next: {fix}" for fix in card.fixes)
    lines.extend(
        f"not on the public page: {title}: {reason} (--include-all or --include to show it)"
        for title, reason in left_out
    )
    return lines


def write_review(
    portfolio: Portfolio, path: Path, left_out: list[tuple[str, str]] | tuple[tuple[str, str], ...]
) -> Path:
    """The private review page, written whole (nobody edits it by hand)."""
    write_atomically(path, html_page.whole_page(portfolio, review=True, left_out=list(left_out)))
    return path
