"""``portfolio cohort new`` / ``portfolio cohort check``: a whole class in one command per step."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from generator.cli.app import catalog_for, command_app, cwd, global_options
from generator.cli.console import err, note, out
from generator.cli.options import (
    ApiUrlOption,
    AuthorOption,
    OrgOption,
    PrivateOption,
    TokenEnvOption,
    TrustOption,
    WritePauseOption,
)
from generator.github.api import DEFAULT_WRITE_PAUSE

if TYPE_CHECKING:
    from generator.cohort.report import StudentResult
    from generator.cohort.runs import CohortEvent, CohortResult

app = command_app(
    name="cohort",
    help="One project per student of a roster CSV, and a class report.",
    no_args_is_help=True,
)

RosterArgument = Annotated[
    Path,
    typer.Argument(
        metavar="ROSTER.csv",
        help="CSV with a 'name' column; optional 'github', 'email', 'project_name'.",
        show_default=False,
    ),
]
PrefixOption = Annotated[
    str, typer.Option("--prefix", help="Start every repository name with this, e.g. term-2026-.")
]
DestOption = Annotated[
    Path | None,
    typer.Option("--dest", help="Folder holding the students' projects (default: the current folder)."),
]
StatusOption = Annotated[
    Path | None,
    typer.Option("--status", help="The cohort status file (default: DEST/cohort-status.csv)."),
]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar, only the summary.")]


@app.command("new")
def cohort_new(
    ctx: typer.Context,
    roster: RosterArgument,
    type_id: Annotated[str, typer.Option("--type", "-t", help="Project type for every student.")],
    prefix: PrefixOption = "",
    dest: DestOption = None,
    status: StatusOption = None,
    publish: Annotated[
        bool, typer.Option("--publish", help="Create each repository on GitHub and add the student.")
    ] = False,
    org: OrgOption = None,
    private: PrivateOption = False,
    token_env: TokenEnvOption = None,
    api_url: ApiUrlOption = None,
    write_pause: WritePauseOption = DEFAULT_WRITE_PAUSE,
    author: AuthorOption = None,
    data: Annotated[
        list[str] | None,
        typer.Option(
            "--data", "-d", metavar="KEY=VALUE", help="Answer a template question for everyone (repeatable)."
        ),
    ] = None,
    trust: TrustOption = False,
    quiet: QuietOption = False,
) -> None:
    """Create one project per student (resumable: re-run to retry failures), optionally on GitHub."""
    from generator.catalog.source import is_trusted_catalog
    from generator.cohort.roster import read_roster
    from generator.cohort.runs import CohortOptions, PublishSettings, run_cohort
    from generator.errors import UsageError
    from generator.scaffold.answers import parse_data_pairs
    from generator.scaffold.render import template_config
    from generator.vcs import resolve_author

    if org and not publish:
        raise UsageError("--org only makes sense with --publish")
    students = read_roster(roster, prefix)
    catalog = catalog_for(ctx)
    entry = catalog.get(type_id)
    answers = parse_data_pairs(data, template_config(entry)) if data else {}
    destination = (dest or cwd()).absolute()
    options = CohortOptions(
        entry=entry,
        destination=destination,
        author=resolve_author(author),
        answers=answers,
        trust=trust or is_trusted_catalog(global_options(ctx).catalog),
        publish=PublishSettings(
            org=org, private=private, token_env=token_env, api_url=api_url, write_pause=write_pause
        ) if publish else None,
        status_file=status,
        catalog=catalog,
    )
    if quiet:
        result = run_cohort(students, options)
    else:
        with _progress(len(students)) as on_event:
            options.on_event = on_event
            result = run_cohort(students, options)
    _print_cohort_summary(result)
    if result.failed:
        raise typer.Exit(1)


@contextmanager
def _progress(total: int) -> Iterator[Callable[[CohortEvent], None]]:
    """A rich progress bar on stderr; yields the event handler that advances it."""
    from rich.markup import escape
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    progress = Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
        console=err(),
    )
    task = progress.add_task("students", total=total)

    def on_event(event: CohortEvent) -> None:
        if event.kind == "started":
            progress.update(task, description=escape(event.student.repo))
            return
        progress.advance(task)
        if event.kind == "failed" and event.status is not None:
            reason = event.status.status.removeprefix("failed: ")
            progress.console.print(f"[red]failed[/] {escape(event.student.repo)}: {escape(reason)}")

    with progress:
        yield on_event
        progress.update(task, description="students")


def _print_cohort_summary(result: CohortResult) -> None:
    from rich.markup import escape

    failed = result.failed
    ok = len(result.statuses) - len(failed)
    console = out()
    console.print(
        f"{ok}/{len(result.statuses)} students ok ({result.created} done now, {result.skipped} already done"
        f"{f', {len(failed)} failed' if failed else ''}); status: {result.status_file}"
    )
    for row in failed:
        reason = row.status.removeprefix("failed: ")
        console.print(f"  [red]{escape(row.repo)}[/] ({escape(row.student)}): {escape(reason)}")
    if failed:
        note("Fix the problems above and run the same command again: finished students are skipped.")


@app.command("check")
def cohort_check(
    roster: RosterArgument,
    prefix: PrefixOption = "",
    status: Annotated[
        Path | None,
        typer.Option("--status", help="Status file of `cohort new` (default: ./cohort-status.csv)."),
    ] = None,
    root: Annotated[
        Path | None, typer.Option("--root", help="Folder holding the projects as ROOT/<repo>.")
    ] = None,
    org: Annotated[
        str | None, typer.Option("--org", help="Check the GitHub repositories ORG/<repo> instead.")
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Folder for class-report.csv and .html (default: current)."),
    ] = None,
    rubric: Annotated[
        Path | None, typer.Option("--rubric", help="A rubric TOML file laid over the default rubric.")
    ] = None,
    title: Annotated[str, typer.Option("--title", help="Heading of the HTML report.")] = "Class report",
    api_url: ApiUrlOption = None,
    token_env: TokenEnvOption = None,
    quiet: QuietOption = False,
) -> None:
    """Check every student's project; write class-report.csv and class-report.html; print a summary."""
    import os

    from generator.check import load_rubric
    from generator.cohort.report import (
        CSV_NAME,
        HTML_NAME,
        check_class,
        resolve_targets,
        summary,
        write_csv,
        write_html,
    )
    from generator.cohort.roster import read_roster
    from generator.errors import UsageError

    if root is not None and org is not None:
        raise UsageError("give --root or --org, not both")
    students = read_roster(roster, prefix)
    targets = resolve_targets(
        students, status_file=status or cwd() / "cohort-status.csv", root=root, org=org
    )
    token = os.environ.get(token_env, "") if token_env else None
    loaded = load_rubric(rubric)
    if quiet:
        results = check_class(targets, loaded, api_url=api_url, token=token)
    else:
        from rich.progress import Progress

        with Progress(console=err()) as progress:
            task = progress.add_task("checking", total=len(targets))
            results = check_class(
                targets, loaded, api_url=api_url, token=token,
                on_result=lambda _result: progress.advance(task),
            )
    folder = (output or cwd()).absolute()
    csv_path = write_csv(results, folder / CSV_NAME)
    html_path = write_html(results, folder / HTML_NAME, title)
    _print_class_table(results)
    counts = summary(results)
    out().print(
        f"{counts['checked']}/{counts['students']} checked, {counts['passed']} passing, "
        f"mean score {counts['mean_score']}"
    )
    out().print(f"Report: {csv_path}  {html_path}")
    if counts["errors"]:
        raise typer.Exit(1)


def _print_class_table(results: list[StudentResult]) -> None:
    from rich.markup import escape
    from rich.table import Table

    table = Table(title="Class report", title_justify="left")
    for column in ("student", "repo", "score", "grade", "missing sections"):
        table.add_column(column, overflow="fold", justify="right" if column == "score" else "left")
    for result in results:
        row = result.as_row()
        missing = f"[red]{escape(result.error)}[/]" if result.error else escape(row["missing_sections"])
        table.add_row(
            escape(row["student"]), escape(row["repo"]), row["score"] or "-", row["grade"] or "-", missing
        )
    out().print(table)
