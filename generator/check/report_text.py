"""The report people read in a terminal: per project the score, where each section was found, and
one line per finding with its fix; a summary table when several targets were checked.

Written with plain string formatting (colour as ANSI codes when the output is a terminal): a
cohort prints hundreds of reports, and laying out rich tables cost several times the check itself.
"""

from __future__ import annotations

import textwrap
import unicodedata
from collections.abc import Sequence

from generator.check.model import ProjectReport

_COLOURS = {"bold": "1", "green": "32", "red": "31", "dim": "2", "yellow": "33"}


def render_text(
    reports: Sequence[ProjectReport], errors: Sequence[tuple[str, str]], *, color: bool = True, width: int | None = None
) -> str:
    """Per project: a verdict line, the sections, the findings; then a summary for several targets."""
    width = max(60, width or 110)

    def paint(text: str, style: str) -> str:
        return f"\x1b[{_COLOURS[style]}m{text}\x1b[0m" if color else text

    lines: list[str] = []
    for report in reports:
        verdict = paint("pass", "green") if report.passed else paint(f"below {report.passing_score}", "red")
        lines.append(
            f"{paint(report.title or report.target, 'bold')} ({report.target}): "
            f"{paint(f'{report.score}/100', 'bold')}, grade {report.grade}, {verdict}"
        )
        if report.sections:
            lines.append("Sections")
            rows = [
                (key, hit.heading, hit.where, hit.found_by, "yes" if hit.filled else "no")
                for key, hit in report.sections.items()
            ]
            lines += _table(("section", "heading", "where", "found by", "written"), rows, width)
        else:
            lines.append("Sections: none found")
        for note in report.notes:
            lines += textwrap.wrap(f"Not judged: {note}", width, subsequent_indent="    ")
        if report.findings:
            lines.append("To fix")
            for finding in report.findings:
                lines += textwrap.wrap(f"{finding.check}: {finding.message}", width, subsequent_indent="    ")
                lines += textwrap.wrap(f"fix: {finding.fix}", width, initial_indent="    ", subsequent_indent="    ")
        lines.append("")
    if len(reports) + len(errors) > 1:
        summary: list[tuple[str, ...]] = [
            (
                r.target,
                str(r.score),
                r.grade,
                "pass" if r.passed else "fail",
                str(sum(hit.filled for hit in r.sections.values())),
                str(len(r.findings)),
            )
            for r in reports
        ]
        summary += [(target, "-", "-", "error", "-", message) for target, message in errors]
        lines.append("Summary")
        lines += _table(("target", "score", "grade", "result", "sections written", "findings"), summary, width)
    return "\n".join(lines) + "\n"


def _table(header: tuple[str, ...], rows: Sequence[tuple[str, ...]], width: int) -> list[str]:
    """Columns padded to their widest cell (each cell cut to a share of the width), measured in
    terminal columns: a Chinese heading or an emoji takes two."""
    limit = max(8, width // len(header))
    cells = [[_cut(cell, limit) for cell in row] for row in [header, *rows]]
    widths = [max(_columns(row[column]) for row in cells) for column in range(len(header))]
    return [
        "  " + "  ".join(cell + " " * (size - _columns(cell)) for cell, size in zip(row, widths, strict=True)).rstrip()
        for row in cells
    ]


def _columns(text: str) -> int:
    """How many terminal columns ``text`` takes: wide East Asian characters two, combining marks none."""
    if text.isascii():
        return len(text)
    return sum(
        0 if unicodedata.combining(char) else 2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text
    )


def _cut(text: str, limit: int) -> str:
    """One line of at most ``limit`` columns; a path keeps its end (the folder's name)."""
    one_line = " ".join(text.split())
    if _columns(one_line) <= limit:
        return one_line
    path = "/" in one_line
    keep = one_line[-(limit - 1) :] if path else one_line[: limit - 1]  # at least limit - 1 columns
    while _columns(keep) > limit - 1:
        keep = keep[1:] if path else keep[:-1]
    return "…" + keep if path else keep + "…"
