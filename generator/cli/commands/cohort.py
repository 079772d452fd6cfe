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
    from generator.cohort.update import UpdateSummary

app = command_app(
    name="cohort",
    help="One project per student of a roster CSV, template updates as pull requests, a class report.",
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
PrefixOption = Annotated[str, typer.Option("--prefix", help="Start every repository name with this, e.g. term-2026-.")]
# Where `cohort update` and `cohort check` find the students' projects.
CohortStatusOption = Annotated[
    Path | None,
    typer.Option("--status", help="Status file of `cohort new` (default: ./cohort-status.csv)."),
]
RootOption = Annotated[Path | None, typer.Option("--root", help="Folder holding the projects as ROOT/<repo>.")]
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
        typer.Option("--data", "-d", metavar="KEY=VALUE", help="Answer a template question for everyone (repeatable)."),
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
        publish=PublishSettings(org=org, private=private, token_env=token_env, api_url=api_url, write_pause=write_pause)
        if publish
        else None,
        status_file=status,
        catalog=catalog,
        notify=note,
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
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=err(),
    )
    task = progress.add_task("students", total=total)

    def on_event(event: CohortEvent) -> None:
        if event.kind == "started":
            progress.update(task, description=escape(event.student.repo))
            return
        if event.kind not in {"ok", "failed", "skipped"}:
            return  # a step within a student
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


@app.command("update")
def cohort_update(
    ctx: typer.Context,
    roster: RosterArgument,
    prefix: PrefixOption = "",
    status: CohortStatusOption = None,
    root: RootOption = None,
    org: Annotated[
        str | None,
        typer.Option("--org", help="Update the GitHub repositories ORG/<repo> through pull requests instead."),
    ] = None,
    to: Annotated[str | None, typer.Option("--to", help="Template version to update to (default: the newest).")] = None,
    token_env: TokenEnvOption = None,
    api_url: ApiUrlOption = None,
    write_pause: WritePauseOption = DEFAULT_WRITE_PAUSE,
    author: AuthorOption = None,
    trust: TrustOption = False,
    quiet: QuietOption = False,
) -> None:
    """Bring every student's project to a new template version (on GitHub: one pull request each)."""
    from generator.catalog.source import is_trusted_catalog
    from generator.cohort.roster import read_roster
    from generator.cohort.runs import PublishSettings
    from generator.cohort.update import UPDATE_STATUS_FILE, UpdateOptions, update_cohort
    from generator.errors import UsageError
    from generator.vcs import resolve_author

    if root is not None and org is not None:
        raise UsageError("give --root or --org, not both")
    students = read_roster(roster, prefix)
    new_status = (status or cwd() / "cohort-status.csv").absolute()
    folder = root.absolute() if root is not None else cwd() if org else new_status.parent
    options = UpdateOptions(
        author=resolve_author(author),
        to=to,
        trust=trust or is_trusted_catalog(global_options(ctx).catalog),
        root=root.absolute() if root is not None else None,
        new_status=new_status,
        github=PublishSettings(org=org, token_env=token_env, api_url=api_url, write_pause=write_pause) if org else None,
        status_file=folder / UPDATE_STATUS_FILE,
    )
    if quiet:
        summary = update_cohort(students, options)
    else:
        with _progress(len(students)) as on_event:
            options.on_event = on_event
            summary = update_cohort(students, options)
    _print_update_summary(summary, on_github=org is not None)
    if summary.failed:
        raise typer.Exit(1)


def _print_update_summary(summary: UpdateSummary, *, on_github: bool) -> None:
    from rich.markup import escape
    from rich.table import Table

    from generator.cohort.update import CONFLICTS, CURRENT, DECLINED, PROPOSED, UPDATED

    table = Table(title="Template update", title_justify="left")
    for column in ("updated" if not on_github else "pull requests", "already current", "conflicts", "failed"):
        table.add_column(column, justify="right")
    done = summary.count(PROPOSED) + summary.count(DECLINED) if on_github else summary.count(UPDATED)
    table.add_row(str(done), str(summary.count(CURRENT)), str(summary.count(CONFLICTS)), str(len(summary.failed)))
    console = out()
    console.print(table)
    for row in summary.rows:
        if row.status == CONFLICTS:
            console.print(f"  [yellow]{escape(row.repo)}[/]: conflicts in {escape(row.conflicts)} {escape(row.url)}")
    for row in summary.failed:
        reason = row.status.removeprefix("failed: ")
        console.print(f"  [red]{escape(row.repo)}[/] ({escape(row.student)}): {escape(reason)}")
    console.print(f"Status: {summary.status_file}")
    if summary.failed:
        note("Fix the problems above and run the same command again: finished students are skipped.")


@app.command("check")
def cohort_check(
    roster: RosterArgument,
    prefix: PrefixOption = "",
    status: CohortStatusOption = None,
    root: RootOption = None,
    org: Annotated[str | None, typer.Option("--org", help="Check the GitHub repositories ORG/<repo> instead.")] = None,
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
    from_status: Annotated[
        bool,
        typer.Option(
            "--from-status",
            help="With --org: read each repository's portfolio/docs commit status "
            "(set by the GitHub Action) instead of cloning: one request each.",
        ),
    ] = False,
    write_pause: WritePauseOption = DEFAULT_WRITE_PAUSE,
    quiet: QuietOption = False,
) -> None:
    """Check every student's project; write class-report.csv and class-report.html; print a summary."""
    from generator.check import load_rubric
    from generator.cohort.report import (
        CSV_NAME,
        HTML_NAME,
        check_class,
        read_class_statuses,
        resolve_targets,
        summary,
        write_csv,
        write_html,
    )
    from generator.cohort.roster import read_roster
    from generator.errors import UsageError
    from generator.github import api as github_api

    if root is not None and org is not None:
        raise UsageError("give --root or --org, not both")
    if from_status and org is None:
        raise UsageError("--from-status reads results from GitHub: give --org ORG")
    students = read_roster(roster, prefix)
    token = api = None
    links: dict[str, str] = {}
    if org is not None:
        from generator.github.org import repository_urls

        api = github_api.api_url(api_url)
        token = github_api.resolve_token(token_env, api)
        if not from_status:  # the statuses carry each repository's URL themselves
            client = github_api.client(token, api, write_pause=write_pause)
            links = repository_urls(client, org, token=token, api_url=api)
    targets = resolve_targets(
        students, status_file=status or cwd() / "cohort-status.csv", root=root, org=org, links=links
    )
    loaded = load_rubric(rubric)
    with _advance(len(targets), "reading" if from_status else "checking", quiet) as on_result:
        if from_status:
            assert api is not None and token is not None
            results = read_class_statuses(
                targets, api_url=api, token=token, write_pause=write_pause, on_result=on_result
            )
        else:
            results = check_class(targets, loaded, api_url=api_url, token=token, on_result=on_result)
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


@contextmanager
def _advance(total: int, label: str, quiet: bool) -> Iterator[Callable[[StudentResult], None] | None]:
    """A plain progress bar for the class report (nothing with --quiet)."""
    if quiet:
        yield None
        return
    from rich.progress import Progress

    with Progress(console=err()) as progress:
        task = progress.add_task(label, total=total)
        yield lambda _result: progress.advance(task)


def _print_class_table(results: list[StudentResult]) -> None:
    from rich.markup import escape
    from rich.table import Table

    table = Table(title="Class report", title_justify="left")
    for column in ("student", "repo", "score", "grade", "missing sections"):
        table.add_column(column, overflow="fold", justify="right" if column == "score" else "left")
    for result in results:
        row = result.as_row()
        missing = f"[red]{escape(result.error)}[/]" if result.error else escape(row["missing_sections"])
        table.add_row(escape(row["student"]), escape(row["repo"]), row["score"] or "-", row["grade"] or "-", missing)
    out().print(table)
