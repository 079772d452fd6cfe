"""``portfolio check``: documentation completeness report for one or more projects."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from generator.cli.app import command_app
from generator.errors import PortfolioError, UsageError

if TYPE_CHECKING:
    from generator.check import ProjectReport

app = command_app()


@app.command("check")
def check(
    targets: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="TARGET", help="Project folders, git repositories, git URLs or GitHub owner/repo (default: .)."
        ),
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
        typer.Option(
            "--min-score",
            min=0,
            max=100,
            metavar="N",
            help="The pass mark: exit 1 if any project scores below N (default: the rubric's passing score).",
        ),
    ] = None,
    rubric_file: Annotated[
        Path | None, typer.Option("--rubric", metavar="FILE", help="A rubric TOML file laid over the default rubric.")
    ] = None,
    show_rubric: Annotated[
        bool, typer.Option("--show-rubric", help="Print the rubric (default, or --rubric FILE) and exit.")
    ] = False,
    api_url: Annotated[
        str | None,
        typer.Option(
            "--api-url",
            envvar="PORTFOLIO_GITHUB_API",
            metavar="URL",
            help="GitHub API for owner/repo targets (token from GITHUB_TOKEN or GH_TOKEN).",
        ),
    ] = None,
    post_status: Annotated[
        bool,
        typer.Option(
            "--post-status",
            help="Set the commit status portfolio/docs (score, grade, first fix) on --status-repo "
            "at --status-sha; what the GitHub Action does. Token from GITHUB_TOKEN or GH_TOKEN.",
        ),
    ] = False,
    status_repo: Annotated[
        str | None,
        typer.Option(
            "--status-repo",
            envvar="GITHUB_REPOSITORY",
            metavar="OWNER/REPO",
            help="Repository for --post-status (in Actions: the current one).",
        ),
    ] = None,
    status_sha: Annotated[
        str | None,
        typer.Option(
            "--status-sha",
            envvar="GITHUB_SHA",
            metavar="SHA",
            help="Commit for --post-status (in Actions: the checked-out one).",
        ),
    ] = None,
    status_url: Annotated[
        str | None,
        typer.Option(
            "--status-url",
            envvar="PORTFOLIO_STATUS_URL",
            metavar="URL",
            help="Link of the status (e.g. the workflow run).",
        ),
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
            report = check_target(target, rubric, api_url=api_url)
        except PortfolioError as error:  # check_project turns a project it cannot read into one, too
            errors.append((target, str(error)))
            error_line(str(error))
            continue
        if min_score is not None:
            report.passing_score, report.passed = min_score, report.score >= min_score
        reports.append(report)
    color = output is None and out().is_terminal
    text = render(reports, errors, rubric, fmt, color=color, width=out().width if color else None)
    if output is not None:
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as error:
            raise UsageError(f"--output {output}: cannot write ({error.strerror})") from None
    else:
        typer.echo(text, nl=False)
    if post_status:
        _post_status(reports, errors, min_score, status_repo, status_sha, status_url, api_url)
    if errors or not all(report.passed for report in reports):  # linter convention: 1 below the pass mark
        raise typer.Exit(1)


def _post_status(
    reports: list[ProjectReport],
    errors: list[tuple[str, str]],
    min_score: int | None,
    repo: str | None,
    sha: str | None,
    url: str | None,
    api_url: str | None,
) -> None:
    """Publish the one report as the ``portfolio/docs`` commit status (see generator.github.statuses)."""
    from generator.github import api as github_api
    from generator.github.statuses import describe, post_status

    if not repo or not sha:
        raise UsageError(
            "--post-status needs --status-repo OWNER/REPO and --status-sha SHA "
            "(in GitHub Actions: GITHUB_REPOSITORY and GITHUB_SHA)"
        )
    if len(reports) != 1 or errors:
        raise UsageError("--post-status checks exactly one project")
    report = reports[0]
    passed = report.score >= min_score if min_score is not None else report.passed
    first_fix = report.findings[0].fix if report.findings else ""
    root = github_api.api_url(api_url)
    token = github_api.resolve_token(None, root)
    client = github_api.client(token, root, write_pause=0)
    post_status(
        client,
        repo,
        sha,
        passed=passed,
        description=describe(report.score, report.grade, first_fix),
        target_url=url,
        token=token,
        api_url=root,
    )
