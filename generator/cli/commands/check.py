"""``portfolio check``: documentation completeness report for one or more projects."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from generator.cli.app import command_app
from generator.errors import PortfolioError, UsageError

app = command_app()


@app.command("check")
def check(
    targets: Annotated[
        list[str] | None,
        typer.Argument(metavar="TARGET",
                       help="Project folders, git repositories, git URLs or GitHub owner/repo (default: .)."),
    ] = None,
    fmt: Annotated[
        str, typer.Option("--format", "-f", metavar="FORMAT", help="Output format: text, json, markdown or sarif.")
    ] = "text",
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write the report to this file instead of stdout."),
    ] = None,
    min_score: Annotated[
        int | None,
        typer.Option("--min-score", min=0, max=100, metavar="N", help="Exit 1 if any project scores below N (for CI)."),
    ] = None,
    rubric_file: Annotated[
        Path | None, typer.Option("--rubric", metavar="FILE", help="A rubric TOML file laid over the default rubric.")
    ] = None,
    show_rubric: Annotated[
        bool, typer.Option("--show-rubric", help="Print the rubric (default, or --rubric FILE) and exit.")
    ] = False,
    api_url: Annotated[
        str | None,
        typer.Option("--api-url", envvar="PORTFOLIO_GITHUB_API", metavar="URL",
                     help="GitHub API for owner/repo targets (token from GITHUB_TOKEN or GH_TOKEN)."),
    ] = None,
) -> None:
    """Score how completely projects document their work.

    Problem, data, method, metrics and outcome: what is there, what is missing, how to fix it.
    """
    from generator.check import check_target, load_rubric
    from generator.check.report import FORMATS, render
    from generator.cli.console import error_line, out

    fmt = fmt.lower()  # `--format JSON` as readily as `--format json`
    if fmt not in FORMATS:
        raise UsageError(f"--format must be one of {', '.join(FORMATS)} (got {fmt!r})")
    rubric = load_rubric(rubric_file)
    if show_rubric:
        typer.echo(rubric.text, nl=False)
        return
    reports, errors = [], []
    for target in targets or ["."]:
        try:
            reports.append(check_target(target, rubric, api_url=api_url))
        except PortfolioError as error:
            errors.append((target, str(error)))
            error_line(str(error))
    color = output is None and out().is_terminal
    text = render(reports, errors, rubric, fmt, color=color, width=out().width if color else None)
    if output is not None:
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as error:
            raise UsageError(f"--output {output}: cannot write ({error.strerror})") from None
    else:
        typer.echo(text, nl=False)
    below = min_score is not None and any(report.score < min_score for report in reports)
    if errors or below:
        raise typer.Exit(1)
